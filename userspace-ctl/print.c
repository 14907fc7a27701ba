// SPDX-License-Identifier: GPL-2.0
/*
 * Rule printers. The canonical word order is the grammar's: direction,
 * family, proto, src, dst, sport, dport, action. "family" is left out when an
 * address already implies it; a value the kernel knows but this ssfctl has no
 * name for is printed so that it is recognisable, not silently dropped.
 */
#include <stdarg.h>
#include <arpa/inet.h>

#include "print.h"
#include "names.h"

struct ssf_sb {
	char *buf;
	size_t size;
	size_t len;		/* what the text needs, may exceed size */
};

__attribute__((format(printf, 2, 3)))
static void ssf_sb_add(struct ssf_sb *b, const char *fmt, ...)
{
	size_t room = b->len < b->size ? b->size - b->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

char *ssf_prefix_fmt(char *buf, size_t size, u8 family, const union ssf_addr *a,
		     u8 plen, bool host_short)
{
	char s[INET6_ADDRSTRLEN];
	int af = family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6;

	if (!inet_ntop(af, a->b, s, sizeof(s)))
		snprintf(s, sizeof(s), "?");
	if (host_short && plen == ssf_family_max_plen(family))
		snprintf(buf, size, "%s", s);
	else
		snprintf(buf, size, "%s/%u", s, plen);
	return buf;
}

char *ssf_ports_fmt(char *buf, size_t size, u16 min, u16 max)
{
	if (min == max)
		snprintf(buf, size, "%u", min);
	else
		snprintf(buf, size, "%u-%u", min, max);
	return buf;
}

size_t ssf_rule_fmt(char *buf, size_t size, const struct ssf_rule *r)
{
	struct ssf_sb b = { .buf = buf, .size = size };
	char s[SSF_PREFIX_STRLEN];
	const char *name;

	if (size)
		buf[0] = '\0';
	name = ssf_dir_name(r->dir);
	if (name)
		ssf_sb_add(&b, "%s", name);
	else
		ssf_sb_add(&b, "<direction %u>", r->dir);
	if (r->family != SSF_FAMILY_ANY &&
	    !(r->match & (SSF_RM_SRC | SSF_RM_DST))) {
		name = ssf_family_name(r->family);
		if (name)
			ssf_sb_add(&b, " family %s", name);
		else
			ssf_sb_add(&b, " <family %u>", r->family);
	}
	if (r->match & SSF_RM_PROTO) {
		name = ssf_proto_name(r->proto);
		if (name)
			ssf_sb_add(&b, " proto %s", name);
		else
			ssf_sb_add(&b, " proto %u", r->proto);
	}
	if (r->match & SSF_RM_SRC)
		ssf_sb_add(&b, " src %s", ssf_prefix_fmt(s, sizeof(s), r->family,
							&r->src, r->src_plen, true));
	if (r->match & SSF_RM_DST)
		ssf_sb_add(&b, " dst %s", ssf_prefix_fmt(s, sizeof(s), r->family,
							&r->dst, r->dst_plen, true));
	if (r->match & SSF_RM_SPORT)
		ssf_sb_add(&b, " sport %s", ssf_ports_fmt(s, sizeof(s),
							 r->sport_min, r->sport_max));
	if (r->match & SSF_RM_DPORT)
		ssf_sb_add(&b, " dport %s", ssf_ports_fmt(s, sizeof(s),
							 r->dport_min, r->dport_max));
	name = ssf_action_name(r->action);
	if (name)
		ssf_sb_add(&b, " %s", name);
	else
		ssf_sb_add(&b, " <action %u>", r->action);
	return b.len;
}

void ssf_print_defaults(FILE *f, const u8 defaults[SSF_DIR_MAX + 1])
{
	const char *name;
	u8 dir;

	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		name = ssf_action_name(defaults[dir]);
		if (name)
			fprintf(f, "default %s %s\n", ssf_dir_name(dir), name);
		else
			fprintf(f, "default %s <action %u>\n", ssf_dir_name(dir),
				defaults[dir]);
	}
}

void ssf_print_rule_stmt(FILE *f, const struct ssf_rule *r)
{
	char s[SSF_RULE_STRLEN];

	ssf_rule_fmt(s, sizeof(s), r);
	fprintf(f, "rule %s\n", s);
}

static void ssf_json_name_or_num(struct ssf_json *j, const char *key,
				 const char *name, unsigned int v)
{
	ssf_json_key(j, key);
	if (name)
		ssf_json_str(j, name);
	else
		ssf_json_u64(j, v);
}

void ssf_rule_json(struct ssf_json *j, const struct ssf_rule *r)
{
	char s[SSF_RULE_STRLEN];

	ssf_json_kv_u64(j, "id", r->id);
	ssf_json_name_or_num(j, "dir", ssf_dir_name(r->dir), r->dir);
	ssf_json_name_or_num(j, "action", ssf_action_name(r->action), r->action);
	if (r->family != SSF_FAMILY_ANY)
		ssf_json_name_or_num(j, "family", ssf_family_name(r->family),
				     r->family);
	if (r->match & SSF_RM_PROTO)
		ssf_json_name_or_num(j, "proto", ssf_proto_name(r->proto),
				     r->proto);
	if (r->match & SSF_RM_SRC)
		ssf_json_kv_str(j, "src", ssf_prefix_fmt(s, sizeof(s), r->family,
							 &r->src, r->src_plen,
							 false));
	if (r->match & SSF_RM_DST)
		ssf_json_kv_str(j, "dst", ssf_prefix_fmt(s, sizeof(s), r->family,
							 &r->dst, r->dst_plen,
							 false));
	if (r->match & SSF_RM_SPORT)
		ssf_json_kv_str(j, "sport", ssf_ports_fmt(s, sizeof(s),
							  r->sport_min,
							  r->sport_max));
	if (r->match & SSF_RM_DPORT)
		ssf_json_kv_str(j, "dport", ssf_ports_fmt(s, sizeof(s),
							  r->dport_min,
							  r->dport_max));
	ssf_rule_fmt(s, sizeof(s), r);
	ssf_json_kv_str(j, "text", s);
}
