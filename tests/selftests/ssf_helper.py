#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Traffic and ssfctl queries for the ssf selftests, across netns.

lib.sh starts one of these per suite as a coprocess (--serve) because
starting Python costs seconds in a TCG VM. Each request is one line of
tab-separated words, each reply one line:

  udp  FROM TO DST PORT COUNT SPORT SIZE -> T_TX=n T_TXERR=n T_RX=n
  tcp  FROM TO DST PORT COUNT SPORT      -> T_TX=n T_CONN=n T_ACC=n
  ping FROM DST COUNT SIZE               -> T_TX=n T_TXERR=n T_RX=n
  json NS EXPR ARG...                    -> EXPR over `ssfctl ARG... --json`
  run  NS IN OUT ERR ARG...              -> RC=n of `ssfctl ARG...`, stdin
                                            from file IN, output to OUT, ERR
  sysctl NS KEY=VALUE...                 -> OK (net.* sysctls of NS)
  exit

NS, FROM and TO name netns in /run/netns ("-" is the one we started in).
SPORT 0 means any. A failed request replies "ERR <why>".

udp: the receiving socket is bound in TO before anything is sent from
FROM; T_TXERR counts sends that failed (EPERM from an `out` drop), T_RX
datagrams received. tcp: T_CONN connects completed on the client, T_ACC
connections the server accepted. ping: raw echo requests, T_RX replies.
json: in EXPR, j is the parsed reply, r(ID) the rule with that id and
rn(N) the Nth rule in policy order, from 1 (of a
rule list, or of stats' "rules"); tuples print as words, booleans as
true/false.

How a request knows that everything that could arrive has arrived (no
timeouts): this process is pinned to one CPU, and veth hands a frame to the
backlog of the sending CPU, which is processed in order. After the probes
it sends ARP requests (ssf never sees ARP) on the same link and waits for
the replies: a reply means every frame queued before its request has been
processed, and each round covers two more queue passes (a reply, a
forwarded packet, a handshake step). BARRIER_ROUNDS rounds cover the
longest exchange used here (a TCP handshake through a router: 6 passes).
The ARP target is the permanent IPv4 neighbour on the outgoing link (the
selftests pin every neighbour, so no other ARP or NDP traffic exists).

TCP connections are closed with SO_LINGER 0 (one RST), the server side
only after the RST was processed, so an accepted connection is exactly
SYN, ACK, RST client->server and SYN-ACK server->client.
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

CLONE_NEWNET = 0x40000000
ETH_P_ARP = 0x0806
BARRIER_ROUNDS = 4
BARRIER_TIMEOUT = 10.0		# seconds; a missing ARP reply is an error
SSFCTL = os.environ.get("SSFCTL", "ssfctl")

libc = ctypes.CDLL(None, use_errno=True)
home_ns = os.open("/proc/self/ns/net", os.O_RDONLY)
barrier_cache = {}


class Fail(Exception):
	pass


def setns(name):
	fd = home_ns if name == "-" else os.open(f"/run/netns/{name}", os.O_RDONLY)
	try:
		if libc.setns(fd, CLONE_NEWNET) != 0:
			raise Fail(f"setns {name}: {os.strerror(ctypes.get_errno())}")
	finally:
		if fd != home_ns:
			os.close(fd)


def family(addr):
	return socket.AF_INET6 if ":" in addr else socket.AF_INET


def wildcard(fam):
	return "::" if fam == socket.AF_INET6 else "0.0.0.0"


def ip_json(*args):
	p = subprocess.run(["ip", "-j", *args], capture_output=True, text=True)
	if p.returncode:
		raise Fail(f"ip {' '.join(args)}: {p.stderr.strip()}")
	return json.loads(p.stdout or "[]")


class Barrier:
	"""ARP round trips on the link that carries traffic to dst."""

	def __init__(self, ns, dst):
		key = (ns, dst)
		if key not in barrier_cache:
			route = ip_json("route", "get", dst)
			if not route or "dev" not in route[0]:
				raise Fail(f"no route to {dst}")
			dev = route[0]["dev"]
			neigh = [n for n in ip_json("-4", "neigh", "show", "dev", dev)
				 if "PERMANENT" in n.get("state", [])]
			if not neigh:
				raise Fail(f"no permanent IPv4 neighbour on {dev}")
			barrier_cache[key] = (dev, socket.inet_aton(neigh[0]["dst"]))
		self.dev, self.tip = barrier_cache[key]
		self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
					  socket.htons(ETH_P_ARP))
		self.sock.bind((self.dev, ETH_P_ARP))
		self.mac = self.sock.getsockname()[4]

	def frame(self):
		# ARP probe (sender IP 0.0.0.0): answered, but leaves no
		# neighbour entry behind in the responder.
		arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1,
				  self.mac, bytes(4), bytes(6), self.tip)
		return b"\xff" * 6 + self.mac + struct.pack("!H", ETH_P_ARP) + arp

	def is_reply(self, pkt):
		return (len(pkt) >= 42 and pkt[20:22] == b"\x00\x02" and
			pkt[28:32] == self.tip)

	def run(self, rounds=BARRIER_ROUNDS):
		for _ in range(rounds):
			self.sock.send(self.frame())
			deadline = time.monotonic() + BARRIER_TIMEOUT
			while True:
				left = deadline - time.monotonic()
				if left <= 0:
					raise Fail(f"no ARP reply on {self.dev}")
				r, _, _ = select.select([self.sock], [], [], left)
				if r and self.is_reply(self.sock.recv(2048)):
					break

	def close(self):
		self.sock.close()


def drain(sock):
	n = 0
	while True:
		try:
			sock.recv(65536, socket.MSG_DONTWAIT)
		except BlockingIOError:
			return n
		n += 1


def udp(frm, to, dst, port, count, sport, size):
	port, count, sport, size = int(port), int(count), int(sport), int(size)
	fam = family(dst)
	setns(to)
	with socket.socket(fam, socket.SOCK_DGRAM) as rx:
		rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
		rx.bind((wildcard(fam), port))
		setns(frm)
		barrier = Barrier(frm, dst)
		with socket.socket(fam, socket.SOCK_DGRAM) as tx:
			if sport:
				tx.bind((wildcard(fam), sport))
			err = 0
			for _ in range(count):
				try:
					tx.sendto(b"s" * size, (dst, port))
				except PermissionError:
					err += 1
			barrier.run()
			barrier.close()
			return f"T_TX={count} T_TXERR={err} T_RX={drain(rx)}"


def tcp(frm, to, dst, port, count, sport):
	port, count, sport = int(port), int(count), int(sport)
	fam = family(dst)
	setns(frm)
	barrier = Barrier(frm, dst)
	setns(to)
	ls = socket.socket(fam, socket.SOCK_STREAM)
	linger0 = struct.pack("ii", 1, 0)
	cs, acc = [], []
	try:
		ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
		ls.bind((wildcard(fam), port))
		ls.listen(count + 16)
		ls.setblocking(False)
		setns(frm)
		for i in range(count):
			s = socket.socket(fam, socket.SOCK_STREAM)
			cs.append(s)
			s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger0)
			if sport:
				s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
				s.bind((wildcard(fam), sport + i))
			s.setblocking(False)
			e = s.connect_ex((dst, port))
			if e not in (0, errno.EINPROGRESS):
				raise Fail(f"connect: {os.strerror(e)}")
		barrier.run()
		conn = 0
		for s in cs:
			_, w, _ = select.select([], [s], [], 0)
			if w and s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
				conn += 1
		while True:
			try:
				acc.append(ls.accept()[0])
			except BlockingIOError:
				break
		for s in cs:
			s.close()	# established: one RST; SYN_SENT: nothing
		barrier.run()
	finally:
		for s in cs + acc:
			s.close()	# (the accepted ones are reset: nothing sent)
		ls.close()
		barrier.close()
	return f"T_TX={count} T_CONN={conn} T_ACC={len(acc)}"


def csum(data):
	if len(data) % 2:
		data += b"\0"
	s = sum(struct.unpack(f"!{len(data) // 2}H", data))
	while s >> 16:
		s = (s & 0xffff) + (s >> 16)
	return ~s & 0xffff


def ping(frm, dst, count, size, rate=0.0, fresh=False):
	"""Echo requests from FROM; T_RX counts our replies, T_UNREACH the
	destination-unreachable errors quoting one of our requests. With a
	RATE (per second) the requests are paced, and T_MS is the time from
	the first send to the last. fresh: each request with an identifier of
	its own (to conntrack, a ping of its own), not one for all."""
	count, size = int(count), int(size)
	fam = family(dst)
	setns(frm)
	barrier = Barrier(frm, dst)
	v6 = fam == socket.AF_INET6
	if v6:	# the kernel fills the ICMPv6 checksum
		s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
		req, rep, unreach, inner = 128, 129, 1, 40
	else:
		s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_ICMP)
		req, rep, unreach, inner = 8, 0, 3, None
	ident = (os.getpid() + int(time.monotonic() * 1000)) & 0xffff
	idents = {(ident + seq) & 0xffff if fresh else ident
		  for seq in range(count)}
	payload = b"p" * size
	err = rx = unr = 0
	t0 = t1 = time.monotonic()
	with s:
		for seq in range(count):
			if rate:
				left = t0 + seq / rate - time.monotonic()
				if left > 0:
					time.sleep(left)
				t1 = time.monotonic()
				if not seq:
					t0 = t1
			i = (ident + seq) & 0xffff if fresh else ident
			hdr = struct.pack("!BBHHH", req, 0, 0, i, seq)
			if not v6:
				c = csum(hdr + payload)
				hdr = struct.pack("!BBHHH", req, 0, c, i, seq)
			try:
				s.sendto(hdr + payload, (dst, 0))
			except PermissionError:
				err += 1
		barrier.run()
		barrier.close()
		while True:
			try:
				pkt = s.recv(65536, socket.MSG_DONTWAIT)
			except BlockingIOError:
				break
			except OSError:	# a queued error (IP_RECVERR is off)
				continue
			off = 0 if v6 else (pkt[0] & 0xf) * 4
			if len(pkt) < off + 8:
				continue
			t, _, _, i, _ = struct.unpack("!BBHHH", pkt[off:off + 8])
			if t == rep:
				rx += i in idents
			elif t == unreach:
				q = off + 8	# the quoted packet
				if len(pkt) <= q:
					continue
				ihl = inner or (pkt[q] & 0xf) * 4
				qi = pkt[q + ihl + 4:q + ihl + 6]
				unr += len(qi) == 2 and \
					struct.unpack("!H", qi)[0] in idents
	ms = f" T_MS={round((t1 - t0) * 1000)}" if rate else ""
	return f"T_TX={count} T_TXERR={err} T_RX={rx} T_UNREACH={unr}{ms}"


def fmt(v):
	if isinstance(v, bool):
		return "true" if v else "false"
	if isinstance(v, tuple):
		return " ".join(map(fmt, v))
	return str(v)


def query(ns, expr, *args):
	setns(ns)
	p = subprocess.run([SSFCTL, *args, "--json"], capture_output=True,
			   text=True, stdin=subprocess.DEVNULL)
	if p.returncode:
		raise Fail(f"ssfctl {' '.join(args)}: exit {p.returncode}: "
			   f"{p.stderr.strip()}")
	j = json.loads(p.stdout)

	def r(i):
		rules = j["rules"] if isinstance(j, dict) else j
		hit = [x for x in rules if x["id"] == i]
		if not hit:
			raise Fail(f"no rule {i}")
		return hit[0]

	def rn(n):
		rules = j["rules"] if isinstance(j, dict) else j
		if not 1 <= n <= len(rules):
			raise Fail(f"no rule at position {n}")
		return rules[n - 1]
	return fmt(eval(expr, {"j": j, "r": r, "rn": rn}))


def run(ns, stdin, out, err, *args):
	setns(ns)
	with open(stdin, "rb") as i, open(out, "wb") as o, open(err, "wb") as e:
		p = subprocess.run([SSFCTL, *args], stdin=i, stdout=o, stderr=e)
	return f"RC={p.returncode}"


def sysctl(ns, *settings):
	setns(ns)	# /proc/sys/net shows the netns of whoever opens it
	for kv in settings:
		key, _, value = kv.partition("=")
		with open("/proc/sys/" + key.replace(".", "/"), "w") as f:
			f.write(value)
	return "OK"


REQUESTS = {"udp": (udp, 7), "tcp": (tcp, 6), "ping": (ping, 4),
	    "json": (query, None), "run": (run, None),
	    "sysctl": (sysctl, None)}


def handle(words):
	fn, n = REQUESTS.get(words[0], (None, 0))
	if fn is None:
		raise Fail(f"unknown request {words[0]!r}")
	if n is not None and len(words) - 1 != n:
		raise Fail(f"{words[0]} takes {n} arguments")
	return fn(*words[1:])


def serve():
	for line in sys.stdin:
		words = line.rstrip("\n").split("\t")
		while words and words[-1] == "":
			words.pop()
		if not words or words == ["exit"]:
			break
		try:
			reply = handle(words)
		except Exception as e:	# report, keep serving
			reply = f"ERR {type(e).__name__}: {e}".replace("\n", " ")
		sys.stdout.write(reply + "\n")
		sys.stdout.flush()


def main():
	cpus = sorted(os.sched_getaffinity(0))
	os.sched_setaffinity(0, {cpus[0]})	# one CPU, one backlog: see above
	if sys.argv[1:] == ["--serve"]:
		serve()
	elif len(sys.argv) > 1:
		try:
			print(handle(sys.argv[1:]))
		except Fail as e:
			sys.exit(f"ssf_helper: {e}")
	else:
		sys.exit(__doc__)


if __name__ == "__main__":
	main()
