// SPDX-License-Identifier: GPL-2.0
/*
 * An empty netfilter hook, the floor of the in-kernel runs of `make bench`
 * (bench/guest.sh): IPv4 LOCAL_IN, where ssf's "in" policy hook sits and at
 * its priority, returning a fixed verdict without reading the packet. What
 * a packet filter costs beyond this is its own work. In the initial
 * network namespace only: the bench runs every other configuration in a
 * namespace of its own, side by side.
 *
 *	insmod ssf_bench_hook.ko [accept=1]
 *
 * Locking: none; the hook reads a parameter fixed at load time.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <net/net_namespace.h>

static bool ssf_bench_accept;
module_param_named(accept, ssf_bench_accept, bool, 0444);
MODULE_PARM_DESC(accept, "Accept instead of dropping (default: drop)");

static unsigned int ssf_bench_hook(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	return ssf_bench_accept ? NF_ACCEPT : NF_DROP;
}

static const struct nf_hook_ops ssf_bench_ops = {
	.hook		= ssf_bench_hook,
	.pf		= NFPROTO_IPV4,
	.hooknum	= NF_INET_LOCAL_IN,
	.priority	= NF_IP_PRI_FILTER + 1,
};

static int __init ssf_bench_init(void)
{
	return nf_register_net_hook(&init_net, &ssf_bench_ops);
}

static void __exit ssf_bench_exit(void)
{
	nf_unregister_net_hook(&init_net, &ssf_bench_ops);
}

module_init(ssf_bench_init);
module_exit(ssf_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ssf bench: an empty netfilter hook");
