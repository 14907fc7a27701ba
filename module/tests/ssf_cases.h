/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The validation cases, once for every test world. For every reason
 * (ssf_check.h): packets that trip it, each with a well-formed twin one
 * field or one context flag apart that trips nothing; and well-formed
 * packets with the reason each cut length trips. Used by
 *
 *   tests/unit/ssf_test_cases.c     flat buffers of exactly the packet's
 *                                   size, under ASan and UBSan
 *   KUnit ssf_check                 linear and paged skbs
 *   tests/fuzz/ssf_fuzz_corpus.c    the seed corpus
 *   tests/selftests/ssf_validate.sh sent to a real kernel, from the dump
 *                                   of tests/unit/ssf_case_dump.c
 *
 * Files: ssf_cases_ip4.c (IPv4 header, options, fragments, addresses,
 * TTL), ssf_cases_ip6.c (IPv6 header, extension headers, fragments),
 * ssf_cases_l4.c (TCP and UDP over each family, ICMP, ICMPv6, the
 * protocol of the other family), ssf_cases_trunc.c (cuts at every
 * length), ssf_cases.c (the list of tables and what every case must show
 * in every world). Adding a reason adds its rows to one of these tables;
 * the coverage check (ssf_case_check_coverage()) fails until it has one.
 *
 * Compiles in both worlds (ssf_types.h): packets are built by ssf_tb.h.
 */
#ifndef _SSF_CASES_H
#define _SSF_CASES_H

#ifdef __KERNEL__
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#endif

#include "ssf_check.h"
#include "ssf_tb.h"

/* The addresses of an ordinary packet. */
struct ssf_case_addrs {
	const char *s4, *d4, *s6, *d6;
};

/* RFC 5737 and RFC 3849 documentation addresses: the unit and KUnit default. */
extern const struct ssf_case_addrs ssf_case_addrs_doc;

/* What a case's packet is checked with, set by its builder. */
struct ssf_case_env {
	struct ssf_check_ctx ctx;	/* path, loopback, gso; .cfg unset */
	u8 exthdr_max;			/* ip6_exthdr_max */
	u8 family;			/* the row's family (struct ssf_case) */
	const struct ssf_case_addrs *a;	/* addresses of an ordinary packet */
};

/* Build the bad packet (@bad) or its twin into @t; may set @e's fields. */
typedef void (*ssf_case_fn)(struct ssf_tb *t, bool bad,
			    struct ssf_case_env *e);

struct ssf_case {
	const char *name;	/* unique: the builder's (+ /4 or /6) */
	u8 reason;		/* enum ssf_reason the bad packet trips */
	u8 family;		/* SSF_FAMILY_ANY: the builder's; else the
				 * family a builder of either family uses
				 */
	const char *what;	/* the bad packet (and the twin, if not plain) */
	ssf_case_fn build;
	u64 also;		/* other reasons the bad packet trips */
	u64 twin_also;		/* reasons the twin trips by design */
};

#define SSF_CASE(r, fn, what, ...)					\
	{ #fn, SSF_R_##r, SSF_FAMILY_ANY, what, fn, ##__VA_ARGS__ }
/* A row of a builder of either family, over IPv@v (4 or 6). */
#define SSF_CASE_IP(r, fn, v, what)					\
	{ #fn "/" #v, SSF_R_##r, SSF_FAMILY_IPV##v, what, fn }
#define SSF_RB(x)	SSF_R_BIT(SSF_R_##x)

struct ssf_case_table {
	const struct ssf_case *cases;
	unsigned int n;
};

extern const struct ssf_case_table ssf_cases_ip4, ssf_cases_ip6, ssf_cases_l4;

/* The case after @prev (NULL: the first), in table order; NULL at the end. */
const struct ssf_case *ssf_case_next(const struct ssf_case *prev);

/*
 * Build case @c's bad packet or twin into @t with the ordinary addresses
 * @a (NULL: ssf_case_addrs_doc), its context into @e.
 */
void ssf_case_build(const struct ssf_case *c, bool bad,
		    const struct ssf_case_addrs *a, struct ssf_tb *t,
		    struct ssf_case_env *e);

/* The header of a packet of @e->family with the ordinary addresses. */
void ssf_case_l3(struct ssf_tb *t, const struct ssf_case_env *e);

/* ---- truncation -------------------------------------------------------- */

struct ssf_trunc_seg {
	u16 end;		/* cut lengths [previous end, end) ... */
	u8 reason;		/* ... trip this (SSF_R_NONE: nothing) */
};

/* A well-formed packet and what each cut of it trips. */
struct ssf_trunc_case {
	const char *name;
	void (*build)(struct ssf_tb *t, const struct ssf_case_addrs *a);
	struct ssf_trunc_seg seg[6];	/* the last ends at the full length */
	u16 frag;		/* a first fragment whose data starts here: a
				 * cut whose data is not a multiple of 8 long
				 * also trips frag-bad (0: not a fragment)
				 */
};

extern const struct ssf_trunc_case ssf_trunc_cases[];
extern const unsigned int ssf_trunc_count;

/*
 * The reasons a cut of case @c (of family @family, @full bytes) to @len
 * bytes trips when the IP length fields say @len.
 */
u64 ssf_trunc_want(const struct ssf_trunc_case *c, u8 family, u32 len,
		   u32 full);

/* ---- what every world checks ------------------------------------------ */

/* How a test world runs ssf_check() and records its checks. */
struct ssf_case_world {
	/* ssf_check() on the first @len bytes of @t; fills @pkt and @res */
	enum ssf_verdict (*run)(void *priv, const struct ssf_tb *t, u32 len,
				const struct ssf_check_ctx *ctx,
				struct ssf_pkt *pkt,
				struct ssf_check_res *res);
	/* one check: passed (@ok) or failed as @fmt says */
	void (*check)(void *priv, bool ok, const char *file, int line,
		      const char *fmt, va_list ap);
	void *priv;
	struct ssf_tb *tb[2];		/* room for two packets */
	struct ssf_check_cfg *cfg;	/* room for a configuration */
};

/*
 * What ssf_check.h promises of the result of one call (@v, @pkt, @res) on
 * @len bytes of @family with @cfg: NULL, or what is broken.
 */
const char *ssf_case_invariants(const struct ssf_check_cfg *cfg, u8 family,
				u32 len, enum ssf_verdict v,
				const struct ssf_pkt *pkt,
				const struct ssf_check_res *res);

/*
 * Case @c's bad packet under every action of its reason, every other check
 * off, audit or drop, and the defaults; its twin under all-audit and
 * all-drop. Every result is held to the invariants.
 */
void ssf_case_check(const struct ssf_case_world *w, const struct ssf_case *c);

/*
 * Every cut of trunc case @c: raw (the IP lengths still claim the whole
 * packet), raw with the IP length check off, and consistent (the IP
 * lengths rewritten to the cut), under all-audit and all-drop.
 */
void ssf_case_check_trunc(const struct ssf_case_world *w,
			  const struct ssf_trunc_case *c);

/* Every reason has a case; case names are unique. */
void ssf_case_check_coverage(const struct ssf_case_world *w);

#endif /* _SSF_CASES_H */
