// SPDX-License-Identifier: GPL-2.0
/*
 * Seed corpus generator: `ssf_fuzz_corpus DIR` writes DIR/ip4, DIR/ip6 and
 * DIR/polparse. The packet seeds are the unit tests' reason cases
 * (tests/unit/ssf_test_r_*.c): each packet that trips a reason and its
 * well-formed twin, behind the ssf_fuzz.h prefix (bad packets with every
 * reason audit, so the fuzzer starts past the first check; twins with the
 * defaults). The policy seeds are small policy files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ssf_fuzz.h"
#include "ssf_test_reasons.h"

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

/* write packet @t behind a prefix for @ctx, @xmax and @acts */
static void seed(const char *dir, const char *name, const struct tb *t,
		 const struct ssf_check_ctx *ctx, int xmax, u16 acts)
{
	static u8 buf[SSF_FUZZ_PREFIX + TB_MAX];

	buf[0] = ctx->path | (ctx->loopback ? 4 : 0) | (ctx->gso ? 8 : 0);
	buf[1] = xmax == -1 ? 0 : xmax ? xmax : SSF_IP6_EXTHDR_DEFAULT;
	buf[2] = acts >> 8;
	buf[3] = acts;
	memcpy(buf + SSF_FUZZ_PREFIX, t->b, t->len);
	put(dir, name, buf, SSF_FUZZ_PREFIX + t->len);
}

int main(int argc, char **argv)
{
	static const struct rcases *sets[] = {
		&ssf_rcases_ip4, &ssf_rcases_ip6, &ssf_rcases_l4,
	};
	char d4[400], d6[400], dp[400], name[64];
	struct tb *t = malloc(sizeof(*t));
	struct ssf_check_ctx ctx;
	const struct rcase *rc;
	unsigned int i, j, k;

	if (argc != 2 || !t) {
		fprintf(stderr, "usage: ssf_fuzz_corpus DIR\n");
		return 2;
	}
	snprintf(d4, sizeof(d4), "%s/ip4", argv[1]);
	snprintf(d6, sizeof(d6), "%s/ip6", argv[1]);
	snprintf(dp, sizeof(dp), "%s/polparse", argv[1]);
	mkdir_p(argv[1]);
	mkdir_p(d4);
	mkdir_p(d6);
	mkdir_p(dp);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		for (j = 0; j < sets[i]->n; j++) {
			rc = &sets[i]->rows[j];
			for (k = 0; k < 2; k++) {
				memset(&ctx, 0, sizeof(ctx));
				rc->build(t, !k, &ctx);
				snprintf(name, sizeof(name), "%s-%u%02u-%s",
					 ssf_reason_name(rc->reason), i, j,
					 k ? "twin" : "bad");
				seed(t->family == 6 ? d6 : d4, name, t, &ctx,
				     rc->xmax, k ? SSF_FUZZ_DEFAULTS :
						   SSF_FUZZ_ALL_AUDIT);
			}
		}
	}
	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++) {
		snprintf(name, sizeof(name), "policy-%02u", i);
		put(dp, name, policies[i], strlen(policies[i]));
	}
	free(t);
	return 0;
}
