// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink attributes: rules encoded as the uapi header says (types,
 * exact lengths, nests flagged) and decoded back to the same rule; status
 * and stats replies decoded; malformed replies refused.
 */
#include <string.h>
#include <netlink/genl/genl.h>

#include "harness.h"
#include "netlink.h"
#include "attrs.h"
#include "polparse.h"

static struct nl_msg *t_msg(void)
{
	struct ssfctl_nl nl = { .family = 0x20 };

	return ssf_nl_msg(&nl, SSF_CMD_RULE_ADD, false, 8192);
}

static int t_parse(struct nl_msg *msg, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, SSF_A_MAX, ssf_a_policy);
}

SSF_TEST(attrs_encoding)
{
	static const char text[] =
		"fwd proto tcp src 10.0.0.0/8 dst 10.1.2.3 sport 1-2 dport 22 drop";
	struct nlattr *tb[SSF_A_MAX + 1], *a;
	struct ssfctl_polerr e;
	struct ssfctl_rulex x;
	struct ssfctl_rule r;
	struct nl_msg *msg;
	int rem, n = 0;
	u32 seen = 0;

	CHECK_INT(ssf_polparse_rule(text, sizeof(text) - 1, &r, &e), 0);
	msg = t_msg();
	CHECK(msg != NULL);
	if (!msg)
		return;
	CHECK_INT(ssf_rule_put(msg, SSF_A_RULE, &r), 0);
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK(tb[SSF_A_RULE] && (tb[SSF_A_RULE]->nla_type & NLA_F_NESTED));
	if (!tb[SSF_A_RULE])
		goto out;
	nla_for_each_nested(a, tb[SSF_A_RULE], rem) {
		int t = nla_type(a);

		n++;
		seen |= 1u << t;
		switch (t) {
		case SSF_RULE_A_DIR:
			CHECK_INT(nla_len(a), 1);
			CHECK_INT(nla_get_u8(a), SSF_DIR_FWD);
			break;
		case SSF_RULE_A_ACTION:
			CHECK_INT(nla_len(a), 1);
			CHECK_INT(nla_get_u8(a), SSF_ACT_DROP);
			break;
		case SSF_RULE_A_FAMILY:
			CHECK_INT(nla_len(a), 1);
			CHECK_INT(nla_get_u8(a), SSF_FAMILY_IPV4);
			break;
		case SSF_RULE_A_PROTO:
			CHECK_INT(nla_get_u8(a), 6);
			break;
		case SSF_RULE_A_SRC4:
			CHECK_INT(nla_len(a), 4);
			CHECK(!memcmp(nla_data(a), "\x0a\x00\x00\x00", 4));
			break;
		case SSF_RULE_A_DST4:
			CHECK_INT(nla_len(a), 4);
			CHECK(!memcmp(nla_data(a), "\x0a\x01\x02\x03", 4));
			break;
		case SSF_RULE_A_SRC_PLEN:
			CHECK_INT(nla_get_u8(a), 8);
			break;
		case SSF_RULE_A_DST_PLEN:
			CHECK_INT(nla_get_u8(a), 32);
			break;
		case SSF_RULE_A_SPORT_MIN:
			CHECK_INT(nla_len(a), 2);
			CHECK_INT(nla_get_u16(a), 1);
			break;
		case SSF_RULE_A_SPORT_MAX:
			CHECK_INT(nla_get_u16(a), 2);
			break;
		case SSF_RULE_A_DPORT_MIN:
		case SSF_RULE_A_DPORT_MAX:
			CHECK_INT(nla_len(a), 2);
			CHECK_INT(nla_get_u16(a), 22);
			break;
		default:
			CHECK_INT(t, -1);	/* nothing else is sent */
		}
	}
	CHECK_INT(n, 12);
	CHECK_INT(seen, (1u << SSF_RULE_A_DIR) | (1u << SSF_RULE_A_ACTION) |
			(1u << SSF_RULE_A_FAMILY) | (1u << SSF_RULE_A_PROTO) |
			(1u << SSF_RULE_A_SRC4) | (1u << SSF_RULE_A_SRC_PLEN) |
			(1u << SSF_RULE_A_DST4) | (1u << SSF_RULE_A_DST_PLEN) |
			(1u << SSF_RULE_A_SPORT_MIN) | (1u << SSF_RULE_A_SPORT_MAX) |
			(1u << SSF_RULE_A_DPORT_MIN) | (1u << SSF_RULE_A_DPORT_MAX));
	CHECK(ssf_rule_get(tb[SSF_A_RULE], &x) == NULL);
	CHECK(ssf_t_rule_eq(&x.r, &r));
out:
	nlmsg_free(msg);

	/* the smallest rule: direction and action only (family any: absent) */
	CHECK_INT(ssf_polparse_rule("in accept", 9, &r, &e), 0);
	msg = t_msg();
	if (!msg)
		return;
	CHECK_INT(ssf_rule_put(msg, SSF_A_RULE, &r), 0);
	CHECK_INT(t_parse(msg, tb), 0);
	n = 0;
	if (tb[SSF_A_RULE])
		nla_for_each_nested(a, tb[SSF_A_RULE], rem)
			n++;
	CHECK_INT(n, 2);
	nlmsg_free(msg);
}

SSF_TEST(attrs_roundtrip)
{
	uint64_t seed = 0x0123456789abcdefULL;
	struct nlattr *tb[SSF_A_MAX + 1];
	struct ssfctl_rulex x;
	struct ssfctl_rule r;
	struct nl_msg *msg;
	int i, bad = 0;

	for (i = 0; i < 2000; i++) {
		ssf_t_rule_random(&r, &seed);
		msg = t_msg();
		if (!msg || ssf_rule_put(msg, SSF_A_RULE, &r) < 0 ||
		    t_parse(msg, tb) < 0 || !tb[SSF_A_RULE] ||
		    ssf_rule_get(tb[SSF_A_RULE], &x) || !ssf_t_rule_eq(&r, &x.r))
			bad++;
		nlmsg_free(msg);
	}
	CHECK_INT(bad, 0);
}

/* A reply's rule nest built by hand, as the kernel would send it. */
static const char *t_get(void (*fill)(struct nl_msg *), struct ssfctl_rulex *x)
{
	struct nlattr *tb[SSF_A_MAX + 1], *nest;
	struct nl_msg *msg = t_msg();
	const char *why = "no message";

	if (!msg)
		return why;
	nest = nla_nest_start(msg, SSF_A_RULE | NLA_F_NESTED);
	fill(msg);
	nla_nest_end(msg, nest);
	if (t_parse(msg, tb) == 0 && tb[SSF_A_RULE])
		why = ssf_rule_get(tb[SSF_A_RULE], x);
	nlmsg_free(msg);
	return why;
}

static void t_fill_full(struct nl_msg *m)
{
	nla_put_u32(m, SSF_RULE_A_ID, 42);
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_OUT);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_DROP);
	nla_put_u8(m, SSF_RULE_A_FAMILY, SSF_FAMILY_IPV6);
	nla_put(m, SSF_RULE_A_DST6, 16, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\0");
	nla_put_u8(m, SSF_RULE_A_DST_PLEN, 32);
	nla_put_u64(m, SSF_RULE_A_PACKETS, 1ULL << 40);
	nla_put_u64(m, SSF_RULE_A_BYTES, 12345678901ULL);
	nla_put_u32(m, 200, 7);		/* from a newer kernel: ignored */
}

static void t_fill_short_addr(struct nl_msg *m)
{
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_IN);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_DROP);
	nla_put(m, SSF_RULE_A_SRC4, 3, "\x0a\0\0");
	nla_put_u8(m, SSF_RULE_A_SRC_PLEN, 8);
}

static void t_fill_no_plen(struct nl_msg *m)
{
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_IN);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_DROP);
	nla_put(m, SSF_RULE_A_SRC4, 4, "\x0a\0\0\0");
}

static void t_fill_half_ports(struct nl_msg *m)
{
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_IN);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_DROP);
	nla_put_u8(m, SSF_RULE_A_PROTO, 6);
	nla_put_u16(m, SSF_RULE_A_DPORT_MIN, 1);
}

static void t_fill_no_dir(struct nl_msg *m)
{
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_DROP);
}

SSF_TEST(attrs_decode)
{
	struct ssfctl_rulex x;

	CHECK(t_get(t_fill_full, &x) == NULL);
	CHECK_INT(x.r.r.id, 42);
	CHECK_INT(x.r.r.dir, SSF_DIR_OUT);
	CHECK_INT(x.r.r.family, SSF_FAMILY_IPV6);
	CHECK_INT(x.r.r.match, SSF_RM_DST);
	CHECK_INT(x.r.r.dst.b[1], 0x01);
	CHECK_INT(x.r.r.dst_plen, 32);
	CHECK_INT(x.packets, 1ULL << 40);
	CHECK_INT(x.bytes, 12345678901ULL);

	CHECK_STR(t_get(t_fill_short_addr, &x), "malformed rule");
	CHECK_STR(t_get(t_fill_no_plen, &x), "rule address without a prefix length");
	CHECK_STR(t_get(t_fill_half_ports, &x), "rule with half a destination port range");
	CHECK_STR(t_get(t_fill_no_dir, &x), "rule without a direction or an action");
}

SSF_TEST(attrs_status)
{
	struct nlattr *tb[SSF_A_MAX + 1], *nest;
	struct ssfctl_status st;
	struct nl_msg *msg = t_msg();

	if (!msg)
		return;
	nla_put_u64(msg, SSF_A_GENERATION, 77);
	nla_put_u32(msg, SSF_A_RULE_COUNT, 3);
	nla_put_u8(msg, SSF_A_ACTIVE, 1);
	nest = nla_nest_start(msg, SSF_A_DEFAULTS | NLA_F_NESTED);
	nla_put_u8(msg, SSF_DEFAULTS_A_FWD, SSF_ACT_DROP);
	nla_nest_end(msg, nest);
	nla_put_u32(msg, SSF_A_OBJECTS, 2);
	nla_put_u32(msg, SSF_A_NEXT_ID, 4);
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK(ssf_status_parse(tb, &st) == NULL);
	CHECK_INT(st.generation, 77);
	CHECK_INT(st.rules, 3);
	CHECK(st.active);
	CHECK_INT(st.objects, 2);
	CHECK_INT(st.next_id, 4);
	CHECK_INT(st.defaults[SSF_DIR_IN], SSF_ACT_ACCEPT);
	CHECK_INT(st.defaults[SSF_DIR_OUT], SSF_ACT_ACCEPT);
	CHECK_INT(st.defaults[SSF_DIR_FWD], SSF_ACT_DROP);
	nlmsg_free(msg);

	/* a status without a generation is refused */
	msg = t_msg();
	if (!msg)
		return;
	nla_put_u32(msg, SSF_A_RULE_COUNT, 3);
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK_STR(ssf_status_parse(tb, &st), "status without a generation");
	nlmsg_free(msg);

	/* a u64 that is 4 bytes long fails validation */
	msg = t_msg();
	if (!msg)
		return;
	nla_put_u32(msg, SSF_A_GENERATION, 3);
	CHECK(t_parse(msg, tb) < 0);
	nlmsg_free(msg);
}

SSF_TEST(attrs_stats)
{
	struct nlattr *tb[SSF_A_MAX + 1], *nest, *d;
	struct ssfctl_stats s;
	struct nl_msg *msg = t_msg();

	if (!msg)
		return;
	nest = nla_nest_start(msg, SSF_A_STATS | NLA_F_NESTED);
	d = nla_nest_start(msg, SSF_STATS_A_IN | NLA_F_NESTED);
	nla_put_u64(msg, SSF_DSTATS_A_PACKETS, 10);
	nla_put_u64(msg, SSF_DSTATS_A_ACCEPTED, 7);
	nla_put_u64(msg, SSF_DSTATS_A_DROPPED, 3);
	nla_put_u64(msg, SSF_DSTATS_A_DEFAULT, 5);
	nla_put_u64(msg, SSF_DSTATS_A_UNPARSED, 1);
	nla_nest_end(msg, d);
	d = nla_nest_start(msg, SSF_STATS_A_FWD | NLA_F_NESTED);
	nla_put_u64(msg, SSF_DSTATS_A_PACKETS, UINT64_MAX);
	nla_nest_end(msg, d);
	nla_nest_end(msg, nest);
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK(ssf_stats_parse(tb, &s) == NULL);
	CHECK(s.dir[SSF_DIR_IN].present);
	CHECK_INT(s.dir[SSF_DIR_IN].v[SSF_DSTATS_A_PACKETS], 10);
	CHECK_INT(s.dir[SSF_DIR_IN].v[SSF_DSTATS_A_ACCEPTED], 7);
	CHECK_INT(s.dir[SSF_DIR_IN].v[SSF_DSTATS_A_DROPPED], 3);
	CHECK_INT(s.dir[SSF_DIR_IN].v[SSF_DSTATS_A_DEFAULT], 5);
	CHECK_INT(s.dir[SSF_DIR_IN].v[SSF_DSTATS_A_UNPARSED], 1);
	CHECK(!s.dir[SSF_DIR_OUT].present);
	CHECK_INT(s.dir[SSF_DIR_OUT].v[SSF_DSTATS_A_PACKETS], 0);
	CHECK(s.dir[SSF_DIR_FWD].v[SSF_DSTATS_A_PACKETS] == UINT64_MAX);
	nlmsg_free(msg);

	msg = t_msg();
	if (!msg)
		return;
	CHECK_INT(t_parse(msg, tb), 0);
	CHECK_STR(ssf_stats_parse(tb, &s), "stats reply without counters");
	nlmsg_free(msg);
}

SSF_TEST(attrs_names)
{
	struct ssfctl_apath p = { .depth = 0 };

	CHECK_STR(ssf_attr_name(&p, 0, SSF_A_GENERATION), "SSF_A_GENERATION");
	CHECK(ssf_attr_name(&p, 0, 999) == NULL);
	p.depth = 1;
	p.e[0].type = SSF_A_RULE;
	CHECK_STR(ssf_attr_name(&p, 1, SSF_RULE_A_BYTES), "SSF_RULE_A_BYTES");
	CHECK_STR(ssf_attr_name(&p, 0, SSF_A_RULE), "SSF_A_RULE");
	p.depth = 2;
	p.e[0].type = SSF_A_RULES;
	p.e[1].type = SSF_A_RULE;
	CHECK_STR(ssf_attr_name(&p, 1, SSF_A_RULE), "SSF_A_RULE");
	CHECK_STR(ssf_attr_name(&p, 2, SSF_RULE_A_SRC6), "SSF_RULE_A_SRC6");
	p.e[0].type = SSF_A_STATS;
	CHECK(ssf_attr_name(&p, 2, 1) == NULL);
	CHECK_STR(ssf_rule_attr_word(SSF_RULE_A_SRC6), "src");
	CHECK_STR(ssf_rule_attr_word(SSF_RULE_A_DST_PLEN), "dst");
	CHECK_STR(ssf_rule_attr_word(SSF_RULE_A_SPORT_MAX), "sport");
	CHECK(ssf_rule_attr_word(SSF_RULE_A_PACKETS) == NULL);
}

