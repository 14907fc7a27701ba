/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_TXN_H
#define _SSF_TXN_H

#include <linux/netlink.h>
#include "ssf_rule.h"
#include "ssf_check.h"
#include "ssf_set.h"

struct ssf_net;

/* Open transactions a netns may hold at once. */
#define SSF_TXN_MAX	8
/* Set declarations in a policy, or set changes in one transaction. */
#define SSF_TXN_SETS_MAX	SSF_SETS_MAX

/*
 * A set in a transaction: declared by a policy transaction (@type,
 * @timeout), or one change of a published set (@op) in a set
 * transaction; with the elements staged for it so far.
 */
struct ssf_txn_set {
	char name[SSF_SET_NAME_MAX];
	u8 type;			/* enum ssf_set_type */
	u8 op;				/* enum ssf_set_op (set transactions) */
	u32 timeout;			/* s: elements without their own */
	bool timed;			/* @elem's expires made absolute */
	u32 nelem, cap;
	struct ssf_elem *elem;
};

/* A rule as decoded from a request: the rule and its texts. */
struct ssf_txn_rule {
	struct ssf_rule rule;
	struct ssf_rule_text text;
};

enum ssf_txn_kind {
	SSF_TXN_EMPTY,
	SSF_TXN_POLICY,			/* POLICY_ADD: a whole new policy */
	SSF_TXN_SETS,			/* SET_CHANGE: changes to sets */
};
/*
 * An open policy transaction: the rules and defaults of the policy being
 * built, owned by one netlink socket (@portid) of the netns. Lives in
 * ssf_net.txns under ssf_net.lock; freed on commit, abort, error or when
 * the socket closes.
 */
struct ssf_txn {
	u32 portid;
	size_t mem;			/* bytes, in the netns' figure */
	u8 defaults[SSF_DIR_MAX + 1];
	u8 mode;			/* enum ssf_mode */
	struct ssf_check_cfg check;
	u32 nrules;
	u32 cap;
	struct ssf_txn_rule *rules;
	u8 kind;			/* enum ssf_txn_kind */
	u32 nsets, sets_cap;
	struct ssf_txn_set *sets;
	u64 nelems;			/* staged elements, every set */
};

struct ssf_txn *ssf_txn_find(struct ssf_net *sn, u32 portid);
struct ssf_txn *ssf_txn_begin(struct ssf_net *sn, u32 portid,
			      struct netlink_ext_ack *extack);
int ssf_txn_add_rule(struct ssf_net *sn, struct ssf_txn *t,
		     const struct ssf_txn_rule *r);
int ssf_txn_commit(struct ssf_net *sn, struct ssf_txn *t, u32 flags,
		   u32 confirm, struct netlink_ext_ack *extack, u32 *missing);
int ssf_txn_kind(struct ssf_txn *t, u8 kind, struct netlink_ext_ack *extack);
struct ssf_txn_set *ssf_txn_new_set(struct ssf_net *sn, struct ssf_txn *t,
				    const char *name);
int ssf_txn_find_set(const struct ssf_txn *t, const char *name);
int ssf_txn_add_elem(struct ssf_net *sn, struct ssf_txn *t,
		     struct ssf_txn_set *ts, const struct ssf_elem *e);
int ssf_txn_commit_sets(struct ssf_net *sn, struct ssf_txn *t,
			struct netlink_ext_ack *extack);
void ssf_txn_free(struct ssf_net *sn, struct ssf_txn *t);
void ssf_txn_free_all(struct ssf_net *sn);

int ssf_txn_init_module(void);
void ssf_txn_exit_module(void);

#endif /* _SSF_TXN_H */
