#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The report of `make bench` (bench/run): reads the native JSON of
bench/build/ssf_bench_cls and the "BENCH {json}" lines of bench/guest.sh,
prints the table, judges the targets, and writes the results.

    report.py --native F [--vm LOG] [--uml LOG] [--json OUT] [--plot PNG]
              [--doc RST]
    report.py --smoke F       the checks of `make bench-smoke`

--uml: the same in-kernel measurements on UML (bench/uml), reported and
judged beside the VM's.

--doc replaces what lies between the lines ".. bench-figures-begin" and
".. bench-figures-end" of the file with the tables of this run.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

# The targets: (key, what, limit); each is a ratio, lower is better
# for "max" and higher for "min".
TARGETS = [
    ("cls_10k", "classifier: lookup at 10,000 rules / at 10 rules", "max", 1.5),
    ("set_1m", "set: lookup in 1,000,000 elements / in 10", "max", 1.2),
    ("kern_vs_nft", "in-kernel: ssf pps / nftables equivalent pps, worst size", "min", 1.0),
    ("kern_10", "in-kernel: ssf 10 rules pps / empty nft drop chain", "min", 0.9),
    ("kern_1k", "in-kernel: ssf 1,000 rules pps / empty nft drop chain", "min", 0.85),
    ("commit_10k", "commit: ssf 10,000 rules / nft -f the same", "max", 0.5),
]
KERN_TARGETS = ("kern_vs_nft", "kern_10", "kern_1k")
# the in-kernel targets again, judged on the UML run
TARGETS += [("uml_" + k, w.replace("in-kernel:", "in-kernel (UML):"), s, lim)
            for k, w, s, lim in TARGETS if k in KERN_TARGETS]


def median(v):
    v = sorted(v)
    if not v:
        return None
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


class Kern:
    """The pktgen rates of bench/guest.sh: for each configuration and each
    group of rounds (the size whose configurations ran with it; the
    baselines run in every group), its rate in every round and the rate of
    none in the same rounds."""

    def __init__(self):
        self.e = {}

    def add(self, r):
        self.e[(r["config"], r["round_of"])] = r

    def __bool__(self):
        return bool(self.e)

    def groups(self, c):
        return sorted(g for (cc, g) in self.e if cc == c)

    def runs(self, c, g=None):
        gs = [g] if g is not None else self.groups(c)
        return [x for gg in gs if (c, gg) in self.e
                for x in self.e[(c, gg)]["runs"]]

    def best(self, c, g=None):
        v = [x for x in self.runs(c, g) if x]
        return max(v) if v else None

    def rel(self, c, g=None, base="none"):
        """Median over the rounds of c's rate over base's rate in the same
        round (over every group when g is None)."""
        gs = [g] if g is not None else self.groups(c)
        v = []
        for gg in gs:
            e = self.e.get((c, gg))
            if not e:
                continue
            b = e["none"] if base == "none" else \
                self.e.get((base, gg), {}).get("runs", [])
            v += [x / y for x, y in zip(e["runs"], b) if x and y]
        return median(v)


def load_vm(path):
    pps, load, notes = Kern(), {}, []
    if not path:
        return pps, load, notes
    with open(path) as f:
        for line in f:
            if line.startswith("BENCH "):
                r = json.loads(line[6:])
                if r["kind"] == "pps":
                    pps.add(r)
                else:
                    load[(r["config"], r["rules"])] = r["ms"]
            elif line.startswith("# "):
                notes.append(line[2:].rstrip())
    return pps, load, notes


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(v, digits=0):
    if v is None:
        return "-"
    if isinstance(v, float) and digits:
        return "%.*f" % (digits, v)
    return "{:,}".format(int(round(v)))


def table(head, rows):
    w = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = "  ".join("%*s" % (w[i], h) for i, h in enumerate(head))
    out = [line, "-" * len(line)]
    for r in rows:
        out.append("  ".join("%*s" % (w[i], x) for i, x in enumerate(r)))
    return "\n".join(out)


def rst_table(head, rows):
    w = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    sep = "  ".join("=" * x for x in w)
    out = [sep, "  ".join("%-*s" % (w[i], h) for i, h in enumerate(head)), sep]
    for r in rows:
        out.append("  ".join("%-*s" % (w[i], x) for i, x in enumerate(r)))
    out.append(sep)
    return "\n".join(out)


def native_rows(nat):
    rows = []
    for r in nat["rulesets"]:
        rows.append([r["shape"], fmt(r["rules"]), fmt(r["cls_ns"]),
                     fmt(r["linear_ns"]), fmt(r["ref_ns"]),
                     fmt(r.get("set_rule_ns")),
                     ("%.1fx" if r["linear_ns"] < 10 * r["cls_ns"] else "%.0fx")
                     % (r["linear_ns"] / r["cls_ns"]),
                     fmt(r["build_ms"], 2) if r["build_ms"] < 10 else fmt(r["build_ms"]),
                     fmt(r["cls_bytes_per_rule"]), fmt(r["depth"]),
                     fmt(r.get("trees"), 1), fmt(r.get("candidates"), 1)])
    return (["shape", "rules", "cls ns", "linear ns", "ref ns", "set ns",
             "speedup", "build ms", "cls B/rule", "depth", "trees",
             "cand"], rows)


def set_rows(nat):
    rows = [[fmt(s["elements"]), fmt(s["lookup_ns"], 1), fmt(s["build_ms"], 1),
             fmt(s["bytes_per_element"], 1)] for s in nat["sets"]]
    return (["elements", "lookup ns", "build ms", "bytes/element"], rows)


CONFIGS = ["ssf", "nft", "nft-set", "iptables"]


def kernel_rows(pps, sizes):
    rows = []

    def row(c, g, label):
        rows.append([c, label, fmt(pps.best(c, g)), fmt(pps.rel(c, g), 2),
                     fmt(pps.rel(c, g, "nft-empty"), 2),
                     ", ".join(fmt(x) for x in pps.runs(c, g))])
    for name in ("none", "hook", "nft-empty"):
        row(name, None, "-")
    for n in sizes:
        for c in CONFIGS:
            if (c, n) in pps.e:
                row(c, n, fmt(n))
    for c in ("ssf-set", "nft-blk"):
        for g in pps.groups(c):
            row(c, g, fmt(g))
    return (["config", "rules", "best pps", "/ none", "/ nft-empty",
             "every round (pps)"], rows)


def load_rows(load, sizes, set_n):
    rows = []
    for n in sizes:
        s, f = load.get(("ssf", n)), load.get(("nft", n))
        rows.append([fmt(n), fmt(s), fmt(f), fmt(load.get(("nft-set", n))),
                     fmt(load.get(("iptables", n))), fmt(ratio(s, f), 2)])
    if set_n:
        s, f = load.get(("ssf-set", set_n)), load.get(("nft-blk", set_n))
        rows.append(["set of %s" % fmt(set_n), fmt(s), fmt(f), "-", "-",
                     fmt(ratio(s, f), 2)])
    return (["rules", "ssf ms", "nft -f ms", "nft set ms", "iptables ms",
             "ssf / nft"], rows)


def judge_kern(pps, sizes, res, prefix=""):
    worst = None
    for n in sizes:
        eq = "nft-set" if pps.best("nft-set", n) else "nft"
        r = pps.rel("ssf", n, eq)
        if r is not None and (worst is None or r < worst[0]):
            worst = (r, "at %s rules (against %s)" % (fmt(n), eq))
    if worst:
        res[prefix + "kern_vs_nft"] = worst
    for key, n in (("kern_10", 10), ("kern_1k", 1000)):
        r = pps.rel("ssf", n, "nft-empty")
        if r is not None:
            res[prefix + key] = (r, "")


def judge(nat, pps, load, sizes, upps, usizes):
    by = {(r["shape"], r["rules"]): r for r in nat["rulesets"]}
    res = {}
    cls = {}
    for shape in ("acl", "fw", "block"):
        a, b = by.get((shape, 10000)), by.get((shape, 10))
        if a and b:
            cls[shape] = a["cls_ns"] / b["cls_ns"]
    if cls:
        res["cls_10k"] = (max(cls.values()),
                          ", ".join("%s %.2f" % kv for kv in cls.items()))
    sets = {s["elements"]: s["lookup_ns"] for s in nat["sets"]}
    if 10 in sets and 1000000 in sets:
        res["set_1m"] = (sets[1000000] / sets[10], "")
    judge_kern(pps, sizes, res)
    judge_kern(upps, usizes, res, "uml_")
    if ratio(load.get(("ssf", 10000)), load.get(("nft", 10000))) is not None:
        res["commit_10k"] = (ratio(load[("ssf", 10000)], load[("nft", 10000)]), "")
    out = []
    for key, what, sense, limit in TARGETS:
        if key not in res:
            out.append({"target": key, "what": what, "limit": limit,
                        "value": None, "met": None, "detail": "not measured"})
            continue
        v, detail = res[key]
        met = v <= limit if sense == "max" else v >= limit
        out.append({"target": key, "what": what, "limit": limit,
                    "value": round(v, 3), "met": met, "detail": detail})
    return out


def target_rows(tg):
    rows = []
    for t in tg:
        sense = "<=" if t["target"] in ("cls_10k", "set_1m", "commit_10k") else ">="
        rows.append([t["what"], "%s %.2f" % (sense, t["limit"]),
                     "-" if t["value"] is None else "%.2f" % t["value"],
                     {True: "met", False: "MISSED", None: "-"}[t["met"]],
                     t["detail"]])
    return (["target", "limit", "measured", "", "detail"], rows)


def plot(nat, pps, sizes, png):
    d = tempfile.mkdtemp(prefix="ssf-bench-")
    with open(os.path.join(d, "native.dat"), "w") as f:
        for shape in ("acl", "fw", "block"):
            f.write("# %s\n" % shape)
            for r in nat["rulesets"]:
                if r["shape"] == shape:
                    f.write("%d %f %f\n" % (r["rules"], r["cls_ns"], r["linear_ns"]))
            f.write("\n\n")
    have_vm = bool(pps)
    for c in CONFIGS:
        with open(os.path.join(d, "kern-%s.dat" % c), "w") as f:
            f.write("# %s: rules, pps / pps with no filter\n" % c)
            for n in sizes:
                r = pps.rel(c, n)
                if r:
                    f.write("%d %f\n" % (n, r))
    gp = """set terminal pngcairo size 1200,480 font ",10" noenhanced
set output '%s'
set multiplot layout 1,%d
set logscale xy
set grid
set key top left
set xlabel 'rules'
set ylabel 'ns per lookup (native, -O2)'
set title 'Classifier vs linear first-match scan'
plot '%s/native.dat' index 0 u 1:2 w lp t 'ssf cls, acl', \\
     '' index 1 u 1:2 w lp t 'ssf cls, fw', \\
     '' index 2 u 1:2 w lp t 'ssf cls, blocklist', \\
     '' index 0 u 1:3 w lp dt 2 t 'linear, acl', \\
     '' index 1 u 1:3 w lp dt 2 t 'linear, fw', \\
     '' index 2 u 1:3 w lp dt 2 t 'linear, blocklist'
""" % (png, 2 if have_vm else 1, d)
    if have_vm:
        gp += """unset logscale y
set logscale x
set yrange [0:*]
set key top right
set ylabel 'pps / pps with no filter (VM, TCG)'
set title 'Receive path, pktgen netif_receive, no rule matches'
plot '%s/kern-ssf.dat' u 1:2 w lp t 'ssf', \\
     '%s/kern-nft.dat' u 1:2 w lp t 'nftables linear', \\
     '%s/kern-nft-set.dat' u 1:2 w lp t 'nftables sets', \\
     '%s/kern-iptables.dat' u 1:2 w lp t 'iptables-nft linear', \\
     %f w l dt 2 t 'empty nft drop chain', %f w l dt 3 t 'empty hook'
""" % (d, d, d, d, pps.rel("nft-empty") or 0, pps.rel("hook") or 0)
    gp += "unset multiplot\n"
    try:
        subprocess.run(["gnuplot"], input=gp.encode(), check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print("report.py: gnuplot: %s (no plot)" % e, file=sys.stderr)
        return False
    return True


def doc_block(nat, pps, load, notes, sizes, tg, set_n, upps, unotes, usizes):
    kern = [n for n in notes if n.startswith("kernel ")]
    parts = [".. This block is written by bench/report.py (make bench).", ""]
    parts += ["Native classifier (ns per lookup, CPU time, best of three; "
              "``set ns``: the blocklist as one rule over a set)", ""]
    parts += [rst_table(*native_rows(nat)), ""]
    parts += ["Sets alone (IPv4 addresses, half the probes hit)", ""]
    parts += [rst_table(*set_rows(nat)), ""]
    if pps:
        parts += ["In the kernel (%s; ``best pps``: the best round; "
                  "``/ none`` and ``/ nft-empty``: the median over the rounds "
                  "of the rate over that configuration's rate in the same "
                  "round)" % (kern[0] if kern else "VM"), ""]
        parts += [rst_table(*kernel_rows(pps, sizes)), ""]
        parts += ["Control plane (ms for the whole load, same VM run)", ""]
        parts += [rst_table(*load_rows(load, sizes, set_n)), ""]
    if upps:
        ukern = [n for n in unotes if n.startswith("kernel ")]
        parts += ["In the kernel on UML, native speed (%s; columns as above)"
                  % (ukern[0] if ukern else "UML"), ""]
        parts += [rst_table(*kernel_rows(upps, usizes)), ""]
    parts += ["Targets", ""]
    parts += [rst_table(*target_rows(tg)), ""]
    return "\n".join(parts)


def update_doc(path, block):
    with open(path) as f:
        text = f.read()
    a = text.index(".. bench-figures-begin")
    a = text.index("\n", a) + 1
    b = text.index(".. bench-figures-end")
    with open(path, "w") as f:
        f.write(text[:a] + "\n" + block + "\n" + text[b:])


def smoke(path):
    """`make bench-smoke`: N passed, N failed."""
    res = {"pass": 0, "fail": 0}

    def check(name, ok, why=""):
        res["pass" if ok else "fail"] += 1
        print("%s - %s%s" % ("ok" if ok else "not ok", name,
                             "" if ok else ": " + why))

    def ratio_check(name, r, limit):
        """A ratio target met at the sizes the smoke runs. A shared CI host
        moves runs of tens of nanoseconds by up to 70%, so the smoke fails
        only past twice the target (a regression); `make bench` reports
        the target itself."""
        check("%s (%.2fx, fails past %.1fx)" % (name, r, 2 * limit),
              r <= 2 * limit, "over twice the target")

    try:
        with open(path) as f:
            nat = json.load(f)
        ok = (isinstance(nat.get("rulesets"), list) and
              isinstance(nat.get("sets"), list) and
              all(isinstance(r.get(k), (int, float)) and math.isfinite(r[k]) and r[k] >= 0
                  for r in nat["rulesets"]
                  for k in ("rules", "cls_ns", "linear_ns", "ref_ns",
                            "build_ms", "cls_bytes_per_rule")) and
              all(s.get("lookup_ns", 0) > 0 for s in nat["sets"]))
        check("native JSON well formed", ok, "keys or values missing")
    except (OSError, ValueError) as e:
        check("native JSON well formed", False, str(e))
        print("%d passed, %d failed" % (res["pass"], res["fail"]))
        return 1
    by = {(r["shape"], r["rules"]): r for r in nat["rulesets"]}
    for shape in ("acl", "fw", "block"):
        a, b = by.get((shape, 1000)), by.get((shape, 10))
        if not a or not b:
            check("%s at 10 and 1,000 rules measured" % shape, False, "missing")
            continue
        check("%s 1,000 rules: classifier at least 2x the linear scan "
              "(%.0f ns, linear %.0f ns)" % (shape, a["cls_ns"], a["linear_ns"]),
              a["cls_ns"] * 2 <= a["linear_ns"], "slower")
        if shape == "block":
            # the acl and fw shapes miss this target today (see
            # Documentation/performance.rst); `make bench` reports them
            ratio_check("%s: lookup at 1,000 rules <= 1.5x at 10" % shape,
                        a["cls_ns"] / b["cls_ns"], 1.5)
    sets = sorted(nat["sets"], key=lambda s: s["elements"])
    if len(sets) >= 2:
        ratio_check("set of %s elements: lookup <= 1.2x a set of %d"
                    % (fmt(sets[-1]["elements"]), sets[0]["elements"]),
                    sets[-1]["lookup_ns"] / sets[0]["lookup_ns"], 1.2)
    print("%d passed, %d failed" % (res["pass"], res["fail"]))
    return 1 if res["fail"] else 0


def main(argv):
    args = {}
    i = 1
    while i < len(argv):
        if argv[i] in ("--native", "--vm", "--uml", "--json", "--plot", "--doc",
                       "--smoke") \
                and i + 1 < len(argv):
            args[argv[i][2:]] = argv[i + 1]
            i += 2
        else:
            sys.stderr.write(__doc__)
            return 2
    if "smoke" in args:
        return smoke(args["smoke"])
    if "native" not in args:
        sys.stderr.write(__doc__)
        return 2
    with open(args["native"]) as f:
        nat = json.load(f)
    pps, load, notes = load_vm(args.get("vm"))
    sizes = sorted({n for (c, n) in pps.e if c in CONFIGS} |
                   {n for (c, n) in load if c in CONFIGS})
    set_n = max([n for (c, n) in load if c == "ssf-set"], default=0)
    upps, _, unotes = load_vm(args.get("uml"))
    usizes = sorted({n for (c, n) in upps.e if c in CONFIGS})
    tg = judge(nat, pps, load, sizes, upps, usizes)

    print("\n== Native classifier: ns per lookup (CPU time)")
    print(table(*native_rows(nat)))
    print("\n== Sets alone")
    print(table(*set_rows(nat)))
    if pps:
        print("\n== In the kernel: %s" % next((n for n in notes if n.startswith("kernel ")), ""))
        print(table(*kernel_rows(pps, sizes)))
        print("\n== Control plane: load time, ms")
        print(table(*load_rows(load, sizes, set_n)))
    if upps:
        print("\n== In the kernel on UML: %s" % next((n for n in unotes if n.startswith("kernel ")), ""))
        print(table(*kernel_rows(upps, usizes)))
    print("\n== Targets")
    print(table(*target_rows(tg)))

    if "json" in args:
        out = {"native": nat,
               "kernel": {"notes": notes,
                          "pps": [pps.e[k] for k in sorted(pps.e)],
                          "median_ratio_to_none": {"%s/%d" % k: pps.rel(*k)
                                                   for k in sorted(pps.e)},
                          "load_ms": [{"config": c, "rules": n, "ms": v}
                                      for (c, n), v in sorted(load.items())]},
               "uml": {"notes": unotes,
                       "pps": [upps.e[k] for k in sorted(upps.e)],
                       "median_ratio_to_none": {"%s/%d" % k: upps.rel(*k)
                                                for k in sorted(upps.e)}},
               "targets": tg}
        with open(args["json"], "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        print("\nwrote %s" % args["json"])
    if "plot" in args and plot(nat, pps, sizes, args["plot"]):
        print("wrote %s" % args["plot"])
    if "doc" in args:
        update_doc(args["doc"], doc_block(nat, pps, load, notes, sizes, tg,
                                          set_n, upps, unotes, usizes))
        print("updated %s" % args["doc"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
