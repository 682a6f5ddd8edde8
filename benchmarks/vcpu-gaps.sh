#!/usr/bin/env bash
# How steady the CPUs of this machine are: a spinning thread per case, gaps over 50 us counted by length.
#   benchmarks/vcpu-gaps.sh [SECONDS=15]
# Cases: one vCPU busy, the other idle; one busy and the other 90 % busy; both busy (pinned, then unpinned).
# Needs gcc and taskset (util-linux). Run it alone (nothing else busy), as every benchmark here.
set -euo pipefail
S=${1:-15}
BIN=$(mktemp -d)/vcpu-gaps
gcc -O2 -o "$BIN" "$(dirname "$0")/src/main/c/vcpu-gaps.c"
echo "$(nproc) CPUs, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "-- cpu0 spinning, cpu1 idle";          taskset -c 0 "$BIN" spin "$S"
echo "-- cpu0 spinning, cpu1 90 % busy";     taskset -c 1 "$BIN" load "$S" 90 & taskset -c 0 "$BIN" spin "$S"; wait
echo "-- both spinning, pinned (cpu0, cpu1)"; taskset -c 1 "$BIN" spin "$S" & taskset -c 0 "$BIN" spin "$S"; wait
echo "-- both spinning, not pinned";          "$BIN" spin "$S" & "$BIN" spin "$S"; wait
rm -rf "$(dirname "$BIN")"
