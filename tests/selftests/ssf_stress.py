#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Steady IPv4 and IPv6, TCP and UDP traffic between two namespaces, for
ssf_stress.sh.

	ssf_stress.py CLIENT_NS SERVER_NS ADDR4 ADDR6 STOPFILE READYFILE

The server namespace listens on TCP and UDP port 7001 (both families);
client threads send UDP datagrams and open, write and close TCP
connections to both addresses until STOPFILE exists (or 30 minutes
passed). Refused, dropped or timed-out attempts are counted, not errors:
the policies under test drop some of it on purpose, and ssf comes and
goes. READYFILE is created once the servers listen. The last line is
"traffic udp4=N udp6=N tcp4=N tcp6=N failed=N".
"""
import ctypes
import os
import socket
import sys
import threading
import time

PORT = 7001
libc = ctypes.CDLL(None, use_errno=True)
counts = {"udp4": 0, "udp6": 0, "tcp4": 0, "tcp6": 0, "failed": 0}
lock = threading.Lock()


def setns(name):
	"""Move the calling thread into netns `name`."""
	fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
	try:
		if libc.setns(fd, 0x40000000) != 0:
			raise OSError(ctypes.get_errno(), f"setns {name}")
	finally:
		os.close(fd)


def count(k, n=1):
	with lock:
		counts[k] += n


def server(ns, fam, kind, ready):
	setns(ns)
	s = socket.socket(fam, kind)
	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	if fam == socket.AF_INET6:
		s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
	s.bind(("", PORT))
	if kind == socket.SOCK_STREAM:
		s.listen(64)
	ready.release()
	s.settimeout(1.0)
	while True:
		try:
			if kind == socket.SOCK_STREAM:
				c, _ = s.accept()
				c.settimeout(1.0)
				try:
					c.recv(4096)
				except OSError:
					pass
				c.close()
			else:
				s.recv(4096)
		except OSError:
			pass


def client(ns, addr, kind, stop, deadline):
	setns(ns)
	fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
	key = ("tcp" if kind == socket.SOCK_STREAM else "udp") + \
		("6" if fam == socket.AF_INET6 else "4")
	u = socket.socket(fam, socket.SOCK_DGRAM) if kind == socket.SOCK_DGRAM \
		else None
	while not os.path.exists(stop) and time.time() < deadline:
		try:
			if u:
				for _ in range(20):
					u.sendto(b"x" * 64, (addr, PORT))
				count(key, 20)
				time.sleep(0.05)
			else:
				with socket.socket(fam, socket.SOCK_STREAM) as t:
					t.settimeout(0.5)
					t.connect((addr, PORT))
					t.sendall(b"y" * 100)
				count(key)
				time.sleep(0.02)	# leave the guest's CPUs
				# to ssf's load and unload
		except OSError:
			count("failed")
			time.sleep(0.01)


def main(cns, sns, a4, a6, stop, readyfile):
	ready = threading.Semaphore(0)
	for fam in (socket.AF_INET, socket.AF_INET6):
		for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
			threading.Thread(target=server, args=(sns, fam, kind, ready),
					 daemon=True).start()
	for _ in range(4):
		ready.acquire()
	open(readyfile, "w").close()
	deadline = time.time() + 1800
	th = [threading.Thread(target=client, args=(cns, a, k, stop, deadline))
	      for a in (a4, a6) for k in (socket.SOCK_STREAM, socket.SOCK_DGRAM)]
	for t in th:
		t.start()
	for t in th:
		t.join()
	print("traffic " + " ".join(f"{k}={v}" for k, v in counts.items()),
	      flush=True)


if __name__ == "__main__":
	if len(sys.argv) != 7:
		sys.exit(__doc__)
	main(*sys.argv[1:])
