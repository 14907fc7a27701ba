/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Growable arrays: an array, its capacity and its length, grown by
 * doubling. A header only, so that every part of ssfctl (the policy
 * parser included, which its fuzz target links alone) has it.
 */
#ifndef _SSFCTL_ARRAY_H
#define _SSFCTL_ARRAY_H

#include <stdint.h>
#include <stdlib.h>

/*
 * The array @v with room for element @n (of @size bytes): @v itself, or a
 * larger copy with *@cap updated; NULL when out of memory (@v is kept).
 */
static inline void *ssf_array_room(void *v, size_t *cap, size_t n,
				   size_t size)
{
	size_t c;

	if (n < *cap)
		return v;
	c = *cap ? *cap * 2 : 16;
	if (c > SIZE_MAX / size)
		return NULL;
	v = realloc(v, c * size);
	if (v)
		*cap = c;
	return v;
}

#endif /* _SSFCTL_ARRAY_H */
