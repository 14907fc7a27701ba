// SPDX-License-Identifier: GPL-2.0
/*
 * Extended-ack decoding. Layout (net/netlink/af_netlink.c, netlink_ack()):
 *
 *   NLMSG_ERROR: nlmsghdr | struct nlmsgerr { error, request's nlmsghdr }
 *                | the request's payload, unless NLM_F_CAPPED
 *                | padding to 4 | TLVs (NLMSGERR_ATTR_*), if NLM_F_ACK_TLVS
 *   NLMSG_DONE:  nlmsghdr | int result | TLVs, if NLM_F_ACK_TLVS
 *
 * Nothing in the message is trusted: every length is checked against the
 * bytes received.
 */
#include <errno.h>
#include <linux/genetlink.h>

#include "extack.h"

/* A kernel error code as a positive errno; nonsense becomes EPROTO. */
static int ssf_errno(int e)
{
	if (e == 0)
		return 0;
	if (e < 0 && e >= -4095)
		return -e;
	return EPROTO;
}

static void ssf_extack_tlvs(const u8 *p, size_t len, struct ssfctl_extack *ea)
{
	size_t pos = 0, plen, n, i;
	struct nlattr nla;
	const u8 *data;
	u32 v;

	while (len - pos >= NLA_HDRLEN) {
		memcpy(&nla, p + pos, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > len - pos)
			break;
		data = p + pos + NLA_HDRLEN;
		plen = nla.nla_len - NLA_HDRLEN;
		v = 0;
		if (plen >= sizeof(v))
			memcpy(&v, data, sizeof(v));
		switch (nla.nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			n = 0;
			/* as sent: whoever shows it makes it safe to */
			for (i = 0; i < plen && data[i] && n + 1 < sizeof(ea->msg); i++)
				ea->msg[n++] = (char)data[i];
			ea->msg[n] = '\0';
			break;
		case NLMSGERR_ATTR_OFFS:
			ea->has_off = plen >= sizeof(v);
			ea->off = v;
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			ea->has_miss_type = plen >= sizeof(v);
			ea->miss_type = v;
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			ea->has_miss_nest = plen >= sizeof(v);
			ea->miss_nest = v;
			break;
		default:
			break;
		}
		pos += NLA_ALIGN(nla.nla_len);
		if (pos > len)
			break;
	}
}

int ssf_extack_from_error(const struct nlmsghdr *nlh, size_t len,
			  struct ssfctl_extack *ea)
{
	const size_t base = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
	struct nlmsgerr e;
	struct nlmsghdr h;
	size_t tlv;

	memset(ea, 0, sizeof(*ea));
	if (len < sizeof(h))
		return -1;
	memcpy(&h, nlh, sizeof(h));
	if (h.nlmsg_len < len)
		len = h.nlmsg_len;
	if (len < base)
		return -1;
	memcpy(&e, (const u8 *)nlh + NLMSG_HDRLEN, sizeof(e));
	ea->error = ssf_errno(e.error);
	if (!(h.nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	if (h.nlmsg_flags & NLM_F_CAPPED) {
		tlv = NLMSG_ALIGN(base);
	} else {
		/* the whole request was echoed after struct nlmsgerr */
		if (e.msg.nlmsg_len < NLMSG_HDRLEN || e.msg.nlmsg_len > len)
			return 0;
		tlv = NLMSG_ALIGN(base + e.msg.nlmsg_len - NLMSG_HDRLEN);
	}
	if (tlv < len)
		ssf_extack_tlvs((const u8 *)nlh + tlv, len - tlv, ea);
	return 0;
}

int ssf_extack_from_done(const struct nlmsghdr *nlh, size_t len,
			 struct ssfctl_extack *ea)
{
	const size_t base = NLMSG_HDRLEN + sizeof(int);
	struct nlmsghdr h;
	int result;

	memset(ea, 0, sizeof(*ea));
	if (len < sizeof(h))
		return 0;
	memcpy(&h, nlh, sizeof(h));
	if (h.nlmsg_len < len)
		len = h.nlmsg_len;
	/* Old kernels send an empty NLMSG_DONE: success. */
	if (len < base)
		return 0;
	memcpy(&result, (const u8 *)nlh + NLMSG_HDRLEN, sizeof(result));
	ea->error = result < 0 ? ssf_errno(result) : 0;
	if ((h.nlmsg_flags & NLM_F_ACK_TLVS) && NLMSG_ALIGN(base) < len)
		ssf_extack_tlvs((const u8 *)nlh + NLMSG_ALIGN(base),
				len - NLMSG_ALIGN(base), ea);
	return 0;
}

int ssf_attr_path(const struct nlmsghdr *req, size_t len, u32 off,
		  struct ssfctl_apath *p)
{
	size_t pos = NLMSG_HDRLEN + GENL_HDRLEN, end, alen;
	struct nlmsghdr h;
	struct nlattr nla;
	u32 index = 0;

	memset(p, 0, sizeof(*p));
	if (len < sizeof(h))
		return -1;
	memcpy(&h, req, sizeof(h));
	end = h.nlmsg_len < len ? h.nlmsg_len : len;
	if (end < pos)
		return -1;

	while (end - pos >= NLA_HDRLEN && pos <= off) {
		memcpy(&nla, (const u8 *)req + pos, sizeof(nla));
		alen = nla.nla_len;
		if (alen < NLA_HDRLEN || alen > end - pos)
			break;
		if (off >= pos + NLA_ALIGN(alen)) {
			/* not this one: next sibling */
			pos += NLA_ALIGN(alen);
			index++;
			if (pos > end)
				break;
			continue;
		}
		if (p->depth == SSF_APATH_MAX)
			break;
		p->e[p->depth].type = nla.nla_type & NLA_TYPE_MASK;
		p->e[p->depth].index = index;
		p->depth++;
		if (off == pos || !(nla.nla_type & NLA_F_NESTED) ||
		    off < pos + NLA_HDRLEN)
			return 0;
		/* descend: the children fill this attribute's payload */
		end = pos + alen;
		pos += NLA_HDRLEN;
		index = 0;
	}
	return p->depth ? 0 : -1;
}
