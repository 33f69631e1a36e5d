#!/usr/bin/env python3
"""Two or more builds of openapi-client-gen, run alternately on one document, side by side.

usage: bench/side_by_side.py DOC PAIRS LABEL=BINARY[:FLAGS] LABEL=BINARY[:FLAGS] ...

DOC is `telnyx` (../shared/reference/telnyx-openapi-3.1.yml), `gh` or `ghd` (GitHub's plain
and dereferenced descriptions, installed in .octokit/ by `cargo xtask test`), or a path. Each
round runs every build once, in the order given, into a fresh directory, under
`/usr/bin/time`; the report gives each build's median wall time, peak resident memory and CPU
time, with their ranges, and the ratio of medians to the first build. Run it from the
workspace root, with nothing else of yours running; note `uptime` before and after (the
machine is shared, and its speed changes from one hour to the next: only ratios taken in the
same run mean anything).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

GITHUB = ".octokit/node_modules/@octokit/openapi/generated"
DOCUMENTS = {
    "telnyx": "../shared/reference/telnyx-openapi-3.1.yml",
    "gh": f"{GITHUB}/api.github.com.json",
    "ghd": f"{GITHUB}/api.github.com.deref.json",
}


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    spec = DOCUMENTS.get(sys.argv[1], sys.argv[1])
    pairs = int(sys.argv[2])
    builds = []
    for arg in sys.argv[3:]:
        label, rest = arg.split("=", 1)
        binary, _, flags = rest.partition(":")
        builds.append((label, binary, flags.split()))
    runs = {label: [] for label, _, _ in builds}
    work = tempfile.mkdtemp(prefix="side-by-side-")
    out, timing = os.path.join(work, "out"), os.path.join(work, "time")
    try:
        for _ in range(pairs):
            for label, binary, flags in builds:
                shutil.rmtree(out, ignore_errors=True)
                command = ["/usr/bin/time", "-o", timing, "-f", "%e %M %U %S", binary,
                           "--spec", spec, "--out", out, "--crate-name", "bench", *flags]
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               check=True)
                wall, peak, user, system = open(timing).read().split()[-4:]
                runs[label].append((float(wall), int(peak) / 1024, float(user) + float(system)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first = None
    for label, _, _ in builds:
        rows = runs[label]
        medians = [statistics.median(row[i] for row in rows) for i in range(3)]
        first = first or medians
        low = [min(row[i] for row in rows) for i in range(3)]
        high = [max(row[i] for row in rows) for i in range(3)]
        print(f"{sys.argv[1]} {label}: wall {medians[0]:.3f} s [{low[0]:.2f}-{high[0]:.2f}], "
              f"peak {medians[1]:.0f} MB [{low[1]:.0f}-{high[1]:.0f}], CPU {medians[2]:.2f} s; "
              f"ratio to {builds[0][0]}: wall {medians[0] / first[0]:.3f}, "
              f"peak {medians[1] / first[1]:.3f}, CPU {medians[2] / first[2]:.3f} ({len(rows)} runs)")


if __name__ == "__main__":
    main()
