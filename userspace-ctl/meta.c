// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace side of module/ssf_rule.h's ssf_meta_cgroup_under() and
 * ssf_meta_set().
 */
#include "ssf_rule.h"

/*
 * module/ssf_rule.c's matcher asks each world for this. ssfctl checks and
 * prints rules but never matches packets, so it has no socket whose
 * cgroup could be under anything.
 */
bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	(void)m;
	(void)id;
	(void)level;
	return false;
}

/* Likewise: no packet is matched, so no set is looked into. */
const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx)
{
	(void)m;
	(void)idx;
	return NULL;
}
