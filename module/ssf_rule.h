/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A policy rule in its checked, matchable form, and the matcher. Shared by
 * ssf.ko (netlink decodes into it; hooks match with it) and userspace
 * (ssfctl builds rules with it; tests and fuzzers exercise it).
 */
#ifndef _SSF_RULE_H
#define _SSF_RULE_H

#include "ssf_pkt.h"

enum ssf_rule_match {
	SSF_RM_PROTO	= 1 << 0,
	SSF_RM_SRC	= 1 << 1,
	SSF_RM_DST	= 1 << 2,
	SSF_RM_SPORT	= 1 << 3,
	SSF_RM_DPORT	= 1 << 4,
	SSF_RM_IIF	= 1 << 5,
	SSF_RM_OIF	= 1 << 6,
	SSF_RM_UID	= 1 << 7,
	SSF_RM_GID	= 1 << 8,
	SSF_RM_CGROUP	= 1 << 9,
	SSF_RM_ICMP_TYPE = 1 << 10,
	SSF_RM_SRC_SET	= 1 << 11,
	SSF_RM_DST_SET	= 1 << 12,
	SSF_RM_SPORT_SET = 1 << 13,
	SSF_RM_DPORT_SET = 1 << 14,
	SSF_RM_CT	= 1 << 15,
	SSF_RM_LIMIT	= 1 << 16,
};

/* Every match bit there is; any other is refused by ssf_rule_verify(). */
#define SSF_RM_ALL	((SSF_RM_LIMIT << 1) - 1)

/* The matches that need the packet's local socket (struct ssf_meta). */
#define SSF_RM_OWNER	(SSF_RM_UID | SSF_RM_GID | SSF_RM_CGROUP)
#define SSF_RM_SETS	(SSF_RM_SRC_SET | SSF_RM_DST_SET | SSF_RM_SPORT_SET | \
			 SSF_RM_DPORT_SET)

/* A rule's set words, as indexes into ssf_rule.set[]. */
enum ssf_rule_set_slot {
	SSF_RSET_SRC,
	SSF_RSET_DST,
	SSF_RSET_SPORT,
	SSF_RSET_DPORT,
	SSF_RSET_NUM
};

/* Sets one policy may hold: a rule names them by a u8 index. */
#define SSF_SETS_MAX	256

struct ssf_set_data;

/*
 * What a hook knows about a packet beyond its bytes. Filled in by the
 * kernel glue (ssf_owner.c) or by tests; read by ssf_rule_match().
 */
enum ssf_meta_flags {
	SSF_META_OWNER	= 1 << 0,	/* uid and cgroup are valid */
	SSF_META_GID	= 1 << 1,	/* gid is valid */
};

struct ssf_meta {
	const char *iif;	/* input device name, or NULL */
	const char *oif;	/* output device name, or NULL */
	u32 flags;		/* enum ssf_meta_flags */
	u32 uid;		/* owner (kernel-global ids in ssf.ko) */
	u32 gid;
	u8 ct_state;		/* one enum ssf_ct_state bit; 0 when the policy
				 * has no ct match (not looked at)
				 */
	const void *cgroup;	/* opaque, for ssf_meta_cgroup_under() */
	const void *sets;	/* opaque, for ssf_meta_set() */
};

/*
 * True when the owner's cgroup (@m->cgroup, SSF_META_OWNER set) is the
 * cgroup @id at depth @level or one of its descendants. Provided by each
 * world: ssf_owner.c in ssf.ko, the tests in userspace.
 */
bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level);

/*
 * The content of set @idx of the policy the packet is matched against
 * (@m->sets). Provided by each world: ssf_set_kern.c in ssf.ko (an RCU
 * read of the set's current content), the tests in userspace.
 */
const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx);

/*
 * A rule as the packet path reads it. The fields ssf_rule_match() reads
 * come first, in the order it reads them, so that the words of a rule
 * that most matches look at share its first cache line; then what
 * ssf_cls_first() reads after a match (the limit), then the verdict, and
 * last what only the control plane reads. The texts people write (log
 * prefix, comment) are not here: struct ssf_rule_text.
 */
struct ssf_rule {
	/* read by ssf_rule_match() */
	u32 match;		/* enum ssf_rule_match: which fields are set */
	u8 family;		/* enum ssf_family; SSF_FAMILY_ANY matches both */
	u8 proto;
	u8 icmp_type;
	u8 ct_states;		/* enum ssf_ct_state bits */
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	union ssf_addr src, src_mask;	/* masks derived by ssf_rule_verify() */
	union ssf_addr dst, dst_mask;
	u8 set[SSF_RSET_NUM];	/* index of each set word's set in the
				 * policy's sets
				 */
	char iif[SSF_IFNAME_MAX];
	char oif[SSF_IFNAME_MAX];
	u32 uid_min, uid_max;	/* in ssf.ko: kernel-global (mapped) ids */
	u32 gid_min, gid_max;
	u16 cgroup_level;	/* depth of cgroup_id: set by the kernel */
	u64 cgroup_id;
	/* read after a match by ssf_cls_first(): the limit (SSF_RM_LIMIT) */
	u64 limit_ns;		/* derived by ssf_rule_verify(): ns a token */
	u64 limit_burst_ns;	/* ns a full bucket reaches ahead */
	/* the verdict, read once the rule has matched */
	u32 id;
	u32 flags;		/* enum ssf_rule_flags: log, audit */
	u8 action;		/* enum ssf_action */
	u8 dir;			/* enum ssf_dir (the caller's list) */
	/* read by the control plane only */
	u8 src_plen;
	u8 dst_plen;
	u32 limit_rate;		/* packets per unit */
	u32 limit_burst;
	u8 limit_unit;		/* enum ssf_limit_unit */
};

/*
 * What people read of a rule: its log prefix and comment. Kept apart from
 * struct ssf_rule (a policy holds one array of each) and never read on the
 * packet path, except the log prefix when a rule with SSF_RULE_F_LOG logs
 * a packet.
 */
struct ssf_rule_text {
	char log_prefix[SSF_LOG_PREFIX_MAX];
	char comment[SSF_COMMENT_MAX];
};

/* Largest prefix length for @family (32 or 128), 0 for SSF_FAMILY_ANY. */
u8 ssf_family_max_plen(u8 family);

/*
 * Check every cross-field rule of @r and derive its masks. Returns 0, or
 * -EINVAL with *@err set to a message naming the fault. @r is modified only
 * on success (masks filled in).
 */
int ssf_rule_verify(struct ssf_rule *r, const char **err);

/*
 * Check the texts @t of rule @r (already verified): both NUL-terminated,
 * a log prefix only with SSF_RULE_F_LOG. 0, or -EINVAL with *@err set.
 */
int ssf_rule_text_verify(const struct ssf_rule *r,
			 const struct ssf_rule_text *t, const char **err);

/* True when @r matches @pkt and @meta (direction is not looked at: the
 * caller keeps one list per direction). Packets without ports never match
 * port ranges or port sets; packets without an owner (@meta->flags) never
 * match owner matches. Every word is tested but `limit`: a rule with
 * SSF_RM_LIMIT matches only if, after this, ssf_limit_take() (ssf_limit.h)
 * on the rule's bucket says so, which the caller does last because it
 * uses up a token.
 */
bool ssf_rule_match(const struct ssf_rule *r, const struct ssf_pkt *pkt,
		    const struct ssf_meta *meta);

/* Fill @mask with the network-order mask of @plen leading one bits. */
void ssf_prefix_mask(union ssf_addr *mask, u8 plen);

#endif /* _SSF_RULE_H */
