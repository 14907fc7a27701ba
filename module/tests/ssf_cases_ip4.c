// SPDX-License-Identifier: GPL-2.0
/*
 * Validation cases of the IPv4 checks (ssf_check_ip4.c): header, options,
 * fragments, addresses, TTL. See ssf_cases.h.
 */
#include "ssf_cases_priv.h"

/* ---- header ----------------------------------------------------------- */

static void ip4_trunc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		t->len = 19;
}

static void ip4_trunc0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		t->len = 0;
}

static void ip4_ver5(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, 0, 0x55);
}

static void ip4_ver6(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_tcp(t, e, SSF_TB_SYN);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, 0, 0x65);
}

static void ip4_ihl4(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, 0, 0x44);
}

static void ip4_ihl_past(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);			/* 32 bytes */
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set8(t, 0, 0x49);	/* 36 bytes of header */
}

static void ip4_len_short(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set16(t, 2, 19);
}

static void ip4_len_long(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	if (bad)
		ssf_tb_set16(t, 2, t->len + 1);
	else
		ssf_tb_zero(t, 6);	/* link padding after the datagram */
}

static void ip4_len_zero(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_tcp(t, e, SSF_TB_ACK);
	ssf_tb_done(t);
	ssf_tb_set16(t, 2, 0);
	e->ctx.gso = !bad;		/* BIG TCP */
}

static void ip4_len_zero_udp(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	if (bad)
		v4_udp(t, e);
	else
		v4_tcp(t, e, SSF_TB_ACK);
	ssf_tb_done(t);
	ssf_tb_set16(t, 2, 0);
	e->ctx.gso = true;		/* BIG TCP is TCP only */
}

/* ---- options ---------------------------------------------------------- */

static void v4_opts(struct ssf_tb *t, const struct ssf_case_env *e,
		    const u8 *opts, u32 olen)
{
	ssf_tb_ip4_opts(t, e->a->s4, e->a->d4, opts, olen);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
}

/* an empty record route with room for one address */
static const u8 opt_rr[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };

static void opt_case(struct ssf_tb *t, bool bad, const struct ssf_case_env *e,
		     const u8 *o, u32 olen)
{
	if (bad)
		v4_opts(t, e, o, olen);
	else
		v4_opts(t, e, opt_rr, sizeof(opt_rr));
}

static void ip4_opt_len0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 7, 0, 4 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_len1(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 7, 1 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_over(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 1, 7, 7, 4 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_nolen(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 1, 1, 1, 1, 1, 1, 7 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_rrptr(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 7, 7, 3 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_rrlen(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 7, 2, 1, 1, 1, 1, 1, 1 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_tslen(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 68, 3, 5, 1, 1, 1, 1, 1 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_opt_tsptr(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 68, 8, 4 };
	static const u8 ok[8] = { 68, 8, 5 };

	v4_opts(t, e, bad ? o : ok, 8);
}

static void ip4_srr_twice(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[16] = { 131, 7, 4, 10, 0, 0, 1,
				  137, 7, 4, 10, 0, 0, 2, 0, 0 };
	static const u8 ok[16] = { 131, 7, 4, 10, 0, 0, 1,
				   7, 7, 4, 10, 0, 0, 2, 0, 0 };

	v4_opts(t, e, bad ? o : ok, 16);
}

static void ip4_lsrr(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 131, 7, 4, 10, 0, 0, 1, 0 };

	opt_case(t, bad, e, o, sizeof(o));
}

static void ip4_ssrr(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 137, 7, 4, 10, 0, 0, 1 };

	opt_case(t, bad, e, o, sizeof(o));
}

/* A loose source route whose last hop was the destination. */
static void ip4_lsrr_done(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	u8 o[8] = { 131, 7, 8 };

	ssf_tb_addr4(e->a->d4, o + 3);
	opt_case(t, bad, e, o, sizeof(o));
}

/* ---- fragments -------------------------------------------------------- */

/* UDP first fragment (MF) with @data bytes after the UDP header */
static void v4_udp_frag(struct ssf_tb *t, const struct ssf_case_env *e,
			u16 frag, u32 data)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_zero(t, data);
	ssf_tb_done(t);
	ssf_tb_set16(t, t->udp + 4, 8 + data + 64);	/* datagram goes on */
	ssf_tb_set16(t, 6, frag);
}

/* a non-first fragment of @len bytes with flags and offset @frag */
static void v4_later(struct ssf_tb *t, const struct ssf_case_env *e,
		     u16 frag, u32 len)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_proto(t, SSF_TB_TCP);
	ssf_tb_zero(t, len);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, frag);
}

static void ip4_frag_rf(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, bad ? 0x8000 : 0x4000);
}

static void ip4_frag_dfmf(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_frag(t, e, bad ? 0x6000 : 0x2000, 8);
}

static void ip4_frag_dfoff(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_later(t, e, bad ? 0x4003 : 0x0003, 16);
}

static void ip4_frag_mod8(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_frag(t, e, 0x2000, bad ? 4 : 8);
}

static void ip4_frag_mod8l(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_later(t, e, 0x2004, bad ? 20 : 24);
}

static void ip4_frag_over(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	/* 8189 * 8 = 65512: 23 more bytes reach 65535 */
	v4_later(t, e, 8189, bad ? 24 : 23);
}

static void ip4_frag_over2(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_later(t, e, bad ? 0x2000 | 8191 : 0x2000 | 8188, 16);
}

static void ip4_tiny_tcp(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_tcp(t, e, SSF_TB_SYN);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
	if (bad)
		cut(t, 20 + 16);
	ssf_tb_set16(t, 6, 0x2000);
}

static void ip4_tiny_udp(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_frag(t, e, 0x2000, 8);
	if (bad) {
		cut(t, 20);
		ssf_tb_set16(t, 6, 0x2000);
	}
}

static void ip4_tiny_off1(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_later(t, e, bad ? 1 : 2, 16);
}

static void ip4_tiny_opts(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[12] = { 2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 1, 1 };

	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, SSF_TB_SYN, o, sizeof(o)); /* 32 */
	ssf_tb_zero(t, 8);
	ssf_tb_done(t);
	if (bad)
		cut(t, 20 + 24);
	ssf_tb_set16(t, 6, 0x2000);
}

/* ---- addresses, TTL --------------------------------------------------- */

static void ip4_src_mc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_sd(t, bad ? "224.0.0.1" : "223.255.255.255", e->a->d4);
	ssf_tb_done(t);
}

static void ip4_src_bc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_sd(t, bad ? "255.255.255.255" : "0.0.0.0",
		  bad ? e->a->d4 : "255.255.255.255");
	ssf_tb_done(t);
}

/* @src instead of the ordinary source; the twin has the ordinary one. */
static void ip4_src(struct ssf_tb *t, bool bad, const struct ssf_case_env *e,
		    const char *src)
{
	v4_udp_sd(t, bad ? src : e->a->s4, e->a->d4);
	ssf_tb_done(t);
}

static void ip4_src_mc5(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ip4_src(t, bad, e, "224.0.0.5");
}

static void ip4_src_bc_plain(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	ip4_src(t, bad, e, "255.255.255.255");
}

static void ip4_src_lo_plain(struct ssf_tb *t, bool bad,
			     struct ssf_case_env *e)
{
	ip4_src(t, bad, e, "127.0.0.1");
}

static void ip4_src_lo(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_sd(t, "127.0.0.1", "127.0.0.53");
	ssf_tb_done(t);
	e->ctx.loopback = !bad;
}

static void ip4_src_lo_out(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp_sd(t, "127.1.2.3", e->a->d4);
	ssf_tb_done(t);
	e->ctx.path = SSF_PATH_LOCAL_OUT;
	e->ctx.loopback = !bad;
}

static void ip4_land(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip4(t, e->a->s4, e->a->s4);
	ssf_tb_tcp(t, 80, 80, SSF_TB_SYN, NULL, 0);
	ssf_tb_done(t);
	e->ctx.loopback = !bad;
}

static void ip4_land_plain(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ip4_src(t, bad, e, e->a->d4);
}

static void ip4_ttl0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_udp(t, e);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, bad ? 0 : 1);
}

static void ip4_ttl0_uc_out(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ip4_ttl0(t, bad, e);
	e->ctx.path = SSF_PATH_LOCAL_OUT;
}

/* UDP to @dst with TTL 0 */
static void v4_ttl0(struct ssf_tb *t, const struct ssf_case_env *e,
		    const char *dst)
{
	v4_udp_sd(t, e->a->s4, dst);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, 0);
}

static void ip4_ttl0_mc_out(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_ttl0(t, e, "224.0.0.251");
	e->ctx.path = bad ? SSF_PATH_INGRESS : SSF_PATH_LOCAL_OUT;
}

static void ip4_ttl0_mc_local(struct ssf_tb *t, bool bad,
			      struct ssf_case_env *e)
{
	v4_ttl0(t, e, bad ? e->a->d4 : "224.0.0.251");
	e->ctx.path = SSF_PATH_LOCAL_OUT;
}

static void ip4_ttl0_mc_lo(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_ttl0(t, e, "239.1.1.1");
	e->ctx.loopback = !bad;		/* looped back multicast */
}

static void ip4_ttl0_fwd(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_ttl0(t, e, e->a->d4);
	e->ctx.path = bad ? SSF_PATH_INGRESS : SSF_PATH_FORWARD;
}

static const struct ssf_case cases[] = {
	SSF_CASE(IP4_TRUNCATED, ip4_trunc, "19 bytes"),
	SSF_CASE(IP4_TRUNCATED, ip4_trunc0, "0 bytes"),
	SSF_CASE(IP4_BAD_VERSION, ip4_ver5, "version 5"),
	SSF_CASE(IP4_BAD_VERSION, ip4_ver6, "version 6"),
	SSF_CASE(IP4_BAD_IHL, ip4_ihl4, "IHL 4"),
	SSF_CASE(IP4_BAD_IHL, ip4_ihl_past, "IHL past the packet"),
	SSF_CASE(IP4_BAD_LENGTH, ip4_len_short, "total length below IHL"),
	SSF_CASE(IP4_BAD_LENGTH, ip4_len_long,
		 "total length past the bytes present (twin: padding)"),
	SSF_CASE(IP4_BAD_LENGTH, ip4_len_zero, "total length 0 (twin: GSO)"),
	SSF_CASE(IP4_BAD_LENGTH, ip4_len_zero_udp,
		 "GSO UDP, total length 0 (twin: TCP)"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_len0, "option length 0"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_len1, "option length 1"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_over, "option past the header"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_nolen, "option without length byte"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_rrptr, "record route pointer 3"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_rrlen, "record route length 2"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_tslen, "timestamp length 3"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_opt_tsptr, "timestamp pointer 4"),
	SSF_CASE(IP4_BAD_OPTIONS, ip4_srr_twice, "two source routes",
		 SSF_RB(IP4_SOURCE_ROUTE), SSF_RB(IP4_SOURCE_ROUTE)),
	SSF_CASE(IP4_SOURCE_ROUTE, ip4_lsrr, "LSRR"),
	SSF_CASE(IP4_SOURCE_ROUTE, ip4_ssrr, "SSRR after NOP"),
	SSF_CASE(IP4_SOURCE_ROUTE, ip4_lsrr_done,
		 "LSRR whose last hop was the destination"),
	SSF_CASE(IP4_FRAG_BAD, ip4_frag_rf, "reserved flag (twin: DF)"),
	SSF_CASE(IP4_FRAG_BAD, ip4_frag_dfmf, "DF with MF"),
	SSF_CASE(IP4_FRAG_BAD, ip4_frag_dfoff, "DF with offset"),
	SSF_CASE(IP4_FRAG_BAD, ip4_frag_mod8,
		 "first fragment length not a multiple of 8"),
	SSF_CASE(IP4_FRAG_BAD, ip4_frag_mod8l,
		 "middle fragment length not a multiple of 8"),
	SSF_CASE(IP4_FRAG_OVERSIZE, ip4_frag_over, "last fragment ends at 65536"),
	SSF_CASE(IP4_FRAG_OVERSIZE, ip4_frag_over2, "offset 8191"),
	SSF_CASE(IP4_FRAG_TINY, ip4_tiny_tcp,
		 "first fragment with 16 bytes of TCP"),
	SSF_CASE(IP4_FRAG_TINY, ip4_tiny_udp,
		 "first fragment with no UDP header"),
	SSF_CASE(IP4_FRAG_TINY, ip4_tiny_off1, "offset 1 (RFC 1858)"),
	SSF_CASE(IP4_FRAG_TINY, ip4_tiny_opts, "first fragment cuts TCP options"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_mc,
		 "multicast source (twin: 223.255.255.255)"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_bc,
		 "limited broadcast source (twin: DHCP discover)"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_mc5, "source 224.0.0.5"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_bc_plain, "source 255.255.255.255"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_lo_plain, "source 127.0.0.1"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_lo, "127/8 off loopback (twin: on lo)"),
	SSF_CASE(IP4_BAD_SOURCE, ip4_src_lo_out, "127/8 sent out a real device"),
	SSF_CASE(IP4_LAND, ip4_land, "source = destination (twin: on lo)"),
	SSF_CASE(IP4_LAND, ip4_land_plain, "source = destination"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0, "TTL 0"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0_uc_out, "TTL 0 from a local raw socket"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0_mc_out,
		 "multicast TTL 0 received (twin: local out)"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0_mc_local,
		 "unicast TTL 0 local out (twin: multicast)"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0_mc_lo,
		 "multicast TTL 0 (twin: looped back)"),
	SSF_CASE(IP4_ZERO_TTL, ip4_ttl0_fwd,
		 "TTL 0 received (twin: forwarded, arrived 1)"),
};

const struct ssf_case_table ssf_cases_ip4 = { cases, ARRAY_SIZE(cases) };
