// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: a policy and packets built from the input, matched by
 * the compiled classifier (module/ssf_cls.c) and by the reference linear
 * matcher (module/tests/ssf_rule_ref.c); any disagreement is a crash.
 *
 * Input: a byte of rule count, then that many 16-byte rules, then 16-byte
 * packets to the end. Each field is read from its bytes, into small
 * address and port spaces so that rules overlap; a rule the checker
 * refuses is left out. Sets are the random policy generator's (ssf_gen.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ssf_cls.h"
#include "ssf_gen.h"
#include "ssf_rule_ref.h"

#define RULE_BYTES	16
#define PKT_BYTES	16

struct frule {
	struct ssf_rule rule;
	struct ssf_atomic64 *bucket;
};

static struct ssf_gen gen;
static u64 fz_now;

static u64 fz_clock(void)
{
	return fz_now;
}

static const char * const fz_names[] = { "eth0", "eth1", "wg0", NULL };

/* An address of @fam from two bytes, in 10.0.0.0/16 or 2001:db8::/112. */
static void fz_addr(union ssf_addr *a, u8 fam, const u8 *b)
{
	memset(a, 0, sizeof(*a));
	if (fam == SSF_FAMILY_IPV4) {
		a->w[0] = cpu_to_be32(0x0a000000 | b[0] << 8 | b[1]);
		return;
	}
	a->w[0] = cpu_to_be32(0x20010db8);
	a->w[3] = cpu_to_be32(b[0] << 8 | b[1]);
}

static void fz_prefix(union ssf_addr *a, u8 *plen, u8 fam, const u8 *b,
		      u8 len)
{
	union ssf_addr mask;
	int i;

	fz_addr(a, fam, b);
	*plen = fam == SSF_FAMILY_IPV4 ? len % 33 : 96 + len % 33;
	ssf_prefix_mask(&mask, *plen);
	for (i = 0; i < 4; i++)
		a->w[i] &= mask.w[i];
}

static bool fz_rule(struct ssf_rule *r, const u8 *b)
{
	const char *err;

	memset(r, 0, sizeof(*r));
	r->dir = b[0] % 3;
	r->action = (b[0] >> 2) % 3;
	r->family = (b[0] >> 4) % 3;
	r->match = (b[1] | (b[2] << 8) | ((u32)(b[3] & 1) << 16)) &
		   SSF_RM_ALL & ~(u32)(SSF_RM_CGROUP);
	r->proto = b[3] & 0x80 ? 17 : 6;
	if (b[3] & 0x40) {
		r->proto = r->family == SSF_FAMILY_IPV6 ? 58 : 1;
		r->icmp_type = b[3] & 0x20 ? 8 : 128;
	}
	if (r->family) {
		fz_prefix(&r->src, &r->src_plen, r->family, b + 4, b[6]);
		fz_prefix(&r->dst, &r->dst_plen, r->family, b + 7, b[9]);
	}
	r->sport_min = b[10];
	r->sport_max = b[10] + b[11];
	r->dport_min = b[12];
	r->dport_max = b[12] + (b[13] & 0x80 ? 65535 - b[12] : b[13]);
	if (fz_names[b[14] & 3])
		strcpy(r->iif, fz_names[b[14] & 3]);
	if (fz_names[(b[14] >> 2) & 3])
		strcpy(r->oif, fz_names[(b[14] >> 2) & 3]);
	r->uid_min = 1000 + (b[14] >> 4 & 3);
	r->uid_max = r->uid_min + (b[14] >> 6);
	r->gid_min = r->uid_min - 900;
	r->gid_max = r->uid_max - 900;
	r->ct_states = b[15] & SSF_CT_ALL;
	r->limit_rate = 1 + (b[15] >> 5);
	r->limit_unit = SSF_LIMIT_SECOND;
	r->limit_burst = 1 + (b[15] >> 6);
	r->set[SSF_RSET_SRC] = b[5] & 1;
	r->set[SSF_RSET_DST] = b[8] & 1;
	r->set[SSF_RSET_SPORT] = 2;
	r->set[SSF_RSET_DPORT] = 2;
	return !ssf_rule_verify(r, &err);
}

static void fz_packet(struct ssf_pkt *p, struct ssf_meta *m, const u8 *b)
{
	static const u8 ct[] = { SSF_CT_NEW, SSF_CT_ESTABLISHED,
				 SSF_CT_RELATED, SSF_CT_INVALID,
				 SSF_CT_UNTRACKED };

	memset(p, 0, sizeof(*p));
	memset(m, 0, sizeof(*m));
	p->family = 1 + (b[0] & 1);
	p->proto = b[0] & 2 ? 17 : b[0] & 4 ? 6 :
		   p->family == SSF_FAMILY_IPV4 ? 1 : 58;
	p->flags = (b[0] & 8 ? SSF_PKT_F_PORTS : 0) |
		   (b[0] & 16 ? SSF_PKT_F_ICMP : 0) |
		   (b[0] & 32 ? SSF_PKT_F_FRAG : 0);
	fz_addr(&p->saddr, p->family, b + 1);
	fz_addr(&p->daddr, p->family, b + 3);
	p->sport = b[5] | (b[6] & 0x80 ? b[6] << 8 : 0);
	p->dport = b[7] | (b[8] & 0x80 ? b[8] << 8 : 0);
	p->icmp_type = b[9] & 1 ? 8 : 128;
	m->iif = fz_names[b[10] & 3];
	m->oif = fz_names[(b[10] >> 2) & 3];
	if (b[11] & 1) {
		m->flags = SSF_META_OWNER | (b[11] & 2 ? SSF_META_GID : 0);
		m->uid = 999 + (b[11] >> 2 & 7);
		m->gid = m->uid - 900;
	}
	m->ct_state = ct[b[12] % 5];
	m->sets = gen.sets;
}

/* The worlds' hooks of the matcher: no cgroups here; sets by index. */
bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	(void)m;
	(void)id;
	(void)level;
	return false;
}

const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx)
{
	const struct ssf_set_data * const *sets = m->sets;

	return sets[idx];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssf_ref_bucket ref[256] = {};
	struct ssf_atomic64 buckets[256] = {};
	struct ssf_rule flat[256];
	struct frule rules[256];
	u32 n = 0, want_n, i;
	struct ssf_cls cls;
	size_t off = 1;

	if (!gen.sets[0] && ssf_gen_init(&gen, 1))
		abort();
	if (!size)
		return 0;
	want_n = data[0];
	for (i = 0; i < want_n && off + RULE_BYTES <= size; i++) {
		if (fz_rule(&flat[n], data + off)) {
			rules[n].rule = flat[n];
			rules[n].bucket = &buckets[n];
			n++;
		}
		off += RULE_BYTES;
	}
	if (ssf_cls_build(&cls, &rules[0].rule, n, sizeof(rules[0])))
		return 0;
	fz_now = 1000000000ULL;
	for (; off + PKT_BYTES <= size; off += PKT_BYTES) {
		struct ssf_pkt p;
		struct ssf_meta m;
		u8 dir = data[off + 13] % 3;
		s32 want, got;

		fz_packet(&p, &m, data + off);
		fz_now += (u64)data[off + 14] << 20;
		want = ssf_ref_first_match_limit(flat, n, dir, &p, &m, ref,
						 fz_now);
		got = ssf_cls_first(&cls, rules, sizeof(rules[0]),
				    offsetof(struct frule, bucket), dir, &p,
				    &m, fz_clock);
		if (want != got)
			abort();
	}
	ssf_cls_release(&cls);
	return 0;
}
