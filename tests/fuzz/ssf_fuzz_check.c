// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: parse and check an IPv4 (SSF_FUZZ_FAMILY 4) or IPv6
 * (6) packet with a context and configuration taken from the input (see
 * ssf_fuzz.h). Beyond what the sanitizers catch, aborts when a promise of
 * ssf_check.h breaks: the result's invariants, and that the actions change
 * nothing but the stop at the first drop (compared with a run where every
 * reason is audit). Also runs the parse-only ssf_parse(), whose metadata
 * must be the walk's with every check off.
 */
#include <stdio.h>
#include <stdlib.h>
#include "ssf_fuzz.h"
#include "ssf_tutil.h"

#if SSF_FUZZ_FAMILY == 4
#define FAMILY	SSF_FAMILY_IPV4
#else
#define FAMILY	SSF_FAMILY_IPV6
#endif

static void fail(const char *what, const char *err)
{
	fprintf(stderr, "ssf_fuzz: %s: %s\n", what, err);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssf_check_cfg cfg, all;
	struct ssf_check_ctx ctx, actx;
	enum ssf_parse_result pr;
	const char *err;
	struct ssf_pkt pkt;
	struct trun r, ra;
	struct ssf_buf b;
	u32 len;

	if (size < SSF_FUZZ_PREFIX || size - SSF_FUZZ_PREFIX > 0xffffff)
		return 0;
	len = size - SSF_FUZZ_PREFIX;
	data += SSF_FUZZ_PREFIX;
	ssf_fuzz_setup(data - SSF_FUZZ_PREFIX, &cfg, &ctx);
	all = cfg;
	memset(all.action, SSF_CHK_AUDIT, sizeof(all.action));
	actx = ctx;
	actx.cfg = &all;

	tu_run(&r, data, len, FAMILY, &ctx);
	tu_run(&ra, data, len, FAMILY, &actx);
	err = tu_invariants(&r, &cfg, len);
	if (err)
		fail("invariant", err);
	err = tu_invariants(&ra, &all, len);
	if (err)
		fail("invariant, all audit", err);
	err = tu_consistent(&r, &cfg, &ra);
	if (err)
		fail("consistency", err);

	ssf_buf_init_flat(&b, data, len);
	pr = ssf_parse(&b, FAMILY, &pkt);
	if (pr > SSF_PARSE_L4_TRUNCATED)
		fail("ssf_parse", "result out of range");
	if ((pr == SSF_PARSE_OK) == !!(pkt.flags & SSF_PKT_F_PARTIAL))
		fail("ssf_parse", "result disagrees with SSF_PKT_F_PARTIAL");
	/* its fast path gives what the walk with every check off gives */
	if (pr == SSF_PARSE_OK) {
		static const struct ssf_check_cfg off;
		const struct ssf_check_ctx octx = { .cfg = &off, .gso = true };
		struct ssf_check_res ores;
		struct ssf_pkt walk;

		ssf_check(&b, FAMILY, &octx, &walk, &ores);
		if (ores.incomplete || memcmp(&pkt, &walk, sizeof(pkt)))
			fail("ssf_parse", "metadata differs from the walk's");
	}
	return 0;
}
