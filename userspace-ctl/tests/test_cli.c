// SPDX-License-Identifier: GPL-2.0
/*
 * The ssfctl command line, run as a process (the sanitized build): help at
 * every level, usage errors (exit 2), policy and rule errors naming file
 * and line (exit 1, and found before any netlink traffic), and the
 * commands that need the kernel failing cleanly when ssf is not there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"

static char t_outbuf[SSF_T_MAX_OUT], t_errbuf[SSF_T_MAX_OUT];
const char *ssf_t_ssfctl;
char ssf_t_dir[64];

static void t_slurp(const char *path, char *buf)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return;
	while (len < SSF_T_MAX_OUT - 1 &&
	       (n = read(fd, buf + len, SSF_T_MAX_OUT - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
}

void ssf_t_run(struct ssf_t_run *r, const char *input, const char *const *args)
{
	char out[96], err[96], in[96];
	const char *argv[32];
	int i, st, fd;
	pid_t pid;

	snprintf(out, sizeof(out), "%s/stdout", ssf_t_dir);
	snprintf(err, sizeof(err), "%s/stderr", ssf_t_dir);
	snprintf(in, sizeof(in), "%s/stdin", ssf_t_dir);
	fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (input && write(fd, input, strlen(input)) < 0)
			perror("write");
		close(fd);
	}
	argv[0] = ssf_t_ssfctl;
	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int n = open(in, O_RDONLY);

		if (o < 0 || e < 0 || n < 0)
			_exit(127);
		dup2(n, 0);
		dup2(o, 1);
		dup2(e, 2);
		execv(ssf_t_ssfctl, (char **)argv);
		_exit(127);
	}
	r->status = -1;
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	t_slurp(out, t_outbuf);
	t_slurp(err, t_errbuf);
	r->out = t_outbuf;
	r->err = t_errbuf;
}

static void t_run(struct ssf_t_run *r, const char *input, const char *const *args)
{
	ssf_t_run(r, input, args);
}


static bool t_starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

void ssf_t_write(const char *name, const char *text, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", ssf_t_dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void t_help(void)
{
	static const char *const levels[][5] = {
		{ "--help" }, { "-h" }, { "help" },
		{ "rule", "--help" }, { "rule", "-h" },
		{ "rule", "add", "--help" }, { "rule", "del", "--help" },
		{ "rule", "list", "--help" },
		{ "policy", "--help" }, { "policy", "load", "--help" },
		{ "policy", "show", "-h" }, { "policy", "flush", "--help" },
		{ "status", "--help" }, { "stats", "--help" },
		{ "--json", "rule", "list", "--help" },
		{ "validate", "--help" }, { "validate", "show", "--help" },
		{ "validate", "set", "-h" }, { "validate", "help" },
	};
	static const char *const usage[] = {
		"usage: ssfctl [--json] <command> [<args>]\n",
		"usage: ssfctl [--json] <command> [<args>]\n",
		"usage: ssfctl [--json] <command> [<args>]\n",
		"usage: ssfctl rule <command> [<args>]\n",
		"usage: ssfctl rule <command> [<args>]\n",
		"usage: ssfctl rule add <rule words>\n",
		"usage: ssfctl rule del <id>\n",
		"usage: ssfctl rule list [--json]\n",
		"usage: ssfctl policy <command> [<args>]\n",
		"usage: ssfctl policy load [--confirm <seconds>] <file|->\n",
		"usage: ssfctl policy show [--json]\n",
		"usage: ssfctl policy flush\n",
		"usage: ssfctl status [--json]\n",
		"usage: ssfctl stats [--json]\n",
		"usage: ssfctl rule list [--json]\n",
		"usage: ssfctl validate <command> [<args>]\n",
		"usage: ssfctl validate show [--json]\n",
		"usage: ssfctl validate set <check>|all drop|audit|off | ip6-exthdr-max <0-64>\n",
		"usage: ssfctl validate <command> [<args>]\n",
	};
	struct ssf_t_run r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		t_run(&r, NULL, (const char *const[]){ levels[i][0], levels[i][1],
							levels[i][2], levels[i][3],
							NULL });
		ssf_t_check_int(r.status, 0, __FILE__, __LINE__, usage[i]);
		ssf_t_check(t_starts(r.out, usage[i]), __FILE__, __LINE__, usage[i]);
		ssf_t_check_str(r.err, "", __FILE__, __LINE__, usage[i]);
	}
	RUN(&r, NULL, "rule", "add", "-h");
	CHECK(strstr(r.out, "sport <port>[-<port>]") != NULL);
	RUN(&r, NULL, "policy", "load", "--help");
	CHECK(strstr(r.out, "default in|out|fwd accept|drop") != NULL);
	CHECK(strstr(r.out, "\n  validate <check>|all drop|audit|off\n") != NULL);
	CHECK(strstr(r.out, "\n  validate ip6-exthdr-max <0-64>   ") != NULL);
	RUN(&r, NULL, "--help");
	CHECK(strstr(r.out, "\n  policy <command> [<args>]    ") != NULL);
	CHECK(strstr(r.out, "\n  validate <command> [<args>]     show and set the packet validation checks\n") != NULL);
	CHECK(strstr(r.out, "\n  monitor [--json] [--count <n>]  ") != NULL);
	CHECK(strstr(r.out, "\n  mode [enforce|audit|off]  ") != NULL);
	RUN(&r, NULL, "validate", "--help");
	CHECK(strstr(r.out, "\n  show [--json]  ") != NULL);
	CHECK(strstr(r.out, "\n  set <check>|all drop|audit|off | ip6-exthdr-max <0-64>  ") != NULL);
}

static void t_usage(void)
{
	struct ssf_t_run r;

	RUN(&r, NULL, "--json");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: missing command (see --help)\n"
			 "usage: ssfctl [--json] <command> [<args>]\n");
	CHECK_STR(r.out, "");
	RUN(&r, NULL, "bogus");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: unknown command \"bogus\" (see --help)\n"
			 "usage: ssfctl [--json] <command> [<args>]\n");
	RUN(&r, NULL, "--bogus", "status");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: unknown option \"--bogus\"\n"
			 "usage: ssfctl [--json] <command> [<args>]\n");
	RUN(&r, NULL, "rule");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: rule: missing command (see --help)\n"
			 "usage: ssfctl rule <command> [<args>]\n");
	RUN(&r, NULL, "policy", "frob");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: policy: unknown command \"frob\" (see --help)\n"
			 "usage: ssfctl policy <command> [<args>]\n");
	RUN(&r, NULL, "rule", "del");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: rule del: expected one rule id\n"
			 "usage: ssfctl rule del <id>\n");
	RUN(&r, NULL, "rule", "del", "1", "2");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "rule", "del", "x1");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: rule del: bad rule id \"x1\"\n"
			 "usage: ssfctl rule del <id>\n");
	RUN(&r, NULL, "rule", "del", "4294967296");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "rule", "del", "-1");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: rule del: unknown option \"-1\"\n"
			 "usage: ssfctl rule del <id>\n");
	RUN(&r, NULL, "rule", "add");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: rule add: missing rule words (see --help)\n"
			 "usage: ssfctl rule add <rule words>\n");
	RUN(&r, NULL, "rule", "add", "in", "accept", "--frob");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "status", "now");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: status: unexpected argument \"now\"\n"
			 "usage: ssfctl status [--json]\n");
	RUN(&r, NULL, "stats", "x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "rule", "list", "x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "policy", "show", "x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "policy", "flush", "x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "policy", "load");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: policy load: expected one file name (- for stdin)\n"
			 "usage: ssfctl policy load [--confirm <seconds>] <file|->\n");
	RUN(&r, NULL, "policy", "load", "a", "b");
	CHECK_INT(r.status, 2);
}

/* Errors in the words or the file: exit 1, before any netlink traffic. */
static void t_parse_errors(void)
{
	char path[128], want[256];
	struct ssf_t_run r;

	RUN(&r, NULL, "rule", "add", "in", "proto", "tcp", "dprot", "22", "accept");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: unknown word \"dprot\"\n");
	CHECK_STR(r.out, "");
	/* --json anywhere, words split inside one argument too */
	RUN(&r, NULL, "--json", "rule", "add", "in proto tcp", "--json",
	    "dport 70000 accept");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: bad dport \"70000\" (a port 0-65535 or a range p-q)\n");
	RUN(&r, NULL, "rule", "--json", "add", "--", "in", "dport", "1", "accept");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: a port match needs proto tcp, udp, sctp or udplite\n");
	RUN(&r, NULL, "rule", "add", "in", "accept\nout", "drop");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: a rule is one line\n");

	ssf_t_write("policy.conf",
		"# test policy\n"
		"default in drop\n"
		"\n"
		"rule in proto tcp dport 22 accept\n"
		"rule in proto udp dport 53 accept  # dns\n"
		"rule out accept\n"
		"rule in proto tcp dprot 80 accept\n"
		"rule in bogus\n", path, sizeof(path));
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want), "ssfctl: %s:7: unknown word \"dprot\"\n", path);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");

	ssf_t_write("hostbits.conf", "rule fwd dst 192.168.1.1/24 drop\n", path,
		sizeof(path));
	RUN(&r, NULL, "--json", "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want),
		 "ssfctl: %s:1: dst \"192.168.1.1/24\" has host bits set (the network is 192.168.1.0/24)\n",
		 path);
	CHECK_STR(r.err, want);

	RUN(&r, "default in drop\ndefault fwd maybe\n", "policy", "load", "-");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: <stdin>:2: unknown action \"maybe\" (expected accept, drop or reject)\n");

	RUN(&r, NULL, "policy", "load", "/nonexistent/ssf.conf");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: policy load: read /nonexistent/ssf.conf: No such file or directory\n");
	RUN(&r, NULL, "policy", "load", ssf_t_dir);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want), "ssfctl: policy load: read %s: Is a directory\n",
		 ssf_t_dir);
	CHECK_STR(r.err, want);
}

/*
 * Commands that talk to the kernel. On a machine without ssf.ko they must
 * fail with the "not loaded" message; where ssf is loaded they succeed
 * (only read-only commands are run here: the tests change nothing).
 */
static void t_kernel(void)
{
	static const char *const cmds[][3] = {
		{ "status" }, { "status", "--json" }, { "--json", "status" },
		{ "rule", "list" }, { "rule", "list", "--json" },
		{ "policy", "show" }, { "stats" }, { "stats", "--json" },
		{ "validate", "show" }, { "validate", "show", "--json" },
		{ "policy", "show", "--json" },
	};
	static const char *const not_loaded =
		"ssfctl: ssf kernel module not loaded: no generic netlink family \"ssf\"\n";
	struct ssf_t_run r;
	size_t i;
	bool ok;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		t_run(&r, NULL, (const char *const[]){ cmds[i][0], cmds[i][1],
							cmds[i][2], NULL });
		if (r.status == 0)
			ok = r.err[0] == '\0' && r.out[0] != '\0';
		else
			ok = r.status == 1 && !strcmp(r.err, not_loaded) &&
			     r.out[0] == '\0';
		if (!ok)
			printf("# %s %s %s: exit %d\n# stderr: %s", cmds[i][0],
			       cmds[i][1] ? cmds[i][1] : "",
			       cmds[i][2] ? cmds[i][2] : "", r.status, r.err);
		CHECK(ok);
	}
}

static const struct ssf_t_group t_cli_groups[] = {
	{ "cli: help", t_help },
	{ "cli: usage", t_usage },
	{ "cli: parse errors", t_parse_errors },
	{ "cli: kernel", t_kernel },
	{ NULL, NULL },
};

/* What a group's child reports back. */
struct t_counts {
	unsigned int passed, failed, skipped;
};

struct t_job {
	pid_t pid;
	int fd;
	const struct ssf_t_group *g;
};

/* In the child: the group in its own scratch directory; never returns. */
static void t_child(const struct ssf_t_group *g, const char *base, int n, int fd)
{
	struct t_counts c;

	if (snprintf(ssf_t_dir, sizeof(ssf_t_dir), "%s/%d", base, n) >=
	    (int)sizeof(ssf_t_dir) || mkdir(ssf_t_dir, 0700))
		_exit(1);
	ssf_t_passed = ssf_t_failed = ssf_t_skipped = 0;
	g->fn();
	c.passed = ssf_t_passed;
	c.failed = ssf_t_failed;
	c.skipped = ssf_t_skipped;
	fflush(stdout);
	if (write(fd, &c, sizeof(c)) != (ssize_t)sizeof(c))
		_exit(1);
	_exit(0);
}

/* Wait for one of @jobs; add its counts (or a failure if it died). */
static void t_reap(struct t_job *jobs, int *njobs)
{
	struct t_counts c;
	int st, i;
	pid_t pid;

	pid = wait(&st);
	for (i = 0; i < *njobs && jobs[i].pid != pid; i++)
		;
	if (i == *njobs)
		return;
	if (read(jobs[i].fd, &c, sizeof(c)) == (ssize_t)sizeof(c) &&
	    WIFEXITED(st) && !WEXITSTATUS(st)) {
		ssf_t_passed += c.passed;
		ssf_t_failed += c.failed;
		ssf_t_skipped += c.skipped;
	} else {
		ssf_t_failed++;
		printf("not ok - group \"%s\" died (status 0x%x)\n",
		       jobs[i].g->name, st);
	}
	close(jobs[i].fd);
	jobs[i] = jobs[--*njobs];
}

/*
 * The groups, SSFCTL_TEST_JOBS (default: the CPUs online, at least 2) at a
 * time: most of the time goes into starting sanitized processes, not into
 * the tests, and the groups share nothing.
 */
static void t_run_groups(const struct ssf_t_group *const *tables, size_t ntables)
{
	const char *env = getenv("SSFCTL_TEST_JOBS");
	long max = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
	const struct ssf_t_group *g;
	struct t_job jobs[16];
	char base[64];
	int njobs = 0, n = 0, fds[2];
	size_t t;

	if (max < 2 && !env)
		max = 2;
	if (max < 1)
		max = 1;
	if (max > (long)ARRAY_SIZE(jobs))
		max = ARRAY_SIZE(jobs);
	snprintf(base, sizeof(base), "%s", ssf_t_dir);
	for (t = 0; t < ntables; t++) {
		for (g = tables[t]; g->name; g++) {
			while (njobs >= max)
				t_reap(jobs, &njobs);
			if (pipe(fds)) {
				ssf_t_failed++;
				printf("not ok - group \"%s\": pipe failed\n", g->name);
				continue;
			}
			fflush(stdout);
			jobs[njobs].pid = fork();
			if (jobs[njobs].pid == 0) {
				close(fds[0]);
				t_child(g, base, n, fds[1]);
			}
			close(fds[1]);
			n++;
			if (jobs[njobs].pid < 0) {
				close(fds[0]);
				ssf_t_failed++;
				printf("not ok - group \"%s\": fork failed\n", g->name);
				continue;
			}
			jobs[njobs].fd = fds[0];
			jobs[njobs].g = g;
			njobs++;
		}
	}
	while (njobs)
		t_reap(jobs, &njobs);
}

void ssf_test_cli(const char *ssfctl)
{
	char tmpl[] = "/tmp/ssfctl-test.XXXXXX";
	char path[128];

	ssf_t_ssfctl = ssfctl;
	if (!mkdtemp(tmpl)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(ssf_t_dir, sizeof(ssf_t_dir), "%s", tmpl);
	/* a sanitizer report must not pass for ssfctl's own exit 1 */
	setenv("ASAN_OPTIONS", "exitcode=99:detect_leaks=1", 1);
	setenv("UBSAN_OPTIONS", "exitcode=98:print_stacktrace=1", 1);
	{
		const struct ssf_t_group *const tables[] = {
			t_cli_groups, ssf_t_fake_groups, ssf_t_validate_groups,
			ssf_t_ctl_groups,
		};

		t_run_groups(tables, ARRAY_SIZE(tables));
	}

	snprintf(path, sizeof(path), "rm -rf '%s'", ssf_t_dir);
	if (system(path))
		printf("# could not remove %s\n", ssf_t_dir);
}
