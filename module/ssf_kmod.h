/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel modules ssf uses only when a policy needs them (reject, socket
 * lookup, logging), loaded on demand so that ssf.ko itself has no symbol
 * dependency on them and loads on a bare kernel.
 */
#ifndef _SSF_KMOD_H
#define _SSF_KMOD_H

#include <linux/types.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/netfilter/nf_socket.h>
#include <net/netfilter/nf_conntrack.h>

struct netlink_ext_ack;

enum ssf_kmod_id {
	SSF_KMOD_REJECT4,	/* nf_reject_ipv4: TCP RST, ICMP unreachable */
	SSF_KMOD_REJECT6,	/* nf_reject_ipv6 */
	SSF_KMOD_SOCKET4,	/* nf_socket_ipv4: ingress owner lookup */
	SSF_KMOD_SOCKET6,	/* nf_socket_ipv6 */
	SSF_KMOD_LOG4,		/* an nf_log logger for IPv4 (nf_log_syslog) */
	SSF_KMOD_LOG6,		/* ... for IPv6 */
	SSF_KMOD_CONNTRACK,	/* nf_conntrack: ct state */
	SSF_KMOD_NUM
};

#define SSF_KMOD_BIT(id)	(1U << (id))

/*
 * The functions ssf calls in those modules. A pointer is set while some
 * policy holds its module (ssf_kmod_get()); the packet path reads it with
 * READ_ONCE() on behalf of the policy it runs, which holds it.
 */
struct ssf_kmod_ops {
	typeof(&nf_send_reset) send_reset;
	typeof(&nf_send_unreach) send_unreach;
	typeof(&nf_send_reset6) send_reset6;
	typeof(&nf_send_unreach6) send_unreach6;
	typeof(&nf_sk_lookup_slow_v4) sk_lookup_v4;
	typeof(&nf_sk_lookup_slow_v6) sk_lookup_v6;
	typeof(&nf_ct_netns_get) ct_netns_get;
	typeof(&nf_ct_netns_put) ct_netns_put;
};

extern struct ssf_kmod_ops ssf_kmod_ops;

/*
 * Take a reference on every module in @want (SSF_KMOD_BIT() mask), all or
 * none. Never loads a module and never sleeps for long, so it may run
 * under ssf_net.lock. Returns 0, or -EAGAIN with the modules that are not
 * loaded in *@missing: the caller drops its locks, calls
 * ssf_kmod_request(*@missing) and tries again.
 */
int ssf_kmod_get(u32 want, u32 *missing);
void ssf_kmod_put(u32 held);

/* Load the modules in @missing (request_module()); call with no lock held. */
void ssf_kmod_request(u32 missing);

/* "nf_reject_ipv4 or nf_reject_ipv6" ...: the error text for @missing. */
const char *ssf_kmod_errmsg(u32 missing);

#endif /* _SSF_KMOD_H */
