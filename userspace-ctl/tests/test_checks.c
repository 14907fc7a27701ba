// SPDX-License-Identifier: GPL-2.0
/*
 * Validation checks without a kernel: the "validate" statement (every check
 * name and action accepted, every error with its line), the printers
 * (policy statements, validate show table, stats reasons, JSON), the
 * round trip file -> kernel state -> policy show -> file, and the netlink
 * attributes (SSF_A_CHECK encoding, SSF_A_VALIDATE decoding).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "harness.h"
#include "polparse.h"
#include "checks.h"
#include "netlink.h"
#include "attrs.h"

#define VFILE_ERR(text, line, msg) \
	t_file_err(__LINE__, text, sizeof(text) - 1, line, msg)

static void t_file_err(int line, const char *text, size_t len,
		       unsigned int want_line, const char *msg)
{
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	int ret;

	ret = ssf_polparse(text, len, &pf, &e);
	t_check_int(ret, -EINVAL, __FILE__, line, text);
	t_check_str(ret ? e.msg : "(parsed)", msg, __FILE__, line, text);
	t_check_int(e.line, want_line, __FILE__, line, text);
	/* nothing is left behind */
	t_check(!pf.checks && !pf.nchecks && !pf.rules && !pf.has_exthdr_max,
		__FILE__, line, "%s", text);
	if (!ret)
		ssf_polfile_free(&pf);
}

/* Every check name with every action, and "all". */
SSF_TEST(checks_names)
{
	static const char *const acts[] = { "off", "audit", "drop" };
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	char text[96];
	unsigned int r, a, bad = 0, n = 0;

	for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++) {
		for (a = 0; a < 3; a++) {
			snprintf(text, sizeof(text), "\n  validate %s %s # x\n",
				 ssf_reason_name(r), acts[a]);
			n++;
			if (ssf_polparse(text, strlen(text), &pf, &e)) {
				if (!bad++)
					printf("# %s: %s\n", text, e.msg);
				continue;
			}
			if (pf.nchecks != 1 || pf.checks[0].reason != r ||
			    pf.checks[0].action != a || pf.checks[0].line != 2 ||
			    strcmp(ssf_polcheck_name(&pf.checks[0]),
				   ssf_reason_name(r)))
				bad++;
			ssf_polfile_free(&pf);
		}
	}
	CHECK_INT(bad, 0);
	CHECK_INT(n, 3 * (SSF_R_COUNT - 1));
	/* all 40 named checks are there */
	CHECK_INT(SSF_R_COUNT - 1, 40);

	CHECK_INT(ssf_polparse("validate all drop\n", 18, &pf, &e), 0);
	CHECK_INT(pf.nchecks, 1);
	if (pf.nchecks == 1) {
		CHECK_INT(pf.checks[0].reason, SSF_R_NONE);
		CHECK_INT(pf.checks[0].action, SSF_CHK_DROP);
		CHECK_STR(ssf_polcheck_name(&pf.checks[0]), "all");
	}
	CHECK(!pf.has_exthdr_max);
	ssf_polfile_free(&pf);
}

SSF_TEST(checks_file)
{
	static const char text[] =
		"# validation\n"
		"validate all audit\n"
		"rule in accept\n"
		"validate tcp-null drop\n"
		"default in drop\n"
		"validate ip6-exthdr-max 0\n"
		"validate tcp-null off   # again: later lines win\n";
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;

	CHECK_INT(ssf_polparse(text, sizeof(text) - 1, &pf, &e), 0);
	CHECK_INT(pf.nrules, 1);
	CHECK_INT(pf.defaults[SSF_DIR_IN], SSF_ACT_DROP);
	CHECK_INT(pf.nchecks, 3);
	if (pf.nchecks == 3) {
		CHECK_INT(pf.checks[0].reason, SSF_R_NONE);
		CHECK_INT(pf.checks[0].action, SSF_CHK_AUDIT);
		CHECK_INT(pf.checks[0].line, 2);
		CHECK_INT(pf.checks[1].reason, SSF_R_TCP_NULL);
		CHECK_INT(pf.checks[1].action, SSF_CHK_DROP);
		CHECK_INT(pf.checks[1].line, 4);
		CHECK_INT(pf.checks[2].reason, SSF_R_TCP_NULL);
		CHECK_INT(pf.checks[2].action, SSF_CHK_OFF);
		CHECK_INT(pf.checks[2].line, 7);
	}
	CHECK(pf.has_exthdr_max);
	CHECK_INT(pf.ip6_exthdr_max, 0);
	CHECK_INT(pf.exthdr_line, 6);
	ssf_polfile_free(&pf);
	CHECK(!pf.checks && !pf.nchecks && !pf.has_exthdr_max);

	CHECK_INT(ssf_polparse("validate ip6-exthdr-max 64", 26, &pf, &e), 0);
	CHECK_INT(pf.ip6_exthdr_max, 64);
	CHECK_INT(pf.nchecks, 0);
	ssf_polfile_free(&pf);

	/* many lines: the array grows, order and lines kept */
	{
		size_t n = 1000, i, len = 0;
		char *big = malloc(n * 40);
		bool ok = true;

		for (i = 0; i < n; i++)
			len += (size_t)sprintf(big + len, "validate %s %s\n",
					       ssf_reason_name(1 + i % 40),
					       i % 2 ? "off" : "audit");
		CHECK_INT(ssf_polparse(big, len, &pf, &e), 0);
		CHECK_INT(pf.nchecks, n);
		for (i = 0; i < pf.nchecks; i++)
			if (pf.checks[i].reason != 1 + i % 40 ||
			    pf.checks[i].line != i + 1 ||
			    pf.checks[i].action != (i % 2 ? SSF_CHK_OFF : SSF_CHK_AUDIT))
				ok = false;
		CHECK(ok);
		ssf_polfile_free(&pf);
		free(big);
	}
}

SSF_TEST(checks_file_errors)
{
	VFILE_ERR("rule in accept\nvalidate tcp-synfin drop\n", 2,
		  "unknown validation check \"tcp-synfin\" (\"ssfctl validate show\" lists them)");
	VFILE_ERR("validate TCP-NULL drop\n", 1,
		  "unknown validation check \"TCP-NULL\" (\"ssfctl validate show\" lists them)");
	VFILE_ERR("validate icmp6-nd-bad-hoplimit-and-more drop\n", 1,
		  "unknown validation check \"icmp6-nd-bad-hoplimit-and-more\" (\"ssfctl validate show\" lists them)");
	VFILE_ERR("validate tcp-null\0x drop\n", 1,
		  "unknown validation check \"tcp-null\\x00x\" (\"ssfctl validate show\" lists them)");
	VFILE_ERR("validate none drop\n", 1,
		  "unknown validation check \"none\" (\"ssfctl validate show\" lists them)");
	VFILE_ERR("\n\nvalidate tcp-null deny\n", 3,
		  "unknown check action \"deny\" (expected drop, audit or off)");
	VFILE_ERR("validate all accept\n", 1,
		  "unknown check action \"accept\" (expected drop, audit or off)");
	VFILE_ERR("validate all off\0\n", 1,
		  "unknown check action \"off\\x00\" (expected drop, audit or off)");
	VFILE_ERR("validate tcp-null\n", 1,
		  "validate needs a check and an action (validate <check>|all drop|audit|off, or validate ip6-exthdr-max <0-64>)");
	VFILE_ERR("validate\n", 1,
		  "validate needs a check and an action (validate <check>|all drop|audit|off, or validate ip6-exthdr-max <0-64>)");
	VFILE_ERR("validate tcp-null drop now\n", 1,
		  "unexpected word \"now\" after the validate setting");
	VFILE_ERR("validate ip6-exthdr-max 65\n", 1,
		  "bad ip6-exthdr-max \"65\" (0-64)");
	VFILE_ERR("validate ip6-exthdr-max -1\n", 1,
		  "bad ip6-exthdr-max \"-1\" (0-64)");
	VFILE_ERR("validate ip6-exthdr-max eight\n", 1,
		  "bad ip6-exthdr-max \"eight\" (0-64)");
	VFILE_ERR("validate ip6-exthdr-max 4\nrule in accept\nvalidate ip6-exthdr-max 4\n",
		  3, "duplicate validate ip6-exthdr-max (first on line 1)");
	VFILE_ERR("validate ip6-exthdr-max 4 drop\n", 1,
		  "unexpected word \"drop\" after the validate setting");
	/* an error after good lines frees them */
	VFILE_ERR("validate all drop\nvalidate tcp-null off\nvalidate x off\n", 3,
		  "unknown validation check \"x\" (\"ssfctl validate show\" lists them)");
}

/* ssf_print_checks_stmts(), or another printer onto a file, as a string. */
static char *t_print_file(void (*fn)(FILE *f, const struct ssfctl_checks *c),
			  const struct ssfctl_checks *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	fn(f, c);
	fclose(f);
	return buf;
}

static char *t_stmts(const struct ssfctl_checks *c)
{
	return t_print_file(ssf_print_checks_stmts, c);
}

/* file -> state -> statements -> state: the same state, text a fixed point */
static bool t_roundtrip(const char *text, const char *want)
{
	struct ssfctl_checks *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	char *s1 = NULL, *s2 = NULL;
	bool ok = false;

	if (!a || !b || ssf_polparse(text, strlen(text), &pf, &e))
		goto out;
	ssf_t_checks_apply(a, &pf);
	ssf_polfile_free(&pf);
	s1 = t_stmts(a);
	if (!s1 || ssf_polparse(s1, strlen(s1), &pf, &e))
		goto out;
	ssf_t_checks_apply(b, &pf);
	ssf_polfile_free(&pf);
	s2 = t_stmts(b);
	ok = s2 && !strcmp(s1, s2) && !memcmp(a, b, sizeof(*a)) &&
	     (!want || !strcmp(s1, want));
	if (!ok)
		printf("# %s\n# -> %s# -> %s", text, s1, s2 ? s2 : "(null)\n");
out:
	free(s1);
	free(s2);
	free(a);
	free(b);
	return ok;
}

SSF_TEST(checks_statements)
{
	uint64_t seed = 0xc0ffee1234ULL;
	char text[4096];
	size_t len;
	int i, k, bad = 0;

	CHECK(t_roundtrip("", ""));
	CHECK(t_roundtrip("validate ip6-exthdr-max 8\n", ""));
	CHECK(t_roundtrip("validate tcp-null drop\n", ""));	/* the default */
	CHECK(t_roundtrip("validate tcp-null off\nvalidate ip4-zero-ttl drop\n"
			  "validate ip6-exthdr-max 12\n",
			  "validate ip4-zero-ttl drop\nvalidate tcp-null off\n"
			  "validate ip6-exthdr-max 12\n"));
	CHECK(t_roundtrip("validate all audit\nvalidate tcp-syn-fin drop\n", NULL));
	CHECK(t_roundtrip("validate tcp-syn-fin drop\nvalidate all off\n", NULL));
	/* random files */
	for (i = 0; i < 300; i++) {
		len = 0;
		for (k = (int)(ssf_t_rand(&seed) % 12); k > 0; k--) {
			unsigned int r = (unsigned int)(ssf_t_rand(&seed) % SSF_R_COUNT);

			len += (size_t)snprintf(text + len, sizeof(text) - len,
						"validate %s %s\n",
						r ? ssf_reason_name(r) : "all",
						ssf_check_action_name(ssf_t_rand(&seed) % 3));
		}
		if (ssf_t_rand(&seed) % 2)
			snprintf(text + len, sizeof(text) - len,
				 "validate ip6-exthdr-max %u\n",
				 (unsigned int)(ssf_t_rand(&seed) % 65));
		if (!t_roundtrip(text, NULL))
			bad++;
	}
	CHECK_INT(bad, 0);
}

/* A small state for the printers: one check of each kind. */
static void t_small(struct ssfctl_checks *c)
{
	memset(c, 0, sizeof(*c));
	c->present = true;
	c->n = 4;
	snprintf(c->v[0].name, sizeof(c->v[0].name), "ip4-zero-ttl");
	c->v[0].action = SSF_CHECK_AUDIT;		/* its default */
	c->v[0].packets = 3;
	snprintf(c->v[1].name, sizeof(c->v[1].name), "tcp-syn-fin");
	c->v[1].action = SSF_CHECK_OFF;
	snprintf(c->v[2].name, sizeof(c->v[2].name), "new-check-from-a-newer-kernel");
	c->v[2].action = SSF_CHECK_DROP;
	c->v[2].packets = 12345678901ULL;
	snprintf(c->v[3].name, sizeof(c->v[3].name), "udp-port-zero");
	c->v[3].action = 7;				/* no name */
	c->has_exthdr_max = true;
	c->ip6_exthdr_max = 3;
}

static void t_table(struct ssfctl_out *o, const void *c)
{
	ssf_checks_print(o, NULL, c, SSFCTL_CHECKS_TABLE);
}

static void t_stmts_of(struct ssfctl_out *o, const void *c)
{
	ssf_checks_print(o, NULL, c, SSFCTL_CHECKS_STMTS);
}

static void t_reasons(struct ssfctl_out *o, const void *c)
{
	ssf_reasons_print(o, NULL, c);
}

/* The JSON of t_small(), whichever its text. */
#define T_CHECKS_SMALL_JSON						\
	"{\"checks\":{\"ip4-zero-ttl\":{\"action\":\"audit\",\"packets\":3},"	\
	"\"tcp-syn-fin\":{\"action\":\"off\",\"packets\":0},"		\
	"\"new-check-from-a-newer-kernel\":{\"action\":\"drop\","		\
	"\"packets\":12345678901},"						\
	"\"udp-port-zero\":{\"action\":7,\"packets\":0}},"		\
	"\"ip6_exthdr_max\":3}"

#define T_PRINT(fn, c, want)				\
	do {						\
		char *_s = t_print_file(fn, c);		\
		CHECK_STR(_s, want);			\
		free(_s);				\
	} while (0)

SSF_TEST(checks_printers)
{
	struct ssfctl_checks *c = malloc(sizeof(*c));
	char buf[SSF_CHECK_ACT_STRLEN];

	if (!c)
		return;
	CHECK_STR(ssf_check_act_str(SSF_CHECK_AUDIT, buf, sizeof(buf)), "audit");
	CHECK_STR(ssf_check_act_str(255, buf, sizeof(buf)), "<action 255>");

	t_small(c);
	/*
	 * As statements, not at the default, known, with a name: tcp-syn-fin
	 * only; the JSON of the statements and of the table is the same.
	 */
	CHECK_PRINT(t_stmts_of, c,
		    "validate tcp-syn-fin off\nvalidate ip6-exthdr-max 3\n",
		    T_CHECKS_SMALL_JSON);
	CHECK_PRINT(t_table, c,
		    "CHECK                          ACTION  DEFAULT      PACKETS\n"
		    "ip4-zero-ttl                   audit   audit              3\n"
		    "tcp-syn-fin                    off     drop               0\n"
		    "new-check-from-a-newer-kernel  drop    ?        12345678901\n"
		    "udp-port-zero                  <action 7>  audit              0\n"
		    "\n"
		    "ip6-exthdr-max 3 (default 8)\n", T_CHECKS_SMALL_JSON);
	CHECK_PRINT(t_reasons, c,
		    "\n"
		    "reason                             packets\n"
		    "ip4-zero-ttl                             3\n"
		    "new-check-from-a-newer-kernel  12345678901\n",
		    "{\"ip4-zero-ttl\":3,\"tcp-syn-fin\":0,"
		    "\"new-check-from-a-newer-kernel\":12345678901,"
		    "\"udp-port-zero\":0}");
	T_PRINT(ssf_print_checks_stmts, c,
		"validate tcp-syn-fin off\nvalidate ip6-exthdr-max 3\n");

	/* an old kernel: no limit, no checks */
	memset(c, 0, sizeof(*c));
	CHECK_PRINT(t_stmts_of, c, "", "{\"checks\":{}}");
	CHECK_PRINT(t_table, c, "no validation checks\n", "{\"checks\":{}}");
	CHECK_PRINT(t_reasons, c, "", "{}");

	/* the defaults: no statements, no counters */
	ssf_checks_init(c);
	CHECK_INT(c->n, SSF_R_COUNT - 1);
	CHECK_STR(c->v[0].name, "ip4-truncated");
	CHECK_STR(c->v[c->n - 1].name, "icmp6-nd-bad-hoplimit");
	T_PRINT(ssf_print_checks_stmts, c, "");
	{
		char *r = ssf_t_print(false, t_reasons, c);

		CHECK_STR(r, "");
		free(r);
	}
	free(c);
}

static struct nl_msg *t_msg(void)
{
	struct ssfctl_nl nl = { .family = 0x20 };

	return ssf_nl_msg(&nl, SSF_CMD_VALIDATE_GET, false, 65536);
}

static int t_parse(struct nl_msg *msg, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, SSF_A_MAX, ssf_a_policy);
}

SSF_TEST(checks_encode)
{
	struct nlattr *tb[SSF_A_MAX + 1], *ctb[SSF_CHECK_A_MAX + 1];
	struct nl_msg *msg = t_msg();

	if (!msg)
		return;
	CHECK_INT(ssf_check_put(msg, "tcp-null", SSF_CHECK_AUDIT), 0);
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK(tb[SSF_A_CHECK] && (tb[SSF_A_CHECK]->nla_type & NLA_F_NESTED));
	if (tb[SSF_A_CHECK]) {
		CHECK_INT(nla_parse_nested(ctb, SSF_CHECK_A_MAX, tb[SSF_A_CHECK],
					   NULL), 0);
		CHECK(ctb[SSF_CHECK_A_NAME] && nla_len(ctb[SSF_CHECK_A_NAME]) == 9 &&
		      !memcmp(nla_data(ctb[SSF_CHECK_A_NAME]), "tcp-null", 9));
		CHECK(ctb[SSF_CHECK_A_ACTION] && nla_len(ctb[SSF_CHECK_A_ACTION]) == 1 &&
		      nla_get_u8(ctb[SSF_CHECK_A_ACTION]) == SSF_CHECK_AUDIT);
		CHECK(!ctb[SSF_CHECK_A_PACKETS]);
	}
	nlmsg_free(msg);
}

/* A reply's check entry, with what a kernel may add: a pad, an unknown. */
static void t_put_check(struct nl_msg *m, const void *name, int len, int act,
			bool packets)
{
	struct nlattr *chk = nla_nest_start(m, SSF_A_CHECK | NLA_F_NESTED);

	if (name)
		nla_put(m, SSF_CHECK_A_NAME, len, name);
	if (act >= 0)
		nla_put_u8(m, SSF_CHECK_A_ACTION, (u8)act);
	nla_put(m, SSF_CHECK_A_PAD, 0, NULL);
	if (packets)
		nla_put_u64(m, SSF_CHECK_A_PACKETS, 42);
	nla_put_u32(m, SSF_CHECK_A_MAX + 5, 1);
	nla_nest_end(m, chk);
}

static const char *t_decode_one(const void *name, int len, int act,
				struct ssfctl_checks *c)
{
	struct nlattr *tb[SSF_A_MAX + 1], *nest;
	struct nl_msg *m = t_msg();
	const char *why = "(no message)";

	if (!m)
		return why;
	nest = nla_nest_start(m, SSF_A_VALIDATE | NLA_F_NESTED);
	t_put_check(m, name, len, act, true);
	nla_nest_end(m, nest);
	if (!t_parse(m, tb))
		why = ssf_checks_get_attrs(tb, c);
	nlmsg_free(m);
	return why;
}

SSF_TEST(checks_decode)
{
	struct ssfctl_checks *c = malloc(sizeof(*c));
	struct nlattr *tb[SSF_A_MAX + 1], *nest;
	struct nl_msg *m;
	char name[40];
	int i;

	if (!c)
		return;
	m = t_msg();
	if (!m)
		goto out;
	nest = nla_nest_start(m, SSF_A_VALIDATE | NLA_F_NESTED);
	t_put_check(m, "ip4-land", 9, SSF_CHECK_DROP, true);
	nla_put_u32(m, SSF_A_RULE_ID, 1);	/* not a check: skipped */
	t_put_check(m, "tcp-null", 9, SSF_CHECK_OFF, false);
	nla_nest_end(m, nest);
	nla_put_u8(m, SSF_A_IP6_EXTHDR_MAX, 9);
	CHECK_INT(t_parse(m, tb), 0);
	CHECK(ssf_checks_get_attrs(tb, c) == NULL);
	CHECK(c->present && c->has_exthdr_max);
	CHECK_INT(c->ip6_exthdr_max, 9);
	CHECK_INT(c->n, 2);
	CHECK_STR(c->v[0].name, "ip4-land");
	CHECK_INT(c->v[0].action, SSF_CHECK_DROP);
	CHECK_INT(c->v[0].packets, 42);
	CHECK_STR(c->v[1].name, "tcp-null");
	CHECK_INT(c->v[1].action, SSF_CHECK_OFF);
	CHECK_INT(c->v[1].packets, 0);
	nlmsg_free(m);

	/* nothing: an older kernel */
	m = t_msg();
	if (!m)
		goto out;
	CHECK_INT(t_parse(m, tb), 0);
	CHECK(ssf_checks_get_attrs(tb, c) == NULL);
	CHECK(!c->present && !c->has_exthdr_max && !c->n);
	nlmsg_free(m);

	/* the longest name that fits, and malformed ones */
	memset(name, 'a', sizeof(name));
	name[31] = '\0';
	CHECK(t_decode_one(name, 32, 1, c) == NULL);
	CHECK_INT(strlen(c->v[0].name), 31);
	name[31] = 'a';
	name[32] = '\0';
	CHECK_STR(t_decode_one(name, 33, 1, c),
		  "validation check with a malformed name");
	CHECK_STR(t_decode_one("tcp-null", 8, 1, c),	/* no NUL */
		  "validation check with a malformed name");
	CHECK_STR(t_decode_one("tcp\0null", 9, 1, c),
		  "validation check with a malformed name");
	CHECK_STR(t_decode_one("", 1, 1, c),
		  "validation check with a malformed name");
	CHECK_STR(t_decode_one("tcp-null", 9, -1, c),
		  "validation check without a name or an action");
	CHECK_STR(t_decode_one(NULL, 0, 1, c),
		  "validation check without a name or an action");

	/* more checks than anyone has */
	m = t_msg();
	if (!m)
		goto out;
	nest = nla_nest_start(m, SSF_A_VALIDATE | NLA_F_NESTED);
	for (i = 0; i <= SSF_CHECKS_MAX; i++)
		t_put_check(m, "x", 2, 0, false);
	nla_nest_end(m, nest);
	CHECK_INT(t_parse(m, tb), 0);
	CHECK_STR(ssf_checks_get_attrs(tb, c), "too many validation checks");
	nlmsg_free(m);

	/* a stats reply carries them too */
	{
		struct ssfctl_stats *s = malloc(sizeof(*s));
		struct nlattr *d;

		m = t_msg();
		if (!m || !s) {
			free(s);
			goto out_m;
		}
		/* (libnl drops an empty nest: give it one direction) */
		nest = nla_nest_start(m, SSF_A_STATS | NLA_F_NESTED);
		d = nla_nest_start(m, SSF_STATS_A_IN | NLA_F_NESTED);
		nla_put_u64(m, SSF_DSTATS_A_PACKETS, 1);
		nla_nest_end(m, d);
		nla_nest_end(m, nest);
		nest = nla_nest_start(m, SSF_A_VALIDATE | NLA_F_NESTED);
		t_put_check(m, "udp-port-zero", 14, SSF_CHECK_AUDIT, true);
		nla_nest_end(m, nest);
		CHECK_INT(t_parse(m, tb), 0);
		CHECK(ssf_stats_parse(tb, s) == NULL);
		CHECK_INT(s->checks.n, 1);
		CHECK_STR(s->checks.v[0].name, "udp-port-zero");
		CHECK_INT(s->checks.v[0].packets, 42);
		free(s);
	}
out_m:
	nlmsg_free(m);
out:
	free(c);
}

SSF_TEST(checks_attr_names)
{
	struct ssfctl_apath p = { .depth = 2 };

	p.e[0].type = SSF_A_VALIDATE;
	p.e[1].type = SSF_A_CHECK;
	CHECK_STR(ssf_attr_name(&p, 0, SSF_A_IP6_EXTHDR_MAX), "SSF_A_IP6_EXTHDR_MAX");
	CHECK_STR(ssf_attr_name(&p, 0, SSF_A_VALIDATE), "SSF_A_VALIDATE");
	CHECK_STR(ssf_attr_name(&p, 1, SSF_A_CHECK), "SSF_A_CHECK");
	CHECK_STR(ssf_attr_name(&p, 2, SSF_CHECK_A_NAME), "SSF_CHECK_A_NAME");
	CHECK_STR(ssf_attr_name(&p, 2, SSF_CHECK_A_PACKETS), "SSF_CHECK_A_PACKETS");
	CHECK(ssf_attr_name(&p, 2, SSF_CHECK_A_MAX + 1) == NULL);
	p.e[0].type = SSF_A_CHECK;
	p.e[1].type = SSF_CHECK_A_NAME;
	CHECK_STR(ssf_attr_name(&p, 1, SSF_CHECK_A_ACTION), "SSF_CHECK_A_ACTION");
	CHECK(ssf_attr_name(&p, 2, 1) == NULL);
}

