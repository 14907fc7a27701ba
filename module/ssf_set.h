/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named sets: their elements and the lookup structures built from them.
 * Shared by ssf.ko (rules match packets against sets), ssfctl (element
 * syntax is checked with the same code) and the tests (the structures
 * against a simple reference).
 *
 * A set's content (struct ssf_set_data) is immutable: every change builds
 * a new one from the old one and the change, and the kernel publishes it
 * with RCU (ssf_set_kern.c). Lookups never look at the element list:
 *   addresses  the elements of each family merged into sorted, disjoint
 *              intervals; IPv4 also gets a direct index on the first 16
 *              bits, so a lookup is one index read and a binary search
 *              among the few intervals of that /16; IPv6 a binary search
 *   ports      a 65,536-bit bitmap: one bit test
 * Timeouts are handled by rebuilding without the expired elements (the
 * kernel's expiry work), never by the packet path.
 */
#ifndef _SSF_SET_H
#define _SSF_SET_H

#include "ssf_pkt.h"

enum ssf_elem_kind {
	SSF_ELEM_ADDR,		/* one address (lo == hi) */
	SSF_ELEM_PREFIX,	/* lo/plen */
	SSF_ELEM_RANGE,		/* lo-hi */
	SSF_ELEM_PORT,		/* one port */
	SSF_ELEM_PORT_RANGE,	/* lo-hi */
};

/*
 * One element as it was written, so that it is shown back the same way.
 * Addresses in network order; ports as the first 16 bits of @lo and @hi,
 * network order too, so that memcmp() orders every element numerically.
 */
struct ssf_elem {
	u8 family;		/* SSF_FAMILY_IPV4/IPV6; 0 for ports */
	u8 kind;		/* enum ssf_elem_kind */
	u8 plen;		/* SSF_ELEM_PREFIX */
	u8 pad;
	u32 expires;		/* set clock (seconds) when it goes; 0: never */
	union ssf_addr lo, hi;
};

/* A 128-bit address as two host-order halves, for numeric comparison. */
struct ssf_u128 {
	u64 hi, lo;
};

/* IPv4 sets with more intervals than this get the /16 index. */
#define SSF_SET_IDX4_MIN	64

/* The content of a set at one moment. */
struct ssf_set_data {
	u8 type;		/* enum ssf_set_type */
	u32 nelem;
	struct ssf_elem *elem;	/* sorted (memcmp of family, lo, hi, kind,
				 * plen), no two alike
				 */
	u32 next_expiry;	/* earliest @expires, 0: none */
	u32 n4, n6;		/* merged intervals */
	u32 *lo4, *hi4;		/* host order */
	u32 *idx4;		/* [65537]: the first interval ending at or
				 * after each /16; NULL for small sets
				 */
	struct ssf_u128 *lo6, *hi6;
	u64 *ports;		/* port sets: 65,536 bits */
	size_t mem;		/* bytes of the arrays */
};

/*
 * Check and complete one element of a set of @type (enum ssf_set_type):
 * a prefix gets its @hi, an address or port @hi = @lo. Returns 0, or
 * -EINVAL with *@err naming the fault.
 */
int ssf_elem_verify(u8 type, struct ssf_elem *e, const char **err);

/*
 * The elements after @op (enum ssf_set_op) of @chg (@nchg elements, each
 * passed ssf_elem_verify(); sorted here, in place) on @old (NULL: empty),
 * dropping those expired at @now. A new array in *@out, *@nout long
 * (ssf_free() it, or hand it to ssf_set_data_build()). 0 or -ENOMEM; at
 * most @max elements, else -E2BIG.
 */
int ssf_set_elems_apply(const struct ssf_set_data *old, u8 op,
			struct ssf_elem *chg, u32 nchg, u32 now, u32 max,
			struct ssf_elem **out, u32 *nout);

/*
 * Build @d (type @type) from @elem, an array from ssf_set_elems_apply(),
 * which @d takes over (on error too). 0 or -ENOMEM.
 */
int ssf_set_data_build(struct ssf_set_data *d, u8 type, struct ssf_elem *elem,
		       u32 n);

/* Free the arrays of @d (not @d). */
void ssf_set_data_release(struct ssf_set_data *d);

/* True when @a (family @family) is in the set. */
bool ssf_set_match_addr(const struct ssf_set_data *d, u8 family,
			const union ssf_addr *a);

/* True when @port is in the set. */
bool ssf_set_match_port(const struct ssf_set_data *d, u16 port);

#endif /* _SSF_SET_H */
