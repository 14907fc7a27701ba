# SPDX-License-Identifier: GPL-2.0
"""Packet building blocks for the fragment trains of ssf_craft_cases.py
(scapy layers, raw header bytes, checksums), and the marker every test
packet carries (ssf_craft.py).

Every packet is built with marker 0 and gets its marker from mark(): the
IPv4 id, or the IPv6 flow label (and fragment identification). Every packet
has DSCP 42 (TOS), which nothing else in the test uses.
"""
import socket
import struct

from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment
from scapy.packet import Raw
from scapy.utils import checksum as csum

TOS = 0xa8			# DSCP 42
S4, P4 = "10.0.1.2", "10.0.1.1"	# ssf_validate.sh: S (ssf) and P (peer)
S6, P6 = "fd00:1::2", "fd00:1::1"
MCAST4 = "239.1.1.1"		# ssf_craft.py joins it in S on veth0
DPORT = 9			# discard: ssf_craft.py holds UDP sockets on it
TABLE_DPORT = 53		# the case table's UDP port (ssf_cases_priv.h):
				# ssf_craft.py holds UDP sockets on it too
SPORT = 40000
DATA = b"ssf-validate-dat"	# 16 bytes
UDP_NH, TCP_NH, HOP, RT, FRAG, DSTO = 17, 6, 0, 43, 44, 60


def ip6(m, src, dst, l4, nh=None, **kw):
	kw.setdefault("hlim", 64)
	hdr = IPv6(src=src, dst=dst, tc=TOS, fl=m & 0xfffff, **kw)
	if nh is not None:
		hdr.nh = nh
	return bytes(hdr / l4)


def udp(data=DATA, **kw):
	kw.setdefault("sport", SPORT)
	kw.setdefault("dport", DPORT)
	return UDP(**kw) / Raw(data)


def l4sum6(src, dst, nh, body):
	"""The upper-layer checksum of @body over the IPv6 pseudo header."""
	ph = (socket.inet_pton(socket.AF_INET6, src) +
	      socket.inet_pton(socket.AF_INET6, dst) +
	      struct.pack("!IxxxB", len(body), nh))
	return csum(ph + body)


def ext(nh, body):
	"""An IPv6 extension header (hop-by-hop, routing, destination)."""
	n = len(body) + 2
	assert n % 8 == 0
	return bytes([nh, n // 8 - 1]) + body


PADN4 = b"\x01\x04\0\0\0\0"		# 6 bytes of options: PadN(4)


def udp6(src, dst, data=DATA, sport=SPORT, dport=DPORT, ulen=None):
	"""UDP header + data with a correct IPv6 checksum, as bytes."""
	ulen = 8 + len(data) if ulen is None else ulen
	h = struct.pack("!HHHH", sport, dport, ulen, 0) + data
	c = l4sum6(src, dst, 17, h) or 0xffff
	return h[:6] + struct.pack("!H", c) + h[8:]


def csum_update(c, old, new):
	"""Header checksum @c after a 16-bit word went from @old to @new
	(RFC 1624: a wrong checksum stays wrong)."""
	c = (~c & 0xffff) + (~old & 0xffff) + new
	c = (c & 0xffff) + (c >> 16)
	return ~((c & 0xffff) + (c >> 16)) & 0xffff


def mark(b, fam, m):
	"""Frame @b (built with marker 0) with marker @m and DSCP 42: the IPv4
	id and TOS (the header checksum updated), or the IPv6 flow label and
	traffic class and any fragment header's identification."""
	b = bytearray(b)
	if fam == 4:
		if len(b) < 6:
			return bytes(b)
		old = struct.unpack("!HH", b[0:2] + b[4:6])
		b[1] = TOS
		b[4:6] = struct.pack("!H", m & 0xffff)
		if len(b) >= 12:
			c = struct.unpack("!H", b[10:12])[0]
			c = csum_update(c, old[0], b[0] << 8 | b[1])
			c = csum_update(c, old[1], m & 0xffff)
			b[10:12] = struct.pack("!H", c)
		return bytes(b)
	if len(b) < 4:
		return bytes(b)
	b[0] = (b[0] & 0xf0) | TOS >> 4
	b[1] = (TOS & 0xf) << 4 | (m >> 16 & 0xf)
	b[2:4] = struct.pack("!H", m & 0xffff)
	nh, off = (b[6], 40) if len(b) >= 40 else (None, 0)
	while nh in (HOP, RT, DSTO, FRAG) and off + 8 <= len(b):
		if nh == FRAG:
			b[off + 4:off + 8] = struct.pack("!I", m)
			nh, off = b[off], off + 8
		else:
			nh, off = b[off], off + (b[off + 1] + 1) * 8
	return bytes(b)


def frag4(m, src, dst, proto, payload, pieces, flags=None):
	"""IPv4 fragments of @payload: @pieces is a list of (offset, length,
	more); @flags overrides the flags of piece i (dict i -> flags)."""
	out = []
	for i, (off, n, more) in enumerate(pieces):
		fl = (flags or {}).get(i, "MF" if more else 0)
		out.append(bytes(IP(src=src, dst=dst, id=m & 0xffff, tos=TOS,
				    ttl=64, proto=proto, flags=fl,
				    frag=off // 8) / Raw(payload[off:off + n])))
	return out


def frag6(m, src, dst, nh, payload, pieces):
	"""IPv6 fragments of @payload (next header @nh), as frag4()."""
	return [ip6(m, src, dst, IPv6ExtHdrFragment(nh=nh, offset=off // 8,
						    m=int(more), id=m) /
		    Raw(payload[off:off + n]))
		for off, n, more in pieces]


def tcp_bytes(src, dst, fam, flags=0x14, doff=5, opts=b"", sport=SPORT,
	      data=DATA):
	"""A TCP segment as bytes with a correct checksum for @fam."""
	h = struct.pack("!HHIIBBHHH", sport, DPORT, 1000, 2000, doff << 4,
			flags, 512, 0, 0) + opts + data
	if fam == 4:
		ph = (socket.inet_aton(src) + socket.inet_aton(dst) +
		      struct.pack("!xBH", 6, len(h)))
		c = csum(ph + h)
	else:
		c = l4sum6(src, dst, 6, h)
	return h[:16] + struct.pack("!H", c) + h[18:]
