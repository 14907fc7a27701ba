// SPDX-License-Identifier: GPL-2.0
/*
 * The event printer of "ssfctl monitor": a human line or a JSON object
 * (the JSON keys are a contract, see event.h), from the same calls.
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

/*
 * One end, "10.0.0.1:22" or "[2001:db8::1]:22" in text ("?" when the
 * event has no address): "src"/"dst" and "sport"/"dport" in JSON.
 */
static void ssf_ev_end(struct ssfctl_out *o, const struct ssfctl_event *ev,
		       const char *key, u32 has_addr, const union ssf_addr *a,
		       const char *port_key, u32 has_port, u16 port)
{
	bool bracket = ev->addr_len == 16 && (ev->has & has_port);
	char s[INET6_ADDRSTRLEN];

	if (ev->has & has_addr)
		ssf_print_str(o, SSF_PRINT_ANY, key, bracket ? "[%s]" : "%s",
			      ssf_ev_addr(ev, a, s, sizeof(s)));
	else
		ssf_print_fp(o, "?");
	if (ev->has & has_port)
		ssf_print_u64(o, SSF_PRINT_ANY, port_key, ":%" PRIu64, port);
}

void ssf_event_print(struct ssfctl_out *o, const struct ssfctl_event *ev)
{
	bool revert = ev->type == SSF_EVENT_REVERT;
	char alt[24];
	u32 has = ev->has;

	ssf_print_obj_open(o, NULL);
	snprintf(alt, sizeof(alt), "event-%u", ev->type);
	ssf_print_str(o, SSF_PRINT_ANY, "type", "%s",
		      ssf_event_type_name(ev->type) ?: alt);
	if (revert)
		ssf_print_fp(o, ": the previous policy is back");
	if (has & SSFCTL_EV_DIR) {
		snprintf(alt, sizeof(alt), "dir-%u", ev->dir);
		ssf_print_name(o, SSF_PRINT_ANY, "dir", " %s",
			       ssf_dir_name(ev->dir), ev->dir, alt);
	}
	if (has & SSFCTL_EV_FAMILY)
		ssf_print_name(o, has & SSFCTL_EV_PROTO ? SSF_PRINT_JSON :
			       SSF_PRINT_ANY, "family", " %s",
			       ev->family == SSF_FAMILY_IPV4 ? "ipv4" :
			       ev->family == SSF_FAMILY_IPV6 ? "ipv6" : NULL,
			       ev->family, NULL);
	if (has & SSFCTL_EV_PROTO) {
		snprintf(alt, sizeof(alt), "proto-%u", ev->proto);
		ssf_print_name(o, SSF_PRINT_ANY, "proto", " %s",
			       ssf_proto_name(ev->proto), ev->proto, alt);
	}
	if (has & (SSFCTL_EV_SRC | SSFCTL_EV_DST)) {
		ssf_print_fp(o, " ");
		ssf_ev_end(o, ev, "src", SSFCTL_EV_SRC, &ev->src, "sport",
			   SSFCTL_EV_SPORT, ev->sport);
		ssf_print_fp(o, " -> ");
		ssf_ev_end(o, ev, "dst", SSFCTL_EV_DST, &ev->dst, "dport",
			   SSFCTL_EV_DPORT, ev->dport);
	}
	if (has & SSFCTL_EV_RULE)
		ssf_print_u64(o, SSF_PRINT_ANY, "rule", " rule %" PRIu64,
			      ev->rule_id);
	if (has & SSFCTL_EV_REASON)
		ssf_print_str(o, has & SSFCTL_EV_RULE ? SSF_PRINT_JSON :
			      SSF_PRINT_ANY, "reason", " check %s", ev->reason);
	else if (!(has & SSFCTL_EV_RULE) && !revert &&
		 ev->type != SSF_EVENT_LOG)
		ssf_print_fp(o, " default");
	if (has & SSFCTL_EV_UID)
		ssf_print_u64(o, SSF_PRINT_ANY, "uid", " uid %" PRIu64, ev->uid);
	if (has & SSFCTL_EV_KUID)
		ssf_print_u64(o, SSF_PRINT_ANY, "kuid", " kuid %" PRIu64,
			      ev->kuid);
	if (has & SSFCTL_EV_CT) {
		snprintf(alt, sizeof(alt), "ct-0x%x", ev->ct_state);
		ssf_print_name(o, SSF_PRINT_ANY, "ct", " ct %s",
			       ssf_ct_state_name(ev->ct_state), ev->ct_state,
			       alt);
	}
	if (has & SSFCTL_EV_IIF)
		ssf_print_str(o, SSF_PRINT_ANY, "iif", " iif %s", ev->iif);
	if (has & SSFCTL_EV_OIF)
		ssf_print_str(o, SSF_PRINT_ANY, "oif", " oif %s", ev->oif);
	if (has & SSFCTL_EV_ACTION)
		ssf_print_name(o, SSF_PRINT_ANY, "action",
			       ev->type == SSF_EVENT_AUDIT ? " would %s" : " %s",
			       ssf_action_name(ev->action), ev->action, "?");
	if (has & SSFCTL_EV_GENERATION)
		ssf_print_u64(o, revert ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			      "generation", ", generation %" PRIu64,
			      ev->generation);
	if (has & SSFCTL_EV_SUPPRESSED)
		ssf_print_u64(o, ev->suppressed ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			      "suppressed", " (%" PRIu64 " suppressed before)",
			      ev->suppressed);
	ssf_print_fp(o, "\n");
	ssf_print_obj_close(o);
	ssf_out_end(o);
}
