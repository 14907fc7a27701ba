// SPDX-License-Identifier: GPL-2.0
/*
 * Random policies and packets (ssf_gen.h).
 *
 * Locking: none; a generator belongs to one test.
 */
#include "ssf_gen.h"
#include "ssf_rnd.h"

#ifndef __KERNEL__
#include <errno.h>
#include <stdio.h>
#endif

/*
 * The address spaces everything is drawn from: 10.0.0.0/8, as 10.S.X.Y
 * with 64 sites S, and 2001:db8::/32 alike, so that prefixes nest and
 * overlap within a site and random packets mostly miss.
 */
#define GEN_V4_NET	0x0a000000	/* 10.0.0.0, host order */
#define GEN_V6_NET	0x20010db8	/* 2001:db8::, first word */

static const u8 gen_plen4[] = { 0, 8, 16, 16, 20, 24, 24, 24, 28, 30, 32,
				32, 32 };
static const u8 gen_plen6[] = { 0, 32, 48, 48, 56, 64, 64, 72, 96, 124,
				128, 128, 128 };
static const u8 gen_protos[] = { 1, 6, 17, 58, 132, 136, 47 };
static const char * const gen_names[] = { "eth0", "eth1", "wg0" };

u32 ssf_gen_below(struct ssf_gen *g, u32 n)
{
	return n ? ssf_rnd(&g->rnd) % n : 0;
}

/* A random address of @family in the generator's space, network order. */
static void gen_addr(struct ssf_gen *g, u8 family, union ssf_addr *a)
{
	u32 site = ssf_gen_below(g, 64) * 4;

	memset(a, 0, sizeof(*a));
	if (family == SSF_FAMILY_IPV4) {
		a->w[0] = cpu_to_be32(GEN_V4_NET | site << 16 |
				      ssf_gen_below(g, 1U << 16));
		return;
	}
	/* 2001:db8:SITE:X::Y, sometimes with more bits */
	a->w[0] = cpu_to_be32(GEN_V6_NET);
	a->w[1] = cpu_to_be32(site << 16 | ssf_gen_below(g, 256));
	a->w[3] = cpu_to_be32(ssf_gen_below(g, 1U << 16));
	if (!ssf_gen_below(g, 4))
		a->w[2] = cpu_to_be32(ssf_rnd(&g->rnd));
}

/* @a with random bits past @plen: an address inside the prefix. */
static void gen_inside(struct ssf_gen *g, union ssf_addr *a, u8 plen)
{
	union ssf_addr mask;
	int i;

	ssf_prefix_mask(&mask, plen);
	for (i = 0; i < 4; i++)
		a->w[i] = (a->w[i] & mask.w[i]) |
			  (cpu_to_be32(ssf_rnd(&g->rnd)) & ~mask.w[i]);
}

static void gen_prefix(struct ssf_gen *g, u8 family, union ssf_addr *a,
		       u8 *plen)
{
	union ssf_addr mask;
	int i;

	gen_addr(g, family, a);
	*plen = family == SSF_FAMILY_IPV4 ?
		gen_plen4[ssf_gen_below(g, ARRAY_SIZE(gen_plen4))] :
		gen_plen6[ssf_gen_below(g, ARRAY_SIZE(gen_plen6))];
	ssf_prefix_mask(&mask, *plen);
	for (i = 0; i < 4; i++)
		a->w[i] &= mask.w[i];
}

/* Each word in about one rule in @n. */
static bool gen_word(struct ssf_gen *g, u32 n)
{
	return !ssf_gen_below(g, n);
}

/* Port ranges around a few values, so that they overlap and touch. */
static void gen_ports(struct ssf_gen *g, u16 *min, u16 *max)
{
	static const u16 base[] = { 0, 22, 53, 80, 443, 1000, 8080, 65535 };
	u16 b = base[ssf_gen_below(g, ARRAY_SIZE(base))];

	if (gen_word(g, 8)) {
		/* wide: what a slice of the port field fits inside */
		*min = ssf_gen_below(g, 2) ? 0 : 1024;
		*max = 65535;
		return;
	}
	*min = b;
	*max = b + ssf_gen_below(g, 3) * ssf_gen_below(g, 200);
	if (*max < *min)
		*max = 65535;
}

static int gen_set(struct ssf_gen *g, int i, u8 type, u32 n)
{
	struct ssf_elem *e, *out;
	const char *err;
	u32 k, nout;
	int ret;

	e = ssf_alloc_array(n, sizeof(*e));
	if (!e)
		return -ENOMEM;
	for (k = 0; k < n; k++) {
		memset(&e[k], 0, sizeof(e[k]));
		if (type == SSF_SET_PORT) {
			u16 lo, hi;

			gen_ports(g, &lo, &hi);
			e[k].kind = lo == hi ? SSF_ELEM_PORT :
					       SSF_ELEM_PORT_RANGE;
			e[k].lo.b[0] = lo >> 8;
			e[k].lo.b[1] = lo & 0xff;
			e[k].hi.b[0] = hi >> 8;
			e[k].hi.b[1] = hi & 0xff;
		} else {
			e[k].family = 1 + ssf_gen_below(g, 2);
			switch (ssf_gen_below(g, 3)) {
			case 0:
				e[k].kind = SSF_ELEM_ADDR;
				gen_addr(g, e[k].family, &e[k].lo);
				break;
			case 1:
				e[k].kind = SSF_ELEM_PREFIX;
				gen_prefix(g, e[k].family, &e[k].lo,
					   &e[k].plen);
				break;
			default:
				e[k].kind = SSF_ELEM_RANGE;
				gen_addr(g, e[k].family, &e[k].lo);
				gen_addr(g, e[k].family, &e[k].hi);
				if (memcmp(e[k].lo.b, e[k].hi.b, 16) > 0) {
					union ssf_addr t = e[k].lo;

					e[k].lo = e[k].hi;
					e[k].hi = t;
				}
			}
		}
		if (ssf_elem_verify(type, &e[k], &err)) {
			ssf_free(e);
			return -EINVAL;
		}
	}
	ret = ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, e, n, 0, U32_MAX,
				  &out, &nout);
	ssf_free(e);
	if (ret)
		return ret;
	ret = ssf_set_data_build(&g->set[i], type, out, nout);
	g->sets[i] = &g->set[i];
	return ret;
}

int ssf_gen_init(struct ssf_gen *g, u32 seed)
{
	int ret;

	memset(g, 0, sizeof(*g));
	g->rnd = seed ?: 1;
	g->meta_sets = g->sets;
	ret = gen_set(g, 0, SSF_SET_ADDR, 8) ?:
	      gen_set(g, 1, SSF_SET_ADDR, 300) ?:
	      gen_set(g, 2, SSF_SET_PORT, 6);
	if (ret)
		ssf_gen_release(g);
	return ret;
}

void ssf_gen_release(struct ssf_gen *g)
{
	int i;

	for (i = 0; i < SSF_GEN_SETS; i++)
		ssf_set_data_release(&g->set[i]);
}

static u8 gen_dir(struct ssf_gen *g, u32 match)
{
	bool iif = match & SSF_RM_IIF, oif = match & SSF_RM_OIF;

	if (match & SSF_RM_OWNER)
		return iif ? SSF_DIR_IN : oif ? SSF_DIR_OUT :
		       1 - !ssf_gen_below(g, 2);
	if (iif && oif)
		return SSF_DIR_FWD;
	if (iif)
		return ssf_gen_below(g, 2) ? SSF_DIR_IN : SSF_DIR_FWD;
	if (oif)
		return ssf_gen_below(g, 2) ? SSF_DIR_OUT : SSF_DIR_FWD;
	return ssf_gen_below(g, SSF_DIR_MAX + 1);
}


void ssf_gen_rule(struct ssf_gen *g, struct ssf_rule *r, bool wide)
{
	const char *err;
	int i;

	memset(r, 0, sizeof(*r));
	r->action = ssf_gen_below(g, SSF_ACT_MAX + 1);
	r->family = wide && gen_word(g, 2) ? SSF_FAMILY_ANY :
		    1 + ssf_gen_below(g, 2);
	if (gen_word(g, 2)) {
		r->match |= SSF_RM_PROTO;
		r->proto = gen_protos[ssf_gen_below(g, ARRAY_SIZE(gen_protos))];
	}
	if (r->family && (!wide || !gen_word(g, 4))) {
		r->match |= SSF_RM_SRC;
		gen_prefix(g, r->family, &r->src, &r->src_plen);
		/* a specific rule has a specific source */
		if (!wide && r->src_plen < 16)
			r->src_plen = 16;
		ssf_prefix_mask(&r->src_mask, r->src_plen);
		for (i = 0; i < 4; i++)
			r->src.w[i] &= r->src_mask.w[i];
	} else if (gen_word(g, 10)) {
		r->match |= SSF_RM_SRC_SET;
		r->set[SSF_RSET_SRC] = ssf_gen_below(g, 2);
	}
	if (r->family && !gen_word(g, 4)) {
		r->match |= SSF_RM_DST;
		gen_prefix(g, r->family, &r->dst, &r->dst_plen);
	} else if (gen_word(g, 10)) {
		r->match |= SSF_RM_DST_SET;
		r->set[SSF_RSET_DST] = ssf_gen_below(g, 2);
	}
	if (!gen_word(g, 3)) {
		r->match |= SSF_RM_PROTO;
		r->proto = ssf_gen_below(g, 2) ? 6 : 17;
		if (gen_word(g, 3)) {
			r->match |= SSF_RM_SPORT;
			gen_ports(g, &r->sport_min, &r->sport_max);
		} else if (gen_word(g, 4)) {
			r->match |= SSF_RM_SPORT_SET;
			r->set[SSF_RSET_SPORT] = 2;
		}
		if (gen_word(g, 2)) {
			r->match |= SSF_RM_DPORT;
			gen_ports(g, &r->dport_min, &r->dport_max);
		} else if (gen_word(g, 4)) {
			r->match |= SSF_RM_DPORT_SET;
			r->set[SSF_RSET_DPORT] = 2;
		}
	} else if (r->family && gen_word(g, 8)) {
		r->match |= SSF_RM_PROTO | SSF_RM_ICMP_TYPE;
		r->proto = r->family == SSF_FAMILY_IPV4 ? 1 : 58;
		r->icmp_type = ssf_gen_below(g, 3) ? 8 : 128;
	}
	if (gen_word(g, 10)) {
		r->match |= SSF_RM_IIF;
		snprintf(r->iif, sizeof(r->iif), "%s",
			 gen_names[ssf_gen_below(g, 3)]);
	}
	if (gen_word(g, 10)) {
		r->match |= SSF_RM_OIF;
		snprintf(r->oif, sizeof(r->oif), "%s",
			 gen_names[ssf_gen_below(g, 3)]);
	}
	if (gen_word(g, 12) && !((r->match & SSF_RM_IIF) &&
				 (r->match & SSF_RM_OIF))) {
		r->match |= SSF_RM_UID;
		r->uid_min = 1000 + ssf_gen_below(g, 3);
		r->uid_max = r->uid_min + ssf_gen_below(g, 3);
		if (gen_word(g, 2)) {
			r->match |= SSF_RM_GID;
			r->gid_min = 100 + ssf_gen_below(g, 3);
			r->gid_max = r->gid_min + ssf_gen_below(g, 3);
		}
	}
	if (gen_word(g, 6)) {
		r->match |= SSF_RM_CT;
		r->ct_states = 1 + ssf_gen_below(g, SSF_CT_ALL);
	}
	if (gen_word(g, 12)) {
		r->match |= SSF_RM_LIMIT;
		r->limit_rate = 1 + ssf_gen_below(g, 50);
		r->limit_unit = SSF_LIMIT_SECOND;
		r->limit_burst = 1 + ssf_gen_below(g, 4);
	}
	r->dir = gen_dir(g, r->match);
	if (ssf_rule_verify(r, &err)) {
		/* never: the draws above keep to the rules; be loud */
		memset(r, 0, sizeof(*r));
		r->dir = SSF_DIR_MAX + 1;
	}
}

void ssf_gen_packet(struct ssf_gen *g, const struct ssf_rule *r,
		    struct ssf_pkt *p, struct ssf_meta *m)
{
	static const u8 ct[] = { SSF_CT_NEW, SSF_CT_ESTABLISHED,
				 SSF_CT_RELATED, SSF_CT_INVALID,
				 SSF_CT_UNTRACKED };
	bool near = r && !gen_word(g, 4);

	memset(p, 0, sizeof(*p));
	memset(m, 0, sizeof(*m));
	p->family = near && r->family ? r->family : 1 + ssf_gen_below(g, 2);
	gen_addr(g, p->family, &p->saddr);
	gen_addr(g, p->family, &p->daddr);
	if (near && (r->match & SSF_RM_SRC)) {
		p->saddr = r->src;
		gen_inside(g, &p->saddr, r->src_plen);
	}
	if (near && (r->match & SSF_RM_DST)) {
		p->daddr = r->dst;
		gen_inside(g, &p->daddr, r->dst_plen);
	}
	if (p->family == SSF_FAMILY_IPV4) {
		p->saddr.w[1] = p->saddr.w[2] = p->saddr.w[3] = 0;
		p->daddr.w[1] = p->daddr.w[2] = p->daddr.w[3] = 0;
	}
	p->proto = near && (r->match & SSF_RM_PROTO) ? r->proto :
		   gen_protos[ssf_gen_below(g, ARRAY_SIZE(gen_protos))];
	if (!gen_word(g, 6)) {
		u16 lo, hi;

		p->flags |= SSF_PKT_F_PORTS;
		gen_ports(g, &lo, &hi);
		p->sport = lo + ssf_gen_below(g, hi - lo + 2);
		gen_ports(g, &lo, &hi);
		p->dport = lo + ssf_gen_below(g, hi - lo + 2);
		if (near && (r->match & SSF_RM_DPORT))
			p->dport = r->dport_min +
				   ssf_gen_below(g, r->dport_max -
						 r->dport_min + 1);
	}
	if (gen_word(g, 3)) {
		p->flags |= SSF_PKT_F_ICMP;
		p->icmp_type = ssf_gen_below(g, 2) ? 8 : 128;
	}
	if (gen_word(g, 10))
		p->flags |= SSF_PKT_F_FRAG;
	m->iif = gen_word(g, 3) ? NULL : gen_names[ssf_gen_below(g, 3)];
	m->oif = gen_word(g, 3) ? NULL : gen_names[ssf_gen_below(g, 3)];
	if (!gen_word(g, 3)) {
		m->flags |= SSF_META_OWNER;
		m->uid = 999 + ssf_gen_below(g, 6);
		if (!gen_word(g, 3)) {
			m->flags |= SSF_META_GID;
			m->gid = 99 + ssf_gen_below(g, 6);
		}
	}
	m->ct_state = ct[ssf_gen_below(g, ARRAY_SIZE(ct))];
	m->sets = g->meta_sets;
}
