// SPDX-License-Identifier: GPL-2.0
/*
 * Entry points of the hardened parser: ssf_check() (parse and run every
 * named check, see ssf_check.h) and ssf_parse() (parse only, for the
 * policy hooks, see ssf_pkt.h). The layers live in ssf_check_ip4.c, ssf_check_ip6.c and
 * ssf_check_l4.c; they read packet bytes only through ssf_buf_copy().
 *
 * Locking: none; pure functions of their input.
 */
#include "ssf_check_priv.h"

enum ssf_verdict ssf_check(const struct ssf_buf *b, u8 family,
			   const struct ssf_check_ctx *ctx,
			   struct ssf_pkt *pkt, struct ssf_check_res *res)
{
	struct ssf_walk w = {
		.ctx = ctx,
		.pkt = pkt,
		.res = res,
		.v = *b,
	};

	memset(pkt, 0, sizeof(*pkt));
	memset(res, 0, sizeof(*res));
	pkt->family = family;
	pkt->len = b->len;
	if (family == SSF_FAMILY_IPV4)
		ssf_check_ip4(&w, b);
	else if (family == SSF_FAMILY_IPV6)
		ssf_check_ip6(&w, b);
	else
		pkt->flags |= SSF_PKT_F_PARTIAL;
	return res->verdict;
}

/*
 * The usual packet in two reads: IPv4 without options, not a fragment,
 * its total length within the buffer, a whole TCP or UDP header. True
 * when @pkt is filled exactly as the walk below would fill it (the unit
 * tests compare the two on random packets); false, with @pkt
 * unspecified, for anything else.
 */
static bool ssf_parse_ip4_fast(const struct ssf_buf *b, struct ssf_pkt *pkt)
{
	struct ssf_wire_ip4 ip;
	struct ssf_wire_tcp th;		/* UDP: the first 8 bytes */
	u32 tot, l4;

	if (!ssf_buf_copy(b, 0, sizeof(ip), &ip) || ip.ver_ihl != 0x45 ||
	    (be16_to_cpu(ip.frag_off) & 0x3fff))
		return false;
	tot = be16_to_cpu(ip.tot_len);
	if (ip.protocol == SSF_PROTO_TCP)
		l4 = sizeof(struct ssf_wire_tcp);
	else if (ip.protocol == SSF_PROTO_UDP)
		l4 = sizeof(struct ssf_wire_udp);
	else
		return false;
	if (tot < sizeof(ip) + l4 || tot > b->len ||
	    !ssf_buf_copy(b, sizeof(ip), l4, &th))
		return false;
	memset(pkt, 0, sizeof(*pkt));
	pkt->family = SSF_FAMILY_IPV4;
	pkt->len = b->len;
	pkt->saddr.w[0] = ip.saddr;
	pkt->daddr.w[0] = ip.daddr;
	pkt->ttl = ip.ttl;
	pkt->proto = ip.protocol;
	pkt->l4off = sizeof(ip);
	pkt->sport = be16_to_cpu(th.source);
	pkt->dport = be16_to_cpu(th.dest);
	if (ip.protocol == SSF_PROTO_TCP)
		pkt->tcp_flags = th.flags;
	pkt->flags = SSF_PKT_F_PORTS;
	return true;
}

enum ssf_parse_result ssf_parse(const struct ssf_buf *b, u8 family,
				struct ssf_pkt *pkt)
{
	static const struct ssf_check_cfg all_off;	/* zero: all off */
	const struct ssf_check_ctx ctx = { .cfg = &all_off, .gso = true };
	struct ssf_check_res res;

	if (family == SSF_FAMILY_IPV4 && ssf_parse_ip4_fast(b, pkt))
		return SSF_PARSE_OK;
	ssf_check(b, family, &ctx, pkt, &res);
	switch (res.incomplete) {
	case SSF_R_NONE:
		break;
	case SSF_R_IP4_TRUNCATED:
	case SSF_R_IP6_TRUNCATED:
		return SSF_PARSE_L3_TRUNCATED;
	case SSF_R_IP4_BAD_IHL:
	case SSF_R_IP4_BAD_LENGTH:
		return SSF_PARSE_L3_MALFORMED;
	case SSF_R_IP6_EXTHDR_TRUNCATED:
	case SSF_R_IP6_EXTHDR_TOO_MANY:
		return SSF_PARSE_EXTHDR;
	default:		/* transport truncated, tiny first fragment */
		return SSF_PARSE_L4_TRUNCATED;
	}
	if (pkt->flags & SSF_PKT_F_PARTIAL)	/* unknown family */
		return SSF_PARSE_L3_MALFORMED;
	return SSF_PARSE_OK;
}
