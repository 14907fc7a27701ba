// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl unit tests: ssfctl-test <path to an ssfctl binary>.
 * Built with ASan and UBSan (make check).
 */
#include <string.h>

#include "harness.h"

unsigned int ssf_t_passed, ssf_t_failed, ssf_t_skipped;

void ssf_t_check(bool ok, const char *file, int line, const char *expr)
{
	if (ok) {
		ssf_t_passed++;
		return;
	}
	ssf_t_failed++;
	printf("not ok - %s:%d: %s\n", file, line, expr);
}

void ssf_t_check_str(const char *got, const char *want, const char *file,
		     int line, const char *expr)
{
	if (got && want && !strcmp(got, want)) {
		ssf_t_passed++;
		return;
	}
	ssf_t_failed++;
	printf("not ok - %s:%d: %s\n#   got:  \"%s\"\n#   want: \"%s\"\n", file,
	       line, expr, got ? got : "(null)", want ? want : "(null)");
}

void ssf_t_check_int(long long got, long long want, const char *file, int line,
		     const char *expr)
{
	if (got == want) {
		ssf_t_passed++;
		return;
	}
	ssf_t_failed++;
	printf("not ok - %s:%d: %s\n#   got:  %lld\n#   want: %lld\n", file, line,
	       expr, got, want);
}

bool ssf_t_rule_eq(const struct ssf_rule *a, const struct ssf_rule *b)
{
	if (a->dir != b->dir || a->action != b->action ||
	    a->family != b->family || a->match != b->match)
		return false;
	if ((a->match & SSF_RM_PROTO) && a->proto != b->proto)
		return false;
	if ((a->match & SSF_RM_SRC) &&
	    (a->src_plen != b->src_plen || memcmp(&a->src, &b->src, sizeof(a->src))))
		return false;
	if ((a->match & SSF_RM_DST) &&
	    (a->dst_plen != b->dst_plen || memcmp(&a->dst, &b->dst, sizeof(a->dst))))
		return false;
	if ((a->match & SSF_RM_SPORT) &&
	    (a->sport_min != b->sport_min || a->sport_max != b->sport_max))
		return false;
	if ((a->match & SSF_RM_DPORT) &&
	    (a->dport_min != b->dport_min || a->dport_max != b->dport_max))
		return false;
	return true;
}

uint64_t ssf_t_rand(uint64_t *seed)
{
	/* xorshift64*: deterministic, so a failure reproduces */
	*seed ^= *seed >> 12;
	*seed ^= *seed << 25;
	*seed ^= *seed >> 27;
	return *seed * 0x2545f4914f6cdd1dULL;
}

static void ssf_t_random_addr(union ssf_addr *a, u8 *plen, u8 family,
			      uint64_t *seed)
{
	union ssf_addr mask;
	u8 max = ssf_family_max_plen(family);
	int i;

	for (i = 0; i < 4; i++)
		a->w[i] = (u32)ssf_t_rand(seed);
	if (family == SSF_FAMILY_IPV4)
		a->w[1] = a->w[2] = a->w[3] = 0;
	/* host prefixes and /0 are the edge cases: make them common */
	switch (ssf_t_rand(seed) % 4) {
	case 0:
		*plen = max;
		break;
	case 1:
		*plen = 0;
		break;
	default:
		*plen = (u8)(ssf_t_rand(seed) % (max + 1u));
	}
	ssf_prefix_mask(&mask, *plen);
	for (i = 0; i < 4; i++)
		a->w[i] &= mask.w[i];
}

static void ssf_t_random_ports(u16 *min, u16 *max, uint64_t *seed)
{
	u16 a = (u16)ssf_t_rand(seed), b = (u16)ssf_t_rand(seed);

	if (ssf_t_rand(seed) % 2)
		b = a;
	*min = a < b ? a : b;
	*max = a < b ? b : a;
}

void ssf_t_rule_random(struct ssf_rule *r, uint64_t *seed)
{
	static const u8 protos[] = { 1, 6, 17, 58, 132, 136, 0, 47, 255 };
	const char *why;
	bool ported;

	memset(r, 0, sizeof(*r));
	r->dir = (u8)(ssf_t_rand(seed) % (SSF_DIR_MAX + 1));
	r->action = (u8)(ssf_t_rand(seed) % (SSF_ACT_MAX + 1));
	r->family = (u8)(ssf_t_rand(seed) % (SSF_FAMILY_MAX + 1));
	if (ssf_t_rand(seed) % 2) {
		r->match |= SSF_RM_PROTO;
		r->proto = ssf_t_rand(seed) % 3 ?
			   protos[ssf_t_rand(seed) % sizeof(protos)] :
			   (u8)ssf_t_rand(seed);
	}
	if (r->family != SSF_FAMILY_ANY && ssf_t_rand(seed) % 2) {
		r->match |= SSF_RM_SRC;
		ssf_t_random_addr(&r->src, &r->src_plen, r->family, seed);
	}
	if (r->family != SSF_FAMILY_ANY && ssf_t_rand(seed) % 2) {
		r->match |= SSF_RM_DST;
		ssf_t_random_addr(&r->dst, &r->dst_plen, r->family, seed);
	}
	ported = (r->match & SSF_RM_PROTO) &&
		 (r->proto == 6 || r->proto == 17 || r->proto == 132 ||
		  r->proto == 136);
	if (ported && ssf_t_rand(seed) % 2) {
		r->match |= SSF_RM_SPORT;
		ssf_t_random_ports(&r->sport_min, &r->sport_max, seed);
	}
	if (ported && ssf_t_rand(seed) % 2) {
		r->match |= SSF_RM_DPORT;
		ssf_t_random_ports(&r->dport_min, &r->dport_max, seed);
	}
	if (ssf_rule_check(r, &why))
		printf("# BUG in the generator: %s\n", why);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <ssfctl binary>\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# polparse\n");
	ssf_test_polparse();
	printf("# print\n");
	ssf_test_print();
	printf("# json\n");
	ssf_test_json();
	printf("# extack\n");
	ssf_test_extack();
	printf("# attrs\n");
	ssf_test_attrs();
	printf("# checks\n");
	ssf_test_checks();
	printf("# cli (%s)\n", argv[1]);
	ssf_test_cli(argv[1]);
	if (ssf_t_skipped)
		printf("%u passed, %u failed, %u skipped\n", ssf_t_passed,
		       ssf_t_failed, ssf_t_skipped);
	else
		printf("%u passed, %u failed\n", ssf_t_passed, ssf_t_failed);
	return ssf_t_failed ? 1 : 0;
}
