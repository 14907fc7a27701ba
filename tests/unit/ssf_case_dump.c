// SPDX-License-Identifier: GPL-2.0
/*
 * ssf_case_dump: the validation cases (module/tests/ssf_cases_*.c) as
 * text, for the VM suite (tests/selftests/ssf_craft.py sends the packets
 * to a real kernel), so that it tests the packets every other world tests.
 *
 *   ssf_case_dump [SRC4 DST4 SRC6 DST6]
 *
 * The optional addresses replace the ordinary ones (ssf_case_addrs_doc).
 * One line a case, tab-separated:
 *
 *   name reason family path loopback gso exthdr_max also twin_also
 *   bad twin what
 *
 * family: 4 or 6; path: in, out or fwd (enum ssf_check_path); also and
 * twin_also: reason names joined by ",", or "-"; bad and twin: the
 * packets in hex, network header first.
 *
 * ssf never reads a checksum, so the table leaves them 0; a real stack
 * drops a bad IPv4 header checksum before any hook, and gives no socket
 * an ICMPv6 packet with a bad checksum. So each packet gets its IPv4 header
 * checksum and its transport checksum computed here, where the header and
 * the field are there (not on fragments: theirs covers the datagram).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_cases.h"

static u32 sum16(const u8 *p, u32 len, u32 sum)
{
	u32 i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

static u16 fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static void ip4_header_checksum(struct ssf_tb *t)
{
	u32 ihl = (t->b[0] & 0x0f) * 4;

	if (t->len < 20 || ihl < 20 || ihl > t->len)
		return;
	t->b[10] = 0;
	t->b[11] = 0;
	ssf_tb_set16(t, 10, fold(sum16(t->b, ihl, 0)));
}

/* Where the checksum of transport protocol @proto is, or -1. */
static int csum_at(u8 proto)
{
	switch (proto) {
	case SSF_TB_TCP:
		return 16;
	case SSF_TB_UDP:
		return 6;
	case SSF_TB_ICMP:
	case SSF_TB_ICMP6:
		return 2;
	}
	return -1;
}

static void l4_checksum(struct ssf_tb *t)
{
	struct ssf_pkt pkt;
	struct ssf_buf b;
	u32 end, n, sum = 0;
	int at;

	ssf_buf_init_flat(&b, t->b, t->len);
	switch (ssf_parse(&b, t->family, &pkt)) {
	case SSF_PARSE_OK:
	case SSF_PARSE_L4_TRUNCATED:
		break;
	default:
		return;
	}
	at = csum_at(pkt.proto);
	if (at < 0 || (pkt.flags & SSF_PKT_F_FRAG) ||
	    pkt.l4off + at + 2 > t->len)
		return;
	end = t->len;
	if (t->family == SSF_FAMILY_IPV4 && ssf_tb_get16(t, 2) &&
	    ssf_tb_get16(t, 2) < end)
		end = ssf_tb_get16(t, 2);
	if (t->family == SSF_FAMILY_IPV6 && ssf_tb_get16(t, 4) &&
	    40u + ssf_tb_get16(t, 4) < end)
		end = 40 + ssf_tb_get16(t, 4);
	if (end < pkt.l4off + at + 2)
		return;
	n = end - pkt.l4off;
	/* UDP's pseudo header has the UDP length, when it is sane */
	if (pkt.proto == SSF_TB_UDP && ssf_tb_get16(t, pkt.l4off + 4) >= 8 &&
	    ssf_tb_get16(t, pkt.l4off + 4) <= n)
		n = ssf_tb_get16(t, pkt.l4off + 4);
	t->b[pkt.l4off + at] = 0;
	t->b[pkt.l4off + at + 1] = 0;
	if (pkt.proto != SSF_TB_ICMP) {		/* the pseudo header */
		if (t->family == SSF_FAMILY_IPV4)
			sum = sum16(t->b + 12, 8, 0);
		else
			sum = sum16(t->b + 8, 32, 0);
		sum += pkt.proto + (n >> 16) + (n & 0xffff);
	}
	sum = fold(sum16(t->b + pkt.l4off, n, sum));
	if (!sum && pkt.proto == SSF_TB_UDP)
		sum = 0xffff;		/* 0 would say "no checksum" */
	ssf_tb_set16(t, pkt.l4off + at, sum);
}

static void put_hex(const struct ssf_tb *t)
{
	u32 i;

	for (i = 0; i < t->len; i++)
		printf("%02x", t->b[i]);
	if (!t->len)
		putchar('-');
}

static void put_names(u64 mask)
{
	unsigned int r, n = 0;

	for (r = 1; r < SSF_R_COUNT; r++)
		if (mask & SSF_R_BIT(r))
			printf("%s%s", n++ ? "," : "", ssf_reason_name(r));
	if (!n)
		putchar('-');
}

int main(int argc, char **argv)
{
	static const char * const paths[] = { "in", "out", "fwd" };
	struct ssf_case_addrs a = ssf_case_addrs_doc;
	struct ssf_tb *t = malloc(sizeof(*t));
	const struct ssf_case *c;
	struct ssf_case_env e;
	int bad;

	if ((argc != 1 && argc != 5) || !t) {
		fprintf(stderr, "usage: ssf_case_dump [SRC4 DST4 SRC6 DST6]\n");
		return 2;
	}
	if (argc == 5) {
		a.s4 = argv[1];
		a.d4 = argv[2];
		a.s6 = argv[3];
		a.d6 = argv[4];
	}
	for (c = ssf_case_next(NULL); c; c = ssf_case_next(c)) {
		ssf_case_build(c, true, &a, t, &e);
		printf("%s\t%s\t%c\t%s\t%d\t%d\t%u\t", c->name,
		       ssf_reason_name(c->reason),
		       t->family == SSF_FAMILY_IPV6 ? '6' : '4',
		       paths[e.ctx.path % 3], e.ctx.loopback, e.ctx.gso,
		       e.exthdr_max);
		put_names(c->also);
		putchar('\t');
		put_names(c->twin_also);
		for (bad = 1; bad >= 0; bad--) {
			ssf_case_build(c, bad, &a, t, &e);
			if (t->family == SSF_FAMILY_IPV4)
				ip4_header_checksum(t);
			l4_checksum(t);
			putchar('\t');
			put_hex(t);
		}
		printf("\t%s\n", c->what);
	}
	free(t);
	return 0;
}
