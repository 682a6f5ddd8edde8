#!/usr/bin/env bash
# Memory of `ekc run` (robot off) over many SIPp calls: heap after a full GC and RSS every STEP calls.
#   benchmarks/sip-memory.sh [CALLS=100000] [STEP=20000] [RATE=400]
# Needs sipp and the JDK's jcmd; builds ./ekc if needed. Prints a Markdown table; keeps the logs in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-100000}; STEP=${2:-20000}; RATE=${3:-400}
PORT=${PORT:-5099}; SIPP_PORT=${SIPP_PORT:-15099}
OUT=${OUT:-$(mktemp -d /tmp/sip-memory.XXXX)}; mkdir -p "$OUT"
printf 'sip:\n  limits:\n    trusted: ["127.0.0.1"]\n' >"$OUT/trusted.yaml"

EKC_JAVA_OPTS="${EKC_JAVA_OPTS:--Xmx512m}" ./ekc run --config "$OUT/trusted.yaml" --data "$OUT/data" \
  --sip-port "$PORT" --set robot.enabled=false >"$OUT/ekc.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q "EKC ready" "$OUT/ekc.log" 2>/dev/null && break; sleep 0.2; done
grep -q "EKC ready" "$OUT/ekc.log" || { cat "$OUT/ekc.log"; echo "ekc did not start" >&2; exit 1; }

# after a full GC: heap used and committed (KiB); resident set (KiB): all, anonymous (heap, stacks,
# metaspace, malloc), and file-backed (mostly the Chronicle journal's mapped files, reclaimable)
measure() {
  jcmd "$pid" GC.run >/dev/null
  info=$(jcmd "$pid" GC.heap_info | grep -m1 ' used ')
  used=$(sed -n 's/.* used \([0-9]*\)K.*/\1/p' <<<"$info"); total=$(sed -n 's/.* total \([0-9]*\)K.*/\1/p' <<<"$info")
  read -r rss anon file < <(awk '/^VmRSS/ {r=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} /^RssShmem/ {f+=$2} END {print r, a, f}' "/proc/$pid/status")
  echo "$((used / 1024)) MiB | $((total / 1024)) MiB | $((rss / 1024)) MiB | $((anon / 1024)) MiB | $((file / 1024)) MiB"
}

echo "| calls done | heap used after full GC | heap committed | RSS | RSS anonymous | RSS file-backed | SIPp ok / failed / retransmissions (this step) |"
echo "|---|---|---|---|---|---|---|"
echo "| 0 | $(measure) | – |"
jcmd "$pid" GC.class_histogram | head -25 >"$OUT/histogram-0.txt"
done_calls=0
while ((done_calls < CALLS)); do
  n=$((CALLS - done_calls < STEP ? CALLS - done_calls : STEP))
  step="$OUT/step-$done_calls"
  sipp -sn uac -s 88001000001 "127.0.0.1:$PORT" -p "$SIPP_PORT" -r "$RATE" -m "$n" -d 0 -nostdin \
    -timeout 600s -trace_stat -stf "$step.csv" -trace_screen -screen_file "$step.screen" >/dev/null 2>&1 || true
  done_calls=$((done_calls + n))
  sleep 5 # the last BYEs answered; completed transactions (32 s) of the last ~32 s of calls still held, as at every step
  m=$(measure)
  ok=$(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print $h["SuccessfulCall(C)"]}' "$step.csv")
  failed=$(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print $h["FailedCall(C)"]}' "$step.csv")
  retrans=$(awk -F';' 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print $h["Retransmissions(C)"]}' "$step.csv")
  echo "| $done_calls | $m | $ok / $failed / $retrans |"
done
sleep 35 # every transaction ended
echo "| $done_calls, 35 s later | $(measure) | – |"
jcmd "$pid" GC.class_histogram | head -25 >"$OUT/histogram-$done_calls.txt"
echo
echo "logs and class histograms (at 0 calls and at the end): $OUT"
