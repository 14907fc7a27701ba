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

#include "ctlrule.h"
#include "extack.h"
#include "checks.h"
#include "netlink.h"
#include "setprint.h"

struct ssfctl_status {
	u64 generation;
	u32 rules;
	u32 objects;
	u32 next_id;
	bool active;
	u8 defaults[SSF_DIR_MAX + 1];	/* enum ssf_action */
	u8 mode;			/* enum ssf_mode; enforce if not sent */
	bool has_max_rules;
	u32 max_rules;
	bool has_confirm_left;		/* a commit waits for its confirm */
	u32 confirm_left;		/* seconds */
	bool has_memory;
	u64 memory;			/* bytes */
	bool lockdown;			/* lockdown=1 holds (initial netns) */
};

/* An SSF_CMD_EVENT: each member valid when its has_ bit is set. */
enum ssfctl_event_has {
	SSFCTL_EV_DIR	= 1 << 0,
	SSFCTL_EV_FAMILY	= 1 << 1,
	SSFCTL_EV_PROTO	= 1 << 2,
	SSFCTL_EV_SRC	= 1 << 3,
	SSFCTL_EV_DST	= 1 << 4,
	SSFCTL_EV_SPORT	= 1 << 5,
	SSFCTL_EV_DPORT	= 1 << 6,
	SSFCTL_EV_RULE	= 1 << 7,
	SSFCTL_EV_REASON	= 1 << 8,
	SSFCTL_EV_UID	= 1 << 9,
	SSFCTL_EV_IIF	= 1 << 10,
	SSFCTL_EV_OIF	= 1 << 11,
	SSFCTL_EV_SUPPRESSED = 1 << 12,
	SSFCTL_EV_ACTION	= 1 << 13,
	SSFCTL_EV_GENERATION = 1 << 14,
	SSFCTL_EV_KUID	= 1 << 15,
	SSFCTL_EV_CT	= 1 << 16,
};

struct ssfctl_event {
	u32 has;			/* enum ssfctl_event_has */
	u8 type;			/* enum ssf_event_type */
	u8 dir;
	u8 family;
	u8 proto;
	u8 action;
	u8 addr_len;			/* 4 or 16: of src and dst */
	union ssf_addr src, dst;
	u16 sport, dport;
	u32 rule_id;
	u32 uid;
	u32 kuid;			/* the uid in the initial user namespace */
	u32 ct_state;			/* one enum ssf_ct_state bit */
	u32 suppressed;
	u64 generation;
	char reason[SSF_CHECK_NAME_MAX];
	char iif[SSF_IFNAME_MAX];
	char oif[SSF_IFNAME_MAX];
};

/* A rule as the kernel reports it. */
struct ssfctl_rulex {
	struct ssfctl_rule r;
	u64 packets;
	u64 bytes;
	u64 generation;			/* of the dump message */
	bool has_generation;
};

struct ssfctl_rulelist {
	struct ssfctl_rulex *v;
	size_t n;
	size_t cap;
};

/* Per-direction counters, indexed by SSF_DSTATS_A_*. */
struct ssfctl_dstats {
	bool present;
	u64 v[SSF_DSTATS_A_MAX + 1];
};

struct ssfctl_stats {
	struct ssfctl_dstats dir[SSF_DIR_MAX + 1];
	struct ssfctl_checks checks;	/* per-reason counters, if sent */
};

/* libnl validation policy of the top-level attributes of every reply. */
extern const struct nla_policy ssf_a_policy[SSF_A_MAX + 1];

/* Append @r as a nest of @type (NLA_F_NESTED is added). 0 or -NLE_*. */
int ssf_rule_put(struct nl_msg *msg, int type, const struct ssfctl_rule *r);
/* The SSF_A_DEFAULTS nest with all three directions. 0 or -NLE_*. */
int ssf_defaults_put(struct nl_msg *msg, const u8 defaults[SSF_DIR_MAX + 1]);

/*
 * An SSF_A_CHECK nest (NLA_F_NESTED added) with SSF_CHECK_A_NAME @name (a
 * check's name or "all") and SSF_CHECK_A_ACTION @action. 0 or -NLE_*.
 */
int ssf_check_put(struct nl_msg *msg, const char *name, u8 action);

/*
 * Decoders: the rule nest @nest, or the top-level attributes @tb of a
 * reply, into ssfctl's structure. NULL on success, else what is wrong with
 * the reply.
 */
const char *ssf_rule_get(struct nlattr *nest, struct ssfctl_rulex *x);
/*
 * SSF_A_VALIDATE and SSF_A_IP6_EXTHDR_MAX into @c (cleared first; absent
 * attributes leave c->present, c->has_exthdr_max false).
 */
const char *ssf_checks_get_attrs(struct nlattr **tb, struct ssfctl_checks *c);
/* The SSF_A_EVENT nest of an SSF_CMD_EVENT message into @ev. */
const char *ssf_event_get(struct nlattr *nest, struct ssfctl_event *ev);

/*
 * The replies of the kernel's objects, as ssfctl_nl_reply_fn: @obj is a
 * struct ssfctl_status (STATUS_GET), struct ssfctl_stats (STATS_GET),
 * struct ssfctl_checks (VALIDATE_GET: the checks must be there) or struct
 * ssfctl_rulelist (a RULE_GET dump: each message's rule appended).
 */
const char *ssf_status_parse(struct nlattr **tb, void *obj);
const char *ssf_stats_parse(struct nlattr **tb, void *obj);
const char *ssf_checks_parse(struct nlattr **tb, void *obj);
const char *ssf_rules_parse(struct nlattr **tb, void *obj);

/* Reading them: each prints its error and returns -1 on failure. */
static inline int ssf_status_fetch(struct ssfctl_nl *nl,
				   struct ssfctl_status *st)
{
	return ssf_nl_get(nl, SSF_CMD_STATUS_GET, false, "read status",
			  ssf_status_parse, st, NULL);
}

static inline int ssf_stats_fetch(struct ssfctl_nl *nl, struct ssfctl_stats *s)
{
	return ssf_nl_get(nl, SSF_CMD_STATS_GET, false, "read counters",
			  ssf_stats_parse, s, NULL);
}

static inline int ssf_checks_fetch(struct ssfctl_nl *nl, struct ssfctl_checks *c)
{
	return ssf_nl_get(nl, SSF_CMD_VALIDATE_GET, false,
			  "read validation checks", ssf_checks_parse, c, NULL);
}

/* A rule dump, retried while the kernel flags it inconsistent. */
int ssf_rules_fetch(struct ssfctl_nl *nl, struct ssfctl_rulelist *rl);

/* How often a dump that raced with a policy change is retried. */
#define SSF_DUMP_TRIES	5

/*
 * A string attribute into @dst (@size bytes): NUL-terminated within its
 * length, and shorter than @size. False if not.
 */
bool ssf_attr_get_str(const struct nlattr *a, char *dst, size_t size);
/*
 * The string attribute @a, if there is one, into @dst as ssf_attr_get_str()
 * takes it, and @bit (may be 0) set in *@has: NULL, or @why if it is
 * malformed.
 */
const char *ssf_attr_opt_str(const struct nlattr *a, char *dst, size_t size,
			     u32 *has, u32 bit, const char *why);

/*
 * An SSF_SET_A_ELEM nest (NLA_F_NESTED added) for @e, with
 * SSF_ELEM_A_TIMEOUT @timeout unless 0. 0 or -NLE_*.
 */
int ssf_elem_put(struct nl_msg *msg, const struct ssf_elem *e, u32 timeout);
/*
 * SSF_CMD_SET_GET replies: a summary dump appended to a struct
 * ssfctl_setlist, or the elements dump of one set into a struct
 * ssfctl_setinfo (zeroed first; every message must be of that set).
 */
const char *ssf_sets_parse(struct nlattr **tb, void *obj);
const char *ssf_set_elems_parse(struct nlattr **tb, void *obj);
/* Every set's summary; retried while the dump races a change. */
int ssf_sets_fetch(struct ssfctl_nl *nl, struct ssfctl_setlist *sl);
/*
 * The set @set (its elements too if @elems; @set may be @s->name) into @s,
 * which holds no elements or elements to free. Errors printed as
 * "@what: ...".
 */
int ssf_set_fetch(struct ssfctl_nl *nl, const char *what, const char *set,
		  bool elems, struct ssfctl_setinfo *s);

/* Append a copy of @x; -ENOMEM or 0. */
int ssf_rulelist_add(struct ssfctl_rulelist *rl, const struct ssfctl_rulex *x);
void ssf_rulelist_free(struct ssfctl_rulelist *rl);

/*
 * The name of attribute @type inside the nest at @p->e[@depth - 1] (at the
 * top level when @depth is 0), e.g. "SSF_RULE_A_DPORT_MIN"; NULL if unknown.
 */
const char *ssf_attr_name(const struct ssfctl_apath *p, unsigned int depth,
			  u32 type);
/* The policy word that a rule attribute comes from ("dport"), or NULL. */
const char *ssf_rule_attr_word(u32 type);

#endif /* _SSFCTL_ATTRS_H */
