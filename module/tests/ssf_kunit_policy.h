/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the ssf_rule and ssf_owner KUnit suites: a policy
 * built from a rule array as a commit builds it (every rule checked, the
 * classifier built), and the index of the rule ssf_policy_lookup() picks.
 *
 * The policy is KUnit-managed memory, released when the test ends; it is
 * never published, so the lookup's rcu_read_lock() is only there to
 * match the packet path's context.
 */
#ifndef _SSF_KUNIT_POLICY_H
#define _SSF_KUNIT_POLICY_H

#include <kunit/test.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>

#include "../ssf_rule.h"
#include "../ssf_policy.h"

static inline struct ssf_policy *
ssf_kunit_policy(struct kunit *test, const struct ssf_rule *rules,
		 unsigned int n)
{
	struct ssf_policy *pol;
	unsigned int i;

	pol = kunit_kzalloc(test, struct_size(pol, rules, n), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pol);
	pol->nrules = n;
	for (i = 0; i < n; i++) {
		const char *err = NULL;

		pol->rules[i].rule = rules[i];
		KUNIT_ASSERT_EQ_MSG(test,
				    ssf_rule_verify(&pol->rules[i].rule, &err),
				    0, "rule %u: %s", i, err);
	}
	KUNIT_ASSERT_EQ(test, ssf_policy_index(pol), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
			(kunit_action_t *)ssf_cls_release, &pol->cls), 0);
	return pol;
}

/* Index of the rule ssf_policy_lookup() picks, or -1 for the default. */
static inline int ssf_kunit_lookup(const struct ssf_policy *pol, u8 dir,
				   const struct ssf_pkt *p,
				   const struct ssf_meta *m)
{
	const struct ssf_prule *pr;
	int i;

	rcu_read_lock();	/* as on the packet path */
	pr = ssf_policy_lookup(pol, dir, p, m);
	i = pr ? pr - pol->rules : -1;
	rcu_read_unlock();
	return i;
}

#endif /* _SSF_KUNIT_POLICY_H */
