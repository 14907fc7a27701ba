// SPDX-License-Identifier: GPL-2.0
/*
 * Sets (module/ssf_set.c): element checks, the element operations against
 * a plain model (an unordered list of elements), and the lookups (merged
 * intervals, the IPv4 /16 index, the port bitmap) against a scan of the
 * elements, on random sets of prefixes and ranges that overlap and touch,
 * in both families, probed at and beside every element's ends.
 */
#include <stdio.h>
#include <errno.h>

#include "ssf_test.h"
#include "ssf_set.h"
#include "ssf_rnd.h"
#include "ssf_rule.h"

static u32 rs = 12345;

static u32 below(u32 n)
{
	return ssf_rnd(&rs) % n;
}

static union ssf_addr a4(u32 host)
{
	union ssf_addr a = { .w = { cpu_to_be32(host) } };

	return a;
}

static struct ssf_elem e4(u8 kind, u32 lo, u32 hi, u8 plen)
{
	struct ssf_elem e = { .family = SSF_FAMILY_IPV4, .kind = kind,
			      .plen = plen, .lo = a4(lo), .hi = a4(hi) };

	return e;
}

static struct ssf_elem eport(u16 lo, u16 hi)
{
	struct ssf_elem e = { .kind = lo == hi ? SSF_ELEM_PORT :
					       SSF_ELEM_PORT_RANGE };

	e.lo.b[0] = lo >> 8;
	e.lo.b[1] = lo & 0xff;
	e.hi.b[0] = hi >> 8;
	e.hi.b[1] = hi & 0xff;
	return e;
}

SSF_TEST(set_elem_check)
{
	static const struct {
		const char *name;
		u8 type;
		struct ssf_elem e;
		const char *err;	/* NULL: valid */
	} cases[] = {
		{ "v4 address", SSF_SET_ADDR,
		  { .family = 1, .kind = SSF_ELEM_ADDR }, NULL },
		{ "v4 /24", SSF_SET_ADDR,
		  { .family = 1, .kind = SSF_ELEM_PREFIX, .plen = 24 }, NULL },
		{ "v4 /33", SSF_SET_ADDR,
		  { .family = 1, .kind = SSF_ELEM_PREFIX, .plen = 33 },
		  "too long" },
		{ "v6 /129", SSF_SET_ADDR,
		  { .family = 2, .kind = SSF_ELEM_PREFIX, .plen = 129 },
		  "too long" },
		{ "no family", SSF_SET_ADDR, { .kind = SSF_ELEM_ADDR },
		  "IPv4 and IPv6" },
		{ "port in an address set", SSF_SET_ADDR,
		  { .family = 1, .kind = SSF_ELEM_PORT }, "addresses" },
		{ "address in a port set", SSF_SET_PORT,
		  { .family = 1, .kind = SSF_ELEM_ADDR }, "port set" },
		{ "port", SSF_SET_PORT, { .kind = SSF_ELEM_PORT }, NULL },
		{ "bad type", 9, { .kind = SSF_ELEM_PORT }, "unknown set type" },
	};
	struct ssf_elem e;
	const char *err;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t_case("set_elem_check: %s", cases[i].name);
		e = cases[i].e;
		err = NULL;
		if (!cases[i].err) {
			T_EQ(ssf_elem_verify(cases[i].type, &e, &err), 0,
			     "%s", err ? err : "");
			continue;
		}
		T_EQ(ssf_elem_verify(cases[i].type, &e, &err), -EINVAL, "refused");
		T_OK(err && strstr(err, cases[i].err), "message '%s'",
		     err ? err : "(none)");
	}

	t_case("set_elem_check: host bits past the prefix");
	e = e4(SSF_ELEM_PREFIX, 0x0a000001, 0, 24);
	T_EQ(ssf_elem_verify(SSF_SET_ADDR, &e, &err), -EINVAL, "refused");
	t_case("set_elem_check: a prefix gets its end");
	e = e4(SSF_ELEM_PREFIX, 0x0a000100, 0, 24);
	T_EQ(ssf_elem_verify(SSF_SET_ADDR, &e, &err), 0, "valid");
	T_EQ(be32_to_cpu(e.hi.w[0]), 0x0a0001ff, "end of 10.0.1.0/24");
	t_case("set_elem_check: reversed ranges");
	e = e4(SSF_ELEM_RANGE, 5, 4, 0);
	T_EQ(ssf_elem_verify(SSF_SET_ADDR, &e, &err), -EINVAL, "addresses");
	e = eport(90, 80);
	T_EQ(ssf_elem_verify(SSF_SET_PORT, &e, &err), -EINVAL, "ports");
}

/* The model: does any of @n elements @e (checked) hold @a? */
static bool model_addr(const struct ssf_elem *e, u32 n, u8 fam,
		       const union ssf_addr *a)
{
	unsigned int bytes = fam == SSF_FAMILY_IPV4 ? 4 : 16, i;

	for (i = 0; i < n; i++)
		if (e[i].family == fam && memcmp(e[i].lo.b, a->b, bytes) <= 0 &&
		    memcmp(a->b, e[i].hi.b, bytes) <= 0)
			return true;
	return false;
}

/* A random element in a small space: they overlap, nest and touch. */
static void rnd_elem(struct ssf_elem *e, u8 fam, u32 span)
{
	union ssf_addr mask;
	const char *err;
	int i;

	memset(e, 0, sizeof(*e));
	e->family = fam;
	e->kind = below(3);
	e->lo.w[0] = cpu_to_be32(0x0a000000 + below(span));
	if (fam == SSF_FAMILY_IPV6) {
		e->lo.w[0] = cpu_to_be32(0x20010db8);
		e->lo.w[3] = cpu_to_be32(below(span));
		e->lo.w[2] = below(8) ? 0 : cpu_to_be32(~0U);
	}
	switch (e->kind) {
	case SSF_ELEM_PREFIX:
		e->plen = fam == SSF_FAMILY_IPV4 ? 20 + below(13) :
						   100 + below(29);
		ssf_prefix_mask(&mask, e->plen);
		for (i = 0; i < 4; i++)
			e->lo.w[i] &= mask.w[i];
		break;
	case SSF_ELEM_RANGE:
		e->hi = e->lo;
		e->hi.w[fam == SSF_FAMILY_IPV4 ? 0 : 3] =
			cpu_to_be32(be32_to_cpu(e->lo.w[fam == SSF_FAMILY_IPV4 ?
							0 : 3]) + below(300));
		break;
	}
	if (ssf_elem_verify(SSF_SET_ADDR, e, &err))
		e->kind = SSF_ELEM_ADDR, e->hi = e->lo, e->plen = 0;
}

/* @a plus @d (-1, 0, 1) in its last 32 bits: beside an end. */
static union ssf_addr beside(const union ssf_addr *a, u8 fam, int d)
{
	union ssf_addr x = *a;
	int w = fam == SSF_FAMILY_IPV4 ? 0 : 3;

	x.w[w] = cpu_to_be32(be32_to_cpu(x.w[w]) + d);
	return x;
}

static void check_lookups(const struct ssf_set_data *d,
			  const struct ssf_elem *model, u32 n, u32 probes)
{
	u32 i, bad = 0, in = 0;
	union ssf_addr a;

	for (i = 0; i < probes; i++) {
		u8 fam = 1 + below(2);
		bool want, got;

		if (n && below(2)) {
			const struct ssf_elem *e = &model[below(n)];

			fam = e->family;
			a = beside(below(2) ? &e->lo : &e->hi, fam,
				   (int)below(3) - 1);
		} else {
			struct ssf_elem r;

			rnd_elem(&r, fam, 1 << 16);
			a = r.lo;
		}
		want = model_addr(model, n, fam, &a);
		got = ssf_set_match_addr(d, fam, &a);
		in += want;
		if (want != got && bad++ < 3)
			T_OK(false, "probe %u family %u: model %d, set %d", i,
			     fam, want, got);
	}
	T_EQ(bad, 0, "lookups agree with the model");
	if (n > 20)
		T_OK(in > probes / 100 && in < probes * 99 / 100,
		     "%u of %u probes inside", in, probes);
}

static void set_random(u32 n, u32 span)
{
	struct ssf_elem *model, *chg, *out;
	struct ssf_set_data d;
	u32 i, nout;

	t_case("set lookups = model: %u elements in a span of %u", n, span);
	model = calloc(n ?: 1, sizeof(*model));
	chg = calloc(n ?: 1, sizeof(*chg));
	for (i = 0; i < n; i++) {
		rnd_elem(&model[i], 1 + below(2), span);
		chg[i] = model[i];
	}
	if (!T_EQ(ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, chg, n, 0,
				      U32_MAX, &out, &nout), 0, "apply"))
		goto out;
	if (!T_EQ(ssf_set_data_build(&d, SSF_SET_ADDR, out, nout), 0, "build"))
		goto out;
	T_OK(nout <= n, "duplicates merged");
	T_EQ(d.idx4 != NULL, d.n4 > SSF_SET_IDX4_MIN,
	     "the /16 index exactly for big IPv4 parts");
	if (n >= 50000)
		T_OK(d.n4 > 100 * SSF_SET_IDX4_MIN, "%u intervals", d.n4);
	check_lookups(&d, model, n, 20000);
	ssf_set_data_release(&d);
out:
	free(model);
	free(chg);
}

SSF_TEST(set_lookups)
{
	set_random(0, 1);
	set_random(1, 16);
	set_random(10, 64);
	set_random(100, 4096);
	set_random(3000, 1 << 22);
	set_random(50000, 1 << 26);
	/* the whole space at both ends */
	t_case("set lookups: the first and last addresses");
	{
		struct ssf_elem e[2] = { e4(SSF_ELEM_RANGE, 0, 5, 0),
					 e4(SSF_ELEM_RANGE, 0xfffffff0,
					    0xffffffff, 0) }, *out;
		struct ssf_set_data d;
		union ssf_addr a;
		u32 n;

		T_EQ(ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, e, 2, 0, 10,
					 &out, &n), 0, "apply");
		T_EQ(ssf_set_data_build(&d, SSF_SET_ADDR, out, n), 0, "build");
		a = a4(0);
		T_OK(ssf_set_match_addr(&d, 1, &a), "0.0.0.0");
		a = a4(0xffffffff);
		T_OK(ssf_set_match_addr(&d, 1, &a), "255.255.255.255");
		a = a4(6);
		T_OK(!ssf_set_match_addr(&d, 1, &a), "0.0.0.6");
		T_OK(!ssf_set_match_addr(&d, 2, &a), "other family");
		ssf_set_data_release(&d);
	}
}

SSF_TEST(set_ports)
{
	struct ssf_elem e[4] = { eport(22, 22), eport(80, 90), eport(89, 100),
				 eport(65535, 65535) }, *out;
	struct ssf_set_data d;
	u32 n, p, bad = 0;
	const char *err;

	for (n = 0; n < 4; n++)
		T_EQ(ssf_elem_verify(SSF_SET_PORT, &e[n], &err), 0, "check");
	T_EQ(ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, e, 4, 0, 10, &out, &n),
	     0, "apply");
	T_EQ(ssf_set_data_build(&d, SSF_SET_PORT, out, n), 0, "build");
	for (p = 0; p < 65536; p++) {
		bool want = p == 22 || (p >= 80 && p <= 100) || p == 65535;

		bad += want != ssf_set_match_port(&d, p);
	}
	T_EQ(bad, 0, "every port");
	ssf_set_data_release(&d);
}

/* Element operations against the model, and timeouts. */
SSF_TEST(set_operations)
{
	struct ssf_elem a[3] = { e4(SSF_ELEM_ADDR, 1, 1, 0),
				 e4(SSF_ELEM_PREFIX, 0x100, 0x1ff, 24),
				 e4(SSF_ELEM_RANGE, 7, 9, 0) };
	struct ssf_elem b[2], *out, *out2;
	struct ssf_set_data d = {}, cur;
	const char *err;
	u32 n, n2, i;

	for (i = 0; i < 3; i++)
		T_EQ(ssf_elem_verify(SSF_SET_ADDR, &a[i], &err), 0, "check");
	a[2].expires = 50;
	T_EQ(ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, a, 3, 10, 10, &out, &n),
	     0, "add 3");
	T_EQ(n, 3, "three elements");
	T_EQ(ssf_set_data_build(&d, SSF_SET_ADDR, out, n), 0, "build");
	T_EQ(d.next_expiry, 50, "next expiry");

	t_case("set_operations: adding one again changes nothing but its timeout");
	b[0] = a[0];
	b[0].expires = 99;
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_ADD, b, 1, 10, 10, &out2, &n2),
	     0, "add again");
	T_EQ(n2, 3, "still three");
	for (i = 0; i < n2; i++)
		if (!memcmp(&out2[i].lo, &a[0].lo, sizeof(a[0].lo)) &&
		    out2[i].kind == SSF_ELEM_ADDR)
			T_EQ(out2[i].expires, 99, "renewed");
	free(out2);

	t_case("set_operations: deleting an absent element changes nothing");
	b[0] = e4(SSF_ELEM_ADDR, 0x150, 0x150, 0);	/* inside the /24 */
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_DEL, b, 1, 10, 10, &out2, &n2),
	     0, "del");
	T_EQ(n2, 3, "still three: a prefix is not split");
	free(out2);

	t_case("set_operations: delete, flush, replace, the limit");
	b[0] = a[1];
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_DEL, b, 1, 10, 10, &out2, &n2),
	     0, "del");
	T_EQ(n2, 2, "two left");
	free(out2);
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_FLUSH, NULL, 0, 10, 10, &out2,
				 &n2), 0, "flush");
	T_EQ(n2, 0, "empty");
	free(out2);
	b[0] = e4(SSF_ELEM_ADDR, 77, 77, 0);
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_REPLACE, b, 1, 10, 10, &out2,
				 &n2), 0, "replace");
	T_EQ(n2, 1, "one");
	free(out2);
	T_EQ(ssf_set_elems_apply(&d, SSF_SET_OP_ADD, b, 1, 10, 3, &out2, &n2),
	     -E2BIG, "four elements over a limit of three");

	t_case("set_operations: expired elements go at the next change");
	cur = d;
	T_EQ(ssf_set_elems_apply(&cur, SSF_SET_OP_ADD, NULL, 0, 50, 10, &out2,
				 &n2), 0, "apply at its expiry");
	T_EQ(n2, 2, "the range has gone");
	free(out2);
	T_EQ(ssf_set_elems_apply(&cur, SSF_SET_OP_ADD, NULL, 0, 49, 10, &out2,
				 &n2), 0, "apply a second before");
	T_EQ(n2, 3, "still there");
	free(out2);
	ssf_set_data_release(&d);
}
