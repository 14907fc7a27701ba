/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shorthands of the case tables (ssf_cases_*.c): the ordinary packets
 * most rows start from. Every address comes from the row's environment
 * (e->a) unless an address is what the row is about, so that the VM suite
 * can send the same packets between its own namespaces.
 */
#ifndef _SSF_CASES_PRIV_H
#define _SSF_CASES_PRIV_H

#include "ssf_cases.h"

#define SPORT		1234
#define UDP_DPORT	53
#define TCP_DPORT	80

/* IPv4 UDP from @s to @d with 4 bytes of data; lengths not filled. */
static inline void v4_udp_sd(struct ssf_tb *t, const char *s, const char *d)
{
	static const u8 data[4] = { 1, 2, 3, 4 };

	ssf_tb_ip4(t, s, d);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_data(t, data, sizeof(data));
}

static inline void v4_udp(struct ssf_tb *t, const struct ssf_case_env *e)
{
	v4_udp_sd(t, e->a->s4, e->a->d4);
}

/* IPv6 UDP from @s to @d with 4 bytes of data; lengths not filled. */
static inline void v6_udp_sd(struct ssf_tb *t, const char *s, const char *d)
{
	ssf_tb_ip6(t, s, d);
	ssf_tb_udp(t, SPORT, UDP_DPORT);
	ssf_tb_zero(t, 4);
}

static inline void v6_udp(struct ssf_tb *t, const struct ssf_case_env *e)
{
	v6_udp_sd(t, e->a->s6, e->a->d6);
}

static inline void v4_tcp(struct ssf_tb *t, const struct ssf_case_env *e,
			  u8 flags)
{
	ssf_tb_ip4(t, e->a->s4, e->a->d4);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, flags, NULL, 0);
}

static inline void v6_tcp(struct ssf_tb *t, const struct ssf_case_env *e,
			  u8 flags)
{
	ssf_tb_ip6(t, e->a->s6, e->a->d6);
	ssf_tb_tcp(t, SPORT, TCP_DPORT, flags, NULL, 0);
}

/*
 * An ICMP or ICMPv6 (@family) error of @type and @code from the ordinary
 * source to the ordinary destination, quoting the first @qlen bytes of the
 * UDP datagram with @data bytes it answers, whose first byte is @first
 * (0: as built).
 */
static inline void icmp_error(struct ssf_tb *t, const struct ssf_case_addrs *a,
			      u8 family, u8 type, u8 code, u32 data, u32 qlen,
			      u8 first)
{
	u8 q[64];

	if (family == SSF_FAMILY_IPV4)
		ssf_tb_ip4(t, a->d4, a->s4);
	else
		ssf_tb_ip6(t, a->d6, a->s6);
	ssf_tb_udp(t, UDP_DPORT, SPORT);
	ssf_tb_zero(t, data);
	ssf_tb_done(t);
	if (first)
		ssf_tb_set8(t, 0, first);
	if (qlen > sizeof(q))
		qlen = sizeof(q);
	memcpy(q, t->b, qlen);
	if (family == SSF_FAMILY_IPV4) {
		ssf_tb_ip4(t, a->s4, a->d4);
		ssf_tb_icmp(t, type, code);
	} else {
		ssf_tb_ip6(t, a->s6, a->d6);
		ssf_tb_icmp6(t, type, code);
	}
	ssf_tb_data(t, q, qlen);
	ssf_tb_done(t);
}

/* Cut @t to @len bytes, the declared lengths saying so. */
static inline void cut(struct ssf_tb *t, u32 len)
{
	t->len = len;
	if (t->udp && t->udp + 8 > len)
		t->udp = 0;
	ssf_tb_done(t);
}

#endif /* _SSF_CASES_PRIV_H */
