// SPDX-License-Identifier: GPL-2.0
/*
 * Validation cases of the transport checks (ssf_check_l4.c): TCP and UDP,
 * each row over IPv4 and over IPv6; ICMP, ICMPv6; the protocol of the
 * other family. See ssf_cases.h.
 */
#include "ssf_cases_priv.h"

/* ---- TCP, over either family ------------------------------------------ */

/* TCP of @flags with @olen option bytes and @dlen data bytes, done */
static void l4_tcp(struct ssf_tb *t, const struct ssf_case_env *e, u8 flags,
		   const u8 *opts, u32 olen, u32 dlen)
{
	ssf_case_l3(t, e);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, flags, opts, olen);
	ssf_tb_zero(t, dlen);
	ssf_tb_done(t);
}

static void tcp_trunc19(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_SYN, NULL, 0, 0);
	if (bad)
		cut(t, t->l4 + 19);
}

static void tcp_trunc1(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_SYN, NULL, 0, 0);
	if (bad)
		cut(t, t->l4 + 1);
}

static void tcp_plen0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v6_tcp(t, e, SSF_TB_ACK);
	ssf_tb_zero(t, 10);
	ssf_tb_done(t);
	ssf_tb_set16(t, 4, 0);
	e->ctx.gso = !bad;		/* BIG TCP */
}

static void tcp_doff4(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_ACK, NULL, 0, 0);
	if (bad)
		ssf_tb_set8(t, t->l4 + 12, 0x40);
}

static void tcp_doff15(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_ACK, NULL, 0, 36);
	if (bad)
		ssf_tb_set8(t, t->l4 + 12, 0xf0);	/* 60 bytes, 56 there */
}

static const u8 topt_ok[8] = { 2, 4, 5, 0xb4, 1, 1, 4, 2 };

static void tcp_opts(struct ssf_tb *t, bool bad, const struct ssf_case_env *e,
		     const u8 *o)
{
	l4_tcp(t, e, SSF_TB_SYN, bad ? o : topt_ok, 8, 0);
}

static void tcp_opt_len0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 2, 0, 5, 0xb4, 1, 1, 4, 2 };

	tcp_opts(t, bad, e, o);
}

static void tcp_opt_len1(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 1, 4, 1, 1, 1, 1, 1 };

	tcp_opts(t, bad, e, o);
}

static void tcp_opt_over(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 1, 1, 1, 8, 10, 0, 0, 0 };

	tcp_opts(t, bad, e, o);
}

static void tcp_opt_nolen(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	static const u8 o[8] = { 2, 4, 5, 0xb4, 1, 1, 1, 3 };
	static const u8 ok[8] = { 2, 4, 5, 0xb4, 1, 1, 0, 3 };	/* EOL */

	l4_tcp(t, e, SSF_TB_SYN, bad ? o : ok, 8, 0);
}

/* TCP whose flags are @bad or @good */
static void tcp_flags(struct ssf_tb *t, bool bad, const struct ssf_case_env *e,
		      u8 badf, u8 goodf)
{
	l4_tcp(t, e, bad ? badf : goodf, NULL, 0, 0);
}

static void tcp_null(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	tcp_flags(t, bad, e, 0, SSF_TB_ACK);
}

static void tcp_null_ece(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	tcp_flags(t, bad, e, 0xc0, 0xc0 | SSF_TB_SYN);
}

static void tcp_xmas(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	u8 f = SSF_TB_FIN | SSF_TB_PSH | SSF_TB_URG;

	tcp_flags(t, bad, e, f, f | SSF_TB_ACK);
}

static void tcp_synfin(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	tcp_flags(t, bad, e, SSF_TB_SYN | SSF_TB_FIN, SSF_TB_SYN);
}

static void tcp_synfin_ack(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	tcp_flags(t, bad, e, SSF_TB_SYN | SSF_TB_FIN | SSF_TB_ACK,
		  SSF_TB_FIN | SSF_TB_ACK);
}

static void tcp_synrst(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	tcp_flags(t, bad, e, SSF_TB_SYN | SSF_TB_RST, SSF_TB_RST | SSF_TB_ACK);
}

/*
 * Port 0 on a reset: a real stack answers a SYN with a reset, which would
 * carry the port 0 back.
 */
static void tcp_sport0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_RST | SSF_TB_ACK, NULL, 0, 0);
	ssf_tb_set16(t, t->l4, bad ? 0 : 1);
}

static void tcp_dport0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_tcp(t, e, SSF_TB_RST | SSF_TB_ACK, NULL, 0, 0);
	ssf_tb_set16(t, t->l4 + 2, bad ? 0 : 1);
}

/* ---- UDP, over either family ------------------------------------------ */

/* UDP with 4 data bytes, done */
static void l4_udp(struct ssf_tb *t, const struct ssf_case_env *e)
{
	ssf_case_l3(t, e);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
}

static void udp_trunc7(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	if (bad)
		cut(t, t->l4 + 7);
}

static void udp_trunc0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	if (bad)
		cut(t, t->l4);
}

static void udp_len7(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	/* a UDP length short of the IP payload is allowed (RFC 768) */
	ssf_tb_set16(t, t->udp + 4, bad ? 7 : 8);
}

static void udp_long(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	if (bad)
		ssf_tb_set16(t, t->udp + 4, 13);
}

static void udp_sport0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	ssf_tb_set16(t, t->udp, bad ? 0 : 1);
}

static void udp_dport0(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	l4_udp(t, e);
	ssf_tb_set16(t, t->udp + 2, bad ? 0 : 65535);
}

/* ---- ICMP ------------------------------------------------------------- */

static void icmp_trunc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_icmp(t, 8, 0);
	ssf_tb_done(t);
	if (bad)
		cut(t, 20 + 7);
}

/* ICMP @type with @body bytes after its 8-byte header */
static void v4_icmp(struct ssf_tb *t, const struct ssf_case_env *e, u8 type,
		    u32 body)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_icmp(t, type, 0);
	ssf_tb_zero(t, body);
	ssf_tb_done(t);
}

static void icmp_ts(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_icmp(t, e, 13, bad ? 11 : 12);
}

static void icmp_mask(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_icmp(t, e, 18, bad ? 0 : 4);
}

static void icmp_maskq(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	v4_icmp(t, e, 17, bad ? 0 : 4);
}

/* an ICMP error of @type quoting @qlen bytes of a 32-byte IPv4 datagram */
static void icmp_err(struct ssf_tb *t, const struct ssf_case_env *e, u8 type,
		     u32 qlen, u8 vihl)
{
	icmp_error(t, e->a, SSF_FAMILY_IPV4, type, 1, 4, qlen, vihl);
}

static void icmp_err_cut(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp_err(t, e, 3, bad ? 19 : 28, 0x45);
}

static void icmp_err_v6(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp_err(t, e, 11, 28, bad ? 0x65 : 0x45);
}

static void icmp_err_ihl(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp_err(t, e, 12, 28, bad ? 0x44 : 0x45);
}

static void icmp_err_ihl6(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp_err(t, e, 5, bad ? 23 : 24, 0x46);
}

static void icmp_err_none(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp_err(t, e, 4, bad ? 0 : 20, 0x45);
}

/* ---- ICMPv6 ----------------------------------------------------------- */

static void icmp6_trunc(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_icmp6(t, 129, 0);
	ssf_tb_done(t);
	if (bad)
		cut(t, 40 + 4);
}

/* neighbour discovery message @type of @len bytes, hop limit @hl */
static void nd(struct ssf_tb *t, const struct ssf_case_env *e, u8 type,
	       u32 len, u8 hl)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_icmp6(t, type, 0);
	ssf_tb_zero(t, len - 8);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, hl);
}

static void icmp6_ns(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 135, bad ? 23 : 24, 255);
}

static void icmp6_ra(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 134, bad ? 8 : 16, 255);
}

static void icmp6_redir(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 137, bad ? 39 : 40, 255);
}

static void icmp6_mld(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 130, bad ? 20 : 24, 1);
}

/* an ICMPv6 error of @type quoting @qlen bytes of a 48-byte IPv6 datagram */
static void icmp6_err(struct ssf_tb *t, const struct ssf_case_env *e, u8 type,
		      u32 qlen, u8 ver)
{
	icmp_error(t, e->a, SSF_FAMILY_IPV6, type, 0, 4, qlen, ver);
}

static void icmp6_err_cut(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp6_err(t, e, 1, bad ? 39 : 48, 0x60);
}

static void icmp6_err_v4(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp6_err(t, e, 2, 48, bad ? 0x45 : 0x60);
}

static void icmp6_err_none(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	icmp6_err(t, e, 4, bad ? 0 : 40, 0x60);
}

static void nd_ns(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 135, 24, bad ? 64 : 255);
}

static void nd_rs(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 133, 8, bad ? 254 : 255);
}

static void nd_na(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 136, 24, bad ? 0 : 255);
}

static void nd_ra(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 134, 16, bad ? 1 : 255);
}

static void nd_redir(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	nd(t, e, 137, 40, bad ? 128 : 255);
}

static void nd_fwd(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	/* FORWARD sees the hop limit after ip6_forward() decremented it */
	nd(t, e, 135, 24, bad ? 253 : 254);
	e->ctx.path = SSF_PATH_FORWARD;
}

/* ---- the protocol of the other family --------------------------------- */

static void mismatch4(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	if (bad)
		ssf_tb_icmp6(t, 128, 0);
	else
		ssf_tb_icmp(t, 8, 0);
	ssf_tb_done(t);
}

static void mismatch6(struct ssf_tb *t, bool bad, struct ssf_case_env *e)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	if (bad)
		ssf_tb_icmp(t, 8, 0);
	else
		ssf_tb_icmp6(t, 128, 0);
	ssf_tb_done(t);
}

static const struct ssf_case cases[] = {
	SSF_CASE_IP(TCP_TRUNCATED, tcp_trunc19, 4, "19 bytes of TCP"),
	SSF_CASE_IP(TCP_TRUNCATED, tcp_trunc19, 6, "19 bytes of TCP"),
	SSF_CASE_IP(TCP_TRUNCATED, tcp_trunc1, 4, "1 byte of TCP"),
	SSF_CASE_IP(TCP_TRUNCATED, tcp_trunc1, 6, "1 byte of TCP"),
	SSF_CASE(TCP_TRUNCATED, tcp_plen0,
		 "IPv6 payload length 0 (twin: GSO)"),
	SSF_CASE_IP(TCP_BAD_DOFF, tcp_doff4, 4, "data offset 4"),
	SSF_CASE_IP(TCP_BAD_DOFF, tcp_doff4, 6, "data offset 4"),
	SSF_CASE_IP(TCP_BAD_DOFF, tcp_doff15, 4,
		    "data offset past the segment"),
	SSF_CASE_IP(TCP_BAD_DOFF, tcp_doff15, 6,
		    "data offset past the segment"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_len0, 4, "option length 0"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_len0, 6, "option length 0"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_len1, 4, "option length 1"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_len1, 6, "option length 1"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_over, 4, "option past the header"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_over, 6, "option past the header"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_nolen, 4,
		    "option without length byte (twin: EOL)"),
	SSF_CASE_IP(TCP_BAD_OPTIONS, tcp_opt_nolen, 6,
		    "option without length byte (twin: EOL)"),
	SSF_CASE_IP(TCP_NULL, tcp_null, 4, "no flags"),
	SSF_CASE_IP(TCP_NULL, tcp_null, 6, "no flags"),
	SSF_CASE_IP(TCP_NULL, tcp_null_ece, 4, "only ECE and CWR"),
	SSF_CASE_IP(TCP_NULL, tcp_null_ece, 6, "only ECE and CWR"),
	SSF_CASE_IP(TCP_XMAS, tcp_xmas, 4, "FIN PSH URG (twin: with ACK)"),
	SSF_CASE_IP(TCP_XMAS, tcp_xmas, 6, "FIN PSH URG (twin: with ACK)"),
	SSF_CASE_IP(TCP_SYN_FIN, tcp_synfin, 4, "SYN FIN"),
	SSF_CASE_IP(TCP_SYN_FIN, tcp_synfin, 6, "SYN FIN"),
	SSF_CASE_IP(TCP_SYN_FIN, tcp_synfin_ack, 4, "SYN FIN ACK"),
	SSF_CASE_IP(TCP_SYN_FIN, tcp_synfin_ack, 6, "SYN FIN ACK"),
	SSF_CASE_IP(TCP_SYN_RST, tcp_synrst, 4, "SYN RST"),
	SSF_CASE_IP(TCP_SYN_RST, tcp_synrst, 6, "SYN RST"),
	SSF_CASE_IP(TCP_PORT_ZERO, tcp_sport0, 4, "reset from port 0"),
	SSF_CASE_IP(TCP_PORT_ZERO, tcp_sport0, 6, "reset from port 0"),
	SSF_CASE_IP(TCP_PORT_ZERO, tcp_dport0, 4, "reset to port 0"),
	SSF_CASE_IP(TCP_PORT_ZERO, tcp_dport0, 6, "reset to port 0"),
	SSF_CASE_IP(UDP_TRUNCATED, udp_trunc7, 4, "7 bytes of UDP"),
	SSF_CASE_IP(UDP_TRUNCATED, udp_trunc7, 6, "7 bytes of UDP"),
	SSF_CASE_IP(UDP_TRUNCATED, udp_trunc0, 4, "no UDP header"),
	SSF_CASE_IP(UDP_TRUNCATED, udp_trunc0, 6, "no UDP header"),
	SSF_CASE_IP(UDP_BAD_LENGTH, udp_len7, 4,
		    "length 7 (twin: 8, shorter than IP)"),
	SSF_CASE_IP(UDP_BAD_LENGTH, udp_len7, 6,
		    "length 7 (twin: 8, shorter than IP)"),
	SSF_CASE_IP(UDP_BAD_LENGTH, udp_long, 4, "length past the payload"),
	SSF_CASE_IP(UDP_BAD_LENGTH, udp_long, 6, "length past the payload"),
	SSF_CASE_IP(UDP_PORT_ZERO, udp_sport0, 4, "source port 0"),
	SSF_CASE_IP(UDP_PORT_ZERO, udp_sport0, 6, "source port 0"),
	SSF_CASE_IP(UDP_PORT_ZERO, udp_dport0, 4, "destination port 0"),
	SSF_CASE_IP(UDP_PORT_ZERO, udp_dport0, 6, "destination port 0"),
	SSF_CASE(ICMP_TRUNCATED, icmp_trunc, "7 bytes"),
	SSF_CASE(ICMP_TRUNCATED, icmp_ts, "timestamp of 19 bytes"),
	SSF_CASE(ICMP_TRUNCATED, icmp_mask, "address mask reply of 8 bytes"),
	SSF_CASE(ICMP_TRUNCATED, icmp_maskq,
		 "address mask request of 8 bytes"),
	SSF_CASE(ICMP_BAD_ERROR, icmp_err_cut, "unreachable quoting 19 bytes"),
	SSF_CASE(ICMP_BAD_ERROR, icmp_err_v6, "time exceeded quoting IPv6"),
	SSF_CASE(ICMP_BAD_ERROR, icmp_err_ihl,
		 "parameter problem quoting IHL 4"),
	SSF_CASE(ICMP_BAD_ERROR, icmp_err_ihl6,
		 "redirect quoting 23 bytes of IHL 6"),
	SSF_CASE(ICMP_BAD_ERROR, icmp_err_none, "source quench quoting nothing"),
	SSF_CASE(ICMP6_TRUNCATED, icmp6_trunc, "4 bytes"),
	SSF_CASE(ICMP6_TRUNCATED, icmp6_ns,
		 "neighbour solicitation of 23 bytes"),
	SSF_CASE(ICMP6_TRUNCATED, icmp6_ra, "router advertisement of 8 bytes"),
	SSF_CASE(ICMP6_TRUNCATED, icmp6_redir, "redirect of 39 bytes"),
	SSF_CASE(ICMP6_TRUNCATED, icmp6_mld, "listener query of 20 bytes"),
	SSF_CASE(ICMP6_BAD_ERROR, icmp6_err_cut,
		 "unreachable quoting 39 bytes"),
	SSF_CASE(ICMP6_BAD_ERROR, icmp6_err_v4, "packet too big quoting IPv4"),
	SSF_CASE(ICMP6_BAD_ERROR, icmp6_err_none,
		 "parameter problem quoting nothing"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_ns, "NS hop limit 64"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_rs, "RS hop limit 254"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_na, "NA hop limit 0"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_ra, "RA hop limit 1"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_redir, "redirect hop limit 128"),
	SSF_CASE(ICMP6_ND_BAD_HOPLIMIT, nd_fwd,
		 "forwarded NS (twin: arrived 255)"),
	SSF_CASE(PROTO_FAMILY_MISMATCH, mismatch4, "ICMPv6 over IPv4"),
	SSF_CASE(PROTO_FAMILY_MISMATCH, mismatch6, "ICMP over IPv6"),
};

const struct ssf_case_table ssf_cases_l4 = { cases, ARRAY_SIZE(cases) };
