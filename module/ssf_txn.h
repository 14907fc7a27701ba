/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_TXN_H
#define _SSF_TXN_H

#include <linux/netlink.h>
#include "ssf_rule.h"
#include "ssf_check.h"

struct ssf_net;

/* Open transactions a netns may hold at once. */
#define SSF_TXN_MAX	8

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
	struct ssf_rule *rules;
};

struct ssf_txn *ssf_txn_find(struct ssf_net *sn, u32 portid);
struct ssf_txn *ssf_txn_begin(struct ssf_net *sn, u32 portid,
			      struct netlink_ext_ack *extack);
int ssf_txn_add_rule(struct ssf_net *sn, struct ssf_txn *t,
		     const struct ssf_rule *r);
int ssf_txn_commit(struct ssf_net *sn, struct ssf_txn *t, u32 flags,
		   u32 confirm, struct netlink_ext_ack *extack, u32 *missing);
void ssf_txn_free(struct ssf_net *sn, struct ssf_txn *t);
void ssf_txn_free_all(struct ssf_net *sn);

int ssf_txn_init_module(void);
void ssf_txn_exit_module(void);

#endif /* _SSF_TXN_H */
