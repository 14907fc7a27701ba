// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_rule: the rule checker and the matcher (ssf_rule.c).
 *
 * ssf_rule_verify() is driven through every error path and a set of rules
 * it must accept; prefix masks are checked bit by bit for every length;
 * ssf_rule_match() is compared with the reference matcher
 * (ssf_rule_ref.c) on pseudo-random rules and packets from a fixed seed;
 * ssf_policy_lookup() with the reference's first match on a small rule
 * list. The matches on interfaces
 * and owners are in ssf_owner_kunit.c.
 */
#include <kunit/test.h>

#include "ssf_kunit_policy.h"
#include "ssf_rnd.h"
#include "ssf_rule_ref.h"

#define V4(a, b, c, d)	cpu_to_be32(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))
#define ADDR4(a, b, c, d)	{ .w = { V4(a, b, c, d) } }
#define ADDR6(w0, w1, w2, w3)	\
	{ .w = { cpu_to_be32(w0), cpu_to_be32(w1), cpu_to_be32(w2), cpu_to_be32(w3) } }

#define TCP	6
#define UDP	17
#define ICMP	1
#define SCTP	132
#define UDPLITE	136

/* No interface, no owner: what the packet-only matches here need. */
static const struct ssf_meta no_meta;

static u32 rnd_below(u32 *s, u32 n)
{
	return ssf_rnd(s) % n;
}

/* ---- ssf_rule_verify(): accepted rules --------------------------------- */

struct rule_case {
	const char *name;
	struct ssf_rule r;
	const char *err;	/* substring of the message; NULL: accepted */
};

static const struct rule_case rule_accept_cases[] = {
	{ "empty rule", { .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT } },
	{ "last dir, action and family",
	  { .dir = SSF_DIR_MAX, .action = SSF_ACT_MAX,
	    .family = SSF_FAMILY_MAX } },
	{ "proto only, any family",
	  { .match = SSF_RM_PROTO, .proto = ICMP } },
	{ "v4 /0", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC } },
	{ "v4 /24 src and /32 dst",
	  { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC | SSF_RM_DST,
	    .src = ADDR4(10, 1, 2, 0), .src_plen = 24,
	    .dst = ADDR4(192, 168, 1, 1), .dst_plen = 32 } },
	{ "v6 /128",
	  { .family = SSF_FAMILY_IPV6, .match = SSF_RM_DST,
	    .dst = ADDR6(0x20010db8, 0, 0, 1), .dst_plen = 128 } },
	{ "v6 /33",
	  { .family = SSF_FAMILY_IPV6, .match = SSF_RM_SRC,
	    .src = ADDR6(0x20010db8, 0x80000000, 0, 0), .src_plen = 33 } },
	{ "tcp port range",
	  { .match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = TCP,
	    .dport_min = 1, .dport_max = 1023 } },
	{ "udp single sport",
	  { .match = SSF_RM_PROTO | SSF_RM_SPORT, .proto = UDP,
	    .sport_min = 53, .sport_max = 53 } },
	{ "sctp full range both",
	  { .match = SSF_RM_PROTO | SSF_RM_SPORT | SSF_RM_DPORT,
	    .proto = SCTP, .sport_max = 65535, .dport_max = 65535 } },
	{ "udplite", { .match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = UDPLITE,
		       .dport_min = 9, .dport_max = 9 } },
	{ "unused fields are not looked at",
	  { .family = SSF_FAMILY_ANY, .src_plen = 200, .dst_plen = 200,
	    .sport_min = 9, .sport_max = 1, .dport_min = 9, .dport_max = 1,
	    .src = ADDR4(1, 2, 3, 4) } },
};

static void rule_case_desc(const struct rule_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rule_accept, rule_accept_cases, rule_case_desc);

static void ssf_rule_verify_accepts(struct kunit *test)
{
	const struct rule_case *c = test->param_value;
	union ssf_addr smask = {}, dmask = {};
	struct ssf_rule r = c->r;
	const char *err = NULL;

	KUNIT_ASSERT_EQ(test, ssf_rule_verify(&r, &err), 0);
	if (r.match & SSF_RM_SRC)
		ssf_prefix_mask(&smask, r.src_plen);
	if (r.match & SSF_RM_DST)
		ssf_prefix_mask(&dmask, r.dst_plen);
	/* only the masks change, and only for the address matches present */
	KUNIT_EXPECT_MEMEQ(test, &r.src_mask, &smask, sizeof(smask));
	KUNIT_EXPECT_MEMEQ(test, &r.dst_mask, &dmask, sizeof(dmask));
	r.src_mask = c->r.src_mask;
	r.dst_mask = c->r.dst_mask;
	KUNIT_EXPECT_MEMEQ(test, &r, &c->r, sizeof(r));
}

/* ---- ssf_rule_verify(): every error path ------------------------------- */

static const struct rule_case rule_reject_cases[] = {
	{ "dir", { .dir = SSF_DIR_MAX + 1 }, "direction" },
	{ "dir 255", { .dir = 255 }, "direction" },
	{ "action", { .action = SSF_ACT_MAX + 1 }, "action" },
	{ "family", { .family = SSF_FAMILY_MAX + 1 }, "family" },
	{ "match bit", { .match = SSF_RM_ALL + 1 }, "unknown match" },
	{ "match top bit", { .match = 1U << 31 }, "unknown match" },
	{ "src without family", { .match = SSF_RM_SRC, .src_plen = 8 },
	  "family" },
	{ "dst without family", { .match = SSF_RM_DST }, "family" },
	{ "v4 src /33", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
			  .src_plen = 33 }, "prefix length" },
	{ "v4 dst /255", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_DST,
			   .dst_plen = 255 }, "prefix length" },
	{ "v6 src /129", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_SRC,
			   .src_plen = 129 }, "prefix length" },
	{ "v6 dst /129", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_DST,
			   .dst_plen = 129 }, "prefix length" },
	{ "v4 src host bits", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
				.src = ADDR4(10, 0, 0, 1), .src_plen = 24 },
	  "beyond" },
	{ "v4 dst host bits", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_DST,
				.dst = ADDR4(128, 0, 0, 0), .dst_plen = 0 },
	  "beyond" },
	{ "v4 rule, address in word 1",
	  { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
	    .src = ADDR6(0x0a000000, 1, 0, 0), .src_plen = 32 }, "beyond" },
	{ "v6 src host bits", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_SRC,
				.src = ADDR6(0x20010db8, 0, 0, 1),
				.src_plen = 127 }, "beyond" },
	{ "v6 dst host bits", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_DST,
				.dst = ADDR6(0x20010db8, 0x40000000, 0, 0),
				.dst_plen = 33 }, "beyond" },
	{ "sport without proto", { .match = SSF_RM_SPORT, .sport_max = 1 },
	  "port match needs proto" },
	{ "dport without proto", { .match = SSF_RM_DPORT, .dport_max = 1 },
	  "port match needs proto" },
	{ "dport with icmp", { .match = SSF_RM_PROTO | SSF_RM_DPORT,
			       .proto = ICMP }, "port match needs proto" },
	{ "sport with proto 0", { .match = SSF_RM_PROTO | SSF_RM_SPORT },
	  "port match needs proto" },
	{ "proto tcp not matched", { .match = SSF_RM_SPORT, .proto = TCP },
	  "port match needs proto" },
	{ "sport reversed", { .match = SSF_RM_PROTO | SSF_RM_SPORT,
			      .proto = TCP, .sport_min = 2, .sport_max = 1 },
	  "source port range" },
	{ "dport reversed", { .match = SSF_RM_PROTO | SSF_RM_DPORT,
			      .proto = UDP, .dport_min = 65535,
			      .dport_max = 0 }, "destination port range" },
	{ "src fault reported before dst",
	  { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC | SSF_RM_DST,
	    .src_plen = 40, .dst = ADDR4(1, 1, 1, 1), .dst_plen = 8 },
	  "prefix length" },
};

KUNIT_ARRAY_PARAM(rule_reject, rule_reject_cases, rule_case_desc);

static void ssf_rule_verify_rejects(struct kunit *test)
{
	const struct rule_case *c = test->param_value;
	struct ssf_rule r = c->r;
	const char *err = NULL;

	KUNIT_EXPECT_EQ(test, ssf_rule_verify(&r, &err), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(err, c->err),
				  "message \"%s\" lacks \"%s\"", err, c->err);
	/* a rejected rule is left untouched */
	KUNIT_EXPECT_MEMEQ(test, &r, &c->r, sizeof(r));
}

/* ---- prefix masks ----------------------------------------------------- */

static void ssf_rule_prefix_masks(struct kunit *test)
{
	union ssf_addr m;
	unsigned int plen, i;

	for (plen = 0; plen <= 128; plen++) {
		memset(&m, 0xa5, sizeof(m));
		ssf_prefix_mask(&m, plen);
		for (i = 0; i < 128; i++)
			KUNIT_EXPECT_EQ_MSG(test, ssf_ref_addr_bit(&m, i),
					    i < plen, "/%u bit %u", plen, i);
	}
	KUNIT_EXPECT_EQ(test, ssf_family_max_plen(SSF_FAMILY_IPV4), 32);
	KUNIT_EXPECT_EQ(test, ssf_family_max_plen(SSF_FAMILY_IPV6), 128);
	KUNIT_EXPECT_EQ(test, ssf_family_max_plen(SSF_FAMILY_ANY), 0);
	KUNIT_EXPECT_EQ(test, ssf_family_max_plen(SSF_FAMILY_MAX + 1), 0);
}

/*
 * For every prefix length of @family: the address with all prefix bits set
 * is accepted and gets the right mask; one more bit, right after the
 * prefix, is rejected.
 */
static void rule_check_all_plens(struct kunit *test, u8 family)
{
	unsigned int max = ssf_family_max_plen(family), plen, i;

	for (plen = 0; plen <= max; plen++) {
		struct ssf_rule r = {
			.family = family,
			.match = SSF_RM_SRC | SSF_RM_DST,
			.src_plen = plen,
			.dst_plen = max - plen,
		};
		const char *err = NULL;

		for (i = 0; i < plen; i++)
			r.src.b[i / 8] |= 0x80 >> (i % 8);
		for (i = 0; i < max - plen; i++)
			r.dst.b[i / 8] |= 0x80 >> (i % 8);
		KUNIT_EXPECT_EQ_MSG(test, ssf_rule_verify(&r, &err), 0,
				    "/%u: %s", plen, err);
		for (i = 0; i < 128; i++) {
			KUNIT_EXPECT_EQ(test, ssf_ref_addr_bit(&r.src_mask, i),
					i < plen);
			KUNIT_EXPECT_EQ(test, ssf_ref_addr_bit(&r.dst_mask, i),
					i < max - plen);
		}
		if (plen == max)
			continue;
		r.src.b[plen / 8] |= 0x80 >> (plen % 8);
		KUNIT_EXPECT_EQ_MSG(test, ssf_rule_verify(&r, &err), -EINVAL,
				    "/%u with host bit %u", plen, plen);
	}
	{
		struct ssf_rule r = {
			.family = family, .match = SSF_RM_SRC,
			.src_plen = max + 1,
		};
		const char *err = NULL;

		KUNIT_EXPECT_EQ(test, ssf_rule_verify(&r, &err), -EINVAL);
	}
}

static void ssf_rule_verify_plens(struct kunit *test)
{
	rule_check_all_plens(test, SSF_FAMILY_IPV4);
	rule_check_all_plens(test, SSF_FAMILY_IPV6);
}

/* ---- ssf_rule_match() directed cases ---------------------------------- */

static void ssf_rule_match_edges(struct kunit *test)
{
	struct ssf_rule r = {
		.family = SSF_FAMILY_IPV4,
		.match = SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DPORT,
		.proto = TCP,
		.src = ADDR4(10, 0, 0, 0), .src_plen = 8,
		.dport_min = 100, .dport_max = 200,
	};
	struct ssf_pkt p = {
		.family = SSF_FAMILY_IPV4, .proto = TCP,
		.flags = SSF_PKT_F_PORTS,
		.saddr = ADDR4(10, 255, 255, 255), .dport = 100,
	};
	const char *err;

	KUNIT_ASSERT_EQ(test, ssf_rule_verify(&r, &err), 0);
	KUNIT_EXPECT_TRUE(test, ssf_rule_match(&r, &p, &no_meta));
	p.dport = 200;
	KUNIT_EXPECT_TRUE(test, ssf_rule_match(&r, &p, &no_meta));
	p.dport = 99;
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
	p.dport = 201;
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
	p.dport = 150;
	p.flags = 0;		/* no transport header: no port match */
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
	p.flags = SSF_PKT_F_PORTS | SSF_PKT_F_PARTIAL;
	KUNIT_EXPECT_TRUE(test, ssf_rule_match(&r, &p, &no_meta));
	p.saddr.w[0] = V4(11, 0, 0, 0);
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
	p.saddr.w[0] = V4(10, 0, 0, 1);
	p.proto = UDP;
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
	p.proto = TCP;
	p.family = SSF_FAMILY_IPV6;
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));

	/* an empty rule of family any matches everything, ports or not */
	memset(&r, 0, sizeof(r));
	KUNIT_ASSERT_EQ(test, ssf_rule_verify(&r, &err), 0);
	KUNIT_EXPECT_TRUE(test, ssf_rule_match(&r, &p, &no_meta));
	p.family = SSF_FAMILY_IPV4;
	p.flags = 0;
	KUNIT_EXPECT_TRUE(test, ssf_rule_match(&r, &p, &no_meta));
	r.family = SSF_FAMILY_IPV6;
	KUNIT_EXPECT_FALSE(test, ssf_rule_match(&r, &p, &no_meta));
}

/* ---- ssf_rule_match() against the reference --------------------------- */

static const u8 rnd_protos[] = { ICMP, TCP, UDP, 58, SCTP, UDPLITE, 47 };

static u8 rnd_proto(u32 *s)
{
	return rnd_protos[rnd_below(s, ARRAY_SIZE(rnd_protos))];
}

static bool rnd_ported(u8 proto)
{
	return proto == TCP || proto == UDP || proto == SCTP ||
	       proto == UDPLITE;
}

static void rnd_range(u32 *s, u16 *min, u16 *max)
{
	u16 a = ssf_rnd(s), b;

	/* mostly narrow ranges, so that both outcomes are common */
	b = rnd_below(s, 4) ? a + rnd_below(s, 64) : ssf_rnd(s);
	if (b < a)
		swap(a, b);
	*min = a;
	*max = b;
}

/* A random address of @family with only the first @plen bits possibly set. */
static void rnd_prefix(u32 *s, u8 family, u8 plen, union ssf_addr *a)
{
	unsigned int i, max = ssf_family_max_plen(family);

	memset(a, 0, sizeof(*a));
	for (i = 0; i < plen && i < max; i++)
		if (ssf_rnd(s) & 1)
			a->b[i / 8] |= 0x80 >> (i % 8);
}

static void rnd_rule(u32 *s, struct ssf_rule *r)
{
	u8 max;

	memset(r, 0, sizeof(*r));
	r->dir = rnd_below(s, SSF_DIR_MAX + 1);
	r->action = rnd_below(s, SSF_ACT_MAX + 1);
	r->family = rnd_below(s, SSF_FAMILY_MAX + 1);
	r->match = rnd_below(s, 32);
	r->proto = rnd_proto(s);
	max = ssf_family_max_plen(r->family);
	if (!max)
		r->match &= ~(SSF_RM_SRC | SSF_RM_DST);
	if (r->match & (SSF_RM_SPORT | SSF_RM_DPORT)) {
		r->match |= SSF_RM_PROTO;
		if (!rnd_ported(r->proto))
			r->proto = TCP;
	}
	if (r->match & SSF_RM_SRC) {
		r->src_plen = rnd_below(s, max + 1);
		rnd_prefix(s, r->family, r->src_plen, &r->src);
	}
	if (r->match & SSF_RM_DST) {
		r->dst_plen = rnd_below(s, max + 1);
		rnd_prefix(s, r->family, r->dst_plen, &r->dst);
	}
	if (r->match & SSF_RM_SPORT)
		rnd_range(s, &r->sport_min, &r->sport_max);
	if (r->match & SSF_RM_DPORT)
		rnd_range(s, &r->dport_min, &r->dport_max);
}

/* An address near @net: equal, one bit flipped, or random. */
static void rnd_addr_near(u32 *s, u8 family, const union ssf_addr *net,
			  union ssf_addr *a)
{
	unsigned int max = family == SSF_FAMILY_IPV4 ? 32 : 128, i;

	memset(a, 0, sizeof(*a));
	switch (rnd_below(s, 4)) {
	case 0:
		rnd_prefix(s, family, max, a);
		return;
	case 1:
		i = rnd_below(s, max);
		memcpy(a, net, max / 8);
		a->b[i / 8] ^= 0x80 >> (i % 8);
		return;
	default:
		memcpy(a, net, max / 8);
		for (i = 0; i < max; i++)	/* random host part */
			if (rnd_below(s, 8) == 0)
				a->b[i / 8] ^= 0x80 >> (i % 8);
		return;
	}
}

static u16 rnd_port_near(u32 *s, u16 min, u16 max)
{
	switch (rnd_below(s, 5)) {
	case 0:
		return min - 1;
	case 1:
		return min;
	case 2:
		return max;
	case 3:
		return max + 1;
	default:
		return ssf_rnd(s);
	}
}

static void rnd_pkt(u32 *s, const struct ssf_rule *r, struct ssf_pkt *p)
{
	memset(p, 0, sizeof(*p));
	p->family = r->family && rnd_below(s, 4) ? r->family :
		    1 + rnd_below(s, 2);
	p->proto = rnd_below(s, 3) ? r->proto : rnd_proto(s);
	rnd_addr_near(s, p->family, &r->src, &p->saddr);
	rnd_addr_near(s, p->family, &r->dst, &p->daddr);
	if (rnd_below(s, 4)) {
		p->flags |= SSF_PKT_F_PORTS;
		p->sport = rnd_port_near(s, r->sport_min, r->sport_max);
		p->dport = rnd_port_near(s, r->dport_min, r->dport_max);
	}
}

#define RND_RULES	2000
#define RND_PKTS	32

static void ssf_rule_match_vs_reference(struct kunit *test)
{
	unsigned int i, j, hits = 0, misses = 0;
	u32 seed = 0x55f5eed;
	struct ssf_rule r;
	struct ssf_pkt p;

	for (i = 0; i < RND_RULES; i++) {
		const char *err = NULL;

		rnd_rule(&seed, &r);
		KUNIT_ASSERT_EQ_MSG(test, ssf_rule_verify(&r, &err), 0,
				    "random rule %u: %s", i, err);
		for (j = 0; j < RND_PKTS; j++) {
			bool want, got;

			rnd_pkt(&seed, &r, &p);
			want = ssf_ref_match(&r, &p, &no_meta);
			got = ssf_rule_match(&r, &p, &no_meta);
			if (want)
				hits++;
			else
				misses++;
			KUNIT_ASSERT_EQ_MSG(test, got, want,
					    "rule %u packet %u", i, j);
		}
	}
	kunit_info(test, "%u matches, %u misses\n", hits, misses);
	/* the generator must exercise both outcomes a lot */
	KUNIT_EXPECT_GT(test, hits, RND_RULES * RND_PKTS / 10);
	KUNIT_EXPECT_GT(test, misses, RND_RULES * RND_PKTS / 10);
}

/* ---- first match: ssf_policy_lookup() --------------------------------- */

static const struct ssf_rule first_match_rules[] = {
	{ .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT,
	  .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC | SSF_RM_PROTO |
	  SSF_RM_DPORT, .src = ADDR4(10, 0, 0, 0), .src_plen = 8,
	  .proto = TCP, .dport_min = 22, .dport_max = 22 },
	{ .dir = SSF_DIR_OUT, .action = SSF_ACT_DROP },
	{ .dir = SSF_DIR_IN, .action = SSF_ACT_DROP,
	  .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
	  .src = ADDR4(10, 0, 0, 0), .src_plen = 8 },
	{ .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT,
	  .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
	  .src = ADDR4(10, 1, 0, 0), .src_plen = 16 },	/* shadowed */
	{ .dir = SSF_DIR_IN, .action = SSF_ACT_DROP,
	  .match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = UDP,
	  .dport_min = 0, .dport_max = 1023 },
	{ .dir = SSF_DIR_FWD, .action = SSF_ACT_DROP,
	  .family = SSF_FAMILY_IPV6 },
	{ .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT },
};

static int lookup_index(const struct ssf_policy *pol, u8 dir,
			const struct ssf_pkt *p)
{
	return ssf_kunit_lookup(pol, dir, p, &no_meta);
}

static void ssf_rule_first_match(struct kunit *test)
{
	const unsigned int n = ARRAY_SIZE(first_match_rules);
	struct ssf_policy *pol = ssf_kunit_policy(test, first_match_rules, n);
	struct ssf_pkt p = {
		.family = SSF_FAMILY_IPV4, .proto = TCP,
		.flags = SSF_PKT_F_PORTS, .saddr = ADDR4(10, 1, 2, 3),
		.sport = 40000, .dport = 22,
	};
	u32 seed = 0xf1257;
	unsigned int i;
	u8 d;

	/* directed: earlier rules shadow later ones, per direction */
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_IN, &p), 0);
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_OUT, &p), 1);
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_FWD, &p), -1);
	p.dport = 23;
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_IN, &p), 2);
	p.saddr.w[0] = V4(192, 0, 2, 1);
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_IN, &p), 6);
	p.proto = UDP;
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_IN, &p), 4);
	p.family = SSF_FAMILY_IPV6;
	KUNIT_EXPECT_EQ(test, lookup_index(pol, SSF_DIR_FWD, &p), 5);

	/* random packets near each rule, every direction */
	for (i = 0; i < 4000; i++) {
		rnd_pkt(&seed, &first_match_rules[i % n], &p);
		for (d = 0; d <= SSF_DIR_MAX; d++)
			KUNIT_EXPECT_EQ_MSG(test, lookup_index(pol, d, &p),
					    ssf_ref_first_match(first_match_rules,
								n, d, &p,
								&no_meta),
					    "packet %u dir %u", i, d);
	}
}

static struct kunit_case ssf_rule_cases[] = {
	KUNIT_CASE_PARAM(ssf_rule_verify_accepts, rule_accept_gen_params),
	KUNIT_CASE_PARAM(ssf_rule_verify_rejects, rule_reject_gen_params),
	KUNIT_CASE(ssf_rule_prefix_masks),
	KUNIT_CASE(ssf_rule_verify_plens),
	KUNIT_CASE(ssf_rule_match_edges),
	KUNIT_CASE(ssf_rule_match_vs_reference),
	KUNIT_CASE(ssf_rule_first_match),
	{}
};

static struct kunit_suite ssf_rule_suite = {
	.name = "ssf_rule",
	.test_cases = ssf_rule_cases,
};

kunit_test_suite(ssf_rule_suite);
