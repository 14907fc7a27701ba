// SPDX-License-Identifier: GPL-2.0
/*
 * The fake ssf kernel (see fake_kernel.h). It holds no policy: a dump
 * sends the rules it was started with, a transaction is counted, not kept.
 * Requests are decoded with ssfctl's own attrs.c decoders; replies, acks,
 * extended acks and dumps are built byte by byte as net/netlink does:
 * capped errors with TLVs, dump messages packed several to a datagram,
 * NLMSG_DONE carrying the dump's result.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "fake_kernel.h"
#include "harness.h"
#include "attrs.h"
#include "polparse.h"
#include "ssf_check.h"

#define FK_FAMILY	0x1d
#define FK_MAX_RULES	4096
/*
 * The "events" group: nlctrl's "notify" group, which every kernel has, so
 * the monitor can really join it on the host; the fake itself sends the
 * events unicast, and the monitor ignores what nlctrl sends.
 */
#define FK_MCGRP	GENL_ID_CTRL
/*
 * Dump datagrams: what the kernel fits in a 16 KiB skb (libnl's receive
 * buffer sets the socket's max_recvmsg_len to 16 KiB).
 */
#define FK_DUMP_DGRAM	(16384 - 320)

struct fk_state {
	const struct ssfctl_fake_cfg *cfg;
	int fd;
	FILE *log;
	struct sockaddr_nl peer;
	struct ssfctl_rulex *rules;
	size_t nrules;
	u32 next_id;
	bool txn;
	int txn_rules;		/* rules added to the transaction so far */
	int dumps;
	int getfamily;		/* GETFAMILY "ssf" requests so far */
};

static void fk_sendbuf(struct fk_state *s, const void *buf, size_t len)
{
	if (sendto(s->fd, buf, len, 0, (struct sockaddr *)&s->peer,
		   sizeof(s->peer)) < 0)
		fprintf(s->log, "SEND FAILED %s\n", strerror(errno));
}

static void fk_send(struct fk_state *s, struct nl_msg *m)
{
	fk_sendbuf(s, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
}

static struct nl_msg *fk_msg(const struct nlmsghdr *req, int type, u8 cmd,
			     int flags)
{
	struct nl_msg *m = nlmsg_alloc_size(65536);

	if (m)
		genlmsg_put(m, req->nlmsg_pid, req->nlmsg_seq, type, 0, flags,
			    cmd, SSF_GENL_VERSION);
	return m;
}

/* A message nobody asked for, with another sequence number. */
static void fk_noise(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nlmsghdr h = *req;
	struct nl_msg *m;

	if (!s->cfg->noise)
		return;
	h.nlmsg_seq += 1000;
	m = fk_msg(&h, FK_FAMILY, SSF_CMD_STATUS_GET, 0);
	nla_put_u32(m, SSF_A_RULE_COUNT, 999);
	fk_send(s, m);
}

static void fk_put_tlv(u8 *buf, size_t *len, u16 type, const void *p, size_t n)
{
	struct nlattr a = { .nla_len = (u16)(NLA_HDRLEN + n), .nla_type = type };

	memcpy(buf + *len, &a, sizeof(a));
	memcpy(buf + *len + NLA_HDRLEN, p, n);
	*len += NLA_ALIGN(NLA_HDRLEN + n);
}

/*
 * NLMSG_ERROR as netlink_ack() builds it with NETLINK_CAP_ACK: @msg, the
 * offset of @bad in the request, a missing attribute @miss_type inside
 * @miss_nest.
 */
static void fk_error(struct fk_state *s, const struct nlmsghdr *req, int err,
		     const char *msg, const void *bad, int miss_type,
		     const void *miss_nest)
{
	u8 buf[1024] = { 0 };
	struct nlmsghdr h = {
		.nlmsg_type = NLMSG_ERROR,
		.nlmsg_flags = NLM_F_CAPPED,
		.nlmsg_seq = req->nlmsg_seq,
		.nlmsg_pid = req->nlmsg_pid,
	};
	struct nlmsgerr e = { .error = err, .msg = *req };
	size_t len = NLMSG_HDRLEN + sizeof(e);
	u32 v;

	memcpy(buf + NLMSG_HDRLEN, &e, sizeof(e));
	if (msg && !s->cfg->no_messages)
		fk_put_tlv(buf, &len, NLMSGERR_ATTR_MSG, msg, strlen(msg) + 1);
	if (bad) {
		v = (u32)((const u8 *)bad - (const u8 *)req);
		fk_put_tlv(buf, &len, NLMSGERR_ATTR_OFFS, &v, sizeof(v));
	}
	if (miss_type) {
		v = (u32)miss_type;
		fk_put_tlv(buf, &len, NLMSGERR_ATTR_MISS_TYPE, &v, sizeof(v));
	}
	if (miss_nest) {
		v = (u32)((const u8 *)miss_nest - (const u8 *)req);
		fk_put_tlv(buf, &len, NLMSGERR_ATTR_MISS_NEST, &v, sizeof(v));
	}
	if (len > NLMSG_HDRLEN + sizeof(e))
		h.nlmsg_flags |= NLM_F_ACK_TLVS;
	/* an ssf ack cut before its struct nlmsgerr ends */
	if (!err && s->cfg->bad == SSFCTL_FAKE_SHORT_ACK &&
	    req->nlmsg_type == FK_FAMILY)
		len = NLMSG_HDRLEN + sizeof(int);
	h.nlmsg_len = (u32)len;
	memcpy(buf, &h, sizeof(h));
	fk_sendbuf(s, buf, len);
}

static void fk_ack(struct fk_state *s, const struct nlmsghdr *req)
{
	if (req->nlmsg_flags & NLM_F_ACK)
		fk_error(s, req, 0, NULL, NULL, 0, NULL);
}

static void fk_reply_done(struct fk_state *s, const struct nlmsghdr *req,
			  struct nl_msg *m)
{
	fk_noise(s, req);
	fk_send(s, m);
	fk_ack(s, req);
}

/* A reply with the generation, acked. */
static void fk_reply_gen(struct fk_state *s, const struct nlmsghdr *req,
			 u8 cmd, u64 gen)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, cmd, 0);

	nla_put_u64(m, SSF_A_GENERATION, gen);
	fk_reply_done(s, req, m);
}

/* An SSF_CMD_EVENT-like message (command @cmd) with its SSF_A_EVENT nest. */
static struct nl_msg *fk_event_msg(const struct nlmsghdr *req, u8 cmd,
				   struct nlattr **nest)
{
	struct nlmsghdr h = *req;
	struct nl_msg *m;

	h.nlmsg_seq = 0;
	m = fk_msg(&h, FK_FAMILY, cmd, 0);
	*nest = nla_nest_start(m, SSF_A_EVENT | NLA_F_NESTED);
	return m;
}

static void fk_event_send(struct fk_state *s, struct nl_msg *m,
			  struct nlattr *nest)
{
	nla_nest_end(m, nest);
	fk_send(s, m);
}

/* An event from a port that is not the kernel's: a monitor ignores it. */
static void fk_event_foreign(struct fk_state *s, const struct nlmsghdr *req)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlattr *e;
	struct nl_msg *m;
	int fd;

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put_u32(m, SSF_EVENT_A_RULE_ID, 666);
	nla_nest_end(m, e);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd >= 0 && !bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		sendto(fd, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len, 0,
		       (struct sockaddr *)&s->peer, sizeof(s->peer));
	if (fd >= 0)
		close(fd);
	nlmsg_free(m);
}

#define FK_EV_ENDS	(SSFCTL_EV_FAMILY | SSFCTL_EV_PROTO | SSFCTL_EV_SRC | \
			 SSFCTL_EV_DST)
#define FK_A4		{ .b = { 10, 0, 0, 1 } }
#define FK_B4		{ .b = { 10, 0, 0, 2 } }
#define FK_A6		{ .b = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } }
#define FK_B6		{ .b = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } }

/*
 * The good events: a drop, a reject, an audit, a log, a revert; two with
 * names a terminal would act on.
 */
static const struct ssfctl_event fk_good_events[] = {
	{ .type = SSF_EVENT_DROP, .has = FK_EV_ENDS | SSFCTL_EV_DIR |
	  SSFCTL_EV_SPORT | SSFCTL_EV_DPORT | SSFCTL_EV_RULE | SSFCTL_EV_UID |
	  SSFCTL_EV_IIF | SSFCTL_EV_ACTION, .dir = SSF_DIR_IN,
	  .family = SSF_FAMILY_IPV4, .proto = 6, .addr_len = 4, .src = FK_A4,
	  .dst = FK_B4, .sport = 40000, .dport = 22, .rule_id = 3, .uid = 1000,
	  .iif = "veth0", .action = SSF_ACT_DROP },
	{ .type = SSF_EVENT_REJECT, .has = FK_EV_ENDS | SSFCTL_EV_DIR |
	  SSFCTL_EV_SPORT | SSFCTL_EV_DPORT | SSFCTL_EV_OIF |
	  SSFCTL_EV_SUPPRESSED | SSFCTL_EV_ACTION, .dir = SSF_DIR_OUT,
	  .family = SSF_FAMILY_IPV6, .proto = 17, .addr_len = 16, .src = FK_A6,
	  .dst = FK_B6, .sport = 5353, .dport = 53, .oif = "eth0\x1b]0;owned\a",
	  .suppressed = 4, .action = SSF_ACT_REJECT },
	{ .type = SSF_EVENT_AUDIT, .has = FK_EV_ENDS | SSFCTL_EV_REASON |
	  SSFCTL_EV_ACTION | SSFCTL_EV_SUPPRESSED, .family = SSF_FAMILY_IPV4,
	  .proto = 6, .addr_len = 4, .src = FK_A4, .dst = FK_B4,
	  .reason = "tcp-\x1b[2Jnull", .action = SSF_ACT_DROP },
	{ .type = SSF_EVENT_LOG, .has = FK_EV_ENDS | SSFCTL_EV_DIR |
	  SSFCTL_EV_RULE | SSFCTL_EV_IIF | SSFCTL_EV_OIF | SSFCTL_EV_ACTION,
	  .dir = SSF_DIR_FWD, .family = SSF_FAMILY_IPV4, .proto = 47,
	  .addr_len = 4, .src = FK_A4, .dst = FK_B4, .rule_id = 7,
	  .iif = "a \"q\"", .oif = "b", .action = SSF_ACT_ACCEPT },
	{ .type = SSF_EVENT_REVERT, .has = SSFCTL_EV_GENERATION,
	  .generation = 9 },
};

/* The good event @i, an SSF_CMD_EVENT message to the requester. */
static void fk_event_good(struct fk_state *s, const struct nlmsghdr *req,
			  size_t i)
{
	struct nlmsghdr h = *req;
	struct nl_msg *m;

	h.nlmsg_seq = 0;
	m = fk_msg(&h, FK_FAMILY, SSF_CMD_EVENT, 0);
	ssf_t_event_put(m, &fk_good_events[i]);
	fk_send(s, m);
}

/*
 * The crafted events: the good ones among what a monitor must skip: a
 * malformed event (reported), a message of another command, and an event
 * from another port.
 */
static void fk_events(struct fk_state *s, const struct nlmsghdr *req)
{
	static const u8 a5[5] = { 1, 2, 3, 4, 5 };
	struct nlattr *e;
	struct nl_msg *m;
	size_t i;

	fk_event_foreign(s, req);
	fk_event_good(s, req, 0);

	/* malformed: a 5-byte address */
	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put(m, SSF_EVENT_A_SRC, 5, a5);
	fk_event_send(s, m, e);

	fk_event_good(s, req, 1);

	/* not an event: skipped */
	m = fk_event_msg(req, SSF_CMD_STATUS_GET, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	fk_event_send(s, m, e);

	for (i = 2; i < ARRAY_SIZE(fk_good_events); i++)
		fk_event_good(s, req, i);
	fprintf(s->log, "EVENTS sent\n");
}

static void fk_getfamily(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *grps, *grp;
	struct nl_msg *m;

	if (genlmsg_parse((struct nlmsghdr *)req, 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_FAMILY_NAME]) {
		fk_error(s, req, -EINVAL, NULL, NULL, 0, NULL);
		return;
	}
	fprintf(s->log, "GETFAMILY %s\n", nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]));
	if (s->cfg->no_family ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), SSF_GENL_NAME)) {
		fk_error(s, req, -ENOENT, NULL, NULL, 0, NULL);
		return;
	}
	m = fk_msg(req, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, 0);
	nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FK_FAMILY);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, SSF_GENL_NAME);
	nla_put_u32(m, CTRL_ATTR_VERSION, SSF_GENL_VERSION);
	nla_put_u32(m, CTRL_ATTR_HDRSIZE, 0);
	nla_put_u32(m, CTRL_ATTR_MAXATTR, SSF_A_MAX);
	grps = nla_nest_start(m, CTRL_ATTR_MCAST_GROUPS);
	grp = nla_nest_start(m, 1);
	nla_put_string(m, CTRL_ATTR_MCAST_GRP_NAME, SSF_MCGRP_EVENTS);
	nla_put_u32(m, CTRL_ATTR_MCAST_GRP_ID, FK_MCGRP);
	nla_nest_end(m, grp);
	nla_nest_end(m, grps);
	fk_send(s, m);
	fk_ack(s, req);
	if (s->cfg->events && ++s->getfamily == 2)
		fk_events(s, req);
}

static void fk_status(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, SSF_CMD_STATUS_GET, 0);
	enum ssfctl_fake_bad bad = s->cfg->bad;
	struct nlattr *a;

	fprintf(s->log, "STATUS_GET\n");
	if (bad == SSFCTL_FAKE_NO_REPLY) {
		nlmsg_free(m);
		fk_ack(s, req);
		return;
	}
	if (bad != SSFCTL_FAKE_NO_GENERATION)
		nla_put_u64(m, SSF_A_GENERATION, 1);
	nla_put_u32(m, SSF_A_RULE_COUNT, (u32)s->nrules);
	nla_put_u8(m, SSF_A_ACTIVE, s->nrules > 0);
	nla_put_u32(m, SSF_A_OBJECTS, 1);
	nla_put_u32(m, SSF_A_NEXT_ID, s->next_id);
	nla_put_u32(m, SSF_A_MAX_RULES, 65536);
	if (bad == SSFCTL_FAKE_PAST_END) {
		a = (struct nlattr *)((u8 *)nlmsg_hdr(m) + NLMSG_HDRLEN +
				      GENL_HDRLEN);
		a->nla_len += 64;
	}
	fk_reply_done(s, req, m);
}

static void fk_validate_get(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nl_msg *m;

	fprintf(s->log, "VALIDATE_GET\n");
	if (s->cfg->bad != SSFCTL_FAKE_NO_CHECKS) {
		fk_error(s, req, -EOPNOTSUPP, NULL, NULL, 0, NULL);
		return;
	}
	m = fk_msg(req, FK_FAMILY, SSF_CMD_VALIDATE_GET, 0);
	nla_put_u8(m, SSF_A_IP6_EXTHDR_MAX, 8);
	fk_reply_done(s, req, m);
}

/* Decode and check one SSF_A_RULE nest of a request; 0 or -EINVAL. */
static int fk_rule(struct nlattr *nest, struct ssfctl_rulex *x, const char **why)
{
	*why = ssf_rule_get(nest, x);
	if (*why)
		return -EINVAL;
	if (x->r.r.id || x->packets || x->bytes) {
		*why = "rule id and counters are the kernel's";
		return -EINVAL;
	}
	return ssf_rule_verify(&x->r.r, why) ||
	       ssf_rule_text_verify(&x->r.r, &x->r.t, why) ? -EINVAL : 0;
}

/* The refusal of a rule, pointing at its dport (or the rule). */
static void fk_reject_rule(struct fk_state *s, const struct nlmsghdr *req,
			   struct nlattr *rule, int err, const char *why)
{
	struct nlattr *bad = nla_find(nla_data(rule), nla_len(rule),
				      SSF_RULE_A_DPORT_MIN);

	fk_error(s, req, err, why, bad ? bad : rule, 0, NULL);
}

static void fk_rule_add(struct fk_state *s, const struct nlmsghdr *req,
			struct nlattr **tb)
{
	struct ssfctl_rulex x;
	struct nl_msg *m;
	const char *why;

	fprintf(s->log, "RULE_ADD\n");
	if (!tb[SSF_A_RULE]) {
		fk_error(s, req, -EINVAL, NULL, NULL, SSF_A_RULE, NULL);
		return;
	}
	if (s->cfg->miss_dir) {
		fk_error(s, req, -EINVAL, NULL, NULL, SSF_RULE_A_DIR, tb[SSF_A_RULE]);
		return;
	}
	if (fk_rule(tb[SSF_A_RULE], &x, &why) || s->cfg->reject_add) {
		fk_reject_rule(s, req, tb[SSF_A_RULE], -EINVAL,
			       why ? why : "port 9 is cursed");
		return;
	}
	m = fk_msg(req, FK_FAMILY, SSF_CMD_RULE_ADD, 0);
	nla_put_u32(m, SSF_A_RULE_ID, s->next_id++);
	nla_put_u64(m, SSF_A_GENERATION, 2);
	fk_reply_done(s, req, m);
}

/*
 * A message of the dump: the rule @x in ssfctl's own encoding with what
 * only replies carry, or, the last one, out of shape as cfg->bad says.
 */
static struct nl_msg *fk_dump_msg(struct fk_state *s, const struct nlmsghdr *req,
				  const struct ssfctl_rulex *x, int flags,
				  bool last)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, SSF_CMD_RULE_GET, flags);
	enum ssfctl_fake_bad bad = last ? s->cfg->bad : SSFCTL_FAKE_GOOD;
	struct nl_msg *t = nlmsg_alloc();
	struct nlattr *nest, *words;

	nla_put_u64(m, SSF_A_GENERATION, 1);
	if (bad == SSFCTL_FAKE_NO_RULE || !t)
		goto out;
	ssf_rule_put(t, SSF_A_RULE, &x->r);
	words = nlmsg_data(nlmsg_hdr(t));
	nest = nla_nest_start(m, SSF_A_RULE | NLA_F_NESTED);
	nla_put_u32(m, SSF_RULE_A_ID, x->r.r.id);
	nlmsg_append(m, nla_data(words), (size_t)nla_len(words), NLA_ALIGNTO);
	nla_put_u64(m, SSF_RULE_A_PACKETS, x->packets);
	nla_put_u64(m, SSF_RULE_A_BYTES, x->bytes);
	if (bad == SSFCTL_FAKE_HALF_RANGE)
		nla_put_u16(m, SSF_RULE_A_SPORT_MIN, 7);
	nla_nest_end(m, nest);
	if (bad == SSFCTL_FAKE_CUT_RULE)
		nest->nla_len += 8;
out:
	nlmsg_free(t);
	return m;
}

/*
 * The dump as ssf.ko's dumpit and netlink_dump() send it: each rule in its
 * own NLM_F_MULTI message with SSF_A_GENERATION and SSF_A_RULE, as many as
 * fit in a datagram, and NLMSG_DONE (the dump's result, NLM_F_MULTI) in a
 * datagram of its own - the dumpit returned the length of a full part, so
 * the core calls it again and that call finds nothing left - or, with
 * cfg->done_coalesced, at the end of the last one.
 */
static void fk_dump(struct fk_state *s, const struct nlmsghdr *req)
{
	static u8 dgram[FK_DUMP_DGRAM];
	int flags = NLM_F_MULTI;
	struct nlmsghdr done;
	size_t len = 0, i, n;
	struct nl_msg *m;
	int result = 0;

	fprintf(s->log, "RULE_GET\n");
	if (s->dumps++ < s->cfg->dump_intr)
		flags |= NLM_F_DUMP_INTR;
	fk_noise(s, req);
	for (i = 0; i < s->nrules; i++) {
		m = fk_dump_msg(s, req, &s->rules[i], flags, i + 1 == s->nrules);
		n = nlmsg_hdr(m)->nlmsg_len;
		if (len + n > sizeof(dgram)) {
			fk_sendbuf(s, dgram, len);
			len = 0;
		}
		memcpy(dgram + len, nlmsg_hdr(m), n);
		len += NLMSG_ALIGN(n);
		nlmsg_free(m);
	}
	if (len && (!s->cfg->done_coalesced ||
		    len + NLMSG_HDRLEN + 64 > sizeof(dgram))) {
		fk_sendbuf(s, dgram, len);
		len = 0;
	}
	done = (struct nlmsghdr){
		.nlmsg_len = NLMSG_HDRLEN + sizeof(int),
		.nlmsg_type = NLMSG_DONE,
		.nlmsg_flags = (u16)flags,
		.nlmsg_seq = req->nlmsg_seq,
		.nlmsg_pid = req->nlmsg_pid,
	};
	if (s->cfg->dump_error) {
		result = -ENOBUFS;
		done.nlmsg_flags |= NLM_F_ACK_TLVS;
	}
	memcpy(dgram + len, &done, sizeof(done));
	memcpy(dgram + len + NLMSG_HDRLEN, &result, sizeof(result));
	n = NLMSG_HDRLEN + sizeof(int);
	if (s->cfg->dump_error)
		fk_put_tlv(dgram + len, &n, NLMSGERR_ATTR_MSG, "dump failed here", 17);
	((struct nlmsghdr *)(dgram + len))->nlmsg_len = (u32)n;
	fk_sendbuf(s, dgram, len + n);
}

/*
 * The check names of SSF_A_VALIDATE: cfg->reject_check is refused, the
 * error pointing at the name. Logs "name:action,..." after "@what". 0, or
 * an error already sent.
 */
static int fk_checks(struct fk_state *s, const struct nlmsghdr *req,
		     struct nlattr **tb, const char *what)
{
	struct nlattr *ctb[SSF_CHECK_A_MAX + 1], *a, *name;
	const char *sep = "";
	int rem;

	fprintf(s->log, "%s", what);
	if (!tb[SSF_A_VALIDATE])
		return 0;
	nla_for_each_nested(a, tb[SSF_A_VALIDATE], rem) {
		if (nla_parse_nested(ctb, SSF_CHECK_A_MAX, a, NULL) < 0 ||
		    !ctb[SSF_CHECK_A_NAME] || !ctb[SSF_CHECK_A_ACTION]) {
			fk_error(s, req, -EINVAL, "fake: bad check", a, 0, NULL);
			return -EINVAL;
		}
		name = ctb[SSF_CHECK_A_NAME];
		if (s->cfg->reject_check &&
		    !strcmp(nla_data(name), s->cfg->reject_check)) {
			fprintf(s->log, "\n");
			fk_error(s, req, -EINVAL, "unknown validation check name",
				 name, 0, NULL);
			return -EINVAL;
		}
		fprintf(s->log, "%s%s:%u", sep, (char *)nla_data(name),
			nla_get_u8(ctb[SSF_CHECK_A_ACTION]));
		sep = ",";
	}
	return 0;
}

static void fk_validate_set(struct fk_state *s, const struct nlmsghdr *req,
			    struct nlattr **tb)
{
	if (fk_checks(s, req, tb, "VALIDATE_SET "))
		return;
	fprintf(s->log, "\n");
	fk_reply_gen(s, req, SSF_CMD_VALIDATE_SET, 2);
}

static void fk_policy_add(struct fk_state *s, const struct nlmsghdr *req,
			  struct nlattr **tb)
{
	struct ssfctl_rulex x;
	const char *why;
	struct nlattr *a;
	int rem, n = 0, err;

	if (!s->txn) {
		fk_error(s, req, -ENOENT, "no transaction", NULL, 0, NULL);
		return;
	}
	if (fk_checks(s, req, tb, "POLICY_ADD checks=")) {
		s->txn = false;
		return;
	}
	if (tb[SSF_A_RULES]) {
		nla_for_each_nested(a, tb[SSF_A_RULES], rem) {
			err = fk_rule(a, &x, &why);
			if (!err && ++s->txn_rules == s->cfg->reject_rule) {
				err = -EINVAL;
				why = "port 9 is cursed";
			}
			if (err) {
				fprintf(s->log, "\n");
				fk_reject_rule(s, req, a, err, why);
				s->txn = false;
				return;
			}
			n++;
		}
	}
	fprintf(s->log, " rules=%d\n", n);
	fk_ack(s, req);
}

static void fk_commit(struct fk_state *s, const struct nlmsghdr *req,
		      struct nlattr **tb)
{
	u64 gen = tb[SSF_A_GENERATION] ? nla_get_u64(tb[SSF_A_GENERATION]) : 0;
	u32 flags = 0;

	if (tb[SSF_A_COMMIT_FLAGS])
		flags = nla_get_u32(tb[SSF_A_COMMIT_FLAGS]);
	fprintf(s->log, "POLICY_COMMIT gen=%llu flags=%u\n",
		(unsigned long long)gen, flags);
	if (!s->txn) {
		fk_error(s, req, -ENOENT, "no transaction", NULL, 0, NULL);
		return;
	}
	s->txn = false;
	if (s->cfg->commit_busy) {
		fk_error(s, req, -EBUSY, "policy changed since you read it",
			 tb[SSF_A_GENERATION], 0, NULL);
		return;
	}
	fk_reply_gen(s, req, SSF_CMD_POLICY_COMMIT, gen + 1);
}

static void fk_ssf(struct fk_state *s, const struct nlmsghdr *req)
{
	struct genlmsghdr *g = nlmsg_data(req);
	struct nlattr *tb[SSF_A_MAX + 1];

	if (s->cfg->eperm) {
		fprintf(s->log, "EPERM cmd %u\n", g->cmd);
		fk_error(s, req, -EPERM, NULL, NULL, 0, NULL);
		return;
	}
	if (genlmsg_parse((struct nlmsghdr *)req, 0, tb, SSF_A_MAX, ssf_a_policy)) {
		fk_error(s, req, -EINVAL, "fake: malformed request", NULL, 0, NULL);
		return;
	}
	switch (g->cmd) {
	case SSF_CMD_STATUS_GET:
		fk_status(s, req);
		break;
	case SSF_CMD_VALIDATE_GET:
		fk_validate_get(s, req);
		break;
	case SSF_CMD_RULE_ADD:
		fk_rule_add(s, req, tb);
		break;
	case SSF_CMD_RULE_GET:
		fk_dump(s, req);
		break;
	case SSF_CMD_VALIDATE_SET:
		fk_validate_set(s, req, tb);
		break;
	case SSF_CMD_POLICY_BEGIN:
		fprintf(s->log, "POLICY_BEGIN\n");
		s->txn = true;
		s->txn_rules = 0;
		fk_ack(s, req);
		break;
	case SSF_CMD_POLICY_ADD:
		fk_policy_add(s, req, tb);
		break;
	case SSF_CMD_POLICY_COMMIT:
		fk_commit(s, req, tb);
		break;
	case SSF_CMD_POLICY_ABORT:
		fprintf(s->log, "POLICY_ABORT\n");
		s->txn = false;
		fk_ack(s, req);
		break;
	case SSF_CMD_RULE_DEL:
		fprintf(s->log, "RULE_DEL\n");
		fk_error(s, req, -ENOENT, "no such rule", tb[SSF_A_RULE_ID], 0,
			 NULL);
		break;
	case SSF_CMD_POLICY_CONFIRM:
		fprintf(s->log, "POLICY_CONFIRM\n");
		fk_error(s, req, -ENOENT, "no commit is waiting for a confirm",
			 NULL, 0, NULL);
		break;
	default:
		fprintf(s->log, "cmd %u: not in the fake\n", g->cmd);
		fk_error(s, req, -EOPNOTSUPP, NULL, NULL, 0, NULL);
	}
}

static void fk_serve(struct fk_state *s)
{
	static u8 buf[1 << 17];
	struct nlmsghdr *h;
	socklen_t alen;
	ssize_t n;
	int len;

	for (;;) {
		alen = sizeof(s->peer);
		n = recvfrom(s->fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&s->peer, &alen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(s->log, "RECV FAILED %s\n", strerror(errno));
			return;
		}
		len = (int)n;
		for (h = (struct nlmsghdr *)buf; nlmsg_ok(h, len);
		     h = nlmsg_next(h, &len)) {
			/* ssfctl promises requests below 64 KiB */
			if (h->nlmsg_len >= 65536) {
				fprintf(s->log, "fake: message over 64 KiB\n");
				fk_error(s, h, -EMSGSIZE, NULL, NULL, 0, NULL);
			} else if (h->nlmsg_type == GENL_ID_CTRL) {
				fk_getfamily(s, h);
			} else if (h->nlmsg_type == FK_FAMILY) {
				fk_ssf(s, h);
			} else {
				fk_error(s, h, -EOPNOTSUPP, NULL, NULL, 0, NULL);
			}
		}
	}
}

/* The rules the dump holds: cfg->rules' lines, or cfg->preload made up. */
static size_t fk_preload(const struct ssfctl_fake_cfg *cfg,
			 struct ssfctl_rulex *rules)
{
	const char *line = cfg->rules, *end;
	struct ssfctl_polerr e;
	size_t n = 0;

	while (line && *line && n < FK_MAX_RULES) {
		end = strchrnul(line, '\n');
		if (ssf_polparse_rule(line, (size_t)(end - line), &rules[n].r,
				      &e))
			fprintf(stderr, "fake: %.*s: %s\n", (int)(end - line),
				line, e.msg);
		n++;
		line = *end ? end + 1 : end;
	}
	for (; !cfg->rules && n < (size_t)cfg->preload && n < FK_MAX_RULES; n++) {
		rules[n].r.r.dir = (u8)(n % 3);
		rules[n].r.r.action = (u8)(n % 2);
		rules[n].r.r.match = SSF_RM_PROTO;
		rules[n].r.r.proto = (u8)(n % 256);
	}
	return n;
}

int ssf_fake_start(struct ssfctl_fake *fk, const struct ssfctl_fake_cfg *cfg,
		   const char *dir)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	static struct ssfctl_rulex rules[FK_MAX_RULES];
	struct fk_state s = { .cfg = cfg, .rules = rules };
	socklen_t alen = sizeof(sa);
	int rcv = 1 << 20;
	size_t i;

	snprintf(fk->log, sizeof(fk->log), "%s/fake.log", dir);
	s.fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s.fd < 0)
		return -1;
	setsockopt(s.fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	if (bind(s.fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(s.fd, (struct sockaddr *)&sa, &alen)) {
		close(s.fd);
		return -1;
	}
	fk->port = sa.nl_pid;
	fflush(NULL);
	fk->pid = fork();
	if (fk->pid < 0) {
		close(s.fd);
		return -1;
	}
	if (fk->pid) {
		close(s.fd);
		return 0;
	}
	s.log = fopen(fk->log, "w");
	if (!s.log)
		_exit(1);
	setvbuf(s.log, NULL, _IOLBF, 0);
	s.nrules = fk_preload(cfg, rules);
	for (i = 0; i < s.nrules; i++) {
		rules[i].r.r.id = (u32)i + 1;
		rules[i].packets = (i + 1) * 10;
		rules[i].bytes = (i + 1) * 1000;
	}
	s.next_id = (u32)s.nrules + 1;
	fk_serve(&s);
	_exit(0);
}

void ssf_fake_stop(struct ssfctl_fake *fk)
{
	if (fk->pid > 0) {
		kill(fk->pid, SIGKILL);
		waitpid(fk->pid, NULL, 0);
	}
	fk->pid = 0;
}
