// SPDX-License-Identifier: GPL-2.0
/*
 * ssf - Secure Socket Filter: module init and exit only.
 *
 * Setup order: per-netns state (so every netns has its ssf_net before
 * anything can reach it), lockdown if asked for (as early as possible),
 * the netlink release notifier (so no transaction can outlive its socket),
 * then the genetlink family (the only way in). Exit unwinds in reverse
 * (the lockdown hooks go with the initial netns' state).
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "ssf_net.h"
#include "ssf_txn.h"
#include "ssf_netlink.h"

/*
 * Bounded: a policy's arrays are sized by it, and a container root must not
 * be able to reach kvmalloc()'s size warning (a crash with panic_on_warn)
 * however the host admin sets it. Read with READ_ONCE() (writable at run
 * time) and checked again at commit.
 */
static int ssf_max_rules_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, SSF_MAX_RULES_LIMIT);
}

static const struct kernel_param_ops ssf_max_rules_ops = {
	.set = ssf_max_rules_set,
	.get = param_get_uint,
};

unsigned int ssf_max_rules __read_mostly = SSF_MAX_RULES_DEFAULT;
module_param_cb(max_rules, &ssf_max_rules_ops, &ssf_max_rules, 0644);
MODULE_PARM_DESC(max_rules, "Most rules a network namespace may hold, 1 to "
		 __stringify(SSF_MAX_RULES_LIMIT) " (default "
		 __stringify(SSF_MAX_RULES_DEFAULT) ")");

static int ssf_max_set_elems_set(const char *val,
				 const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, SSF_SET_ELEMS_LIMIT);
}

static const struct kernel_param_ops ssf_max_set_elems_ops = {
	.set = ssf_max_set_elems_set,
	.get = param_get_uint,
};

unsigned int ssf_max_set_elems __read_mostly = SSF_SET_ELEMS_DEFAULT;
module_param_cb(max_set_elems, &ssf_max_set_elems_ops, &ssf_max_set_elems,
		0644);
MODULE_PARM_DESC(max_set_elems, "Most elements one set may hold, 1 to "
		 __stringify(SSF_SET_ELEMS_LIMIT) " (default "
		 __stringify(SSF_SET_ELEMS_DEFAULT) ")");

unsigned int ssf_event_rate __read_mostly = 100;
module_param_named(event_rate, ssf_event_rate, uint, 0644);
MODULE_PARM_DESC(event_rate, "Events per second and network namespace on the events multicast group, read when a namespace is created (default 100)");

unsigned int ssf_log_rate __read_mostly = 10;
module_param_named(log_rate, ssf_log_rate, uint, 0644);
MODULE_PARM_DESC(log_rate, "Kernel log lines (log rules, audits, reverts) per second and network namespace, read when a namespace is created (default 10)");

bool ssf_lockdown __read_mostly;
module_param_named(lockdown, ssf_lockdown, bool, 0444);
MODULE_PARM_DESC(lockdown, "Drop every packet to local sockets or forwarded, but on loopback, from load until the first policy is loaded in the initial network namespace (default 0)");

static int __init ssf_init(void)
{
	int ret;

	ret = ssf_net_init_module();
	if (ret)
		return ret;
	if (ssf_lockdown) {
		ret = ssf_net_lockdown();
		if (ret)
			goto err_net;
	}
	ret = ssf_txn_init_module();
	if (ret)
		goto err_net;
	ret = ssf_genl_init();
	if (ret)
		goto err_txn;
	pr_info("loaded (genl family %s v%d)\n", SSF_GENL_NAME,
		SSF_GENL_VERSION);
	return 0;

err_txn:
	ssf_txn_exit_module();
err_net:
	ssf_net_exit_module();
	return ret;
}

static void __exit ssf_exit(void)
{
	ssf_genl_exit();
	ssf_txn_exit_module();
	ssf_net_exit_module();
}

module_init(ssf_init);
module_exit(ssf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ssf developers");
MODULE_DESCRIPTION("ssf: Secure Socket Filter");
MODULE_ALIAS_GENL_FAMILY(SSF_GENL_NAME);
