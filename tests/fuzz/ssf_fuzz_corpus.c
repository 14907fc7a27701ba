// SPDX-License-Identifier: GPL-2.0
/*
 * Seed corpus generator: `ssf_fuzz_corpus DIR` writes DIR/ip4, DIR/ip6,
 * DIR/polparse and DIR/extack. The packet seeds are the validation cases
 * (module/tests/ssf_cases_*.c): each packet that trips a reason and its
 * well-formed twin, behind the ssf_fuzz.h prefix (bad packets with every
 * reason audit, so the fuzzer starts past the first check; twins with the
 * defaults), and the truncation cases whole. The policy seeds are small
 * policy files; the extack seed a netlink error message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ssf_fuzz.h"
#include "ssf_cases.h"
#include "ssf_rnd.h"

static const char * const policies[] = {
	"default in drop\ndefault out accept\ndefault fwd drop\n"
	"rule in proto tcp dport 22 accept\n"
	"rule in family ip src 10.0.0.0/8 drop\n",
	"rule out family ip6 dst 2001:db8::/32 proto udp sport 1000-2000 "
	"accept  # comment\n",
	"rule fwd proto icmp drop\nrule in proto icmpv6 accept\n"
	"rule in proto 47 drop\n",
	"  # only a comment\n\n\t\n",
	"rule in proto sctp src 192.0.2.1 dst 198.51.100.0/24 dport 9-9 "
	"accept",
	"rule in dport 80 accept\n",
	"rule in src 10.0.0.1/33 drop\n",
	"rule in out accept\n",
	"default sideways drop\n",
	"validate all drop\nvalidate ip4-zero-ttl audit\n"
	"validate tcp-port-zero off\n",
	"mode off\n",
};

/* NLMSG_ERROR, seq 1, error -EINVAL, no request quoted */
static const u8 nlmsgerr[20] = {
	0x24, 0, 0, 0, 0x02, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0,
	0xea, 0xff, 0xff, 0xff,
};

static void put(const char *dir, const char *name, const void *p,
		size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "ssf_fuzz_corpus: %s: %s\n", path,
			strerror(errno));
		exit(1);
	}
}

static void mkdir_p(const char *d)
{
	if (mkdir(d, 0755) && errno != EEXIST) {
		fprintf(stderr, "ssf_fuzz_corpus: %s: %s\n", d,
			strerror(errno));
		exit(1);
	}
}

/* write packet @t behind a prefix for @e and @acts */
static void seed(const char *dir, const char *name, const struct ssf_tb *t,
		 const struct ssf_case_env *e, u16 acts)
{
	static u8 buf[SSF_FUZZ_PREFIX + SSF_TB_MAX];

	buf[0] = e->ctx.path | (e->ctx.loopback ? 4 : 0) | (e->ctx.gso ? 8 : 0);
	buf[1] = e->exthdr_max;
	buf[2] = acts >> 8;
	buf[3] = acts;
	memcpy(buf + SSF_FUZZ_PREFIX, t->b, t->len);
	put(dir, name, buf, SSF_FUZZ_PREFIX + t->len);
}

int main(int argc, char **argv)
{
	char d4[400], d6[400], dp[400], dx[400], dc[400], name[96];
	struct ssf_tb *t = malloc(sizeof(*t));
	const struct ssf_case *c;
	struct ssf_case_env e;
	unsigned int i;
	int k;

	if (argc != 2 || !t) {
		fprintf(stderr, "usage: ssf_fuzz_corpus DIR\n");
		return 2;
	}
	snprintf(d4, sizeof(d4), "%s/ip4", argv[1]);
	snprintf(d6, sizeof(d6), "%s/ip6", argv[1]);
	snprintf(dp, sizeof(dp), "%s/polparse", argv[1]);
	snprintf(dx, sizeof(dx), "%s/extack", argv[1]);
	snprintf(dc, sizeof(dc), "%s/cls", argv[1]);
	mkdir_p(argv[1]);
	mkdir_p(dc);
	mkdir_p(d4);
	mkdir_p(d6);
	mkdir_p(dp);
	mkdir_p(dx);
	for (c = ssf_case_next(NULL); c; c = ssf_case_next(c)) {
		for (k = 0; k < 2; k++) {
			char *p;

			ssf_case_build(c, !k, NULL, t, &e);
			snprintf(name, sizeof(name), "%s-%s-%s",
				 ssf_reason_name(c->reason), c->name,
				 k ? "twin" : "bad");
			for (p = name; *p; p++)
				if (*p == '/')
					*p = '.';
			seed(t->family == SSF_FAMILY_IPV6 ? d6 : d4, name, t,
			     &e, k ? SSF_FUZZ_DEFAULTS : SSF_FUZZ_ALL_AUDIT);
		}
	}
	memset(&e, 0, sizeof(e));
	e.exthdr_max = SSF_IP6_EXTHDR_DEFAULT;
	for (i = 0; i < ssf_trunc_count; i++) {
		ssf_trunc_cases[i].build(t, &ssf_case_addrs_doc);
		snprintf(name, sizeof(name), "whole-%02u", i);
		seed(t->family == SSF_FAMILY_IPV6 ? d6 : d4, name, t, &e,
		     SSF_FUZZ_ALL_AUDIT);
	}
	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
		snprintf(name, sizeof(name), "policy-%02u", i);
		put(dp, name, policies[i], strlen(policies[i]));
	}
	put(dx, "nlmsgerr-00", nlmsgerr, sizeof(nlmsgerr));
	/*
	 * The classifier target reads any bytes as rules and packets: seeds
	 * of 8, 40 and 200 rules and 64 packets, from a fixed sequence.
	 */
	for (i = 0; i < 3; i++) {
		static const u8 nrules[] = { 8, 40, 200 };
		static u8 buf[1 + 200 * 16 + 64 * 16];
		u32 x = 2463534242U + i, j, len = 1 + nrules[i] * 16 + 64 * 16;

		buf[0] = nrules[i];
		for (j = 1; j < len; j++)
			buf[j] = ssf_rnd(&x);
		snprintf(name, sizeof(name), "random-%u", nrules[i]);
		put(dc, name, buf, len);
	}
	free(t);
	return 0;
}
