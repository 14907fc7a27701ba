// SPDX-License-Identifier: GPL-2.0
/* Helpers for unit tests and fuzz targets: see ssf_tutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_tutil.h"

void tu_cfg_all(struct ssf_check_cfg *cfg, u8 action, int xmax)
{
	ssf_check_cfg_init(cfg);
	memset(cfg->action, action, sizeof(cfg->action));
	if (xmax >= 0)
		cfg->ip6_exthdr_max = xmax;
}

void tu_run(struct trun *r, const void *data, u32 len, u8 family,
	    const struct ssf_check_ctx *ctx)
{
	struct ssf_buf b;
	u8 *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, len);
	ssf_buf_init_flat(&b, copy, len);
	memset(r, 0xa5, sizeof(*r));	/* ssf_check() must fill it all */
	r->verdict = ssf_check(&b, family, ctx, &r->pkt, &r->res);
	free(copy);
}

u8 tu_family(const struct tb *t)
{
	return t->family == 6 ? SSF_FAMILY_IPV6 : SSF_FAMILY_IPV4;
}

void tu_run_tb(struct trun *r, const struct tb *t, u32 len,
	       const struct ssf_check_ctx *ctx)
{
	tu_run(r, t->b, len, tu_family(t), ctx);
}

const char *tu_names(u64 mask, char *buf, size_t size)
{
	size_t n = 0;
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < 64 && n < size; i++) {
		if (!(mask & SSF_R_BIT(i)))
			continue;
		n += snprintf(buf + n, size - n, "%s%s", n ? "," : "",
			      ssf_reason_name(i) ? ssf_reason_name(i) : "?");
	}
	if (!mask)
		snprintf(buf, size, "(none)");
	return buf;
}

static bool tu_ported(u8 proto)
{
	return proto == 6 || proto == 17 || proto == 132 || proto == 136;
}

const char *tu_invariants(const struct trun *r, const struct ssf_check_cfg *cfg,
			  u32 len)
{
	const struct ssf_check_res *res = &r->res;
	const struct ssf_pkt *pkt = &r->pkt;
	unsigned int i;

	if (r->verdict != res->verdict)
		return "returned verdict differs from res->verdict";
	if (res->verdict > SSF_VERDICT_DROP)
		return "verdict out of range";
	if ((res->verdict == SSF_VERDICT_DROP) != (res->reason != SSF_R_NONE))
		return "drop without reason or reason without drop";
	if (res->reason >= SSF_R_COUNT || res->incomplete >= SSF_R_COUNT)
		return "reason out of range";
	if (res->reason && !(res->tripped & SSF_R_BIT(res->reason)))
		return "drop reason not in tripped";
	if (res->reason && cfg->action[res->reason] < SSF_CHK_DROP)
		return "drop by a reason whose action is not drop";
	if (res->tripped & (SSF_R_BIT(0) | ~(SSF_R_BIT(SSF_R_COUNT) - 1)))
		return "tripped bit out of range";
	for (i = 1; i < SSF_R_COUNT; i++)
		if ((res->tripped & SSF_R_BIT(i)) &&
		    cfg->action[i] == SSF_CHK_OFF)
			return "an off reason was recorded";
	if (res->incomplete && !(pkt->flags & SSF_PKT_F_PARTIAL))
		return "incomplete without SSF_PKT_F_PARTIAL";
	if (res->incomplete && cfg->action[res->incomplete] != SSF_CHK_OFF &&
	    !(res->tripped & SSF_R_BIT(res->incomplete)))
		return "incomplete reason not recorded";
	if (pkt->len != len)
		return "pkt->len is not the buffer length";
	if (pkt->l4off > len && !(pkt->flags & SSF_PKT_F_PARTIAL))
		return "l4off past the packet";
	if ((pkt->flags & SSF_PKT_F_PORTS) && !tu_ported(pkt->proto))
		return "ports on a protocol without ports";
	if ((pkt->flags & SSF_PKT_F_ICMP) && pkt->proto != 1 &&
	    pkt->proto != 58)
		return "icmp fields on a non-ICMP packet";
	if ((pkt->flags & SSF_PKT_F_LATER_FRAG) &&
	    (pkt->flags & (SSF_PKT_F_PORTS | SSF_PKT_F_ICMP)))
		return "transport fields on a later fragment";
	if ((pkt->flags & SSF_PKT_F_LATER_FRAG) &&
	    !(pkt->flags & SSF_PKT_F_FRAG))
		return "later fragment without SSF_PKT_F_FRAG";
	if (pkt->flags & ~0x1f)
		return "unknown pkt flags";
	return NULL;
}

const char *tu_consistent(const struct trun *r, const struct ssf_check_cfg *cfg,
			  const struct trun *all)
{
	u64 on = 0;
	unsigned int i;

	for (i = 1; i < SSF_R_COUNT; i++)
		if (cfg->action[i] != SSF_CHK_OFF)
			on |= SSF_R_BIT(i);
	if (r->res.tripped & ~all->res.tripped)
		return "tripped a reason the all-audit run did not";
	if (r->res.verdict == SSF_VERDICT_DROP)
		return NULL;
	if (r->res.tripped != (all->res.tripped & on))
		return "a pass tripped other reasons than the all-audit run";
	if (r->res.incomplete != all->res.incomplete)
		return "a pass stopped elsewhere than the all-audit run";
	if (memcmp(&r->pkt, &all->pkt, sizeof(r->pkt)))
		return "a pass has other metadata than the all-audit run";
	return NULL;
}
