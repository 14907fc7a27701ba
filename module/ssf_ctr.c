// SPDX-License-Identifier: GPL-2.0
/*
 * Rule counters in bulk, and the limit bucket of each rule (a slot holds
 * both: they live exactly as long as the rule). A per-cpu allocation per rule would cost one
 * allocator call per rule at every commit and per-allocation overhead on
 * every possible CPU; a chunk of SSF_CTR_CHUNK counters is one call, and a
 * policy of 65,536 rules takes 256 of them. Memory is still rules x
 * possible CPUs x sizeof(struct ssf_ctr) (16 bytes on 64-bit): it is
 * reported per netns (ssfctl status --json, "memory") and bounded by
 * max_rules.
 *
 * Locking: see struct ssf_ctr_pool. The packet path never takes the lock:
 * it adds to the per-cpu counter of a slot its policy holds.
 */
#include <linux/slab.h>
#include <linux/mm.h>

#include "ssf_ctr.h"

static long ssf_ctr_chunk_bytes(void)
{
	return sizeof(struct ssf_ctr_chunk) +
	       (long)SSF_CTR_CHUNK * sizeof(struct ssf_ctr) *
	       num_possible_cpus();
}

void ssf_ctr_pool_init(struct ssf_ctr_pool *pool, atomic_long_t *mem)
{
	mutex_init(&pool->lock);
	pool->chunk = NULL;
	pool->nchunk = 0;
	pool->hint = 0;
	pool->mem = mem;
}

/* Netns exit: every policy is gone, so is every slot reference. */
void ssf_ctr_pool_destroy(struct ssf_ctr_pool *pool)
{
	u32 i;

	for (i = 0; i < pool->nchunk; i++)
		WARN_ON_ONCE(pool->chunk[i]);
	kvfree(pool->chunk);
	mutex_destroy(&pool->lock);
}

static struct ssf_ctr_chunk *ssf_ctr_chunk_new(struct ssf_ctr_pool *pool)
{
	struct ssf_ctr_chunk *c;
	int cpu, i;

	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return NULL;
	c->pcpu = __alloc_percpu_gfp(sizeof(struct ssf_ctr) * SSF_CTR_CHUNK,
				     __alignof__(struct ssf_ctr),
				     GFP_KERNEL_ACCOUNT);
	if (!c->pcpu) {
		kfree(c);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		for (i = 0; i < SSF_CTR_CHUNK; i++)
			u64_stats_init(&per_cpu_ptr(c->pcpu + i, cpu)->syncp);
	atomic_long_add(ssf_ctr_chunk_bytes(), pool->mem);
	return c;
}

static void ssf_ctr_chunk_free(struct ssf_ctr_pool *pool,
			       struct ssf_ctr_chunk *c)
{
	free_percpu(c->pcpu);
	kfree(c);
	atomic_long_sub(ssf_ctr_chunk_bytes(), pool->mem);
}

/* A chunk with a free slot, growing the pool if needed; its index in *@ci. */
static struct ssf_ctr_chunk *ssf_ctr_find(struct ssf_ctr_pool *pool, u32 *ci)
{
	struct ssf_ctr_chunk **grown;
	u32 i, n;

	for (i = pool->hint; i < pool->nchunk; i++) {
		if (pool->chunk[i] && pool->chunk[i]->used < SSF_CTR_CHUNK) {
			pool->hint = i;
			*ci = i;
			return pool->chunk[i];
		}
	}
	/* every chunk is full: take the first empty entry */
	for (i = 0; i < pool->nchunk && pool->chunk[i]; i++)
		;
	if (i == pool->nchunk) {
		n = pool->nchunk ? pool->nchunk * 2 : 4;
		grown = kvcalloc(n, sizeof(*grown), GFP_KERNEL_ACCOUNT);
		if (!grown)
			return NULL;
		if (pool->nchunk)
			memcpy(grown, pool->chunk,
			       pool->nchunk * sizeof(*grown));
		kvfree(pool->chunk);
		pool->chunk = grown;
		pool->nchunk = n;
	}
	pool->chunk[i] = ssf_ctr_chunk_new(pool);
	pool->hint = i;
	*ci = i;
	return pool->chunk[i];
}

int ssf_ctr_new(struct ssf_ctr_pool *pool, u32 *slot)
{
	struct ssf_ctr_chunk *c;
	u32 ci, i;
	int cpu;

	lockdep_assert_held(&pool->lock);
	c = ssf_ctr_find(pool, &ci);
	if (!c)
		return -ENOMEM;
	for (i = c->hint; c->ref[i]; i++)
		;
	c->hint = i + 1;
	/* no policy holds it, so no CPU writes it: reset what it counted */
	for_each_possible_cpu(cpu) {
		struct ssf_ctr *ctr = per_cpu_ptr(c->pcpu + i, cpu);

		u64_stats_set(&ctr->packets, 0);
		u64_stats_set(&ctr->bytes, 0);
	}
	ssf_atomic64_set(&c->bucket[i], 0);	/* a full bucket */
	c->ref[i] = 1;
	c->used++;
	*slot = ci * SSF_CTR_CHUNK + i;
	return 0;
}

void ssf_ctr_hold(struct ssf_ctr_pool *pool, u32 slot)
{
	struct ssf_ctr_chunk *c = pool->chunk[slot / SSF_CTR_CHUNK];

	lockdep_assert_held(&pool->lock);
	WARN_ON_ONCE(!c->ref[slot % SSF_CTR_CHUNK]++);
}

void ssf_ctr_put(struct ssf_ctr_pool *pool, u32 slot)
{
	u32 ci = slot / SSF_CTR_CHUNK;
	struct ssf_ctr_chunk *c = pool->chunk[ci];

	lockdep_assert_held(&pool->lock);
	if (WARN_ON_ONCE(!c->ref[slot % SSF_CTR_CHUNK]))
		return;
	if (--c->ref[slot % SSF_CTR_CHUNK])
		return;
	c->hint = min(c->hint, slot % SSF_CTR_CHUNK);
	pool->hint = min(pool->hint, ci);
	if (!--c->used) {
		pool->chunk[ci] = NULL;
		ssf_ctr_chunk_free(pool, c);
	}
}

struct ssf_ctr __percpu *ssf_ctr_ptr(struct ssf_ctr_pool *pool, u32 slot)
{
	lockdep_assert_held(&pool->lock);
	return pool->chunk[slot / SSF_CTR_CHUNK]->pcpu + slot % SSF_CTR_CHUNK;
}

struct ssf_atomic64 *ssf_ctr_bucket(struct ssf_ctr_pool *pool, u32 slot)
{
	lockdep_assert_held(&pool->lock);
	return &pool->chunk[slot / SSF_CTR_CHUNK]->bucket[slot % SSF_CTR_CHUNK];
}

void ssf_ctr_read(struct ssf_ctr __percpu *pc, u64 *packets, u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct ssf_ctr *c = per_cpu_ptr(pc, cpu);
		unsigned int start;
		u64 pk, by;

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			pk = u64_stats_read(&c->packets);
			by = u64_stats_read(&c->bytes);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		*packets += pk;
		*bytes += by;
	}
}
