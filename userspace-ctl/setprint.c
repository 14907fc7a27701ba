// SPDX-License-Identifier: GPL-2.0
/*
 * Named sets: the lists SSF_CMD_SET_GET replies are collected in, elements
 * and timeouts as words, and the printers of "set list", "set show" and
 * the set statements of "policy show".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "setprint.h"
#include "array.h"
#include "names.h"

int ssf_setinfo_add_elem(struct ssfctl_setinfo *s, const struct ssf_elem *e)
{
	struct ssf_elem *v;

	v = ssf_array_room(s->elems, &s->cap, s->nelems, sizeof(*v));
	if (!v)
		return -ENOMEM;
	s->elems = v;
	s->elems[s->nelems++] = *e;
	return 0;
}

int ssf_setlist_add(struct ssfctl_setlist *sl, const struct ssfctl_setinfo *s)
{
	struct ssfctl_setinfo *v;

	v = ssf_array_room(sl->v, &sl->cap, sl->n, sizeof(*v));
	if (!v)
		return -ENOMEM;
	sl->v = v;
	sl->v[sl->n++] = *s;
	return 0;
}

void ssf_setlist_free(struct ssfctl_setlist *sl)
{
	size_t i;

	for (i = 0; i < sl->n; i++)
		free(sl->v[i].elems);
	free(sl->v);
	memset(sl, 0, sizeof(*sl));
}

static u16 ssf_elem_port_of(const union ssf_addr *a)
{
	return (u16)(a->b[0] << 8 | a->b[1]);
}

char *ssf_elem_fmt(char *buf, size_t size, const struct ssf_elem *e)
{
	int af = e->family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6;
	char lo[INET6_ADDRSTRLEN], hi[INET6_ADDRSTRLEN];

	switch (e->kind) {
	case SSF_ELEM_PORT:
		snprintf(buf, size, "%u", ssf_elem_port_of(&e->lo));
		return buf;
	case SSF_ELEM_PORT_RANGE:
		snprintf(buf, size, "%u-%u", ssf_elem_port_of(&e->lo),
			 ssf_elem_port_of(&e->hi));
		return buf;
	}
	if (!inet_ntop(af, e->lo.b, lo, sizeof(lo)) ||
	    !inet_ntop(af, e->hi.b, hi, sizeof(hi))) {
		snprintf(buf, size, "?");
		return buf;
	}
	if (e->kind == SSF_ELEM_PREFIX)
		snprintf(buf, size, "%s/%u", lo, e->plen);
	else if (e->kind == SSF_ELEM_RANGE)
		snprintf(buf, size, "%s-%s", lo, hi);
	else
		snprintf(buf, size, "%s", lo);
	return buf;
}

char *ssf_timeout_fmt(char *buf, size_t size, u32 secs)
{
	if (secs && secs % 3600 == 0)
		snprintf(buf, size, "%" PRIu32 "h", secs / 3600);
	else if (secs && secs % 60 == 0)
		snprintf(buf, size, "%" PRIu32 "m", secs / 60);
	else
		snprintf(buf, size, "%" PRIu32, secs);
	return buf;
}

/* "addr", "port", or the number. */
static void ssf_set_type_print(struct ssfctl_out *o, const char *fmt, u8 type)
{
	char alt[16];

	snprintf(alt, sizeof(alt), "type-%u", type);
	ssf_print_name(o, SSF_PRINT_ANY, "type", fmt, ssf_set_type_name(type),
		       type, alt);
}

static int ssf_width(u64 v, int min)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n > min ? n : min;
}

void ssf_setlist_print(struct ssfctl_out *o, const struct ssfctl_setlist *sl)
{
	int wn = 4, we = 8, wt = 7;
	char fn[16], fe[16], ft[16], t[SSF_TIMEOUT_STRLEN];
	const struct ssfctl_setinfo *s;
	size_t i;

	for (i = 0; i < sl->n; i++) {
		s = &sl->v[i];
		if ((int)strlen(s->name) > wn)
			wn = (int)strlen(s->name);
		we = ssf_width(s->count, we);
	}
	snprintf(fn, sizeof(fn), "%%-%ds  ", wn);
	snprintf(fe, sizeof(fe), "%%%d" PRIu64 "  ", we);
	snprintf(ft, sizeof(ft), "%%-%ds  ", wt);
	if (sl->n)
		ssf_print_fp(o, "%-*s  TYPE  %*s  %-*s  MEMORY\n", wn, "NAME",
			     we, "ELEMENTS", wt, "TIMEOUT");
	else
		ssf_print_fp(o, "no sets\n");
	ssf_print_arr_open(o, NULL);
	for (i = 0; i < sl->n; i++) {
		s = &sl->v[i];
		ssf_print_obj_open(o, NULL);
		ssf_print_str(o, SSF_PRINT_ANY, "name", fn, s->name);
		ssf_set_type_print(o, "%-4s  ", s->type);
		ssf_print_u64(o, SSF_PRINT_ANY, "elements", fe, s->count);
		ssf_print_u64(o, SSF_PRINT_JSON, "timeout", NULL, s->timeout);
		ssf_print_fp(o, ft, s->timeout ?
			     ssf_timeout_fmt(t, sizeof(t), s->timeout) : "-");
		ssf_print_u64(o, SSF_PRINT_ANY, "memory", "%" PRIu64 "\n",
			      s->memory);
		ssf_print_obj_close(o);
	}
	ssf_print_arr_close(o);
}

/*
 * The elements of @s: a JSON array; in text one a line, padded by @pad
 * when the time left (@tfmt) follows.
 */
static void ssf_elems_print(struct ssfctl_out *o, const struct ssfctl_setinfo *s,
			    const char *pad, const char *tfmt)
{
	char e[SSF_ELEM_STRLEN];
	size_t i;

	ssf_print_arr_open(o, "elements");
	for (i = 0; i < s->nelems; i++) {
		ssf_print_obj_open(o, NULL);
		ssf_print_str(o, SSF_PRINT_ANY, "element",
			      s->elems[i].expires ? pad : "%s",
			      ssf_elem_fmt(e, sizeof(e), &s->elems[i]));
		if (s->elems[i].expires)
			ssf_print_u64(o, SSF_PRINT_ANY, "timeout", tfmt,
				      s->elems[i].expires);
		ssf_print_fp(o, "\n");
		ssf_print_obj_close(o);
	}
	ssf_print_arr_close(o);
}

/* name, type and timeout: JSON members (text is the caller's). */
static void ssf_set_head_json(struct ssfctl_out *o, const struct ssfctl_setinfo *s)
{
	ssf_print_str(o, SSF_PRINT_JSON, "name", NULL, s->name);
	ssf_print_name(o, SSF_PRINT_JSON, "type", NULL,
		       ssf_set_type_name(s->type), s->type, NULL);
	ssf_print_u64(o, SSF_PRINT_JSON, "timeout", NULL, s->timeout);
}

void ssf_set_show_print(struct ssfctl_out *o, const struct ssfctl_setinfo *s)
{
	char t[SSF_TIMEOUT_STRLEN], fe[16], e[SSF_ELEM_STRLEN];
	int we = 7;
	size_t i;

	for (i = 0; i < s->nelems; i++)
		if ((int)strlen(ssf_elem_fmt(e, sizeof(e), &s->elems[i])) > we)
			we = (int)strlen(e);
	snprintf(fe, sizeof(fe), "%%-%ds", we);
	ssf_print_obj_open(o, NULL);
	ssf_set_head_json(o, s);
	ssf_print_str(o, SSF_PRINT_FP, NULL, "name:      %s\n", s->name);
	ssf_print_fp(o, "type:      %s\n", ssf_set_type_name(s->type) ?: "?");
	ssf_print_fp(o, "timeout:   %s\n", s->timeout ?
		     ssf_timeout_fmt(t, sizeof(t), s->timeout) : "none");
	ssf_print_fp(o, "elements:  %" PRIu32 "\n", s->count);
	ssf_print_fp(o, "memory:    %" PRIu64 " bytes\n", s->memory);
	if (s->nelems)
		ssf_print_fp(o, "\n%-*s  %s\n", we, "ELEMENT", "EXPIRES IN");
	ssf_elems_print(o, s, fe, "  %" PRIu64 "s");
	ssf_print_obj_close(o);
}

void ssf_sets_print(struct ssfctl_out *o, const char *key,
		    const struct ssfctl_setlist *sl)
{
	char t[SSF_TIMEOUT_STRLEN], e[SSF_ELEM_STRLEN];
	const struct ssfctl_setinfo *s;
	size_t i, k;

	ssf_print_arr_open(o, key);
	for (i = 0; i < sl->n; i++) {
		s = &sl->v[i];
		ssf_print_obj_open(o, NULL);
		if (ssf_out_is_json(o)) {
			ssf_set_head_json(o, s);
			ssf_elems_print(o, s, NULL, NULL);
			ssf_print_obj_close(o);
			continue;
		}
		ssf_print_str(o, SSF_PRINT_FP, NULL, "set %s", s->name);
		ssf_print_fp(o, " %s", ssf_set_type_name(s->type) ?: "?");
		if (s->timeout)
			ssf_print_fp(o, " timeout %s",
				     ssf_timeout_fmt(t, sizeof(t), s->timeout));
		for (k = 0; k < s->nelems; k++) {
			if (k % SSF_SET_LINE_ELEMS == 0)
				ssf_print_str(o, SSF_PRINT_FP, NULL, "\nset %s",
					      s->name);
			ssf_print_fp(o, " %s", ssf_elem_fmt(e, sizeof(e),
							    &s->elems[k]));
		}
		ssf_print_fp(o, "\n");
		ssf_print_obj_close(o);
	}
	ssf_print_arr_close(o);
}
