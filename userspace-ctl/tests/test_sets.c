// SPDX-License-Identifier: GPL-2.0
/*
 * Sets, ct state and limit in the policy language: the set words of rules
 * (src/dst/sport/dport @name), ct state, limit and burst, the "set" and
 * "generation" statements, elements and timeouts as words, every error
 * with its line, the printers (set list, set show, policy show), the
 * round trip text -> policy -> show -> policy, and the set commands'
 * usage errors and help.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "polparse.h"
#include "print.h"
#include "setprint.h"

static struct ssfctl_rule t_rule(const char *text)
{
	struct ssfctl_rule r;
	struct ssfctl_polerr e;

	memset(&r, 0, sizeof(r));
	if (ssf_polparse_rule(text, strlen(text), &r, &e))
		CHECK_STR(e.msg, "(no error)");
	return r;
}

#define RULE_ERR(text, want)						\
	do {								\
		struct ssfctl_rule _r;					\
		struct ssfctl_polerr _e;					\
									\
		CHECK_INT(ssf_polparse_rule(text, strlen(text), &_r, &_e), \
			  -EINVAL);					\
		CHECK_STR(_e.msg, want);				\
	} while (0)

#define FILE_ERR(text, want_line, want)					\
	do {								\
		struct ssfctl_polfile _pf;					\
		struct ssfctl_polerr _e;					\
									\
		CHECK_INT(ssf_polparse(text, strlen(text), &_pf, &_e), -EINVAL); \
		CHECK_INT(_e.line, want_line);				\
		CHECK_STR(_e.msg, want);				\
		CHECK(_pf.sets == NULL && _pf.nsets == 0);		\
	} while (0)

static const char *t_fmt(const struct ssfctl_rule *r)
{
	static char s[SSF_RULE_STRLEN];

	ssf_rule_fmt(s, sizeof(s), r);
	return s;
}

SSF_TEST(sets_rule_words)
{
	struct ssfctl_rule r;

	r = t_rule("in src @bad dst @mine proto tcp sport @hi dport @web drop");
	CHECK_INT(r.r.match, SSF_RM_PROTO | SSF_RM_SRC_SET | SSF_RM_DST_SET |
			     SSF_RM_SPORT_SET | SSF_RM_DPORT_SET);
	CHECK_STR(r.set[SSF_RSET_SRC], "bad");
	CHECK_STR(r.set[SSF_RSET_DST], "mine");
	CHECK_STR(r.set[SSF_RSET_SPORT], "hi");
	CHECK_STR(r.set[SSF_RSET_DPORT], "web");
	CHECK_INT(r.r.family, SSF_FAMILY_ANY);	/* a set implies no family */
	CHECK_STR(t_fmt(&r), "in proto tcp src @bad dst @mine sport @hi dport @web drop");

	r = t_rule("in ct state established,related accept");
	CHECK_INT(r.r.match, SSF_RM_CT);
	CHECK_INT(r.r.ct_states, SSF_CT_ESTABLISHED | SSF_CT_RELATED);
	CHECK_STR(t_fmt(&r), "in ct state established,related accept");
	r = t_rule("in ct state untracked,invalid,related,established,new drop");
	CHECK_INT(r.r.ct_states, SSF_CT_ALL);
	CHECK_STR(t_fmt(&r), "in ct state new,established,related,invalid,untracked drop");

	r = t_rule("in proto icmp limit 10/second accept");
	CHECK_INT(r.r.match, SSF_RM_PROTO | SSF_RM_LIMIT);
	CHECK_INT(r.r.limit_rate, 10);
	CHECK_INT(r.r.limit_unit, SSF_LIMIT_SECOND);
	CHECK_INT(r.r.limit_burst, SSF_LIMIT_BURST_DEFAULT);
	CHECK_STR(t_fmt(&r), "in proto icmp limit 10/second accept");
	r = t_rule("in burst 20 limit 3/minute accept");
	CHECK_INT(r.r.limit_burst, 20);
	CHECK_INT(r.r.limit_unit, SSF_LIMIT_MINUTE);
	CHECK_STR(t_fmt(&r), "in limit 3/minute burst 20 accept");
	r = t_rule("in limit 1000000000/hour burst 5 log accept");
	CHECK_INT(r.r.limit_unit, SSF_LIMIT_HOUR);
	CHECK_STR(t_fmt(&r), "in limit 1000000000/hour accept log");
	r = t_rule("fwd src @a ct state new limit 1/second burst 1000000 drop");
	CHECK_STR(t_fmt(&r), "fwd src @a ct state new limit 1/second burst 1000000 drop");
	/* a set name may use '.', '-', '_' and be 31 bytes long */
	r = t_rule("in src @a.b-c_d drop");
	CHECK_STR(r.set[SSF_RSET_SRC], "a.b-c_d");
	r = t_rule("in src @abcdefghijabcdefghijabcdefghij1 drop");
	CHECK_STR(r.set[SSF_RSET_SRC], "abcdefghijabcdefghijabcdefghij1");
}

SSF_TEST(sets_rule_word_errors)
{
	RULE_ERR("in src @ drop",
		 "bad set name in src \"@\" (1-31 letters, digits, '_', '.' or '-')");
	RULE_ERR("in dst @-x drop",
		 "bad set name in dst \"@-x\" (1-31 letters, digits, '_', '.' or '-')");
	RULE_ERR("in src @abcdefghijabcdefghijabcdefghij12 drop",
		 "bad set name in src \"@abcdefghijabcdefghijabcdefghij12\" (1-31 letters, digits, '_', '.' or '-')");
	RULE_ERR("in src @a/b drop",
		 "bad set name in src \"@a/b\" (1-31 letters, digits, '_', '.' or '-')");
	RULE_ERR("in src \"@a\" drop", "bad src address \"@a\"");
	RULE_ERR("in src @a src 10.0.0.1 drop", "duplicate \"src\"");
	RULE_ERR("in dport @web drop",
		 "a port match needs proto tcp, udp, sctp or udplite");
	RULE_ERR("in proto icmp sport @p drop",
		 "a port match needs proto tcp, udp, sctp or udplite");

	RULE_ERR("in ct drop",
		 "\"ct\" needs state and a list of states (ct state <state>[,<state>...])");
	RULE_ERR("in ct state",
		 "\"ct\" needs state and a list of states (ct state <state>[,<state>...])");
	RULE_ERR("in ct status new drop",
		 "ct needs state (ct state <state>[,<state>...]), not \"status\"");
	RULE_ERR("in ct state old drop",
		 "unknown ct state \"old\" in \"old\" (new, established, related, invalid or untracked)");
	RULE_ERR("in ct state new, drop",
		 "unknown ct state \"\" in \"new,\" (new, established, related, invalid or untracked)");
	RULE_ERR("in ct state new,new drop", "ct state \"new\" twice in \"new,new\"");
	RULE_ERR("in ct state \"new\" drop",
		 "bad ct state \"new\" (new, established, related, invalid or untracked, comma-separated)");
	RULE_ERR("in ct state new ct state related drop", "duplicate \"ct\"");

	RULE_ERR("in limit 10 accept",
		 "bad limit \"10\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit 10/sec accept",
		 "bad limit \"10/sec\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit 0/second accept",
		 "bad limit \"0/second\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit 1000000001/second accept",
		 "bad limit \"1000000001/second\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit /second accept",
		 "bad limit \"/second\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit accept",
		 "bad limit \"accept\" (<n>/second, <n>/minute or <n>/hour, n 1-1000000000)");
	RULE_ERR("in limit", "\"limit\" needs a rate (<n>/second|minute|hour)");
	RULE_ERR("in limit 1/second burst 0 accept", "bad burst \"0\" (1-1000000 packets)");
	RULE_ERR("in limit 1/second burst 1000001 accept",
		 "bad burst \"1000001\" (1-1000000 packets)");
	RULE_ERR("in burst 3 accept",
		 "burst needs a limit (limit <n>/second|minute|hour burst <n>)");
}

SSF_TEST(sets_elements)
{
	static const struct {
		u8 type;
		const char *in, *out;
		u8 kind;
	} ok[] = {
		{ SSF_SET_ADDR, "10.0.0.1", "10.0.0.1", SSF_ELEM_ADDR },
		{ SSF_SET_ADDR, "10.0.0.0/8", "10.0.0.0/8", SSF_ELEM_PREFIX },
		{ SSF_SET_ADDR, "10.0.0.1/32", "10.0.0.1/32", SSF_ELEM_PREFIX },
		{ SSF_SET_ADDR, "0.0.0.0/0", "0.0.0.0/0", SSF_ELEM_PREFIX },
		{ SSF_SET_ADDR, "10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.9",
		  SSF_ELEM_RANGE },
		{ SSF_SET_ADDR, "2001:db8::1", "2001:db8::1", SSF_ELEM_ADDR },
		{ SSF_SET_ADDR, "2001:DB8:0::/32", "2001:db8::/32",
		  SSF_ELEM_PREFIX },
		{ SSF_SET_ADDR, "::1-::ff", "::1-::ff", SSF_ELEM_RANGE },
		{ SSF_SET_PORT, "80", "80", SSF_ELEM_PORT },
		{ SSF_SET_PORT, "0", "0", SSF_ELEM_PORT },
		{ SSF_SET_PORT, "1024-65535", "1024-65535", SSF_ELEM_PORT_RANGE },
		{ SSF_SET_PORT, "7-7", "7-7", SSF_ELEM_PORT_RANGE },
	};
	static const struct {
		u8 type;
		const char *in, *msg;
	} bad[] = {
		{ SSF_SET_ADDR, "10.0.0.300",
		  "bad address element \"10.0.0.300\" (an address, a prefix a/n or a range a-b)" },
		{ SSF_SET_ADDR, "80",
		  "bad address element \"80\" (an address, a prefix a/n or a range a-b)" },
		{ SSF_SET_ADDR, "10.0.0.1/8",
		  "element \"10.0.0.1/8\": address has bits set beyond its prefix length" },
		{ SSF_SET_ADDR, "10.0.0.0/33",
		  "bad prefix length in element \"10.0.0.0/33\" (0-32 for IPv4)" },
		{ SSF_SET_ADDR, "::/129",
		  "bad prefix length in element \"::/129\" (0-128 for IPv6)" },
		{ SSF_SET_ADDR, "10.0.0.9-10.0.0.1",
		  "element \"10.0.0.9-10.0.0.1\": address range is reversed" },
		{ SSF_SET_ADDR, "10.0.0.1-::1",
		  "bad range element \"10.0.0.1-::1\" (a-b: two addresses of one family)" },
		{ SSF_SET_ADDR, "10.0.0.1-",
		  "bad range element \"10.0.0.1-\" (a-b: two addresses of one family)" },
		{ SSF_SET_PORT, "65536",
		  "bad port element \"65536\" (a port 0-65535 or a range p-q)" },
		{ SSF_SET_PORT, "10.0.0.1",
		  "bad port element \"10.0.0.1\" (a port 0-65535 or a range p-q)" },
		{ SSF_SET_PORT, "90-80", "element \"90-80\": port range is reversed" },
		{ SSF_SET_PORT, "", "bad port element \"\" (a port 0-65535 or a range p-q)" },
	};
	char s[SSF_ELEM_STRLEN];
	struct ssfctl_polerr e;
	struct ssf_elem el;
	size_t i;
	u32 t;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		if (ssf_elem_parse(ok[i].type, ok[i].in, strlen(ok[i].in), &el, &e)) {
			CHECK_STR(e.msg, "(no error)");
			continue;
		}
		CHECK_INT(el.kind, ok[i].kind);
		CHECK_STR(ssf_elem_fmt(s, sizeof(s), &el), ok[i].out);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CHECK_INT(ssf_elem_parse(bad[i].type, bad[i].in,
					 strlen(bad[i].in), &el, &e), -EINVAL);
		CHECK_STR(e.msg, bad[i].msg);
	}

	CHECK(ssf_timeout_parse("90", 2, &t) && t == 90);
	CHECK(ssf_timeout_parse("90s", 3, &t) && t == 90);
	CHECK(ssf_timeout_parse("5m", 2, &t) && t == 300);
	CHECK(ssf_timeout_parse("2h", 2, &t) && t == 7200);
	CHECK(ssf_timeout_parse("8760h", 5, &t) && t == SSF_SET_TIMEOUT_MAX);
	CHECK(!ssf_timeout_parse("8761h", 5, &t));
	CHECK(!ssf_timeout_parse("31536001", 8, &t));
	CHECK(!ssf_timeout_parse("0", 1, &t));
	CHECK(!ssf_timeout_parse("h", 1, &t));
	CHECK(!ssf_timeout_parse("5d", 2, &t));
	CHECK(!ssf_timeout_parse("-5", 2, &t));
	CHECK_STR(ssf_timeout_fmt(s, sizeof(s), 7200), "2h");
	CHECK_STR(ssf_timeout_fmt(s, sizeof(s), 300), "5m");
	CHECK_STR(ssf_timeout_fmt(s, sizeof(s), 90), "90");
	CHECK_STR(ssf_timeout_fmt(s, sizeof(s), 3660), "61m");
}

SSF_TEST(sets_file)
{
	static const char text[] =
		"generation 42\n"
		"set bad addr timeout 1h 10.0.0.0/8 2001:db8::/32\n"
		"set web port 80 443\n"
		"set bad timeout 90 192.168.1.1 10.1.1.1-10.1.1.9\n"
		"set bad 10.0.0.0/8   # twice is fine\n"
		"set empty addr\n"
		"rule in src @bad proto tcp dport @web drop\n";
	const struct ssfctl_polset *s;
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;

	if (!T_OK(!ssf_polparse(text, strlen(text), &pf, &e), "%s", e.msg))
		return;
	CHECK(pf.has_generation && pf.generation == 42);
	CHECK_INT(pf.nsets, 3);
	s = ssf_polfile_set(&pf, "bad");
	if (T_OK(s != NULL, "set bad")) {
		CHECK_INT(s->type, SSF_SET_ADDR);
		CHECK_INT(s->timeout, 3600);
		CHECK_INT(s->line, 2);
		CHECK_INT(s->nelems, 5);
		CHECK_INT(s->elems[0].e.expires, 0);
		CHECK_INT(s->elems[2].e.expires, 90);	/* its line's timeout */
		CHECK_INT(s->elems[3].e.kind, SSF_ELEM_RANGE);
		CHECK_INT(s->elems[3].line, 4);
		CHECK_INT(s->elems[4].e.expires, 0);
	}
	s = ssf_polfile_set(&pf, "web");
	CHECK(s && s->type == SSF_SET_PORT && s->timeout == 0 && s->nelems == 2);
	s = ssf_polfile_set(&pf, "empty");
	CHECK(s && s->nelems == 0);
	CHECK_INT(pf.nrules, 1);
	CHECK_STR(pf.rules[0].rule.set[SSF_RSET_SRC], "bad");
	CHECK_STR(pf.rules[0].rule.set[SSF_RSET_DPORT], "web");
	ssf_polfile_free(&pf);
	CHECK(pf.sets == NULL && pf.nsets == 0 && !pf.has_generation);
}

SSF_TEST(sets_file_errors)
{
	char *many;
	size_t i, o = 0;

	FILE_ERR("set p port 80\nrule in proto tcp src @p drop\n", 2,
		 "src \"@p\": \"p\" is a port set (line 1); src takes an address set");
	FILE_ERR("set a addr\nrule in proto tcp dport @a drop\n", 2,
		 "dport \"@a\": \"a\" is an address set (line 1); dport takes a port set");
	FILE_ERR("rule in src @later drop\nset later addr\n", 1,
		 "src \"@later\": no set \"later\" is declared before this rule");
	FILE_ERR("set a addr\nrule in dst @nope drop\n", 2,
		 "dst \"@nope\": no set \"nope\" is declared before this rule");
	FILE_ERR("set a addr\n\nset a addr 10.0.0.1\n", 3,
		 "set \"a\" is declared already (line 1); later lines add elements without a type");
	FILE_ERR("set a port\nset a addr\n", 2,
		 "set \"a\" is declared already (line 1); later lines add elements without a type");
	FILE_ERR("set a 10.0.0.1\n", 1,
		 "set \"a\" is not declared: its first line gives its type (set <name> addr|port [timeout <n>[s|m|h]] [<element>...])");
	FILE_ERR("set a addr\nset a\n", 2, "set \"a\": no elements on this line");
	FILE_ERR("set a addr\nset a timeout 5m\n", 2,
		 "set \"a\": no elements on this line");
	FILE_ERR("set\n", 1,
		 "set needs a name (set <name> addr|port [timeout <n>[s|m|h]] [<element>...])");
	FILE_ERR("set @a addr\n", 1,
		 "bad set name \"@a\" (1-31 letters, digits, '_', '.' or '-')");
	FILE_ERR("set \"a\" addr\n", 1,
		 "bad set name \"\\\"a\\\"\" (1-31 letters, digits, '_', '.' or '-')");
	FILE_ERR("set a addr 10.0.0.1\nset a 10.0.0.2 10.0.0.256\n", 2,
		 "bad address element \"10.0.0.256\" (an address, a prefix a/n or a range a-b)");
	FILE_ERR("set a addr 10.0.0.1/24\n", 1,
		 "element \"10.0.0.1/24\": address has bits set beyond its prefix length");
	FILE_ERR("set p port 1-2 3-4 9-5\n", 1,
		 "element \"9-5\": port range is reversed");
	FILE_ERR("set a addr timeout 0\n", 1,
		 "bad timeout \"0\" (<n>[s|m|h], 1 second to 365 days)");
	FILE_ERR("set a addr timeout\n", 1,
		 "bad timeout \"\" (<n>[s|m|h], 1 second to 365 days)");
	FILE_ERR("set a addr timeout 9000h\n", 1,
		 "bad timeout \"9000h\" (<n>[s|m|h], 1 second to 365 days)");
	FILE_ERR("set a addr\nset a timeout 1d 10.0.0.1\n", 2,
		 "bad timeout \"1d\" (<n>[s|m|h], 1 second to 365 days)");
	FILE_ERR("generation\n", 1,
		 "generation needs one number (generation <n>, as policy show prints it)");
	FILE_ERR("generation x\n", 1,
		 "generation needs one number (generation <n>, as policy show prints it): not \"x\"");
	FILE_ERR("generation 1 2\n", 1,
		 "generation needs one number (generation <n>, as policy show prints it): not \"1\"");
	FILE_ERR("generation 1\ngeneration 1\n", 2,
		 "duplicate generation (first on line 1)");

	/* at most SSF_SETS_MAX sets */
	many = malloc((SSF_SETS_MAX + 1) * 24);
	if (!many)
		return;
	for (i = 0; i <= SSF_SETS_MAX; i++)
		o += (size_t)sprintf(many + o, "set s%zu port\n", i);
	FILE_ERR(many, SSF_SETS_MAX + 1, "too many sets (at most 256 in a policy)");
	free(many);
}

/* text -> policy -> "policy show" -> policy: the same sets and rules. */
SSF_TEST(sets_roundtrip)
{
	struct ssfctl_polfile a, b;
	struct ssfctl_polerr e;
	char *text, *out, *out2;
	size_t i, o = 0, k;

	text = malloc(1 << 16);
	if (!text)
		return;
	o += (size_t)sprintf(text + o,
			     "set big addr timeout 10m\n"
			     "set ports port 22 80 443 1024-2047 80\n"
			     "set v6 addr ::1 2001:db8::/48 fe80::1-fe80::9\n");
	for (i = 0; i < 40; i++)
		o += (size_t)sprintf(text + o, "set big 10.%zu.0.0/16 10.200.0.%zu\n",
				     i, i);
	o += (size_t)sprintf(text + o,
			     "rule in src @big proto tcp dport @ports ct state new limit 5/second burst 9 accept\n"
			     "rule out dst @v6 ct state established,related accept\n");
	if (!T_OK(!ssf_polparse(text, o, &a, &e), "%s", e.msg))
		goto out_text;
	out = ssf_t_policy_show(&a, false, NULL);
	if (!T_OK(out != NULL, "show") ||
	    !T_OK(!ssf_polparse(out, strlen(out), &b, &e), "%s", e.msg)) {
		free(out);
		ssf_polfile_free(&a);
		goto out_text;
	}
	/* 80 came twice: one; 80 elements of big, 16 a line */
	CHECK(ssf_t_starts(out, "generation 1\ndefault in accept\n"));
	CHECK(strstr(out, "\nset ports port\nset ports 22 80 443 1024-2047\n") != NULL);
	CHECK(strstr(out, "\nset big addr timeout 10m\nset big 10.0.0.0/16 10.1.0.0/16 ") != NULL);
	CHECK_INT(ssf_t_count(out, "\nset big "), 1 + 80 / SSF_SET_LINE_ELEMS);
	CHECK(strstr(out, "\nset v6 addr\nset v6 ::1 2001:db8::/48 fe80::1-fe80::9\n") != NULL);
	CHECK(strstr(out, "\nrule in proto tcp src @big dport @ports ct state new limit 5/second burst 9 accept\n"
			  "rule out dst @v6 ct state established,related accept\n") != NULL);
	CHECK(b.has_generation && b.generation == 1);
	CHECK_INT(b.nsets, a.nsets);
	for (i = 0; i < a.nsets && i < b.nsets; i++) {
		CHECK_STR(b.sets[i].name, a.sets[i].name);
		CHECK_INT(b.sets[i].type, a.sets[i].type);
		CHECK_INT(b.sets[i].timeout, a.sets[i].timeout);
	}
	CHECK_INT(b.sets[0].nelems, 80);
	CHECK_INT(b.sets[1].nelems, 4);
	CHECK_INT(b.sets[2].nelems, 3);
	CHECK_INT(b.nrules, 2);
	for (k = 0; k < a.nrules && k < b.nrules; k++)
		CHECK(ssf_t_rule_eq(&a.rules[k].rule, &b.rules[k].rule));
	/* and printing is a fixed point */
	out2 = ssf_t_policy_show(&b, false, NULL);
	CHECK_STR(out2, out);
	free(out2);
	out2 = ssf_t_policy_show(&b, true, NULL);
	CHECK(out2 && strstr(out2, ",\"sets\":[{\"name\":\"big\",\"type\":\"addr\","
			     "\"timeout\":600,\"elements\":[{\"element\":\"10.0.0.0/16\"},") != NULL);
	CHECK(out2 && strstr(out2, "{\"name\":\"ports\",\"type\":\"port\",\"timeout\":0,"
			     "\"elements\":[{\"element\":\"22\"},{\"element\":\"80\"},"
			     "{\"element\":\"443\"},{\"element\":\"1024-2047\"}]}") != NULL);
	CHECK(out2 && strstr(out2, "\"src_set\":\"big\",\"dport_set\":\"ports\","
			     "\"ct_state\":[\"new\"],\"limit\":{\"rate\":5,\"unit\":\"second\","
			     "\"burst\":9},") != NULL);
	CHECK(out2 && strstr(out2, "\"dst_set\":\"v6\",\"ct_state\":[\"established\",\"related\"],") != NULL);
	free(out2);
	free(out);
	ssf_polfile_free(&a);
	ssf_polfile_free(&b);
out_text:
	free(text);
}

static void t_setlist(struct ssfctl_out *o, const void *arg)
{
	ssf_setlist_print(o, arg);
}

static void t_setshow(struct ssfctl_out *o, const void *arg)
{
	ssf_set_show_print(o, arg);
}

SSF_TEST(sets_print)
{
	struct ssf_elem el[3];
	struct ssfctl_setinfo v[2] = {
		{ .name = "blocked", .type = SSF_SET_ADDR, .timeout = 3600,
		  .count = 3, .memory = 4242, .elems = el, .nelems = 3 },
		{ .name = "p", .type = SSF_SET_PORT, .count = 123456,
		  .memory = 8192 },
	};
	struct ssfctl_setlist sl = { .v = v, .n = 2 };
	struct ssfctl_setlist none = { .n = 0 };
	struct ssfctl_polerr e;

	CHECK(!ssf_elem_parse(SSF_SET_ADDR, "10.0.0.0/8", 10, &el[0], &e));
	CHECK(!ssf_elem_parse(SSF_SET_ADDR, "10.1.2.3", 8, &el[1], &e));
	CHECK(!ssf_elem_parse(SSF_SET_ADDR, "::1", 3, &el[2], &e));
	el[1].expires = 3599;
	CHECK_PRINT(t_setlist, &sl,
		    "NAME     TYPE  ELEMENTS  TIMEOUT  MEMORY\n"
		    "blocked  addr         3  1h       4242\n"
		    "p        port    123456  -        8192\n",
		    "[{\"name\":\"blocked\",\"type\":\"addr\",\"elements\":3,"
		    "\"timeout\":3600,\"memory\":4242},{\"name\":\"p\",\"type\":\"port\","
		    "\"elements\":123456,\"timeout\":0,\"memory\":8192}]");
	CHECK_PRINT(t_setlist, &none, "no sets\n", "[]");
	CHECK_PRINT(t_setshow, &v[0],
		    "name:      blocked\n"
		    "type:      addr\n"
		    "timeout:   1h\n"
		    "elements:  3\n"
		    "memory:    4242 bytes\n"
		    "\n"
		    "ELEMENT     EXPIRES IN\n"
		    "10.0.0.0/8\n"
		    "10.1.2.3    3599s\n"
		    "::1\n",
		    "{\"name\":\"blocked\",\"type\":\"addr\",\"timeout\":3600,"
		    "\"elements\":[{\"element\":\"10.0.0.0/8\"},{\"element\":"
		    "\"10.1.2.3\",\"timeout\":3599},{\"element\":\"::1\"}]}");
	CHECK_PRINT(t_setshow, &v[1],
		    "name:      p\n"
		    "type:      port\n"
		    "timeout:   none\n"
		    "elements:  123456\n"
		    "memory:    8192 bytes\n",
		    "{\"name\":\"p\",\"type\":\"port\",\"timeout\":0,\"elements\":[]}");
}

SSF_TEST_PROC(sets_cli_usage)
{
	static const char *const cmds[] = {
		"list", "show", "add", "del", "flush", "load", "test",
	};
	char path[128], want[512];
	struct ssf_t_run r;
	size_t i;

	RUN(&r, NULL, "set", "--help");
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "  test <name> <address|port>") != NULL);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		RUN(&r, NULL, "set", cmds[i], "--help");
		CHECK_INT(r.status, 0);
		snprintf(want, sizeof(want), "usage: ssfctl set %s", cmds[i]);
		CHECK(ssf_t_starts(r.out, want));
	}
	RUN(&r, NULL, "set", "test", "--help");
	CHECK(strstr(r.out, "Exit status: 0 in the set, 1 not in it, 2 usage error, 3 other\n") != NULL);

	RUN(&r, NULL, "set", "add", "s");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set add: missing elements\nusage: ssfctl set add <name> <element>... [timeout <n>[s|m|h]]\n"));
	RUN(&r, NULL, "set", "add", "s", "10.0.0.1", "timeout", "5x");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set add: bad timeout \"5x\" (<n>[s|m|h], 1 second to 365 days)\n"));
	RUN(&r, NULL, "set", "add", "s", "timeout", "5m");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set add: missing elements\n"));
	RUN(&r, NULL, "set", "add");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set add: missing set name\n"));
	RUN(&r, NULL, "set", "del", "s");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "set", "flush", "s", "x");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set flush: unexpected argument \"x\"\n"));
	RUN(&r, NULL, "set", "load", "s");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set load: expected a set name and a file (- for stdin)\n"));
	RUN(&r, NULL, "set", "show");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "set", "list", "x");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "set", "test", "s");
	CHECK_INT(r.status, 2);
	CHECK(ssf_t_starts(r.err, "ssfctl: set test: expected a set name and an address or port\n"));
	RUN(&r, NULL, "set", "test", "--bogus", "s", "1");
	CHECK_INT(r.status, 2);
	RUN(&r, NULL, "set", "nope");
	CHECK_INT(r.status, 2);

	/* the file is read before the kernel is asked */
	RUN(&r, NULL, "set", "load", "s", "/nonexistent/elements");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.err, "ssfctl: set load: read /nonexistent/elements: No such file or directory\n");

	/* parse errors in a policy file name the file and line */
	ssf_t_write("sets.conf", "set web port 80\nrule in proto tcp src @web drop\n",
		    path, sizeof(path));
	RUN(&r, NULL, "policy", "load", path);
	CHECK_INT(r.status, 1);
	snprintf(want, sizeof(want),
		 "ssfctl: %s:2: src \"@web\": \"web\" is a port set (line 1); src takes an address set\n",
		 path);
	CHECK_STR(r.err, want);
}
