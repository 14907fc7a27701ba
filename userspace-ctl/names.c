// SPDX-License-Identifier: GPL-2.0
/*
 * Name tables for the policy language. Protocol numbers are the IANA ones
 * (the same numbers ssf_rule.c knows as ported protocols).
 */
#include "names.h"

static const struct ssf_name ssf_dirs[] = {
	{ "in",  SSF_DIR_IN },
	{ "out", SSF_DIR_OUT },
	{ "fwd", SSF_DIR_FWD },
};

static const struct ssf_name ssf_actions[] = {
	{ "accept", SSF_ACT_ACCEPT },
	{ "drop",   SSF_ACT_DROP },
};

static const struct ssf_name ssf_families[] = {
	{ "ip",  SSF_FAMILY_IPV4 },
	{ "ip6", SSF_FAMILY_IPV6 },
};

static const struct ssf_name ssf_protos[] = {
	{ "icmp",    1 },
	{ "tcp",     6 },
	{ "udp",     17 },
	{ "icmpv6",  58 },
	{ "sctp",    132 },
	{ "udplite", 136 },
};

const char *ssf_name_of(const struct ssf_name *tbl, size_t n, unsigned int val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tbl[i].val == val)
			return tbl[i].name;
	return NULL;
}

int ssf_name_find(const struct ssf_name *tbl, size_t n, const char *s,
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
