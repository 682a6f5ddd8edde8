#!/usr/bin/env bash
# CPU per answered call of `ekc run` (robot off) and of SIPp's built-in uac on the same machine, at a fixed rate
# well under capacity: a steadier figure than "was the 1,300/s step clean". Capacity on this machine is about
# (cores * 1,000,000) / (EKC's µs + SIPp's µs per call). Per step: both processes' CPU (user, system) over the
# whole SIPp run, EKC's CPU per thread group and its context switches, EKC's CPU while idle for comparison.
#   benchmarks/sip-cpu.sh SECONDS RATE...      e.g. WARMUP="300:20 800:20" benchmarks/sip-cpu.sh 30 700 700
# WARMUP: "RATE:SECONDS ..." steps run first and not reported (a fresh JVM's JIT is still compiling).
# SYSCALLS=1 also counts EKC's system calls per call in the measured steps (perf stat tracepoints; adds a little CPU).
# PERF=N records the whole machine (perf record -e cpu-clock -g -a) for N seconds from 5 s into each measured step, into
# $OUT/r<RATE>-*.perf, and writes the JIT's symbol map (/tmp/perf-<pid>.map); give EKC -XX:+PreserveFramePointer.
# SIPP_OPTS adds SIPp options; EKC_JAVA_OPTS the JVM's. Logs stay in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:?seconds per step}; shift
PORT=${PORT:-5099}; SIPP_PORT=${SIPP_PORT:-15099}
OUT=${OUT:-$(mktemp -d /tmp/sip-cpu.XXXX)}; mkdir -p "$OUT"
HZ=$(getconf CLK_TCK)
. benchmarks/ekc-start.sh
start_ekc gc
pid=$ekc_pid

col() { awk -F';' -v c="$2" 'NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print $h[c]}' "$1"; }
# context switches, one line per thread: tid, group (digits as '#', as thread-cpu.sh groups), voluntary, involuntary
switches() {
  for t in /proc/"$pid"/task/*; do
    { name=$(cat "$t/comm"); vol=$(sed -n 's/^voluntary_ctxt_switches:\t*//p' "$t/status")
      inv=$(sed -n 's/^nonvoluntary_ctxt_switches:\t*//p' "$t/status"); } 2>/dev/null || continue
    printf '%s\t%s\t%s\t%s\n' "${t##*/}" "$(sed 's/[0-9][0-9]*/#/g' <<<"$name")" "$vol" "$inv"
  done
}
proc_cpu() { local rest; rest=$(sed 's/.*) //' /proc/"$pid"/stat); read -r -a f <<<"$rest"; echo "${f[11]} ${f[12]}"; }
sipp_step() { # rate seconds csv-prefix; prints SIPp's user and system seconds on the last line
  /usr/bin/time -f '%U %S' -o "$3.time" sipp -sn uac -s 88001000001 "127.0.0.1:$PORT" -p "$SIPP_PORT" -r "$1" \
    -m "$(($1 * $2))" -d 0 -nostdin -timeout 120s -trace_stat -stf "$3.csv" -fd 1 ${SIPP_OPTS:-} >"$3.out" 2>&1 || true
}

for w in ${WARMUP:-}; do
  sipp_step "${w%%:*}" "${w##*:}" "$OUT/warm${w%%:*}-$(date +%s)"
  sleep 2
done

# idle: what EKC burns with no call (tickers, spinning threads), to read the per-call figures against
read -r u0 s0 < <(proc_cpu); sleep 5; read -r u1 s1 < <(proc_cpu)
idle_ms=$(( (u1 - u0 + s1 - s0) * 1000 / HZ / 5 ))
echo "EKC idle: $idle_ms ms CPU per second (user $(( (u1 - u0) * 1000 / HZ / 5 )), system $(( (s1 - s0) * 1000 / HZ / 5 )))"
echo
echo "| rate | calls ok | failed | retr. | EKC µs/call (user+sys) | SIPp µs/call (user+sys) | total µs/call | EKC switches/call (vol+invol) | machine idle % |"
echo "|---|---|---|---|---|---|---|---|---|"
for rate in "$@"; do
  step="$OUT/r$rate-$(date +%s)"
  switches >"$step.t0"; benchmarks/thread-cpu.sh snap "$pid" "$step.cpu0"; read -r u0 s0 < <(proc_cpu); read -r -a m0 < <(head -1 /proc/stat)
  if [[ -n "${SYSCALLS:-}" ]]; then
    perf stat -x';' -o "$step.sys" -p "$pid" -e 'syscalls:sys_enter_futex,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_poll,syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_sched_yield,raw_syscalls:sys_enter' &
    perfpid=$!
  fi
  if [[ -n "${PERF:-}" ]]; then
    (sleep 5; perf record -q -e cpu-clock -g -a -o "$step.perf" -- sleep "$PERF" 2>/dev/null; jcmd "$pid" Compiler.perfmap >/dev/null) &
    recpid=$!
  fi
  sipp_step "$rate" "$SECS" "$step"
  [[ -n "${PERF:-}" ]] && { wait "$recpid" || true; }
  sleep 1 # the last BYEs' answers
  [[ -n "${SYSCALLS:-}" ]] && { kill -INT "$perfpid"; wait "$perfpid" || true; }
  read -r u1 s1 < <(proc_cpu); switches >"$step.t1"; benchmarks/thread-cpu.sh snap "$pid" "$step.cpu1"; read -r -a m1 < <(head -1 /proc/stat)
  ok=$(col "$step.csv" "SuccessfulCall(C)")
  read -r su ss <"$step.time"
  busy=0; all=0
  for i in 1 2 3 4 5 6 7 8; do d=$(( m1[i] - m0[i] )); all=$((all + d)); [[ $i -ne 4 && $i -ne 5 ]] && busy=$((busy + d)); done
  awk -v ok="$ok" -v hz="$HZ" -v eu="$((u1 - u0))" -v es="$((s1 - s0))" -v su="$su" -v ss="$ss" -v rate="$rate" \
      -v failed="$(col "$step.csv" "FailedCall(C)")" -v retr="$(col "$step.csv" "Retransmissions(C)")" \
      -v idle="$(( 100 - busy * 100 / (all > 0 ? all : 1) ))" -v t0="$step.t0" -v t1="$step.t1" 'BEGIN {
    while ((getline l < t0) > 0) { split(l, a, "\t"); v0[a[1]] = a[3] + a[4] }
    while ((getline l < t1) > 0) { split(l, a, "\t"); sw += a[3] + a[4] - v0[a[1]] }
    e = (eu + es) / hz * 1e6 / ok; s = (su + ss) * 1e6 / ok
    printf "| %d | %d | %d | %d | %.0f (%.0f+%.0f) | %.0f (%.0f+%.0f) | %.0f | %.1f | %d |\n", rate, ok, failed, retr,
      e, eu / hz * 1e6 / ok, es / hz * 1e6 / ok, s, su * 1e6 / ok, ss * 1e6 / ok, e + s, sw / ok, idle }'
  # per thread group: CPU (thread-cpu.sh) and context switches per call (threads that started in the step count from 0)
  { echo "  EKC at $rate/s by thread group:"; benchmarks/thread-cpu.sh diff "$step.cpu0" "$step.cpu1" "$ok" | sed 's/^/    /'
    echo "  switches per call (voluntary + involuntary):"
    awk -v ok="$ok" -F'\t' 'FNR == NR { v[$1] = $3; n[$1] = $4; next } { w[$2] += $3 - v[$1]; x[$2] += $4 - n[$1] }
      END { for (g in w) if (w[g] + x[g] > ok / 100) printf "%6.2f + %5.2f  %s\n", w[g] / ok, x[g] / ok, g }' \
      "$step.t0" "$step.t1" | sort -rn | sed 's/^/    /'; } >&2
  if [[ -n "${SYSCALLS:-}" ]]; then
    awk -F';' -v ok="$ok" '$3 ~ /sys/ {printf "    %-32s %6.2f per call\n", $3, $1 / ok}' "$step.sys" >&2
  fi
done
echo
echo "Logs, SIPp's CSVs, per-thread snapshots: $OUT"
