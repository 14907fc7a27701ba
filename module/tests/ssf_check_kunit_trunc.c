// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit truncation table: well-formed packets whose every header
 * ssf_check_truncated (ssf_check_kunit.c) cuts at every length, and the
 * reason each range of cut lengths trips.
 */
#include "ssf_check_kunit.h"

static void t4_tcp_opts(struct kpkt *p, struct chk_env *e)
{
	static const u8 ipo[4] = { 1, 1, 1, 0 };
	static const u8 tcpo[12] = { 2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7 };

	v4_hdr(p, e, TCP, ipo, sizeof(ipo));
	kp_tcp(p, 40000, 80, KP_SYN, tcpo, sizeof(tcpo));
	kp_ip4_fix(p);
}

static void t4_udp(struct kpkt *p, struct chk_env *e)
{
	v4_hdr(p, e, UDP, NULL, 0);
	kp_udp(p, 1024, 53, 8);
	kp_ip4_fix(p);
}

static void t4_icmp_err(struct kpkt *p, struct chk_env *e)
{
	ssf_chk_v4_icmp_err(p, e, 28, 4);
}

/* A timestamp request: 8 bytes of header and 12 of timestamps. */
static void t4_icmp_ts(struct kpkt *p, struct chk_env *e)
{
	static const u8 ts[12];

	v4_hdr(p, e, ICMP, NULL, 0);
	kp_icmp(p, 13, 0, ts, sizeof(ts));
	kp_ip4_fix(p);
}

static void t6_ext_tcp(struct kpkt *p, struct chk_env *e)
{
	static const u8 exp[14] = { 0x1e, 12 };

	v6_hdr(p, e, HOP);
	kp_ip6_opts(p, DST, 0, NULL, 0);
	kp_ip6_opts(p, TCP, 1, exp, sizeof(exp));
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	kp_ip6_fix(p);
}

static void t6_rt_udp(struct kpkt *p, struct chk_env *e)
{
	v6_hdr(p, e, RT);
	kp_ip6_rt(p, UDP, 2);
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

static void t6_ns(struct kpkt *p, struct chk_env *e)
{
	ssf_chk_v6_icmp6(p, e, 135, 255, 16);
}

static void t6_icmp6_err(struct kpkt *p, struct chk_env *e)
{
	ssf_chk_v6_icmp6_err(p, e, 48, 6);
}

const struct trunc_case ssf_chk_trunc_cases[] = {
	{ "ip4 options, tcp options", t4_tcp_opts,
	  { { 20, RSN(IP4_TRUNCATED) }, { 24, RSN(IP4_BAD_IHL) },
	    { 44, RSN(TCP_TRUNCATED) }, { 56, RSN(TCP_BAD_DOFF) } } },
	{ "ip4 udp", t4_udp,
	  { { 20, RSN(IP4_TRUNCATED) }, { 28, RSN(UDP_TRUNCATED) },
	    { 36, RSN(UDP_BAD_LENGTH) } } },
	{ "ip4 icmp error", t4_icmp_err,
	  { { 20, RSN(IP4_TRUNCATED) }, { 28, RSN(ICMP_TRUNCATED) },
	    { 48, RSN(ICMP_BAD_ERROR) }, { 56, RSN(NONE) } } },
	{ "ip4 icmp timestamp", t4_icmp_ts,
	  { { 20, RSN(IP4_TRUNCATED) }, { 40, RSN(ICMP_TRUNCATED) } } },
	{ "ip6 hop-by-hop, dstopts, tcp", t6_ext_tcp,
	  { { 40, RSN(IP6_TRUNCATED) }, { 64, RSN(IP6_EXTHDR_TRUNCATED) },
	    { 84, RSN(TCP_TRUNCATED) } } },
	{ "ip6 routing, udp", t6_rt_udp,
	  { { 40, RSN(IP6_TRUNCATED) }, { 48, RSN(IP6_EXTHDR_TRUNCATED) },
	    { 56, RSN(UDP_TRUNCATED) }, { 60, RSN(UDP_BAD_LENGTH) } } },
	{ "ip6 neighbour solicitation", t6_ns,
	  { { 40, RSN(IP6_TRUNCATED) }, { 64, RSN(ICMP6_TRUNCATED) } } },
	{ "ip6 icmp6 error", t6_icmp6_err,
	  { { 40, RSN(IP6_TRUNCATED) }, { 48, RSN(ICMP6_TRUNCATED) },
	    { 88, RSN(ICMP6_BAD_ERROR) }, { 96, RSN(NONE) } } },
};

const unsigned int ssf_chk_trunc_count = ARRAY_SIZE(ssf_chk_trunc_cases);
