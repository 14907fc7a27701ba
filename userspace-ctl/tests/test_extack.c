// SPDX-License-Identifier: GPL-2.0
/*
 * Extended acks: NLMSG_ERROR capped and not, with and without TLVs,
 * truncated and hostile TLVs, NLMSG_DONE results; error offsets mapped back
 * to attributes of a request built the way ssfctl builds them; and the
 * error text ssfctl derives from them.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "harness.h"
#include "extack.h"
#include "netlink.h"
#include "attrs.h"
#include "polparse.h"

struct t_buf {
	u8 b[2048];
	size_t len;
};

static void t_put(struct t_buf *t, const void *p, size_t n)
{
	memcpy(t->b + t->len, p, n);
	t->len += n;
}

static void t_align(struct t_buf *t)
{
	while (t->len % 4)
		t->b[t->len++] = 0;
}

static void t_tlv(struct t_buf *t, u16 type, const void *p, size_t n)
{
	struct nlattr a = { .nla_len = (u16)(NLA_HDRLEN + n), .nla_type = type };

	t_put(t, &a, sizeof(a));
	t_put(t, p, n);
	t_align(t);
}

static void t_tlv_u32(struct t_buf *t, u16 type, u32 v)
{
	t_tlv(t, type, &v, sizeof(v));
}

static void t_set_len(struct t_buf *t)
{
	u32 len = (u32)t->len;

	memcpy(t->b, &len, sizeof(len));
}

/* NLMSG_ERROR for a request of @req_len bytes (payload echoed unless capped). */
static void t_error(struct t_buf *t, int error, u16 flags, u32 req_len)
{
	struct nlmsghdr h = { .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = flags };
	struct nlmsgerr e = { .error = error };
	u8 payload[256];
	u32 i;

	t->len = 0;
	e.msg.nlmsg_len = req_len;
	e.msg.nlmsg_type = 0x20;
	t_put(t, &h, sizeof(h));
	t_put(t, &e, sizeof(e));
	if (!(flags & NLM_F_CAPPED)) {
		for (i = 0; i < req_len - NLMSG_HDRLEN; i++)
			payload[i] = (u8)(0xa0 + i);
		t_put(t, payload, req_len - NLMSG_HDRLEN);
	}
	t_align(t);
}

SSF_TEST(extack_errors)
{
	struct ssfctl_extack ea;
	struct t_buf t;
	static const char msg[] = "no such rule";

	/* capped, message and offset */
	t_error(&t, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 100);
	t_tlv(&t, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	t_tlv_u32(&t, NLMSGERR_ATTR_OFFS, 44);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EINVAL);
	CHECK_STR(ea.msg, "no such rule");
	CHECK(ea.has_off);
	CHECK_INT(ea.off, 44);
	CHECK(!ea.has_miss_type && !ea.has_miss_nest);

	/* not capped: the TLVs follow the echoed request (26 bytes, padded) */
	t_error(&t, -EBUSY, NLM_F_ACK_TLVS, 26);
	t_tlv(&t, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	t_tlv_u32(&t, NLMSGERR_ATTR_MISS_TYPE, 3);
	t_tlv_u32(&t, NLMSGERR_ATTR_MISS_NEST, 20);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EBUSY);
	CHECK_STR(ea.msg, "no such rule");
	CHECK(!ea.has_off);
	CHECK(ea.has_miss_type && ea.miss_type == 3);
	CHECK(ea.has_miss_nest && ea.miss_nest == 20);

	/* no NLM_F_ACK_TLVS: TLV-looking bytes are not read */
	t_error(&t, -EPERM, NLM_F_CAPPED, 100);
	t_tlv(&t, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EPERM);
	CHECK_STR(ea.msg, "");

	/* a TLV longer than the message is ignored; those before it count */
	t_error(&t, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 100);
	t_tlv_u32(&t, NLMSGERR_ATTR_OFFS, 8);
	t_tlv(&t, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	t_set_len(&t);
	t.b[t.len - 20] = 0xff;	/* the MSG TLV's nla_len runs past the end */
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK(ea.has_off && ea.off == 8);
	CHECK_STR(ea.msg, "");

	/* short OFFS payload, unterminated message with control bytes */
	t_error(&t, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 100);
	t_tlv(&t, NLMSGERR_ATTR_OFFS, "\x01\x02", 2);
	t_tlv(&t, NLMSGERR_ATTR_MSG, "bad\nthing\x1b[31m", 15);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK(!ea.has_off);
	CHECK_STR(ea.msg, "bad\nthing\x1b[31m");

	/* echoed request claims to be longer than the message: no TLVs */
	t_error(&t, -EINVAL, NLM_F_ACK_TLVS, 20);
	t_tlv(&t, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	t_set_len(&t);
	memcpy(t.b + NLMSG_HDRLEN + sizeof(int), &(u32){ 4000 }, 4);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EINVAL);
	CHECK_STR(ea.msg, "");

	/* nonsense error codes, truncated messages */
	t_error(&t, 5, NLM_F_CAPPED, 100);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EPROTO);
	t_error(&t, -100000, NLM_F_CAPPED, 100);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_error((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EPROTO);
	CHECK_INT(ssf_extack_from_error((void *)t.b, 30, &ea), -1);
	CHECK_INT(ssf_extack_from_error((void *)t.b, 4, &ea), -1);
}

SSF_TEST(extack_done)
{
	struct nlmsghdr h = { .nlmsg_type = NLMSG_DONE, .nlmsg_flags = NLM_F_MULTI };
	struct ssfctl_extack ea;
	struct t_buf t = { .len = 0 };
	int result = -EBUSY;

	/* an old kernel's empty DONE */
	t_put(&t, &h, sizeof(h));
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_done((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, 0);

	t.len = 0;
	h.nlmsg_flags |= NLM_F_ACK_TLVS;
	t_put(&t, &h, sizeof(h));
	t_put(&t, &result, sizeof(result));
	t_tlv(&t, NLMSGERR_ATTR_MSG, "dump failed", 12);
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_done((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, EBUSY);
	CHECK_STR(ea.msg, "dump failed");

	t.len = 0;
	result = 0;
	t_put(&t, &h, sizeof(h));
	t_put(&t, &result, sizeof(result));
	t_set_len(&t);
	CHECK_INT(ssf_extack_from_done((void *)t.b, t.len, &ea), 0);
	CHECK_INT(ea.error, 0);
}

/* Offset of @a within the message of @msg. */
static u32 t_off(struct nl_msg *msg, const void *a)
{
	return (u32)((const u8 *)a - (const u8 *)nlmsg_hdr(msg));
}

static struct nlattr *t_child(struct nlattr *nest, int type, int nth)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == type && nth-- == 0)
			return a;
	return NULL;
}

SSF_TEST(extack_path)
{
	static const char *const rules[] = {
		"in accept",
		"out proto udp dport 53 accept",
		"fwd proto tcp dst 10.0.0.0/8 dport 22 drop",
	};
	u8 defaults[SSF_DIR_MAX + 1] = { 0 };
	struct nlattr *rnest, *r2, *a, *d;
	struct ssfctl_nl nl = { .family = 0x20 };
	struct nlattr *tb[SSF_A_MAX + 1];
	struct ssfctl_polerr e;
	struct ssfctl_apath p;
	struct ssfctl_rule r;
	struct nl_msg *msg;
	struct nlmsghdr *h;
	size_t i;

	msg = ssf_nl_msg(&nl, SSF_CMD_POLICY_ADD, false, 4096);
	CHECK(msg != NULL);
	if (!msg)
		return;
	CHECK_INT(ssf_defaults_put(msg, defaults), 0);
	rnest = nla_nest_start(msg, SSF_A_RULES | NLA_F_NESTED);
	for (i = 0; i < 3; i++) {
		ssf_polparse_rule(rules[i], strlen(rules[i]), &r, &e);
		CHECK_INT(ssf_rule_put(msg, SSF_A_RULE, &r), 0);
	}
	nla_nest_end(msg, rnest);
	h = nlmsg_hdr(msg);
	CHECK_INT(genlmsg_parse(h, 0, tb, SSF_A_MAX, ssf_a_policy), 0);
	CHECK(tb[SSF_A_RULES] && tb[SSF_A_DEFAULTS]);
	if (!tb[SSF_A_RULES] || !tb[SSF_A_DEFAULTS])
		goto out;
	/* nests carry NLA_F_NESTED: strict kernel validation demands it */
	CHECK(tb[SSF_A_RULES]->nla_type & NLA_F_NESTED);
	CHECK(tb[SSF_A_DEFAULTS]->nla_type & NLA_F_NESTED);

	/* the third rule's nest */
	r2 = t_child(tb[SSF_A_RULES], SSF_A_RULE, 2);
	CHECK(r2 && (r2->nla_type & NLA_F_NESTED));
	if (!r2)
		goto out;
	CHECK_INT(ssf_attr_path(h, h->nlmsg_len, t_off(msg, r2), &p), 0);
	CHECK_INT(p.depth, 2);
	CHECK_INT(p.e[0].type, SSF_A_RULES);
	CHECK_INT(p.e[1].type, SSF_A_RULE);
	CHECK_INT(p.e[1].index, 2);

	/* an attribute inside it */
	a = t_child(r2, SSF_RULE_A_DPORT_MIN, 0);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(ssf_attr_path(h, h->nlmsg_len, t_off(msg, a), &p), 0);
		CHECK_INT(p.depth, 3);
		CHECK_INT(p.e[2].type, SSF_RULE_A_DPORT_MIN);
		CHECK_INT(p.e[1].index, 2);
		CHECK_STR(ssf_attr_name(&p, 2, p.e[2].type), "SSF_RULE_A_DPORT_MIN");
		CHECK_STR(ssf_rule_attr_word(p.e[2].type), "dport");
		/* an offset into its payload names the same attribute */
		CHECK_INT(ssf_attr_path(h, h->nlmsg_len, t_off(msg, a) + 4, &p), 0);
		CHECK_INT(p.depth, 3);
		CHECK_INT(p.e[2].type, SSF_RULE_A_DPORT_MIN);
	}

	/* the defaults */
	d = t_child(tb[SSF_A_DEFAULTS], SSF_DEFAULTS_A_OUT, 0);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(ssf_attr_path(h, h->nlmsg_len, t_off(msg, d), &p), 0);
		CHECK_INT(p.depth, 2);
		CHECK_INT(p.e[0].type, SSF_A_DEFAULTS);
		CHECK_INT(p.e[1].type, SSF_DEFAULTS_A_OUT);
		CHECK_INT(p.e[1].index, 1);
		CHECK_STR(ssf_attr_name(&p, 1, p.e[1].type), "SSF_DEFAULTS_A_OUT");
	}

	/* outside any attribute */
	CHECK_INT(ssf_attr_path(h, h->nlmsg_len, 0, &p), -1);
	CHECK_INT(ssf_attr_path(h, h->nlmsg_len, NLMSG_HDRLEN + 2, &p), -1);
	CHECK_INT(ssf_attr_path(h, h->nlmsg_len, h->nlmsg_len, &p), -1);
	CHECK_INT(ssf_attr_path(h, h->nlmsg_len, 0xffffffff, &p), -1);
	/* a truncated buffer is never read past */
	CHECK_INT(ssf_attr_path(h, 10, 30, &p), -1);
	CHECK_INT(ssf_attr_path(h, NLMSG_HDRLEN + GENL_HDRLEN + 2, 30, &p), -1);
out:
	nlmsg_free(msg);
}

SSF_TEST(extack_detail)
{
	struct ssfctl_nl nl;
	char s[256];

	memset(&nl, 0, sizeof(nl));
	nl.ack.error = EINVAL;
	snprintf(nl.ack.msg, sizeof(nl.ack.msg), "bad rule");
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "bad rule");
	/* the kernel's words as they are sent, shown safely */
	snprintf(nl.ack.msg, sizeof(nl.ack.msg), "bad\nthing\x1b[31m\xff");
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "bad\\x0athing\\x1b[31m\\xff");

	memset(&nl, 0, sizeof(nl));
	nl.ack.error = EINVAL;
	nl.ack.has_miss_type = true;
	nl.ack.miss_type = SSF_A_RULE_ID;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "missing attribute SSF_A_RULE_ID");

	/* missing inside a rule nest that was found in the request */
	nl.ack.has_miss_nest = true;
	nl.ack.miss_type = SSF_RULE_A_DIR;
	nl.ack.miss_path.depth = 2;
	nl.ack.miss_path.e[0].type = SSF_A_RULES;
	nl.ack.miss_path.e[1].type = SSF_A_RULE;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "missing attribute SSF_RULE_A_DIR");
	/* ... and not found: no guessing */
	nl.ack.miss_path.depth = 0;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "missing attribute type 3");

	memset(&nl, 0, sizeof(nl));
	nl.ack.error = ERANGE;
	nl.ack.has_off = true;
	nl.ack.off_path.depth = 2;
	nl.ack.off_path.e[0].type = SSF_A_RULE;
	nl.ack.off_path.e[1].type = SSF_RULE_A_SRC_PLEN;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "invalid attribute SSF_A_RULE > SSF_RULE_A_SRC_PLEN");

	memset(&nl, 0, sizeof(nl));
	nl.ack.error = EPERM;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "ssfctl needs CAP_NET_ADMIN in the network namespace");

	memset(&nl, 0, sizeof(nl));
	nl.ack.error = ENOENT;
	ssf_nl_detail(&nl, s, sizeof(s));
	CHECK_STR(s, "");
}

