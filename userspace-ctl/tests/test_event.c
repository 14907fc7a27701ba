// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding SSF_CMD_EVENT messages built by hand (good, partial and
 * malformed), the status attributes of modes, limits and confirms, and
 * the rule strings, and the event printer in both forms (a contract).
 */
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "harness.h"
#include "attrs.h"
#include "event.h"

static struct nl_msg *t_msg(u8 cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m)
		genlmsg_put(m, 0, 0, 0x1d, 0, 0, cmd, SSF_GENL_VERSION);
	return m;
}

static int t_parse(struct nl_msg *m, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(m), 0, tb, SSF_A_MAX, ssf_a_policy);
}

static void t_print_event(struct ssfctl_out *o, const void *ev)
{
	ssf_event_print(o, ev);
}

/* Decode the event in @m's SSF_A_EVENT nest, print it both ways. */
static const char *t_decode(struct nl_msg *m, char **human, char **json)
{
	struct nlattr *tb[SSF_A_MAX + 1];
	const char *why = "no event";
	struct ssfctl_event ev;

	*human = *json = NULL;
	if (t_parse(m, tb) == 0 && tb[SSF_A_EVENT])
		why = ssf_event_get(tb[SSF_A_EVENT], &ev);
	nlmsg_free(m);
	if (why)
		return why;
	*human = ssf_t_print(false, t_print_event, &ev);
	*json = ssf_t_print(true, t_print_event, &ev);
	return NULL;
}

/* The event @fill builds by hand. NULL or the error. */
static const char *t_event(void (*fill)(struct nl_msg *), char **human,
			   char **json)
{
	struct nl_msg *m = t_msg(SSF_CMD_EVENT);
	struct nlattr *nest;

	*human = *json = NULL;
	if (!m)
		return "no message";
	nest = nla_nest_start(m, SSF_A_EVENT | NLA_F_NESTED);
	fill(m);
	nla_nest_end(m, nest);
	return t_decode(m, human, json);
}

/* The event @ev as the kernel sends it. NULL or the error. */
static const char *t_event_of(const struct ssfctl_event *ev, char **human,
			      char **json)
{
	struct nl_msg *m = t_msg(SSF_CMD_EVENT);

	*human = *json = NULL;
	if (!m)
		return "no message";
	ssf_t_event_put(m, ev);
	return t_decode(m, human, json);
}

static const u8 t_a4[] = { 192, 0, 2, 1 };
static const u8 t_a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

#define T_ENDS	(SSFCTL_EV_FAMILY | SSFCTL_EV_PROTO | SSFCTL_EV_SRC | \
		 SSFCTL_EV_DST)

static const struct ssfctl_event t_drop = {
	.type = SSF_EVENT_DROP, .has = T_ENDS | SSFCTL_EV_DIR |
	SSFCTL_EV_SPORT | SSFCTL_EV_DPORT | SSFCTL_EV_RULE | SSFCTL_EV_UID |
	SSFCTL_EV_KUID | SSFCTL_EV_CT |
	SSFCTL_EV_IIF | SSFCTL_EV_ACTION | SSFCTL_EV_SUPPRESSED,
	.dir = SSF_DIR_IN, .family = SSF_FAMILY_IPV4, .proto = 6,
	.addr_len = 4, .src.b = { 192, 0, 2, 1 }, .dst.b = { 192, 0, 2, 2 },
	.sport = 1234, .dport = 80, .rule_id = 12, .uid = 0, .kuid = 100000,
	.ct_state = SSF_CT_NEW, .iif = "eth0",
	.action = SSF_ACT_DROP, .suppressed = 0,
};

static const struct ssfctl_event t_audit6 = {
	.type = SSF_EVENT_AUDIT, .has = T_ENDS | SSFCTL_EV_DPORT |
	SSFCTL_EV_REASON | SSFCTL_EV_ACTION | SSFCTL_EV_SUPPRESSED,
	.family = SSF_FAMILY_IPV6, .proto = 17, .addr_len = 16,
	.src.b = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
	.dst.b = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, .dport = 53,
	.reason = "udp-port-zero", .action = SSF_ACT_REJECT, .suppressed = 12,
};

static const struct ssfctl_event t_default = {
	.type = SSF_EVENT_REJECT, .has = SSFCTL_EV_DIR | SSFCTL_EV_FAMILY |
	SSFCTL_EV_PROTO | SSFCTL_EV_DST | SSFCTL_EV_OIF, .dir = SSF_DIR_OUT,
	.family = SSF_FAMILY_IPV4, .proto = 200, .addr_len = 4,
	.dst.b = { 192, 0, 2, 2 }, .oif = "lo",
};

static const struct ssfctl_event t_revert = {
	.type = SSF_EVENT_REVERT, .has = SSFCTL_EV_GENERATION,
	.generation = 1ULL << 40,
};

static void t_fill_unknown(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_TYPE, 77);
	nla_put_u8(m, SSF_EVENT_A_DIR, 9);
	nla_put_u8(m, SSF_EVENT_A_ACTION, 9);
	nla_put_u32(m, 200, 1);		/* from a newer kernel: ignored */
}

static void t_fill_no_type(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_DIR, SSF_DIR_IN);
}

static void t_fill_bad_addr(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put(m, SSF_EVENT_A_SRC, 3, t_a4);
}

static void t_fill_mixed_addr(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put(m, SSF_EVENT_A_SRC, 4, t_a4);
	nla_put(m, SSF_EVENT_A_DST, 16, t_a6);
}

static void t_fill_bad_iif(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put(m, SSF_EVENT_A_IIF, 4, "eth0");		/* no NUL */
}

static void t_fill_long_reason(struct nl_msg *m)
{
	char s[SSF_CHECK_NAME_MAX + 8];

	memset(s, 'r', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put_string(m, SSF_EVENT_A_REASON, s);
}

static void t_fill_short_u32(struct nl_msg *m)
{
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put_u8(m, SSF_EVENT_A_RULE_ID, 1);
}

SSF_TEST(event_events)
{
	char *h, *j;

	CHECK(t_event_of(&t_drop, &h, &j) == NULL);
	CHECK_STR(h, "drop in tcp 192.0.2.1:1234 -> 192.0.2.2:80 rule 12 uid 0 kuid 100000 ct new iif eth0 drop\n");
	CHECK_STR(j, "{\"type\":\"drop\",\"dir\":\"in\",\"family\":\"ipv4\",\"proto\":\"tcp\","
		     "\"src\":\"192.0.2.1\",\"sport\":1234,\"dst\":\"192.0.2.2\",\"dport\":80,"
		     "\"rule\":12,\"uid\":0,\"kuid\":100000,\"ct\":\"new\",\"iif\":\"eth0\",\"action\":\"drop\","
		     "\"suppressed\":0}\n");
	free(h);
	free(j);
	CHECK(t_event_of(&t_audit6, &h, &j) == NULL);
	CHECK_STR(h, "audit udp 2001:db8::1 -> [2001:db8::1]:53 check udp-port-zero would reject (12 suppressed before)\n");
	CHECK_STR(j, "{\"type\":\"audit\",\"family\":\"ipv6\",\"proto\":\"udp\","
		     "\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::1\",\"dport\":53,"
		     "\"reason\":\"udp-port-zero\",\"action\":\"reject\",\"suppressed\":12}\n");
	free(h);
	free(j);
	CHECK(t_event_of(&t_default, &h, &j) == NULL);
	CHECK_STR(h, "reject out proto-200 ? -> 192.0.2.2 default oif lo\n");
	CHECK_STR(j, "{\"type\":\"reject\",\"dir\":\"out\",\"family\":\"ipv4\",\"proto\":200,"
		     "\"dst\":\"192.0.2.2\",\"oif\":\"lo\"}\n");
	free(h);
	free(j);
	CHECK(t_event_of(&t_revert, &h, &j) == NULL);
	CHECK_STR(h, "revert: the previous policy is back, generation 1099511627776\n");
	CHECK_STR(j, "{\"type\":\"revert\",\"generation\":1099511627776}\n");
	free(h);
	free(j);
	CHECK(t_event(t_fill_unknown, &h, &j) == NULL);
	CHECK_STR(h, "event-77 dir-9 default ?\n");
	CHECK_STR(j, "{\"type\":\"event-77\",\"dir\":9,\"action\":9}\n");
	free(h);
	free(j);

	CHECK_STR(t_event(t_fill_no_type, &h, &j), "event without a type");
	CHECK_STR(t_event(t_fill_bad_addr, &h, &j), "event with a malformed address");
	CHECK_STR(t_event(t_fill_mixed_addr, &h, &j), "event with a malformed address");
	CHECK_STR(t_event(t_fill_bad_iif, &h, &j),
		  "event with a malformed interface name");
	CHECK_STR(t_event(t_fill_long_reason, &h, &j),
		  "event with a malformed reason");
	CHECK_STR(t_event(t_fill_short_u32, &h, &j), "malformed event");
}

/* STATUS_GET: mode, max_rules and confirm_left. */
SSF_TEST(event_status_attrs)
{
	struct nlattr *tb[SSF_A_MAX + 1];
	struct nl_msg *m = t_msg(SSF_CMD_STATUS_GET);
	struct ssfctl_status st;

	if (!m)
		return;
	nla_put_u64(m, SSF_A_GENERATION, 3);
	CHECK(t_parse(m, tb) == 0 && ssf_status_parse(tb, &st) == NULL);
	CHECK_INT(st.mode, SSF_MODE_ENFORCE);
	CHECK(!st.has_max_rules && !st.has_confirm_left);
	nla_put_u8(m, SSF_A_MODE, SSF_MODE_AUDIT);
	nla_put_u32(m, SSF_A_MAX_RULES, 65536);
	nla_put_u32(m, SSF_A_CONFIRM_LEFT, 42);
	CHECK(t_parse(m, tb) == 0 && ssf_status_parse(tb, &st) == NULL);
	CHECK_INT(st.mode, SSF_MODE_AUDIT);
	CHECK(st.has_max_rules && st.has_confirm_left);
	CHECK_INT(st.max_rules, 65536);
	CHECK_INT(st.confirm_left, 42);
	nlmsg_free(m);
}

/* Rule strings from the kernel: NUL-terminated and fitting, or refused. */
SSF_TEST(event_rule_strings)
{
	struct nlattr *tb[SSF_A_MAX + 1], *nest;
	struct nl_msg *m = t_msg(SSF_CMD_RULE_GET);
	struct ssfctl_rulex x;
	char big[SSF_COMMENT_MAX + 1];

	if (!m)
		return;
	nest = nla_nest_start(m, SSF_A_RULE | NLA_F_NESTED);
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_IN);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_REJECT);
	memset(big, 'c', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	nla_put_string(m, SSF_RULE_A_COMMENT, big);
	nla_nest_end(m, nest);
	CHECK(t_parse(m, tb) == 0);
	CHECK_STR(ssf_rule_get(tb[SSF_A_RULE], &x), "rule with a malformed comment");
	nlmsg_free(m);

	m = t_msg(SSF_CMD_RULE_GET);
	if (!m)
		return;
	nest = nla_nest_start(m, SSF_A_RULE | NLA_F_NESTED);
	nla_put_u8(m, SSF_RULE_A_DIR, SSF_DIR_OUT);
	nla_put_u8(m, SSF_RULE_A_ACTION, SSF_ACT_REJECT);
	nla_put_u32(m, SSF_RULE_A_UID_MIN, 5);
	nla_nest_end(m, nest);
	CHECK(t_parse(m, tb) == 0);
	CHECK_STR(ssf_rule_get(tb[SSF_A_RULE], &x), "rule with half an id range");
	nlmsg_free(m);
}

