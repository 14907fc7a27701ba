// SPDX-License-Identifier: GPL-2.0
/*
 * Reason cases: IPv6 header, extension headers, fragments; protocol of
 * the other family. See ssf_test_reasons.h.
 */
#include "ssf_test_reasons.h"

/* ---- IPv6 header ---- */

static void b_ip6_trunc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	if (bad)
		t->len = 39;
}

static void b_ip6_ver(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	if (bad)
		tb_set8(t, 0, 0x40);
}

static void b_ip6_len(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	if (bad)
		tb_set16(t, 4, t->len - 40 + 1);
	else
		tb_zero(t, 6);		/* link padding */
}

static void b_ip6_len_gso(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v6_tcp(t, TB_ACK);
	tb_zero(t, 100);
	tb_done(t);
	tb_set16(t, 4, bad ? t->len - 40 + 1 : 0);
	c->gso = true;
}

static void b_ip6_src_mc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, bad ? "ff02::1" : "fe80::1");
	tb_done(t);
}

static void b_ip6_src_lo(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v6_udp(t, "::1");
	tb_done(t);
	c->loopback = !bad;
}

/* ---- IPv6 extension headers ---- */

static void b_ip6_many(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, 0);
	tb_opt8(t, 60);
	tb_rt(t, 4);
	if (bad)
		tb_ah(t);
	tb_tcp(t, 1234, 80, TB_SYN, NULL, 0);
	tb_done(t);
}

static void b_ip6_many_def(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	int i;

	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, 0);
	tb_rt(t, 4);
	tb_frag6(t, 0, false);
	tb_ah(t);
	for (i = 0; i < (bad ? 5 : 4); i++)
		tb_opt8(t, 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_many_zero(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	if (bad)
		tb_opt8(t, 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ord_hop(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, bad ? 60 : 0);
	tb_opt8(t, bad ? 0 : 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ord_rt2(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, 60);
	tb_rt(t, 4);
	if (bad)
		tb_rt(t, 4);
	else
		tb_opt8(t, 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ord_dst3(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, 60);
	tb_opt8(t, 60);
	if (bad)
		tb_opt8(t, 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ord_frag2(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, false);
	if (bad)
		tb_frag6(t, 0, false);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ord_ah2(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_ah(t);
	if (bad)
		tb_ah(t);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_ext_long(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_opt8(t, 0);
	tb_proto(t, 59);
	tb_done(t);
	if (bad)
		tb_set8(t, t->ext + 1, 1);	/* 16 bytes, 8 present */
}

static void b_ip6_ext_byte(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	if (bad) {
		tb_proto(t, 60);
		tb_zero(t, 1);
	} else {
		tb_opt8(t, 60);
		tb_proto(t, 59);
	}
	tb_done(t);
}

static void b_ip6_ext_frag(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, false);
	tb_proto(t, 59);
	tb_done(t);
	if (bad)
		cut(t, 40 + 7);
}

static void b_ip6_ext_ah(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_ah(t);
	tb_proto(t, 59);
	tb_done(t);
	if (bad)
		tb_set8(t, t->ext + 1, 5);	/* 28 bytes, 24 present */
}

static void b_ip6_rh0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_rt(t, bad ? 0 : 2);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

/* one hop-by-hop (@type 0) or destination options header with @body */
static void v6_opts(struct tb *t, u8 type, const u8 *body, u32 blen)
{
	tb_ip6(t, S6, D6);
	tb_ext(t, type, body, blen);
	tb_udp(t, 1234, 53);
	tb_done(t);
}

static void b_ip6_opt_padnz(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[6] = { 1, 4, 0, 0, 1, 0 };
	static const u8 ok[6] = { 1, 4, 0, 0, 0, 0 };

	(void)c;
	v6_opts(t, 60, bad ? o : ok, 6);
}

static void b_ip6_opt_padnl(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[14] = { 1, 6, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 0 };
	static const u8 ok[14] = { 1, 4, 0, 0, 0, 0, 5, 2, 0, 0, 1, 2, 0, 0 };

	(void)c;
	v6_opts(t, 0, bad ? o : ok, 14);
}

static void b_ip6_opt_pad8(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[14] = { 0, 0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 0 };
	static const u8 ok[14] = { 0, 0, 0, 0, 0, 0, 0, 5, 2, 0, 0, 1, 1, 0 };

	(void)c;
	v6_opts(t, 0, bad ? o : ok, 14);
}

static void b_ip6_opt_run(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	/* PadN then PadN: a padding run of 10 bytes */
	static const u8 o[14] = { 1, 4, 0, 0, 0, 0, 1, 2, 0, 0, 5, 2, 0, 0 };
	static const u8 ok[14] = { 1, 4, 0, 0, 0, 0, 5, 2, 0, 0, 1, 2, 0, 0 };

	(void)c;
	v6_opts(t, 60, bad ? o : ok, 14);
}

static void b_ip6_opt_over(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[6] = { 5, 5, 0, 0, 0, 0 };
	static const u8 ok[6] = { 5, 2, 0, 0, 1, 0 };

	(void)c;
	v6_opts(t, 0, bad ? o : ok, 6);
}

static void b_ip6_opt_nolen(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[6] = { 1, 3, 0, 0, 0, 5 };
	static const u8 ok[6] = { 1, 3, 0, 0, 0, 0 };

	(void)c;
	v6_opts(t, 60, bad ? o : ok, 6);
}

/* ---- IPv6 fragments ---- */

static void b_ip6_frag_mod8(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, true);
	tb_udp(t, 1234, 53);
	tb_zero(t, bad ? 4 : 8);
	tb_done(t);
	tb_set16(t, t->udp + 4, 200);
}

static void b_ip6_frag_over(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 65528, false);
	tb_proto(t, 17);
	tb_zero(t, bad ? 8 : 7);
	tb_done(t);
}

static void b_ip6_tiny_tcp(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, true);
	tb_tcp(t, 1234, 80, TB_SYN, NULL, 0);
	tb_zero(t, 4);
	tb_done(t);
	if (bad)
		cut(t, 48 + 8);
}

static void b_ip6_tiny_chain(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, true);
	tb_opt8(t, 60);
	tb_udp(t, 1234, 53);
	tb_done(t);
	tb_set16(t, t->udp + 4, 300);
	if (bad)
		tb_set8(t, t->ext + 1, 2);	/* 24 bytes, 16 present */
}

static void b_ip6_tiny_opts(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[12] = { 2, 4, 5, 0xa0, 1, 3, 3, 7, 4, 2, 1, 1 };

	(void)c;
	tb_ip6(t, S6, D6);
	tb_frag6(t, 0, true);
	tb_tcp(t, 1234, 80, TB_SYN, o, sizeof(o));
	tb_zero(t, 8);
	tb_done(t);
	if (bad)
		cut(t, 48 + 24);
}

/* ---- protocol of the other family ---- */

static void b_mismatch4(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip4(t, S4, D4);
	if (bad)
		tb_icmp6(t, 128, 0);
	else
		tb_icmp(t, 8, 0);
	tb_done(t);
}

static void b_mismatch6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	if (bad)
		tb_icmp(t, 8, 0);
	else
		tb_icmp6(t, 128, 0);
	tb_done(t);
}

static const struct rcase rows[] = {
	{ SSF_R_IP6_TRUNCATED, "39 bytes", b_ip6_trunc },
	{ SSF_R_IP6_BAD_VERSION, "version 4", b_ip6_ver },
	{ SSF_R_IP6_BAD_LENGTH, "payload length past the bytes present",
	  b_ip6_len },
	{ SSF_R_IP6_BAD_LENGTH, "GSO (twin: payload length 0)",
	  b_ip6_len_gso },
	{ SSF_R_IP6_BAD_SOURCE, "multicast source", b_ip6_src_mc },
	{ SSF_R_IP6_BAD_SOURCE, "::1 off loopback (twin: on lo)",
	  b_ip6_src_lo },
	{ SSF_R_IP6_EXTHDR_TOO_MANY, "4 headers, limit 3", b_ip6_many,
	  0, 0, 3 },
	{ SSF_R_IP6_EXTHDR_TOO_MANY, "9 headers, default limit 8",
	  b_ip6_many_def, R(IP6_EXTHDR_ORDER), R(IP6_EXTHDR_ORDER) },
	{ SSF_R_IP6_EXTHDR_TOO_MANY, "1 header, limit 0", b_ip6_many_zero,
	  0, 0, -1 },
	{ SSF_R_IP6_EXTHDR_ORDER, "hop-by-hop second", b_ip6_ord_hop },
	{ SSF_R_IP6_EXTHDR_ORDER, "routing header twice", b_ip6_ord_rt2 },
	{ SSF_R_IP6_EXTHDR_ORDER, "three destination options",
	  b_ip6_ord_dst3 },
	{ SSF_R_IP6_EXTHDR_ORDER, "fragment header twice", b_ip6_ord_frag2 },
	{ SSF_R_IP6_EXTHDR_ORDER, "AH twice", b_ip6_ord_ah2 },
	{ SSF_R_IP6_EXTHDR_TRUNCATED, "hop-by-hop past the payload",
	  b_ip6_ext_long },
	{ SSF_R_IP6_EXTHDR_TRUNCATED, "1 byte of destination options",
	  b_ip6_ext_byte },
	{ SSF_R_IP6_EXTHDR_TRUNCATED, "7 bytes of fragment header",
	  b_ip6_ext_frag },
	{ SSF_R_IP6_EXTHDR_TRUNCATED, "AH past the payload", b_ip6_ext_ah },
	{ SSF_R_IP6_RH0, "routing type 0 (twin: type 2)", b_ip6_rh0 },
	{ SSF_R_IP6_BAD_OPTIONS, "PadN with non-zero data", b_ip6_opt_padnz },
	{ SSF_R_IP6_BAD_OPTIONS, "PadN of 6 data bytes", b_ip6_opt_padnl },
	{ SSF_R_IP6_BAD_OPTIONS, "8 Pad1 in a row", b_ip6_opt_pad8 },
	{ SSF_R_IP6_BAD_OPTIONS, "PadN after PadN", b_ip6_opt_run },
	{ SSF_R_IP6_BAD_OPTIONS, "option past the header", b_ip6_opt_over },
	{ SSF_R_IP6_BAD_OPTIONS, "option without length byte",
	  b_ip6_opt_nolen },
	{ SSF_R_IP6_FRAG_BAD, "first fragment length not a multiple of 8",
	  b_ip6_frag_mod8 },
	{ SSF_R_IP6_FRAG_BAD, "offset + length 65536", b_ip6_frag_over },
	{ SSF_R_IP6_FRAG_TINY, "first fragment with 8 bytes of TCP",
	  b_ip6_tiny_tcp },
	{ SSF_R_IP6_FRAG_TINY, "first fragment cuts the header chain",
	  b_ip6_tiny_chain },
	{ SSF_R_IP6_FRAG_TINY, "first fragment cuts TCP options",
	  b_ip6_tiny_opts },
	{ SSF_R_PROTO_FAMILY_MISMATCH, "ICMPv6 over IPv4", b_mismatch4 },
	{ SSF_R_PROTO_FAMILY_MISMATCH, "ICMP over IPv6", b_mismatch6 },
};

const struct rcases ssf_rcases_ip6 = { rows, sizeof(rows) / sizeof(rows[0]) };
