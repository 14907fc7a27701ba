/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ssf - Secure Socket Filter: generic netlink ABI.
 *
 * Family name SSF_GENL_NAME ("ssf"), version SSF_GENL_VERSION. Every
 * operation, reads included, needs CAP_NET_ADMIN in the user namespace that
 * owns the network namespace of the requesting socket (GENL_UNS_ADMIN_PERM):
 * a container's root manages its own netns only. All state is per network
 * namespace. Integers are in host byte order; addresses are in network byte
 * order. Every rejection carries an extended-ack message (and, where one
 * attribute is at fault, its offset).
 *
 * Commands
 * --------
 * SSF_CMD_STATUS_GET (do)
 *	Request: none.
 *	Reply:   SSF_A_GENERATION (u64), SSF_A_RULE_COUNT (u32),
 *		 SSF_A_ACTIVE (u8, 1 when hooks are registered in this netns),
 *		 SSF_A_DEFAULTS (nest: SSF_DEFAULTS_A_*),
 *		 SSF_A_OBJECTS (u32: live ssf objects in this netns - policies,
 *		 transactions; for leak checks),
 *		 SSF_A_NEXT_ID (u32: id the next appended rule will get).
 *
 * SSF_CMD_RULE_ADD (do)
 *	Request: SSF_A_RULE (nest: SSF_RULE_A_*; SSF_RULE_A_ID, _PACKETS and
 *		 _BYTES must be absent), optional SSF_A_GENERATION (u64: fail
 *		 with -EBUSY unless the policy is still at that generation).
 *	Appends the rule at the end of the policy; the kernel assigns its id.
 *	Reply:   SSF_A_RULE_ID (u32), SSF_A_GENERATION (u64, the new one).
 *
 * SSF_CMD_RULE_DEL (do)
 *	Request: SSF_A_RULE_ID (u32), optional SSF_A_GENERATION.
 *	Reply:   SSF_A_GENERATION (u64, the new one). -ENOENT if no such rule.
 *
 * SSF_CMD_RULE_GET (dump)
 *	Request: none.
 *	Reply:   one message per rule, in policy order: SSF_A_GENERATION and
 *		 SSF_A_RULE (nest: every SSF_RULE_A_* that is set, plus _ID,
 *		 _PACKETS and _BYTES). A dump that spans a policy change is
 *		 flagged NLM_F_DUMP_INTR; userspace retries it.
 *
 * SSF_CMD_POLICY_BEGIN / SSF_CMD_POLICY_ADD / SSF_CMD_POLICY_COMMIT /
 * SSF_CMD_POLICY_ABORT (do) - atomic replacement of the whole policy.
 *	BEGIN opens a transaction owned by the requesting netlink socket (one
 *	per socket). ADD carries SSF_A_DEFAULTS and/or SSF_A_RULES (nest of
 *	SSF_A_RULE entries, each as for RULE_ADD), as many messages as needed.
 *	COMMIT, with optional SSF_A_GENERATION (the generation the new policy
 *	was based on; -EBUSY "policy changed since you read it" if another
 *	commit landed in between), validates and publishes the new policy in
 *	one step: packets see the old policy or the new one, never a mix.
 *	Rule ids are assigned 1..N in order. ABORT, an error in any step, or
 *	the socket closing frees the transaction. Reply to COMMIT:
 *	SSF_A_GENERATION. Defaults not given in the transaction are accept.
 *
 * SSF_CMD_POLICY_FLUSH (do)
 *	Removes every rule and resets the defaults to accept; the netns goes
 *	back to the inactive state (hooks unregistered). Reply: none.
 *
 * SSF_CMD_STATS_GET (do)
 *	Reply: SSF_A_STATS (nest: SSF_STATS_A_*), one nest per direction
 *	(SSF_STATS_A_IN, _OUT, _FWD), each nest of SSF_DSTATS_A_*, and
 *	SSF_A_VALIDATE as for SSF_CMD_VALIDATE_GET.
 *
 * SSF_CMD_VALIDATE_GET (do)
 *	Reply: SSF_A_VALIDATE (nest of one SSF_A_CHECK per validation check,
 *	each a nest of SSF_CHECK_A_NAME, _ACTION and _PACKETS, the packets
 *	the check tripped on with an action other than off), and
 *	SSF_A_IP6_EXTHDR_MAX (u8). The checks and their names are listed in
 *	Documentation/validation.rst; names are the stable interface.
 *
 * SSF_CMD_VALIDATE_SET (do)
 *	Request: SSF_A_VALIDATE (nest of SSF_A_CHECK, each with
 *	SSF_CHECK_A_NAME - a check's name or "all" - and SSF_CHECK_A_ACTION),
 *	applied in order, and/or SSF_A_IP6_EXTHDR_MAX; optional
 *	SSF_A_GENERATION. Publishes a new policy with the new actions (and
 *	activates the netns if it had no policy). Reply: SSF_A_GENERATION.
 *	SSF_CMD_POLICY_ADD takes the same attributes; a transaction starts
 *	from every check's default action.
 *
 * Rule attributes (SSF_RULE_A_*)
 * ------------------------------
 *	_DIR	  u8, enum ssf_dir (required)
 *	_ACTION	  u8, enum ssf_action (required)
 *	_FAMILY	  u8, enum ssf_family (absent or SSF_FAMILY_ANY: both)
 *	_PROTO	  u8, IP protocol number (absent: any)
 *	_SRC4/_DST4 binary, exactly 4 bytes, with _SRC_PLEN/_DST_PLEN (u8,
 *	_SRC6/_DST6 binary, exactly 16 bytes  0..32 or 0..128). An address
 *		  requires the matching family and its prefix length. Host bits
 *		  beyond the prefix must be zero.
 *	_SPORT_MIN/_SPORT_MAX, _DPORT_MIN/_DPORT_MAX u16: inclusive port range,
 *		  both ends present, min <= max; requires _PROTO tcp, udp, sctp
 *		  or udplite. A packet without ports never matches a port match.
 *	_ID	  u32, kernel-assigned (replies)
 *	_PACKETS, _BYTES u64 counters (replies)
 */
#ifndef _UAPI_LINUX_SSF_H
#define _UAPI_LINUX_SSF_H

#include <linux/types.h>

#define SSF_GENL_NAME		"ssf"
#define SSF_GENL_VERSION	1

/* Upper bound on the rules in one netns unless the module parameter says less. */
#define SSF_MAX_RULES_DEFAULT	65536

enum ssf_cmd {
	SSF_CMD_UNSPEC,
	SSF_CMD_STATUS_GET,
	SSF_CMD_RULE_ADD,
	SSF_CMD_RULE_DEL,
	SSF_CMD_RULE_GET,
	SSF_CMD_POLICY_BEGIN,
	SSF_CMD_POLICY_ADD,
	SSF_CMD_POLICY_COMMIT,
	SSF_CMD_POLICY_ABORT,
	SSF_CMD_POLICY_FLUSH,
	SSF_CMD_STATS_GET,
	SSF_CMD_VALIDATE_GET,
	SSF_CMD_VALIDATE_SET,

	__SSF_CMD_MAX
};
#define SSF_CMD_MAX (__SSF_CMD_MAX - 1)

enum ssf_attr {
	SSF_A_UNSPEC,
	SSF_A_PAD,
	SSF_A_GENERATION,	/* u64 */
	SSF_A_RULE_COUNT,	/* u32 */
	SSF_A_ACTIVE,		/* u8 */
	SSF_A_DEFAULTS,		/* nest, SSF_DEFAULTS_A_* */
	SSF_A_OBJECTS,		/* u32 */
	SSF_A_NEXT_ID,		/* u32 */
	SSF_A_RULE,		/* nest, SSF_RULE_A_* */
	SSF_A_RULES,		/* nest of SSF_A_RULE */
	SSF_A_RULE_ID,		/* u32 */
	SSF_A_STATS,		/* nest, SSF_STATS_A_* */
	SSF_A_VALIDATE,		/* nest of SSF_A_CHECK */
	SSF_A_CHECK,		/* nest, SSF_CHECK_A_* */
	SSF_A_IP6_EXTHDR_MAX,	/* u8, 0..SSF_IP6_EXTHDR_MAX_LIMIT */

	__SSF_A_MAX
};
#define SSF_A_MAX (__SSF_A_MAX - 1)

enum ssf_dir {
	SSF_DIR_IN,		/* to a local socket (LOCAL_IN) */
	SSF_DIR_OUT,		/* from a local socket (LOCAL_OUT) */
	SSF_DIR_FWD,		/* routed through this host (FORWARD) */

	__SSF_DIR_MAX
};
#define SSF_DIR_MAX (__SSF_DIR_MAX - 1)

enum ssf_action {
	SSF_ACT_ACCEPT,
	SSF_ACT_DROP,

	__SSF_ACT_MAX
};
#define SSF_ACT_MAX (__SSF_ACT_MAX - 1)

enum ssf_family {
	SSF_FAMILY_ANY,
	SSF_FAMILY_IPV4,
	SSF_FAMILY_IPV6,

	__SSF_FAMILY_MAX
};
#define SSF_FAMILY_MAX (__SSF_FAMILY_MAX - 1)

/* Action of a validation check. */
enum ssf_check_act {
	SSF_CHECK_OFF,		/* not checked for, not counted */
	SSF_CHECK_AUDIT,	/* counted and logged (rate-limited); passes */
	SSF_CHECK_DROP,		/* counted and dropped */

	__SSF_CHECK_MAX
};
#define SSF_CHECK_MAX (__SSF_CHECK_MAX - 1)

#define SSF_CHECK_NAME_MAX	32	/* longest check name, with the NUL */
#define SSF_IP6_EXTHDR_MAX_LIMIT 64	/* largest SSF_A_IP6_EXTHDR_MAX */

enum ssf_check_attr {
	SSF_CHECK_A_UNSPEC,
	SSF_CHECK_A_PAD,
	SSF_CHECK_A_NAME,	/* string: a check's name, or "all" in requests */
	SSF_CHECK_A_ACTION,	/* u8, enum ssf_check_act */
	SSF_CHECK_A_PACKETS,	/* u64, replies only */

	__SSF_CHECK_A_MAX
};
#define SSF_CHECK_A_MAX (__SSF_CHECK_A_MAX - 1)

enum ssf_defaults_attr {
	SSF_DEFAULTS_A_UNSPEC,
	SSF_DEFAULTS_A_IN,	/* u8, enum ssf_action */
	SSF_DEFAULTS_A_OUT,	/* u8, enum ssf_action */
	SSF_DEFAULTS_A_FWD,	/* u8, enum ssf_action */

	__SSF_DEFAULTS_A_MAX
};
#define SSF_DEFAULTS_A_MAX (__SSF_DEFAULTS_A_MAX - 1)

enum ssf_rule_attr {
	SSF_RULE_A_UNSPEC,
	SSF_RULE_A_PAD,
	SSF_RULE_A_ID,		/* u32 */
	SSF_RULE_A_DIR,		/* u8, enum ssf_dir */
	SSF_RULE_A_ACTION,	/* u8, enum ssf_action */
	SSF_RULE_A_FAMILY,	/* u8, enum ssf_family */
	SSF_RULE_A_PROTO,	/* u8 */
	SSF_RULE_A_SRC4,	/* binary, 4 bytes */
	SSF_RULE_A_SRC6,	/* binary, 16 bytes */
	SSF_RULE_A_SRC_PLEN,	/* u8, 0..128 */
	SSF_RULE_A_DST4,	/* binary, 4 bytes */
	SSF_RULE_A_DST6,	/* binary, 16 bytes */
	SSF_RULE_A_DST_PLEN,	/* u8, 0..128 */
	SSF_RULE_A_SPORT_MIN,	/* u16 */
	SSF_RULE_A_SPORT_MAX,	/* u16 */
	SSF_RULE_A_DPORT_MIN,	/* u16 */
	SSF_RULE_A_DPORT_MAX,	/* u16 */
	SSF_RULE_A_PACKETS,	/* u64, replies only */
	SSF_RULE_A_BYTES,	/* u64, replies only */

	__SSF_RULE_A_MAX
};
#define SSF_RULE_A_MAX (__SSF_RULE_A_MAX - 1)

enum ssf_stats_attr {
	SSF_STATS_A_UNSPEC,
	SSF_STATS_A_IN,		/* nest, SSF_DSTATS_A_* */
	SSF_STATS_A_OUT,	/* nest, SSF_DSTATS_A_* */
	SSF_STATS_A_FWD,	/* nest, SSF_DSTATS_A_* */

	__SSF_STATS_A_MAX
};
#define SSF_STATS_A_MAX (__SSF_STATS_A_MAX - 1)

/* Per-direction counters, all u64 packet counts since the netns went active. */
enum ssf_dstats_attr {
	SSF_DSTATS_A_UNSPEC,
	SSF_DSTATS_A_PAD,
	SSF_DSTATS_A_PACKETS,	/* seen by the hook */
	SSF_DSTATS_A_ACCEPTED,	/* accepted (rule or default) */
	SSF_DSTATS_A_DROPPED,	/* dropped (rule or default) */
	SSF_DSTATS_A_DEFAULT,	/* decided by the default action */
	SSF_DSTATS_A_UNPARSED,	/* not parsable; handled by the default */

	__SSF_DSTATS_A_MAX
};
#define SSF_DSTATS_A_MAX (__SSF_DSTATS_A_MAX - 1)

#endif /* _UAPI_LINUX_SSF_H */
