// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit cases of the ICMP and ICMPv6 checks (ssf_check_l4.c):
 * for each, a packet that trips the reason and its well-formed twin.
 */
#include "ssf_check_kunit.h"

/* An error quoting @qlen bytes of the IPv4/UDP datagram it is about. */
void ssf_chk_v4_icmp_err(struct kpkt *p, struct chk_env *e, u32 qlen,
			 u8 qver)
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

/* ICMPv6 @type with @blen zero body bytes, hop limit @hop. */
void ssf_chk_v6_icmp6(struct kpkt *p, struct chk_env *e, u8 type, u8 hop,
		      u32 blen)
{
	static const u8 body[32];

	e->family = SSF_FAMILY_IPV6;
	kp_ip6(p, ICMP6, kp_a6_src, kp_a6_dst, hop);
	kp_icmp(p, type, 0, body, blen);
	kp_ip6_fix(p);
}

/* An error quoting @qlen bytes of the IPv6/UDP datagram it is about. */
void ssf_chk_v6_icmp6_err(struct kpkt *p, struct chk_env *e, u32 qlen,
			  u8 qver)
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

static void c_icmp_err_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v4_icmp_err(p, e, bad ? 19 : 28, 4);
}

static void c_icmp_err_ver(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v4_icmp_err(p, e, 28, bad ? 6 : 4);
}

static void c_icmp6_truncated(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6(p, e, 128, 64, 0);
	if (bad) {
		p->len--;
		kp_ip6_fix(p);
	}
}

/* A neighbour solicitation needs 24 bytes. */
static void c_icmp6_ns_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6(p, e, 135, 255, bad ? 15 : 16);
}

static void c_icmp6_err_short(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6_err(p, e, bad ? 39 : 48, 6);
}

static void c_icmp6_err_ver(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6_err(p, e, 48, bad ? 4 : 6);
}

static void c_icmp6_nd_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6(p, e, 135, bad ? 64 : 255, 16);
}

static void c_icmp6_ra_hop(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6(p, e, 134, bad ? 254 : 255, 8);
}

/* At FORWARD the hop limit is one less than it arrived with. */
static void c_icmp6_nd_fwd(struct kpkt *p, struct chk_env *e, bool bad)
{
	ssf_chk_v6_icmp6(p, e, 136, bad ? 64 : 254, 16);
	e->ctx.path = SSF_PATH_FORWARD;
}

static const struct chk_case cases[] = {
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

const struct chk_table ssf_chk_icmp = { cases, ARRAY_SIZE(cases) };
