// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_check: the named validation checks (ssf_check.h).
 *
 * - Every reason has packets that trip it and well-formed twins, one field
 *   (or the context) apart, that trip nothing; a test fails if a reason has
 *   no such case.
 * - Actions: drop decides the verdict, audit records and passes, off
 *   neither; with every other check off a bad packet trips exactly its
 *   reason.
 * - Every packet as a non-linear skb split at every byte gives the same
 *   metadata and result as the linear one.
 * - Every truncation length of every header, with the IP length fields
 *   kept or rewritten, trips exactly the reason of the header cut.
 * - The reason names are the contract of issue 3; defaults and limits.
 *
 * Each ssf_check() call is also held to the invariants of ssf_check.h.
 */
#include <kunit/test.h>

#include "ssf_check.h"
#include "ssf_kunit_pkt.h"

#define TCP	6
#define UDP	17
#define ICMP	1
#define ICMP6	58
#define HOP	0
#define RT	43
#define FRAG	44
#define DST	60
#define NONXT	59

#define S4	KP_IP4(10, 0, 0, 1)
#define D4	KP_IP4(10, 0, 0, 2)

/* Context, family and limit a case runs with. */
struct chk_env {
	struct ssf_check_ctx ctx;	/* .cfg is set by the runner */
	u8 family;
	u8 exthdr_max;
};

struct chk_case {
	const char *name;
	u8 reason;
	/* build the bad packet (@bad) or its well-formed twin */
	void (*build)(struct kpkt *p, struct chk_env *e, bool bad);
};

/* ---- IPv4 --------------------------------------------------------------- */

static void v4_hdr(struct kpkt *p, struct chk_env *e, u8 proto,
		   const u8 *opts, u32 optlen)
{
	e->family = SSF_FAMILY_IPV4;
	kp_ip4(p, proto, S4, D4, 64, 0, opts, optlen);
}

static void v4_udp(struct kpkt *p, struct chk_env *e)
{
	v4_hdr(p, e, UDP, NULL, 0);
	kp_udp(p, 1024, 53, 4);
	kp_ip4_fix(p);
}

static void v4_tcp(struct kpkt *p, struct chk_env *e, u8 flags)
{
	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, flags, NULL, 0);
	kp_ip4_fix(p);
}

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

/* ---- IPv6 --------------------------------------------------------------- */

static void v6_hdr(struct kpkt *p, struct chk_env *e, u8 nh)
{
	e->family = SSF_FAMILY_IPV6;
	kp_ip6(p, nh, kp_a6_src, kp_a6_dst, 64);
}

static void v6_udp(struct kpkt *p, struct chk_env *e)
{
	v6_hdr(p, e, UDP);
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

/* A chain of extension headers @nh[0..n) then UDP. */
static void v6_chain(struct kpkt *p, struct chk_env *e, const u8 *nh, u32 n)
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

static void c_ip6_too_many(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { HOP, DST, RT };

	e->exthdr_max = 2;
	v6_chain(p, e, nh, bad ? 3 : 2);
}

static void c_ip6_too_many0(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { DST };

	e->exthdr_max = 0;
	v6_chain(p, e, nh, bad ? 1 : 0);
}

static void c_ip6_order_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 good[] = { HOP, DST }, wrong[] = { DST, HOP };

	v6_chain(p, e, bad ? wrong : good, 2);
}

static void c_ip6_order_dst3(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { DST, RT, DST, DST };

	v6_chain(p, e, nh, bad ? 4 : 3);
}

static void c_ip6_order_rt2(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 nh[] = { HOP, RT, RT };

	v6_chain(p, e, nh, bad ? 3 : 2);
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

static void c_mismatch4(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, bad ? ICMP6 : ICMP, NULL, 0);
	kp_icmp(p, bad ? 128 : 8, 0, NULL, 0);
	kp_ip4_fix(p);
}

static void c_mismatch6(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_hdr(p, e, bad ? ICMP : ICMP6);
	kp_icmp(p, bad ? 8 : 128, 0, NULL, 0);
	kp_ip6_fix(p);
}

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

/* ---- ICMP, ICMPv6 ------------------------------------------------------- */

static void c_icmp_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_hdr(p, e, ICMP, NULL, 0);
	kp_icmp(p, 8, 0, NULL, 0);
	if (bad)
		p->len--;
	kp_ip4_fix(p);
}

/* A timestamp request needs 20 bytes. */
static void c_icmp_ts(struct kpkt *p, struct chk_env *e, bool bad)
{
	static const u8 ts[12];

	v4_hdr(p, e, ICMP, NULL, 0);
	kp_icmp(p, 13, 0, ts, sizeof(ts));
	if (bad)
		p->len--;
	kp_ip4_fix(p);
}

/* An error quoting @qlen bytes of the IPv4/UDP datagram it is about. */
static void v4_icmp_err(struct kpkt *p, struct chk_env *e, u32 qlen, u8 qver)
{
	struct kpkt q = {};

	kp_ip4(&q, UDP, D4, S4, 63, 0, NULL, 0);
	kp_udp(&q, 53, 1024, 0);
	kp_ip4_fix(&q);
	q.b[0] = (qver << 4) | 5;
	v4_hdr(p, e, ICMP, NULL, 0);
	kp_icmp(p, 3, 3, q.b, qlen);
	kp_ip4_fix(p);
}

static void c_icmp_err_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_icmp_err(p, e, bad ? 19 : 28, 4);
}

static void c_icmp_err_ver(struct kpkt *p, struct chk_env *e, bool bad)
{
	v4_icmp_err(p, e, 28, bad ? 6 : 4);
}

static void v6_icmp6(struct kpkt *p, struct chk_env *e, u8 type, u8 hop,
		     u32 blen)
{
	static const u8 body[32];

	e->family = SSF_FAMILY_IPV6;
	kp_ip6(p, ICMP6, kp_a6_src, kp_a6_dst, hop);
	kp_icmp(p, type, 0, body, blen);
	kp_ip6_fix(p);
}

static void c_icmp6_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6(p, e, 128, 64, 0);
	if (bad) {
		p->len--;
		kp_ip6_fix(p);
	}
}

/* A neighbour solicitation needs 24 bytes. */
static void c_icmp6_ns_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6(p, e, 135, 255, bad ? 15 : 16);
}

static void v6_icmp6_err(struct kpkt *p, struct chk_env *e, u32 qlen, u8 qver)
{
	struct kpkt q = {};

	kp_ip6(&q, UDP, kp_a6_dst, kp_a6_src, 63);
	kp_udp(&q, 53, 1024, 0);
	kp_ip6_fix(&q);
	q.b[0] = (qver << 4) | (q.b[0] & 0x0f);
	v6_hdr(p, e, ICMP6);
	kp_icmp(p, 1, 4, q.b, qlen);
	kp_ip6_fix(p);
}

static void c_icmp6_err_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6_err(p, e, bad ? 39 : 48, 6);
}

static void c_icmp6_err_ver(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6_err(p, e, 48, bad ? 4 : 6);
}

static void c_icmp6_nd_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6(p, e, 135, bad ? 64 : 255, 16);
}

static void c_icmp6_ra_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6(p, e, 134, bad ? 254 : 255, 8);
}

/* At FORWARD the hop limit is one less than it arrived with. */
static void c_icmp6_nd_fwd(struct kpkt *p, struct chk_env *e, bool bad)
{
	v6_icmp6(p, e, 136, bad ? 64 : 254, 16);
	e->ctx.path = SSF_PATH_FORWARD;
}

#define CHK(r, f)	{ #f, SSF_R_##r, f }

static const struct chk_case chk_cases[] = {
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
	CHK(PROTO_FAMILY_MISMATCH, c_mismatch4),
	CHK(PROTO_FAMILY_MISMATCH, c_mismatch6),
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
	CHK(ICMP_TRUNCATED, c_icmp_truncated),
	CHK(ICMP_TRUNCATED, c_icmp_ts),
	CHK(ICMP_BAD_ERROR, c_icmp_err_short),
	CHK(ICMP_BAD_ERROR, c_icmp_err_ver),
	CHK(ICMP6_TRUNCATED, c_icmp6_truncated),
	CHK(ICMP6_TRUNCATED, c_icmp6_ns_short),
	CHK(ICMP6_BAD_ERROR, c_icmp6_err_short),
	CHK(ICMP6_BAD_ERROR, c_icmp6_err_ver),
	CHK(ICMP6_ND_BAD_HOPLIMIT, c_icmp6_nd_hop),
	CHK(ICMP6_ND_BAD_HOPLIMIT, c_icmp6_ra_hop),
	CHK(ICMP6_ND_BAD_HOPLIMIT, c_icmp6_nd_fwd),
};

static void chk_case_desc(const struct chk_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s",
		 ssf_reason_name(c->reason) ?: "?", c->name + 2);
}

KUNIT_ARRAY_PARAM(chk, chk_cases, chk_case_desc);

/* ---- running ssf_check() ------------------------------------------------ */

static void cfg_all(struct ssf_check_cfg *cfg, u8 act, u8 exthdr_max)
{
	memset(cfg->action, act, sizeof(cfg->action));
	cfg->action[SSF_R_NONE] = SSF_CHK_OFF;
	cfg->ip6_exthdr_max = exthdr_max;
}

/* What ssf_check.h promises of every call. */
static void expect_invariants(struct kunit *test, u8 family,
			      const struct ssf_check_cfg *cfg,
			      const struct ssf_pkt *pkt,
			      const struct ssf_check_res *res)
{
	unsigned int r;

	KUNIT_EXPECT_LE(test, res->verdict, SSF_VERDICT_DROP);
	KUNIT_EXPECT_EQ(test, res->verdict == SSF_VERDICT_DROP,
			res->reason != SSF_R_NONE);
	if (res->reason != SSF_R_NONE) {
		KUNIT_EXPECT_TRUE(test, res->tripped & SSF_R_BIT(res->reason));
		KUNIT_EXPECT_GE(test, cfg->action[res->reason], SSF_CHK_DROP);
	}
	KUNIT_EXPECT_FALSE(test, res->tripped & SSF_R_BIT(SSF_R_NONE));
	for (r = 1; r < 64; r++) {
		if (!(res->tripped & SSF_R_BIT(r)))
			continue;
		KUNIT_EXPECT_LE(test, r, SSF_R_MAX);
		if (r <= SSF_R_MAX)
			KUNIT_EXPECT_NE_MSG(test, cfg->action[r], SSF_CHK_OFF,
					    "%s tripped while off",
					    ssf_reason_name(r));
	}
	KUNIT_EXPECT_LE(test, res->incomplete, SSF_R_MAX);
	/* (an unknown family is partial too, with nothing incomplete) */
	if (family == SSF_FAMILY_IPV4 || family == SSF_FAMILY_IPV6)
		KUNIT_EXPECT_EQ(test, res->incomplete != SSF_R_NONE,
				!!(pkt->flags & SSF_PKT_F_PARTIAL));
}

/* ssf_check() of @p (cut to @len) in an skb laid out as ssf_kunit_skb(). */
static void run(struct kunit *test, const struct kpkt *p, u32 len,
		const struct chk_env *e, const struct ssf_check_cfg *cfg,
		u32 lead, u32 head, u32 mid, struct ssf_pkt *pkt,
		struct ssf_check_res *res)
{
	struct sk_buff *skb = ssf_kunit_skb(test, p->b, len, lead, head, mid);
	struct ssf_check_ctx ctx = e->ctx;
	enum ssf_verdict v;
	struct ssf_buf b;

	ctx.cfg = cfg;
	ssf_buf_init_skb(&b, skb);
	v = ssf_check(&b, e->family, &ctx, pkt, res);
	ssf_kunit_skb_put(test, skb);
	KUNIT_EXPECT_EQ(test, v, res->verdict);
	KUNIT_EXPECT_EQ(test, pkt->family, e->family);
	KUNIT_EXPECT_EQ(test, pkt->len, len);
	expect_invariants(test, e->family, cfg, pkt, res);
}

static void run_linear(struct kunit *test, const struct kpkt *p,
		       const struct chk_env *e, const struct ssf_check_cfg *cfg,
		       struct ssf_pkt *pkt, struct ssf_check_res *res)
{
	run(test, p, p->len, e, cfg, 0, p->len, 0, pkt, res);
}

/* Build case @c's bad or good packet into a fresh packet and env. */
static struct kpkt *build(struct kunit *test, const struct chk_case *c,
			  bool bad, struct chk_env *e)
{
	struct kpkt *p = kp_new(test);

	memset(e, 0, sizeof(*e));
	e->exthdr_max = SSF_IP6_EXTHDR_DEFAULT;
	c->build(p, e, bad);
	return p;
}

static struct ssf_check_cfg *new_cfg(struct kunit *test)
{
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	return cfg;
}

static const char *rname(unsigned int r)
{
	return ssf_reason_name(r) ?: "none";
}

/* ---- the cases ---------------------------------------------------------- */

/*
 * Every check on audit (nothing stops early): the bad packet trips its
 * reason, the twin trips nothing and parses to the end.
 */
static void ssf_check_bad_and_twin(struct kunit *test)
{
	const struct chk_case *c = test->param_value;
	struct ssf_check_cfg *cfg = new_cfg(test);
	struct ssf_check_res res;
	struct ssf_pkt pkt;
	struct chk_env e;
	struct kpkt *p;

	p = build(test, c, true, &e);
	cfg_all(cfg, SSF_CHK_AUDIT, e.exthdr_max);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_TRUE_MSG(test, res.tripped & SSF_R_BIT(c->reason),
			      "bad packet did not trip %s (tripped %llx)",
			      rname(c->reason), res.tripped);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);

	p = build(test, c, false, &e);
	cfg_all(cfg, SSF_CHK_AUDIT, e.exthdr_max);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ_MSG(test, res.tripped, 0,
			    "twin tripped %llx, first %s, incomplete %s",
			    res.tripped, rname(__ffs64(res.tripped | BIT_ULL(63))),
			    rname(res.incomplete));
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, res.incomplete, SSF_R_NONE);
	KUNIT_EXPECT_FALSE(test, pkt.flags & SSF_PKT_F_PARTIAL);
}

/* What each action of the case's reason does to its bad packet. */
static void ssf_check_actions(struct kunit *test)
{
	const struct chk_case *c = test->param_value;
	struct ssf_check_cfg *cfg = new_cfg(test);
	const u64 bit = SSF_R_BIT(c->reason);
	struct ssf_check_res res;
	struct ssf_pkt pkt;
	struct chk_env e;
	struct kpkt *p = build(test, c, true, &e);

	/* only this check on: exactly this reason, audit passes */
	cfg_all(cfg, SSF_CHK_OFF, e.exthdr_max);
	cfg->action[c->reason] = SSF_CHK_AUDIT;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.tripped, bit);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);

	/* only this check, on drop: dropped for this reason */
	cfg->action[c->reason] = SSF_CHK_DROP;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.tripped, bit);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_DROP);
	KUNIT_EXPECT_EQ(test, res.reason, c->reason);

	/* an action above SSF_CHK_MAX acts as drop */
	cfg->action[c->reason] = 0xff;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_DROP);
	KUNIT_EXPECT_EQ(test, res.reason, c->reason);

	/* the only drop among audits: it decides */
	cfg_all(cfg, SSF_CHK_AUDIT, e.exthdr_max);
	cfg->action[c->reason] = SSF_CHK_DROP;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_DROP);
	KUNIT_EXPECT_EQ(test, res.reason, c->reason);

	/* off among audits: not recorded, not dropped */
	cfg->action[c->reason] = SSF_CHK_OFF;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_FALSE(test, res.tripped & bit);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);

	/* everything off: nothing at all */
	cfg_all(cfg, SSF_CHK_OFF, e.exthdr_max);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.tripped, 0);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);

	/* everything on drop: dropped, for some reason */
	cfg_all(cfg, SSF_CHK_DROP, e.exthdr_max);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_DROP);
	KUNIT_EXPECT_EQ(test, hweight64(res.tripped), 1);

	/* defaults: the reason counts unless its default is off */
	ssf_check_cfg_init(cfg);
	cfg->ip6_exthdr_max = e.exthdr_max;
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_NE(test, res.tripped, 0);
}

/*
 * The bad packet and its twin as non-linear skbs, split at every byte
 * between the linear area and the page fragments (one fragment, or two
 * split after it), behind a link-layer header or not: same metadata and
 * result as the linear skb.
 */
static void ssf_check_nonlinear(struct kunit *test)
{
	const struct chk_case *c = test->param_value;
	struct ssf_check_cfg *cfg = new_cfg(test);
	struct ssf_check_res lres, res;
	struct ssf_pkt lpkt, pkt;
	u32 head, mid, lead, i;
	struct chk_env e;
	struct kpkt *p;
	int bad;

	for (bad = 0; bad <= 1; bad++) {
		p = build(test, c, bad, &e);
		cfg_all(cfg, SSF_CHK_AUDIT, e.exthdr_max);
		run_linear(test, p, &e, cfg, &lpkt, &lres);
		for (head = 0; head < p->len; head++) {
			/* one fragment; two, split right after @head and
			 * half-way through the rest
			 */
			u32 mids[3] = { 0, head + 1, head + (p->len - head) / 2 };

			for (i = 0; i < ARRAY_SIZE(mids); i++) {
				mid = mids[i];
				lead = head & 1 ? KP_LEAD_MAX : 0;
				run(test, p, p->len, &e, cfg, lead, head, mid,
				    &pkt, &res);
				KUNIT_EXPECT_MEMEQ_MSG(test, &pkt, &lpkt,
						       sizeof(pkt),
						       "head %u mid %u", head,
						       mid);
				KUNIT_EXPECT_MEMEQ_MSG(test, &res, &lres,
						       sizeof(res),
						       "head %u mid %u", head,
						       mid);
			}
		}
	}
}

/* Every reason has at least one case. */
static void ssf_check_every_reason_tested(struct kunit *test)
{
	unsigned int r, i, n;

	for (r = 1; r <= SSF_R_MAX; r++) {
		for (i = 0, n = 0; i < ARRAY_SIZE(chk_cases); i++)
			n += chk_cases[i].reason == r;
		KUNIT_EXPECT_GT_MSG(test, n, 0, "no case trips %s",
				    rname(r));
	}
}

/* ---- truncation of every header ----------------------------------------- */

struct trunc_seg {
	u16 end;		/* cut lengths [previous end, end) ... */
	u8 reason;		/* ... trip this (SSF_R_NONE: nothing) */
};

struct trunc_case {
	const char *name;
	void (*build)(struct kpkt *p, struct chk_env *e);
	struct trunc_seg seg[6];	/* the last ends at the full length */
};

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
	v4_icmp_err(p, e, 28, 4);
}

static void t4_icmp_ts(struct kpkt *p, struct chk_env *e)
{
	c_icmp_ts(p, e, false);
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
	v6_icmp6(p, e, 135, 255, 16);
}

static void t6_icmp6_err(struct kpkt *p, struct chk_env *e)
{
	v6_icmp6_err(p, e, 48, 6);
}

#define RSN(x)	SSF_R_##x

static const struct trunc_case trunc_cases[] = {
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

static void trunc_case_desc(const struct trunc_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(trunc, trunc_cases, trunc_case_desc);

static u8 trunc_reason(const struct trunc_case *c, u32 len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->seg) && c->seg[i].end; i++)
		if (len < c->seg[i].end)
			return c->seg[i].reason;
	return SSF_R_NONE;
}

/*
 * The reasons a cut to @len trips. @fixed: the IP length field was
 * rewritten to the cut length (a sender's short packet); otherwise it
 * still claims the whole packet (lost bytes), which also trips bad-length
 * once the IP header is there.
 */
static u64 trunc_expect(const struct trunc_case *c, u8 family, u32 len,
			bool fixed)
{
	u8 r = trunc_reason(c, len);
	u64 want = r ? SSF_R_BIT(r) : 0;

	/* before the length field is looked at, nothing else is */
	if (fixed || r == RSN(IP4_TRUNCATED) || r == RSN(IP6_TRUNCATED) ||
	    r == RSN(IP4_BAD_IHL))
		return want;
	return want | SSF_R_BIT(family == SSF_FAMILY_IPV4 ? RSN(IP4_BAD_LENGTH) :
						      RSN(IP6_BAD_LENGTH));
}

static void ssf_check_truncated(struct kunit *test)
{
	const struct trunc_case *c = test->param_value;
	struct ssf_check_cfg *cfg = new_cfg(test);
	struct kpkt *p = kp_new(test), *q = kp_new(test);
	struct ssf_check_res lres, res;
	struct ssf_pkt lpkt, pkt;
	u32 len, full, i, head;
	struct chk_env e = { .exthdr_max = SSF_IP6_EXTHDR_DEFAULT };
	int fixed;

	c->build(p, &e);
	full = p->len;
	cfg_all(cfg, SSF_CHK_AUDIT, e.exthdr_max);
	for (i = 0; i < ARRAY_SIZE(c->seg) && c->seg[i].end; i++)
		;
	KUNIT_ASSERT_EQ(test, c->seg[i - 1].end, full);

	for (fixed = 0; fixed <= 1; fixed++) {
		for (len = 0; len <= full; len++) {
			u64 want = len == full ? 0 :
				   trunc_expect(c, e.family, len, fixed);

			*q = *p;
			q->len = len;
			if (fixed && e.family == SSF_FAMILY_IPV4 && len >= 4)
				kp_ip4_fix(q);
			if (fixed && e.family == SSF_FAMILY_IPV6 && len >= 40)
				kp_ip6_fix(q);
			run_linear(test, q, &e, cfg, &lpkt, &lres);
			KUNIT_EXPECT_EQ_MSG(test, lres.tripped, want,
					    "%s cut to %u: want %s, first %s",
					    fixed ? "fixed" : "kept", len,
					    rname(trunc_reason(c, len)),
					    rname(__ffs64(lres.tripped |
							  BIT_ULL(63))));
			/* three splits of the bytes that are left */
			for (head = 0; head < len; head += max(1U, len / 2)) {
				run(test, q, len, &e, cfg, 0, head, len - 1,
				    &pkt, &res);
				KUNIT_EXPECT_MEMEQ(test, &pkt, &lpkt,
						   sizeof(pkt));
				KUNIT_EXPECT_MEMEQ(test, &res, &lres,
						   sizeof(res));
			}
		}
	}
}

/* ---- limits, names, defaults -------------------------------------------- */

/*
 * Past SSF_IP6_EXTHDR_LIMIT headers the walk stops whatever the actions;
 * at the limit it goes on to the transport header.
 */
static void ssf_check_exthdr_limit(struct kunit *test)
{
	struct ssf_check_cfg *cfg = new_cfg(test);
	struct kpkt *p = kp_new(test);
	struct chk_env e = {};
	struct ssf_check_res res;
	struct ssf_pkt pkt;
	u8 nh[SSF_IP6_EXTHDR_LIMIT + 1];
	u32 n;

	memset(nh, DST, sizeof(nh));
	for (n = SSF_IP6_EXTHDR_LIMIT; n <= SSF_IP6_EXTHDR_LIMIT + 1; n++) {
		memset(p, 0, sizeof(*p));
		v6_chain(p, &e, nh, n);
		cfg_all(cfg, SSF_CHK_OFF, 255);
		run_linear(test, p, &e, cfg, &pkt, &res);
		KUNIT_EXPECT_EQ(test, res.tripped, 0);
		KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
		if (n > SSF_IP6_EXTHDR_LIMIT) {
			KUNIT_EXPECT_EQ(test, res.incomplete,
					RSN(IP6_EXTHDR_TOO_MANY));
			KUNIT_EXPECT_FALSE(test, pkt.flags & SSF_PKT_F_PORTS);
		} else {
			KUNIT_EXPECT_EQ(test, res.incomplete, SSF_R_NONE);
			KUNIT_EXPECT_EQ(test, pkt.proto, UDP);
			KUNIT_EXPECT_TRUE(test, pkt.flags & SSF_PKT_F_PORTS);
		}
		/* audited, a limit of 255 acts as the hard limit */
		cfg_all(cfg, SSF_CHK_AUDIT, 255);
		cfg->action[RSN(IP6_EXTHDR_ORDER)] = SSF_CHK_OFF;
		run_linear(test, p, &e, cfg, &pkt, &res);
		KUNIT_EXPECT_EQ(test, res.tripped,
				n > SSF_IP6_EXTHDR_LIMIT ?
				SSF_R_BIT(RSN(IP6_EXTHDR_TOO_MANY)) : 0);
	}
}

/* Metadata that ssf_check() fills on a well-formed packet. */
static void ssf_check_metadata(struct kunit *test)
{
	struct ssf_check_cfg *cfg = new_cfg(test);
	struct kpkt *p = kp_new(test);
	struct chk_env e = {};
	struct ssf_check_res res;
	struct ssf_pkt pkt;

	ssf_check_cfg_init(cfg);
	v4_tcp(p, &e, KP_SYN);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, pkt.proto, TCP);
	KUNIT_EXPECT_EQ(test, pkt.sport, 40000);
	KUNIT_EXPECT_EQ(test, pkt.dport, 80);
	KUNIT_EXPECT_EQ(test, pkt.tcp_flags, KP_SYN);
	KUNIT_EXPECT_EQ(test, pkt.ttl, 64);
	KUNIT_EXPECT_EQ(test, pkt.l4off, 20);
	KUNIT_EXPECT_EQ(test, pkt.flags, SSF_PKT_F_PORTS);
	KUNIT_EXPECT_EQ(test, pkt.saddr.w[0], cpu_to_be32(S4));
	KUNIT_EXPECT_EQ(test, pkt.daddr.w[0], cpu_to_be32(D4));

	memset(p, 0, sizeof(*p));
	v6_icmp6(p, &e, 136, 255, 16);
	run_linear(test, p, &e, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, pkt.proto, ICMP6);
	KUNIT_EXPECT_EQ(test, pkt.flags, SSF_PKT_F_ICMP);
	KUNIT_EXPECT_EQ(test, pkt.icmp_type, 136);
	KUNIT_EXPECT_EQ(test, pkt.l4off, 40);
	KUNIT_EXPECT_MEMEQ(test, pkt.saddr.b, kp_a6_src, 16);
	KUNIT_EXPECT_MEMEQ(test, pkt.daddr.b, kp_a6_dst, 16);

	/* a family that is neither: nothing checked, partial, pass */
	run(test, p, p->len, &(struct chk_env){ .family = SSF_FAMILY_ANY },
	    cfg, 0, p->len, 0, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, res.tripped, 0);
	KUNIT_EXPECT_TRUE(test, pkt.flags & SSF_PKT_F_PARTIAL);
}

/* The names of issue 3: tests and admins outside this repo use them. */
static const char * const contract_names[] = {
	"ip4-truncated", "ip4-bad-version", "ip4-bad-ihl", "ip4-bad-length",
	"ip4-bad-options", "ip4-source-route", "ip4-frag-tiny",
	"ip4-frag-oversize", "ip4-frag-bad", "ip4-bad-source", "ip4-land",
	"ip4-zero-ttl",
	"ip6-truncated", "ip6-bad-version", "ip6-bad-length",
	"ip6-exthdr-truncated", "ip6-exthdr-too-many", "ip6-exthdr-order",
	"ip6-rh0", "ip6-bad-options", "ip6-frag-tiny", "ip6-frag-bad",
	"ip6-bad-source",
	"tcp-truncated", "tcp-bad-doff", "tcp-bad-options", "tcp-null",
	"tcp-xmas", "tcp-syn-fin", "tcp-syn-rst", "tcp-port-zero",
	"udp-truncated", "udp-bad-length", "udp-port-zero",
	"icmp-truncated", "icmp-bad-error", "icmp6-truncated",
	"icmp6-bad-error", "icmp6-nd-bad-hoplimit", "proto-family-mismatch",
};

/* Merely suspicious: audit by default (issue 3). */
static const char * const audit_names[] = {
	"ip4-zero-ttl", "tcp-port-zero", "udp-port-zero",
};

/* Malformed: drop by default (issue 3). */
static const char * const malformed_names[] = {
	"ip4-truncated", "ip4-bad-version", "ip4-bad-ihl", "ip4-bad-length",
	"ip4-bad-options", "ip6-truncated", "ip6-bad-version",
	"ip6-bad-length", "ip6-exthdr-truncated", "ip6-bad-options",
	"tcp-truncated", "tcp-bad-doff", "tcp-bad-options", "udp-truncated",
	"udp-bad-length", "icmp-truncated", "icmp-bad-error",
	"icmp6-truncated", "icmp6-bad-error",
};

static void ssf_check_names(struct kunit *test)
{
	unsigned int i, j, r;
	const char *n;

	for (i = 0; i < ARRAY_SIZE(contract_names); i++) {
		r = ssf_reason_by_name(contract_names[i]);
		KUNIT_EXPECT_NE_MSG(test, r, SSF_R_NONE, "%s missing",
				    contract_names[i]);
		KUNIT_EXPECT_STREQ(test, ssf_reason_name(r) ?: "",
				   contract_names[i]);
	}
	for (r = 1; r <= SSF_R_MAX; r++) {
		n = ssf_reason_name(r);
		KUNIT_ASSERT_NOT_NULL_MSG(test, n, "reason %u has no name", r);
		KUNIT_EXPECT_LE(test, strlen(n), SSF_REASON_NAME_MAX);
		KUNIT_EXPECT_EQ(test, ssf_reason_by_name(n), r);
		for (j = 1; j < r; j++)
			KUNIT_EXPECT_STRNEQ(test, n, ssf_reason_name(j));
	}
	KUNIT_EXPECT_NULL(test, ssf_reason_name(SSF_R_NONE));
	KUNIT_EXPECT_NULL(test, ssf_reason_name(SSF_R_COUNT));
	KUNIT_EXPECT_NULL(test, ssf_reason_name(~0U));
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name(""), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("ip4-truncatedx"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("ip4-truncate"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("IP4-TRUNCATED"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("all"), SSF_R_NONE);

	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_OFF), "off");
	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_AUDIT), "audit");
	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_DROP), "drop");
	KUNIT_EXPECT_NULL(test, ssf_check_action_name(SSF_CHK_MAX + 1));
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("off"), SSF_CHK_OFF);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("audit"), SSF_CHK_AUDIT);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("drop"), SSF_CHK_DROP);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("dropx"), -1);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name(""), -1);
}

static void ssf_check_defaults(struct kunit *test)
{
	struct ssf_check_cfg *cfg = new_cfg(test);
	unsigned int i, r;

	memset(cfg, 0xaa, sizeof(*cfg));
	ssf_check_cfg_init(cfg);
	KUNIT_EXPECT_EQ(test, cfg->ip6_exthdr_max, SSF_IP6_EXTHDR_DEFAULT);
	KUNIT_EXPECT_EQ(test, SSF_IP6_EXTHDR_DEFAULT, 8);
	for (r = 1; r <= SSF_R_MAX; r++) {
		KUNIT_EXPECT_EQ(test, cfg->action[r], ssf_reason_default(r));
		KUNIT_EXPECT_LE(test, ssf_reason_default(r), SSF_CHK_MAX);
	}
	KUNIT_EXPECT_EQ(test, ssf_reason_default(SSF_R_NONE), SSF_CHK_OFF);
	KUNIT_EXPECT_EQ(test, ssf_reason_default(SSF_R_COUNT), SSF_CHK_OFF);
	for (i = 0; i < ARRAY_SIZE(audit_names); i++)
		KUNIT_EXPECT_EQ_MSG(test, ssf_reason_default(
				    ssf_reason_by_name(audit_names[i])),
				    SSF_CHK_AUDIT, "%s", audit_names[i]);
	for (i = 0; i < ARRAY_SIZE(malformed_names); i++)
		KUNIT_EXPECT_EQ_MSG(test, ssf_reason_default(
				    ssf_reason_by_name(malformed_names[i])),
				    SSF_CHK_DROP, "%s", malformed_names[i]);
}

static struct kunit_case ssf_check_cases[] = {
	KUNIT_CASE(ssf_check_names),
	KUNIT_CASE(ssf_check_defaults),
	KUNIT_CASE(ssf_check_every_reason_tested),
	KUNIT_CASE(ssf_check_metadata),
	KUNIT_CASE(ssf_check_exthdr_limit),
	KUNIT_CASE_PARAM(ssf_check_bad_and_twin, chk_gen_params),
	KUNIT_CASE_PARAM(ssf_check_actions, chk_gen_params),
	KUNIT_CASE_PARAM(ssf_check_nonlinear, chk_gen_params),
	KUNIT_CASE_PARAM(ssf_check_truncated, trunc_gen_params),
	{}
};

static struct kunit_suite ssf_check_suite = {
	.name = "ssf_check",
	.test_cases = ssf_check_cases,
};

kunit_test_suite(ssf_check_suite);
