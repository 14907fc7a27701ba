// SPDX-License-Identifier: GPL-2.0
/*
 * Event printers: the human line and the JSON object of "ssfctl monitor"
 * (the JSON keys are a contract, see event.h), both from struct ssfctl_event.
 */
#include <inttypes.h>
#include <arpa/inet.h>

#include "event.h"
#include "names.h"

static const char *ssf_ev_addr(const struct ssfctl_event *ev,
			       const union ssf_addr *a, char *buf, size_t size)
{
	if (!inet_ntop(ev->addr_len == 4 ? AF_INET : AF_INET6, a->b, buf,
		       (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

/* "10.0.0.1:22", "[2001:db8::1]:22", or without the port. */
static void ssf_ev_end(FILE *f, const struct ssfctl_event *ev, u32 has_addr,
		       const union ssf_addr *a, u32 has_port, u16 port)
{
	char s[INET6_ADDRSTRLEN];

	if (!(ev->has & has_addr)) {
		fputs("?", f);
		return;
	}
	ssf_ev_addr(ev, a, s, sizeof(s));
	if (!(ev->has & has_port))
		fputs(s, f);
	else if (ev->addr_len == 16)
		fprintf(f, "[%s]:%u", s, port);
	else
		fprintf(f, "%s:%u", s, port);
}

static const char *ssf_ev_type(const struct ssfctl_event *ev, char *buf,
			       size_t size)
{
	const char *name = ssf_event_type_name(ev->type);

	if (name)
		return name;
	snprintf(buf, size, "event-%u", ev->type);
	return buf;
}

void ssf_event_print(FILE *f, const struct ssfctl_event *ev)
{
	const char *name;
	char t[16];

	fputs(ssf_ev_type(ev, t, sizeof(t)), f);
	if (ev->type == SSF_EVENT_REVERT) {
		fputs(": the previous policy is back", f);
		if (ev->has & SSFCTL_EV_GENERATION)
			fprintf(f, ", generation %" PRIu64, ev->generation);
		goto out;
	}
	if (ev->has & SSFCTL_EV_DIR) {
		name = ssf_dir_name(ev->dir);
		if (name)
			fprintf(f, " %s", name);
		else
			fprintf(f, " dir-%u", ev->dir);
	}
	if (ev->has & SSFCTL_EV_PROTO) {
		name = ssf_proto_name(ev->proto);
		if (name)
			fprintf(f, " %s", name);
		else
			fprintf(f, " proto-%u", ev->proto);
	} else if (ev->has & SSFCTL_EV_FAMILY) {
		fprintf(f, " %s", ev->family == SSF_FAMILY_IPV6 ? "ipv6" : "ipv4");
	}
	if (ev->has & (SSFCTL_EV_SRC | SSFCTL_EV_DST)) {
		fputc(' ', f);
		ssf_ev_end(f, ev, SSFCTL_EV_SRC, &ev->src, SSFCTL_EV_SPORT, ev->sport);
		fputs(" -> ", f);
		ssf_ev_end(f, ev, SSFCTL_EV_DST, &ev->dst, SSFCTL_EV_DPORT, ev->dport);
	}
	if (ev->has & SSFCTL_EV_RULE)
		fprintf(f, " rule %" PRIu32, ev->rule_id);
	else if (ev->has & SSFCTL_EV_REASON)
		fprintf(f, " check %s", ev->reason);
	else if (ev->type != SSF_EVENT_LOG)
		fputs(" default", f);
	if (ev->has & SSFCTL_EV_UID)
		fprintf(f, " uid %" PRIu32, ev->uid);
	if (ev->has & SSFCTL_EV_IIF)
		fprintf(f, " iif %s", ev->iif);
	if (ev->has & SSFCTL_EV_OIF)
		fprintf(f, " oif %s", ev->oif);
	if (ev->has & SSFCTL_EV_ACTION) {
		name = ssf_action_name(ev->action);
		fprintf(f, " %s%s", ev->type == SSF_EVENT_AUDIT ? "would " : "",
			name ? name : "?");
	}
out:
	if ((ev->has & SSFCTL_EV_SUPPRESSED) && ev->suppressed)
		fprintf(f, " (%" PRIu32 " suppressed before)", ev->suppressed);
	fputc('\n', f);
}

void ssf_event_json(FILE *f, const struct ssfctl_event *ev)
{
	char s[INET6_ADDRSTRLEN];
	struct ssf_json j;
	const char *name;

	ssf_json_init(&j, f);
	ssf_json_obj_open(&j);
	ssf_json_kv_str(&j, "type", ssf_ev_type(ev, s, sizeof(s)));
	if (ev->has & SSFCTL_EV_DIR) {
		name = ssf_dir_name(ev->dir);
		ssf_json_key(&j, "dir");
		if (name)
			ssf_json_str(&j, name);
		else
			ssf_json_u64(&j, ev->dir);
	}
	if (ev->has & SSFCTL_EV_FAMILY) {
		ssf_json_key(&j, "family");
		if (ev->family == SSF_FAMILY_IPV4)
			ssf_json_str(&j, "ipv4");
		else if (ev->family == SSF_FAMILY_IPV6)
			ssf_json_str(&j, "ipv6");
		else
			ssf_json_u64(&j, ev->family);
	}
	if (ev->has & SSFCTL_EV_PROTO) {
		name = ssf_proto_name(ev->proto);
		ssf_json_key(&j, "proto");
		if (name)
			ssf_json_str(&j, name);
		else
			ssf_json_u64(&j, ev->proto);
	}
	if (ev->has & SSFCTL_EV_SRC)
		ssf_json_kv_str(&j, "src", ssf_ev_addr(ev, &ev->src, s, sizeof(s)));
	if (ev->has & SSFCTL_EV_DST)
		ssf_json_kv_str(&j, "dst", ssf_ev_addr(ev, &ev->dst, s, sizeof(s)));
	if (ev->has & SSFCTL_EV_SPORT)
		ssf_json_kv_u64(&j, "sport", ev->sport);
	if (ev->has & SSFCTL_EV_DPORT)
		ssf_json_kv_u64(&j, "dport", ev->dport);
	if (ev->has & SSFCTL_EV_RULE)
		ssf_json_kv_u64(&j, "rule", ev->rule_id);
	if (ev->has & SSFCTL_EV_REASON)
		ssf_json_kv_str(&j, "reason", ev->reason);
	if (ev->has & SSFCTL_EV_UID)
		ssf_json_kv_u64(&j, "uid", ev->uid);
	if (ev->has & SSFCTL_EV_IIF)
		ssf_json_kv_str(&j, "iif", ev->iif);
	if (ev->has & SSFCTL_EV_OIF)
		ssf_json_kv_str(&j, "oif", ev->oif);
	if (ev->has & SSFCTL_EV_ACTION) {
		name = ssf_action_name(ev->action);
		ssf_json_key(&j, "action");
		if (name)
			ssf_json_str(&j, name);
		else
			ssf_json_u64(&j, ev->action);
	}
	if (ev->has & SSFCTL_EV_SUPPRESSED)
		ssf_json_kv_u64(&j, "suppressed", ev->suppressed);
	if (ev->has & SSFCTL_EV_GENERATION)
		ssf_json_kv_u64(&j, "generation", ev->generation);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
}
