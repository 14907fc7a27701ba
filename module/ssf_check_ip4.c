// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 header checks (the ip4-* reasons): header structure (RFC 791),
 * options, fragments (RFC 791, RFC 1858), addresses (RFC 1122 §3.2.1.3,
 * RFC 1812 §5.3.7) and TTL. Hands the transport header to ssf_check_l4().
 *
 * Locking: none; pure function of its input.
 */
#include "ssf_check_priv.h"

#define SSF_IP4_RF		0x8000	/* reserved flag, must be zero */
#define SSF_IP4_DF		0x4000
#define SSF_IP4_MF		0x2000
#define SSF_IP4_OFFSET		0x1fff

#define SSF_IPOPT_EOL		0
#define SSF_IPOPT_NOP		1
#define SSF_IPOPT_RR		7
#define SSF_IPOPT_TS		68
#define SSF_IPOPT_LSRR		131
#define SSF_IPOPT_SSRR		137
#define SSF_IPOPT_MAXLEN	40

/*
 * Walk the option TLVs of an IPv4 header (RFC 791 §3.1). Sets *@srr when a
 * loose or strict source route is present. Returns false when they are
 * malformed: a length under 2 or past the header; a route option (RR,
 * LSRR, SSRR) shorter than 3 or with a pointer below 4; a timestamp
 * shorter than 4 or with a pointer below 5; a second source route (RFC 791:
 * it "must not appear more than once"). These are the rules the kernel's
 * __ip_options_compile() enforces.
 */
static bool ssf_ip4_opts_ok(const u8 *o, u32 len, bool *srr)
{
	u32 i = 0, olen;
	bool route;
	u8 type;

	while (i < len) {
		type = o[i];
		if (type == SSF_IPOPT_EOL)
			break;
		if (type == SSF_IPOPT_NOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return false;
		olen = o[i + 1];
		if (olen < 2 || olen > len - i)
			return false;
		route = type == SSF_IPOPT_LSRR || type == SSF_IPOPT_SSRR;
		if ((route || type == SSF_IPOPT_RR) &&
		    (olen < 3 || o[i + 2] < 4))
			return false;
		if (type == SSF_IPOPT_TS && (olen < 4 || o[i + 2] < 5))
			return false;
		if (route) {
			if (*srr)
				return false;
			*srr = true;
		}
		i += olen;
	}
	return true;
}

/*
 * The @len bytes of options are there and well formed. A function of its
 * own: kernels built with INIT_STACK_ALL_ZERO zero a stack array where it
 * is declared, and most packets have no options.
 */
static bool ssf_ip4_opts_read(struct ssf_walk *w, u32 len, bool *srr)
{
	u8 opts[SSF_IPOPT_MAXLEN];

	return ssf_buf_copy(&w->v, sizeof(struct ssf_wire_ip4), len, opts) &&
	       ssf_ip4_opts_ok(opts, len, srr);
}

/* Options: ip4-bad-options, ip4-source-route. */
static bool ssf_ip4_options(struct ssf_walk *w, u32 ihl)
{
	u32 len = ihl - sizeof(struct ssf_wire_ip4);
	bool srr = false, ok;

	if (!len)
		return true;
	ok = ssf_ip4_opts_read(w, len, &srr);
	if (!ok && !ssf_trip(w, SSF_R_IP4_BAD_OPTIONS))
		return false;
	if (srr && !ssf_trip(w, SSF_R_IP4_SOURCE_ROUTE))
		return false;
	return true;
}

/*
 * Fragment fields: ip4-frag-bad, ip4-frag-oversize, ip4-frag-tiny (offset
 * 1, RFC 1858 §3.2; the short first fragment is caught in ssf_check_l4()).
 * @plen is the payload length of this packet.
 */
static bool ssf_ip4_frag(struct ssf_walk *w, u16 frag, u32 plen)
{
	u32 off = (u32)(frag & SSF_IP4_OFFSET) * 8;
	bool more = frag & SSF_IP4_MF;

	if (more || off)
		w->pkt->flags |= SSF_PKT_F_FRAG;
	if (((frag & SSF_IP4_RF) ||
	     ((frag & SSF_IP4_DF) && (more || off)) ||
	     (more && plen % 8)) &&
	    !ssf_trip(w, SSF_R_IP4_FRAG_BAD))
		return false;
	if (off + plen > SSF_IP_MAXPACKET &&
	    !ssf_trip(w, SSF_R_IP4_FRAG_OVERSIZE))
		return false;
	if (off == 8 && !ssf_trip(w, SSF_R_IP4_FRAG_TINY))
		return false;
	if (off)
		w->pkt->flags |= SSF_PKT_F_LATER_FRAG;
	else if (more)
		w->first_frag = true;
	return true;
}

static bool ssf_ip4_multicast(u32 a)
{
	return (a >> 28) == 0xe;	/* 224.0.0.0/4 */
}

/* Addresses and TTL: ip4-bad-source, ip4-land, ip4-zero-ttl. */
static bool ssf_ip4_addrs(struct ssf_walk *w, const struct ssf_wire_ip4 *ip)
{
	const struct ssf_check_ctx *ctx = w->ctx;
	u32 s = be32_to_cpu(ip->saddr), d = be32_to_cpu(ip->daddr);

	if ((ssf_ip4_multicast(s) || s == 0xffffffff ||
	     (!ctx->loopback && (s >> 24) == 127)) &&
	    !ssf_trip(w, SSF_R_IP4_BAD_SOURCE))
		return false;
	if (s == d && !ctx->loopback && !ssf_trip(w, SSF_R_IP4_LAND))
		return false;
	/* RFC 1112 §6.1: a local sender may use TTL 0 to keep a multicast
	 * datagram on this host; it is looped back, never sent.
	 */
	if (ssf_ttl_in(w) == 0 &&
	    !(ssf_ip4_multicast(d) &&
	      (ctx->path == SSF_PATH_LOCAL_OUT || ctx->loopback)) &&
	    !ssf_trip(w, SSF_R_IP4_ZERO_TTL))
		return false;
	return true;
}

void ssf_check_ip4(struct ssf_walk *w, const struct ssf_buf *b)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_ip4 ip;
	u32 ihl, tot;

	if (!ssf_buf_copy(b, 0, sizeof(ip), &ip)) {
		ssf_incomplete(w, SSF_R_IP4_TRUNCATED);
		return;
	}
	pkt->saddr.w[0] = ip.saddr;
	pkt->daddr.w[0] = ip.daddr;
	pkt->ttl = ip.ttl;
	pkt->proto = ip.protocol;

	if ((ip.ver_ihl >> 4) != 4 && !ssf_trip(w, SSF_R_IP4_BAD_VERSION))
		return;
	ihl = (u32)(ip.ver_ihl & 0x0f) * 4;
	if (ihl < sizeof(ip) || ihl > b->len) {
		ssf_incomplete(w, SSF_R_IP4_BAD_IHL);
		return;
	}
	pkt->l4off = ihl;
	tot = be16_to_cpu(ip.tot_len);
	/* BIG TCP: a TCP GSO packet over 64k has total length 0 (as the
	 * kernel's iph_totlen() reads it)
	 */
	if (!tot && w->ctx->gso && ip.protocol == SSF_PROTO_TCP)
		tot = b->len;
	if (tot < ihl) {
		ssf_incomplete(w, SSF_R_IP4_BAD_LENGTH);
		return;
	}
	if (tot > b->len) {
		/* carry on with the bytes present */
		if (!ssf_trip(w, SSF_R_IP4_BAD_LENGTH))
			return;
		tot = b->len;
	}
	w->v = *b;
	w->v.len = tot;

	if (!ssf_ip4_options(w, ihl) ||
	    !ssf_ip4_frag(w, be16_to_cpu(ip.frag_off), tot - ihl) ||
	    !ssf_ip4_addrs(w, &ip))
		return;
	if (ip.protocol == SSF_PROTO_ICMPV6) {
		if (!ssf_trip(w, SSF_R_PROTO_FAMILY_MISMATCH))
			return;
		w->mismatch = true;
	}
	if (pkt->flags & SSF_PKT_F_LATER_FRAG)
		return;
	w->l4len = tot - ihl;
	w->tiny = SSF_R_IP4_FRAG_TINY;
	ssf_check_l4(w);
}
