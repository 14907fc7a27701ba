// SPDX-License-Identifier: GPL-2.0
/*
 * Rules on the wire: the SSF_RULE_A_* policy, decoding a rule nest into a
 * checked struct ssf_rule and its struct ssf_rule_text (the shared
 * checkers have the last word), encoding them back, and the rule commands
 * (add, delete, dump). uid/gid ranges are mapped between the requester's
 * user namespace and kernel-global ids here; cgroup ids are resolved to
 * their depth (ssf_owner.c).
 *
 * Locking: add and delete are edits (ssf_nl_edit(): under ssf_net.lock);
 * the dump reads the published policy under rcu_read_lock().
 */
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <net/genetlink.h>

#include "ssf_nl.h"
#include "ssf_owner.h"
#include "ssf_txn.h"
#include "ssf_setobj.h"

/* not const: 6.1's NLA_POLICY_FULL_RANGE() takes a plain pointer */
static struct netlink_range_validation ssf_limit_rate_range = {
	.min = 1,
	.max = SSF_LIMIT_RATE_MAX,
};

static struct netlink_range_validation ssf_limit_burst_range = {
	.min = 1,
	.max = SSF_LIMIT_BURST_MAX,
};

const struct nla_policy ssf_rule_policy[SSF_RULE_A_MAX + 1] = {
	[SSF_RULE_A_ID] = { .type = NLA_REJECT,
			    .reject_message = "rule ids are assigned by the kernel" },
	[SSF_RULE_A_DIR] = NLA_POLICY_MAX(NLA_U8, SSF_DIR_MAX),
	[SSF_RULE_A_ACTION] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
	[SSF_RULE_A_FAMILY] = NLA_POLICY_MAX(NLA_U8, SSF_FAMILY_MAX),
	[SSF_RULE_A_PROTO] = { .type = NLA_U8 },
	[SSF_RULE_A_SRC4] = NLA_POLICY_EXACT_LEN(4),
	[SSF_RULE_A_SRC6] = NLA_POLICY_EXACT_LEN(16),
	[SSF_RULE_A_SRC_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[SSF_RULE_A_DST4] = NLA_POLICY_EXACT_LEN(4),
	[SSF_RULE_A_DST6] = NLA_POLICY_EXACT_LEN(16),
	[SSF_RULE_A_DST_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[SSF_RULE_A_SPORT_MIN] = { .type = NLA_U16 },
	[SSF_RULE_A_SPORT_MAX] = { .type = NLA_U16 },
	[SSF_RULE_A_DPORT_MIN] = { .type = NLA_U16 },
	[SSF_RULE_A_DPORT_MAX] = { .type = NLA_U16 },
	[SSF_RULE_A_PACKETS] = { .type = NLA_REJECT,
				 .reject_message = "counters are kept by the kernel" },
	[SSF_RULE_A_BYTES] = { .type = NLA_REJECT,
			       .reject_message = "counters are kept by the kernel" },
	[SSF_RULE_A_IIF] = { .type = NLA_NUL_STRING, .len = SSF_IFNAME_MAX - 1 },
	[SSF_RULE_A_OIF] = { .type = NLA_NUL_STRING, .len = SSF_IFNAME_MAX - 1 },
	[SSF_RULE_A_UID_MIN] = { .type = NLA_U32 },
	[SSF_RULE_A_UID_MAX] = { .type = NLA_U32 },
	[SSF_RULE_A_GID_MIN] = { .type = NLA_U32 },
	[SSF_RULE_A_GID_MAX] = { .type = NLA_U32 },
	[SSF_RULE_A_CGROUP] = { .type = NLA_U64 },
	[SSF_RULE_A_ICMP_TYPE] = { .type = NLA_U8 },
	[SSF_RULE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, SSF_RULE_F_LOG |
						      SSF_RULE_F_AUDIT),
	[SSF_RULE_A_LOG_PREFIX] = { .type = NLA_NUL_STRING,
				    .len = SSF_LOG_PREFIX_MAX - 1 },
	[SSF_RULE_A_COMMENT] = { .type = NLA_NUL_STRING,
				 .len = SSF_COMMENT_MAX - 1 },
	[SSF_RULE_A_SRC_SET] = { .type = NLA_NUL_STRING,
				 .len = SSF_SET_NAME_MAX - 1 },
	[SSF_RULE_A_DST_SET] = { .type = NLA_NUL_STRING,
				 .len = SSF_SET_NAME_MAX - 1 },
	[SSF_RULE_A_SPORT_SET] = { .type = NLA_NUL_STRING,
				   .len = SSF_SET_NAME_MAX - 1 },
	[SSF_RULE_A_DPORT_SET] = { .type = NLA_NUL_STRING,
				   .len = SSF_SET_NAME_MAX - 1 },
	[SSF_RULE_A_CT_STATE] = NLA_POLICY_MASK(NLA_U32, SSF_CT_ALL),
	[SSF_RULE_A_LIMIT_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32,
							&ssf_limit_rate_range),
	[SSF_RULE_A_LIMIT_UNIT] = NLA_POLICY_MAX(NLA_U8, SSF_LIMIT_UNIT_MAX),
	[SSF_RULE_A_LIMIT_BURST] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &ssf_limit_burst_range),
};

/* Each set word: its attribute, match bit and the set type it takes. */
static const struct {
	int attr;
	u32 match;
	u8 type;
} ssf_rule_sets[SSF_RSET_NUM] = {
	[SSF_RSET_SRC] = { SSF_RULE_A_SRC_SET, SSF_RM_SRC_SET, SSF_SET_ADDR },
	[SSF_RSET_DST] = { SSF_RULE_A_DST_SET, SSF_RM_DST_SET, SSF_SET_ADDR },
	[SSF_RSET_SPORT] = { SSF_RULE_A_SPORT_SET, SSF_RM_SPORT_SET,
			     SSF_SET_PORT },
	[SSF_RSET_DPORT] = { SSF_RULE_A_DPORT_SET, SSF_RM_DPORT_SET,
			     SSF_SET_PORT },
};

/* The set @name in @names: its index and type, or -ENOENT. */
static int ssf_set_names_find(const struct ssf_set_names *names,
			      const char *name, u8 *type)
{
	int i;

	if (names->t) {
		i = ssf_txn_find_set(names->t, name);
		if (i >= 0)
			*type = names->t->sets[i].type;
		return i;
	}
	i = ssf_policy_find_set(names->p, name);
	if (i >= 0)
		*type = names->p->sets[i]->type;
	return i;
}

/* The set words: names resolved to indexes, each of the right type. */
static int ssf_decode_sets(struct nlattr **tb, struct ssf_rule *r,
			   const struct ssf_set_names *names,
			   struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int i, idx;
	u8 type;

	for (i = 0; i < SSF_RSET_NUM; i++) {
		a = tb[ssf_rule_sets[i].attr];
		if (!a)
			continue;
		idx = ssf_set_names_find(names, nla_data(a), &type);
		if (idx < 0) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "no set of this name (a rule names a set declared before it)");
			return -ENOENT;
		}
		if (type != ssf_rule_sets[i].type) {
			if (type == SSF_SET_PORT)
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "a port set cannot stand after src or dst");
			else
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "an address set cannot stand after sport or dport");
			return -EINVAL;
		}
		r->set[i] = idx;
		r->match |= ssf_rule_sets[i].match;
	}
	return 0;
}

/* ct state and limit. */
static int ssf_decode_state(struct nlattr **tb, struct ssf_rule *r,
			    struct netlink_ext_ack *extack)
{
	if (tb[SSF_RULE_A_CT_STATE]) {
		r->ct_states = nla_get_u32(tb[SSF_RULE_A_CT_STATE]);
		r->match |= SSF_RM_CT;
	}
	if (!tb[SSF_RULE_A_LIMIT_RATE] && !tb[SSF_RULE_A_LIMIT_UNIT] &&
	    !tb[SSF_RULE_A_LIMIT_BURST])
		return 0;
	if (NL_REQ_ATTR_CHECK(extack, NULL, tb, SSF_RULE_A_LIMIT_RATE) ||
	    NL_REQ_ATTR_CHECK(extack, NULL, tb, SSF_RULE_A_LIMIT_UNIT)) {
		NL_SET_ERR_MSG(extack, "a limit needs a rate and a unit");
		return -EINVAL;
	}
	r->limit_rate = nla_get_u32(tb[SSF_RULE_A_LIMIT_RATE]);
	r->limit_unit = nla_get_u8(tb[SSF_RULE_A_LIMIT_UNIT]);
	r->limit_burst = tb[SSF_RULE_A_LIMIT_BURST] ?
			 nla_get_u32(tb[SSF_RULE_A_LIMIT_BURST]) :
			 SSF_LIMIT_BURST_DEFAULT;
	r->match |= SSF_RM_LIMIT;
	return 0;
}

static void ssf_get_addr(union ssf_addr *a, const struct nlattr *attr)
{
	memset(a, 0, sizeof(*a));
	nla_memcpy(a->b, attr, sizeof(a->b));
}

static int ssf_decode_addr(struct ssf_rule *r, struct nlattr **tb,
			   int a4, int a6, int aplen, union ssf_addr *addr,
			   u8 *plen, struct netlink_ext_ack *extack)
{
	struct nlattr *addr_attr = tb[a4] ?: tb[a6];
	u8 family = tb[a4] ? SSF_FAMILY_IPV4 : SSF_FAMILY_IPV6;

	if (tb[a4] && tb[a6]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[a6],
				    "an address is IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (!addr_attr) {
		if (tb[aplen]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[aplen],
					    "prefix length without an address");
			return -EINVAL;
		}
		return 0;
	}
	if (!tb[aplen]) {
		NL_SET_ERR_MSG_ATTR(extack, addr_attr,
				    "address without a prefix length");
		return -EINVAL;
	}
	if (r->family == SSF_FAMILY_ANY) {
		r->family = family;
	} else if (r->family != family) {
		NL_SET_ERR_MSG_ATTR(extack, addr_attr,
				    "address does not match the rule's family");
		return -EINVAL;
	}
	ssf_get_addr(addr, addr_attr);
	*plen = nla_get_u8(tb[aplen]);
	return 0;
}

static int ssf_decode_ports(struct nlattr **tb, int amin, int amax,
			    u16 *min, u16 *max, bool *set,
			    struct netlink_ext_ack *extack)
{
	*set = tb[amin] || tb[amax];
	if (!*set)
		return 0;
	if (!tb[amin] || !tb[amax]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amin] ?: tb[amax],
				    "a port range needs both ends");
		return -EINVAL;
	}
	*min = nla_get_u16(tb[amin]);
	*max = nla_get_u16(tb[amax]);
	return 0;
}

/*
 * The extent of @map (a user namespace's uid_map or gid_map) that holds
 * @id as the namespace writes it, or NULL. Within one extent ids map to
 * consecutive kernel ids; across extents they need not (a map may be
 * "0 100000 1000" and "1000 5000 10"). Reads the map as the kernel's own
 * map_id_range_down() does: it is written once, before nr_extents.
 */
static const struct uid_gid_extent *ssf_map_extent(const struct uid_gid_map *map,
						   u32 id)
{
	u32 n = READ_ONCE(map->nr_extents), i;
	const struct uid_gid_extent *e;

	smp_rmb();	/* pairs with the smp_wmb() of map_write() */
	for (i = 0; i < n; i++) {
		e = n <= UID_GID_MAP_MAX_BASE_EXTENTS ? &map->extent[i] :
							&map->forward[i];
		if (id >= e->first && id - e->first < e->count)
			return e;
	}
	return NULL;
}

/*
 * A uid or gid range as the requester wrote it (in @ns), mapped to the
 * kernel-global ids the matcher compares. The range must lie inside one
 * extent of the namespace's map, so that it maps to one contiguous range
 * of exactly the ids it names.
 */
static int ssf_decode_ids(struct nlattr **tb, int amin, int amax,
			  bool gid, struct user_namespace *ns, u32 *min,
			  u32 *max, struct netlink_ext_ack *extack)
{
	const struct uid_gid_map *map = gid ? &ns->gid_map : &ns->uid_map;
	const struct uid_gid_extent *e;
	u32 lo, hi;

	if (!tb[amin] || !tb[amax]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amin] ?: tb[amax],
				    "an id range needs both ends");
		return -EINVAL;
	}
	lo = nla_get_u32(tb[amin]);
	hi = nla_get_u32(tb[amax]);
	if (lo > hi) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amax], "id range is reversed");
		return -EINVAL;
	}
	e = ssf_map_extent(map, lo);
	if (!e || !ssf_map_extent(map, hi)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[e ? amax : amin],
				    "id range not mapped in your user namespace");
		return -EINVAL;
	}
	if (hi - e->first >= e->count) {
		NL_SET_ERR_MSG_ATTR(extack, tb[amax],
				    "id range spans more than one extent of your user namespace's id map (split it)");
		return -EINVAL;
	}
	*min = e->lower_first + (lo - e->first);
	*max = e->lower_first + (hi - e->first);
	return 0;
}

static void ssf_get_str(char *dst, size_t size, const struct nlattr *a)
{
	nla_strscpy(dst, a, size);
}

/* The matches and options that are not addresses or ports. */
static int ssf_decode_extra(struct nlattr **tb, struct ssf_rule *r,
			    struct user_namespace *ns,
			    struct netlink_ext_ack *extack)
{
	const char *err = NULL;
	int ret;

	if (tb[SSF_RULE_A_IIF]) {
		ssf_get_str(r->iif, sizeof(r->iif), tb[SSF_RULE_A_IIF]);
		r->match |= SSF_RM_IIF;
	}
	if (tb[SSF_RULE_A_OIF]) {
		ssf_get_str(r->oif, sizeof(r->oif), tb[SSF_RULE_A_OIF]);
		r->match |= SSF_RM_OIF;
	}
	if (tb[SSF_RULE_A_UID_MIN] || tb[SSF_RULE_A_UID_MAX]) {
		ret = ssf_decode_ids(tb, SSF_RULE_A_UID_MIN, SSF_RULE_A_UID_MAX,
				     false, ns, &r->uid_min, &r->uid_max,
				     extack);
		if (ret)
			return ret;
		r->match |= SSF_RM_UID;
	}
	if (tb[SSF_RULE_A_GID_MIN] || tb[SSF_RULE_A_GID_MAX]) {
		ret = ssf_decode_ids(tb, SSF_RULE_A_GID_MIN, SSF_RULE_A_GID_MAX,
				     true, ns, &r->gid_min, &r->gid_max,
				     extack);
		if (ret)
			return ret;
		r->match |= SSF_RM_GID;
	}
	if (tb[SSF_RULE_A_CGROUP]) {
		r->cgroup_id = nla_get_u64(tb[SSF_RULE_A_CGROUP]);
		ret = ssf_owner_cgroup_level(r->cgroup_id, &r->cgroup_level,
					     &err);
		if (ret) {
			ssf_extack_set(extack, tb[SSF_RULE_A_CGROUP], err);
			return ret;
		}
		r->match |= SSF_RM_CGROUP;
	}
	if (tb[SSF_RULE_A_ICMP_TYPE]) {
		r->icmp_type = nla_get_u8(tb[SSF_RULE_A_ICMP_TYPE]);
		r->match |= SSF_RM_ICMP_TYPE;
	}
	if (tb[SSF_RULE_A_FLAGS])
		r->flags = nla_get_u32(tb[SSF_RULE_A_FLAGS]);
	return 0;
}

/* The texts: log prefix and comment. */
static void ssf_decode_text(struct nlattr **tb, struct ssf_rule_text *t)
{
	memset(t, 0, sizeof(*t));
	if (tb[SSF_RULE_A_LOG_PREFIX])
		ssf_get_str(t->log_prefix, sizeof(t->log_prefix),
			    tb[SSF_RULE_A_LOG_PREFIX]);
	if (tb[SSF_RULE_A_COMMENT])
		ssf_get_str(t->comment, sizeof(t->comment),
			    tb[SSF_RULE_A_COMMENT]);
}

/*
 * Decode and check one SSF_A_RULE nest into @r and its texts into @t. Ids
 * are mapped through @ns, the user namespace of the requesting socket; set
 * names are looked up in @names.
 */
int ssf_decode_rule(const struct nlattr *nest, struct ssf_rule *r,
		    struct ssf_rule_text *t, struct user_namespace *ns,
		    const struct ssf_set_names *names,
		    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SSF_RULE_A_MAX + 1];
	const char *err = NULL;
	bool sp, dp;
	int ret;

	ret = nla_parse_nested(tb, SSF_RULE_A_MAX, nest, ssf_rule_policy,
			       extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, SSF_RULE_A_DIR) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, SSF_RULE_A_ACTION)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a rule needs a direction and an action");
		return -EINVAL;
	}

	memset(r, 0, sizeof(*r));
	r->dir = nla_get_u8(tb[SSF_RULE_A_DIR]);
	r->action = nla_get_u8(tb[SSF_RULE_A_ACTION]);
	if (tb[SSF_RULE_A_FAMILY])
		r->family = nla_get_u8(tb[SSF_RULE_A_FAMILY]);
	if (tb[SSF_RULE_A_PROTO]) {
		r->proto = nla_get_u8(tb[SSF_RULE_A_PROTO]);
		r->match |= SSF_RM_PROTO;
	}

	ret = ssf_decode_addr(r, tb, SSF_RULE_A_SRC4, SSF_RULE_A_SRC6,
			      SSF_RULE_A_SRC_PLEN, &r->src, &r->src_plen,
			      extack);
	if (ret)
		return ret;
	if (tb[SSF_RULE_A_SRC4] || tb[SSF_RULE_A_SRC6])
		r->match |= SSF_RM_SRC;
	ret = ssf_decode_addr(r, tb, SSF_RULE_A_DST4, SSF_RULE_A_DST6,
			      SSF_RULE_A_DST_PLEN, &r->dst, &r->dst_plen,
			      extack);
	if (ret)
		return ret;
	if (tb[SSF_RULE_A_DST4] || tb[SSF_RULE_A_DST6])
		r->match |= SSF_RM_DST;

	ret = ssf_decode_ports(tb, SSF_RULE_A_SPORT_MIN, SSF_RULE_A_SPORT_MAX,
			       &r->sport_min, &r->sport_max, &sp, extack);
	if (ret)
		return ret;
	ret = ssf_decode_ports(tb, SSF_RULE_A_DPORT_MIN, SSF_RULE_A_DPORT_MAX,
			       &r->dport_min, &r->dport_max, &dp, extack);
	if (ret)
		return ret;
	if (sp)
		r->match |= SSF_RM_SPORT;
	if (dp)
		r->match |= SSF_RM_DPORT;
	ret = ssf_decode_extra(tb, r, ns, extack) ?:
	      ssf_decode_sets(tb, r, names, extack) ?:
	      ssf_decode_state(tb, r, extack);
	if (ret)
		return ret;
	ssf_decode_text(tb, t);

	/* the same checkers ssfctl runs before sending */
	ret = ssf_rule_verify(r, &err) ?: ssf_rule_text_verify(r, t, &err);
	if (ret)
		ssf_extack_set(extack, nest, err);
	return ret;
}

static int ssf_put_ids(struct sk_buff *skb, int amin, int amax, bool gid,
		       u32 min, u32 max, struct user_namespace *ns)
{
	u32 lo, hi;

	if (gid) {
		lo = from_kgid_munged(ns, KGIDT_INIT(min));
		hi = from_kgid_munged(ns, KGIDT_INIT(max));
	} else {
		lo = from_kuid_munged(ns, KUIDT_INIT(min));
		hi = from_kuid_munged(ns, KUIDT_INIT(max));
	}
	if (nla_put_u32(skb, amin, lo) || nla_put_u32(skb, amax, hi))
		return -EMSGSIZE;
	return 0;
}

/* The set words, ct state and limit of @r in policy @p. */
static int ssf_put_state(struct sk_buff *skb, const struct ssf_rule *r,
			 const struct ssf_policy *p)
{
	int i;

	for (i = 0; i < SSF_RSET_NUM; i++)
		if ((r->match & ssf_rule_sets[i].match) &&
		    nla_put_string(skb, ssf_rule_sets[i].attr,
				   p->sets[r->set[i]]->name))
			return -EMSGSIZE;
	if ((r->match & SSF_RM_CT) &&
	    nla_put_u32(skb, SSF_RULE_A_CT_STATE, r->ct_states))
		return -EMSGSIZE;
	if ((r->match & SSF_RM_LIMIT) &&
	    (nla_put_u32(skb, SSF_RULE_A_LIMIT_RATE, r->limit_rate) ||
	     nla_put_u8(skb, SSF_RULE_A_LIMIT_UNIT, r->limit_unit) ||
	     nla_put_u32(skb, SSF_RULE_A_LIMIT_BURST, r->limit_burst)))
		return -EMSGSIZE;
	return 0;
}

static int ssf_put_extra(struct sk_buff *skb, const struct ssf_rule *r,
			 struct user_namespace *ns)
{
	u32 m = r->match;

	if (((m & SSF_RM_IIF) && nla_put_string(skb, SSF_RULE_A_IIF, r->iif)) ||
	    ((m & SSF_RM_OIF) && nla_put_string(skb, SSF_RULE_A_OIF, r->oif)) ||
	    ((m & SSF_RM_UID) &&
	     ssf_put_ids(skb, SSF_RULE_A_UID_MIN, SSF_RULE_A_UID_MAX, false,
			 r->uid_min, r->uid_max, ns)) ||
	    ((m & SSF_RM_GID) &&
	     ssf_put_ids(skb, SSF_RULE_A_GID_MIN, SSF_RULE_A_GID_MAX, true,
			 r->gid_min, r->gid_max, ns)) ||
	    ((m & SSF_RM_CGROUP) &&
	     nla_put_u64_64bit(skb, SSF_RULE_A_CGROUP, r->cgroup_id,
			       SSF_RULE_A_PAD)) ||
	    ((m & SSF_RM_ICMP_TYPE) &&
	     nla_put_u8(skb, SSF_RULE_A_ICMP_TYPE, r->icmp_type)) ||
	    (r->flags && nla_put_u32(skb, SSF_RULE_A_FLAGS, r->flags)))
		return -EMSGSIZE;
	return 0;
}

static int ssf_put_text(struct sk_buff *skb, const struct ssf_rule_text *t)
{
	if ((t->log_prefix[0] &&
	     nla_put_string(skb, SSF_RULE_A_LOG_PREFIX, t->log_prefix)) ||
	    (t->comment[0] &&
	     nla_put_string(skb, SSF_RULE_A_COMMENT, t->comment)))
		return -EMSGSIZE;
	return 0;
}

/* Put @pr of @p as an SSF_A_RULE nest, ids shown as seen from @ns. */
static int ssf_put_rule(struct sk_buff *skb, const struct ssf_policy *p,
			const struct ssf_prule *pr, struct user_namespace *ns)
{
	const struct ssf_rule *r = &pr->rule;
	bool v4 = r->family == SSF_FAMILY_IPV4;
	struct nlattr *nest;
	u64 packets, bytes;

	ssf_ctr_read(pr->pc, &packets, &bytes);
	nest = nla_nest_start(skb, SSF_A_RULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, SSF_RULE_A_ID, r->id) ||
	    nla_put_u8(skb, SSF_RULE_A_DIR, r->dir) ||
	    nla_put_u8(skb, SSF_RULE_A_ACTION, r->action) ||
	    (r->family && nla_put_u8(skb, SSF_RULE_A_FAMILY, r->family)) ||
	    ((r->match & SSF_RM_PROTO) &&
	     nla_put_u8(skb, SSF_RULE_A_PROTO, r->proto)) ||
	    ((r->match & SSF_RM_SRC) &&
	     (nla_put(skb, v4 ? SSF_RULE_A_SRC4 : SSF_RULE_A_SRC6,
		      v4 ? 4 : 16, r->src.b) ||
	      nla_put_u8(skb, SSF_RULE_A_SRC_PLEN, r->src_plen))) ||
	    ((r->match & SSF_RM_DST) &&
	     (nla_put(skb, v4 ? SSF_RULE_A_DST4 : SSF_RULE_A_DST6,
		      v4 ? 4 : 16, r->dst.b) ||
	      nla_put_u8(skb, SSF_RULE_A_DST_PLEN, r->dst_plen))) ||
	    ((r->match & SSF_RM_SPORT) &&
	     (nla_put_u16(skb, SSF_RULE_A_SPORT_MIN, r->sport_min) ||
	      nla_put_u16(skb, SSF_RULE_A_SPORT_MAX, r->sport_max))) ||
	    ((r->match & SSF_RM_DPORT) &&
	     (nla_put_u16(skb, SSF_RULE_A_DPORT_MIN, r->dport_min) ||
	      nla_put_u16(skb, SSF_RULE_A_DPORT_MAX, r->dport_max))) ||
	    ssf_put_extra(skb, r, ns) ||
	    ssf_put_text(skb, ssf_policy_text(p, pr)) ||
	    ssf_put_state(skb, r, p) ||
	    nla_put_u64_64bit(skb, SSF_RULE_A_PACKETS, packets,
			      SSF_RULE_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_RULE_A_BYTES, bytes, SSF_RULE_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Decoded under the lock: the rule's set names are the published policy's. */
static int ssf_rule_add_prepare(struct ssf_net *sn,
				const struct ssf_policy *old,
				struct genl_info *info, struct ssf_edit *e)
{
	struct ssf_set_names names = { .p = old };
	struct ssf_txn_rule *r = e->arg;
	int ret;

	if (old && old->nrules >= READ_ONCE(ssf_max_rules)) {
		NL_SET_ERR_MSG(info->extack,
			       "rule limit reached (module parameter max_rules)");
		return -E2BIG;
	}
	ret = ssf_decode_rule(info->attrs[SSF_A_RULE], &r->rule, &r->text,
			      ssf_nl_userns(e->skb), &names, info->extack);
	if (ret)
		return ret;
	e->extra = 1;
	return 0;
}

static int ssf_rule_add_build(struct ssf_net *sn, struct ssf_policy *p,
			      struct genl_info *info, struct ssf_edit *e)
{
	const struct ssf_txn_rule *r = e->arg;
	u32 last = p->nrules - 1;
	int ret;

	p->rules[last].rule = r->rule;
	p->text[last] = r->text;
	ret = ssf_policy_take_ids(p, last, info->extack) ?:
	      ssf_policy_new_ctrs(p, last);
	e->reply_id = p->rules[last].rule.id;
	return ret;
}

/* SSF_CMD_RULE_ADD: append one rule. */
int ssf_nl_rule_add(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_edit e = {
		.cmd = SSF_CMD_RULE_ADD,
		.skb = skb,
		.prepare = ssf_rule_add_prepare,
		.build = ssf_rule_add_build,
	};
	struct ssf_txn_rule r;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_RULE))
		return -EINVAL;
	e.arg = &r;
	return ssf_nl_edit(info, &e);
}

static int ssf_rule_del_prepare(struct ssf_net *sn,
				const struct ssf_policy *old,
				struct genl_info *info, struct ssf_edit *e)
{
	u32 id = nla_get_u32(info->attrs[SSF_A_RULE_ID]), i;

	for (i = 0; old && i < old->nrules; i++) {
		if (old->rules[i].rule.id == id) {
			e->skip = i;
			return 0;
		}
	}
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SSF_A_RULE_ID],
			    "no rule with this id");
	return -ENOENT;
}

static int ssf_rule_del_build(struct ssf_net *sn, struct ssf_policy *p,
			      struct genl_info *info, struct ssf_edit *e)
{
	return 0;
}

/* SSF_CMD_RULE_DEL: remove the rule with SSF_A_RULE_ID. */
int ssf_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_edit e = {
		.cmd = SSF_CMD_RULE_DEL,
		.prepare = ssf_rule_del_prepare,
		.build = ssf_rule_del_build,
	};

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_RULE_ID))
		return -EINVAL;
	return ssf_nl_edit(info, &e);
}

/* SSF_CMD_RULE_GET (dump): one message per rule, in policy order. */
int ssf_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ssf_net *sn = ssf_pernet(sock_net(skb->sk));
	const struct ssf_policy *p;
	u32 i = cb->args[0];
	int ret = 0;
	void *hdr;

	rcu_read_lock();
	p = rcu_dereference(sn->policy);
	/* generation + 1 so that a dump of "no policy" still has a seq */
	cb->seq = p ? p->generation + 1 : 1;
	for (; p && i < p->nrules; i++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ssf_genl_family,
				  NLM_F_MULTI, SSF_CMD_RULE_GET);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u64_64bit(skb, SSF_A_GENERATION, p->generation,
				      SSF_A_PAD) ||
		    ssf_put_rule(skb, p, &p->rules[i], ssf_nl_userns(cb->skb))) {
			genlmsg_cancel(skb, hdr);
			ret = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	/* a full skb ends this part; the core calls us again */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}
