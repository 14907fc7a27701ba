// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl validate show|set, the validate lines of policy load and show, and
 * the per-reason counters, against the fake kernel (which applies settings
 * as module/ssf_nl_validate.c does). The fake's log shows what was sent:
 * names and actions in file order, split over messages below 64 KiB.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "fake_kernel.h"
#include "ssf_check.h"

/* What the fake reports as tripped (fake_kernel.c). */
static unsigned int t_packets(unsigned int r)
{
	return r == SSF_R_TCP_SYN_FIN ? 7 : r == SSF_R_IP4_ZERO_TTL ? 2 : 0;
}

/* validate show --json for these actions (by reason) and limit. */
static void t_json_want(char *buf, size_t size, const u8 *act, unsigned int max)
{
	size_t len = 0;
	unsigned int r;

	len += (size_t)snprintf(buf + len, size - len, "{\"checks\":{");
	for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++)
		len += (size_t)snprintf(buf + len, size - len,
					"%s\"%s\":{\"action\":\"%s\",\"packets\":%u}",
					r > 1 ? "," : "", ssf_reason_name(r),
					ssf_check_action_name(act[r]),
					t_packets(r));
	snprintf(buf + len, size - len, "},\"ip6_exthdr_max\":%u}\n", max);
}

static void t_defaults(u8 *act)
{
	unsigned int r;

	for (r = 0; r < SSF_R_COUNT; r++)
		act[r] = (u8)ssf_reason_default(r);
}

SSF_TEST_PROC(validate_show)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 0 };
	static char want[8192];
	u8 act[SSF_R_COUNT];
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "validate", "show");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(ssf_t_starts(r.out,
		"CHECK                  ACTION  DEFAULT  PACKETS\n"
		"ip4-truncated          drop    drop           0\n"
		"ip4-bad-version        drop    drop           0\n"));
	CHECK(strstr(r.out, "\nip4-zero-ttl           audit   audit          2\n"));
	CHECK(strstr(r.out, "\ntcp-syn-fin            drop    drop           7\n"));
	CHECK(strstr(r.out, "\nicmp6-nd-bad-hoplimit  drop    drop           0\n"
			    "\nip6-exthdr-max 8 (default 8)\n"));
	CHECK_INT(ssf_t_count(r.out, "\n"), SSF_R_COUNT - 1 + 3);

	t_defaults(act);
	t_json_want(want, sizeof(want), act, 8);
	RUN(&r, NULL, "validate", "show", "--json");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, want);
	CHECK_STR(ssf_t_fake_log(), "GETFAMILY ssf\nVALIDATE_GET\n"
				    "GETFAMILY ssf\nVALIDATE_GET\n");

	/* one check, all of them, the limit; JSON says the generation */
	RUN(&r, NULL, "validate", "set", "tcp-syn-fin", "off");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "");
	RUN(&r, NULL, "validate", "show");
	CHECK(strstr(r.out, "\ntcp-syn-fin            off     drop           7\n"));
	RUN(&r, NULL, "--json", "validate", "set", "ip6-exthdr-max", "0");
	CHECK_STR(r.out, "{\"generation\":2}\n");
	act[SSF_R_TCP_SYN_FIN] = SSF_CHK_OFF;
	t_json_want(want, sizeof(want), act, 0);
	RUN(&r, NULL, "validate", "show", "--json");
	CHECK_STR(r.out, want);
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, "default in accept\ndefault out accept\ndefault fwd accept\n"
			 "validate tcp-syn-fin off\nvalidate ip6-exthdr-max 0\n");
	RUN(&r, NULL, "validate", "set", "all", "audit", "--json");
	CHECK_STR(r.out, "{\"generation\":3}\n");
	RUN(&r, NULL, "validate", "set", "ip4-land", "drop");
	CHECK_INT(r.status, 0);
	CHECK(strstr(ssf_t_fake_log(), "VALIDATE_SET tcp-syn-fin:off\n"
					"GETFAMILY ssf\nVALIDATE_GET\n"
					"GETFAMILY ssf\nVALIDATE_SET exthdr=0\n"));
	CHECK(strstr(ssf_t_fake_log(), "VALIDATE_SET all:audit\n"
					"GETFAMILY ssf\nVALIDATE_SET ip4-land:drop\n"));
	t_json_want(want, sizeof(want), act, 0);
	memset(act, SSF_CHK_AUDIT, sizeof(act));
	act[SSF_R_IP4_LAND] = SSF_CHK_DROP;
	t_json_want(want, sizeof(want), act, 0);
	RUN(&r, NULL, "validate", "show", "--json");
	CHECK_STR(r.out, want);

	/* policy show lists what is not at its default; it loads back */
	RUN(&r, NULL, "policy", "show");
	CHECK(strstr(r.out, "default fwd accept\nvalidate ip4-truncated audit\n"));
	CHECK(!strstr(r.out, "ip4-zero-ttl"));	/* audit is its default */
	CHECK(!strstr(r.out, "ip4-land"));	/* drop is its default */
	CHECK(strstr(r.out, "\nvalidate icmp6-nd-bad-hoplimit audit\n"
			    "validate ip6-exthdr-max 0\n"));
	{
		char *shown = strdup(r.out);

		RUN(&r, NULL, "policy", "flush");
		RUN(&r, NULL, "policy", "show");
		CHECK_STR(r.out, "default in accept\ndefault out accept\n"
				 "default fwd accept\n");
		RUN(&r, shown, "policy", "load", "-");
		CHECK_INT(r.status, 0);
		RUN(&r, NULL, "policy", "show");
		CHECK_STR(r.out, shown);
		RUN(&r, NULL, "validate", "show", "--json");
		CHECK_STR(r.out, want);
		free(shown);
	}
	ssf_t_fake_stop();
}

/* Bad words: exit 2 with the usage, nothing sent (not even GETFAMILY). */
SSF_TEST_PROC(validate_set_usage)
{
	static const char *const usage =
		"usage: ssfctl validate set <check>|all drop|audit|off | ip6-exthdr-max <0-64>\n";
	struct ssfctl_fake_cfg cfg = { .reject_rule = 0 };
	char want[512];
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "validate", "set", "tcp-synfin", "drop");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: unknown validation check \"tcp-synfin\" (\"ssfctl validate show\" lists them)\n%s",
		 usage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "tcp-null", "deny");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: unknown check action \"deny\" (expected drop, audit or off)\n%s",
		 usage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", "65");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: bad ip6-exthdr-max \"65\" (0-64)\n%s",
		 usage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", "4x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", "");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", " 4");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "set", "tcp-null");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: expected a check (or all) and an action, or ip6-exthdr-max and a number\n%s",
		 usage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "tcp-null", "drop", "now");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "show", "all");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: validate show: unexpected argument \"all\"\n"
			 "usage: ssfctl validate show [--json]\n");
	RUN(&r, NULL, "validate");
	CHECK_INT(r.status, 2);
	RUN(&r, "validate tcp-null nope\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: <stdin>:1: unknown check action \"nope\" (expected drop, audit or off)\n");
	CHECK_STR(r.out, "");
	CHECK_STR(ssf_t_fake_log(), "");
	ssf_t_fake_stop();
}

/* A kernel that does not know a name (older module): file and line. */
SSF_TEST_PROC(validate_kernel_rejects)
{
	struct ssfctl_fake_cfg cfg = { .reject_check = "tcp-null" };
	char path[128], want[256];
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "validate", "set", "tcp-null", "off");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: validate set tcp-null off: unknown validation check name (Invalid argument)\n");
	ssf_t_write("reject.conf",
		    "default in drop\n"
		    "validate all drop\n"
		    "rule in accept\n"
		    "validate tcp-null off\n"
		    "validate ip6-exthdr-max 2\n", path, sizeof(path));
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want),
		 "ssfctl: %s:4: kernel rejected this validate line: unknown validation check name (Invalid argument)\n",
		 path);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_BEGIN\nPOLICY_ABORT\n"));
	CHECK(!strstr(ssf_t_fake_log(), "COMMIT"));
	ssf_t_fake_stop();
}

/* Loads: defaults first, then the file's lines in order; show round-trips. */
SSF_TEST_PROC(validate_load)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 0 };
	static char want[8192];
	u8 act[SSF_R_COUNT];
	struct ssf_t_run r;
	size_t len;
	unsigned int k;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "validate", "set", "ip4-zero-ttl", "off");
	RUN(&r, "default in drop\n"
		"validate all audit\n"
		"rule in proto tcp dport 22 accept\n"
		"validate tcp-null drop\n"
		"validate ip6-exthdr-max 3\n", "policy", "load", "-");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy loaded: 1 rules, generation 2\n");
	CHECK(strstr(ssf_t_fake_log(),
		     "POLICY_BEGIN\n"
		     "POLICY_ADD defaults=1,0,0 validate=all:audit,tcp-null:drop"
		     " exthdr=3 rules=1\n"
		     "POLICY_COMMIT gen=1\n"));
	/* every check at audit but tcp-null; ip4-zero-ttl's off is gone */
	len = (size_t)snprintf(want, sizeof(want), "default in drop\n"
			       "default out accept\ndefault fwd accept\n");
	for (k = SSF_R_NONE + 1; k < SSF_R_COUNT; k++)
		if (k != SSF_R_TCP_NULL && ssf_reason_default(k) != SSF_CHK_AUDIT)
			len += (size_t)snprintf(want + len, sizeof(want) - len,
						"validate %s audit\n",
						ssf_reason_name(k));
	snprintf(want + len, sizeof(want) - len, "validate ip6-exthdr-max 3\n"
		 "rule in proto tcp dport 22 accept\n");
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, want);

	/* a file without validate lines: every check back at its default */
	RUN(&r, "rule in accept\nvalidate ip6-exthdr-max 8\n", "policy", "load", "-");
	CHECK_INT(r.status, 0);
	CHECK(strstr(ssf_t_fake_log(),
		     "POLICY_ADD defaults=0,0,0 exthdr=8 rules=1\n"));
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, "default in accept\ndefault out accept\n"
			 "default fwd accept\nrule in accept\n");
	t_defaults(act);
	t_json_want(want, sizeof(want), act, 8);
	RUN(&r, NULL, "validate", "show", "--json");
	CHECK_STR(r.out, want);

	/* the order of the lines is the order applied */
	RUN(&r, "validate tcp-syn-fin audit\nvalidate all off\n", "policy", "load", "-");
	RUN(&r, NULL, "validate", "show");
	CHECK(strstr(r.out, "\ntcp-syn-fin            off     drop           7\n"));
	RUN(&r, "validate all off\nvalidate tcp-syn-fin audit\n", "policy", "load", "-");
	RUN(&r, NULL, "validate", "show");
	CHECK(strstr(r.out, "\ntcp-syn-fin            audit   drop           7\n"));
	CHECK(strstr(r.out, "\ntcp-null               off     drop           0\n"));

	/* --json policy show has them too */
	RUN(&r, NULL, "policy", "show", "--json");
	CHECK(strstr(r.out, ",\"validate\":{\"checks\":{\"ip4-truncated\":"
			    "{\"action\":\"off\",\"packets\":0},"));
	CHECK(strstr(r.out, "\"tcp-syn-fin\":{\"action\":\"audit\",\"packets\":7}"));
	ssf_t_fake_stop();
}

/* Thousands of validate lines: several messages, each < 64 KiB, in order. */
SSF_TEST_PROC(validate_many)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 0 };
	size_t len = 0, cap = 1 << 20;
	char *text = malloc(cap);
	struct ssf_t_run r;
	const char *log;
	int k, adds;

	if (!text || !ssf_t_fake_start(&cfg)) {
		free(text);
		return;
	}
	/* 3000 lines; the last of each check decides: udp-port-zero drop */
	for (k = 0; k < 3000; k++)
		len += (size_t)snprintf(text + len, cap - len, "validate %s %s\n",
					k % 2 ? "udp-port-zero" : "all",
					k % 3 ? "off" : "drop");
	len += (size_t)snprintf(text + len, cap - len,
				"validate udp-port-zero drop\n"
				"validate ip6-exthdr-max 5\n");
	for (k = 0; k < 700; k++)
		len += (size_t)snprintf(text + len, cap - len,
					"rule in proto udp dport %d drop\n", k);
	RUN(&r, text, "policy", "load", "-");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK_STR(r.out, "policy loaded: 700 rules, generation 1\n");
	log = ssf_t_fake_log();
	adds = ssf_t_count(log, "POLICY_ADD ");
	CHECK(adds >= 5);
	/* every line arrived, and the limit came with the last of them */
	CHECK_INT(ssf_t_count(log, ":off") + ssf_t_count(log, ":drop"), 3001);
	CHECK_INT(ssf_t_count(log, " exthdr=5 "), 1);
	CHECK(strstr(log, "udp-port-zero:drop exthdr=5 rules="));
	CHECK(!strstr(log, "fake: message over 64 KiB"));
	CHECK(strstr(log, "POLICY_COMMIT gen=0\n"));
	/* the last "all" (k = 2998) is off, then udp-port-zero drop */
	RUN(&r, NULL, "policy", "show");
	CHECK(ssf_t_starts(r.out, "default in accept\ndefault out accept\n"
				  "default fwd accept\nvalidate ip4-truncated off\n"));
	CHECK(strstr(r.out, "\nvalidate tcp-port-zero off\n"
			    "validate udp-truncated off\n"
			    "validate udp-bad-length off\n"
			    "validate udp-port-zero drop\n"));
	CHECK(strstr(r.out, "\nvalidate icmp6-nd-bad-hoplimit off\n"
			    "validate ip6-exthdr-max 5\n"
			    "rule in proto udp dport 0 drop\n"));
	CHECK_INT(ssf_t_count(r.out, "\nvalidate "), SSF_R_COUNT - 1 + 1);
	CHECK_INT(ssf_t_count(r.out, "\nrule "), 700);
	ssf_t_fake_stop();
	free(text);
}

