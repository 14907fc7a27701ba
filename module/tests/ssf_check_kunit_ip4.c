// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit cases of the IPv4 header checks (ssf_check_ip4.c): for
 * each, a packet that trips the reason and its well-formed twin.
 */
#include "ssf_check_kunit.h"

static void c_ip4_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		p->len = 19;
}

static void c_ip4_version(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		p->b[0] = 0x65;
}

static void c_ip4_ihl_small(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		p->b[0] = 0x44;
}

static void c_ip4_ihl_past(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nop[4] = { 1, 1, 1, 1 };

	v4_hdr(p, e, UDP, nop, sizeof(nop));
	kp_udp(p, 1024, 53, 0);
	kp_ip4_fix(p);
	if (bad)
		p->b[0] = 0x4f;		/* 60 bytes of header in 32 */
}

static void c_ip4_len_long(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be16(p->b + 2, p->len + 1);
}

static void c_ip4_len_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be16(p->b + 2, 19);
}

/* Link-layer padding after the datagram is fine; missing bytes are not. */
static void c_ip4_len_pad(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be16(p->b + 2, p->len + 6);
	else
		kp_put(p, 6);
}

/* BIG TCP: total length 0 is fine on a GSO packet only. */
static void c_ip4_len_gso(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_ACK);
	kp_be16(p->b + 2, 0);
	e->ctx.gso = !bad;
}

static void v4_opts_udp(struct kpkt *p, struct chk_env *e, const u8 *opts,
			u32 optlen)
{
	v4_hdr(p, e, UDP, opts, optlen);
	kp_udp(p, 1024, 53, 0);
	kp_ip4_fix(p);
}

static void c_ip4_opt_overrun(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[4] = { 0x94, bad ? 8 : 4, 0, 0 };	/* router alert */

	v4_opts_udp(p, e, o, sizeof(o));
}

static void c_ip4_opt_len1(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[4] = { 1, 0x94, bad ? 1 : 2, 0 };

	v4_opts_udp(p, e, o, sizeof(o));
}

static void c_ip4_opt_rr_ptr(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[4] = { 7, 3, bad ? 3 : 4, 0 };	/* record route */

	v4_opts_udp(p, e, o, sizeof(o));
}

static void c_ip4_lsrr(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[8] = { bad ? 0x83 : 7, 7, 4, 10, 0, 0, 9, 1 };

	v4_opts_udp(p, e, o, sizeof(o));
}

static void c_ip4_ssrr(struct kpkt *p, struct chk_env *e, bool bad)
{
	const u8 o[8] = { bad ? 0x89 : 7, 7, 4, 10, 0, 0, 9, 1 };

	v4_opts_udp(p, e, o, sizeof(o));
}

/* A fragment of @plen bytes of UDP datagram (header first if @udp). */
static void v4_frag(struct kpkt *p, struct chk_env *e, u16 frag_off, u32 plen,
		    bool udp)
{
	v4_hdr(p, e, UDP, NULL, 0);
	if (udp)
		kp_udp(p, 1024, 53, plen - 8);
	else
		kp_put(p, plen);
	kp_be16(p->b + 6, frag_off);
	kp_ip4_fix(p);
}

static void c_ip4_frag_dfmf(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, bad ? 0x6000 : 0x2000, 16, true);
}

static void c_ip4_frag_rf(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, bad ? 0x8000 : 0, 16, true);
}

static void c_ip4_frag_len8(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, 0x2000, bad ? 12 : 16, true);
}

static void c_ip4_frag_dfoff(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, (bad ? 0x4000 : 0) | 100, 16, false);
}

/* Last fragment at 65504: 31 bytes end at 65535, 32 one past. */
static void c_ip4_frag_oversize(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, 65504 / 8, bad ? 32 : 31, false);
}

/* RFC 1858: a fragment at offset 8 can overwrite the TCP flags. */
static void c_ip4_frag_off1(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_frag(p, e, 0x2000 | (bad ? 1 : 2), 16, false);
}

/* First fragment with 8 bytes of a TCP header. */
static void c_ip4_frag_first(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, KP_ACK, NULL, 0);
	if (bad)
		p->len -= 12;
	else
		kp_put(p, 4);
	kp_be16(p->b + 6, 0x2000);
	kp_ip4_fix(p);
}

static void c_ip4_src_mcast(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be32(p->b + 12, KP_IP4(224, 0, 0, 5));
}

static void c_ip4_src_bcast(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	if (bad)
		kp_be32(p->b + 12, KP_IP4(255, 255, 255, 255));
}

/* 127/8 source: fine on loopback only. */
static void c_ip4_src_lo(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	kp_be32(p->b + 12, KP_IP4(127, 0, 0, 1));
	e->ctx.loopback = !bad;
}

static void c_ip4_land(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_SYN);
	if (bad)
		kp_be32(p->b + 16, S4);
}

static void c_ip4_land_lo(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_tcp(p, e, KP_SYN);
	kp_be32(p->b + 16, S4);
	e->ctx.loopback = !bad;
}

static void c_ip4_ttl0(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	p->b[8] = bad ? 0 : 1;
}

/* RFC 1112: a local sender may keep multicast on the host with TTL 0. */
static void c_ip4_ttl0_mcast(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	p->b[8] = 0;
	kp_be32(p->b + 16, bad ? D4 : KP_IP4(224, 0, 0, 251));
	e->ctx.path = SSF_PATH_LOCAL_OUT;
}

/* TTL 0 at FORWARD: it arrived with 1 and the kernel decremented it. */
static void c_ip4_ttl0_fwd(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_udp(p, e);
	p->b[8] = 0;
	e->ctx.path = bad ? SSF_PATH_INGRESS : SSF_PATH_FORWARD;
}

static void c_mismatch4(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, bad ? ICMP6 : ICMP, NULL, 0);
	kp_icmp(p, bad ? 128 : 8, 0, NULL, 0);
	kp_ip4_fix(p);
}

static const struct chk_case cases[] = {
	CHK(IP4_TRUNCATED, c_ip4_truncated),
	CHK(IP4_BAD_VERSION, c_ip4_version),
	CHK(IP4_BAD_IHL, c_ip4_ihl_small),
	CHK(IP4_BAD_IHL, c_ip4_ihl_past),
	CHK(IP4_BAD_LENGTH, c_ip4_len_long),
	CHK(IP4_BAD_LENGTH, c_ip4_len_short),
	CHK(IP4_BAD_LENGTH, c_ip4_len_pad),
	CHK(IP4_BAD_LENGTH, c_ip4_len_gso),
	CHK(IP4_BAD_OPTIONS, c_ip4_opt_overrun),
	CHK(IP4_BAD_OPTIONS, c_ip4_opt_len1),
	CHK(IP4_BAD_OPTIONS, c_ip4_opt_rr_ptr),
	CHK(IP4_SOURCE_ROUTE, c_ip4_lsrr),
	CHK(IP4_SOURCE_ROUTE, c_ip4_ssrr),
	CHK(IP4_FRAG_BAD, c_ip4_frag_dfmf),
	CHK(IP4_FRAG_BAD, c_ip4_frag_rf),
	CHK(IP4_FRAG_BAD, c_ip4_frag_len8),
	CHK(IP4_FRAG_BAD, c_ip4_frag_dfoff),
	CHK(IP4_FRAG_OVERSIZE, c_ip4_frag_oversize),
	CHK(IP4_FRAG_TINY, c_ip4_frag_off1),
	CHK(IP4_FRAG_TINY, c_ip4_frag_first),
	CHK(IP4_BAD_SOURCE, c_ip4_src_mcast),
	CHK(IP4_BAD_SOURCE, c_ip4_src_bcast),
	CHK(IP4_BAD_SOURCE, c_ip4_src_lo),
	CHK(IP4_LAND, c_ip4_land),
	CHK(IP4_LAND, c_ip4_land_lo),
	CHK(IP4_ZERO_TTL, c_ip4_ttl0),
	CHK(IP4_ZERO_TTL, c_ip4_ttl0_mcast),
	CHK(IP4_ZERO_TTL, c_ip4_ttl0_fwd),
	CHK(PROTO_FAMILY_MISMATCH, c_mismatch4),
};

const struct chk_table ssf_chk_ip4 = { cases, ARRAY_SIZE(cases) };
