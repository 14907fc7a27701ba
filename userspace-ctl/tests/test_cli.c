// SPDX-License-Identifier: GPL-2.0
/*
 * The ssfctl command line, run as a process (the sanitized build): help at
 * every level, usage errors (exit 2) of every command, the global options
 * (-j, -n, -V), policy and rule errors naming file and line (exit 1, and
 * found before any netlink traffic, names included), and the commands
 * that need the kernel failing cleanly when ssf is not there.
 */
#include <string.h>

#include "harness.h"

SSF_TEST_PROC(cli_help)
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
		"usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n",
		"usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n",
		"usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n",
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
		ssf_t_run(&r, NULL, (const char *const[]){ levels[i][0], levels[i][1],
							levels[i][2], levels[i][3],
							NULL });
		t_check_int(r.status, 0, __FILE__, __LINE__, usage[i]);
		t_check(ssf_t_starts(r.out, usage[i]), __FILE__, __LINE__, "%s", usage[i]);
		t_check_str(r.err, "", __FILE__, __LINE__, usage[i]);
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

SSF_TEST_PROC(cli_usage)
{
	struct ssf_t_run r;

	RUN(&r, NULL, "--json");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: missing command (see --help)\n"
			 "usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n");
	CHECK_STR(r.out, "");
	RUN(&r, NULL, "bogus");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: unknown command \"bogus\" (see --help)\n"
			 "usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n");
	RUN(&r, NULL, "--bogus", "status");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: unknown option \"--bogus\"\n"
			 "usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n");
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
SSF_TEST_PROC(cli_parse_errors)
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
	CHECK_STR(r.err, "ssfctl: rule add: bad dport \"70000\" (a port 0-65535, a range p-q or a port set @name)\n");
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
	RUN(&r, NULL, "policy", "load", ssf_test_tmpdir());
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want), "ssfctl: policy load: read %s: Is a directory\n",
		 ssf_test_tmpdir());
	CHECK_STR(r.err, want);


	/* names are looked up before anything is sent */
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
	CHECK_STR(r.out, "");
}

/* The options and words of the commands that talk to the kernel. */
SSF_TEST_PROC(cli_command_usage)
{
	static const char *const vusage =
		"usage: ssfctl validate set <check>|all drop|audit|off | ip6-exthdr-max <0-64>\n";
	struct ssf_t_run r;
	char want[512];

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
	RUN(&r, NULL, "policy", "check");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "mode", "learn");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: mode: unknown mode \"learn\" (expected enforce, audit or off)\n"
			 "usage: ssfctl mode [enforce|audit|off]\n");
	RUN(&r, NULL, "mode", "audit", "off");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "monitor", "--count", "0");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: monitor: --count needs at least 1\n"));
	RUN(&r, NULL, "monitor", "--count", "many");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "monitor", "now");
	CHECK_INT(r.status, 2);

	RUN(&r, NULL, "validate", "set", "tcp-synfin", "drop");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: unknown validation check \"tcp-synfin\" (\"ssfctl validate show\" lists them)\n%s",
		 vusage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "tcp-null", "deny");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: unknown check action \"deny\" (expected drop, audit or off)\n%s",
		 vusage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "ip6-exthdr-max", "65");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: validate set: bad ip6-exthdr-max \"65\" (0-64)\n%s",
		 vusage);
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
		 vusage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "validate", "set", "tcp-null", "drop", "now");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "validate", "show", "all");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "ssfctl: validate show: unexpected argument \"all\"\n"
			 "usage: ssfctl validate show [--json]\n");
	RUN(&r, NULL, "validate");
	CHECK_INT(r.status, 2);
}

/* ssfctl's own options, before the command, spelt as iproute2's. */
SSF_TEST_PROC(cli_global_options)
{
	static const char *const usage =
		"usage: ssfctl [--json] [--netns <name>] [--version] <command> [<args>]\n";
	struct ssf_t_run r;
	char want[256];

	RUN(&r, NULL, "-V");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "ssfctl " SSF_VERSION "\n");
	RUN(&r, NULL, "-j", "--version", "status");
	CHECK_STR(r.out, "ssfctl " SSF_VERSION "\n");
	RUN(&r, NULL, "--help");
	CHECK(strstr(r.out, "\n  --netns <name>, -n <name>   configure the network namespace /run/netns/<name>\n") != NULL);
	CHECK(strstr(r.out, "\n  --version, -V               print ssfctl's version\n") != NULL);
	CHECK(strstr(r.out, "\n  --json, -j                  machine-readable output (JSON)\n") != NULL);

	RUN(&r, NULL, "-n");
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof(want), "ssfctl: --netns needs <name>\n%s", usage);
	CHECK_STR(r.err, want);
	RUN(&r, NULL, "-n", "ssf-no-such-netns", "status");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: network namespace \"ssf-no-such-netns\": /run/netns/ssf-no-such-netns: No such file or directory\n");
	CHECK_STR(r.out, "");
	RUN(&r, NULL, "--netns=ssf-no-such-netns", "-j", "rule", "list");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: network namespace \"ssf-no-such-netns\": /run/netns/ssf-no-such-netns: No such file or directory\n");
	RUN(&r, NULL, "--netns", "../x", "status");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: network namespace \"../x\": not a name in /run/netns\n");
	/* names are looked up first, where ssfctl runs */
	RUN(&r, NULL, "-n", "ssf-no-such-netns", "rule", "add", "out", "uid",
	    "ssf-no-such-user", "drop");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: rule add: unknown user \"ssf-no-such-user\"\n");
	/* a global option, not a command's */
	RUN(&r, NULL, "rule", "list", "-n", "x");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: rule list: unknown option \"-n\"\n"));
	RUN(&r, NULL, "rule", "-V", "list");
	CHECK_INT(r.status, 2);
}

/*
 * Commands that talk to the kernel. On a machine without ssf.ko they must
 * fail with the "not loaded" message; where ssf is loaded they succeed
 * (only read-only commands are run here: the tests change nothing).
 */
SSF_TEST_PROC(cli_kernel)
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
		ssf_t_run(&r, NULL, (const char *const[]){ cmds[i][0], cmds[i][1],
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
