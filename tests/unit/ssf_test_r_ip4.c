// SPDX-License-Identifier: GPL-2.0
/*
 * Reason cases: IPv4 header, options, fragments, addresses, TTL. See
 * ssf_test_reasons.h.
 */
#include "ssf_test_reasons.h"

/* ---- IPv4 header ---- */

static void b_ip4_trunc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		t->len = 19;
}

static void b_ip4_trunc0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		t->len = 0;
}

static void b_ip4_ver5(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		tb_set8(t, 0, 0x55);
}

static void b_ip4_ver6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, TB_SYN);
	tb_done(t);
	if (bad)
		tb_set8(t, 0, 0x65);
}

static void b_ip4_ihl4(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		tb_set8(t, 0, 0x44);
}

static void b_ip4_ihl_past(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);		/* 32 bytes */
	tb_done(t);
	if (bad)
		tb_set8(t, 0, 0x49);	/* 36 bytes of header */
}

static void b_ip4_len_short(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		tb_set16(t, 2, 19);
}

static void b_ip4_len_long(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		tb_set16(t, 2, t->len + 1);
	else
		tb_zero(t, 6);		/* link padding after the datagram */
}

static void b_ip4_len_zero(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_tcp(t, TB_ACK);
	tb_done(t);
	tb_set16(t, 2, 0);
	c->gso = !bad;			/* BIG TCP */
}

static void b_ip4_len_zero_udp(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	if (bad)
		v4_udp(t, S4, D4);
	else
		v4_tcp(t, TB_ACK);
	tb_done(t);
	tb_set16(t, 2, 0);
	c->gso = true;			/* BIG TCP is TCP only */
}

static void v4_opts(struct tb *t, const u8 *opts, u32 olen)
{
	tb_ip4_opts(t, S4, D4, opts, olen);
	tb_udp(t, 1234, 53);
	tb_zero(t, 4);
	tb_done(t);
}

static const u8 opt_rr[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };

static void opt_case(struct tb *t, bool bad, const u8 *o, u32 olen)
{
	if (bad)
		v4_opts(t, o, olen);
	else
		v4_opts(t, opt_rr, sizeof(opt_rr));
}

static void b_ip4_opt_len0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 7, 0, 4 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_len1(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 7, 1 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_over(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 1, 7, 7, 4 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_nolen(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 1, 1, 1, 1, 1, 1, 7 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_rrptr(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 7, 7, 3 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_rrlen(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 7, 2, 1, 1, 1, 1, 1, 1 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_tslen(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 68, 3, 5, 1, 1, 1, 1, 1 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_opt_tsptr(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 68, 8, 4 };
	static const u8 ok[8] = { 68, 8, 5 };

	(void)c;
	v4_opts(t, bad ? o : ok, 8);
}

static void b_ip4_lsrr(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 131, 7, 4, 10, 0, 0, 1, 0 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_ssrr(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 137, 7, 4, 10, 0, 0, 1 };

	(void)c;
	opt_case(t, bad, o, sizeof(o));
}

static void b_ip4_srr_twice(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[16] = { 131, 7, 4, 10, 0, 0, 1,
				  137, 7, 4, 10, 0, 0, 2, 0, 0 };
	static const u8 ok[16] = { 131, 7, 4, 10, 0, 0, 1,
				   7, 7, 4, 10, 0, 0, 2, 0, 0 };

	(void)c;
	v4_opts(t, bad ? o : ok, 16);
}

/* ---- IPv4 fragments ---- */

/* UDP first fragment (MF) with @data bytes after the UDP header */
static void v4_udp_frag(struct tb *t, u16 frag, u32 data)
{
	tb_ip4(t, S4, D4);
	tb_udp(t, 1234, 53);
	tb_zero(t, data);
	tb_done(t);
	tb_set16(t, t->udp + 4, 8 + data + 64);	/* datagram continues */
	tb_set16(t, 6, frag);
}

/* a non-first fragment: @len bytes at @off8 (8-byte units) */
static void v4_later(struct tb *t, u16 frag, u32 len)
{
	tb_ip4(t, S4, D4);
	tb_proto(t, 6);
	tb_zero(t, len);
	tb_done(t);
	tb_set16(t, 6, frag);
}

static void b_ip4_frag_rf(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	tb_set16(t, 6, bad ? 0x8000 : 0x4000);
}

static void b_ip4_frag_dfmf(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp_frag(t, bad ? 0x6000 : 0x2000, 8);
}

static void b_ip4_frag_dfoff(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_later(t, bad ? 0x4003 : 0x0003, 16);
}

static void b_ip4_frag_mod8(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp_frag(t, 0x2000, bad ? 4 : 8);
}

static void b_ip4_frag_mod8l(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_later(t, 0x2004, bad ? 20 : 24);
}

static void b_ip4_frag_over(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	/* 8189 * 8 = 65512: 23 more bytes reach 65535 */
	v4_later(t, 8189, bad ? 24 : 23);
}

static void b_ip4_frag_over2(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_later(t, bad ? 0x2000 | 8191 : 0x2000 | 8188, 16);
}

static void b_ip4_tiny_tcp(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, TB_SYN);
	tb_zero(t, 4);
	tb_done(t);
	if (bad)
		cut(t, 20 + 16);
	tb_set16(t, 6, 0x2000);
}

static void b_ip4_tiny_udp(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp_frag(t, 0x2000, 8);
	if (bad) {
		cut(t, 20);
		tb_set16(t, 6, 0x2000);
	}
}

static void b_ip4_tiny_off1(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_later(t, bad ? 1 : 2, 16);
}

static void b_ip4_tiny_opts(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[12] = { 2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 1, 1 };

	(void)c;
	tb_ip4(t, S4, D4);
	tb_tcp(t, 1234, 80, TB_SYN, o, sizeof(o));	/* 32 bytes */
	tb_zero(t, 8);
	tb_done(t);
	if (bad)
		cut(t, 20 + 24);
	tb_set16(t, 6, 0x2000);
}

/* ---- IPv4 addresses, TTL ---- */

static void b_ip4_src_mc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, bad ? "224.0.0.1" : "223.255.255.255", D4);
	tb_done(t);
}

static void b_ip4_src_bc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, bad ? "255.255.255.255" : "0.0.0.0",
	       bad ? D4 : "255.255.255.255");
	tb_done(t);
}

static void b_ip4_src_lo(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, "127.0.0.1", "127.0.0.53");
	tb_done(t);
	c->loopback = !bad;
}

static void b_ip4_src_lo_out(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, "127.1.2.3", D4);
	tb_done(t);
	c->path = SSF_PATH_LOCAL_OUT;
	c->loopback = !bad;
}

static void b_ip4_land(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	tb_ip4(t, S4, S4);
	tb_tcp(t, 80, 80, TB_SYN, NULL, 0);
	tb_done(t);
	c->loopback = !bad;
}

static void b_ip4_ttl0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	tb_set8(t, 8, bad ? 0 : 1);
}

static void b_ip4_ttl0_mc_out(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, S4, "224.0.0.251");
	tb_done(t);
	tb_set8(t, 8, 0);
	c->path = bad ? SSF_PATH_INGRESS : SSF_PATH_LOCAL_OUT;
}

static void b_ip4_ttl0_mc_lo(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, S4, "239.1.1.1");
	tb_done(t);
	tb_set8(t, 8, 0);
	c->loopback = !bad;		/* looped back multicast */
}

static void b_ip4_ttl0_fwd(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, S4, D4);
	tb_done(t);
	tb_set8(t, 8, 0);
	c->path = bad ? SSF_PATH_INGRESS : SSF_PATH_FORWARD;
}

static void b_ip4_ttl0_uc_out(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v4_udp(t, S4, D4);
	tb_done(t);
	tb_set8(t, 8, bad ? 0 : 1);
	c->path = SSF_PATH_LOCAL_OUT;
}

static const struct rcase rows[] = {
	{ SSF_R_IP4_TRUNCATED, "19 bytes", b_ip4_trunc },
	{ SSF_R_IP4_TRUNCATED, "0 bytes", b_ip4_trunc0 },
	{ SSF_R_IP4_BAD_VERSION, "version 5", b_ip4_ver5 },
	{ SSF_R_IP4_BAD_VERSION, "version 6", b_ip4_ver6 },
	{ SSF_R_IP4_BAD_IHL, "IHL 4", b_ip4_ihl4 },
	{ SSF_R_IP4_BAD_IHL, "IHL past the packet", b_ip4_ihl_past },
	{ SSF_R_IP4_BAD_LENGTH, "total length below IHL", b_ip4_len_short },
	{ SSF_R_IP4_BAD_LENGTH, "total length past the bytes present",
	  b_ip4_len_long },
	{ SSF_R_IP4_BAD_LENGTH, "total length 0 (twin: GSO)", b_ip4_len_zero },
	{ SSF_R_IP4_BAD_LENGTH, "GSO UDP, total length 0 (twin: TCP)",
	  b_ip4_len_zero_udp },
	{ SSF_R_IP4_BAD_OPTIONS, "option length 0", b_ip4_opt_len0 },
	{ SSF_R_IP4_BAD_OPTIONS, "option length 1", b_ip4_opt_len1 },
	{ SSF_R_IP4_BAD_OPTIONS, "option past the header", b_ip4_opt_over },
	{ SSF_R_IP4_BAD_OPTIONS, "option without length byte",
	  b_ip4_opt_nolen },
	{ SSF_R_IP4_BAD_OPTIONS, "record route pointer 3", b_ip4_opt_rrptr },
	{ SSF_R_IP4_BAD_OPTIONS, "record route length 2", b_ip4_opt_rrlen },
	{ SSF_R_IP4_BAD_OPTIONS, "timestamp length 3", b_ip4_opt_tslen },
	{ SSF_R_IP4_BAD_OPTIONS, "timestamp pointer 4", b_ip4_opt_tsptr },
	{ SSF_R_IP4_BAD_OPTIONS, "two source routes", b_ip4_srr_twice,
	  R(IP4_SOURCE_ROUTE), R(IP4_SOURCE_ROUTE) },
	{ SSF_R_IP4_SOURCE_ROUTE, "LSRR", b_ip4_lsrr },
	{ SSF_R_IP4_SOURCE_ROUTE, "SSRR after NOP", b_ip4_ssrr },
	{ SSF_R_IP4_FRAG_BAD, "reserved flag", b_ip4_frag_rf },
	{ SSF_R_IP4_FRAG_BAD, "DF with MF", b_ip4_frag_dfmf },
	{ SSF_R_IP4_FRAG_BAD, "DF with offset", b_ip4_frag_dfoff },
	{ SSF_R_IP4_FRAG_BAD, "first fragment length not a multiple of 8",
	  b_ip4_frag_mod8 },
	{ SSF_R_IP4_FRAG_BAD, "middle fragment length not a multiple of 8",
	  b_ip4_frag_mod8l },
	{ SSF_R_IP4_FRAG_OVERSIZE, "last fragment ends at 65536",
	  b_ip4_frag_over },
	{ SSF_R_IP4_FRAG_OVERSIZE, "offset 8191", b_ip4_frag_over2 },
	{ SSF_R_IP4_FRAG_TINY, "first fragment with 16 bytes of TCP",
	  b_ip4_tiny_tcp },
	{ SSF_R_IP4_FRAG_TINY, "first fragment with no UDP header",
	  b_ip4_tiny_udp },
	{ SSF_R_IP4_FRAG_TINY, "offset 1 (RFC 1858)", b_ip4_tiny_off1 },
	{ SSF_R_IP4_FRAG_TINY, "first fragment cuts TCP options",
	  b_ip4_tiny_opts },
	{ SSF_R_IP4_BAD_SOURCE, "multicast source", b_ip4_src_mc },
	{ SSF_R_IP4_BAD_SOURCE, "limited broadcast source", b_ip4_src_bc },
	{ SSF_R_IP4_BAD_SOURCE, "127/8 off loopback (twin: on lo)",
	  b_ip4_src_lo },
	{ SSF_R_IP4_BAD_SOURCE, "127/8 sent out a real device",
	  b_ip4_src_lo_out },
	{ SSF_R_IP4_LAND, "source = destination (twin: on lo)", b_ip4_land },
	{ SSF_R_IP4_ZERO_TTL, "TTL 0", b_ip4_ttl0 },
	{ SSF_R_IP4_ZERO_TTL, "TTL 0 from a local raw socket",
	  b_ip4_ttl0_uc_out },
	{ SSF_R_IP4_ZERO_TTL, "multicast TTL 0 received (twin: local out)",
	  b_ip4_ttl0_mc_out },
	{ SSF_R_IP4_ZERO_TTL, "multicast TTL 0 (twin: looped back)",
	  b_ip4_ttl0_mc_lo },
	{ SSF_R_IP4_ZERO_TTL, "TTL 0 received (twin: forwarded, arrived 1)",
	  b_ip4_ttl0_fwd },
};

const struct rcases ssf_rcases_ip4 = { rows, sizeof(rows) / sizeof(rows[0]) };
