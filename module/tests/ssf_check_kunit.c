// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_check: the named validation checks (ssf_check.h) on
 * real skbs, with the validation cases every test world shares
 * (ssf_cases.h):
 *
 * - ssf_check_cases: every case's bad packet under every action of its
 *   reason, every other check off, audit or drop, and the defaults; its
 *   well-formed twin under all-audit and all-drop (ssf_case_check());
 * - ssf_check_nonlinear: the bad packet and the twin as paged skbs, split
 *   at every byte: the same metadata and result as the linear skb;
 * - ssf_check_truncated: every cut of every truncation case, raw and with
 *   the IP lengths rewritten, each also split three ways into pages;
 * - every reason has a case; the reason and action names, the defaults;
 *   the extension header limit; the metadata of well-formed packets.
 *
 * Every ssf_check() call is held to the invariants of ssf_check.h.
 */
#include <kunit/test.h>

#include "ssf_cases.h"
#include "ssf_kunit_pkt.h"

/* ---- the KUnit world of the cases ------------------------------------- */

struct ssf_kunit_world {
	struct kunit *test;
	bool splits;		/* also compare paged layouts of every run */
	struct ssf_case_world w;
};

/* ssf_check() of @len bytes of @t in an skb laid out as ssf_kunit_skb(). */
static enum ssf_verdict run_layout(struct kunit *test, const struct ssf_tb *t,
				   u32 len, u32 lead, u32 head, u32 mid,
				   const struct ssf_check_ctx *ctx,
				   struct ssf_pkt *pkt,
				   struct ssf_check_res *res)
{
	struct sk_buff *skb = ssf_kunit_skb(test, t->b, len, lead, head, mid);
	enum ssf_verdict v;
	struct ssf_buf b;

	ssf_buf_init_skb(&b, skb);
	v = ssf_check(&b, t->family, ctx, pkt, res);
	ssf_kunit_skb_put(test, skb);
	return v;
}

static enum ssf_verdict kunit_run(void *priv, const struct ssf_tb *t,
				  u32 len, const struct ssf_check_ctx *ctx,
				  struct ssf_pkt *pkt,
				  struct ssf_check_res *res)
{
	struct ssf_kunit_world *kw = priv;
	struct kunit *test = kw->test;
	struct ssf_check_res sres;
	struct ssf_pkt spkt;
	enum ssf_verdict v;
	u32 head;

	v = run_layout(test, t, len, 0, len, 0, ctx, pkt, res);
	if (!kw->splits)
		return v;
	/* three splits of the bytes that are there */
	for (head = 0; head < len; head += max(1U, len / 2)) {
		run_layout(test, t, len, 0, head, len - 1, ctx, &spkt, &sres);
		KUNIT_EXPECT_MEMEQ_MSG(test, &spkt, pkt, sizeof(spkt),
				       "%u bytes, head %u", len, head);
		KUNIT_EXPECT_MEMEQ_MSG(test, &sres, res, sizeof(sres),
				       "%u bytes, head %u", len, head);
	}
	return v;
}

static void kunit_check(void *priv, bool ok, const char *file, int line,
			const char *fmt, va_list ap)
{
	struct ssf_kunit_world *kw = priv;
	struct va_format vaf;
	va_list aq;

	if (ok)
		return;
	va_copy(aq, ap);
	vaf.fmt = fmt;
	vaf.va = &aq;
	KUNIT_FAIL(kw->test, "%s:%d: %pV", kbasename(file), line, &vaf);
	va_end(aq);
}

static struct ssf_case_world *kunit_world(struct kunit *test, bool splits)
{
	struct ssf_kunit_world *kw = kunit_kzalloc(test, sizeof(*kw),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, kw);
	kw->test = test;
	kw->splits = splits;
	kw->w.run = kunit_run;
	kw->w.check = kunit_check;
	kw->w.priv = kw;
	kw->w.tb[0] = ssf_kunit_tb(test);
	kw->w.tb[1] = ssf_kunit_tb(test);
	kw->w.cfg = kunit_kzalloc(test, sizeof(*kw->w.cfg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kw->w.cfg);
	return &kw->w;
}

/*
 * KUNIT_ARRAY_PARAM() wants an array in this file: these generators walk
 * the shared tables instead.
 */
static const void *case_gen_params(const void *prev, char *desc)
{
	const struct ssf_case *c = ssf_case_next(prev);

	if (c)
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s",
			 ssf_reason_name(c->reason) ?: "?", c->name);
	return c;
}

static const void *trunc_gen_params(const void *prev, char *desc)
{
	const struct ssf_trunc_case *c = prev ?
		(const struct ssf_trunc_case *)prev + 1 : ssf_trunc_cases;

	if (c >= ssf_trunc_cases + ssf_trunc_count)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

/* ---- the cases -------------------------------------------------------- */

static void ssf_check_cases(struct kunit *test)
{
	ssf_case_check(kunit_world(test, false), test->param_value);
}

/*
 * The bad packet and its twin as non-linear skbs, split at every byte
 * between the linear area and the page fragments (one fragment, or two
 * split after it), behind a link-layer header or not: same metadata and
 * result as the linear skb.
 */
static void ssf_check_nonlinear(struct kunit *test)
{
	const struct ssf_case *c = test->param_value;
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);
	struct ssf_tb *t = ssf_kunit_tb(test);
	struct ssf_check_res lres, res;
	struct ssf_pkt lpkt, pkt;
	struct ssf_case_env e;
	u32 head, mid, lead, i;
	int bad;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	for (bad = 0; bad <= 1; bad++) {
		ssf_case_build(c, bad, NULL, t, &e);
		ssf_check_cfg_init(cfg);
		memset(cfg->action, SSF_CHK_AUDIT, sizeof(cfg->action));
		cfg->ip6_exthdr_max = e.exthdr_max;
		e.ctx.cfg = cfg;
		run_layout(test, t, t->len, 0, t->len, 0, &e.ctx, &lpkt, &lres);
		for (head = 0; head < t->len; head++) {
			/* one fragment; two, split right after @head and
			 * half-way through the rest
			 */
			u32 mids[3] = { 0, head + 1,
					head + (t->len - head) / 2 };

			for (i = 0; i < ARRAY_SIZE(mids); i++) {
				mid = mids[i];
				lead = head & 1 ? KP_LEAD_MAX : 0;
				run_layout(test, t, t->len, lead, head, mid,
					   &e.ctx, &pkt, &res);
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

static void ssf_check_truncated(struct kunit *test)
{
	ssf_case_check_trunc(kunit_world(test, true), test->param_value);
}

static void ssf_check_every_reason_tested(struct kunit *test)
{
	ssf_case_check_coverage(kunit_world(test, false));
}

/* ---- names, defaults -------------------------------------------------- */

/*
 * The names themselves are checked against Documentation/validation.rst by
 * the unit tests, which can read it; here, what makes them usable: one
 * each, unique, short enough, found by name.
 */
static void ssf_check_names(struct kunit *test)
{
	unsigned int j, r;
	const char *n;

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

/* ssf_check_cfg_init() gives each reason its table default. */
static void ssf_check_defaults(struct kunit *test)
{
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);
	unsigned int r;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
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
}

/* ---- limits, metadata ------------------------------------------------- */

static void run_linear(struct kunit *test, const struct ssf_tb *t,
		       struct ssf_check_cfg *cfg, struct ssf_pkt *pkt,
		       struct ssf_check_res *res)
{
	struct ssf_check_ctx ctx = { .cfg = cfg };
	const char *err;
	enum ssf_verdict v;

	v = run_layout(test, t, t->len, 0, t->len, 0, &ctx, pkt, res);
	err = ssf_case_invariants(cfg, t->family, t->len, v, pkt, res);
	KUNIT_EXPECT_NULL_MSG(test, err, "invariant: %s", err);
}

/* Every action @act, extension header limit @xmax. */
static void cfg_all(struct ssf_check_cfg *cfg, u8 act, u8 xmax)
{
	ssf_check_cfg_init(cfg);
	memset(cfg->action, act, sizeof(cfg->action));
	cfg->action[SSF_R_NONE] = SSF_CHK_OFF;
	cfg->ip6_exthdr_max = xmax;
}

/*
 * Past SSF_IP6_EXTHDR_LIMIT headers the walk stops whatever the actions;
 * at the limit it goes on to the transport header.
 */
static void ssf_check_exthdr_limit(struct kunit *test)
{
	const struct ssf_case_addrs *a = &ssf_case_addrs_doc;
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);
	struct ssf_tb *t = ssf_kunit_tb(test);
	struct ssf_check_res res;
	struct ssf_pkt pkt;
	u32 n, i;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	for (n = SSF_IP6_EXTHDR_LIMIT; n <= SSF_IP6_EXTHDR_LIMIT + 1; n++) {
		ssf_tb_ip6(t, a->s6, a->d6);
		for (i = 0; i < n; i++)
			ssf_tb_opt8(t, SSF_TB_DST);
		ssf_tb_udp(t, 1024, 53);
		ssf_tb_zero(t, 4);
		ssf_tb_done(t);
		cfg_all(cfg, SSF_CHK_OFF, 255);
		run_linear(test, t, cfg, &pkt, &res);
		KUNIT_EXPECT_EQ(test, res.tripped, 0);
		KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
		if (n > SSF_IP6_EXTHDR_LIMIT) {
			KUNIT_EXPECT_EQ(test, res.incomplete,
					SSF_R_IP6_EXTHDR_TOO_MANY);
			KUNIT_EXPECT_FALSE(test, pkt.flags & SSF_PKT_F_PORTS);
		} else {
			KUNIT_EXPECT_EQ(test, res.incomplete, SSF_R_NONE);
			KUNIT_EXPECT_EQ(test, pkt.proto, SSF_TB_UDP);
			KUNIT_EXPECT_TRUE(test, pkt.flags & SSF_PKT_F_PORTS);
		}
		/* audited, a limit of 255 acts as the hard limit */
		cfg_all(cfg, SSF_CHK_AUDIT, 255);
		cfg->action[SSF_R_IP6_EXTHDR_ORDER] = SSF_CHK_OFF;
		run_linear(test, t, cfg, &pkt, &res);
		KUNIT_EXPECT_EQ(test, res.tripped,
				n > SSF_IP6_EXTHDR_LIMIT ?
				SSF_R_BIT(SSF_R_IP6_EXTHDR_TOO_MANY) : 0);
	}
}

/* Metadata that ssf_check() fills on a well-formed packet. */
static void ssf_check_metadata(struct kunit *test)
{
	const struct ssf_case_addrs *a = &ssf_case_addrs_doc;
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);
	struct ssf_tb *t = ssf_kunit_tb(test);
	struct ssf_check_ctx ctx = { .cfg = cfg };
	struct ssf_check_res res;
	struct ssf_pkt pkt;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	ssf_check_cfg_init(cfg);
	ssf_tb_ip4(t, a->s4, a->d4);
	ssf_tb_tcp(t, 40000, 80, SSF_TB_SYN, NULL, 0);
	ssf_tb_done(t);
	run_linear(test, t, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, pkt.proto, SSF_TB_TCP);
	KUNIT_EXPECT_EQ(test, pkt.sport, 40000);
	KUNIT_EXPECT_EQ(test, pkt.dport, 80);
	KUNIT_EXPECT_EQ(test, pkt.tcp_flags, SSF_TB_SYN);
	KUNIT_EXPECT_EQ(test, pkt.ttl, 64);
	KUNIT_EXPECT_EQ(test, pkt.l4off, 20);
	KUNIT_EXPECT_EQ(test, pkt.flags, SSF_PKT_F_PORTS);
	KUNIT_EXPECT_MEMEQ(test, &pkt.saddr.w[0], t->b + 12, 4);
	KUNIT_EXPECT_MEMEQ(test, &pkt.daddr.w[0], t->b + 16, 4);

	ssf_tb_ip6(t, a->s6, a->d6);
	ssf_tb_icmp6(t, 136, 0);
	ssf_tb_zero(t, 16);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, 255);
	run_linear(test, t, cfg, &pkt, &res);
	KUNIT_EXPECT_EQ(test, res.verdict, SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, pkt.proto, SSF_TB_ICMP6);
	KUNIT_EXPECT_EQ(test, pkt.flags, SSF_PKT_F_ICMP);
	KUNIT_EXPECT_EQ(test, pkt.icmp_type, 136);
	KUNIT_EXPECT_EQ(test, pkt.l4off, 40);
	KUNIT_EXPECT_MEMEQ(test, pkt.saddr.b, t->b + 8, 16);
	KUNIT_EXPECT_MEMEQ(test, pkt.daddr.b, t->b + 24, 16);

	/* a family that is neither: nothing checked, partial, pass */
	t->family = SSF_FAMILY_ANY;
	KUNIT_EXPECT_EQ(test, run_layout(test, t, t->len, 0, t->len, 0, &ctx,
					 &pkt, &res), SSF_VERDICT_PASS);
	KUNIT_EXPECT_EQ(test, res.tripped, 0);
	KUNIT_EXPECT_TRUE(test, pkt.flags & SSF_PKT_F_PARTIAL);
	KUNIT_EXPECT_NULL(test, ssf_case_invariants(cfg, SSF_FAMILY_ANY, t->len,
						    SSF_VERDICT_PASS, &pkt,
						    &res));
}

static struct kunit_case ssf_check_test_cases[] = {
	KUNIT_CASE(ssf_check_names),
	KUNIT_CASE(ssf_check_defaults),
	KUNIT_CASE(ssf_check_every_reason_tested),
	KUNIT_CASE(ssf_check_metadata),
	KUNIT_CASE(ssf_check_exthdr_limit),
	KUNIT_CASE_PARAM(ssf_check_cases, case_gen_params),
	KUNIT_CASE_PARAM(ssf_check_nonlinear, case_gen_params),
	KUNIT_CASE_PARAM(ssf_check_truncated, trunc_gen_params),
	{}
};

static struct kunit_suite ssf_check_suite = {
	.name = "ssf_check",
	.test_cases = ssf_check_test_cases,
};

kunit_test_suite(ssf_check_suite);
