// SPDX-License-Identifier: GPL-2.0
/*
 * The fake ssf kernel (see fake_kernel.h). Requests are decoded with
 * ssfctl's own attrs.c decoders and checked with ssf_rule_check(); replies,
 * acks, extended acks and dumps are built byte by byte as net/netlink does:
 * capped errors with TLVs, dump messages packed several to a datagram,
 * NLMSG_DONE carrying the dump's result.
 */
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
#include "attrs.h"
#include "print.h"
#include "ssf_check.h"

#define FK_FAMILY	0x1d
#define FK_MAX_RULES	16384
/*
 * The "events" group: nlctrl's "notify" group, which every kernel has, so
 * the monitor can really join it on the host; the fake itself sends the
 * events unicast, and the monitor ignores what nlctrl sends.
 */
#define FK_MCGRP	GENL_ID_CTRL
/* Dump datagrams: what the kernel fits in a 16 KiB skb (libnl's receive
 * buffer sets the socket's max_recvmsg_len to 16 KiB).
 */
#define FK_DUMP_DGRAM	(16384 - 320)

struct fk_state {
	const struct ssfctl_fake_cfg *cfg;
	int fd;
	FILE *log;
	struct sockaddr_nl peer;
	u64 generation;
	u32 next_id;
	bool active;
	u8 defaults[SSF_DIR_MAX + 1];
	struct ssfctl_rulex *rules;
	size_t nrules;
	bool txn;
	u8 txn_defaults[SSF_DIR_MAX + 1];
	struct ssfctl_rulex *txn_rules;
	size_t txn_nrules;
	struct ssf_check_cfg check;	/* the checks of the policy */
	struct ssf_check_cfg txn_check;
	int dumps;
	u8 mode;
	u8 txn_mode;
	u32 confirm_left;	/* a commit waits for its confirm: seconds */
	int getfamily;		/* GETFAMILY "ssf" requests so far */
};

/* What the fake says each check tripped on. */
static u64 fk_reason_packets(unsigned int r)
{
	switch (r) {
	case SSF_R_TCP_SYN_FIN:
		return 7;
	case SSF_R_IP4_ZERO_TTL:
		return 2;
	default:
		return 0;
	}
}

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

/* NLMSG_ERROR as netlink_ack() builds it with NETLINK_CAP_ACK. */
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
	if (msg)
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

/* An SSF_CMD_EVENT message with the nest that @fill puts in. */
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

/*
 * The crafted events: five good ones (drop, reject, audit, log, revert)
 * among what a monitor must skip - a malformed event (reported), a
 * message of another command, and an event from another port.
 */
static void fk_events(struct fk_state *s, const struct nlmsghdr *req)
{
	static const u8 a4[] = { 10, 0, 0, 1 }, b4[] = { 10, 0, 0, 2 };
	static const u8 a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 b6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlattr *e;
	struct nl_msg *m;
	int fd;

	/* from another port: not the kernel's, ignored */
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

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put_u8(m, SSF_EVENT_A_DIR, SSF_DIR_IN);
	nla_put_u8(m, SSF_EVENT_A_FAMILY, SSF_FAMILY_IPV4);
	nla_put_u8(m, SSF_EVENT_A_PROTO, 6);
	nla_put(m, SSF_EVENT_A_SRC, 4, a4);
	nla_put(m, SSF_EVENT_A_DST, 4, b4);
	nla_put_u16(m, SSF_EVENT_A_SPORT, 40000);
	nla_put_u16(m, SSF_EVENT_A_DPORT, 22);
	nla_put_u32(m, SSF_EVENT_A_RULE_ID, 3);
	nla_put_u32(m, SSF_EVENT_A_UID, 1000);
	nla_put_string(m, SSF_EVENT_A_IIF, "veth0");
	nla_put_u8(m, SSF_EVENT_A_ACTION, SSF_ACT_DROP);
	fk_event_send(s, m, e);

	/* malformed: a 5-byte address */
	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	nla_put(m, SSF_EVENT_A_SRC, 5, a6);
	fk_event_send(s, m, e);

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_REJECT);
	nla_put_u8(m, SSF_EVENT_A_DIR, SSF_DIR_OUT);
	nla_put_u8(m, SSF_EVENT_A_FAMILY, SSF_FAMILY_IPV6);
	nla_put_u8(m, SSF_EVENT_A_PROTO, 17);
	nla_put(m, SSF_EVENT_A_SRC, 16, a6);
	nla_put(m, SSF_EVENT_A_DST, 16, b6);
	nla_put_u16(m, SSF_EVENT_A_SPORT, 5353);
	nla_put_u16(m, SSF_EVENT_A_DPORT, 53);
	nla_put_string(m, SSF_EVENT_A_OIF, "eth0");
	nla_put_u32(m, SSF_EVENT_A_SUPPRESSED, 4);
	nla_put_u8(m, SSF_EVENT_A_ACTION, SSF_ACT_REJECT);
	fk_event_send(s, m, e);

	/* not an event: skipped */
	m = fk_event_msg(req, SSF_CMD_STATUS_GET, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_DROP);
	fk_event_send(s, m, e);

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_AUDIT);
	nla_put_u8(m, SSF_EVENT_A_FAMILY, SSF_FAMILY_IPV4);
	nla_put_u8(m, SSF_EVENT_A_PROTO, 6);
	nla_put(m, SSF_EVENT_A_SRC, 4, a4);
	nla_put(m, SSF_EVENT_A_DST, 4, b4);
	nla_put_string(m, SSF_EVENT_A_REASON, "tcp-null");
	nla_put_u8(m, SSF_EVENT_A_ACTION, SSF_ACT_DROP);
	nla_put_u32(m, SSF_EVENT_A_SUPPRESSED, 0);
	fk_event_send(s, m, e);

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_LOG);
	nla_put_u8(m, SSF_EVENT_A_DIR, SSF_DIR_FWD);
	nla_put_u8(m, SSF_EVENT_A_FAMILY, SSF_FAMILY_IPV4);
	nla_put_u8(m, SSF_EVENT_A_PROTO, 47);
	nla_put(m, SSF_EVENT_A_SRC, 4, a4);
	nla_put(m, SSF_EVENT_A_DST, 4, b4);
	nla_put_u32(m, SSF_EVENT_A_RULE_ID, 7);
	nla_put_string(m, SSF_EVENT_A_IIF, "a \"q\"");
	nla_put_string(m, SSF_EVENT_A_OIF, "b");
	nla_put_u8(m, SSF_EVENT_A_ACTION, SSF_ACT_ACCEPT);
	fk_event_send(s, m, e);

	m = fk_event_msg(req, SSF_CMD_EVENT, &e);
	nla_put_u8(m, SSF_EVENT_A_TYPE, SSF_EVENT_REVERT);
	nla_put_u64(m, SSF_EVENT_A_GENERATION, 9);
	fk_event_send(s, m, e);
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

static void fk_put_rule(struct nl_msg *m, const struct ssfctl_rulex *x)
{
	struct nlattr *nest;

	/* ssfctl's encoder, plus what only replies carry */
	ssf_rule_put(m, SSF_A_RULE, &x->r);
	nest = (struct nlattr *)((u8 *)nlmsg_hdr(m) + NLMSG_HDRLEN + GENL_HDRLEN);
	while (nla_type(nest) != SSF_A_RULE)
		nest = (struct nlattr *)((u8 *)nest + NLA_ALIGN(nest->nla_len));
	/* ssf_rule_put() ended the nest: reopen it by growing it in place */
	{
		size_t before = nlmsg_hdr(m)->nlmsg_len;

		nla_put_u32(m, SSF_RULE_A_ID, x->r.id);
		nla_put_u64(m, SSF_RULE_A_PACKETS, x->packets);
		nla_put_u64(m, SSF_RULE_A_BYTES, x->bytes);
		nest->nla_len += (u16)(nlmsg_hdr(m)->nlmsg_len - before);
	}
}

static int fk_max_rules(const struct fk_state *s)
{
	return s->cfg->max_rules ? s->cfg->max_rules : FK_MAX_RULES;
}

static void fk_status(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, SSF_CMD_STATUS_GET, 0);
	struct nlattr *nest;

	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	nla_put_u32(m, SSF_A_RULE_COUNT, (u32)s->nrules);
	nla_put_u8(m, SSF_A_ACTIVE, s->active);
	nest = nla_nest_start(m, SSF_A_DEFAULTS | NLA_F_NESTED);
	nla_put_u8(m, SSF_DEFAULTS_A_IN, s->defaults[SSF_DIR_IN]);
	nla_put_u8(m, SSF_DEFAULTS_A_OUT, s->defaults[SSF_DIR_OUT]);
	nla_put_u8(m, SSF_DEFAULTS_A_FWD, s->defaults[SSF_DIR_FWD]);
	nla_nest_end(m, nest);
	nla_put_u32(m, SSF_A_OBJECTS, s->txn ? 2 : 1);
	nla_put_u32(m, SSF_A_NEXT_ID, s->next_id);
	nla_put_u8(m, SSF_A_MODE, s->mode);
	nla_put_u32(m, SSF_A_MAX_RULES, (u32)fk_max_rules(s));
	if (s->confirm_left)
		nla_put_u32(m, SSF_A_CONFIRM_LEFT, s->confirm_left);
	fk_reply_done(s, req, m);
}

/* Decode and check one SSF_A_RULE nest; 0 or a negative errno. */
static int fk_rule(struct nlattr *nest, struct ssfctl_rulex *x, const char **why)
{
	*why = ssf_rule_get(nest, x);
	if (*why)
		return -EINVAL;
	if (x->r.id || x->packets || x->bytes) {
		*why = "rule id and counters are the kernel's";
		return -EINVAL;
	}
	if (ssf_rule_check(&x->r, why))
		return -EINVAL;
	return 0;
}

static void fk_rule_add(struct fk_state *s, const struct nlmsghdr *req,
			struct nlattr **tb)
{
	char text[SSF_RULE_STRLEN];
	struct ssfctl_rulex x;
	struct nl_msg *m;
	const char *why;
	int err;

	if (!tb[SSF_A_RULE]) {
		fk_error(s, req, -EINVAL, NULL, NULL, SSF_A_RULE, NULL);
		return;
	}
	if (s->cfg->miss_dir) {
		fk_error(s, req, -EINVAL, NULL, NULL, SSF_RULE_A_DIR, tb[SSF_A_RULE]);
		return;
	}
	err = fk_rule(tb[SSF_A_RULE], &x, &why);
	if (err) {
		fk_error(s, req, err, why, tb[SSF_A_RULE], 0, NULL);
		return;
	}
	if (s->cfg->reject_add) {
		fk_error(s, req, -EINVAL, "port 9 is cursed",
			 nla_find(nla_data(tb[SSF_A_RULE]), nla_len(tb[SSF_A_RULE]),
				  SSF_RULE_A_DPORT_MAX), 0, NULL);
		return;
	}
	ssf_rule_fmt(text, sizeof(text), &x.r);
	fprintf(s->log, "RULE_ADD %s\n", text);
	x.r.id = s->next_id++;
	x.packets = x.r.id * 10;
	x.bytes = x.r.id * 1000;
	s->rules[s->nrules++] = x;
	s->generation++;
	s->active = true;
	m = fk_msg(req, FK_FAMILY, SSF_CMD_RULE_ADD, 0);
	nla_put_u32(m, SSF_A_RULE_ID, x.r.id);
	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	fk_reply_done(s, req, m);
}

static void fk_rule_del(struct fk_state *s, const struct nlmsghdr *req,
			struct nlattr **tb)
{
	struct nl_msg *m;
	size_t i;
	u32 id;

	if (!tb[SSF_A_RULE_ID]) {
		fk_error(s, req, -EINVAL, NULL, NULL, SSF_A_RULE_ID, NULL);
		return;
	}
	id = nla_get_u32(tb[SSF_A_RULE_ID]);
	fprintf(s->log, "RULE_DEL %u\n", id);
	for (i = 0; i < s->nrules && s->rules[i].r.id != id; i++)
		;
	if (i == s->nrules) {
		fk_error(s, req, -ENOENT, "no such rule", tb[SSF_A_RULE_ID], 0, NULL);
		return;
	}
	memmove(&s->rules[i], &s->rules[i + 1],
		(s->nrules - i - 1) * sizeof(s->rules[0]));
	s->nrules--;
	s->generation++;
	m = fk_msg(req, FK_FAMILY, SSF_CMD_RULE_DEL, 0);
	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	fk_reply_done(s, req, m);
}

/*
 * The dump as ssf_nl_rule_dump() and netlink_dump() send it: each rule in
 * its own NLM_F_MULTI message with SSF_A_GENERATION and SSF_A_RULE, as many
 * as fit in a datagram, and NLMSG_DONE (the dump's result, NLM_F_MULTI) in
 * a datagram of its own - the dumpit returned the length of a full part,
 * so the core calls it again and that call finds nothing left - or, with
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
		m = fk_msg(req, FK_FAMILY, SSF_CMD_RULE_GET, flags);
		nla_put_u64(m, SSF_A_GENERATION, s->generation);
		fk_put_rule(m, &s->rules[i]);
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
 * SSF_A_VALIDATE and SSF_A_IP6_EXTHDR_MAX as ssf_put_validate() puts them;
 * with a pad attribute before each counter, as nla_put_u64_64bit() adds on
 * architectures without efficient unaligned access.
 */
static void fk_put_validate(struct nl_msg *m, const struct ssf_check_cfg *c)
{
	struct nlattr *nest, *chk;
	unsigned int r;

	nest = nla_nest_start(m, SSF_A_VALIDATE | NLA_F_NESTED);
	for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++) {
		chk = nla_nest_start(m, SSF_A_CHECK | NLA_F_NESTED);
		nla_put_string(m, SSF_CHECK_A_NAME, ssf_reason_name(r));
		nla_put_u8(m, SSF_CHECK_A_ACTION, c->action[r]);
		nla_put(m, SSF_CHECK_A_PAD, 0, NULL);
		nla_put_u64(m, SSF_CHECK_A_PACKETS, fk_reason_packets(r));
		nla_nest_end(m, chk);
	}
	nla_nest_end(m, nest);
	nla_put_u8(m, SSF_A_IP6_EXTHDR_MAX, c->ip6_exthdr_max);
}

/*
 * Apply SSF_A_VALIDATE and SSF_A_IP6_EXTHDR_MAX of a request to @c as
 * ssf_decode_validate() does (all or nothing), writing "name:action,..."
 * to @log. 0, or an error already sent.
 */
static int fk_validate(struct fk_state *s, const struct nlmsghdr *req,
		       struct nlattr **tb, struct ssf_check_cfg *c, char *log,
		       size_t size)
{
	struct nlattr *ctb[SSF_CHECK_A_MAX + 1], *a, *name;
	struct ssf_check_cfg n = *c;
	size_t len = 0;
	unsigned int r;
	int rem;
	u8 act;

	log[0] = '\0';
	if (tb[SSF_A_VALIDATE] && !(tb[SSF_A_VALIDATE]->nla_type & NLA_F_NESTED)) {
		fk_error(s, req, -EINVAL, "NLA_F_NESTED is missing",
			 tb[SSF_A_VALIDATE], 0, NULL);
		return -EINVAL;
	}
	if (tb[SSF_A_VALIDATE]) {
		nla_for_each_nested(a, tb[SSF_A_VALIDATE], rem) {
			if (nla_parse_nested(ctb, SSF_CHECK_A_MAX, a, NULL) < 0 ||
			    ctb[SSF_CHECK_A_PACKETS]) {
				fk_error(s, req, -EINVAL, "fake: bad check", a, 0, NULL);
				return -EINVAL;
			}
			name = ctb[SSF_CHECK_A_NAME];
			if (!name || !ctb[SSF_CHECK_A_ACTION]) {
				fk_error(s, req, -EINVAL,
					 "a check setting needs a name and an action",
					 a, name ? SSF_CHECK_A_ACTION : SSF_CHECK_A_NAME,
					 a);
				return -EINVAL;
			}
			act = nla_get_u8(ctb[SSF_CHECK_A_ACTION]);
			if (nla_len(name) < 1 || nla_len(name) > SSF_CHECK_NAME_MAX ||
			    ((char *)nla_data(name))[nla_len(name) - 1] ||
			    nla_len(ctb[SSF_CHECK_A_ACTION]) != 1 || act > SSF_CHECK_MAX) {
				fk_error(s, req, -EINVAL, "fake: bad name or action",
					 a, 0, NULL);
				return -EINVAL;
			}
			r = ssf_reason_by_name(nla_data(name));
			if (s->cfg->reject_check &&
			    !strcmp(nla_data(name), s->cfg->reject_check))
				r = SSF_R_NONE;
			if (!strcmp(nla_data(name), "all")) {
				for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++)
					n.action[r] = act;
			} else if (r == SSF_R_NONE) {
				fk_error(s, req, -EINVAL, "unknown validation check name",
					 name, 0, NULL);
				return -EINVAL;
			} else {
				n.action[r] = act;
			}
			if (len < size)
				len += (size_t)snprintf(log + len, size - len,
							"%s%s:%s", len ? "," : "",
							(char *)nla_data(name),
							ssf_check_action_name(act));
		}
	}
	if (tb[SSF_A_IP6_EXTHDR_MAX]) {
		if (nla_get_u8(tb[SSF_A_IP6_EXTHDR_MAX]) > SSF_IP6_EXTHDR_MAX_LIMIT) {
			fk_error(s, req, -ERANGE, "fake: limit out of range",
				 tb[SSF_A_IP6_EXTHDR_MAX], 0, NULL);
			return -ERANGE;
		}
		n.ip6_exthdr_max = nla_get_u8(tb[SSF_A_IP6_EXTHDR_MAX]);
	}
	*c = n;
	return 0;
}

static void fk_validate_get(struct fk_state *s, const struct nlmsghdr *req)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, SSF_CMD_VALIDATE_GET, 0);

	fprintf(s->log, "VALIDATE_GET\n");
	fk_put_validate(m, &s->check);
	fk_reply_done(s, req, m);
}

static void fk_validate_set(struct fk_state *s, const struct nlmsghdr *req,
			    struct nlattr **tb)
{
	static char log[1 << 16];
	struct nl_msg *m;

	if (!tb[SSF_A_VALIDATE] && !tb[SSF_A_IP6_EXTHDR_MAX]) {
		fk_error(s, req, -EINVAL, "nothing to set", NULL, 0, NULL);
		return;
	}
	if (fk_validate(s, req, tb, &s->check, log, sizeof(log)))
		return;
	if (tb[SSF_A_IP6_EXTHDR_MAX])
		fprintf(s->log, "VALIDATE_SET exthdr=%u\n", s->check.ip6_exthdr_max);
	else
		fprintf(s->log, "VALIDATE_SET %s\n", log);
	s->generation++;
	s->active = true;
	m = fk_msg(req, FK_FAMILY, SSF_CMD_VALIDATE_SET, 0);
	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	fk_reply_done(s, req, m);
}

static void fk_txn_free(struct fk_state *s)
{
	s->txn = false;
	s->txn_nrules = 0;
}

static void fk_policy_add(struct fk_state *s, const struct nlmsghdr *req,
			  struct nlattr **tb)
{
	struct nlattr *dtb[SSF_DEFAULTS_A_MAX + 1], *a, *bad;
	static char vlog[1 << 16], vtxt[(1 << 16) + 64];
	char defs[16] = "-", mode[16] = "";
	struct ssfctl_rulex x;
	const char *why;
	int rem, n = 0, err;

	if (!s->txn) {
		fk_error(s, req, -ENOENT, "no transaction", NULL, 0, NULL);
		return;
	}
	if (tb[SSF_A_DEFAULTS]) {
		nla_parse_nested(dtb, SSF_DEFAULTS_A_MAX, tb[SSF_A_DEFAULTS], NULL);
		if (!dtb[SSF_DEFAULTS_A_IN] || !dtb[SSF_DEFAULTS_A_OUT] ||
		    !dtb[SSF_DEFAULTS_A_FWD]) {
			fk_error(s, req, -EINVAL, "fake: want all three defaults",
				 tb[SSF_A_DEFAULTS], 0, NULL);
			fk_txn_free(s);
			return;
		}
		s->txn_defaults[SSF_DIR_IN] = nla_get_u8(dtb[SSF_DEFAULTS_A_IN]);
		s->txn_defaults[SSF_DIR_OUT] = nla_get_u8(dtb[SSF_DEFAULTS_A_OUT]);
		s->txn_defaults[SSF_DIR_FWD] = nla_get_u8(dtb[SSF_DEFAULTS_A_FWD]);
		snprintf(defs, sizeof(defs), "%u,%u,%u", s->txn_defaults[0],
			 s->txn_defaults[1], s->txn_defaults[2]);
	}
	if (fk_validate(s, req, tb, &s->txn_check, vlog, sizeof(vlog))) {
		fk_txn_free(s);
		return;
	}
	if (tb[SSF_A_MODE]) {
		s->txn_mode = nla_get_u8(tb[SSF_A_MODE]);
		snprintf(mode, sizeof(mode), " mode=%u", s->txn_mode);
	}
	vtxt[0] = '\0';
	if (tb[SSF_A_VALIDATE])
		snprintf(vtxt, sizeof(vtxt), " validate=%s", vlog);
	if (tb[SSF_A_IP6_EXTHDR_MAX])
		snprintf(vtxt + strlen(vtxt), sizeof(vtxt) - strlen(vtxt),
			 " exthdr=%u", s->txn_check.ip6_exthdr_max);
	if (tb[SSF_A_RULES]) {
		if (!(tb[SSF_A_RULES]->nla_type & NLA_F_NESTED)) {
			fk_error(s, req, -EINVAL, "NLA_F_NESTED is missing",
				 tb[SSF_A_RULES], 0, NULL);
			fk_txn_free(s);
			return;
		}
		nla_for_each_nested(a, tb[SSF_A_RULES], rem) {
			if (nla_type(a) != SSF_A_RULE ||
			    !(a->nla_type & NLA_F_NESTED)) {
				fk_error(s, req, -EINVAL, "fake: bad rule list", a, 0, NULL);
				fk_txn_free(s);
				return;
			}
			if ((int)s->txn_nrules == fk_max_rules(s)) {
				fk_error(s, req, -E2BIG,
					 "rule limit reached (module parameter max_rules)",
					 a, 0, NULL);
				fk_txn_free(s);
				return;
			}
			err = fk_rule(a, &x, &why);
			if (!err && (int)s->txn_nrules + 1 == s->cfg->reject_rule) {
				err = -EINVAL;
				why = "port 9 is cursed";
			}
			if (err) {
				bad = nla_find(nla_data(a), nla_len(a),
					       SSF_RULE_A_DPORT_MIN);
				fk_error(s, req, err, why, bad ? bad : a, 0, NULL);
				fk_txn_free(s);
				return;
			}
			s->txn_rules[s->txn_nrules++] = x;
			n++;
		}
	}
	fprintf(s->log, "POLICY_ADD defaults=%s%s%s rules=%d\n", defs, mode,
		vtxt, n);
	fk_ack(s, req);
}

static void fk_commit(struct fk_state *s, const struct nlmsghdr *req,
		      struct nlattr **tb)
{
	u32 flags = 0, confirm = 0;
	struct nl_msg *m;
	size_t i;

	if (tb[SSF_A_COMMIT_FLAGS])
		flags = nla_get_u32(tb[SSF_A_COMMIT_FLAGS]);
	if (tb[SSF_A_CONFIRM_TIMEOUT])
		confirm = nla_get_u32(tb[SSF_A_CONFIRM_TIMEOUT]);
	if (tb[SSF_A_GENERATION])
		fprintf(s->log, "POLICY_COMMIT gen=%llu", (unsigned long long)
			nla_get_u64(tb[SSF_A_GENERATION]));
	else
		fprintf(s->log, "POLICY_COMMIT gen=-");
	if (flags)
		fprintf(s->log, " flags=%u", flags);
	if (confirm)
		fprintf(s->log, " confirm=%u", confirm);
	fprintf(s->log, "\n");
	if (!s->txn) {
		fk_error(s, req, -ENOENT, "no transaction", NULL, 0, NULL);
		return;
	}
	if (s->cfg->commit_busy || (tb[SSF_A_GENERATION] &&
	    nla_get_u64(tb[SSF_A_GENERATION]) != s->generation)) {
		fk_error(s, req, -EBUSY,
			 s->cfg->commit_busy == 2 ? NULL :
			 "policy changed since you read it",
			 tb[SSF_A_GENERATION], 0, NULL);
		fk_txn_free(s);
		return;
	}
	if (flags & ~(u32)SSF_COMMIT_F_CHECK) {
		fk_error(s, req, -EINVAL, "fake: unknown commit flag",
			 tb[SSF_A_COMMIT_FLAGS], 0, NULL);
		fk_txn_free(s);
		return;
	}
	if (flags & SSF_COMMIT_F_CHECK) {
		fk_txn_free(s);
		m = fk_msg(req, FK_FAMILY, SSF_CMD_POLICY_COMMIT, 0);
		nla_put_u64(m, SSF_A_GENERATION, s->generation);
		fk_reply_done(s, req, m);
		return;
	}
	if (confirm)
		s->confirm_left = confirm;
	s->mode = s->txn_mode;
	for (i = 0; i < s->txn_nrules; i++) {
		s->rules[i] = s->txn_rules[i];
		s->rules[i].r.id = (u32)i + 1;
		s->rules[i].packets = 0;
		s->rules[i].bytes = 0;
	}
	s->nrules = s->txn_nrules;
	s->next_id = (u32)s->nrules + 1;
	memcpy(s->defaults, s->txn_defaults, sizeof(s->defaults));
	s->check = s->txn_check;
	s->generation++;
	s->active = true;
	fk_txn_free(s);
	m = fk_msg(req, FK_FAMILY, SSF_CMD_POLICY_COMMIT, 0);
	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	fk_reply_done(s, req, m);
}

static void fk_stats(struct fk_state *s, const struct nlmsghdr *req)
{
	static const u64 in[] = { 0, 0, 10, 7, 3, 5, 1, 2, 4 };
	struct nl_msg *m = fk_msg(req, FK_FAMILY, SSF_CMD_STATS_GET, 0);
	struct nlattr *nest, *d;
	int t;

	nest = nla_nest_start(m, SSF_A_STATS | NLA_F_NESTED);
	d = nla_nest_start(m, SSF_STATS_A_IN | NLA_F_NESTED);
	for (t = SSF_DSTATS_A_PACKETS; t <= SSF_DSTATS_A_AUDITED; t++)
		nla_put_u64(m, t, in[t]);
	nla_nest_end(m, d);
	d = nla_nest_start(m, SSF_STATS_A_OUT | NLA_F_NESTED);
	for (t = SSF_DSTATS_A_PACKETS; t <= SSF_DSTATS_A_AUDITED; t++)
		nla_put_u64(m, t, 0);
	nla_nest_end(m, d);
	d = nla_nest_start(m, SSF_STATS_A_FWD | NLA_F_NESTED);
	nla_put_u64(m, SSF_DSTATS_A_PACKETS, 123456789012ULL);
	nla_nest_end(m, d);
	nla_nest_end(m, nest);
	fk_put_validate(m, &s->check);
	fk_reply_done(s, req, m);
}

static void fk_reply_gen(struct fk_state *s, const struct nlmsghdr *req,
			 u8 cmd)
{
	struct nl_msg *m = fk_msg(req, FK_FAMILY, cmd, 0);

	nla_put_u64(m, SSF_A_GENERATION, s->generation);
	fk_reply_done(s, req, m);
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
		fprintf(s->log, "STATUS_GET\n");
		fk_status(s, req);
		break;
	case SSF_CMD_RULE_ADD:
		fk_rule_add(s, req, tb);
		break;
	case SSF_CMD_RULE_DEL:
		fk_rule_del(s, req, tb);
		break;
	case SSF_CMD_RULE_GET:
		if (!(req->nlmsg_flags & NLM_F_DUMP)) {
			fk_error(s, req, -EOPNOTSUPP, NULL, NULL, 0, NULL);
			break;
		}
		fk_dump(s, req);
		break;
	case SSF_CMD_POLICY_BEGIN:
		fprintf(s->log, "POLICY_BEGIN\n");
		if (s->txn) {
			fk_error(s, req, -EBUSY, "transaction already open", NULL, 0, NULL);
			break;
		}
		s->txn = true;
		s->txn_mode = SSF_MODE_ENFORCE;
		memset(s->txn_defaults, SSF_ACT_ACCEPT, sizeof(s->txn_defaults));
		ssf_check_cfg_init(&s->txn_check);
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
		if (!s->txn) {
			fk_error(s, req, -ENOENT, "no transaction", NULL, 0, NULL);
			break;
		}
		fk_txn_free(s);
		fk_ack(s, req);
		break;
	case SSF_CMD_POLICY_FLUSH:
		fprintf(s->log, "POLICY_FLUSH\n");
		s->nrules = 0;
		s->mode = SSF_MODE_ENFORCE;
		s->confirm_left = 0;
		memset(s->defaults, SSF_ACT_ACCEPT, sizeof(s->defaults));
		ssf_check_cfg_init(&s->check);
		s->generation++;
		s->active = false;
		fk_ack(s, req);
		break;
	case SSF_CMD_STATS_GET:
		fprintf(s->log, "STATS_GET\n");
		fk_stats(s, req);
		break;
	case SSF_CMD_VALIDATE_GET:
		fk_validate_get(s, req);
		break;
	case SSF_CMD_VALIDATE_SET:
		fk_validate_set(s, req, tb);
		break;
	case SSF_CMD_POLICY_CONFIRM:
		fprintf(s->log, "POLICY_CONFIRM\n");
		if (!s->confirm_left) {
			fk_error(s, req, -ENOENT,
				 s->cfg->commit_busy == 2 ? NULL :
				 "no commit is waiting for a confirm", NULL, 0,
				 NULL);
			break;
		}
		s->confirm_left = 0;
		fk_reply_gen(s, req, SSF_CMD_POLICY_CONFIRM);
		break;
	case SSF_CMD_MODE_SET:
		if (!tb[SSF_A_MODE]) {
			fk_error(s, req, -EINVAL, NULL, NULL, SSF_A_MODE, NULL);
			break;
		}
		fprintf(s->log, "MODE_SET %u\n", nla_get_u8(tb[SSF_A_MODE]));
		if (nla_get_u8(tb[SSF_A_MODE]) > SSF_MODE_MAX) {
			fk_error(s, req, -ERANGE, "fake: mode out of range",
				 tb[SSF_A_MODE], 0, NULL);
			break;
		}
		s->mode = nla_get_u8(tb[SSF_A_MODE]);
		s->generation++;
		s->active = true;
		fk_reply_gen(s, req, SSF_CMD_MODE_SET);
		break;
	default:
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
			} else if (h->nlmsg_type == GENL_ID_CTRL)
				fk_getfamily(s, h);
			else if (h->nlmsg_type == FK_FAMILY)
				fk_ssf(s, h);
			else
				fk_error(s, h, -EOPNOTSUPP, NULL, NULL, 0, NULL);
		}
	}
}

int ssf_fake_start(struct ssfctl_fake *fk, const struct ssfctl_fake_cfg *cfg,
		   const char *dir)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	static struct ssfctl_rulex rules[FK_MAX_RULES], txn[FK_MAX_RULES];
	struct fk_state s = { .cfg = cfg, .next_id = 1, .rules = rules,
			      .txn_rules = txn };
	socklen_t alen = sizeof(sa);
	int rcv = 1 << 20, i;

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
	fflush(stdout);
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
	for (i = 0; i < cfg->preload && i < FK_MAX_RULES; i++) {
		rules[i].r.dir = (u8)(i % 3);
		rules[i].r.action = (u8)(i % 2);
		rules[i].r.match = SSF_RM_PROTO;
		rules[i].r.proto = (u8)(i % 256);
		rules[i].r.id = (u32)i + 1;
	}
	s.nrules = (size_t)i;
	s.next_id = (u32)i + 1;
	ssf_check_cfg_init(&s.check);
	s.generation = cfg->preload ? 1 : 0;
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
