/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The validation checks as the kernel reports them (SSF_A_VALIDATE and
 * SSF_A_IP6_EXTHDR_MAX) and their printers: the JSON object with policy
 * statements or the "validate show" table as its text, and the counters
 * of "stats". The
 * names, default actions and action words come from the shared
 * module/ssf_reason.c, so ssfctl and ssf.ko cannot disagree on them.
 * No libnl here: the policy parser's fuzz target links this.
 */
#ifndef _SSFCTL_CHECKS_H
#define _SSFCTL_CHECKS_H

#include <stdio.h>

#include "ssf_check.h"
#include <linux/ssf.h>
#include "json.h"

/* More checks than this in one reply is refused as malformed. */
#define SSF_CHECKS_MAX		128
/* "<action 255>" */
#define SSF_CHECK_ACT_STRLEN	16

/* One check: its name, action (enum ssf_check_act) and counter. */
struct ssfctl_check_state {
	char name[SSF_CHECK_NAME_MAX];
	u8 action;
	u64 packets;
};

/* Every check, in the kernel's order. */
struct ssfctl_checks {
	struct ssfctl_check_state v[SSF_CHECKS_MAX];
	size_t n;
	bool present;			/* the reply had SSF_A_VALIDATE */
	bool has_exthdr_max;		/* ... and SSF_A_IP6_EXTHDR_MAX */
	u8 ip6_exthdr_max;
};

/* Every check this ssfctl knows, at its default action, zero counters. */
void ssf_checks_init(struct ssfctl_checks *c);

/* "drop", "audit", "off", or "<action N>" for a value without a name. */
const char *ssf_check_act_str(u8 action, char *buf, size_t size);

/* How the checks print as text. */
enum ssfctl_checks_text {
	/* "validate show": CHECK, ACTION, DEFAULT, PACKETS, then the limit */
	SSFCTL_CHECKS_TABLE,
	/*
	 * policy statements that make a policy load, which starts from the
	 * defaults, reproduce @c: "validate <name> <action>" for each check
	 * whose action differs from its default, "validate ip6-exthdr-max N"
	 * unless it is the default; not checks this ssfctl has no name for
	 * (it could not load them back)
	 */
	SSFCTL_CHECKS_STMTS,
};

/*
 * @c as the JSON object (the value of @key; NULL: the document)
 * {"checks":{"<name>":{"action":"drop","packets":N},...},
 *  "ip6_exthdr_max":N} ("ip6_exthdr_max" only if the kernel said), and
 * as the text @how says.
 */
void ssf_checks_print(struct ssfctl_out *o, const char *key,
		      const struct ssfctl_checks *c, enum ssfctl_checks_text how);
/* The statements of ssf_checks_print() on @f. */
void ssf_print_checks_stmts(FILE *f, const struct ssfctl_checks *c);

/*
 * The per-check counters, {"<name>":packets,...} with every check, zeros
 * included; in text the ones not zero as a table, or nothing.
 */
void ssf_reasons_print(struct ssfctl_out *o, const char *key,
		       const struct ssfctl_checks *c);

#endif /* _SSFCTL_CHECKS_H */
