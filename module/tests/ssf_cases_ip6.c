// SPDX-License-Identifier: GPL-2.0
/*
 * Validation cases of the IPv6 checks (ssf_check_ip6.c): header, source,
 * extension headers, options, fragments. See ssf_cases.h.
 */
#include "ssf_cases_priv.h"

/* ---- header, source --------------------------------------------------- */

static void ip6_trunc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		t->len = 39;
}

static void ip6_ver(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, 0, 0x40);
}

static void ip6_len(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set16(t, 4, t->len - 40 + 1);
	else
		ssf_tb_zero(t, 6);	/* link padding */
}

static void ip6_len_gso(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_tcp(t, e, SSF_TB_ACK);
	ssf_tb_zero(t, 100);
	ssf_tb_done(t);
	ssf_tb_set16(t, 4, bad ? t->len - 40 + 1 : 0);
	e->ctx.gso = true;
}

static void ip6_src_mc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_udp_sd(t, bad ? "ff02::1" : "fe80::1", e->a->d6);
	ssf_tb_done(t);
}

/* @src instead of the ordinary source; the twin has the ordinary one. */
static void ip6_src(struct ssf_tb *t, bool bad, const struct ssf_case_env *e,
		    const char *src)
{
	v6_udp_sd(t, bad ? src : e->a->s6, e->a->d6);
	ssf_tb_done(t);
}

static void ip6_src_mc_plain(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	ip6_src(t, bad, e, "ff02::1");
}

static void ip6_src_lo_plain(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	ip6_src(t, bad, e, "::1");
}

static void ip6_src_lo(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_udp_sd(t, "::1", "::1");
	ssf_tb_done(t);
	e->ctx.loopback = !bad;
}

/* ---- extension headers ------------------------------------------------ */

/* @n destination options headers, then UDP */
static void v6_dsts(struct ssf_tb *t, const struct ssf_case_env *e,
		    unsigned int first, unsigned int n)
{
	unsigned int i;

	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	if (first != SSF_TB_DST)
		ssf_tb_opt8(t, first);
	for (i = first != SSF_TB_DST; i < n; i++)
		ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_many(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, SSF_TB_HOP);
	ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_rt(t, 4);
	if (bad)
		ssf_tb_ah(t);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, SSF_TB_SYN, NULL, 0);
	ssf_tb_done(t);
	e->exthdr_max = 3;
}

static void ip6_many2(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_dsts(t, e, SSF_TB_HOP, bad ? 3 : 2);
	e->exthdr_max = 2;
}

static void ip6_many_def(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	int i;

	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, SSF_TB_HOP);
	ssf_tb_rt(t, 4);
	ssf_tb_frag6(t, 0, false);
	ssf_tb_ah(t);
	for (i = 0; i < (bad ? 5 : 4); i++)
		ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_many9(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_dsts(t, e, SSF_TB_DST, bad ? 9 : 8);
}

static void ip6_many_zero(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_dsts(t, e, SSF_TB_DST, bad ? 1 : 0);
	e->exthdr_max = 0;
}

static void ip6_ord_hop(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, bad ? SSF_TB_DST : SSF_TB_HOP);
	ssf_tb_opt8(t, bad ? SSF_TB_HOP : SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_ord_rt2(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_rt(t, 4);
	if (bad)
		ssf_tb_rt(t, 4);
	else
		ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_ord_dst3(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_dsts(t, e, SSF_TB_DST, bad ? 3 : 2);
}

/* destination options before and after a routing header, then a third */
static void ip6_ord_dst_rt(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_rt(t, 2);
	ssf_tb_opt8(t, SSF_TB_DST);
	if (bad)
		ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_ord_frag2(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, false);
	if (bad)
		ssf_tb_frag6(t, 0, false);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_ord_ah2(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_ah(t);
	if (bad)
		ssf_tb_ah(t);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_ext_long(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, SSF_TB_HOP);
	ssf_tb_proto(t, SSF_TB_NONXT);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, t->ext + 1, 1);	/* 16 bytes, 8 present */
}

/* an options header of @type claiming 16 bytes, 8 there (twin: UDP after) */
static void v6_ext_long(struct ssf_tb *t, bool bad,
			const struct ssf_case_env *e, u8 type)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_opt8(t, type);
	if (bad) {
		ssf_tb_proto(t, SSF_TB_UDP);
		ssf_tb_done(t);
		ssf_tb_set8(t, t->ext + 1, 1);
	} else {
		ssf_tb_udp(t, SPORT, UDP_DPORT);
		ssf_tb_done(t);
	}
}

static void ip6_ext_long_hop(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	v6_ext_long(t, bad, e, SSF_TB_HOP);
}

static void ip6_ext_long_dst(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	v6_ext_long(t, bad, e, SSF_TB_DST);
}

/* payload length 0 with a hop-by-hop header: no payload, not a jumbogram */
static void ip6_ext_plen0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_dsts(t, e, SSF_TB_HOP, 1);
	if (bad)
		ssf_tb_set16(t, 4, 0);
}

static void ip6_ext_byte(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	if (bad) {
		ssf_tb_proto(t, SSF_TB_DST);
		ssf_tb_zero(t, 1);
	} else {
		ssf_tb_opt8(t, SSF_TB_DST);
		ssf_tb_proto(t, SSF_TB_NONXT);
	}
	ssf_tb_done(t);
}

static void ip6_ext_frag(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, false);
	ssf_tb_proto(t, SSF_TB_NONXT);
	ssf_tb_done(t);
	if (bad)
		cut(t, 40 + 7);
}

static void ip6_ext_ah(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_ah(t);
	ssf_tb_proto(t, SSF_TB_NONXT);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, t->ext + 1, 5);	/* 28 bytes, 24 present */
}

static void ip6_rh0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_rt(t, bad ? 0 : 2);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

/* type 0 with one address, no segment left (twin: an unknown type) */
static void ip6_rh0_addr(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	u8 body[22] = { 0 };

	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	if (bad) {
		ssf_tb_addr6(e->a->d6, body + 6);
		ssf_tb_ext(t, SSF_TB_RT, body, sizeof(body));
	} else {
		ssf_tb_rt(t, 253);
	}
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

/* ---- options ---------------------------------------------------------- */

/* one hop-by-hop or destination options header of @type with @body */
static void v6_opts(struct ssf_tb *t, const struct ssf_case_env *e, u8 type,
		    const u8 *body, u32 blen)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_ext(t, type, body, blen);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
}

static void ip6_opt_padnz(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[6] = { 1, 4, 0, 0, 1, 0 };
	static const u8 ok[6] = { 1, 4, 0, 0, 0, 0 };

	v6_opts(t, e, SSF_TB_DST, bad ? o : ok, 6);
}

static void ip6_hop_padnz(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[6] = { 1, 4, 0, 0x80, 0, 0 };
	static const u8 ok[6] = { 1, 4, 0, 0, 0, 0 };

	v6_opts(t, e, SSF_TB_HOP, bad ? o : ok, 6);
}

static void ip6_opt_padnl(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[14] = { 1, 6, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 0 };
	static const u8 ok[14] = { 1, 4, 0, 0, 0, 0, 5, 2, 0, 0, 1, 2, 0, 0 };

	v6_opts(t, e, SSF_TB_HOP, bad ? o : ok, 14);
}

static void ip6_opt_pad8(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[14] = { 0, 0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 0 };
	static const u8 ok[14] = { 0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 1, 0 };

	v6_opts(t, e, SSF_TB_HOP, bad ? o : ok, 14);
}

static void ip6_opt_run(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	/* PadN then PadN: a padding run of 10 bytes */
	static const u8 o[14] = { 1, 4, 0, 0, 0, 0, 1, 2, 0, 0, 5, 2, 0, 0 };
	static const u8 ok[14] = { 1, 4, 0, 0, 0, 0, 5, 2, 0, 0, 1, 2, 0, 0 };

	v6_opts(t, e, SSF_TB_DST, bad ? o : ok, 14);
}

static void ip6_opt_over(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[6] = { 5, 5, 0, 0, 0, 0 };
	static const u8 ok[6] = { 5, 2, 0, 0, 1, 0 };

	v6_opts(t, e, SSF_TB_HOP, bad ? o : ok, 6);
}

static void ip6_opt_nolen(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[6] = { 1, 3, 0, 0, 0, 5 };
	static const u8 ok[6] = { 1, 3, 0, 0, 0, 0 };

	v6_opts(t, e, SSF_TB_DST, bad ? o : ok, 6);
}

/* ---- fragments -------------------------------------------------------- */

static void ip6_frag_mod8(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, true);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_zero(t, bad ? 4 : 8);
	ssf_tb_done(t);
	ssf_tb_set16(t, t->udp + 4, 200);
}

static void ip6_frag_over(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 65528, false);
	ssf_tb_proto(t, SSF_TB_UDP);
	ssf_tb_zero(t, bad ? 8 : 7);
	ssf_tb_done(t);
}

static void ip6_tiny_tcp(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, true);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, SSF_TB_SYN, NULL, 0);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
	if (bad)
		cut(t, 48 + 8);
}

static void ip6_tiny_chain(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, true);
	ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_done(t);
	ssf_tb_set16(t, t->udp + 4, 300);
	if (bad)
		ssf_tb_set8(t, t->ext + 1, 2);	/* 24 bytes, 16 present */
}

static void ip6_tiny_opts(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[12] = { 2, 4, 5, 0xa0, 1, 3, 3, 7, 4, 2, 1, 1 };

	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_frag6(t, 0, true);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, SSF_TB_SYN, o, sizeof(o));
	ssf_tb_zero(t, 8);
	ssf_tb_done(t);
	if (bad)
		cut(t, 48 + 24);
}

static const struct ssf_case cases[] = {
	SSF_CASE(IP6_TRUNCATED, ip6_trunc, "39 bytes"),
	SSF_CASE(IP6_BAD_VERSION, ip6_ver, "version 4"),
	SSF_CASE(IP6_BAD_LENGTH, ip6_len,
		 "payload length past the bytes present (twin: padding)"),
	SSF_CASE(IP6_BAD_LENGTH, ip6_len_gso,
		 "GSO, payload length past the bytes (twin: 0)"),
	SSF_CASE(IP6_BAD_SOURCE, ip6_src_mc, "multicast source (twin: fe80::1)"),
	SSF_CASE(IP6_BAD_SOURCE, ip6_src_mc_plain, "source ff02::1"),
	SSF_CASE(IP6_BAD_SOURCE, ip6_src_lo_plain, "source ::1"),
	SSF_CASE(IP6_BAD_SOURCE, ip6_src_lo, "::1 off loopback (twin: on lo)"),
	SSF_CASE(IP6_EXTHDR_TOO_MANY, ip6_many, "4 headers, limit 3"),
	SSF_CASE(IP6_EXTHDR_TOO_MANY, ip6_many2, "3 headers, limit 2"),
	SSF_CASE(IP6_EXTHDR_TOO_MANY, ip6_many_def,
		 "9 headers, default limit 8",
		 SSF_RB(IP6_EXTHDR_ORDER), SSF_RB(IP6_EXTHDR_ORDER)),
	SSF_CASE(IP6_EXTHDR_TOO_MANY, ip6_many9,
		 "9 destination options, default limit 8",
		 SSF_RB(IP6_EXTHDR_ORDER), SSF_RB(IP6_EXTHDR_ORDER)),
	SSF_CASE(IP6_EXTHDR_TOO_MANY, ip6_many_zero, "1 header, limit 0"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_hop, "hop-by-hop second"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_rt2, "routing header twice"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_dst3, "three destination options"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_dst_rt,
		 "destination options after the upper ones"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_frag2, "fragment header twice"),
	SSF_CASE(IP6_EXTHDR_ORDER, ip6_ord_ah2, "AH twice"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_long,
		 "hop-by-hop past the payload"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_long_hop,
		 "hop-by-hop of 16 bytes, 8 there, UDP next"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_long_dst,
		 "destination options of 16 bytes, 8 there, UDP next"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_plen0,
		 "payload length 0 before a hop-by-hop header"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_byte,
		 "1 byte of destination options"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_frag,
		 "7 bytes of fragment header"),
	SSF_CASE(IP6_EXTHDR_TRUNCATED, ip6_ext_ah, "AH past the payload"),
	SSF_CASE(IP6_RH0, ip6_rh0, "routing type 0 (twin: type 2)"),
	SSF_CASE(IP6_RH0, ip6_rh0_addr,
		 "routing type 0 with an address (twin: type 253)"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_padnz,
		 "destination PadN with non-zero data"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_hop_padnz,
		 "hop-by-hop PadN with non-zero data"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_padnl, "PadN of 6 data bytes"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_pad8, "8 Pad1 in a row"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_run, "PadN after PadN"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_over, "option past the header"),
	SSF_CASE(IP6_BAD_OPTIONS, ip6_opt_nolen, "option without length byte"),
	SSF_CASE(IP6_FRAG_BAD, ip6_frag_mod8,
		 "first fragment length not a multiple of 8"),
	SSF_CASE(IP6_FRAG_BAD, ip6_frag_over, "offset + length 65536"),
	SSF_CASE(IP6_FRAG_TINY, ip6_tiny_tcp,
		 "first fragment with 8 bytes of TCP"),
	SSF_CASE(IP6_FRAG_TINY, ip6_tiny_chain,
		 "first fragment cuts the header chain"),
	SSF_CASE(IP6_FRAG_TINY, ip6_tiny_opts,
		 "first fragment cuts TCP options"),
};

const struct ssf_case_table ssf_cases_ip6 = { cases, ARRAY_SIZE(cases) };
