// SPDX-License-Identifier: GPL-2.0
/*
 * Sets in the policy language: the "set" statement (the first line of a
 * name declares the set with its type, later lines add elements), set
 * elements and timeouts as words, and the "generation" statement.
 * Elements are checked by ssf_elem_verify(), the kernel's element checker.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "polparse_int.h"
#include "names.h"
#include "array.h"

bool ssf_set_name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= SSF_SET_NAME_MAX || s[0] == '-' || s[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '.' || s[i] == '-'))
			return false;
	return true;
}

bool ssf_timeout_parse(const char *s, size_t len, u32 *secs)
{
	u32 mult = 1, v;

	if (len && (s[len - 1] == 's' || s[len - 1] == 'm' || s[len - 1] == 'h')) {
		mult = s[len - 1] == 'h' ? 3600 : s[len - 1] == 'm' ? 60 : 1;
		len--;
	}
	if (!ssf_pol_uint(s, len, SSF_SET_TIMEOUT_MAX / mult, &v) || !v)
		return false;
	*secs = v * mult;
	return true;
}

/* An IPv4 or IPv6 address from the @len bytes at @s: its family, or 0. */
static u8 ssf_elem_addr(const char *s, size_t len, union ssf_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	memset(a, 0, sizeof(*a));
	if (!len || len >= sizeof(buf) || memchr(s, '\0', len))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, a->b) == 1)
		return SSF_FAMILY_IPV4;
	if (inet_pton(AF_INET6, buf, a->b) == 1)
		return SSF_FAMILY_IPV6;
	return 0;
}

static void ssf_elem_port(union ssf_addr *a, u32 port)
{
	memset(a, 0, sizeof(*a));
	a->b[0] = (u8)(port >> 8);
	a->b[1] = (u8)port;
}

int ssf_elem_parse(u8 type, const char *s, size_t len, struct ssf_elem *e,
		   struct ssfctl_polerr *err)
{
	const char *slash = memchr(s, '/', len), *dash = memchr(s, '-', len);
	struct ssfctl_tok t = { .s = s, .len = len };
	struct ssfctl_qword q;
	const char *why = NULL;
	u32 lo, hi, plen;
	size_t n;

	memset(e, 0, sizeof(*e));
	if (type == SSF_SET_PORT) {
		if (!ssf_tok_range(&t, 65535, &lo, &hi))
			return ssf_fail(err, "bad port element %s (a port 0-65535 or a range p-q)",
					ssf_qbytes(&q, s, len));
		e->kind = dash ? SSF_ELEM_PORT_RANGE : SSF_ELEM_PORT;
		ssf_elem_port(&e->lo, lo);
		ssf_elem_port(&e->hi, hi);
	} else if (type == SSF_SET_ADDR) {
		n = slash ? (size_t)(slash - s) : dash ? (size_t)(dash - s) : len;
		e->family = ssf_elem_addr(s, n, &e->lo);
		e->kind = slash ? SSF_ELEM_PREFIX : dash ? SSF_ELEM_RANGE :
			  SSF_ELEM_ADDR;
		if (e->family && slash) {
			if (!ssf_pol_uint(slash + 1, len - n - 1,
					  ssf_family_max_plen(e->family), &plen))
				return ssf_fail(err, "bad prefix length in element %s (0-%u for %s)",
						ssf_qbytes(&q, s, len),
						ssf_family_max_plen(e->family),
						e->family == SSF_FAMILY_IPV4 ?
						"IPv4" : "IPv6");
			e->plen = (u8)plen;
		} else if (e->family && dash &&
			   ssf_elem_addr(dash + 1, len - n - 1, &e->hi) !=
			   e->family) {
			return ssf_fail(err, "bad range element %s (a-b: two addresses of one family)",
					ssf_qbytes(&q, s, len));
		}
		if (!e->family)
			return ssf_fail(err, "bad address element %s (an address, a prefix a/n or a range a-b)",
					ssf_qbytes(&q, s, len));
	}
	if (ssf_elem_verify(type, e, &why))
		return ssf_fail(err, "element %s: %s", ssf_qbytes(&q, s, len),
				why);
	return 0;
}

const struct ssfctl_polset *ssf_polfile_set(const struct ssfctl_polfile *pf,
					    const char *name)
{
	size_t i;

	for (i = 0; i < pf->nsets; i++)
		if (!strcmp(pf->sets[i].name, name))
			return &pf->sets[i];
	return NULL;
}

void ssf_polsets_free(struct ssfctl_polfile *pf)
{
	size_t i;

	for (i = 0; i < pf->nsets; i++)
		free(pf->sets[i].elems);
	free(pf->sets);
	pf->sets = NULL;
	pf->nsets = 0;
	pf->sets_cap = 0;
}

/* A new set named by @w, of @type, declared on this line. */
static struct ssfctl_polset *ssf_polset_new(struct ssfctl_pstate *st,
					    const struct ssfctl_tok *w, u8 type)
{
	struct ssfctl_polfile *pf = st->pf;
	struct ssfctl_polset *v;

	if (pf->nsets == SSF_SETS_MAX) {
		ssf_fail(st->err, "too many sets (at most %d in a policy)",
			 SSF_SETS_MAX);
		return NULL;
	}
	v = ssf_array_room(pf->sets, &pf->sets_cap, pf->nsets, sizeof(*v));
	if (!v) {
		ssf_fail(st->err, "out of memory");
		return NULL;
	}
	pf->sets = v;
	v = &pf->sets[pf->nsets++];
	memset(v, 0, sizeof(*v));
	memcpy(v->name, w->s, w->len);
	v->type = type;
	v->line = st->line;
	return v;
}

static int ssf_polset_add(struct ssfctl_pstate *st, struct ssfctl_polset *ps,
			  const struct ssfctl_tok *w, u32 timeout)
{
	struct ssfctl_polelem *v;
	struct ssf_elem e;
	int ret;

	ret = ssf_elem_parse(ps->type, w->s, w->len, &e, st->err);
	if (ret)
		return ret;
	e.expires = timeout;
	v = ssf_array_room(ps->elems, &ps->cap, ps->nelems, sizeof(*v));
	if (!v)
		return ssf_fail(st->err, "out of memory"), -ENOMEM;
	ps->elems = v;
	ps->elems[ps->nelems].e = e;
	ps->elems[ps->nelems].line = st->line;
	ps->nelems++;
	return 0;
}

#define SSF_SET_USAGE "set <name> addr|port [timeout <n>[s|m|h]] [<element>...]"

int ssf_stmt_set(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
		 size_t n)
{
	struct ssfctl_polset *ps;
	struct ssfctl_qword q;
	u32 timeout = 0;
	size_t i = 2;
	int type = -1, ret;

	if (n < 2)
		return ssf_fail(st->err, "set needs a name (" SSF_SET_USAGE ")");
	if (w[1].quoted || !ssf_set_name_ok(w[1].s, w[1].len))
		return ssf_fail(st->err, "bad set name %s (1-%d letters, digits, '_', '.' or '-')",
				ssf_qraw(&q, &w[1]), SSF_SET_NAME_MAX - 1);
	/* the name is not NUL-terminated in the line */
	for (ps = NULL, i = 0; i < st->pf->nsets; i++)
		if (strlen(st->pf->sets[i].name) == w[1].len &&
		    !memcmp(st->pf->sets[i].name, w[1].s, w[1].len))
			ps = &st->pf->sets[i];
	i = 2;
	if (n > 2 && !w[2].quoted)
		type = ssf_set_type_find(w[2].s, w[2].len);
	if (type >= 0) {
		if (ps)
			return ssf_fail(st->err, "set %s is declared already (line %u); later lines add elements without a type",
					ssf_q(&q, &w[1]), ps->line);
		ps = ssf_polset_new(st, &w[1], (u8)type);
		if (!ps)
			return -EINVAL;
		i++;
	} else if (!ps) {
		return ssf_fail(st->err, "set %s is not declared: its first line gives its type (" SSF_SET_USAGE ")",
				ssf_q(&q, &w[1]));
	}
	if (i < n && ssf_tok_is(&w[i], "timeout")) {
		if (i + 1 == n || !ssf_timeout_parse(w[i + 1].s, w[i + 1].len,
						     &timeout))
			return ssf_fail(st->err, "bad timeout %s (<n>[s|m|h], 1 second to 365 days)",
					i + 1 < n ? ssf_q(&q, &w[i + 1]) : "\"\"");
		i += 2;
		if (type >= 0) {
			ps->timeout = timeout;
			timeout = 0;
		}
	}
	if (type < 0 && i == n)
		return ssf_fail(st->err, "set %s: no elements on this line",
				ssf_q(&q, &w[1]));
	for (; i < n; i++) {
		ret = ssf_polset_add(st, ps, &w[i], timeout);
		if (ret)
			return ret;
	}
	return 0;
}

int ssf_stmt_generation(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			size_t n)
{
	struct ssfctl_qword q;
	u64 v;

	if (n != 2 || w[1].quoted ||
	    !ssf_pol_u64(w[1].s, w[1].len, UINT64_MAX, &v))
		return ssf_fail(st->err, "generation needs one number (generation <n>, as policy show prints it)%s%s",
				n > 1 ? ": not " : "",
				n > 1 ? ssf_qraw(&q, &w[1]) : "");
	if (st->pf->has_generation)
		return ssf_fail(st->err, "duplicate generation (first on line %u)",
				st->pf->generation_line);
	st->pf->has_generation = true;
	st->pf->generation = v;
	st->pf->generation_line = st->line;
	return 0;
}
