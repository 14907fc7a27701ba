// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the policy file parser of ssfctl
 * (userspace-ctl/polparse.c). Beyond what the sanitizers catch, aborts
 * when a parsed rule fails ssf_rule_check() (the kernel's checker) or an
 * error has no NUL-terminated message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "polparse.h"

static void fail(const char *err)
{
	fprintf(stderr, "ssf_fuzz_polparse: %s\n", err);
	abort();
}

/*
 * The world's half of the matcher (ssf_rule.h): ssf_rule.c is linked for
 * ssf_rule_check(); this target never matches a packet, so a call is a bug.
 */
bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	(void)m;
	(void)id;
	(void)level;
	fail("ssf_meta_cgroup_under() called while only parsing");
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssf_polfile pf;
	struct ssf_polerr err;
	struct ssf_rule rule;
	const char *msg;
	size_t i;
	int ret;

	memset(&pf, 0, sizeof(pf));
	memset(&err, 0x5a, sizeof(err));
	ret = ssf_polparse((const char *)data, size, &pf, &err);
	if (ret) {
		if (!memchr(err.msg, 0, sizeof(err.msg)) || !err.msg[0])
			fail("error without a message");
		if (pf.nrules || pf.rules)
			fail("rules left after an error");
	}
	for (i = 0; !ret && i < pf.nrules; i++) {
		rule = pf.rules[i].rule;
		msg = NULL;
		if (ssf_rule_check(&rule, &msg))
			fail("a parsed rule fails ssf_rule_check()");
		if (memcmp(&rule, &pf.rules[i].rule, sizeof(rule)))
			fail("ssf_rule_check() changed a parsed rule");
	}
	ssf_polfile_free(&pf);

	if (!memchr(data, '\n', size)) {
		memset(&err, 0x5a, sizeof(err));
		ret = ssf_polparse_rule((const char *)data, size, &rule, &err);
		if (ret && (!memchr(err.msg, 0, sizeof(err.msg)) ||
			    !err.msg[0]))
			fail("rule error without a message");
	}
	return 0;
}
