// SPDX-License-Identifier: GPL-2.0
/*
 * Rule checking and matching, shared by ssf.ko and userspace.
 *
 * Locking: none. ssf_rule_match() reads an immutable rule and a packet's
 * metadata; callers keep the rule alive (RCU in the kernel).
 */
#include "ssf_rule.h"
#include "ssf_set.h"

#ifndef __KERNEL__
#include <errno.h>
#endif

u8 ssf_family_max_plen(u8 family)
{
	if (family == SSF_FAMILY_IPV4)
		return 32;
	if (family == SSF_FAMILY_IPV6)
		return 128;
	return 0;
}

void ssf_prefix_mask(union ssf_addr *mask, u8 plen)
{
	int i;

	for (i = 0; i < 4; i++) {
		u32 bits = plen > 32 ? 32 : plen;

		mask->w[i] = bits ? cpu_to_be32(~0U << (32 - bits)) : 0;
		plen -= bits;
	}
}

static bool ssf_addr_host_bits_clear(const union ssf_addr *a,
				     const union ssf_addr *mask)
{
	int i;

	for (i = 0; i < 4; i++)
		if (a->w[i] & ~mask->w[i])
			return false;
	return true;
}

static bool ssf_proto_ported(u8 proto)
{
	/* tcp, udp, sctp, udplite */
	return proto == 6 || proto == 17 || proto == 132 || proto == 136;
}

static int ssf_check_addr(const struct ssf_rule *r, const union ssf_addr *a,
			  u8 plen, union ssf_addr *mask, const char **err)
{
	u8 max = ssf_family_max_plen(r->family);

	if (!max) {
		*err = "an address match needs family ip or ip6";
		return -EINVAL;
	}
	if (plen > max) {
		*err = "prefix length too long for the family";
		return -EINVAL;
	}
	ssf_prefix_mask(mask, plen);
	if (!ssf_addr_host_bits_clear(a, mask)) {
		*err = "address has bits set beyond its prefix length";
		return -EINVAL;
	}
	return 0;
}

/* True when @s, an array of @size bytes, holds a NUL-terminated string. */
static bool ssf_str_ok(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static int ssf_check_ifname(const char *name, bool dir_ok, const char *dir_err,
			    const char **err)
{
	if (!dir_ok) {
		*err = dir_err;
		return -EINVAL;
	}
	if (!ssf_str_ok(name, SSF_IFNAME_MAX)) {
		*err = "interface name is not NUL-terminated";
		return -EINVAL;
	}
	if (!name[0]) {
		*err = "interface name is empty";
		return -EINVAL;
	}
	return 0;
}

/* The matches on the packet's metadata and the rule's flags and strings. */
static int ssf_check_meta(const struct ssf_rule *r, const char **err)
{
	int ret;

	if (r->match & SSF_RM_IIF) {
		ret = ssf_check_ifname(r->iif, r->dir == SSF_DIR_IN ||
				       r->dir == SSF_DIR_FWD,
				       "an input interface match needs dir in or fwd",
				       err);
		if (ret)
			return ret;
	}
	if (r->match & SSF_RM_OIF) {
		ret = ssf_check_ifname(r->oif, r->dir == SSF_DIR_OUT ||
				       r->dir == SSF_DIR_FWD,
				       "an output interface match needs dir out or fwd",
				       err);
		if (ret)
			return ret;
	}
	if ((r->match & SSF_RM_OWNER) &&
	    r->dir != SSF_DIR_IN && r->dir != SSF_DIR_OUT) {
		*err = "a uid, gid or cgroup match needs dir in or out";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_UID) && r->uid_min > r->uid_max) {
		*err = "uid range is reversed";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_GID) && r->gid_min > r->gid_max) {
		*err = "gid range is reversed";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_ICMP_TYPE) &&
	    (!(r->match & SSF_RM_PROTO) ||
	     !((r->proto == 1 && r->family == SSF_FAMILY_IPV4) ||
	       (r->proto == 58 && r->family == SSF_FAMILY_IPV6)))) {
		*err = "an icmp type match needs proto icmp with family ip, or ipv6-icmp with family ip6";
		return -EINVAL;
	}
	if (r->flags & ~(u32)(SSF_RULE_F_LOG | SSF_RULE_F_AUDIT)) {
		*err = "unknown rule flag";
		return -EINVAL;
	}
	return 0;
}

static const u64 ssf_limit_unit_ns[SSF_LIMIT_UNIT_MAX + 1] = {
	[SSF_LIMIT_SECOND] = 1000000000ULL,
	[SSF_LIMIT_MINUTE] = 60 * 1000000000ULL,
	[SSF_LIMIT_HOUR] = 3600 * 1000000000ULL,
};

/* The stateful words: ct state and limit. */
static int ssf_check_state(struct ssf_rule *r, const char **err)
{
	if (r->match & SSF_RM_CT) {
		if (!r->ct_states || (r->ct_states & ~SSF_CT_ALL)) {
			*err = "a ct state match needs one or more of new, established, related, invalid, untracked";
			return -EINVAL;
		}
	}
	if (!(r->match & SSF_RM_LIMIT))
		return 0;
	if (r->limit_unit > SSF_LIMIT_UNIT_MAX) {
		*err = "unknown limit unit";
		return -EINVAL;
	}
	if (!r->limit_rate || r->limit_rate > SSF_LIMIT_RATE_MAX) {
		*err = "a limit rate is 1 to 1000000000 a unit";
		return -EINVAL;
	}
	if (!r->limit_burst || r->limit_burst > SSF_LIMIT_BURST_MAX) {
		*err = "a limit burst is 1 to 1000000 packets";
		return -EINVAL;
	}
	r->limit_ns = ssf_limit_unit_ns[r->limit_unit] / r->limit_rate;
	r->limit_burst_ns = r->limit_ns * r->limit_burst;
	return 0;
}

int ssf_rule_verify(struct ssf_rule *r, const char **err)
{
	union ssf_addr smask = { .w = { 0 } }, dmask = { .w = { 0 } };
	int ret;

	if (r->dir > SSF_DIR_MAX) {
		*err = "unknown direction";
		return -EINVAL;
	}
	if (r->action > SSF_ACT_MAX) {
		*err = "unknown action";
		return -EINVAL;
	}
	if (r->family > SSF_FAMILY_MAX) {
		*err = "unknown family";
		return -EINVAL;
	}
	if (r->match & ~(u32)SSF_RM_ALL) {
		*err = "unknown match";
		return -EINVAL;
	}
	if (r->match & SSF_RM_SRC) {
		ret = ssf_check_addr(r, &r->src, r->src_plen, &smask, err);
		if (ret)
			return ret;
	}
	if (r->match & SSF_RM_DST) {
		ret = ssf_check_addr(r, &r->dst, r->dst_plen, &dmask, err);
		if (ret)
			return ret;
	}
	if ((r->match & SSF_RM_SRC) && (r->match & SSF_RM_SRC_SET)) {
		*err = "a rule has one src: an address or a set";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_DST) && (r->match & SSF_RM_DST_SET)) {
		*err = "a rule has one dst: an address or a set";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_SPORT) && (r->match & SSF_RM_SPORT_SET)) {
		*err = "a rule has one sport: a range or a set";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_DPORT) && (r->match & SSF_RM_DPORT_SET)) {
		*err = "a rule has one dport: a range or a set";
		return -EINVAL;
	}
	if (r->match & (SSF_RM_SPORT | SSF_RM_DPORT | SSF_RM_SPORT_SET |
			SSF_RM_DPORT_SET)) {
		if (!(r->match & SSF_RM_PROTO) || !ssf_proto_ported(r->proto)) {
			*err = "a port match needs proto tcp, udp, sctp or udplite";
			return -EINVAL;
		}
	}
	if ((r->match & SSF_RM_SPORT) && r->sport_min > r->sport_max) {
		*err = "source port range is reversed";
		return -EINVAL;
	}
	if ((r->match & SSF_RM_DPORT) && r->dport_min > r->dport_max) {
		*err = "destination port range is reversed";
		return -EINVAL;
	}
	ret = ssf_check_meta(r, err);
	if (ret)
		return ret;
	ret = ssf_check_state(r, err);
	if (ret)
		return ret;
	r->src_mask = smask;
	r->dst_mask = dmask;
	return 0;
}

int ssf_rule_text_verify(const struct ssf_rule *r,
			 const struct ssf_rule_text *t, const char **err)
{
	if (!ssf_str_ok(t->log_prefix, sizeof(t->log_prefix))) {
		*err = "log prefix is not NUL-terminated";
		return -EINVAL;
	}
	if (t->log_prefix[0] && !(r->flags & SSF_RULE_F_LOG)) {
		*err = "a log prefix needs the log flag";
		return -EINVAL;
	}
	if (!ssf_str_ok(t->comment, sizeof(t->comment))) {
		*err = "comment is not NUL-terminated";
		return -EINVAL;
	}
	return 0;
}

static bool ssf_addr_match(const union ssf_addr *net,
			   const union ssf_addr *mask,
			   const union ssf_addr *a)
{
	return !(((a->w[0] & mask->w[0]) ^ net->w[0]) |
		 ((a->w[1] & mask->w[1]) ^ net->w[1]) |
		 ((a->w[2] & mask->w[2]) ^ net->w[2]) |
		 ((a->w[3] & mask->w[3]) ^ net->w[3]));
}

static bool ssf_ifname_match(const char *want, const char *name)
{
	return name && !strcmp(want, name);
}

/*
 * Cheapest checks first: the packet's own fields, then interface names,
 * then the owner's ids, and the cgroup's ancestry last.
 */
bool ssf_rule_match(const struct ssf_rule *r, const struct ssf_pkt *pkt,
		    const struct ssf_meta *meta)
{
	u32 m = r->match;

	if (r->family != SSF_FAMILY_ANY && r->family != pkt->family)
		return false;
	if ((m & SSF_RM_PROTO) && r->proto != pkt->proto)
		return false;
	if ((m & SSF_RM_ICMP_TYPE) &&
	    (!(pkt->flags & SSF_PKT_F_ICMP) || pkt->icmp_type != r->icmp_type))
		return false;
	if (m & (SSF_RM_SPORT | SSF_RM_DPORT)) {
		if (!(pkt->flags & SSF_PKT_F_PORTS))
			return false;
		if ((m & SSF_RM_SPORT) &&
		    (pkt->sport < r->sport_min || pkt->sport > r->sport_max))
			return false;
		if ((m & SSF_RM_DPORT) &&
		    (pkt->dport < r->dport_min || pkt->dport > r->dport_max))
			return false;
	}
	if ((m & SSF_RM_SRC) && !ssf_addr_match(&r->src, &r->src_mask, &pkt->saddr))
		return false;
	if ((m & SSF_RM_DST) && !ssf_addr_match(&r->dst, &r->dst_mask, &pkt->daddr))
		return false;
	if ((m & SSF_RM_CT) && !(meta->ct_state & r->ct_states))
		return false;
	if (m & SSF_RM_SETS) {
		if ((m & (SSF_RM_SPORT_SET | SSF_RM_DPORT_SET)) &&
		    !(pkt->flags & SSF_PKT_F_PORTS))
			return false;
		if ((m & SSF_RM_SRC_SET) &&
		    !ssf_set_match_addr(ssf_meta_set(meta, r->set[SSF_RSET_SRC]),
					pkt->family, &pkt->saddr))
			return false;
		if ((m & SSF_RM_DST_SET) &&
		    !ssf_set_match_addr(ssf_meta_set(meta, r->set[SSF_RSET_DST]),
					pkt->family, &pkt->daddr))
			return false;
		if ((m & SSF_RM_SPORT_SET) &&
		    !ssf_set_match_port(ssf_meta_set(meta, r->set[SSF_RSET_SPORT]),
					pkt->sport))
			return false;
		if ((m & SSF_RM_DPORT_SET) &&
		    !ssf_set_match_port(ssf_meta_set(meta, r->set[SSF_RSET_DPORT]),
					pkt->dport))
			return false;
	}
	if ((m & SSF_RM_IIF) && !ssf_ifname_match(r->iif, meta->iif))
		return false;
	if ((m & SSF_RM_OIF) && !ssf_ifname_match(r->oif, meta->oif))
		return false;
	if (!(m & SSF_RM_OWNER))
		return true;
	if (!(meta->flags & SSF_META_OWNER))
		return false;
	if ((m & SSF_RM_UID) &&
	    (meta->uid < r->uid_min || meta->uid > r->uid_max))
		return false;
	if ((m & SSF_RM_GID) &&
	    (!(meta->flags & SSF_META_GID) ||
	     meta->gid < r->gid_min || meta->gid > r->gid_max))
		return false;
	if ((m & SSF_RM_CGROUP) &&
	    !ssf_meta_cgroup_under(meta, r->cgroup_id, r->cgroup_level))
		return false;
	return true;
}
