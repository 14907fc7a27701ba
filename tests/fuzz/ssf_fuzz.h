/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Input layout of the parse-and-check fuzz targets, shared with the seed
 * corpus generator. The first SSF_FUZZ_PREFIX bytes choose the context and
 * the configuration; the rest is the packet, network header first.
 *
 *   byte 0     bits 0-1: path (enum ssf_check_path; 3 is read as 0),
 *              bit 2: loopback, bit 3: gso
 *   byte 1     ip6_exthdr_max (any value: over 64 acts as 64)
 *   bytes 2-3  actions: 0x0000 the defaults, 0xffff every reason audit,
 *              anything else seeds a generator giving each reason off,
 *              audit, drop or an out-of-range value (which acts as drop)
 */
#ifndef _SSF_FUZZ_H
#define _SSF_FUZZ_H

#include <string.h>
#include "ssf_check.h"
#include "ssf_rnd.h"

#define SSF_FUZZ_PREFIX		4
#define SSF_FUZZ_DEFAULTS	0x0000
#define SSF_FUZZ_ALL_AUDIT	0xffff

static inline void ssf_fuzz_setup(const u8 *p, struct ssf_check_cfg *cfg,
				  struct ssf_check_ctx *ctx)
{
	static const u8 acts[4] = { SSF_CHK_OFF, SSF_CHK_AUDIT, SSF_CHK_DROP,
				    0x80 };
	u32 seed = (u32)p[2] << 8 | p[3], x = seed * 2654435761u | 1;
	unsigned int r;

	ssf_check_cfg_init(cfg);
	if (seed == SSF_FUZZ_ALL_AUDIT)
		memset(cfg->action, SSF_CHK_AUDIT, sizeof(cfg->action));
	else if (seed != SSF_FUZZ_DEFAULTS)
		for (r = 1; r < SSF_R_COUNT; r++)
			cfg->action[r] = acts[(ssf_rnd(&x) >> 9) & 3];
	cfg->ip6_exthdr_max = p[1];
	memset(ctx, 0, sizeof(*ctx));
	ctx->cfg = cfg;
	ctx->path = (p[0] & 3) == 3 ? SSF_PATH_INGRESS : (p[0] & 3);
	ctx->loopback = p[0] & 4;
	ctx->gso = p[0] & 8;
}

#endif /* _SSF_FUZZ_H */
