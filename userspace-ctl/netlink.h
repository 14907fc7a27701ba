/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netlink layer: one generic netlink socket to the "ssf" family with
 * extended acks, request/reply exchanges, and error reporting.
 */
#ifndef _SSFCTL_NETLINK_H
#define _SSFCTL_NETLINK_H

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "extack.h"

struct ssfctl_nl {
	struct nl_sock *sk;
	int family;
	u32 peer;			/* port replies come from: 0, the kernel */
	unsigned int replies;		/* of the last ssf_nl_call() */
	/* Why the last ssf_nl_call() failed: one of these three is set. */
	struct ssfctl_extack ack;		/* the kernel said no (ack.error) */
	const char *why;		/* the reply made no sense */
	int nlerr;			/* libnl failed locally (-NLE_*) */
};

/*
 * Called with the validated top-level attributes of each reply message.
 * Returns NULL, or what is wrong (the exchange then fails with it).
 */
typedef const char *(*ssfctl_nl_reply_fn)(struct nlattr **tb, void *arg);

/*
 * Open the socket and resolve the family; prints the error and returns -1.
 * With @netns (a name in /run/netns), the socket is opened in that network
 * namespace and the process goes back to its own: names are looked up
 * where ssfctl was started, the kernel is asked where @netns is.
 */
int ssf_nl_open(struct ssfctl_nl *nl, const char *netns);
void ssf_nl_close(struct ssfctl_nl *nl);

/*
 * A new request for @cmd: a dump if @dump, else a "do" that is acked.
 * @size is the buffer size (0: one page). NULL when out of memory.
 */
struct nl_msg *ssf_nl_msg(struct ssfctl_nl *nl, u8 cmd, bool dump, size_t size);

/*
 * Send @msg (the caller still owns and frees it) and read the replies up to
 * the ack (a "do") or NLMSG_DONE (a dump), calling @fn for each reply. A
 * dump that the kernel flagged NLM_F_DUMP_INTR sets *@intr (may be NULL).
 * Returns 0, or -1 with the failure recorded in @nl (for ssf_nl_perror());
 * on a kernel error, the error offsets are resolved against @msg.
 */
int ssf_nl_call(struct ssfctl_nl *nl, struct nl_msg *msg, ssfctl_nl_reply_fn fn,
		void *arg, bool *intr);

/*
 * A request for @cmd without attributes (a dump if @dump) whose replies
 * @fn parses into @arg; a "do" must get one. On failure prints
 * "<what>: <why>" and returns -1. @intr as ssf_nl_call().
 */
int ssf_nl_get(struct ssfctl_nl *nl, u8 cmd, bool dump, const char *what,
	       ssfctl_nl_reply_fn fn, void *arg, bool *intr);

/* What the reply to a "do" says: the value of one u32 or u64 attribute. */
struct ssfctl_nl_val {
	u16 attr;			/* SSF_A_*; 0: none wanted */
	bool need;			/* a reply without it is an error */
	bool got;
	u64 v;
};

/*
 * The "do" request @msg; @val (may be NULL) gets what the reply says.
 * 0 or -1 as ssf_nl_call().
 */
int ssf_nl_do(struct ssfctl_nl *nl, struct nl_msg *msg,
	      struct ssfctl_nl_val *val);

/*
 * A "do" request for @cmd without attributes, through ssf_nl_do(). On
 * failure prints "<what>: ..." unless @quiet.
 */
int ssf_nl_simple(struct ssfctl_nl *nl, u8 cmd, const char *what, bool quiet,
		  struct ssfctl_nl_val *val);

/* "ssfctl: <what>: <extack message> (<strerror>)", from the last failure. */
__attribute__((format(printf, 2, 3)))
void ssf_nl_perror(const struct ssfctl_nl *nl, const char *fmt, ...);

/*
 * ssf_nl_perror(), but "ssfctl: @hint" when the kernel refused with @error
 * and said nothing more (an older module): the hint says what the newer
 * one's message does.
 */
__attribute__((format(printf, 4, 5)))
void ssf_nl_perror_hint(const struct ssfctl_nl *nl, int error,
			const char *hint, const char *fmt, ...);

/*
 * The failure of the last call as text, without strerror: the extack
 * message, or "missing attribute X", or "invalid attribute X"; "" if none.
 */
void ssf_nl_detail(const struct ssfctl_nl *nl, char *buf, size_t size);

#endif /* _SSFCTL_NETLINK_H */
