/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the files of the KUnit suite ssf_check:
 *
 *   ssf_check_kunit.c        runners, parameter generators, the suite
 *   ssf_check_kunit_ip4.c    IPv4 cases      \
 *   ssf_check_kunit_ip6.c    IPv6 cases       | one case table each:
 *   ssf_check_kunit_l4.c     TCP, UDP cases   | bad packet and twin
 *   ssf_check_kunit_icmp.c   ICMP, ICMPv6    /
 *   ssf_check_kunit_trunc.c  packets cut at every length
 *   ssf_check_kunit_names.c  reason and action names, defaults
 *
 * The tables are separate arrays (one per file) so that every builder
 * stays static; ssf_check_kunit.c walks them in the order listed above.
 */
#ifndef _SSF_CHECK_KUNIT_H
#define _SSF_CHECK_KUNIT_H

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

#define RSN(x)	SSF_R_##x

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

/* @name is the builder's: the test description drops its "c_". */
#define CHK(r, f)	{ #f, SSF_R_##r, f }

/* The cases of one layer. */
struct chk_table {
	const struct chk_case *cases;
	unsigned int n;
};

extern const struct chk_table ssf_chk_ip4;
extern const struct chk_table ssf_chk_ip6;
extern const struct chk_table ssf_chk_l4;
extern const struct chk_table ssf_chk_icmp;

struct trunc_seg {
	u16 end;		/* cut lengths [previous end, end) ... */
	u8 reason;		/* ... trip this (SSF_R_NONE: nothing) */
};

/* A well-formed packet and what each cut of it trips. */
struct trunc_case {
	const char *name;
	void (*build)(struct kpkt *p, struct chk_env *e);
	struct trunc_seg seg[6];	/* the last ends at the full length */
};

extern const struct trunc_case ssf_chk_trunc_cases[];
extern const unsigned int ssf_chk_trunc_count;

/* Tests with no packets (ssf_check_kunit_names.c). */
void ssf_check_names(struct kunit *test);
void ssf_check_defaults(struct kunit *test);

/* ---- builders used by more than one file -------------------------------- */

static inline void v4_hdr(struct kpkt *p, struct chk_env *e, u8 proto,
			  const u8 *opts, u32 optlen)
{
	e->family = SSF_FAMILY_IPV4;
	kp_ip4(p, proto, S4, D4, 64, 0, opts, optlen);
}

static inline void v4_udp(struct kpkt *p, struct chk_env *e)
{
	v4_hdr(p, e, UDP, NULL, 0);
	kp_udp(p, 1024, 53, 4);
	kp_ip4_fix(p);
}

static inline void v4_tcp(struct kpkt *p, struct chk_env *e, u8 flags)
{
	v4_hdr(p, e, TCP, NULL, 0);
	kp_tcp(p, 40000, 80, flags, NULL, 0);
	kp_ip4_fix(p);
}

static inline void v6_hdr(struct kpkt *p, struct chk_env *e, u8 nh)
{
	e->family = SSF_FAMILY_IPV6;
	kp_ip6(p, nh, kp_a6_src, kp_a6_dst, 64);
}

static inline void v6_udp(struct kpkt *p, struct chk_env *e)
{
	v6_hdr(p, e, UDP);
	kp_udp(p, 1024, 53, 4);
	kp_ip6_fix(p);
}

/* ssf_check_kunit_ip6.c */
void ssf_chk_v6_chain(struct kpkt *p, struct chk_env *e, const u8 *nh, u32 n);

/* ssf_check_kunit_icmp.c */
void ssf_chk_v4_icmp_err(struct kpkt *p, struct chk_env *e, u32 qlen,
			 u8 qver);
void ssf_chk_v6_icmp6(struct kpkt *p, struct chk_env *e, u8 type, u8 hop,
		      u32 blen);
void ssf_chk_v6_icmp6_err(struct kpkt *p, struct chk_env *e, u32 qlen,
			  u8 qver);

#endif /* _SSF_CHECK_KUNIT_H */
