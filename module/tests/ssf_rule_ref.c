// SPDX-License-Identifier: GPL-2.0
/*
 * The reference rule matcher: see ssf_rule_ref.h. Written to be read
 * against Documentation/rules.rst, not to be fast.
 *
 * Locking: none; pure functions of their arguments.
 */
#include "ssf_rule_ref.h"

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
	return ok;
}

int ssf_ref_first_match(const struct ssf_rule *rules, unsigned int n, u8 dir,
			const struct ssf_pkt *pkt, const struct ssf_meta *meta)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (rules[i].dir == dir && ssf_ref_match(&rules[i], pkt, meta))
			return i;
	return -1;
}
