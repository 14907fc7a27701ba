// SPDX-License-Identifier: GPL-2.0
/*
 * The reason and action tables, their lookups and defaults, and the
 * drop/audit/off semantics of ssf_check(): which reason decides, what is
 * recorded, where parsing stops and what metadata is left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_test.h"
#include "ssf_tutil.h"

#define R(x)	SSF_R_BIT(SSF_R_##x)

/*
 * The reason names are a contract, written down once in the C table
 * (module/ssf_reason.c) and once for people, in Documentation/
 * validation.rst's table of reasons: the two must list the same reasons,
 * in the same order, with the same default actions. A rename or a new
 * reason fails here until the documentation says so too.
 */

#define SSF_DOC	SSF_TOP "/Documentation/validation.rst"

struct doc_row {
	char name[SSF_REASON_NAME_MAX + 8];
	char def[16];
};

/* Strip @s of leading blanks and of the ``quotes`` around a literal. */
static void doc_word(const char *s, char *out, size_t size)
{
	size_t n;

	while (*s == ' ')
		s++;
	if (!strncmp(s, "``", 2))
		s += 2;
	n = strcspn(s, "`\n");
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = 0;
}

/*
 * The rows of the list-table under "The reasons": a row is "   * - NAME",
 * then its other columns, each "     - TEXT" (Catches, Why, Default, ...).
 * Returns the number of rows read into @rows, -1 if the file is missing.
 */
static int doc_rows(struct doc_row *rows, int max)
{
	FILE *f = fopen(SSF_DOC, "r");
	char line[512];
	int n = -1, col = 0;
	bool in = false;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "The reasons", 11)) {
			in = true;
			continue;
		}
		if (in && line[0] && line[0] != ' ' && line[0] != '\n' &&
		    line[0] != '=' && n >= 0)
			break;		/* the next section */
		if (!in)
			continue;
		if (!strncmp(line, "   * - ", 7)) {
			if (++n > max)
				break;
			col = 0;
			if (n > 0)
				doc_word(line + 7, rows[n - 1].name,
					 sizeof(rows[n - 1].name));
		} else if (!strncmp(line, "     - ", 7) && n > 0 && ++col == 3) {
			doc_word(line + 7, rows[n - 1].def,
				 sizeof(rows[n - 1].def));
		}
	}
	fclose(f);
	return n;		/* the header row not counted */
}

SSF_TEST(doc_reason_table)
{
	static struct doc_row rows[SSF_R_COUNT + 8];
	int n = doc_rows(rows, SSF_R_COUNT + 4);
	unsigned int r;

	if (!T_OK(n >= 0, "cannot read %s", SSF_DOC))
		return;
	T_EQ(n, SSF_R_MAX, "%s lists %d reasons", SSF_DOC, n);
	for (r = 1; r <= SSF_R_MAX && (int)r <= n; r++) {
		const char *name = ssf_reason_name(r);

		t_case("validation.rst row %u: %s", r, name);
		T_OK(!strcmp(rows[r - 1].name, name), "row says %s",
		     rows[r - 1].name);
		T_OK(!strcmp(rows[r - 1].def,
			     ssf_check_action_name(ssf_reason_default(r))),
		     "default: the row says %s", rows[r - 1].def);
	}
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
static void two(struct ssf_tb *t)
{
	ssf_tb_ip4(t, "192.0.2.1", "198.51.100.2");
	ssf_tb_tcp(t, 1234, 80, SSF_TB_SYN | SSF_TB_FIN, NULL, 0);
	ssf_tb_done(t);
	ssf_tb_set8(t, 8, 0);
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
	struct ssf_tb *t = malloc(sizeof(*t));
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
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;
	u8 act;

	ssf_tb_ip4(t, "192.0.2.1", "198.51.100.2");
	ssf_tb_udp(t, 1, 2);
	ssf_tb_done(t);
	ssf_tb_set8(t, 0, 0x44);
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
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;

	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	ssf_tb_tcp(t, 1, 2, SSF_TB_SYN, NULL, 0);
	t->len -= 2;
	ssf_tb_done(t);
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
	struct ssf_tb *t = malloc(sizeof(*t));
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx ctx = { .cfg = &cfg };
	struct trun r;

	ssf_tb_ip4(t, "192.0.2.1", "198.51.100.2");
	ssf_tb_tcp(t, 1, 0, SSF_TB_SYN, NULL, 0);
	ssf_tb_done(t);
	ssf_tb_set16(t, 2, 1500);
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
static void dsts(struct ssf_tb *t, int n)
{
	int i;

	ssf_tb_ip6(t, "2001:db8::1", "2001:db8::2");
	for (i = 0; i < n; i++)
		ssf_tb_opt8(t, 60);
	ssf_tb_udp(t, 1, 2);
	ssf_tb_done(t);
}

SSF_TEST(exthdr_hard_limit)
{
	struct ssf_tb *t = malloc(sizeof(*t));
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
