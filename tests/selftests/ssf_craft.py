#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Crafted malformed packets and their fate, for ssf_validate.sh.

One process per suite (Python and scapy take tens of seconds to start in
a TCG VM), run as a coprocess: each request is a line of tab-separated
words, each reply one line.

  init S P              open every socket (below); reply OK
  reasons               the reasons that have cases, in table order
  cases REASON          the names of REASON's cases
  info CASE             C_REASON= C_DIR= C_FATE= C_TWIN= C_SET= C_UNSET=
                        C_WHY= as shell words (ssf_craft_cases.py);
                        C_UNSET restores the actions of now
  action REASON         REASON's action now (ssfctl validate show)
  vset WORD...          ssfctl validate set WORD... in S; reply OK
  run CASE KIND ACTION N
                        send N copies of the case's bad packet (KIND bad)
                        or of its well-formed twin (KIND twin) while the
                        reason's action is ACTION; reply W='...' G='...':
                        what the case's fate predicts and what happened
  exit

The topology is ssf_validate.sh's: netns S (ssf policy loaded) and P (no
ssf), veth0 in each, 10.0.1.2 / fd00:1::2 in S, 10.0.1.1 / fd00:1::1 in P.
The cases' packets come from the validation case table, printed by the
program $SSF_CASE_DUMP (tests/unit/ssf_case_dump; ssf_craft_cases.py).

  ssf_craft.py --list   the cases, one a line, then exit

Directions. "in": P writes the frame with an AF_PACKET socket on its veth0,
so S's stack receives exactly those bytes and ssf's PRE_ROUTING hook sees
them first. "out": a raw socket in S with the IP header included
(IP_HDRINCL: IPPROTO_RAW; IPv6: IPPROTO_RAW, which implies IPV6_HDRINCL)
sends it through ssf's LOCAL_OUT hook.

What is measured for a run (every count covers only this run's packets:
each packet carries a fresh marker, its IPv4 id or IPv6 flow label, and
DSCP 42, which nothing else in the test uses):
  rx     packets delivered in S: seen by a raw socket of the packet's
         protocol (1, 6, 17, 58 for each family), which only gets what
         passed LOCAL_IN and, for fragments, was reassembled
  wire   frames that arrived at P's veth0 (AF_PACKET), for "out"
  pass   frames that got past ssf's PRE_ROUTING hook in S: an nftables
         counter at priority -300 (ssf validates at -401), for "in"
  eperm  sends refused with EPERM (ssf's NF_DROP at LOCAL_OUT), "out"
  einval sends refused with EINVAL by the raw socket itself, "out"
  hit    change of the reason's counter (ssfctl validate show --json)
  other  every other reason whose counter changed ("-": none)
  log    "ssf: audit: would drop (check <reason>):" kernel log lines;
         logx: any other "ssf: audit" line
  act    the reason's action as ssfctl reports it, so a run never
         believes a setting that did not happen

Fates (what a bad packet meets; C_WHY names the kernel function):
  deliver  reaches the hook, and without ssf the kernel delivers it (in)
           or sends it (out)
  after    reaches the hook, then the kernel drops it itself: with audit
           or off it passes ssf (pass) but is not delivered
  before   the kernel drops it before PRE_ROUTING: no action changes
           anything, no counter moves, nothing is delivered
  einval   (out) the raw socket refuses to send it
  rewrite  (out) the raw socket repairs it (IPv4 total length) before
           LOCAL_OUT: it is sent, repaired, and counts nothing
  pass     no bad packet: the case's packet looks suspicious but is
           legitimate (loopback, local multicast), must pass uncounted

How a run knows everything has arrived: as in ssf_helper.py, this process
is pinned to one CPU, veth and loopback queue frames to the sending CPU's
backlog in order, and after the packets an ARP probe goes the same way:
its reply means every frame sent before it has been processed.
"""
import ctypes
import errno
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

import ssf_craft_cases
from ssf_craft_cases import CASES, BY_NAME
from ssf_craft_pkt import TOS, S4, P4, MCAST4, DPORT, TABLE_DPORT, mark

CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
ETH_P_IPV6 = 0x86dd
PACKET_OUTGOING = 4
IPV6_FLOWINFO = 11
SSFCTL = os.environ.get("SSFCTL", "ssfctl")
NFT_TABLE, NFT_COUNTER = "ssfv", "passed"	# ssf_validate.sh makes them
NETLINK_NETFILTER = 12
NFT_MSG_GETOBJ = (10 << 8) | 19		# NFNL_SUBSYS_NFTABLES, GETOBJ
NFPROTO_INET = 1

libc = ctypes.CDLL(None, use_errno=True)


class Fail(Exception):
	pass


def setns(name):
	fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
	try:
		if libc.setns(fd, CLONE_NEWNET) != 0:
			err = os.strerror(ctypes.get_errno())
			raise Fail(f"setns {name}: {err}")
	finally:
		os.close(fd)


def ssfctl(*args):
	"""The output of `ssfctl ARGS` in our netns."""
	p = subprocess.run([SSFCTL, *args], capture_output=True, text=True,
			   stdin=subprocess.DEVNULL)
	if p.returncode:
		raise Fail(f"ssfctl {' '.join(args)}: exit {p.returncode}: "
			   f"{p.stderr.strip()}")
	return p.stdout


def recv_all(sock):
	"""What is queued on @sock now: (data, ancillary, address) tuples."""
	while True:
		try:
			data, anc, _, addr = sock.recvmsg(65536, 256,
							  socket.MSG_DONTWAIT)
		except BlockingIOError:
			return
		yield data, anc, addr


def nla(b):
	"""(type, value) of the netlink attributes in @b."""
	while len(b) >= 4:
		n, t = struct.unpack("=HH", b[:4])
		if n < 4:
			return
		yield t & 0x3fff, b[4:n]
		b = b[(n + 3) & ~3:]


def nft_counter(sock, seq):
	"""Packets of the nftables counter, by NFT_MSG_GETOBJ on the netfilter
	netlink socket @sock (`nft list counter` would cost an exec)."""
	def attr(t, v):
		pad = bytes(-len(v) % 4)
		return struct.pack("=HH", 4 + len(v), t) + v + pad

	body = (struct.pack("=BBH", NFPROTO_INET, 0, 0) +
		attr(1, NFT_TABLE.encode() + b"\0") +	# NFTA_OBJ_TABLE
		attr(2, NFT_COUNTER.encode() + b"\0") +	# NFTA_OBJ_NAME
		attr(3, struct.pack("!I", 1)))		# NFTA_OBJ_TYPE
	sock.send(struct.pack("=IHHII", 16 + len(body), NFT_MSG_GETOBJ, 1,
			      seq, 0) + body)
	msg = sock.recv(65536)
	if struct.unpack("=H", msg[4:6])[0] == 2:	# NLMSG_ERROR
		err = -struct.unpack("=i", msg[16:20])[0]
		raise Fail(f"nft counter: {os.strerror(err)}")
	data = dict(nla(msg[20:])).get(4, b"")		# NFTA_OBJ_DATA
	packets = dict(nla(data)).get(2)		# NFTA_COUNTER_PACKETS
	if packets is None:
		raise Fail("nft counter: no packets attribute")
	return struct.unpack("!Q", packets)[0]


def rx_marker(fam, data, anc):
	"""The marker of a packet a raw socket got: the IPv4 id (the header is
	included), or the flow label (IPV6_FLOWINFO control message)."""
	if fam == socket.AF_INET:
		return struct.unpack("!H", data[4:6])[0] if data[5:] else -1
	for lvl, typ, val in anc:
		if lvl == socket.IPPROTO_IPV6 and typ == IPV6_FLOWINFO:
			return struct.unpack("!I", val[:4])[0] & 0xfffff
	return -1


def wire_marker(f):
	"""(marker, length field) of a test frame P got, or None."""
	et = struct.unpack("!H", f[12:14])[0] if len(f) >= 20 else 0
	if et == ETH_P_IP and f[15] == TOS:
		return struct.unpack("!HH", f[16:20])[::-1]
	if et == ETH_P_IPV6:
		w, ln = struct.unpack("!IH", f[14:20])
		if (w >> 20) & 0xff == TOS:
			return w & 0xfffff, ln
	return None


class Arp:
	"""ARP probes on a link; a reply means the link's backlog is done.
	Probes (sender address 0) leave no neighbour entry behind."""

	def __init__(self, dev, target):
		self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
					  socket.htons(ETH_P_ARP))
		self.sock.bind((dev, ETH_P_ARP))
		self.tip = socket.inet_aton(target)
		mac = self.mac = self.sock.getsockname()[4]
		arp = struct.pack("!HHBBH6s4s6s4s", 1, ETH_P_IP, 6, 4, 1, mac,
				  bytes(4), bytes(6), self.tip)
		eth = b"\xff" * 6 + mac + struct.pack("!H", ETH_P_ARP)
		self.frame = eth + arp

	def is_reply(self, p):
		return len(p) >= 42 and p[20:22] == b"\0\2" and \
			p[28:32] == self.tip

	def run(self):
		for _ in recv_all(self.sock):	# no stale reply may end it
			pass
		self.sock.send(self.frame)
		deadline = time.monotonic() + 10
		while time.monotonic() < deadline:
			r, _, _ = select.select([self.sock], [], [],
						deadline - time.monotonic())
			if r and self.is_reply(self.sock.recv(2048)):
				return
		raise Fail("no ARP reply")


class World:
	"""The sockets in S and P, and the runs."""

	def __init__(self, s_ns, p_ns):
		self.marker = int.from_bytes(os.urandom(2), "big") | 0x100
		self.frames = {}
		self.counters = self.passed = None
		self.seq = 0
		setns(p_ns)
		self.inj = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
		self.inj.bind(("veth0", 0))
		self.sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
					   socket.htons(ETH_P_ALL))
		self.sniff.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF,
				      1 << 22)
		self.sniff.bind(("veth0", ETH_P_ALL))
		self.arp_p = Arp("veth0", S4)
		self.sinks = udp_sinks(TABLE_DPORT) + udp_sinks(DPORT)
		setns(s_ns)
		self.rx = {(f, p): raw_rx(f, p)
			   for f in (socket.AF_INET, socket.AF_INET6)
			   for p in (1, 6, 17, 58)}
		self.sinks += udp_sinks(TABLE_DPORT) + udp_sinks(DPORT)
		ifindex = socket.if_nametoindex("veth0")
		self.sinks[-2].setsockopt(socket.IPPROTO_IP,
					  socket.IP_ADD_MEMBERSHIP,
					  struct.pack("4s4si",
						      socket.inet_aton(MCAST4),
						      bytes(4), ifindex))
		self.tx4 = socket.socket(socket.AF_INET, socket.SOCK_RAW,
					 socket.IPPROTO_RAW)
		self.tx4.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
				    struct.pack("4s4si", bytes(4), bytes(4),
						ifindex))
		self.tx6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
					 socket.IPPROTO_RAW)
		self.arp_s = Arp("veth0", P4)
		self.nfnl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
					  NETLINK_NETFILTER)
		self.kmsg = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
		os.lseek(self.kmsg, 0, os.SEEK_END)

	def next_marker(self):
		self.marker = (self.marker + 1) & 0xffff or 0x100
		return self.marker

	def read_counters(self):
		out = ssfctl("validate", "show", "--json")
		return json.loads(out)["checks"]

	def read_passed(self):
		self.seq += 1
		return nft_counter(self.nfnl, self.seq)

	def audit_lines(self):
		"""The "ssf: audit" kernel log lines since the last call."""
		out = []
		while True:
			try:
				rec = os.read(self.kmsg, 8192)
			except BlockingIOError:
				return out
			except BrokenPipeError:	# overwritten: go on
				continue
			msg = rec.decode(errors="replace").split(";", 1)[-1]
			if msg.startswith("ssf: audit"):
				out.append(msg)

	def drain(self):
		for s in [*self.rx.values(), *self.sinks, self.sniff]:
			for _ in recv_all(s):
				pass
		self.audit_lines()

	def rx_count(self, fam, marks):
		return sum(rx_marker(fam, data, anc) in marks
			   for (f, _), s in self.rx.items() if f == fam
			   for data, anc, _ in recv_all(s))

	def wire_count(self, marks):
		"""Test frames with a marker of @marks that reached P's veth0,
		and the length field of the last one."""
		n, wlen = 0, "-"
		for f, _, addr in recv_all(self.sniff):
			if addr[2] == PACKET_OUTGOING:
				continue
			mk = wire_marker(f)
			if mk and mk[0] in marks:
				n, wlen = n + 1, mk[1]
		return n, wlen

	def send(self, c, frames):
		"""Send one packet's frames; (eperm, einval) refusals."""
		eperm = einval = 0
		et = ETH_P_IP if c.fam == 4 else ETH_P_IPV6
		sock = self.tx4 if c.fam == 4 else self.tx6
		for fr in frames:
			if c.dir == "in":
				self.inj.send(self.arp_s.mac + self.arp_p.mac +
					      struct.pack("!H", et) + fr)
				continue
			try:
				sock.sendto(fr, (c.to, 0))
			except PermissionError:
				eperm += 1
			except OSError as e:
				if e.errno != errno.EINVAL:
					raise
				einval += 1
		return eperm, einval

	def packet(self, c, kind, m):
		"""The frames of a packet of case @c with marker @m. scapy
		builds each case once (it is slow in a TCG VM); the marker is
		then written into copies."""
		key = (c.name, kind)
		if key not in self.frames:
			build = c.bad if kind == "bad" else c.twin
			self.frames[key] = build(0, c.src, c.dst)
		return [mark(f, c.fam, m) for f in self.frames[key]]

	def run(self, c, kind, action, n):
		fam = socket.AF_INET if c.fam == 4 else socket.AF_INET6
		self.drain()
		if self.counters is None:
			self.counters = self.read_counters()
		if self.passed is None and c.dir == "in":
			self.passed = self.read_passed()
		before, passed0 = self.counters, self.passed
		marks, eperm, einval = set(), 0, 0
		for _ in range(n):
			m = self.next_marker()
			marks.add(m)
			frames = self.packet(c, kind, m)
			e1, e2 = self.send(c, frames)
			eperm, einval = eperm + e1, einval + e2
		(self.arp_p if c.dir == "in" else self.arp_s).run()

		got = {"rx": self.rx_count(fam, marks)}
		wire, wlen = self.wire_count(marks)
		self.counters = after = self.read_counters()
		# an "out" run may loop DSCP 42 packets back into S
		self.passed = self.read_passed() if c.dir == "in" else None
		lines = self.audit_lines()
		tag = f"ssf: audit: would drop (check {c.reason}): "
		mine = sum(x.startswith(tag) for x in lines)
		moved = {k: after[k]["packets"] - v["packets"]
			 for k, v in before.items()}
		other = ",".join(f"{k}+{d}" for k, d in moved.items()
				 if d and k != c.reason)
		got.update(act=after[c.reason]["action"], hit=moved[c.reason],
			   other=other or "-", log=mine, logx=len(lines) - mine)
		if c.dir == "in":
			got["pass"] = self.passed - passed0
		else:
			got.update(wire=wire, eperm=eperm, einval=einval,
				   wlen=wlen)
		want = expect(c, kind, action, n, len(frames))
		if c.fate == "rewrite":	# the length is the bytes sent
			want["wlen"] = len(self.packet(c, kind, 0)[0])
		return f"W='{fmt(want, want)}' G='{fmt(got, want)}'"


def udp_sinks(port):
	"""UDP sockets on @port (IPv4, IPv6), so that no port unreachable
	answers the test's datagrams."""
	s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	s4.bind(("0.0.0.0", port))
	s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
	s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
	s6.bind(("::", port))
	return [s4, s6]


def raw_rx(fam, proto):
	s = socket.socket(fam, socket.SOCK_RAW, proto)
	s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
	if fam == socket.AF_INET6:
		s.setsockopt(socket.IPPROTO_IPV6, IPV6_FLOWINFO, 1)
	return s


def expect(c, kind, action, n, frames):
	"""What the fate of case @c predicts for a run of @n packets of
	@frames frames each (see the module doc); None: not checked."""
	bad = c.nbad if kind == "bad" and c.fate != "pass" else 0
	reach = kind == "twin" or c.fate in ("deliver", "after", "pass")
	hit = n * bad if reach and action != "off" else 0
	dropped = n * bad if reach and action == "drop" else 0
	if kind == "twin" or c.fate in ("deliver", "pass", "rewrite"):
		delivered = n * c.drop_rx if dropped else n
	else:				# after, before, einval
		delivered = n * c.drop_rx if dropped else 0
	w = {"act": action, "hit": hit, "other": "-",
	     "log": hit if action == "audit" else 0, "logx": 0}
	if c.dir == "in":
		w["rx"] = delivered
		w["pass"] = n * frames - dropped if reach else 0
		return w
	refused = kind == "bad" and c.fate == "einval"
	seen = 0 if refused else n * frames - dropped
	w["rx"] = seen if c.seen == "rx" else None
	w["wire"] = seen if c.seen == "wire" else 0
	w["eperm"] = dropped
	w["einval"] = n * frames if refused else 0
	w["wlen"] = None		# set by the caller for "rewrite"
	return w


def fmt(d, keys):
	"""key=value words of @d, for the keys of @keys whose value is set."""
	return " ".join(f"{k}={d.get(k)}" for k in keys if keys[k] is not None)


# --- the server ------------------------------------------------------------

world = None


def handle(words):
	global world
	cmd, args = words[0], words[1:]
	if cmd == "init":
		world = World(*args)
		return "OK"
	if cmd == "reasons":
		seen = []
		for c in CASES:
			if c.reason not in seen:
				seen.append(c.reason)
		return " ".join(seen)
	if cmd == "action":
		return world.read_counters()[args[0]]["action"]
	if cmd == "vset":
		p = subprocess.run([SSFCTL, "validate", "set", *args],
				   capture_output=True, text=True,
				   stdin=subprocess.DEVNULL)
		if p.returncode:
			raise Fail(f"exit {p.returncode}: {p.stderr.strip()}")
		return "OK"
	if cmd == "cases":
		return " ".join(c.name for c in CASES if c.reason == args[0])
	c = BY_NAME.get(args[0]) if args else None
	if c is None:
		raise Fail(f"unknown case or request: {' '.join(words)}")
	if cmd == "info":
		unset = ""
		if c.setup[1]:
			if world is None:
				raise Fail("not initialised")
			act = {k: v["action"]
			       for k, v in world.read_counters().items()}
			unset = c.setup[1](act)
		return (f"C_REASON={c.reason} C_DIR={c.dir} C_FATE={c.fate} "
			f"C_TWIN={int(c.twin is not None)} "
			f"C_SET='{c.setup[0]}' C_UNSET='{unset}' "
			f"C_WHY='{c.why}'")
	if cmd == "run":
		if world is None:
			raise Fail("not initialised")
		return world.run(c, args[1], args[2], int(args[3]))
	raise Fail(f"unknown request {cmd}")


def main():
	cpus = sorted(os.sched_getaffinity(0))
	os.sched_setaffinity(0, {cpus[0]})	# one CPU, one backlog
	ssf_craft_cases.load(os.environ["SSF_CASE_DUMP"])
	if sys.argv[1:] == ["--list"]:
		for c in CASES:
			print(c.name, c.reason, c.dir, c.fate, c.why, sep="\t")
		return
	for line in sys.stdin:
		words = line.rstrip("\n").split("\t")
		if not words or words == ["exit"]:
			break
		try:
			reply = handle(words)
		except Exception as e:	# report, keep serving
			reply = f"ERR {type(e).__name__}: {e}"
		sys.stdout.write(reply.replace("\n", " ") + "\n")
		sys.stdout.flush()


if __name__ == "__main__":
	main()
