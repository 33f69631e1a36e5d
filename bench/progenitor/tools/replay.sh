#!/bin/sh
# Replay the progenitor-stage blockers: convert with rounds 1..N (N = 0..12) and show what
# progenitor reports; after round 12 it succeeds, and rounds 13-14 are `cargo check` findings.
# Run after ../run.sh setup (it builds the generator into $ROOT).
cd "${ROOT:-/tmp/progenitor-cmp}"
mkdir -p tools/tmp
for n in $(seq 0 14); do
    python3 convert.py "${SPEC:-/work/shared/reference/telnyx-openapi-3.1.yml}" tools/tmp/replay.json --rounds $n 2>/dev/null
    printf 'after %2d rounds: ' $n
    ./target/release/progenitor-cmp-gen tools/tmp/replay.json tools/tmp/out-replay x 2>&1 | tail -1 | cut -c1-220
done
