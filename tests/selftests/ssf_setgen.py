#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Big sets for ssf_sets.sh, and a deliberately simple reference of them.

  ssf_setgen.py mixed SEED N ELEMS PROBES NPROBES SAMPLE
	N elements for `ssfctl set load` into file ELEMS, one a line: IPv4
	addresses (40%) and /24s (20%), IPv6 addresses (20%) and /48s (20%
	less the ranges), and 1,000 ranges (half of each family), all in
	global unicast space (IPv4 11-126 and 128-223 as first byte, IPv6
	2000::/3). NPROBES addresses into PROBES, "ADDR 1|0" a line (1: in
	the set by the reference), picked to hit every kind of element, its
	edges and its neighbours, and at random. SAMPLE: a file of a few
	probes for traffic, "ADDR 1|0", both answers in both families.
  ssf_setgen.py ipv4 N ELEMS
	N IPv4 addresses, one a line: every other address from 11.0.0.0.

The reference is hash sets: an address is in the set when it is one of
the addresses, its /24 or /48 is one of the prefixes, or a range of its
bucket (ranges are short enough to touch at most two buckets) holds it.
The kernel merges everything into sorted intervals; nothing is shared.
Prints nothing; about 1 s a million elements on a real CPU.
"""
import random
import socket
import struct
import sys

def v4str(a):
	return f"{a >> 24}.{a >> 16 & 255}.{a >> 8 & 255}.{a & 255}"


def v6str(a):
	return socket.inet_ntop(socket.AF_INET6, a.to_bytes(16, "big"))


# first bytes of global unicast IPv4, 256 of them (some twice)
FIRST = [b for b in range(11, 224) if b != 127]
FIRST = [x << 24 for x in (FIRST + FIRST)[:256]]


def rnd4(r):
	a = r.getrandbits(32)
	return FIRST[a >> 24] | (a & 0xffffff)


def rnd6(r):
	return (1 << 125) | r.getrandbits(125)


class Ref:
	def __init__(self):
		self.a4, self.p24, self.a6, self.p48 = set(), set(), set(), set()
		self.r4, self.r6 = {}, {}	# bucket: [(lo, hi)]

	def range(self, v6, lo, hi):
		d, sh = (self.r6, 64) if v6 else (self.r4, 16)
		for b in range(lo >> sh, (hi >> sh) + 1):
			d.setdefault(b, []).append((lo, hi))

	def has(self, v6, a):
		if v6:
			hit = a in self.a6 or a >> 80 in self.p48
			rs = self.r6.get(a >> 64, ())
		else:
			hit = a in self.a4 or a >> 8 in self.p24
			rs = self.r4.get(a >> 16, ())
		return hit or any(lo <= a <= hi for lo, hi in rs)


def mixed(seed, n, elems, probes, nprobes, sample):
	r = random.Random(int(seed))
	n, nprobes = int(n), int(nprobes)
	ref = Ref()
	nr = 1000
	n4, n24, n6 = n * 4 // 10, n * 2 // 10, n * 2 // 10
	n48 = n - n4 - n24 - n6 - nr
	while len(ref.a4) < n4:
		ref.a4.add(rnd4(r))
	while len(ref.p24) < n24:
		ref.p24.add(rnd4(r) >> 8)
	while len(ref.a6) < n6:
		ref.a6.add(rnd6(r))
	while len(ref.p48) < n48:
		ref.p48.add(rnd6(r) >> 80)
	ranges = []
	for i in range(nr):
		v6 = i % 2
		if v6:
			lo = rnd6(r)
			hi = lo + r.randrange(1, 1 << 63)
		else:
			lo = rnd4(r)
			hi = min(lo + r.randrange(1, 1 << 14), 0xdfffffff)
		ranges.append((v6, lo, hi))
		ref.range(v6, lo, hi)
	with open(elems, "w") as f:
		f.write("# %d mixed elements, seed %s\n" % (n, seed))
		f.write("\n".join(map(v4str, ref.a4)))
		f.write("\n")
		f.write("\n".join(v4str(p << 8) + "/24" for p in ref.p24))
		f.write("\n")
		f.write("\n".join(map(v6str, ref.a6)))
		f.write("\n")
		f.write("\n".join(v6str(p << 80) + "/48" for p in ref.p48))
		f.write("\n")
		f.write("\n".join((v6str(lo) + "-" + v6str(hi)) if v6 else
				  (v4str(lo) + "-" + v4str(hi))
				  for v6, lo, hi in ranges))
		f.write("\n")
	# probes: each kind of element, its edges and neighbours; random
	# (a set of ints iterates in the same order every run)
	a4, p24 = r.sample(list(ref.a4), 400), r.sample(list(ref.p24), 400)
	a6, p48 = r.sample(list(ref.a6), 400), r.sample(list(ref.p48), 400)
	pick = []
	for a in a4:
		pick += [(0, a), (0, a + 1), (0, a - 1)]
	for p in p24:
		pick += [(0, (p << 8) | r.getrandbits(8)), (0, (p << 8) - 1),
			 (0, ((p + 1) << 8))]
	for a in a6:
		pick += [(1, a), (1, a + 1), (1, a - 1)]
	for p in p48:
		pick += [(1, (p << 80) | r.getrandbits(80)), (1, (p << 80) - 1),
			 (1, (p + 1) << 80)]
	for v6, lo, hi in ranges:
		pick += [(v6, lo), (v6, hi), (v6, lo - 1), (v6, hi + 1),
			 (v6, r.randint(lo, hi))]
	while len(pick) < nprobes:
		v6 = r.getrandbits(1)
		pick.append((v6, rnd6(r) if v6 else rnd4(r)))
	pick = r.sample(pick, nprobes)
	with open(probes, "w") as f:
		for v6, a in pick:
			f.write("%s %d\n" % (v6str(a) if v6 else v4str(a),
					     ref.has(v6, a)))
	# traffic: 3 in and 3 out of each family (out: random, checked)
	out = []
	for v6, pool, sh in ((0, a4, 0), (0, p24, 8), (1, a6, 0), (1, p48, 80)):
		out += [(v6, (x << sh) | (sh > 0)) for x in pool[:2]]
	out += [(v6, ranges[v6 + 2][1] + 1) for v6 in (0, 1)]
	for v6 in (0, 0, 1, 1):
		while True:
			a = rnd6(r) if v6 else rnd4(r)
			if not ref.has(v6, a):
				break
		out.append((v6, a))
	with open(sample, "w") as f:
		for v6, a in out:
			f.write("%s %d\n" % (v6str(a) if v6 else v4str(a),
					     ref.has(v6, a)))


def ipv4(n, elems):
	"""N addresses from 11.0.0.0 on, every other one: none touches
	another, so none merges (the most memory a million can take)."""
	n = int(n)
	tail = [f"{c}.{d}" for c in range(256) for d in range(0, 256, 2)]
	out = []
	for a in range(11, 224):
		for b in range(256):
			out += [f"{a}.{b}.{t}" for t in tail]
			if len(out) >= n:
				break
		if len(out) >= n:
			break
	with open(elems, "w") as f:
		f.write("\n".join(out[:n]))
		f.write("\n")


def main():
	cmds = {"mixed": (mixed, 6), "ipv4": (ipv4, 2)}
	if len(sys.argv) < 2 or sys.argv[1] not in cmds or \
	   len(sys.argv) - 2 != cmds[sys.argv[1]][1]:
		sys.exit(__doc__)
	cmds[sys.argv[1]][0](*sys.argv[2:])


if __name__ == "__main__":
	main()
