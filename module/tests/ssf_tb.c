// SPDX-License-Identifier: GPL-2.0
/*
 * The test packet builder: see ssf_tb.h. Only the two world-specific
 * services - reporting a test's misuse and reading a textual address -
 * differ between the kernel and userspace.
 *
 * Locking: none; a builder belongs to one test.
 */
#include "ssf_tb.h"

#ifdef __KERNEL__
#include <linux/bug.h>
#include <linux/inet.h>

static void ssf_tb_bug(const char *what, const char *arg)
{
	WARN(1, "ssf_tb: %s %s\n", what, arg);
}

static bool ssf_tb_pton(u8 family, const char *s, u8 *dst)
{
	if (family == SSF_FAMILY_IPV4)
		return in4_pton(s, -1, dst, -1, NULL) == 1;
	return in6_pton(s, -1, dst, -1, NULL) == 1;
}
#else
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

static void ssf_tb_bug(const char *what, const char *arg)
{
	fprintf(stderr, "ssf_tb: %s %s\n", what, arg);
	abort();
}

static bool ssf_tb_pton(u8 family, const char *s, u8 *dst)
{
	return inet_pton(family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6, s,
			 dst) == 1;
}
#endif

/* @n zeroed bytes appended to @t, or NULL (a test bug) if they do not fit. */
static u8 *ssf_tb_put(struct ssf_tb *t, u32 n)
{
	u8 *p;

	if (n > SSF_TB_MAX - t->len) {
		ssf_tb_bug("packet longer than", "SSF_TB_MAX");
		return NULL;
	}
	p = t->b + t->len;
	memset(p, 0, n);
	t->len += n;
	return p;
}

static void ssf_tb_addr(u8 family, const char *s, u8 *dst)
{
	if (!ssf_tb_pton(family, s, dst))
		ssf_tb_bug("bad address", s);
}

void ssf_tb_addr4(const char *s, u8 dst[4])
{
	ssf_tb_addr(SSF_FAMILY_IPV4, s, dst);
}

void ssf_tb_addr6(const char *s, u8 dst[16])
{
	ssf_tb_addr(SSF_FAMILY_IPV6, s, dst);
}

static void ssf_tb_start(struct ssf_tb *t, u8 family)
{
	t->len = 0;
	t->family = family;
	t->nh = 0;
	t->udp = 0;
	t->frag = 0;
	t->ext = 0;
	t->l4 = 0;
}

void ssf_tb_ip4_opts(struct ssf_tb *t, const char *src, const char *dst,
		     const u8 *opts, u32 olen)
{
	u8 *h;

	ssf_tb_start(t, SSF_FAMILY_IPV4);
	h = ssf_tb_put(t, 20 + olen);
	if (!h)
		return;
	h[0] = 0x40 | ((20 + olen) / 4);
	h[8] = 64;
	ssf_tb_addr4(src, h + 12);
	ssf_tb_addr4(dst, h + 16);
	if (olen)
		memcpy(h + 20, opts, olen);
	t->nh = 9;
	t->l4 = t->len;
}

void ssf_tb_ip4(struct ssf_tb *t, const char *src, const char *dst)
{
	ssf_tb_ip4_opts(t, src, dst, NULL, 0);
}

void ssf_tb_ip6(struct ssf_tb *t, const char *src, const char *dst)
{
	u8 *h;

	ssf_tb_start(t, SSF_FAMILY_IPV6);
	h = ssf_tb_put(t, 40);
	if (!h)
		return;
	h[0] = 0x60;
	h[7] = 64;
	ssf_tb_addr6(src, h + 8);
	ssf_tb_addr6(dst, h + 24);
	t->nh = 6;
	t->l4 = t->len;
}

void ssf_tb_proto(struct ssf_tb *t, u8 proto)
{
	t->b[t->nh] = proto;
}

/* A header of @n bytes for next header @proto, as the next header. */
static u8 *ssf_tb_hdr(struct ssf_tb *t, u8 proto, u32 n)
{
	u32 off = t->len;
	u8 *p;

	ssf_tb_proto(t, proto);
	p = ssf_tb_put(t, n);
	if (!p)
		return NULL;
	t->nh = off;		/* byte 0 of an extension header */
	t->ext = off;
	t->l4 = t->len;
	return p;
}

void ssf_tb_ext(struct ssf_tb *t, u8 type, const u8 *body, u32 blen)
{
	u8 *p = ssf_tb_hdr(t, type, blen + 2);

	if (!p)
		return;
	p[1] = (blen + 2) / 8 - 1;
	if (blen)
		memcpy(p + 2, body, blen);
}

void ssf_tb_opts(struct ssf_tb *t, u8 type, u8 hdrlen, const u8 *opts,
		 u32 olen)
{
	u32 size = ((u32)hdrlen + 1) * 8, pad;
	u8 *p;

	if (olen > size - 2) {
		ssf_tb_bug("options longer than", "their header");
		return;
	}
	pad = size - 2 - olen;
	p = ssf_tb_hdr(t, type, size);
	if (!p)
		return;
	p[1] = hdrlen;
	if (olen)
		memcpy(p + 2, opts, olen);
	if (pad >= 2) {
		p[2 + olen] = 1;		/* PadN */
		p[3 + olen] = pad - 2;
	}				/* else Pad1, 0, or nothing */
}

void ssf_tb_opt8(struct ssf_tb *t, u8 type)
{
	ssf_tb_opts(t, type, 0, NULL, 0);
}

void ssf_tb_rt(struct ssf_tb *t, u8 rtype)
{
	u8 body[6] = { rtype, 0 };

	ssf_tb_ext(t, SSF_TB_RT, body, sizeof(body));
}

void ssf_tb_ah(struct ssf_tb *t)
{
	u8 *p = ssf_tb_hdr(t, SSF_TB_AH, 24);

	if (!p)
		return;
	p[1] = 24 / 4 - 2;
	p[7] = 1;		/* SPI */
}

void ssf_tb_frag6(struct ssf_tb *t, u16 off, bool more)
{
	u32 at = t->len;
	u8 *p = ssf_tb_hdr(t, SSF_TB_FRAG, 8);

	if (!p)
		return;
	p[2] = off >> 8;
	p[3] = (off & 0xf8) | (more ? 1 : 0);
	p[7] = 0x2a;		/* identification */
	t->frag = at;
}

/* A transport header of @n bytes for @proto, as the transport header. */
static u8 *ssf_tb_l4(struct ssf_tb *t, u8 proto, u32 n)
{
	u32 off = t->len;
	u8 *p;

	ssf_tb_proto(t, proto);
	p = ssf_tb_put(t, n);
	if (p)
		t->l4 = off;
	return p;
}

static void ssf_tb_ports(u8 *p, u16 sport, u16 dport)
{
	p[0] = sport >> 8;
	p[1] = sport;
	p[2] = dport >> 8;
	p[3] = dport;
}

void ssf_tb_tcp(struct ssf_tb *t, u16 sport, u16 dport, u8 flags,
		const u8 *opts, u32 olen)
{
	u8 *p = ssf_tb_l4(t, SSF_TB_TCP, 20 + olen);

	if (!p)
		return;
	ssf_tb_ports(p, sport, dport);
	p[7] = 1;		/* seq */
	p[12] = ((20 + olen) / 4) << 4;
	p[13] = flags;
	p[14] = 0xff;		/* window */
	if (olen)
		memcpy(p + 20, opts, olen);
}

void ssf_tb_udp(struct ssf_tb *t, u16 sport, u16 dport)
{
	u8 *p = ssf_tb_l4(t, SSF_TB_UDP, 8);

	if (!p)
		return;
	ssf_tb_ports(p, sport, dport);
	t->udp = t->l4;
}

static void ssf_tb_icmp_any(struct ssf_tb *t, u8 proto, u8 type, u8 code)
{
	u8 *p = ssf_tb_l4(t, proto, 8);

	if (!p)
		return;
	p[0] = type;
	p[1] = code;
}

void ssf_tb_icmp(struct ssf_tb *t, u8 type, u8 code)
{
	ssf_tb_icmp_any(t, SSF_TB_ICMP, type, code);
}

void ssf_tb_icmp6(struct ssf_tb *t, u8 type, u8 code)
{
	ssf_tb_icmp_any(t, SSF_TB_ICMP6, type, code);
}

void ssf_tb_data(struct ssf_tb *t, const void *d, u32 len)
{
	u8 *p = ssf_tb_put(t, len);

	if (p && len)
		memcpy(p, d, len);
}

void ssf_tb_zero(struct ssf_tb *t, u32 len)
{
	ssf_tb_put(t, len);
}

void ssf_tb_set8(struct ssf_tb *t, u32 off, u8 v)
{
	if (off >= SSF_TB_MAX) {
		ssf_tb_bug("write past", "SSF_TB_MAX");
		return;
	}
	t->b[off] = v;
}

void ssf_tb_set16(struct ssf_tb *t, u32 off, u16 v)
{
	ssf_tb_set8(t, off, v >> 8);
	ssf_tb_set8(t, off + 1, v);
}

void ssf_tb_set32(struct ssf_tb *t, u32 off, u32 v)
{
	ssf_tb_set16(t, off, v >> 16);
	ssf_tb_set16(t, off + 2, v);
}

u16 ssf_tb_get16(const struct ssf_tb *t, u32 off)
{
	if (off + 1 >= SSF_TB_MAX) {
		ssf_tb_bug("read past", "SSF_TB_MAX");
		return 0;
	}
	return (u16)(t->b[off] << 8 | t->b[off + 1]);
}

void ssf_tb_done(struct ssf_tb *t)
{
	u32 sum = 0, i, ihl;

	if (t->family == SSF_FAMILY_IPV4) {
		ihl = (t->b[0] & 0x0f) * 4;
		ssf_tb_set16(t, 2, t->len);
		ssf_tb_set16(t, 10, 0);
		for (i = 0; i < ihl; i += 2)
			sum += ssf_tb_get16(t, i);
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		ssf_tb_set16(t, 10, ~sum);
	} else {
		ssf_tb_set16(t, 4, t->len - 40);
	}
	if (t->udp)
		ssf_tb_set16(t, t->udp + 4, t->len - t->udp);
}
