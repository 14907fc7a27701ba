// SPDX-License-Identifier: GPL-2.0
/* Test packet builder: see ssf_tb.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_tb.h"

static void tb_need(struct tb *t, uint32_t n)
{
	if (n > TB_MAX - t->len) {
		fprintf(stderr, "ssf_tb: packet too long\n");
		abort();
	}
}

static uint8_t *tb_put(struct tb *t, uint32_t n)
{
	uint8_t *p;

	tb_need(t, n);
	p = t->b + t->len;
	memset(p, 0, n);
	t->len += n;
	return p;
}

static void tb_addr(int af, const char *s, void *dst)
{
	if (inet_pton(af, s, dst) != 1) {
		fprintf(stderr, "ssf_tb: bad address %s\n", s);
		abort();
	}
}

static void tb_start(struct tb *t)
{
	t->len = 0;
	t->family = 0;
	t->nh = 0;
	t->udp = 0;
	t->frag = 0;
	t->ext = 0;
	t->l4 = 0;
}

void tb_ip4_opts(struct tb *t, const char *src, const char *dst,
		 const uint8_t *opts, uint32_t olen)
{
	uint8_t *h;

	tb_start(t);
	t->family = 4;
	h = tb_put(t, 20 + olen);
	h[0] = 0x40 | ((20 + olen) / 4);
	h[8] = 64;
	tb_addr(AF_INET, src, h + 12);
	tb_addr(AF_INET, dst, h + 16);
	if (olen)
		memcpy(h + 20, opts, olen);
	t->nh = 9;
	t->l4 = t->len;
}

void tb_ip4(struct tb *t, const char *src, const char *dst)
{
	tb_ip4_opts(t, src, dst, NULL, 0);
}

void tb_ip6(struct tb *t, const char *src, const char *dst)
{
	uint8_t *h;

	tb_start(t);
	t->family = 6;
	h = tb_put(t, 40);
	h[0] = 0x60;
	h[7] = 64;
	tb_addr(AF_INET6, src, h + 8);
	tb_addr(AF_INET6, dst, h + 24);
	t->nh = 6;
	t->l4 = t->len;
}

void tb_proto(struct tb *t, uint8_t proto)
{
	t->b[t->nh] = proto;
}

static uint8_t *tb_hdr(struct tb *t, uint8_t proto, uint32_t n)
{
	uint32_t off = t->len;
	uint8_t *p;

	tb_proto(t, proto);
	p = tb_put(t, n);
	t->nh = off;		/* byte 0 of an extension header */
	t->ext = off;
	t->l4 = t->len;
	return p;
}

void tb_ext(struct tb *t, uint8_t type, const uint8_t *body, uint32_t blen)
{
	uint8_t *p = tb_hdr(t, type, blen + 2);

	p[1] = (blen + 2) / 8 - 1;
	memcpy(p + 2, body, blen);
}

void tb_rt(struct tb *t, uint8_t rtype)
{
	uint8_t body[6] = { rtype, 0 };

	tb_ext(t, 43, body, sizeof(body));
}

void tb_opt8(struct tb *t, uint8_t type)
{
	static const uint8_t padn[6] = { 1, 4 };

	tb_ext(t, type, padn, sizeof(padn));
}

void tb_ah(struct tb *t)
{
	uint8_t *p = tb_hdr(t, 51, 24);

	p[1] = 24 / 4 - 2;
	p[7] = 1;		/* SPI */
}

void tb_frag6(struct tb *t, uint16_t off, bool more)
{
	uint8_t *p;
	uint32_t at = t->len;

	p = tb_hdr(t, 44, 8);
	p[2] = off >> 8;
	p[3] = (off & 0xf8) | (more ? 1 : 0);
	p[7] = 0x2a;		/* identification */
	t->frag = at;
}

void tb_tcp(struct tb *t, uint16_t sport, uint16_t dport, uint8_t flags,
	    const uint8_t *opts, uint32_t olen)
{
	uint32_t off = t->len;
	uint8_t *p;

	tb_proto(t, 6);
	p = tb_put(t, 20 + olen);
	p[0] = sport >> 8;
	p[1] = sport;
	p[2] = dport >> 8;
	p[3] = dport;
	p[7] = 1;		/* seq */
	p[12] = ((20 + olen) / 4) << 4;
	p[13] = flags;
	p[14] = 0xff;		/* window */
	if (olen)
		memcpy(p + 20, opts, olen);
	t->l4 = off;
}

void tb_udp(struct tb *t, uint16_t sport, uint16_t dport)
{
	uint32_t off = t->len;
	uint8_t *p;

	tb_proto(t, 17);
	p = tb_put(t, 8);
	p[0] = sport >> 8;
	p[1] = sport;
	p[2] = dport >> 8;
	p[3] = dport;
	t->l4 = off;
	t->udp = off;
}

static void tb_icmp_any(struct tb *t, uint8_t proto, uint8_t type,
			uint8_t code)
{
	uint32_t off = t->len;
	uint8_t *p;

	tb_proto(t, proto);
	p = tb_put(t, 8);
	p[0] = type;
	p[1] = code;
	t->l4 = off;
}

void tb_icmp(struct tb *t, uint8_t type, uint8_t code)
{
	tb_icmp_any(t, 1, type, code);
}

void tb_icmp6(struct tb *t, uint8_t type, uint8_t code)
{
	tb_icmp_any(t, 58, type, code);
}

void tb_data(struct tb *t, const void *d, uint32_t len)
{
	memcpy(tb_put(t, len), d, len);
}

void tb_zero(struct tb *t, uint32_t len)
{
	tb_put(t, len);
}

void tb_set8(struct tb *t, uint32_t off, uint8_t v)
{
	if (off >= TB_MAX)
		abort();
	t->b[off] = v;
}

void tb_set16(struct tb *t, uint32_t off, uint16_t v)
{
	tb_set8(t, off, v >> 8);
	tb_set8(t, off + 1, v);
}

void tb_set32(struct tb *t, uint32_t off, uint32_t v)
{
	tb_set16(t, off, v >> 16);
	tb_set16(t, off + 2, v);
}

uint16_t tb_get16(const struct tb *t, uint32_t off)
{
	return (uint16_t)(t->b[off] << 8 | t->b[off + 1]);
}

void tb_done(struct tb *t)
{
	uint32_t sum = 0, i, ihl;

	if (t->family == 4) {
		ihl = (t->b[0] & 0x0f) * 4;
		tb_set16(t, 2, t->len);
		tb_set16(t, 10, 0);
		for (i = 0; i < ihl; i += 2)
			sum += tb_get16(t, i);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		tb_set16(t, 10, ~sum);
	} else {
		tb_set16(t, 4, t->len - 40);
	}
	if (t->udp)
		tb_set16(t, t->udp + 4, t->len - t->udp);
}
