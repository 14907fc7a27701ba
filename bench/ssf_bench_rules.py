#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The rulesets of the in-kernel runs of `make bench`, written once in each
tool's language so that every tool gets the same content:

    ssf_bench_rules.py DIR N [N...]      for each N:
        DIR/acl-N.ssf        ssfctl policy load
        DIR/acl-N.nft        nft -f: a linear chain
        DIR/acl-N-set.nft    nft -f: a rule a protocol, each with a
                             concatenated interval set (pipapo)
        DIR/acl-N.ipt        iptables-nft-restore: a linear chain
    ssf_bench_rules.py --set DIR N       DIR/blk-N.ssf, DIR/blk-N.nft: one
                                         rule with a set of N addresses

ACL shape (as ClassBench's acl seeds): a TCP or UDP rule with a source
prefix (/26 to /32), a destination prefix from a few /24s, and an exact or
ranged destination port; every rule accepts and every table's default
drops. The sources are disjoint blocks of 10.0.0.0/8 (so the nft set holds
no two overlapping elements, which its interval sets refuse), and the
test traffic (198.18.0.1 -> 198.19.0.1, UDP port 9) matches no rule: each
packet crosses the whole ruleset and gets the default, the worst case for
a linear scan and the usual one for a blocklist.
"""
import os
import random
import sys

PORTS = [20, 21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 389, 443, 445,
         993, 995, 1433, 3306, 3389, 5060, 5432, 8080, 8443]


def acl_rules(n, seed=12):
    rnd = random.Random(seed)
    rules = []
    for i in range(n):
        base = (10 << 24) + i * 64
        plen = rnd.choice([26, 27, 28, 32, 32])
        src = "%d.%d.%d.%d/%d" % (base >> 24, base >> 16 & 255,
                                  base >> 8 & 255, base & 255, plen)
        dst = "172.16.%d.%s" % (rnd.randrange(16),
                                rnd.choice(["0/24", "%d/32" % rnd.randrange(1, 255)]))
        proto = "tcp" if rnd.random() < 0.75 else "udp"
        if rnd.random() < 0.8:
            lo = hi = rnd.choice(PORTS)
        else:
            lo = rnd.randrange(1024, 60000)
            hi = lo + rnd.randrange(1, 2000)
        rules.append((src, dst, proto, lo, hi))
    return rules


def prange(lo, hi, sep):
    return str(lo) if lo == hi else "%d%s%d" % (lo, sep, hi)


def write_acl(d, n):
    rules = acl_rules(n)
    with open(os.path.join(d, "acl-%d.ssf" % n), "w") as f:
        f.write("default in drop\ndefault out accept\ndefault fwd accept\n")
        for src, dst, proto, lo, hi in rules:
            f.write("rule in family ip proto %s src %s dst %s dport %s accept\n"
                    % (proto, src, dst, prange(lo, hi, "-")))
    with open(os.path.join(d, "acl-%d.nft" % n), "w") as f:
        f.write("table ip bench {\n\tchain in {\n"
                "\t\ttype filter hook input priority filter; policy drop;\n")
        for src, dst, proto, lo, hi in rules:
            f.write("\t\tip saddr %s ip daddr %s %s dport %s accept\n"
                    % (src, dst, proto, prange(lo, hi, "-")))
        f.write("\t}\n}\n")
    # one set a protocol: a concatenation takes no transport header field
    # of a packet whose protocol it does not know
    with open(os.path.join(d, "acl-%d-set.nft" % n), "w") as f:
        f.write("table ip bench {\n")
        for proto in ("tcp", "udp"):
            f.write("\tset acl_%s {\n\t\ttype ipv4_addr . ipv4_addr . inet_service\n"
                    "\t\tflags interval\n\t}\n" % proto)
        f.write("\tchain in {\n"
                "\t\ttype filter hook input priority filter; policy drop;\n"
                "\t\tip saddr . ip daddr . tcp dport @acl_tcp accept\n"
                "\t\tip saddr . ip daddr . udp dport @acl_udp accept\n"
                "\t}\n}\n")
        for proto in ("tcp", "udp"):
            elems = ["%s . %s . %s" % (src, dst, prange(lo, hi, "-"))
                     for src, dst, p, lo, hi in rules if p == proto]
            for k in range(0, len(elems), 500):
                f.write("add element ip bench acl_%s { %s }\n"
                        % (proto, ", ".join(elems[k:k + 500])))
    with open(os.path.join(d, "acl-%d.ipt" % n), "w") as f:
        f.write("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n"
                ":OUTPUT ACCEPT [0:0]\n")
        for src, dst, proto, lo, hi in rules:
            f.write("-A INPUT -s %s -d %s -p %s -m %s --dport %s -j ACCEPT\n"
                    % (src, dst, proto, proto, prange(lo, hi, ":")))
        f.write("COMMIT\n")


def write_set(d, n, seed=13):
    rnd = random.Random(seed)
    # distinct addresses of 10.0.0.0/8 and beyond: a sample of the space
    addrs = rnd.sample(range(10 << 24, (10 << 24) + (1 << 26)), n)
    fmt = ["%d.%d.%d.%d" % (a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255)
           for a in addrs]
    with open(os.path.join(d, "blk-%d.ssf" % n), "w") as f:
        f.write("default in drop\ndefault out accept\ndefault fwd accept\n")
        f.write("set blk addr\n")
        for k in range(0, n, 60):
            f.write("set blk %s\n" % " ".join(fmt[k:k + 60]))
        f.write("rule in src @blk accept\n")
    with open(os.path.join(d, "blk-%d.nft" % n), "w") as f:
        f.write("table ip bench {\n\tset blk {\n\t\ttype ipv4_addr\n\t}\n"
                "\tchain in {\n"
                "\t\ttype filter hook input priority filter; policy drop;\n"
                "\t\tip saddr @blk accept\n\t}\n}\n")
        for k in range(0, n, 1000):
            f.write("add element ip bench blk { %s }\n"
                    % ", ".join(fmt[k:k + 1000]))


def main(argv):
    if len(argv) == 4 and argv[1] == "--set":
        os.makedirs(argv[2], exist_ok=True)
        write_set(argv[2], int(argv[3]))
        return 0
    if len(argv) < 3 or argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for n in argv[2:]:
        write_acl(argv[1], int(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
