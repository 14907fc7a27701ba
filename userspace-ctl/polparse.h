/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Policy text -> sets, rules, defaults and validation settings. Pure functions
 * over a buffer: no I/O, no exits, no global state, so they can be fuzzed.
 * Every rule that comes out has passed ssf_rule_verify(), the same checker
 * the kernel runs; every check name is one ssf_reason_by_name() knows;
 * every set element has passed ssf_elem_verify(), the kernel's element
 * checker.
 */
#ifndef _SSFCTL_POLPARSE_H
#define _SSFCTL_POLPARSE_H

#include "ctlrule.h"
#include "ssf_check.h"
#include "ssf_set.h"

#define SSF_POLERR_MSG		256
/* More words than this on one line is an error (no statement needs them). */
#define SSF_POL_MAX_WORDS	64

struct ssfctl_polerr {
	unsigned int line;		/* 1-based; 0 for ssf_polparse_rule() */
	char msg[SSF_POLERR_MSG];
};

struct ssfctl_polrule {
	struct ssfctl_rule rule;
	unsigned int line;		/* where the rule was written */
};

/* A set element of a policy file; e.expires is its own timeout (0: none). */
struct ssfctl_polelem {
	struct ssf_elem e;
	unsigned int line;
};

/* A "set" declaration and the elements of every line that names the set. */
struct ssfctl_polset {
	char name[SSF_SET_NAME_MAX];
	u8 type;			/* enum ssf_set_type */
	u32 timeout;			/* seconds, 0: elements do not expire */
	unsigned int line;		/* of the declaration */
	struct ssfctl_polelem *elems;	/* in file order */
	size_t nelems;
	size_t cap;
};

/* A "validate <check>|all <action>" line. */
struct ssfctl_polcheck {
	u8 reason;			/* enum ssf_reason; SSF_R_NONE: all */
	u8 action;			/* enum ssf_check_action */
	unsigned int line;
};

/*
 * Name lookups, supplied by the caller: resolve.c's for ssfctl, fakes in
 * the tests; NULL (or a NULL member) refuses names with a clear error, so
 * the parser itself stays pure. Each returns 0 with the id, -ENOENT when
 * the name does not exist, or another negative errno. The cgroup lookup
 * takes a path as the policy gives it and explains a failure in @why.
 */
struct ssfctl_resolver {
	int (*user)(const char *name, u32 *uid);
	int (*group)(const char *name, u32 *gid);
	int (*cgroup)(const char *path, u64 *id, char *why, size_t size);
};

struct ssfctl_polfile {
	bool has_generation;		/* a "generation" line was given */
	u64 generation;
	unsigned int generation_line;
	struct ssfctl_polset *sets;	/* in declaration order */
	size_t nsets;
	size_t sets_cap;
	u8 defaults[SSF_DIR_MAX + 1];	/* enum ssf_action; accept if not given */
	u8 defaults_set;		/* bit (1 << dir) per "default" line */
	struct ssfctl_polrule *rules;
	size_t nrules;
	size_t cap;
	/* validate lines, in file order: applied over the defaults */
	struct ssfctl_polcheck *checks;
	size_t nchecks;
	size_t checks_cap;
	bool has_exthdr_max;		/* "validate ip6-exthdr-max N" given */
	u8 ip6_exthdr_max;
	unsigned int exthdr_line;
	bool has_mode;			/* a "mode" line was given */
	u8 mode;			/* enum ssf_mode */
	unsigned int mode_line;
};

/* The name a validate line sends: the check's, or "all". */
const char *ssf_polcheck_name(const struct ssfctl_polcheck *c);

/* The grammar, for --help texts (Documentation/rules.rst has it all). */
#define SSF_POLPARSE_GRAMMAR						\
	"Rule words (after \"rule\" in a policy file; any order):\n"	\
	"  in | out | fwd               direction (required)\n"	\
	"  family ip | ip6              address family (default: both, or\n" \
	"                               the family the other words imply)\n" \
	"  proto tcp | udp | icmp | icmpv6 | sctp | udplite | <0-255>\n" \
	"  src <addr>[/<len>] | @<set>  source prefix (no /len: one host),\n" \
	"                               or an address set\n"		\
	"  dst <addr>[/<len>] | @<set>  destination prefix or address set\n" \
	"  sport <port>[-<port>] | @<set>  source port, range or port set\n" \
	"  dport <port>[-<port>] | @<set>  destination port, range or set\n" \
	"                               (ports need proto tcp, udp, sctp\n" \
	"                               or udplite)\n"			\
	"  iif <name>                   input interface (in, fwd)\n"	\
	"  oif <name>                   output interface (out, fwd)\n" \
	"  uid <n>[-<n>] | <user>       owner of the local socket (in, out)\n" \
	"  gid <n>[-<n>] | <group>      its group\n"			\
	"  cgroup <path>                its cgroup v2 (and descendants);\n" \
	"                               path under /sys/fs/cgroup\n"	\
	"  cgroup-id <n>                the same by cgroup id\n"	\
	"  icmp-type <name|0-255>       ICMP type (implies proto icmp)\n" \
	"  icmp6-type <name|0-255>      ICMPv6 type (implies proto icmpv6)\n" \
	"  ct state <state>[,<state>...]  connection tracking state: new,\n" \
	"                               established, related, invalid,\n" \
	"                               untracked\n"			\
	"  limit <n>/second|minute|hour  match at most this often (a\n" \
	"                               packet over it goes on to the\n" \
	"                               next rule)\n"			\
	"  burst <n>                    packets a limit lets through at\n" \
	"                               once (default 5)\n"		\
	"  accept | drop | reject       action (required)\n"		\
	"  log [\"<prefix>\"]            log matches (kernel log, nf_log)\n" \
	"  audit                        count and log, but let it pass\n" \
	"  comment \"<text>\"             kept with the rule\n"	\
	"Quote values with spaces: \"...\" (\\\", \\\\ and \\xHH inside).\n"

#define SSF_POLPARSE_FILE_HELP						\
	"Policy file: one statement a line, '#' starts a comment.\n"	\
	"  generation <n>                   refuse the load if the policy is no\n" \
	"                                   longer at generation <n> (policy\n" \
	"                                   show writes it)\n"		\
	"  default in|out|fwd accept|drop|reject   (unspecified: accept)\n" \
	"  mode enforce|audit|off           (unspecified: enforce)\n"	\
	"  set <name> addr|port [timeout <n>[s|m|h]] [<element>...]\n" \
	"                                   declare a set (before the rules\n" \
	"                                   that name it); addr: addresses,\n" \
	"                                   prefixes a/n, ranges a-b (IPv4\n" \
	"                                   and IPv6); port: ports, ranges\n" \
	"  set <name> [timeout <n>[s|m|h]] <element>...\n"		\
	"                                   more elements for a declared set\n" \
	"  rule <rule words>\n"						\
	"  validate <check>|all drop|audit|off\n"			\
	"                                   set a validation check's action;\n" \
	"                                   every check starts at its default\n" \
	"                                   and these lines apply in order\n" \
	"  validate ip6-exthdr-max <0-64>   most IPv6 extension headers a\n" \
	"                                   packet may have (default 8)\n"

void ssf_polfile_free(struct ssfctl_polfile *pf);

/*
 * Parse a whole policy file of @len bytes at @buf into @out. Returns 0 (free
 * @out with ssf_polfile_free()), or -EINVAL (syntax or check error) or
 * -ENOMEM with @err describing the first fault; @out then holds nothing
 * (no rules, no checks).
 */
int ssf_polparse(const char *buf, size_t len, struct ssfctl_polfile *out,
		 struct ssfctl_polerr *err);
/* The same with names (users, groups, cgroups) looked up through @res. */
int ssf_polparse_res(const char *buf, size_t len,
		     const struct ssfctl_resolver *res, struct ssfctl_polfile *out,
		     struct ssfctl_polerr *err);

/*
 * Parse the words of one rule (what follows "rule" in a file; a '#' starts a
 * comment, newlines are not allowed) into @r. Returns 0 or -EINVAL with @err
 * set (@err->line is 0). A set word's set is the kernel's to look up.
 */
int ssf_polparse_rule(const char *buf, size_t len, struct ssfctl_rule *r,
		      struct ssfctl_polerr *err);
int ssf_polparse_rule_res(const char *buf, size_t len,
			  const struct ssfctl_resolver *res,
			  struct ssfctl_rule *r, struct ssfctl_polerr *err);

/*
 * A rule from command-line words ("ssfctl rule add ..."): each argument is
 * cut into words as a line of a file is (so one quoted argument holding
 * the whole rule works), except the argument right after "log",
 * "comment" or "cgroup", which is taken whole as that word's value unless
 * it starts with a double quote - the shell already split it.
 */
int ssf_polparse_argv(int argc, char *const *argv,
		      const struct ssfctl_resolver *res, struct ssfctl_rule *r,
		      struct ssfctl_polerr *err);

/* The set of @pf named @name, or NULL. */
const struct ssfctl_polset *ssf_polfile_set(const struct ssfctl_polfile *pf,
					    const char *name);

/*
 * One element of a set of @type (enum ssf_set_type) from the @len bytes at
 * @s: an address, a/n or a-b; a port or p-q. Checked by ssf_elem_verify();
 * @e->expires is 0. Returns 0, or -EINVAL with @err->msg saying why.
 */
int ssf_elem_parse(u8 type, const char *s, size_t len, struct ssf_elem *e,
		   struct ssfctl_polerr *err);

/*
 * A timeout "<n>[s|m|h]" (seconds without a unit), 1 second to
 * SSF_SET_TIMEOUT_MAX, into *@secs. False if it is not one.
 */
bool ssf_timeout_parse(const char *s, size_t len, u32 *secs);

/* A set name: 1-31 bytes of letters, digits, '_', '.' and '-', not first. */
bool ssf_set_name_ok(const char *s, size_t len);

#endif /* _SSFCTL_POLPARSE_H */
