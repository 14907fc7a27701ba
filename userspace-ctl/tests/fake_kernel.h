/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake ssf "kernel": a userspace netlink socket that answers the generic
 * netlink requests of uapi/linux/ssf.h (and the controller's GETFAMILY) the
 * way the module is specified to, with knobs to inject the failures ssfctl
 * must handle. The test ssfctl (-DSSFCTL_TESTING) talks to it when
 * SSFCTL_TEST_PEER names its port. It logs one line per request.
 */
#ifndef _SSFCTL_FAKE_KERNEL_H
#define _SSFCTL_FAKE_KERNEL_H

#include <sys/types.h>

#include "ssf_types.h"

struct ssfctl_fake_cfg {
	bool no_family;		/* GETFAMILY "ssf": ENOENT */
	bool eperm;		/* every ssf command: EPERM, no extack */
	int reject_rule;	/* POLICY_ADD: reject the txn's rule #n (from 1) */
	int dump_intr;		/* flag the first n dumps NLM_F_DUMP_INTR */
	bool dump_error;	/* end dumps with -ENOBUFS in NLMSG_DONE */
	int commit_busy;	/* POLICY_COMMIT: EBUSY; 2: without a message
				 * (and POLICY_CONFIRM's ENOENT too)
				 */
	bool miss_dir;		/* RULE_ADD: "missing" SSF_RULE_A_DIR */
	bool reject_add;	/* RULE_ADD: reject, pointing at the dport */
	bool noise;		/* a stray message before every reply */
	int preload;		/* rules in the policy at start */
	bool done_coalesced;	/* NLMSG_DONE in the dump's last datagram, as
				 * the kernel does when a dumpit returns 0 with
				 * data; by default it comes alone, as after
				 * ssf.ko's dumpit (module/ssf_netlink.c)
				 */
	const char *reject_check; /* a check name the fake does not know */
	int max_rules;		/* POLICY_ADD: E2BIG beyond this many rules */
	bool events;		/* after the second GETFAMILY "ssf" (monitor's
				 * group lookup), send the crafted events of
				 * fk_events() to the requester
				 */
};

struct ssfctl_fake {
	pid_t pid;
	u32 port;
	char log[128];
};

/* Fork the fake; 0, or -1 if netlink between processes is not allowed. */
int ssf_fake_start(struct ssfctl_fake *fk, const struct ssfctl_fake_cfg *cfg,
		   const char *dir);
void ssf_fake_stop(struct ssfctl_fake *fk);

#endif /* _SSFCTL_FAKE_KERNEL_H */
