// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_check KUnit tests of the reason and action names and of the default
 * actions (ssf_reason.c): the names are the contract of issue 3.
 */
#include "ssf_check_kunit.h"

/* The names of issue 3: tests and admins outside this repo use them. */
static const char * const contract_names[] = {
	"ip4-truncated", "ip4-bad-version", "ip4-bad-ihl", "ip4-bad-length",
	"ip4-bad-options", "ip4-source-route", "ip4-frag-tiny",
	"ip4-frag-oversize", "ip4-frag-bad", "ip4-bad-source", "ip4-land",
	"ip4-zero-ttl",
	"ip6-truncated", "ip6-bad-version", "ip6-bad-length",
	"ip6-exthdr-truncated", "ip6-exthdr-too-many", "ip6-exthdr-order",
	"ip6-rh0", "ip6-bad-options", "ip6-frag-tiny", "ip6-frag-bad",
	"ip6-bad-source",
	"tcp-truncated", "tcp-bad-doff", "tcp-bad-options", "tcp-null",
	"tcp-xmas", "tcp-syn-fin", "tcp-syn-rst", "tcp-port-zero",
	"udp-truncated", "udp-bad-length", "udp-port-zero",
	"icmp-truncated", "icmp-bad-error", "icmp6-truncated",
	"icmp6-bad-error", "icmp6-nd-bad-hoplimit", "proto-family-mismatch",
};

/* Merely suspicious: audit by default (issue 3). */
static const char * const audit_names[] = {
	"ip4-zero-ttl", "tcp-port-zero", "udp-port-zero",
};

/* Malformed: drop by default (issue 3). */
static const char * const malformed_names[] = {
	"ip4-truncated", "ip4-bad-version", "ip4-bad-ihl", "ip4-bad-length",
	"ip4-bad-options", "ip6-truncated", "ip6-bad-version",
	"ip6-bad-length", "ip6-exthdr-truncated", "ip6-bad-options",
	"tcp-truncated", "tcp-bad-doff", "tcp-bad-options", "udp-truncated",
	"udp-bad-length", "icmp-truncated", "icmp-bad-error",
	"icmp6-truncated", "icmp6-bad-error",
};

void ssf_check_names(struct kunit *test)
{
	unsigned int i, j, r;
	const char *n;

	for (i = 0; i < ARRAY_SIZE(contract_names); i++) {
		r = ssf_reason_by_name(contract_names[i]);
		KUNIT_EXPECT_NE_MSG(test, r, SSF_R_NONE, "%s missing",
				    contract_names[i]);
		KUNIT_EXPECT_STREQ(test, ssf_reason_name(r) ?: "",
				   contract_names[i]);
	}
	for (r = 1; r <= SSF_R_MAX; r++) {
		n = ssf_reason_name(r);
		KUNIT_ASSERT_NOT_NULL_MSG(test, n, "reason %u has no name", r);
		KUNIT_EXPECT_LE(test, strlen(n), SSF_REASON_NAME_MAX);
		KUNIT_EXPECT_EQ(test, ssf_reason_by_name(n), r);
		for (j = 1; j < r; j++)
			KUNIT_EXPECT_STRNEQ(test, n, ssf_reason_name(j));
	}
	KUNIT_EXPECT_NULL(test, ssf_reason_name(SSF_R_NONE));
	KUNIT_EXPECT_NULL(test, ssf_reason_name(SSF_R_COUNT));
	KUNIT_EXPECT_NULL(test, ssf_reason_name(~0U));
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name(""), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("ip4-truncatedx"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("ip4-truncate"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("IP4-TRUNCATED"), SSF_R_NONE);
	KUNIT_EXPECT_EQ(test, ssf_reason_by_name("all"), SSF_R_NONE);

	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_OFF), "off");
	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_AUDIT), "audit");
	KUNIT_EXPECT_STREQ(test, ssf_check_action_name(SSF_CHK_DROP), "drop");
	KUNIT_EXPECT_NULL(test, ssf_check_action_name(SSF_CHK_MAX + 1));
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("off"), SSF_CHK_OFF);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("audit"), SSF_CHK_AUDIT);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("drop"), SSF_CHK_DROP);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name("dropx"), -1);
	KUNIT_EXPECT_EQ(test, ssf_check_action_by_name(""), -1);
}

void ssf_check_defaults(struct kunit *test)
{
	struct ssf_check_cfg *cfg = kunit_kzalloc(test, sizeof(*cfg),
						  GFP_KERNEL);
	unsigned int i, r;

	KUNIT_ASSERT_NOT_NULL(test, cfg);
	memset(cfg, 0xaa, sizeof(*cfg));
	ssf_check_cfg_init(cfg);
	KUNIT_EXPECT_EQ(test, cfg->ip6_exthdr_max, SSF_IP6_EXTHDR_DEFAULT);
	KUNIT_EXPECT_EQ(test, SSF_IP6_EXTHDR_DEFAULT, 8);
	for (r = 1; r <= SSF_R_MAX; r++) {
		KUNIT_EXPECT_EQ(test, cfg->action[r], ssf_reason_default(r));
		KUNIT_EXPECT_LE(test, ssf_reason_default(r), SSF_CHK_MAX);
	}
	KUNIT_EXPECT_EQ(test, ssf_reason_default(SSF_R_NONE), SSF_CHK_OFF);
	KUNIT_EXPECT_EQ(test, ssf_reason_default(SSF_R_COUNT), SSF_CHK_OFF);
	for (i = 0; i < ARRAY_SIZE(audit_names); i++)
		KUNIT_EXPECT_EQ_MSG(test, ssf_reason_default(
				    ssf_reason_by_name(audit_names[i])),
				    SSF_CHK_AUDIT, "%s", audit_names[i]);
	for (i = 0; i < ARRAY_SIZE(malformed_names); i++)
		KUNIT_EXPECT_EQ_MSG(test, ssf_reason_default(
				    ssf_reason_by_name(malformed_names[i])),
				    SSF_CHK_DROP, "%s", malformed_names[i]);
}
