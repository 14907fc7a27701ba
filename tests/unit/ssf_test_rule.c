// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the rule checker and matcher (module/ssf_rule.c):
 * every error of ssf_rule_verify() with its message, rules it must accept
 * unchanged but for the masks, ssf_rule_match() on each field at its
 * edges (ports, prefixes, interfaces, uid/gid ranges, owner presence,
 * cgroup ancestry, ICMP type), and a comparison with the reference
 * matcher (module/tests/ssf_rule_ref.c) on pseudo-random rules, packets
 * and metadata.
 *
 * The userspace world's ssf_meta_cgroup_under() lives here: the meta's
 * cgroup is a struct tcg, the ids of its ancestors by level.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "ssf_test.h"
#include "ssf_rnd.h"
#include "ssf_rule.h"
#include "ssf_rule_ref.h"

#define TCP	6
#define UDP	17
#define ICMP	1
#define ICMP6	58
#define SCTP	132
#define UDPLITE	136

/* htobe32() as a constant expression, for static initializers */
#define BE32(x)	(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? (u32)(x) :	\
		 (u32)__builtin_bswap32(x))
#define V4(a, b, c, d)	BE32(((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))
#define ADDR4(a, b, c, d)	{ .w = { V4(a, b, c, d) } }
#define ADDR6(w0, w1, w2, w3)	\
	{ .w = { BE32(w0), BE32(w1), BE32(w2), BE32(w3) } }

/* ---- the test world's cgroups ------------------------------------------ */

#define TCG_DEPTH	4

/* A cgroup at depth @level: anc[i] is the id of its ancestor at depth i,
 * anc[level] its own id.
 */
struct tcg {
	u16 level;
	u64 anc[TCG_DEPTH];
};

bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	const struct tcg *c = m->cgroup;

	if (!(m->flags & SSF_META_OWNER) || !c)
		return false;
	return level <= c->level && c->anc[level] == id;
}

/*
 * The userspace world's sets: @m->sets is an array of set contents, one
 * per index a rule names.
 */
const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx)
{
	const struct ssf_set_data * const *sets = m->sets;

	return sets[idx];
}

/* root 1 ─┬─ 10 (system) ─── 100 (system/sshd) ─── 1000 (sshd/x)
 *         └─ 20 (user)   ─── 200 (user/app)
 */
static const struct tcg cg_root = { 0, { 1 } };
static const struct tcg cg_system = { 1, { 1, 10 } };
static const struct tcg cg_sshd = { 2, { 1, 10, 100 } };
static const struct tcg cg_sshd_x = { 3, { 1, 10, 100, 1000 } };
static const struct tcg cg_user = { 1, { 1, 20 } };
static const struct tcg cg_app = { 2, { 1, 20, 200 } };

/* ---- ssf_rule_verify() ------------------------------------------------- */

struct rule_case {
	const char *name;
	struct ssf_rule r;
	const char *err;	/* substring of the message; NULL: accepted */
	struct ssf_rule_text t;	/* checked after @r (ssf_rule_text_verify()) */
};

static const struct rule_case rule_cases[] = {
	/* accepted */
	{ "empty rule", { .dir = SSF_DIR_IN } },
	{ "last dir, action (reject) and family",
	  { .dir = SSF_DIR_MAX, .action = SSF_ACT_MAX,
	    .family = SSF_FAMILY_MAX } },
	{ "reject action", { .action = SSF_ACT_REJECT } },
	{ "v4 /24 src, /32 dst",
	  { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC | SSF_RM_DST,
	    .src = ADDR4(10, 1, 2, 0), .src_plen = 24,
	    .dst = ADDR4(192, 168, 1, 1), .dst_plen = 32 } },
	{ "v6 /33", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_SRC,
		      .src = ADDR6(0x20010db8, 0x80000000, 0, 0),
		      .src_plen = 33 } },
	{ "tcp dport range", { .match = SSF_RM_PROTO | SSF_RM_DPORT,
			       .proto = TCP, .dport_min = 1,
			       .dport_max = 1023 } },
	{ "udp, sctp, udplite ports",
	  { .match = SSF_RM_PROTO | SSF_RM_SPORT, .proto = UDPLITE,
	    .sport_min = 7, .sport_max = 7 } },
	{ "iif on in", { .dir = SSF_DIR_IN, .match = SSF_RM_IIF,
			 .iif = "eth0" } },
	{ "iif and oif on fwd", { .dir = SSF_DIR_FWD,
				  .match = SSF_RM_IIF | SSF_RM_OIF,
				  .iif = "eth0", .oif = "0123456789abcde" } },
	{ "oif on out", { .dir = SSF_DIR_OUT, .match = SSF_RM_OIF,
			  .oif = "lo" } },
	{ "uid range on out", { .dir = SSF_DIR_OUT, .match = SSF_RM_UID,
				.uid_min = 1000, .uid_max = 1999 } },
	{ "single gid on in", { .dir = SSF_DIR_IN, .match = SSF_RM_GID,
				.gid_min = 0, .gid_max = 0 } },
	{ "full uid and gid ranges",
	  { .dir = SSF_DIR_IN, .match = SSF_RM_UID | SSF_RM_GID,
	    .uid_max = 0xffffffff, .gid_max = 0xffffffff } },
	{ "cgroup on out", { .dir = SSF_DIR_OUT, .match = SSF_RM_CGROUP,
			     .cgroup_id = 100, .cgroup_level = 2 } },
	{ "icmp type v4", { .family = SSF_FAMILY_IPV4,
			    .match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE,
			    .proto = ICMP, .icmp_type = 8 } },
	{ "icmp6 type", { .family = SSF_FAMILY_IPV6,
			  .match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE,
			  .proto = ICMP6, .icmp_type = 128 } },
	{ "log with prefix, audit",
	  { .flags = SSF_RULE_F_LOG | SSF_RULE_F_AUDIT },
	  .t = { .log_prefix = "ssh: " } },
	{ "log without prefix", { .flags = SSF_RULE_F_LOG } },
	{ "comment", { 0 }, .t = { .comment = "allow the backups" } },
	{ "sets", { .match = SSF_RM_PROTO | SSF_RM_SRC_SET | SSF_RM_DST_SET |
			     SSF_RM_SPORT_SET | SSF_RM_DPORT_SET,
		    .proto = UDP, .set = { 0, 1, 2, 3 } } },
	{ "ct state", { .match = SSF_RM_CT,
			.ct_states = SSF_CT_ESTABLISHED | SSF_CT_RELATED } },
	{ "limit", { .match = SSF_RM_LIMIT, .limit_rate = 10,
		     .limit_unit = SSF_LIMIT_MINUTE, .limit_burst = 5 } },
	{ "unused fields are not looked at",
	  { .dir = SSF_DIR_FWD, .src_plen = 200, .sport_min = 9,
	    .sport_max = 1, .uid_min = 9, .uid_max = 1, .gid_min = 2,
	    .gid_max = 1, .icmp_type = 3, .cgroup_level = 7 } },

	/* rejected, in the order the checker looks */
	{ "dir", { .dir = SSF_DIR_MAX + 1 }, "unknown direction" },
	{ "action", { .action = SSF_ACT_MAX + 1 }, "unknown action" },
	{ "family", { .family = SSF_FAMILY_MAX + 1 }, "unknown family" },
	{ "match bit after the last", { .match = SSF_RM_ALL + 1 },
	  "unknown match" },
	{ "match top bit", { .match = 1U << 31 }, "unknown match" },
	{ "src without family", { .match = SSF_RM_SRC }, "needs family" },
	{ "dst without family", { .match = SSF_RM_DST }, "needs family" },
	{ "v4 /33", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
		      .src_plen = 33 }, "prefix length too long" },
	{ "v6 dst /129", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_DST,
			   .dst_plen = 129 }, "prefix length too long" },
	{ "v4 host bits", { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
			    .src = ADDR4(10, 0, 0, 1), .src_plen = 24 },
	  "beyond its prefix" },
	{ "v6 dst host bits", { .family = SSF_FAMILY_IPV6, .match = SSF_RM_DST,
				.dst = ADDR6(0x20010db8, 0, 0, 1),
				.dst_plen = 64 }, "beyond its prefix" },
	{ "port without proto", { .match = SSF_RM_DPORT },
	  "port match needs proto" },
	{ "src and a src set", { .family = SSF_FAMILY_IPV4,
				 .match = SSF_RM_SRC | SSF_RM_SRC_SET },
	  "one src" },
	{ "dst and a dst set", { .family = SSF_FAMILY_IPV4,
				 .match = SSF_RM_DST | SSF_RM_DST_SET },
	  "one dst" },
	{ "sport and a sport set", { .match = SSF_RM_PROTO | SSF_RM_SPORT |
					      SSF_RM_SPORT_SET, .proto = TCP },
	  "one sport" },
	{ "dport and a dport set", { .match = SSF_RM_PROTO | SSF_RM_DPORT |
					      SSF_RM_DPORT_SET, .proto = TCP },
	  "one dport" },
	{ "port set without proto", { .match = SSF_RM_DPORT_SET },
	  "port match needs proto" },
	{ "port with icmp", { .match = SSF_RM_PROTO | SSF_RM_SPORT,
			      .proto = ICMP }, "port match needs proto" },
	{ "sport reversed", { .match = SSF_RM_PROTO | SSF_RM_SPORT,
			      .proto = TCP, .sport_min = 2, .sport_max = 1 },
	  "source port range is reversed" },
	{ "dport reversed", { .match = SSF_RM_PROTO | SSF_RM_DPORT,
			      .proto = SCTP, .dport_min = 2, .dport_max = 1 },
	  "destination port range is reversed" },
	{ "iif on out", { .dir = SSF_DIR_OUT, .match = SSF_RM_IIF,
			  .iif = "eth0" }, "input interface match needs dir in or fwd" },
	{ "oif on in", { .dir = SSF_DIR_IN, .match = SSF_RM_OIF,
			 .oif = "eth0" }, "output interface match needs dir out or fwd" },
	{ "iif empty", { .dir = SSF_DIR_IN, .match = SSF_RM_IIF },
	  "interface name is empty" },
	{ "oif empty", { .dir = SSF_DIR_FWD, .match = SSF_RM_OIF },
	  "interface name is empty" },
	{ "iif not terminated", { .dir = SSF_DIR_FWD, .match = SSF_RM_IIF,
				  .iif = { [0 ... SSF_IFNAME_MAX - 1] = 'x' } },
	  "interface name is not NUL-terminated" },
	{ "oif not terminated", { .dir = SSF_DIR_OUT, .match = SSF_RM_OIF,
				  .oif = { [0 ... SSF_IFNAME_MAX - 1] = 'y' } },
	  "interface name is not NUL-terminated" },
	{ "uid on fwd", { .dir = SSF_DIR_FWD, .match = SSF_RM_UID },
	  "needs dir in or out" },
	{ "gid on fwd", { .dir = SSF_DIR_FWD, .match = SSF_RM_GID },
	  "needs dir in or out" },
	{ "cgroup on fwd", { .dir = SSF_DIR_FWD, .match = SSF_RM_CGROUP,
			     .cgroup_id = 1 }, "needs dir in or out" },
	{ "uid reversed", { .dir = SSF_DIR_OUT, .match = SSF_RM_UID,
			    .uid_min = 1001, .uid_max = 1000 },
	  "uid range is reversed" },
	{ "gid reversed", { .dir = SSF_DIR_IN, .match = SSF_RM_GID,
			    .gid_min = 0xffffffff, .gid_max = 0 },
	  "gid range is reversed" },
	{ "ct state none", { .match = SSF_RM_CT }, "ct state match needs" },
	{ "ct state unknown bit", { .match = SSF_RM_CT, .ct_states = 0x20 },
	  "ct state match needs" },
	{ "limit unit", { .match = SSF_RM_LIMIT, .limit_rate = 1,
			  .limit_unit = SSF_LIMIT_UNIT_MAX + 1,
			  .limit_burst = 1 }, "unknown limit unit" },
	{ "limit rate 0", { .match = SSF_RM_LIMIT, .limit_burst = 1 },
	  "limit rate" },
	{ "limit rate too high", { .match = SSF_RM_LIMIT,
				   .limit_rate = SSF_LIMIT_RATE_MAX + 1,
				   .limit_burst = 1 }, "limit rate" },
	{ "limit burst 0", { .match = SSF_RM_LIMIT, .limit_rate = 1 },
	  "limit burst" },
	{ "limit burst too high", { .match = SSF_RM_LIMIT, .limit_rate = 1,
				    .limit_burst = SSF_LIMIT_BURST_MAX + 1 },
	  "limit burst" },
	{ "icmp type without proto", { .family = SSF_FAMILY_IPV4,
				       .match = SSF_RM_ICMP_TYPE, .proto = ICMP },
	  "icmp type match needs" },
	{ "icmp type with tcp", { .family = SSF_FAMILY_IPV4, .proto = TCP,
				  .match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE },
	  "icmp type match needs" },
	{ "icmp type, icmp on ip6", { .family = SSF_FAMILY_IPV6, .proto = ICMP,
				      .match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE },
	  "icmp type match needs" },
	{ "icmp6 type on ip", { .family = SSF_FAMILY_IPV4, .proto = ICMP6,
				.match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE },
	  "icmp type match needs" },
	{ "icmp type, family any", { .proto = ICMP,
				     .match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE },
	  "icmp type match needs" },
	{ "flag bit 2", { .flags = 1 << 2 }, "unknown rule flag" },
	{ "flag top bit", { .flags = 1U << 31 }, "unknown rule flag",
	  .t = { .log_prefix = "x" } },
	{ "log prefix not terminated", { .flags = SSF_RULE_F_LOG },
	  "log prefix is not NUL-terminated",
	  .t = { .log_prefix = { [0 ... SSF_LOG_PREFIX_MAX - 1] = 'p' } } },
	{ "log prefix without log", { .flags = SSF_RULE_F_AUDIT },
	  "log prefix needs the log flag", .t = { .log_prefix = "x" } },
	{ "comment not terminated", { 0 }, "comment is not NUL-terminated",
	  .t = { .comment = { [0 ... SSF_COMMENT_MAX - 1] = 'c' } } },
	{ "address fault before port fault",
	  { .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC | SSF_RM_SPORT,
	    .src_plen = 40 }, "prefix length" },
	{ "port fault before owner fault",
	  { .dir = SSF_DIR_FWD, .match = SSF_RM_SPORT | SSF_RM_UID },
	  "port match" },
};

SSF_TEST(rule_check_cases)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rule_cases); i++) {
		const struct rule_case *c = &rule_cases[i];
		union ssf_addr smask = { .w = { 0 } }, dmask = { .w = { 0 } };
		struct ssf_rule r = c->r;
		const char *err = NULL;
		int ret;

		t_case("ssf_rule_verify: %s %s", c->err ? "rejects" : "accepts",
		       c->name);
		ret = ssf_rule_verify(&r, &err) ?:
		      ssf_rule_text_verify(&r, &c->t, &err);
		if (c->err) {
			T_EQ(ret, -EINVAL, "rejected");
			if (!T_OK(err, "has a message"))
				continue;
			T_OK(strstr(err, c->err), "message \"%s\" has \"%s\"",
			     err, c->err);
			T_OK(!memcmp(&r, &c->r, sizeof(r)), "rule unchanged");
			continue;
		}
		T_EQ(ret, 0, "accepted: %s", err ? err : "");
		if (r.match & SSF_RM_SRC)
			ssf_prefix_mask(&smask, r.src_plen);
		if (r.match & SSF_RM_DST)
			ssf_prefix_mask(&dmask, r.dst_plen);
		T_OK(!memcmp(&r.src_mask, &smask, sizeof(smask)), "src mask");
		T_OK(!memcmp(&r.dst_mask, &dmask, sizeof(dmask)), "dst mask");
		r.src_mask = c->r.src_mask;
		r.dst_mask = c->r.dst_mask;
		if (r.match & SSF_RM_LIMIT) {
			/* 10/minute: a token every 6 s, 5 of them at once */
			T_EQ(r.limit_ns, 6000000000ULL, "ns a token");
			T_EQ(r.limit_burst_ns, 30000000000ULL, "burst");
			r.limit_ns = c->r.limit_ns;
			r.limit_burst_ns = c->r.limit_burst_ns;
		}
		T_OK(!memcmp(&r, &c->r, sizeof(r)),
		     "only the masks and the limit's times changed");
	}
}

SSF_TEST(rule_prefix_masks)
{
	union ssf_addr m;
	unsigned int plen, i, bad = 0;

	for (plen = 0; plen <= 128; plen++) {
		memset(&m, 0xa5, sizeof(m));
		ssf_prefix_mask(&m, plen);
		for (i = 0; i < 128; i++)
			bad += ssf_ref_addr_bit(&m, i) != (i < plen);
	}
	T_EQ(bad, 0, "every mask bit of every length");
	T_EQ(ssf_family_max_plen(SSF_FAMILY_IPV4), 32, "ip");
	T_EQ(ssf_family_max_plen(SSF_FAMILY_IPV6), 128, "ip6");
	T_EQ(ssf_family_max_plen(SSF_FAMILY_ANY), 0, "any");
}

/* ---- ssf_rule_match(): each field at its edges ------------------------ */

static struct ssf_rule checked(struct ssf_rule r)
{
	const char *err = NULL;

	T_EQ(ssf_rule_verify(&r, &err), 0, "test rule: %s", err ? err : "");
	return r;
}

static const struct ssf_meta no_meta;

SSF_TEST(rule_match_ports_prefixes)
{
	struct ssf_rule r = checked((struct ssf_rule) {
		.family = SSF_FAMILY_IPV4,
		.match = SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DST |
			 SSF_RM_SPORT | SSF_RM_DPORT,
		.proto = TCP, .src = ADDR4(10, 0, 0, 0), .src_plen = 8,
		.dst = ADDR4(192, 0, 2, 7), .dst_plen = 32,
		.sport_min = 1024, .sport_max = 65535,
		.dport_min = 100, .dport_max = 200,
	});
	struct ssf_pkt p = {
		.family = SSF_FAMILY_IPV4, .proto = TCP,
		.flags = SSF_PKT_F_PORTS, .saddr = ADDR4(10, 255, 255, 255),
		.daddr = ADDR4(192, 0, 2, 7), .sport = 1024, .dport = 100,
	};

	t_case("match: ports and prefixes at their edges");
	T_OK(ssf_rule_match(&r, &p, &no_meta), "low edges");
	p.dport = 200;
	p.sport = 65535;
	T_OK(ssf_rule_match(&r, &p, &no_meta), "high edges");
	p.dport = 99;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "dport below");
	p.dport = 201;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "dport above");
	p.dport = 150;
	p.sport = 1023;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "sport below");
	p.sport = 2000;
	p.flags = 0;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "no ports: no port match");
	p.flags = SSF_PKT_F_PORTS;
	p.saddr.w[0] = V4(11, 0, 0, 0);
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "source outside /8");
	p.saddr.w[0] = V4(10, 0, 0, 0);
	p.daddr.w[0] = V4(192, 0, 2, 6);
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "destination /32 off by one");
	p.daddr.w[0] = V4(192, 0, 2, 7);
	T_OK(ssf_rule_match(&r, &p, &no_meta), "back in");
	p.proto = UDP;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "proto");
	p.proto = TCP;
	p.family = SSF_FAMILY_IPV6;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "family");
}

SSF_TEST(rule_match_ifnames)
{
	struct ssf_rule r = checked((struct ssf_rule) {
		.dir = SSF_DIR_FWD, .match = SSF_RM_IIF | SSF_RM_OIF,
		.iif = "eth0", .oif = "0123456789abcde",
	});
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV6 };
	struct ssf_meta m = { .iif = "eth0", .oif = "0123456789abcde" };

	t_case("match: iif and oif are exact names");
	T_OK(ssf_rule_match(&r, &p, &m), "both equal");
	m.iif = "eth00";
	T_OK(!ssf_rule_match(&r, &p, &m), "longer iif");
	m.iif = "eth";
	T_OK(!ssf_rule_match(&r, &p, &m), "prefix of iif");
	m.iif = "ETH0";
	T_OK(!ssf_rule_match(&r, &p, &m), "case matters");
	m.iif = NULL;
	T_OK(!ssf_rule_match(&r, &p, &m), "no input device");
	m.iif = "eth0";
	m.oif = "0123456789abcd";
	T_OK(!ssf_rule_match(&r, &p, &m), "shorter oif");
	m.oif = NULL;
	T_OK(!ssf_rule_match(&r, &p, &m), "no output device");
	r.match = SSF_RM_OIF;
	m.oif = "0123456789abcde";
	m.iif = NULL;
	T_OK(ssf_rule_match(&r, &p, &m), "oif alone, no iif needed");
}

SSF_TEST(rule_match_uid_gid)
{
	struct ssf_rule r = checked((struct ssf_rule) {
		.dir = SSF_DIR_OUT, .match = SSF_RM_UID,
		.uid_min = 1000, .uid_max = 1999,
	});
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV4 };
	struct ssf_meta m = { .flags = SSF_META_OWNER, .uid = 1000 };
	static const struct { u32 id; bool in; } edges[] = {
		{ 0, false }, { 999, false }, { 1000, true }, { 1500, true },
		{ 1999, true }, { 2000, false }, { 0xffffffff, false },
	};
	unsigned int i;

	t_case("match: uid range edges");
	for (i = 0; i < ARRAY_SIZE(edges); i++) {
		m.uid = edges[i].id;
		T_EQ(ssf_rule_match(&r, &p, &m), edges[i].in, "uid %u",
		     edges[i].id);
	}
	t_case("match: no owner never matches a uid match");
	m.uid = 1000;
	m.flags = 0;
	T_OK(!ssf_rule_match(&r, &p, &m), "uid in range, owner unknown");
	m.flags = SSF_META_GID;
	T_OK(!ssf_rule_match(&r, &p, &m), "gid flag alone is no owner");

	t_case("match: gid range edges, gid needs a known gid");
	r = checked((struct ssf_rule) {
		.dir = SSF_DIR_IN, .match = SSF_RM_GID,
		.gid_min = 0, .gid_max = 0,
	});
	m = (struct ssf_meta) { .flags = SSF_META_OWNER | SSF_META_GID };
	T_OK(ssf_rule_match(&r, &p, &m), "gid 0");
	m.gid = 1;
	T_OK(!ssf_rule_match(&r, &p, &m), "gid 1");
	m.gid = 0;
	m.flags = SSF_META_OWNER;
	T_OK(!ssf_rule_match(&r, &p, &m), "owner without a file: no gid");
	m.flags = SSF_META_GID;
	T_OK(!ssf_rule_match(&r, &p, &m), "gid without owner");

	t_case("match: uid and gid together");
	r = checked((struct ssf_rule) {
		.dir = SSF_DIR_IN, .match = SSF_RM_UID | SSF_RM_GID,
		.uid_min = 0, .uid_max = 0xffffffff,
		.gid_min = 100, .gid_max = 100,
	});
	m = (struct ssf_meta) { .flags = SSF_META_OWNER | SSF_META_GID,
				.uid = 0xffffffff, .gid = 100 };
	T_OK(ssf_rule_match(&r, &p, &m), "both in");
	m.gid = 101;
	T_OK(!ssf_rule_match(&r, &p, &m), "gid out");
	m.gid = 100;
	m.flags = SSF_META_OWNER;
	T_OK(!ssf_rule_match(&r, &p, &m), "uid in, gid unknown");
}

SSF_TEST(rule_match_cgroup)
{
	static const struct {
		const struct tcg *cg;
		u64 id;
		u16 level;
		bool in;
	} cases[] = {
		{ &cg_sshd, 100, 2, true },	/* itself */
		{ &cg_sshd_x, 100, 2, true },	/* a descendant */
		{ &cg_sshd_x, 10, 1, true },
		{ &cg_sshd_x, 1, 0, true },	/* everything is under root */
		{ &cg_root, 1, 0, true },
		{ &cg_system, 100, 2, false },	/* the parent is not under */
		{ &cg_root, 100, 2, false },
		{ &cg_app, 100, 2, false },	/* a cousin at the same depth */
		{ &cg_user, 10, 1, false },	/* a sibling */
		{ &cg_sshd, 100, 1, false },	/* right id, wrong depth */
		{ &cg_sshd_x, 1000, 2, false },
	};
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV4 };
	struct ssf_meta m = { .flags = SSF_META_OWNER };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ssf_rule r = checked((struct ssf_rule) {
			.dir = SSF_DIR_OUT, .match = SSF_RM_CGROUP,
			.cgroup_id = cases[i].id,
			.cgroup_level = cases[i].level,
		});

		t_case("match: cgroup %llu/%u on a socket at depth %u, id %llu",
		       (unsigned long long)cases[i].id, cases[i].level,
		       cases[i].cg->level,
		       (unsigned long long)cases[i].cg->anc[cases[i].cg->level]);
		m.cgroup = cases[i].cg;
		T_EQ(ssf_rule_match(&r, &p, &m), cases[i].in, "under");
	}
	t_case("match: no owner never matches a cgroup match");
	{
		struct ssf_rule r = checked((struct ssf_rule) {
			.dir = SSF_DIR_IN, .match = SSF_RM_CGROUP,
			.cgroup_id = 1,
		});

		m.flags = 0;
		m.cgroup = &cg_root;
		T_OK(!ssf_rule_match(&r, &p, &m), "owner unknown");
		m.flags = SSF_META_OWNER;
		T_OK(ssf_rule_match(&r, &p, &m), "owner known");
	}
}

SSF_TEST(rule_match_icmp_type)
{
	struct ssf_rule r = checked((struct ssf_rule) {
		.family = SSF_FAMILY_IPV4,
		.match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE,
		.proto = ICMP, .icmp_type = 8,
	});
	struct ssf_pkt p = {
		.family = SSF_FAMILY_IPV4, .proto = ICMP,
		.flags = SSF_PKT_F_ICMP, .icmp_type = 8,
	};

	t_case("match: icmp type");
	T_OK(ssf_rule_match(&r, &p, &no_meta), "echo request");
	p.icmp_type = 0;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "echo reply");
	p.icmp_type = 8;
	p.flags = SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "no ICMP header");
	p.flags = SSF_PKT_F_ICMP;
	p.family = SSF_FAMILY_IPV6;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "other family");

	t_case("match: icmp6 type");
	r = checked((struct ssf_rule) {
		.family = SSF_FAMILY_IPV6,
		.match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE,
		.proto = ICMP6, .icmp_type = 135,
	});
	p.proto = ICMP6;
	p.icmp_type = 135;
	T_OK(ssf_rule_match(&r, &p, &no_meta), "neighbour solicitation");
	p.icmp_type = 136;
	T_OK(!ssf_rule_match(&r, &p, &no_meta), "advertisement");
}

/* ---- ssf_rule_match() against the reference (ssf_rule_ref.c) ---------- */

static u32 rnd_state = 0x7e57a11;

static u32 rnd(void)
{
	return ssf_rnd(&rnd_state);
}

static u32 rnd_below(u32 n)
{
	return rnd() % n;
}

static const char * const rnd_names[] = { "eth0", "eth1", "lo", "veth0" };
static const struct tcg * const rnd_cgs[] = {
	&cg_root, &cg_system, &cg_sshd, &cg_sshd_x, &cg_user, &cg_app,
};
static const u8 rnd_protos[] = { ICMP, TCP, UDP, ICMP6, SCTP, UDPLITE };

/* A value at or just outside the edges of [@lo, @hi], mostly inside. */
static u32 rnd_near(u32 lo, u32 hi)
{
	switch (rnd_below(6)) {
	case 0:
		return lo - 1;
	case 1:
		return hi + 1;
	case 2:
		return lo;
	case 3:
		return hi;
	default:
		return lo + (hi - lo) / 2;
	}
}

/* the words the random rules use (not sets, ct state or limit) */
#define RM_ALL	((SSF_RM_ICMP_TYPE << 1) - 1)

/* A direction the interface and owner matches of @match allow. */
static u8 rnd_dir(u32 match)
{
	bool iif = match & SSF_RM_IIF, oif = match & SSF_RM_OIF;

	if (match & SSF_RM_OWNER)
		return iif ? SSF_DIR_IN : oif ? SSF_DIR_OUT :
		       rnd_below(2) ? SSF_DIR_IN : SSF_DIR_OUT;
	if (iif && oif)
		return SSF_DIR_FWD;
	if (iif)
		return rnd_below(2) ? SSF_DIR_IN : SSF_DIR_FWD;
	if (oif)
		return rnd_below(2) ? SSF_DIR_OUT : SSF_DIR_FWD;
	return rnd_below(SSF_DIR_MAX + 1);
}

static void rnd_rule(struct ssf_rule *r)
{
	const struct tcg *cg = rnd_cgs[rnd_below(ARRAY_SIZE(rnd_cgs))];
	u8 max;

	memset(r, 0, sizeof(*r));
	r->action = rnd_below(SSF_ACT_MAX + 1);
	r->family = rnd_below(SSF_FAMILY_MAX + 1);
	r->proto = rnd_protos[rnd_below(ARRAY_SIZE(rnd_protos))];
	r->match = rnd() & RM_ALL;
	if ((r->match & SSF_RM_OWNER) && (r->match & SSF_RM_IIF))
		r->match &= ~SSF_RM_OIF;	/* no direction allows all */
	r->dir = rnd_dir(r->match);
	if (r->match & SSF_RM_ICMP_TYPE) {
		r->match |= SSF_RM_PROTO;
		r->match &= ~(SSF_RM_SPORT | SSF_RM_DPORT);
		r->family = rnd_below(2) ? SSF_FAMILY_IPV4 : SSF_FAMILY_IPV6;
		r->proto = r->family == SSF_FAMILY_IPV4 ? ICMP : ICMP6;
		r->icmp_type = rnd_below(3);
	}
	if (r->match & (SSF_RM_SPORT | SSF_RM_DPORT)) {
		r->match |= SSF_RM_PROTO;
		r->proto = rnd_below(2) ? TCP : UDP;
	}
	max = ssf_family_max_plen(r->family);
	if (!max)
		r->match &= ~(SSF_RM_SRC | SSF_RM_DST);
	/* 10.0.0.0/n and 192.0.2.0/n, n up to 24 */
	r->src_plen = rnd_below(25);
	r->dst_plen = rnd_below(25);
	r->src.w[0] = V4(10, 0, 0, 0);
	r->dst.w[0] = V4(192, 0, 2, 0);
	ssf_prefix_mask(&r->src_mask, r->src_plen);
	ssf_prefix_mask(&r->dst_mask, r->dst_plen);
	r->src.w[0] &= r->src_mask.w[0];
	r->dst.w[0] &= r->dst_mask.w[0];
	r->sport_min = 1000 + rnd_below(3);
	r->sport_max = r->sport_min + rnd_below(3);
	r->dport_min = r->sport_min;
	r->dport_max = r->sport_max;
	strcpy(r->iif, rnd_names[rnd_below(ARRAY_SIZE(rnd_names))]);
	strcpy(r->oif, rnd_names[rnd_below(ARRAY_SIZE(rnd_names))]);
	r->uid_min = 1000 + rnd_below(3);
	r->uid_max = r->uid_min + rnd_below(3);
	r->gid_min = 100 + rnd_below(3);
	r->gid_max = r->gid_min + rnd_below(3);
	r->cgroup_level = rnd_below(cg->level + 1);
	r->cgroup_id = cg->anc[r->cgroup_level];
}

/* An address in or near @net: equal, one bit flipped, or random. */
static __be32 rnd_addr_near(__be32 net)
{
	switch (rnd_below(4)) {
	case 0:
		return net ^ htobe32(1U << rnd_below(32));
	case 1:
		return rnd();
	default:
		return net;
	}
}

static void rnd_pkt_meta(const struct ssf_rule *r, struct ssf_pkt *p,
			 struct ssf_meta *m)
{
	memset(p, 0, sizeof(*p));
	memset(m, 0, sizeof(*m));
	p->family = rnd_below(4) && r->family ? r->family : 1 + rnd_below(2);
	p->proto = rnd_below(3) ? r->proto :
		   rnd_protos[rnd_below(ARRAY_SIZE(rnd_protos))];
	p->saddr.w[0] = rnd_addr_near(r->src.w[0]);
	p->daddr.w[0] = rnd_addr_near(r->dst.w[0]);
	if (rnd_below(4)) {
		p->flags |= SSF_PKT_F_PORTS;
		p->sport = rnd_near(r->sport_min, r->sport_max);
		p->dport = rnd_near(r->dport_min, r->dport_max);
	}
	if (rnd_below(4)) {
		p->flags |= SSF_PKT_F_ICMP;
		p->icmp_type = rnd_below(3);
	}
	if (rnd_below(6))
		m->iif = rnd_below(2) ? r->iif :
			 rnd_names[rnd_below(ARRAY_SIZE(rnd_names))];
	if (rnd_below(6))
		m->oif = rnd_below(2) ? r->oif :
			 rnd_names[rnd_below(ARRAY_SIZE(rnd_names))];
	if (rnd_below(6)) {
		m->flags |= SSF_META_OWNER;
		m->uid = rnd_near(r->uid_min, r->uid_max);
		m->cgroup = rnd_cgs[rnd_below(ARRAY_SIZE(rnd_cgs))];
		if (rnd_below(4)) {
			m->flags |= SSF_META_GID;
			m->gid = rnd_near(r->gid_min, r->gid_max);
		}
	}
}

#define RND_RULES	4000
#define RND_PKTS	32

SSF_TEST(rule_match_vs_reference)
{
	unsigned int i, j, hits = 0, misses = 0, bad = 0, hit_bits = 0;
	struct ssf_rule r;
	struct ssf_pkt p;
	struct ssf_meta m;

	for (i = 0; i < RND_RULES; i++) {
		const char *err = NULL;

		rnd_rule(&r);
		if (!T_EQ(ssf_rule_verify(&r, &err), 0, "random rule %u: %s",
			  i, err ? err : ""))
			return;
		for (j = 0; j < RND_PKTS; j++) {
			bool want, got;

			rnd_pkt_meta(&r, &p, &m);
			want = ssf_ref_match(&r, &p, &m);
			got = ssf_rule_match(&r, &p, &m);
			if (want) {
				hits++;
				hit_bits |= r.match;
			} else {
				misses++;
			}
			if (got != want && bad++ < 5)
				T_OK(false, "rule %u (match %#x) packet %u: got %d",
				     i, r.match, j, got);
		}
	}
	printf("# %u matches, %u misses\n", hits, misses);
	T_EQ(bad, 0, "ssf_rule_match() agrees with the reference");
	/* both outcomes common, and every match bit seen in a hit */
	T_OK(hits > RND_RULES * RND_PKTS / 20, "enough matches");
	T_OK(misses > RND_RULES * RND_PKTS / 20, "enough misses");
	T_EQ(hit_bits, RM_ALL, "every match bit hit");
}
