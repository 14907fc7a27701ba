/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random policies and packets for the differential tests of the
 * classifier against the reference matcher (KUnit ssf_cls, tests/unit
 * ssf_test_cls.c, the fuzz target ssf_fuzz_cls.c). Both worlds.
 *
 * Rules use every word but cgroup (the world's cgroup tree is not random):
 * prefixes drawn from a small space so that they overlap and nest, port
 * ranges that overlap and touch, protocols, ICMP types, interfaces, uid
 * and gid ranges, ct states, the generator's sets and limits. Packets are
 * drawn near a rule (its addresses with random host bits, ports at and
 * beside its range ends) or anywhere in the same small space.
 */
#ifndef _SSF_GEN_H
#define _SSF_GEN_H

#include "ssf_rule.h"
#include "ssf_set.h"

/* Sets of the generator's policies: two address sets, one port set. */
#define SSF_GEN_SETS	3

struct ssf_gen {
	u32 rnd;			/* ssf_rnd() state */
	struct ssf_set_data set[SSF_GEN_SETS];
	const struct ssf_set_data *sets[SSF_GEN_SETS];
	/*
	 * What packets get as meta.sets: @sets (the userspace world's
	 * ssf_meta_set() reads an array of contents) unless the test puts
	 * its world's table of these sets here (KUnit: struct ssf_set).
	 */
	const void *meta_sets;
};

/* Seed @g (@seed != 0) and build its sets; 0 or -ENOMEM. */
int ssf_gen_init(struct ssf_gen *g, u32 seed);
void ssf_gen_release(struct ssf_gen *g);

u32 ssf_gen_below(struct ssf_gen *g, u32 n);

/*
 * A random rule that passes ssf_rule_verify(): a specific one (a source
 * prefix of 16 bits or more in one family), or with @wide one that may
 * match much more, as the last rules of a real policy do.
 */
void ssf_gen_rule(struct ssf_gen *g, struct ssf_rule *r, bool wide);

/* A packet and its metadata, near @r when @r is not NULL. */
void ssf_gen_packet(struct ssf_gen *g, const struct ssf_rule *r,
		    struct ssf_pkt *p, struct ssf_meta *m);

#endif /* _SSF_GEN_H */
