// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit cases of the IPv6 header and extension header checks
 * (ssf_check_ip6.c): for each, a packet that trips the reason and its
 * well-formed twin.
 */
#include "ssf_check_kunit.h"

/* A chain of extension headers @nh[0..n) then UDP. */
void ssf_chk_v6_chain(struct kpkt *p, struct chk_env *e, const u8 *nh, u32 n)
{
	u32 i;

	v6_hdr(p, e, n ? nh[0] : UDP);
	for (i = 0; i < n; i++) {
		u8 next = i + 1 < n ? nh[i + 1] : UDP;

		if (nh[i] == RT)
			kp_ip6_rt(p, next, 2);
		else
			kp_ip6_opts(p, next, 0, NULL, 0);
	}
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

static void c_ip6_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	if (bad)
		p->len = 39;
}

static void c_ip6_version(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	if (bad)
		p->b[0] = 0x40 | (p->b[0] & 0x0f);
}

static void c_ip6_len_long(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	if (bad)
		kp_be16(p->b + 4, p->len - 40 + 1);
}

static void c_ip6_len_pad(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	if (bad)
		kp_be16(p->b + 4, p->len - 40 + 6);
	else
		kp_put(p, 6);
}

/* Payload length 0 on a non-GSO packet: the TCP header is not in it. */
static void c_ip6_len_gso(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, TCP);
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	e->ctx.gso = !bad;
}

static void c_ip6_src_mcast(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	if (bad)
		p->b[8] = 0xff;
}

static void c_ip6_src_lo(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_udp(p, e);
	memset(p->b + 8, 0, 16);
	p->b[23] = 1;			/* ::1 */
	e->ctx.loopback = !bad;
}

static void c_ip6_too_many(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { HOP, DST, RT };

	e->exthdr_max = 2;
	ssf_chk_v6_chain(p, e, nh, bad ? 3 : 2);
}

static void c_ip6_too_many0(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { DST };

	e->exthdr_max = 0;
	ssf_chk_v6_chain(p, e, nh, bad ? 1 : 0);
}

static void c_ip6_order_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 good[] = { HOP, DST }, wrong[] = { DST, HOP };

	ssf_chk_v6_chain(p, e, bad ? wrong : good, 2);
}

static void c_ip6_order_dst3(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { DST, RT, DST, DST };

	ssf_chk_v6_chain(p, e, nh, bad ? 4 : 3);
}

static void c_ip6_order_rt2(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { HOP, RT, RT };

	ssf_chk_v6_chain(p, e, nh, bad ? 3 : 2);
}

/* Hop-by-hop header claiming 16 bytes with 8 in the packet. */
static void c_ip6_ext_trunc(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, HOP);
	kp_ip6_opts(p, NONXT, 0, NULL, 0);
	if (bad)
		p->b[41] = 1;
	kp_ip6_fix(p);
}

static void c_ip6_rh0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, RT);
	kp_ip6_rt(p, UDP, bad ? 0 : 2);
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

static void v6_dstopts(struct kpkt *p, struct chk_env *e, u8 hdrlen,
		       const u8 *o, u32 olen)
{
	v6_hdr(p, e, DST);
	kp_ip6_opts(p, UDP, hdrlen, o, olen);
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

/* PadN with 6 bytes of padding data (8 padding bytes in a row). */
static void c_ip6_opt_padlong(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 wrong[14] = { 0x1e, 4, 1, 2, 3, 4, 1, 6 };
	static const u8 good[14] = { 0x1e, 6, 1, 2, 3, 4, 5, 6, 1, 4 };

	v6_dstopts(p, e, 1, bad ? wrong : good, 14);
}

static void c_ip6_opt_padnz(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[6] = { 1, 4, 0, 0, bad, 0 };

	v6_dstopts(p, e, 0, o, sizeof(o));
}

static void c_ip6_opt_overrun(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[6] = { 0x1e, bad ? 5 : 4 };

	v6_dstopts(p, e, 0, o, sizeof(o));
}

static void c_ip6_hop_padnz(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[6] = { 1, 4, 0, bad ? 0x80 : 0, 0, 0 };

	v6_hdr(p, e, HOP);
	kp_ip6_opts(p, UDP, 0, o, sizeof(o));
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

/* First fragment (offset 0, M) with @plen bytes of UDP datagram. */
static void v6_frag_first(struct kpkt *p, struct chk_env *e, u32 plen)
{
	v6_hdr(p, e, FRAG);
	kp_ip6_frag(p, UDP, 0, true);
	kp_udp(p, 1024, 53, plen - 8);
	kp_ip6_fix(p);
}

static void c_ip6_frag_len8(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_frag_first(p, e, bad ? 12 : 16);
}

static void c_ip6_frag_oversize(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, FRAG);
	kp_ip6_frag(p, UDP, 65528, false);
	kp_put(p, bad ? 8 : 7);
	kp_ip6_fix(p);
}

/* First fragment with 8 bytes of a TCP header (RFC 7112). */
static void c_ip6_frag_tiny(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, FRAG);
	kp_ip6_frag(p, TCP, 0, true);
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	if (bad)
		p->len -= 12;
	else
		kp_put(p, 4);
	kp_ip6_fix(p);
}

/* First fragment whose chain goes on in the next fragment. */
static void c_ip6_frag_tiny_chain(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, FRAG);
	kp_ip6_frag(p, DST, 0, true);
	kp_ip6_opts(p, TCP, 0, NULL, 0);
	if (bad) {
		p->b[49] = 2;		/* 24 bytes, 8 in this fragment */
	} else {
		kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
		kp_put(p, 4);
	}
	kp_ip6_fix(p);
}

static void c_mismatch6(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, bad ? ICMP : ICMP6);
	kp_icmp(p, bad ? 8 : 128, 0, NULL, 0);
	kp_ip6_fix(p);
}

static const struct chk_case cases[] = {
	CHK(IP6_TRUNCATED, c_ip6_truncated),
	CHK(IP6_BAD_VERSION, c_ip6_version),
	CHK(IP6_BAD_LENGTH, c_ip6_len_long),
	CHK(IP6_BAD_LENGTH, c_ip6_len_pad),
	CHK(TCP_TRUNCATED, c_ip6_len_gso),
	CHK(IP6_BAD_SOURCE, c_ip6_src_mcast),
	CHK(IP6_BAD_SOURCE, c_ip6_src_lo),
	CHK(IP6_EXTHDR_TOO_MANY, c_ip6_too_many),
	CHK(IP6_EXTHDR_TOO_MANY, c_ip6_too_many0),
	CHK(IP6_EXTHDR_ORDER, c_ip6_order_hop),
	CHK(IP6_EXTHDR_ORDER, c_ip6_order_dst3),
	CHK(IP6_EXTHDR_ORDER, c_ip6_order_rt2),
	CHK(IP6_EXTHDR_TRUNCATED, c_ip6_ext_trunc),
	CHK(IP6_RH0, c_ip6_rh0),
	CHK(IP6_BAD_OPTIONS, c_ip6_opt_padlong),
	CHK(IP6_BAD_OPTIONS, c_ip6_opt_padnz),
	CHK(IP6_BAD_OPTIONS, c_ip6_opt_overrun),
	CHK(IP6_BAD_OPTIONS, c_ip6_hop_padnz),
	CHK(IP6_FRAG_BAD, c_ip6_frag_len8),
	CHK(IP6_FRAG_BAD, c_ip6_frag_oversize),
	CHK(IP6_FRAG_TINY, c_ip6_frag_tiny),
	CHK(IP6_FRAG_TINY, c_ip6_frag_tiny_chain),
	CHK(PROTO_FAMILY_MISMATCH, c_mismatch6),
};

const struct chk_table ssf_chk_ip6 = { cases, ARRAY_SIZE(cases) };
