/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ssf netlink attributes <-> ssfctl's data structures (uapi/linux/ssf.h
 * describes the trees). Human and JSON output are both printed from these
 * structures.
 */
#ifndef _SSFCTL_ATTRS_H
#define _SSFCTL_ATTRS_H

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "ssf_rule.h"
#include "extack.h"
#include "checks.h"

struct ssf_status {
	u64 generation;
	u32 rules;
	u32 objects;
	u32 next_id;
	bool active;
	u8 defaults[SSF_DIR_MAX + 1];	/* enum ssf_action */
};

/* A rule as the kernel reports it. */
struct ssf_rulex {
	struct ssf_rule r;
	u64 packets;
	u64 bytes;
	u64 generation;			/* of the dump message */
	bool has_generation;
};

struct ssf_rulelist {
	struct ssf_rulex *v;
	size_t n;
	size_t cap;
};

/* Per-direction counters, indexed by SSF_DSTATS_A_*. */
struct ssf_dstats {
	bool present;
	u64 v[SSF_DSTATS_A_MAX + 1];
};

struct ssf_stats {
	struct ssf_dstats dir[SSF_DIR_MAX + 1];
	struct ssf_checks checks;	/* per-reason counters, if sent */
};

/* libnl validation policy of the top-level attributes of every reply. */
extern const struct nla_policy ssf_a_policy[SSF_A_MAX + 1];

/* Append @r as a nest of @type (NLA_F_NESTED is added). 0 or -NLE_*. */
int ssf_rule_put(struct nl_msg *msg, int type, const struct ssf_rule *r);
/* The SSF_A_DEFAULTS nest with all three directions. 0 or -NLE_*. */
int ssf_defaults_put(struct nl_msg *msg, const u8 defaults[SSF_DIR_MAX + 1]);

/*
 * An SSF_A_CHECK nest (NLA_F_NESTED added) with SSF_CHECK_A_NAME @name (a
 * check's name or "all") and SSF_CHECK_A_ACTION @action. 0 or -NLE_*.
 */
int ssf_check_put(struct nl_msg *msg, const char *name, u8 action);

/* Decoders: NULL on success, else what is wrong with the reply. */
const char *ssf_rule_get(struct nlattr *nest, struct ssf_rulex *x);
const char *ssf_status_get_attrs(struct nlattr **tb, struct ssf_status *st);
const char *ssf_stats_get_attrs(struct nlattr **tb, struct ssf_stats *s);
/*
 * SSF_A_VALIDATE and SSF_A_IP6_EXTHDR_MAX into @c (cleared first; absent
 * attributes leave c->present, c->has_exthdr_max false).
 */
const char *ssf_checks_get_attrs(struct nlattr **tb, struct ssf_checks *c);

/* Append a copy of @x; -ENOMEM or 0. */
int ssf_rulelist_add(struct ssf_rulelist *rl, const struct ssf_rulex *x);
void ssf_rulelist_free(struct ssf_rulelist *rl);

/*
 * The name of attribute @type inside the nest at @p->e[@depth - 1] (at the
 * top level when @depth is 0), e.g. "SSF_RULE_A_DPORT_MIN"; NULL if unknown.
 */
const char *ssf_attr_name(const struct ssf_apath *p, unsigned int depth,
			  u32 type);
/* The policy word that a rule attribute comes from ("dport"), or NULL. */
const char *ssf_rule_attr_word(u32 type);

#endif /* _SSFCTL_ATTRS_H */
