// SPDX-License-Identifier: GPL-2.0
/*
 * Every truncation length of every header. Each well-formed packet below
 * is cut to every length from 0 to its full size, three ways:
 *  - raw: the buffer ends early, the headers still claim the full length;
 *    the network layer's truncated/IHL/length reason must trip;
 *  - raw, with ip4-bad-length/ip6-bad-length off: parsing goes on with the
 *    bytes present and the inner header's reason must trip;
 *  - consistent: the IP length fields are rewritten to the cut, so only
 *    the inner header's reason can trip.
 * Each packet comes with the reasons expected at each length. Buffers are
 * heap copies of exactly the cut length, so ASan catches any overread.
 */
#include <stdlib.h>
#include <string.h>
#include "ssf_test.h"
#include "ssf_tutil.h"

#define R(x)	SSF_R_BIT(SSF_R_##x)

struct tcase {
	const char *name;
	void (*build)(struct tb *t);
	u32 l3;			/* network header length (IHL or 40) */
	/* reasons at a consistent cut to @len */
	u64 (*expect)(u32 len, u32 full);
};

static const u8 rr_opt[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };

static void k_v4_tcp(struct tb *t)
{
	static const u8 o[12] = { 2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 1, 0 };

	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_tcp(t, 40000, 443, TB_SYN, o, sizeof(o));
	tb_zero(t, 10);
	tb_done(t);
}

static u64 e_v4_tcp(u32 l, u32 full)
{
	(void)full;
	if (l < 20)
		return R(IP4_TRUNCATED);
	if (l < 40)
		return R(TCP_TRUNCATED);
	if (l < 52)
		return R(TCP_BAD_DOFF);
	return 0;
}

static void k_v4_opt_udp(struct tb *t)
{
	tb_ip4_opts(t, "192.0.2.1", "198.51.100.2", rr_opt, sizeof(rr_opt));
	tb_udp(t, 5353, 5353);
	tb_zero(t, 6);
	tb_done(t);
}

static u64 e_v4_opt_udp(u32 l, u32 full)
{
	if (l < 20)
		return R(IP4_TRUNCATED);
	if (l < 28)
		return R(IP4_BAD_IHL);
	if (l < 36)
		return R(UDP_TRUNCATED);
	if (l < full)
		return R(UDP_BAD_LENGTH);
	return 0;
}

static void k_v4_echo(struct tb *t)
{
	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_icmp(t, 8, 0);
	tb_zero(t, 12);
	tb_done(t);
}

static u64 e_v4_echo(u32 l, u32 full)
{
	(void)full;
	if (l < 20)
		return R(IP4_TRUNCATED);
	if (l < 28)
		return R(ICMP_TRUNCATED);
	return 0;
}

static void k_v4_ts(struct tb *t)
{
	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_icmp(t, 14, 0);
	tb_zero(t, 12);
	tb_done(t);
}

static u64 e_v4_ts(u32 l, u32 full)
{
	(void)full;
	if (l < 20)
		return R(IP4_TRUNCATED);
	if (l < 40)
		return R(ICMP_TRUNCATED);
	return 0;
}

static void k_v4_err(struct tb *t)
{
	struct tb *q = malloc(sizeof(*q));

	tb_ip4(q, "198.51.100.2", "192.0.2.1");
	tb_udp(q, 53, 40000);
	tb_zero(q, 100);
	tb_done(q);
	tb_ip4(t, "203.0.113.9", "198.51.100.2");
	tb_icmp(t, 3, 3);
	tb_data(t, q->b, 28);
	tb_done(t);
	free(q);
}

static u64 e_v4_err(u32 l, u32 full)
{
	(void)full;
	if (l < 20)
		return R(IP4_TRUNCATED);
	if (l < 28)
		return R(ICMP_TRUNCATED);
	if (l < 48)
		return R(ICMP_BAD_ERROR);
	return 0;
}

static void k_v4_frag(struct tb *t)
{
	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_tcp(t, 40000, 443, TB_ACK, NULL, 0);
	tb_zero(t, 12);
	tb_done(t);
	tb_set16(t, 6, 0x2000);		/* MF */
}

static u64 e_v4_frag(u32 l, u32 full)
{
	u64 r = 0;

	(void)full;
	if (l < 20)
		return R(IP4_TRUNCATED);
	if ((l - 20) % 8)
		r |= R(IP4_FRAG_BAD);
	if (l < 40)
		r |= R(IP4_FRAG_TINY);
	return r;
}

static void k_v6_tcp(struct tb *t)
{
	tb_ip6(t, "2001:db8::1", "2001:db8::2");
	tb_tcp(t, 40000, 443, TB_ACK | TB_PSH, NULL, 0);
	tb_zero(t, 5);
	tb_done(t);
}

static u64 e_v6_tcp(u32 l, u32 full)
{
	(void)full;
	if (l < 40)
		return R(IP6_TRUNCATED);
	if (l < 60)
		return R(TCP_TRUNCATED);
	return 0;
}

static void k_v6_chain(struct tb *t)
{
	static const u8 dst16[14] = { 1, 4, 0, 0, 0, 0, 0x3e, 2, 0, 0,
				      1, 2, 0, 0 };

	tb_ip6(t, "2001:db8::1", "2001:db8::2");
	tb_opt8(t, 0);			/* 40..48 */
	tb_ext(t, 60, dst16, sizeof(dst16));	/* 48..64 */
	tb_rt(t, 4);			/* 64..72 */
	tb_ah(t);			/* 72..96 */
	tb_opt8(t, 60);			/* 96..104 */
	tb_udp(t, 1000, 2000);		/* 104..112 */
	tb_zero(t, 4);
	tb_done(t);
}

static u64 e_v6_chain(u32 l, u32 full)
{
	if (l < 40)
		return R(IP6_TRUNCATED);
	if (l < 104)
		return R(IP6_EXTHDR_TRUNCATED);
	if (l < 112)
		return R(UDP_TRUNCATED);
	if (l < full)
		return R(UDP_BAD_LENGTH);
	return 0;
}

static void k_v6_ns(struct tb *t)
{
	tb_ip6(t, "fe80::1", "ff02::1:ff00:2");
	tb_icmp6(t, 135, 0);
	tb_zero(t, 16);
	tb_done(t);
	tb_set8(t, 7, 255);
}

static u64 e_v6_ns(u32 l, u32 full)
{
	(void)full;
	if (l < 40)
		return R(IP6_TRUNCATED);
	if (l < 64)
		return R(ICMP6_TRUNCATED);
	return 0;
}

static void k_v6_err(struct tb *t)
{
	struct tb *q = malloc(sizeof(*q));

	tb_ip6(q, "2001:db8::2", "2001:db8::1");
	tb_udp(q, 53, 40000);
	tb_zero(q, 100);
	tb_done(q);
	tb_ip6(t, "2001:db8:ff::1", "2001:db8::2");
	tb_icmp6(t, 3, 0);
	tb_data(t, q->b, 56);
	tb_done(t);
	free(q);
}

static u64 e_v6_err(u32 l, u32 full)
{
	(void)full;
	if (l < 40)
		return R(IP6_TRUNCATED);
	if (l < 48)
		return R(ICMP6_TRUNCATED);
	if (l < 88)
		return R(ICMP6_BAD_ERROR);
	return 0;
}

static void k_v6_frag(struct tb *t)
{
	tb_ip6(t, "2001:db8::1", "2001:db8::2");
	tb_frag6(t, 0, true);		/* 40..48 */
	tb_opt8(t, 60);			/* 48..56 */
	tb_tcp(t, 40000, 443, TB_ACK, NULL, 0);	/* 56..76 */
	tb_zero(t, 12);
	tb_done(t);
}

static u64 e_v6_frag(u32 l, u32 full)
{
	u64 r = 0;

	(void)full;
	if (l < 40)
		return R(IP6_TRUNCATED);
	if (l < 48)
		return R(IP6_EXTHDR_TRUNCATED);
	if ((l - 48) % 8)
		r |= R(IP6_FRAG_BAD);
	if (l < 76)
		r |= R(IP6_FRAG_TINY);
	return r;
}

static const struct tcase tcases[] = {
	{ "IPv4 TCP with options", k_v4_tcp, 20, e_v4_tcp },
	{ "IPv4 options, UDP", k_v4_opt_udp, 28, e_v4_opt_udp },
	{ "IPv4 ICMP echo", k_v4_echo, 20, e_v4_echo },
	{ "IPv4 ICMP timestamp reply", k_v4_ts, 20, e_v4_ts },
	{ "IPv4 ICMP unreachable", k_v4_err, 20, e_v4_err },
	{ "IPv4 first fragment, TCP", k_v4_frag, 20, e_v4_frag },
	{ "IPv6 TCP", k_v6_tcp, 40, e_v6_tcp },
	{ "IPv6 HBH DST RT AH DST UDP", k_v6_chain, 40, e_v6_chain },
	{ "IPv6 neighbour solicitation", k_v6_ns, 40, e_v6_ns },
	{ "IPv6 ICMPv6 unreachable", k_v6_err, 40, e_v6_err },
	{ "IPv6 first fragment, DST, TCP", k_v6_frag, 40, e_v6_frag },
};

static void want(const char *how, u32 l, u64 got, u64 exp)
{
	char g[256], w[256];

	T_OK(got == exp, "%s cut at %u: tripped %s, expected %s", how, l,
	     tu_names(got, g, sizeof(g)), tu_names(exp, w, sizeof(w)));
}

/* copy of the first @l bytes with the IP length fields saying @l */
static u8 *relen(const struct tb *t, u32 l)
{
	u8 *p = malloc(l ? l : 1);

	memcpy(p, t->b, l);
	if (t->family == 4 && l >= 4) {
		p[2] = l >> 8;
		p[3] = l;
	}
	if (t->family == 6 && l >= 40) {
		p[4] = (l - 40) >> 8;
		p[5] = l - 40;
	}
	return p;
}

static void cut_all(const struct tcase *tc)
{
	struct ssf_check_cfg audit, drop, nolen;
	struct ssf_check_ctx ctx = { 0 };
	struct tb *t = malloc(sizeof(*t));
	u64 lenbit;
	struct trun r;
	const char *err;
	u32 l, full;
	u8 *p;

	tc->build(t);
	full = t->len;
	lenbit = t->family == 4 ? R(IP4_BAD_LENGTH) : R(IP6_BAD_LENGTH);
	tu_cfg_all(&audit, SSF_CHK_AUDIT, -1);
	tu_cfg_all(&drop, SSF_CHK_DROP, -1);
	nolen = audit;
	nolen.action[t->family == 4 ? SSF_R_IP4_BAD_LENGTH :
				      SSF_R_IP6_BAD_LENGTH] = SSF_CHK_OFF;

	t_case("truncation: %s: %u lengths", tc->name, full + 1);
	for (l = 0; l <= full; l++) {
		u64 exp = tc->expect(l, full);

		/* raw cut */
		ctx.cfg = &audit;
		tu_run_tb(&r, t, l, &ctx);
		err = tu_invariants(&r, &audit, l);
		T_OK(!err, "raw cut at %u: %s", l, err);
		if (l < tc->l3 || l == full)
			want("raw", l, r.res.tripped, exp);
		else
			T_OK(r.res.tripped & lenbit,
			     "raw cut at %u: no length reason", l);
		if (exp & (R(IP4_TRUNCATED) | R(IP6_TRUNCATED) |
			   R(IP4_BAD_IHL)))
			T_EQ(r.res.incomplete, __builtin_ctzll(exp),
			     "raw cut at %u: incomplete", l);
		ctx.cfg = &drop;
		tu_run_tb(&r, t, l, &ctx);
		if (l >= tc->l3 && l < full)
			T_EQ(r.res.reason, __builtin_ctzll(lenbit),
			     "raw cut at %u: drop reason", l);

		/* raw cut, length reason off: the inner header's reason */
		ctx.cfg = &nolen;
		tu_run_tb(&r, t, l, &ctx);
		want("raw, length off,", l, r.res.tripped, exp);

		/* consistent cut */
		p = relen(t, l);
		ctx.cfg = &audit;
		tu_run(&r, p, l, tu_family(t), &ctx);
		want("consistent", l, r.res.tripped, exp);
		T_EQ(r.verdict, SSF_VERDICT_PASS, "audit passes at %u", l);
		ctx.cfg = &drop;
		tu_run(&r, p, l, tu_family(t), &ctx);
		err = tu_invariants(&r, &drop, l);
		T_OK(!err, "consistent cut at %u: %s", l, err);
		T_EQ(r.verdict, exp ? SSF_VERDICT_DROP : SSF_VERDICT_PASS,
		     "verdict at %u", l);
		T_OK(!exp || (exp & SSF_R_BIT(r.res.reason)),
		     "consistent cut at %u: dropped for %s", l,
		     ssf_reason_name(r.res.reason));
		free(p);
	}
	free(t);
}

SSF_TEST(truncation)
{
	unsigned int i;

	for (i = 0; i < sizeof(tcases) / sizeof(tcases[0]); i++)
		cut_all(&tcases[i]);
}
