// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit cases of the TCP and UDP header checks
 * (ssf_check_l4.c): for each, a packet that trips the reason and its
 * well-formed twin.
 */
#include "ssf_check_kunit.h"

/* ---- TCP ---------------------------------------------------------------- */

static void c_tcp_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	if (bad)
		p->len--;
	kp_ip4_fix(p);
}

static void c_tcp6_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, TCP);
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	if (bad)
		p->len--;
	kp_ip6_fix(p);
}

static void c_tcp_doff_small(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_ACK);
	if (bad)
		p->b[20 + 12] = 4 << 4;
}

static void c_tcp_doff_past(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nop[4] = { 1, 1, 1, 1 };

	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, KP_ACK, nop, sizeof(nop));
	if (bad)
		p->len -= 4;		/* data offset 6 in a 20-byte segment */
	kp_ip4_fix(p);
}

static void v4_tcp_opts(struct kpkt *p, struct chk_env *e, const u8 *o)
{
	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, KP_SYN, o, 4);
	kp_ip4_fix(p);
}

static void c_tcp_opt_len0(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 wrong[4] = { 8, 0, 1, 1 }, good[4] = { 1, 1, 1, 1 };

	v4_tcp_opts(p, e, bad ? wrong : good);
}

static void c_tcp_opt_len1(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[4] = { 2, bad ? 1 : 4, 5, 0xb4 };

	v4_tcp_opts(p, e, o);
}

static void c_tcp_opt_overrun(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[4] = { 2, bad ? 8 : 4, 5, 0xb4 };

	v4_tcp_opts(p, e, o);
}

static void c_tcp_null(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, bad ? 0 : KP_ACK);
}

static void c_tcp_xmas(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_FIN | KP_PSH | KP_URG | (bad ? 0 : KP_ACK));
}

static void c_tcp_synfin(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_SYN | (bad ? KP_FIN : 0));
}

static void c_tcp_synrst(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_RST | (bad ? KP_SYN : 0));
}

static void c_tcp_sport0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_SYN);
	kp_be16(p->b + 20, bad ? 0 : 1);
}

static void c_tcp6_dport0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, TCP);
	kp_tcp(p, 40000, bad ? 0 : 1, KP_SYN, NULL, 0);
	kp_ip6_fix(p);
}

/* ---- UDP ---------------------------------------------------------------- */

static void c_udp_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, UDP, NULL, 0);
	kp_udp(p, 1024, 53, 0);
	if (bad)
		p->len--;
	kp_ip4_fix(p);
}

static void c_udp_len_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be16(p->b + 24, 7);
}

static void c_udp_len_long(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	kp_be16(p->b + 24, bad ? 13 : 12);
}

static void c_udp6_len_long(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	kp_be16(p->b + 44, bad ? 13 : 12);
}

static void c_udp_sport0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	kp_be16(p->b + 20, bad ? 0 : 1);
}

static void c_udp_dport0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	kp_be16(p->b + 22, bad ? 0 : 1);
}

static const struct chk_case cases[] = {
	CHK(TCP_TRUNCATED, c_tcp_truncated),
	CHK(TCP_TRUNCATED, c_tcp6_truncated),
	CHK(TCP_BAD_DOFF, c_tcp_doff_small),
	CHK(TCP_BAD_DOFF, c_tcp_doff_past),
	CHK(TCP_BAD_OPTIONS, c_tcp_opt_len0),
	CHK(TCP_BAD_OPTIONS, c_tcp_opt_len1),
	CHK(TCP_BAD_OPTIONS, c_tcp_opt_overrun),
	CHK(TCP_NULL, c_tcp_null),
	CHK(TCP_XMAS, c_tcp_xmas),
	CHK(TCP_SYN_FIN, c_tcp_synfin),
	CHK(TCP_SYN_RST, c_tcp_synrst),
	CHK(TCP_PORT_ZERO, c_tcp_sport0),
	CHK(TCP_PORT_ZERO, c_tcp6_dport0),
	CHK(UDP_TRUNCATED, c_udp_truncated),
	CHK(UDP_BAD_LENGTH, c_udp_len_short),
	CHK(UDP_BAD_LENGTH, c_udp_len_long),
	CHK(UDP_BAD_LENGTH, c_udp6_len_long),
	CHK(UDP_PORT_ZERO, c_udp_sport0),
	CHK(UDP_PORT_ZERO, c_udp_dport0),
};

const struct chk_table ssf_chk_l4 = { cases, ARRAY_SIZE(cases) };
