/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A rule as ssfctl holds it: the kernel's struct ssf_rule and its struct
 * ssf_rule_text (log prefix, comment), checked by the kernel's checkers,
 * and the names of the sets its set words name (the kernel holds indexes
 * into its policy's sets; text and netlink carry names).
 */
#ifndef _SSFCTL_CTLRULE_H
#define _SSFCTL_CTLRULE_H

#include "ssf_rule.h"

struct ssfctl_rule {
	struct ssf_rule r;
	struct ssf_rule_text t;
	/* per enum ssf_rule_set_slot, when its SSF_RM_*_SET bit is set */
	char set[SSF_RSET_NUM][SSF_SET_NAME_MAX];
};

/* Each set word's slot: its word ("src"), match bit and set type. */
struct ssfctl_set_word {
	const char *word;
	u32 match;			/* SSF_RM_*_SET */
	u8 type;			/* enum ssf_set_type */
	u16 attr;			/* SSF_RULE_A_*_SET */
	const char *key;		/* JSON member: "src_set" */
};

extern const struct ssfctl_set_word ssf_set_words[SSF_RSET_NUM];

#endif /* _SSFCTL_CTLRULE_H */
