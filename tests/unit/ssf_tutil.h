/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the unit tests and the fuzz targets: run ssf_check()
 * on a buffer of exactly the packet's size (so ASan sees any read past
 * it), build configurations, and hold results to what ssf_check.h
 * promises.
 */
#ifndef _SSF_TUTIL_H
#define _SSF_TUTIL_H

#include "ssf_check.h"
#include "ssf_tb.h"

struct trun {
	struct ssf_pkt pkt;
	struct ssf_check_res res;
	enum ssf_verdict verdict;
	u8 family;		/* the family ssf_check() was called with */
};

/* Every reason set to @action; IPv6 extension header limit @xmax (-1:
 * the default).
 */
void tu_cfg_all(struct ssf_check_cfg *cfg, u8 action, int xmax);

/* ssf_check() on a heap copy of exactly @len bytes of @data. */
void tu_run(struct trun *r, const void *data, u32 len, u8 family,
	    const struct ssf_check_ctx *ctx);

/* ssf_check() on the first @len bytes of packet @t. */
void tu_run_tb(struct trun *r, const struct ssf_tb *t, u32 len,
	       const struct ssf_check_ctx *ctx);

/*
 * The invariants (ssf_case_invariants()) of one ssf_check() result @r run
 * with @cfg on @len bytes. Returns NULL, or what is wrong.
 */
const char *tu_invariants(const struct trun *r, const struct ssf_check_cfg *cfg,
			  u32 len);

/*
 * Compare @r (run with @cfg) to @all (the same packet run with every
 * action audit): the path through the packet must not depend on the
 * actions but for the stop at a drop. Returns NULL or what is wrong.
 */
const char *tu_consistent(const struct trun *r, const struct ssf_check_cfg *cfg,
			  const struct trun *all);

#endif /* _SSF_TUTIL_H */
