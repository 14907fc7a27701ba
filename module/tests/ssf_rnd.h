/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tests' pseudo-random numbers: xorshift32 (Marsaglia) from a fixed
 * seed, so that every run draws the same rules, packets and actions. Both
 * worlds (ssf_types.h).
 */
#ifndef _SSF_RND_H
#define _SSF_RND_H

#include "ssf_types.h"

/* The next number of the sequence in *@state (never 0 from a non-0 seed). */
static inline u32 ssf_rnd(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

#endif /* _SSF_RND_H */
