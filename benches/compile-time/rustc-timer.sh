#!/usr/bin/env bash
# RUSTC_WRAPPER of run.py: runs rustc, and for the fixture crates (crate names `fx_*`)
# appends "<crate> <nanoseconds>" to $RUSTC_TIMER_LOG: the compiler's own time, without
# cargo's start-up and fingerprinting. With $RUSTC_TIMER_CALLGRIND set (a directory), runs
# the fixture's rustc under callgrind instead, writing <crate>.out there.
rustc="$1"; shift
name=""; prev=""
for a in "$@"; do
  [ "$prev" = "--crate-name" ] && name="$a"
  prev="$a"
done
case "$name" in
  fx_*)
    if [ -n "${RUSTC_TIMER_CALLGRIND:-}" ]; then
      exec valgrind --tool=callgrind --callgrind-out-file="$RUSTC_TIMER_CALLGRIND/$name.out" \
        "$rustc" "$@" 2>"$RUSTC_TIMER_CALLGRIND/$name.log"
    fi
    t0=$(date +%s%N)
    "$rustc" "$@"; rc=$?
    t1=$(date +%s%N)
    [ -n "${RUSTC_TIMER_LOG:-}" ] && echo "$name $((t1 - t0))" >> "$RUSTC_TIMER_LOG"
    exit $rc ;;
  *) exec "$rustc" "$@" ;;
esac
