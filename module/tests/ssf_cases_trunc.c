// SPDX-License-Identifier: GPL-2.0
/*
 * Truncation cases: well-formed packets whose every header the runners
 * cut at every length (ssf_case_check_trunc()), and the reason each range
 * of cut lengths trips. See ssf_cases.h.
 */
#include "ssf_cases_priv.h"

static void t4_tcp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	static const u8 o[12] = { 2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 1, 0 };

	ssf_tb_ip4(t, a->s4, a->d4);
	ssf_tb_tcp(t, 40000, 443, SSF_TB_SYN, o, sizeof(o));
	ssf_tb_zero(t, 10);
	ssf_tb_done(t);
}

static void t4_opts_tcp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	static const u8 ipo[4] = { 1, 1, 1, 0 };
	static const u8 o[12] = { 2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7 };

	ssf_tb_ip4_opts(t, a->s4, a->d4, ipo, sizeof(ipo));
	ssf_tb_tcp(t, 40000, 80, SSF_TB_SYN, o, sizeof(o));
	ssf_tb_done(t);
}

static void t4_opts_udp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	static const u8 rr[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };

	ssf_tb_ip4_opts(t, a->s4, a->d4, rr, sizeof(rr));
	ssf_tb_udp(t, 5353, 5353);
	ssf_tb_zero(t, 6);
	ssf_tb_done(t);
}

static void t4_udp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip4(t, a->s4, a->d4);
	ssf_tb_udp(t, 1024, 53);
	ssf_tb_zero(t, 8);
	ssf_tb_done(t);
}

/* ICMP @type with 12 bytes of body */
static void t4_icmp(struct ssf_tb *t, const struct ssf_case_addrs *a, u8 type)
{
	ssf_tb_ip4(t, a->s4, a->d4);
	ssf_tb_icmp(t, type, 0);
	ssf_tb_zero(t, 12);
	ssf_tb_done(t);
}

static void t4_echo(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	t4_icmp(t, a, 8);
}

static void t4_ts(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	t4_icmp(t, a, 13);
}

static void t4_ts_reply(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	t4_icmp(t, a, 14);
}

/* port unreachable quoting 28 bytes of the datagram it answers */
static void t4_err(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	icmp_error(t, a, SSF_FAMILY_IPV4, 3, 3, 100, 28, 0);
}

static void t4_frag(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip4(t, a->s4, a->d4);
	ssf_tb_tcp(t, 40000, 443, SSF_TB_ACK, NULL, 0);
	ssf_tb_zero(t, 12);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 0x2000);		/* MF */
}

static void t6_tcp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_tcp(t, 40000, 443, SSF_TB_ACK | SSF_TB_PSH, NULL, 0);
	ssf_tb_zero(t, 5);
	ssf_tb_done(t);
}

static void t6_chain(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	static const u8 dst16[14] = { 1, 4, 0, 0, 0, 0, 0x3e, 2, 0, 0,
				      1, 2, 0, 0 };

	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_opt8(t, SSF_TB_HOP);			/* 40..48 */
	ssf_tb_ext(t, SSF_TB_DST, dst16, sizeof(dst16));	/* 48..64 */
	ssf_tb_rt(t, 4);				/* 64..72 */
	ssf_tb_ah(t);					/* 72..96 */
	ssf_tb_opt8(t, SSF_TB_DST);			/* 96..104 */
	ssf_tb_udp(t, 1000, 2000);			/* 104..112 */
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
}

static void t6_ext_tcp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	static const u8 exp[14] = { 0x1e, 12 };	/* experimental, RFC 4727 */

	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_opt8(t, SSF_TB_HOP);
	ssf_tb_opts(t, SSF_TB_DST, 1, exp, sizeof(exp));
	ssf_tb_tcp(t, 40000, 80, SSF_TB_ACK, NULL, 0);
	ssf_tb_done(t);
}

static void t6_rt_udp(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_rt(t, 2);
	ssf_tb_udp(t, 1024, 53);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
}

static void t6_ns(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_icmp6(t, 135, 0);
	ssf_tb_zero(t, 16);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, 255);
}

/* port unreachable quoting 56 bytes of the datagram it answers */
static void t6_err(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	icmp_error(t, a, SSF_FAMILY_IPV6, 1, 4, 100, 56, 0);
}

static void t6_frag(struct ssf_tb *t, const struct ssf_case_addrs *a)
{
	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_frag6(t, 0, true);			/* 40..48 */
	ssf_tb_opt8(t, SSF_TB_DST);			/* 48..56 */
	ssf_tb_tcp(t, 40000, 443, SSF_TB_ACK, NULL, 0);	/* 56..76 */
	ssf_tb_zero(t, 12);
	ssf_tb_done(t);
}

#define SEG(end, r)	{ end, SSF_R_##r }

const struct ssf_trunc_case ssf_trunc_cases[] = {
	{ "ip4 tcp with options", t4_tcp,
	  { SEG(20, IP4_TRUNCATED), SEG(40, TCP_TRUNCATED),
	    SEG(52, TCP_BAD_DOFF), SEG(62, NONE) } },
	{ "ip4 options, tcp options", t4_opts_tcp,
	  { SEG(20, IP4_TRUNCATED), SEG(24, IP4_BAD_IHL),
	    SEG(44, TCP_TRUNCATED), SEG(56, TCP_BAD_DOFF) } },
	{ "ip4 options, udp", t4_opts_udp,
	  { SEG(20, IP4_TRUNCATED), SEG(28, IP4_BAD_IHL),
	    SEG(36, UDP_TRUNCATED), SEG(42, UDP_BAD_LENGTH) } },
	{ "ip4 udp", t4_udp,
	  { SEG(20, IP4_TRUNCATED), SEG(28, UDP_TRUNCATED),
	    SEG(36, UDP_BAD_LENGTH) } },
	{ "ip4 icmp echo", t4_echo,
	  { SEG(20, IP4_TRUNCATED), SEG(28, ICMP_TRUNCATED), SEG(40, NONE) } },
	{ "ip4 icmp timestamp", t4_ts,
	  { SEG(20, IP4_TRUNCATED), SEG(40, ICMP_TRUNCATED) } },
	{ "ip4 icmp timestamp reply", t4_ts_reply,
	  { SEG(20, IP4_TRUNCATED), SEG(40, ICMP_TRUNCATED) } },
	{ "ip4 icmp unreachable", t4_err,
	  { SEG(20, IP4_TRUNCATED), SEG(28, ICMP_TRUNCATED),
	    SEG(48, ICMP_BAD_ERROR), SEG(56, NONE) } },
	{ "ip4 first fragment, tcp", t4_frag,
	  { SEG(20, IP4_TRUNCATED), SEG(40, IP4_FRAG_TINY), SEG(52, NONE) },
	  20 },
	{ "ip6 tcp", t6_tcp,
	  { SEG(40, IP6_TRUNCATED), SEG(60, TCP_TRUNCATED), SEG(65, NONE) } },
	{ "ip6 hop-by-hop, dstopts, routing, ah, dstopts, udp", t6_chain,
	  { SEG(40, IP6_TRUNCATED), SEG(104, IP6_EXTHDR_TRUNCATED),
	    SEG(112, UDP_TRUNCATED), SEG(116, UDP_BAD_LENGTH) } },
	{ "ip6 hop-by-hop, dstopts, tcp", t6_ext_tcp,
	  { SEG(40, IP6_TRUNCATED), SEG(64, IP6_EXTHDR_TRUNCATED),
	    SEG(84, TCP_TRUNCATED) } },
	{ "ip6 routing, udp", t6_rt_udp,
	  { SEG(40, IP6_TRUNCATED), SEG(48, IP6_EXTHDR_TRUNCATED),
	    SEG(56, UDP_TRUNCATED), SEG(60, UDP_BAD_LENGTH) } },
	{ "ip6 neighbour solicitation", t6_ns,
	  { SEG(40, IP6_TRUNCATED), SEG(64, ICMP6_TRUNCATED) } },
	{ "ip6 icmp6 unreachable", t6_err,
	  { SEG(40, IP6_TRUNCATED), SEG(48, ICMP6_TRUNCATED),
	    SEG(88, ICMP6_BAD_ERROR), SEG(104, NONE) } },
	{ "ip6 first fragment, dstopts, tcp", t6_frag,
	  { SEG(40, IP6_TRUNCATED), SEG(48, IP6_EXTHDR_TRUNCATED),
	    SEG(76, IP6_FRAG_TINY), SEG(88, NONE) },
	  48 },
};

const unsigned int ssf_trunc_count = ARRAY_SIZE(ssf_trunc_cases);
