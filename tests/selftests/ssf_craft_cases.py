# SPDX-License-Identifier: GPL-2.0
"""The cases of ssf_validate.sh: packets from the validation case table and
what the kernel does with them (ssf_craft.py says what the fates mean and
how a run measures them).

The packets are those of the table every test world shares
(module/tests/ssf_cases_*.c: unit tests, KUnit, fuzz seeds): a row's bad
packet trips its reason and nothing else but the row's "also" reasons, its
twin trips nothing. tests/unit/ssf_case_dump prints the table, built with
this suite's addresses: once from P to S (the "in" cases), once from S to P
("out"). Only the kernel's part is written here: which rows are sent in
which direction, and what the kernel does first (the fate, and the kernel
function responsible). A row's extension header limit and "also" reasons
become the `validate set` words its runs need.

A case is named "<reason>/<row or train>/<in|out|lo>"; "in" cases are
received by S from P, "out" cases sent by S, "lo" cases sent by S to itself
(a packet that looks bad but is legitimate on loopback: the row's twin).

Kept here as scapy packets, because a table row is one packet and these are
not: fragment trains, whose fate is decided at reassembly (ssf checks each
fragment as it comes, the kernel the datagram). Each names the row whose
check its fragments trip, and takes its reason from it:
  ip4-frag-bad      DF+MF train, 20-byte non-last fragment train
  ip4-frag-oversize the 45-fragment, 65544-byte train ("ping of death")
  ip4-frag-tiny     8-byte TCP first fragment, TCP options cut, a fragment
                    at offset 8 after the first, inside it, overlapping it
  ip6-frag-bad      12-byte non-last fragment train, a train past 65535
  ip6-frag-tiny     header chain cut by the first fragment, TCP options cut
"""
import socket
import struct
import subprocess

from scapy.layers.inet import IP

from ssf_craft_pkt import (S4, P4, S6, P6, DPORT, SPORT, DATA, UDP_NH,
			   TCP_NH, DSTO, PADN4, ext, udp, udp6, frag4, frag6,
			   tcp_bytes)


class Case:
	"""One packet and its fate.

	bad(m, src, dst) and twin(m, src, dst) return the frames (network
	layer bytes) of one packet with marker m; nbad of the bad frames trip
	the reason (the rest of a fragment train is clean). drop_rx: packets
	delivered per packet sent when the check drops (the clean part of a
	train may still make a datagram). to: where an "out" packet is sent
	(its route); seen: "wire" or "rx", where an "out" packet is observed.
	setup: (`validate set` words the case needs, a function giving the
	words that undo them), applied around each of its runs."""

	def __init__(self, name, reason, fam, d, bad, twin=None, fate="deliver",
		     why="", nbad=1, drop_rx=0, to=None, seen="wire",
		     setup=("", None)):
		self.name, self.reason, self.fam = name, reason, fam
		self.dir = d
		self.bad, self.twin, self.fate, self.why = bad, twin, fate, why
		self.nbad, self.drop_rx, self.seen, self.setup = (nbad, drop_rx,
								  seen, setup)
		here, there = ((S4, P4) if fam == 4 else (S6, P6))
		self.src = there if d == "in" else here
		self.dst = here if d == "in" else there
		self.to = to or self.dst


CASES = []
BY_NAME = {}
ROWS = {}		# direction -> table row name -> Row


class Row:
	"""A line of ssf_case_dump: one table row built for one direction."""

	def __init__(self, line):
		f = line.rstrip("\n").split("\t")
		self.name, self.reason = f[0], f[1]
		self.fam, self.path = int(f[2]), f[3]
		self.loopback, self.gso, self.xmax = (int(f[4]), int(f[5]),
						      int(f[6]))
		self.also = set(f[7].split(",")) - {"-"}
		self.also |= set(f[8].split(",")) - {"-"}
		self.bad = bytes.fromhex(f[9]) if f[9] != "-" else b""
		self.twin = bytes.fromhex(f[10])


def dst_of(frame, fam):
	"""The destination address of @frame, if it has one."""
	if fam == 4 and len(frame) >= 20:
		return socket.inet_ntop(socket.AF_INET, frame[16:20])
	if fam == 6 and len(frame) >= 40:
		return socket.inet_ntop(socket.AF_INET6, frame[24:40])
	return None


def setup_of(row):
	"""The `validate set` words row @row's runs need, and a function of the
	current actions that gives the words undoing them."""
	words = []
	if row.xmax != 8:
		words.append((f"ip6-exthdr-max {row.xmax}",
			      lambda act: "ip6-exthdr-max 8"))
	for r in sorted(row.also):
		words.append((f"{r} off", lambda act, r=r: f"{r} {act[r]}"))
	assert len(words) <= 1, f"{row.name}: more than one setting to make"
	return words[0] if words else ("", None)


def add(c):
	assert c.name not in BY_NAME, f"two cases named {c.name}"
	CASES.append(c)
	BY_NAME[c.name] = c


def table(row, in_=None, out=None, **kw):
	"""Table row @row received (@in_) and/or sent (@out): each a fate, or
	(fate, the kernel function responsible)."""
	for d, fate in (("in", in_), ("out", out)):
		if fate is None:
			continue
		fate, why = (fate, "") if isinstance(fate, str) else fate
		r = ROWS[d][row]
		assert not r.gso, f"{row}: a VM cannot make a GSO packet"
		add(Case(f"{r.reason}/{row}/{d}", r.reason, r.fam, d,
			 lambda m, s, d, b=r.bad: [b],
			 lambda m, s, d, b=r.twin: [b], fate, why,
			 to=dst_of(r.bad, r.fam), setup=setup_of(r), **kw))


def loopback(row, why):
	"""Table row @row's twin, legitimate on loopback, sent by S to itself:
	it must pass uncounted even with the check on drop."""
	r = ROWS["out"][row]
	add(Case(f"{r.reason}/{row}/lo", r.reason, r.fam, "out",
		 lambda m, s, d, b=r.twin: [b], None, "pass", why,
		 to=dst_of(r.twin, r.fam), seen="rx"))


def train(row, name, d, bad, twin, fate="deliver", why="", **kw):
	"""A fragment train tripping the check of table row @row."""
	r = ROWS[d][row]
	add(Case(f"{r.reason}/{name}/{d}", r.reason, r.fam, d, bad, twin, fate,
		 why, **kw))


# --- IPv4 ------------------------------------------------------------------

def ip4_rows():
	table("ip4_trunc",
	      ("before", "ip_rcv_core(): pskb_may_pull() of a 20-byte header "
	       "fails"),
	      ("einval", "raw_send_hdrinc(): length < sizeof(struct iphdr), "
	       "EINVAL"))
	table("ip4_ver5", ("before", "ip_rcv_core(): iph->version != 4"),
	      "deliver")
	table("ip4_ihl4", ("before", "ip_rcv_core(): iph->ihl < 5"),
	      ("einval", "raw_send_hdrinc(): ihl * 4 < sizeof(*iph), EINVAL"))
	table("ip4_ihl_past",
	      ("before", "ip_rcv_core(): pskb_may_pull(ihl * 4) fails"),
	      ("einval", "raw_send_hdrinc(): ihl * 4 > length, EINVAL"))
	table("ip4_len_long",
	      ("before", "ip_rcv_core(): skb->len < total length"),
	      ("rewrite", "raw_send_hdrinc(): iph->tot_len = htons(length)"))
	table("ip4_len_short",
	      ("before", "ip_rcv_core(): total length < ihl * 4"))
	# record route with pointer 3; twin: one with room for an address
	table("ip4_opt_rrptr",
	      ("after", "ip_rcv_options(): ip_options_compile() fails (ICMP "
	       "parameter problem)"), "deliver")
	# an exhausted loose source route (accept_source_route=1 in S, so the
	# kernel delivers it); twin: record route
	table("ip4_lsrr_done", "deliver", "deliver")
	table("ip4_frag_rf", "deliver", "deliver")
	table("ip4_frag_over", out="deliver")
	for row in ("ip4_src_mc5", "ip4_src_bc_plain", "ip4_src_lo_plain"):
		table(row, ("after", "ip_route_input_slow(): martian source"))
	for row in ("ip4_src_mc5", "ip4_src_lo_plain"):
		table(row, out="deliver")
	loopback("ip4_src_lo", "127.0.0.1 on lo")
	# accept_local=1 in S, so the kernel delivers a LAND packet
	table("ip4_land_plain", "deliver", "deliver")
	loopback("ip4_land", "source = destination on lo")
	table("ip4_ttl0", "deliver", "deliver")
	# RFC 1112: TTL 0 multicast stays on the host; ip_mc_output() loops a
	# copy back (S is a member) and drops the original
	loopback("ip4_ttl0_mc_lo", "TTL 0 multicast sent locally")


def UDP24(s, d):
	"""A 24-byte UDP datagram with a correct checksum."""
	return bytes(IP(src=s, dst=d) / udp())[20:]


def oversize4(m, s, d, end=65544):
	"""A whole UDP datagram of @end bytes in 1480-byte fragments. 65544:
	the last fragment ends past 65535 (ping of death); 65515: the largest
	that fits a 65535-byte datagram with its 20-byte header (the twin)."""
	payload = struct.pack("!HHHH", SPORT, DPORT, min(end, 0xffff), 0)
	payload += bytes(end - 8)
	pieces = [(o, min(1480, end - o), o + 1480 < end)
		  for o in range(0, end, 1480)]
	return frag4(m, s, d, 17, payload, pieces)


TCP_OPT12 = b"\x02\x04\x05\xb4\x01\x01\x01\x01\x01\x01\x01\x00"


def u24_whole(m, s, d):
	return frag4(m, s, d, 17, UDP24(s, d), [(0, 16, True), (16, 8, False)])


def ip4_trains():
	train("ip4_frag_dfmf", "df-mf", "in",
	      lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
				    [(0, 16, True), (16, 8, False)],
				    {0: "DF+MF"}), u24_whole)
	# a non-last fragment of 20 bytes: ip_frag_queue() trims it to 16, and
	# the datagram is whole again
	train("ip4_frag_mod8", "odd", "in",
	      lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d)[:16] + bytes(4),
				    [(0, 20, True)]) +
	      frag4(m, s, d, 17, UDP24(s, d), [(16, 8, False)]), u24_whole)
	train("ip4_frag_over", "train", "in", oversize4,
	      lambda m, s, d: oversize4(m, s, d, 65515), "after",
	      "ip_frag_reasm(): reassembled datagram over 65535 bytes, refused")
	for d in ("in", "out"):
		train("ip4_tiny_tcp", "tcp8", d,
		      lambda m, s, d: frag4(m, s, d, 6, tcp_bytes(s, d, 4),
					    [(0, 8, True), (8, 28, False)]),
		      lambda m, s, d: frag4(m, s, d, 6, tcp_bytes(s, d, 4),
					    [(0, 24, True), (24, 12, False)]),
		      nbad=2)	# the second fragment is at offset 8 too
	# the TCP options cut: the kernel needs only the 20 fixed bytes
	train("ip4_tiny_opts", "tcpopt", "in",
	      lambda m, s, d: frag4(m, s, d, 6,
				    tcp_bytes(s, d, 4, doff=8, opts=TCP_OPT12),
				    [(0, 24, True), (24, 24, False)]),
	      lambda m, s, d: frag4(m, s, d, 6,
				    tcp_bytes(s, d, 4, doff=8, opts=TCP_OPT12),
				    [(0, 32, True), (32, 16, False)]))
	# a fragment at offset 8 (RFC 1858 §3.2), no overlap
	train("ip4_tiny_off1", "off8", "in",
	      lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
				    [(0, 8, True), (8, 8, True),
				     (16, 8, False)]), u24_whole)
	# ... inside the first fragment: ip_frag_queue() drops it as a
	# duplicate and the datagram is whole
	train("ip4_tiny_off1", "dup", "in",
	      lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
				    [(0, 16, True), (8, 8, True),
				     (16, 8, False)]), u24_whole, drop_rx=1)
	# ... overlapping it and running past it: the kernel discards the
	# whole datagram (RFC 5722); ssf's drop takes the overlap out, and the
	# rest reassembles
	train("ip4_tiny_off1", "overlap", "in",
	      lambda m, s, d: frag4(m, s, d, 17, UDP24(s, d),
				    [(0, 16, True), (8, 16, True),
				     (16, 8, False)]), u24_whole, "after",
	      "ip_frag_queue(): an overlapping fragment discards the datagram",
	      drop_rx=1)


# --- IPv6 ------------------------------------------------------------------

def ip6_rows():
	table("ip6_trunc",
	      ("before", "ip6_rcv_core(): pskb_may_pull() of a 40-byte header "
	       "fails"),
	      ("einval", "rawv6_send_hdrinc(): length < sizeof(struct "
	       "ipv6hdr), EINVAL"))
	table("ip6_ver", ("before", "ip6_rcv_core(): version != 6"), "deliver")
	table("ip6_len", ("before", "ip6_rcv_core(): payload length past the "
			  "packet"), "deliver")
	table("ip6_src_mc_plain", ("before", "ip6_rcv_core(): multicast source"),
	      "deliver")
	table("ip6_src_lo_plain",
	      ("before", "ip6_rcv_core(): ::1 source off loopback"), "deliver")
	loopback("ip6_src_lo", "::1 on lo")
	table("ip6_many2", "deliver", "deliver")
	table("ip6_many9", "deliver", "deliver")
	table("ip6_ord_dst3", "deliver", "deliver")
	table("ip6_ord_hop",
	      ("after", "ip6_protocol_deliver_rcu(): no handler for hop-by-hop "
	       "after the first header (ICMPv6 parameter problem)"), "deliver")
	table("ip6_ext_long_dst",
	      ("after", "ipv6_destopt_rcv(): pskb_may_pull() of the header "
	       "fails"), "deliver")
	table("ip6_ext_long_hop",
	      ("before", "ipv6_parse_hopopts() in ip6_rcv_core(): "
	       "pskb_may_pull() of the header fails"))
	# payload length 0 with a hop-by-hop header but no jumbo option:
	# ip6_rcv_core() skips its length check for it and the kernel delivers
	# the frame's bytes; for ssf the payload is empty
	table("ip6_ext_plen0", "deliver")
	table("ip6_rh0_addr", "deliver", "deliver")
	table("ip6_hop_padnz",
	      ("before", "ipv6_parse_hopopts() in ip6_rcv_core(): "
	       "ip6_parse_tlv() rejects the option"), "deliver")
	table("ip6_opt_padnz",
	      ("after", "ipv6_destopt_rcv(): ip6_parse_tlv() rejects the "
	       "option"), "deliver")


DST16 = ext(UDP_NH, PADN4 + b"\x1e\x06" + bytes(6))


def fate(d, in_fate, in_why):
	"""(fate, why) of a train received (@d "in") or sent."""
	return (in_fate, in_why) if d == "in" else ("deliver", "")


def ip6_trains():
	for d in ("in", "out"):
		train("ip6_frag_mod8", "odd", d,
		      lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
					    [(0, 12, True)]) +
		      frag6(m, s, d, UDP_NH, udp6(s, d), [(8, 16, False)]),
		      lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
					    [(0, 8, True), (8, 16, False)]),
		      *fate(d, "after", "ip6_frag_queue(): a non-last fragment "
			    "not a multiple of 8 (ICMPv6 parameter problem)"))
		train("ip6_frag_over", "oversize", d,
		      lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
					    [(0, 8, True)]) +
		      frag6(m, s, d, UDP_NH, bytes(65528) + DATA,
			    [(65528, 16, False)]),
		      lambda m, s, d: frag6(m, s, d, UDP_NH, udp6(s, d),
					    [(0, 8, True), (8, 16, False)]),
		      *fate(d, "after", "ip6_frag_queue(): fragment end > "
			    "IPV6_MAXPLEN (ICMPv6 parameter problem)"))
		# the header chain cut: a 16-byte destination options header,
		# 8 bytes in the first fragment (0x1e: an unknown option to
		# skip)
		train("ip6_tiny_chain", "chain", d,
		      lambda m, s, d: frag6(m, s, d, DSTO, DST16 + udp6(s, d),
					    [(0, 8, True), (8, 32, False)]),
		      lambda m, s, d: frag6(m, s, d, DSTO, DST16 + udp6(s, d),
					    [(0, 24, True), (24, 16, False)]),
		      *fate(d, "after", "ipv6_frag_rcv(): "
			    "ipv6frag_thdr_truncated() (RFC 7112, ICMPv6 "
			    "parameter problem)"))
	train("ip6_tiny_opts", "tcpopt", "in",
	      lambda m, s, d: frag6(m, s, d, TCP_NH,
				    tcp_bytes(s, d, 6, doff=8, opts=TCP_OPT12),
				    [(0, 24, True), (24, 24, False)]),
	      lambda m, s, d: frag6(m, s, d, TCP_NH,
				    tcp_bytes(s, d, 6, doff=8, opts=TCP_OPT12),
				    [(0, 32, True), (32, 16, False)]))


# --- transport, either family ------------------------------------------------

def l4_rows():
	table("mismatch4", "deliver", "deliver")
	table("mismatch6", "deliver", "deliver")
	for row in ("tcp_trunc19", "tcp_doff4", "tcp_doff15", "tcp_opt_len1",
		    "tcp_null", "tcp_xmas", "tcp_synfin", "tcp_synrst",
		    "tcp_sport0", "udp_trunc7", "udp_len7", "udp_long",
		    "udp_sport0"):
		for f in (4, 6):
			table(f"{row}/{f}", "deliver", "deliver")
	table("icmp_ts", "deliver", "deliver")
	table("icmp_trunc",
	      ("after", "icmp_rcv(): pskb_pull() of 8 bytes fails; raw sockets "
	       "never see it (icmp_filter())"))
	table("icmp_err_v6", "deliver", "deliver")
	for row in ("icmp6_ns", "icmp6_trunc", "icmp6_err_v4", "nd_ns"):
		table(row, "deliver", "deliver")


def load(dump):
	"""Fill CASES: the table rows from @dump (ssf_case_dump), then the
	trains."""
	for d, (s4, d4, s6, d6) in (("in", (P4, S4, P6, S6)),
				    ("out", (S4, P4, S6, P6))):
		out = subprocess.run([dump, s4, d4, s6, d6], check=True,
				     capture_output=True, text=True).stdout
		ROWS[d] = {r.name: r for r in map(Row, out.splitlines())}
	for part in (ip4_rows, ip4_trains, ip6_rows, ip6_trains, l4_rows):
		part()
