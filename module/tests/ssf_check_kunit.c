// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_check: the named validation checks (ssf_check.h).
 *
 * - Every reason has packets that trip it and well-formed twins, one field
 *   (or the context) apart, that trip nothing; a test fails if a reason has
 *   no such case. The cases are in one table per layer
 *   (ssf_check_kunit_{ip4,ip6,l4,icmp}.c).
 * - Actions: drop decides the verdict, audit records and passes, off
 *   neither; with every other check off a bad packet trips exactly its
 *   reason.
 * - Every packet as a non-linear skb split at every byte gives the same
 *   metadata and result as the linear one.
 * - Every truncation length of every header, with the IP length fields
 *   kept or rewritten, trips exactly the reason of the header cut
 *   (ssf_check_kunit_trunc.c).
 * - The reason names are the contract of issue 3; defaults and limits
 *   (ssf_check_kunit_names.c).
 *
 * This file holds the runners and the suite. Each ssf_check() call is also
 * held to the invariants of ssf_check.h.
 */
#include <kunit/test.h>

#include "ssf_check_kunit.h"

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

/* ---- the case tables ---------------------------------------------------- */

/* The order the cases run in. */
static const struct chk_table *const chk_tables[] = {
	&ssf_chk_ip4, &ssf_chk_ip6, &ssf_chk_l4, &ssf_chk_icmp,
};

/* The case after @prev (NULL: the first one), NULL after the last. */
static const struct chk_case *chk_next(const struct chk_case *prev)
{
	const struct chk_table *t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(chk_tables); i++) {
		t = chk_tables[i];
		if (!prev) {
			if (t->n)
				return t->cases;
			continue;
		}
		if (prev >= t->cases && prev < t->cases + t->n) {
			if (prev + 1 < t->cases + t->n)
				return prev + 1;
			prev = NULL;	/* the first of the next table */
		}
	}
	return NULL;
}

/*
 * KUNIT_ARRAY_PARAM() wants the array in this file: these generators walk
 * the tables of the other files instead.
 */
static const void *chk_gen_params(const void *prev, char *desc)
{
	const struct chk_case *c = chk_next(prev);

	if (c)
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s",
			 ssf_reason_name(c->reason) ?: "?", c->name + 2);
	return c;
}

static const void *trunc_gen_params(const void *prev, char *desc)
{
	const struct trunc_case *c = prev ? (const struct trunc_case *)prev + 1 :
					    ssf_chk_trunc_cases;

	if (c >= ssf_chk_trunc_cases + ssf_chk_trunc_count)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
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
	const struct chk_case *c;
	unsigned int r, n;

	for (r = 1; r <= SSF_R_MAX; r++) {
		for (c = chk_next(NULL), n = 0; c; c = chk_next(c))
			n += c->reason == r;
		KUNIT_EXPECT_GT_MSG(test, n, 0, "no case trips %s",
				    rname(r));
	}
}

/* ---- truncation of every header ----------------------------------------- */

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

/* ---- limits, metadata --------------------------------------------------- */

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
		ssf_chk_v6_chain(p, &e, nh, n);
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
	KUNIT_EXPECT_EQ(test, be32_to_cpu(pkt.saddr.w[0]), S4);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(pkt.daddr.w[0]), D4);

	memset(p, 0, sizeof(*p));
	ssf_chk_v6_icmp6(p, &e, 136, 255, 16);
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
