#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A generic netlink fuzzer for the ssf family.

	ssf_nlfuzz.py policy                      print the learnt policies
	ssf_nlfuzz.py fuzz NS COUNT SEED CHECK    fuzz in netns NS (- ours)
	ssf_nlfuzz.py settle NS...                 flush, then read the counts

The attribute policies are not copied from the module: they are read from
the kernel with CTRL_CMD_GETPOLICY (every op's do and dump policy, each
nested policy by index), so the generator follows the module as it is.

fuzz sends COUNT messages from one process, in batches of up to BATCH
messages a sendmsg(), each message one of these kinds:

  valid      well-formed for the op's policy (values in range, nests as
             declared); half of them also sensible for the handler (real
             rules, sets, transactions, commits with short confirm
             windows, rule ids that exist), so that deep paths run
  boundary   every integer at min-1, min, max, max+1 of its range or mask,
             strings and binaries at their length limits and one past
  mutated    a valid message with random bytes overwritten
  truncated  a valid message cut short (the netlink length says so)
  wrongtype  attributes with the payload size of another type, a string
             without its NUL, the nested flag on a scalar, unknown types
  wrongnest  nests holding scalars, the attributes of another nest,
             attributes of a nest at the top, deep nests, nest arrays
             without their entries
  badhdr     nlmsg_len beyond the buffer or below the header, bad genl
             version, commands the family does not have, flags of a dump
             on a do-only op (sent alone: the kernel drops what follows)

Every so often the socket is closed with a transaction open (or with
replies unread) and a new one opened. Each batch ends with a STATUS_GET
whose ack tells the batch was processed.

CHECK > 0 (a netns this process alone writes to): every CHECK-th batch,
one rejected request is sent alone between two snapshots of the policy
(generation, status, rules without counters, checks, sets); any
difference is reported as "CHANGED ..." and the process exits 1.

The last line is "fuzz sent=N kind=N... acked=N rejected=N ok=N
closes=N checked=N changed=N", then exit status 0.

settle: for each NS, after every fuzzing socket closed: POLICY_FLUSH,
then print "settle NS objects=N memory=N active=N" from STATUS_GET.
"""
import ctypes
import errno
import os
import random
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ssf_genl import E, nla, attrs  # noqa: E402

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
SO_RCVBUFFORCE = 33
NLM_F_REQUEST, NLM_F_ACK, NLM_F_ROOT, NLM_F_MATCH = 1, 4, 0x100, 0x200
NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLA_F_NESTED = 1 << 15
NLA_F_NET_BYTEORDER = 1 << 14
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY, CTRL_CMD_GETPOLICY = 3, 10
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CTRL_ATTR_OPS = 6
CTRL_ATTR_POLICY, CTRL_ATTR_OP_POLICY = 8, 9
CTRL_ATTR_OP_ID, CTRL_ATTR_OP_FLAGS = 1, 2
CTRL_ATTR_POLICY_DO, CTRL_ATTR_POLICY_DUMP = 1, 2
GENL_CMD_CAP_DO, GENL_CMD_CAP_DUMP = 2, 4
# enum netlink_attribute_type and enum netlink_policy_type_attr
(NL_FLAG, NL_U8, NL_U16, NL_U32, NL_U64, NL_S8, NL_S16, NL_S32, NL_S64,
 NL_BINARY, NL_STRING, NL_NUL_STRING, NL_NESTED, NL_NESTED_ARRAY,
 NL_BITFIELD32, NL_SINT, NL_UINT) = range(1, 18)
PT_TYPE, PT_MIN_S, PT_MAX_S, PT_MIN_U, PT_MAX_U, PT_MIN_LEN, PT_MAX_LEN, \
	PT_IDX, PT_MAXTYPE, PT_BF32_MASK, PT_PAD, PT_MASK = range(1, 13)

INT_FMT = {NL_U8: ("B", 0, 0xff), NL_U16: ("H", 0, 0xffff),
	   NL_U32: ("I", 0, 0xffffffff), NL_U64: ("Q", 0, (1 << 64) - 1),
	   NL_S8: ("b", -128, 127), NL_S16: ("h", -(1 << 15), (1 << 15) - 1),
	   NL_S32: ("i", -(1 << 31), (1 << 31) - 1),
	   NL_S64: ("q", -(1 << 63), (1 << 63) - 1),
	   NL_UINT: ("Q", 0, (1 << 64) - 1),
	   NL_SINT: ("q", -(1 << 63), (1 << 63) - 1)}
KINDS = ("valid", "boundary", "mutated", "truncated", "wrongtype",
	 "wrongnest", "badhdr")
BATCH = 64
MAXDEPTH = 4
POOL = 300		# built messages kept per kind
FRESH = 0.05		# share of messages built anew


def all_attrs(buf):
	"""[(type, payload)] of a buffer of attributes, in order."""
	out = []
	while len(buf) >= 4:
		n, t = struct.unpack("HH", buf[:4])
		if n < 4:
			break
		out.append((t & 0x3fff, buf[4:n]))
		buf = buf[(n + 3) & ~3:]
	return out


def u32(b):
	return struct.unpack("I", b[:4])[0]


class Sock:
	def __init__(self):
		s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
				  NETLINK_GENERIC)
		s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
		try:
			s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
		except OSError:
			pass
		s.bind((0, 0))
		self.s = s
		self.seq = random.randrange(1 << 20)
		self.buf = bytearray(1 << 20)
		self.mv = memoryview(self.buf)

	def close(self):
		self.s.close()

	def msg(self, fam, cmd, body, flags=NLM_F_REQUEST | NLM_F_ACK,
		version=1):
		self.seq = (self.seq + 1) & 0xffffffff
		g = struct.pack("BBH", cmd, version, 0) + body
		return struct.pack("IHHII", 16 + len(g), fam, flags, self.seq,
				   0) + g

	def recv_all(self, want_seq, timeout=10.0):
		"""Read until the ack of want_seq: {seq: errno}, [payloads]."""
		acks, data = {}, []
		while want_seq not in acks:
			r, _, _ = select.select([self.s], [], [], timeout)
			if not r:
				raise TimeoutError(f"no ack for seq {want_seq}")
			try:
				# into one buffer: a fresh 1 MiB object a recv()
				# costs page faults that a TCG guest pays dearly
				n = self.s.recv_into(self.buf)
				buf = bytes(self.mv[:n])
			except OSError as e:
				if e.errno == errno.ENOBUFS:
					acks.setdefault("overrun", 0)
					acks["overrun"] += 1
					continue
				raise
			while len(buf) >= 16:
				n, t, fl, seq, _ = struct.unpack("IHHII", buf[:16])
				if n < 16:
					break
				m, buf = buf[16:n], buf[(n + 3) & ~3:]
				if t == NLMSG_ERROR:
					acks[seq] = -struct.unpack("i", m[:4])[0]
				elif t == NLMSG_DONE:	# a dump's end
					acks[seq] = -struct.unpack("i", m[:4])[0] \
						if len(m) >= 4 else 0
				else:
					data.append((seq, m))
		return acks, data

	def request(self, fam, cmd, body=b"", flags=NLM_F_REQUEST | NLM_F_ACK):
		m = self.msg(fam, cmd, body, flags)
		seq = self.seq
		self.s.send(m)
		acks, data = self.recv_all(seq)
		err = acks[seq]
		if err:
			raise OSError(err, os.strerror(err))
		return [d for s, d in data if s == seq]


def learn():
	"""family id, {cmd: (do_policy_idx|None, dump_policy_idx|None)},
	{idx: {attr: spec}}; a spec is a dict of NL_POLICY_TYPE_ATTR_*."""
	s = Sock()
	r = s.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
		      nla(CTRL_ATTR_FAMILY_NAME, b"ssf\0"))
	a = attrs(r[0][4:])
	fam = struct.unpack("H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
	caps = {}
	for _, op in all_attrs(a.get(CTRL_ATTR_OPS, b"")):
		o = attrs(op)
		caps[u32(o[CTRL_ATTR_OP_ID])] = u32(o.get(CTRL_ATTR_OP_FLAGS,
							b"\0\0\0\0"))
	r = s.request(GENL_ID_CTRL, CTRL_CMD_GETPOLICY,
		      nla(CTRL_ATTR_FAMILY_ID, struct.pack("H", fam)),
		      NLM_F_REQUEST | NLM_F_DUMP)
	ops, pols = {}, {}
	for m in r:
		a = attrs(m[4:])
		for cmd, v in all_attrs(a.get(CTRL_ATTR_OP_POLICY, b"")):
			p = attrs(v)
			do = p.get(CTRL_ATTR_POLICY_DO)
			dump = p.get(CTRL_ATTR_POLICY_DUMP)
			ops[cmd] = (u32(do) if do else None,
				    u32(dump) if dump else None)
		for idx, v in all_attrs(a.get(CTRL_ATTR_POLICY, b"")):
			for at, spec in all_attrs(v):
				d = {}
				for k, val in all_attrs(spec):
					if k in (PT_MIN_S, PT_MAX_S):
						d[k] = struct.unpack("q", val[:8])[0]
					elif k in (PT_MIN_U, PT_MAX_U, PT_MASK):
						d[k] = struct.unpack("Q", val[:8])[0]
					elif len(val) >= 4:
						d[k] = u32(val)
				pols.setdefault(idx, {})[at] = d
	s.close()
	for cmd, fl in caps.items():	# ops without a policy of their own
		if cmd not in ops:
			ops[cmd] = (None, None)
		ops[cmd] = ops[cmd] + (fl,)
	for cmd in list(ops):
		if len(ops[cmd]) == 2:
			ops[cmd] = ops[cmd] + (GENL_CMD_CAP_DO,)
	return fam, ops, pols


def pack_int(t, v):
	f, lo, hi = INT_FMT[t]
	v = max(lo, min(hi, v))
	return struct.pack(f, v)


class Gen:
	"""Messages for one op, from the kernel's policies."""

	def __init__(self, fam, ops, pols, rnd):
		self.fam, self.ops, self.pols, self.r = fam, ops, pols, rnd
		self.cmds = sorted(ops)
		self.next_id = 1
		self.sets = ["s0", "s1", "s2"]
		self.pool = {"valid": []}

	# --- values -----------------------------------------------------------
	def int_range(self, t, d):
		_, lo, hi = INT_FMT[t]
		lo = d.get(PT_MIN_U, d.get(PT_MIN_S, lo))
		hi = d.get(PT_MAX_U, d.get(PT_MAX_S, hi))
		return lo, hi

	def value(self, at, d, depth, mode):
		"""Payload of attribute type `at` with spec `d`."""
		r = self.r
		t = d.get(PT_TYPE, NL_BINARY)
		if t in INT_FMT:
			lo, hi = self.int_range(t, d)
			if PT_MASK in d:
				m = d[PT_MASK]
				v = m & r.getrandbits(64) if mode != "boundary" else \
					r.choice([0, m, m + 1, ~m & INT_FMT[t][2], 1 << 63])
			elif mode == "boundary":
				v = r.choice([lo - 1, lo, hi, hi + 1, 0,
					      INT_FMT[t][2]])
			else:
				v = r.randint(lo, hi) if r.random() < .7 else \
					r.choice([lo, hi])
			return pack_int(t, v)
		if t == NL_FLAG:
			return b"" if mode != "boundary" else b"\0" * r.choice([0, 4])
		if t in (NL_STRING, NL_NUL_STRING, NL_BINARY):
			mx = d.get(PT_MAX_LEN, 64)
			mn = d.get(PT_MIN_LEN, 0)
			if mode == "boundary":
				n = r.choice([mn, max(mn - 1, 0), mx, mx + 1])
			else:
				n = r.randint(mn, min(mx, 24)) if mx >= mn else mn
			if t == NL_BINARY:
				if mn in (4, 16) or mx in (4, 16):
					n = r.choice([4, 16]) if mode != "boundary" \
						else n
				return bytes(r.getrandbits(8) for _ in range(n))
			s = bytes(r.choice(b"abcdefgh0123-_") for _ in range(n))
			if t == NL_NUL_STRING:
				s = s[:mx] if mode != "boundary" else s
				return s + b"\0"
			return s
		if t == NL_BITFIELD32:
			return struct.pack("II", r.getrandbits(32),
					   r.getrandbits(32))
		if t == NL_NESTED:
			return self.attrs(d.get(PT_IDX), depth + 1, mode)
		if t == NL_NESTED_ARRAY:
			n = r.randint(0 if mode == "boundary" else 1, 4)
			return b"".join(nla(i + 1 | NLA_F_NESTED,
					    self.attrs(d.get(PT_IDX), depth + 1,
						       mode))
					for i in range(n))
		return bytes(r.getrandbits(8) for _ in range(r.randint(0, 8)))

	def attrs(self, idx, depth, mode):
		"""A random subset of the attributes of policy `idx`."""
		if idx is None or depth > MAXDEPTH:
			return b""
		pol = self.pols.get(idx, {})
		out = []
		for at, d in pol.items():
			if self.r.random() < .5:
				continue
			t = d.get(PT_TYPE)
			flag = NLA_F_NESTED if t in (NL_NESTED,
						     NL_NESTED_ARRAY) else 0
			out.append(nla(at | flag, self.value(at, d, depth, mode)))
		self.r.shuffle(out)
		return b"".join(out)

	# --- sensible requests ------------------------------------------------
	def rule(self):
		r = self.r
		items = [nla(E["SSF_RULE_A_DIR"], struct.pack("B", r.randint(0, 2))),
			 nla(E["SSF_RULE_A_ACTION"], struct.pack("B", r.randint(0, 1)))]
		if r.random() < .8:
			items.append(nla(E["SSF_RULE_A_PROTO"],
					 struct.pack("B", r.choice([6, 17]))))
			p = r.randint(1, 65535)
			items.append(nla(E["SSF_RULE_A_DPORT_MIN"],
					 struct.pack("H", p)))
			items.append(nla(E["SSF_RULE_A_DPORT_MAX"],
					 struct.pack("H", min(65535, p + r.randint(0, 9)))))
		if r.random() < .2:
			items.append(nla(E["SSF_RULE_A_DST4"], bytes([10, 0, r.randint(0, 9), 0])))
			items.append(nla(E["SSF_RULE_A_DST_PLEN"], b"\x18"))
		if r.random() < .1:
			items.append(nla(E["SSF_RULE_A_COMMENT"], b"fuzz\0"))
		if r.random() < .1:
			items.append(nla(E["SSF_RULE_A_DST_SET"],
					 r.choice(self.sets).encode() + b"\0"))
		return nla(E["SSF_A_RULE"] | NLA_F_NESTED, b"".join(items))

	def elem(self, typ):
		r = self.r
		if typ == E["SSF_SET_ADDR"]:
			a = [nla(E["SSF_ELEM_A_ADDR"], bytes([10, 1, r.randint(0, 255), r.randint(0, 255)]))]
		else:
			a = [nla(E["SSF_ELEM_A_PORT"], struct.pack("H", r.randint(1, 65535)))]
		if r.random() < .2:
			a.append(nla(E["SSF_ELEM_A_TIMEOUT"], struct.pack("I", r.randint(1, 3))))
		return nla(E["SSF_SET_A_ELEM"] | NLA_F_NESTED, b"".join(a))

	def set_decl(self):
		r = self.r
		typ = r.choice([E["SSF_SET_ADDR"], E["SSF_SET_PORT"]])
		items = [nla(E["SSF_SET_A_NAME"], r.choice(self.sets).encode() + b"\0"),
			 nla(E["SSF_SET_A_TYPE"], struct.pack("B", typ))]
		if r.random() < .5:
			items.append(nla(E["SSF_SET_A_ELEMS"] | NLA_F_NESTED,
					 b"".join(self.elem(typ) for _ in range(r.randint(1, 5)))))
		return nla(E["SSF_A_SET"] | NLA_F_NESTED, b"".join(items))

	def sensible(self, cmd):
		r, e = self.r, E
		c = {v: k for k, v in e.items() if k.startswith("SSF_CMD_")}.get(cmd)
		b = []
		if c == "SSF_CMD_RULE_ADD":
			b = [self.rule()]
		elif c == "SSF_CMD_RULE_DEL":
			b = [nla(e["SSF_A_RULE_ID"], struct.pack("I", max(1, self.next_id - r.randint(1, 8))))]
		elif c == "SSF_CMD_POLICY_ADD":
			if r.random() < .5:
				b.append(nla(e["SSF_A_RULES"] | NLA_F_NESTED,
					     b"".join(self.rule() for _ in range(r.randint(1, 8)))))
			if r.random() < .3:
				b.append(nla(e["SSF_A_SETS"] | NLA_F_NESTED,
					     b"".join(self.set_decl() for _ in range(r.randint(1, 2)))))
			if r.random() < .3:
				b.append(nla(e["SSF_A_DEFAULTS"] | NLA_F_NESTED,
					     nla(e["SSF_DEFAULTS_A_IN"], struct.pack("B", r.randint(0, 1)))))
			if r.random() < .2:
				b.append(nla(e["SSF_A_MODE"], struct.pack("B", r.randint(0, e["__SSF_MODE_MAX"] - 1))))
		elif c == "SSF_CMD_POLICY_COMMIT":
			if r.random() < .3:
				b.append(nla(e["SSF_A_CONFIRM_TIMEOUT"], struct.pack("I", r.randint(1, 2))))
			elif r.random() < .2:
				b.append(nla(e["SSF_A_COMMIT_FLAGS"], struct.pack("I", e["SSF_COMMIT_F_CHECK"])))
		elif c == "SSF_CMD_MODE_SET":
			b = [nla(e["SSF_A_MODE"], struct.pack("B", r.randint(0, e["__SSF_MODE_MAX"] - 1)))]
		elif c == "SSF_CMD_VALIDATE_SET":
			b = [nla(e["SSF_A_VALIDATE"] | NLA_F_NESTED, nla(
				e["SSF_A_CHECK"] | NLA_F_NESTED,
				nla(e["SSF_CHECK_A_NAME"], b"all\0") +
				nla(e["SSF_CHECK_A_ACTION"], struct.pack("B", r.randint(0, 2)))))]
		elif c in ("SSF_CMD_SET_CHANGE", "SSF_CMD_SET_TEST"):
			typ = r.choice([e["SSF_SET_ADDR"], e["SSF_SET_PORT"]])
			items = [nla(e["SSF_SET_A_NAME"], r.choice(self.sets).encode() + b"\0"),
				 nla(e["SSF_SET_A_ELEMS"] | NLA_F_NESTED, self.elem(typ))]
			if c == "SSF_CMD_SET_CHANGE":
				items.append(nla(e["SSF_SET_A_OP"], struct.pack("B", r.randint(0, 3))))
			b = [nla(e["SSF_A_SET"] | NLA_F_NESTED, b"".join(items))]
		return b"".join(b)

	# --- the kinds --------------------------------------------------------
	def pick_cmd(self):
		return self.r.choice(self.cmds)

	def body(self, cmd, mode, dump=False):
		do, dp, _ = self.ops[cmd]
		idx = dp if dump else do
		if mode == "valid" and self.r.random() < .5:
			return self.sensible(cmd)
		return self.attrs(idx, 0, mode)

	def flags_for(self, cmd):
		caps = self.ops[cmd][2]
		if caps & GENL_CMD_CAP_DUMP and not caps & GENL_CMD_CAP_DO:
			return NLM_F_REQUEST | NLM_F_DUMP, True
		return NLM_F_REQUEST | NLM_F_ACK, False

	def wrong_scalar(self):
		r = self.r
		return r.choice([b"", b"\1", b"\1\2", b"\1\2\3", b"\xff" * 5,
				 b"\xff" * 8, b"\xff" * 12, b"abc",
				 bytes(r.getrandbits(8) for _ in range(r.randint(0, 40)))])

	def wrongtype(self, cmd):
		"""An op's attributes with payloads of the wrong shape."""
		r = self.r
		do, dp, _ = self.ops[cmd]
		pol = self.pols.get(do if do is not None else dp, {})
		keys = list(pol) or [1, 2, 3]
		out = []
		for _ in range(r.randint(1, 4)):
			at = r.choice(keys + [0, E["__SSF_A_MAX"], 0x3fff])
			d = pol.get(at, {})
			t = d.get(PT_TYPE)
			how = r.randrange(4)
			if how == 0 or t in (NL_NESTED, NL_NESTED_ARRAY):
				out.append(nla(at, self.wrong_scalar()))
			elif how == 1:	# nested flag on a scalar
				out.append(nla(at | NLA_F_NESTED, self.wrong_scalar()))
			elif how == 2:	# string without NUL, overlong
				out.append(nla(at, b"x" * r.choice([1, 15, 16, 64, 300])))
			else:
				out.append(nla(at | NLA_F_NET_BYTEORDER, self.wrong_scalar()))
		return b"".join(out)

	def wrongnest(self, cmd):
		"""Nests holding the wrong things."""
		r = self.r
		nests = [(at, d) for p in self.pols.values() for at, d in p.items()
			 if d.get(PT_TYPE) in (NL_NESTED, NL_NESTED_ARRAY)]
		do, dp, _ = self.ops[cmd]
		top = self.pols.get(do if do is not None else dp, {})
		topn = [(at, d) for at, d in top.items()
			if d.get(PT_TYPE) in (NL_NESTED, NL_NESTED_ARRAY)] or nests
		at, d = r.choice(topn)
		other = self.pols.get(r.choice(list(self.pols)), {}) if self.pols else {}
		how = r.randrange(6)
		if how == 0:	# a nest of scalars
			inner = self.wrong_scalar()
		elif how == 1:	# another policy's attributes inside
			inner = b"".join(nla(a, self.wrong_scalar()) for a in list(other)[:5])
		elif how == 2:	# the nest's own attributes at the top level
			return self.attrs(d.get(PT_IDX), 1, "valid")
		elif how == 3:	# deep
			inner = b""
			for _ in range(r.randint(5, 40)):
				inner = nla(at | NLA_F_NESTED, inner)
		elif how == 4:	# array entries without a nest of their own
			inner = self.attrs(d.get(PT_IDX), 1, "valid")
		else:		# the nest without the nested flag, or empty
			return nla(at, self.attrs(d.get(PT_IDX), 1, "valid")) + \
				nla(at | NLA_F_NESTED, b"")
		return nla(at | NLA_F_NESTED, inner)

	def make(self, sock, kind):
		"""(bytes, alone): one message of `kind` on `sock`. Python in a
		TCG guest takes about a millisecond to build one from the
		policies, more than the kernel takes to refuse it: most come
		from a pool of built ones (per kind, FRESH of them rebuilt),
		mutated and truncated ones cut and changed anew each time."""
		r = self.r
		pool = self.pool.setdefault(kind, [])
		if len(pool) < POOL or r.random() < FRESH or \
				not self.pool["valid"]:
			m, alone = self.build(sock, kind)
			if len(pool) < POOL:
				pool.append((m, alone))
			else:
				pool[r.randrange(POOL)] = (m, alone)
			return m, alone
		if kind in ("mutated", "truncated"):
			m, alone = r.choice(self.pool["valid"])
			m = self.damage(m, kind)
		else:
			m, alone = r.choice(pool)
		sock.seq = (sock.seq + 1) & 0xffffffff
		return m[:8] + struct.pack("I", sock.seq) + m[12:], alone

	def damage(self, m, kind):
		r = self.r
		if kind == "mutated" and len(m) > 20:
			m = bytearray(m)
			for _ in range(r.randint(1, 6)):
				m[r.randrange(20, len(m))] = r.getrandbits(8)
			m = bytes(m)
		elif kind == "truncated" and len(m) > 20:
			n = r.randrange(20, len(m))
			m = bytearray(m[:n])
			struct.pack_into("I", m, 0, n)
			m = bytes(m) + b"\0" * (-n % 4)
		return m

	def build(self, sock, kind):
		"""(bytes, alone): a new message of `kind`."""
		r = self.r
		cmd = self.pick_cmd()
		flags, dump = self.flags_for(cmd)
		if kind == "badhdr":
			how = r.randrange(5)
			m = bytearray(sock.msg(self.fam, cmd, self.body(cmd, "valid", dump), flags))
			if how == 0:
				struct.pack_into("I", m, 0, len(m) + r.randint(1, 64))
			elif how == 1:
				struct.pack_into("I", m, 0, r.randint(0, 19))
			elif how == 2:
				m[17] = r.choice([0, 2, 255])
			elif how == 3:
				m[16] = r.choice([0, E["SSF_CMD_EVENT"], E["__SSF_CMD_MAX"], 255])
			else:
				struct.pack_into("H", m, 6, NLM_F_REQUEST | NLM_F_ACK |
						 (NLM_F_DUMP if not dump else 0))
			return bytes(m), how in (0, 1)
		if kind in ("valid", "boundary"):
			body = self.body(cmd, kind, dump)
		elif kind in ("mutated", "truncated"):
			body = self.body(cmd, "valid", dump)
		elif kind == "wrongtype":
			body = self.wrongtype(cmd)
		else:
			body = self.wrongnest(cmd)
		return self.damage(sock.msg(self.fam, cmd, body, flags), kind), False


# --- the published policy, to compare ------------------------------------

def snapshot(sock, fam):
	st = attrs(sock.request(fam, E["SSF_CMD_STATUS_GET"])[0][4:])
	keep = (E["SSF_A_GENERATION"], E["SSF_A_RULE_COUNT"], E["SSF_A_ACTIVE"],
		E["SSF_A_DEFAULTS"], E["SSF_A_NEXT_ID"], E["SSF_A_MODE"])
	snap = [("status", tuple(st.get(k) for k in keep))]
	drop = (E["SSF_RULE_A_PACKETS"], E["SSF_RULE_A_BYTES"])
	for m in sock.request(fam, E["SSF_CMD_RULE_GET"],
			      flags=NLM_F_REQUEST | NLM_F_DUMP):
		for t, v in all_attrs(m[4:]):
			if t == E["SSF_A_RULE"]:
				snap.append(("rule", tuple((k, x) for k, x in all_attrs(v)
							   if k not in drop)))
	v = attrs(sock.request(fam, E["SSF_CMD_VALIDATE_GET"])[0][4:])
	checks = []
	for _, c in all_attrs(v.get(E["SSF_A_VALIDATE"], b"")):
		ca = attrs(c)
		checks.append((ca.get(E["SSF_CHECK_A_NAME"]),
			       ca.get(E["SSF_CHECK_A_ACTION"])))
	snap.append(("checks", tuple(checks),
		     v.get(E["SSF_A_IP6_EXTHDR_MAX"])))
	for m in sock.request(fam, E["SSF_CMD_SET_GET"],
			      flags=NLM_F_REQUEST | NLM_F_DUMP):
		s = attrs(attrs(m[4:]).get(E["SSF_A_SET"], b""))
		snap.append(("set", s.get(E["SSF_SET_A_NAME"]),
			     s.get(E["SSF_SET_A_TYPE"]),
			     s.get(E["SSF_SET_A_TIMEOUT"])))
	return snap, E["SSF_A_CONFIRM_LEFT"] in st, st


libc = ctypes.CDLL(None, use_errno=True)


def setns(name):
	if name == "-":
		return
	fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
	if libc.setns(fd, 0x40000000) != 0:
		sys.exit(f"setns {name}: {os.strerror(ctypes.get_errno())}")
	os.close(fd)


def fuzz(ns, count, seed, check):
	setns(ns)
	rnd = random.Random(seed)
	random.seed(seed)
	fam, ops, pols = learn()
	g = Gen(fam, ops, pols, rnd)
	st = {k: 0 for k in KINDS}
	acked = rejected = closes = checked = overruns = 0
	errs = {}
	sock = Sock()
	sent = batches = 0
	weights = [int(w) for w in os.environ.get(
		"SSF_NLFUZZ_WEIGHTS", "30,15,15,10,10,10,2").split(",")]
	while sent < count:
		batches += 1
		if rnd.random() < .05:	# close, often with a transaction open
			if rnd.random() < .7:
				sock.s.send(sock.msg(fam, E["SSF_CMD_POLICY_BEGIN"], b""))
				sock.s.send(sock.msg(fam, E["SSF_CMD_POLICY_ADD"],
						     g.sensible(E["SSF_CMD_POLICY_ADD"])))
				sent += 2
				st["valid"] += 2
			sock.close()
			sock = Sock()
			closes += 1
		if check and batches % check == 0:
			# one rejected request, alone, between two snapshots
			before, pending, s0 = snapshot(sock, fam)
			if pending:
				try:
					sock.request(fam, E["SSF_CMD_POLICY_CONFIRM"])
				except OSError:
					pass
				before, pending, s0 = snapshot(sock, fam)
			g.next_id = u32(s0.get(E["SSF_A_NEXT_ID"], b"\1\0\0\0"))
			kind = rnd.choice(KINDS[1:6])
			m, _ = g.make(sock, kind)
			seq = struct.unpack("I", m[8:12])[0]
			fl = struct.unpack("H", m[6:8])[0]
			m = m[:6] + struct.pack("H", fl | NLM_F_ACK) + m[8:]
			sock.s.send(m)
			sent += 1
			st[kind] += 1
			try:
				acks, _ = sock.recv_all(seq, 5.0)
				err = acks.get(seq, 0)
			except TimeoutError:
				err = 0		# a truncated header: dropped
			if err:
				rejected += 1
				after, pend2, _ = snapshot(sock, fam)
				checked += 1
				if after != before and not pend2:
					print(f"CHANGED by a rejected {kind} "
					      f"(errno {err}): {m.hex()}\n"
					      f"before {before}\nafter  {after}",
					      flush=True)
					sys.exit(1)
		n = min(BATCH, count - sent)
		out = []
		for _ in range(n):
			kind = rnd.choices(KINDS, weights)[0]
			m, alone = g.make(sock, kind)
			st[kind] += 1
			if alone:
				sock.s.send(m)
			else:
				out.append(m)
		fence = sock.msg(fam, E["SSF_CMD_STATUS_GET"], b"")
		fseq = sock.seq
		out.append(fence)
		sock.s.send(b"".join(out))
		sent += n + 1
		st["valid"] += 1
		if rnd.random() < .02:	# close with replies unread
			sock.close()
			sock = Sock()
			closes += 1
			continue
		try:
			acks, data = sock.recv_all(fseq)
		except TimeoutError:
			print("fuzz: no reply to the fence", flush=True)
			sys.exit(1)
		overruns += acks.pop("overrun", 0)
		for s, e in acks.items():
			if s == fseq:
				continue
			acked += 1
			if e:
				rejected += 1
				name = errno.errorcode.get(e, str(e))
				errs[name] = errs.get(name, 0) + 1
		for s, d in data:
			if s == fseq:
				a = attrs(d[4:])
				if E["SSF_A_NEXT_ID"] in a:
					g.next_id = u32(a[E["SSF_A_NEXT_ID"]])
	sock.close()
	kinds = " ".join(f"{k}={v}" for k, v in st.items())
	en = ",".join(f"{k}:{v}" for k, v in sorted(errs.items()))
	print(f"fuzz sent={sent} {kinds} acked={acked} rejected={rejected} "
	      f"ok={acked - rejected} closes={closes} checked={checked} "
	      f"changed=0 overruns={overruns} errnos={en}", flush=True)


def settle(names):
	"""Per netns: flush, then wait (5 s at most) for the objects freed
	after a grace period to go; print what is left."""
	for ns in names:
		pid = os.fork()
		if pid == 0:
			setns(ns)
			fam, _, _ = learn()
			s = Sock()
			s.request(fam, E["SSF_CMD_POLICY_FLUSH"])
			for _ in range(50):
				a = attrs(s.request(fam, E["SSF_CMD_STATUS_GET"])[0][4:])
				obj = u32(a[E["SSF_A_OBJECTS"]])
				mem = struct.unpack("Q", a[E["SSF_A_MEMORY"]][:8])[0]
				if obj == 0 and mem == 0:
					break
				time.sleep(0.1)
			print(f"settle {ns} objects={obj} memory={mem} "
			      f"active={a[E['SSF_A_ACTIVE']][0]}", flush=True)
			os._exit(0)
		os.waitpid(pid, 0)


def main(argv):
	if argv[:1] == ["policy"]:
		fam, ops, pols = learn()
		print(f"family {fam}")
		for c, o in sorted(ops.items()):
			print(f"op {c} do={o[0]} dump={o[1]} caps={o[2]:#x}")
		for i, p in sorted(pols.items()):
			for at, d in sorted(p.items()):
				print(f"policy {i} attr {at} {d}")
	elif argv[:1] == ["fuzz"] and len(argv) == 5:
		fuzz(argv[1], int(argv[2]), int(argv[3]), int(argv[4]))
	elif argv[:1] == ["settle"]:
		settle(argv[1:])
	else:
		sys.exit(__doc__)


if __name__ == "__main__":
	main(sys.argv[1:])
