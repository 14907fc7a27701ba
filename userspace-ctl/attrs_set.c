// SPDX-License-Identifier: GPL-2.0
/*
 * Sets on the wire: a set element -> an SSF_SET_A_ELEM nest, and the
 * replies of SSF_CMD_SET_GET (a summary per set, or one set's elements
 * over many messages) -> struct ssfctl_setinfo, validated with libnl
 * policies and, for elements, by ssf_elem_verify(), the kernel's checker.
 */
#include <string.h>
#include <netlink/errno.h>

#include "ssfctl.h"
#include "attrs.h"

/* SSF_SET_A_NAME is checked by hand; the nests have no entry (attrs.c). */
static const struct nla_policy ssf_set_policy[SSF_SET_A_MAX + 1] = {
	[SSF_SET_A_TYPE]	= { .type = NLA_U8 },
	[SSF_SET_A_TIMEOUT]	= { .type = NLA_U32 },
	[SSF_SET_A_COUNT]	= { .type = NLA_U32 },
	[SSF_SET_A_MEMORY]	= { .type = NLA_U64 },
};

static const struct nla_policy ssf_elem_policy[SSF_ELEM_A_MAX + 1] = {
	[SSF_ELEM_A_PLEN]	= { .type = NLA_U8 },
	[SSF_ELEM_A_PORT]	= { .type = NLA_U16 },
	[SSF_ELEM_A_PORT_HI]	= { .type = NLA_U16 },
	[SSF_ELEM_A_TIMEOUT]	= { .type = NLA_U32 },
};

static u16 ssf_port_of(const union ssf_addr *a)
{
	return (u16)(a->b[0] << 8 | a->b[1]);
}

int ssf_elem_put(struct nl_msg *msg, const struct ssf_elem *e, u32 timeout)
{
	int alen = e->family == SSF_FAMILY_IPV4 ? 4 : 16;
	struct nlattr *nest;
	int ret;

	nest = nla_nest_start(msg, SSF_SET_A_ELEM | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	switch (e->kind) {
	case SSF_ELEM_PORT:
	case SSF_ELEM_PORT_RANGE:
		ret = nla_put_u16(msg, SSF_ELEM_A_PORT, ssf_port_of(&e->lo));
		if (!ret && e->kind == SSF_ELEM_PORT_RANGE)
			ret = nla_put_u16(msg, SSF_ELEM_A_PORT_HI,
					  ssf_port_of(&e->hi));
		break;
	default:
		ret = nla_put(msg, SSF_ELEM_A_ADDR, alen, e->lo.b);
		if (!ret && e->kind == SSF_ELEM_PREFIX)
			ret = nla_put_u8(msg, SSF_ELEM_A_PLEN, e->plen);
		if (!ret && e->kind == SSF_ELEM_RANGE)
			ret = nla_put(msg, SSF_ELEM_A_ADDR_HI, alen, e->hi.b);
	}
	if (!ret && timeout)
		ret = nla_put_u32(msg, SSF_ELEM_A_TIMEOUT, timeout);
	if (ret < 0) {
		nla_nest_cancel(msg, nest);
		return ret;
	}
	return nla_nest_end(msg, nest);
}

/* An address attribute of 4 or 16 bytes into @a: its family, or 0. */
static u8 ssf_elem_addr_get(const struct nlattr *attr, union ssf_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (nla_len(attr) != 4 && nla_len(attr) != 16)
		return 0;
	memcpy(a->b, nla_data(attr), (size_t)nla_len(attr));
	return nla_len(attr) == 4 ? SSF_FAMILY_IPV4 : SSF_FAMILY_IPV6;
}

/* One SSF_SET_A_ELEM nest of a set of @type into @e (expires: time left). */
static const char *ssf_elem_get(struct nlattr *nest, u8 type, struct ssf_elem *e)
{
	struct nlattr *tb[SSF_ELEM_A_MAX + 1];
	const char *why = NULL;

	memset(e, 0, sizeof(*e));
	if (nla_parse_nested(tb, SSF_ELEM_A_MAX, nest, ssf_elem_policy) < 0)
		return "malformed set element";
	if (tb[SSF_ELEM_A_PORT]) {
		e->kind = SSF_ELEM_PORT;
		e->lo.b[0] = (u8)(nla_get_u16(tb[SSF_ELEM_A_PORT]) >> 8);
		e->lo.b[1] = (u8)nla_get_u16(tb[SSF_ELEM_A_PORT]);
		if (tb[SSF_ELEM_A_PORT_HI]) {
			e->kind = SSF_ELEM_PORT_RANGE;
			e->hi.b[0] = (u8)(nla_get_u16(tb[SSF_ELEM_A_PORT_HI]) >> 8);
			e->hi.b[1] = (u8)nla_get_u16(tb[SSF_ELEM_A_PORT_HI]);
		}
	} else if (tb[SSF_ELEM_A_ADDR]) {
		e->family = ssf_elem_addr_get(tb[SSF_ELEM_A_ADDR], &e->lo);
		e->kind = SSF_ELEM_ADDR;
		if (tb[SSF_ELEM_A_PLEN]) {
			e->kind = SSF_ELEM_PREFIX;
			e->plen = nla_get_u8(tb[SSF_ELEM_A_PLEN]);
		}
		if (tb[SSF_ELEM_A_ADDR_HI]) {
			if (tb[SSF_ELEM_A_PLEN] ||
			    ssf_elem_addr_get(tb[SSF_ELEM_A_ADDR_HI], &e->hi) !=
			    e->family)
				return "malformed set element";
			e->kind = SSF_ELEM_RANGE;
		}
	}
	if (ssf_elem_verify(type, e, &why))
		return "malformed set element";
	if (tb[SSF_ELEM_A_TIMEOUT])
		e->expires = nla_get_u32(tb[SSF_ELEM_A_TIMEOUT]);
	return NULL;
}

/* The head of an SSF_A_SET nest (name, type, timeout, count, memory). */
static const char *ssf_set_head_get(struct nlattr *nest,
				    struct ssfctl_setinfo *s,
				    struct nlattr **elems)
{
	struct nlattr *tb[SSF_SET_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (nla_parse_nested(tb, SSF_SET_A_MAX, nest, ssf_set_policy) < 0)
		return "malformed set";
	if (!tb[SSF_SET_A_NAME] || !tb[SSF_SET_A_TYPE] ||
	    !ssf_attr_get_str(tb[SSF_SET_A_NAME], s->name, sizeof(s->name)))
		return "set without a name or a type";
	s->type = nla_get_u8(tb[SSF_SET_A_TYPE]);
	if (tb[SSF_SET_A_TIMEOUT])
		s->timeout = nla_get_u32(tb[SSF_SET_A_TIMEOUT]);
	if (tb[SSF_SET_A_COUNT])
		s->count = nla_get_u32(tb[SSF_SET_A_COUNT]);
	if (tb[SSF_SET_A_MEMORY])
		s->memory = nla_get_u64(tb[SSF_SET_A_MEMORY]);
	*elems = tb[SSF_SET_A_ELEMS];
	return NULL;
}

const char *ssf_sets_parse(struct nlattr **tb, void *obj)
{
	struct ssfctl_setinfo s;
	struct nlattr *elems;
	const char *why;

	if (!tb[SSF_A_SET])
		return "set dump message without a set";
	why = ssf_set_head_get(tb[SSF_A_SET], &s, &elems);
	if (why)
		return why;
	if (ssf_setlist_add(obj, &s))
		return "out of memory";
	return NULL;
}

const char *ssf_set_elems_parse(struct nlattr **tb, void *obj)
{
	struct ssfctl_setinfo *s = obj, head;
	struct nlattr *elems, *a;
	struct ssf_elem e;
	const char *why;
	int rem;

	if (!tb[SSF_A_SET])
		return "set dump message without a set";
	why = ssf_set_head_get(tb[SSF_A_SET], &head, &elems);
	if (why)
		return why;
	if (s->name[0] && (strcmp(s->name, head.name) || s->type != head.type))
		return "set dump message of another set";
	head.elems = s->elems;
	head.nelems = s->nelems;
	head.cap = s->cap;
	*s = head;
	if (!elems)
		return NULL;
	nla_for_each_nested(a, elems, rem) {
		why = ssf_elem_get(a, s->type, &e);
		if (why)
			return why;
		if (ssf_setinfo_add_elem(s, &e))
			return "out of memory";
	}
	return NULL;
}

int ssf_sets_fetch(struct ssfctl_nl *nl, struct ssfctl_setlist *sl)
{
	bool intr;
	int try;

	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		ssf_setlist_free(sl);
		if (ssf_nl_get(nl, SSF_CMD_SET_GET, true, "list sets",
			       ssf_sets_parse, sl, &intr))
			return -1;
		if (!intr)
			return 0;
	}
	ssf_err("list sets: the policy kept changing during the dump (%d tries)",
		SSF_DUMP_TRIES);
	return -1;
}

int ssf_set_fetch(struct ssfctl_nl *nl, const char *what, const char *set,
		  bool elems, struct ssfctl_setinfo *s)
{
	char name[SSF_SET_NAME_MAX];
	struct nlattr *nest;
	struct nl_msg *msg;
	bool intr = false;
	int try, ret;

	/* @set may be @s->name, which each try clears */
	snprintf(name, sizeof(name), "%s", set);
	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		free(s->elems);
		memset(s, 0, sizeof(*s));
		msg = ssf_nl_msg(nl, SSF_CMD_SET_GET, true, 0);
		nest = msg ? nla_nest_start(msg, SSF_A_SET | NLA_F_NESTED) : NULL;
		if (!nest || nla_put_string(msg, SSF_SET_A_NAME, name) < 0 ||
		    (elems && nla_put_flag(msg, SSF_SET_A_DUMP_ELEMS) < 0) ||
		    nla_nest_end(msg, nest) < 0) {
			nlmsg_free(msg);
			ssf_err("%s: out of memory", what);
			return -1;
		}
		ret = ssf_nl_call(nl, msg, ssf_set_elems_parse, s, &intr);
		nlmsg_free(msg);
		if (ret) {
			ssf_nl_perror(nl, "%s", what);
			return -1;
		}
		if (!s->name[0]) {
			ssf_err("%s: the kernel sent no set", what);
			return -1;
		}
		if (!intr)
			return 0;
	}
	ssf_err("%s: the set kept changing during the dump (%d tries)", what,
		SSF_DUMP_TRIES);
	return -1;
}
