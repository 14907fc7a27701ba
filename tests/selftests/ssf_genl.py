#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A scripted ssf generic netlink client: drives a policy transaction step
by step, so a test can stop it (or kill it) at a chosen point.

	ssf_genl.py STEP...

Steps, run in order on one netlink socket of the current netns:
  gen         STATUS_GET; remember the generation ("gen ok N")
  begin       POLICY_BEGIN
  add N       POLICY_ADD of N rules (in udp dport 40000+i accept),
	      100 a message
  addbad      POLICY_ADD of one invalid rule (dport 2-1)
  commit      POLICY_COMMIT
  commit-gen  POLICY_COMMIT based on the remembered generation
  abort       POLICY_ABORT
  begins N    N more sockets, each with POLICY_BEGIN, kept open to the
	      end: "begins ok" or "begins err ENAME: <msg> at K" (the
	      K-th, from 1, was refused)
  dump1       start a RULE_GET dump and read only its first part
  dump2       read the rest of that dump; prints "dump2 ok rules=N
	      parts=N intr=0|1 gens=G[,G...]" (intr: a part carried
	      NLM_F_DUMP_INTR, the kernel's "the rules changed under the
	      dump"; gens: the generations the rules were read from)
  ready       print "ready"
  wait        read one line from stdin (the test's go-ahead)

Each netlink step prints "STEP ok" or "STEP err ENAME: <extack message>"
and the script goes on. Attribute and command numbers come from the enums
of uapi/linux/ssf.h, so this file never goes stale against the ABI.
"""
import errno
import os
import re
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLM_F_DUMP_INTR, NLM_F_DUMP = 0x10, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 1 << 15
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2

UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
		    "../../uapi/linux/ssf.h")


def uapi_enums(path):
	"""Every enumerator of the header, by name (explicit values too)."""
	text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
	vals = {}
	for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, re.S):
		n = 0
		for item in body.split(","):
			item = item.strip()
			if not item:
				continue
			name, _, expr = item.partition("=")
			name = name.strip()
			if expr.strip():
				n = eval(expr, {}, dict(vals))
			vals[name] = n
			n += 1
	return vals


E = uapi_enums(UAPI)


def nla(t, payload):
	n = 4 + len(payload)
	return struct.pack("HH", n, t) + payload + b"\0" * (-n % 4)


def nest(t, items):
	return nla(t | NLA_F_NESTED, b"".join(items))


def u8(t, v):
	return nla(t, struct.pack("B", v))


def u16(t, v):
	return nla(t, struct.pack("H", v))


def u64(t, v):
	return nla(t, struct.pack("Q", v))


def attrs(buf):
	out = {}
	while len(buf) >= 4:
		n, t = struct.unpack("HH", buf[:4])
		if n < 4:
			break
		out[t & ~NLA_F_NESTED & 0x7fff] = buf[4:n]
		buf = buf[(n + 3) & ~3:]
	return out


class Genl:
	def __init__(self):
		self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
				       NETLINK_GENERIC)
		self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
		self.s.bind((0, 0))
		self.seq = 0
		r = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
				 [nla(CTRL_ATTR_FAMILY_NAME, b"ssf\0")])
		self.family = struct.unpack("H", r[CTRL_ATTR_FAMILY_ID][:2])[0]

	def request(self, fam, cmd, items):
		"""Send one request; its reply's attributes, or OSError."""
		self.seq += 1
		body = struct.pack("BBH", cmd, 1, 0) + b"".join(items)
		hdr = struct.pack("IHHII", 16 + len(body), fam,
				  NLM_F_REQUEST | NLM_F_ACK, self.seq, 0)
		self.s.send(hdr + body)
		reply = {}
		while True:
			data = self.s.recv(1 << 16)
			while len(data) >= 16:
				n, t, flags, seq, _ = struct.unpack("IHHII",
								    data[:16])
				msg, data = data[16:n], data[(n + 3) & ~3:]
				if seq != self.seq:
					continue
				if t == NLMSG_ERROR:
					self.ack(msg, flags)
					return reply
				if t == NLMSG_DONE:
					return reply
				reply = attrs(msg[4:])

	@staticmethod
	def ack(msg, flags):
		err = -struct.unpack("i", msg[:4])[0]
		if not err:
			return
		text = ""
		if flags & NLM_F_ACK_TLVS:
			olen = 16 if flags & NLM_F_CAPPED else \
				struct.unpack("I", msg[4:8])[0]
			tlv = attrs(msg[4 + ((olen + 3) & ~3):])
			text = tlv.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0")
			text = text.decode(errors="replace")
		raise OSError(err, text)

	def ssf(self, cmd, items=()):
		return self.request(self.family, E[cmd], list(items))

	def dump_start(self, cmd):
		"""Send a dump request; the dump's parts are read by dump_part."""
		self.seq += 1
		body = struct.pack("BBH", E[cmd], 1, 0)
		hdr = struct.pack("IHHII", 16 + len(body), self.family,
				  NLM_F_REQUEST | NLM_F_DUMP, self.seq, 0)
		self.s.send(hdr + body)
		self.dump = {"rules": 0, "parts": 0, "intr": 0, "gens": []}

	def dump_part(self):
		"""Read one datagram of the dump; False once it is done."""
		d = self.dump
		data = self.s.recv(1 << 16)
		d["parts"] += 1
		while len(data) >= 16:
			n, t, flags, seq, _ = struct.unpack("IHHII", data[:16])
			msg, data = data[16:n], data[(n + 3) & ~3:]
			if seq != self.seq:
				continue
			if flags & NLM_F_DUMP_INTR:
				d["intr"] = 1
			if t == NLMSG_ERROR:
				self.ack(msg, flags)
				return False
			if t == NLMSG_DONE:
				return False
			a = attrs(msg[4:])
			if E["SSF_A_RULE"] in a:
				d["rules"] += 1
			g = a.get(E["SSF_A_GENERATION"])
			if g is not None:
				g = struct.unpack("Q", g[:8])[0]
				if g not in d["gens"]:
					d["gens"].append(g)
		return True


def rule(port_min, port_max):
	return nest(E["SSF_A_RULE"], [
		u8(E["SSF_RULE_A_DIR"], E["SSF_DIR_IN"]),
		u8(E["SSF_RULE_A_ACTION"], E["SSF_ACT_ACCEPT"]),
		u8(E["SSF_RULE_A_PROTO"], socket.IPPROTO_UDP),
		u16(E["SSF_RULE_A_DPORT_MIN"], port_min),
		u16(E["SSF_RULE_A_DPORT_MAX"], port_max)])


def main(steps):
	nl = Genl()
	gen = None
	while steps:
		step = steps.pop(0)
		try:
			if step == "gen":
				r = nl.ssf("SSF_CMD_STATUS_GET")
				gen = struct.unpack(
					"Q", r[E["SSF_A_GENERATION"]][:8])[0]
				print(f"gen ok {gen}", flush=True)
				continue
			if step == "begin":
				nl.ssf("SSF_CMD_POLICY_BEGIN")
			elif step == "add":
				n = int(steps.pop(0))
				for i in range(0, n, 100):
					rs = [rule(40000 + j, 40000 + j)
					      for j in range(i, min(n, i + 100))]
					nl.ssf("SSF_CMD_POLICY_ADD",
					       [nest(E["SSF_A_RULES"], rs)])
				step = f"add {n}"
			elif step == "addbad":
				nl.ssf("SSF_CMD_POLICY_ADD",
				       [nest(E["SSF_A_RULES"], [rule(2, 1)])])
			elif step == "commit":
				nl.ssf("SSF_CMD_POLICY_COMMIT")
			elif step == "commit-gen":
				nl.ssf("SSF_CMD_POLICY_COMMIT",
				       [u64(E["SSF_A_GENERATION"], gen)])
			elif step == "abort":
				nl.ssf("SSF_CMD_POLICY_ABORT")
			elif step == "begins":
				n = int(steps.pop(0))
				step = f"begins {n}"
				held = []
				for k in range(1, n + 1):
					s = Genl()
					held.append(s)
					try:
						s.ssf("SSF_CMD_POLICY_BEGIN")
					except OSError as e:
						name = errno.errorcode.get(e.errno)
						print(f"begins err {name}: "
						      f"{e.strerror} at {k}",
						      flush=True)
						break
				else:
					print("begins ok", flush=True)
				nl.held = held
				continue
			elif step == "dump1":
				nl.dump_start("SSF_CMD_RULE_GET")
				nl.dump_part()
			elif step == "dump2":
				while nl.dump_part():
					pass
				d = nl.dump
				gens = ",".join(str(g) for g in d["gens"])
				step = (f"dump2 ok rules={d['rules']} "
					f"parts={d['parts']} intr={d['intr']} "
					f"gens={gens}")
				print(step, flush=True)
				continue
			elif step == "ready":
				print("ready", flush=True)
				continue
			elif step == "wait":
				sys.stdin.readline()
				continue
			else:
				sys.exit(f"ssf_genl: unknown step {step!r}")
			print(f"{step} ok", flush=True)
		except OSError as e:
			name = errno.errorcode.get(e.errno, str(e.errno))
			print(f"{step} err {name}: {e.strerror}", flush=True)


if __name__ == "__main__":
	if len(sys.argv) < 2:
		sys.exit(__doc__)
	main(sys.argv[1:])
