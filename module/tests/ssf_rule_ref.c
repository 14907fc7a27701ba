// SPDX-License-Identifier: GPL-2.0
/*
 * The reference rule matcher: see ssf_rule_ref.h. Written to be read
 * against Documentation/rules.rst, not to be fast.
 *
 * Locking: none; pure functions of their arguments.
 */
#include "ssf_rule_ref.h"
#include "ssf_set.h"

bool ssf_ref_addr_bit(const union ssf_addr *a, unsigned int i)
{
	return (a->b[i / 8] >> (7 - i % 8)) & 1;
}

/* The first @plen bits of @a are those of @net. */
static bool ssf_ref_prefix(const union ssf_addr *net, unsigned int plen,
			   const union ssf_addr *a)
{
	unsigned int i;

	for (i = 0; i < plen; i++)
		if (ssf_ref_addr_bit(net, i) != ssf_ref_addr_bit(a, i))
			return false;
	return true;
}

static bool ssf_ref_in(u32 v, u32 min, u32 max)
{
	return min <= v && v <= max;
}

static bool ssf_ref_name(const char *want, const char *dev)
{
	return dev && !strcmp(want, dev);
}

/* Numerically, @a <= @b: network order compares byte by byte. */
static bool ssf_ref_le(const union ssf_addr *a, const union ssf_addr *b,
		       unsigned int bytes)
{
	return memcmp(a->b, b->b, bytes) <= 0;
}

/* Some element of the address set @d holds @a. */
static bool ssf_ref_set_addr(const struct ssf_set_data *d, u8 family,
			     const union ssf_addr *a)
{
	unsigned int bytes = family == SSF_FAMILY_IPV4 ? 4 : 16, i;

	for (i = 0; i < d->nelem; i++) {
		const struct ssf_elem *e = &d->elem[i];

		if (e->family == family && ssf_ref_le(&e->lo, a, bytes) &&
		    ssf_ref_le(a, &e->hi, bytes))
			return true;
	}
	return false;
}

/* Some element of the port set @d holds @port. */
static bool ssf_ref_set_port(const struct ssf_set_data *d, u16 port)
{
	unsigned int i;

	for (i = 0; i < d->nelem; i++) {
		const struct ssf_elem *e = &d->elem[i];
		u16 lo = (e->lo.b[0] << 8) | e->lo.b[1];
		u16 hi = (e->hi.b[0] << 8) | e->hi.b[1];

		if (lo <= port && port <= hi)
			return true;
	}
	return false;
}

bool ssf_ref_match(const struct ssf_rule *r, const struct ssf_pkt *pkt,
		   const struct ssf_meta *meta)
{
	bool ports = pkt->flags & SSF_PKT_F_PORTS;
	bool icmp = pkt->flags & SSF_PKT_F_ICMP;
	bool owner = meta->flags & SSF_META_OWNER;
	bool gid = owner && (meta->flags & SSF_META_GID);
	bool ok = true;

	if (r->family != SSF_FAMILY_ANY)
		ok &= r->family == pkt->family;
	if (r->match & SSF_RM_PROTO)
		ok &= r->proto == pkt->proto;
	if (r->match & SSF_RM_SRC)
		ok &= ssf_ref_prefix(&r->src, r->src_plen, &pkt->saddr);
	if (r->match & SSF_RM_DST)
		ok &= ssf_ref_prefix(&r->dst, r->dst_plen, &pkt->daddr);
	if (r->match & SSF_RM_SPORT)
		ok &= ports && ssf_ref_in(pkt->sport, r->sport_min,
					  r->sport_max);
	if (r->match & SSF_RM_DPORT)
		ok &= ports && ssf_ref_in(pkt->dport, r->dport_min,
					  r->dport_max);
	if (r->match & SSF_RM_ICMP_TYPE)
		ok &= icmp && pkt->icmp_type == r->icmp_type;
	if (r->match & SSF_RM_IIF)
		ok &= ssf_ref_name(r->iif, meta->iif);
	if (r->match & SSF_RM_OIF)
		ok &= ssf_ref_name(r->oif, meta->oif);
	if (r->match & SSF_RM_UID)
		ok &= owner && ssf_ref_in(meta->uid, r->uid_min, r->uid_max);
	if (r->match & SSF_RM_GID)
		ok &= gid && ssf_ref_in(meta->gid, r->gid_min, r->gid_max);
	if (r->match & SSF_RM_CGROUP)
		ok &= owner && ssf_meta_cgroup_under(meta, r->cgroup_id,
						     r->cgroup_level);
	if (r->match & SSF_RM_SRC_SET)
		ok &= ssf_ref_set_addr(ssf_meta_set(meta, r->set[SSF_RSET_SRC]),
				       pkt->family, &pkt->saddr);
	if (r->match & SSF_RM_DST_SET)
		ok &= ssf_ref_set_addr(ssf_meta_set(meta, r->set[SSF_RSET_DST]),
				       pkt->family, &pkt->daddr);
	if (r->match & SSF_RM_SPORT_SET)
		ok &= ports &&
		      ssf_ref_set_port(ssf_meta_set(meta, r->set[SSF_RSET_SPORT]),
				       pkt->sport);
	if (r->match & SSF_RM_DPORT_SET)
		ok &= ports &&
		      ssf_ref_set_port(ssf_meta_set(meta, r->set[SSF_RSET_DPORT]),
				       pkt->dport);
	if (r->match & SSF_RM_CT)
		ok &= (meta->ct_state & r->ct_states) != 0;
	return ok;
}

int ssf_ref_first_match(const struct ssf_rule *rules, unsigned int n, u8 dir,
			const struct ssf_pkt *pkt, const struct ssf_meta *meta)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (rules[i].dir == dir && !(rules[i].match & SSF_RM_LIMIT) &&
		    ssf_ref_match(&rules[i], pkt, meta))
			return i;
	return -1;
}

static const u64 ssf_ref_unit_ns[] = {
	[SSF_LIMIT_SECOND] = 1000000000ULL,
	[SSF_LIMIT_MINUTE] = 60ULL * 1000000000ULL,
	[SSF_LIMIT_HOUR] = 3600ULL * 1000000000ULL,
};

bool ssf_ref_limit(struct ssf_ref_bucket *b, const struct ssf_rule *r,
		   u64 now)
{
	u64 token = ssf_ref_unit_ns[r->limit_unit] / r->limit_rate;
	u64 full = token * r->limit_burst;

	if (!b->used) {
		b->used = true;
		b->credit = full;
		b->last = now;
	}
	if (now > b->last) {
		b->credit += now - b->last;
		if (b->credit > full)
			b->credit = full;
		b->last = now;
	}
	if (b->credit < token)
		return false;
	b->credit -= token;
	return true;
}

int ssf_ref_first_match_limit(const struct ssf_rule *rules, unsigned int n,
			      u8 dir, const struct ssf_pkt *pkt,
			      const struct ssf_meta *meta,
			      struct ssf_ref_bucket *buckets, u64 now)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (rules[i].dir != dir || !ssf_ref_match(&rules[i], pkt, meta))
			continue;
		if (!(rules[i].match & SSF_RM_LIMIT) ||
		    ssf_ref_limit(&buckets[i], &rules[i], now))
			return i;
	}
	return -1;
}
