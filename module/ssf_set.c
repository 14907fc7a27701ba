// SPDX-License-Identifier: GPL-2.0
/*
 * Set elements and lookups, shared by ssf.ko and userspace (ssf_set.h).
 *
 * Locking: none. Everything here works on caller-owned arrays; the kernel
 * publishes the result with RCU and the lookups read an immutable object.
 */
#include "ssf_set.h"
#include "ssf_rule.h"

#ifndef __KERNEL__
#include <errno.h>
#endif

static bool ssf_addr_le(const union ssf_addr *a, const union ssf_addr *b,
			u8 family)
{
	return memcmp(a->b, b->b, family == SSF_FAMILY_IPV4 ? 4 : 16) <= 0;
}

int ssf_elem_verify(u8 type, struct ssf_elem *e, const char **err)
{
	union ssf_addr mask;
	int i;

	e->pad = 0;
	if (type == SSF_SET_PORT) {
		if (e->family || (e->kind != SSF_ELEM_PORT &&
				  e->kind != SSF_ELEM_PORT_RANGE)) {
			*err = "a port set holds ports and port ranges";
			return -EINVAL;
		}
		if (e->kind == SSF_ELEM_PORT)
			e->hi = e->lo;
		if (memcmp(e->lo.b, e->hi.b, 2) > 0) {
			*err = "port range is reversed";
			return -EINVAL;
		}
		e->plen = 0;
		return 0;
	}
	if (type != SSF_SET_ADDR) {
		*err = "unknown set type";
		return -EINVAL;
	}
	if (e->family != SSF_FAMILY_IPV4 && e->family != SSF_FAMILY_IPV6) {
		*err = "an address set holds IPv4 and IPv6 addresses, prefixes and ranges";
		return -EINVAL;
	}
	if (e->family == SSF_FAMILY_IPV4) {
		/* only the first word counts: keep the rest zero */
		e->lo.w[1] = e->lo.w[2] = e->lo.w[3] = 0;
		e->hi.w[1] = e->hi.w[2] = e->hi.w[3] = 0;
	}
	switch (e->kind) {
	case SSF_ELEM_ADDR:
		e->plen = 0;
		e->hi = e->lo;
		return 0;
	case SSF_ELEM_PREFIX:
		if (e->plen > ssf_family_max_plen(e->family)) {
			*err = "prefix length too long for the family";
			return -EINVAL;
		}
		ssf_prefix_mask(&mask, e->plen);
		for (i = 0; i < 4; i++) {
			if (e->lo.w[i] & ~mask.w[i]) {
				*err = "address has bits set beyond its prefix length";
				return -EINVAL;
			}
			e->hi.w[i] = e->lo.w[i] | ~mask.w[i];
		}
		if (e->family == SSF_FAMILY_IPV4)
			e->hi.w[1] = e->hi.w[2] = e->hi.w[3] = 0;
		return 0;
	case SSF_ELEM_RANGE:
		e->plen = 0;
		if (!ssf_addr_le(&e->lo, &e->hi, e->family)) {
			*err = "address range is reversed";
			return -EINVAL;
		}
		return 0;
	}
	*err = "an address set holds addresses, prefixes and ranges";
	return -EINVAL;
}

/* The order of elements: what they cover first, then how they were written. */
static int ssf_elem_cmp(const void *a, const void *b)
{
	const struct ssf_elem *x = a, *y = b;
	int c;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	c = memcmp(x->lo.b, y->lo.b, sizeof(x->lo.b));
	if (c)
		return c;
	c = memcmp(x->hi.b, y->hi.b, sizeof(x->hi.b));
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	return 0;
}

static bool ssf_elem_expired(const struct ssf_elem *e, u32 now)
{
	return e->expires && (s32)(e->expires - now) <= 0;
}

/* Of two expiry times, the later; 0 (never) is later than any. */
static u32 ssf_expires_later(u32 a, u32 b)
{
	if (!a || !b)
		return 0;
	return (s32)(a - b) > 0 ? a : b;
}

/*
 * Sort @chg and keep one of each element; an element given twice keeps
 * the later of its timeouts.
 */
static u32 ssf_elems_sort_unique(struct ssf_elem *chg, u32 n)
{
	u32 i, j = 0;

	if (!n)
		return 0;
	ssf_sort(chg, n, sizeof(*chg), ssf_elem_cmp);
	for (i = 1; i < n; i++) {
		if (!ssf_elem_cmp(&chg[j], &chg[i])) {
			chg[j].expires = ssf_expires_later(chg[j].expires,
							   chg[i].expires);
			continue;
		}
		chg[++j] = chg[i];
	}
	return j + 1;
}

int ssf_set_elems_apply(const struct ssf_set_data *old, u8 op,
			struct ssf_elem *chg, u32 nchg, u32 now, u32 max,
			struct ssf_elem **out, u32 *nout)
{
	u32 nold = old && op != SSF_SET_OP_FLUSH && op != SSF_SET_OP_REPLACE ?
		   old->nelem : 0;
	const struct ssf_elem *oe = old ? old->elem : NULL;
	u32 i = 0, j = 0, n = 0, cap;
	struct ssf_elem *res;
	int c;

	if (op == SSF_SET_OP_FLUSH)
		nchg = 0;
	nchg = ssf_elems_sort_unique(chg, nchg);
	cap = nold + (op == SSF_SET_OP_DEL ? 0 : nchg);
	res = ssf_alloc_array(cap, sizeof(*res));
	if (!res)
		return -ENOMEM;
	while (i < nold || j < nchg) {
		if (i < nold && ssf_elem_expired(&oe[i], now)) {
			i++;
			continue;
		}
		if (op == SSF_SET_OP_DEL) {
			c = j == nchg ? -1 : i == nold ? 1 :
			    ssf_elem_cmp(&oe[i], &chg[j]);
			if (c < 0)
				res[n++] = oe[i++];
			else if (c > 0)
				j++;
			else
				i++, j++;
			continue;
		}
		c = j == nchg ? -1 : i == nold ? 1 :
		    ssf_elem_cmp(&oe[i], &chg[j]);
		if (c < 0) {
			res[n++] = oe[i++];
		} else {
			if (!ssf_elem_expired(&chg[j], now))
				res[n++] = chg[j];
			j++;
			if (!c)
				i++;	/* the new one replaces it */
		}
	}
	if (n > max) {
		ssf_free(res);
		return -E2BIG;
	}
	*out = res;
	*nout = n;
	return 0;
}

static u32 ssf_be32_host(const union ssf_addr *a)
{
	return be32_to_cpu(a->w[0]);
}

static struct ssf_u128 ssf_u128_of(const union ssf_addr *a)
{
	struct ssf_u128 v;

	v.hi = ((u64)be32_to_cpu(a->w[0]) << 32) | be32_to_cpu(a->w[1]);
	v.lo = ((u64)be32_to_cpu(a->w[2]) << 32) | be32_to_cpu(a->w[3]);
	return v;
}

static int ssf_u128_cmp(const struct ssf_u128 *a, const struct ssf_u128 *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

/* @a + 1 <= @b, i.e. @b starts at most right after @a ends. */
static bool ssf_u128_touches(const struct ssf_u128 *a, const struct ssf_u128 *b)
{
	struct ssf_u128 n = *a;

	if (!++n.lo && !++n.hi)
		return true;	/* @a ends at the top: nothing is after it */
	return ssf_u128_cmp(b, &n) <= 0;
}

static void *ssf_set_alloc(struct ssf_set_data *d, size_t n, size_t size)
{
	void *p = ssf_alloc_array(n, size);

	if (p)
		d->mem += (n ?: 1) * size;
	return p;
}

/* Merge the IPv4 elements (sorted by lo) into disjoint intervals. */
static int ssf_set_build4(struct ssf_set_data *d, u32 from, u32 to)
{
	u32 i, n = 0, h, k;

	d->lo4 = ssf_set_alloc(d, to - from, sizeof(u32));
	d->hi4 = ssf_set_alloc(d, to - from, sizeof(u32));
	if (!d->lo4 || !d->hi4)
		return -ENOMEM;
	for (i = from; i < to; i++) {
		u32 lo = ssf_be32_host(&d->elem[i].lo);
		u32 hi = ssf_be32_host(&d->elem[i].hi);

		if (n && (d->hi4[n - 1] == U32_MAX || lo <= d->hi4[n - 1] + 1)) {
			if (hi > d->hi4[n - 1])
				d->hi4[n - 1] = hi;
			continue;
		}
		d->lo4[n] = lo;
		d->hi4[n] = hi;
		n++;
	}
	d->n4 = n;
	if (n <= SSF_SET_IDX4_MIN)
		return 0;
	d->idx4 = ssf_set_alloc(d, 65537, sizeof(u32));
	if (!d->idx4)
		return -ENOMEM;
	/* idx4[h]: the first interval with hi4 >= h << 16 */
	for (h = 0, k = 0; h < 65536; h++) {
		while (k < n && d->hi4[k] < (h << 16))
			k++;
		d->idx4[h] = k;
	}
	d->idx4[65536] = n;
	return 0;
}

static int ssf_set_build6(struct ssf_set_data *d, u32 from, u32 to)
{
	u32 i, n = 0;

	d->lo6 = ssf_set_alloc(d, to - from, sizeof(*d->lo6));
	d->hi6 = ssf_set_alloc(d, to - from, sizeof(*d->hi6));
	if (!d->lo6 || !d->hi6)
		return -ENOMEM;
	for (i = from; i < to; i++) {
		struct ssf_u128 lo = ssf_u128_of(&d->elem[i].lo);
		struct ssf_u128 hi = ssf_u128_of(&d->elem[i].hi);

		if (n && ssf_u128_touches(&d->hi6[n - 1], &lo)) {
			if (ssf_u128_cmp(&hi, &d->hi6[n - 1]) > 0)
				d->hi6[n - 1] = hi;
			continue;
		}
		d->lo6[n] = lo;
		d->hi6[n] = hi;
		n++;
	}
	d->n6 = n;
	return 0;
}

static int ssf_set_build_ports(struct ssf_set_data *d)
{
	u32 i, p;

	d->ports = ssf_set_alloc(d, 65536 / 64, sizeof(u64));
	if (!d->ports)
		return -ENOMEM;
	memset(d->ports, 0, 65536 / 8);
	for (i = 0; i < d->nelem; i++) {
		u32 lo = (d->elem[i].lo.b[0] << 8) | d->elem[i].lo.b[1];
		u32 hi = (d->elem[i].hi.b[0] << 8) | d->elem[i].hi.b[1];

		for (p = lo; p <= hi; p++)
			d->ports[p / 64] |= 1ULL << (p % 64);
	}
	return 0;
}

int ssf_set_data_build(struct ssf_set_data *d, u8 type, struct ssf_elem *elem,
		       u32 n)
{
	u32 i, v6;
	int ret;

	memset(d, 0, sizeof(*d));
	d->type = type;
	d->elem = elem;
	d->nelem = n;
	d->mem = (n ?: 1) * sizeof(*elem);
	for (i = 0; i < n; i++)
		if (elem[i].expires &&
		    (!d->next_expiry || (s32)(elem[i].expires - d->next_expiry) < 0))
			d->next_expiry = elem[i].expires;
	if (type == SSF_SET_PORT)
		return ssf_set_build_ports(d);
	/* sorted by family first: the IPv4 elements, then the IPv6 ones */
	for (v6 = 0; v6 < n && elem[v6].family == SSF_FAMILY_IPV4; v6++)
		;
	ret = ssf_set_build4(d, 0, v6);
	if (ret)
		return ret;
	return ssf_set_build6(d, v6, n);
}

void ssf_set_data_release(struct ssf_set_data *d)
{
	ssf_free(d->elem);
	ssf_free(d->lo4);
	ssf_free(d->hi4);
	ssf_free(d->idx4);
	ssf_free(d->lo6);
	ssf_free(d->hi6);
	ssf_free(d->ports);
	memset(d, 0, sizeof(*d));
}

/* The first interval in [lo, hi) whose end is >= @x, or @hi. */
static u32 ssf_search4(const u32 *ends, u32 lo, u32 hi, u32 x)
{
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (ends[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool ssf_set_match_addr(const struct ssf_set_data *d, u8 family,
			const union ssf_addr *a)
{
	u32 lo, hi, i;

	if (family == SSF_FAMILY_IPV4) {
		u32 x = ssf_be32_host(a);

		lo = 0;
		hi = d->n4;
		if (d->idx4) {
			lo = d->idx4[x >> 16];
			hi = d->idx4[(x >> 16) + 1] + 1;
			if (hi > d->n4)
				hi = d->n4;
		}
		i = ssf_search4(d->hi4, lo, hi, x);
		return i < hi && d->lo4[i] <= x;
	}
	if (family == SSF_FAMILY_IPV6) {
		struct ssf_u128 x = ssf_u128_of(a);

		lo = 0;
		hi = d->n6;
		while (lo < hi) {
			u32 mid = lo + (hi - lo) / 2;

			if (ssf_u128_cmp(&d->hi6[mid], &x) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < d->n6 && ssf_u128_cmp(&d->lo6[lo], &x) <= 0;
	}
	return false;
}

bool ssf_set_match_port(const struct ssf_set_data *d, u16 port)
{
	return d->ports && (d->ports[port / 64] >> (port % 64)) & 1;
}
