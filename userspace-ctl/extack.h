/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Extended acks: decoding the TLVs the kernel appends to NLMSG_ERROR and
 * NLMSG_DONE, and locating an error offset among the attributes of the
 * request it points into. Pure functions over bytes (unit-tested, fuzzable);
 * no libnl.
 */
#ifndef _SSFCTL_EXTACK_H
#define _SSFCTL_EXTACK_H

#include <linux/netlink.h>

#include "ssf_types.h"

#define SSF_EXTACK_MSG_MAX	256
#define SSF_APATH_MAX		4

/* Where an offset falls: attribute types from the top level down. */
struct ssfctl_apath {
	unsigned int depth;		/* 0: the offset is not on an attribute */
	struct {
		u16 type;		/* without NLA_F_* flags */
		u32 index;		/* position among its siblings, from 0 */
	} e[SSF_APATH_MAX];
};

struct ssfctl_extack {
	int error;			/* errno (positive); 0: none */
	char msg[SSF_EXTACK_MSG_MAX];	/* NLMSGERR_ATTR_MSG, "" if none;
					 * any bytes but NUL: escape them
					 * to show them
					 */
	bool has_off;
	bool has_miss_type;
	bool has_miss_nest;
	u32 off;			/* NLMSGERR_ATTR_OFFS */
	u32 miss_type;			/* NLMSGERR_ATTR_MISS_TYPE */
	u32 miss_nest;			/* NLMSGERR_ATTR_MISS_NEST */
	struct ssfctl_apath off_path;	/* filled by the caller from its request */
	struct ssfctl_apath miss_path;
};

/*
 * Decode the NLMSG_ERROR message @nlh, of which @len bytes are readable,
 * into @ea (cleared first). Honours NLM_F_CAPPED (the echoed request is only
 * its header) and NLM_F_ACK_TLVS (TLVs present). Returns 0, or -1 if the
 * message is too short to hold a struct nlmsgerr.
 */
int ssf_extack_from_error(const struct nlmsghdr *nlh, size_t len,
			  struct ssfctl_extack *ea);

/*
 * Decode the NLMSG_DONE message @nlh that ends a dump: its payload is the
 * dump's result (0 or -errno), then TLVs when NLM_F_ACK_TLVS. Returns 0.
 */
int ssf_extack_from_done(const struct nlmsghdr *nlh, size_t len,
			 struct ssfctl_extack *ea);

/*
 * Find the attribute at byte offset @off of the generic netlink request
 * @req (@len bytes): the attribute that starts there, descending into
 * attributes flagged NLA_F_NESTED that contain it. Fills @p; returns 0 if
 * found, -1 if @off is not inside any attribute.
 */
int ssf_attr_path(const struct nlmsghdr *req, size_t len, u32 off,
		  struct ssfctl_apath *p);

#endif /* _SSFCTL_EXTACK_H */
