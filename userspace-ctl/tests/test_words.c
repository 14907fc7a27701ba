// SPDX-License-Identifier: GPL-2.0
/*
 * The rule words beyond addresses and ports - iif, oif, uid, gid,
 * cgroup, cgroup-id, icmp-type, icmp6-type, reject, log, audit, comment -
 * and the "mode" statement: every word and its errors, quoting, name
 * lookups through a fake resolver and through the system's (root and a
 * name that does not exist), command-line words ("rule add"), and
 * printing back with names.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "harness.h"
#include "polparse.h"
#include "print.h"
#include "resolve.h"

#define IN	SSF_DIR_IN
#define OUT	SSF_DIR_OUT
#define FWD	SSF_DIR_FWD
#define V4	SSF_FAMILY_IPV4
#define V6	SSF_FAMILY_IPV6

static int t_user(const char *name, u32 *id)
{
	if (!strcmp(name, "alice"))
		*id = 1000;
	else if (!strcmp(name, "1234"))
		*id = 77;
	else if (!strcmp(name, "x y"))
		*id = 5;
	else if (!strcmp(name, "broken"))
		return -EIO;
	else
		return -ENOENT;
	return 0;
}

static int t_group(const char *name, u32 *id)
{
	if (strcmp(name, "staff"))
		return -ENOENT;
	*id = 50;
	return 0;
}

static int t_cgroup(const char *path, u64 *id, char *why, size_t size)
{
	if (!strcmp(path, "/a/b") || !strcmp(path, "a/b"))
		*id = 4242;
	else if (!strcmp(path, "/with space"))
		*id = 99;
	else if (!strcmp(path, "/"))
		*id = 1;
	else
		return snprintf(why, size, "%s: no such cgroup", path), -1;
	return 0;
}

static const struct ssfctl_resolver t_res = { t_user, t_group, t_cgroup };

static const char *t_uname(u32 id, char *buf, size_t size)
{
	const char *n = id == 1000 ? "alice" : id == 77 ? "1234" :
			id == 5 ? "x y" : NULL;

	return n ? (snprintf(buf, size, "%s", n), buf) : NULL;
}

static const char *t_gname(u32 id, char *buf, size_t size)
{
	return id == 50 ? (snprintf(buf, size, "staff"), buf) : NULL;
}

static const char *t_cgname(u64 id, char *buf, size_t size)
{
	const char *n = id == 4242 ? "/a/b" : id == 99 ? "/with space" :
			id == 1 ? "/" : NULL;

	return n ? (snprintf(buf, size, "%s", n), buf) : NULL;
}

static const struct ssfctl_namer t_nm = { t_uname, t_gname, t_cgname };

/* Parse @in with the fake resolver; print it with the fake namer. */
#define WORDS(in, want) t_words_fmt(__LINE__, in, want)
static void t_words_fmt(int line, const char *in, const char *want)
{
	static char s[SSF_RULE_STRLEN];
	struct ssfctl_polerr e;
	struct ssfctl_rule r, back;

	if (ssf_polparse_rule_res(in, strlen(in), &t_res, &r, &e)) {
		t_check_str(e.msg, "(no error)", __FILE__, line, in);
		return;
	}
	ssf_rule_fmt_nm(s, sizeof(s), &r, &t_nm);
	t_check_str(s, want, __FILE__, line, in);
	/* and the printed words read back to the same rule */
	if (ssf_polparse_rule_res(s, strlen(s), &t_res, &back, &e))
		t_check_str(e.msg, "(no error reading it back)", __FILE__,
				line, s);
	else
		t_check(ssf_t_rule_eq(&r, &back), __FILE__, line, "%s", s);
}

#define WERR(in, msg) t_words_err(__LINE__, in, sizeof(in) - 1, msg)
static void t_words_err(int line, const char *in, size_t len, const char *msg)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;
	int ret;

	ret = ssf_polparse_rule_res(in, len, &t_res, &r, &e);
	t_check_int(ret, -EINVAL, __FILE__, line, in);
	t_check_str(ret ? e.msg : "(parsed)", msg, __FILE__, line, in);
}

static struct ssfctl_rule t_rule(const char *in)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;

	memset(&r, 0, sizeof(r));
	if (ssf_polparse_rule_res(in, strlen(in), &t_res, &r, &e))
		printf("# cannot parse \"%s\": %s\n", in, e.msg);
	return r;
}

SSF_TEST(words_new_words)
{
	struct ssfctl_rule r;

	WORDS("in iif eth0 accept", "in iif eth0 accept");
	WORDS("fwd oif wg0 iif eth1 drop", "fwd iif eth1 oif wg0 drop");
	WORDS("out oif \"a b\" drop", "out oif \"a b\" drop");
	WORDS("in iif out accept", "in iif out accept");	/* a value */
	/* bytes a terminal acts on: \xHH, read back as the same bytes */
	WORDS("in iif \"e\\x1bh\" accept comment \"\\x1b[2J\\x0a\\xc2\\x9b\\x7f\\x09x\"",
	      "in iif \"e\\x1bh\" accept comment \"\\x1b[2J\\x0a\\xc2\\x9b\\x7f\\x09x\"");
	WORDS("in iif \"\\x65th0\" accept log \"\\x41\\x5c\\x22\"",
	      "in iif eth0 accept log \"A\\\\\\\"\"");
	r = t_rule("in drop comment \"\x1b\t\\x1B\"");
	CHECK_STR(r.t.comment, "\x1b\t\x1b");
	r = t_rule("in iif eth0 accept");
	CHECK_STR(r.r.iif, "eth0");
	CHECK_INT(r.r.match, SSF_RM_IIF);

	WORDS("out uid 1000 accept", "out uid alice accept");
	WORDS("out uid 0 accept", "out uid 0 accept");
	WORDS("out uid 1000-1999 drop", "out uid 1000-1999 drop");
	WORDS("out uid alice drop", "out uid alice drop");
	WORDS("in uid 4294967295 drop", "in uid 4294967295 drop");
	WORDS("out uid \"1234\" drop", "out uid \"1234\" drop");
	WORDS("out uid \"x y\" drop", "out uid \"x y\" drop");
	r = t_rule("out uid \"1234\" drop");
	CHECK_INT(r.r.uid_min, 77);
	r = t_rule("out uid 1234 drop");	/* unquoted: a number */
	CHECK_INT(r.r.uid_min, 1234);
	CHECK_INT(r.r.uid_max, 1234);
	WORDS("in gid staff accept", "in gid staff accept");
	WORDS("in gid 50-50 accept", "in gid staff accept");
	WORDS("in gid 7-9 uid 3 accept", "in uid 3 gid 7-9 accept");
	r = t_rule("in gid 7-9 accept");
	CHECK_INT(r.r.gid_min, 7);
	CHECK_INT(r.r.gid_max, 9);
	CHECK_INT(r.r.match, SSF_RM_GID);

	WORDS("out cgroup /a/b drop", "out cgroup /a/b drop");
	WORDS("out cgroup a/b drop", "out cgroup /a/b drop");
	WORDS("out cgroup \"/with space\" drop", "out cgroup \"/with space\" drop");
	WORDS("in cgroup / accept", "in cgroup / accept");
	WORDS("in cgroup-id 4242 accept", "in cgroup /a/b accept");
	/* an id without a path prints as cgroup-id, which reads back */
	WORDS("in cgroup-id 18446744073709551615 accept",
	      "in cgroup-id 18446744073709551615 accept");
	r = t_rule("out cgroup /a/b drop");
	CHECK_INT(r.r.cgroup_id, 4242);
	CHECK_INT(r.r.match, SSF_RM_CGROUP);

	/* ICMP types imply proto and family */
	WORDS("in icmp-type echo-request accept",
	      "in proto icmp icmp-type echo-request accept");
	WORDS("in proto icmp icmp-type 8 accept",
	      "in proto icmp icmp-type echo-request accept");
	WORDS("in family ip icmp-type 3 accept",
	      "in proto icmp icmp-type destination-unreachable accept");
	WORDS("in icmp-type 200 accept", "in proto icmp icmp-type 200 accept");
	WORDS("in icmp6-type nd-neighbor-solicit accept",
	      "in proto icmpv6 icmp6-type nd-neighbor-solicit accept");
	WORDS("in proto ipv6-icmp icmp6-type 128 accept",
	      "in proto icmpv6 icmp6-type echo-request accept");
	WORDS("in icmp6-type mld-listener-reduction accept",
	      "in proto icmpv6 icmp6-type mld-listener-done accept");
	WORDS("in src 10.0.0.0/8 icmp-type time-exceeded accept",
	      "in proto icmp icmp-type time-exceeded src 10.0.0.0/8 accept");
	r = t_rule("in icmp6-type packet-too-big accept");
	CHECK_INT(r.r.family, V6);
	CHECK_INT(r.r.proto, 58);
	CHECK_INT(r.r.icmp_type, 2);
	CHECK_INT(r.r.match, SSF_RM_PROTO | SSF_RM_ICMP_TYPE);

	/* actions and flags */
	WORDS("in proto tcp dport 25 reject", "in proto tcp dport 25 reject");
	CHECK_INT(t_rule("in reject").r.action, SSF_ACT_REJECT);
	WORDS("in drop log", "in drop log");
	WORDS("in log drop", "in drop log");
	WORDS("in drop log \"ssh: \"", "in drop log \"ssh: \"");
	WORDS("in drop log pfx", "in drop log \"pfx\"");
	WORDS("in drop log audit", "in drop log audit");
	WORDS("in drop log \"audit\"", "in drop log \"audit\"");
	WORDS("in audit drop", "in drop audit");
	WORDS("in drop comment \"the # is kept\"",
	      "in drop comment \"the # is kept\"");
	WORDS("in drop comment word", "in drop comment \"word\"");
	WORDS("in drop comment \"\"", "in drop");
	WORDS("in drop comment \"say \\\"hi\\\" \\\\o/\"",
	      "in drop comment \"say \\\"hi\\\" \\\\o/\"");
	r = t_rule("in drop log \"p \\\"x\\\"\" audit comment \"c\"");
	CHECK_INT(r.r.flags, SSF_RULE_F_LOG | SSF_RULE_F_AUDIT);
	CHECK_STR(r.t.log_prefix, "p \"x\"");
	CHECK_STR(r.t.comment, "c");
	/* everything */
	WORDS("comment \"all\" log \"L\" audit reject gid staff uid alice "
	      "cgroup a/b iif lo proto tcp dport 22 in",
	      "in proto tcp dport 22 iif lo uid alice gid staff cgroup /a/b "
	      "reject log \"L\" audit comment \"all\"");
	/* "#" ends the line outside quotes only */
	WORDS("in drop comment \"a#b\" # c", "in drop comment \"a#b\"");
}

SSF_TEST(words_word_errors)
{
	char s[300];

	WERR("in accept iif", "\"iif\" needs an interface name");
	WERR("in iif accept", "missing action (accept, drop or reject)");
	WERR("in iif \"\" accept", "iif needs an interface name, not \"\"");
	WERR("in iif abcdefghijklmnop accept",
	     "iif \"abcdefghijklmnop\" is too long (16 bytes, at most 15)");
	WERR("in iif eth0 iif eth1 accept", "duplicate \"iif\"");
	WERR("in oif eth0 accept", "an output interface match needs dir out or fwd");
	WERR("out iif eth0 accept", "an input interface match needs dir in or fwd");
	WERR("in iif \"a\0b\" accept", "iif \"a\\x00b\" holds a NUL byte");

	WERR("out uid nosuchuser drop", "unknown user \"nosuchuser\"");
	WERR("out uid broken drop", "look up user \"broken\": Input/output error");
	WERR("out gid nosuchgroup drop", "unknown group \"nosuchgroup\"");
	WERR("out uid 5-3 drop", "uid range is reversed");
	WERR("out gid 9-1 drop", "gid range is reversed");
	WERR("out uid 4294967296 drop",
	     "bad uid \"4294967296\" (a number 0-4294967295, a range n-m, or a user name)");
	WERR("out uid 1- drop",
	     "bad uid \"1-\" (a number 0-4294967295, a range n-m, or a user name)");
	WERR("out gid -1 drop",
	     "bad gid \"-1\" (a number 0-4294967295, a range n-m, or a group name)");
	WERR("out uid \"\" drop", "bad user name \"\"");
	WERR("fwd uid 0 drop", "a uid, gid or cgroup match needs dir in or out");
	WERR("out uid 1 uid 2 drop", "duplicate \"uid\"");

	WERR("out cgroup /nope drop", "cgroup \"/nope\": /nope: no such cgroup");
	WERR("out cgroup-id 0 drop",
	     "bad cgroup-id \"0\" (a cgroup's id: its directory's inode number)");
	WERR("out cgroup-id x drop",
	     "bad cgroup-id \"x\" (a cgroup's id: its directory's inode number)");
	WERR("out cgroup / cgroup-id 5 drop",
	     "duplicate cgroup: \"cgroup-id\" after \"cgroup\"");
	WERR("fwd cgroup / drop", "a uid, gid or cgroup match needs dir in or out");

	WERR("in icmp-type ping accept",
	     "unknown icmp-type \"ping\" (a name or 0-255)");
	WERR("in icmp-type 256 accept",
	     "unknown icmp-type \"256\" (a name or 0-255)");
	WERR("in icmp6-type router-advertisement accept",
	     "unknown icmp6-type \"router-advertisement\" (a name or 0-255)");
	WERR("in proto tcp icmp-type 8 accept",
	     "\"icmp-type\" needs proto icmp, not \"tcp\"");
	WERR("in proto 99 icmp6-type 1 accept",
	     "\"icmp6-type\" needs proto icmpv6, not \"99\"");
	WERR("in family ip6 icmp-type 8 accept",
	     "\"icmp-type\" needs family ip: this rule is IPv6");
	WERR("in dst 10.0.0.1 icmp6-type 1 accept",
	     "\"icmp6-type\" needs family ip6: this rule is IPv4");
	WERR("in icmp-type 8 icmp6-type 1 accept",
	     "duplicate icmp type: \"icmp6-type\" after \"icmp-type\"");

	WERR("in drop reject", "duplicate action: \"reject\" after \"drop\"");
	WERR("in drop log log", "duplicate \"log\"");
	WERR("in drop audit audit", "duplicate \"audit\"");
	WERR("in drop comment", "\"comment\" needs a text");
	memset(s, 0, sizeof(s));
	snprintf(s, sizeof(s), "in drop log \"%064d\"", 0);
	t_words_err(__LINE__, s, strlen(s),
		    "log \"000000000000000000000000000000000000000000000000000000000000000...\" is too long (64 bytes, at most 63)");
	snprintf(s, sizeof(s), "in drop comment \"%0128d\"", 0);
	t_words_err(__LINE__, s, strlen(s),
		    "comment \"000000000000000000000000000000000000000000000000000000000000000...\" is too long (128 bytes, at most 127)");
	snprintf(s, sizeof(s), "in drop comment \"%0127d\"", 0);
	CHECK_INT(strlen(t_rule(s).t.comment), 127);
	snprintf(s, sizeof(s), "in drop log \"%063d\"", 0);
	CHECK_INT(strlen(t_rule(s).t.log_prefix), 63);

	/* quoting */
	WERR("in drop comment \"open", "unterminated quoted string \"\\\"open\"");
	WERR("in drop comment \"a\\nb\"",
	     "unknown escape \"\\\\n\" in a quoted string (only \\\", \\\\ and \\xHH)");
	WERR("in drop comment \"a\\", "unknown escape \"\\\\\" in a quoted string (only \\\", \\\\ and \\xHH)");
	WERR("in drop comment \"a\\x1\"",
	     "unknown escape \"\\\\x\" in a quoted string (only \\\", \\\\ and \\xHH)");
	WERR("in drop comment \"a\\X41\"",
	     "unknown escape \"\\\\X\" in a quoted string (only \\\", \\\\ and \\xHH)");
	WERR("in drop comment \"a\\xg0\"",
	     "unknown escape \"\\\\x\" in a quoted string (only \\\", \\\\ and \\xHH)");
	WERR("in drop comment \"a\\x00b\"", "comment \"a\\x00b\" holds a NUL byte");
	WERR("in drop comment \"a\"b",
	     "no space after the quoted string \"\\\"a\\\"\"");
	WERR("in drop comment a\"b\"",
	     "a quote inside the word \"a\\\"\" (quote the whole word)");
	WERR("\"in\" drop", "unknown word \"\\\"in\\\"\"");
	WERR("in \"drop\"", "unknown word \"\\\"drop\\\"\"");
}

/* Names without a resolver: refused with a clear message. */
SSF_TEST(words_no_resolver)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;

	CHECK_INT(ssf_polparse_rule("out uid alice drop", 18, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "user names are not looked up here: give uid a number");
	CHECK_INT(ssf_polparse_rule("out gid staff drop", 18, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "group names are not looked up here: give gid a number");
	CHECK_INT(ssf_polparse_rule("out cgroup /a drop", 18, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "cgroup paths are not looked up here: use cgroup-id");
	CHECK_INT(ssf_polparse_rule("out uid 5 drop", 14, &r, &e), 0);
}

/* The system's resolver and namer: root is 0 everywhere. */
SSF_TEST(words_system_names)
{
	char buf[SSF_RULE_STRLEN], dir[] = "/tmp/ssfctl-words.XXXXXX";
	char path[64], why[256];
	struct ssfctl_polerr e;
	struct ssfctl_rule r;
	const char *root;
	u64 id;

	CHECK_INT(ssf_polparse_rule_res("out uid root gid root drop", 26,
					&ssf_sys_resolver, &r, &e), 0);
	CHECK_INT(r.r.uid_min, 0);
	CHECK_INT(r.r.gid_max, 0);
	ssf_rule_fmt_nm(buf, sizeof(buf), &r, &ssf_sys_namer);
	CHECK_STR(buf, "out uid root gid root drop");
	CHECK_INT(ssf_polparse_rule_res("out uid ssf-no-such-user-x drop", 31,
					&ssf_sys_resolver, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "unknown user \"ssf-no-such-user-x\"");
	CHECK_INT(ssf_polparse_rule_res("out gid ssf-no-such-group drop", 30,
					&ssf_sys_resolver, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "unknown group \"ssf-no-such-group\"");
	/* an id without a name prints as the number */
	r.r.match = SSF_RM_UID;
	r.r.uid_min = r.r.uid_max = 3999999999u;
	ssf_rule_fmt_nm(buf, sizeof(buf), &r, &ssf_sys_namer);
	CHECK_STR(buf, "out uid 3999999999 drop");

	/* cgroups: a directory that is not on cgroup2 is refused */
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/notcg", dir);
	mkdir(path, 0700);
	CHECK_INT(ssf_cgroup_id(dir, "notcg", &id, why, sizeof(why)), -1);
	CHECK(strstr(why, "notcg: not on a cgroup2 mount") != NULL);
	CHECK_INT(ssf_cgroup_id(dir, "/missing", &id, why, sizeof(why)), -1);
	CHECK(strstr(why, "/missing: No such file or directory") != NULL);
	CHECK_INT(ssf_cgroup_id(NULL, "/x", &id, why, sizeof(why)), -1);
	CHECK_STR(why, "no cgroup2 mount at /sys/fs/cgroup or /sys/fs/cgroup/unified");
	rmdir(path);
	rmdir(dir);
	root = ssf_cgroup_root();
	if (!T_OK(root, "a cgroup2 mount at %s or %s", SSF_CGROUP_ROOT,
		  SSF_CGROUP_ROOT_HYBRID))
		return;
	/* the root cgroup, both ways, and through the parser */
	CHECK_INT(ssf_cgroup_id(root, "/", &id, why, sizeof(why)), 0);
	CHECK(ssf_cgroup_path(root, id, buf, sizeof(buf)) != NULL);
	CHECK_STR(buf, "/");
	CHECK_INT(ssf_polparse_rule_res("in cgroup / accept", 18,
					&ssf_sys_resolver, &r, &e), 0);
	CHECK_INT(r.r.cgroup_id, id);
	snprintf(buf, sizeof(buf), "in cgroup %s accept", root);
	CHECK_INT(ssf_polparse_rule_res(buf, strlen(buf), &ssf_sys_resolver, &r,
					&e), 0);
	CHECK_INT(r.r.cgroup_id, id);
	ssf_rule_fmt_nm(buf, sizeof(buf), &r, &ssf_sys_namer);
	CHECK_STR(buf, "in cgroup / accept");
	CHECK(ssf_cgroup_path(root, 0, buf, sizeof(buf)) == NULL);
	r.r.cgroup_id = 0;
	ssf_rule_fmt_nm(buf, sizeof(buf), &r, &ssf_sys_namer);
	CHECK_STR(buf, "in cgroup-id 0 accept");
}

/* "ssfctl rule add" words: the shell already split them. */
SSF_TEST(words_argv)
{
	char *a1[] = { "out", "drop", "log", "my prefix", "comment",
		       "a \"quoted\" # text" };
	char *a2[] = { "out drop log \"my prefix\" comment \"c\"" };
	char *a3[] = { "in proto tcp", "dport", "22", "accept" };
	char *a4[] = { "out", "drop", "log", "audit" };
	char *a5[] = { "out", "cgroup", "/with space", "drop" };
	char *a6[] = { "in", "accept\nout" };
	char *a7[] = { "in", "drop", "log", "\"unterminated" };
	struct ssfctl_polerr e;
	struct ssfctl_rule r;

	CHECK_INT(ssf_polparse_argv(6, a1, &t_res, &r, &e), 0);
	CHECK_STR(r.t.log_prefix, "my prefix");
	CHECK_STR(r.t.comment, "a \"quoted\" # text");
	CHECK_INT(r.r.action, SSF_ACT_DROP);
	CHECK_INT(ssf_polparse_argv(1, a2, &t_res, &r, &e), 0);
	CHECK_STR(r.t.log_prefix, "my prefix");
	CHECK_STR(r.t.comment, "c");
	CHECK_INT(ssf_polparse_argv(4, a3, &t_res, &r, &e), 0);
	CHECK_INT(r.r.dport_min, 22);
	CHECK_INT(ssf_polparse_argv(4, a4, &t_res, &r, &e), 0);
	CHECK_INT(r.r.flags, SSF_RULE_F_LOG | SSF_RULE_F_AUDIT);
	CHECK_STR(r.t.log_prefix, "");
	CHECK_INT(ssf_polparse_argv(4, a5, &t_res, &r, &e), 0);
	CHECK_INT(r.r.cgroup_id, 99);
	CHECK_INT(ssf_polparse_argv(2, a6, &t_res, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "a rule is one line");
	CHECK_INT(ssf_polparse_argv(4, a7, &t_res, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "unterminated quoted string \"\\\"unterminated\"");
	CHECK_INT(ssf_polparse_argv(0, NULL, &t_res, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "missing direction (in, out or fwd)");
}

SSF_TEST(words_mode_stmt)
{
	static const char ok[] = "mode audit\ndefault in reject\nrule in drop\n";
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	CHECK_INT(ssf_polparse(ok, sizeof(ok) - 1, &pf, &e), 0);
	CHECK(pf.has_mode);
	CHECK_INT(pf.mode, SSF_MODE_AUDIT);
	CHECK_INT(pf.mode_line, 1);
	CHECK_INT(pf.defaults[SSF_DIR_IN], SSF_ACT_REJECT);
	ssf_polfile_free(&pf);
	CHECK_INT(ssf_polparse("mode off\n", 9, &pf, &e), 0);
	CHECK_INT(pf.mode, SSF_MODE_OFF);
	ssf_polfile_free(&pf);
	CHECK_INT(ssf_polparse("rule in drop\n", 13, &pf, &e), 0);
	CHECK(!pf.has_mode);
	ssf_polfile_free(&pf);

	CHECK_INT(ssf_polparse("mode\n", 5, &pf, &e), -EINVAL);
	CHECK_STR(e.msg, "mode needs a value (mode enforce|audit|off)");
	CHECK_INT(ssf_polparse("\nmode learn\n", 12, &pf, &e), -EINVAL);
	CHECK_INT(e.line, 2);
	CHECK_STR(e.msg, "unknown mode \"learn\" (expected enforce, audit or off)");
	CHECK_INT(ssf_polparse("mode audit x\n", 13, &pf, &e), -EINVAL);
	CHECK_STR(e.msg, "unexpected word \"x\" after the mode");
	CHECK_INT(ssf_polparse("mode audit\nmode off\n", 20, &pf, &e), -EINVAL);
	CHECK_INT(e.line, 2);
	CHECK_STR(e.msg, "duplicate mode (first on line 1)");
	CHECK_INT(ssf_polparse("mode \"audit\"\n", 13, &pf, &e), -EINVAL);
	CHECK_STR(e.msg, "unknown mode \"\\\"audit\\\"\" (expected enforce, audit or off)");

	/* file-level quoting errors carry the line */
	CHECK_INT(ssf_polparse("rule in drop\nrule in drop comment \"x\n", 37,
			       &pf, &e), -EINVAL);
	CHECK_INT(e.line, 2);
	CHECK_STR(e.msg, "unterminated quoted string \"\\\"x\"");
	/* a quoted '#' is not a comment; the line is one rule */
	CHECK_INT(ssf_polparse("rule in drop comment \"#1\" # real\n", 33, &pf,
			       &e), 0);
	CHECK_INT(pf.nrules, 1);
	if (pf.nrules)
		CHECK_STR(pf.rules[0].rule.t.comment, "#1");
	ssf_polfile_free(&pf);

	f = open_memstream(&buf, &len);
	if (f) {
		ssf_print_mode(f, SSF_MODE_ENFORCE);
		ssf_print_mode(f, SSF_MODE_AUDIT);
		ssf_print_mode(f, SSF_MODE_OFF);
		ssf_print_mode(f, 9);
		fclose(f);
		CHECK_STR(buf, "mode audit\nmode off\nmode <mode 9>\n");
		free(buf);
	}
}

/* Words that need quoting are quoted; the rest are left bare. */
SSF_TEST(words_word_fmt)
{
	char s[64];

	ssf_word_fmt(s, sizeof(s), "eth0", false);
	CHECK_STR(s, "eth0");
	ssf_word_fmt(s, sizeof(s), "eth0", true);
	CHECK_STR(s, "\"eth0\"");
	ssf_word_fmt(s, sizeof(s), "", false);
	CHECK_STR(s, "\"\"");
	ssf_word_fmt(s, sizeof(s), "a b", false);
	CHECK_STR(s, "\"a b\"");
	ssf_word_fmt(s, sizeof(s), "a#b", false);
	CHECK_STR(s, "\"a#b\"");
	ssf_word_fmt(s, sizeof(s), "q\"\\", false);
	CHECK_STR(s, "\"q\\\"\\\\\"");
	/* what text escapes is quoted and escaped, the way the parser reads */
	ssf_word_fmt(s, sizeof(s), "two\nlines", false);
	CHECK_STR(s, "\"two\\x0alines\"");
	ssf_word_fmt(s, sizeof(s), "\x1b[2J\t\xff", false);
	CHECK_STR(s, "\"\\x1b[2J\\x09\\xff\"");
	ssf_word_fmt(s, sizeof(s), "caf\xc3\xa9", false);
	CHECK_STR(s, "caf\xc3\xa9");
	CHECK_INT(ssf_word_fmt(s, 3, "a b", false), 5);
	CHECK_STR(s, "\"a");
}

/* JSON of a rule with every kind of field, names from the namer. */
SSF_TEST(words_json)
{
	struct ssfctl_rule r = t_rule("out proto tcp dport 25 oif eth0 uid alice "
				   "gid 1-2 cgroup /a/b reject log \"M \" audit "
				   "comment \"no \\\"mail\\\"\"");
	struct ssfctl_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	ssf_json_init(&j, f);
	ssf_json_obj_open(&j);
	ssf_rule_json(&j, &r, &t_nm);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
	fclose(f);
	CHECK_STR(buf, "{\"id\":0,\"dir\":\"out\",\"action\":\"reject\","
		       "\"proto\":\"tcp\",\"dport\":\"25\",\"oif\":\"eth0\","
		       "\"uid\":\"1000\",\"user\":\"alice\",\"gid\":\"1-2\","
		       "\"cgroup\":4242,\"cgroup_path\":\"/a/b\",\"log\":true,"
		       "\"log_prefix\":\"M \",\"audit\":true,"
		       "\"comment\":\"no \\\"mail\\\"\",\"text\":\"out proto tcp "
		       "dport 25 oif eth0 uid alice gid 1-2 cgroup /a/b reject "
		       "log \\\"M \\\" audit comment \\\"no \\\\\\\"mail\\\\\\\"\\\"\"}\n");
	free(buf);
	r = t_rule("in icmp6-type 250 accept");
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	ssf_json_init(&j, f);
	ssf_json_obj_open(&j);
	ssf_rule_json(&j, &r, NULL);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
	fclose(f);
	CHECK_STR(buf, "{\"id\":0,\"dir\":\"in\",\"action\":\"accept\","
		       "\"family\":\"ip6\",\"proto\":\"icmpv6\",\"icmp_type\":250,"
		       "\"text\":\"in proto icmpv6 icmp6-type 250 accept\"}\n");
	free(buf);
}

/* Random rules with names: rule -> text with names -> the same rule. */
SSF_TEST(words_roundtrip_names)
{
	static char text[SSF_RULE_STRLEN];
	uint64_t seed = 0xfeedface12345ULL;
	struct ssfctl_rule r, back;
	struct ssfctl_polerr e;
	int i, bad = 0;

	for (i = 0; i < 3000; i++) {
		ssf_t_rule_random(&r, &seed);
		/* some ids the namer knows */
		if ((r.r.match & SSF_RM_UID) && i % 3 == 0)
			r.r.uid_min = r.r.uid_max = i % 2 ? 1000 : 77;
		if ((r.r.match & SSF_RM_CGROUP) && i % 2 == 0)
			r.r.cgroup_id = i % 4 ? 4242 : 99;
		ssf_rule_fmt_nm(text, sizeof(text), &r, &t_nm);
		if (ssf_polparse_rule_res(text, strlen(text), &t_res, &back,
					  &e) || !ssf_t_rule_eq(&r, &back)) {
			if (!bad++)
				printf("# \"%s\": %s\n", text, e.msg);
		}
	}
	CHECK_INT(bad, 0);
}

