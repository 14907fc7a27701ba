// SPDX-License-Identifier: GPL-2.0
/*
 * Rules and the policy statements around them, as text and as JSON. The
 * canonical word order: direction, family, proto, icmp-type, src, dst,
 * sport, dport (each a value or @set), iif, oif, uid, gid, cgroup, ct
 * state, limit, burst (when not the default), action, log, audit, comment.
 * "family" is left out when an address or an ICMP type already implies
 * it; a value the kernel knows but this ssfctl has no name for is printed
 * so that it is recognisable, not silently dropped.
 * Names (users, groups, cgroup paths) are printed where the namer has
 * them and the parser would read them back as names, else numbers.
 */
#include <inttypes.h>
#include <string.h>
#include <arpa/inet.h>

#include "print.h"
#include "names.h"
#include "ctlrule.h"

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

/*
 * @s is one word the parser reads back as itself: not empty, nothing it
 * ends or splits a word at, nothing text would escape.
 */
static bool ssf_word_bare(const char *s)
{
	size_t i = 0, len = strlen(s), n;

	if (!len)
		return false;
	while (i < len) {
		if (strchr(" \"\\#", s[i]))
			return false;
		n = ssf_text_span(s + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

size_t ssf_word_fmt(char *buf, size_t size, const char *s, bool force)
{
	struct ssfctl_sb b = { .buf = buf, .size = size };

	if (size)
		buf[0] = '\0';
	if (!force && ssf_word_bare(s)) {
		ssf_sb_add(&b, "%s", s);
		return b.len;
	}
	ssf_sb_add(&b, "\"");
	ssf_sb_esc(&b, s, true);
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

/* " src @name" for set word @slot of @cr, when it has one; true if so. */
static bool ssf_sb_setword(struct ssfctl_sb *b, const struct ssfctl_rule *cr,
			   unsigned int slot)
{
	if (!(cr->r.match & ssf_set_words[slot].match))
		return false;
	ssf_sb_add(b, " %s @", ssf_set_words[slot].word);
	ssf_sb_esc(b, cr->set[slot], false);
	return true;
}

/* "established,related": the states of @mask, "?" for a bit without one. */
static void ssf_sb_ct(struct ssfctl_sb *b, u32 mask)
{
	const char *sep = "";
	const char *name;
	u32 bit;

	for (bit = 1; bit && bit <= mask; bit <<= 1) {
		if (!(mask & bit))
			continue;
		name = ssf_ct_state_name(bit);
		if (name)
			ssf_sb_add(b, "%s%s", sep, name);
		else
			ssf_sb_add(b, "%s<ct state 0x%x>", sep, bit);
		sep = ",";
	}
}

/* " ct state ..., limit, burst" of @r. */
static void ssf_sb_state(struct ssfctl_sb *b, const struct ssf_rule *r)
{
	const char *name;

	if (r->match & SSF_RM_CT) {
		ssf_sb_add(b, " ct state ");
		ssf_sb_ct(b, r->ct_states);
	}
	if (!(r->match & SSF_RM_LIMIT))
		return;
	name = ssf_limit_unit_name(r->limit_unit);
	if (name)
		ssf_sb_add(b, " limit %" PRIu32 "/%s", r->limit_rate, name);
	else
		ssf_sb_add(b, " limit %" PRIu32 "/<unit %u>", r->limit_rate,
			   r->limit_unit);
	if (r->limit_burst != SSF_LIMIT_BURST_DEFAULT)
		ssf_sb_add(b, " burst %" PRIu32, r->limit_burst);
}

size_t ssf_rule_fmt_nm(char *buf, size_t size, const struct ssfctl_rule *cr,
		       const struct ssfctl_namer *nm)
{
	struct ssfctl_sb b = { .buf = buf, .size = size };
	const struct ssf_rule *r = &cr->r;
	const struct ssf_rule_text *t = &cr->t;
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
	ssf_sb_setword(&b, cr, SSF_RSET_SRC);
	if (r->match & SSF_RM_DST)
		ssf_sb_add(&b, " dst %s", ssf_prefix_fmt(s, sizeof(s), r->family,
							&r->dst, r->dst_plen, true));
	ssf_sb_setword(&b, cr, SSF_RSET_DST);
	if (r->match & SSF_RM_SPORT)
		ssf_sb_add(&b, " sport %s", ssf_ports_fmt(s, sizeof(s),
							 r->sport_min, r->sport_max));
	ssf_sb_setword(&b, cr, SSF_RSET_SPORT);
	if (r->match & SSF_RM_DPORT)
		ssf_sb_add(&b, " dport %s", ssf_ports_fmt(s, sizeof(s),
							 r->dport_min, r->dport_max));
	ssf_sb_setword(&b, cr, SSF_RSET_DPORT);
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
	ssf_sb_state(&b, r);
	name = ssf_action_name(r->action);
	if (name)
		ssf_sb_add(&b, " %s", name);
	else
		ssf_sb_add(&b, " <action %u>", r->action);
	if (r->flags & SSF_RULE_F_LOG) {
		if (t->log_prefix[0])
			ssf_sb_word(&b, "log", t->log_prefix, true);
		else
			ssf_sb_add(&b, " log");
	}
	if (r->flags & SSF_RULE_F_AUDIT)
		ssf_sb_add(&b, " audit");
	if (t->comment[0])
		ssf_sb_word(&b, "comment", t->comment, true);
	return b.len;
}

size_t ssf_rule_fmt(char *buf, size_t size, const struct ssfctl_rule *r)
{
	return ssf_rule_fmt_nm(buf, size, r, NULL);
}

void ssf_defaults_print(struct ssfctl_out *o,
			const u8 defaults[SSF_DIR_MAX + 1],
			const char *const fmt[SSF_DIR_MAX + 1])
{
	char alt[24];
	u8 dir;

	ssf_print_obj_open(o, "defaults");
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		snprintf(alt, sizeof(alt), "<action %u>", defaults[dir]);
		ssf_print_name(o, SSF_PRINT_ANY, ssf_dir_name(dir), fmt[dir],
			       ssf_action_name(defaults[dir]), defaults[dir], alt);
	}
	ssf_print_obj_close(o);
}

void ssf_mode_print(struct ssfctl_out *o, u8 mode)
{
	char alt[24];

	snprintf(alt, sizeof(alt), "<mode %u>", mode);
	ssf_print_name(o, mode == SSF_MODE_ENFORCE ? SSF_PRINT_JSON :
		       SSF_PRINT_ANY, "mode", "mode %s\n", ssf_mode_name(mode),
		       mode, alt);
}

void ssf_print_mode(FILE *f, u8 mode)
{
	struct ssfctl_out o;

	ssf_out_init(&o, f, false);
	ssf_mode_print(&o, mode);
}

/* A JSON member by name, the number if it has none. */
static void ssf_member_name(struct ssfctl_out *o, const char *key,
			    const char *name, unsigned int v)
{
	ssf_print_name(o, SSF_PRINT_JSON, key, NULL, name, v, NULL);
}

/* A JSON string member, when there is one (@s not NULL). */
static void ssf_member_str(struct ssfctl_out *o, const char *key,
			   const char *s)
{
	if (s)
		ssf_print_str(o, SSF_PRINT_JSON, key, NULL, s);
}

/* "n" or "n-m", as ports are. */
static void ssf_member_range(struct ssfctl_out *o, const char *key, u32 lo,
			     u32 hi)
{
	char s[32];

	if (lo == hi)
		snprintf(s, sizeof(s), "%" PRIu32, lo);
	else
		snprintf(s, sizeof(s), "%" PRIu32 "-%" PRIu32, lo, hi);
	ssf_member_str(o, key, s);
}

/* "ct_state": [...], "limit": {...} */
static void ssf_state_members(struct ssfctl_out *o, const struct ssf_rule *r)
{
	u32 bit;

	if (r->match & SSF_RM_CT) {
		ssf_print_arr_open(o, "ct_state");
		for (bit = 1; bit && bit <= r->ct_states; bit <<= 1)
			if (r->ct_states & bit)
				ssf_print_name(o, SSF_PRINT_JSON, NULL, NULL,
					       ssf_ct_state_name(bit), bit,
					       NULL);
		ssf_print_arr_close(o);
	}
	if (r->match & SSF_RM_LIMIT) {
		ssf_print_obj_open(o, "limit");
		ssf_print_u64(o, SSF_PRINT_JSON, "rate", NULL, r->limit_rate);
		ssf_member_name(o, "unit", ssf_limit_unit_name(r->limit_unit),
				r->limit_unit);
		ssf_print_u64(o, SSF_PRINT_JSON, "burst", NULL, r->limit_burst);
		ssf_print_obj_close(o);
	}
}

/* What a rule matches on and does: JSON members, in the text's words. */
static void ssf_rule_members(struct ssfctl_out *o, const struct ssfctl_rule *cr,
			     const struct ssfctl_namer *nm)
{
	const struct ssf_rule *r = &cr->r;
	const struct ssf_rule_text *t = &cr->t;
	char s[4096];
	int i;

	ssf_member_name(o, "dir", ssf_dir_name(r->dir), r->dir);
	ssf_member_name(o, "action", ssf_action_name(r->action), r->action);
	if (r->family != SSF_FAMILY_ANY)
		ssf_member_name(o, "family", ssf_family_name(r->family),
				r->family);
	if (r->match & SSF_RM_PROTO)
		ssf_member_name(o, "proto", ssf_proto_name(r->proto), r->proto);
	if (r->match & SSF_RM_ICMP_TYPE)
		ssf_member_name(o, "icmp_type",
				ssf_icmp_type_name(r->family, r->icmp_type),
				r->icmp_type);
	if (r->match & SSF_RM_SRC)
		ssf_member_str(o, "src", ssf_prefix_fmt(s, sizeof(s), r->family,
							&r->src, r->src_plen,
							false));
	if (r->match & SSF_RM_DST)
		ssf_member_str(o, "dst", ssf_prefix_fmt(s, sizeof(s), r->family,
							&r->dst, r->dst_plen,
							false));
	if (r->match & SSF_RM_SPORT)
		ssf_member_str(o, "sport", ssf_ports_fmt(s, sizeof(s),
							 r->sport_min,
							 r->sport_max));
	if (r->match & SSF_RM_DPORT)
		ssf_member_str(o, "dport", ssf_ports_fmt(s, sizeof(s),
							 r->dport_min,
							 r->dport_max));
	for (i = 0; i < SSF_RSET_NUM; i++)
		if (r->match & ssf_set_words[i].match)
			ssf_member_str(o, ssf_set_words[i].key, cr->set[i]);
	if (r->match & SSF_RM_IIF)
		ssf_member_str(o, "iif", r->iif);
	if (r->match & SSF_RM_OIF)
		ssf_member_str(o, "oif", r->oif);
	if (r->match & SSF_RM_UID) {
		ssf_member_range(o, "uid", r->uid_min, r->uid_max);
		ssf_member_str(o, "user", nm && nm->user &&
			       r->uid_min == r->uid_max ?
			       nm->user(r->uid_min, s, sizeof(s)) : NULL);
	}
	if (r->match & SSF_RM_GID) {
		ssf_member_range(o, "gid", r->gid_min, r->gid_max);
		ssf_member_str(o, "group", nm && nm->group &&
			       r->gid_min == r->gid_max ?
			       nm->group(r->gid_min, s, sizeof(s)) : NULL);
	}
	if (r->match & SSF_RM_CGROUP) {
		ssf_print_u64(o, SSF_PRINT_JSON, "cgroup", NULL, r->cgroup_id);
		ssf_member_str(o, "cgroup_path", nm && nm->cgroup ?
			       nm->cgroup(r->cgroup_id, s, sizeof(s)) : NULL);
	}
	ssf_state_members(o, r);
	if (r->flags & SSF_RULE_F_LOG) {
		ssf_print_bool(o, SSF_PRINT_JSON, "log", NULL, true);
		if (t->log_prefix[0])
			ssf_member_str(o, "log_prefix", t->log_prefix);
	}
	if (r->flags & SSF_RULE_F_AUDIT)
		ssf_print_bool(o, SSF_PRINT_JSON, "audit", NULL, true);
	if (t->comment[0])
		ssf_member_str(o, "comment", t->comment);
}

/* A column: in the text too when it has a format. */
static enum ssf_print_mode ssf_col(const char *fmt)
{
	return fmt ? SSF_PRINT_ANY : SSF_PRINT_JSON;
}

void ssf_rule_print(struct ssfctl_out *o, const struct ssfctl_rule *r,
		    const u64 *ctr, const struct ssfctl_namer *nm,
		    const struct ssfctl_rule_cols *cols)
{
	static char text[SSF_RULE_STRLEN];

	ssf_print_u64(o, ssf_col(cols->id), "id", cols->id, r->r.id);
	if (cols->words)
		ssf_rule_members(o, r, nm);
	if (ctr) {
		ssf_print_u64(o, ssf_col(cols->packets), "packets",
			      cols->packets, ctr[0]);
		ssf_print_u64(o, ssf_col(cols->bytes), "bytes", cols->bytes,
			      ctr[1]);
	}
	if (cols->words) {
		ssf_rule_fmt_nm(text, sizeof(text), r, nm);
		ssf_print_str(o, ssf_col(cols->text), "text", cols->text, text);
	}
}

void ssf_rule_json(struct ssfctl_json *j, const struct ssfctl_rule *r,
		   const struct ssfctl_namer *nm)
{
	static const struct ssfctl_rule_cols cols = { .words = true };
	struct ssfctl_out o;

	ssf_out_json(&o, j);
	ssf_rule_print(&o, r, NULL, nm, &cols);
}
