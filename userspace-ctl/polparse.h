/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Policy text -> rules, defaults and validation settings. Pure functions
 * over a buffer: no I/O, no exits, no global state, so they can be fuzzed.
 * Every rule that comes out has passed ssf_rule_check(), the same checker
 * the kernel runs; every check name is one ssf_reason_by_name() knows.
 */
#ifndef _SSFCTL_POLPARSE_H
#define _SSFCTL_POLPARSE_H

#include "ssf_rule.h"
#include "ssf_check.h"

#define SSF_POLERR_MSG		256
/* More words than this on one line is an error (no statement needs them). */
#define SSF_POL_MAX_WORDS	64

struct ssf_polerr {
	unsigned int line;		/* 1-based; 0 for ssf_polparse_rule() */
	char msg[SSF_POLERR_MSG];
};

struct ssfctl_polrule {
	struct ssf_rule rule;
	unsigned int line;		/* where the rule was written */
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

struct ssf_polfile {
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
	"  src <addr>[/<len>]           source prefix (no /len: one host)\n" \
	"  dst <addr>[/<len>]           destination prefix\n"		\
	"  sport <port>[-<port>]        source port or range\n"	\
	"  dport <port>[-<port>]        destination port or range\n"	\
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
	"  accept | drop | reject       action (required)\n"		\
	"  log [\"<prefix>\"]            log matches (kernel log, nf_log)\n" \
	"  audit                        count and log, but let it pass\n" \
	"  comment \"<text>\"             kept with the rule\n"	\
	"Quote values with spaces: \"...\" (\\\", \\\\ and \\xHH inside).\n"

#define SSF_POLPARSE_FILE_HELP						\
	"Policy file: one statement a line, '#' starts a comment.\n"	\
	"  default in|out|fwd accept|drop|reject   (unspecified: accept)\n" \
	"  mode enforce|audit|off           (unspecified: enforce)\n"	\
	"  rule <rule words>\n"						\
	"  validate <check>|all drop|audit|off\n"			\
	"                                   set a validation check's action;\n" \
	"                                   every check starts at its default\n" \
	"                                   and these lines apply in order\n" \
	"  validate ip6-exthdr-max <0-64>   most IPv6 extension headers a\n" \
	"                                   packet may have (default 8)\n"

void ssf_polfile_free(struct ssf_polfile *pf);

/*
 * Parse a whole policy file of @len bytes at @buf into @out. Returns 0 (free
 * @out with ssf_polfile_free()), or -EINVAL (syntax or check error) or
 * -ENOMEM with @err describing the first fault; @out then holds nothing
 * (no rules, no checks).
 */
int ssf_polparse(const char *buf, size_t len, struct ssf_polfile *out,
		 struct ssf_polerr *err);
/* The same with names (users, groups, cgroups) looked up through @res. */
int ssf_polparse_res(const char *buf, size_t len,
		     const struct ssfctl_resolver *res, struct ssf_polfile *out,
		     struct ssf_polerr *err);

/*
 * Parse the words of one rule (what follows "rule" in a file; a '#' starts a
 * comment, newlines are not allowed) into @r. Returns 0 or -EINVAL with @err
 * set (@err->line is 0).
 */
int ssf_polparse_rule(const char *buf, size_t len, struct ssf_rule *r,
		      struct ssf_polerr *err);
int ssf_polparse_rule_res(const char *buf, size_t len,
			  const struct ssfctl_resolver *res, struct ssf_rule *r,
			  struct ssf_polerr *err);

/*
 * A rule from command-line words ("ssfctl rule add ..."): each argument is
 * cut into words as a line of a file is (so one quoted argument holding
 * the whole rule works), except the argument right after "log",
 * "comment" or "cgroup", which is taken whole as that word's value unless
 * it starts with a double quote - the shell already split it.
 */
int ssf_polparse_argv(int argc, char *const *argv,
		      const struct ssfctl_resolver *res, struct ssf_rule *r,
		      struct ssf_polerr *err);

#endif /* _SSFCTL_POLPARSE_H */
