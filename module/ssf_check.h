/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssf_check: the hardened parser and the named validation checks every
 * packet at an ssf hook goes through. Shared by ssf.ko and userspace (unit
 * tests, fuzzers, ssfctl for the reason names).
 *
 * One call, ssf_check(), parses the packet through ssf_buf_copy() only,
 * fills struct ssf_pkt for the matcher and runs every check, each named by
 * an enum ssf_reason whose string (ssf_reason_name()) is a contract: tests
 * and admins outside this repo use it. Documentation/validation.rst says
 * what each check catches and why.
 *
 * Actions. Each reason has an action (enum ssf_check_action) in the
 * caller's struct ssf_check_cfg:
 *   drop  - the reason is recorded, the verdict is DROP and checking stops
 *           at once: the first reason whose action is drop decides;
 *   audit - the reason is recorded and checking goes on;
 *   off   - the reason is neither recorded nor allowed to stop anything.
 * The path through the packet never depends on the actions except for
 * that stop at the first drop: with no drop, the same packet gives the same
 * metadata and the same set of tripped reasons (masked by the actions
 * that are not off) whatever the actions are.
 *
 * Incomplete parses. Some malformations make further parsing impossible
 * (a truncated header, an IHL below 5, an extension header running past
 * the packet...). Then, whatever that reason's action, parsing stops,
 * res->incomplete names the reason, SSF_PKT_F_PARTIAL is set in pkt->flags
 * and the fields the parser had not reached yet are left zero: typically
 * no SSF_PKT_F_PORTS and no SSF_PKT_F_ICMP. If the reason is off (or audit),
 * the verdict is PASS and the caller matches its policy on that partial
 * metadata: such a packet never matches a port match (ssf_rule_match()),
 * but does match address and protocol matches. Non-first fragments are
 * not incomplete: they carry no transport header by nature
 * (SSF_PKT_F_LATER_FRAG) and get no transport checks.
 *
 * Locking: none. ssf_check() is a pure function of its arguments; the
 * caller keeps @ctx->cfg stable for the duration of the call (e.g. an
 * RCU-published copy) or accepts that a concurrent per-byte update of an
 * action applies to this packet or not.
 */
#ifndef _SSF_CHECK_H
#define _SSF_CHECK_H

#include "ssf_pkt.h"

/*
 * The checks. SSF_R_NONE is "no reason"; every other value is one check,
 * in the order they run within a layer. The numbering is not ABI: names
 * are (ssf_reason_name(), ssf_reason_by_name()), and they are written in
 * one place, the reason table of ssf_reason.c.
 *
 * A new reason is: its value here; its row in ssf_reason.c (name, default
 * action); its check in ssf_check_ip4.c, _ip6.c or _l4.c; its bad packets
 * and twins in module/tests/ssf_cases_*.c; its row in
 * Documentation/validation.rst. The unit tests and KUnit fail until the
 * cases and the documentation row are there.
 */
enum ssf_reason {
	SSF_R_NONE,
	/* IPv4 header (RFC 791, 1122, 1812, 1858) */
	SSF_R_IP4_TRUNCATED,
	SSF_R_IP4_BAD_VERSION,
	SSF_R_IP4_BAD_IHL,
	SSF_R_IP4_BAD_LENGTH,
	SSF_R_IP4_BAD_OPTIONS,
	SSF_R_IP4_SOURCE_ROUTE,
	SSF_R_IP4_FRAG_BAD,
	SSF_R_IP4_FRAG_OVERSIZE,
	SSF_R_IP4_FRAG_TINY,
	SSF_R_IP4_BAD_SOURCE,
	SSF_R_IP4_LAND,
	SSF_R_IP4_ZERO_TTL,
	/* IPv6 header and extension headers (RFC 8200, 5095, 7112) */
	SSF_R_IP6_TRUNCATED,
	SSF_R_IP6_BAD_VERSION,
	SSF_R_IP6_BAD_LENGTH,
	SSF_R_IP6_BAD_SOURCE,
	SSF_R_IP6_EXTHDR_TOO_MANY,
	SSF_R_IP6_EXTHDR_ORDER,
	SSF_R_IP6_EXTHDR_TRUNCATED,
	SSF_R_IP6_RH0,
	SSF_R_IP6_BAD_OPTIONS,
	SSF_R_IP6_FRAG_BAD,
	SSF_R_IP6_FRAG_TINY,
	/* either family: ICMP over IPv6 or ICMPv6 over IPv4 */
	SSF_R_PROTO_FAMILY_MISMATCH,
	/* TCP (RFC 9293) */
	SSF_R_TCP_TRUNCATED,
	SSF_R_TCP_BAD_DOFF,
	SSF_R_TCP_BAD_OPTIONS,
	SSF_R_TCP_NULL,
	SSF_R_TCP_XMAS,
	SSF_R_TCP_SYN_FIN,
	SSF_R_TCP_SYN_RST,
	SSF_R_TCP_PORT_ZERO,
	/* UDP (RFC 768) */
	SSF_R_UDP_TRUNCATED,
	SSF_R_UDP_BAD_LENGTH,
	SSF_R_UDP_PORT_ZERO,
	/* ICMP (RFC 792), ICMPv6 (RFC 4443, 4861) */
	SSF_R_ICMP_TRUNCATED,
	SSF_R_ICMP_BAD_ERROR,
	SSF_R_ICMP6_TRUNCATED,
	SSF_R_ICMP6_BAD_ERROR,
	SSF_R_ICMP6_ND_BAD_HOPLIMIT,

	__SSF_R_MAX
};

#define SSF_R_MAX	(__SSF_R_MAX - 1)
#define SSF_R_COUNT	__SSF_R_MAX	/* array size, SSF_R_NONE included */
/* Bit of reason @r in a u64 reason bitmap (struct ssf_check_res.tripped). */
#define SSF_R_BIT(r)	(1ULL << (r))

/* No reason name is longer than this (the NUL not counted). */
#define SSF_REASON_NAME_MAX	24

/* What to do when a check trips. Ordered by severity. */
enum ssf_check_action {
	SSF_CHK_OFF,		/* not counted, does not stop the parse */
	SSF_CHK_AUDIT,		/* counted and logged; the packet passes */
	SSF_CHK_DROP,		/* counted; the packet is dropped */

	__SSF_CHK_MAX
};

#define SSF_CHK_MAX	(__SSF_CHK_MAX - 1)

/* Default, largest and hard limit of IPv6 extension headers. */
#define SSF_IP6_EXTHDR_DEFAULT	8
#define SSF_IP6_EXTHDR_LIMIT	64

/*
 * Where the packet is seen. Two checks depend on it: ip4-zero-ttl and
 * icmp6-nd-bad-hoplimit look at the TTL/hop limit the packet arrived with,
 * and the kernel decrements it before NF_INET_FORWARD (ip_forward(),
 * ip6_forward()); ip4-zero-ttl also lets a local host send multicast with
 * TTL 0 (RFC 1112: "restricted to the same host").
 */
enum ssf_check_path {
	SSF_PATH_INGRESS,	/* received: PRE_ROUTING, LOCAL_IN */
	SSF_PATH_LOCAL_OUT,	/* locally generated: LOCAL_OUT */
	SSF_PATH_FORWARD,	/* routed: FORWARD, POST_ROUTING of forwarded */
};

/* Per-netns configuration of the checks; see ssf_check_cfg_init(). */
struct ssf_check_cfg {
	u8 action[SSF_R_COUNT];	/* enum ssf_check_action by enum ssf_reason;
				 * [SSF_R_NONE] is ignored; a value above
				 * SSF_CHK_MAX acts as drop
				 */
	u8 ip6_exthdr_max;	/* more IPv6 extension headers than this trips
				 * ip6-exthdr-too-many; 0..SSF_IP6_EXTHDR_LIMIT,
				 * larger values act as SSF_IP6_EXTHDR_LIMIT
				 */
};

/* Per-packet context supplied by the caller. */
struct ssf_check_ctx {
	const struct ssf_check_cfg *cfg;
	u8 path;		/* enum ssf_check_path */
	bool loopback;		/* the device is a loopback device (in dev on
				 * ingress, out dev otherwise), or the stack
				 * looped the packet back to itself
				 * (skb->pkt_type == PACKET_LOOPBACK)
				 */
	bool gso;		/* skb_is_gso(): a GSO/GRO TCP packet may carry
				 * IPv4 total length 0 or IPv6 payload length 0
				 * ("BIG TCP"): then the length is the buffer's
				 */
};

enum ssf_verdict {
	SSF_VERDICT_PASS,
	SSF_VERDICT_DROP,
};

/* What ssf_check() found. */
struct ssf_check_res {
	u64 tripped;		/* SSF_R_BIT() of every reason tripped whose
				 * action is audit or drop: count each one, log
				 * the audits
				 */
	u8 verdict;		/* enum ssf_verdict */
	u8 reason;		/* enum ssf_reason: the reason that decided the
				 * drop; SSF_R_NONE when the verdict is PASS
				 */
	u8 incomplete;		/* enum ssf_reason: the malformation, whatever
				 * its action, that made parsing stop early
				 * (SSF_PKT_F_PARTIAL is set); SSF_R_NONE when
				 * the parser got to the end
				 */
};

/*
 * Parse and check the packet in @b, whose network header is at offset 0
 * and whose family is @family (SSF_FAMILY_IPV4 or SSF_FAMILY_IPV6). Fills
 * all of *@pkt (metadata for ssf_rule_match()) and *@res, and returns
 * res->verdict. Reads packet bytes only through ssf_buf_copy(); never fails
 * on any input. Invariants: verdict DROP <=> reason != SSF_R_NONE, and then
 * SSF_R_BIT(reason) is in tripped and that reason's action is drop; every
 * bit in tripped is a reason whose action is audit or drop. After a drop,
 * checking has stopped, so the metadata may be incomplete too.
 * Any other @family is a caller bug: nothing is checked, the verdict is
 * PASS and SSF_PKT_F_PARTIAL is set.
 */
enum ssf_verdict ssf_check(const struct ssf_buf *b, u8 family,
			   const struct ssf_check_ctx *ctx,
			   struct ssf_pkt *pkt, struct ssf_check_res *res);

/* Fill @cfg with every reason's default action and the default limits. */
void ssf_check_cfg_init(struct ssf_check_cfg *cfg);

/* The name of reason @r, or NULL for SSF_R_NONE and out-of-range values. */
const char *ssf_reason_name(unsigned int r);

/* The reason named @name (NUL-terminated), or SSF_R_NONE if none is. */
enum ssf_reason ssf_reason_by_name(const char *name);

/* Default action of reason @r (SSF_CHK_OFF for SSF_R_NONE/out of range). */
enum ssf_check_action ssf_reason_default(unsigned int r);

/* "off", "audit" or "drop"; NULL above SSF_CHK_MAX. */
const char *ssf_check_action_name(unsigned int a);

/* The action named @name, or -1 if none is. */
int ssf_check_action_by_name(const char *name);

#endif /* _SSF_CHECK_H */
