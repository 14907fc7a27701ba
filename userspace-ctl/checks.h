/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The validation checks as the kernel reports them (SSF_A_VALIDATE and
 * SSF_A_IP6_EXTHDR_MAX) and their printers: policy statements, the
 * "validate show" table, the non-zero counters of "stats", and JSON. The
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
struct ssf_checks {
	struct ssfctl_check_state v[SSF_CHECKS_MAX];
	size_t n;
	bool present;			/* the reply had SSF_A_VALIDATE */
	bool has_exthdr_max;		/* ... and SSF_A_IP6_EXTHDR_MAX */
	u8 ip6_exthdr_max;
};

/* Every check this ssfctl knows, at its default action, zero counters. */
void ssf_checks_init(struct ssf_checks *c);

/* "drop", "audit", "off", or "<action N>" for a value without a name. */
const char *ssf_check_act_str(u8 action, char *buf, size_t size);

/*
 * Policy statements that make a policy load reproduce @c, whose load starts
 * from the defaults: "validate <name> <action>" for each check whose action
 * differs from its default, and "validate ip6-exthdr-max N" unless it is the
 * default. Checks this ssfctl has no name for are left out (it could not
 * load them back).
 */
void ssf_print_checks_stmts(FILE *f, const struct ssf_checks *c);

/* "validate show": CHECK, ACTION, DEFAULT, PACKETS, then the limit. */
void ssf_print_checks_table(FILE *f, const struct ssf_checks *c);

/* "stats": the checks whose counter is not zero, or nothing. */
void ssf_print_reasons(FILE *f, const struct ssf_checks *c);

/*
 * {"checks":{"<name>":{"action":"drop","packets":N},...},
 *  "ip6_exthdr_max":N} ("ip6_exthdr_max" only if the kernel said).
 */
void ssf_checks_json(struct ssf_json *j, const struct ssf_checks *c);

/* {"<name>":packets,...}, every check, zeros included. */
void ssf_reasons_json(struct ssf_json *j, const struct ssf_checks *c);

#endif /* _SSFCTL_CHECKS_H */
