/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the ssf_parse and ssf_check KUnit suites: the skbs
 * that carry test packets (built by ssf_tb.h), linear or with the bytes
 * spread over page fragments so that skb_header_pointer() has to copy.
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
#include "ssf_tb.h"

/* A packet under construction, freed with the test. */
static inline struct ssf_tb *ssf_kunit_tb(struct kunit *test)
{
	struct ssf_tb *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	return t;
}

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
