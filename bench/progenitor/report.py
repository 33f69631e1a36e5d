#!/usr/bin/env python3
"""Summarise run.sh's /usr/bin/time -v and uptime records (results/*.time, *.load) as Markdown."""
import glob, os, re, sys

res = sys.argv[1] if len(sys.argv) > 1 else "/tmp/progenitor-cmp/results"


def parse_time(path):
    t = open(path).read()
    def f(key):
        m = re.search(re.escape(key) + r":\s*(.+)", t)
        return m.group(1).strip() if m else None
    wall = f("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(x) for x in wall.split(":")]
    secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"wall": secs, "user": float(f("User time (seconds)")), "sys": float(f("System time (seconds)")),
            "rss_kb": int(f("Maximum resident set size (kbytes)")), "exit": f("Exit status")}


def parse_load(path):
    d = {}
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.partition(":")
            d[k.strip()] = v.strip()
    return d


def rows(prefix):
    out = []
    for p in sorted(glob.glob(os.path.join(res, prefix + "*.time"))):
        name = os.path.basename(p)[:-5]
        out.append((name, parse_time(p), parse_load(p[:-5] + ".load")))
    return out


def fmt_rss(kb):
    return f"{kb / 1e6:.2f} GB" if kb >= 1e6 else f"{kb / 1e3:.0f} MB"


print("## Cold `cargo check` (fresh CARGO_TARGET_DIR each run, after `cargo fetch`; `nice -n 10`)\n")
print("| Crate | Mode | Run | Wall | User | Sys | Max RSS | Exit | Load before (1/5/15 min) | Load after |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, t, l in rows("check-"):
    _, rest = name.split("-", 1)
    label, mode, run = rest.rsplit("-", 2)
    mode = {"noincr": "CARGO_INCREMENTAL=0", "incr": "default (incremental)"}[mode]
    run = "crate only" if run == "crateonly" else run
    print(f"| {label} | {mode} | {run} | {t['wall']:.1f} s | {t['user']:.1f} s | {t['sys']:.1f} s | {fmt_rss(t['rss_kb'])} | {t['exit']} | {l.get('before', '')} | {l.get('after', '')} |")

print("\n## Generators end to end (`/usr/bin/time -v`)\n")
print("| What | Run | Wall | User | Sys | Max RSS | Exit | Load before | Load after |")
print("|---|---|---|---|---|---|---|---|---|")
for name, t, l in rows("gen-"):
    what, run = name[4:].rsplit("-", 1)
    what = {"convert": "convert.py (3.1 -> 3.0, Python)", "progenitor": "progenitor on the converted document",
            "convert+progenitor": "convert.py + progenitor", "ours": "ours: xtask codegen on the 3.1 document"}.get(what, what)
    print(f"| {what} | {run} | {t['wall']:.2f} s | {t['user']:.2f} s | {t['sys']:.2f} s | {fmt_rss(t['rss_kb'])} | {t['exit']} | {l.get('before', '')} | {l.get('after', '')} |")

print()
for f in ("lines-progenitor.txt", "lines-ours.txt", "env.txt"):
    p = os.path.join(res, f)
    if os.path.exists(p):
        print("```\n" + open(p).read().rstrip() + "\n```")
