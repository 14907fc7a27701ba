// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl monitor: join the "events" multicast group of the ssf family and
 * print each SSF_CMD_EVENT as it comes, one line (or JSON object) each,
 * flushed at once so a reader on a pipe sees it.
 *
 * SIGINT and SIGTERM end it cleanly (exit 0). They are blocked except
 * while waiting in ppoll(), so they cannot be lost between a check of the
 * flag and the wait, and libnl (which retries reads on EINTR) never sees
 * them. The socket is non-blocking: a read after ppoll() takes what is
 * there and returns.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "event.h"

static volatile sig_atomic_t ssf_mon_stop;

static void ssf_mon_signal(int sig)
{
	(void)sig;
	ssf_mon_stop = 1;
}

struct ssfctl_mon {
	const struct ssfctl_ctx *ctx;
	struct ssfctl_nl *nl;
	u32 count;		/* events to print; 0: no limit */
	u32 seen;
	bool out_err;		/* stdout failed */
};

static int ssf_mon_valid(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct sockaddr_nl *src = nlmsg_get_src(msg);
	struct nlattr *tb[SSF_A_MAX + 1];
	struct ssfctl_mon *m = arg;
	struct genlmsghdr *g;
	struct ssfctl_event ev;
	struct ssfctl_out o;
	const char *why;

	/* only the kernel's (or, testing, the fake's) ssf events */
	if (src->nl_pid != m->nl->peer || nlh->nlmsg_type != m->nl->family ||
	    !genlmsg_valid_hdr(nlh, 0))
		return NL_SKIP;
	g = nlmsg_data(nlh);
	if (g->cmd != SSF_CMD_EVENT)
		return NL_SKIP;
	if (genlmsg_parse(nlh, 0, tb, SSF_A_MAX, ssf_a_policy) < 0)
		why = "malformed event message";
	else if (!tb[SSF_A_EVENT])
		why = "event message without an event";
	else
		why = ssf_event_get(tb[SSF_A_EVENT], &ev);
	if (why) {
		ssf_err("%s: %s (skipped)", m->ctx->what, why);
		return NL_SKIP;
	}
	ssf_out_init(&o, stdout, m->ctx->json);
	ssf_event_print(&o, &ev);
	if (fflush(stdout) == EOF || ferror(stdout))
		m->out_err = true;
	m->seen++;
	if (m->out_err || (m->count && m->seen == m->count))
		return NL_STOP;
	return NL_OK;
}

/* Join the group; prints the error and returns -1. */
static int ssf_mon_join(struct ssfctl_mon *m)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(m->nl->sk, SSF_GENL_NAME, SSF_MCGRP_EVENTS);
	if (grp < 0) {
		ssf_err("%s: the ssf module has no \"%s\" multicast group: %s",
			m->ctx->what, SSF_MCGRP_EVENTS, nl_geterror(grp));
		return -1;
	}
	ret = nl_socket_add_membership(m->nl->sk, grp);
	if (ret < 0) {
		ssf_err("%s: join multicast group \"%s\": %s", m->ctx->what,
			SSF_MCGRP_EVENTS, nl_geterror(ret));
		return -1;
	}
	nl_socket_disable_seq_check(m->nl->sk);
	ret = nl_socket_set_nonblocking(m->nl->sk);
	if (ret < 0) {
		ssf_err("%s: %s", m->ctx->what, nl_geterror(ret));
		return -1;
	}
	return 0;
}

/* Read events until a signal, --count, or an error. 0 or -1. */
static int ssf_mon_loop(struct ssfctl_mon *m, const sigset_t *waitmask)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(m->nl->sk),
			      .events = POLLIN };
	struct nl_cb *cb;
	int ret = -1, n;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		ssf_err("%s: out of memory", m->ctx->what);
		return -1;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, ssf_mon_valid, m);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, NULL, NULL);
	while (!ssf_mon_stop) {
		if (m->count && m->seen >= m->count)
			break;
		n = ppoll(&pfd, 1, NULL, waitmask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ssf_err("%s: poll: %s", m->ctx->what, strerror(errno));
			goto out;
		}
		n = nl_recvmsgs(m->nl->sk, cb);
		if (m->out_err) {
			ssf_err("%s: write output: %s", m->ctx->what,
				strerror(errno));
			goto out;
		}
		if (n == -NLE_NOMEM) {
			/* ENOBUFS: the socket overflowed, events were lost */
			ssf_err("%s: events lost: the receive buffer overflowed",
				m->ctx->what);
			continue;
		}
		if (n < 0 && n != -NLE_AGAIN) {
			ssf_err("%s: receive: %s", m->ctx->what, nl_geterror(n));
			goto out;
		}
	}
	ret = 0;
out:
	nl_cb_put(cb);
	return ret;
}

int ssf_cmd_monitor(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = ssf_mon_signal };
	struct ssfctl_mon m = { .ctx = ctx };
	sigset_t block, old;
	struct ssfctl_nl nl;
	int ret = 1;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ctx->opt[0]) {
		ret = ssf_arg_uint(ctx, "--count", ctx->opt[0], UINT32_MAX,
				   &m.count);
		if (ret)
			return ret;
		if (!m.count)
			return ssf_usage_err(ctx, "--count needs at least 1");
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ret = 1;
	if (ssf_nl_open(&nl, ctx->netns))
		goto out;
	m.nl = &nl;
	if (!ssf_mon_join(&m) && !ssf_mon_loop(&m, &old))
		ret = 0;
	ssf_nl_close(&nl);
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}
