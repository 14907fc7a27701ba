/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssf_tb: build test packets byte by byte, with correct fields by default
 * and setters to corrupt any of them afterwards.
 *
 * Start with tb_ip4() or tb_ip6(), append extension headers, a transport
 * header and data, then tb_done() fills the lengths (IPv4 total length and
 * checksum, IPv6 payload length, UDP length). Each append sets the "next
 * header" byte of the previous header. Offsets of what was appended are
 * kept in struct tb so tests can corrupt fields by offset with tb_set8(),
 * tb_set16() and tb_set32() (network order), after tb_done().
 */
#ifndef _SSF_TB_H
#define _SSF_TB_H

#include <stdint.h>
#include <stdbool.h>

#define TB_MAX		70000

#define TB_FIN		0x01
#define TB_SYN		0x02
#define TB_RST		0x04
#define TB_PSH		0x08
#define TB_ACK		0x10
#define TB_URG		0x20

struct tb {
	uint8_t b[TB_MAX];
	uint32_t len;
	int family;		/* 4 or 6 */
	uint32_t nh;		/* offset of the next-header byte to set */
	uint32_t l4;		/* offset of the transport header */
	uint32_t udp;		/* offset of a UDP header, or 0 */
	uint32_t frag;		/* offset of the last IPv6 fragment header */
	uint32_t ext;		/* offset of the last IPv6 extension header */
};

/* IPv4 header, TTL 64, no options (or @olen bytes, a multiple of 4). */
void tb_ip4(struct tb *t, const char *src, const char *dst);
void tb_ip4_opts(struct tb *t, const char *src, const char *dst,
		 const uint8_t *opts, uint32_t olen);
/* IPv6 header, hop limit 64. */
void tb_ip6(struct tb *t, const char *src, const char *dst);
/* Hop-by-hop (0), routing (43) or destination options (60) header whose
 * body after the first two bytes is @body (@blen + 2 a multiple of 8).
 */
void tb_ext(struct tb *t, uint8_t type, const uint8_t *body, uint32_t blen);
/* A routing header of @rtype with segments left 0 and no addresses. */
void tb_rt(struct tb *t, uint8_t rtype);
/* A hop-by-hop or destination options header of 8 bytes: PadN. */
void tb_opt8(struct tb *t, uint8_t type);
/* AH with a 12-byte ICV: 24 bytes. */
void tb_ah(struct tb *t);
/* IPv6 fragment header: byte offset @off (multiple of 8), M flag. */
void tb_frag6(struct tb *t, uint16_t off, bool more);
/* Set the next header to @proto without appending a header. */
void tb_proto(struct tb *t, uint8_t proto);
void tb_tcp(struct tb *t, uint16_t sport, uint16_t dport, uint8_t flags,
	    const uint8_t *opts, uint32_t olen);
void tb_udp(struct tb *t, uint16_t sport, uint16_t dport);
/* ICMP (proto 1) or ICMPv6 (58) header: type, code, checksum 0, rest 0. */
void tb_icmp(struct tb *t, uint8_t type, uint8_t code);
void tb_icmp6(struct tb *t, uint8_t type, uint8_t code);
void tb_data(struct tb *t, const void *d, uint32_t len);
void tb_zero(struct tb *t, uint32_t len);
/* Fill the lengths and the IPv4 header checksum. */
void tb_done(struct tb *t);

void tb_set8(struct tb *t, uint32_t off, uint8_t v);
void tb_set16(struct tb *t, uint32_t off, uint16_t v);
void tb_set32(struct tb *t, uint32_t off, uint32_t v);
uint16_t tb_get16(const struct tb *t, uint32_t off);

#endif /* _SSF_TB_H */
