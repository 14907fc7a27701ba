// SPDX-License-Identifier: GPL-2.0
/*
 * The metadata ssf_check() hands to the matcher (struct ssf_pkt), the
 * transitional ssf_parse(), ssf_rule_match() on parsed packets, and the
 * invariants of ssf_check.h on many mutated packets.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_test.h"
#include "ssf_rnd.h"
#include "ssf_tutil.h"
#include "ssf_rule.h"

#define R(x)	SSF_R_BIT(SSF_R_##x)

static struct ssf_check_cfg audit_cfg;
static struct ssf_check_ctx audit_ctx = { .cfg = &audit_cfg };

static void run(struct trun *r, const struct ssf_tb *t)
{
	tu_cfg_all(&audit_cfg, SSF_CHK_AUDIT, -1);
	tu_run_tb(r, t, t->len, &audit_ctx);
}

static bool addr4(const union ssf_addr *a, const char *s)
{
	struct in_addr x;

	inet_pton(AF_INET, s, &x);
	return a->w[0] == x.s_addr && !a->w[1] && !a->w[2] && !a->w[3];
}

static bool addr6(const union ssf_addr *a, const char *s)
{
	u8 x[16];

	inet_pton(AF_INET6, s, x);
	return !memcmp(a->b, x, 16);
}

SSF_TEST(meta_ip4_tcp)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	ssf_tb_ip4(t, "192.0.2.1", "198.51.100.2");
	ssf_tb_tcp(t, 40000, 443, SSF_TB_SYN | SSF_TB_ACK, NULL, 0);
	ssf_tb_zero(t, 7);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, 33);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.family, SSF_FAMILY_IPV4, "family");
	T_EQ(r.pkt.proto, 6, "proto");
	T_EQ(r.pkt.flags, SSF_PKT_F_PORTS, "flags");
	T_EQ(r.pkt.ttl, 33, "ttl");
	T_EQ(r.pkt.sport, 40000, "sport");
	T_EQ(r.pkt.dport, 443, "dport");
	T_EQ(r.pkt.tcp_flags, SSF_TB_SYN | SSF_TB_ACK, "tcp flags");
	T_EQ(r.pkt.len, 47, "len");
	T_EQ(r.pkt.l4off, 20, "l4off");
	T_OK(addr4(&r.pkt.saddr, "192.0.2.1"), "saddr");
	T_OK(addr4(&r.pkt.daddr, "198.51.100.2"), "daddr");
	free(t);
}

SSF_TEST(meta_ip4_options_udp)
{
	static const u8 o[4] = { 1, 1, 1, 0 };
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	ssf_tb_ip4_opts(t, "10.0.0.1", "10.0.0.2", o, sizeof(o));
	ssf_tb_udp(t, 53, 5353);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.l4off, 24, "l4off after options");
	T_EQ(r.pkt.sport, 53, "sport");
	T_EQ(r.pkt.dport, 5353, "dport");
	T_EQ(r.pkt.flags, SSF_PKT_F_PORTS, "flags");
	free(t);
}

SSF_TEST(meta_icmp)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	t_case("meta: ICMP echo");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_icmp(t, 8, 3);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.pkt.flags, SSF_PKT_F_ICMP, "flags");
	T_EQ(r.pkt.icmp_type, 8, "type");
	T_EQ(r.pkt.icmp_code, 3, "code");
	T_EQ(r.pkt.proto, 1, "proto");

	t_case("meta: ICMPv6 echo");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_icmp6(t, 128, 0);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.pkt.flags, SSF_PKT_F_ICMP, "flags");
	T_EQ(r.pkt.icmp_type, 128, "type");
	T_EQ(r.pkt.proto, 58, "proto");

	t_case("meta: ICMPv6 over IPv4, mismatch audited: type and code");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_icmp6(t, 135, 0);		/* no ND checks on the wrong family */
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, R(PROTO_FAMILY_MISMATCH), "mismatch only");
	T_EQ(r.pkt.flags, SSF_PKT_F_ICMP, "flags");
	T_EQ(r.pkt.icmp_type, 135, "type");

	t_case("meta: ICMP over IPv6 of 1 byte, mismatch audited");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_proto(t, 1);
	ssf_tb_zero(t, 1);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, R(PROTO_FAMILY_MISMATCH), "mismatch only");
	T_EQ(r.pkt.flags, 0, "no ICMP fields");
	free(t);
}

SSF_TEST(meta_ported_protocols)
{
	static const u8 hdr[12] = { 0x12, 0x34, 0x56, 0x78 };
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;
	u8 protos[2] = { 132, 136 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		t_case("meta: protocol %u ports", protos[i]);
		ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		ssf_tb_proto(t, protos[i]);
		ssf_tb_data(t, hdr, sizeof(hdr));
		ssf_tb_done(t);
		run(&r, t);
		T_EQ(r.res.tripped, 0, "clean");
		T_EQ(r.pkt.flags, SSF_PKT_F_PORTS, "ports");
		T_EQ(r.pkt.sport, 0x1234, "sport");
		T_EQ(r.pkt.dport, 0x5678, "dport");

		t_case("meta: protocol %u with 3 bytes: no ports", protos[i]);
		ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
		ssf_tb_proto(t, protos[i]);
		ssf_tb_data(t, hdr, 3);
		ssf_tb_done(t);
		run(&r, t);
		T_EQ(r.res.tripped, 0, "clean");
		T_EQ(r.pkt.flags, 0, "no ports");
		T_EQ(r.pkt.proto, protos[i], "proto");
	}

	t_case("meta: SCTP first fragment needs 12 bytes");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_proto(t, 132);
	ssf_tb_data(t, hdr, 8);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 0x2000);
	run(&r, t);
	T_EQ(r.res.tripped, R(IP4_FRAG_TINY), "tiny");
	T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_PARTIAL, "no ports");

	t_case("meta: GRE has no ports");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_proto(t, 47);
	ssf_tb_data(t, hdr, sizeof(hdr));
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.flags, 0, "no ports");
	T_EQ(r.pkt.proto, 47, "proto");
	free(t);
}

SSF_TEST(meta_fragments)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	t_case("meta: IPv4 first fragment");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_udp(t, 7, 9);
	ssf_tb_zero(t, 8);
	ssf_tb_done(t);
	ssf_tb_set16(t, t->udp + 4, 1000);
	ssf_tb_set16(t, 6, 0x2000);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_PORTS, "flags");
	T_EQ(r.pkt.dport, 9, "dport");

	t_case("meta: IPv4 later fragment: no transport checks");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_tcp(t, 0, 0, 0, NULL, 0);	/* would be null, port zero */
	t->len -= 4;			/* and truncated */
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 0x0010);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG, "flags");
	T_EQ(r.pkt.proto, 6, "proto");
	T_EQ(r.pkt.l4off, 20, "l4off");

	t_case("meta: IPv6 later fragment");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_frag6(t, 1280, false);
	ssf_tb_proto(t, 60);		/* a header that is not here */
	ssf_tb_zero(t, 3);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG, "flags");
	T_EQ(r.pkt.proto, 60, "proto: the fragment's next header");
	T_EQ(r.pkt.l4off, 48, "l4off");

	t_case("meta: IPv6 atomic fragment");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_frag6(t, 0, false);
	ssf_tb_udp(t, 7, 9);
	ssf_tb_done(t);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_PORTS, "flags");
	T_EQ(r.pkt.l4off, 48, "l4off");
	free(t);
}

/* ICMP message @type in a first fragment of @len bytes of ICMP */
static void icmp_first_frag(struct ssf_tb *t, int fam, u8 type, u32 len)
{
	static const u8 q[8] = { 0x45, 0, 0, 40 };
	static const u8 q6[8] = { 0x60 };

	if (fam == 4) {
		ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		ssf_tb_icmp(t, type, 0);
	} else {
		ssf_tb_ip6(t, "fe80::1", "fe80::2");
		ssf_tb_frag6(t, 0, true);
		ssf_tb_icmp6(t, type, 0);
	}
	if (len > 8)
		ssf_tb_data(t, fam == 4 ? q : q6, len - 8);
	ssf_tb_done(t);
	if (fam == 4)
		ssf_tb_set16(t, 6, 0x2000);
	else
		ssf_tb_set8(t, 7, 255);
}

SSF_TEST(first_fragment_icmp)
{
	static const struct {
		int fam;
		u8 type;
		u32 len;
	} rows[] = {
		{ 4, 13, 16 },		/* timestamp: 20 bytes, rest later */
		{ 4, 3, 8 },		/* unreachable: quote all later */
		{ 4, 3, 16 },		/* unreachable: quote partly here */
		{ 6, 135, 16 },		/* NS: 24 bytes, rest later */
		{ 6, 1, 8 },
		{ 6, 1, 16 },
	};
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t_case("first fragment: ICMP%s type %u, %u bytes",
		       rows[i].fam == 6 ? "v6" : "", rows[i].type, rows[i].len);
		icmp_first_frag(t, rows[i].fam, rows[i].type, rows[i].len);
		run(&r, t);
		T_EQ(r.res.tripped, 0, "the rest is in later fragments");
		T_EQ(r.pkt.flags, SSF_PKT_F_FRAG | SSF_PKT_F_ICMP, "flags");
		T_EQ(r.pkt.icmp_type, rows[i].type, "type");
		/* the quoted header's version is judged when present */
		if (rows[i].len > 8 && rows[i].type < 5) {
			ssf_tb_set8(t, t->l4 + 8, 0x15);
			run(&r, t);
			T_EQ(r.res.tripped, rows[i].fam == 4 ?
			     R(ICMP_BAD_ERROR) : R(ICMP6_BAD_ERROR),
			     "quoting version 1");
		}
	}
	free(t);
}

SSF_TEST(meta_ip6_chain_end)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	t_case("meta: IPv6 HBH DST TCP");
	ssf_tb_ip6(t, "2001:db8::1", "ff02::fb");
	ssf_tb_opt8(t, 0);
	ssf_tb_opt8(t, 60);
	ssf_tb_tcp(t, 5, 6, SSF_TB_ACK, NULL, 0);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, 7);
	run(&r, t);
	T_EQ(r.res.tripped, 0, "clean");
	T_EQ(r.pkt.proto, 6, "proto");
	T_EQ(r.pkt.l4off, 56, "l4off");
	T_EQ(r.pkt.ttl, 7, "hop limit");
	T_OK(addr6(&r.pkt.saddr, "2001:db8::1"), "saddr");
	T_OK(addr6(&r.pkt.daddr, "ff02::fb"), "daddr");
	T_EQ(r.pkt.flags, SSF_PKT_F_PORTS, "flags");

	free(t);
}

/*
 * Headers that end the IPv6 chain without ports, whole or in a first
 * fragment: what each needs there (Documentation/validation.rst,
 * Fragments).
 */
SSF_TEST(meta_ip6_chain_ends)
{
	static const struct {
		const char *what;
		u8 proto;
		bool frag, ah;		/* after a fragment header, after AH */
		u32 data;		/* bytes after the headers */
		u64 tripped;
	} rows[] = {
		{ "ESP ends the chain", 50, false, false, 4, 0 },
		{ "ESP in a first fragment needs 8 bytes", 50, true, false, 0,
		  R(IP6_FRAG_TINY) },
		/* ignored, RFC 8200 §4.7 */
		{ "no next header after AH", 59, false, true, 5, 0 },
		{ "first fragment of no next header needs nothing", 59, true,
		  false, 0, 0 },
		{ "first fragment of GRE needs 1 byte", 47, true, false, 0,
		  R(IP6_FRAG_TINY) },
	};
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t_case("meta: IPv6 %s", rows[i].what);
		ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
		if (rows[i].frag)
			ssf_tb_frag6(t, 0, true);
		if (rows[i].ah)
			ssf_tb_ah(t);
		ssf_tb_proto(t, rows[i].proto);
		ssf_tb_zero(t, rows[i].data);
		ssf_tb_done(t);
		run(&r, t);
		T_EQ(r.res.tripped, rows[i].tripped, "tripped");
		if (rows[i].tripped)
			continue;
		T_EQ(r.pkt.proto, rows[i].proto, "proto");
		T_EQ(r.pkt.l4off, t->len - rows[i].data, "l4off");
		T_EQ(r.pkt.flags, rows[i].frag ? SSF_PKT_F_FRAG : 0,
		     "no ports");
	}
	free(t);
}

SSF_TEST(meta_padding_ignored)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct trun r;

	/* the buffer runs 12 bytes past the total length: link padding.
	 * The TCP data offset reaching into it is past the segment.
	 */
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_tcp(t, 1, 2, SSF_TB_ACK, NULL, 0);
	ssf_tb_done(t);
	ssf_tb_zero(t, 12);
	ssf_tb_set8(t, 20 + 12, 0x80);
	run(&r, t);
	T_EQ(r.res.tripped, R(TCP_BAD_DOFF), "doff past the total length");
	T_EQ(r.pkt.len, 52, "len counts the whole buffer");
	free(t);
}

SSF_TEST(legacy_parse)
{
	static const struct {
		const char *what;
		int fam;
		int cut;		/* bytes to keep, 0: all */
		u8 vihl;		/* IPv4 first byte, 0: leave */
		enum ssf_parse_result want;
	} rows[] = {
		{ "good IPv4", 4, 0, 0, SSF_PARSE_OK },
		{ "bad version parses", 4, 0, 0x55, SSF_PARSE_OK },
		{ "IPv4 of 10 bytes", 4, 10, 0, SSF_PARSE_L3_TRUNCATED },
		{ "IHL 4", 4, 0, 0x44, SSF_PARSE_L3_MALFORMED },
		{ "TCP of 10 bytes", 4, 30, 0, SSF_PARSE_L4_TRUNCATED },
		{ "good IPv6", 6, 0, 0, SSF_PARSE_OK },
		{ "IPv6 of 30 bytes", 6, 30, 0, SSF_PARSE_L3_TRUNCATED },
		{ "IPv6 header chain cut", 6, 44, 0, SSF_PARSE_EXTHDR },
		{ "unknown family", 0, 0, 0, SSF_PARSE_L3_MALFORMED },
	};
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_pkt pkt;
	struct ssf_buf b;
	unsigned int i;
	u8 fam;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t_case("ssf_parse: %s", rows[i].what);
		if (rows[i].fam == 6) {
			ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
			ssf_tb_opt8(t, 0);
		} else {
			ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		}
		ssf_tb_tcp(t, 1, 2, SSF_TB_SYN, NULL, 0);
		ssf_tb_done(t);
		if (rows[i].cut) {
			t->len = rows[i].cut;
			ssf_tb_done(t);
		}
		if (rows[i].vihl)
			ssf_tb_set8(t, 0, rows[i].vihl);
		fam = rows[i].fam == 6 ? SSF_FAMILY_IPV6 :
		      rows[i].fam == 4 ? SSF_FAMILY_IPV4 : SSF_FAMILY_ANY;
		ssf_buf_init_flat(&b, t->b, t->len);
		T_EQ(ssf_parse(&b, fam, &pkt), rows[i].want, "result");
		if (rows[i].want == SSF_PARSE_OK)
			T_EQ(pkt.dport, 2, "metadata");
	}
	free(t);
}

SSF_TEST(legacy_parse_big_tcp)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_pkt pkt;
	struct ssf_buf b;

	t_case("ssf_parse: IPv4 total length 0 (GSO)");
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_tcp(t, 1, 2, SSF_TB_ACK, NULL, 0);
	ssf_tb_zero(t, 100);
	ssf_tb_done(t);
	ssf_tb_set16(t, 2, 0);
	ssf_buf_init_flat(&b, t->b, t->len);
	T_EQ(ssf_parse(&b, SSF_FAMILY_IPV4, &pkt), SSF_PARSE_OK, "parses");
	T_EQ(pkt.dport, 2, "ports");

	t_case("ssf_parse: IPv6 payload length 0 (GSO, jumbo HBH)");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_opt8(t, 0);
	ssf_tb_tcp(t, 1, 2, SSF_TB_ACK, NULL, 0);
	ssf_tb_zero(t, 100);
	ssf_tb_done(t);
	ssf_tb_set16(t, 4, 0);
	ssf_buf_init_flat(&b, t->b, t->len);
	T_EQ(ssf_parse(&b, SSF_FAMILY_IPV6, &pkt), SSF_PARSE_OK, "parses");
	T_EQ(pkt.dport, 2, "ports");
	free(t);
}

/*
 * ssf_parse() reads the usual IPv4 TCP or UDP packet in two copies
 * instead of the walk of ssf_check(): on many mutated packets (header
 * bytes, lengths, cuts), its result and metadata must be those of the
 * walk with every check off, as ssf_parse() has always defined them.
 */
SSF_TEST(parse_fast_equals_walk)
{
	static const struct ssf_check_cfg all_off;
	const struct ssf_check_ctx ctx = { .cfg = &all_off, .gso = true };
	struct ssf_tb *t = malloc(sizeof(*t));
	u32 rnd = 0x5eed, i, bad = 0, usual = 0;

	for (i = 0; i < 200000; i++) {
		struct ssf_pkt got, want;
		struct ssf_check_res res;
		enum ssf_parse_result r;
		struct ssf_buf b;
		u32 k, n;

		ssf_tb_ip4(t, "10.0.0.1", "192.0.2.7");
		if (ssf_rnd(&rnd) & 1)
			ssf_tb_tcp(t, ssf_rnd(&rnd), ssf_rnd(&rnd), ssf_rnd(&rnd),
				   NULL, 0);
		else
			ssf_tb_udp(t, ssf_rnd(&rnd), ssf_rnd(&rnd));
		ssf_tb_zero(t, ssf_rnd(&rnd) % 64);
		ssf_tb_done(t);
		/* up to three random bytes of the headers, and a cut */
		n = ssf_rnd(&rnd) % 4;
		for (k = 0; k < n; k++)
			ssf_tb_set8(t, ssf_rnd(&rnd) % 44, ssf_rnd(&rnd));
		if (!(ssf_rnd(&rnd) % 4))
			t->len = ssf_rnd(&rnd) % (t->len + 1);
		usual += t->len >= 28 && t->b[0] == 0x45 &&
			 !(((t->b[6] << 8) | t->b[7]) & 0x3fff) &&
			 (t->b[9] == 6 || t->b[9] == 17);
		ssf_buf_init_flat(&b, t->b, t->len);
		memset(&got, 0xa5, sizeof(got));
		r = ssf_parse(&b, SSF_FAMILY_IPV4, &got);
		ssf_check(&b, SSF_FAMILY_IPV4, &ctx, &want, &res);
		if (r == SSF_PARSE_OK &&
		    (res.incomplete || memcmp(&got, &want, sizeof(got))) &&
		    bad++ < 5)
			T_OK(false, "packet %u (%u bytes): metadata differs", i,
			     t->len);
	}
	T_EQ(bad, 0, "%u packets differ", bad);
	T_OK(usual > 100000, "%u of them the usual kind", usual);
	free(t);
}

SSF_TEST(rule_match_on_parsed)
{
	static const struct ssf_meta no_meta;
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct ssf_rule rule = {
		.family = SSF_FAMILY_IPV6, .proto = 6,
		.match = SSF_RM_PROTO | SSF_RM_DPORT | SSF_RM_SRC,
		.dport_min = 80, .dport_max = 80, .src_plen = 32,
	};
	const char *err = NULL;
	struct trun r;

	inet_pton(AF_INET6, "2001:db8::", rule.src.b);
	T_EQ(ssf_rule_verify(&rule, &err), 0, "rule ok: %s", err);

	t_case("rule: tcp dport 80 from 2001:db8::/32 matches");
	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_tcp(t, 1234, 80, SSF_TB_SYN, NULL, 0);
	ssf_tb_done(t);
	tu_cfg_all(&cfg, SSF_CHK_DROP, -1);
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.verdict, SSF_VERDICT_PASS, "passes the checks");
	T_OK(ssf_rule_match(&rule, &r.pkt, &no_meta), "matches");

	t_case("rule: a partial packet never matches a port match");
	t->len -= 1;
	ssf_tb_done(t);
	cfg.action[SSF_R_TCP_TRUNCATED] = SSF_CHK_OFF;
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.verdict, SSF_VERDICT_PASS, "passes: check off");
	T_OK(!ssf_rule_match(&rule, &r.pkt, &no_meta), "does not match");
	rule.match = SSF_RM_PROTO | SSF_RM_SRC;
	T_OK(ssf_rule_match(&rule, &r.pkt, &no_meta), "matches proto and source");
	free(t);
}

static u32 rnd_state = 0x5f5f1234;

static u32 rnd(void)
{
	return ssf_rnd(&rnd_state);
}

static void base_packet(struct ssf_tb *t, unsigned int k)
{
	static const u8 o4[8] = { 131, 7, 4, 1, 2, 3, 4, 0 };
	static const u8 o6[6] = { 0, 1, 1, 0, 5, 0 };
	static const u8 quote[28] = { 0x45, 0, 0, 28, 0, 0, 0, 0, 1, 17 };

	switch (k % 8) {
	case 0:
		ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		ssf_tb_tcp(t, 1, 2, SSF_TB_SYN, o4, 8);
		break;
	case 1:
		ssf_tb_ip4_opts(t, "10.0.0.1", "10.0.0.2", o4, 8);
		ssf_tb_udp(t, 1, 2);
		break;
	case 2:
		ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		ssf_tb_icmp(t, 3, 0);
		ssf_tb_data(t, quote, sizeof(quote));
		break;
	case 3:
		ssf_tb_ip6(t, "::1", "ff02::1");
		ssf_tb_opt8(t, 0);
		ssf_tb_ext(t, 60, o6, 6);
		ssf_tb_rt(t, 0);
		ssf_tb_frag6(t, 0, true);
		ssf_tb_ah(t);
		ssf_tb_tcp(t, 0, 2, SSF_TB_FIN, NULL, 0);
		break;
	case 4:
		ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
		ssf_tb_icmp6(t, 1, 0);
		ssf_tb_zero(t, 48);
		break;
	case 5:
		ssf_tb_ip6(t, "fe80::1", "ff02::1");
		ssf_tb_icmp6(t, 136, 0);
		ssf_tb_zero(t, 16);
		break;
	case 6:
		ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
		ssf_tb_frag6(t, 8, true);
		ssf_tb_udp(t, 1, 2);
		break;
	default:
		ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
		ssf_tb_udp(t, 0, 0);
		ssf_tb_zero(t, 9);
		break;
	}
	ssf_tb_done(t);
}

SSF_TEST(invariants_on_mutations)
{
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg, all;
	struct ssf_check_ctx ctx = { 0 }, actx;
	struct trun r, ra;
	const char *err = NULL;
	unsigned int i, j, n, bad = 0;
	u32 len;

	tu_cfg_all(&all, SSF_CHK_AUDIT, -1);
	for (i = 0; i < 40000 && bad < 5; i++) {
		base_packet(t, i);
		n = rnd() % 5;
		for (j = 0; j < n; j++)
			t->b[rnd() % t->len] = rnd();
		len = rnd() % 4 ? t->len : rnd() % (t->len + 1);
		ssf_check_cfg_init(&cfg);
		for (j = 1; j < SSF_R_COUNT; j++)
			cfg.action[j] = rnd() % 3;
		cfg.ip6_exthdr_max = rnd() % 10;
		all.ip6_exthdr_max = cfg.ip6_exthdr_max;
		ctx.cfg = &cfg;
		ctx.path = rnd() % 3;
		ctx.loopback = rnd() & 1;
		ctx.gso = rnd() & 1;
		actx = ctx;
		actx.cfg = &all;
		tu_run_tb(&r, t, len, &ctx);
		tu_run_tb(&ra, t, len, &actx);
		err = tu_invariants(&r, &cfg, len);
		if (!err)
			err = tu_invariants(&ra, &all, len);
		if (!err)
			err = tu_consistent(&r, &cfg, &ra);
		if (err)
			bad++;
		T_OK(!err, "mutation %u: %s", i, err);
	}
	free(t);
}
