#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Owned sockets, verdict probes and event queries for the ssf selftests.

The suites on owners, actions, transactions and events (ssf_owner,
ssf_actions, ssf_txn, ssf_events) start one of these per suite through
lib_probe.sh (--serve: one request per line of tab-separated words, one
reply line, "ERR <why>" on failure), next to lib.sh's ssf_helper.py, whose
netns switching, ARP barrier and drain it reuses (see ssf_helper.py for
why a barrier means "everything arrived").

An OWNER says who creates a socket: "-" is this process (root, the root
cgroup); "UID:GID[:CGROUP]" is a process started with
`setpriv --reuid UID --regid GID --clear-groups`, first moved into the
cgroup v2 directory CGROUP (relative to /sys/fs/cgroup) when given, that
creates the sockets and passes them back over a unix socket (SCM_RIGHTS)
before it exits. A socket keeps its creator's uid (sk_uid), the
credentials of its file (gid) and its cgroup, whoever uses it later.

  udp  FROM TXOWNER TO RXOWNER DST PORT COUNT -> T_TX T_TXERR T_RX
	COUNT datagrams from a socket of TXOWNER in FROM to one of RXOWNER
	bound to PORT in TO. T_TXERR: sends refused (EPERM from an out drop).
  tcp  FROM TXOWNER TO RXOWNER DST PORT COUNT -> T_TX T_CONN T_ACC T_REFUSED
	COUNT non-blocking connects to a listener of RXOWNER; T_REFUSED:
	connects that failed with ECONNREFUSED (a RST came back).
  connect FROM DST PORT TIMEOUT_MS          -> T_ERR T_MS
	one blocking connect (nothing listens); T_ERR is the errno name
	(ECONNREFUSED, ETIMEDOUT...) or OK, T_MS how long it took.
  udpc FROM TO DST PORT                      -> T_TXERR T_ERR T_RX
	one datagram on a connected UDP socket to a socket bound in TO
	("none": nothing listens), a barrier, then a non-blocking recv:
	T_ERR ECONNREFUSED when a port unreachable came back, EAGAIN when
	nothing did; T_TXERR the send's errno name or OK; T_RX what TO got.
  icmp FROM DST COUNT                        -> T_TX T_TXERR T_RX T_UNREACH
	echo requests from a raw socket; T_RX echo replies, T_UNREACH
	destination unreachable errors quoting one of our requests.
  pace FROM DST COUNT RATE                   -> the same and T_MS
	icmp at RATE requests a second; T_MS the time from the first
	send to the last.
  icmpn FROM DST COUNT                       -> as icmp
	each request with an identifier of its own: COUNT pings to
	conntrack, not one.
  client FROM TO OWNER PROTO DST PORT COUNT  -> T_TX T_TXERR T_RX | T_RC T_ERR T_MS
	a real client process, bash's /dev/udp or /dev/tcp under setpriv as
	OWNER in FROM (the server is ours, as root, in TO). udp: COUNT writes,
	T_TXERR the failed ones, T_RX what the server got. tcp: one connect
	(timeout 20 s): T_RC bash's status, T_ERR ok, refused or timeout,
	T_MS how long the connect took (by bash's clock).
  rawtcp FROM DST DPORT FLAGS               -> T_TX T_TXERR
	one TCP segment with control bits FLAGS (a number; 0: a "null"
	segment) from a raw socket, then a barrier.
  stoptxn NS BASE PID TIMEOUT_MS             -> T_STOPPED
	poll `status` objects in NS (ssf_genl.py, in-process: a poll costs
	one netlink round trip) until more than BASE exist, then SIGSTOP
	PID: T_STOPPED=1; T_STOPPED=0 if that never happened in time.
  events FILE EXPR                           -> EXPR over the JSON lines
	of FILE (`ssfctl monitor --json` output) as the list ev; tuples print
	as words, booleans as true/false. sel(k=v, ...) is the events with
	those values, f(e, KEY...) the tuple of e's values (None when absent;
	protocol numbers 1, 6, 17, 58 as icmp, tcp, udp, icmpv6).
  jfile FILE EXPR                            -> EXPR over the JSON document
	in FILE as j
  settest NS SET FILE                        -> T_N T_IN T_BAD
	SSF_CMD_SET_TEST (what `ssfctl set test` asks) in NS for each line
	"ADDR 0|1" of FILE, in one process: T_N lines, T_IN in the set,
	T_BAD answers that differ from the file's; the first few of those
	go to stderr.
  expiry NS SET ADDR TIMEOUT MAX_MS          -> T_MS
	`ssfctl set add SET ADDR timeout TIMEOUT` in NS (TIMEOUT "-": none,
	the set's), then SET_TEST every 10 ms until ADDR is not in SET: T_MS
	the time from the command's return (0: not even there then; -1:
	still there after MAX_MS), T_GAP the longest time between two polls
	(a VM whose CPUs stalled shows it here).
  exit

Not requests: `ssf_probe.py mixprobe ...` and `markprobe ...` (see
mixprobe() and markprobe()).
"""
import errno
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import time

import ssf_genl as G
import ssf_helper as H

MAKER = r"""
import socket, sys
u = socket.socket(fileno=int(sys.argv[1]))
s = [socket.socket(int(sys.argv[2]), int(sys.argv[3]))
     for _ in range(int(sys.argv[4]))]
socket.send_fds(u, [b"s"], [x.fileno() for x in s])
"""
CGROOT = "/sys/fs/cgroup"


def parse_owner(spec):
	if spec == "-":
		return None
	f = spec.split(":")
	if len(f) not in (2, 3) or not f[0].isdigit() or not f[1].isdigit():
		raise H.Fail(f"bad owner {spec!r}")
	return (f[0], f[1], f[2] if len(f) == 3 and f[2] != "-" else None)


def setpriv_argv(owner):
	uid, gid, _ = owner
	return ["setpriv", "--reuid", uid, "--regid", gid, "--clear-groups",
		"--"]


def cgroup_join(owner):
	"""preexec_fn moving the child into OWNER's cgroup, or None."""
	cg = owner[2]
	if cg is None:
		return None
	path = os.path.join(CGROOT, cg, "cgroup.procs")

	def join():
		with open(path, "w") as f:
			f.write(str(os.getpid()))
	return join


def sockets(ns, owner, fam, typ, n=1):
	"""n sockets created in ns by owner (see the module docstring)."""
	H.setns(ns)
	owner = parse_owner(owner)
	if owner is None:
		return [socket.socket(fam, typ) for _ in range(n)]
	a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
	with a, b:
		argv = setpriv_argv(owner) + [sys.executable, "-S", "-c",
			MAKER, str(b.fileno()), str(int(fam)), str(int(typ)),
			str(n)]
		p = subprocess.run(argv, pass_fds=[b.fileno()],
				   preexec_fn=cgroup_join(owner),
				   capture_output=True, text=True)
		if p.returncode:
			raise H.Fail(f"socket maker as {owner}: exit "
				     f"{p.returncode}: {p.stderr.strip()}")
		_, fds, _, _ = socket.recv_fds(a, 16, n, socket.MSG_DONTWAIT)
	if len(fds) != n:
		raise H.Fail(f"socket maker passed {len(fds)} of {n} sockets")
	return [socket.socket(fileno=fd) for fd in fds]


def udp(frm, txo, to, rxo, dst, port, count):
	port, count = int(port), int(count)
	fam = H.family(dst)
	rx, = sockets(to, rxo, fam, socket.SOCK_DGRAM)
	with rx:
		rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
		rx.bind((H.wildcard(fam), port))
		tx, = sockets(frm, txo, fam, socket.SOCK_DGRAM)
		barrier = H.Barrier(frm, dst)
		with tx:
			err = 0
			for _ in range(count):
				try:
					tx.sendto(b"s" * 32, (dst, port))
				except PermissionError:
					err += 1
			barrier.run()
			barrier.close()
		return f"T_TX={count} T_TXERR={err} T_RX={H.drain(rx)}"


def tcp(frm, txo, to, rxo, dst, port, count):
	port, count = int(port), int(count)
	fam = H.family(dst)
	H.setns(frm)
	barrier = H.Barrier(frm, dst)
	ls, = sockets(to, rxo, fam, socket.SOCK_STREAM)
	cs = sockets(frm, txo, fam, socket.SOCK_STREAM, count)
	acc = []
	linger0 = struct.pack("ii", 1, 0)
	try:
		ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
		ls.bind((H.wildcard(fam), port))
		ls.listen(count + 16)
		ls.setblocking(False)
		for s in cs:
			s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger0)
			s.setblocking(False)
			e = s.connect_ex((dst, port))
			if e not in (0, errno.EINPROGRESS):
				raise H.Fail(f"connect: {os.strerror(e)}")
		barrier.run()
		conn = refused = 0
		for s in cs:
			_, w, _ = select.select([], [s], [], 0)
			if not w:
				continue
			e = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
			conn += e == 0
			refused += e == errno.ECONNREFUSED
		while True:
			try:
				acc.append(ls.accept()[0])
			except BlockingIOError:
				break
		for s in cs:
			s.close()
		barrier.run()
	finally:
		for s in cs + acc:
			s.close()
		ls.close()
		barrier.close()
	return (f"T_TX={count} T_CONN={conn} T_ACC={len(acc)} "
		f"T_REFUSED={refused}")


def ename(e):
	return errno.errorcode.get(e, str(e)) if e else "OK"


def connect(frm, dst, port, timeout_ms):
	fam = H.family(dst)
	H.setns(frm)
	with socket.socket(fam, socket.SOCK_STREAM) as s:
		s.settimeout(int(timeout_ms) / 1000)
		t0 = time.monotonic()
		try:
			s.connect((dst, int(port)))
			e = 0
		except socket.timeout:
			e = errno.ETIMEDOUT
		except OSError as x:
			e = x.errno
		ms = int((time.monotonic() - t0) * 1000)
	return f"T_ERR={ename(e)} T_MS={ms}"


def udpc(frm, to, dst, port):
	fam = H.family(dst)
	rx = None
	if to != "none":
		H.setns(to)
		rx = socket.socket(fam, socket.SOCK_DGRAM)
		rx.bind((H.wildcard(fam), int(port)))
	H.setns(frm)
	barrier = H.Barrier(frm, dst)
	with socket.socket(fam, socket.SOCK_DGRAM) as s:
		s.connect((dst, int(port)))
		try:
			s.send(b"u" * 16)
			txe = 0
		except OSError as x:
			txe = x.errno
		barrier.run()
		barrier.close()
		try:
			s.recv(2048, socket.MSG_DONTWAIT)
			e = 0
		except OSError as x:
			e = x.errno
	got = 0
	if rx:
		with rx:
			got = H.drain(rx)
	return f"T_TXERR={ename(txe)} T_ERR={ename(e)} T_RX={got}"


def icmp(frm, dst, count):
	return H.ping(frm, dst, count, 56)


def pace(frm, dst, count, rate):
	return H.ping(frm, dst, count, 56, float(rate))


def icmpn(frm, dst, count):
	return H.ping(frm, dst, count, 56, fresh=True)


def client(frm, to, owner, proto, dst, port, count):
	port, count = int(port), int(count)
	fam = H.family(dst)
	own = parse_owner(owner)
	if own is None:
		raise H.Fail("client needs an owner UID:GID[:CGROUP]")
	host = dst	# bash splits /dev/udp/HOST/PORT at "/", not ":"
	if proto == "udp":
		script = (f"exec 3>/dev/udp/{host}/{port} || exit 99; e=0; "
			  f"for ((i = 0; i < {count}; i++)); do "
			  "echo s 2>/dev/null >&3 || e=$((e + 1)); done; echo $e")
		H.setns(to)
		srv = socket.socket(fam, socket.SOCK_DGRAM)
		srv.bind((H.wildcard(fam), port))
	elif proto == "tcp":
		# bash times its own connect: starting timeout, setpriv and
		# bash can take seconds in a busy TCG guest
		script = ("s=${EPOCHREALTIME/./}; "
			  f": 3<>/dev/tcp/{host}/{port}; r=$?; "
			  "echo $(((${EPOCHREALTIME/./} - s) / 1000)); exit $r")
		H.setns(to)
		srv = socket.socket(fam, socket.SOCK_STREAM)
		srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
		srv.bind((H.wildcard(fam), port))
		srv.listen(4)
	else:
		raise H.Fail(f"client: unknown protocol {proto}")
	with srv:
		H.setns(frm)
		barrier = H.Barrier(frm, dst)
		argv = ["timeout", "20"] + setpriv_argv(own) + \
			["bash", "-c", script]
		t0 = time.monotonic()
		p = subprocess.run(argv, preexec_fn=cgroup_join(own),
				   capture_output=True, text=True)
		ms = int((time.monotonic() - t0) * 1000)
		barrier.run()
		barrier.close()
		if proto == "udp":
			out = p.stdout.strip()
			if p.returncode or not out.isdigit():
				raise H.Fail(f"udp client: exit {p.returncode}: "
					     f"{p.stderr.strip()}")
			return f"T_TX={count} T_TXERR={out} T_RX={H.drain(srv)}"
		out = p.stdout.strip()
		if out.isdigit():
			ms = int(out)
		if p.returncode == 124:
			what = "timeout"
		elif "refused" in p.stderr:
			what = "refused"
		elif p.returncode == 0:
			what = "ok"
		else:
			what = "error:" + "_".join(p.stderr.split())[-60:]
		return f"T_RC={p.returncode} T_ERR={what} T_MS={ms}"


def rawtcp(frm, dst, dport, flags):
	fam = H.family(dst)
	if fam != socket.AF_INET:
		raise H.Fail("rawtcp: IPv4 only")
	H.setns(frm)
	barrier = H.Barrier(frm, dst)
	with socket.socket(fam, socket.SOCK_DGRAM) as u:
		u.connect((dst, 9))
		src = u.getsockname()[0]
	sport = 40000 + os.getpid() % 20000
	tcph = struct.pack("!HHIIBBHHH", sport, int(dport), 1, 0, 5 << 4,
			   int(flags), 1024, 0, 0)
	pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + \
		struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcph))
	c = H.csum(pseudo + tcph)
	tcph = tcph[:16] + struct.pack("!H", c) + tcph[18:]
	err = 0
	with socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_TCP) as s:
		try:
			s.sendto(tcph, (dst, 0))
		except PermissionError:
			err = 1
	barrier.run()
	barrier.close()
	return f"T_TX=1 T_TXERR={err}"


def stoptxn(ns, base, pid, timeout_ms):
	H.setns(ns)
	nl = G.Genl()
	try:
		deadline = time.monotonic() + int(timeout_ms) / 1000
		while time.monotonic() < deadline:
			r = nl.ssf("SSF_CMD_STATUS_GET")
			a = r[G.E["SSF_A_OBJECTS"]]
			if struct.unpack("I", a[:4])[0] > int(base):
				os.kill(int(pid), signal.SIGSTOP)
				return "T_STOPPED=1"
	finally:
		nl.s.close()
	return "T_STOPPED=0"


PROTO_NAMES = {1: "icmp", 6: "tcp", 17: "udp", 58: "icmpv6"}


def events(path, expr):
	ev = []
	with open(path) as f:
		for line in f:
			if line.endswith("\n") and line.strip():
				ev.append(json.loads(line))

	def sel(**kw):
		return [e for e in ev
			if all(e.get(k) == v for k, v in kw.items())]

	def f(e, *keys):
		return tuple(PROTO_NAMES.get(e.get(k), e.get(k)) if k == "proto"
			     else e.get(k) for k in keys)
	return H.fmt(eval(expr, {"ev": ev, "sel": sel, "f": f}))


def jfile(path, expr):
	with open(path) as f:
		j = json.load(f)
	return H.fmt(eval(expr, {"j": j}))


def set_test(nl, name, addr):
	"""SSF_CMD_SET_TEST of ADDR in the set NAME: 1 in it, 0 not."""
	E = G.E
	fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
	elem = G.nest(E["SSF_SET_A_ELEM"], [
		G.nla(E["SSF_ELEM_A_ADDR"], socket.inet_pton(fam, addr))])
	r = nl.ssf("SSF_CMD_SET_TEST", [G.nest(E["SSF_A_SET"], [
		G.nla(E["SSF_SET_A_NAME"], name.encode() + b"\0"),
		G.nest(E["SSF_SET_A_ELEMS"], [elem])])])
	return r[E["SSF_A_SET_MATCH"]][0]


def settest(ns, name, path):
	H.setns(ns)
	nl = G.Genl()
	n = n_in = bad = 0
	with open(path) as f:
		for line in f:
			addr, want = line.split()
			got = set_test(nl, name, addr)
			n += 1
			n_in += got
			if got != int(want):
				bad += 1
				if bad <= 5:
					print(f"settest: {addr}: kernel {got}, "
					      f"reference {want}", file=sys.stderr)
	return f"T_N={n} T_IN={n_in} T_BAD={bad}"


def expiry(ns, name, addr, timeout, max_ms):
	"""`ssfctl set add NAME ADDR [timeout TIMEOUT]`, then poll the set
	every 10 ms until ADDR is not in it."""
	H.setns(ns)
	argv = [H.SSFCTL, "set", "add", name, addr]
	if timeout != "-":
		argv += ["timeout", timeout]
	p = subprocess.run(argv, capture_output=True, text=True,
			   stdin=subprocess.DEVNULL)
	if p.returncode:
		raise H.Fail(f"set add: exit {p.returncode}: {p.stderr.strip()}")
	t0 = time.monotonic()
	nl = G.Genl()
	if not set_test(nl, name, addr):
		return "T_MS=0"
	end = t0 + int(max_ms) / 1000
	last, gap = t0, 0.0
	while set_test(nl, name, addr):
		now = time.monotonic()
		gap = max(gap, now - last)
		last = now
		if now > end:
			return "T_MS=-1"
		time.sleep(0.01)
	now = time.monotonic()
	gap = max(gap, now - last)
	return f"T_MS={round((now - t0) * 1000)} T_GAP={round(gap * 1000)}"


REQUESTS = {"udp": (udp, 7), "tcp": (tcp, 7), "connect": (connect, 4),
	    "udpc": (udpc, 4), "icmp": (icmp, 3),
	    "pace": (pace, 4), "icmpn": (icmpn, 3), "client": (client, 7),
	    "rawtcp": (rawtcp, 4), "stoptxn": (stoptxn, 4), "events": (events, 2), "jfile": (jfile, 2),
	    "settest": (settest, 3), "expiry": (expiry, 5)}


def mixprobe(ns, dst, ready, stop, *specs):
	"""Classify every datagram's verdict as the old or the new policy's.

	specs are PORT:OLD:NEW, OLD and NEW 1 when that policy's `out` rules
	let a datagram to PORT pass (0: the send fails with EPERM); every
	port must differ between the two. Datagrams go to the ports in turn;
	an `out` verdict is the sendto() result, known at once and in order.
	Creates READY once 200 were sent; after STOP exists, sends 200 more.
	Prints the run-length sequence of verdict classes, e.g. "O:812 N:640"
	(one switch, as an atomic replacement must give). Any other send
	error ends the probe with a failure.
	"""
	ports = []
	for s in specs:
		p, o, n = (int(x) for x in s.split(":"))
		if o == n:
			raise H.Fail(f"port {p}: both policies agree")
		ports.append((p, o))
	cpus = sorted(os.sched_getaffinity(0))
	os.sched_setaffinity(0, {cpus[0]})
	H.setns(ns)
	fam = H.family(dst)
	runs = []
	sent = 0
	left = -1
	with socket.socket(fam, socket.SOCK_DGRAM) as s:
		while left != 0:
			port, old = ports[sent % len(ports)]
			try:
				s.sendto(b"m", (dst, port))
				passed = 1
			except PermissionError:
				passed = 0
			c = "O" if passed == old else "N"
			if runs and runs[-1][0] == c:
				runs[-1][1] += 1
			else:
				runs.append([c, 1])
			sent += 1
			if sent == 200:
				open(ready, "w").close()
			if left > 0:
				left -= 1
			elif sent % 64 == 0 and left < 0 and os.path.exists(stop):
				left = 200
	print(" ".join(f"{c}:{n}" for c, n in runs))


def markprobe(ns, dst, port, ready, mark):
	"""Datagrams to DST:PORT from NS until 200 after MARK exists.

	Before each send it looks for the file MARK: a send after it saw it
	began after whatever the test did before creating MARK had returned.
	An `out` verdict is the sendto() result (EPERM: dropped). Creates
	READY once 200 were sent. Prints "before PASSED DROPPED after PASSED
	DROPPED". Any other send error ends the probe with a failure.
	"""
	cpus = sorted(os.sched_getaffinity(0))
	os.sched_setaffinity(0, {cpus[0]})
	H.setns(ns)
	fam = H.family(dst)
	cnt = {False: [0, 0], True: [0, 0]}
	after = False
	sent = 0
	with socket.socket(fam, socket.SOCK_DGRAM) as s:
		while cnt[True][0] + cnt[True][1] < 200:
			after = after or os.path.exists(mark)
			try:
				s.sendto(b"m", (dst, int(port)))
				cnt[after][0] += 1
			except PermissionError:
				cnt[after][1] += 1
			sent += 1
			if sent == 200:
				open(ready, "w").close()
	print("before %d %d after %d %d" % (*cnt[False], *cnt[True]))


def main():
	H.REQUESTS.clear()
	H.REQUESTS.update(REQUESTS)
	if sys.argv[1:2] in (["mixprobe"], ["markprobe"]):
		fn = mixprobe if sys.argv[1] == "mixprobe" else markprobe
		try:
			fn(*sys.argv[2:])
		except (H.Fail, OSError, TypeError, ValueError) as e:
			sys.exit(f"ssf_probe: {e}")
		return
	H.main()


if __name__ == "__main__":
	main()
