/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the ssf_parse and ssf_check KUnit suites: a small
 * builder of IPv4/IPv6/TCP/UDP/ICMP packets in a flat buffer, and the skbs
 * that carry them, linear or with the bytes spread over page fragments so
 * that skb_header_pointer() has to copy.
 *
 * Every skb is registered with KUnit for release, and the callers release
 * it as soon as they are done (ssf_kunit_skb_put()), so nothing outlives a
 * test and kmemleak has nothing to find.
 */
#ifndef _SSF_KUNIT_PKT_H
#define _SSF_KUNIT_PKT_H

#include <kunit/test.h>
#include <kunit/resource.h>
#include <linux/skbuff.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#include "ssf_buf.h"

#define KP_MAX		640	/* room for 65 IPv6 extension headers */

/* A packet under construction; network header at b[0]. */
struct kpkt {
	u8 b[KP_MAX];
	u32 len;
};

/* A zeroed packet, freed with the test. */
static inline struct kpkt *kp_new(struct kunit *test)
{
	struct kpkt *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static inline u8 *kp_put(struct kpkt *p, u32 n)
{
	u8 *q = p->b + p->len;

	if (WARN_ON(p->len + n > KP_MAX))
		return p->b;	/* a test bug; keeps writes in bounds */
	memset(q, 0, n);
	p->len += n;
	return q;
}

static inline void kp_be16(u8 *q, u16 v)
{
	q[0] = v >> 8;
	q[1] = v & 0xff;
}

static inline void kp_be32(u8 *q, u32 v)
{
	kp_be16(q, v >> 16);
	kp_be16(q + 2, v & 0xffff);
}

static inline void kp_bytes(struct kpkt *p, const void *d, u32 n)
{
	memcpy(kp_put(p, n), d, n);
}

#define KP_IP4(a, b, c, d)	(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/*
 * IPv4 header with @optlen bytes of options (a multiple of 4), total
 * length still 0: kp_ip4_fix() sets it once the packet is complete.
 */
static inline void kp_ip4(struct kpkt *p, u8 proto, u32 saddr, u32 daddr,
			  u8 ttl, u16 frag_off, const u8 *opts, u32 optlen)
{
	u8 *h = kp_put(p, 20);

	h[0] = 0x40 | ((20 + optlen) / 4);
	kp_be16(h + 4, 0x1234);			/* id */
	kp_be16(h + 6, frag_off);
	h[8] = ttl;
	h[9] = proto;
	kp_be32(h + 12, saddr);
	kp_be32(h + 16, daddr);
	if (optlen)
		kp_bytes(p, opts, optlen);
}

/* Total length = bytes in the buffer. */
static inline void kp_ip4_fix(struct kpkt *p)
{
	kp_be16(p->b + 2, p->len);
}

static const u8 kp_a6_src[16] = {
	0x20, 0x01, 0x0d, 0xb8, [15] = 0x01 };
static const u8 kp_a6_dst[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, [14] = 0xab, [15] = 0x02 };

static inline void kp_ip6(struct kpkt *p, u8 nexthdr, const u8 *saddr,
			  const u8 *daddr, u8 hop)
{
	u8 *h = kp_put(p, 40);

	kp_be32(h, 0x60012345);			/* version, class, flow */
	h[6] = nexthdr;
	h[7] = hop;
	memcpy(h + 8, saddr, 16);
	memcpy(h + 24, daddr, 16);
}

/* Payload length = bytes in the buffer after the IPv6 header. */
static inline void kp_ip6_fix(struct kpkt *p)
{
	kp_be16(p->b + 4, p->len - 40);
}

/*
 * Hop-by-hop or destination options header of (@hdrlen + 1) * 8 bytes: the
 * option bytes @opts, then PadN/Pad1 filling the rest.
 */
static inline void kp_ip6_opts(struct kpkt *p, u8 nexthdr, u8 hdrlen,
			       const u8 *opts, u32 optlen)
{
	u32 size = ((u32)hdrlen + 1) * 8, pad = size - 2 - optlen;
	u8 *h = kp_put(p, size);

	h[0] = nexthdr;
	h[1] = hdrlen;
	memcpy(h + 2, opts, optlen);
	if (pad == 1) {
		h[2 + optlen] = 0;		/* Pad1 */
	} else if (pad) {
		h[2 + optlen] = 1;		/* PadN */
		h[3 + optlen] = pad - 2;
	}
}

/* Routing header of type @type with no addresses (8 bytes). */
static inline void kp_ip6_rt(struct kpkt *p, u8 nexthdr, u8 type)
{
	u8 *h = kp_put(p, 8);

	h[0] = nexthdr;
	h[2] = type;
}

/* Fragment header; @off in bytes (a multiple of 8). */
static inline void kp_ip6_frag(struct kpkt *p, u8 nexthdr, u16 off, bool more)
{
	u8 *h = kp_put(p, 8);

	h[0] = nexthdr;
	kp_be16(h + 2, off | more);
	kp_be32(h + 4, 0xcafe);
}

#define KP_FIN	0x01
#define KP_SYN	0x02
#define KP_RST	0x04
#define KP_PSH	0x08
#define KP_ACK	0x10
#define KP_URG	0x20

/* TCP header with @optlen option bytes; data offset from the real size. */
static inline void kp_tcp(struct kpkt *p, u16 sport, u16 dport, u8 flags,
			  const u8 *opts, u32 optlen)
{
	u8 *h = kp_put(p, 20);

	kp_be16(h, sport);
	kp_be16(h + 2, dport);
	kp_be32(h + 4, 1000);
	kp_be32(h + 8, flags & KP_ACK ? 2000 : 0);
	h[12] = ((20 + optlen) / 4) << 4;
	h[13] = flags;
	kp_be16(h + 14, 65535);
	if (optlen)
		kp_bytes(p, opts, optlen);
}

/* UDP header and @plen payload bytes; length = 8 + @plen. */
static inline void kp_udp(struct kpkt *p, u16 sport, u16 dport, u32 plen)
{
	u8 *h = kp_put(p, 8);
	u32 i;

	kp_be16(h, sport);
	kp_be16(h + 2, dport);
	kp_be16(h + 4, 8 + plen);
	h = kp_put(p, plen);
	for (i = 0; i < plen; i++)
		h[i] = 'a' + i % 26;
}

/* ICMP or ICMPv6 header (8 bytes) and @blen body bytes. */
static inline void kp_icmp(struct kpkt *p, u8 type, u8 code, const u8 *body,
			   u32 blen)
{
	u8 *h = kp_put(p, 8);

	h[0] = type;
	h[1] = code;
	kp_be16(h + 4, 0x77);			/* echo id */
	if (blen)
		kp_bytes(p, body, blen);
}

/* ---- skbs --------------------------------------------------------------- */

KUNIT_DEFINE_ACTION_WRAPPER(ssf_kunit_kfree_skb, kfree_skb, struct sk_buff *);

#define KP_LEAD_MAX	14

/*
 * An skb holding @data[0, @len) as its network header onwards, after @lead
 * (at most KP_LEAD_MAX) bytes of fake link-layer header. The first @head
 * bytes of the packet are in the linear area, the rest in page fragments:
 * one fragment, or two split at packet offset @mid when head < mid < len.
 * Each fragment's bytes end exactly at the end of their page. Registered
 * with KUnit; release it with ssf_kunit_skb_put().
 */
static inline struct sk_buff *ssf_kunit_skb(struct kunit *test,
					    const void *data, u32 len,
					    u32 lead, u32 head, u32 mid)
{
	static const u8 ll[KP_LEAD_MAX] = {
		0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee,
		0xee, 0xee, 0xee, 0xee, 0xee, 0x86, 0xdd };
	u32 cut[3], i, nfrags = 0;
	struct sk_buff *skb;

	head = min(head, len);
	KUNIT_ASSERT_LE(test, lead, KP_LEAD_MAX);
	skb = alloc_skb(lead + head, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							ssf_kunit_kfree_skb,
							skb), 0);
	skb_put_data(skb, ll, lead);
	skb_reset_mac_header(skb);
	skb_put_data(skb, data, head);
	skb_set_network_header(skb, lead);

	cut[nfrags++] = head;
	if (mid > head && mid < len)
		cut[nfrags++] = mid;
	cut[nfrags] = len;
	for (i = 0; i < nfrags && cut[i] < len; i++) {
		u32 n = cut[i + 1] - cut[i];
		struct page *page = alloc_page(GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, page);
		memset(page_address(page), 0xdd, PAGE_SIZE - n);
		memcpy(page_address(page) + PAGE_SIZE - n,
		       (const u8 *)data + cut[i], n);
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page,
				PAGE_SIZE - n, n, PAGE_SIZE);
	}
	KUNIT_ASSERT_EQ(test, skb->len, lead + len);
	KUNIT_ASSERT_EQ(test, skb_headlen(skb), lead + head);
	return skb;
}

static inline void ssf_kunit_skb_put(struct kunit *test, struct sk_buff *skb)
{
	kunit_release_action(test, ssf_kunit_kfree_skb, skb);
}

#endif /* _SSF_KUNIT_PKT_H */
