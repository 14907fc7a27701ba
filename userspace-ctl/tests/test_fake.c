// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl against the fake kernel (fake_kernel.c), for what ssf.ko does not
 * do on demand: failures and how they are reported (extended acks mapped
 * back to words and file lines, errors without a message, EPERM, a module
 * that is not there), malformed and truncated replies, dumps flagged
 * NLM_F_DUMP_INTR, dump framing (NLMSG_DONE apart or in the last
 * datagram, stray messages between replies), and hostile events. The
 * fake logs every request, so the tests also check what was sent (nothing
 * for a bad file, an abort after a refusal). tests/selftests/ssf_ctl.sh has the rest,
 * against ssf.ko.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "fake_kernel.h"

static struct ssfctl_fake t_fk;

bool ssf_t_fake_start(const struct ssfctl_fake_cfg *cfg)
{
	char port[16];

	if (ssf_fake_start(&t_fk, cfg, ssf_test_tmpdir())) {
		CHECK(!"the fake kernel starts (netlink between processes)");
		return false;
	}
	snprintf(port, sizeof(port), "%u", t_fk.port);
	setenv("SSFCTL_TEST_PEER", port, 1);
	return true;
}

void ssf_t_fake_stop(void)
{
	ssf_fake_stop(&t_fk);
	unsetenv("SSFCTL_TEST_PEER");
}

const char *ssf_t_fake_log(void)
{
	static char buf[1 << 18];
	FILE *f = fopen(t_fk.log, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* A 600-rule policy: rule k (from 1) is on line k + 2. */
static void t_big_policy(char *path, size_t size)
{
	size_t len = 0, cap = 64 << 10;
	char *s = malloc(cap);
	int k;

	if (!s)
		return;
	len += (size_t)sprintf(s + len, "# generated\ndefault in drop\n");
	for (k = 1; k <= 600; k++)
		len += (size_t)sprintf(s + len, "rule in proto tcp dport %d accept\n", k);
	ssf_t_write("big.conf", s, path, size);
	free(s);
}

/* The kernel refuses rule 301 of 600: its line and word; the rest aborted. */
SSF_TEST_PROC(fake_rejected_rule)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 301 };
	char path[128], want[256];
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	t_big_policy(path, sizeof(path));
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want),
		 "ssfctl: %s:303: kernel rejected \"dport\" in this rule: port 9 is cursed (Invalid argument)\n",
		 path);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");
	/* 256 rules a message: the second was refused */
	CHECK(strstr(ssf_t_fake_log(), "STATUS_GET\nPOLICY_BEGIN\n"
					"POLICY_ADD checks= rules=256\n"
					"POLICY_ADD checks=\nPOLICY_ABORT\n") != NULL);
	CHECK(strstr(ssf_t_fake_log(), "COMMIT") == NULL);
	/* policy check names the same line */
	RUN(&r, NULL, "policy", "check", path);
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, want);
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "POLICY_ABORT\n"), 2);
	ssf_t_fake_stop();
}

/* A kernel that does not know a check name (an older module). */
SSF_TEST_PROC(fake_rejected_check)
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
	CHECK(strstr(ssf_t_fake_log(), "POLICY_BEGIN\nPOLICY_ADD checks=all:2\nPOLICY_ABORT\n"));
	CHECK(!strstr(ssf_t_fake_log(), "COMMIT"));
	ssf_t_fake_stop();
}

SSF_TEST_PROC(fake_busy_commit)
{
	struct ssfctl_fake_cfg cfg = { .commit_busy = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy load: commit: policy changed since you read it (Device or resource busy)\n");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_COMMIT gen=1 flags=0\nPOLICY_ABORT\n") != NULL);
	ssf_t_fake_stop();
}

/* Refusals with and without the kernel's words (an older module). */
SSF_TEST_PROC(fake_refusals)
{
	struct ssfctl_fake_cfg cfg = { .commit_busy = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "del", "9");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule del 9: no such rule (No such file or directory)\n");
	RUN(&r, NULL, "policy", "confirm");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy confirm: no commit is waiting for a confirm (No such file or directory)\n");
	ssf_t_fake_stop();

	cfg.no_messages = true;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy load: commit: policy changed since you read it\n");
	RUN(&r, NULL, "policy", "confirm");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy confirm: no commit is waiting for a confirm\n");
	RUN(&r, NULL, "rule", "del", "9");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule del: no rule 9\n");
	ssf_t_fake_stop();
}

SSF_TEST_PROC(fake_eperm)
{
	struct ssfctl_fake_cfg cfg = { .eperm = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "status");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: read status: ssfctl needs CAP_NET_ADMIN in the network namespace (Operation not permitted)\n");
	RUN(&r, NULL, "rule", "add", "in", "accept");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: ssfctl needs CAP_NET_ADMIN in the network namespace (Operation not permitted)\n");
	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: list rules: ssfctl needs CAP_NET_ADMIN in the network namespace (Operation not permitted)\n");
	RUN(&r, NULL, "policy", "flush");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy flush: ssfctl needs CAP_NET_ADMIN in the network namespace (Operation not permitted)\n");
	ssf_t_fake_stop();
}

/* NLM_F_DUMP_INTR: retried until a dump is whole, or given up on. */
SSF_TEST_PROC(fake_dump_retry)
{
	struct ssfctl_fake_cfg cfg = { .dump_intr = 2, .preload = 5 };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_INT(r.status, 0);
	CHECK_INT(ssf_t_count(r.out, "\"id\":"), 5);
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 3);
	ssf_t_fake_stop();

	cfg.dump_intr = 1000;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: list rules: the policy kept changing during the dump (5 tries)\n");
	CHECK_STR(r.out, "");
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 5);
	ssf_t_fake_stop();
}

/* The dump fails: NLMSG_DONE carries the error and its message. */
SSF_TEST_PROC(fake_dump_error)
{
	struct ssfctl_fake_cfg cfg = { .dump_error = true, .preload = 3 };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: list rules: dump failed here (No buffer space available)\n");
	CHECK_STR(r.out, "");
	ssf_t_fake_stop();
}

/* A dump of many datagrams, with stray messages before every reply. */
SSF_TEST_PROC(fake_dump_noise)
{
	struct ssfctl_fake_cfg cfg = { .preload = 3000, .noise = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_INT(r.status, 0);
	CHECK_INT(ssf_t_count(r.out, "\"id\":"), 3000);
	CHECK(strstr(r.out, "{\"id\":3000,\"dir\":\"fwd\",\"action\":\"drop\",\"proto\":183,") != NULL);
	RUN(&r, NULL, "status");
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "rules:       3000 (at most 65536)\n") != NULL);
	RUN(&r, NULL, "rule", "add", "in", "accept");
	CHECK_STR(r.out, "rule 3001 added\n");
	ssf_t_fake_stop();
}

/*
 * The dump's framing: the rules of a part packed in one datagram,
 * NLMSG_DONE alone in the next (as ssf.ko sends it) or at the end of the
 * last part; the human and the JSON list of the same dump, twice over.
 */
static void t_dump_framing(bool coalesced)
{
	static const char rules[] =
		"in proto icmp accept\n"
		"in family ip6 proto icmpv6 accept\n"
		"in proto tcp dport 22 accept\n"
		"out dst 10.0.0.0/8 proto udp dport 53-54 drop\n"
		"in proto udp sport 1000-2000 drop comment \"a\x1b[2Jb\"\n";
	static const char list[] =
		"ID  PACKETS  BYTES  RULE\n"
		" 1       10   1000  in proto icmp accept\n"
		" 2       20   2000  in family ip6 proto icmpv6 accept\n"
		" 3       30   3000  in proto tcp dport 22 accept\n"
		" 4       40   4000  out proto udp dst 10.0.0.0/8 dport 53-54 drop\n"
		" 5       50   5000  in proto udp sport 1000-2000 drop comment \"a\\x1b[2Jb\"\n";
	static const char json[] =
		"[{\"id\":1,\"dir\":\"in\",\"action\":\"accept\",\"proto\":\"icmp\","
		"\"packets\":10,\"bytes\":1000,\"text\":\"in proto icmp accept\"},"
		"{\"id\":2,\"dir\":\"in\",\"action\":\"accept\",\"family\":\"ip6\","
		"\"proto\":\"icmpv6\",\"packets\":20,\"bytes\":2000,"
		"\"text\":\"in family ip6 proto icmpv6 accept\"},"
		"{\"id\":3,\"dir\":\"in\",\"action\":\"accept\",\"proto\":\"tcp\","
		"\"dport\":\"22\",\"packets\":30,\"bytes\":3000,"
		"\"text\":\"in proto tcp dport 22 accept\"},"
		"{\"id\":4,\"dir\":\"out\",\"action\":\"drop\",\"family\":\"ip\","
		"\"proto\":\"udp\",\"dst\":\"10.0.0.0/8\",\"dport\":\"53-54\","
		"\"packets\":40,\"bytes\":4000,"
		"\"text\":\"out proto udp dst 10.0.0.0/8 dport 53-54 drop\"},"
		"{\"id\":5,\"dir\":\"in\",\"action\":\"drop\",\"proto\":\"udp\","
		"\"sport\":\"1000-2000\",\"comment\":\"a\\u001b[2Jb\","
		"\"packets\":50,\"bytes\":5000,\"text\":\"in proto udp sport "
		"1000-2000 drop comment \\\"a\\\\x1b[2Jb\\\"\"}]\n";
	struct ssfctl_fake_cfg cfg = { .done_coalesced = coalesced,
				       .rules = rules };
	struct ssf_t_run r;
	int i;

	if (!ssf_t_fake_start(&cfg))
		return;
	for (i = 0; i < 2; i++) {
		RUN(&r, NULL, "rule", "list");
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, list);
		CHECK_STR(r.err, "");
		RUN(&r, NULL, "rule", "list", "--json");
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, json);
		RUN(&r, NULL, "-j", "rule", "list");
		CHECK_STR(r.out, json);
	}
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 6);
	ssf_t_fake_stop();
}

SSF_TEST_PROC(fake_dump_done_apart)
{
	t_dump_framing(false);
}

SSF_TEST_PROC(fake_dump_done_coalesced)
{
	t_dump_framing(true);
}

SSF_TEST_PROC(fake_rule_add_errors)
{
	struct ssfctl_fake_cfg cfg = { .miss_dir = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "add", "in", "accept");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: missing attribute SSF_RULE_A_DIR (Invalid argument)\n");
	ssf_t_fake_stop();

	memset(&cfg, 0, sizeof(cfg));
	cfg.reject_add = true;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "add", "in", "proto", "udp", "dport", "9", "drop");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: kernel rejected \"dport\": port 9 is cursed (Invalid argument)\n");
	ssf_t_fake_stop();
}

/* Bad words, files and arguments: nothing reaches the kernel. */
SSF_TEST_PROC(fake_no_traffic)
{
	struct ssfctl_fake_cfg cfg = { .no_family = false };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\nrule in dprot 1 accept\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	RUN(&r, "rule in accept\nrule out gid ssf-no-such-group drop\n",
	    "policy", "check", "-");
	CHECK_INT(r.status, 1);
	RUN(&r, NULL, "rule", "add", "in", "dprot", "1", "accept");
	CHECK_INT(r.status, 1);
	RUN(&r, "validate tcp-null nope\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: <stdin>:1: unknown check action \"nope\" (expected drop, audit or off)\n");
	RUN(&r, NULL, "validate", "set", "tcp-synfin", "drop");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", "65");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "mode", "learn");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "rule", "del", "x1");
	CHECK_INT(r.status, 2);
	CHECK_STR(ssf_t_fake_log(), "");
	ssf_t_fake_stop();

	/* the module is not there */
	cfg.no_family = true;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "status");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: ssf kernel module not loaded: no generic netlink family \"ssf\"\n");
	CHECK_STR(ssf_t_fake_log(), "GETFAMILY ssf\n");
	ssf_t_fake_stop();
}

/* Replies out of shape: refused, said so, nothing printed. */
SSF_TEST_PROC(fake_malformed)
{
	static const struct {
		enum ssfctl_fake_bad bad;
		const char *cmd[4];
		const char *err;
	} cases[] = {
		{ SSFCTL_FAKE_NO_GENERATION, { "status" },
		  "ssfctl: read status: status without a generation\n" },
		{ SSFCTL_FAKE_NO_REPLY, { "status", "--json" },
		  "ssfctl: read status: the kernel sent no reply\n" },
		{ SSFCTL_FAKE_PAST_END, { "mode" },
		  "ssfctl: read status: status without a generation\n" },
		{ SSFCTL_FAKE_SHORT_ACK, { "status" },
		  "ssfctl: read status: Kernel reported truncated message\n" },
		{ SSFCTL_FAKE_NO_CHECKS, { "validate", "show" },
		  "ssfctl: read validation checks: reply without validation checks\n" },
		{ SSFCTL_FAKE_NO_RULE, { "rule", "list" },
		  "ssfctl: list rules: rule dump message without a rule\n" },
		{ SSFCTL_FAKE_HALF_RANGE, { "rule", "list", "--json" },
		  "ssfctl: list rules: rule with half a source port range\n" },
		{ SSFCTL_FAKE_CUT_RULE, { "rule", "list" },
		  "ssfctl: list rules: rule dump message without a rule\n" },
	};
	struct ssfctl_fake_cfg cfg = { .preload = 20 };
	struct ssf_t_run r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t_case("fake_malformed: %s %s %s", cases[i].cmd[0],
		       cases[i].cmd[1] ? cases[i].cmd[1] : "",
		       cases[i].cmd[2] ? cases[i].cmd[2] : "");
		cfg.bad = cases[i].bad;
		if (!ssf_t_fake_start(&cfg))
			return;
		ssf_t_run(&r, NULL, cases[i].cmd);
		CHECK_INT(r.status, 1);
		CHECK_STR(r.err, cases[i].err);
		CHECK_STR(r.out, "");
		ssf_t_fake_stop();
	}
}

/* Events: the good ones printed, names made safe, the rest skipped. */
SSF_TEST_PROC(fake_monitor)
{
	static const char json[] =
		"{\"type\":\"drop\",\"dir\":\"in\",\"family\":\"ipv4\",\"proto\":\"tcp\","
		"\"src\":\"10.0.0.1\",\"sport\":40000,\"dst\":\"10.0.0.2\",\"dport\":22,"
		"\"rule\":3,\"uid\":1000,\"iif\":\"veth0\",\"action\":\"drop\"}\n"
		"{\"type\":\"reject\",\"dir\":\"out\",\"family\":\"ipv6\",\"proto\":\"udp\","
		"\"src\":\"2001:db8::1\",\"sport\":5353,\"dst\":\"2001:db8::2\","
		"\"dport\":53,\"oif\":\"eth0\\u001b]0;owned\\u0007\",\"action\":\"reject\","
		"\"suppressed\":4}\n"
		"{\"type\":\"audit\",\"family\":\"ipv4\",\"proto\":\"tcp\",\"src\":\"10.0.0.1\","
		"\"dst\":\"10.0.0.2\",\"reason\":\"tcp-\\u001b[2Jnull\",\"action\":\"drop\","
		"\"suppressed\":0}\n"
		"{\"type\":\"log\",\"dir\":\"fwd\",\"family\":\"ipv4\",\"proto\":47,"
		"\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"rule\":7,\"iif\":\"a \\\"q\\\"\","
		"\"oif\":\"b\",\"action\":\"accept\"}\n"
		"{\"type\":\"revert\",\"generation\":9}\n";
	static const char text[] =
		"drop in tcp 10.0.0.1:40000 -> 10.0.0.2:22 rule 3 uid 1000 iif veth0 drop\n"
		"reject out udp [2001:db8::1]:5353 -> [2001:db8::2]:53 default oif eth0\\x1b]0;owned\\x07 reject (4 suppressed before)\n"
		"audit tcp 10.0.0.1 -> 10.0.0.2 check tcp-\\x1b[2Jnull would drop\n"
		"log fwd proto-47 10.0.0.1 -> 10.0.0.2 rule 7 iif a \"q\" oif b accept\n"
		"revert: the previous policy is back, generation 9\n";
	struct ssfctl_fake_cfg cfg = { .events = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "monitor", "--json", "--count", "5");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, json);
	CHECK_STR(r.err, "ssfctl: monitor: event with a malformed address (skipped)\n");
	CHECK(strstr(ssf_t_fake_log(), "GETFAMILY ssf\nGETFAMILY ssf\nEVENTS sent\n") != NULL);
	ssf_t_fake_stop();

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "monitor", "--count=5");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, text);
	ssf_t_fake_stop();
}
