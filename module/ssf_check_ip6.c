// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 header and extension header checks (the ip6-* reasons): header
 * structure (RFC 8200 §3), source address (RFC 4291 §2.7, §2.5.3), the
 * extension header chain (RFC 8200 §4: order, repeats, option TLVs;
 * RFC 5095: type 0 routing header; RFC 7112: the first fragment holds the
 * whole chain). Hands the upper-layer header to ssf_check_l4().
 *
 * AH (51) is walked like any extension header (its length is in 4-byte
 * units, RFC 4302). ESP (50) and "no next header" (59) end the chain: what
 * follows is encrypted or nothing, so they are the upper layer.
 *
 * Locking: none; pure function of its input.
 */
#include "ssf_check_priv.h"

#define SSF_IP6_MF		0x0001
#define SSF_IP6_OFFSET		0xfff8	/* in 8-byte units << 3: bytes */

#define SSF_IP6OPT_PAD1		0
#define SSF_IP6OPT_PADN		1
#define SSF_IP6OPT_PAD_MAX	7	/* RFC 4942 §2.1.9.5 */

/* Kinds of extension header that may appear once (RFC 8200 §4.1). */
#define SSF_IP6K_HOP		0x1
#define SSF_IP6K_RT		0x2
#define SSF_IP6K_FRAG		0x4
#define SSF_IP6K_AH		0x8

static const u8 ssf_ip6_loopback[16] = { [15] = 1 };

/* Where the walk of the extension header chain is. */
struct ssf_ip6_chain {
	u32 off;		/* offset of the current header */
	u32 n;			/* extension headers met so far */
	u32 ndst;		/* destination options headers met so far */
	u32 seen;		/* SSF_IP6K_* of the headers met so far */
	u8 nh;			/* type of the current header */
};

static bool ssf_ip6_is_ext(u8 nh)
{
	return nh == SSF_PROTO_HOPOPTS || nh == SSF_PROTO_ROUTING ||
	       nh == SSF_PROTO_FRAGMENT || nh == SSF_PROTO_DSTOPTS ||
	       nh == SSF_PROTO_AH;
}

static u32 ssf_ip6_kind(u8 nh)
{
	switch (nh) {
	case SSF_PROTO_HOPOPTS:
		return SSF_IP6K_HOP;
	case SSF_PROTO_ROUTING:
		return SSF_IP6K_RT;
	case SSF_PROTO_FRAGMENT:
		return SSF_IP6K_FRAG;
	case SSF_PROTO_AH:
		return SSF_IP6K_AH;
	}
	return 0;
}

/*
 * The chain runs past the packet. In a first fragment the rest of it is in
 * another fragment (RFC 7112), otherwise the packet is truncated.
 */
static void ssf_ip6_truncated(struct ssf_walk *w)
{
	ssf_incomplete(w, w->first_frag ? SSF_R_IP6_FRAG_TINY :
					  SSF_R_IP6_EXTHDR_TRUNCATED);
}

/*
 * A window on the bytes of an options header, so that reading each short
 * option costs no ssf_buf_copy() of its own: a 64 KB packet of 2-byte
 * options is a lot of options.
 */
struct ssf_ip6_win {
	const struct ssf_buf *v;
	u32 end;		/* packet offset where the header ends */
	u32 start;		/* packet offset of buf[0] */
	u32 len;		/* bytes in buf */
	u8 buf[64];
};

/*
 * The @n bytes (at most 8) at packet offset @off, which the caller knows
 * are before w->end, as a pointer into the window (local memory), or NULL.
 * The pointer is good until the next call.
 */
static const u8 *ssf_ip6_win_get(struct ssf_ip6_win *w, u32 off, u32 n)
{
	u32 len;

	if (off < w->start || off + n > w->start + w->len) {
		len = w->end - off;
		if (len > sizeof(w->buf))
			len = sizeof(w->buf);
		if (!ssf_buf_copy(w->v, off, len, w->buf))
			return NULL;
		w->start = off;
		w->len = len;
	}
	return w->buf + (off - w->start);
}

/*
 * Walk the option TLVs of a hop-by-hop or destination options header
 * (RFC 8200 §4.2) at [@off, @off + @len) of @v, all present. Returns false
 * when one overruns the header, or padding is malformed: PadN data not
 * zero, or more than 7 consecutive padding bytes (so PadN longer than 5
 * data bytes) as the kernel's ip6_parse_tlv() rejects too.
 */
static bool ssf_ip6_opts_ok(const struct ssf_buf *v, u32 off, u32 len)
{
	struct ssf_ip6_win win = { .v = v, .end = off + len };
	u32 i = 0, pad = 0, olen, j;
	const u8 *p;
	u8 dlen;

	while (i < len) {
		olen = len - i >= 2 ? 2 : 1;
		p = ssf_ip6_win_get(&win, off + i, olen);
		if (!p)
			return false;
		if (p[0] == SSF_IP6OPT_PAD1) {
			if (++pad > SSF_IP6OPT_PAD_MAX)
				return false;
			i++;
			continue;
		}
		if (olen < 2)
			return false;
		dlen = p[1];
		olen = (u32)dlen + 2;
		if (olen > len - i)
			return false;
		if (p[0] != SSF_IP6OPT_PADN) {
			pad = 0;
			i += olen;
			continue;
		}
		pad += olen;
		if (pad > SSF_IP6OPT_PAD_MAX)
			return false;
		p = ssf_ip6_win_get(&win, off + i + 2, dlen);
		if (!p)
			return false;
		for (j = 0; j < dlen; j++)
			if (p[j])
				return false;
		i += olen;
	}
	return true;
}

/* Count header c->nh: ip6-exthdr-too-many, ip6-exthdr-order. */
static bool ssf_ip6_count(struct ssf_walk *w, struct ssf_ip6_chain *c)
{
	u32 kind = ssf_ip6_kind(c->nh);
	bool bad;

	c->n++;
	if (c->n > w->ctx->cfg->ip6_exthdr_max &&
	    !ssf_trip(w, SSF_R_IP6_EXTHDR_TOO_MANY))
		return false;
	/* Past the hard limit the walk stops whatever the action and
	 * whatever the configured limit: it bounds the work one packet can
	 * cause.
	 */
	if (c->n > SSF_IP6_EXTHDR_LIMIT) {
		ssf_incomplete(w, SSF_R_IP6_EXTHDR_TOO_MANY);
		return false;
	}
	/* Hop-by-hop only right after the IPv6 header; every header at most
	 * once but destination options, at most twice.
	 */
	if (c->nh == SSF_PROTO_HOPOPTS)
		bad = c->n != 1;
	else if (c->nh == SSF_PROTO_DSTOPTS)
		bad = ++c->ndst > 2;
	else
		bad = c->seen & kind;
	c->seen |= kind;
	if (bad && !ssf_trip(w, SSF_R_IP6_EXTHDR_ORDER))
		return false;
	return true;
}

/*
 * Fragment header: ip6-frag-bad (a non-last fragment whose data is not a
 * multiple of 8 bytes, or data reaching past 65535, RFC 8200 §4.5).
 * Returns false at a non-first fragment: the rest of the chain and the
 * transport header are in another fragment.
 */
static bool ssf_ip6_frag(struct ssf_walk *w, struct ssf_ip6_chain *c)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_ip6_frag fh;
	u32 off, len;
	bool more;
	u16 fo;

	if (!ssf_buf_copy(&w->v, c->off, sizeof(fh), &fh)) {
		ssf_ip6_truncated(w);
		return false;
	}
	pkt->flags |= SSF_PKT_F_FRAG;
	c->off += sizeof(fh);
	c->nh = fh.nexthdr;
	fo = be16_to_cpu(fh.frag_off);
	off = fo & SSF_IP6_OFFSET;
	more = fo & SSF_IP6_MF;
	len = w->v.len - c->off;
	if (((more && len % 8) || off + len > SSF_IP_MAXPACKET) &&
	    !ssf_trip(w, SSF_R_IP6_FRAG_BAD))
		return false;
	if (off) {
		pkt->flags |= SSF_PKT_F_LATER_FRAG;
		pkt->proto = c->nh;
		pkt->l4off = c->off;
		return false;
	}
	if (more)
		w->first_frag = true;
	return true;
}

/*
 * Hop-by-hop, routing, destination options or AH header: its length,
 * ip6-rh0 and ip6-bad-options.
 */
static bool ssf_ip6_ext(struct ssf_walk *w, struct ssf_ip6_chain *c)
{
	struct ssf_wire_ip6_ext eh;
	u32 hlen;
	u8 type;

	if (!ssf_buf_copy(&w->v, c->off, sizeof(eh), &eh))
		goto truncated;
	if (c->nh == SSF_PROTO_AH)
		hlen = ((u32)eh.hdrlen + 2) * 4;
	else
		hlen = ((u32)eh.hdrlen + 1) * 8;
	if (hlen > w->v.len - c->off)
		goto truncated;
	/* routing type is byte 2; every routing header has 8 bytes or more */
	if (c->nh == SSF_PROTO_ROUTING &&
	    ssf_buf_copy(&w->v, c->off + 2, 1, &type) && type == 0 &&
	    !ssf_trip(w, SSF_R_IP6_RH0))
		return false;
	if ((c->nh == SSF_PROTO_HOPOPTS || c->nh == SSF_PROTO_DSTOPTS) &&
	    !ssf_ip6_opts_ok(&w->v, c->off + 2, hlen - 2) &&
	    !ssf_trip(w, SSF_R_IP6_BAD_OPTIONS))
		return false;
	c->nh = eh.nexthdr;
	c->off += hlen;
	return true;

truncated:
	ssf_ip6_truncated(w);
	return false;
}

/*
 * Walk the extension header chain from the IPv6 header's next header @nh.
 * Returns true with pkt->proto, pkt->l4off and w->l4len set for the upper
 * layer, or false when checking is over (a drop, an incomplete parse, a
 * non-first fragment). Each turn either returns or moves on by 8 bytes or
 * more, and ssf_ip6_count() stops it after SSF_IP6_EXTHDR_LIMIT headers.
 */
static bool ssf_ip6_chain(struct ssf_walk *w, u8 nh)
{
	struct ssf_ip6_chain c = {
		.off = sizeof(struct ssf_wire_ip6),
		.nh = nh,
	};
	bool ok;

	while (ssf_ip6_is_ext(c.nh)) {
		if (!ssf_ip6_count(w, &c))
			return false;
		if (c.nh == SSF_PROTO_FRAGMENT)
			ok = ssf_ip6_frag(w, &c);
		else
			ok = ssf_ip6_ext(w, &c);
		if (!ok)
			return false;
	}
	w->pkt->proto = c.nh;
	w->pkt->l4off = c.off;
	w->l4len = w->v.len - c.off;
	return true;
}

void ssf_check_ip6(struct ssf_walk *w, const struct ssf_buf *b)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_ip6 ip;
	u32 end;

	if (!ssf_buf_copy(b, 0, sizeof(ip), &ip)) {
		ssf_incomplete(w, SSF_R_IP6_TRUNCATED);
		return;
	}
	memcpy(pkt->saddr.b, ip.saddr, sizeof(ip.saddr));
	memcpy(pkt->daddr.b, ip.daddr, sizeof(ip.daddr));
	pkt->ttl = ip.hop_limit;
	pkt->proto = ip.nexthdr;
	pkt->l4off = sizeof(ip);

	if ((be32_to_cpu(ip.ver_tc_flow) >> 28) != 6 &&
	    !ssf_trip(w, SSF_R_IP6_BAD_VERSION))
		return;
	end = sizeof(ip) + be16_to_cpu(ip.payload_len);
	/* BIG TCP: a GSO packet over 64k has payload length 0 (and, from
	 * GRO, a hop-by-hop jumbo option; RFC 2675 jumbograms otherwise are
	 * not supported)
	 */
	if (end == sizeof(ip) && w->ctx->gso)
		end = b->len;
	if (end > b->len) {
		/* carry on with the bytes present */
		if (!ssf_trip(w, SSF_R_IP6_BAD_LENGTH))
			return;
		end = b->len;
	}
	w->v = *b;
	w->v.len = end;

	if ((ip.saddr[0] == 0xff ||
	     (!w->ctx->loopback &&
	      !memcmp(ip.saddr, ssf_ip6_loopback, sizeof(ip.saddr)))) &&
	    !ssf_trip(w, SSF_R_IP6_BAD_SOURCE))
		return;
	if (!ssf_ip6_chain(w, ip.nexthdr))
		return;
	if (pkt->proto == SSF_PROTO_ICMP) {
		if (!ssf_trip(w, SSF_R_PROTO_FAMILY_MISMATCH))
			return;
		w->mismatch = true;
	}
	w->tiny = SSF_R_IP6_FRAG_TINY;
	ssf_check_l4(w);
}
