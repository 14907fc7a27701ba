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
 *		 SSF_A_NEXT_ID (u32: id the next new rule will get).
 *	Rule ids are never reused in the life of a network namespace: every
 *	rule added or committed gets the next one, whatever was flushed,
 *	replaced or reverted before. When the 2^32 - 1 ids are used up, a
 *	change that adds rules fails with -ENOSPC.
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
 *	per socket, at most 8 open in a netns: -EBUSY beyond). ADD carries SSF_A_DEFAULTS and/or SSF_A_RULES (nest of
 *	SSF_A_RULE entries, each as for RULE_ADD), as many messages as needed.
 *	COMMIT, with optional SSF_A_GENERATION (the generation the new policy
 *	was based on; -EBUSY "policy changed since you read it" if another
 *	commit landed in between), validates and publishes the new policy in
 *	one step: packets see the old policy or the new one, never a mix.
 *	Rule ids are assigned in order from SSF_A_NEXT_ID. A policy that needs
 *	a kernel module which is not loaded (nf_reject_ipv4/6 for reject,
 *	nf_socket_ipv4/6 for owner matches on in, an nf_log logger for log)
 *	has it loaded first; -ENOENT with an extack message when it cannot
 *	be. ABORT, an error in any step, or
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
 * SSF_CMD_POLICY_COMMIT also takes:
 *	SSF_A_COMMIT_FLAGS (u32) with SSF_COMMIT_F_CHECK: the kernel checks
 *	the transaction exactly as a commit would (the rule limit included),
 *	then frees it; nothing changes. Reply: SSF_A_GENERATION (unchanged).
 *	SSF_A_CONFIRM_TIMEOUT (u32 seconds): commit-confirm. The new policy
 *	is published; unless SSF_CMD_POLICY_CONFIRM arrives within the
 *	timeout, the kernel restores the policy (rules, defaults, checks and
 *	mode) that was in force before this commit, bumps the generation and
 *	sends an SSF_EVENT_REVERT event. A further commit, rule edit, mode
 *	or validation change while a confirm is pending keeps the same
 *	restore point (another commit with a timeout restarts the timer with
 *	its own timeout); only SSF_CMD_POLICY_CONFIRM or a flush ends it.
 *
 * SSF_CMD_POLICY_CONFIRM (do)
 *	Request: none. Keeps the policy committed with a timeout. -ENOENT when
 *	no confirm is pending. Reply: SSF_A_GENERATION.
 *
 * SSF_CMD_MODE_SET (do)
 *	Request: SSF_A_MODE (u8, enum ssf_mode), optional SSF_A_GENERATION.
 *	Publishes a new policy that differs only in its mode (activating the
 *	netns if it had no policy). SSF_CMD_POLICY_ADD takes SSF_A_MODE too;
 *	a transaction starts in SSF_MODE_ENFORCE. Reply: SSF_A_GENERATION.
 *	SSF_CMD_STATUS_GET replies also carry SSF_A_MODE, SSF_A_MAX_RULES,
 *	SSF_A_MEMORY (bytes held by the netns' policies, restore point, rule
 *	counters on every possible CPU, and open transactions), SSF_A_LOCKDOWN
 *	(1 in the initial netns from the load of a module with lockdown=1
 *	until its first policy: every packet to a local socket or forwarded
 *	is dropped but on loopback) and, while a confirm is pending,
 *	SSF_A_CONFIRM_LEFT.
 *
 * Sets
 *	A policy may hold named sets (SSF_SETS_MAX at most): address sets
 *	(IPv4 and IPv6 addresses, prefixes and ranges, mixed) and port sets
 *	(ports and ranges). A rule names a set with SSF_RULE_A_SRC_SET,
 *	_DST_SET (address sets) or _SPORT_SET, _DPORT_SET (port sets; with
 *	_PROTO tcp, udp, sctp or udplite, like port ranges). Sets are part of
 *	the policy: a commit replaces them (and their elements); an edit of
 *	the policy (rule add/del, mode, validation) keeps them, elements and
 *	all. Their elements change, one set at a time, through
 *	SSF_CMD_SET_CHANGE, without rebuilding the policy or touching any
 *	counter; each such commit moves the generation, so a policy read
 *	before it is refused by a commit based on it (SSF_A_GENERATION).
 *
 *	In POLICY_ADD, SSF_A_SETS holds SSF_A_SET nests: with SSF_SET_A_TYPE
 *	one declares a set (SSF_SET_A_NAME; optional SSF_SET_A_TIMEOUT, the
 *	default timeout of its elements; optional SSF_SET_A_ELEMS); without
 *	it, one adds SSF_SET_A_ELEMS to a set declared earlier in the same
 *	transaction (SSF_SET_A_TIMEOUT then applies to those elements). A
 *	name declared twice, or elements for an undeclared name, are refused.
 *	A rule in the transaction may name only sets declared before it.
 *
 * SSF_CMD_SET_CHANGE (do, in a transaction)
 *	Request: SSF_A_SET (nest: SSF_SET_A_NAME of a set of the published
 *	policy, SSF_SET_A_OP, optional SSF_SET_A_ELEMS and SSF_SET_A_TIMEOUT
 *	for the elements it adds). Staged in the socket's transaction (BEGIN
 *	first; a transaction changes sets or loads a policy, not both);
 *	consecutive changes of the same set with the same operation are one
 *	change (a large one spans many messages). POLICY_COMMIT applies them
 *	in order, each set's result published at once, whole: a packet sees
 *	a set before or after a change, never during. Adding an element that
 *	is there renews its timeout; deleting an absent one does nothing.
 *	Elements without a timeout get the set's. A set holds at most
 *	max_set_elems elements (module parameter). The commit takes no
 *	SSF_A_COMMIT_FLAGS nor SSF_A_CONFIRM_TIMEOUT.
 *
 * SSF_CMD_SET_GET (dump)
 *	Request: none, or SSF_A_SET with SSF_SET_A_NAME (that set only) and
 *	SSF_SET_A_DUMP_ELEMS (its elements too). Reply: one message per set,
 *	SSF_A_SET with _NAME, _TYPE, _TIMEOUT (when set), _COUNT and _MEMORY
 *	(bytes); with _DUMP_ELEMS, as many messages as the elements need,
 *	each with the head again and SSF_SET_A_ELEMS (elements with a
 *	timeout carry SSF_ELEM_A_TIMEOUT: the seconds left), in element
 *	order. A dump of elements that spans a change of the set is flagged
 *	NLM_F_DUMP_INTR.
 *
 * SSF_CMD_SET_TEST (do)
 *	Request: SSF_A_SET with SSF_SET_A_NAME and SSF_SET_A_ELEMS holding
 *	one element: an address (address sets) or a port (port sets). Reply:
 *	SSF_A_SET_MATCH (u8, 1 when the set holds it, as a packet would be
 *	matched).
 *
 * Events (multicast group SSF_MCGRP_EVENTS, CAP_NET_ADMIN to join)
 *	SSF_CMD_EVENT messages, each with one SSF_A_EVENT nest
 *	(SSF_EVENT_A_*), sent in the netns where the packet was seen: drops
 *	and rejects (by a rule - _RULE_ID -, a validation check - _REASON -,
 *	or the direction's default - neither), matches of rules with
 *	SSF_RULE_F_LOG, audits (SSF_RULE_F_AUDIT, SSF_MODE_AUDIT, checks on
 *	audit), and reverts. Rate-limited per netns (module parameter
 *	event_rate, per second); an event carries the count of events the
 *	limit suppressed before it (SSF_EVENT_A_SUPPRESSED).
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
 *	_IIF/_OIF string, interface name (exact match, < SSF_IFNAME_MAX
 *		  bytes); _IIF needs dir in or fwd, _OIF dir out or fwd
 *	_UID_MIN/_UID_MAX, _GID_MIN/_GID_MAX u32: inclusive range, both ends
 *		  present, min <= max, mapped through the requester's user
 *		  namespace. Owner matches (uid, gid, cgroup) need dir in or
 *		  out; they match the packet's local socket: the sender on out,
 *		  the receiving socket on in. A packet without one (forwarded,
 *		  a time-wait or unmatched socket, a kernel socket) never
 *		  matches an owner match. uid is the socket's sk_uid, gid the
 *		  fsgid of the opener of the socket's file.
 *	_CGROUP	  u64, cgroup v2 id (the inode number of its directory):
 *		  matches sockets of that cgroup and of its descendants. The
 *		  cgroup must exist when the rule is added.
 *	_ICMP_TYPE u8: needs _PROTO icmp (family ipv4) or ipv6-icmp (family
 *		  ipv6)
 *	_SRC_SET/_DST_SET/_SPORT_SET/_DPORT_SET string: a set of the policy
 *		  (see Sets); one of a src, dst, sport or dport match each
 *	_CT_STATE u32, enum ssf_ct_state bits: the packet's connection
 *		  tracking state is one of them. A netns whose policy has such
 *		  a rule has connection tracking on (nf_ct_netns_get(), for as
 *		  long as it has one); a packet conntrack has not seen is
 *		  invalid, or untracked if something marked it so
 *	_LIMIT_RATE u32, _LIMIT_UNIT u8 (enum ssf_limit_unit), _LIMIT_BURST
 *		  u32 (default SSF_LIMIT_BURST_DEFAULT): the rule matches while
 *		  its token bucket has tokens (rate a unit, burst packets at
 *		  once); a packet over the limit goes on to the next rule
 *	_FLAGS	  u32, enum ssf_rule_flags
 *	_LOG_PREFIX string (< SSF_LOG_PREFIX_MAX bytes), needs SSF_RULE_F_LOG
 *	_COMMENT  string (< SSF_COMMENT_MAX bytes), kept and dumped
 *	_ID	  u32, kernel-assigned (replies)
 *	_PACKETS, _BYTES u64 counters (replies)
 */
#ifndef _UAPI_LINUX_SSF_H
#define _UAPI_LINUX_SSF_H

#include <linux/types.h>

#define SSF_GENL_NAME		"ssf"
#define SSF_GENL_VERSION	1

/*
 * Rules one netns may hold: module parameter max_rules, SSF_MAX_RULES_DEFAULT
 * unless set, never above SSF_MAX_RULES_LIMIT.
 */
#define SSF_MAX_RULES_DEFAULT	65536
#define SSF_MAX_RULES_LIMIT	1048576

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
	SSF_CMD_POLICY_CONFIRM,
	SSF_CMD_MODE_SET,
	SSF_CMD_EVENT,		/* notifications on SSF_MCGRP_EVENTS only */
	SSF_CMD_SET_GET,
	SSF_CMD_SET_CHANGE,
	SSF_CMD_SET_TEST,

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
	SSF_A_MODE,		/* u8, enum ssf_mode */
	SSF_A_CONFIRM_TIMEOUT,	/* u32, seconds, 1..SSF_CONFIRM_TIMEOUT_MAX */
	SSF_A_CONFIRM_LEFT,	/* u32, seconds left before a revert */
	SSF_A_COMMIT_FLAGS,	/* u32, enum ssf_commit_flags */
	SSF_A_EVENT,		/* nest, SSF_EVENT_A_* */
	SSF_A_MAX_RULES,	/* u32, this netns' rule limit */
	SSF_A_MEMORY,		/* u64, bytes this netns' ssf state holds */
	SSF_A_LOCKDOWN,		/* u8, 1 while lockdown holds (status) */
	SSF_A_SETS,		/* nest of SSF_A_SET */
	SSF_A_SET,		/* nest, SSF_SET_A_* */
	SSF_A_SET_MATCH,	/* u8, SSF_CMD_SET_TEST reply */

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
	SSF_ACT_REJECT,		/* drop and tell the sender: TCP RST, else an
				 * ICMP/ICMPv6 port unreachable
				 */

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
	SSF_RULE_A_IIF,		/* string, < SSF_IFNAME_MAX bytes */
	SSF_RULE_A_OIF,		/* string, < SSF_IFNAME_MAX bytes */
	SSF_RULE_A_UID_MIN,	/* u32 */
	SSF_RULE_A_UID_MAX,	/* u32 */
	SSF_RULE_A_GID_MIN,	/* u32 */
	SSF_RULE_A_GID_MAX,	/* u32 */
	SSF_RULE_A_CGROUP,	/* u64, cgroup v2 id */
	SSF_RULE_A_ICMP_TYPE,	/* u8 */
	SSF_RULE_A_FLAGS,	/* u32, enum ssf_rule_flags */
	SSF_RULE_A_LOG_PREFIX,	/* string, < SSF_LOG_PREFIX_MAX bytes */
	SSF_RULE_A_COMMENT,	/* string, < SSF_COMMENT_MAX bytes */
	SSF_RULE_A_SRC_SET,	/* string, a set name (< SSF_SET_NAME_MAX) */
	SSF_RULE_A_DST_SET,	/* string */
	SSF_RULE_A_SPORT_SET,	/* string */
	SSF_RULE_A_DPORT_SET,	/* string */
	SSF_RULE_A_CT_STATE,	/* u32, enum ssf_ct_state bits */
	SSF_RULE_A_LIMIT_RATE,	/* u32, 1..SSF_LIMIT_RATE_MAX */
	SSF_RULE_A_LIMIT_UNIT,	/* u8, enum ssf_limit_unit */
	SSF_RULE_A_LIMIT_BURST,	/* u32, 1..SSF_LIMIT_BURST_MAX */

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
	SSF_DSTATS_A_REJECTED,	/* dropped with a reject (in _DROPPED too) */
	SSF_DSTATS_A_AUDITED,	/* would have been dropped or rejected
				 * (audit rule or mode; in _ACCEPTED too)
				 */

	__SSF_DSTATS_A_MAX
};
#define SSF_DSTATS_A_MAX (__SSF_DSTATS_A_MAX - 1)

/* What a netns' policy does (SSF_A_MODE). */
enum ssf_mode {
	SSF_MODE_ENFORCE,	/* verdicts and validation actions apply */
	SSF_MODE_AUDIT,		/* nothing is dropped: each drop or reject is
				 * counted, logged and reported as an audit
				 * event, and the packet passes
				 */
	SSF_MODE_OFF,		/* hooks detached, policy kept */

	__SSF_MODE_MAX
};
#define SSF_MODE_MAX (__SSF_MODE_MAX - 1)

enum ssf_rule_flags {
	SSF_RULE_F_LOG		= 1 << 0,	/* log matches through nf_log */
	SSF_RULE_F_AUDIT	= 1 << 1,	/* verdict counted and logged as
						 * "would drop/reject"; passes
						 */
};

enum ssf_commit_flags {
	SSF_COMMIT_F_CHECK	= 1 << 0,	/* validate as a commit would,
						 * then discard
						 */
};

#define SSF_IFNAME_MAX		16	/* IFNAMSIZ */
#define SSF_LOG_PREFIX_MAX	64	/* with the NUL */
#define SSF_COMMENT_MAX		128	/* with the NUL */
#define SSF_CONFIRM_TIMEOUT_MAX	3600

/* Multicast group of event notifications (SSF_CMD_EVENT). */
#define SSF_MCGRP_EVENTS	"events"

enum ssf_event_type {
	SSF_EVENT_DROP,		/* dropped by a rule, a default or a check */
	SSF_EVENT_REJECT,	/* rejected by a rule or a default */
	SSF_EVENT_LOG,		/* matched a rule with SSF_RULE_F_LOG */
	SSF_EVENT_AUDIT,	/* would have been dropped or rejected */
	SSF_EVENT_REVERT,	/* commit-confirm timed out: previous policy
				 * restored (no packet attributes)
				 */

	__SSF_EVENT_MAX
};
#define SSF_EVENT_MAX (__SSF_EVENT_MAX - 1)

enum ssf_event_attr {
	SSF_EVENT_A_UNSPEC,
	SSF_EVENT_A_PAD,
	SSF_EVENT_A_TYPE,	/* u8, enum ssf_event_type */
	SSF_EVENT_A_DIR,	/* u8, enum ssf_dir; absent for checks on the
				 * validation hooks
				 */
	SSF_EVENT_A_FAMILY,	/* u8, enum ssf_family */
	SSF_EVENT_A_PROTO,	/* u8 */
	SSF_EVENT_A_SRC,	/* binary, 4 or 16 bytes */
	SSF_EVENT_A_DST,	/* binary, 4 or 16 bytes */
	SSF_EVENT_A_SPORT,	/* u16, when the packet has ports */
	SSF_EVENT_A_DPORT,	/* u16 */
	SSF_EVENT_A_RULE_ID,	/* u32, the deciding rule */
	SSF_EVENT_A_REASON,	/* string, the tripped validation check */
	SSF_EVENT_A_UID,	/* u32, the owner socket's uid when known, as
				 * the netns' user namespace sees it
				 */
	SSF_EVENT_A_IIF,	/* string */
	SSF_EVENT_A_OIF,	/* string */
	SSF_EVENT_A_SUPPRESSED,	/* u32, events lost to the rate limit since
				 * the previous event sent
				 */
	SSF_EVENT_A_ACTION,	/* u8, enum ssf_action: the verdict (audit:
				 * the one that would have applied)
				 */
	SSF_EVENT_A_GENERATION,	/* u64, SSF_EVENT_REVERT: the new generation */
	SSF_EVENT_A_KUID,	/* u32, the same uid as the initial user
				 * namespace sees it (kernel-global)
				 */
	SSF_EVENT_A_CT_STATE,	/* u32, one enum ssf_ct_state bit: the
				 * packet's, when the deciding rule has a
				 * ct state match
				 */

	__SSF_EVENT_A_MAX
};
#define SSF_EVENT_A_MAX (__SSF_EVENT_A_MAX - 1)

/* Connection tracking states (SSF_RULE_A_CT_STATE is a mask of them). */
enum ssf_ct_state {
	SSF_CT_NEW		= 1 << 0,
	SSF_CT_ESTABLISHED	= 1 << 1,
	SSF_CT_RELATED		= 1 << 2,
	SSF_CT_INVALID		= 1 << 3,	/* not tracked, not untracked */
	SSF_CT_UNTRACKED	= 1 << 4,	/* marked notrack */
};
#define SSF_CT_ALL		0x1f

enum ssf_limit_unit {
	SSF_LIMIT_SECOND,
	SSF_LIMIT_MINUTE,
	SSF_LIMIT_HOUR,

	__SSF_LIMIT_UNIT_MAX
};
#define SSF_LIMIT_UNIT_MAX (__SSF_LIMIT_UNIT_MAX - 1)
#define SSF_LIMIT_RATE_MAX	1000000000	/* per unit */
#define SSF_LIMIT_BURST_MAX	1000000
#define SSF_LIMIT_BURST_DEFAULT	5

#define SSF_SET_NAME_MAX	32	/* with the NUL */
/* Elements one set may hold: module parameter max_set_elems, at most ... */
#define SSF_SET_ELEMS_DEFAULT	4194304
#define SSF_SET_ELEMS_LIMIT	16777216

enum ssf_set_type {
	SSF_SET_ADDR = 1,	/* IPv4 and IPv6 addresses, prefixes, ranges */
	SSF_SET_PORT,		/* ports and port ranges */

	__SSF_SET_TYPE_MAX
};
#define SSF_SET_TYPE_MAX (__SSF_SET_TYPE_MAX - 1)

/* What SSF_CMD_SET_CHANGE does to a set's elements. */
enum ssf_set_op {
	SSF_SET_OP_ADD,		/* add (an element already there: no-op,
				 * its timeout renewed)
				 */
	SSF_SET_OP_DEL,		/* delete (an absent element: no-op) */
	SSF_SET_OP_FLUSH,	/* delete every element */
	SSF_SET_OP_REPLACE,	/* every element, atomically: flush + add */

	__SSF_SET_OP_MAX
};
#define SSF_SET_OP_MAX (__SSF_SET_OP_MAX - 1)

enum ssf_set_attr {
	SSF_SET_A_UNSPEC,
	SSF_SET_A_PAD,
	SSF_SET_A_NAME,		/* string, < SSF_SET_NAME_MAX bytes */
	SSF_SET_A_TYPE,		/* u8, enum ssf_set_type */
	SSF_SET_A_TIMEOUT,	/* u32, seconds, 1..SSF_SET_TIMEOUT_MAX */
	SSF_SET_A_OP,		/* u8, enum ssf_set_op */
	SSF_SET_A_ELEMS,	/* nest of SSF_SET_A_ELEM */
	SSF_SET_A_ELEM,		/* nest, SSF_ELEM_A_* */
	SSF_SET_A_COUNT,	/* u32, elements (replies) */
	SSF_SET_A_MEMORY,	/* u64, bytes (replies) */
	SSF_SET_A_DUMP_ELEMS,	/* flag: SSF_CMD_SET_GET dumps elements */

	__SSF_SET_A_MAX
};
#define SSF_SET_A_MAX (__SSF_SET_A_MAX - 1)
#define SSF_SET_TIMEOUT_MAX	(365 * 24 * 3600)

/*
 * A set element. Address sets: SSF_ELEM_A_ADDR alone is an address, with
 * SSF_ELEM_A_PLEN a prefix, with SSF_ELEM_A_ADDR_HI a range (same family,
 * not reversed). Port sets: SSF_ELEM_A_PORT alone, or with _PORT_HI a
 * range.
 */
enum ssf_elem_attr {
	SSF_ELEM_A_UNSPEC,
	SSF_ELEM_A_ADDR,	/* binary, 4 or 16 bytes */
	SSF_ELEM_A_ADDR_HI,	/* binary, the same length */
	SSF_ELEM_A_PLEN,	/* u8 */
	SSF_ELEM_A_PORT,	/* u16 */
	SSF_ELEM_A_PORT_HI,	/* u16 */
	SSF_ELEM_A_TIMEOUT,	/* u32, seconds; in replies: seconds left */

	__SSF_ELEM_A_MAX
};
#define SSF_ELEM_A_MAX (__SSF_ELEM_A_MAX - 1)

#endif /* _UAPI_LINUX_SSF_H */
