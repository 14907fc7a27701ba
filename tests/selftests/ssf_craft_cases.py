# SPDX-License-Identifier: GPL-2.0
"""The cases of ssf_validate.sh: for every ssf reason, malformed packets,
their well-formed twins, and their fate in the kernel (ssf_craft.py says
what the fates mean and how a run measures them).

A case is a packet, bad(m, src, dst), and its twin, twin(m, src, dst): each
returns the frames (network layer bytes) of one packet with marker m
(ssf_craft_pkt.py). Names are "<reason>[/<variant>]/<in|out>"; "in" cases
are received by S from P, "out" cases sent by S. Every bad packet trips
its reason and nothing else, every twin trips nothing, with every check on
audit (tests/unit holds the same property for the unit-test packets).
"""
import struct

from scapy.layers.inet import IP, ICMP, UDP, IPOption_LSRR, IPOption_RR
from scapy.layers.inet6 import (IPv6, ICMPv6EchoRequest, ICMPv6ND_NS,
				ICMPv6DestUnreach)
from scapy.packet import Raw

from ssf_craft_pkt import (TOS, S4, P4, S6, P6, MCAST4, DPORT, SPORT, DATA,
			   UDP_NH, TCP_NH, ICMP6_NH, HOP, RT, DSTO, PADN4, DST8,
			   csum, ip4, ip6, udp, udp6, ext, poke, frag4, frag6,
			   tcp_bytes, icmp6_raw)


class Case:
	"""One packet and its fate.

	bad(m, src, dst) and twin(m, src, dst) return the frames (network
	layer bytes) of one packet with marker m; nbad of the bad frames trip
	the reason (the rest of a fragment train is clean). drop_rx: packets
	delivered per packet sent when the check drops (the clean part of a
	train may still make a datagram). to: where an "out" packet is sent
	(its route); seen: "wire" or "rx", where an "out" packet is observed.
	setup: (`validate set` words the case needs, the words that undo
	them), applied around each of its runs."""

	def __init__(self, name, reason, fam, d, bad, twin=None, fate="deliver",
		     why="", nbad=1, drop_rx=0, to=None, seen="wire",
		     setup=("", ""), src=None, dst=None):
		self.name, self.reason, self.fam = name, reason, fam
		self.dir = d
		self.bad, self.twin, self.fate, self.why = bad, twin, fate, why
		self.nbad, self.drop_rx, self.seen, self.setup = (nbad, drop_rx,
								  seen, setup)
		here, there = ((S4, P4) if fam == 4 else (S6, P6))
		self.src = src or (there if d == "in" else here)
		self.dst = dst or (here if d == "in" else there)
		self.to = to or self.dst


CASES = []


def case(*a, **kw):
	c = Case(*a, **kw)
	CASES.append(c)
	return c


def both(name, reason, fam, bad, twin, in_fate="deliver", in_why="",
	 out_fate="deliver", out_why="", **kw):
	"""The same packet received (in) and sent (out)."""
	case(f"{name}/in", reason, fam, "in", bad, twin, in_fate, in_why, **kw)
	case(f"{name}/out", reason, fam, "out", bad, twin, out_fate, out_why,
	     **kw)


def u4(m, s, d, **kw):
	return [ip4(m, s, d, udp(), **kw)]


def u6(m, s, d, **kw):
	return [ip6(m, s, d, Raw(udp6(s, d)), nh=UDP_NH, **kw)]


# --- IPv4 ------------------------------------------------------------------

# ip4-truncated: 16 of the 20 header bytes
case("ip4-truncated/in", "ip4-truncated", 4, "in",
     lambda m, s, d: [u4(m, s, d)[0][:16]], u4, "before",
     "ip_rcv_core(): pskb_may_pull() of a 20-byte header fails")
case("ip4-truncated/out", "ip4-truncated", 4, "out",
     lambda m, s, d: [u4(m, s, d)[0][:16]], u4, "einval",
     "raw_send_hdrinc(): length < sizeof(struct iphdr), EINVAL")

# ip4-bad-version: version 6 in an IPv4 frame
both("ip4-bad-version", "ip4-bad-version", 4,
     lambda m, s, d: [poke(u4(m, s, d)[0], 0, b"\x65")], u4,
     "before", "ip_rcv_core(): iph->version != 4")

# ip4-bad-ihl: IHL 4; IHL 15 on a 44-byte packet
case("ip4-bad-ihl/in", "ip4-bad-ihl", 4, "in",
     lambda m, s, d: [poke(u4(m, s, d)[0], 0, b"\x44")], u4, "before",
     "ip_rcv_core(): iph->ihl < 5")
case("ip4-bad-ihl/past/in", "ip4-bad-ihl", 4, "in",
     lambda m, s, d: [poke(u4(m, s, d)[0], 0, b"\x4f", False)], u4,
     "before", "ip_rcv_core(): pskb_may_pull(ihl * 4) fails")
case("ip4-bad-ihl/out", "ip4-bad-ihl", 4, "out",
     lambda m, s, d: [poke(u4(m, s, d)[0], 0, b"\x44")], u4, "einval",
     "raw_send_hdrinc(): ihl * 4 < sizeof(*iph), EINVAL")
case("ip4-bad-ihl/past/out", "ip4-bad-ihl", 4, "out",
     lambda m, s, d: [poke(u4(m, s, d)[0], 0, b"\x4f", False)], u4,
     "einval", "raw_send_hdrinc(): ihl * 4 > length, EINVAL")

# ip4-bad-length: total length past the packet; under the header
case("ip4-bad-length/in", "ip4-bad-length", 4, "in",
     lambda m, s, d: [poke(u4(m, s, d)[0], 2, struct.pack("!H", 52))], u4,
     "before", "ip_rcv_core(): skb->len < total length")
case("ip4-bad-length/short/in", "ip4-bad-length", 4, "in",
     lambda m, s, d: [poke(u4(m, s, d)[0], 2, struct.pack("!H", 16))], u4,
     "before", "ip_rcv_core(): total length < ihl * 4")
case("ip4-bad-length/out", "ip4-bad-length", 4, "out",
     lambda m, s, d: [poke(u4(m, s, d)[0], 2, struct.pack("!H", 52))], u4,
     "rewrite", "raw_send_hdrinc(): iph->tot_len = htons(length)")

# ip4-bad-options: record route with pointer 3; twin: a full one
RR_BAD = IPOption_RR(pointer=3, routers=["0.0.0.0"])
RR_FULL = IPOption_RR(pointer=8, routers=["0.0.0.0"])
both("ip4-bad-options", "ip4-bad-options", 4,
     lambda m, s, d: u4(m, s, d, options=[RR_BAD]),
     lambda m, s, d: u4(m, s, d, options=[RR_FULL]), "after",
     "ip_rcv_options(): ip_options_compile() fails (ICMP parameter problem)")

# ip4-source-route: an exhausted loose source route (accept_source_route=1
# in S, so the kernel delivers it); twin: record route
both("ip4-source-route", "ip4-source-route", 4,
     lambda m, s, d: u4(m, s, d, options=[
	     IPOption_LSRR(pointer=8, routers=[d])]),
     lambda m, s, d: u4(m, s, d, options=[RR_FULL]))

def UDP24(s, d):
	"""A 24-byte UDP datagram with a correct checksum."""
	return bytes(IP(src=s, dst=d) / udp())[20:]


# ip4-frag-bad: reserved flag; DF with MF; a non-last fragment of 20 bytes
both("ip4-frag-bad/rf", "ip4-frag-bad", 4,
     lambda m, s, d: u4(m, s, d, flags="evil"), u4)
case("ip4-frag-bad/df-mf/in", "ip4-frag-bad", 4, "in",
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)], {0: "DF+MF"}),
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)]))
# a non-last fragment of 20 bytes: ip_frag_queue() trims it to 16, and the
# datagram is whole again
case("ip4-frag-bad/odd/in", "ip4-frag-bad", 4, "in",
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d)[:16] + bytes(4),
			   [(0, 20, True)]) +
     frag4(m, s, d, 17, UDP24(s, d), [(16, 8, False)]),
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)]))


def oversize4(m, s, d, end=65544):
	"""A whole UDP datagram of @end bytes in 1480-byte fragments. 65544:
	the last fragment ends past 65535 (ping of death); 65515: the largest
	that fits a 65535-byte datagram with its 20-byte header (the twin)."""
	payload = struct.pack("!HHHH", SPORT, DPORT, min(end, 0xffff), 0)
	payload += bytes(end - 8)
	pieces = [(o, min(1480, end - o), o + 1480 < end)
		  for o in range(0, end, 1480)]
	return frag4(m, s, d, 17, payload, pieces)


case("ip4-frag-oversize/in", "ip4-frag-oversize", 4, "in", oversize4,
     lambda m, s, d: oversize4(m, s, d, 65515), "after",
     "ip_frag_reasm(): reassembled datagram over 65535 bytes, refused")
case("ip4-frag-oversize/out", "ip4-frag-oversize", 4, "out",
     lambda m, s, d: oversize4(m, s, d)[-1:],
     lambda m, s, d: oversize4(m, s, d, 65515)[-1:])

TCP_OPT12 = b"\x02\x04\x05\xb4\x01\x01\x01\x01\x01\x01\x01\x00"
both("ip4-frag-tiny/tcp8", "ip4-frag-tiny", 4,
     lambda m, s, d: frag4(m, s, d, 6, tcp_bytes(s, d, 4),
			   [(0, 8, True), (8, 28, False)]),
     lambda m, s, d: frag4(m, s, d, 6, tcp_bytes(s, d, 4),
			   [(0, 24, True), (24, 12, False)]),
     nbad=2)	# the second fragment is at offset 8 too
# the TCP options cut: the kernel needs only the 20 fixed bytes
case("ip4-frag-tiny/tcpopt/in", "ip4-frag-tiny", 4, "in",
     lambda m, s, d: frag4(m, s, d, 6,
			   tcp_bytes(s, d, 4, doff=8, opts=TCP_OPT12),
			   [(0, 24, True), (24, 24, False)]),
     lambda m, s, d: frag4(m, s, d, 6,
			   tcp_bytes(s, d, 4, doff=8, opts=TCP_OPT12),
			   [(0, 32, True), (32, 16, False)]))
# a fragment at offset 8 (RFC 1858 §3.2), no overlap
case("ip4-frag-tiny/off8/in", "ip4-frag-tiny", 4, "in",
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 8, True), (8, 8, True), (16, 8, False)]),
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)]))
# ... inside the first fragment: ip_frag_queue() drops it as a duplicate
# and the datagram is whole
case("ip4-frag-tiny/dup/in", "ip4-frag-tiny", 4, "in",
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (8, 8, True), (16, 8, False)]),
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)]), drop_rx=1)
# ... overlapping it and running past it: the kernel discards the whole
# datagram (RFC 5722); ssf's drop takes the overlap out, and the rest
# reassembles
case("ip4-frag-tiny/overlap/in", "ip4-frag-tiny", 4, "in",
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (8, 16, True), (16, 8, False)]),
     lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
			   [(0, 16, True), (16, 8, False)]), "after",
     "ip_frag_queue(): an overlapping fragment discards the datagram",
     drop_rx=1)

for _n, _a in (("mcast", "224.0.0.5"), ("bcast", "255.255.255.255"),
	       ("loop", "127.0.0.1")):
	case(f"ip4-bad-source/{_n}/in", "ip4-bad-source", 4, "in", u4,
	     lambda m, s, d: u4(m, P4, d), "after",
	     "ip_route_input_slow(): martian source", src=_a)
for _n, _a in (("mcast", "224.0.0.5"), ("loop", "127.0.0.1")):
	case(f"ip4-bad-source/{_n}/out", "ip4-bad-source", 4, "out",
	     lambda m, s, d: u4(m, s, d), lambda m, s, d: u4(m, S4, d),
	     src=_a)
case("ip4-bad-source/lo", "ip4-bad-source", 4, "out", u4, fate="pass",
     why="127.0.0.1 on lo", src="127.0.0.1", dst="127.0.0.1", seen="rx")

# ip4-land: accept_local=1 in S, so the kernel delivers it
case("ip4-land/in", "ip4-land", 4, "in", u4, lambda m, s, d: u4(m, P4, d),
     src=S4)
case("ip4-land/out", "ip4-land", 4, "out", u4,
     lambda m, s, d: u4(m, S4, d), src=P4)
case("ip4-land/lo", "ip4-land", 4, "out", u4, fate="pass",
     why="source = destination on lo", src=S4, dst=S4, seen="rx")

both("ip4-zero-ttl", "ip4-zero-ttl", 4,
     lambda m, s, d: u4(m, s, d, ttl=0), u4)
# RFC 1112: TTL 0 multicast stays on the host; ip_mc_output() loops a copy
# back (S is a member) and drops the original
case("ip4-zero-ttl/mcast", "ip4-zero-ttl", 4, "out",
     lambda m, s, d: u4(m, s, d, ttl=0), fate="pass",
     why="TTL 0 multicast sent locally", dst=MCAST4, seen="rx")

# --- IPv6 ------------------------------------------------------------------

case("ip6-truncated/in", "ip6-truncated", 6, "in",
     lambda m, s, d: [u6(m, s, d)[0][:30]], u6, "before",
     "ip6_rcv_core(): pskb_may_pull() of a 40-byte header fails")
case("ip6-truncated/out", "ip6-truncated", 6, "out",
     lambda m, s, d: [u6(m, s, d)[0][:30]], u6, "einval",
     "rawv6_send_hdrinc(): length < sizeof(struct ipv6hdr), EINVAL")

both("ip6-bad-version", "ip6-bad-version", 6,
     lambda m, s, d: [poke(u6(m, s, d)[0], 0, bytes([0x50 | TOS >> 4]),
			   False)], u6,
     "before", "ip6_rcv_core(): version != 6")

both("ip6-bad-length", "ip6-bad-length", 6,
     lambda m, s, d: [poke(u6(m, s, d)[0], 4, struct.pack("!H", 32),
			   False)], u6,
     "before", "ip6_rcv_core(): payload length past the packet")

case("ip6-bad-source/mcast/in", "ip6-bad-source", 6, "in", u6,
     lambda m, s, d: u6(m, P6, d), "before",
     "ip6_rcv_core(): multicast source", src="ff02::1")
case("ip6-bad-source/loop/in", "ip6-bad-source", 6, "in", u6,
     lambda m, s, d: u6(m, P6, d), "before",
     "ip6_rcv_core(): ::1 source off loopback", src="::1")
for _n, _a in (("mcast", "ff02::1"), ("loop", "::1")):
	case(f"ip6-bad-source/{_n}/out", "ip6-bad-source", 6, "out",
	     u6, lambda m, s, d: u6(m, S6, d), src=_a)
case("ip6-bad-source/lo", "ip6-bad-source", 6, "out", u6, fate="pass",
     why="::1 on lo", src="::1", dst="::1", seen="rx")


def chain6(m, s, d, hdrs, first):
	"""IPv6 + the extension headers @hdrs (bytes) + UDP."""
	return [ip6(m, s, d, Raw(hdrs + udp6(s, d)), nh=first)]


def dsts(n):
	"""@n destination options headers, then UDP."""
	return b"".join(DST8(DSTO if i < n - 1 else UDP_NH) for i in range(n))


# three headers, limit 2; twin: two
both("ip6-exthdr-too-many/max2", "ip6-exthdr-too-many", 6,
     lambda m, s, d: chain6(m, s, d, ext(DSTO, PADN4) + dsts(2), HOP),
     lambda m, s, d: chain6(m, s, d, ext(DSTO, PADN4) + dsts(1), HOP),
     setup=("ip6-exthdr-max 2", "ip6-exthdr-max 8"))
# nine headers at the default limit of 8 (nine headers break the order
# rules too: that check is off here); twin: eight
both("ip6-exthdr-too-many/max8", "ip6-exthdr-too-many", 6,
     lambda m, s, d: chain6(m, s, d, dsts(9), DSTO),
     lambda m, s, d: chain6(m, s, d, dsts(8), DSTO),
     setup=("ip6-exthdr-order off", "ip6-exthdr-order drop"))

both("ip6-exthdr-order/dst3", "ip6-exthdr-order", 6,
     lambda m, s, d: chain6(m, s, d, dsts(3), DSTO),
     lambda m, s, d: chain6(m, s, d, dsts(2), DSTO))
both("ip6-exthdr-order/hop2", "ip6-exthdr-order", 6,
     lambda m, s, d: chain6(m, s, d, DST8(HOP) + ext(UDP_NH, PADN4), DSTO),
     lambda m, s, d: chain6(m, s, d, DST8(DSTO) + ext(UDP_NH, PADN4), HOP),
     "after", "ip6_protocol_deliver_rcu(): no handler for hop-by-hop "
     "after the first header (ICMPv6 parameter problem)")

# a destination options header declaring 16 bytes, 8 present
both("ip6-exthdr-truncated", "ip6-exthdr-truncated", 6,
     lambda m, s, d: [ip6(m, s, d, Raw(bytes([UDP_NH, 1]) + PADN4),
			  nh=DSTO)],
     lambda m, s, d: chain6(m, s, d, DST8(UDP_NH), DSTO), "after",
     "ipv6_destopt_rcv(): pskb_may_pull() of the header fails")
case("ip6-exthdr-truncated/hop/in", "ip6-exthdr-truncated", 6, "in",
     lambda m, s, d: [ip6(m, s, d, Raw(bytes([UDP_NH, 1]) + PADN4),
			  nh=HOP)],
     lambda m, s, d: chain6(m, s, d, DST8(UDP_NH), HOP), "before",
     "ipv6_parse_hopopts() in ip6_rcv_core(): pskb_may_pull() of the "
     "header fails")
# payload length 0 with a hop-by-hop header but no jumbo option:
# ip6_rcv_core() skips its length check for it and the kernel delivers
# the frame's bytes; for ssf the payload is empty
case("ip6-exthdr-truncated/plen0/in", "ip6-exthdr-truncated", 6, "in",
     lambda m, s, d: [poke(chain6(m, s, d, DST8(UDP_NH), HOP)[0], 4,
			   b"\0\0", False)],
     lambda m, s, d: chain6(m, s, d, DST8(UDP_NH), HOP))

def rh(nh, rtype, addrs=0):
	"""A routing header of type @rtype, no segments left."""
	return ext(nh, bytes([rtype, 0]) + bytes(4) + bytes(16 * addrs))


both("ip6-rh0", "ip6-rh0", 6,
     lambda m, s, d: chain6(m, s, d, rh(UDP_NH, 0, 1), RT),
     lambda m, s, d: chain6(m, s, d, rh(UDP_NH, 253), RT))

PADN_BAD = b"\x01\x04\0\x01\0\0"
both("ip6-bad-options/hop", "ip6-bad-options", 6,
     lambda m, s, d: chain6(m, s, d, ext(UDP_NH, PADN_BAD), HOP),
     lambda m, s, d: chain6(m, s, d, ext(UDP_NH, PADN4), HOP),
     "before", "ipv6_parse_hopopts() in ip6_rcv_core(): ip6_parse_tlv() "
     "rejects the option")
both("ip6-bad-options/dst", "ip6-bad-options", 6,
     lambda m, s, d: chain6(m, s, d, ext(UDP_NH, PADN_BAD), DSTO),
     lambda m, s, d: chain6(m, s, d, ext(UDP_NH, PADN4), DSTO),
     "after", "ipv6_destopt_rcv(): ip6_parse_tlv() rejects the option")


# ip6-frag-bad: a 12-byte non-last fragment; a fragment past 65535
both("ip6-frag-bad/odd", "ip6-frag-bad", 6,
     lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
			   [(0, 12, True)]) +
     frag6(m, s, d, UDP_NH, udp6(s, d), [(8, 16, False)]),
     lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
			   [(0, 8, True), (8, 16, False)]),
     "after", "ip6_frag_queue(): a non-last fragment not a multiple of 8 "
     "(ICMPv6 parameter problem)", nbad=1)
both("ip6-frag-bad/oversize", "ip6-frag-bad", 6,
     lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
			   [(0, 8, True)]) +
     frag6(m, s, d, UDP_NH, bytes(65528) + DATA, [(65528, 16, False)]),
     lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
			   [(0, 8, True), (8, 16, False)]),
     "after", "ip6_frag_queue(): fragment end > IPV6_MAXPLEN "
     "(ICMPv6 parameter problem)")

# ip6-frag-tiny: the header chain cut (a 16-byte destination options
# header, 8 bytes in the first fragment; 0x1e: an unknown option to skip);
# the TCP options cut
DST16 = ext(UDP_NH, PADN4 + b"\x1e\x06" + bytes(6))
both("ip6-frag-tiny/chain", "ip6-frag-tiny", 6,
     lambda m, s, d: frag6(m, s, d, DSTO, DST16 + udp6(s, d),
			   [(0, 8, True), (8, 32, False)]),
     lambda m, s, d: frag6(m, s, d, DSTO, DST16 + udp6(s, d),
			   [(0, 24, True), (24, 16, False)]),
     "after", "ipv6_frag_rcv(): ipv6frag_thdr_truncated() "
     "(RFC 7112, ICMPv6 parameter problem)")
case("ip6-frag-tiny/tcpopt/in", "ip6-frag-tiny", 6, "in",
     lambda m, s, d: frag6(m, s, d, TCP_NH,
			   tcp_bytes(s, d, 6, doff=8, opts=TCP_OPT12),
			   [(0, 24, True), (24, 24, False)]),
     lambda m, s, d: frag6(m, s, d, TCP_NH,
			   tcp_bytes(s, d, 6, doff=8, opts=TCP_OPT12),
			   [(0, 32, True), (32, 16, False)]))

# --- either family ---------------------------------------------------------


def ECHO4():
	return ICMP(type=8, id=1, seq=1) / Raw(DATA)


both("proto-family-mismatch/v4", "proto-family-mismatch", 4,
     lambda m, s, d: [ip4(m, s, d, ECHO4(), proto=58)],
     lambda m, s, d: [ip4(m, s, d, ECHO4())])
both("proto-family-mismatch/v6", "proto-family-mismatch", 6,
     lambda m, s, d: [ip6(m, s, d, Raw(bytes(ECHO4())), nh=1)],
     lambda m, s, d: [ip6(m, s, d, ICMPv6EchoRequest(id=1, seq=1,
							 data=DATA))])


def tcp_pkt(fam, cut=None, **kw):
	"""A TCP packet of family @fam (tcp_bytes() @kw), cut to @cut bytes."""
	def build(m, s, d):
		seg = tcp_bytes(s, d, fam, **kw)[:cut]
		if fam == 4:
			return [ip4(m, s, d, Raw(seg), proto=6)]
		return [ip6(m, s, d, Raw(seg), nh=TCP_NH)]
	return build


# name, bad packet, twin (flags: FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32)
TCP_CASES = (
	("tcp-truncated", {"cut": 12}, {}),
	("tcp-bad-doff", {"doff": 4}, {}),
	("tcp-bad-doff/past", {"doff": 15}, {}),
	("tcp-bad-options", {"doff": 6, "opts": b"\x02\x01\0\0"},
	 {"doff": 6, "opts": b"\x02\x04\x05\xb4"}),
	("tcp-null", {"flags": 0}, {"flags": 0x10}),
	("tcp-xmas", {"flags": 0x29}, {"flags": 0x39}),
	("tcp-syn-fin", {"flags": 0x03}, {"flags": 0x02}),
	("tcp-syn-rst", {"flags": 0x06}, {"flags": 0x04}),
	("tcp-port-zero", {"sport": 0, "flags": 0x04}, {"flags": 0x04}),
)
for _name, _bad, _twin in TCP_CASES:
	for _f in (4, 6):
		both(f"{_name}/v{_f}", _name.split("/")[0], _f,
		     tcp_pkt(_f, **_bad), tcp_pkt(_f, **_twin))


def u_raw(fam, h):
	"""A UDP packet whose UDP bytes are @h(src, dst)."""
	if fam == 4:
		return lambda m, s, d: [ip4(m, s, d, Raw(h(s, d)), proto=17)]
	return lambda m, s, d: [ip6(m, s, d, Raw(h(s, d)), nh=UDP_NH)]


def ub(fam, ulen=None, **kw):
	"""UDP bytes with a correct checksum, then a length field of @ulen."""
	def h(s, d):
		if fam == 6:
			return udp6(s, d, ulen=ulen, **kw)
		b = bytes(IP(src=s, dst=d) / udp(**kw))[20:]
		if ulen is None:
			return b
		return b[:4] + struct.pack("!H", ulen) + b[6:]
	return h


for _f in (4, 6):
	both(f"udp-truncated/v{_f}", "udp-truncated", _f,
	     u_raw(_f, lambda s, d, f=_f: ub(f)(s, d)[:4]), u_raw(_f, ub(_f)))
	both(f"udp-bad-length/v{_f}", "udp-bad-length", _f,
	     u_raw(_f, ub(_f, ulen=4)), u_raw(_f, ub(_f)))
	both(f"udp-bad-length/past/v{_f}", "udp-bad-length", _f,
	     u_raw(_f, ub(_f, ulen=60)), u_raw(_f, ub(_f)))
	both(f"udp-port-zero/v{_f}", "udp-port-zero", _f,
	     u_raw(_f, ub(_f, sport=0)), u_raw(_f, ub(_f)))

# --- ICMP, ICMPv6 ----------------------------------------------------------


def icmp4_raw(body):
	"""ICMP bytes @body with its checksum (re)computed."""
	body = body[:2] + b"\0\0" + body[4:]
	return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def TS(n):
	"""A timestamp request of @n bytes (it needs 20)."""
	return Raw(icmp4_raw(b"\x0d" + bytes(n - 1)))


both("icmp-truncated/ts", "icmp-truncated", 4,
     lambda m, s, d: [ip4(m, s, d, TS(12), proto=1)],
     lambda m, s, d: [ip4(m, s, d, TS(20), proto=1)])
case("icmp-truncated/short/in", "icmp-truncated", 4, "in",
     lambda m, s, d: [ip4(m, s, d, Raw(b"\x08\0\xf7\xff"), proto=1)],
     lambda m, s, d: [ip4(m, s, d, ECHO4())], "after",
     "icmp_rcv(): pskb_pull() of 8 bytes fails; raw sockets never see it "
     "(icmp_filter())")


def quote4(s, d):
	return bytes(IP(src=d, dst=s, ttl=64) / UDP(sport=DPORT, dport=SPORT))


def quote6(s, d):
	return bytes(IPv6(src=d, dst=s) / UDP(sport=DPORT, dport=SPORT))


both("icmp-bad-error", "icmp-bad-error", 4,
     lambda m, s, d: [ip4(m, s, d, ICMP(type=3, code=3) /
			  Raw(quote6(S6, P6)))],
     lambda m, s, d: [ip4(m, s, d, ICMP(type=3, code=3) /
			  Raw(quote4(s, d)))])


def NS_TGT(d):
	return ICMPv6ND_NS(tgt=d)


# a neighbour solicitation needs 24 bytes: 16
both("icmp6-truncated/ns", "icmp6-truncated", 6,
     lambda m, s, d: [ip6(m, s, d, Raw(icmp6_raw(
	     s, d, bytes(IPv6(src=s, dst=d) / NS_TGT(d))[40:56])),
	     nh=ICMP6_NH, hlim=255)],
     lambda m, s, d: [ip6(m, s, d, NS_TGT(d), hlim=255)])
both("icmp6-truncated/short", "icmp6-truncated", 6,
     lambda m, s, d: [ip6(m, s, d, Raw(icmp6_raw(s, d, b"\x80\0\0\0")),
			  nh=ICMP6_NH)],
     lambda m, s, d: [ip6(m, s, d, ICMPv6EchoRequest(id=1, seq=1,
							 data=DATA))])
both("icmp6-bad-error", "icmp6-bad-error", 6,
     lambda m, s, d: [ip6(m, s, d, ICMPv6DestUnreach(code=4) /
			  Raw(quote4(S4, P4)))],
     lambda m, s, d: [ip6(m, s, d, ICMPv6DestUnreach(code=4) /
			  Raw(quote6(s, d)))])
both("icmp6-nd-bad-hoplimit", "icmp6-nd-bad-hoplimit", 6,
     lambda m, s, d: [ip6(m, s, d, NS_TGT(d), hlim=64)],
     lambda m, s, d: [ip6(m, s, d, NS_TGT(d), hlim=255)])

BY_NAME = {c.name: c for c in CASES}
assert len(BY_NAME) == len(CASES), "duplicate case names"
