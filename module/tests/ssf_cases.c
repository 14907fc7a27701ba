// SPDX-License-Identifier: GPL-2.0
/*
 * The case tables in the order every world walks them, and what each case
 * must show in every world (ssf_cases.h): one statement of the properties,
 * run over flat buffers by tests/unit and over skbs by KUnit.
 *
 * Locking: none; the tables are read-only, a world belongs to one test.
 */
#include "ssf_cases.h"

#ifndef __KERNEL__
#include <stdio.h>
#endif

const struct ssf_case_addrs ssf_case_addrs_doc = {
	.s4 = "192.0.2.1", .d4 = "198.51.100.2",
	.s6 = "2001:db8::1", .d6 = "2001:db8::2",
};

static const struct ssf_case_table *const ssf_case_tables[] = {
	&ssf_cases_ip4, &ssf_cases_ip6, &ssf_cases_l4,
};

const struct ssf_case *ssf_case_next(const struct ssf_case *prev)
{
	const struct ssf_case_table *t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ssf_case_tables); i++) {
		t = ssf_case_tables[i];
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

void ssf_case_build(const struct ssf_case *c, bool bad,
		    const struct ssf_case_addrs *a, struct ssf_tb *t,
		    struct ssf_case_env *e)
{
	memset(e, 0, sizeof(*e));
	e->exthdr_max = SSF_IP6_EXTHDR_DEFAULT;
	e->family = c->family;
	e->a = a ? a : &ssf_case_addrs_doc;
	c->build(t, bad, e);
}

void ssf_case_l3(struct ssf_tb *t, const struct ssf_case_env *e)
{
	if (e->family == SSF_FAMILY_IPV6)
		ssf_tb_ip6(t, e->a->s6, e->a->d6);
	else
		ssf_tb_ip4(t, e->a->s4, e->a->d4);
}

u64 ssf_trunc_want(const struct ssf_trunc_case *c, u8 family, u32 len,
		   u32 full)
{
	u64 want = 0;
	unsigned int i;

	if (len >= full)
		return 0;
	for (i = 0; i < ARRAY_SIZE(c->seg) && c->seg[i].end; i++) {
		if (len < c->seg[i].end) {
			if (c->seg[i].reason)
				want = SSF_R_BIT(c->seg[i].reason);
			break;
		}
	}
	/* the data of a non-last fragment is a multiple of 8 bytes long */
	if (c->frag && len >= c->frag && (len - c->frag) % 8)
		want |= family == SSF_FAMILY_IPV4 ? SSF_RB(IP4_FRAG_BAD) :
						    SSF_RB(IP6_FRAG_BAD);
	return want;
}

/* ---- the checks ------------------------------------------------------- */

static unsigned int ssf_case_bits(u64 x)
{
	unsigned int n = 0;

	for (; x; x >>= 1)
		n += x & 1;
	return n;
}

/* Reason names of @mask into @buf: "a,b", or "(none)". */
static const char *ssf_case_names(u64 mask, char *buf, size_t size)
{
	size_t n = 0;
	unsigned int i;

	snprintf(buf, size, "(none)");
	for (i = 0; i < 64 && n < size; i++) {
		if (!(mask & SSF_R_BIT(i)))
			continue;
		n += snprintf(buf + n, size - n, "%s%s", n ? "," : "",
			      ssf_reason_name(i) ? ssf_reason_name(i) : "?");
	}
	return buf;
}

static bool ssf_case_ok(const struct ssf_case_world *w, bool ok,
			const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	w->check(w->priv, ok, file, line, fmt, ap);
	va_end(ap);
	return ok;
}

#define SSF_CASE_OK(w, ok, ...)						\
	ssf_case_ok(w, ok, __FILE__, __LINE__, __VA_ARGS__)

/* One check that the reasons @got are @want, naming both when not. */
static bool ssf_case_mask(const struct ssf_case_world *w, const char *file,
			  int line, u64 got, u64 want, const char *what,
			  u32 len)
{
	char gn[160] = "", wn[160] = "";

	if (got != want) {
		ssf_case_names(got, gn, sizeof(gn));
		ssf_case_names(want, wn, sizeof(wn));
	}
	return ssf_case_ok(w, got == want, file, line,
			   "%s, %u bytes: tripped %s, expected %s", what, len,
			   gn, wn);
}

#define SSF_CASE_MASK(w, got, want, what, len)				\
	ssf_case_mask(w, __FILE__, __LINE__, got, want, what, len)

static const char *ssf_case_rname(unsigned int r)
{
	return ssf_reason_name(r) ?: "none";
}

const char *ssf_case_invariants(const struct ssf_check_cfg *cfg, u8 family,
				u32 len, enum ssf_verdict v,
				const struct ssf_pkt *pkt,
				const struct ssf_check_res *res)
{
	bool known = family == SSF_FAMILY_IPV4 || family == SSF_FAMILY_IPV6;
	unsigned int i;

	if (v != res->verdict)
		return "returned verdict differs from res->verdict";
	if (res->verdict > SSF_VERDICT_DROP)
		return "verdict out of range";
	if ((res->verdict == SSF_VERDICT_DROP) != (res->reason != SSF_R_NONE))
		return "drop without reason or reason without drop";
	if (res->reason >= SSF_R_COUNT || res->incomplete >= SSF_R_COUNT)
		return "reason out of range";
	if (res->reason && !(res->tripped & SSF_R_BIT(res->reason)))
		return "drop reason not in tripped";
	if (res->reason && cfg->action[res->reason] < SSF_CHK_DROP)
		return "drop by a reason whose action is not drop";
	if (res->tripped & (SSF_R_BIT(0) | ~(SSF_R_BIT(SSF_R_COUNT) - 1)))
		return "tripped bit out of range";
	for (i = 1; i < SSF_R_COUNT; i++)
		if ((res->tripped & SSF_R_BIT(i)) &&
		    cfg->action[i] == SSF_CHK_OFF)
			return "an off reason was recorded";
	if (res->incomplete && cfg->action[res->incomplete] != SSF_CHK_OFF &&
	    !(res->tripped & SSF_R_BIT(res->incomplete)))
		return "incomplete reason not recorded";
	/* (an unknown family is partial too, with nothing incomplete) */
	if (known && !res->incomplete != !(pkt->flags & SSF_PKT_F_PARTIAL))
		return "incomplete and SSF_PKT_F_PARTIAL disagree";
	if (pkt->family != family)
		return "pkt->family is not the packet's family";
	if (pkt->len != len)
		return "pkt->len is not the buffer length";
	if (pkt->l4off > len && !(pkt->flags & SSF_PKT_F_PARTIAL))
		return "l4off past the packet";
	if ((pkt->flags & SSF_PKT_F_PORTS) && pkt->proto != 6 &&
	    pkt->proto != 17 && pkt->proto != 132 && pkt->proto != 136)
		return "ports on a protocol without ports";
	if ((pkt->flags & SSF_PKT_F_ICMP) && pkt->proto != 1 &&
	    pkt->proto != 58)
		return "icmp fields on a non-ICMP packet";
	if ((pkt->flags & SSF_PKT_F_LATER_FRAG) &&
	    (pkt->flags & (SSF_PKT_F_PORTS | SSF_PKT_F_ICMP)))
		return "transport fields on a later fragment";
	if ((pkt->flags & SSF_PKT_F_LATER_FRAG) &&
	    !(pkt->flags & SSF_PKT_F_FRAG))
		return "later fragment without SSF_PKT_F_FRAG";
	if (pkt->flags & ~0x1f)
		return "unknown pkt flags";
	return NULL;
}

/* The result of one ssf_check() call. */
struct ssf_case_res {
	enum ssf_verdict v;
	struct ssf_pkt pkt;
	struct ssf_check_res res;
};

/* ssf_check() of @len bytes of @t in world @w, held to the invariants. */
static void ssf_case_run(const struct ssf_case_world *w,
			 const struct ssf_tb *t, u32 len,
			 const struct ssf_case_env *e, struct ssf_case_res *r)
{
	struct ssf_check_ctx ctx = e->ctx;
	const char *err;

	ctx.cfg = w->cfg;
	memset(r, 0xa5, sizeof(*r));	/* ssf_check() must fill it all */
	r->v = w->run(w->priv, t, len, &ctx, &r->pkt, &r->res);
	err = ssf_case_invariants(w->cfg, t->family, len, r->v, &r->pkt,
				  &r->res);
	SSF_CASE_OK(w, !err, "invariant, %u bytes: %s", len, err);
}

/* Every reason's action @act, the IPv6 header limit @xmax. */
static void ssf_case_cfg(struct ssf_check_cfg *cfg, u8 act, u8 xmax)
{
	ssf_check_cfg_init(cfg);
	memset(cfg->action, act, sizeof(cfg->action));
	cfg->action[SSF_R_NONE] = SSF_CHK_OFF;
	cfg->ip6_exthdr_max = xmax;
}

static void ssf_case_check_bad(const struct ssf_case_world *w,
			       const struct ssf_case *c,
			       const struct ssf_tb *t,
			       const struct ssf_case_env *e)
{
	struct ssf_check_cfg *cfg = w->cfg;
	const u64 bit = SSF_R_BIT(c->reason);
	const u8 r = c->reason, x = e->exthdr_max;
	struct ssf_case_res res;

	/* every check on audit: exactly the expected reasons, passes */
	ssf_case_cfg(cfg, SSF_CHK_AUDIT, x);
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, bit | c->also, "all audit", t->len);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS, "all audit: dropped");

	/* only this check on, on audit: exactly it */
	ssf_case_cfg(cfg, SSF_CHK_OFF, x);
	cfg->action[r] = SSF_CHK_AUDIT;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, bit, "only it, audit", t->len);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS, "only it, audit: dropped");

	/* only this check on, on drop: dropped for it */
	cfg->action[r] = SSF_CHK_DROP;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, bit, "only it, drop", t->len);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_DROP && res.res.reason == r,
		    "only it, drop: verdict %u for %s", res.v,
		    ssf_case_rname(res.res.reason));

	/* an action above SSF_CHK_MAX acts as drop */
	cfg->action[r] = 0xff;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_DROP && res.res.reason == r,
		    "action 0xff: verdict %u for %s", res.v,
		    ssf_case_rname(res.res.reason));

	/* the only drop among audits: it decides */
	ssf_case_cfg(cfg, SSF_CHK_AUDIT, x);
	cfg->action[r] = SSF_CHK_DROP;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_DROP && res.res.reason == r,
		    "the one drop: verdict %u for %s", res.v,
		    ssf_case_rname(res.res.reason));

	/* off among audits: neither recorded nor dropped, the rest as is */
	cfg->action[r] = SSF_CHK_OFF;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, c->also, "it off, the rest audit",
		      t->len);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS, "it off: dropped");

	/* everything off: nothing at all */
	ssf_case_cfg(cfg, SSF_CHK_OFF, x);
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, 0, "all off", t->len);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS, "all off: dropped");

	/* everything on drop: dropped at the first of its reasons */
	ssf_case_cfg(cfg, SSF_CHK_DROP, x);
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_DROP &&
		    ssf_case_bits(res.res.tripped) == 1 &&
		    (res.res.tripped & (bit | c->also)),
		    "all drop: verdict %u, %u reasons", res.v,
		    ssf_case_bits(res.res.tripped));

	/* the defaults: drop or audit as the reason table says */
	ssf_check_cfg_init(cfg);
	cfg->ip6_exthdr_max = x;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_OK(w, res.res.tripped & (bit | c->also),
		    "defaults: %s not recorded", ssf_case_rname(r));
	if (!c->also)
		SSF_CASE_OK(w, res.v == (ssf_reason_default(r) == SSF_CHK_DROP ?
					 SSF_VERDICT_DROP : SSF_VERDICT_PASS),
			    "defaults: verdict %u", res.v);
}

static void ssf_case_check_twin(const struct ssf_case_world *w,
				const struct ssf_case *c,
				const struct ssf_tb *t,
				const struct ssf_case_env *e)
{
	struct ssf_check_cfg *cfg = w->cfg;
	struct ssf_case_res res;
	unsigned int i;

	/* every check on audit: nothing trips (but what the row says) */
	ssf_case_cfg(cfg, SSF_CHK_AUDIT, e->exthdr_max);
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_MASK(w, res.res.tripped, c->twin_also, "twin, all audit", t->len);

	/* every check on drop, the by-design ones on audit: passes whole */
	ssf_case_cfg(cfg, SSF_CHK_DROP, e->exthdr_max);
	for (i = 1; i < SSF_R_COUNT; i++)
		if (c->twin_also & SSF_R_BIT(i))
			cfg->action[i] = SSF_CHK_AUDIT;
	ssf_case_run(w, t, t->len, e, &res);
	SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS,
		    "twin, all drop: dropped for %s",
		    ssf_case_rname(res.res.reason));
	SSF_CASE_OK(w, res.res.incomplete == SSF_R_NONE &&
		    !(res.pkt.flags & SSF_PKT_F_PARTIAL),
		    "twin: parsing stopped at %s",
		    ssf_case_rname(res.res.incomplete));
}

void ssf_case_check(const struct ssf_case_world *w, const struct ssf_case *c)
{
	struct ssf_case_env be, ge;

	ssf_case_build(c, true, NULL, w->tb[0], &be);
	ssf_case_build(c, false, NULL, w->tb[1], &ge);
	SSF_CASE_OK(w, c->reason > SSF_R_NONE && c->reason <= SSF_R_MAX,
		    "reason %u", c->reason);
	SSF_CASE_OK(w, !(c->also & SSF_R_BIT(c->reason)),
		    "the reason is among the other reasons");
	ssf_case_check_bad(w, c, w->tb[0], &be);
	ssf_case_check_twin(w, c, w->tb[1], &ge);
}

/* ---- truncation ------------------------------------------------------- */

/* Where the network header ends: the first length no cut is short of. */
static u32 ssf_trunc_l3(const struct ssf_trunc_case *c)
{
	u32 l3 = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->seg) && c->seg[i].end; i++)
		if (c->seg[i].reason == SSF_R_IP4_TRUNCATED ||
		    c->seg[i].reason == SSF_R_IP4_BAD_IHL ||
		    c->seg[i].reason == SSF_R_IP6_TRUNCATED)
			l3 = c->seg[i].end;
	return l3;
}

/* @t's IP length fields rewritten to say @len bytes. */
static void ssf_trunc_relen(struct ssf_tb *t, u32 len)
{
	if (t->family == SSF_FAMILY_IPV4 && len >= 4)
		ssf_tb_set16(t, 2, len);
	if (t->family == SSF_FAMILY_IPV6 && len >= 40)
		ssf_tb_set16(t, 4, len - 40);
}

void ssf_case_check_trunc(const struct ssf_case_world *w,
			  const struct ssf_trunc_case *c)
{
	struct ssf_tb *t = w->tb[0], *q = w->tb[1];
	struct ssf_check_cfg *cfg = w->cfg;
	struct ssf_case_env e = { .exthdr_max = SSF_IP6_EXTHDR_DEFAULT };
	u8 lenr;
	u32 len, full, l3, i;
	struct ssf_case_res res;
	u64 want, lenbit;

	c->build(t, &ssf_case_addrs_doc);
	full = t->len;
	l3 = ssf_trunc_l3(c);
	for (i = 0; i < ARRAY_SIZE(c->seg) && c->seg[i].end; i++)
		;
	SSF_CASE_OK(w, i && c->seg[i - 1].end == full,
		    "the last segment ends at %u, the packet at %u",
		    i ? c->seg[i - 1].end : 0, full);
	lenr = t->family == SSF_FAMILY_IPV4 ? SSF_R_IP4_BAD_LENGTH :
					      SSF_R_IP6_BAD_LENGTH;
	lenbit = SSF_R_BIT(lenr);

	for (len = 0; len <= full; len++) {
		want = ssf_trunc_want(c, t->family, len, full);

		/* raw: the IP length says more than there is, past l3 */
		ssf_case_cfg(cfg, SSF_CHK_AUDIT, e.exthdr_max);
		ssf_case_run(w, t, len, &e, &res);
		SSF_CASE_MASK(w, res.res.tripped,
			      len < l3 || len == full ? want : want | lenbit,
			      "raw cut", len);
		if (want & (SSF_RB(IP4_TRUNCATED) | SSF_RB(IP6_TRUNCATED) |
			    SSF_RB(IP4_BAD_IHL)))
			SSF_CASE_OK(w, SSF_R_BIT(res.res.incomplete) == want,
				    "raw cut at %u: incomplete %s", len,
				    ssf_case_rname(res.res.incomplete));
		ssf_case_cfg(cfg, SSF_CHK_DROP, e.exthdr_max);
		ssf_case_run(w, t, len, &e, &res);
		if (len >= l3 && len < full)
			SSF_CASE_OK(w, res.res.reason == lenr,
				    "raw cut at %u: dropped for %s", len,
				    ssf_case_rname(res.res.reason));

		/* raw, the length check off: the inner header's reason */
		ssf_case_cfg(cfg, SSF_CHK_AUDIT, e.exthdr_max);
		cfg->action[lenr] = SSF_CHK_OFF;
		ssf_case_run(w, t, len, &e, &res);
		SSF_CASE_MASK(w, res.res.tripped, want, "raw cut, length off",
			      len);

		/* consistent: the IP length fields say the cut */
		*q = *t;
		ssf_trunc_relen(q, len);
		ssf_case_cfg(cfg, SSF_CHK_AUDIT, e.exthdr_max);
		ssf_case_run(w, q, len, &e, &res);
		SSF_CASE_MASK(w, res.res.tripped, want, "consistent cut", len);
		SSF_CASE_OK(w, res.v == SSF_VERDICT_PASS,
			    "consistent cut at %u, all audit: dropped", len);
		ssf_case_cfg(cfg, SSF_CHK_DROP, e.exthdr_max);
		ssf_case_run(w, q, len, &e, &res);
		SSF_CASE_OK(w, want ? res.v == SSF_VERDICT_DROP &&
			    (want & SSF_R_BIT(res.res.reason)) :
			    res.v == SSF_VERDICT_PASS,
			    "consistent cut at %u, all drop: verdict %u for %s",
			    len, res.v, ssf_case_rname(res.res.reason));
	}
}

/* ---- coverage --------------------------------------------------------- */

void ssf_case_check_coverage(const struct ssf_case_world *w)
{
	const struct ssf_case *c, *d;
	unsigned int r, n;

	for (r = 1; r <= SSF_R_MAX; r++) {
		for (c = ssf_case_next(NULL), n = 0; c; c = ssf_case_next(c))
			n += c->reason == r;
		SSF_CASE_OK(w, n > 0, "no bad packet and twin for %s",
			    ssf_case_rname(r));
	}
	for (c = ssf_case_next(NULL); c; c = ssf_case_next(c))
		for (d = ssf_case_next(c); d; d = ssf_case_next(d))
			SSF_CASE_OK(w, strcmp(c->name, d->name),
				    "two cases named %s", c->name);
}
