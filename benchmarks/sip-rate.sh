#!/usr/bin/env bash
# Answered calls/s of `ekc run` (robot off) with SIPp's built-in uac on the same machine, and where
# losses come from: per step SIPp's counts, SIP datagrams dropped for a full receive buffer at SIPp's
# socket and at EKC's (the kernel's per-socket counter; the machine-wide UdpRcvbufErrors is useless
# here: SIPp's uac never reads the RTP EKC sends to its port 6000), and EKC's GC pauses.
#   benchmarks/sip-rate.sh SECONDS RATE...      e.g. benchmarks/sip-rate.sh 20 1000 1300 1300
# SIPP_OPTS adds SIPp options (e.g. "-buff_size 4194304"); EKC_JAVA_OPTS the JVM's. Logs stay in $OUT.
# THREAD_CPU=1 also prints, per step, EKC's CPU per answered call by thread group (benchmarks/thread-cpu.sh), from the
# step's start to 2 s after SIPp ends.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:?seconds per step}; shift
PORT=${PORT:-5099}; SIPP_PORT=${SIPP_PORT:-15099}
OUT=${OUT:-$(mktemp -d /tmp/sip-rate.XXXX)}; mkdir -p "$OUT"
. benchmarks/ekc-start.sh
start_ekc gc,gc+phases # gc+phases: ZGC logs its pauses there (G1, Parallel and Shenandoah under gc)
pid=$ekc_pid

drops() { ss -uamn "sport = :$1" | sed -n 's/.*,d\([0-9]*\)).*/\1/p' | head -1; }   # skmem d<drops>
col() { awk -F';' -v c="$2" 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print $h[c]}' "$1"; }

echo "| rate asked | calls | SIPp rate reached | failed | retransmissions | dead-call msgs | drops at SIPp's socket | drops at EKC's socket | GC pauses (count, max, total) |"
echo "|---|---|---|---|---|---|---|---|---|"
for rate in "$@"; do
  step="$OUT/r$rate-$(date +%s)"
  calls=$((SECS * rate))
  e0=$(drops "$PORT"); g0=$(wc -l <"$OUT/gc.log")
  [[ -n "${THREAD_CPU:-}" ]] && benchmarks/thread-cpu.sh snap "$pid" "$step.cpu0"
  # SIPp's socket closes when it exits: sample its drop counter while it runs
  (while sleep 0.2; do d=$(drops "$SIPP_PORT"); [[ -n "$d" ]] && echo "$d" >"$step.sippdrops"; done) &
  sampler=$!
  # shellcheck disable=SC2086
  sipp -sn uac -s 88001000001 "127.0.0.1:$PORT" -p "$SIPP_PORT" -r "$rate" -m "$calls" -d 0 -nostdin \
    -timeout 120s -trace_stat -stf "$step.csv" -fd 1 ${SIPP_OPTS:-} >"$step.out" 2>&1 || true
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  sleep 2 # the last BYEs' answers
  e1=$(drops "$PORT"); s1=$(cat "$step.sippdrops" 2>/dev/null || echo "?")
  if [[ -n "${THREAD_CPU:-}" ]]; then
    benchmarks/thread-cpu.sh snap "$pid" "$step.cpu1"
    { echo; echo "EKC's CPU by thread, step $rate/s (${step##*/}):"; echo
      benchmarks/thread-cpu.sh diff "$step.cpu0" "$step.cpu1" "$(col "$step.csv" "SuccessfulCall(C)")"; } >"$step.threads"
  fi
  gc=$(tail -n +"$((g0 + 1))" "$OUT/gc.log" | { grep 'Pause' || true; } | sed -n 's/.* \([0-9.]*\)ms$/\1/p' \
       | awk '{n++; t+=$1; if ($1>m) m=$1} END {printf "%d, %.1f ms, %.0f ms", n, m, t}')
  elapsed=$(col "$step.csv" "ElapsedTime(C)")
  echo "| $rate | $(col "$step.csv" "SuccessfulCall(C)") | $(col "$step.csv" "CallRate(C)") cps ($elapsed) | $(col "$step.csv" "FailedCall(C)") | $(col "$step.csv" "Retransmissions(C)") | $(col "$step.csv" "DeadCallMsgs(C)") | $s1 | $((e1 - e0)) | $gc |"
done
[[ -n "${THREAD_CPU:-}" ]] && ls -tr "$OUT"/r*.threads | xargs cat
echo
echo "SIPp's per-second stats, GC log and EKC's log: $OUT"
