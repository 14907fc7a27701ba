// SPDX-License-Identifier: GPL-2.0
/*
 * The reason table: every check's contract name and default action, and
 * the lookups by name. The one place the names are written: ssf.ko, ssfctl
 * and the tests take them from here, and the unit tests hold
 * Documentation/validation.rst's table of reasons (which explains each
 * default) to this one.
 *
 * Defaults: drop for malformed packets, for packets no conforming stack
 * sends (flag combinations, martian sources, source routes) and for known
 * attacks; audit for the merely suspicious that some real senders emit:
 * TTL 0, port 0.
 *
 * Locking: none; the table is read-only.
 */
#include "ssf_check.h"

struct ssf_reason_info {
	const char *name;
	u8 def;			/* enum ssf_check_action */
};

static const struct ssf_reason_info ssf_reasons[SSF_R_COUNT] = {
	[SSF_R_IP4_TRUNCATED] = { "ip4-truncated", SSF_CHK_DROP },
	[SSF_R_IP4_BAD_VERSION] = { "ip4-bad-version", SSF_CHK_DROP },
	[SSF_R_IP4_BAD_IHL] = { "ip4-bad-ihl", SSF_CHK_DROP },
	[SSF_R_IP4_BAD_LENGTH] = { "ip4-bad-length", SSF_CHK_DROP },
	[SSF_R_IP4_BAD_OPTIONS] = { "ip4-bad-options", SSF_CHK_DROP },
	[SSF_R_IP4_SOURCE_ROUTE] = { "ip4-source-route", SSF_CHK_DROP },
	[SSF_R_IP4_FRAG_BAD] = { "ip4-frag-bad", SSF_CHK_DROP },
	[SSF_R_IP4_FRAG_OVERSIZE] = { "ip4-frag-oversize", SSF_CHK_DROP },
	[SSF_R_IP4_FRAG_TINY] = { "ip4-frag-tiny", SSF_CHK_DROP },
	[SSF_R_IP4_BAD_SOURCE] = { "ip4-bad-source", SSF_CHK_DROP },
	[SSF_R_IP4_LAND] = { "ip4-land", SSF_CHK_DROP },
	[SSF_R_IP4_ZERO_TTL] = { "ip4-zero-ttl", SSF_CHK_AUDIT },
	[SSF_R_IP6_TRUNCATED] = { "ip6-truncated", SSF_CHK_DROP },
	[SSF_R_IP6_BAD_VERSION] = { "ip6-bad-version", SSF_CHK_DROP },
	[SSF_R_IP6_BAD_LENGTH] = { "ip6-bad-length", SSF_CHK_DROP },
	[SSF_R_IP6_BAD_SOURCE] = { "ip6-bad-source", SSF_CHK_DROP },
	[SSF_R_IP6_EXTHDR_TOO_MANY] = { "ip6-exthdr-too-many", SSF_CHK_DROP },
	[SSF_R_IP6_EXTHDR_ORDER] = { "ip6-exthdr-order", SSF_CHK_DROP },
	[SSF_R_IP6_EXTHDR_TRUNCATED] = { "ip6-exthdr-truncated", SSF_CHK_DROP },
	[SSF_R_IP6_RH0] = { "ip6-rh0", SSF_CHK_DROP },
	[SSF_R_IP6_BAD_OPTIONS] = { "ip6-bad-options", SSF_CHK_DROP },
	[SSF_R_IP6_FRAG_BAD] = { "ip6-frag-bad", SSF_CHK_DROP },
	[SSF_R_IP6_FRAG_TINY] = { "ip6-frag-tiny", SSF_CHK_DROP },
	[SSF_R_PROTO_FAMILY_MISMATCH] = { "proto-family-mismatch", SSF_CHK_DROP },
	[SSF_R_TCP_TRUNCATED] = { "tcp-truncated", SSF_CHK_DROP },
	[SSF_R_TCP_BAD_DOFF] = { "tcp-bad-doff", SSF_CHK_DROP },
	[SSF_R_TCP_BAD_OPTIONS] = { "tcp-bad-options", SSF_CHK_DROP },
	[SSF_R_TCP_NULL] = { "tcp-null", SSF_CHK_DROP },
	[SSF_R_TCP_XMAS] = { "tcp-xmas", SSF_CHK_DROP },
	[SSF_R_TCP_SYN_FIN] = { "tcp-syn-fin", SSF_CHK_DROP },
	[SSF_R_TCP_SYN_RST] = { "tcp-syn-rst", SSF_CHK_DROP },
	[SSF_R_TCP_PORT_ZERO] = { "tcp-port-zero", SSF_CHK_AUDIT },
	[SSF_R_UDP_TRUNCATED] = { "udp-truncated", SSF_CHK_DROP },
	[SSF_R_UDP_BAD_LENGTH] = { "udp-bad-length", SSF_CHK_DROP },
	[SSF_R_UDP_PORT_ZERO] = { "udp-port-zero", SSF_CHK_AUDIT },
	[SSF_R_ICMP_TRUNCATED] = { "icmp-truncated", SSF_CHK_DROP },
	[SSF_R_ICMP_BAD_ERROR] = { "icmp-bad-error", SSF_CHK_DROP },
	[SSF_R_ICMP6_TRUNCATED] = { "icmp6-truncated", SSF_CHK_DROP },
	[SSF_R_ICMP6_BAD_ERROR] = { "icmp6-bad-error", SSF_CHK_DROP },
	[SSF_R_ICMP6_ND_BAD_HOPLIMIT] = { "icmp6-nd-bad-hoplimit", SSF_CHK_DROP },
};

static const char * const ssf_check_actions[SSF_CHK_MAX + 1] = {
	[SSF_CHK_OFF] = "off",
	[SSF_CHK_AUDIT] = "audit",
	[SSF_CHK_DROP] = "drop",
};

/* Equal strings, comparing no further than SSF_REASON_NAME_MAX + 1 bytes. */
static bool ssf_name_eq(const char *a, const char *b)
{
	unsigned int i;

	for (i = 0; i <= SSF_REASON_NAME_MAX; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return false;
}

void ssf_check_cfg_init(struct ssf_check_cfg *cfg)
{
	unsigned int r;

	memset(cfg, 0, sizeof(*cfg));
	for (r = 1; r < SSF_R_COUNT; r++)
		cfg->action[r] = ssf_reasons[r].def;
	cfg->ip6_exthdr_max = SSF_IP6_EXTHDR_DEFAULT;
}

const char *ssf_reason_name(unsigned int r)
{
	if (r == SSF_R_NONE || r >= SSF_R_COUNT)
		return NULL;
	return ssf_reasons[r].name;
}

enum ssf_reason ssf_reason_by_name(const char *name)
{
	unsigned int r;

	for (r = 1; r < SSF_R_COUNT; r++)
		if (ssf_name_eq(ssf_reasons[r].name, name))
			return r;
	return SSF_R_NONE;
}

enum ssf_check_action ssf_reason_default(unsigned int r)
{
	if (r == SSF_R_NONE || r >= SSF_R_COUNT)
		return SSF_CHK_OFF;
	return ssf_reasons[r].def;
}

const char *ssf_check_action_name(unsigned int a)
{
	if (a > SSF_CHK_MAX)
		return NULL;
	return ssf_check_actions[a];
}

int ssf_check_action_by_name(const char *name)
{
	unsigned int a;

	for (a = 0; a <= SSF_CHK_MAX; a++)
		if (ssf_name_eq(ssf_check_actions[a], name))
			return a;
	return -1;
}
