// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl against the fake kernel (fake_kernel.c): the whole netlink path -
 * family resolution, acks, replies, multi-part dumps, NLM_F_DUMP_INTR
 * retries, extended acks mapped back to words and file lines, transaction
 * abort - and the exact human and JSON output. The fake logs every request,
 * so the tests also check what was sent (batches, generation, abort).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "fake_kernel.h"

static struct ssfctl_fake t_fk;

/* "reasons" of stats --json against the fake: every name, in order. */
#define T_REASONS_JSON							\
	"\"ip4-truncated\":0,\"ip4-bad-version\":0,\"ip4-bad-ihl\":0,"	\
	"\"ip4-bad-length\":0,\"ip4-bad-options\":0,"			\
	"\"ip4-source-route\":0,\"ip4-frag-bad\":0,"			\
	"\"ip4-frag-oversize\":0,\"ip4-frag-tiny\":0,"			\
	"\"ip4-bad-source\":0,\"ip4-land\":0,\"ip4-zero-ttl\":2,"		\
	"\"ip6-truncated\":0,\"ip6-bad-version\":0,\"ip6-bad-length\":0,"	\
	"\"ip6-bad-source\":0,\"ip6-exthdr-too-many\":0,"			\
	"\"ip6-exthdr-order\":0,\"ip6-exthdr-truncated\":0,\"ip6-rh0\":0,"	\
	"\"ip6-bad-options\":0,\"ip6-frag-bad\":0,\"ip6-frag-tiny\":0,"	\
	"\"proto-family-mismatch\":0,\"tcp-truncated\":0,"		\
	"\"tcp-bad-doff\":0,\"tcp-bad-options\":0,\"tcp-null\":0,"	\
	"\"tcp-xmas\":0,\"tcp-syn-fin\":7,\"tcp-syn-rst\":0,"		\
	"\"tcp-port-zero\":0,\"udp-truncated\":0,\"udp-bad-length\":0,"	\
	"\"udp-port-zero\":0,\"icmp-truncated\":0,\"icmp-bad-error\":0,"	\
	"\"icmp6-truncated\":0,\"icmp6-bad-error\":0,"			\
	"\"icmp6-nd-bad-hoplimit\":0"

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
static void t_big_policy(char *path, size_t size, char **text)
{
	size_t len = 0, cap = 64 << 10;
	char *s = malloc(cap);
	int k;

	len += (size_t)sprintf(s + len, "# generated\ndefault in drop\n");
	for (k = 1; k <= 600; k++)
		len += (size_t)sprintf(s + len, "rule in proto tcp dport %d accept\n", k);
	ssf_t_write("big.conf", s, path, size);
	*text = s;
}

SSF_TEST_PROC(fake_normal)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 0 };
	char path[128], path2[128], *big, *shown;
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "status");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "active:      no\n"
			 "generation:  0\n"
			 "mode:        enforce\n"
			 "rules:       0 (at most 16384)\n"
			 "next id:     1\n"
			 "objects:     1\n"
			 "defaults:    in accept, out accept, fwd accept\n");
	CHECK_STR(r.err, "");
	RUN(&r, NULL, "status", "--json");
	CHECK_STR(r.out, "{\"active\":false,\"generation\":0,\"mode\":\"enforce\","
			 "\"rules\":0,\"max_rules\":16384,\"next_id\":1,"
			 "\"objects\":1,\"defaults\":{\"in\":\"accept\",\"out\":\"accept\","
			 "\"fwd\":\"accept\"}}\n");

	RUN(&r, NULL, "rule", "add", "in", "proto", "tcp", "dport", "22", "accept");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "rule 1 added\n");
	RUN(&r, NULL, "--json", "rule", "add", "out dst 10.0.0.0/8 drop");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "{\"id\":2}\n");
	CHECK(strstr(ssf_t_fake_log(), "RULE_ADD in proto tcp dport 22 accept\n"
			      "GETFAMILY ssf\n"
			      "RULE_ADD out dst 10.0.0.0/8 drop\n") != NULL);

	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "ID  PACKETS  BYTES  RULE\n"
			 " 1       10   1000  in proto tcp dport 22 accept\n"
			 " 2       20   2000  out dst 10.0.0.0/8 drop\n");
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_STR(r.out, "[{\"id\":1,\"dir\":\"in\",\"action\":\"accept\",\"proto\":\"tcp\","
			 "\"dport\":\"22\","
			 "\"packets\":10,\"bytes\":1000,\"text\":\"in proto tcp dport 22 accept\"},"
			 "{\"id\":2,\"dir\":\"out\",\"action\":\"drop\",\"family\":\"ip\","
			 "\"dst\":\"10.0.0.0/8\","
			 "\"packets\":20,\"bytes\":2000,\"text\":\"out dst 10.0.0.0/8 drop\"}]\n");

	RUN(&r, NULL, "rule", "del", "1");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	RUN(&r, NULL, "rule", "del", "9");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule del 9: no such rule (No such file or directory)\n");
	CHECK(strstr(ssf_t_fake_log(), "RULE_DEL 1\n") && strstr(ssf_t_fake_log(), "RULE_DEL 9\n"));

	/* policy load: status, begin, adds of <= 256 rules, commit(generation) */
	t_big_policy(path, sizeof(path), &big);
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy loaded: 600 rules, generation 4\n");
	CHECK_STR(r.err, "");
	CHECK(strstr(ssf_t_fake_log(), "GETFAMILY ssf\n"
			      "STATUS_GET\n"
			      "POLICY_BEGIN\n"
			      "POLICY_ADD defaults=1,0,0 rules=256\n"
			      "POLICY_ADD defaults=- rules=256\n"
			      "POLICY_ADD defaults=- rules=88\n"
			      "POLICY_COMMIT gen=3\n") != NULL);

	/* policy show prints what policy load reads back */
	RUN(&r, NULL, "policy", "show");
	CHECK_INT(r.status, 0);
	CHECK(ssf_t_starts(r.out, "default in drop\ndefault out accept\n"
			      "default fwd accept\nrule in proto tcp dport 1 accept\n"
			      "rule in proto tcp dport 2 accept\n"));
	CHECK_INT(ssf_t_count(r.out, "\nrule "), 600);
	shown = strdup(r.out);
	ssf_t_write("shown.conf", shown, path2, sizeof(path2));
	RUN(&r, NULL, "policy", "load", path2);
	CHECK_STR(r.out, "policy loaded: 600 rules, generation 5\n");
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, shown);
	free(shown);
	free(big);
	RUN(&r, NULL, "policy", "show", "--json");
	CHECK(ssf_t_starts(r.out, "{\"generation\":5,"
			      "\"defaults\":{\"in\":\"drop\","
			      "\"out\":\"accept\",\"fwd\":\"accept\"},\"mode\":\"enforce\",\"validate\":"
			      "{\"checks\":{\"ip4-truncated\":{\"action\":\"drop\","
			      "\"packets\":0},"));
	CHECK(strstr(r.out, "\"icmp6-nd-bad-hoplimit\":{\"action\":\"drop\","
			    "\"packets\":0}},\"ip6_exthdr_max\":8},\"rules\":[{\"id\":1,"));

	/* --json policy load from stdin */
	RUN(&r, "rule fwd drop\n", "--json", "policy", "load", "-");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "{\"rules\":1,\"generation\":6}\n");

	/* an empty policy: one ADD with the defaults only */
	RUN(&r, "# nothing\n", "policy", "load", "-");
	CHECK_STR(r.out, "policy loaded: 0 rules, generation 7\n");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ADD defaults=0,0,0 rules=0\n"
			      "POLICY_COMMIT gen=6\n") != NULL);

	RUN(&r, NULL, "policy", "flush");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_FLUSH\n") != NULL);
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, "default in accept\ndefault out accept\ndefault fwd accept\n");
	RUN(&r, NULL, "rule", "list");
	CHECK_STR(r.out, "no rules\n");
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_STR(r.out, "[]\n");

	RUN(&r, NULL, "rule", "add", "fwd", "drop");
	CHECK_STR(r.out, "rule 1 added\n");
	RUN(&r, NULL, "stats", "--json");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "{\"in\":{\"packets\":10,\"accepted\":7,\"dropped\":3,\"default\":5,"
			 "\"unparsed\":1,\"rejected\":2,\"audited\":4},\"out\":{\"packets\":0,"
			 "\"accepted\":0,\"dropped\":0,\"default\":0,\"unparsed\":0,"
			 "\"rejected\":0,\"audited\":0},\"fwd\":{\"packets\":123456789012,"
			 "\"accepted\":0,\"dropped\":0,\"default\":0,\"unparsed\":0,"
			 "\"rejected\":0,\"audited\":0},"
			 "\"reasons\":{" T_REASONS_JSON "},"
			 "\"rules\":[{\"id\":1,\"packets\":10,\"bytes\":1000}]}\n");
	RUN(&r, NULL, "stats");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "dir        packets  accepted  dropped  default  unparsed  rejected  audited\n"
			 "in              10         7        3        5         1         2        4\n"
			 "out              0         0        0        0         0         0        0\n"
			 "fwd   123456789012         0        0        0         0         0        0\n"
			 "\n"
			 "reason        packets\n"
			 "ip4-zero-ttl        2\n"
			 "tcp-syn-fin         7\n"
			 "\n"
			 "rule  packets  bytes\n"
			 "   1       10  1000\n");
	ssf_t_fake_stop();
}

SSF_TEST_PROC(fake_rejected_rule)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 301 };
	char path[128], want[256], *big;
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	t_big_policy(path, sizeof(path), &big);
	free(big);
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want),
		 "ssfctl: %s:303: kernel rejected \"dport\" in this rule: port 9 is cursed (Invalid argument)\n",
		 path);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ADD defaults=1,0,0 rules=256\nPOLICY_ABORT\n") != NULL);
	CHECK(strstr(ssf_t_fake_log(), "COMMIT") == NULL);
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
	CHECK(strstr(ssf_t_fake_log(), "POLICY_COMMIT gen=0\nPOLICY_ABORT\n") != NULL);
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

SSF_TEST_PROC(fake_dumps)
{
	struct ssfctl_fake_cfg cfg = { .dump_intr = 2, .preload = 5 };
	struct ssf_t_run r;

	/* inconsistent twice, then a clean dump */
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_INT(r.status, 0);
	CHECK_INT(ssf_t_count(r.out, "\"id\":"), 5);
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 3);
	ssf_t_fake_stop();

	/* never consistent */
	cfg.dump_intr = 1000;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: list rules: the policy kept changing during the dump (5 tries)\n");
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 5);
	ssf_t_fake_stop();

	/* the dump fails: NLMSG_DONE carries the error and its message */
	cfg.dump_intr = 0;
	cfg.dump_error = true;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: list rules: dump failed here (No buffer space available)\n");
	CHECK_STR(r.out, "");
	ssf_t_fake_stop();

	/* a dump of many datagrams, with stray messages on the socket */
	memset(&cfg, 0, sizeof(cfg));
	cfg.preload = 3000;
	cfg.noise = true;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK_INT(r.status, 0);
	CHECK_INT(ssf_t_count(r.out, "\"id\":"), 3000);
	CHECK(strstr(r.out, "{\"id\":3000,\"dir\":\"fwd\",\"action\":\"drop\",\"proto\":183,") != NULL);
	RUN(&r, NULL, "policy", "show");
	CHECK_INT(r.status, 0);
	CHECK_INT(ssf_t_count(r.out, "\nrule "), 3000);
	RUN(&r, NULL, "status");
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "rules:       3000 (at most 16384)\n") != NULL);
	RUN(&r, NULL, "rule", "add", "in", "accept");
	CHECK_STR(r.out, "rule 3001 added\n");
	ssf_t_fake_stop();
}

/*
 * The lead's smoke test on ssf.ko (build/smoke.sh): a policy load, a rule
 * add, then "rule list" and "rule list --json" - the JSON list once came out
 * empty. The fake sends the dump as ssf.ko does: the rules of a part packed
 * in one datagram, NLMSG_DONE alone in the next (and, for kernels that
 * coalesce, at the end of the last part).
 */
static void t_smoke(bool coalesced)
{
	static const char policy[] =
		"default in drop\n"
		"rule in proto icmp accept\n"
		"rule in family ip6 proto icmpv6 accept\n"
		"rule in proto tcp dport 22 accept\n"
		"rule out dst 10.0.0.0/8 proto udp dport 53-54 drop\n";
	static const char list[] =
		"ID  PACKETS  BYTES  RULE\n"
		" 1        0      0  in proto icmp accept\n"
		" 2        0      0  in family ip6 proto icmpv6 accept\n"
		" 3        0      0  in proto tcp dport 22 accept\n"
		" 4        0      0  out proto udp dst 10.0.0.0/8 dport 53-54 drop\n"
		" 5       50   5000  in proto udp sport 1000-2000 drop\n";
	static const char json[] =
		"[{\"id\":1,\"dir\":\"in\",\"action\":\"accept\",\"proto\":\"icmp\","
		"\"packets\":0,\"bytes\":0,\"text\":\"in proto icmp accept\"},"
		"{\"id\":2,\"dir\":\"in\",\"action\":\"accept\",\"family\":\"ip6\","
		"\"proto\":\"icmpv6\","
		"\"packets\":0,\"bytes\":0,\"text\":\"in family ip6 proto icmpv6 accept\"},"
		"{\"id\":3,\"dir\":\"in\",\"action\":\"accept\",\"proto\":\"tcp\","
		"\"dport\":\"22\","
		"\"packets\":0,\"bytes\":0,\"text\":\"in proto tcp dport 22 accept\"},"
		"{\"id\":4,\"dir\":\"out\",\"action\":\"drop\",\"family\":\"ip\","
		"\"proto\":\"udp\",\"dst\":\"10.0.0.0/8\",\"dport\":\"53-54\","
		"\"packets\":0,\"bytes\":0,\"text\":\"out proto udp dst 10.0.0.0/8 dport 53-54 drop\"},"
		"{\"id\":5,\"dir\":\"in\",\"action\":\"drop\",\"proto\":\"udp\","
		"\"sport\":\"1000-2000\","
		"\"packets\":50,\"bytes\":5000,\"text\":\"in proto udp sport 1000-2000 drop\"}]\n";
	struct ssfctl_fake_cfg cfg = { .done_coalesced = coalesced };
	struct ssf_t_run r;
	int i;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, policy, "policy", "load", "-");
	CHECK_STR(r.out, "policy loaded: 4 rules, generation 1\n");
	RUN(&r, NULL, "rule", "add", "in", "proto", "udp", "sport", "1000-2000",
	    "drop");
	CHECK_STR(r.out, "rule 5 added\n");
	/* the same dump, human then JSON, twice over */
	for (i = 0; i < 2; i++) {
		RUN(&r, NULL, "rule", "list");
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, list);
		CHECK_STR(r.err, "");
		RUN(&r, NULL, "rule", "list", "--json");
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, json);
		CHECK_STR(r.err, "");
		RUN(&r, NULL, "--json", "rule", "list");
		CHECK_STR(r.out, json);
	}
	RUN(&r, NULL, "stats", "--json");
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "\"rules\":[{\"id\":1,\"packets\":0,\"bytes\":0},"));
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "RULE_GET\n"), 7);
	ssf_t_fake_stop();
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

SSF_TEST_PROC(fake_no_traffic)
{
	struct ssfctl_fake_cfg cfg = { .no_family = false };
	struct ssf_t_run r;

	/* a bad file or bad words: nothing reaches the "kernel" */
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\nrule in dprot 1 accept\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	RUN(&r, NULL, "rule", "add", "in", "dprot", "1", "accept");
	CHECK_INT(r.status, 1);
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

SSF_TEST_PROC(fake_smoke_apart)
{
	t_smoke(false);
}

SSF_TEST_PROC(fake_smoke_coalesced)
{
	t_smoke(true);
}

