/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet metadata produced by the parser (ssf_check(), see ssf_check.h) and
 * consumed by the matcher (ssf_rule.c). Shared by ssf.ko and userspace; no
 * kernel types.
 */
#ifndef _SSF_PKT_H
#define _SSF_PKT_H

#include "ssf_types.h"
#include "ssf_buf.h"
#include <linux/ssf.h>

/* An IPv4 address lives in w[0]; IPv6 uses all four words. Network order. */
union ssf_addr {
	__be32 w[4];
	u8 b[16];
};

enum ssf_pkt_flags {
	SSF_PKT_F_PORTS		= 1 << 0,	/* sport/dport are valid */
	SSF_PKT_F_FRAG		= 1 << 1,	/* a fragment (any) */
	SSF_PKT_F_LATER_FRAG	= 1 << 2,	/* a non-first fragment: no L4 header */
	SSF_PKT_F_ICMP		= 1 << 3,	/* icmp_type/icmp_code are valid */
	SSF_PKT_F_PARTIAL	= 1 << 4,	/* parsing stopped early on a
						 * malformation: later fields
						 * are absent (ssf_check.h)
						 */
};

struct ssf_pkt {
	u8 family;		/* enum ssf_family: SSF_FAMILY_IPV4 or _IPV6 */
	u8 proto;		/* transport protocol, after IPv6 extension headers */
	u8 flags;		/* enum ssf_pkt_flags */
	u8 ttl;			/* IPv4 TTL or IPv6 hop limit */
	u8 icmp_type;
	u8 icmp_code;
	u8 tcp_flags;		/* byte 13 of the TCP header */
	u16 sport;		/* host order */
	u16 dport;		/* host order */
	u32 len;		/* bytes from the network header to the end */
	u32 l4off;		/* offset of the transport header (for a later
				 * fragment: of the fragment's data)
				 */
	union ssf_addr saddr;
	union ssf_addr daddr;
};

/*
 * Parse only (the policy hooks' metadata): ssf_check() with every check
 * off, saying where parsing stopped. SSF_PARSE_OK means @pkt is fully
 * filled in. Any other value means the packet is malformed and @pkt holds
 * only what was parsed before the fault (family, and addresses if the
 * network header was complete); SSF_PKT_F_PARTIAL is set.
 */
enum ssf_parse_result {
	SSF_PARSE_OK,
	SSF_PARSE_L3_TRUNCATED,		/* network header incomplete */
	SSF_PARSE_L3_MALFORMED,		/* IHL or total length; bad family */
	SSF_PARSE_EXTHDR,		/* IPv6 extension header chain */
	SSF_PARSE_L4_TRUNCATED,		/* transport header incomplete */
};

/*
 * Parse the packet in @b, whose network header is at offset 0 and whose
 * family is @family (SSF_FAMILY_IPV4 or SSF_FAMILY_IPV6). Reads only
 * through ssf_buf_copy(). Never fails on any input; the result says what
 * was found. No check stops it: malformations that leave the headers
 * parsable (a bad version, options, flags...) give SSF_PARSE_OK. An IPv4
 * total length or IPv6 payload length of 0 is read as "the whole buffer",
 * as for a GSO packet (ssf_check_ctx.gso): the kernel has dropped or
 * trimmed any other packet with such a length before a policy hook.
 */
enum ssf_parse_result ssf_parse(const struct ssf_buf *b, u8 family,
				struct ssf_pkt *pkt);

#endif /* _SSF_PKT_H */
