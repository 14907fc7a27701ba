// SPDX-License-Identifier: GPL-2.0
/* Reason cases: TCP, UDP, ICMP, ICMPv6. See ssf_test_reasons.h. */
#include <stdlib.h>
#include "ssf_test_reasons.h"

/* ---- TCP ---- */

static void b_tcp_trunc4(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, TB_SYN);
	tb_done(t);
	if (bad)
		cut(t, 20 + 19);
}

static void b_tcp_trunc6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_tcp(t, TB_SYN);
	tb_done(t);
	if (bad)
		cut(t, 40 + 1);
}

static void b_tcp_plen0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	v6_tcp(t, TB_ACK);
	tb_zero(t, 10);
	tb_done(t);
	tb_set16(t, 4, 0);
	c->gso = !bad;			/* BIG TCP */
}

static void b_tcp_doff4(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, TB_ACK);
	tb_done(t);
	if (bad)
		tb_set8(t, t->l4 + 12, 0x40);
}

static void b_tcp_doff15(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_tcp(t, TB_ACK);
	tb_zero(t, 36);
	tb_done(t);
	if (bad)
		tb_set8(t, t->l4 + 12, 0xf0);	/* 60 bytes, 56 present */
}

static void tcp_opts(struct tb *t, const u8 *o, u32 olen)
{
	tb_ip4(t, S4, D4);
	tb_tcp(t, 1234, 80, TB_SYN, o, olen);
	tb_done(t);
}

static const u8 topt_ok[8] = { 2, 4, 5, 0xb4, 1, 1, 4, 2 };

static void b_tcp_opt_len0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 2, 0, 5, 0xb4, 1, 1, 4, 2 };

	(void)c;
	tcp_opts(t, bad ? o : topt_ok, 8);
}

static void b_tcp_opt_len1(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 1, 4, 1, 1, 1, 1, 1 };

	(void)c;
	tcp_opts(t, bad ? o : topt_ok, 8);
}

static void b_tcp_opt_over(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 1, 1, 1, 8, 10, 0, 0, 0 };

	(void)c;
	tcp_opts(t, bad ? o : topt_ok, 8);
}

static void b_tcp_opt_nolen(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	static const u8 o[8] = { 2, 4, 5, 0xb4, 1, 1, 1, 3 };
	static const u8 ok[8] = { 2, 4, 5, 0xb4, 1, 1, 0, 3 }; /* EOL */

	(void)c;
	tcp_opts(t, bad ? o : ok, 8);
}

static void b_tcp_null(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, bad ? 0 : TB_ACK);
	tb_done(t);
}

static void b_tcp_null_ece(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_tcp(t, bad ? 0xc0 : 0xc0 | TB_SYN);
	tb_done(t);
}

static void b_tcp_xmas(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	u8 f = TB_FIN | TB_PSH | TB_URG;

	(void)c;
	v4_tcp(t, bad ? f : f | TB_ACK);
	tb_done(t);
}

static void b_tcp_synfin(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, bad ? TB_SYN | TB_FIN : TB_SYN);
	tb_done(t);
}

static void b_tcp_synfin6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_tcp(t, bad ? TB_SYN | TB_FIN | TB_ACK : TB_FIN | TB_ACK);
	tb_done(t);
}

static void b_tcp_synrst(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, bad ? TB_SYN | TB_RST : TB_RST | TB_ACK);
	tb_done(t);
}

static void b_tcp_sport0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_tcp(t, TB_SYN);
	tb_done(t);
	tb_set16(t, t->l4, bad ? 0 : 1);
}

static void b_tcp_dport0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_tcp(t, TB_SYN);
	tb_done(t);
	tb_set16(t, t->l4 + 2, bad ? 0 : 1);
}

/* ---- UDP ---- */

static void b_udp_trunc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	if (bad)
		cut(t, 20 + 7);
}

static void b_udp_trunc6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	if (bad)
		cut(t, 40);
}

static void b_udp_len7(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	/* a UDP length short of the IP payload is allowed (RFC 768) */
	tb_set16(t, t->udp + 4, bad ? 7 : 8);
}

static void b_udp_long(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	if (bad)
		tb_set16(t, t->udp + 4, 13);
}

static void b_udp_sport0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v4_udp(t, S4, D4);
	tb_done(t);
	tb_set16(t, t->udp, bad ? 0 : 1);
}

static void b_udp_dport0(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	v6_udp(t, S6);
	tb_done(t);
	tb_set16(t, t->udp + 2, bad ? 0 : 65535);
}

/* ---- ICMP ---- */

static void b_icmp_trunc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip4(t, S4, D4);
	tb_icmp(t, 8, 0);
	tb_done(t);
	if (bad)
		cut(t, 20 + 7);
}

static void b_icmp_ts(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip4(t, S4, D4);
	tb_icmp(t, 13, 0);
	tb_zero(t, bad ? 11 : 12);
	tb_done(t);
}

static void b_icmp_mask(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip4(t, S4, D4);
	tb_icmp(t, 18, 0);
	if (!bad)
		tb_zero(t, 4);
	tb_done(t);
}

static void b_icmp_maskq(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip4(t, S4, D4);
	tb_icmp(t, 17, 0);
	if (!bad)
		tb_zero(t, 4);
	tb_done(t);
}

/* an ICMP error of @type quoting @qlen bytes of a 28-byte IPv4/UDP packet
 * whose first byte is @vihl
 */
static void icmp_err(struct tb *t, u8 type, u32 qlen, u8 vihl)
{
	struct tb *q = malloc(sizeof(*q));

	v4_udp(q, D4, S4);
	tb_done(q);
	tb_set8(q, 0, vihl);
	tb_ip4(t, "203.0.113.1", D4);
	tb_icmp(t, type, 1);
	tb_data(t, q->b, qlen);
	tb_done(t);
	free(q);
}

static void b_icmp_err_cut(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp_err(t, 3, bad ? 19 : 28, 0x45);
}

static void b_icmp_err_v6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp_err(t, 11, 28, bad ? 0x65 : 0x45);
}

static void b_icmp_err_ihl(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp_err(t, 12, 28, bad ? 0x44 : 0x45);
}

static void b_icmp_err_ihl6(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp_err(t, 5, bad ? 23 : 24, 0x46);
}

static void b_icmp_err_none(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp_err(t, 4, bad ? 0 : 20, 0x45);
}

static void b_icmp6_trunc(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	tb_ip6(t, S6, D6);
	tb_icmp6(t, 129, 0);
	tb_done(t);
	if (bad)
		cut(t, 40 + 4);
}

/* neighbour discovery message @type of @len bytes, hop limit @hl */
static void nd(struct tb *t, u8 type, u32 len, u8 hl)
{
	tb_ip6(t, "fe80::1", "ff02::1");
	tb_icmp6(t, type, 0);
	tb_zero(t, len - 8);
	tb_done(t);
	tb_set8(t, 7, hl);
}

static void b_icmp6_ns(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 135, bad ? 23 : 24, 255);
}

static void b_icmp6_ra(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 134, bad ? 8 : 16, 255);
}

static void b_icmp6_redir(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 137, bad ? 39 : 40, 255);
}

static void b_icmp6_mld(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 130, bad ? 20 : 24, 1);
}

/* an ICMPv6 error of @type quoting @qlen bytes of a 48-byte IPv6/UDP
 * packet whose first byte is @ver
 */
static void icmp6_err(struct tb *t, u8 type, u32 qlen, u8 ver)
{
	struct tb *q = malloc(sizeof(*q));

	v6_udp(q, D6);
	tb_done(q);
	tb_set8(q, 0, ver);
	tb_ip6(t, "2001:db8:ffff::1", D6);
	tb_icmp6(t, type, 0);
	tb_data(t, q->b, qlen);
	tb_done(t);
	free(q);
}

static void b_icmp6_err_cut(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp6_err(t, 1, bad ? 39 : 48, 0x60);
}

static void b_icmp6_err_v4(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp6_err(t, 2, 48, bad ? 0x45 : 0x60);
}

static void b_icmp6_err_none(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	icmp6_err(t, 4, bad ? 0 : 40, 0x60);
}

static void b_nd_ns(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 135, 24, bad ? 64 : 255);
}

static void b_nd_rs(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 133, 8, bad ? 254 : 255);
}

static void b_nd_na(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 136, 24, bad ? 0 : 255);
}

static void b_nd_ra(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 134, 16, bad ? 1 : 255);
}

static void b_nd_redir(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	(void)c;
	nd(t, 137, 40, bad ? 128 : 255);
}

static void b_nd_fwd(struct tb *t, bool bad, struct ssf_check_ctx *c)
{
	/* FORWARD sees the hop limit after ip6_forward() decremented it */
	nd(t, 135, 24, bad ? 253 : 254);
	c->path = SSF_PATH_FORWARD;
}

static const struct rcase rows[] = {
	{ SSF_R_TCP_TRUNCATED, "19 bytes over IPv4", b_tcp_trunc4 },
	{ SSF_R_TCP_TRUNCATED, "1 byte over IPv6", b_tcp_trunc6 },
	{ SSF_R_TCP_TRUNCATED, "IPv6 payload length 0 (twin: GSO)",
	  b_tcp_plen0 },
	{ SSF_R_TCP_BAD_DOFF, "data offset 4", b_tcp_doff4 },
	{ SSF_R_TCP_BAD_DOFF, "data offset past the segment", b_tcp_doff15 },
	{ SSF_R_TCP_BAD_OPTIONS, "option length 0", b_tcp_opt_len0 },
	{ SSF_R_TCP_BAD_OPTIONS, "option length 1", b_tcp_opt_len1 },
	{ SSF_R_TCP_BAD_OPTIONS, "option past the header", b_tcp_opt_over },
	{ SSF_R_TCP_BAD_OPTIONS, "option without length byte (twin: EOL)",
	  b_tcp_opt_nolen },
	{ SSF_R_TCP_NULL, "no flags", b_tcp_null },
	{ SSF_R_TCP_NULL, "only ECE and CWR", b_tcp_null_ece },
	{ SSF_R_TCP_XMAS, "FIN PSH URG (twin: with ACK)", b_tcp_xmas },
	{ SSF_R_TCP_SYN_FIN, "SYN FIN", b_tcp_synfin },
	{ SSF_R_TCP_SYN_FIN, "SYN FIN ACK over IPv6", b_tcp_synfin6 },
	{ SSF_R_TCP_SYN_RST, "SYN RST", b_tcp_synrst },
	{ SSF_R_TCP_PORT_ZERO, "source port 0", b_tcp_sport0 },
	{ SSF_R_TCP_PORT_ZERO, "destination port 0", b_tcp_dport0 },
	{ SSF_R_UDP_TRUNCATED, "7 bytes", b_udp_trunc },
	{ SSF_R_UDP_TRUNCATED, "0 bytes over IPv6", b_udp_trunc6 },
	{ SSF_R_UDP_BAD_LENGTH, "length 7 (twin: 8, shorter than IP)",
	  b_udp_len7 },
	{ SSF_R_UDP_BAD_LENGTH, "length past the payload", b_udp_long },
	{ SSF_R_UDP_PORT_ZERO, "source port 0", b_udp_sport0 },
	{ SSF_R_UDP_PORT_ZERO, "destination port 0", b_udp_dport0 },
	{ SSF_R_ICMP_TRUNCATED, "7 bytes", b_icmp_trunc },
	{ SSF_R_ICMP_TRUNCATED, "timestamp of 19 bytes", b_icmp_ts },
	{ SSF_R_ICMP_TRUNCATED, "address mask reply of 8 bytes",
	  b_icmp_mask },
	{ SSF_R_ICMP_TRUNCATED, "address mask request of 8 bytes",
	  b_icmp_maskq },
	{ SSF_R_ICMP_BAD_ERROR, "unreachable quoting 19 bytes",
	  b_icmp_err_cut },
	{ SSF_R_ICMP_BAD_ERROR, "time exceeded quoting IPv6",
	  b_icmp_err_v6 },
	{ SSF_R_ICMP_BAD_ERROR, "parameter problem quoting IHL 4",
	  b_icmp_err_ihl },
	{ SSF_R_ICMP_BAD_ERROR, "redirect quoting 23 bytes of IHL 6",
	  b_icmp_err_ihl6 },
	{ SSF_R_ICMP_BAD_ERROR, "source quench quoting nothing",
	  b_icmp_err_none },
	{ SSF_R_ICMP6_TRUNCATED, "4 bytes", b_icmp6_trunc },
	{ SSF_R_ICMP6_TRUNCATED, "neighbour solicitation of 23 bytes",
	  b_icmp6_ns },
	{ SSF_R_ICMP6_TRUNCATED, "router advertisement of 8 bytes",
	  b_icmp6_ra },
	{ SSF_R_ICMP6_TRUNCATED, "redirect of 39 bytes", b_icmp6_redir },
	{ SSF_R_ICMP6_TRUNCATED, "listener query of 20 bytes", b_icmp6_mld },
	{ SSF_R_ICMP6_BAD_ERROR, "unreachable quoting 39 bytes",
	  b_icmp6_err_cut },
	{ SSF_R_ICMP6_BAD_ERROR, "packet too big quoting IPv4",
	  b_icmp6_err_v4 },
	{ SSF_R_ICMP6_BAD_ERROR, "parameter problem quoting nothing",
	  b_icmp6_err_none },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "NS hop limit 64", b_nd_ns },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "RS hop limit 254", b_nd_rs },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "NA hop limit 0", b_nd_na },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "RA hop limit 1", b_nd_ra },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "redirect hop limit 128", b_nd_redir },
	{ SSF_R_ICMP6_ND_BAD_HOPLIMIT, "forwarded NS (twin: arrived 255)",
	  b_nd_fwd },
};

const struct rcases ssf_rcases_l4 = { rows, sizeof(rows) / sizeof(rows[0]) };
