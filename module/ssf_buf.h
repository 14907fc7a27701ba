/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssf_buf: the one bounded accessor through which parsers read packet bytes.
 *
 * Borrowing rule: a parser receives a `const struct ssf_buf *` and may only
 * obtain packet bytes through ssf_buf_copy(), which copies the @len bytes at
 * offset @off (relative to the network header) into the caller's @dst and
 * returns true, or returns false and copies nothing when [off, off + len) is
 * not entirely inside the packet. Parsers therefore hold no pointer into the
 * packet at all: every header they look at is a local, aligned copy, and no
 * code does arithmetic on packet pointers.
 *
 * In the kernel this is skb_header_pointer() (which handles non-linear skbs
 * by copying from the page fragments). In userspace it is a flat buffer.
 */
#ifndef _SSF_BUF_H
#define _SSF_BUF_H

#include "ssf_types.h"

#ifdef __KERNEL__
#include <linux/skbuff.h>

struct ssf_buf {
	const struct sk_buff *skb;
	u32 base;	/* offset of the network header in the skb */
	u32 len;	/* bytes from base to the end of the packet */
};

static inline void ssf_buf_init_skb(struct ssf_buf *b, const struct sk_buff *skb)
{
	b->skb = skb;
	b->base = skb_network_offset(skb);
	b->len = skb->len > b->base ? skb->len - b->base : 0;
}

static inline bool ssf_buf_copy(const struct ssf_buf *b, u32 off, u32 len,
				void *dst)
{
	const void *p;

	if (off > b->len || len > b->len - off)
		return false;
	p = skb_header_pointer(b->skb, b->base + off, len, dst);
	if (!p)
		return false;
	if (p != dst)
		memcpy(dst, p, len);
	return true;
}
#else
struct ssf_buf {
	const u8 *data;
	u32 len;
};

static inline void ssf_buf_init_flat(struct ssf_buf *b, const void *data,
				     u32 len)
{
	b->data = data;
	b->len = len;
}

static inline bool ssf_buf_copy(const struct ssf_buf *b, u32 off, u32 len,
				void *dst)
{
	if (off > b->len || len > b->len - off)
		return false;
	memcpy(dst, b->data + off, len);
	return true;
}
#endif /* __KERNEL__ */

#endif /* _SSF_BUF_H */
