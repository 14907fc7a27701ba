// SPDX-License-Identifier: GPL-2.0
/*
 * Modules ssf needs only for some policies, taken when a policy that needs
 * them is published and released with it.
 *
 * Why: ssf.ko must load on a freshly booted kernel (insmod, early at boot),
 * where nf_reject_ipv4/6, nf_socket_ipv4/6, nf_conntrack and the nf_log
 * loggers are not loaded yet. Calling their functions directly would make them hard symbol
 * dependencies of ssf.ko; instead their symbols are looked up with
 * symbol_get() (which pins the module) when a policy first needs them.
 * request_module() runs a usermode helper and may take seconds, so it is
 * never called with a lock held: ssf_kmod_get() only reports what is
 * missing, the netlink handler drops ssf_net.lock, loads it and replays
 * the request (as nf_tables does with its -EAGAIN replay).
 *
 * Locking: ssf_kmod_lock (a mutex) guards the reference counts and the
 * writes of ssf_kmod_ops. The packet path reads ssf_kmod_ops with
 * READ_ONCE() and no lock: a pointer it uses belongs to a module the
 * policy it runs holds, so it is set and stays valid.
 */
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <net/netfilter/nf_log.h>

#include "ssf_kmod.h"

struct ssf_kmod_ops ssf_kmod_ops __read_mostly;

static DEFINE_MUTEX(ssf_kmod_lock);
static unsigned int ssf_kmod_refs[SSF_KMOD_NUM];

/*
 * symbol_get() of two functions of one module into @a and @b: both or
 * neither (a module exports both or is absent, but stay exact).
 */
#define ssf_kmod_get_pair(a, b, sa, sb)				\
({								\
	typeof(a) _a = symbol_get(sa);				\
	typeof(b) _b = symbol_get(sb);				\
	bool _ok = _a && _b;					\
								\
	if (_ok) {						\
		WRITE_ONCE(a, _a);				\
		WRITE_ONCE(b, _b);				\
	} else {						\
		if (_a)						\
			symbol_put(sa);				\
		if (_b)						\
			symbol_put(sb);				\
	}							\
	_ok;							\
})

#define ssf_kmod_get_one(a, sa)					\
({								\
	typeof(a) _a = symbol_get(sa);				\
								\
	if (_a)							\
		WRITE_ONCE(a, _a);				\
	_a != NULL;						\
})

/* First reference to module @id: look its functions up. */
static bool ssf_kmod_take(enum ssf_kmod_id id)
{
	struct ssf_kmod_ops *o = &ssf_kmod_ops;

	switch (id) {
	case SSF_KMOD_REJECT4:
		return ssf_kmod_get_pair(o->send_reset, o->send_unreach,
					 nf_send_reset, nf_send_unreach);
	case SSF_KMOD_REJECT6:
		return ssf_kmod_get_pair(o->send_reset6, o->send_unreach6,
					 nf_send_reset6, nf_send_unreach6);
	case SSF_KMOD_SOCKET4:
		return ssf_kmod_get_one(o->sk_lookup_v4, nf_sk_lookup_slow_v4);
	case SSF_KMOD_SOCKET6:
		return ssf_kmod_get_one(o->sk_lookup_v6, nf_sk_lookup_slow_v6);
	case SSF_KMOD_LOG4:
		return !nf_logger_find_get(NFPROTO_IPV4, NF_LOG_TYPE_LOG);
	case SSF_KMOD_LOG6:
		return !nf_logger_find_get(NFPROTO_IPV6, NF_LOG_TYPE_LOG);
	case SSF_KMOD_CONNTRACK:
		return ssf_kmod_get_pair(o->ct_netns_get, o->ct_netns_put,
					 nf_ct_netns_get, nf_ct_netns_put);
	case SSF_KMOD_NUM:
		break;
	}
	return false;
}

/* Last reference to module @id gone: forget its functions, unpin it. */
static void ssf_kmod_drop(enum ssf_kmod_id id)
{
	struct ssf_kmod_ops *o = &ssf_kmod_ops;

	switch (id) {
	case SSF_KMOD_REJECT4:
		WRITE_ONCE(o->send_reset, NULL);
		WRITE_ONCE(o->send_unreach, NULL);
		symbol_put(nf_send_reset);
		symbol_put(nf_send_unreach);
		break;
	case SSF_KMOD_REJECT6:
		WRITE_ONCE(o->send_reset6, NULL);
		WRITE_ONCE(o->send_unreach6, NULL);
		symbol_put(nf_send_reset6);
		symbol_put(nf_send_unreach6);
		break;
	case SSF_KMOD_SOCKET4:
		WRITE_ONCE(o->sk_lookup_v4, NULL);
		symbol_put(nf_sk_lookup_slow_v4);
		break;
	case SSF_KMOD_SOCKET6:
		WRITE_ONCE(o->sk_lookup_v6, NULL);
		symbol_put(nf_sk_lookup_slow_v6);
		break;
	case SSF_KMOD_LOG4:
		nf_logger_put(NFPROTO_IPV4, NF_LOG_TYPE_LOG);
		break;
	case SSF_KMOD_LOG6:
		nf_logger_put(NFPROTO_IPV6, NF_LOG_TYPE_LOG);
		break;
	case SSF_KMOD_CONNTRACK:
		WRITE_ONCE(o->ct_netns_get, NULL);
		WRITE_ONCE(o->ct_netns_put, NULL);
		symbol_put(nf_ct_netns_get);
		symbol_put(nf_ct_netns_put);
		break;
	case SSF_KMOD_NUM:
		break;
	}
}

static void ssf_kmod_put_locked(u32 held)
{
	unsigned int id;

	lockdep_assert_held(&ssf_kmod_lock);
	for (id = 0; id < SSF_KMOD_NUM; id++) {
		if (!(held & SSF_KMOD_BIT(id)))
			continue;
		if (!WARN_ON_ONCE(!ssf_kmod_refs[id]) && !--ssf_kmod_refs[id])
			ssf_kmod_drop(id);
	}
}

int ssf_kmod_get(u32 want, u32 *missing)
{
	unsigned int id;
	u32 got = 0;

	*missing = 0;
	mutex_lock(&ssf_kmod_lock);
	for (id = 0; id < SSF_KMOD_NUM; id++) {
		if (!(want & SSF_KMOD_BIT(id)))
			continue;
		if (!ssf_kmod_refs[id] && !ssf_kmod_take(id)) {
			*missing |= SSF_KMOD_BIT(id);
			continue;
		}
		ssf_kmod_refs[id]++;
		got |= SSF_KMOD_BIT(id);
	}
	if (*missing)
		ssf_kmod_put_locked(got);
	mutex_unlock(&ssf_kmod_lock);
	return *missing ? -EAGAIN : 0;
}

void ssf_kmod_put(u32 held)
{
	if (!held)
		return;
	mutex_lock(&ssf_kmod_lock);
	ssf_kmod_put_locked(held);
	mutex_unlock(&ssf_kmod_lock);
}

void ssf_kmod_request(u32 missing)
{
	might_sleep();
	if (missing & SSF_KMOD_BIT(SSF_KMOD_REJECT4))
		request_module("nf_reject_ipv4");
	if (missing & SSF_KMOD_BIT(SSF_KMOD_REJECT6))
		request_module("nf_reject_ipv6");
	if (missing & SSF_KMOD_BIT(SSF_KMOD_SOCKET4))
		request_module("nf_socket_ipv4");
	if (missing & SSF_KMOD_BIT(SSF_KMOD_SOCKET6))
		request_module("nf_socket_ipv6");
	/* the aliases nf_log_syslog declares (MODULE_ALIAS_NF_LOGGER) */
	if (missing & SSF_KMOD_BIT(SSF_KMOD_LOG4))
		request_module("nf-logger-%u-%u", NFPROTO_IPV4,
			       NF_LOG_TYPE_LOG);
	if (missing & SSF_KMOD_BIT(SSF_KMOD_LOG6))
		request_module("nf-logger-%u-%u", NFPROTO_IPV6,
			       NF_LOG_TYPE_LOG);
	if (missing & SSF_KMOD_BIT(SSF_KMOD_CONNTRACK))
		request_module("nf_conntrack");
}

const char *ssf_kmod_errmsg(u32 missing)
{
	if (missing & (SSF_KMOD_BIT(SSF_KMOD_REJECT4) |
		       SSF_KMOD_BIT(SSF_KMOD_REJECT6)))
		return "reject needs kernel modules nf_reject_ipv4 and nf_reject_ipv6, which could not be loaded";
	if (missing & (SSF_KMOD_BIT(SSF_KMOD_SOCKET4) |
		       SSF_KMOD_BIT(SSF_KMOD_SOCKET6)))
		return "owner matches on in need kernel modules nf_socket_ipv4 and nf_socket_ipv6, which could not be loaded";
	if (missing & SSF_KMOD_BIT(SSF_KMOD_CONNTRACK))
		return "ct state needs the kernel module nf_conntrack, which could not be loaded";
	return "log rules need an nf_log logger (module nf_log_syslog), which could not be loaded";
}
