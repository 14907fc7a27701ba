// SPDX-License-Identifier: GPL-2.0
/*
 * Bounds-checked IPv4/IPv6/transport parsers. Shared by ssf.ko and userspace
 * (unit tests, fuzzers): reads packet bytes only through ssf_buf_copy(), into
 * local copies of the wire headers defined here, and returns a result code.
 *
 * Locking: none; pure function of its input.
 */
#include "ssf_pkt.h"

/* Wire formats, declared here so that userspace needs no kernel headers. */
struct ssf_wire_ip4 {
	u8 ver_ihl;
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	__be16 check;
	__be32 saddr;
	__be32 daddr;
};

struct ssf_wire_ip6 {
	__be32 ver_tc_flow;
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	u8 saddr[16];
	u8 daddr[16];
};

struct ssf_wire_ip6_opt {
	u8 nexthdr;
	u8 hdrlen;
};

struct ssf_wire_ip6_frag {
	u8 nexthdr;
	u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

struct ssf_wire_ports {
	__be16 source;
	__be16 dest;
};

#define SSF_IP4_MF		0x2000
#define SSF_IP4_OFFSET		0x1fff
#define SSF_IP6_MF		0x0001
#define SSF_IP6_OFFSET		0xfff8
#define SSF_IP6_MAX_EXTHDRS	16

#define SSF_PROTO_HOPOPTS	0
#define SSF_PROTO_ICMP		1
#define SSF_PROTO_TCP		6
#define SSF_PROTO_UDP		17
#define SSF_PROTO_ROUTING	43
#define SSF_PROTO_FRAGMENT	44
#define SSF_PROTO_ICMPV6	58
#define SSF_PROTO_NONE		59
#define SSF_PROTO_DSTOPTS	60
#define SSF_PROTO_SCTP		132
#define SSF_PROTO_UDPLITE	136

static bool ssf_proto_has_ports(u8 proto)
{
	return proto == SSF_PROTO_TCP || proto == SSF_PROTO_UDP ||
	       proto == SSF_PROTO_SCTP || proto == SSF_PROTO_UDPLITE;
}

static enum ssf_parse_result ssf_parse_l4(const struct ssf_buf *b,
					  struct ssf_pkt *pkt)
{
	struct ssf_wire_ports ports;
	u8 icmp[2];

	if (pkt->flags & SSF_PKT_F_LATER_FRAG)
		return SSF_PARSE_OK;

	if (ssf_proto_has_ports(pkt->proto)) {
		if (!ssf_buf_copy(b, pkt->l4off, sizeof(ports), &ports))
			return SSF_PARSE_L4_TRUNCATED;
		pkt->sport = be16_to_cpu(ports.source);
		pkt->dport = be16_to_cpu(ports.dest);
		pkt->flags |= SSF_PKT_F_PORTS;
		if (pkt->proto == SSF_PROTO_TCP) {
			/* byte 13 of the TCP header holds the flags */
			if (!ssf_buf_copy(b, pkt->l4off + 13, 1, &pkt->tcp_flags))
				return SSF_PARSE_L4_TRUNCATED;
		}
	} else if (pkt->proto == SSF_PROTO_ICMP ||
		   pkt->proto == SSF_PROTO_ICMPV6) {
		if (!ssf_buf_copy(b, pkt->l4off, sizeof(icmp), icmp))
			return SSF_PARSE_L4_TRUNCATED;
		pkt->icmp_type = icmp[0];
		pkt->icmp_code = icmp[1];
		pkt->flags |= SSF_PKT_F_ICMP;
	}
	return SSF_PARSE_OK;
}

static enum ssf_parse_result ssf_parse_ip4(const struct ssf_buf *b,
					   struct ssf_pkt *pkt)
{
	struct ssf_wire_ip4 ip;
	u32 ihl, tot_len;
	u16 frag;

	if (!ssf_buf_copy(b, 0, sizeof(ip), &ip))
		return SSF_PARSE_L3_TRUNCATED;
	pkt->saddr.w[0] = ip.saddr;
	pkt->daddr.w[0] = ip.daddr;
	pkt->ttl = ip.ttl;
	pkt->proto = ip.protocol;

	ihl = (u32)(ip.ver_ihl & 0x0f) * 4;
	tot_len = be16_to_cpu(ip.tot_len);
	if ((ip.ver_ihl >> 4) != 4 || ihl < sizeof(ip) || tot_len < ihl ||
	    tot_len > b->len)
		return SSF_PARSE_L3_MALFORMED;
	pkt->l4off = ihl;

	frag = be16_to_cpu(ip.frag_off);
	if (frag & (SSF_IP4_MF | SSF_IP4_OFFSET))
		pkt->flags |= SSF_PKT_F_FRAG;
	if (frag & SSF_IP4_OFFSET)
		pkt->flags |= SSF_PKT_F_LATER_FRAG;

	return ssf_parse_l4(b, pkt);
}

static bool ssf_ip6_is_exthdr(u8 nexthdr)
{
	return nexthdr == SSF_PROTO_HOPOPTS || nexthdr == SSF_PROTO_ROUTING ||
	       nexthdr == SSF_PROTO_FRAGMENT || nexthdr == SSF_PROTO_DSTOPTS;
}

static enum ssf_parse_result ssf_parse_ip6(const struct ssf_buf *b,
					   struct ssf_pkt *pkt)
{
	struct ssf_wire_ip6 ip;
	u32 off = sizeof(ip);
	u8 nexthdr;
	int n;

	if (!ssf_buf_copy(b, 0, sizeof(ip), &ip))
		return SSF_PARSE_L3_TRUNCATED;
	memcpy(pkt->saddr.b, ip.saddr, 16);
	memcpy(pkt->daddr.b, ip.daddr, 16);
	pkt->ttl = ip.hop_limit;
	if ((be32_to_cpu(ip.ver_tc_flow) >> 28) != 6 ||
	    (u32)be16_to_cpu(ip.payload_len) + sizeof(ip) > b->len)
		return SSF_PARSE_L3_MALFORMED;

	nexthdr = ip.nexthdr;
	for (n = 0; ssf_ip6_is_exthdr(nexthdr); n++) {
		struct ssf_wire_ip6_frag fh;
		struct ssf_wire_ip6_opt opt;

		if (n >= SSF_IP6_MAX_EXTHDRS)
			return SSF_PARSE_EXTHDR;
		if (nexthdr == SSF_PROTO_FRAGMENT) {
			u16 fo;

			if (!ssf_buf_copy(b, off, sizeof(fh), &fh))
				return SSF_PARSE_EXTHDR;
			fo = be16_to_cpu(fh.frag_off);
			pkt->flags |= SSF_PKT_F_FRAG;
			nexthdr = fh.nexthdr;
			off += sizeof(fh);
			if (fo & SSF_IP6_OFFSET) {
				/* later fragment: the rest of the chain is not here */
				pkt->flags |= SSF_PKT_F_LATER_FRAG;
				break;
			}
			continue;
		}
		if (!ssf_buf_copy(b, off, sizeof(opt), &opt))
			return SSF_PARSE_EXTHDR;
		nexthdr = opt.nexthdr;
		off += ((u32)opt.hdrlen + 1) * 8;
	}
	pkt->proto = nexthdr;
	pkt->l4off = off;
	return ssf_parse_l4(b, pkt);
}

enum ssf_parse_result ssf_parse(const struct ssf_buf *b, u8 family,
				struct ssf_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->family = family;
	pkt->len = b->len;
	if (family == SSF_FAMILY_IPV4)
		return ssf_parse_ip4(b, pkt);
	if (family == SSF_FAMILY_IPV6)
		return ssf_parse_ip6(b, pkt);
	return SSF_PARSE_L3_MALFORMED;
}
