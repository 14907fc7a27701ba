/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake ssf "kernel" for what only a fake can show: a userspace netlink
 * socket that answers ssfctl's requests with the failures, the malformed
 * and truncated replies, the extended acks and the dump framing that
 * ssf.ko does not produce on demand. What ssf.ko does itself is tested
 * against ssf.ko (ssfctl_vm.sh). The test ssfctl (-DSSFCTL_TESTING) talks
 * to the fake when SSFCTL_TEST_PEER names its port; the fake logs one line
 * per request.
 */
#ifndef _SSFCTL_FAKE_KERNEL_H
#define _SSFCTL_FAKE_KERNEL_H

#include <sys/types.h>

#include "ssf_types.h"

/* A reply out of shape. */
enum ssfctl_fake_bad {
	SSFCTL_FAKE_GOOD,
	SSFCTL_FAKE_NO_GENERATION,	/* STATUS_GET: no SSF_A_GENERATION */
	SSFCTL_FAKE_NO_REPLY,		/* STATUS_GET: acked, no reply */
	SSFCTL_FAKE_PAST_END,		/* STATUS_GET: an attribute running
					 * past the end of its message
					 */
	SSFCTL_FAKE_SHORT_ACK,		/* the ack of a "do": shorter than
					 * a struct nlmsgerr
					 */
	SSFCTL_FAKE_NO_CHECKS,		/* VALIDATE_GET: no SSF_A_VALIDATE */
	SSFCTL_FAKE_NO_RULE,		/* a dump message without SSF_A_RULE */
	SSFCTL_FAKE_HALF_RANGE,		/* a dumped rule with half a port
					 * range
					 */
	SSFCTL_FAKE_CUT_RULE,		/* a dumped rule nest cut short */
};

struct ssfctl_fake_cfg {
	bool no_family;		/* GETFAMILY "ssf": ENOENT */
	bool eperm;		/* every ssf command: EPERM, no extack */
	bool no_messages;	/* errors without an extack message, as an
				 * older module sends them
				 */
	int reject_rule;	/* POLICY_ADD: the transaction's rule #n (from
				 * 1) refused, the error pointing at its dport
				 */
	const char *reject_check; /* a check name the fake does not know */
	bool commit_busy;	/* POLICY_COMMIT: EBUSY */
	bool miss_dir;		/* RULE_ADD: "missing" SSF_RULE_A_DIR */
	bool reject_add;	/* RULE_ADD: refused, pointing at the dport */
	int dump_intr;		/* flag the first n dumps NLM_F_DUMP_INTR */
	bool dump_error;	/* end dumps with -ENOBUFS and a message */
	bool done_coalesced;	/* NLMSG_DONE in the dump's last datagram, as
				 * the kernel does when a dumpit returns 0
				 * with data; by default it comes alone, as
				 * after ssf.ko's dumpit
				 */
	bool noise;		/* a stray message before every reply */
	int preload;		/* rules the dump holds, made up */
	const char *rules;	/* or these: lines of rule words */
	enum ssfctl_fake_bad bad;
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
