/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reason test cases: a table row per packet that trips a reason, built by
 * a function that also builds its well-formed twin. The rows live in
 * ssf_test_r_ip4.c, ssf_test_r_ip6.c and ssf_test_r_l4.c; the runner in
 * ssf_test_reasons.c.
 */
#ifndef _SSF_TEST_REASONS_H
#define _SSF_TEST_REASONS_H

#include "ssf_tutil.h"

#define S4	"192.0.2.1"
#define D4	"198.51.100.2"
#define S6	"2001:db8::1"
#define D6	"2001:db8::2"

#define R(x)	SSF_R_BIT(SSF_R_##x)

/* Build the bad packet (@bad) or its twin; may adjust @ctx. */
typedef void (*build_fn)(struct tb *t, bool bad, struct ssf_check_ctx *ctx);

struct rcase {
	u8 reason;
	const char *what;
	build_fn build;
	u64 also;		/* other reasons the bad packet trips */
	u64 twin_also;		/* reasons the twin trips (by design) */
	int xmax;		/* ip6_exthdr_max; 0: the default, -1: zero */
};

struct rcases {
	const struct rcase *rows;
	unsigned int n;
};

extern const struct rcases ssf_rcases_ip4, ssf_rcases_ip6, ssf_rcases_l4;

/* Packets most rows start from. */
static inline void v4_udp(struct tb *t, const char *s, const char *d)
{
	static const u8 data[4] = { 1, 2, 3, 4 };

	tb_ip4(t, s, d);
	tb_udp(t, 1234, 53);
	tb_data(t, data, sizeof(data));
}

static inline void v4_tcp(struct tb *t, u8 flags)
{
	tb_ip4(t, S4, D4);
	tb_tcp(t, 1234, 80, flags, NULL, 0);
}

static inline void v6_tcp(struct tb *t, u8 flags)
{
	tb_ip6(t, S6, D6);
	tb_tcp(t, 1234, 80, flags, NULL, 0);
}

/* cut @t to @len bytes, keeping the declared lengths consistent */
static inline void cut(struct tb *t, u32 len)
{
	t->len = len;
	if (t->udp && t->udp + 8 > len)
		t->udp = 0;
	tb_done(t);
}

static inline void v6_udp(struct tb *t, const char *s)
{
	tb_ip6(t, s, D6);
	tb_udp(t, 1234, 53);
	tb_zero(t, 4);
}

#endif /* _SSF_TEST_REASONS_H */
