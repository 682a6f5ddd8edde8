#!/usr/bin/env bash
# The floor under MediaLoad: the same RTP traffic (one socket per leg, one sendto per leg per 20 ms, 20 clock slots,
# a far end with sendmmsg/recvmmsg) in a small C program with nothing but the system calls.
#   benchmarks/rtp-floor.sh CALLS [SECONDS=15] [LOOPS=2] [WARMUP=5]
# Prefix with `chrt -f 10` to run every thread SCHED_FIFO. Needs gcc. Run it alone, as every benchmark here.
set -euo pipefail
BIN=$(mktemp -d)/rtp-floor
gcc -O2 -o "$BIN" "$(dirname "$0")/src/main/c/rtp-floor.c" -lpthread
"$BIN" "${1:?CALLS}" "${2:-15}" "${3:-2}" "${4:-5}"
rm -rf "$(dirname "$BIN")"
