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
#include <asm/byteorder.h>
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <endian.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
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
#endif /* __KERNEL__ */

#endif /* _SSF_TYPES_H */
