/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of ssf_check(), shared by ssf_parse.c and the ssf_check_*.c
 * files only: wire formats, protocol numbers, and the walk state that
 * carries the packet view, the metadata and the result from one layer's
 * checks to the next.
 *
 * Wire formats are declared here so that userspace needs no kernel
 * headers. Parsers only ever hold local copies of them, filled by
 * ssf_buf_copy(); every field is naturally aligned and multi-byte fields
 * are in network order.
 */
#ifndef _SSF_CHECK_PRIV_H
#define _SSF_CHECK_PRIV_H

#include "ssf_check.h"

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

/* The first two bytes of every IPv6 extension header but the fragment's. */
struct ssf_wire_ip6_ext {
	u8 nexthdr;
	u8 hdrlen;
};

struct ssf_wire_ip6_frag {
	u8 nexthdr;
	u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

struct ssf_wire_tcp {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
	u8 doff;		/* data offset in the high nibble */
	u8 flags;
	__be16 window;
	__be16 check;
	__be16 urg_ptr;
};

struct ssf_wire_udp {
	__be16 source;
	__be16 dest;
	__be16 len;
	__be16 check;
};

/* ICMP and ICMPv6 share this 8-byte header layout. */
struct ssf_wire_icmp {
	u8 type;
	u8 code;
	__be16 check;
	__be32 rest;
};

_Static_assert(sizeof(struct ssf_wire_ip4) == 20, "IPv4 header size");
_Static_assert(sizeof(struct ssf_wire_ip6) == 40, "IPv6 header size");
_Static_assert(sizeof(struct ssf_wire_ip6_frag) == 8, "fragment header");
_Static_assert(sizeof(struct ssf_wire_tcp) == 20, "TCP header size");
_Static_assert(sizeof(struct ssf_wire_udp) == 8, "UDP header size");
_Static_assert(sizeof(struct ssf_wire_icmp) == 8, "ICMP header size");
_Static_assert(SSF_R_COUNT <= 64, "reasons must fit a u64 bitmap");

#define SSF_PROTO_HOPOPTS	0
#define SSF_PROTO_ICMP		1
#define SSF_PROTO_TCP		6
#define SSF_PROTO_UDP		17
#define SSF_PROTO_ROUTING	43
#define SSF_PROTO_FRAGMENT	44
#define SSF_PROTO_ESP		50
#define SSF_PROTO_AH		51
#define SSF_PROTO_ICMPV6	58
#define SSF_PROTO_NONE		59
#define SSF_PROTO_DSTOPTS	60
#define SSF_PROTO_SCTP		132
#define SSF_PROTO_UDPLITE	136

#define SSF_IP_MAXPACKET	65535

/* State of one ssf_check() call, handed from layer to layer. */
struct ssf_walk {
	const struct ssf_check_ctx *ctx;
	struct ssf_pkt *pkt;
	struct ssf_check_res *res;
	struct ssf_buf v;	/* the packet, cut to the length its network
				 * header declares (never longer than the
				 * buffer)
				 */
	u32 l4len;		/* bytes of v from pkt->l4off on */
	u8 tiny;		/* ip4-frag-tiny or ip6-frag-tiny */
	bool first_frag;	/* offset 0 and more fragments: the rest of the
				 * transport data is not in this packet
				 */
	bool mismatch;		/* transport protocol of the other family */
};

/*
 * Record that check @r tripped. Returns false when its action is drop: the
 * verdict is decided and the caller must return at once. Returns true
 * (carry on) for audit and off; off records nothing.
 */
static inline bool ssf_trip(struct ssf_walk *w, u8 r)
{
	u8 act = w->ctx->cfg->action[r];

	if (act == SSF_CHK_OFF)
		return true;
	w->res->tripped |= SSF_R_BIT(r);
	if (act == SSF_CHK_AUDIT)
		return true;
	w->res->verdict = SSF_VERDICT_DROP;
	w->res->reason = r;
	return false;
}

/*
 * Malformation @r makes further parsing impossible: trip it and mark the
 * metadata partial. The caller returns right after, whatever the action.
 */
static inline void ssf_incomplete(struct ssf_walk *w, u8 r)
{
	ssf_trip(w, r);
	w->res->incomplete = r;
	w->pkt->flags |= SSF_PKT_F_PARTIAL;
}

/* The TTL or hop limit the packet arrived with (see ssf_check_path). */
static inline u32 ssf_ttl_in(const struct ssf_walk *w)
{
	return (u32)w->pkt->ttl + (w->ctx->path == SSF_PATH_FORWARD ? 1 : 0);
}

void ssf_check_ip4(struct ssf_walk *w, const struct ssf_buf *b);
void ssf_check_ip6(struct ssf_walk *w, const struct ssf_buf *b);
void ssf_check_l4(struct ssf_walk *w);

#endif /* _SSF_CHECK_PRIV_H */
