// SPDX-License-Identifier: GPL-2.0
/*
 * Printers: rule text in canonical order, prefixes and ports, policy
 * statements, and the JSON form of a rule.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "print.h"
#include "polparse.h"

static struct ssfctl_rule t_parse(const char *text)
{
	struct ssfctl_polerr e;
	struct ssfctl_rule r;

	memset(&r, 0, sizeof(r));
	if (ssf_polparse_rule(text, strlen(text), &r, &e))
		printf("# cannot parse \"%s\": %s\n", text, e.msg);
	return r;
}

#define FMT(in, want) t_fmt(__LINE__, in, want)
static void t_fmt(int line, const char *in, const char *want)
{
	struct ssfctl_rule r = t_parse(in);
	char s[SSF_RULE_STRLEN];

	ssf_rule_fmt(s, sizeof(s), &r);
	t_check_str(s, want, __FILE__, line, in);
}

SSF_TEST(print_rule_text)
{
	char s[SSF_RULE_STRLEN];
	struct ssfctl_rule r;
	size_t n;

	FMT("in accept", "in accept");
	FMT("drop fwd", "fwd drop");
	FMT("accept dport 22 proto tcp in", "in proto tcp dport 22 accept");
	FMT("in family ip accept", "in family ip accept");
	FMT("in family ip6 drop", "in family ip6 drop");
	/* family is implied by an address */
	FMT("in family ip src 10.0.0.0/8 accept", "in src 10.0.0.0/8 accept");
	FMT("in src 10.1.2.3/32 accept", "in src 10.1.2.3 accept");
	FMT("in dst 2001:DB8:0:0::/64 accept", "in dst 2001:db8::/64 accept");
	FMT("in dst ::1/128 accept", "in dst ::1 accept");
	FMT("in src 0.0.0.0/0 accept", "in src 0.0.0.0/0 accept");
	FMT("in proto 6 accept", "in proto tcp accept");
	FMT("in proto 47 accept", "in proto 47 accept");
	FMT("in proto icmpv6 accept", "in proto icmpv6 accept");
	FMT("in proto udp sport 5-5 dport 1024-65535 drop",
	    "in proto udp sport 5 dport 1024-65535 drop");
	FMT("fwd dport 443 sport 1000-2000 dst 10.0.0.0/8 src 10.1.0.0/16 proto tcp accept",
	    "fwd proto tcp src 10.1.0.0/16 dst 10.0.0.0/8 sport 1000-2000 dport 443 accept");

	/* values this ssfctl has no name for stay visible */
	memset(&r, 0, sizeof(r));
	r.r.dir = 7;
	r.r.action = 9;
	r.r.family = 5;
	ssf_rule_fmt(s, sizeof(s), &r);
	CHECK_STR(s, "<direction 7> <family 5> <action 9>");

	/* snprintf semantics */
	r = t_parse("in proto tcp dport 22 accept");
	n = ssf_rule_fmt(s, 8, &r);
	CHECK_INT(n, strlen("in proto tcp dport 22 accept"));
	CHECK_STR(s, "in prot");
	n = ssf_rule_fmt(s, 0, &r);
	CHECK_INT(n, strlen("in proto tcp dport 22 accept"));
}

/* "policy show" of a small policy, as a file and as JSON. */
SSF_TEST(print_statements)
{
	static const char text[] =
		"default in drop\ndefault fwd drop\nmode audit\n"
		"validate tcp-null off\nvalidate ip6-exthdr-max 3\n"
		"rule out proto udp dport 53 accept\n"
		"rule in icmp-type 250 drop log \"a\\x1bb\" comment \"c \\\"d\\\"\"\n";
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	char *s;

	if (!T_OK(!ssf_polparse(text, sizeof(text) - 1, &pf, &e), "%s", e.msg))
		return;
	s = ssf_t_policy_show(&pf, false, NULL);
	CHECK_STR(s, "generation 1\n"
		     "default in drop\ndefault out accept\ndefault fwd drop\n"
		     "mode audit\n"
		     "validate tcp-null off\nvalidate ip6-exthdr-max 3\n"
		     "rule out proto udp dport 53 accept\n"
		     "rule in proto icmp icmp-type 250 drop log \"a\\x1bb\" comment \"c \\\"d\\\"\"\n");
	free(s);
	s = ssf_t_policy_show(&pf, true, NULL);
	CHECK(ssf_t_starts(s, "{\"generation\":1,\"defaults\":{\"in\":\"drop\","
			      "\"out\":\"accept\",\"fwd\":\"drop\"},\"mode\":\"audit\","
			      "\"validate\":{\"checks\":{\"ip4-truncated\":{\"action\":"
			      "\"drop\",\"packets\":0},"));
	CHECK(strstr(s, "\"tcp-null\":{\"action\":\"off\",\"packets\":0},") != NULL);
	CHECK(strstr(s, "},\"ip6_exthdr_max\":3},\"sets\":[],\"rules\":[{\"id\":1,\"dir\":\"out\","
			"\"action\":\"accept\",\"proto\":\"udp\",\"dport\":\"53\","
			"\"packets\":0,\"bytes\":0,"
			"\"text\":\"out proto udp dport 53 accept\"},{\"id\":2,") != NULL);
	CHECK(strstr(s, "\"log\":true,\"log_prefix\":\"a\\u001bb\","
			"\"comment\":\"c \\\"d\\\"\",\"packets\":0,\"bytes\":0,"
			"\"text\":\"in proto icmp icmp-type 250 drop log \\\"a\\\\x1bb\\\" "
			"comment \\\"c \\\\\\\"d\\\\\\\"\\\"\"}]}\n") != NULL);
	free(s);
	ssf_polfile_free(&pf);
}

SSF_TEST(print_prefix_ports)
{
	union ssf_addr a = { .b = { 10, 0, 0, 1 } };
	char s[SSF_PREFIX_STRLEN];

	CHECK_STR(ssf_prefix_fmt(s, sizeof(s), SSF_FAMILY_IPV4, &a, 32, true),
		  "10.0.0.1");
	CHECK_STR(ssf_prefix_fmt(s, sizeof(s), SSF_FAMILY_IPV4, &a, 32, false),
		  "10.0.0.1/32");
	memset(&a, 0xff, sizeof(a));
	CHECK_STR(ssf_prefix_fmt(s, sizeof(s), SSF_FAMILY_IPV6, &a, 128, false),
		  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	CHECK_STR(ssf_ports_fmt(s, sizeof(s), 0, 65535), "0-65535");
	CHECK_STR(ssf_ports_fmt(s, sizeof(s), 80, 80), "80");
}

static char *t_json_rule(const struct ssfctl_rule *r)
{
	struct ssfctl_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	ssf_json_init(&j, f);
	ssf_json_obj_open(&j);
	ssf_rule_json(&j, r, NULL);
	ssf_json_obj_close(&j);
	fclose(f);
	return buf;
}

SSF_TEST(print_rule_json)
{
	struct ssfctl_rule r;
	char *s;

	r = t_parse("in proto tcp src 10.0.0.0/8 dst 10.1.2.3 sport 1024-65535 dport 22 accept");
	r.r.id = 3;
	s = t_json_rule(&r);
	CHECK_STR(s, "{\"id\":3,\"dir\":\"in\",\"action\":\"accept\",\"family\":\"ip\","
		     "\"proto\":\"tcp\",\"src\":\"10.0.0.0/8\",\"dst\":\"10.1.2.3/32\","
		     "\"sport\":\"1024-65535\",\"dport\":\"22\",\"text\":"
		     "\"in proto tcp src 10.0.0.0/8 dst 10.1.2.3 sport 1024-65535 dport 22 accept\"}");
	free(s);

	r = t_parse("fwd drop");
	r.r.id = 1;
	s = t_json_rule(&r);
	CHECK_STR(s, "{\"id\":1,\"dir\":\"fwd\",\"action\":\"drop\",\"text\":\"fwd drop\"}");
	free(s);

	r = t_parse("out family ip6 proto 47 accept");
	s = t_json_rule(&r);
	CHECK_STR(s, "{\"id\":0,\"dir\":\"out\",\"action\":\"accept\",\"family\":\"ip6\","
		     "\"proto\":47,\"text\":\"out family ip6 proto 47 accept\"}");
	free(s);

	r = t_parse("in dst ::1 accept");
	s = t_json_rule(&r);
	CHECK_STR(s, "{\"id\":0,\"dir\":\"in\",\"action\":\"accept\",\"family\":\"ip6\","
		     "\"dst\":\"::1/128\",\"text\":\"in dst ::1 accept\"}");
	free(s);

	memset(&r, 0, sizeof(r));
	r.r.dir = 7;
	r.r.action = 9;
	s = t_json_rule(&r);
	CHECK_STR(s, "{\"id\":0,\"dir\":7,\"action\":9,\"text\":\"<direction 7> <action 9>\"}");
	free(s);
}

