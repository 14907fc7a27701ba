// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl's issue-4 commands against the fake kernel: the new rule words on
 * the command line and in files (names printed back, the policy show ->
 * load round trip), policy check (COMMIT_FLAGS), load --confirm and policy
 * confirm, mode, the generation conflict, a 12,000-rule load, the rule
 * limit, and monitor (crafted events, --count, --json, SIGTERM).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "fake_kernel.h"

SSF_TEST_PROC(ctl_words_cli)
{
	struct ssfctl_fake_cfg cfg = { .preload = 0 };
	char path[128], path2[128], want[512], *shown;
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "rule", "add", "out", "uid", "root", "proto", "tcp",
	    "dport", "25", "reject", "log", "no mail: ", "comment", "a # b");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "rule 1 added\n");
	CHECK(strstr(ssf_t_fake_log(), "RULE_ADD out proto tcp dport 25 uid 0 reject log \"no mail: \" comment \"a # b\"\n") != NULL);
	RUN(&r, NULL, "rule", "add", "in iif eth0 icmp-type echo-request gid 0-10 drop audit");
	CHECK_INT(r.status, 0);
	RUN(&r, NULL, "rule", "list");
	CHECK_STR(r.out, "ID  PACKETS  BYTES  RULE\n"
			 " 1       10   1000  out proto tcp dport 25 uid root reject log \"no mail: \" comment \"a # b\"\n"
			 " 2       20   2000  in proto icmp icmp-type echo-request iif eth0 gid 0-10 drop audit\n");
	RUN(&r, NULL, "rule", "list", "--json");
	CHECK(strstr(r.out, "\"uid\":\"0\",\"user\":\"root\",\"action\"") == NULL);
	CHECK(strstr(r.out, "\"dport\":\"25\",\"uid\":\"0\",\"user\":\"root\",\"log\":true,"
			    "\"log_prefix\":\"no mail: \",\"comment\":\"a # b\",") != NULL);
	CHECK(strstr(r.out, "\"icmp_type\":\"echo-request\",\"iif\":\"eth0\",\"gid\":\"0-10\","
			    "\"audit\":true,") != NULL);

	/* errors name the word, or the file and line */
	RUN(&r, NULL, "rule", "add", "out", "uid", "ssf-no-such-user", "drop");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: unknown user \"ssf-no-such-user\"\n");
	RUN(&r, "rule in drop\nrule out gid ssf-no-such-group drop\n", "policy",
	    "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: <stdin>:2: unknown group \"ssf-no-such-group\"\n");
	RUN(&r, "rule in drop comment \"open\n", "policy", "check", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: <stdin>:1: unterminated quoted string \"\\\"open\"\n");
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "POLICY_BEGIN"), 0);

	/* a file with every new word loads, shows and loads back the same */
	ssf_t_write("all.conf",
		    "mode audit\n"
		    "default in reject   # new action for defaults\n"
		    "rule in iif \"eth 0\" proto tcp dport 22 accept log \"ssh \\\"in\\\"\"\n"
		    "rule out oif wg0 uid root gid 0 drop audit comment \"root's #1\"\n"
		    "rule in icmp6-type nd-neighbor-solicit accept\n"
		    "rule out cgroup-id 123456789 reject\n"
		    "rule fwd icmp-type 3 drop log\n",
		    path, sizeof(path));
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ADD defaults=2,0,0 mode=1 rules=5\n") != NULL);
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, "default in reject\ndefault out accept\ndefault fwd accept\n"
			 "mode audit\n"
			 "rule in proto tcp dport 22 iif \"eth 0\" accept log \"ssh \\\"in\\\"\"\n"
			 "rule out oif wg0 uid root gid root drop audit comment \"root's #1\"\n"
			 "rule in proto icmpv6 icmp6-type nd-neighbor-solicit accept\n"
			 "rule out cgroup-id 123456789 reject\n"
			 "rule fwd proto icmp icmp-type destination-unreachable drop log\n");
	shown = strdup(r.out);
	ssf_t_write("shown.conf", shown, path2, sizeof(path2));
	RUN(&r, NULL, "policy", "load", path2);
	CHECK_INT(r.status, 0);
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, shown);
	free(shown);
	RUN(&r, NULL, "policy", "show", "--json");
	CHECK(ssf_t_starts(r.out, "{\"generation\":4,\"defaults\":{\"in\":\"reject\","));
	CHECK(strstr(r.out, "\"cgroup\":123456789,\"action\"") == NULL);
	CHECK(strstr(r.out, "\"dir\":\"out\",\"action\":\"reject\",\"cgroup\":123456789,"
			    "\"packets\":0,\"bytes\":0,"
			    "\"text\":\"out cgroup-id 123456789 reject\"") != NULL);
	snprintf(want, sizeof(want), "%s", ssf_t_fake_log());
	CHECK(strstr(want, "POLICY_COMMIT gen=3\n") != NULL);
	ssf_t_fake_stop();
}

SSF_TEST_PROC(ctl_check)
{
	struct ssfctl_fake_cfg cfg = { .reject_rule = 2 };
	struct ssf_t_run r;
	char path[128];

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\n", "policy", "check", "-");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy ok: 1 rules (nothing changed)\n");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_BEGIN\nPOLICY_ADD defaults=0,0,0 rules=1\n"
			      "POLICY_COMMIT gen=0 flags=1\n") != NULL);
	RUN(&r, "mode off\nrule in accept\n", "--json", "policy", "check", "-");
	CHECK_STR(r.out, "{\"ok\":true,\"rules\":1}\n");
	/* nothing changed */
	RUN(&r, NULL, "status", "--json");
	CHECK(ssf_t_starts(r.out, "{\"active\":false,\"generation\":0,\"mode\":\"enforce\","));
	CHECK(strstr(r.out, "\"rules\":0,") != NULL);
	/* the first bad rule, by file and line, with the kernel's words */
	ssf_t_write("bad.conf", "# x\nrule in accept\n\nrule in proto udp dport 9 drop\n",
		    path, sizeof(path));
	RUN(&r, NULL, "policy", "check", path);
	CHECK_INT(r.status, 1);
	CHECK(strstr(r.err, "bad.conf:4: kernel rejected \"dport\" in this rule: port 9 is cursed (Invalid argument)\n") != NULL);
	CHECK(ssf_t_starts(r.err, "ssfctl: "));
	CHECK_STR(r.out, "");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ABORT\n") != NULL);
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "flags=1"), 2);
	RUN(&r, NULL, "policy", "check");
	CHECK_INT(r.status, 2);
	ssf_t_fake_stop();
}

SSF_TEST_PROC(ctl_confirm)
{
	struct ssfctl_fake_cfg cfg = { .preload = 0 };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\n", "policy", "load", "--confirm", "30", "-");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy loaded: 1 rules, generation 1\n"
			 "confirm within 30 seconds (ssfctl policy confirm), or the previous policy comes back\n");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_COMMIT gen=0 confirm=30\n") != NULL);
	RUN(&r, NULL, "status");
	CHECK(strstr(r.out, "\nconfirm:     30 s left, then the previous policy comes back (ssfctl policy confirm keeps this one)\n") != NULL);
	RUN(&r, NULL, "status", "--json");
	CHECK(strstr(r.out, "\"confirm_left\":30,\"rules\":1,\"max_rules\":16384,") != NULL);
	RUN(&r, NULL, "policy", "confirm");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy confirmed, generation 1\n");
	RUN(&r, NULL, "status", "--json");
	CHECK(strstr(r.out, "confirm_left") == NULL);
	RUN(&r, NULL, "policy", "confirm");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy confirm: no commit is waiting for a confirm (No such file or directory)\n");
	RUN(&r, "rule in accept\n", "--json", "policy", "load", "--confirm=5", "-");
	CHECK_STR(r.out, "{\"rules\":1,\"generation\":2,\"confirm\":5}\n");
	RUN(&r, NULL, "policy", "confirm", "--json");
	CHECK_STR(r.out, "{\"generation\":2}\n");

	/* usage */
	RUN(&r, "", "policy", "load", "--confirm", "0", "-");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: policy load: --confirm needs at least 1 second\n"));
	RUN(&r, "", "policy", "load", "--confirm", "3601", "-");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: policy load: bad --confirm timeout \"3601\" (0-3600)\n"));
	RUN(&r, "", "policy", "load", "--confirm", "1x", "-");
	CHECK_INT(r.status, 2);
	RUN(&r, "", "policy", "load", "-", "--confirm");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: policy load: --confirm needs <seconds>\n"));
	RUN(&r, "", "policy", "show", "--confirm", "3");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: policy show: unknown option \"--confirm\"\n"));
	RUN(&r, NULL, "policy", "confirm", "x");
	CHECK_INT(r.status, 2);
	ssf_t_fake_stop();

	/* a kernel without messages: ssfctl still says what happened */
	memset(&cfg, 0, sizeof(cfg));
	cfg.commit_busy = 2;
	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, "rule in accept\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy load: commit: policy changed since you read it\n");
	RUN(&r, NULL, "policy", "confirm");
	CHECK_STR(r.err, "ssfctl: policy confirm: no commit is waiting for a confirm\n");
	ssf_t_fake_stop();
}

SSF_TEST_PROC(ctl_mode)
{
	struct ssfctl_fake_cfg cfg = { .preload = 0 };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "mode");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "enforce\n");
	RUN(&r, NULL, "mode", "audit");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK(strstr(ssf_t_fake_log(), "MODE_SET 1\n") != NULL);
	RUN(&r, NULL, "mode", "--json");
	CHECK_STR(r.out, "{\"mode\":\"audit\"}\n");
	RUN(&r, NULL, "status");
	CHECK(strstr(r.out, "\nmode:        audit\n") != NULL);
	RUN(&r, NULL, "policy", "show");
	CHECK_STR(r.out, "default in accept\ndefault out accept\ndefault fwd accept\n"
			 "mode audit\n");
	RUN(&r, NULL, "--json", "mode", "off");
	CHECK_STR(r.out, "{\"mode\":\"off\",\"generation\":2}\n");
	RUN(&r, NULL, "mode", "enforce");
	CHECK(strstr(ssf_t_fake_log(), "MODE_SET 2\nGETFAMILY ssf\nMODE_SET 0\n") != NULL);
	/* a file without a mode line means enforce: no SSF_A_MODE sent */
	RUN(&r, "rule in accept\n", "policy", "load", "-");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ADD defaults=0,0,0 rules=1\n") != NULL);
	RUN(&r, "mode off\n", "policy", "load", "-");
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ADD defaults=0,0,0 mode=2 rules=0\n") != NULL);
	RUN(&r, NULL, "mode");
	CHECK_STR(r.out, "off\n");
	RUN(&r, NULL, "mode", "learn");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: mode: unknown mode \"learn\" (expected enforce, audit or off)\n"
				  "usage: ssfctl mode [enforce|audit|off]\n"));
	RUN(&r, NULL, "mode", "audit", "off");
	CHECK_INT(r.status, 2);
	ssf_t_fake_stop();
}

/* 12,000 rules: many POLICY_ADD messages, one commit, all of them kept. */
SSF_TEST_PROC(ctl_big)
{
	struct ssfctl_fake_cfg cfg = { .preload = 0 };
	size_t len = 0, k;
	struct ssf_t_run r;
	char path[128], *s;

	if (!ssf_t_fake_start(&cfg))
		return;
	s = malloc(12000 * 80);
	if (!s)
		return;
	for (k = 1; k <= 12000; k++)
		len += (size_t)sprintf(s + len, "rule out uid %zu proto udp dport %zu drop comment \"r%zu\"\n",
				       k, k % 65536, k);
	ssf_t_write("huge.conf", s, path, sizeof(path));
	free(s);
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "policy loaded: 12000 rules, generation 1\n");
	CHECK_STR(r.err, "");
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "POLICY_ADD "), 47);
	CHECK_INT(ssf_t_count(ssf_t_fake_log(), "POLICY_COMMIT"), 1);
	RUN(&r, NULL, "status");
	CHECK(strstr(r.out, "\nrules:       12000 (at most 16384)\n") != NULL);
	RUN(&r, NULL, "rule", "list");
	CHECK(strstr(r.out, "out proto udp dport 11999 uid 11999 drop comment \"r11999\"\n") != NULL);
	ssf_t_fake_stop();

	/* beyond the kernel's limit: which line, and why */
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_rules = 100;
	if (!ssf_t_fake_start(&cfg))
		return;
	s = malloc(150 * 40);
	if (!s)
		return;
	for (k = 0, len = 0; k < 150; k++)
		len += (size_t)sprintf(s + len, "rule in proto %zu drop\n", k);
	ssf_t_write("over.conf", s, path, sizeof(path));
	free(s);
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	CHECK(strstr(r.err, "over.conf:101: kernel rejected this rule: rule limit reached (module parameter max_rules) (Argument list too long)\n") != NULL);
	CHECK(strstr(ssf_t_fake_log(), "POLICY_ABORT\n") != NULL);
	ssf_t_fake_stop();
}

#define T_EV_JSON							\
	"{\"type\":\"drop\",\"dir\":\"in\",\"family\":\"ipv4\",\"proto\":\"tcp\","	\
	"\"src\":\"10.0.0.1\",\"sport\":40000,\"dst\":\"10.0.0.2\",\"dport\":22,"	\
	"\"rule\":3,\"uid\":1000,\"iif\":\"veth0\",\"action\":\"drop\"}\n"		\
	"{\"type\":\"reject\",\"dir\":\"out\",\"family\":\"ipv6\",\"proto\":\"udp\","	\
	"\"src\":\"2001:db8::1\",\"sport\":5353,\"dst\":\"2001:db8::2\","		\
	"\"dport\":53,\"oif\":\"eth0\",\"action\":\"reject\",\"suppressed\":4}\n"	\
	"{\"type\":\"audit\",\"family\":\"ipv4\",\"proto\":\"tcp\",\"src\":\"10.0.0.1\","\
	"\"dst\":\"10.0.0.2\",\"reason\":\"tcp-null\",\"action\":\"drop\","		\
	"\"suppressed\":0}\n"							\
	"{\"type\":\"log\",\"dir\":\"fwd\",\"family\":\"ipv4\",\"proto\":47,"	\
	"\"src\":\"10.0.0.1\",\"dst\":\"10.0.0.2\",\"rule\":7,\"iif\":\"a \\\"q\\\"\","	\
	"\"oif\":\"b\",\"action\":\"accept\"}\n"					\
	"{\"type\":\"revert\",\"generation\":9}\n"

SSF_TEST_PROC(ctl_monitor)
{
	struct ssfctl_fake_cfg cfg = { .events = true };
	struct ssf_t_run r;

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "monitor", "--json", "--count", "5");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, T_EV_JSON);
	CHECK_STR(r.err, "ssfctl: monitor: event with a malformed address (skipped)\n");
	CHECK(strstr(ssf_t_fake_log(), "GETFAMILY ssf\nGETFAMILY ssf\nEVENTS sent\n") != NULL);
	ssf_t_fake_stop();

	if (!ssf_t_fake_start(&cfg))
		return;
	RUN(&r, NULL, "monitor", "--count=2");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "drop in tcp 10.0.0.1:40000 -> 10.0.0.2:22 rule 3 uid 1000 iif veth0 drop\n"
			 "reject out udp [2001:db8::1]:5353 -> [2001:db8::2]:53 default oif eth0 reject (4 suppressed before)\n");
	ssf_t_fake_stop();

	RUN(&r, NULL, "monitor", "--count", "0");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: monitor: --count needs at least 1\n"));
	RUN(&r, NULL, "monitor", "--count", "many");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "monitor", "now");
	CHECK_INT(r.status, 2);
}

/*
 * A reader on a pipe sees each event at once (the monitor is still
 * running), and SIGTERM then ends it with status 0.
 */
SSF_TEST_PROC(ctl_monitor_signal)
{
	struct ssfctl_fake_cfg cfg = { .events = true };
	char buf[4096], err[128];
	struct pollfd pfd;
	size_t len = 0;
	int fds[2], st = -1, lines = 0;
	pid_t pid;
	ssize_t n;

	if (!ssf_t_fake_start(&cfg))
		return;
	if (pipe(fds)) {
		CHECK(!"pipe");
		return;
	}
	snprintf(err, sizeof(err), "%s/monitor.err", ssf_test_tmpdir());
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		if (!freopen(err, "w", stderr))
			_exit(126);
		execl(ssf_t_ssfctl(), ssf_t_ssfctl(), "monitor", "--json", NULL);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	/* five events, read while ssfctl still runs */
	while (lines < 5 && poll(&pfd, 1, 20000) > 0) {
		n = read(fds[0], buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		lines = ssf_t_count(buf, "\n");
	}
	CHECK_INT(lines, 5);
	CHECK_STR(buf, T_EV_JSON);
	CHECK_INT(waitpid(pid, &st, WNOHANG), 0);	/* still running */
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fds[0]);
	ssf_t_fake_stop();
}

