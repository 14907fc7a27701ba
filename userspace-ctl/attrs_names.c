// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute names for messages: the uapi name of an attribute at a place
 * in the tree (for the kernel's extended acks), and the policy word a rule
 * attribute comes from.
 */
#include "attrs.h"

#define SSF_NAME(x) [x] = #x

static const char *const ssf_a_names[SSF_A_MAX + 1] = {
	SSF_NAME(SSF_A_UNSPEC), SSF_NAME(SSF_A_PAD),
	SSF_NAME(SSF_A_GENERATION), SSF_NAME(SSF_A_RULE_COUNT),
	SSF_NAME(SSF_A_ACTIVE), SSF_NAME(SSF_A_DEFAULTS),
	SSF_NAME(SSF_A_OBJECTS), SSF_NAME(SSF_A_NEXT_ID),
	SSF_NAME(SSF_A_RULE), SSF_NAME(SSF_A_RULES),
	SSF_NAME(SSF_A_RULE_ID), SSF_NAME(SSF_A_STATS),
	SSF_NAME(SSF_A_VALIDATE), SSF_NAME(SSF_A_CHECK),
	SSF_NAME(SSF_A_IP6_EXTHDR_MAX), SSF_NAME(SSF_A_MODE),
	SSF_NAME(SSF_A_CONFIRM_TIMEOUT), SSF_NAME(SSF_A_CONFIRM_LEFT),
	SSF_NAME(SSF_A_COMMIT_FLAGS), SSF_NAME(SSF_A_EVENT),
	SSF_NAME(SSF_A_MAX_RULES), SSF_NAME(SSF_A_MEMORY),
	SSF_NAME(SSF_A_LOCKDOWN), SSF_NAME(SSF_A_SETS),
	SSF_NAME(SSF_A_SET), SSF_NAME(SSF_A_SET_MATCH),
};

static const char *const ssf_rule_a_names[SSF_RULE_A_MAX + 1] = {
	SSF_NAME(SSF_RULE_A_UNSPEC), SSF_NAME(SSF_RULE_A_PAD),
	SSF_NAME(SSF_RULE_A_ID), SSF_NAME(SSF_RULE_A_DIR),
	SSF_NAME(SSF_RULE_A_ACTION), SSF_NAME(SSF_RULE_A_FAMILY),
	SSF_NAME(SSF_RULE_A_PROTO), SSF_NAME(SSF_RULE_A_SRC4),
	SSF_NAME(SSF_RULE_A_SRC6), SSF_NAME(SSF_RULE_A_SRC_PLEN),
	SSF_NAME(SSF_RULE_A_DST4), SSF_NAME(SSF_RULE_A_DST6),
	SSF_NAME(SSF_RULE_A_DST_PLEN), SSF_NAME(SSF_RULE_A_SPORT_MIN),
	SSF_NAME(SSF_RULE_A_SPORT_MAX), SSF_NAME(SSF_RULE_A_DPORT_MIN),
	SSF_NAME(SSF_RULE_A_DPORT_MAX), SSF_NAME(SSF_RULE_A_PACKETS),
	SSF_NAME(SSF_RULE_A_BYTES), SSF_NAME(SSF_RULE_A_IIF),
	SSF_NAME(SSF_RULE_A_OIF), SSF_NAME(SSF_RULE_A_UID_MIN),
	SSF_NAME(SSF_RULE_A_UID_MAX), SSF_NAME(SSF_RULE_A_GID_MIN),
	SSF_NAME(SSF_RULE_A_GID_MAX), SSF_NAME(SSF_RULE_A_CGROUP),
	SSF_NAME(SSF_RULE_A_ICMP_TYPE), SSF_NAME(SSF_RULE_A_FLAGS),
	SSF_NAME(SSF_RULE_A_LOG_PREFIX), SSF_NAME(SSF_RULE_A_COMMENT),
	SSF_NAME(SSF_RULE_A_SRC_SET), SSF_NAME(SSF_RULE_A_DST_SET),
	SSF_NAME(SSF_RULE_A_SPORT_SET), SSF_NAME(SSF_RULE_A_DPORT_SET),
	SSF_NAME(SSF_RULE_A_CT_STATE), SSF_NAME(SSF_RULE_A_LIMIT_RATE),
	SSF_NAME(SSF_RULE_A_LIMIT_UNIT), SSF_NAME(SSF_RULE_A_LIMIT_BURST),
};

static const char *const ssf_set_a_names[SSF_SET_A_MAX + 1] = {
	SSF_NAME(SSF_SET_A_UNSPEC), SSF_NAME(SSF_SET_A_PAD),
	SSF_NAME(SSF_SET_A_NAME), SSF_NAME(SSF_SET_A_TYPE),
	SSF_NAME(SSF_SET_A_TIMEOUT), SSF_NAME(SSF_SET_A_OP),
	SSF_NAME(SSF_SET_A_ELEMS), SSF_NAME(SSF_SET_A_ELEM),
	SSF_NAME(SSF_SET_A_COUNT), SSF_NAME(SSF_SET_A_MEMORY),
	SSF_NAME(SSF_SET_A_DUMP_ELEMS),
};

static const char *const ssf_elem_a_names[SSF_ELEM_A_MAX + 1] = {
	SSF_NAME(SSF_ELEM_A_UNSPEC), SSF_NAME(SSF_ELEM_A_ADDR),
	SSF_NAME(SSF_ELEM_A_ADDR_HI), SSF_NAME(SSF_ELEM_A_PLEN),
	SSF_NAME(SSF_ELEM_A_PORT), SSF_NAME(SSF_ELEM_A_PORT_HI),
	SSF_NAME(SSF_ELEM_A_TIMEOUT),
};

static const char *const ssf_defaults_a_names[SSF_DEFAULTS_A_MAX + 1] = {
	SSF_NAME(SSF_DEFAULTS_A_UNSPEC), SSF_NAME(SSF_DEFAULTS_A_IN),
	SSF_NAME(SSF_DEFAULTS_A_OUT), SSF_NAME(SSF_DEFAULTS_A_FWD),
};

static const char *const ssf_check_a_names[SSF_CHECK_A_MAX + 1] = {
	SSF_NAME(SSF_CHECK_A_UNSPEC), SSF_NAME(SSF_CHECK_A_PAD),
	SSF_NAME(SSF_CHECK_A_NAME), SSF_NAME(SSF_CHECK_A_ACTION),
	SSF_NAME(SSF_CHECK_A_PACKETS),
};

enum ssfctl_nest_kind {
	SSF_NEST_TOP,		/* SSF_A_* */
	SSF_NEST_RULES,		/* children of SSF_A_RULES: SSF_A_RULE */
	SSF_NEST_RULE,		/* SSF_RULE_A_* */
	SSF_NEST_DEFAULTS,	/* SSF_DEFAULTS_A_* */
	SSF_NEST_VALIDATE,	/* children of SSF_A_VALIDATE: SSF_A_CHECK */
	SSF_NEST_CHECK,		/* SSF_CHECK_A_* */
	SSF_NEST_SETS,		/* children of SSF_A_SETS: SSF_A_SET */
	SSF_NEST_SET,		/* SSF_SET_A_* */
	SSF_NEST_ELEMS,		/* children of SSF_SET_A_ELEMS: SSF_SET_A_ELEM */
	SSF_NEST_ELEM,		/* SSF_ELEM_A_* */
	SSF_NEST_UNKNOWN,
};

const char *ssf_attr_name(const struct ssfctl_apath *p, unsigned int depth,
			  u32 type)
{
	enum ssfctl_nest_kind k = SSF_NEST_TOP;
	unsigned int i;
	u16 t;

	for (i = 0; i < depth && i < p->depth; i++) {
		t = p->e[i].type;
		if (k == SSF_NEST_TOP && t == SSF_A_RULES)
			k = SSF_NEST_RULES;
		else if ((k == SSF_NEST_TOP || k == SSF_NEST_RULES) &&
			 t == SSF_A_RULE)
			k = SSF_NEST_RULE;
		else if (k == SSF_NEST_TOP && t == SSF_A_DEFAULTS)
			k = SSF_NEST_DEFAULTS;
		else if (k == SSF_NEST_TOP && t == SSF_A_VALIDATE)
			k = SSF_NEST_VALIDATE;
		else if ((k == SSF_NEST_TOP || k == SSF_NEST_VALIDATE) &&
			 t == SSF_A_CHECK)
			k = SSF_NEST_CHECK;
		else if (k == SSF_NEST_TOP && t == SSF_A_SETS)
			k = SSF_NEST_SETS;
		else if ((k == SSF_NEST_TOP || k == SSF_NEST_SETS) &&
			 t == SSF_A_SET)
			k = SSF_NEST_SET;
		else if (k == SSF_NEST_SET && t == SSF_SET_A_ELEMS)
			k = SSF_NEST_ELEMS;
		else if ((k == SSF_NEST_SET || k == SSF_NEST_ELEMS) &&
			 t == SSF_SET_A_ELEM)
			k = SSF_NEST_ELEM;
		else
			k = SSF_NEST_UNKNOWN;
	}
	switch (k) {
	case SSF_NEST_TOP:
	case SSF_NEST_RULES:
	case SSF_NEST_VALIDATE:
	case SSF_NEST_SETS:
		return type <= SSF_A_MAX ? ssf_a_names[type] : NULL;
	case SSF_NEST_SET:
	case SSF_NEST_ELEMS:
		return type <= SSF_SET_A_MAX ? ssf_set_a_names[type] : NULL;
	case SSF_NEST_ELEM:
		return type <= SSF_ELEM_A_MAX ? ssf_elem_a_names[type] : NULL;
	case SSF_NEST_RULE:
		return type <= SSF_RULE_A_MAX ? ssf_rule_a_names[type] : NULL;
	case SSF_NEST_DEFAULTS:
		return type <= SSF_DEFAULTS_A_MAX ?
		       ssf_defaults_a_names[type] : NULL;
	case SSF_NEST_CHECK:
		return type <= SSF_CHECK_A_MAX ? ssf_check_a_names[type] : NULL;
	default:
		return NULL;
	}
}

const char *ssf_rule_attr_word(u32 type)
{
	switch (type) {
	case SSF_RULE_A_DIR:		return "in/out/fwd";
	case SSF_RULE_A_ACTION:		return "accept/drop/reject";
	case SSF_RULE_A_FAMILY:		return "family";
	case SSF_RULE_A_PROTO:		return "proto";
	case SSF_RULE_A_SRC4:
	case SSF_RULE_A_SRC6:
	case SSF_RULE_A_SRC_PLEN:	return "src";
	case SSF_RULE_A_DST4:
	case SSF_RULE_A_DST6:
	case SSF_RULE_A_DST_PLEN:	return "dst";
	case SSF_RULE_A_SPORT_MIN:
	case SSF_RULE_A_SPORT_MAX:	return "sport";
	case SSF_RULE_A_DPORT_MIN:
	case SSF_RULE_A_DPORT_MAX:	return "dport";
	case SSF_RULE_A_IIF:		return "iif";
	case SSF_RULE_A_OIF:		return "oif";
	case SSF_RULE_A_UID_MIN:
	case SSF_RULE_A_UID_MAX:	return "uid";
	case SSF_RULE_A_GID_MIN:
	case SSF_RULE_A_GID_MAX:	return "gid";
	case SSF_RULE_A_CGROUP:		return "cgroup";
	case SSF_RULE_A_ICMP_TYPE:	return "icmp-type";
	case SSF_RULE_A_FLAGS:		return "log/audit";
	case SSF_RULE_A_LOG_PREFIX:	return "log";
	case SSF_RULE_A_COMMENT:	return "comment";
	case SSF_RULE_A_SRC_SET:	return "src";
	case SSF_RULE_A_DST_SET:	return "dst";
	case SSF_RULE_A_SPORT_SET:	return "sport";
	case SSF_RULE_A_DPORT_SET:	return "dport";
	case SSF_RULE_A_CT_STATE:	return "ct state";
	case SSF_RULE_A_LIMIT_RATE:
	case SSF_RULE_A_LIMIT_UNIT:	return "limit";
	case SSF_RULE_A_LIMIT_BURST:	return "burst";
	default:			return NULL;
	}
}
