// SPDX-License-Identifier: GPL-2.0
/*
 * Sets on the wire: the SSF_SET_A_* and SSF_ELEM_A_* policies, set
 * declarations in a policy transaction (SSF_A_SETS of POLICY_ADD), changes
 * to the published policy's sets (SSF_CMD_SET_CHANGE in a transaction,
 * applied by its commit), the set dump (SSF_CMD_SET_GET: a summary per set,
 * or one set's elements) and SSF_CMD_SET_TEST.
 *
 * Locking: staging and committing run under ssf_net.lock (ssf_txn.c); the
 * dump and the test read the published policy and its sets' contents
 * under rcu_read_lock(). A dump of elements spans many messages and is
 * flagged NLM_F_DUMP_INTR when the set changes between two of them.
 */
#include <net/genetlink.h>

#include "ssf_nl.h"
#include "ssf_txn.h"
#include "ssf_setobj.h"

/* not const: 6.1's NLA_POLICY_FULL_RANGE() takes a plain pointer */
static struct netlink_range_validation ssf_set_timeout_range = {
	.min = 1,
	.max = SSF_SET_TIMEOUT_MAX,
};

static const struct nla_policy ssf_elem_policy[SSF_ELEM_A_MAX + 1] = {
	[SSF_ELEM_A_ADDR] = NLA_POLICY_MIN_LEN(4),
	[SSF_ELEM_A_ADDR_HI] = NLA_POLICY_MIN_LEN(4),
	[SSF_ELEM_A_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[SSF_ELEM_A_PORT] = { .type = NLA_U16 },
	[SSF_ELEM_A_PORT_HI] = { .type = NLA_U16 },
	[SSF_ELEM_A_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32,
						     &ssf_set_timeout_range),
};

const struct nla_policy ssf_set_policy[SSF_SET_A_MAX + 1] = {
	[SSF_SET_A_NAME] = { .type = NLA_NUL_STRING,
			     .len = SSF_SET_NAME_MAX - 1 },
	[SSF_SET_A_TYPE] = NLA_POLICY_RANGE(NLA_U8, 1, SSF_SET_TYPE_MAX),
	[SSF_SET_A_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32,
						    &ssf_set_timeout_range),
	[SSF_SET_A_OP] = NLA_POLICY_MAX(NLA_U8, SSF_SET_OP_MAX),
	[SSF_SET_A_ELEMS] = NLA_POLICY_NESTED_ARRAY(ssf_elem_policy),
	[SSF_SET_A_COUNT] = { .type = NLA_REJECT,
			      .reject_message = "counts are kept by the kernel" },
	[SSF_SET_A_MEMORY] = { .type = NLA_REJECT,
			       .reject_message = "counts are kept by the kernel" },
	[SSF_SET_A_DUMP_ELEMS] = { .type = NLA_FLAG },
};

/* An address attribute of 4 or 16 bytes into @a; its family, or 0. */
static u8 ssf_elem_addr(const struct nlattr *attr, union ssf_addr *a)
{
	memset(a, 0, sizeof(*a));
	switch (nla_len(attr)) {
	case 4:
		memcpy(a->b, nla_data(attr), 4);
		return SSF_FAMILY_IPV4;
	case 16:
		memcpy(a->b, nla_data(attr), 16);
		return SSF_FAMILY_IPV6;
	}
	return 0;
}

static void ssf_elem_port(union ssf_addr *a, u16 port)
{
	memset(a, 0, sizeof(*a));
	a->b[0] = port >> 8;
	a->b[1] = port & 0xff;
}

/*
 * Decode one SSF_SET_A_ELEM nest for a set of @type into @e, its timeout
 * (0: none given) in @e->expires. The shared element checker has the last
 * word.
 */
static int ssf_decode_elem(const struct nlattr *nest, u8 type,
			   struct ssf_elem *e, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SSF_ELEM_A_MAX + 1];
	const char *err = NULL;
	u8 fam;
	int ret;

	ret = nla_parse_nested(tb, SSF_ELEM_A_MAX, nest, ssf_elem_policy,
			       extack);
	if (ret)
		return ret;
	memset(e, 0, sizeof(*e));
	if (tb[SSF_ELEM_A_TIMEOUT])
		e->expires = nla_get_u32(tb[SSF_ELEM_A_TIMEOUT]);
	if (type == SSF_SET_PORT) {
		if (!tb[SSF_ELEM_A_PORT] || tb[SSF_ELEM_A_ADDR]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "a port set holds ports and port ranges");
			return -EINVAL;
		}
		ssf_elem_port(&e->lo, nla_get_u16(tb[SSF_ELEM_A_PORT]));
		e->kind = SSF_ELEM_PORT;
		if (tb[SSF_ELEM_A_PORT_HI]) {
			ssf_elem_port(&e->hi, nla_get_u16(tb[SSF_ELEM_A_PORT_HI]));
			e->kind = SSF_ELEM_PORT_RANGE;
		}
	} else {
		if (!tb[SSF_ELEM_A_ADDR] || tb[SSF_ELEM_A_PORT]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an address set holds addresses, prefixes and ranges");
			return -EINVAL;
		}
		e->family = ssf_elem_addr(tb[SSF_ELEM_A_ADDR], &e->lo);
		e->kind = SSF_ELEM_ADDR;
		if (tb[SSF_ELEM_A_PLEN] && tb[SSF_ELEM_A_ADDR_HI]) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an element is a prefix or a range, not both");
			return -EINVAL;
		}
		if (tb[SSF_ELEM_A_PLEN]) {
			e->kind = SSF_ELEM_PREFIX;
			e->plen = nla_get_u8(tb[SSF_ELEM_A_PLEN]);
		}
		if (tb[SSF_ELEM_A_ADDR_HI]) {
			fam = ssf_elem_addr(tb[SSF_ELEM_A_ADDR_HI], &e->hi);
			if (fam != e->family) {
				NL_SET_ERR_MSG_ATTR(extack, tb[SSF_ELEM_A_ADDR_HI],
						    "the ends of a range are of one family");
				return -EINVAL;
			}
			e->kind = SSF_ELEM_RANGE;
		}
	}
	ret = ssf_elem_verify(type, e, &err);
	if (ret)
		ssf_extack_set(extack, nest, err);
	return ret;
}

/* Stage the elements of @elems (SSF_SET_A_ELEMS) in @ts, of a set of @type. */
static int ssf_stage_elems(struct ssf_net *sn, struct ssf_txn *t,
			   struct ssf_txn_set *ts, u8 type,
			   const struct nlattr *elems, u32 timeout,
			   struct netlink_ext_ack *extack)
{
	struct ssf_elem e;
	struct nlattr *a;
	int rem, ret;

	if (!elems)
		return 0;
	nla_for_each_nested(a, elems, rem) {
		ret = ssf_decode_elem(a, type, &e, extack);
		if (ret)
			return ret;
		if (!e.expires)
			e.expires = timeout;
		ret = ssf_txn_add_elem(sn, t, ts, &e);
		if (ret == -E2BIG)
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "too many elements in the set (module parameter max_set_elems)");
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * SSF_A_SETS of POLICY_ADD: each SSF_A_SET declares a set (with
 * SSF_SET_A_TYPE; a name declared twice is refused) or adds elements to
 * one declared before (without it).
 */
int ssf_nl_stage_sets(struct ssf_net *sn, struct ssf_txn *t,
		      struct genl_info *info)
{
	struct nlattr *tb[SSF_SET_A_MAX + 1], *a;
	struct netlink_ext_ack *extack = info->extack;
	struct ssf_txn_set *ts;
	u32 timeout;
	int rem, ret, i;

	nla_for_each_nested(a, info->attrs[SSF_A_SETS], rem) {
		ret = nla_parse_nested(tb, SSF_SET_A_MAX, a, ssf_set_policy,
				       extack);
		if (ret)
			return ret;
		if (NL_REQ_ATTR_CHECK(extack, a, tb, SSF_SET_A_NAME))
			return -EINVAL;
		if (tb[SSF_SET_A_OP]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[SSF_SET_A_OP],
					    "a policy declares sets: no operation");
			return -EINVAL;
		}
		timeout = tb[SSF_SET_A_TIMEOUT] ?
			  nla_get_u32(tb[SSF_SET_A_TIMEOUT]) : 0;
		i = ssf_txn_find_set(t, nla_data(tb[SSF_SET_A_NAME]));
		if (tb[SSF_SET_A_TYPE]) {
			if (i >= 0) {
				NL_SET_ERR_MSG_ATTR(extack, tb[SSF_SET_A_NAME],
						    "a set of this name is declared already");
				return -EEXIST;
			}
			ts = ssf_txn_new_set(sn, t, nla_data(tb[SSF_SET_A_NAME]));
			if (IS_ERR(ts)) {
				if (PTR_ERR(ts) == -E2BIG)
					NL_SET_ERR_MSG_ATTR(extack, a,
							    "too many sets in one policy");
				return PTR_ERR(ts);
			}
			ts->type = nla_get_u8(tb[SSF_SET_A_TYPE]);
			ts->timeout = timeout;
			/* the default applies at commit, to all of them */
			timeout = 0;
		} else {
			if (i < 0) {
				NL_SET_ERR_MSG_ATTR(extack, tb[SSF_SET_A_NAME],
						    "no set of this name is declared (declare it with its type first)");
				return -ENOENT;
			}
			ts = &t->sets[i];
		}
		ret = ssf_stage_elems(sn, t, ts, ts->type, tb[SSF_SET_A_ELEMS],
				      timeout, extack);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * SSF_CMD_SET_CHANGE: stage one change of one set of the published policy
 * in the socket's transaction. A change that follows one of the same set
 * and operation continues it (a large change comes in several messages).
 */
int ssf_nl_set_change(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct nlattr *tb[SSF_SET_A_MAX + 1];
	struct ssf_txn_set *ts = NULL;
	const struct ssf_policy *p;
	const char *name;
	struct ssf_txn *t;
	int ret, idx;
	u8 op, type;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_SET))
		return -EINVAL;
	ret = nla_parse_nested(tb, SSF_SET_A_MAX, info->attrs[SSF_A_SET],
			       ssf_set_policy, info->extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[SSF_A_SET], tb,
			      SSF_SET_A_NAME) ||
	    NL_REQ_ATTR_CHECK(info->extack, info->attrs[SSF_A_SET], tb,
			      SSF_SET_A_OP))
		return -EINVAL;
	if (tb[SSF_SET_A_TYPE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SSF_SET_A_TYPE],
				    "a set's type is given when it is declared");
		return -EINVAL;
	}
	name = nla_data(tb[SSF_SET_A_NAME]);
	op = nla_get_u8(tb[SSF_SET_A_OP]);

	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, info->snd_portid);
	if (!t) {
		NL_SET_ERR_MSG(info->extack,
			       "no open transaction on this socket (begin first)");
		ret = -ENOENT;
		goto out_unlock;
	}
	ret = ssf_txn_kind(t, SSF_TXN_SETS, info->extack);
	if (ret)
		goto out_abort;
	p = ssf_net_policy(sn);
	idx = ssf_policy_find_set(p, name);
	if (idx < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SSF_SET_A_NAME],
				    "the policy has no set with this name");
		ret = -ENOENT;
		goto out_abort;
	}
	type = p->sets[idx]->type;
	if (t->nsets) {
		ts = &t->sets[t->nsets - 1];
		if (strcmp(ts->name, name) || ts->op != op ||
		    op == SSF_SET_OP_FLUSH)
			ts = NULL;
	}
	if (!ts) {
		ts = ssf_txn_new_set(sn, t, name);
		if (IS_ERR(ts)) {
			ret = PTR_ERR(ts);
			if (ret == -E2BIG)
				NL_SET_ERR_MSG(info->extack,
					       "too many changes in one transaction");
			goto out_abort;
		}
		ts->op = op;
		/* checked again at commit, against the set then published */
		ts->type = type;
	}
	ret = ssf_stage_elems(sn, t, ts, type, tb[SSF_SET_A_ELEMS],
			      tb[SSF_SET_A_TIMEOUT] ?
			      nla_get_u32(tb[SSF_SET_A_TIMEOUT]) : 0,
			      info->extack);
	if (ret)
		goto out_abort;
	mutex_unlock(&sn->lock);
	return 0;

out_abort:
	ssf_txn_free(sn, t);
out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_put_elem(struct sk_buff *skb, const struct ssf_elem *e,
			u32 now)
{
	int alen = e->family == SSF_FAMILY_IPV4 ? 4 : 16;
	struct nlattr *nest = nla_nest_start(skb, SSF_SET_A_ELEM);

	if (!nest)
		return -EMSGSIZE;
	switch (e->kind) {
	case SSF_ELEM_PORT:
	case SSF_ELEM_PORT_RANGE:
		if (nla_put_u16(skb, SSF_ELEM_A_PORT,
				(e->lo.b[0] << 8) | e->lo.b[1]) ||
		    (e->kind == SSF_ELEM_PORT_RANGE &&
		     nla_put_u16(skb, SSF_ELEM_A_PORT_HI,
				 (e->hi.b[0] << 8) | e->hi.b[1])))
			goto nla_failure;
		break;
	default:
		if (nla_put(skb, SSF_ELEM_A_ADDR, alen, e->lo.b) ||
		    (e->kind == SSF_ELEM_PREFIX &&
		     nla_put_u8(skb, SSF_ELEM_A_PLEN, e->plen)) ||
		    (e->kind == SSF_ELEM_RANGE &&
		     nla_put(skb, SSF_ELEM_A_ADDR_HI, alen, e->hi.b)))
			goto nla_failure;
	}
	/* seconds left, at least 1 until the expiry work has run */
	if (e->expires &&
	    nla_put_u32(skb, SSF_ELEM_A_TIMEOUT,
			(s32)(e->expires - now) > 0 ? e->expires - now : 1))
		goto nla_failure;
	nla_nest_end(skb, nest);
	return 0;

nla_failure:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int ssf_put_set_head(struct sk_buff *skb, const struct ssf_set *s,
			    const struct ssf_set_ver *v)
{
	return nla_put_string(skb, SSF_SET_A_NAME, s->name) ||
	       nla_put_u8(skb, SSF_SET_A_TYPE, s->type) ||
	       (s->timeout && nla_put_u32(skb, SSF_SET_A_TIMEOUT, s->timeout)) ||
	       nla_put_u32(skb, SSF_SET_A_COUNT, v->d.nelem) ||
	       nla_put_u64_64bit(skb, SSF_SET_A_MEMORY, v->d.mem + sizeof(*v),
				 SSF_SET_A_PAD) ? -EMSGSIZE : 0;
}

/*
 * One message of the elements dump of @s, from element cb->args[1] on:
 * the set's head and as many elements as fit.
 */
static int ssf_dump_elems(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct ssf_set *s)
{
	const struct ssf_set_ver *v = rcu_dereference(s->ver);
	u32 i = cb->args[1], now = ssf_set_now();
	struct nlattr *set, *elems;
	void *hdr;

	cb->seq = (u32)v->seq ?: 1;
	if (i >= v->d.nelem && cb->args[2])
		return 0;	/* every element sent */
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ssf_genl_family, NLM_F_MULTI, SSF_CMD_SET_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	set = nla_nest_start(skb, SSF_A_SET);
	if (!set || ssf_put_set_head(skb, s, v))
		goto cancel;
	elems = nla_nest_start(skb, SSF_SET_A_ELEMS);
	if (!elems)
		goto cancel;
	for (; i < v->d.nelem; i++)
		if (ssf_put_elem(skb, &v->d.elem[i], now))
			break;
	if (i == cb->args[1] && i < v->d.nelem)
		goto cancel;	/* not one element fits: try an empty skb */
	nla_nest_end(skb, elems);
	nla_nest_end(skb, set);
	genlmsg_end(skb, hdr);
	cb->args[1] = i;
	cb->args[2] = 1;	/* the head went out at least once */
	return i < v->d.nelem ? -EMSGSIZE : 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * SSF_CMD_SET_GET (dump): without a name, one summary message per set of
 * the published policy (cursor: cb->args[0]); with SSF_SET_A_NAME and
 * SSF_SET_A_DUMP_ELEMS, that set's elements over as many messages as
 * needed (cursor: cb->args[1]).
 */
int ssf_nl_set_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ssf_net *sn = ssf_pernet(sock_net(skb->sk));
	struct nlattr *tb[SSF_SET_A_MAX + 1] = {};
	struct nlattr *attrs[SSF_A_MAX + 1];
	const struct ssf_policy *p;
	struct nlattr *set;
	int ret = 0, idx;
	u32 i = cb->args[0];
	void *hdr;

	/*
	 * The request again, each part: the core keeps parsed dump
	 * attributes in a place that differs between kernel versions.
	 */
	ret = genlmsg_parse(cb->nlh, &ssf_genl_family, attrs, SSF_A_MAX,
			    ssf_set_policy_one, cb->extack);
	if (ret)
		return ret;
	if (attrs[SSF_A_SET]) {
		ret = nla_parse_nested(tb, SSF_SET_A_MAX, attrs[SSF_A_SET],
				       ssf_set_policy, cb->extack);
		if (ret)
			return ret;
	}
	rcu_read_lock();
	p = rcu_dereference(sn->policy);
	if (tb[SSF_SET_A_NAME]) {
		idx = ssf_policy_find_set(p, nla_data(tb[SSF_SET_A_NAME]));
		if (idx < 0) {
			rcu_read_unlock();
			NL_SET_ERR_MSG(cb->extack, "the policy has no set with this name");
			return -ENOENT;
		}
		if (tb[SSF_SET_A_DUMP_ELEMS]) {
			ret = ssf_dump_elems(skb, cb, p->sets[idx]);
			rcu_read_unlock();
			if (ret == -EMSGSIZE && skb->len)
				return skb->len;
			return ret ?: skb->len;
		}
		/* the one set's summary */
		if (i > (u32)idx)
			goto out;
		i = idx;
	}
	cb->seq = p ? p->generation + 1 : 1;
	for (; p && i < p->nsets; i++) {
		const struct ssf_set *s = p->sets[i];

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ssf_genl_family,
				  NLM_F_MULTI, SSF_CMD_SET_GET);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		set = nla_nest_start(skb, SSF_A_SET);
		if (!set || ssf_put_set_head(skb, s, rcu_dereference(s->ver))) {
			genlmsg_cancel(skb, hdr);
			ret = -EMSGSIZE;
			break;
		}
		nla_nest_end(skb, set);
		genlmsg_end(skb, hdr);
		if (tb[SSF_SET_A_NAME]) {
			i = p->nsets;
			break;
		}
	}
out:
	rcu_read_unlock();
	cb->args[0] = i;
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

/* SSF_CMD_SET_TEST: is an address or port in a set? Reply SSF_A_SET_MATCH. */
int ssf_nl_set_test(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct nlattr *tb[SSF_SET_A_MAX + 1], *a;
	const struct ssf_set_data *d;
	const struct ssf_policy *p;
	struct ssf_elem e;
	struct sk_buff *msg;
	bool match = false;
	int ret, idx, rem, n = 0;
	void *hdr;
	u8 type;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_SET))
		return -EINVAL;
	ret = nla_parse_nested(tb, SSF_SET_A_MAX, info->attrs[SSF_A_SET],
			       ssf_set_policy, info->extack);
	if (ret)
		return ret;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[SSF_A_SET], tb,
			      SSF_SET_A_NAME) ||
	    NL_REQ_ATTR_CHECK(info->extack, info->attrs[SSF_A_SET], tb,
			      SSF_SET_A_ELEMS))
		return -EINVAL;
	msg = ssf_reply_new(info, SSF_CMD_SET_TEST, &hdr);
	if (!msg)
		return -ENOMEM;

	rcu_read_lock();
	p = rcu_dereference(sn->policy);
	idx = ssf_policy_find_set(p, nla_data(tb[SSF_SET_A_NAME]));
	if (idx < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SSF_SET_A_NAME],
				    "the policy has no set with this name");
		ret = -ENOENT;
		goto out_unlock;
	}
	type = p->sets[idx]->type;
	d = &rcu_dereference(p->sets[idx]->ver)->d;
	nla_for_each_nested(a, tb[SSF_SET_A_ELEMS], rem) {
		if (n++) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "a test is of one address or port");
			ret = -EINVAL;
			goto out_unlock;
		}
		ret = ssf_decode_elem(a, type, &e, info->extack);
		if (ret)
			goto out_unlock;
		if (e.kind != SSF_ELEM_ADDR && e.kind != SSF_ELEM_PORT) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "a test is of one address or port");
			ret = -EINVAL;
			goto out_unlock;
		}
		match = type == SSF_SET_PORT ?
			ssf_set_match_port(d, (e.lo.b[0] << 8) | e.lo.b[1]) :
			ssf_set_match_addr(d, e.family, &e.lo);
	}
	rcu_read_unlock();
	if (!n) {
		NL_SET_ERR_MSG(info->extack, "a test is of one address or port");
		nlmsg_free(msg);
		return -EINVAL;
	}
	if (nla_put_u8(msg, SSF_A_SET_MATCH, match)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ssf_reply_send(info, msg, hdr);

out_unlock:
	rcu_read_unlock();
	nlmsg_free(msg);
	return ret;
}
