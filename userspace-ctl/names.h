/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the enum values in the policy language and in ssfctl's output
 * (directions, actions, families, protocols, ICMP types, modes, event
 * types, ct states, limit units, set types), in both directions. One table
 * each, shared by the parser and the printers so they cannot disagree.
 */
#ifndef _SSFCTL_NAMES_H
#define _SSFCTL_NAMES_H

#include "ssf_types.h"
#include <linux/ssf.h>

struct ssfctl_name {
	const char *name;
	unsigned int val;
};

/* The name of @val in @tbl, or NULL. */
const char *ssf_name_of(const struct ssfctl_name *tbl, size_t n, unsigned int val);
/* The value named by the @len bytes at @s in @tbl, or -1. */
int ssf_name_find(const struct ssfctl_name *tbl, size_t n, const char *s,
		  size_t len);

const char *ssf_dir_name(u8 dir);		/* "in", "out", "fwd" or NULL */
const char *ssf_action_name(u8 action);		/* "accept", "drop", ... */
const char *ssf_family_name(u8 family);		/* "ip", "ip6"; NULL for any */
const char *ssf_proto_name(u8 proto);		/* "tcp", ...; NULL if unnamed */

int ssf_dir_find(const char *s, size_t len);
int ssf_action_find(const char *s, size_t len);
int ssf_family_find(const char *s, size_t len);	/* ip or ip6 only */
int ssf_proto_find(const char *s, size_t len);	/* names only, not numbers */

/* ICMP (@family ipv4) or ICMPv6 (ipv6) type names, as nft spells them. */
const char *ssf_icmp_type_name(u8 family, u8 type);
int ssf_icmp_type_find(u8 family, const char *s, size_t len);

const char *ssf_mode_name(u8 mode);		/* "enforce", "audit", "off" */
int ssf_mode_find(const char *s, size_t len);
const char *ssf_event_type_name(u8 type);	/* "drop", ..., "revert" */

/* One enum ssf_ct_state bit: "new", "established", ..., or NULL. */
const char *ssf_ct_state_name(u32 bit);
int ssf_ct_state_find(const char *s, size_t len);	/* the bit, or -1 */
const char *ssf_limit_unit_name(u8 unit);	/* "second", "minute", "hour" */
int ssf_limit_unit_find(const char *s, size_t len);
const char *ssf_set_type_name(u8 type);		/* "addr", "port" */
int ssf_set_type_find(const char *s, size_t len);

#endif /* _SSFCTL_NAMES_H */
