/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Types shared by the code that compiles both into ssf.ko and into userspace
 * (parsers, matcher, rule validation). Kernel builds get the kernel's own
 * types; userspace builds get equivalents with the same names, so the shared
 * files contain no #ifdef __KERNEL__ of their own.
 */
#ifndef _SSF_TYPES_H
#define _SSF_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sort.h>
#include <linux/atomic.h>
#include <asm/byteorder.h>

/* Arrays built at commit (sets): charged to the caller's memory cgroup. */
static inline void *ssf_alloc_array(size_t n, size_t size)
{
	return kvmalloc_array(n ?: 1, size, GFP_KERNEL_ACCOUNT);
}

static inline void ssf_free(void *p)
{
	kvfree(p);
}

static inline void ssf_sort(void *base, size_t n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	sort(base, n, size, cmp, NULL);
}

/* A 64-bit value several CPUs update without a lock. */
struct ssf_atomic64 {
	atomic64_t v;
};

static inline s64 ssf_atomic64_read(const struct ssf_atomic64 *a)
{
	return atomic64_read(&a->v);
}

static inline void ssf_atomic64_set(struct ssf_atomic64 *a, s64 n)
{
	atomic64_set(&a->v, n);
}

static inline bool ssf_atomic64_try_cmpxchg(struct ssf_atomic64 *a, s64 *old,
					    s64 new)
{
	return atomic64_try_cmpxchg(&a->v, old, new);
}
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>
#include <endian.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef uint16_t __be16;
typedef uint32_t __be32;

#define be16_to_cpu(x) be16toh(x)
#define be32_to_cpu(x) be32toh(x)
#define cpu_to_be16(x) htobe16(x)
#define cpu_to_be32(x) htobe32(x)
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef U32_MAX
#define U32_MAX UINT32_MAX
#endif
#define be64_to_cpu(x) be64toh(x)
#define cpu_to_be64(x) htobe64(x)

static inline void *ssf_alloc_array(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return malloc(n ? n * size : 1);
}

static inline void ssf_free(void *p)
{
	free(p);
}

static inline void ssf_sort(void *base, size_t n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	qsort(base, n, size, cmp);
}

struct ssf_atomic64 {
	s64 v;
};

static inline s64 ssf_atomic64_read(const struct ssf_atomic64 *a)
{
	return __atomic_load_n(&a->v, __ATOMIC_RELAXED);
}

static inline void ssf_atomic64_set(struct ssf_atomic64 *a, s64 n)
{
	__atomic_store_n(&a->v, n, __ATOMIC_RELAXED);
}

static inline bool ssf_atomic64_try_cmpxchg(struct ssf_atomic64 *a, s64 *old,
					    s64 new)
{
	return __atomic_compare_exchange_n(&a->v, old, new, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}
#endif /* __KERNEL__ */

#endif /* _SSF_TYPES_H */
