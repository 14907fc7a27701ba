/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rule counters: per-cpu packet and byte counts, allocated in chunks from
 * a per-netns pool and shared by every policy that keeps the rule.
 */
#ifndef _SSF_CTR_H
#define _SSF_CTR_H

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>

#include "ssf_types.h"

/* One rule's counter on one CPU. */
struct ssf_ctr {
	u64_stats_t packets;
	u64_stats_t bytes;
	struct u64_stats_sync syncp;
};

/* Counters per chunk: one per-cpu allocation serves this many rules. */
#define SSF_CTR_CHUNK	256

struct ssf_ctr_chunk {
	struct ssf_ctr __percpu *pcpu;	/* SSF_CTR_CHUNK counters */
	u32 used;			/* slots with ref[] > 0 */
	u32 hint;			/* no free slot below this one */
	u32 ref[SSF_CTR_CHUNK];		/* policies holding each slot */
	/* each slot's limit bucket (ssf_limit.h), shared by every CPU */
	struct ssf_atomic64 bucket[SSF_CTR_CHUNK];
};

/*
 * The pool of one netns. A slot (chunk * SSF_CTR_CHUNK + index) is a
 * rule's counter; each policy holding the rule holds one reference to its
 * slot, so counters survive every edit that keeps the rule, and a slot is
 * zeroed when it is handed to a new rule.
 *
 * Locking: @lock (a mutex) guards everything here. It nests inside
 * ssf_net.lock (a policy is built under that) and is taken alone when a
 * policy is freed (a work item, after a grace period).
 */
struct ssf_ctr_pool {
	struct mutex lock;
	struct ssf_ctr_chunk **chunk;
	u32 nchunk;			/* entries in @chunk (some NULL) */
	u32 hint;			/* no chunk below it has a free slot */
	atomic_long_t *mem;		/* bytes held, added to the netns' */
};

void ssf_ctr_pool_init(struct ssf_ctr_pool *pool, atomic_long_t *mem);
void ssf_ctr_pool_destroy(struct ssf_ctr_pool *pool);

/* Under pool->lock: a new zeroed slot (-ENOMEM), another reference, a put. */
int ssf_ctr_new(struct ssf_ctr_pool *pool, u32 *slot);
void ssf_ctr_hold(struct ssf_ctr_pool *pool, u32 slot);
void ssf_ctr_put(struct ssf_ctr_pool *pool, u32 slot);

/* The per-cpu counter of a held slot; stable while the slot is held. */
struct ssf_ctr __percpu *ssf_ctr_ptr(struct ssf_ctr_pool *pool, u32 slot);
/* The limit bucket of a held slot, likewise. */
struct ssf_atomic64 *ssf_ctr_bucket(struct ssf_ctr_pool *pool, u32 slot);

/* Packet path: count one packet of @bytes. */
static inline void ssf_ctr_add(struct ssf_ctr __percpu *pc, u32 bytes)
{
	struct ssf_ctr *c = get_cpu_ptr(pc);
	unsigned long flags;

	/* no-ops on 64-bit; on 32-bit the output path may be interrupted */
	flags = u64_stats_update_begin_irqsave(&c->syncp);
	u64_stats_inc(&c->packets);
	u64_stats_add(&c->bytes, bytes);
	u64_stats_update_end_irqrestore(&c->syncp, flags);
	put_cpu_ptr(pc);
}

void ssf_ctr_read(struct ssf_ctr __percpu *pc, u64 *packets, u64 *bytes);

#endif /* _SSF_CTR_H */
