/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events (SSF_CMD_EVENT, decoded into struct ssfctl_event by
 * attrs_event.c) as one human line or one JSON object a line; "ssfctl
 * monitor" prints them.
 */
#ifndef _SSFCTL_EVENT_H
#define _SSFCTL_EVENT_H

#include "attrs.h"
#include "json.h"

/*
 * One line, e.g.
 *   drop in tcp 10.0.0.1:40000 -> 10.0.0.2:22 rule 3 uid 1000 kuid 101000
 *     ct new iif eth0 drop
 *   audit out udp [2001:db8::1]:53 -> [2001:db8::2]:53 default would reject
 *   revert: the previous policy is back, generation 7
 * or {"type":"drop","dir":"in","family":"ipv4","proto":"tcp",
 *  "src":"10.0.0.1","sport":N,"dst":"...","dport":N,"rule":N,
 *  "reason":"tcp-null","uid":N,"kuid":N,"ct":"new","iif":"...","oif":"...",
 *  "action":"drop",
 *  "generation":N,"suppressed":N}, keys only when the event has them, and
 * a newline.
 */
void ssf_event_print(struct ssfctl_out *o, const struct ssfctl_event *ev);

#endif /* _SSFCTL_EVENT_H */
