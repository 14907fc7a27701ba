// SPDX-License-Identifier: GPL-2.0
/*
 * Transport header checks: the tcp-*, udp-*, icmp-* and icmp6-* reasons,
 * and the short first fragment (ip4-frag-tiny, ip6-frag-tiny). Fills the
 * ports, TCP flags and ICMP type/code of struct ssf_pkt.
 *
 * A first fragment (offset 0, more fragments) holds only the start of the
 * transport data: it must hold the whole fixed transport header (and the
 * TCP options), but checks of lengths that run past it (UDP length, an
 * ICMP message body, a quoted header) are left to the reassembled packet.
 *
 * Locking: none; pure function of its input.
 */
#include "ssf_check_priv.h"

#define SSF_TCP_FIN		0x01
#define SSF_TCP_SYN		0x02
#define SSF_TCP_RST		0x04
#define SSF_TCP_PSH		0x08
#define SSF_TCP_ACK		0x10
#define SSF_TCP_URG		0x20
#define SSF_TCP_CONTROL		0x3f	/* the RFC 793 control bits */

#define SSF_TCPOPT_EOL		0
#define SSF_TCPOPT_NOP		1
#define SSF_TCP_MAXHDR		60

/* Smallest transport header a first fragment must hold. */
static u32 ssf_l4_min(u8 proto)
{
	switch (proto) {
	case SSF_PROTO_TCP:
		return sizeof(struct ssf_wire_tcp);
	case SSF_PROTO_SCTP:
		return 12;	/* common header, RFC 9260 §3.1 */
	case SSF_PROTO_UDP:
	case SSF_PROTO_UDPLITE:
	case SSF_PROTO_ICMP:
	case SSF_PROTO_ICMPV6:
	case SSF_PROTO_ESP:	/* SPI and sequence number */
		return 8;
	case SSF_PROTO_NONE:
		return 0;
	}
	return 1;		/* as the kernel's ipv6frag_thdr_truncated() */
}

/*
 * Walk TCP option TLVs (RFC 9293 §3.1): after End of Option List nothing
 * is read; NOP is one byte; every other option has a length of 2 or more
 * that stays inside the header.
 */
static bool ssf_tcp_opts_ok(const u8 *o, u32 len)
{
	u32 i = 0, olen;

	while (i < len) {
		if (o[i] == SSF_TCPOPT_EOL)
			break;
		if (o[i] == SSF_TCPOPT_NOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return false;
		olen = o[i + 1];
		if (olen < 2 || olen > len - i)
			return false;
		i += olen;
	}
	return true;
}

/*
 * The TCP options of a header of @hlen bytes are there and well formed. A
 * function of its own, as ssf_ip4_opts_read(): its array is zeroed only
 * for packets with options.
 */
static bool ssf_tcp_opts_read(struct ssf_walk *w, u32 hlen)
{
	u8 opts[SSF_TCP_MAXHDR - sizeof(struct ssf_wire_tcp)];

	return ssf_buf_copy(&w->v, w->pkt->l4off + sizeof(struct ssf_wire_tcp),
			    hlen - sizeof(struct ssf_wire_tcp), opts) &&
	       ssf_tcp_opts_ok(opts, hlen - sizeof(struct ssf_wire_tcp));
}

static void ssf_check_tcp(struct ssf_walk *w)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_tcp th;
	u32 hlen;
	bool ok;
	u8 f;

	if (!ssf_buf_copy(&w->v, pkt->l4off, sizeof(th), &th)) {
		ssf_incomplete(w, SSF_R_TCP_TRUNCATED);
		return;
	}
	pkt->sport = be16_to_cpu(th.source);
	pkt->dport = be16_to_cpu(th.dest);
	pkt->tcp_flags = th.flags;
	pkt->flags |= SSF_PKT_F_PORTS;

	hlen = (u32)(th.doff >> 4) * 4;
	if (hlen > w->l4len && w->first_frag) {
		/* options cut by the end of the first fragment (l4len >= 20) */
		if (!ssf_trip(w, w->tiny))
			return;
	} else if (hlen < sizeof(th) || hlen > w->l4len) {
		if (!ssf_trip(w, SSF_R_TCP_BAD_DOFF))
			return;
	} else if (hlen > sizeof(th)) {
		ok = ssf_tcp_opts_read(w, hlen);
		if (!ok && !ssf_trip(w, SSF_R_TCP_BAD_OPTIONS))
			return;
	}

	f = th.flags & SSF_TCP_CONTROL;
	if (!f && !ssf_trip(w, SSF_R_TCP_NULL))
		return;
	if ((f & (SSF_TCP_FIN | SSF_TCP_PSH | SSF_TCP_URG)) ==
	    (SSF_TCP_FIN | SSF_TCP_PSH | SSF_TCP_URG) && !(f & SSF_TCP_ACK) &&
	    !ssf_trip(w, SSF_R_TCP_XMAS))
		return;
	if ((f & (SSF_TCP_SYN | SSF_TCP_FIN)) == (SSF_TCP_SYN | SSF_TCP_FIN) &&
	    !ssf_trip(w, SSF_R_TCP_SYN_FIN))
		return;
	if ((f & (SSF_TCP_SYN | SSF_TCP_RST)) == (SSF_TCP_SYN | SSF_TCP_RST) &&
	    !ssf_trip(w, SSF_R_TCP_SYN_RST))
		return;
	if (!pkt->sport || !pkt->dport)
		ssf_trip(w, SSF_R_TCP_PORT_ZERO);
}

static void ssf_check_udp(struct ssf_walk *w)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_udp uh;
	u32 ulen;

	if (!ssf_buf_copy(&w->v, pkt->l4off, sizeof(uh), &uh)) {
		ssf_incomplete(w, SSF_R_UDP_TRUNCATED);
		return;
	}
	pkt->sport = be16_to_cpu(uh.source);
	pkt->dport = be16_to_cpu(uh.dest);
	pkt->flags |= SSF_PKT_F_PORTS;

	ulen = be16_to_cpu(uh.len);
	if ((ulen < sizeof(uh) || (ulen > w->l4len && !w->first_frag)) &&
	    !ssf_trip(w, SSF_R_UDP_BAD_LENGTH))
		return;
	if (!pkt->sport || !pkt->dport)
		ssf_trip(w, SSF_R_UDP_PORT_ZERO);
}

/* SCTP, UDP-Lite: ports only, when present. */
static void ssf_l4_ports(struct ssf_walk *w)
{
	struct ssf_pkt *pkt = w->pkt;
	__be16 ports[2];

	if (!ssf_buf_copy(&w->v, pkt->l4off, sizeof(ports), ports))
		return;
	pkt->sport = be16_to_cpu(ports[0]);
	pkt->dport = be16_to_cpu(ports[1]);
	pkt->flags |= SSF_PKT_F_PORTS;
}

/*
 * Read the ICMP or ICMPv6 header into @ih and its type and code into the
 * metadata. False if it is not all there.
 */
static bool ssf_l4_icmp_hdr(struct ssf_walk *w, struct ssf_wire_icmp *ih)
{
	struct ssf_pkt *pkt = w->pkt;

	if (!ssf_buf_copy(&w->v, pkt->l4off, sizeof(*ih), ih))
		return false;
	pkt->icmp_type = ih->type;
	pkt->icmp_code = ih->code;
	pkt->flags |= SSF_PKT_F_ICMP;
	return true;
}

/*
 * The IP header quoted by an ICMP or ICMPv6 error (RFC 792, RFC 4443
 * §2.4 c): version @ver, and all of it present, @hlen bytes for IPv6, IHL
 * bytes for IPv4 (whose IHL must be 5 or more). In a first fragment only
 * what is present is judged.
 */
static bool ssf_l4_quote_ok(struct ssf_walk *w, u8 ver, u32 hlen)
{
	u32 avail = w->l4len - sizeof(struct ssf_wire_icmp);
	u8 vb;

	if (!ssf_buf_copy(&w->v, w->pkt->l4off + sizeof(struct ssf_wire_icmp),
			  1, &vb))
		return w->first_frag;
	if ((vb >> 4) != ver)
		return false;
	if (ver == 4) {
		hlen = (u32)(vb & 0x0f) * 4;
		if (hlen < sizeof(struct ssf_wire_ip4))
			return false;
	}
	return hlen <= avail || w->first_frag;
}

/* Length an ICMP message of @type needs (RFC 792, RFC 950). */
static u32 ssf_icmp_min(u8 type)
{
	switch (type) {
	case 13:		/* timestamp */
	case 14:		/* timestamp reply */
		return 20;
	case 17:		/* address mask request */
	case 18:		/* address mask reply */
		return 12;
	}
	return sizeof(struct ssf_wire_icmp);
}

static bool ssf_icmp_is_error(u8 type)
{
	/* unreachable, source quench, redirect, time exceeded, parameter */
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

static void ssf_check_icmp(struct ssf_walk *w)
{
	struct ssf_wire_icmp ih;

	if (!ssf_l4_icmp_hdr(w, &ih)) {
		ssf_incomplete(w, SSF_R_ICMP_TRUNCATED);
		return;
	}
	if (w->l4len < ssf_icmp_min(ih.type) && !w->first_frag &&
	    !ssf_trip(w, SSF_R_ICMP_TRUNCATED))
		return;
	if (ssf_icmp_is_error(ih.type) &&
	    !ssf_l4_quote_ok(w, 4, sizeof(struct ssf_wire_ip4)))
		ssf_trip(w, SSF_R_ICMP_BAD_ERROR);
}

/* Length an ICMPv6 message of @type needs (RFC 4443, 4861, 2710). */
static u32 ssf_icmp6_min(u8 type)
{
	switch (type) {
	case 130:		/* multicast listener query */
	case 131:		/* multicast listener report */
	case 132:		/* multicast listener done */
	case 135:		/* neighbor solicitation */
	case 136:		/* neighbor advertisement */
		return 24;
	case 134:		/* router advertisement */
		return 16;
	case 137:		/* redirect */
		return 40;
	}
	return sizeof(struct ssf_wire_icmp);
}

static void ssf_check_icmp6(struct ssf_walk *w)
{
	struct ssf_wire_icmp ih;

	if (!ssf_l4_icmp_hdr(w, &ih)) {
		ssf_incomplete(w, SSF_R_ICMP6_TRUNCATED);
		return;
	}
	if (w->l4len < ssf_icmp6_min(ih.type) && !w->first_frag &&
	    !ssf_trip(w, SSF_R_ICMP6_TRUNCATED))
		return;
	/* RFC 4861 §6.1, §7.1, §8.1: router solicitation .. redirect must
	 * arrive with hop limit 255, proof that they come from the link
	 */
	if (ih.type >= 133 && ih.type <= 137 && ssf_ttl_in(w) != 255 &&
	    !ssf_trip(w, SSF_R_ICMP6_ND_BAD_HOPLIMIT))
		return;
	/* errors: unreachable, packet too big, time exceeded, parameter */
	if (ih.type >= 1 && ih.type <= 4 &&
	    !ssf_l4_quote_ok(w, 6, sizeof(struct ssf_wire_ip6)))
		ssf_trip(w, SSF_R_ICMP6_BAD_ERROR);
}

void ssf_check_l4(struct ssf_walk *w)
{
	struct ssf_pkt *pkt = w->pkt;
	struct ssf_wire_icmp ih;

	/* RFC 1858 §3.1, RFC 7112 §5 */
	if (w->first_frag && w->l4len < ssf_l4_min(pkt->proto)) {
		ssf_incomplete(w, w->tiny);
		return;
	}
	if (w->mismatch) {
		/* no checks for the other family's ICMP; metadata only */
		ssf_l4_icmp_hdr(w, &ih);
		return;
	}
	switch (pkt->proto) {
	case SSF_PROTO_TCP:
		ssf_check_tcp(w);
		break;
	case SSF_PROTO_UDP:
		ssf_check_udp(w);
		break;
	case SSF_PROTO_SCTP:
	case SSF_PROTO_UDPLITE:
		ssf_l4_ports(w);
		break;
	case SSF_PROTO_ICMP:		/* over IPv4: IPv6 set w->mismatch */
		ssf_check_icmp(w);
		break;
	case SSF_PROTO_ICMPV6:		/* over IPv6: IPv4 set w->mismatch */
		ssf_check_icmp6(w);
		break;
	}
}
