// SPDX-License-Identifier: GPL-2.0
/*
 * The compiled classifier (ssf_cls.h), shared by ssf.ko and userspace.
 *
 * Build. The rules of one direction and family first get one tree, on
 * trial: it is given up once its leaves hold more than SSF_CLS_TRIAL copies
 * of each rule. Rules wide in a field (a wildcard, or a prefix or range
 * covering at least half of it, as EffiCuts has it) are copied into every
 * slice when a node cuts that field; so where one tree copies too much,
 * the rules are split by which address fields are wide in them, each
 * group's tree again on trial, and a group that still fails by all four
 * of src, dst, sport, dport: a tree of rules all wide in a field never cuts
 * it. Groups of fewer than SSF_CLS_MERGE rules share a tree. A node cuts
 * the field, and the number of slices, that leave its biggest child
 * smallest without copying rules more than SSF_CLS_SPREAD times over; a
 * node becomes a leaf when it holds SSF_CLS_LEAF rules or fewer, when no
 * cut helps, at SSF_CLS_DEPTH, or when the whole classifier has used its
 * budget of rule copies (lists stay correct, only longer).
 *
 * Lookup. Each tree of the packet's direction and family gives a leaf,
 * its list in policy order; the first match is the smallest index any
 * list matches (ssf_cls_first()).
 *
 * Locking: none. A classifier is built aside and never changes after.
 */
#include "ssf_cls.h"
#include "ssf_limit.h"

#ifndef __KERNEL__
#include <errno.h>
#endif

#define SSF_CLS_DEPTH	24	/* levels at most */
#define SSF_CLS_BITS	8	/* 256 children at most */
#define SSF_CLS_SPREAD	4	/* rule copies over rules, a node */

#define SSF_CLS_MERGE	32	/* a category with fewer rules joins others */
#define SSF_CLS_TRIAL	16	/* copies of each rule a trial tree may make */

/* What a rule can match, field by field; and the region of a node. */
struct ssf_cls_box {
	u64 lo[SSF_CLS_NDIM], hi[SSF_CLS_NDIM];
};

struct ssf_cls_region {
	u64 lo[SSF_CLS_NDIM];
	u8 w[SSF_CLS_NDIM];	/* the region is lo .. lo + 2^w - 1 */
};

static const u8 ssf_cls_width[2][SSF_CLS_NDIM] = {
	{ 32, 32, 16, 16, 8 },	/* IPv4 */
	{ 64, 64, 16, 16, 8 },	/* IPv6: the first 64 address bits */
};

/* The build's state. */
struct ssf_cls_bctx {
	struct ssf_cls *c;
	const struct ssf_rule *rules;
	size_t stride;
	int fam;		/* 0: IPv4, 1: IPv6 */
	struct ssf_cls_box *box;	/* per rule */
	u8 *cover;		/* per rule: can it cover a region? */
	u64 budget;		/* rule copies left in leaf lists */
	u32 limit;		/* a trial tree's end of list[]; 0: none */
	struct ssf_cls_bound *bound;	/* SSF_CLS_BSLOTS */
};

static const struct ssf_rule *ssf_cls_rule(const struct ssf_cls_bctx *b, u32 i)
{
	return (const void *)((const char *)b->rules + (size_t)i * b->stride);
}

static u64 ssf_cls_max(const struct ssf_cls_bctx *b, int d)
{
	u8 w = ssf_cls_width[b->fam][d];

	return w == 64 ? ~0ULL : (1ULL << w) - 1;
}

/* The first 32 or 64 bits of @a, host order. */
static u64 ssf_cls_addr_key(const union ssf_addr *a, int fam)
{
	if (!fam)
		return be32_to_cpu(a->w[0]);
	return ((u64)be32_to_cpu(a->w[0]) << 32) | be32_to_cpu(a->w[1]);
}

static void ssf_cls_addr_box(const struct ssf_cls_bctx *b, int d,
			     const union ssf_addr *a, const union ssf_addr *m,
			     struct ssf_cls_box *box)
{
	u64 net = ssf_cls_addr_key(a, b->fam);
	u64 mask = ssf_cls_addr_key(m, b->fam);

	box->lo[d] = net & mask;
	box->hi[d] = (net & mask) | (~mask & ssf_cls_max(b, d));
}

/* Fill @box for rule @r in the tree's family; false if it has no place. */
static bool ssf_cls_rule_box(const struct ssf_cls_bctx *b,
			     const struct ssf_rule *r, struct ssf_cls_box *box,
			     u8 *cover)
{
	u32 cond = r->match & ~(u32)(SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DST |
				     SSF_RM_SPORT | SSF_RM_DPORT);
	int d;

	if (r->family != SSF_FAMILY_ANY &&
	    r->family != (b->fam ? SSF_FAMILY_IPV6 : SSF_FAMILY_IPV4))
		return false;
	for (d = 0; d < SSF_CLS_NDIM; d++) {
		box->lo[d] = 0;
		box->hi[d] = ssf_cls_max(b, d);
	}
	/*
	 * A rule "covers" a region it contains when it matches every packet
	 * there: no word outside the five fields, no port match (packets
	 * without ports do not match one), no IPv6 prefix longer than the 64
	 * bits the tree sees.
	 */
	*cover = !cond && !(r->match & (SSF_RM_SPORT | SSF_RM_DPORT));
	if (r->match & SSF_RM_SRC) {
		ssf_cls_addr_box(b, SSF_CLS_SRC, &r->src, &r->src_mask, box);
		if (b->fam && r->src_plen > 64)
			*cover = 0;
	}
	if (r->match & SSF_RM_DST) {
		ssf_cls_addr_box(b, SSF_CLS_DST, &r->dst, &r->dst_mask, box);
		if (b->fam && r->dst_plen > 64)
			*cover = 0;
	}
	if (r->match & SSF_RM_SPORT) {
		box->lo[SSF_CLS_SPORT] = r->sport_min;
		box->hi[SSF_CLS_SPORT] = r->sport_max;
	}
	if (r->match & SSF_RM_DPORT) {
		box->lo[SSF_CLS_DPORT] = r->dport_min;
		box->hi[SSF_CLS_DPORT] = r->dport_max;
	}
	if (r->match & SSF_RM_PROTO)
		box->lo[SSF_CLS_PROTO] = box->hi[SSF_CLS_PROTO] = r->proto;
	return true;
}

/* The packed fields of @r (struct ssf_cls_key). */
static void ssf_cls_key_fill(const struct ssf_rule *r, struct ssf_cls_key *k)
{
	int fam = r->family == SSF_FAMILY_IPV6;
	u32 m = r->match;

	memset(k, 0, sizeof(*k));
	k->sport_hi = 0xffff;
	k->dport_hi = 0xffff;
	if (m & SSF_RM_SRC) {
		k->src = ssf_cls_addr_key(&r->src, fam);
		k->smask = ssf_cls_addr_key(&r->src_mask, fam);
	}
	if (m & SSF_RM_DST) {
		k->dst = ssf_cls_addr_key(&r->dst, fam);
		k->dmask = ssf_cls_addr_key(&r->dst_mask, fam);
	}
	if (m & SSF_RM_SPORT) {
		k->sport_lo = r->sport_min;
		k->sport_hi = r->sport_max;
		k->flags |= SSF_CLS_K_PORTS;
	}
	if (m & SSF_RM_DPORT) {
		k->dport_lo = r->dport_min;
		k->dport_hi = r->dport_max;
		k->flags |= SSF_CLS_K_PORTS;
	}
	if (m & SSF_RM_PROTO) {
		k->proto = r->proto;
		k->pmask = 0xff;
	}
	if (m & SSF_RM_LIMIT)
		k->flags |= SSF_CLS_K_LIMIT;
	/* the family is the tree's; IPv6 keys hold 64 address bits */
	if (!(m & ~(u32)(SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DST |
			 SSF_RM_SPORT | SSF_RM_DPORT | SSF_RM_LIMIT)) &&
	    (!fam || ((!(m & SSF_RM_SRC) || r->src_plen <= 64) &&
		      (!(m & SSF_RM_DST) || r->dst_plen <= 64))))
		k->flags |= SSF_CLS_K_EXACT;
}

/* Which of src, dst, sport, dport @box covers half of or more. */
static u32 ssf_cls_category(const struct ssf_cls_bctx *b,
			    const struct ssf_cls_box *box)
{
	u32 cat = 0;
	int d;

	for (d = SSF_CLS_SRC; d <= SSF_CLS_DPORT; d++)
		if (box->hi[d] - box->lo[d] >= ssf_cls_max(b, d) / 2)
			cat |= 1U << d;
	return cat;
}

static bool ssf_cls_meets(const struct ssf_cls_box *box,
			  const struct ssf_cls_region *reg, int d)
{
	u64 last = reg->lo[d] + ((reg->w[d] == 64 ? ~0ULL :
				  (1ULL << reg->w[d]) - 1));

	return box->lo[d] <= last && box->hi[d] >= reg->lo[d];
}

static bool ssf_cls_contains(const struct ssf_cls_box *box,
			     const struct ssf_cls_region *reg)
{
	int d;

	for (d = 0; d < SSF_CLS_NDIM; d++) {
		u64 last = reg->lo[d] + (reg->w[d] == 64 ? ~0ULL :
					 (1ULL << reg->w[d]) - 1);

		if (box->lo[d] > reg->lo[d] || box->hi[d] < last)
			return false;
	}
	return true;
}

static u64 min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static u64 max_u64(u64 a, u64 b)
{
	return a > b ? a : b;
}

static int ssf_cls_grow(void **arr, u32 *cap, u32 need, size_t size,
			size_t *mem)
{
	u32 ncap;
	void *a;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 64;
	while (ncap < need) {
		if (ncap > U32_MAX / 2)
			return -ENOMEM;
		ncap *= 2;
	}
	a = ssf_alloc_array(ncap, size);
	if (!a)
		return -ENOMEM;
	if (*cap)
		memcpy(a, *arr, (size_t)*cap * size);
	ssf_free(*arr);
	*arr = a;
	*mem += (size_t)(ncap - *cap) * size;
	*cap = ncap;
	return 0;
}

/* Give back what *@arr holds beyond @used (given-up trees, doubling). */
static void ssf_cls_trim(void **arr, u32 *cap, u32 used, size_t size,
			 size_t *mem)
{
	void *a;

	if (!used || used == *cap)
		return;
	a = ssf_alloc_array(used, size);
	if (!a)
		return;		/* the bigger array serves as well */
	memcpy(a, *arr, (size_t)used * size);
	ssf_free(*arr);
	*arr = a;
	*mem -= (size_t)(*cap - used) * size;
	*cap = used;
}

static int ssf_cls_new_nodes(struct ssf_cls *c, u32 n, u32 *first)
{
	int ret;

	ret = ssf_cls_grow((void **)&c->nodes, &c->cap_nodes, c->nnodes + n,
			   sizeof(*c->nodes), &c->mem);
	if (ret)
		return ret;
	memset(&c->nodes[c->nnodes], 0, n * sizeof(*c->nodes));
	*first = c->nnodes;
	c->nnodes += n;
	return 0;
}

static int ssf_cls_leaf(struct ssf_cls_bctx *b, u32 node, const u32 *idx,
			u32 n, u32 depth)
{
	struct ssf_cls *c = b->c;
	int ret;

	/* a trial tree that copies rules too often is given up */
	if (b->limit && c->nlist + n > b->limit)
		return -E2BIG;
	if (n) {
		ret = ssf_cls_grow((void **)&c->list, &c->cap_list,
				   c->nlist + n, sizeof(*c->list), &c->mem);
		if (ret)
			return ret;
		memcpy(&c->list[c->nlist], idx, n * sizeof(*idx));
	}
	c->nodes[node].off = c->nlist;
	c->nodes[node].count = n;
	c->nodes[node].bits = 0;
	c->nlist += n;
	if (depth > c->depth)
		c->depth = depth;
	return 0;
}

/*
 * The best cut of the @n rules @idx in @reg: field *@dim, 2^*@bits
 * slices. False when none makes the biggest slice smaller than @n.
 */
static bool ssf_cls_choose(const struct ssf_cls_bctx *b,
			   const struct ssf_cls_region *reg, const u32 *idx,
			   u32 n, s32 *hist, u8 *dim, u8 *bits)
{
	u64 best_max = n, best_sum = 0;
	bool found = false;
	u32 i, k, nk;
	u8 bt;
	int d;

	for (d = 0; d < SSF_CLS_NDIM; d++) {
		u64 last = reg->w[d] == 64 ? ~0ULL : (1ULL << reg->w[d]) - 1;

		for (bt = 1; bt <= SSF_CLS_BITS && bt <= reg->w[d]; bt++) {
			u8 sh = reg->w[d] - bt;
			u64 sum = 0;
			s64 max = 0, run = 0;

			nk = 1U << bt;
			memset(hist, 0, (nk + 1) * sizeof(*hist));
			for (i = 0; i < n; i++) {
				const struct ssf_cls_box *x = &b->box[idx[i]];
				/* offsets in the region; every rule meets it */
				u64 lo = x->lo[d] > reg->lo[d] ?
					 x->lo[d] - reg->lo[d] : 0;
				u64 hi = x->hi[d] - reg->lo[d];

				if (hi > last)
					hi = last;
				hist[lo >> sh]++;
				hist[(hi >> sh) + 1]--;
				sum += (hi >> sh) - (lo >> sh) + 1;
			}
			for (k = 0; k < nk; k++) {
				run += hist[k];
				if (run > max)
					max = run;
			}
			if (sum > (u64)SSF_CLS_SPREAD * n + nk)
				break;	/* more slices only copy more */
			if ((u64)max < best_max ||
			    (found && (u64)max == best_max && sum < best_sum)) {
				best_max = max;
				best_sum = sum;
				*dim = d;
				*bits = bt;
				found = true;
			}
		}
	}
	return found;
}

/*
 * Shrink @reg, field by field, to the aligned block of the bits the @n
 * rules @idx share there: every key that can match one of them is in it.
 */
static void ssf_cls_compact(const struct ssf_cls_bctx *b,
			    struct ssf_cls_region *reg, const u32 *idx, u32 n)
{
	u64 lo, hi, last, diff;
	u32 i;
	int d;

	for (d = 0; d < SSF_CLS_NDIM; d++) {
		last = reg->lo[d] + (reg->w[d] == 64 ? ~0ULL :
				     (1ULL << reg->w[d]) - 1);
		lo = last;
		hi = reg->lo[d];
		for (i = 0; i < n; i++) {
			const struct ssf_cls_box *x = &b->box[idx[i]];

			lo = min_u64(lo, max_u64(x->lo[d], reg->lo[d]));
			hi = max_u64(hi, min_u64(x->hi[d], last));
		}
		diff = lo ^ hi;
		reg->w[d] = diff ? 64 - __builtin_clzll(diff) : 0;
		reg->lo[d] = reg->w[d] == 64 ? 0 :
			     lo & ~((1ULL << reg->w[d]) - 1);
	}
}

static int ssf_cls_node(struct ssf_cls_bctx *b, u32 node,
			const struct ssf_cls_region *outer, const u32 *idx,
			u32 n, u32 depth)
{
	struct ssf_cls_region sub, r = *outer, *reg = &r;
	u32 *lists;
	s32 *hist;
	u32 first, i, k, nk, m;
	u8 dim, bits, sh;
	int ret;

	if (n <= SSF_CLS_LEAF || depth >= SSF_CLS_DEPTH || b->budget < n)
		return ssf_cls_leaf(b, node, idx, n, depth);
	hist = ssf_alloc_array((1U << SSF_CLS_BITS) + 1, sizeof(*hist));
	if (!hist)
		return -ENOMEM;
	ssf_cls_compact(b, reg, idx, n);
	if (!ssf_cls_choose(b, reg, idx, n, hist, &dim, &bits)) {
		ssf_free(hist);
		return ssf_cls_leaf(b, node, idx, n, depth);
	}
	ssf_free(hist);
	nk = 1U << bits;
	sh = reg->w[dim] - bits;
	ret = ssf_cls_new_nodes(b->c, nk, &first);
	if (ret)
		return ret;
	b->c->nodes[node].off = first;
	b->c->nodes[node].bits = bits;
	b->c->nodes[node].dim = dim;
	b->c->nodes[node].shift = sh;
	b->c->nodes[node].width = reg->w[dim];
	b->c->nodes[node].block = reg->w[dim] == 64 ? 0 :
				  reg->lo[dim] >> reg->w[dim];
	lists = ssf_alloc_array(n, sizeof(*lists));
	if (!lists)
		return -ENOMEM;
	sub = *reg;
	sub.w[dim] = sh;
	for (k = 0; k < nk && !ret; k++) {
		sub.lo[dim] = reg->lo[dim] + ((u64)k << sh);
		for (i = 0, m = 0; i < n; i++) {
			const struct ssf_cls_box *x = &b->box[idx[i]];

			if (!ssf_cls_meets(x, &sub, dim))
				continue;
			lists[m++] = idx[i];
			/* nothing after it is a first match here */
			if (b->cover[idx[i]] && ssf_cls_contains(x, &sub))
				break;
		}
		b->budget -= b->budget < m ? b->budget : m;
		ret = ssf_cls_node(b, first + k, &sub, lists, m, depth + 1);
	}
	ssf_free(lists);
	return ret;
}

/* During the build, every tree's bound has a slot of its own. */
static struct ssf_cls_bound *ssf_cls_bslot(struct ssf_cls_bound *all, u8 dir,
					   int fam, u32 t)
{
	return &all[((u32)dir * 2 + fam) * SSF_CLS_CATS + t];
}

#define SSF_CLS_BSLOTS	((SSF_DIR_MAX + 1) * 2 * SSF_CLS_CATS)

/*
 * Add the tree at @node, whose first rule is @tmin and whose rules can
 * match @bnd, in tmin order.
 */
static void ssf_cls_add_tree(struct ssf_cls_bctx *b, u8 dir, u32 node,
			     u32 tmin, const struct ssf_cls_bound *bnd)
{
	struct ssf_cls *c = b->c;
	int fam = b->fam;
	u32 t = c->ntrees[dir][fam]++;

	for (; t && c->tmin[dir][fam][t - 1] > tmin; t--) {
		c->root[dir][fam][t] = c->root[dir][fam][t - 1];
		c->tmin[dir][fam][t] = c->tmin[dir][fam][t - 1];
		*ssf_cls_bslot(b->bound, dir, fam, t) =
			*ssf_cls_bslot(b->bound, dir, fam, t - 1);
	}
	c->root[dir][fam][t] = node;
	c->tmin[dir][fam][t] = tmin;
	*ssf_cls_bslot(b->bound, dir, fam, t) = *bnd;
}

/* The bounds of the trees there are, one after the other. */
static int ssf_cls_bounds(struct ssf_cls_bctx *b)
{
	struct ssf_cls *c = b->c;
	u32 n = 0, t;
	int fam;
	u8 dir;

	for (dir = 0; dir <= SSF_DIR_MAX; dir++)
		for (fam = 0; fam < 2; fam++)
			n += c->ntrees[dir][fam];
	c->bound = ssf_alloc_array(n ?: 1, sizeof(*c->bound));
	if (!c->bound)
		return -ENOMEM;
	c->mem += (size_t)n * sizeof(*c->bound);
	n = 0;
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		for (fam = 0; fam < 2; fam++) {
			c->boff[dir][fam] = n;
			for (t = 0; t < c->ntrees[dir][fam]; t++)
				c->bound[n++] = *ssf_cls_bslot(b->bound, dir,
							       fam, t);
		}
	}
	return 0;
}

/*
 * One tree over the rules i of @dir with @grp[i] == @g (@idx: room for
 * them). With @trial, the tree is given up (-E2BIG, nothing kept) once
 * its leaves hold more than SSF_CLS_TRIAL copies of each rule.
 */
static int ssf_cls_tree(struct ssf_cls_bctx *b, u8 dir, u32 n, const u32 *grp,
			u32 g, u32 *idx, bool trial)
{
	struct ssf_cls *c = b->c;
	u32 nnodes = c->nnodes, nlist = c->nlist, depth = c->depth;
	u64 budget = b->budget;
	struct ssf_cls_region reg = {};
	struct ssf_cls_bound bnd;
	u32 i, m, node;
	int ret, d;

	for (d = 0; d < SSF_CLS_NDIM; d++)
		reg.w[d] = ssf_cls_width[b->fam][d];
	for (i = 0, m = 0; i < n; i++) {
		if (grp[i] != g)
			continue;
		idx[m++] = i;
		/* it matches every packet: nothing after it can */
		if (b->cover[i] && ssf_cls_contains(&b->box[i], &reg))
			break;
	}
	if (!m)
		return 0;
	/*
	 * Groups are told apart by the four wideness bits, so there are at
	 * most SSF_CLS_CATS of them; a bug there must not write past root[].
	 */
	if (c->ntrees[dir][b->fam] >= SSF_CLS_CATS)
		return -EINVAL;
	for (d = 0; d < SSF_CLS_NDIM; d++) {
		bnd.lo[d] = ssf_cls_max(b, d);
		bnd.hi[d] = 0;
		for (i = 0; i < m; i++) {
			bnd.lo[d] = min_u64(bnd.lo[d], b->box[idx[i]].lo[d]);
			bnd.hi[d] = max_u64(bnd.hi[d], b->box[idx[i]].hi[d]);
		}
	}
	ret = ssf_cls_new_nodes(c, 1, &node);
	if (ret)
		return ret;
	b->limit = trial ? c->nlist + SSF_CLS_TRIAL * m + SSF_CLS_LEAF : 0;
	ret = ssf_cls_node(b, node, &reg, idx, m, 1);
	b->limit = 0;
	if (ret) {
		c->nnodes = nnodes;
		c->nlist = nlist;
		c->depth = depth;
		b->budget = budget;
		return ret;
	}
	ssf_cls_add_tree(b, dir, node, idx[0], &bnd);
	return 0;
}

/*
 * Give the rules i with @grp[i] in @from .. @from + 15 a group of their
 * own per @key[i], except that keys held by fewer than SSF_CLS_MERGE
 * rules share one group (a tree costs a walk per packet).
 */
static void ssf_cls_regroup(u32 *grp, const u32 *key, u32 n, u32 from,
			    u32 base)
{
	u32 cnt[SSF_CLS_CATS] = {}, small = U32_MAX, i;

	for (i = 0; i < n; i++)
		if (grp[i] >= from && grp[i] < from + SSF_CLS_CATS)
			cnt[key[i]]++;
	for (i = 0; i < n; i++) {
		if (grp[i] < from || grp[i] >= from + SSF_CLS_CATS)
			continue;
		grp[i] = base + key[i];
		if (cnt[key[i]] >= SSF_CLS_MERGE)
			continue;
		if (small == U32_MAX)
			small = key[i];
		grp[i] = base + small;
	}
}

/*
 * The trees of one direction and family. Fewest trees first: one tree of
 * them all, tried; where it copies rules too often, a tree per group of
 * the address fields large in them (wide rules, cut on addresses, are
 * copied into every slice), tried; where one of those fails too, a tree
 * per category of all four fields (EffiCuts): a tree of rules all large
 * in a field never cuts it. Each tree costs a walk per packet; copies
 * cost memory and longer leaves.
 */
static int ssf_cls_trees(struct ssf_cls_bctx *b, u8 dir, u32 n)
{
	u32 *idx, *grp, *cat, *addr, i, g;
	int ret = -ENOMEM;

	idx = ssf_alloc_array(n, sizeof(*idx));
	grp = ssf_alloc_array(n, sizeof(*grp));
	cat = ssf_alloc_array(n, sizeof(*cat));
	addr = ssf_alloc_array(n, sizeof(*addr));
	if (!idx || !grp || !cat || !addr)
		goto out;
	for (i = 0; i < n; i++) {
		const struct ssf_rule *r = ssf_cls_rule(b, i);

		grp[i] = U32_MAX;
		if (r->dir != dir ||
		    !ssf_cls_rule_box(b, r, &b->box[i], &b->cover[i]))
			continue;
		cat[i] = ssf_cls_category(b, &b->box[i]);
		addr[i] = cat[i] & (1U << SSF_CLS_SRC | 1U << SSF_CLS_DST);
		grp[i] = 0;
	}
	ret = ssf_cls_tree(b, dir, n, grp, 0, idx, true);
	if (ret != -E2BIG)
		goto out;
	/* groups 16 ..: by address category; 32 ..: by category */
	ssf_cls_regroup(grp, addr, n, 0, SSF_CLS_CATS);
	for (g = SSF_CLS_CATS; g < 2 * SSF_CLS_CATS; g++) {
		ret = ssf_cls_tree(b, dir, n, grp, g, idx, true);
		if (ret == -E2BIG) {
			for (i = 0; i < n; i++)
				if (grp[i] == g)
					grp[i] = 0;
			ssf_cls_regroup(grp, cat, n, 0, 2 * SSF_CLS_CATS);
			ret = 0;
		}
		if (ret)
			goto out;
	}
	for (g = 2 * SSF_CLS_CATS; g < 3 * SSF_CLS_CATS; g++) {
		ret = ssf_cls_tree(b, dir, n, grp, g, idx, false);
		if (ret)
			goto out;
	}
out:
	ssf_free(idx);
	ssf_free(grp);
	ssf_free(cat);
	ssf_free(addr);
	return ret;
}

/* Rule copies all leaves together may hold: beyond, leaves get longer. */
static u64 ssf_cls_budget(u32 n)
{
	return 64ULL * n + (1U << 20);
}

int ssf_cls_build(struct ssf_cls *c, const struct ssf_rule *rules, u32 n,
		  size_t stride)
{
	struct ssf_cls_bctx b = {
		.c = c,
		.rules = rules,
		.stride = stride,
		.budget = ssf_cls_budget(n),
	};
	int ret = 0;
	u32 i;
	u8 dir;

	memset(c, 0, sizeof(*c));
	b.box = ssf_alloc_array(n, sizeof(*b.box));
	b.cover = ssf_alloc_array(n, sizeof(*b.cover));
	c->keys = ssf_alloc_array(n ?: 1, sizeof(*c->keys));
	b.bound = ssf_alloc_array(SSF_CLS_BSLOTS, sizeof(*b.bound));
	if (!b.box || !b.cover || !c->keys || !b.bound) {
		ret = -ENOMEM;
		goto out;
	}
	c->mem += (size_t)n * sizeof(*c->keys);
	for (i = 0; i < n; i++)
		ssf_cls_key_fill(ssf_cls_rule(&b, i), &c->keys[i]);
	for (dir = 0; dir <= SSF_DIR_MAX && !ret; dir++)
		for (b.fam = 0; b.fam < 2 && !ret; b.fam++)
			ret = ssf_cls_trees(&b, dir, n);
	if (!ret)
		ret = ssf_cls_bounds(&b);
	ssf_cls_trim((void **)&c->nodes, &c->cap_nodes, c->nnodes,
		     sizeof(*c->nodes), &c->mem);
	ssf_cls_trim((void **)&c->list, &c->cap_list, c->nlist,
		     sizeof(*c->list), &c->mem);
out:
	ssf_free(b.box);
	ssf_free(b.cover);
	ssf_free(b.bound);
	if (ret)
		ssf_cls_release(c);
	return ret;
}

/* The key of @pkt: its five fields as the trees and keys hold them. */
static __always_inline void ssf_cls_pkt_key(const struct ssf_pkt *pkt,
					    int fam, u64 *key)
{
	bool ports = pkt->flags & SSF_PKT_F_PORTS;

	key[SSF_CLS_SRC] = ssf_cls_addr_key(&pkt->saddr, fam);
	key[SSF_CLS_DST] = ssf_cls_addr_key(&pkt->daddr, fam);
	/* no ports: only rules without a port match can match, and those
	 * are in every slice of the port fields
	 */
	key[SSF_CLS_SPORT] = ports ? pkt->sport : 0;
	key[SSF_CLS_DPORT] = ports ? pkt->dport : 0;
	key[SSF_CLS_PROTO] = pkt->proto;
}

/*
 * The leaf of tree @t of @dir and @fam for @key: its list in *@p .. *@end;
 * false: none (the key is outside what the tree's rules can match).
 */
static __always_inline bool ssf_cls_walk(const struct ssf_cls *c, u8 dir,
					  int fam, u32 t, const u64 *key,
					  const u32 **p, const u32 **end)
{
	const struct ssf_cls_node *nd = &c->nodes[c->root[dir][fam][t]];
	const struct ssf_cls_bound *bnd = &c->bound[c->boff[dir][fam] + t];
	int d;

	for (d = 0; d < SSF_CLS_NDIM; d++)
		if (key[d] < bnd->lo[d] || key[d] > bnd->hi[d])
			return false;

	while (nd->bits) {
		u64 k = key[nd->dim];

		/* outside the block its rules share: none matches */
		if (nd->width < 64 && k >> nd->width != nd->block)
			return false;
		nd = &c->nodes[nd->off + ((k >> nd->shift) &
					  ((1U << nd->bits) - 1))];
	}
	*p = &c->list[nd->off];
	*end = &c->list[nd->off + nd->count];
	return true;
}

/* Can the rule of @k match a packet of @key (@ports: it has ports)? */
static __always_inline bool ssf_cls_key_match(const struct ssf_cls_key *k,
					       const u64 *key, bool ports)
{
	/* most candidates differ in the protocol or an address */
	if ((key[SSF_CLS_PROTO] ^ k->proto) & k->pmask)
		return false;
	if ((key[SSF_CLS_SRC] ^ k->src) & k->smask)
		return false;
	if ((key[SSF_CLS_DST] ^ k->dst) & k->dmask)
		return false;
	if ((u16)(key[SSF_CLS_SPORT] - k->sport_lo) >
	    (u16)(k->sport_hi - k->sport_lo) ||
	    (u16)(key[SSF_CLS_DPORT] - k->dport_lo) >
	    (u16)(k->dport_hi - k->dport_lo))
		return false;
	return ports || !(k->flags & SSF_CLS_K_PORTS);
}

void ssf_cls_start(const struct ssf_cls *c, u8 dir, const struct ssf_pkt *pkt,
		   struct ssf_cls_cur *cur)
{
	int fam = pkt->family == SSF_FAMILY_IPV6;
	u64 key[SSF_CLS_NDIM];
	u32 t;

	cur->k = 0;
	if (pkt->family != SSF_FAMILY_IPV4 && pkt->family != SSF_FAMILY_IPV6)
		return;
	ssf_cls_pkt_key(pkt, fam, key);
	for (t = 0; t < c->ntrees[dir][fam]; t++)
		if (ssf_cls_walk(c, dir, fam, t, key,
				 &cur->p[cur->k], &cur->end[cur->k]))
			cur->k++;
}

/*
 * Each tree's leaf gives its candidates in policy order; the first match
 * is the smallest index any tree matches. So a tree's list is read only
 * up to the best match so far, and a tree whose first rule comes after it
 * is not walked at all (trees are in the order of their first rules).
 * A rule over its limit lets the packet go on: the search starts again
 * after it (walking the trees again: no per-tree state is kept, as the
 * kernel would zero it on the stack for every packet).
 */
s32 ssf_cls_first(const struct ssf_cls *c, const void *rules, size_t stride,
		  size_t bucket_off, u8 dir, const struct ssf_pkt *pkt,
		  const struct ssf_meta *meta, u64 (*clock)(void))
{
	bool ports = pkt->flags & SSF_PKT_F_PORTS;
	u32 t, nt, best, from = 0;
	u64 key[SSF_CLS_NDIM], now = 0;
	int fam = pkt->family == SSF_FAMILY_IPV6;

	if (pkt->family != SSF_FAMILY_IPV4 && pkt->family != SSF_FAMILY_IPV6)
		return -1;
	ssf_cls_pkt_key(pkt, fam, key);
	nt = c->ntrees[dir][fam];
	for (;;) {
		const char *obj;
		struct ssf_atomic64 *bucket;
		const struct ssf_rule *r;

		best = U32_MAX;
		for (t = 0; t < nt && c->tmin[dir][fam][t] < best; t++) {
			const u32 *q, *end;

			if (!ssf_cls_walk(c, dir, fam, t, key, &q, &end))
				continue;
			for (; q < end && *q < best; q++) {
				const struct ssf_cls_key *k = &c->keys[*q];

				if (*q < from || !ssf_cls_key_match(k, key, ports))
					continue;
				r = (const void *)((const char *)rules +
						   (size_t)*q * stride);
				if ((k->flags & SSF_CLS_K_EXACT) ||
				    ssf_rule_match(r, pkt, meta)) {
					best = *q;
					break;
				}
			}
		}
		if (best == U32_MAX)
			return -1;
		if (!(c->keys[best].flags & SSF_CLS_K_LIMIT))
			return best;
		/* over its limit, the packet goes on to the next rule */
		obj = (const char *)rules + (size_t)best * stride;
		r = (const void *)obj;
		if (!now)
			now = clock();
		memcpy(&bucket, obj + bucket_off, sizeof(bucket));
		if (ssf_limit_take(bucket, now, r->limit_ns, r->limit_burst_ns))
			return best;
		from = best + 1;
	}
}

void ssf_cls_release(struct ssf_cls *c)
{
	ssf_free(c->nodes);
	ssf_free(c->list);
	ssf_free(c->keys);
	ssf_free(c->bound);
	memset(c, 0, sizeof(*c));
}
