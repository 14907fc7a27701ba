// SPDX-License-Identifier: GPL-2.0
/*
 * The native half of `make bench`: the compiled classifier (module/ssf_cls.c)
 * built for userspace at -O2, timed against the linear first-match scan the
 * hooks used before it (ssf_rule_match() on every rule in order) and the
 * reference matcher (module/tests/ssf_rule_ref.c), in the same process, on
 * the same packets. Prints one JSON object on stdout (bench/run reads it).
 *
 *	ssf_bench_cls [--quick] [--sizes N,N,...] [--set-big N]
 *
 * Rulesets, ClassBench-style (Taylor and Turner, "ClassBench: a packet
 * classification benchmark", 2005: prefix pairs drawn under a tree of
 * nested address blocks, port ranges of the classes WC, HI, LO, AR and EM,
 * a few protocols):
 *   acl    access-control-list shape: long source and destination prefixes,
 *          exact well-known destination ports, TCP mostly
 *   fw     firewall shape: many wildcards and short prefixes, arbitrary
 *          port ranges on both ports
 *   block  a pure blocklist: N rules "src A/32 drop", against one rule
 *          "src @set drop" whose set holds the same N addresses
 * Packets (a ClassBench trace): half are built inside a random rule's box,
 * half drawn anywhere in the same address blocks. Each lookup result of the
 * classifier is checked against the linear scan before anything is timed.
 *
 * Times are CPU time of this thread (the host is shared: time spent preempted
 * is not the classifier's), the best of three runs of at least 150 ms each
 * (--quick: of five runs of 20 ms).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ssf_cls.h"
#include "ssf_set.h"
#include "ssf_rnd.h"
#include "ssf_rule_ref.h"

#define BENCH_NPKT	4096
#define BENCH_BASES	64

/* A rule as a policy holds it: the rule, then its bucket. */
struct bench_rule {
	struct ssf_rule rule;
	struct ssf_atomic64 *bucket;
};

struct bench {
	u32 rnd;
	u32 base[BENCH_BASES];	/* /16 blocks everything is drawn from */
	u64 min_ns;		/* a timed run lasts at least this */
	int repeats;
	const struct ssf_set_data *sets[1];	/* ssf_meta_set() */
};

static volatile s64 bench_sink;

/* --- the userspace world of the matcher ---------------------------------- */

bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	(void)m;
	(void)id;
	(void)level;
	return false;
}

const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx)
{
	const struct ssf_set_data * const *sets = m->sets;

	return sets[idx];
}

static u64 bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static u32 bench_below(struct bench *b, u32 n)
{
	return n ? ssf_rnd(&b->rnd) % n : 0;
}

/* --- rulesets ------------------------------------------------------------- */

/* An address in one of the blocks, host order. */
static u32 bench_addr(struct bench *b)
{
	return b->base[bench_below(b, BENCH_BASES)] << 16 |
	       bench_below(b, 1U << 16);
}

static void bench_prefix(struct bench *b, union ssf_addr *a, u8 *plenp,
			 u8 plen)
{
	u32 mask = plen ? ~0U << (32 - plen) : 0;

	memset(a, 0, sizeof(*a));
	a->w[0] = cpu_to_be32(bench_addr(b) & mask);
	*plenp = plen;
}

static u8 bench_pick(struct bench *b, const u8 *v, u32 n)
{
	return v[bench_below(b, n)];
}

static const u16 bench_em_ports[] = { 20, 21, 22, 23, 25, 53, 80, 110, 123,
				      135, 139, 143, 161, 389, 443, 445, 993,
				      995, 1433, 1521, 3306, 3389, 5060, 5432,
				      8080, 8443 };

/* A ClassBench port class: WC, HI (1024-65535), LO (0-1023), AR, EM. */
static void bench_ports(struct bench *b, u32 *match, u32 bit, u16 *lo, u16 *hi,
			const u8 *cls_weights)
{
	u32 w = bench_below(b, 100), c = 0, acc = cls_weights[0];

	while (w >= acc && c < 4)
		acc += cls_weights[++c];
	switch (c) {
	case 0:
		return;					/* WC */
	case 1:
		*lo = 1024, *hi = 65535;		/* HI */
		break;
	case 2:
		*lo = 0, *hi = 1023;			/* LO */
		break;
	case 3:						/* AR */
		*lo = bench_below(b, 60000);
		*hi = *lo + 1 + bench_below(b, 2000);
		break;
	default:					/* EM */
		*lo = *hi = bench_em_ports[bench_below(b,
					ARRAY_SIZE(bench_em_ports))];
	}
	*match |= bit;
}

static void bench_rule_fields(struct bench *b, struct ssf_rule *r, bool fw)
{
	static const u8 acl_src[] = { 32, 32, 32, 32, 28, 24, 24, 24, 20, 16 };
	static const u8 acl_dst[] = { 32, 32, 32, 32, 32, 24, 24, 16, 0 };
	static const u8 fw_plen[] = { 0, 0, 0, 8, 16, 16, 20, 24, 24, 32, 32 };
	/* WC HI LO AR EM, percent */
	static const u8 acl_sp[] = { 95, 5, 0, 0, 0 };
	static const u8 acl_dp[] = { 15, 10, 0, 10, 65 };
	static const u8 fw_sp[] = { 60, 15, 5, 10, 10 };
	static const u8 fw_dp[] = { 20, 10, 5, 35, 30 };
	u32 p = bench_below(b, 100);

	memset(r, 0, sizeof(*r));
	r->dir = SSF_DIR_IN;
	r->family = SSF_FAMILY_IPV4;
	r->action = bench_below(b, 2) ? SSF_ACT_ACCEPT : SSF_ACT_DROP;
	bench_prefix(b, &r->src, &r->src_plen,
		     fw ? bench_pick(b, fw_plen, sizeof(fw_plen)) :
			  bench_pick(b, acl_src, sizeof(acl_src)));
	bench_prefix(b, &r->dst, &r->dst_plen,
		     fw ? bench_pick(b, fw_plen, sizeof(fw_plen)) :
			  bench_pick(b, acl_dst, sizeof(acl_dst)));
	/* every block is inside 10.0.0.0/8: keep one field to a site */
	if (fw && r->src_plen < 16 && r->dst_plen < 16)
		bench_prefix(b, &r->src, &r->src_plen, 16);
	if (r->src_plen)
		r->match |= SSF_RM_SRC;
	if (r->dst_plen)
		r->match |= SSF_RM_DST;
	if (p < (fw ? 10U : 3U))
		return;				/* any protocol */
	r->match |= SSF_RM_PROTO;
	r->proto = p < (fw ? 55U : 73U) ? 6 : p < 97 ? 17 : 1;
	if (r->proto == 1)
		return;
	bench_ports(b, &r->match, SSF_RM_SPORT, &r->sport_min, &r->sport_max,
		    fw ? fw_sp : acl_sp);
	bench_ports(b, &r->match, SSF_RM_DPORT, &r->dport_min, &r->dport_max,
		    fw ? fw_dp : acl_dp);
}

enum bench_shape { BENCH_ACL, BENCH_FW, BENCH_BLOCK, BENCH_NSHAPES };

static const char * const bench_shape_name[] = { "acl", "fw", "block" };

static void bench_rule(struct bench *b, struct ssf_rule *r, int shape)
{
	const char *err;

	if (shape == BENCH_BLOCK) {
		memset(r, 0, sizeof(*r));
		r->dir = SSF_DIR_IN;
		r->family = SSF_FAMILY_IPV4;
		r->action = SSF_ACT_DROP;
		r->match = SSF_RM_SRC;
		bench_prefix(b, &r->src, &r->src_plen, 32);
	} else {
		bench_rule_fields(b, r, shape == BENCH_FW);
	}
	if (ssf_rule_verify(r, &err)) {
		fprintf(stderr, "ssf_bench_cls: generated rule refused: %s\n",
			err);
		exit(1);
	}
}

/* A packet inside @r's box, or anywhere in the blocks when @r is NULL. */
static void bench_packet(struct bench *b, const struct ssf_rule *r,
			 struct ssf_pkt *p)
{
	u32 s = bench_addr(b), d = bench_addr(b);

	memset(p, 0, sizeof(*p));
	p->family = SSF_FAMILY_IPV4;
	p->proto = bench_below(b, 4) ? 6 : 17;
	p->sport = 1024 + bench_below(b, 64512);
	p->dport = bench_em_ports[bench_below(b, ARRAY_SIZE(bench_em_ports))];
	if (r) {
		u32 sm = r->src_plen ? ~0U << (32 - r->src_plen) : 0;
		u32 dm = r->dst_plen ? ~0U << (32 - r->dst_plen) : 0;

		s = (be32_to_cpu(r->src.w[0]) & sm) | (s & ~sm);
		d = (be32_to_cpu(r->dst.w[0]) & dm) | (d & ~dm);
		if (r->match & SSF_RM_PROTO)
			p->proto = r->proto;
		if (r->match & SSF_RM_SPORT)
			p->sport = r->sport_min +
				   bench_below(b, r->sport_max - r->sport_min + 1);
		if (r->match & SSF_RM_DPORT)
			p->dport = r->dport_min +
				   bench_below(b, r->dport_max - r->dport_min + 1);
	}
	p->saddr.w[0] = cpu_to_be32(s);
	p->daddr.w[0] = cpu_to_be32(d);
	if (p->proto == 6 || p->proto == 17)
		p->flags |= SSF_PKT_F_PORTS;
	else if (p->proto == 1)
		p->flags |= SSF_PKT_F_ICMP;
	p->len = 60;
	p->l4off = 20;
}

/* --- timing --------------------------------------------------------------- */

struct bench_run {
	const struct ssf_cls *cls;
	const struct bench_rule *rules;
	const struct ssf_rule *flat;
	u32 n;
	const struct ssf_pkt *pkt;
	const struct ssf_meta *meta;
};

enum bench_how { BENCH_CLS, BENCH_LINEAR, BENCH_REF };

static u64 bench_clock(void)
{
	return 1;
}

static s32 bench_linear(const struct ssf_rule *rules, u32 n,
			const struct ssf_pkt *p, const struct ssf_meta *m)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (rules[i].dir == SSF_DIR_IN && ssf_rule_match(&rules[i], p, m))
			return i;
	return -1;
}

static s32 bench_one(const struct bench_run *r, int how, u32 k)
{
	const struct ssf_pkt *p = &r->pkt[k % BENCH_NPKT];

	switch (how) {
	case BENCH_CLS:
		return ssf_cls_first(r->cls, r->rules, sizeof(r->rules[0]),
				     offsetof(struct bench_rule, bucket),
				     SSF_DIR_IN, p, r->meta, bench_clock);
	case BENCH_LINEAR:
		return bench_linear(r->flat, r->n, p, r->meta);
	default:
		return ssf_ref_first_match(r->flat, r->n, SSF_DIR_IN, p,
					   r->meta);
	}
}

/* Nanoseconds a lookup: the best of the repeats. */
static double bench_time(const struct bench *b, const struct bench_run *r,
			 int how)
{
	double best = 0;
	int rep;

	for (rep = 0; rep < b->repeats; rep++) {
		u64 t0 = bench_now(), t;
		u32 k = 0, step;
		s64 acc = 0;
		double ns;

		do {
			for (step = 0; step < 16; step++, k++)
				acc += bench_one(r, how, k);
			t = bench_now() - t0;
		} while (t < b->min_ns);
		bench_sink += acc;
		ns = (double)t / k;
		if (!rep || ns < best)
			best = ns;
	}
	return best;
}

/* --- one ruleset ---------------------------------------------------------- */

static void bench_json_sep(bool *first)
{
	printf("%s\n", *first ? "" : ",");
	*first = false;
}

static int bench_ruleset(struct bench *b, int shape, u32 n, bool *first)
{
	struct ssf_meta meta = { .iif = "eth0", .sets = b->sets };
	struct ssf_set_data setd = { 0 };
	struct bench_rule *rules, setrule[1];
	struct ssf_rule *flat;
	struct ssf_pkt *pkt;
	struct ssf_cls cls, scls = { 0 };
	struct bench_run run;
	double build_ms = 0, t_cls, t_lin, t_ref, t_set = 0;
	u32 i, matched = 0;
	u64 tried = 0, trees = 0;
	int ret = -ENOMEM, rep;

	rules = calloc(n, sizeof(*rules));
	flat = calloc(n, sizeof(*flat));
	pkt = calloc(BENCH_NPKT, sizeof(*pkt));
	if (!rules || !flat || !pkt)
		goto out;
	for (i = 0; i < n; i++) {
		bench_rule(b, &flat[i], shape);
		rules[i].rule = flat[i];
	}
	for (i = 0; i < BENCH_NPKT; i++)
		bench_packet(b, i & 1 ? &flat[bench_below(b, n)] : NULL,
			     &pkt[i]);
	/* compile time: the best of three builds */
	for (rep = 0; rep < 3; rep++) {
		u64 t0 = bench_now();
		double ms;

		ret = ssf_cls_build(&cls, &rules[0].rule, n, sizeof(rules[0]));
		ms = (bench_now() - t0) / 1e6;
		if (ret)
			goto out;
		if (!rep || ms < build_ms)
			build_ms = ms;
		if (rep < 2)
			ssf_cls_release(&cls);
	}
	run = (struct bench_run){ .cls = &cls, .rules = rules, .flat = flat,
				  .n = n, .pkt = pkt, .meta = &meta };
	for (i = 0; i < BENCH_NPKT; i++) {
		s32 want = bench_linear(flat, n, &pkt[i], &meta);
		struct ssf_cls_cur cur;
		u32 j;

		/* the candidates ssf_cls_first() tries: up to the match */
		ssf_cls_start(&cls, SSF_DIR_IN, &pkt[i], &cur);
		while ((j = ssf_cls_next(&cur)) != U32_MAX) {
			tried++;
			if (ssf_rule_match(&flat[j], &pkt[i], &meta))
				break;
		}
		trees += cur.k;
		matched += want >= 0;
		if (bench_one(&run, BENCH_CLS, i) != want ||
		    (i < 256 && bench_one(&run, BENCH_REF, i) != want)) {
			fprintf(stderr, "ssf_bench_cls: %s %u rules: packet %u: classifier and linear scan disagree\n",
				bench_shape_name[shape], n, i);
			ret = -EINVAL;
			goto out_cls;
		}
	}
	t_cls = bench_time(b, &run, BENCH_CLS);
	t_lin = bench_time(b, &run, BENCH_LINEAR);
	t_ref = bench_time(b, &run, BENCH_REF);
	if (shape == BENCH_BLOCK) {
		/* the same addresses as one set, matched by one rule */
		struct ssf_elem *e = calloc(n, sizeof(*e)), *out;
		u32 nout;

		ret = -ENOMEM;
		if (!e)
			goto out_cls;
		for (i = 0; i < n; i++) {
			e[i].family = SSF_FAMILY_IPV4;
			e[i].kind = SSF_ELEM_ADDR;
			e[i].lo = e[i].hi = flat[i].src;
		}
		ret = ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, e, n, 0,
					  U32_MAX, &out, &nout);
		free(e);
		ret = ret ?: ssf_set_data_build(&setd, SSF_SET_ADDR, out, nout);
		if (ret)
			goto out_cls;
		b->sets[0] = &setd;
		memset(setrule, 0, sizeof(setrule));
		setrule[0].rule = flat[0];
		setrule[0].rule.match = SSF_RM_SRC_SET;
		setrule[0].rule.src_plen = 0;
		memset(&setrule[0].rule.src, 0, sizeof(setrule[0].rule.src));
		ret = ssf_cls_build(&scls, &setrule[0].rule, 1,
				    sizeof(setrule[0]));
		if (ret)
			goto out_set;
		run.cls = &scls;
		run.rules = setrule;
		for (i = 0; i < BENCH_NPKT; i++)
			if ((bench_one(&run, BENCH_CLS, i) == 0) !=
			    (bench_linear(flat, n, &pkt[i], &meta) >= 0)) {
				fprintf(stderr, "ssf_bench_cls: blocklist set and rules disagree on packet %u\n",
					i);
				ret = -EINVAL;
				goto out_set;
			}
		t_set = bench_time(b, &run, BENCH_CLS);
	}
	bench_json_sep(first);
	printf("    {\"shape\": \"%s\", \"rules\": %u, \"cls_ns\": %.1f, \"linear_ns\": %.1f, \"ref_ns\": %.1f, ",
	       bench_shape_name[shape], n, t_cls, t_lin, t_ref);
	if (shape == BENCH_BLOCK)
		printf("\"set_rule_ns\": %.1f, ", t_set);
	printf("\"build_ms\": %.3f, \"cls_bytes_per_rule\": %.1f, \"rule_bytes\": %zu, \"nodes\": %u, \"list\": %u, \"depth\": %u, \"trees\": %.2f, \"candidates\": %.2f, \"matched\": %.3f}",
	       build_ms, (double)cls.mem / n, sizeof(struct ssf_rule),
	       cls.nnodes, cls.nlist, cls.depth, (double)trees / BENCH_NPKT,
	       (double)tried / BENCH_NPKT, (double)matched / BENCH_NPKT);
	fflush(stdout);
	ret = 0;
out_set:
	ssf_cls_release(&scls);
	ssf_set_data_release(&setd);
	b->sets[0] = NULL;
out_cls:
	ssf_cls_release(&cls);
out:
	free(rules);
	free(flat);
	free(pkt);
	return ret;
}

/* --- a set alone ---------------------------------------------------------- */

static int bench_set(struct bench *b, u32 n, bool *first)
{
	struct ssf_set_data d = { 0 };
	struct ssf_elem *e, *out;
	u32 *probe, i, nout, hits = 0;
	double best = 0, build_ms;
	int ret = -ENOMEM, rep;
	u64 t0;

	e = calloc(n, sizeof(*e));
	probe = calloc(BENCH_NPKT, sizeof(*probe));
	if (!e || !probe)
		goto out;
	for (i = 0; i < n; i++) {
		e[i].family = SSF_FAMILY_IPV4;
		e[i].kind = SSF_ELEM_ADDR;
		e[i].lo.w[0] = cpu_to_be32(ssf_rnd(&b->rnd));
		e[i].hi = e[i].lo;
	}
	/* half the probes are elements */
	for (i = 0; i < BENCH_NPKT; i++)
		probe[i] = i & 1 ? be32_to_cpu(e[bench_below(b, n)].lo.w[0]) :
				   ssf_rnd(&b->rnd);
	t0 = bench_now();
	ret = ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, e, n, 0, U32_MAX,
				  &out, &nout);
	ret = ret ?: ssf_set_data_build(&d, SSF_SET_ADDR, out, nout);
	build_ms = (bench_now() - t0) / 1e6;
	if (ret)
		goto out;
	for (rep = 0; rep < b->repeats; rep++) {
		u64 t;
		u32 k = 0, step;
		double ns;

		t0 = bench_now();
		do {
			for (step = 0; step < 64; step++, k++) {
				union ssf_addr a = { .w = {
					cpu_to_be32(probe[k % BENCH_NPKT]) } };

				hits += ssf_set_match_addr(&d, SSF_FAMILY_IPV4,
							   &a);
			}
			t = bench_now() - t0;
		} while (t < b->min_ns);
		ns = (double)t / k;
		if (!rep || ns < best)
			best = ns;
	}
	bench_sink += hits;
	bench_json_sep(first);
	printf("    {\"elements\": %u, \"lookup_ns\": %.1f, \"build_ms\": %.3f, \"bytes_per_element\": %.1f}",
	       n, best, build_ms, (double)d.mem / n);
	fflush(stdout);
	ret = 0;
out:
	ssf_set_data_release(&d);
	free(e);
	free(probe);
	return ret;
}

/* --- main ----------------------------------------------------------------- */

static int bench_sizes(const char *s, u32 *v, int max)
{
	int n = 0;
	char *end;

	while (*s && n < max) {
		v[n++] = strtoul(s, &end, 10);
		if (end == s || !v[n - 1])
			return -1;
		s = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return n;
}

int main(int argc, char **argv)
{
	u32 sizes[16] = { 10, 100, 1000, 10000, 100000 }, set_big = 1000000;
	struct bench b = { .rnd = 0x5eed, .min_ns = 150000000, .repeats = 3 };
	int nsizes = 5, i, shape;
	bool first = true;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick")) {
			b.min_ns = 20000000;
			b.repeats = 5;
		} else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			nsizes = bench_sizes(argv[++i], sizes, 16);
			if (nsizes <= 0)
				goto usage;
		} else if (!strcmp(argv[i], "--set-big") && i + 1 < argc) {
			set_big = strtoul(argv[++i], NULL, 10);
			if (!set_big)
				goto usage;
		} else {
			goto usage;
		}
	}
	for (i = 0; i < BENCH_BASES; i++)
		b.base[i] = 0x0a00 | bench_below(&b, 256);	/* 10.X/16 */

	printf("{\n  \"rule_bytes\": %zu,\n  \"rulesets\": [", sizeof(struct ssf_rule));
	for (shape = 0; shape < BENCH_NSHAPES; shape++)
		for (i = 0; i < nsizes; i++)
			if (bench_ruleset(&b, shape, sizes[i], &first))
				return 1;
	printf("\n  ],\n  \"sets\": [");
	first = true;
	if (bench_set(&b, 10, &first) || bench_set(&b, set_big, &first))
		return 1;
	printf("\n  ]\n}\n");
	return 0;
usage:
	fprintf(stderr, "usage: ssf_bench_cls [--quick] [--sizes N,N,...] [--set-big N]\n");
	return 2;
}
