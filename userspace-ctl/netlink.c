// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink transport for ssfctl.
 *
 * One socket, NETLINK_EXT_ACK and NETLINK_CAP_ACK set: the kernel explains
 * a rejection in TLVs after the error, and does not echo our (possibly
 * large) request back. libnl's automatic acks are off; a "do" request asks
 * for its ack explicitly and a dump does not (a dump ends with NLMSG_DONE).
 * Replies are matched to the request by sequence number and must come from
 * the kernel (port 0); anything else on the socket is skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "json.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* A stuck kernel makes ssfctl fail rather than hang (qemu TCG is slow). */
#define SSF_NL_TIMEOUT_S	60
#define SSF_NL_BUFSIZE		(1 << 20)
/* Where "ip netns add" puts the namespaces it names. */
#define SSF_NETNS_RUN_DIR	"/run/netns"

struct ssfctl_nl_state {
	struct ssfctl_nl *nl;
	u32 seq;
	ssfctl_nl_reply_fn fn;
	void *arg;
	unsigned long nmsgs;	/* messages read, ours or not */
	bool done;
	bool intr;
};

#ifdef SSFCTL_TESTING
/*
 * Test builds only (make check): SSFCTL_TEST_PEER=<port> sends everything to
 * a fake kernel in a userspace process (tests/fake_kernel.c) instead.
 */
static u32 ssf_nl_test_peer(void)
{
	const char *s = getenv("SSFCTL_TEST_PEER");

	return s ? (u32)strtoul(s, NULL, 10) : 0;
}
#else
static u32 ssf_nl_test_peer(void)
{
	return 0;
}
#endif

/*
 * Into the network namespace @name: *@home gets ours to come back to.
 * Prints the error and returns -1.
 */
static int ssf_netns_enter(const char *name, int *home)
{
	char path[PATH_MAX];
	int fd;

	if (strchr(name, '/') || !name[0] ||
	    snprintf(path, sizeof(path), "%s/%s", SSF_NETNS_RUN_DIR, name) >=
	    (int)sizeof(path)) {
		ssf_err("network namespace \"%s\": not a name in %s", name,
			SSF_NETNS_RUN_DIR);
		return -1;
	}
	*home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*home < 0) {
		ssf_err("network namespace: /proc/self/ns/net: %s",
			strerror(errno));
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ssf_err("network namespace \"%s\": %s: %s", name, path,
			strerror(errno));
		goto fail;
	}
	if (setns(fd, CLONE_NEWNET)) {
		ssf_err("network namespace \"%s\": switch to it: %s", name,
			strerror(errno));
		close(fd);
		goto fail;
	}
	close(fd);
	return 0;
fail:
	close(*home);
	return -1;
}

static int ssf_netns_leave(int home)
{
	int ret = setns(home, CLONE_NEWNET);

	if (ret)
		ssf_err("network namespace: switch back: %s", strerror(errno));
	close(home);
	return ret;
}

int ssf_nl_open(struct ssfctl_nl *nl, const char *netns)
{
	struct timeval tv = { .tv_sec = SSF_NL_TIMEOUT_S };
	int one = 1, fd, ret, home = -1;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		ssf_err("netlink socket: out of memory");
		return -1;
	}
	/* a socket belongs to the namespace it was opened in, for good */
	if (netns && ssf_netns_enter(netns, &home))
		goto fail;
	ret = genl_connect(nl->sk);
	if (home >= 0 && ssf_netns_leave(home))
		goto fail;
	if (ret < 0) {
		ssf_err("netlink socket: %s", nl_geterror(ret));
		goto fail;
	}
	fd = nl_socket_get_fd(nl->sk);
	/* Best effort: without them errors are reported by strerror only. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		ssf_err("netlink socket: set timeout: %s", strerror(errno));
		goto fail;
	}
	ret = nl_socket_set_buffer_size(nl->sk, SSF_NL_BUFSIZE, SSF_NL_BUFSIZE);
	if (ret < 0) {
		ssf_err("netlink socket: set buffer size: %s", nl_geterror(ret));
		goto fail;
	}

	nl->peer = ssf_nl_test_peer();
	if (nl->peer)
		nl_socket_set_peer_port(nl->sk, nl->peer);

	/* Asking for the family by name makes the kernel load ssf.ko. */
	nl->family = genl_ctrl_resolve(nl->sk, SSF_GENL_NAME);
	if (nl->family < 0) {
		if (nl->family == -NLE_OBJ_NOTFOUND)
			ssf_err("ssf kernel module not loaded: no generic netlink family \"%s\"",
				SSF_GENL_NAME);
		else
			ssf_err("ssf kernel module not loaded: resolve family \"%s\": %s",
				SSF_GENL_NAME, nl_geterror(nl->family));
		goto fail;
	}
	nl_socket_disable_auto_ack(nl->sk);
	return 0;
fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return -1;
}

void ssf_nl_close(struct ssfctl_nl *nl)
{
	/* Closing the socket also aborts a transaction it still owns. */
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *ssf_nl_msg(struct ssfctl_nl *nl, u8 cmd, bool dump, size_t size)
{
	struct nl_msg *msg;

	msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 dump ? NLM_F_DUMP : NLM_F_ACK, cmd, SSF_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int ssf_nl_on_msg_in(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;

	(void)msg;
	st->nmsgs++;
	return NL_OK;
}

static int ssf_nl_on_seq(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;
	struct sockaddr_nl *src = nlmsg_get_src(msg);

	if (nlmsg_hdr(msg)->nlmsg_seq != st->seq || src->nl_pid != st->nl->peer)
		return NL_SKIP;
	return NL_OK;
}

static int ssf_nl_on_valid(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;
	struct nlattr *tb[SSF_A_MAX + 1];
	const char *why;

	st->nl->replies++;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SSF_A_MAX, ssf_a_policy) < 0) {
		st->nl->why = "malformed reply from the kernel";
		return NL_STOP;
	}
	if (st->fn) {
		why = st->fn(tb, st->arg);
		if (why) {
			st->nl->why = why;
			return NL_STOP;
		}
	}
	return NL_OK;
}

static int ssf_nl_on_intr(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;

	(void)msg;
	st->intr = true;
	return NL_OK;
}

static int ssf_nl_on_ack(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;

	(void)msg;
	st->done = true;
	return NL_STOP;
}

static int ssf_nl_on_done(struct nl_msg *msg, void *arg)
{
	struct ssfctl_nl_state *st = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	ssf_extack_from_done(nlh, nlh->nlmsg_len, &st->nl->ack);
	st->done = true;
	return NL_STOP;
}

static int ssf_nl_on_error(struct sockaddr_nl *nla, struct nlmsgerr *e,
			   void *arg)
{
	/* libnl hands us the payload; the header is right before it */
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct ssfctl_nl_state *st = arg;

	(void)nla;
	if (ssf_extack_from_error(nlh, nlh->nlmsg_len, &st->nl->ack) < 0 ||
	    !st->nl->ack.error)
		st->nl->ack.error = EPROTO;
	st->done = true;
	return NL_STOP;
}

int ssf_nl_call(struct ssfctl_nl *nl, struct nl_msg *msg, ssfctl_nl_reply_fn fn,
		void *arg, bool *intr)
{
	struct ssfctl_nl_state st = { .nl = nl, .fn = fn, .arg = arg };
	struct nlmsghdr *req;
	struct nl_cb *cb;
	unsigned long before;
	int ret = -1, n;

	memset(&nl->ack, 0, sizeof(nl->ack));
	nl->why = NULL;
	nl->nlerr = 0;
	nl->replies = 0;
	if (intr)
		*intr = false;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nl->nlerr = -NLE_NOMEM;
		return -1;
	}
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, ssf_nl_on_msg_in, &st);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, ssf_nl_on_seq, &st);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, ssf_nl_on_valid, &st);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, ssf_nl_on_intr, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ssf_nl_on_ack, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, ssf_nl_on_done, &st);
	nl_cb_err(cb, NL_CB_CUSTOM, ssf_nl_on_error, &st);

	n = nl_send_auto(nl->sk, msg);
	if (n < 0) {
		nl->nlerr = n;
		goto out;
	}
	req = nlmsg_hdr(msg);
	st.seq = req->nlmsg_seq;

	while (!st.done && !nl->why) {
		before = st.nmsgs;
		n = nl_recvmsgs(nl->sk, cb);
		if (nl->ack.error || nl->why)
			break;
		if (n < 0) {
			nl->nlerr = n;
			goto out;
		}
		if (st.nmsgs == before && !st.done) {
			/* nl_recv() returns nothing only on timeout or EOF */
			nl->why = "no answer from the kernel";
			goto out;
		}
	}
	if (nl->ack.error) {
		if (nl->ack.has_off)
			ssf_attr_path(req, req->nlmsg_len, nl->ack.off,
				      &nl->ack.off_path);
		if (nl->ack.has_miss_nest)
			ssf_attr_path(req, req->nlmsg_len, nl->ack.miss_nest,
				      &nl->ack.miss_path);
		goto out;
	}
	if (nl->why)
		goto out;
	if (intr)
		*intr = st.intr;
	ret = 0;
out:
	nl_cb_put(cb);
	return ret;
}

int ssf_nl_get(struct ssfctl_nl *nl, u8 cmd, bool dump, const char *what,
	       ssfctl_nl_reply_fn fn, void *arg, bool *intr)
{
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, cmd, dump, 0);
	if (!msg) {
		ssf_err("%s: out of memory", what);
		return -1;
	}
	ret = ssf_nl_call(nl, msg, fn, arg, intr);
	nlmsg_free(msg);
	if (ret) {
		ssf_nl_perror(nl, "%s", what);
		return -1;
	}
	if (!dump && !nl->replies) {
		ssf_err("%s: the kernel sent no reply", what);
		return -1;
	}
	return 0;
}

static const char *ssf_nl_val_reply(struct nlattr **tb, void *arg)
{
	struct ssfctl_nl_val *val = arg;
	struct nlattr *a;

	a = val && val->attr ? tb[val->attr] : NULL;
	if (!a)
		return NULL;
	if (nla_len(a) == sizeof(u32))
		val->v = nla_get_u32(a);
	else if (nla_len(a) == sizeof(u64))
		val->v = nla_get_u64(a);
	else
		return "malformed reply from the kernel";
	val->got = true;
	return NULL;
}

int ssf_nl_do(struct ssfctl_nl *nl, struct nl_msg *msg,
	      struct ssfctl_nl_val *val)
{
	if (ssf_nl_call(nl, msg, ssf_nl_val_reply, val, NULL))
		return -1;
	if (val && val->need && !val->got) {
		nl->why = "the reply lacks what the request is for";
		return -1;
	}
	return 0;
}

int ssf_nl_simple(struct ssfctl_nl *nl, u8 cmd, const char *what, bool quiet,
		  struct ssfctl_nl_val *val)
{
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, cmd, false, 0);
	if (!msg) {
		if (!quiet)
			ssf_err("%s: out of memory", what);
		return -1;
	}
	ret = ssf_nl_do(nl, msg, val);
	nlmsg_free(msg);
	if (ret && !quiet)
		ssf_nl_perror(nl, "%s", what);
	return ret;
}

/* The attribute path as "SSF_A_RULES[3] > SSF_RULE_A_DPORT_MIN". */
static void ssf_nl_path_str(const struct ssfctl_apath *p, char *buf, size_t size)
{
	size_t len = 0;
	const char *name;
	unsigned int i;
	int n;

	buf[0] = '\0';
	for (i = 0; i < p->depth && len < size; i++) {
		name = ssf_attr_name(p, i, p->e[i].type);
		if (name)
			n = snprintf(buf + len, size - len, "%s%s", i ? " > " : "",
				     name);
		else
			n = snprintf(buf + len, size - len, "%stype %u",
				     i ? " > " : "", p->e[i].type);
		if (n < 0)
			break;
		len += (size_t)n;
	}
}

void ssf_nl_detail(const struct ssfctl_nl *nl, char *buf, size_t size)
{
	const struct ssfctl_extack *ea = &nl->ack;
	char path[160];
	const char *name;

	buf[0] = '\0';
	if (ea->msg[0]) {
		/* the kernel's words, shown safely */
		ssf_sb_esc(&(struct ssfctl_sb){ .buf = buf, .size = size },
			   ea->msg, false);
	} else if (ea->has_miss_type) {
		/* a missing nested attribute is named only if its nest is found */
		name = NULL;
		if (!ea->has_miss_nest || ea->miss_path.depth)
			name = ssf_attr_name(&ea->miss_path, ea->miss_path.depth,
					     ea->miss_type);
		if (name)
			snprintf(buf, size, "missing attribute %s", name);
		else
			snprintf(buf, size, "missing attribute type %u",
				 ea->miss_type);
	} else if (ea->has_off && ea->off_path.depth) {
		ssf_nl_path_str(&ea->off_path, path, sizeof(path));
		snprintf(buf, size, "invalid attribute %s", path);
	} else if (ea->error == EPERM) {
		snprintf(buf, size, "ssfctl needs CAP_NET_ADMIN in the network namespace");
	}
}

static void ssf_nl_vperror(const struct ssfctl_nl *nl, const char *fmt,
			   va_list ap)
{
	char what[256], detail[4 * SSF_EXTACK_MSG_MAX + 64];

	vsnprintf(what, sizeof(what), fmt, ap);

	if (nl->ack.error) {
		ssf_nl_detail(nl, detail, sizeof(detail));
		if (detail[0])
			ssf_err("%s: %s (%s)", what, detail,
				strerror(nl->ack.error));
		else
			ssf_err("%s: %s", what, strerror(nl->ack.error));
	} else if (nl->why) {
		ssf_err("%s: %s", what, nl->why);
	} else {
		ssf_err("%s: %s", what, nl_geterror(nl->nlerr));
	}
}

void ssf_nl_perror(const struct ssfctl_nl *nl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ssf_nl_vperror(nl, fmt, ap);
	va_end(ap);
}

void ssf_nl_perror_hint(const struct ssfctl_nl *nl, int error,
			const char *hint, const char *fmt, ...)
{
	va_list ap;

	if (nl->ack.error == error && !nl->ack.msg[0]) {
		ssf_err("%s", hint);
		return;
	}
	va_start(ap, fmt);
	ssf_nl_vperror(nl, fmt, ap);
	va_end(ap);
}
