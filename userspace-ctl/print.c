// SPDX-License-Identifier: GPL-2.0
/*
 * Rule printers. The canonical word order: direction, family, proto,
 * icmp-type, src, dst, sport, dport, iif, oif, uid, gid, cgroup, action,
 * log, audit, comment. "family" is left out when an address or an ICMP
 * type already implies it; a value the kernel knows but this ssfctl has no
 * name for is printed so that it is recognisable, not silently dropped.
 * Names (users, groups, cgroup paths) are printed where the namer has
 * them and the parser would read them back as names, else numbers.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <arpa/inet.h>

#include "print.h"
#include "names.h"

struct ssfctl_sb {
	char *buf;
	size_t size;
	size_t len;		/* what the text needs, may exceed size */
};

__attribute__((format(printf, 2, 3)))
static void ssf_sb_add(struct ssfctl_sb *b, const char *fmt, ...)
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

/* A byte the parser would end or split a bare word at, or mangle. */
static bool ssf_word_special(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '#';
}

size_t ssf_word_fmt(char *buf, size_t size, const char *s, bool force)
{
	struct ssfctl_sb b = { .buf = buf, .size = size };
	size_t i, n = strlen(s);
	bool quote = force || !n;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < n && !quote; i++)
		quote = ssf_word_special((unsigned char)s[i]);
	if (!quote) {
		ssf_sb_add(&b, "%s", s);
		return b.len;
	}
	ssf_sb_add(&b, "\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			ssf_sb_add(&b, "\\%c", s[i]);
		else if (s[i] == '\n')
			ssf_sb_add(&b, " ");
		else
			ssf_sb_add(&b, "%c", s[i]);
	}
	ssf_sb_add(&b, "\"");
	return b.len;
}

/* " <word> <value>" with the value made a policy word. */
static void ssf_sb_word(struct ssfctl_sb *b, const char *word, const char *val,
			bool force)
{
	size_t room;

	ssf_sb_add(b, " %s ", word);
	room = b->len < b->size ? b->size - b->len : 0;
	b->len += ssf_word_fmt(room ? b->buf + b->len : NULL, room, val, force);
}

/* All digits and dashes: the parser would read it as a number or range. */
static bool ssf_looks_numeric(const char *s)
{
	return *s && strspn(s, "0123456789-") == strlen(s);
}

/* uid/gid: the name when the range is one id that has one, else numbers. */
static void ssf_sb_owner(struct ssfctl_sb *b, const char *word, u32 lo, u32 hi,
			 const char *(*name)(u32 id, char *buf, size_t size))
{
	char s[256];
	const char *n = NULL;

	if (lo == hi && name)
		n = name(lo, s, sizeof(s));
	if (n && n[0]) {
		/* a name that looks like a number is read back as a name quoted */
		ssf_sb_word(b, word, n, ssf_looks_numeric(n));
		return;
	}
	if (lo == hi)
		ssf_sb_add(b, " %s %" PRIu32, word, lo);
	else
		ssf_sb_add(b, " %s %" PRIu32 "-%" PRIu32, word, lo, hi);
}

/* "icmp-type echo-request", or the number when it has no name. */
static void ssf_sb_icmp(struct ssfctl_sb *b, const struct ssf_rule *r)
{
	const char *word = r->family == SSF_FAMILY_IPV6 ? "icmp6-type" :
							  "icmp-type";
	const char *name = ssf_icmp_type_name(r->family, r->icmp_type);

	if (name)
		ssf_sb_add(b, " %s %s", word, name);
	else
		ssf_sb_add(b, " %s %u", word, r->icmp_type);
}

size_t ssf_rule_fmt_nm(char *buf, size_t size, const struct ssf_rule *r,
		       const struct ssfctl_namer *nm)
{
	struct ssfctl_sb b = { .buf = buf, .size = size };
	char s[4096];
	const char *name;

	if (size)
		buf[0] = '\0';
	name = ssf_dir_name(r->dir);
	if (name)
		ssf_sb_add(&b, "%s", name);
	else
		ssf_sb_add(&b, "<direction %u>", r->dir);
	if (r->family != SSF_FAMILY_ANY &&
	    !(r->match & (SSF_RM_SRC | SSF_RM_DST | SSF_RM_ICMP_TYPE))) {
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
	if (r->match & SSF_RM_ICMP_TYPE)
		ssf_sb_icmp(&b, r);
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
	if (r->match & SSF_RM_IIF)
		ssf_sb_word(&b, "iif", r->iif, false);
	if (r->match & SSF_RM_OIF)
		ssf_sb_word(&b, "oif", r->oif, false);
	if (r->match & SSF_RM_UID)
		ssf_sb_owner(&b, "uid", r->uid_min, r->uid_max,
			     nm ? nm->user : NULL);
	if (r->match & SSF_RM_GID)
		ssf_sb_owner(&b, "gid", r->gid_min, r->gid_max,
			     nm ? nm->group : NULL);
	if (r->match & SSF_RM_CGROUP) {
		name = nm && nm->cgroup ? nm->cgroup(r->cgroup_id, s, sizeof(s)) :
					  NULL;
		if (name && name[0])
			ssf_sb_word(&b, "cgroup", name, false);
		else
			ssf_sb_add(&b, " cgroup-id %" PRIu64, r->cgroup_id);
	}
	name = ssf_action_name(r->action);
	if (name)
		ssf_sb_add(&b, " %s", name);
	else
		ssf_sb_add(&b, " <action %u>", r->action);
	if (r->flags & SSF_RULE_F_LOG) {
		if (r->log_prefix[0])
			ssf_sb_word(&b, "log", r->log_prefix, true);
		else
			ssf_sb_add(&b, " log");
	}
	if (r->flags & SSF_RULE_F_AUDIT)
		ssf_sb_add(&b, " audit");
	if (r->comment[0])
		ssf_sb_word(&b, "comment", r->comment, true);
	return b.len;
}

size_t ssf_rule_fmt(char *buf, size_t size, const struct ssf_rule *r)
{
	return ssf_rule_fmt_nm(buf, size, r, NULL);
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

void ssf_print_mode(FILE *f, u8 mode)
{
	const char *name = ssf_mode_name(mode);

	if (mode == SSF_MODE_ENFORCE)
		return;
	if (name)
		fprintf(f, "mode %s\n", name);
	else
		fprintf(f, "mode <mode %u>\n", mode);
}

void ssf_print_rule_stmt(FILE *f, const struct ssf_rule *r,
			 const struct ssfctl_namer *nm)
{
	char s[SSF_RULE_STRLEN];

	ssf_rule_fmt_nm(s, sizeof(s), r, nm);
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

/* "n" or "n-m", as ports are. */
static void ssf_json_range(struct ssf_json *j, const char *key, u32 lo, u32 hi)
{
	char s[32];

	if (lo == hi)
		snprintf(s, sizeof(s), "%" PRIu32, lo);
	else
		snprintf(s, sizeof(s), "%" PRIu32 "-%" PRIu32, lo, hi);
	ssf_json_kv_str(j, key, s);
}

void ssf_rule_json(struct ssf_json *j, const struct ssf_rule *r,
		   const struct ssfctl_namer *nm)
{
	char s[SSF_RULE_STRLEN];
	const char *name;

	ssf_json_kv_u64(j, "id", r->id);
	ssf_json_name_or_num(j, "dir", ssf_dir_name(r->dir), r->dir);
	ssf_json_name_or_num(j, "action", ssf_action_name(r->action), r->action);
	if (r->family != SSF_FAMILY_ANY)
		ssf_json_name_or_num(j, "family", ssf_family_name(r->family),
				     r->family);
	if (r->match & SSF_RM_PROTO)
		ssf_json_name_or_num(j, "proto", ssf_proto_name(r->proto),
				     r->proto);
	if (r->match & SSF_RM_ICMP_TYPE)
		ssf_json_name_or_num(j, "icmp_type",
				     ssf_icmp_type_name(r->family, r->icmp_type),
				     r->icmp_type);
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
	if (r->match & SSF_RM_IIF)
		ssf_json_kv_str(j, "iif", r->iif);
	if (r->match & SSF_RM_OIF)
		ssf_json_kv_str(j, "oif", r->oif);
	if (r->match & SSF_RM_UID) {
		ssf_json_range(j, "uid", r->uid_min, r->uid_max);
		name = nm && nm->user && r->uid_min == r->uid_max ?
		       nm->user(r->uid_min, s, sizeof(s)) : NULL;
		if (name)
			ssf_json_kv_str(j, "user", name);
	}
	if (r->match & SSF_RM_GID) {
		ssf_json_range(j, "gid", r->gid_min, r->gid_max);
		name = nm && nm->group && r->gid_min == r->gid_max ?
		       nm->group(r->gid_min, s, sizeof(s)) : NULL;
		if (name)
			ssf_json_kv_str(j, "group", name);
	}
	if (r->match & SSF_RM_CGROUP) {
		ssf_json_kv_u64(j, "cgroup", r->cgroup_id);
		name = nm && nm->cgroup ? nm->cgroup(r->cgroup_id, s, sizeof(s)) :
		       NULL;
		if (name)
			ssf_json_kv_str(j, "cgroup_path", name);
	}
	if (r->flags & SSF_RULE_F_LOG) {
		ssf_json_kv_bool(j, "log", true);
		if (r->log_prefix[0])
			ssf_json_kv_str(j, "log_prefix", r->log_prefix);
	}
	if (r->flags & SSF_RULE_F_AUDIT)
		ssf_json_kv_bool(j, "audit", true);
	if (r->comment[0])
		ssf_json_kv_str(j, "comment", r->comment);
	ssf_rule_fmt_nm(s, sizeof(s), r, nm);
	ssf_json_kv_str(j, "text", s);
}
