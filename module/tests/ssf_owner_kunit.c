// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_owner: the matches on a packet's owner and interfaces,
 * with fake sockets, fake cgroups and real socket lookups.
 *
 *  - ssf_meta_fill() on fake sockets: which socket each direction uses,
 *    request minisocks mapped to their listener, time-wait and kernel
 *    sockets and forwarded packets without an owner, gid only with a file,
 *    another netns's socket ignored, and no reference taken for skb->sk;
 *  - ssf_meta_fill() on ingress without skb->sk: the nf_socket lookup
 *    finds a real UDP socket (IPv4 and IPv6), takes one reference that
 *    ssf_owner_put() drops; a kernel socket and an unmatched port give no
 *    owner;
 *  - ssf_meta_cgroup_under() on a fake cgroup tree and the real root;
 *    ssf_owner_cgroup_level();
 *  - ssf_rule_match(): uid/gid range edges, no owner never matching,
 *    cgroup under / not under, iif/oif, ICMP type;
 *  - ssf_policy_lookup(): first match in policy order across owner,
 *    interface, prefix and port rules.
 * Every match and lookup is also held to the reference matcher
 * (ssf_rule_ref.c) on the same rules and metadata.
 */
#include <kunit/test.h>
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/kernfs.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/overflow.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/inet_timewait_sock.h>
#include <net/net_namespace.h>
#include <net/request_sock.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "../ssf_owner.h"
#include "../ssf_kmod.h"
#include "ssf_kunit_policy.h"
#include "ssf_rule_ref.h"

#define UDP	17
#define TCP	6
#define ICMP	1
#define ICMP6	58

#define V4(a, b, c, d)	cpu_to_be32(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* ---- fakes ------------------------------------------------------------ */

/* A cgroup under @parent (NULL: a root) with kernfs id @id. */
static struct cgroup *fake_cgroup(struct kunit *test, struct cgroup *parent,
				  u64 id)
{
	int level = parent ? parent->level + 1 : 0, i;
	struct kernfs_node *kn;
	struct cgroup *cg;

	cg = kunit_kzalloc(test, struct_size(cg, ancestors, level + 1),
			   GFP_KERNEL);
	kn = kunit_kzalloc(test, sizeof(*kn), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cg);
	KUNIT_ASSERT_NOT_NULL(test, kn);
	kn->id = id;
	cg->kn = kn;
	cg->level = level;
	for (i = 0; i < level; i++)
		cg->ancestors[i] = parent->ancestors[i];
	cg->ancestors[level] = cg;
	return cg;
}

/* root 1 ─┬─ 10 ─── 100 ─── 1000
 *         └─ 20
 */
struct fake_tree {
	struct cgroup *root, *sys, *sshd, *sshd_x, *user;
};

static void fake_tree_init(struct kunit *test, struct fake_tree *t)
{
	t->root = fake_cgroup(test, NULL, 1);
	t->sys = fake_cgroup(test, t->root, 10);
	t->sshd = fake_cgroup(test, t->sys, 100);
	t->sshd_x = fake_cgroup(test, t->sshd, 1000);
	t->user = fake_cgroup(test, t->root, 20);
}

/*
 * A full socket of init_net owned by @uid in @cg; with a file opened with
 * fsgid @gid when @gid >= 0.
 */
static struct sock *fake_sock(struct kunit *test, u32 uid, long long gid,
			      struct cgroup *cg)
{
	struct sock *sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sk);
	sk->sk_state = TCP_ESTABLISHED;
	sock_net_set(sk, &init_net);
	sk->sk_uid = KUIDT_INIT(uid);
	sk->sk_cgrp_data.cgroup = cg;
	rwlock_init(&sk->sk_callback_lock);
	refcount_set(&sk->sk_refcnt, 1);
	if (gid >= 0) {
		struct socket *sock = kunit_kzalloc(test, sizeof(*sock),
						    GFP_KERNEL);
		struct file *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
		struct cred *cred = kunit_kzalloc(test, sizeof(*cred),
						  GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, sock);
		KUNIT_ASSERT_NOT_NULL(test, f);
		KUNIT_ASSERT_NOT_NULL(test, cred);
		cred->fsgid = KGIDT_INIT((u32)gid);
		f->f_cred = cred;
		sock->file = f;
		sock->sk = sk;
		sk->sk_socket = sock;
	}
	return sk;
}

static struct net_device *fake_dev(struct kunit *test, const char *name)
{
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	strscpy(dev->name, name, sizeof(dev->name));
	return dev;
}

static struct sk_buff *empty_skb(struct kunit *test, struct sock *sk)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb->sk = sk;		/* borrowed: no destructor, cleared before free */
	return skb;
}

static void free_skb(struct sk_buff *skb)
{
	skb->sk = NULL;
	kfree_skb(skb);
}

/* ssf_meta_fill() under RCU, as in a hook, for a packet of @pkt_flags. */
static void fill_flags(struct sk_buff *skb, const struct nf_hook_state *st,
		       u8 dir, u8 pkt_flags, struct ssf_meta *meta,
		       struct ssf_owner *own)
{
	struct ssf_pkt pkt = { .flags = pkt_flags };

	rcu_read_lock();
	ssf_meta_fill(skb, st, dir, true, &pkt, meta, own);
	rcu_read_unlock();
}

static void fill(struct sk_buff *skb, const struct nf_hook_state *st, u8 dir,
		 struct ssf_meta *meta, struct ssf_owner *own)
{
	fill_flags(skb, st, dir, SSF_PKT_F_PORTS, meta, own);
}

/* ---- ssf_meta_fill() on fake sockets ---------------------------------- */

static void ssf_owner_fill_out(struct kunit *test)
{
	struct fake_tree t;
	struct sock *sk;
	struct net_device *out = fake_dev(test, "ssf-out0");
	struct nf_hook_state st = {
		.pf = NFPROTO_IPV4, .out = out, .net = &init_net,
	};
	struct ssf_owner own;
	struct ssf_meta m;
	struct sk_buff *skb;

	fake_tree_init(test, &t);
	sk = fake_sock(test, 1000, 100, t.sshd);
	skb = empty_skb(test, sk);

	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_NULL(test, m.iif);
	KUNIT_EXPECT_STREQ(test, m.oif, "ssf-out0");
	KUNIT_EXPECT_EQ(test, m.flags, SSF_META_OWNER | SSF_META_GID);
	KUNIT_EXPECT_EQ(test, m.uid, 1000);
	KUNIT_EXPECT_EQ(test, m.gid, 100);
	KUNIT_EXPECT_PTR_EQ(test, m.cgroup, (const void *)t.sshd);
	/* skb->sk is borrowed: used, not referenced */
	KUNIT_EXPECT_PTR_EQ(test, own.sk, sk);
	KUNIT_EXPECT_FALSE(test, own.put);
	KUNIT_EXPECT_EQ(test, refcount_read(&sk->sk_refcnt), 1);
	ssf_owner_put(&own);
	KUNIT_EXPECT_EQ(test, refcount_read(&sk->sk_refcnt), 1);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);		/* twice is harmless */

	/* without need_owner: names only, no socket looked at */
	rcu_read_lock();
	ssf_meta_fill(skb, &st, SSF_DIR_OUT, false, &(struct ssf_pkt){}, &m,
		      &own);
	rcu_read_unlock();
	KUNIT_EXPECT_STREQ(test, m.oif, "ssf-out0");
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);

	/* no socket at all (a raw-path packet with skb->sk cleared) */
	skb->sk = NULL;
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);
	free_skb(skb);
}

static void ssf_owner_fill_minisocks(struct kunit *test)
{
	struct nf_hook_state st = { .pf = NFPROTO_IPV6, .net = &init_net };
	struct sock *listener = fake_sock(test, 2000, 200, NULL);
	struct inet_timewait_sock *tw;
	struct request_sock *req;
	struct ssf_owner own;
	struct ssf_meta m;
	struct sk_buff *skb;

	/* a SYN-ACK carries the request minisock: its listener owns it */
	req = kunit_kzalloc(test, sizeof(*req), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, req);
	req->__req_common.skc_state = TCP_NEW_SYN_RECV;
	write_pnet(&req->__req_common.skc_net, &init_net);
	req->rsk_listener = listener;
	skb = empty_skb(test, (struct sock *)req);
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, SSF_META_OWNER | SSF_META_GID);
	KUNIT_EXPECT_EQ(test, m.uid, 2000);
	KUNIT_EXPECT_EQ(test, m.gid, 200);
	KUNIT_EXPECT_FALSE(test, own.put);
	ssf_owner_put(&own);

	/* a time-wait socket has no owner */
	tw = kunit_kzalloc(test, sizeof(*tw), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tw);
	tw->__tw_common.skc_state = TCP_TIME_WAIT;
	write_pnet(&tw->__tw_common.skc_net, &init_net);
	skb->sk = (struct sock *)tw;
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_FALSE(test, own.put);
	ssf_owner_put(&own);
	free_skb(skb);
}

static void ssf_owner_fill_no_owner(struct kunit *test)
{
	struct net_device *in = fake_dev(test, "ssf-in0");
	struct net_device *out = fake_dev(test, "ssf-out0");
	struct nf_hook_state st = {
		.pf = NFPROTO_IPV4, .in = in, .out = out, .net = &init_net,
	};
	struct sock *sk = fake_sock(test, 0, 0, NULL);
	struct sk_buff *skb = empty_skb(test, sk);
	struct ssf_owner own;
	struct ssf_meta m;

	/* forwarded: both names, never an owner, even with skb->sk */
	fill(skb, &st, SSF_DIR_FWD, &m, &own);
	KUNIT_EXPECT_STREQ(test, m.iif, "ssf-in0");
	KUNIT_EXPECT_STREQ(test, m.oif, "ssf-out0");
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);

	/* a kernel socket has no owner */
	sk->sk_kern_sock = 1;
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	ssf_owner_put(&own);
	sk->sk_kern_sock = 0;

	/* early demux on ingress: skb->sk is used, borrowed */
	fill(skb, &st, SSF_DIR_IN, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, SSF_META_OWNER | SSF_META_GID);
	KUNIT_EXPECT_PTR_EQ(test, own.sk, sk);
	KUNIT_EXPECT_FALSE(test, own.put);
	ssf_owner_put(&own);

	/* no file (an accepted child before accept()): uid and cgroup only */
	sk->sk_socket = NULL;
	sk->sk_uid = KUIDT_INIT(4242);
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, SSF_META_OWNER);
	KUNIT_EXPECT_EQ(test, m.uid, 4242);
	ssf_owner_put(&own);
	free_skb(skb);
}

static void ssf_owner_fill_other_netns(struct kunit *test)
{
	struct nf_hook_state st = { .pf = NFPROTO_IPV4, .net = &init_net };
	struct sock *sk = fake_sock(test, 1, 1, NULL);
	struct sk_buff *skb;
	struct ssf_owner own;
	struct ssf_meta m;
	struct net *other;

	if (!IS_ENABLED(CONFIG_NET_NS))
		kunit_skip(test, "CONFIG_NET_NS is off: one netns only");
	other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	sock_net_set(sk, other);
	skb = empty_skb(test, sk);
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);
	free_skb(skb);
}

/* ---- ssf_meta_fill() on ingress: the nf_socket lookup ----------------- */

#define PORT_USER	40321
#define PORT_KERN	40322
#define PORT_NONE	40323

static struct sk_buff *udp_skb(struct kunit *test, u8 family, u16 dport)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct udphdr *uh;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	if (family == SSF_FAMILY_IPV4) {
		struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->tot_len = htons(sizeof(*iph) + sizeof(*uh));
		iph->protocol = IPPROTO_UDP;
		iph->saddr = V4(192, 0, 2, 1);
		iph->daddr = V4(192, 0, 2, 2);
		skb->protocol = htons(ETH_P_IP);
	} else {
		struct ipv6hdr *ip6h = skb_put_zero(skb, sizeof(*ip6h));

		ip6h->version = 6;
		ip6h->hop_limit = 64;
		ip6h->payload_len = htons(sizeof(*uh));
		ip6h->nexthdr = IPPROTO_UDP;
		ip6h->saddr.s6_addr32[0] = cpu_to_be32(0x20010db8);
		ip6h->saddr.s6_addr32[3] = cpu_to_be32(1);
		ip6h->daddr.s6_addr32[0] = cpu_to_be32(0x20010db8);
		ip6h->daddr.s6_addr32[3] = cpu_to_be32(2);
		skb->protocol = htons(ETH_P_IPV6);
	}
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, skb->len);
	uh = skb_put_zero(skb, sizeof(*uh));
	uh->source = htons(50000);
	uh->dest = htons(dport);
	uh->len = htons(sizeof(*uh));
	return skb;
}

/* A UDP socket bound to the wildcard address and @port. */
static struct socket *udp_sock(struct kunit *test, u8 family, u16 port,
			       bool kern)
{
	struct sockaddr_storage ss = {};
	int af = family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6, ret, len;
	struct socket *sock;

	if (kern)
		ret = sock_create_kern(&init_net, af, SOCK_DGRAM, IPPROTO_UDP,
				       &sock);
	else	/* a user's socket: the test thread is in init_net */
		ret = sock_create(af, SOCK_DGRAM, IPPROTO_UDP, &sock);
	KUNIT_ASSERT_EQ(test, ret, 0);
	if (af == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		len = sizeof(*sin6);
	}
	ret = kernel_bind(sock, (struct sockaddr *)&ss, len);
	if (ret)
		sock_release(sock);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return sock;
}

static void lookup_family(struct kunit *test, u8 family)
{
	struct nf_hook_state st = {
		.pf = family == SSF_FAMILY_IPV4 ? NFPROTO_IPV4 : NFPROTO_IPV6,
		.in = init_net.loopback_dev, .net = &init_net,
	};
	u32 kmods = SSF_KMOD_BIT(SSF_KMOD_SOCKET4) |
		    SSF_KMOD_BIT(SSF_KMOD_SOCKET6), missing;
	struct socket *user, *kern;
	struct ssf_owner own;
	struct ssf_meta m;
	struct sk_buff *skb;
	unsigned int ref;

	/* what a policy with owner matches on in holds (ssf_kmod.c) */
	KUNIT_ASSERT_EQ(test, ssf_kmod_get(kmods, &missing), 0);
	user = udp_sock(test, family, PORT_USER, false);
	kern = udp_sock(test, family, PORT_KERN, true);
	user->sk->sk_uid = KUIDT_INIT(3333);

	/* found: one reference, dropped by ssf_owner_put() */
	skb = udp_skb(test, family, PORT_USER);
	ref = refcount_read(&user->sk->sk_refcnt);
	fill(skb, &st, SSF_DIR_IN, &m, &own);
	KUNIT_EXPECT_PTR_EQ(test, own.sk, user->sk);
	KUNIT_EXPECT_TRUE(test, own.put);
	KUNIT_EXPECT_EQ(test, refcount_read(&user->sk->sk_refcnt), ref + 1);
	KUNIT_EXPECT_STREQ(test, m.iif, "lo");
	/* a socket without a file (sock_create() makes none): no gid */
	KUNIT_EXPECT_EQ(test, m.flags, SSF_META_OWNER);
	KUNIT_EXPECT_EQ(test, m.uid, 3333);
	/* the test thread's cgroup: the root */
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 1, 0));
	ssf_owner_put(&own);
	KUNIT_EXPECT_EQ(test, refcount_read(&user->sk->sk_refcnt), ref);
	KUNIT_EXPECT_FALSE(test, own.put);

	/*
	 * a fragment: never looked up, whatever its bytes say (a later
	 * fragment's payload, or the IPv6 header, would be read as ports)
	 */
	fill_flags(skb, &st, SSF_DIR_IN, SSF_PKT_F_FRAG, &m, &own);
	KUNIT_EXPECT_NULL(test, own.sk);
	KUNIT_EXPECT_FALSE(test, own.put);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	KUNIT_EXPECT_EQ(test, refcount_read(&user->sk->sk_refcnt), ref);
	ssf_owner_put(&own);
	kfree_skb(skb);

	/* a kernel socket: found and released, but no owner */
	skb = udp_skb(test, family, PORT_KERN);
	ref = refcount_read(&kern->sk->sk_refcnt);
	fill(skb, &st, SSF_DIR_IN, &m, &own);
	KUNIT_EXPECT_PTR_EQ(test, own.sk, kern->sk);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	ssf_owner_put(&own);
	KUNIT_EXPECT_EQ(test, refcount_read(&kern->sk->sk_refcnt), ref);
	kfree_skb(skb);

	/* nobody listening: no socket, no owner, nothing to release */
	skb = udp_skb(test, family, PORT_NONE);
	fill(skb, &st, SSF_DIR_IN, &m, &own);
	KUNIT_EXPECT_NULL(test, own.sk);
	KUNIT_EXPECT_FALSE(test, own.put);
	KUNIT_EXPECT_EQ(test, m.flags, 0);
	ssf_owner_put(&own);

	/* egress never looks up: the sender is skb->sk or nobody */
	fill(skb, &st, SSF_DIR_OUT, &m, &own);
	KUNIT_EXPECT_NULL(test, own.sk);
	ssf_owner_put(&own);
	kfree_skb(skb);

	sock_release(kern);
	sock_release(user);
	ssf_kmod_put(kmods);
}

static void ssf_owner_lookup_ipv4(struct kunit *test)
{
	lookup_family(test, SSF_FAMILY_IPV4);
}

static void ssf_owner_lookup_ipv6(struct kunit *test)
{
	lookup_family(test, SSF_FAMILY_IPV6);
}

/* ---- cgroups ---------------------------------------------------------- */

static void ssf_owner_cgroup_under(struct kunit *test)
{
	struct ssf_meta m = { .flags = SSF_META_OWNER };
	struct fake_tree t;

	fake_tree_init(test, &t);
	m.cgroup = t.sshd_x;
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 1000, 3));
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 100, 2));
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 10, 1));
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 1, 0));
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 20, 1));
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 100, 1));
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 1000, 4));
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 1000, 65535));
	m.cgroup = t.sys;	/* a parent is not under its child */
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 100, 2));
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 10, 1));
	m.cgroup = t.user;	/* nor a sibling */
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 10, 1));
	m.flags = 0;		/* no owner */
	m.cgroup = t.sshd_x;
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 1, 0));
	m.flags = SSF_META_OWNER;
	m.cgroup = NULL;
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 1, 0));

	/* the real default hierarchy root */
	m.cgroup = &cgrp_dfl_root.cgrp;
	KUNIT_EXPECT_TRUE(test, ssf_meta_cgroup_under(&m, 1, 0));
	KUNIT_EXPECT_FALSE(test, ssf_meta_cgroup_under(&m, 1, 1));
}

static void ssf_owner_cgroup_levels(struct kunit *test)
{
	const char *err = NULL;
	u16 level = 99;

	KUNIT_EXPECT_EQ(test, ssf_owner_cgroup_level(1, &level, &err), 0);
	KUNIT_EXPECT_EQ(test, level, 0);
	level = 99;
	KUNIT_EXPECT_EQ(test, ssf_owner_cgroup_level(0x7fffffffffffULL, &level,
						     &err), -ENOENT);
	KUNIT_EXPECT_EQ(test, level, 99);
	KUNIT_ASSERT_NOT_NULL(test, err);
	KUNIT_EXPECT_STREQ(test, err, "no cgroup with that id");
}

/* ---- ssf_rule_match() on owners, interfaces, ICMP types --------------- */

static struct ssf_rule checked(struct kunit *test, struct ssf_rule r)
{
	const char *err = NULL;

	KUNIT_EXPECT_EQ_MSG(test, ssf_rule_verify(&r, &err), 0, "%s", err);
	return r;
}

/* ssf_rule_match(), which must agree with the reference matcher. */
static bool match(struct kunit *test, const struct ssf_rule *r,
		  const struct ssf_pkt *p, const struct ssf_meta *m)
{
	bool got = ssf_rule_match(r, p, m);

	KUNIT_EXPECT_EQ_MSG(test, got, ssf_ref_match(r, p, m),
			    "ssf_rule_match() and the reference disagree");
	return got;
}

static void ssf_owner_match_ranges(struct kunit *test)
{
	struct ssf_rule r = checked(test, (struct ssf_rule) {
		.dir = SSF_DIR_OUT, .match = SSF_RM_UID | SSF_RM_GID,
		.uid_min = 1000, .uid_max = 1999,
		.gid_min = 100, .gid_max = 100,
	});
	struct nf_hook_state st = { .pf = NFPROTO_IPV4, .net = &init_net };
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV4, .proto = UDP };
	static const struct { u32 uid; s64 gid; bool want; } cases[] = {
		{ 999, 100, false }, { 1000, 100, true }, { 1999, 100, true },
		{ 2000, 100, false }, { 0, 100, false },
		{ 0xffffffff, 100, false }, { 1500, 99, false },
		{ 1500, 101, false }, { 1500, -1, false },	/* no file */
	};
	struct ssf_owner own;
	struct ssf_meta m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sock *sk = fake_sock(test, cases[i].uid, cases[i].gid,
					    NULL);
		struct sk_buff *skb = empty_skb(test, sk);

		fill(skb, &st, SSF_DIR_OUT, &m, &own);
		KUNIT_EXPECT_EQ_MSG(test, match(test, &r, &p, &m),
				    cases[i].want, "uid %u gid %lld",
				    cases[i].uid, cases[i].gid);
		ssf_owner_put(&own);
		free_skb(skb);
	}
	/* no owner: never, even for the full ranges */
	r = checked(test, (struct ssf_rule) {
		.dir = SSF_DIR_IN, .match = SSF_RM_UID,
		.uid_min = 0, .uid_max = 0xffffffff,
	});
	m = (struct ssf_meta) {};
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
	m.flags = SSF_META_OWNER;
	KUNIT_EXPECT_TRUE(test, match(test, &r, &p, &m));
}

static void ssf_owner_match_cgroup(struct kunit *test)
{
	struct nf_hook_state st = { .pf = NFPROTO_IPV6, .net = &init_net };
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV6, .proto = TCP };
	struct ssf_rule r = checked(test, (struct ssf_rule) {
		.dir = SSF_DIR_OUT, .match = SSF_RM_CGROUP,
		.cgroup_id = 100, .cgroup_level = 2,
	});
	struct ssf_owner own;
	struct ssf_meta m;
	struct fake_tree t;
	struct {
		struct cgroup *cg;
		bool want;
	} cases[5];
	unsigned int i;

	fake_tree_init(test, &t);
	/* under 100/2: itself and its child; not its parent, a cousin, root */
	cases[0].cg = t.sshd;
	cases[0].want = true;
	cases[1].cg = t.sshd_x;
	cases[1].want = true;
	cases[2].cg = t.sys;
	cases[2].want = false;
	cases[3].cg = t.user;
	cases[3].want = false;
	cases[4].cg = t.root;
	cases[4].want = false;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sock *sk = fake_sock(test, 0, 0, cases[i].cg);
		struct sk_buff *skb = empty_skb(test, sk);

		fill(skb, &st, SSF_DIR_OUT, &m, &own);
		KUNIT_EXPECT_EQ_MSG(test, match(test, &r, &p, &m),
				    cases[i].want, "case %u", i);
		/* a kernel socket in the same cgroup never matches */
		sk->sk_kern_sock = 1;
		ssf_owner_put(&own);
		fill(skb, &st, SSF_DIR_OUT, &m, &own);
		KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
		ssf_owner_put(&own);
		free_skb(skb);
	}
}

static void ssf_owner_match_ifnames_icmp(struct kunit *test)
{
	struct net_device *in = fake_dev(test, "eth0");
	struct net_device *out = fake_dev(test, "eth1");
	struct nf_hook_state st = {
		.pf = NFPROTO_IPV4, .in = in, .out = out, .net = &init_net,
	};
	struct ssf_rule r = checked(test, (struct ssf_rule) {
		.dir = SSF_DIR_FWD, .family = SSF_FAMILY_IPV4,
		.match = SSF_RM_IIF | SSF_RM_OIF | SSF_RM_PROTO |
			 SSF_RM_ICMP_TYPE,
		.iif = "eth0", .oif = "eth1", .proto = ICMP, .icmp_type = 8,
	});
	struct ssf_pkt p = {
		.family = SSF_FAMILY_IPV4, .proto = ICMP,
		.flags = SSF_PKT_F_ICMP, .icmp_type = 8,
	};
	struct sk_buff *skb = empty_skb(test, NULL);
	struct ssf_owner own;
	struct ssf_meta m;

	fill(skb, &st, SSF_DIR_FWD, &m, &own);
	KUNIT_EXPECT_TRUE(test, match(test, &r, &p, &m));
	p.icmp_type = 0;
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
	p.icmp_type = 8;
	p.flags = SSF_PKT_F_FRAG | SSF_PKT_F_LATER_FRAG;
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
	p.flags = SSF_PKT_F_ICMP;
	ssf_owner_put(&own);

	st.in = out;			/* swapped devices */
	st.out = in;
	fill(skb, &st, SSF_DIR_FWD, &m, &own);
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
	ssf_owner_put(&own);

	st.in = in;			/* no output device yet */
	st.out = NULL;
	fill(skb, &st, SSF_DIR_FWD, &m, &own);
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
	r.match &= ~SSF_RM_OIF;
	KUNIT_EXPECT_TRUE(test, match(test, &r, &p, &m));
	ssf_owner_put(&own);
	free_skb(skb);

	/* an ICMPv6 type */
	r = checked(test, (struct ssf_rule) {
		.dir = SSF_DIR_IN, .family = SSF_FAMILY_IPV6,
		.match = SSF_RM_PROTO | SSF_RM_ICMP_TYPE,
		.proto = ICMP6, .icmp_type = 128,
	});
	p.family = SSF_FAMILY_IPV6;
	p.proto = ICMP6;
	p.icmp_type = 128;
	KUNIT_EXPECT_TRUE(test, match(test, &r, &p, &m));
	p.icmp_type = 129;
	KUNIT_EXPECT_FALSE(test, match(test, &r, &p, &m));
}

/* ---- first match: ssf_policy_lookup() --------------------------------- */

#define ADDR4(a, b, c, d)	{ .w = { V4(a, b, c, d) } }

/* Rule 1's cgroup is the fake tree's 10, at depth 1. */
static const struct ssf_rule owner_rules[] = {
	/* 0 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT,
		  .match = SSF_RM_UID, .uid_min = 1000, .uid_max = 1999 },
	/* 1 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_DROP,
		  .match = SSF_RM_CGROUP, .cgroup_id = 10, .cgroup_level = 1 },
	/* 2 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_REJECT,
		  .match = SSF_RM_IIF | SSF_RM_UID, .iif = "eth0",
		  .uid_min = 0, .uid_max = 0 },
	/* 3 */ { .dir = SSF_DIR_OUT, .action = SSF_ACT_ACCEPT,
		  .match = SSF_RM_GID, .gid_min = 100, .gid_max = 100 },
	/* 4 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT,
		  .match = SSF_RM_PROTO | SSF_RM_DPORT, .proto = UDP,
		  .dport_min = 53, .dport_max = 53 },
	/* 5 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_DROP,
		  .family = SSF_FAMILY_IPV4, .match = SSF_RM_SRC,
		  .src = ADDR4(10, 0, 0, 0), .src_plen = 8 },
	/* 6 */ { .dir = SSF_DIR_IN, .action = SSF_ACT_ACCEPT },
};

static const struct ssf_pkt owner_pkt = {
	.family = SSF_FAMILY_IPV4, .proto = UDP,
	.flags = SSF_PKT_F_PORTS, .saddr = ADDR4(10, 1, 2, 3),
	.sport = 5353, .dport = 53,
};

/* ssf_kunit_lookup() of owner_rules, which must agree with the reference. */
static int lookup(struct kunit *test, const struct ssf_policy *pol, u8 dir,
		  const struct ssf_pkt *p, const struct ssf_meta *m)
{
	int i = ssf_kunit_lookup(pol, dir, p, m);

	KUNIT_EXPECT_EQ_MSG(test, i,
			    ssf_ref_first_match(owner_rules,
						ARRAY_SIZE(owner_rules), dir,
						p, m),
			    "ssf_policy_lookup() and the reference disagree, dir %u",
			    dir);
	return i;
}

static void ssf_owner_first_match(struct kunit *test)
{
	struct ssf_pkt p = owner_pkt;
	struct ssf_meta m = {
		.iif = "eth0", .flags = SSF_META_OWNER | SSF_META_GID,
		.uid = 1000, .gid = 100,
	};
	struct ssf_policy *pol;
	struct fake_tree t;

	fake_tree_init(test, &t);
	pol = ssf_kunit_policy(test, owner_rules, ARRAY_SIZE(owner_rules));

	m.cgroup = t.sshd;		/* under rule 1's cgroup 10 */
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 0);
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_OUT, &p, &m), 3);
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_FWD, &p, &m), -1);
	m.uid = 2000;			/* past rule 0's range */
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 1);
	m.cgroup = t.user;		/* not under 10 */
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 4);
	m.uid = 0;			/* root on eth0 */
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 2);
	m.iif = "eth1";
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 4);
	m.gid = 101;
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_OUT, &p, &m), -1);
	m.flags = SSF_META_OWNER;	/* no file: no gid match */
	m.gid = 100;
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_OUT, &p, &m), -1);

	/* no owner: every owner rule is skipped, whatever the ids say */
	m = (struct ssf_meta) { .iif = "eth0", .uid = 1000, .gid = 100,
				.cgroup = t.sshd };
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 4);
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_OUT, &p, &m), -1);
	p.dport = 54;
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 5);
	p.saddr.w[0] = V4(11, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, lookup(test, pol, SSF_DIR_IN, &p, &m), 6);
}

/*
 * The socket -> first matching rule path end to end: the meta comes from
 * ssf_meta_fill() on a fake socket (skb->sk, as early demux leaves it on
 * the way in, and as the sender leaves it on the way out).
 */
static int sock_lookup(struct kunit *test, const struct ssf_policy *pol,
		       u8 dir, const char *dev, struct sock *sk)
{
	struct net_device *nd = fake_dev(test, dev);
	struct nf_hook_state st = { .pf = NFPROTO_IPV4, .net = &init_net };
	struct sk_buff *skb = empty_skb(test, sk);
	struct ssf_owner own;
	struct ssf_meta m;
	int i;

	if (dir == SSF_DIR_IN)
		st.in = nd;
	else
		st.out = nd;
	rcu_read_lock();
	ssf_meta_fill(skb, &st, dir, true, &owner_pkt, &m, &own);
	i = lookup(test, pol, dir, &owner_pkt, &m);
	rcu_read_unlock();
	ssf_owner_put(&own);
	KUNIT_EXPECT_EQ(test, refcount_read(&sk->sk_refcnt), 1);
	free_skb(skb);
	return i;
}

static void ssf_owner_first_match_sockets(struct kunit *test)
{
	struct ssf_policy *pol;
	struct fake_tree t;
	struct sock *sk;

	fake_tree_init(test, &t);
	pol = ssf_kunit_policy(test, owner_rules, ARRAY_SIZE(owner_rules));

	sk = fake_sock(test, 1000, 100, t.sshd);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_IN, "eth0", sk), 0);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_OUT, "eth0", sk), 3);
	sk = fake_sock(test, 2000, 100, t.sshd_x);	/* under 10, deeper */
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_IN, "eth0", sk), 1);
	sk = fake_sock(test, 2000, 100, t.user);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_IN, "eth0", sk), 4);
	sk = fake_sock(test, 0, 101, t.user);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_IN, "eth0", sk), 2);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_IN, "eth1", sk), 4);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_OUT, "eth0", sk), -1);
	sk = fake_sock(test, 0, -1, t.user);		/* no file: no gid */
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_OUT, "eth0", sk), -1);
	sk = fake_sock(test, 0, 100, t.user);
	KUNIT_EXPECT_EQ(test, sock_lookup(test, pol, SSF_DIR_OUT, "eth0", sk), 3);
}

static struct kunit_case ssf_owner_cases[] = {
	KUNIT_CASE(ssf_owner_fill_out),
	KUNIT_CASE(ssf_owner_fill_minisocks),
	KUNIT_CASE(ssf_owner_fill_no_owner),
	KUNIT_CASE(ssf_owner_fill_other_netns),
	KUNIT_CASE(ssf_owner_lookup_ipv4),
	KUNIT_CASE(ssf_owner_lookup_ipv6),
	KUNIT_CASE(ssf_owner_cgroup_under),
	KUNIT_CASE(ssf_owner_cgroup_levels),
	KUNIT_CASE(ssf_owner_match_ranges),
	KUNIT_CASE(ssf_owner_match_cgroup),
	KUNIT_CASE(ssf_owner_match_ifnames_icmp),
	KUNIT_CASE(ssf_owner_first_match),
	KUNIT_CASE(ssf_owner_first_match_sockets),
	{}
};

static struct kunit_suite ssf_owner_suite = {
	.name = "ssf_owner",
	.test_cases = ssf_owner_cases,
};

kunit_test_suite(ssf_owner_suite);
