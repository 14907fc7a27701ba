/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssf_tb: the one test packet builder, for every test world: the
 * userspace unit tests and fuzz seeds, KUnit (whose skbs carry its bytes)
 * and the VM suite (through the case tables, ssf_cases.h). It compiles in
 * both worlds as the shared parser does (ssf_types.h).
 *
 * Start with ssf_tb_ip4() or ssf_tb_ip6(); append extension headers, a
 * transport header and data; ssf_tb_done() fills the lengths (IPv4 total
 * length and header checksum, IPv6 payload length, UDP length). Each append
 * sets the "next header" byte of the header before it. The offsets of what
 * was appended stay in struct ssf_tb, so that a test can corrupt any field
 * afterwards with ssf_tb_set8(), _set16() and _set32() (network order).
 * Transport checksums are left 0: ssf never reads them (the VM suite's
 * dump, tests/unit/ssf_case_dump.c, fills them in for the real stack).
 *
 * Misuse (more than SSF_TB_MAX bytes, an address that does not parse) is a
 * bug of the test: it aborts in userspace and WARNs in the kernel, which
 * fails the KUnit run; nothing is ever written out of bounds.
 */
#ifndef _SSF_TB_H
#define _SSF_TB_H

#include "ssf_pkt.h"

#define SSF_TB_MAX	2048	/* 65 IPv6 extension headers; a 1500-byte MTU */

#define SSF_TB_FIN	0x01
#define SSF_TB_SYN	0x02
#define SSF_TB_RST	0x04
#define SSF_TB_PSH	0x08
#define SSF_TB_ACK	0x10
#define SSF_TB_URG	0x20

/* IP protocol numbers the tests write */
#define SSF_TB_HOP	0
#define SSF_TB_ICMP	1
#define SSF_TB_TCP	6
#define SSF_TB_UDP	17
#define SSF_TB_RT	43
#define SSF_TB_FRAG	44
#define SSF_TB_AH	51
#define SSF_TB_ICMP6	58
#define SSF_TB_NONXT	59
#define SSF_TB_DST	60

struct ssf_tb {
	u8 b[SSF_TB_MAX];
	u32 len;
	u8 family;		/* SSF_FAMILY_IPV4 or SSF_FAMILY_IPV6 */
	u32 nh;			/* offset of the next-header byte to set */
	u32 l4;			/* offset of the transport header */
	u32 udp;		/* offset of a UDP header, or 0 */
	u32 frag;		/* offset of the last IPv6 fragment header */
	u32 ext;		/* offset of the last IPv6 extension header */
};

/* The 4 or 16 bytes of a textual IPv4 or IPv6 address. */
void ssf_tb_addr4(const char *s, u8 dst[4]);
void ssf_tb_addr6(const char *s, u8 dst[16]);

/* IPv4 header, TTL 64, no options (or @olen bytes, a multiple of 4). */
void ssf_tb_ip4(struct ssf_tb *t, const char *src, const char *dst);
void ssf_tb_ip4_opts(struct ssf_tb *t, const char *src, const char *dst,
		     const u8 *opts, u32 olen);
/* IPv6 header, hop limit 64. */
void ssf_tb_ip6(struct ssf_tb *t, const char *src, const char *dst);
/*
 * Hop-by-hop (0), routing (43) or destination options (60) header whose
 * body after its first two bytes is @body (@blen + 2 a multiple of 8).
 */
void ssf_tb_ext(struct ssf_tb *t, u8 type, const u8 *body, u32 blen);
/*
 * Hop-by-hop or destination options header of (@hdrlen + 1) * 8 bytes:
 * the options @opts, then Pad1 or PadN up to the end.
 */
void ssf_tb_opts(struct ssf_tb *t, u8 type, u8 hdrlen, const u8 *opts,
		 u32 olen);
/* An options header of 8 bytes: PadN. */
void ssf_tb_opt8(struct ssf_tb *t, u8 type);
/* A routing header of @rtype with segments left 0 and no addresses. */
void ssf_tb_rt(struct ssf_tb *t, u8 rtype);
/* AH with a 12-byte ICV: 24 bytes. */
void ssf_tb_ah(struct ssf_tb *t);
/* IPv6 fragment header: byte offset @off (a multiple of 8), M flag. */
void ssf_tb_frag6(struct ssf_tb *t, u16 off, bool more);
/* Set the next header to @proto without appending a header. */
void ssf_tb_proto(struct ssf_tb *t, u8 proto);
void ssf_tb_tcp(struct ssf_tb *t, u16 sport, u16 dport, u8 flags,
		const u8 *opts, u32 olen);
void ssf_tb_udp(struct ssf_tb *t, u16 sport, u16 dport);
/* ICMP (1) or ICMPv6 (58) header: type, code, checksum 0, rest 0. */
void ssf_tb_icmp(struct ssf_tb *t, u8 type, u8 code);
void ssf_tb_icmp6(struct ssf_tb *t, u8 type, u8 code);
void ssf_tb_data(struct ssf_tb *t, const void *d, u32 len);
void ssf_tb_zero(struct ssf_tb *t, u32 len);
/* Fill the lengths and the IPv4 header checksum. */
void ssf_tb_done(struct ssf_tb *t);

void ssf_tb_set8(struct ssf_tb *t, u32 off, u8 v);
void ssf_tb_set16(struct ssf_tb *t, u32 off, u16 v);
void ssf_tb_set32(struct ssf_tb *t, u32 off, u32 v);
u16 ssf_tb_get16(const struct ssf_tb *t, u32 off);

#endif /* _SSF_TB_H */
