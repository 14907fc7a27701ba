// SPDX-License-Identifier: GPL-2.0
/*
 * The reason and action tables, their lookups and defaults, and the
 * drop/audit/off semantics of ssf_check(): which reason decides, what is
 * recorded, where parsing stops and what metadata is left.
 */
#include <stdlib.h>
#include <string.h>
#include "ssf_test.h"
#include "ssf_tutil.h"

#define R(x)	SSF_R_BIT(SSF_R_##x)

/* The names the issue makes a contract, verbatim. */
static const char * const contract[] = {
	"ip4-truncated", "ip4-bad-version", "ip4-bad-ihl", "ip4-bad-length",
	"ip4-bad-options", "ip4-source-route", "ip4-frag-tiny",
	"ip4-frag-oversize", "ip4-frag-bad", "ip4-bad-source", "ip4-land",
	"ip4-zero-ttl",
	"ip6-truncated", "ip6-bad-version", "ip6-bad-length",
	"ip6-exthdr-truncated", "ip6-exthdr-too-many", "ip6-exthdr-order",
	"ip6-rh0", "ip6-bad-options", "ip6-frag-tiny", "ip6-frag-bad",
	"ip6-bad-source",
	"tcp-truncated", "tcp-bad-doff", "tcp-bad-options", "tcp-null",
	"tcp-xmas", "tcp-syn-fin", "tcp-syn-rst", "tcp-port-zero",
	"udp-truncated", "udp-bad-length", "udp-port-zero",
	"icmp-truncated", "icmp-bad-error", "icmp6-truncated",
	"icmp6-bad-error", "icmp6-nd-bad-hoplimit", "proto-family-mismatch",
};

SSF_TEST(contract_names_exist)
{
	unsigned int i;
	enum ssf_reason r;

	for (i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		r = ssf_reason_by_name(contract[i]);
		T_OK(r != SSF_R_NONE, "%s: no such reason", contract[i]);
		T_OK(r && !strcmp(ssf_reason_name(r), contract[i]),
		     "%s: name round trip", contract[i]);
	}
	T_EQ(sizeof(contract) / sizeof(contract[0]), SSF_R_MAX,
	     "every reason is in the contract list (add new ones there)");
}

SSF_TEST(reason_names_wellformed)
{
	unsigned int r, q, i;
	const char *n;

	for (r = 1; r < SSF_R_COUNT; r++) {
		n = ssf_reason_name(r);
		if (!T_OK(n, "reason %u has no name", r))
			continue;
		T_OK(strlen(n) && strlen(n) <= SSF_REASON_NAME_MAX,
		     "%s: length", n);
		for (i = 0; n[i]; i++)
			T_OK((n[i] >= 'a' && n[i] <= 'z') ||
			     (n[i] >= '0' && n[i] <= '9') || n[i] == '-',
			     "%s: character %c", n, n[i]);
		for (q = 1; q < r; q++)
			T_OK(strcmp(n, ssf_reason_name(q)), "%s twice", n);
		T_EQ(ssf_reason_by_name(n), r, "%s: lookup", n);
	}
	T_OK(!ssf_reason_name(SSF_R_NONE), "no name for none");
	T_OK(!ssf_reason_name(SSF_R_COUNT), "no name past the end");
	T_OK(!ssf_reason_name(~0U), "no name for ~0");
}

SSF_TEST(reason_lookup_rejects)
{
	static const char * const bad[] = {
		"", "none", "all", "IP4-TRUNCATED", "ip4-truncated ",
		" ip4-truncated", "ip4-truncate", "ip4-truncatedd", "ip4",
		"icmp6-nd-bad-hoplimitx", "drop",
		"ip4-truncated-ip4-truncated-ip4-truncated-ip4-truncated",
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ(ssf_reason_by_name(bad[i]), SSF_R_NONE, "\"%s\"", bad[i]);
}

SSF_TEST(defaults)
{
	struct ssf_check_cfg cfg;
	unsigned int r;
	u8 want;

	memset(&cfg, 0x77, sizeof(cfg));
	ssf_check_cfg_init(&cfg);
	T_EQ(cfg.ip6_exthdr_max, 8, "extension header limit");
	for (r = 1; r < SSF_R_COUNT; r++) {
		want = SSF_CHK_DROP;
		if (r == SSF_R_IP4_ZERO_TTL || r == SSF_R_TCP_PORT_ZERO ||
		    r == SSF_R_UDP_PORT_ZERO)
			want = SSF_CHK_AUDIT;
		T_EQ(cfg.action[r], want, "%s default", ssf_reason_name(r));
		T_EQ(ssf_reason_default(r), want, "%s default",
		     ssf_reason_name(r));
	}
	T_EQ(ssf_reason_default(SSF_R_NONE), SSF_CHK_OFF, "none");
	T_EQ(ssf_reason_default(SSF_R_COUNT), SSF_CHK_OFF, "past the end");
}

SSF_TEST(action_names)
{
	static const char * const bad[] = {
		"", "DROP", "dro", "drops", "pass", "accept", "offf", "au",
	};
	unsigned int a, i;

	T_OK(!strcmp(ssf_check_action_name(SSF_CHK_OFF), "off"), "off");
	T_OK(!strcmp(ssf_check_action_name(SSF_CHK_AUDIT), "audit"), "audit");
	T_OK(!strcmp(ssf_check_action_name(SSF_CHK_DROP), "drop"), "drop");
	T_OK(!ssf_check_action_name(SSF_CHK_MAX + 1), "past the end");
	for (a = 0; a <= SSF_CHK_MAX; a++)
		T_EQ(ssf_check_action_by_name(ssf_check_action_name(a)), a,
		     "round trip %u", a);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_EQ(ssf_check_action_by_name(bad[i]), -1, "\"%s\"", bad[i]);
}

/* IPv4 TCP SYN|FIN with TTL 0: trips ip4-zero-ttl, then tcp-syn-fin */
static void two(struct tb *t)
{
	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_tcp(t, 1234, 80, TB_SYN | TB_FIN, NULL, 0);
	tb_done(t);
	tb_set8(t, 8, 0);
}

SSF_TEST(actions_two_reasons)
{
	static const struct {
		u8 a, b;		/* zero-ttl, syn-fin */
		u8 verdict, reason;
		u64 tripped;
		bool ports;
	} rows[] = {
		{ SSF_CHK_DROP, SSF_CHK_DROP, SSF_VERDICT_DROP,
		  SSF_R_IP4_ZERO_TTL, R(IP4_ZERO_TTL), false },
		{ SSF_CHK_DROP, SSF_CHK_OFF, SSF_VERDICT_DROP,
		  SSF_R_IP4_ZERO_TTL, R(IP4_ZERO_TTL), false },
		{ SSF_CHK_AUDIT, SSF_CHK_DROP, SSF_VERDICT_DROP,
		  SSF_R_TCP_SYN_FIN, R(IP4_ZERO_TTL) | R(TCP_SYN_FIN), true },
		{ SSF_CHK_OFF, SSF_CHK_DROP, SSF_VERDICT_DROP,
		  SSF_R_TCP_SYN_FIN, R(TCP_SYN_FIN), true },
		{ SSF_CHK_AUDIT, SSF_CHK_AUDIT, SSF_VERDICT_PASS, SSF_R_NONE,
		  R(IP4_ZERO_TTL) | R(TCP_SYN_FIN), true },
		{ SSF_CHK_OFF, SSF_CHK_AUDIT, SSF_VERDICT_PASS, SSF_R_NONE,
		  R(TCP_SYN_FIN), true },
		{ SSF_CHK_AUDIT, SSF_CHK_OFF, SSF_VERDICT_PASS, SSF_R_NONE,
		  R(IP4_ZERO_TTL), true },
		{ SSF_CHK_OFF, SSF_CHK_OFF, SSF_VERDICT_PASS, SSF_R_NONE,
		  0, true },
		/* an action value out of range acts as drop */
		{ 7, SSF_CHK_AUDIT, SSF_VERDICT_DROP, SSF_R_IP4_ZERO_TTL,
		  R(IP4_ZERO_TTL), false },
	};
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;
	unsigned int i;

	two(t);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t_case("actions: ip4-zero-ttl %u, tcp-syn-fin %u", rows[i].a,
		       rows[i].b);
		tu_cfg_all(&cfg, SSF_CHK_OFF, -1);
		cfg.action[SSF_R_IP4_ZERO_TTL] = rows[i].a;
		cfg.action[SSF_R_TCP_SYN_FIN] = rows[i].b;
		tu_run_tb(&r, t, t->len, &ctx);
		T_EQ(r.verdict, rows[i].verdict, "verdict");
		T_EQ(r.res.verdict, rows[i].verdict, "res verdict");
		T_EQ(r.res.reason, rows[i].reason, "reason");
		T_EQ(r.res.tripped, rows[i].tripped, "tripped");
		T_EQ(r.res.incomplete, SSF_R_NONE, "not incomplete");
		T_EQ(!!(r.pkt.flags & SSF_PKT_F_PORTS), rows[i].ports,
		     "ports parsed before the decision");
		T_EQ(r.pkt.ttl, 0, "ttl");
	}
	free(t);
}

/* an IPv4 UDP packet with IHL 4 */
SSF_TEST(incomplete_off_passes_partial)
{
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;
	u8 act;

	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_udp(t, 1, 2);
	tb_done(t);
	tb_set8(t, 0, 0x44);
	for (act = SSF_CHK_OFF; act <= SSF_CHK_DROP; act++) {
		t_case("ip4-bad-ihl %s: partial metadata",
		       ssf_check_action_name(act));
		tu_cfg_all(&cfg, SSF_CHK_DROP, -1);
		cfg.action[SSF_R_IP4_BAD_IHL] = act;
		tu_run_tb(&r, t, t->len, &ctx);
		T_EQ(r.verdict, act == SSF_CHK_DROP ? SSF_VERDICT_DROP :
		     SSF_VERDICT_PASS, "verdict");
		T_EQ(r.res.incomplete, SSF_R_IP4_BAD_IHL, "incomplete");
		T_EQ(r.res.tripped, act == SSF_CHK_OFF ? 0 : R(IP4_BAD_IHL),
		     "tripped");
		T_OK(r.pkt.flags & SSF_PKT_F_PARTIAL, "partial");
		T_OK(!(r.pkt.flags & SSF_PKT_F_PORTS), "no ports");
		T_EQ(r.pkt.proto, 17, "protocol from the fixed header");
		T_EQ(r.pkt.saddr.b[0], 192, "source address");
		T_EQ(r.pkt.daddr.b[3], 2, "destination address");
	}
	free(t);
}

SSF_TEST(tcp_truncated_off_no_ports)
{
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;

	tb_ip6(t, "2001:db8::1", "2001:db8::2");
	tb_tcp(t, 1, 2, TB_SYN, NULL, 0);
	t->len -= 2;
	tb_done(t);
	tu_cfg_all(&cfg, SSF_CHK_DROP, -1);
	cfg.action[SSF_R_TCP_TRUNCATED] = SSF_CHK_OFF;
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.verdict, SSF_VERDICT_PASS, "passes");
	T_EQ(r.res.tripped, 0, "nothing recorded");
	T_EQ(r.res.incomplete, SSF_R_TCP_TRUNCATED, "incomplete");
	T_EQ(r.pkt.flags, SSF_PKT_F_PARTIAL, "partial, no ports");
	T_EQ(r.pkt.proto, 6, "tcp");
	T_EQ(r.pkt.l4off, 40, "l4off");
	free(t);
}

SSF_TEST(length_off_goes_on)
{
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;

	tb_ip4(t, "192.0.2.1", "198.51.100.2");
	tb_tcp(t, 1, 0, TB_SYN, NULL, 0);
	tb_done(t);
	tb_set16(t, 2, 1500);
	tu_cfg_all(&cfg, SSF_CHK_AUDIT, -1);
	cfg.action[SSF_R_IP4_BAD_LENGTH] = SSF_CHK_OFF;
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.verdict, SSF_VERDICT_PASS, "passes");
	T_EQ(r.res.tripped, R(TCP_PORT_ZERO), "only the port");
	T_EQ(r.pkt.flags, SSF_PKT_F_PORTS, "ports");
	T_EQ(r.pkt.sport, 1, "sport");
	free(t);
}

/* @n destination options headers then UDP */
static void dsts(struct tb *t, int n)
{
	int i;

	tb_ip6(t, "2001:db8::1", "2001:db8::2");
	for (i = 0; i < n; i++)
		tb_opt8(t, 60);
	tb_udp(t, 1, 2);
	tb_done(t);
}

SSF_TEST(exthdr_hard_limit)
{
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;

	tu_cfg_all(&cfg, SSF_CHK_AUDIT, 200);
	cfg.action[SSF_R_IP6_EXTHDR_ORDER] = SSF_CHK_OFF;

	t_case("exthdr: a limit over 64 acts as 64: 64 headers pass");
	dsts(t, 64);
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.res.tripped, 0, "nothing trips");
	T_EQ(r.pkt.proto, 17, "reached UDP");
	T_EQ(r.pkt.l4off, 40 + 64 * 8, "l4off");

	t_case("exthdr: 65 headers trip and stop");
	dsts(t, 65);
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.res.tripped, R(IP6_EXTHDR_TOO_MANY), "too many");
	T_EQ(r.res.incomplete, SSF_R_IP6_EXTHDR_TOO_MANY, "incomplete");

	t_case("exthdr: 65 headers, too-many off: stop anyway, pass");
	cfg.action[SSF_R_IP6_EXTHDR_TOO_MANY] = SSF_CHK_OFF;
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.verdict, SSF_VERDICT_PASS, "passes");
	T_EQ(r.res.tripped, 0, "nothing recorded");
	T_EQ(r.res.incomplete, SSF_R_IP6_EXTHDR_TOO_MANY, "incomplete");
	T_OK(!(r.pkt.flags & SSF_PKT_F_PORTS), "no ports");
	T_OK(r.pkt.flags & SSF_PKT_F_PARTIAL, "partial");

	t_case("exthdr: limit 10, 11 headers, too-many off: goes on");
	cfg.ip6_exthdr_max = 10;
	dsts(t, 11);
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.res.incomplete, SSF_R_NONE, "complete");
	T_OK(r.pkt.flags & SSF_PKT_F_PORTS, "ports");
	cfg.action[SSF_R_IP6_EXTHDR_TOO_MANY] = SSF_CHK_AUDIT;
	tu_run_tb(&r, t, t->len, &ctx);
	T_EQ(r.res.tripped, R(IP6_EXTHDR_TOO_MANY), "audited once");
	T_OK(r.pkt.flags & SSF_PKT_F_PORTS, "ports");
	free(t);
}

SSF_TEST(unknown_family)
{
	static const u8 data[40] = { 0x45 };
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;
	u8 fam;

	tu_cfg_all(&cfg, SSF_CHK_DROP, -1);
	for (fam = 0; fam < 8; fam += 3) {	/* any, 3, 6 */
		t_case("unknown family %u", fam);
		tu_run(&r, data, sizeof(data), fam, &ctx);
		T_EQ(r.verdict, SSF_VERDICT_PASS, "passes");
		T_EQ(r.res.tripped, 0, "nothing");
		T_EQ(r.pkt.flags, SSF_PKT_F_PARTIAL, "partial");
		T_EQ(r.pkt.family, fam, "family");
	}
}
