// SPDX-License-Identifier: GPL-2.0
/*
 * Name tables for the policy language. Protocol numbers are the IANA ones
 * (the same numbers ssf_rule.c knows as ported protocols); ICMP and ICMPv6
 * type names are nft's. Where two names share a value, the first one is
 * the one printed.
 */
#include "names.h"
#include "ctlrule.h"

static const struct ssfctl_name ssf_dirs[] = {
	{ "in",  SSF_DIR_IN },
	{ "out", SSF_DIR_OUT },
	{ "fwd", SSF_DIR_FWD },
};

static const struct ssfctl_name ssf_actions[] = {
	{ "accept", SSF_ACT_ACCEPT },
	{ "drop",   SSF_ACT_DROP },
	{ "reject", SSF_ACT_REJECT },
};

static const struct ssfctl_name ssf_families[] = {
	{ "ip",  SSF_FAMILY_IPV4 },
	{ "ip6", SSF_FAMILY_IPV6 },
};

static const struct ssfctl_name ssf_protos[] = {
	{ "icmp",    1 },
	{ "tcp",     6 },
	{ "udp",     17 },
	{ "icmpv6",  58 },
	{ "ipv6-icmp", 58 },	/* the IANA name; printed as icmpv6 */
	{ "sctp",    132 },
	{ "udplite", 136 },
};

/* RFC 792 and successors; the names nft uses. */
static const struct ssfctl_name ssf_icmp_types[] = {
	{ "echo-reply",			0 },
	{ "destination-unreachable",	3 },
	{ "source-quench",		4 },
	{ "redirect",			5 },
	{ "echo-request",		8 },
	{ "router-advertisement",	9 },
	{ "router-solicitation",	10 },
	{ "time-exceeded",		11 },
	{ "parameter-problem",		12 },
	{ "timestamp-request",		13 },
	{ "timestamp-reply",		14 },
	{ "info-request",		15 },
	{ "info-reply",			16 },
	{ "address-mask-request",	17 },
	{ "address-mask-reply",		18 },
};

/* RFC 4443, 4861, 2710, 3810 and 3122; the names nft uses. */
static const struct ssfctl_name ssf_icmp6_types[] = {
	{ "destination-unreachable",	1 },
	{ "packet-too-big",		2 },
	{ "time-exceeded",		3 },
	{ "parameter-problem",		4 },
	{ "echo-request",		128 },
	{ "echo-reply",			129 },
	{ "mld-listener-query",		130 },
	{ "mld-listener-report",	131 },
	{ "mld-listener-done",		132 },
	{ "mld-listener-reduction",	132 },
	{ "nd-router-solicit",		133 },
	{ "nd-router-advert",		134 },
	{ "nd-neighbor-solicit",	135 },
	{ "nd-neighbor-advert",		136 },
	{ "nd-redirect",		137 },
	{ "router-renumbering",		138 },
	{ "ind-neighbor-solicit",	141 },
	{ "ind-neighbor-advert",	142 },
	{ "mld2-listener-report",	143 },
};

static const struct ssfctl_name ssf_modes[] = {
	{ "enforce", SSF_MODE_ENFORCE },
	{ "audit",   SSF_MODE_AUDIT },
	{ "off",     SSF_MODE_OFF },
};

static const struct ssfctl_name ssf_event_types[] = {
	{ "drop",   SSF_EVENT_DROP },
	{ "reject", SSF_EVENT_REJECT },
	{ "log",    SSF_EVENT_LOG },
	{ "audit",  SSF_EVENT_AUDIT },
	{ "revert", SSF_EVENT_REVERT },
};

const char *ssf_name_of(const struct ssfctl_name *tbl, size_t n, unsigned int val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tbl[i].val == val)
			return tbl[i].name;
	return NULL;
}

int ssf_name_find(const struct ssfctl_name *tbl, size_t n, const char *s,
		  size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(tbl[i].name) == len && !memcmp(tbl[i].name, s, len))
			return (int)tbl[i].val;
	return -1;
}

const char *ssf_dir_name(u8 dir)
{
	return ssf_name_of(ssf_dirs, ARRAY_SIZE(ssf_dirs), dir);
}

const char *ssf_action_name(u8 action)
{
	return ssf_name_of(ssf_actions, ARRAY_SIZE(ssf_actions), action);
}

const char *ssf_family_name(u8 family)
{
	return ssf_name_of(ssf_families, ARRAY_SIZE(ssf_families), family);
}

const char *ssf_proto_name(u8 proto)
{
	return ssf_name_of(ssf_protos, ARRAY_SIZE(ssf_protos), proto);
}

int ssf_dir_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_dirs, ARRAY_SIZE(ssf_dirs), s, len);
}

int ssf_action_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_actions, ARRAY_SIZE(ssf_actions), s, len);
}

int ssf_family_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_families, ARRAY_SIZE(ssf_families), s, len);
}

int ssf_proto_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_protos, ARRAY_SIZE(ssf_protos), s, len);
}

const char *ssf_icmp_type_name(u8 family, u8 type)
{
	if (family == SSF_FAMILY_IPV6)
		return ssf_name_of(ssf_icmp6_types, ARRAY_SIZE(ssf_icmp6_types),
				   type);
	return ssf_name_of(ssf_icmp_types, ARRAY_SIZE(ssf_icmp_types), type);
}

int ssf_icmp_type_find(u8 family, const char *s, size_t len)
{
	if (family == SSF_FAMILY_IPV6)
		return ssf_name_find(ssf_icmp6_types,
				     ARRAY_SIZE(ssf_icmp6_types), s, len);
	return ssf_name_find(ssf_icmp_types, ARRAY_SIZE(ssf_icmp_types), s,
			     len);
}

const char *ssf_mode_name(u8 mode)
{
	return ssf_name_of(ssf_modes, ARRAY_SIZE(ssf_modes), mode);
}

int ssf_mode_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_modes, ARRAY_SIZE(ssf_modes), s, len);
}

const char *ssf_event_type_name(u8 type)
{
	return ssf_name_of(ssf_event_types, ARRAY_SIZE(ssf_event_types), type);
}

static const struct ssfctl_name ssf_ct_states[] = {
	{ "new",	 SSF_CT_NEW },
	{ "established", SSF_CT_ESTABLISHED },
	{ "related",	 SSF_CT_RELATED },
	{ "invalid",	 SSF_CT_INVALID },
	{ "untracked",	 SSF_CT_UNTRACKED },
};

static const struct ssfctl_name ssf_limit_units[] = {
	{ "second", SSF_LIMIT_SECOND },
	{ "minute", SSF_LIMIT_MINUTE },
	{ "hour",   SSF_LIMIT_HOUR },
};

static const struct ssfctl_name ssf_set_types[] = {
	{ "addr", SSF_SET_ADDR },
	{ "port", SSF_SET_PORT },
};

const char *ssf_ct_state_name(u32 bit)
{
	return ssf_name_of(ssf_ct_states, ARRAY_SIZE(ssf_ct_states), bit);
}

int ssf_ct_state_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_ct_states, ARRAY_SIZE(ssf_ct_states), s, len);
}

const char *ssf_limit_unit_name(u8 unit)
{
	return ssf_name_of(ssf_limit_units, ARRAY_SIZE(ssf_limit_units), unit);
}

int ssf_limit_unit_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_limit_units, ARRAY_SIZE(ssf_limit_units), s,
			     len);
}

const char *ssf_set_type_name(u8 type)
{
	return ssf_name_of(ssf_set_types, ARRAY_SIZE(ssf_set_types), type);
}

int ssf_set_type_find(const char *s, size_t len)
{
	return ssf_name_find(ssf_set_types, ARRAY_SIZE(ssf_set_types), s, len);
}

const struct ssfctl_set_word ssf_set_words[SSF_RSET_NUM] = {
	[SSF_RSET_SRC] = { "src", SSF_RM_SRC_SET, SSF_SET_ADDR,
			   SSF_RULE_A_SRC_SET, "src_set" },
	[SSF_RSET_DST] = { "dst", SSF_RM_DST_SET, SSF_SET_ADDR,
			   SSF_RULE_A_DST_SET, "dst_set" },
	[SSF_RSET_SPORT] = { "sport", SSF_RM_SPORT_SET, SSF_SET_PORT,
			     SSF_RULE_A_SPORT_SET, "sport_set" },
	[SSF_RSET_DPORT] = { "dport", SSF_RM_DPORT_SET, SSF_SET_PORT,
			     SSF_RULE_A_DPORT_SET, "dport_set" },
};
