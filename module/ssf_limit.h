/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rule word `limit <n>/<unit> [burst <m>]`: a token bucket, shared by
 * ssf.ko and userspace (tests run it against a model with a fake clock).
 *
 * The bucket is kept as one number, the "theoretical arrival time" of the
 * generic cell rate algorithm (GCRA, ITU-T I.371): the time at which the
 * bucket would be full again. A packet may pass when, counting it, that
 * time is at most @burst_ns ahead of now; passing moves it @step_ns on.
 * One 64-bit compare-and-exchange updates it, so every CPU shares one
 * bucket per rule without a lock, and no tokens are lost or invented
 * under contention: a lost race retries with the winner's value.
 *   step_ns  = the unit in ns / n   (the time one token takes to come back)
 *   burst_ns = burst * step_ns      (how far ahead a full bucket reaches)
 * A fresh bucket (state 0) is full: @burst packets pass at once, then one
 * every @step_ns.
 */
#ifndef _SSF_LIMIT_H
#define _SSF_LIMIT_H

#include "ssf_types.h"

static inline bool ssf_limit_take(struct ssf_atomic64 *bucket, u64 now,
				  u64 step_ns, u64 burst_ns)
{
	s64 old = ssf_atomic64_read(bucket);
	u64 base;

	do {
		base = (u64)old > now ? (u64)old : now;
		if (base + step_ns - now > burst_ns)
			return false;
	} while (!ssf_atomic64_try_cmpxchg(bucket, &old,
					   (s64)(base + step_ns)));
	return true;
}

#endif /* _SSF_LIMIT_H */
