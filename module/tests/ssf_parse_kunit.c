// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_parse: ssf_parse() (parse-only, every check off) on real
 * skbs.
 *
 * For IPv4 and IPv6 packets carrying TCP, UDP and ICMP, with options,
 * extension headers and fragments: the metadata of the whole packet; the
 * result and metadata at every truncation length; and the same packets as
 * non-linear skbs, the headers split between the linear area and one or two
 * page fragments at every byte, which must give exactly what the linear
 * skb gives (skb_header_pointer()'s copying path).
 */
#include <kunit/test.h>

#include "ssf_pkt.h"
#include "ssf_kunit_pkt.h"

struct parse_case {
	const char *name;
	void (*build)(struct ssf_tb *t);
	u8 family;
	/* expected metadata of the whole packet */
	u8 proto, flags, ttl, icmp_type, icmp_code, tcp_flags;
	u16 sport, dport;
	u32 l4off;
	u32 l4need;	/* transport bytes needed to parse (0: none) */
	u32 l3end;	/* end of the IP header chain, <= l4off */
};

static const u8 ip4_opts_nop[4] = { 1, 1, 1, 0 };	/* NOP NOP NOP EOL */
static const u8 tcp_opts_mss[12] = { 2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7 };

#define A6_SRC	"2001:db8::1"
#define A6_DST	"2001:db8:1::ab02"

static void b4_tcp(struct ssf_tb *t)
{
	ssf_tb_ip4(t, "10.0.0.1", "10.0.0.2");
	ssf_tb_tcp(t, 40000, 80, SSF_TB_SYN, tcp_opts_mss,
		   sizeof(tcp_opts_mss));
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 0x4000);		/* DF */
}

static void b4_udp_opts(struct ssf_tb *t)
{
	ssf_tb_ip4_opts(t, "192.0.2.1", "198.51.100.7", ip4_opts_nop,
			sizeof(ip4_opts_nop));
	ssf_tb_udp(t, 53, 5353);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, 1);			/* TTL */
}

static void b4_icmp(struct ssf_tb *t)
{
	ssf_tb_ip4(t, "172.16.0.1", "172.16.0.9");
	ssf_tb_icmp(t, 8, 0);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, 255);
}

/* First fragment: offset 0, MF, the UDP header and 8 data bytes. */
static void b4_frag_first(struct ssf_tb *t)
{
	ssf_tb_ip4(t, "10.9.8.7", "10.9.8.6");
	ssf_tb_udp(t, 1111, 2222);
	ssf_tb_zero(t, 8);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 0x2000);
	ssf_tb_set8(t, 8, 30);
}

/* Later fragment at offset 1480 with 16 data bytes: no transport header. */
static void b4_frag_later(struct ssf_tb *t)
{
	ssf_tb_ip4(t, "10.9.8.7", "10.9.8.6");
	ssf_tb_proto(t, 6);
	ssf_tb_zero(t, 16);
	ssf_tb_done(t);
	ssf_tb_set16(t, 6, 1480 / 8);
	ssf_tb_set8(t, 8, 30);
}

static void b6_tcp(struct ssf_tb *t)
{
	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_tcp(t, 443, 50000, SSF_TB_ACK | SSF_TB_PSH, NULL, 0);
	ssf_tb_done(t);
}

static void b6_udp(struct ssf_tb *t)
{
	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_udp(t, 546, 547);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, 1);			/* hop limit */
}

static void b6_icmp6(struct ssf_tb *t)
{
	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_icmp6(t, 128, 0);
	ssf_tb_done(t);
	ssf_tb_set8(t, 7, 255);
}

/* Hop-by-hop (8 bytes), destination options (16 bytes), then UDP. */
static void b6_exthdrs(struct ssf_tb *t)
{
	static const u8 ra[4] = { 5, 2, 0, 0 };	/* router alert */
	static const u8 exp[14] = { 0x1e, 12 };	/* experimental, RFC 4727 */

	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_opts(t, SSF_TB_HOP, 0, ra, sizeof(ra));
	ssf_tb_opts(t, SSF_TB_DST, 1, exp, sizeof(exp));
	ssf_tb_udp(t, 7, 9);
	ssf_tb_done(t);
}

/* First fragment: fragment header, then TCP (20 + 4 data bytes). */
static void b6_frag_first(struct ssf_tb *t)
{
	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_frag6(t, 0, true);
	ssf_tb_tcp(t, 1234, 80, SSF_TB_ACK, NULL, 0);
	ssf_tb_zero(t, 4);
	ssf_tb_done(t);
}

/* Later fragment after a destination options header. */
static void b6_frag_later(struct ssf_tb *t)
{
	ssf_tb_ip6(t, A6_SRC, A6_DST);
	ssf_tb_opt8(t, SSF_TB_DST);
	ssf_tb_frag6(t, 1232, false);
	ssf_tb_proto(t, 17);
	ssf_tb_zero(t, 12);
	ssf_tb_done(t);
}

static const struct parse_case parse_cases[] = {
	{ "ip4 tcp syn, options", b4_tcp, SSF_FAMILY_IPV4, 6, SSF_PKT_F_PORTS,
	  64, 0, 0, SSF_TB_SYN, 40000, 80, 20, 20, 20 },
	{ "ip4 options, udp", b4_udp_opts, SSF_FAMILY_IPV4, 17,
	  SSF_PKT_F_PORTS, 1, 0, 0, 0, 53, 5353, 24, 8, 24 },
	{ "ip4 icmp echo", b4_icmp, SSF_FAMILY_IPV4, 1, SSF_PKT_F_ICMP, 255,
	  8, 0, 0, 0, 0, 20, 8, 20 },
	{ "ip4 first fragment", b4_frag_first, SSF_FAMILY_IPV4, 17,
	  SSF_PKT_F_PORTS | SSF_PKT_F_FRAG, 30, 0, 0, 0, 1111, 2222, 20, 8,
	  20 },
	{ "ip4 later fragment", b4_frag_later, SSF_FAMILY_IPV4, 6,
	  SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG, 30, 0, 0, 0, 0, 0, 20, 0,
	  20 },
	{ "ip6 tcp", b6_tcp, SSF_FAMILY_IPV6, 6, SSF_PKT_F_PORTS, 64, 0, 0,
	  SSF_TB_ACK | SSF_TB_PSH, 443, 50000, 40, 20, 40 },
	{ "ip6 udp", b6_udp, SSF_FAMILY_IPV6, 17, SSF_PKT_F_PORTS, 1, 0, 0, 0,
	  546, 547, 40, 8, 40 },
	{ "ip6 icmp6 echo", b6_icmp6, SSF_FAMILY_IPV6, 58, SSF_PKT_F_ICMP,
	  255, 128, 0, 0, 0, 0, 40, 8, 40 },
	{ "ip6 hop-by-hop, dstopts, udp", b6_exthdrs, SSF_FAMILY_IPV6, 17,
	  SSF_PKT_F_PORTS, 64, 0, 0, 0, 7, 9, 64, 8, 64 },
	{ "ip6 first fragment", b6_frag_first, SSF_FAMILY_IPV6, 6,
	  SSF_PKT_F_PORTS | SSF_PKT_F_FRAG, 64, 0, 0, SSF_TB_ACK, 1234, 80, 48,
	  20, 48 },
	{ "ip6 later fragment", b6_frag_later, SSF_FAMILY_IPV6, 17,
	  SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG, 64, 0, 0, 0, 0, 0, 56, 0,
	  56 },
};

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse, parse_cases, parse_case_desc);

/* ssf_parse() on @p cut to @len bytes, in an skb built as ssf_kunit_skb(). */
static enum ssf_parse_result parse_skb(struct kunit *test,
				       const struct ssf_tb *p, u32 len, u8 family,
				       u32 lead, u32 head, u32 mid,
				       struct ssf_pkt *pkt)
{
	struct sk_buff *skb = ssf_kunit_skb(test, p->b, len, lead, head, mid);
	enum ssf_parse_result res;
	struct ssf_buf b;

	ssf_buf_init_skb(&b, skb);
	KUNIT_EXPECT_EQ(test, b.len, len);
	res = ssf_parse(&b, family, pkt);
	ssf_kunit_skb_put(test, skb);
	return res;
}

static u32 l3_min(u8 family)
{
	return family == SSF_FAMILY_IPV4 ? 20 : 40;
}

static void ssf_parse_metadata(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	struct ssf_tb *p = ssf_kunit_tb(test);
	struct ssf_pkt pkt;
	u32 lead;

	c->build(p);
	for (lead = 0; lead <= KP_LEAD_MAX; lead += KP_LEAD_MAX) {
		KUNIT_ASSERT_EQ(test, parse_skb(test, p, p->len, c->family,
						lead, p->len, 0, &pkt),
				SSF_PARSE_OK);
		KUNIT_EXPECT_EQ(test, pkt.family, c->family);
		KUNIT_EXPECT_EQ(test, pkt.proto, c->proto);
		KUNIT_EXPECT_EQ(test, pkt.flags, c->flags);
		KUNIT_EXPECT_EQ(test, pkt.ttl, c->ttl);
		KUNIT_EXPECT_EQ(test, pkt.len, p->len);
		KUNIT_EXPECT_EQ(test, pkt.l4off, c->l4off);
		if (c->flags & SSF_PKT_F_PORTS) {
			KUNIT_EXPECT_EQ(test, pkt.sport, c->sport);
			KUNIT_EXPECT_EQ(test, pkt.dport, c->dport);
		}
		if (c->proto == 6 && (c->flags & SSF_PKT_F_PORTS))
			KUNIT_EXPECT_EQ(test, pkt.tcp_flags, c->tcp_flags);
		if (c->flags & SSF_PKT_F_ICMP) {
			KUNIT_EXPECT_EQ(test, pkt.icmp_type, c->icmp_type);
			KUNIT_EXPECT_EQ(test, pkt.icmp_code, c->icmp_code);
		}
		if (c->family == SSF_FAMILY_IPV4) {
			KUNIT_EXPECT_MEMEQ(test, &pkt.saddr.w[0], p->b + 12, 4);
			KUNIT_EXPECT_MEMEQ(test, &pkt.daddr.w[0], p->b + 16, 4);
			KUNIT_EXPECT_EQ(test, (__force u32)(pkt.saddr.w[1] |
					pkt.saddr.w[2] | pkt.saddr.w[3] |
					pkt.daddr.w[1] | pkt.daddr.w[2] |
					pkt.daddr.w[3]), 0);
		} else {
			KUNIT_EXPECT_MEMEQ(test, pkt.saddr.b, p->b + 8, 16);
			KUNIT_EXPECT_MEMEQ(test, pkt.daddr.b, p->b + 24, 16);
		}
	}
}

/*
 * The result ssf_parse() must give for @c cut to @len bytes, IP length
 * fields left as they were: past the IP header the length field claims
 * more than is there, which a parse with every check off carries on from
 * with the bytes present.
 */
static enum ssf_parse_result parse_expect(const struct parse_case *c, u32 len)
{
	if (len < l3_min(c->family))
		return SSF_PARSE_L3_TRUNCATED;
	if (len < c->l3end)	/* IHL past the end; extension header cut */
		return c->family == SSF_FAMILY_IPV4 ? SSF_PARSE_L3_MALFORMED :
						      SSF_PARSE_EXTHDR;
	if (len < c->l4off + c->l4need)
		return SSF_PARSE_L4_TRUNCATED;
	return SSF_PARSE_OK;
}

/* Fields two parses of the same bytes must agree on. */
static void expect_same_pkt(struct kunit *test, const struct ssf_pkt *a,
			    const struct ssf_pkt *b, u32 len, u32 head,
			    u32 mid)
{
	KUNIT_EXPECT_MEMEQ_MSG(test, a, b, sizeof(*a),
			       "len %u head %u mid %u", len, head, mid);
}

static void ssf_parse_truncated(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	struct ssf_tb *p = ssf_kunit_tb(test);
	struct ssf_pkt full, pkt;
	enum ssf_parse_result res;
	u32 len;

	c->build(p);
	KUNIT_ASSERT_EQ(test, parse_skb(test, p, p->len, c->family, 0, p->len,
					0, &full), SSF_PARSE_OK);
	for (len = 0; len <= p->len; len++) {
		res = parse_skb(test, p, len, c->family, 0, len, 0, &pkt);
		KUNIT_EXPECT_EQ_MSG(test, res, parse_expect(c, len),
				    "cut to %u bytes", len);
		KUNIT_EXPECT_EQ(test, pkt.family, c->family);
		KUNIT_EXPECT_EQ(test, pkt.len, len);
		/* partial exactly when the parse did not finish */
		KUNIT_EXPECT_EQ_MSG(test, !!(pkt.flags & SSF_PKT_F_PARTIAL),
				    res != SSF_PARSE_OK, "cut to %u", len);
		if (res == SSF_PARSE_L3_TRUNCATED) {
			KUNIT_EXPECT_EQ(test, pkt.flags, SSF_PKT_F_PARTIAL);
			continue;
		}
		/* the network header is whole: addresses are there */
		KUNIT_EXPECT_MEMEQ(test, &pkt.saddr, &full.saddr,
				   sizeof(pkt.saddr));
		KUNIT_EXPECT_MEMEQ(test, &pkt.daddr, &full.daddr,
				   sizeof(pkt.daddr));
		KUNIT_EXPECT_EQ(test, pkt.ttl, full.ttl);
		if (res == SSF_PARSE_OK) {
			KUNIT_EXPECT_EQ(test, pkt.flags, full.flags);
			KUNIT_EXPECT_EQ(test, pkt.sport, full.sport);
			KUNIT_EXPECT_EQ(test, pkt.dport, full.dport);
		} else {
			/* no transport metadata from a cut header */
			KUNIT_EXPECT_FALSE(test, pkt.flags &
					   (SSF_PKT_F_PORTS | SSF_PKT_F_ICMP));
		}
	}
}

/*
 * Every cut length, every split of the bytes between the linear area and
 * one page fragment, and (for the whole packet) two fragments split at
 * every byte after that: the same result and metadata as the linear skb.
 */
static void ssf_parse_nonlinear(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	enum ssf_parse_result want, got;
	struct ssf_tb *p = ssf_kunit_tb(test);
	struct ssf_pkt lin, pkt;
	u32 len, head, mid;

	c->build(p);
	for (len = 0; len <= p->len; len++) {
		want = parse_skb(test, p, len, c->family, 0, len, 0, &lin);
		for (head = 0; head < len; head++) {
			got = parse_skb(test, p, len, c->family, 0, head, 0,
					&pkt);
			KUNIT_EXPECT_EQ_MSG(test, got, want, "len %u head %u",
					    len, head);
			expect_same_pkt(test, &pkt, &lin, len, head, 0);
			if (len != p->len)
				continue;
			for (mid = head + 1; mid < len; mid++) {
				got = parse_skb(test, p, len, c->family,
						KP_LEAD_MAX, head, mid, &pkt);
				KUNIT_EXPECT_EQ_MSG(test, got, want,
						    "head %u mid %u", head,
						    mid);
				expect_same_pkt(test, &pkt, &lin, len, head,
						mid);
			}
		}
	}
}

/* Family other than IPv4 and IPv6: malformed, nothing read. */
static void ssf_parse_bad_family(struct kunit *test)
{
	struct ssf_tb *p = ssf_kunit_tb(test);
	struct ssf_pkt pkt;

	b4_tcp(p);
	KUNIT_EXPECT_EQ(test, parse_skb(test, p, p->len, SSF_FAMILY_ANY, 0,
					p->len, 0, &pkt),
			SSF_PARSE_L3_MALFORMED);
	KUNIT_EXPECT_FALSE(test, pkt.flags & SSF_PKT_F_PORTS);
	KUNIT_EXPECT_EQ(test, parse_skb(test, p, p->len, SSF_FAMILY_MAX + 1, 0,
					p->len, 0, &pkt),
			SSF_PARSE_L3_MALFORMED);
}

static struct kunit_case ssf_parse_cases[] = {
	KUNIT_CASE_PARAM(ssf_parse_metadata, parse_gen_params),
	KUNIT_CASE_PARAM(ssf_parse_truncated, parse_gen_params),
	KUNIT_CASE_PARAM(ssf_parse_nonlinear, parse_gen_params),
	KUNIT_CASE(ssf_parse_bad_family),
	{}
};

static struct kunit_suite ssf_parse_suite = {
	.name = "ssf_parse",
	.test_cases = ssf_parse_cases,
};

kunit_test_suite(ssf_parse_suite);
