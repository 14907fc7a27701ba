// SPDX-License-Identifier: GPL-2.0
/*
 * Policy parser: every word of the grammar, every error with its message
 * and line, comments and blank lines, and the round trip
 * text -> rules -> text -> rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "polparse.h"
#include "print.h"

#define IN	SSF_DIR_IN
#define OUT	SSF_DIR_OUT
#define FWD	SSF_DIR_FWD
#define ACC	SSF_ACT_ACCEPT
#define DROP	SSF_ACT_DROP
#define V4	SSF_FAMILY_IPV4
#define V6	SSF_FAMILY_IPV6

#define RULE_OK(text, ...) \
	t_rule_ok(__LINE__, text, (struct ssf_rule){ __VA_ARGS__ })
#define RULE_ERR(text, msg) t_rule_err(__LINE__, text, sizeof(text) - 1, msg)
#define FILE_ERR(text, line, msg) \
	t_file_err(__LINE__, text, sizeof(text) - 1, line, msg)

static void t_rule_ok(int line, const char *text, struct ssf_rule want)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;

	if (ssf_polparse_rule(text, strlen(text), &r, &e)) {
		t_check_str(e.msg, "(no error)", __FILE__, line, text);
		return;
	}
	t_check(ssf_t_rule_eq(&r, &(struct ssfctl_rule){ .r = want }), __FILE__,
		line, "%s", text);
}

static void t_rule_err(int line, const char *text, size_t len, const char *msg)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;
	int ret;

	ret = ssf_polparse_rule(text, len, &r, &e);
	t_check_int(ret, -EINVAL, __FILE__, line, text);
	t_check_str(ret ? e.msg : "(parsed)", msg, __FILE__, line, text);
	t_check_int(e.line, 0, __FILE__, line, text);
}

static void t_file_err(int line, const char *text, size_t len,
		       unsigned int want_line, const char *msg)
{
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	int ret;

	ret = ssf_polparse(text, len, &pf, &e);
	t_check_int(ret, -EINVAL, __FILE__, line, text);
	if (!ret) {
		ssf_polfile_free(&pf);
		return;
	}
	t_check_int(e.line, want_line, __FILE__, line, text);
	t_check_str(e.msg, msg, __FILE__, line, text);
	/* a failed parse leaves nothing to free */
	t_check(pf.rules == NULL && pf.nrules == 0, __FILE__, line, "%s", text);
}

SSF_TEST(polparse_words)
{
	/* directions and actions */
	RULE_OK("in accept", .dir = IN, .action = ACC);
	RULE_OK("out accept", .dir = OUT, .action = ACC);
	RULE_OK("fwd drop", .dir = FWD, .action = DROP);
	RULE_OK("drop in", .dir = IN, .action = DROP);	/* any order */

	/* family */
	RULE_OK("in family ip accept", .family = V4);
	RULE_OK("in family ip6 drop", .family = V6, .action = DROP);

	/* proto: every name, numbers */
	RULE_OK("in proto icmp accept", .match = SSF_RM_PROTO, .proto = 1);
	RULE_OK("in proto tcp accept", .match = SSF_RM_PROTO, .proto = 6);
	RULE_OK("in proto udp accept", .match = SSF_RM_PROTO, .proto = 17);
	RULE_OK("in proto icmpv6 accept", .match = SSF_RM_PROTO, .proto = 58);
	RULE_OK("in proto sctp accept", .match = SSF_RM_PROTO, .proto = 132);
	RULE_OK("in proto udplite accept", .match = SSF_RM_PROTO, .proto = 136);
	RULE_OK("in proto 0 accept", .match = SSF_RM_PROTO, .proto = 0);
	RULE_OK("in proto 47 accept", .match = SSF_RM_PROTO, .proto = 47);
	RULE_OK("in proto 255 accept", .match = SSF_RM_PROTO, .proto = 255);

	/* src / dst: prefixes, hosts, both families, the family inferred */
	RULE_OK("in src 10.0.0.0/8 accept", .family = V4, .match = SSF_RM_SRC,
		.src = { .b = { 10 } }, .src_plen = 8);
	RULE_OK("in src 10.1.2.3 accept", .family = V4, .match = SSF_RM_SRC,
		.src = { .b = { 10, 1, 2, 3 } }, .src_plen = 32);
	RULE_OK("in src 0.0.0.0/0 accept", .family = V4, .match = SSF_RM_SRC,
		.src_plen = 0);
	RULE_OK("in dst 192.168.1.0/24 drop", .family = V4, .action = DROP,
		.match = SSF_RM_DST, .dst = { .b = { 192, 168, 1 } },
		.dst_plen = 24);
	RULE_OK("out src 2001:db8::/32 accept", .dir = OUT, .family = V6,
		.match = SSF_RM_SRC, .src = { .b = { 0x20, 0x01, 0x0d, 0xb8 } },
		.src_plen = 32);
	RULE_OK("out dst ::1 accept", .dir = OUT, .family = V6,
		.match = SSF_RM_DST, .dst = { .b = { [15] = 1 } },
		.dst_plen = 128);
	RULE_OK("in dst ::/0 accept", .family = V6, .match = SSF_RM_DST);
	RULE_OK("in family ip src 10.0.0.0/8 dst 10.0.0.1 accept", .family = V4,
		.match = SSF_RM_SRC | SSF_RM_DST, .src = { .b = { 10 } },
		.src_plen = 8, .dst = { .b = { 10, 0, 0, 1 } }, .dst_plen = 32);
	RULE_OK("in family ip6 dst fe80::/10 accept", .family = V6,
		.match = SSF_RM_DST, .dst = { .b = { 0xfe, 0x80 } },
		.dst_plen = 10);

	/* ports */
	RULE_OK("in proto tcp dport 22 accept",
		.match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = 6,
		.dport_min = 22, .dport_max = 22);
	RULE_OK("in proto udp sport 1024-65535 accept",
		.match = SSF_RM_PROTO | SSF_RM_SPORT, .proto = 17,
		.sport_min = 1024, .sport_max = 65535);
	RULE_OK("in proto sctp sport 0 dport 0-0 accept",
		.match = SSF_RM_PROTO | SSF_RM_SPORT | SSF_RM_DPORT,
		.proto = 132);
	RULE_OK("in proto udplite dport 65535 accept",
		.match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = 136,
		.dport_min = 65535, .dport_max = 65535);
	RULE_OK("in proto 6 dport 80 accept",
		.match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = 6,
		.dport_min = 80, .dport_max = 80);

	/* everything, in any order, with odd spacing and a comment */
	RULE_OK("\taccept dport 443 proto tcp  dst 10.0.0.0/8 in src 10.9.0.0/16\r"
		" sport 1-2 family ip # https",
		.family = V4, .match = SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DST |
		SSF_RM_SPORT | SSF_RM_DPORT, .proto = 6,
		.src = { .b = { 10, 9 } }, .src_plen = 16,
		.dst = { .b = { 10 } }, .dst_plen = 8,
		.sport_min = 1, .sport_max = 2, .dport_min = 443,
		.dport_max = 443);
	RULE_OK("in accept#comment right after a word", .dir = IN);
}

SSF_TEST(polparse_rule_errors)
{
	RULE_ERR("", "missing direction (in, out or fwd)");
	RULE_ERR("# only a comment", "missing direction (in, out or fwd)");
	RULE_ERR("accept", "missing direction (in, out or fwd)");
	RULE_ERR("in", "missing action (accept, drop or reject)");
	RULE_ERR("in proto tcp dprot 22 accept", "unknown word \"dprot\"");
	RULE_ERR("in ACCEPT", "unknown word \"ACCEPT\"");
	RULE_ERR("in out accept", "duplicate direction: \"out\" after \"in\"");
	RULE_ERR("in in accept", "duplicate direction: \"in\" after \"in\"");
	RULE_ERR("in accept drop", "duplicate action: \"drop\" after \"accept\"");
	RULE_ERR("in proto tcp proto udp accept", "duplicate \"proto\"");
	RULE_ERR("in family ip family ip accept", "duplicate \"family\"");
	RULE_ERR("in src 1.2.3.4 src 1.2.3.4 accept", "duplicate \"src\"");
	RULE_ERR("in dst 1.2.3.4 dst 1.2.3.5 accept", "duplicate \"dst\"");
	RULE_ERR("in proto tcp sport 1 sport 2 accept", "duplicate \"sport\"");
	RULE_ERR("in proto tcp dport 1 dport 2 accept", "duplicate \"dport\"");

	/* missing values */
	RULE_ERR("accept in family", "\"family\" needs a family (ip or ip6)");
	RULE_ERR("accept in proto", "\"proto\" needs a protocol");
	RULE_ERR("accept in src", "\"src\" needs an address or prefix");
	RULE_ERR("accept in dst", "\"dst\" needs an address or prefix");
	RULE_ERR("accept in proto tcp sport", "\"sport\" needs a port or port range");
	RULE_ERR("accept in proto tcp dport", "\"dport\" needs a port or port range");

	/* bad values */
	RULE_ERR("in family ipv4 accept", "unknown family \"ipv4\" (expected ip or ip6)");
	RULE_ERR("in proto tcpx accept", "unknown protocol \"tcpx\" (a name or 0-255)");
	RULE_ERR("in proto 256 accept", "unknown protocol \"256\" (a name or 0-255)");
	RULE_ERR("in proto -1 accept", "unknown protocol \"-1\" (a name or 0-255)");
	RULE_ERR("in src 10.0.0.256 accept", "bad src address \"10.0.0.256\"");
	RULE_ERR("in dst 10.0.0 accept", "bad dst address \"10.0.0\"");
	RULE_ERR("in src fe80::1%eth0 accept", "bad src address \"fe80::1%eth0\"");
	RULE_ERR("in src host.example accept", "bad src address \"host.example\"");
	RULE_ERR("in src 10.0.0.0/33 accept",
		 "bad prefix length in src \"10.0.0.0/33\" (0-32 for IPv4)");
	RULE_ERR("in dst ::/129 accept",
		 "bad prefix length in dst \"::/129\" (0-128 for IPv6)");
	RULE_ERR("in src 10.0.0.0/ accept",
		 "bad prefix length in src \"10.0.0.0/\" (0-32 for IPv4)");
	RULE_ERR("in src 10.0.0.0/8/8 accept",
		 "bad prefix length in src \"10.0.0.0/8/8\" (0-32 for IPv4)");
	RULE_ERR("in src 10.0.0.0/+8 accept",
		 "bad prefix length in src \"10.0.0.0/+8\" (0-32 for IPv4)");
	RULE_ERR("in src 10.0.0.1/8 accept",
		 "src \"10.0.0.1/8\" has host bits set (the network is 10.0.0.0/8)");
	RULE_ERR("in dst 2001:db8::1/32 accept",
		 "dst \"2001:db8::1/32\" has host bits set (the network is 2001:db8::/32)");
	RULE_ERR("in proto tcp dport 70000 accept",
		 "bad dport \"70000\" (a port 0-65535, a range p-q or a port set @name)");
	RULE_ERR("in proto tcp dport -5 accept",
		 "bad dport \"-5\" (a port 0-65535, a range p-q or a port set @name)");
	RULE_ERR("in proto tcp dport 5- accept",
		 "bad dport \"5-\" (a port 0-65535, a range p-q or a port set @name)");
	RULE_ERR("in proto tcp sport 1-2-3 accept",
		 "bad sport \"1-2-3\" (a port 0-65535, a range p-q or a port set @name)");
	RULE_ERR("in proto tcp sport ssh accept",
		 "bad sport \"ssh\" (a port 0-65535, a range p-q or a port set @name)");
	RULE_ERR("in proto tcp dport 99999999999 accept",
		 "bad dport \"99999999999\" (a port 0-65535, a range p-q or a port set @name)");

	/* cross-field checks */
	RULE_ERR("in family ip6 src 10.0.0.1 accept",
		 "family ip6 does not match src \"10.0.0.1\" (IPv4)");
	RULE_ERR("in family ip dst ::1 accept",
		 "family ip does not match dst \"::1\" (IPv6)");
	RULE_ERR("in src 10.0.0.1 dst ::1 accept",
		 "src is IPv4 but dst is IPv6: a rule is for one family");
	/* these come from ssf_rule_verify(), the kernel's checker */
	RULE_ERR("in dport 22 accept",
		 "a port match needs proto tcp, udp, sctp or udplite");
	RULE_ERR("in proto icmp sport 1 accept",
		 "a port match needs proto tcp, udp, sctp or udplite");
	RULE_ERR("in proto tcp dport 20-10 accept",
		 "destination port range is reversed");
	RULE_ERR("in proto tcp sport 20-10 accept",
		 "source port range is reversed");

	/* words are quoted safely in messages */
	RULE_ERR("in \x01\\ accept", "unknown word \"\\x01\\\\\"");
	RULE_ERR("in \x01\"\\ accept",
		 "a quote inside the word \"\\x01\\\"\" (quote the whole word)");
	RULE_ERR("in \0 accept", "unknown word \"\\x00\"");
	RULE_ERR("in aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa accept",
		 "unknown word \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"");
	RULE_ERR("in accept\nout drop", "a rule is one line");
}

SSF_TEST(polparse_too_many_words)
{
	char text[SSF_POL_MAX_WORDS * 3 + 16];
	struct ssfctl_polerr e;
	struct ssfctl_rule r;
	int i, n = 0;

	/* exactly the limit is cut into words (then fails as a rule) ... */
	for (i = 0; i < SSF_POL_MAX_WORDS; i++)
		n += sprintf(text + n, "in ");
	CHECK_INT(ssf_polparse_rule(text, (size_t)n, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "duplicate direction: \"in\" after \"in\"");
	/* ... one more is not */
	n += sprintf(text + n, "in");
	CHECK_INT(ssf_polparse_rule(text, (size_t)n, &r, &e), -EINVAL);
	CHECK_STR(e.msg, "too many words (more than 64)");
}

SSF_TEST(polparse_file)
{
	static const char text[] =
		"# a policy\n"
		"\n"
		"default in drop   # comment\n"
		"   default fwd drop\n"
		"rule in proto tcp dport 22 accept\r\n"
		"\t\n"
		"rule out dst 2001:db8::/32 drop\n"
		"rule fwd accept";	/* no final newline */
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;

	CHECK_INT(ssf_polparse(text, sizeof(text) - 1, &pf, &e), 0);
	CHECK_INT(pf.defaults[SSF_DIR_IN], DROP);
	CHECK_INT(pf.defaults[SSF_DIR_OUT], ACC);	/* unspecified: accept */
	CHECK_INT(pf.defaults[SSF_DIR_FWD], DROP);
	CHECK_INT(pf.defaults_set, (1 << SSF_DIR_IN) | (1 << SSF_DIR_FWD));
	CHECK_INT(pf.nrules, 3);
	if (pf.nrules == 3) {
		CHECK_INT(pf.rules[0].line, 5);
		CHECK_INT(pf.rules[0].rule.r.dport_min, 22);
		CHECK_INT(pf.rules[1].line, 7);
		CHECK_INT(pf.rules[1].rule.r.family, V6);
		CHECK_INT(pf.rules[2].line, 8);
		CHECK_INT(pf.rules[2].rule.r.dir, FWD);
		/* the checker ran: the masks are derived */
		CHECK_INT(pf.rules[1].rule.r.dst_mask.b[3], 0xff);
		CHECK_INT(pf.rules[1].rule.r.dst_mask.b[4], 0);
	}
	ssf_polfile_free(&pf);

	/* empty files, blank and comment-only files */
	CHECK_INT(ssf_polparse(NULL, 0, &pf, &e), 0);
	CHECK_INT(pf.nrules, 0);
	CHECK_INT(pf.defaults[SSF_DIR_IN], ACC);
	ssf_polfile_free(&pf);
	CHECK_INT(ssf_polparse("\n\n# x\n  \n", 9, &pf, &e), 0);
	CHECK_INT(pf.nrules, 0);
	ssf_polfile_free(&pf);

	/* many rules: the array grows */
	{
		size_t n = 1000, i, len = 0;
		char *big = malloc(n * 32);

		for (i = 0; i < n; i++)
			len += (size_t)sprintf(big + len, "rule in proto %zu drop\n",
					       i % 256);
		CHECK_INT(ssf_polparse(big, len, &pf, &e), 0);
		CHECK_INT(pf.nrules, n);
		CHECK_INT(pf.rules[999].line, 1000);
		CHECK_INT(pf.rules[999].rule.r.proto, 999 % 256);
		ssf_polfile_free(&pf);
		free(big);
	}
}

SSF_TEST(polparse_file_errors)
{
	FILE_ERR("default in drop\nrule in dprot 1 accept\n", 2,
		 "unknown word \"dprot\"");
	FILE_ERR("# c\n\nrule in accept\nrul in accept\n", 4,
		 "unknown statement \"rul\" (expected generation, default, mode, set, rule or validate)");
	FILE_ERR("default in\n", 1,
		 "default needs a direction and an action (default in|out|fwd accept|drop|reject)");
	FILE_ERR("default\n", 1,
		 "default needs a direction and an action (default in|out|fwd accept|drop|reject)");
	FILE_ERR("\ndefault up drop\n", 2,
		 "unknown direction \"up\" (expected in, out or fwd)");
	FILE_ERR("default in deny\n", 1,
		 "unknown action \"deny\" (expected accept, drop or reject)");
	FILE_ERR("default in drop extra\n", 1,
		 "unexpected word \"extra\" after the default action");
	FILE_ERR("default in drop\ndefault out drop\ndefault in accept\n", 3,
		 "duplicate default for in");
	FILE_ERR("rule in accept\r\nrule out dropx\r\n", 2,
		 "unknown word \"dropx\"");
	FILE_ERR("rule in accept\nrule out", 2,
		 "missing action (accept, drop or reject)");
	FILE_ERR("rule\n", 1, "missing direction (in, out or fwd)");
	FILE_ERR("rule in accept\n\n\n\n\n\nrule in proto tcp dport 1-0 accept\n", 7,
		 "destination port range is reversed");
	FILE_ERR("rule in src 10.0.0.1/24 accept # comment\n", 1,
		 "src \"10.0.0.1/24\" has host bits set (the network is 10.0.0.0/24)");
	FILE_ERR("\"rule\" in accept\n", 1,
		 "unknown statement \"\\\"rule\\\"\" (expected generation, default, mode, set, rule or validate)");
	FILE_ERR("rule in accept\n\x00rule", 2,
		 "unknown statement \"\\x00rule\" (expected generation, default, mode, set, rule or validate)");
}

/* Policy -> text (as "policy show" prints it) -> policy: the same rules. */
static char *t_policy_text(const struct ssfctl_polfile *pf, size_t *len)
{
	char *s = ssf_t_policy_show(pf, false, NULL);

	*len = s ? strlen(s) : 0;
	return s;
}

static void t_roundtrip_text(const char *text)
{
	struct ssfctl_polfile a, b;
	struct ssfctl_polerr e;
	char *out, *out2;
	size_t len, len2, i;
	bool same = true;

	if (ssf_polparse(text, strlen(text), &a, &e)) {
		CHECK_STR(e.msg, "(no error)");
		return;
	}
	out = t_policy_text(&a, &len);
	CHECK(out != NULL);
	if (!out) {
		ssf_polfile_free(&a);
		return;
	}
	if (ssf_polparse(out, len, &b, &e)) {
		CHECK_STR(e.msg, "(no error on the printed policy)");
		printf("# printed:\n%s", out);
		free(out);
		ssf_polfile_free(&a);
		return;
	}
	CHECK_INT(b.nrules, a.nrules);
	CHECK(!memcmp(a.defaults, b.defaults, sizeof(a.defaults)));
	CHECK_INT(b.defaults_set, 7);	/* show prints all three */
	for (i = 0; i < a.nrules && i < b.nrules; i++)
		if (!ssf_t_rule_eq(&a.rules[i].rule, &b.rules[i].rule))
			same = false;
	CHECK(same);
	/* and printing is a fixed point */
	out2 = t_policy_text(&b, &len2);
	CHECK(out2 && len2 == len && !memcmp(out, out2, len));
	free(out2);
	free(out);
	ssf_polfile_free(&a);
	ssf_polfile_free(&b);
}

SSF_TEST(polparse_roundtrip)
{
	uint64_t seed = 0x5eed5eed12345678ULL;
	char text[SSF_RULE_STRLEN];
	struct ssfctl_rule r, back;
	struct ssfctl_polerr e;
	int i, bad = 0, bad_parse = 0;

	t_roundtrip_text("");
	t_roundtrip_text("default fwd drop\n"
			 "rule in proto tcp dport 22 accept\n"
			 "rule in family ip6 proto icmpv6 accept\n"
			 "rule in src 10.0.0.0/8 dst 10.1.0.0/16 proto udp sport 53 drop\n"
			 "rule out family ip accept\n"
			 "rule fwd dst ::ffff:1.2.3.4 proto 47 drop\n"
			 "rule fwd src 0.0.0.0/0 drop\n"
			 "rule in proto sctp sport 0-65535 dport 7-9 accept\n"
			 "rule in drop\n");

	/* random rules: rule -> text -> rule */
	for (i = 0; i < 5000; i++) {
		ssf_t_rule_random(&r, &seed);
		ssf_rule_fmt(text, sizeof(text), &r);
		if (ssf_polparse_rule(text, strlen(text), &back, &e)) {
			if (!bad_parse++)
				printf("# \"%s\": %s\n", text, e.msg);
			continue;
		}
		if (!ssf_t_rule_eq(&r, &back) && !bad++)
			printf("# \"%s\" came back different\n", text);
	}
	CHECK_INT(bad_parse, 0);
	CHECK_INT(bad, 0);
}

