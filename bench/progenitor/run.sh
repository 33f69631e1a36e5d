#!/usr/bin/env bash
# Side-by-side measurement of Oxide's progenitor and our generator (/work/main) on the whole
# upstream Telnyx OpenAPI 3.1 document.  Everything is written under $ROOT; /work/main is only
# read (its xtask is built into $ROOT/ours-xtask-target).
#
#   ./run.sh                 # everything: setup gen-progenitor gen-ours measure-progenitor measure-ours extra-tls report
#   ./run.sh STEP [STEP...]  # some steps only (see the case at the bottom)
#
# Environment: SPEC (3.1 document), MAIN (our repository), OURS_COMMIT (default: its HEAD), RUNS (cold checks per mode, 2),
# GEN_RUNS (timed runs of each generator, 2), EXTRA_TLS (1: also check progenitor's crate
# with reqwest's `rustls` feature, one run per mode).
set -euo pipefail

# The scripts live next to this file (bench/progenitor/ of the repository); everything built
# and measured goes to $ROOT, outside the repository.
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-/tmp/progenitor-cmp}
MAIN=${MAIN:-$(git -C "$HERE" rev-parse --show-toplevel)}
SPEC=${SPEC:-/work/shared/reference/telnyx-openapi-3.1.yml}
[ -f "$SPEC" ] || SPEC=$MAIN/../shared/reference/telnyx-openapi-3.1.yml
# /work/main is a live work tree that others edit: ours is built from a clean snapshot of one
# commit (git archive, read-only on /work/main) in $ROOT/ours-src.
OURS_COMMIT=${OURS_COMMIT:-$(git -C "$MAIN" rev-parse HEAD)}
RUNS=${RUNS:-2}
GEN_RUNS=${GEN_RUNS:-2}
EXTRA_TLS=${EXTRA_TLS:-1}
RES=$ROOT/results
BUILD=$ROOT/build
NICE="nice -n 10"
TIME="/usr/bin/time -v"
export CARGO_TERM_COLOR=never

mkdir -p "$RES" "$BUILD" "$ROOT/locks" "$ROOT/tgt"
if [ "$HERE" != "$ROOT" ]; then
    cp "$HERE/convert.py" "$HERE/report.py" "$ROOT/"
    mkdir -p "$ROOT/gen" && cp -r "$HERE/gen/Cargo.toml" "$HERE/gen/Cargo.lock" "$HERE/gen/src" "$ROOT/gen/"
    cp -n "$HERE"/locks/*.Cargo.lock "$ROOT/locks/" 2>/dev/null || true
fi
cd "$ROOT"

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$RES/run.log"; }
load() { uptime | sed "s/.*load average: //"; }

setup() {
    log "setup: tools"
    {
        echo "date: $(date -u)"; echo "nproc: $(nproc)"; free -g | head -2
        rustc --version; cargo --version; python3 --version
        python3 -c 'import yaml; print("PyYAML", yaml.__version__, "libyaml" if yaml.__with_libyaml__ else "pure")'
        echo "ours: commit $OURS_COMMIT of $MAIN ($(git -C "$MAIN" log -1 --format='%cd %s' "$OURS_COMMIT" | cut -c1-120))"
        echo "spec: $SPEC ($(wc -c < "$SPEC") bytes, sha256 $(sha256sum "$SPEC" | cut -c1-16))"
    } > "$RES/env.txt"
    log "setup: build progenitor-cmp-gen (release)"
    CARGO_TARGET_DIR=$ROOT/target $NICE cargo build --release --locked --manifest-path gen/Cargo.toml 2>&1 | tail -1
    grep -A1 -E '^name = "(progenitor|progenitor-impl|typify|openapiv3)"$' gen/Cargo.lock | grep -v '^--' | paste - - >> "$RES/env.txt"
    log "setup: snapshot $OURS_COMMIT of $MAIN into ours-src, build its xtask (release)"
    rm -rf "$ROOT/ours-src" && mkdir -p "$ROOT/ours-src"
    git -C "$MAIN" archive "$OURS_COMMIT" | tar -x -C "$ROOT/ours-src"
    # fresh mtimes, so cargo rebuilds the workspace crates from this snapshot and never
    # reuses artifacts of an earlier build from another source tree
    find "$ROOT/ours-src" -type f -exec touch {} +
    (cd "$ROOT/ours-src" && CARGO_TARGET_DIR=$ROOT/ours-xtask-target $NICE cargo build --release --locked -p xtask 2>&1 | tail -1)
}

# time_cmd NAME CMD...: /usr/bin/time -v into $RES/NAME.time, uptime before/after into $RES/NAME.load
time_cmd() {
    local name=$1; shift
    echo "before: $(uptime | sed 's/.*load average: //')" > "$RES/$name.load"
    $TIME -o "$RES/$name.time" "$@"
    echo "after: $(uptime | sed 's/.*load average: //')" >> "$RES/$name.load"
}

gen_progenitor() {
    local gen=$ROOT/target/release/progenitor-cmp-gen
    log "convert 3.1 -> 3.0 (all rounds)"
    python3 convert.py "$SPEC" "$BUILD/telnyx-3.0.json" --verbose 2> "$RES/convert.log"
    grep -v '^        ' "$RES/convert.log" | tee -a "$RES/run.log"
    for i in $(seq 1 "$GEN_RUNS"); do
        log "time: convert.py alone, run $i"
        time_cmd "gen-convert-$i" python3 convert.py "$SPEC" "$BUILD/telnyx-3.0.json" 2>/dev/null
        log "time: progenitor on the converted document, run $i"
        rm -rf "$ROOT/out"
        time_cmd "gen-progenitor-$i" "$gen" "$BUILD/telnyx-3.0.json" "$ROOT/out" telnyx_progenitor 2> "$RES/gen-progenitor-$i.log"
        cat "$RES/gen-progenitor-$i.log" | tee -a "$RES/run.log"
        log "time: convert.py + progenitor, run $i"
        rm -rf "$ROOT/out"
        time_cmd "gen-convert+progenitor-$i" sh -c "python3 convert.py '$SPEC' '$BUILD/telnyx-3.0.json' 2>/dev/null && '$gen' '$BUILD/telnyx-3.0.json' '$ROOT/out' telnyx_progenitor 2>/dev/null"
    done
    # the same lock file each time (created once, then kept in locks/)
    if [ -f locks/progenitor.Cargo.lock ]; then cp locks/progenitor.Cargo.lock out/Cargo.lock
    else (cd out && cargo generate-lockfile 2>&1 | tail -1) && cp out/Cargo.lock locks/progenitor.Cargo.lock; fi
    (cd out && cargo fetch --locked 2>&1 | tail -1)
    { echo "progenitor src lines (wc -l): $(cat out/src/*.rs | wc -l)"; echo "progenitor src bytes: $(cat out/src/*.rs | wc -c)"; echo "progenitor src files: $(ls out/src | wc -l)"; } | tee "$RES/lines-progenitor.txt"
}

gen_ours() {
    local xtask=$ROOT/ours-xtask-target/release/xtask
    for i in $(seq 1 "$GEN_RUNS"); do
        log "time: our generator (xtask codegen), run $i"
        rm -rf "$ROOT/ours"
        (cd "$ROOT/ours-src" && time_cmd "gen-ours-$i" "$xtask" codegen --spec "$SPEC" --out "$ROOT/ours" --crate-name telnyx > "$RES/gen-ours-$i.log" 2>&1)
        tail -1 "$RES/gen-ours-$i.log" | tee -a "$RES/run.log"
    done
    printf '\n# stand-alone for this measurement\n[workspace]\n' >> ours/Cargo.toml
    cp "$ROOT/ours-src/Cargo.lock" ours/Cargo.lock   # = Cargo.lock of $OURS_COMMIT
    # the workspace lock lacks this package and has the workspace's own crates: cargo trims and
    # completes it (entries it keeps keep their versions)
    (cd ours && cargo fetch 2>&1 | tail -1)
    cp ours/Cargo.lock locks/ours.Cargo.lock
    { echo "ours src lines (wc -l, all files): $(find ours/src -type f -print0 | xargs -0 cat | wc -l)"
      echo "ours src lines (wc -l, *.rs): $(find ours/src -name '*.rs' -print0 | xargs -0 cat | wc -l)"
      echo "ours src bytes: $(find ours/src -type f -print0 | xargs -0 cat | wc -c)"
      echo "ours src files: $(find ours/src -type f | wc -l)"; } | tee "$RES/lines-ours.txt"
}

# measure LABEL CRATE_DIR PACKAGE: RUNS cold checks per mode (fresh target dir each), then the
# crate alone (cargo clean -p PACKAGE in the last run's target dir, check again)
measure() {
    local label=$1 dir=$2 pkg=$3 runs=${4:-$RUNS} crate_only=${5:-1}
    for mode in noincr incr; do
        local envs=(CARGO_INCREMENTAL=0)
        [ $mode = incr ] && envs=()
        local tgt=""
        for i in $(seq 1 "$runs"); do
            tgt=$ROOT/tgt/$label-$mode-$i
            rm -rf "$tgt"
            log "cold cargo check: $label, $mode, run $i (load $(load | tail -1))"
            (cd "$dir" && time_cmd "check-$label-$mode-$i" env "${envs[@]}" CARGO_TARGET_DIR="$tgt" \
                $NICE cargo check --locked --offline > "$RES/check-$label-$mode-$i.log" 2>&1) || { log "FAILED (see $RES/check-$label-$mode-$i.log)"; return 1; }
            tail -1 "$RES/check-$label-$mode-$i.log" | tee -a "$RES/run.log"
            [ "$i" -lt "$runs" ] && rm -rf "$tgt"
        done
        if [ "$crate_only" = 1 ]; then
            (cd "$dir" && env "${envs[@]}" CARGO_TARGET_DIR="$tgt" cargo clean -p "$pkg" 2>&1 | tail -1)
            echo "incremental dirs left after clean -p: $(ls "$tgt/debug/incremental" 2>/dev/null | grep -c "^${pkg//-/_}-" || true)" >> "$RES/run.log"
            log "crate-only cargo check: $label, $mode (load $(load | tail -1))"
            (cd "$dir" && time_cmd "check-$label-$mode-crateonly" env "${envs[@]}" CARGO_TARGET_DIR="$tgt" \
                $NICE cargo check --locked --offline > "$RES/check-$label-$mode-crateonly.log" 2>&1)
            tail -1 "$RES/check-$label-$mode-crateonly.log" | tee -a "$RES/run.log"
        fi
        rm -rf "$tgt"
    done
}

extra_tls() {
    # progenitor's crate with reqwest's `rustls` feature (as ours has rustls-tls), deps included
    log "generate progenitor crate with reqwest features + rustls"
    rm -rf "$ROOT/out-rustls"
    PROGENITOR_CMP_REQWEST_FEATURES='"rustls"' "$ROOT/target/release/progenitor-cmp-gen" "$BUILD/telnyx-3.0.json" "$ROOT/out-rustls" telnyx_progenitor 2>/dev/null
    if [ -f locks/progenitor-rustls.Cargo.lock ]; then cp locks/progenitor-rustls.Cargo.lock out-rustls/Cargo.lock
    else cp locks/progenitor.Cargo.lock out-rustls/Cargo.lock; (cd out-rustls && cargo fetch 2>&1 | tail -1); cp out-rustls/Cargo.lock locks/progenitor-rustls.Cargo.lock; fi
    (cd out-rustls && cargo fetch --locked 2>&1 | tail -1)
    measure progenitor-rustls "$ROOT/out-rustls" telnyx_progenitor 1 0
}

report() { python3 "$ROOT/report.py" "$RES" | tee "$RES/results.md"; }

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(setup gen-progenitor gen-ours measure-progenitor measure-ours extra-tls report)
for s in "${steps[@]}"; do
    case $s in
        setup) setup ;;
        gen-progenitor) gen_progenitor ;;
        gen-ours) gen_ours ;;
        measure-progenitor) measure progenitor "$ROOT/out" telnyx_progenitor ;;
        measure-ours) measure ours "$ROOT/ours" telnyx ;;
        extra-tls) [ "$EXTRA_TLS" = 1 ] && extra_tls ;;
        report) report ;;
        *) echo "unknown step $s" >&2; exit 2 ;;
    esac
done
log "done: ${steps[*]}"
