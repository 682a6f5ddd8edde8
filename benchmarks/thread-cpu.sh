#!/usr/bin/env bash
# CPU of one process by thread group, per call: what each kind of thread costs a call.
#   benchmarks/thread-cpu.sh snap PID FILE           CPU ticks of every thread now (utime+stime, /proc/PID/task/*/stat)
#   benchmarks/thread-cpu.sh diff FILE0 FILE1 CALLS  µs of CPU per call by group between two snapshots
# A group is the thread name with its digits as '#' (ekc-media-#-#, GC Thread##, C# CompilerThre): /proc keeps 15
# characters of a name. Threads that started or ended between the snapshots count what they had at the other one
# (0 or their last figure). The kernel counts in ticks of 1/CLK_TCK s (10 ms here): over a few thousand calls that
# is well under 1 µs a call. sip-rate.sh prints this table per step with THREAD_CPU=1.
set -euo pipefail
case "${1:-}" in
snap)
  pid=${2:?pid}; out=${3:?file}
  for t in /proc/"$pid"/task/*; do
    # comm may hold spaces and parentheses: the fields after the last ')' are fixed (utime, stime: 12th and 13th)
    s=$(cat "$t/stat" 2>/dev/null) || continue
    name=$(cat "$t/comm" 2>/dev/null) || continue
    rest=${s##*) }
    read -r -a f <<<"$rest"
    printf '%s\t%s\t%s\n' "${t##*/}" "$name" "$((f[11] + f[12]))"
  done >"$out"
  ;;
diff)
  a=${2:?snapshot 0}; b=${3:?snapshot 1}; calls=${4:?calls}; hz=$(getconf CLK_TCK)
  echo "| thread group | threads | CPU s | µs per call | share |"
  echo "|---|---|---|---|---|"
  awk -F'\t' -v OFS='\t' -v calls="$calls" -v hz="$hz" '
    FNR == NR { t0[$1] = $3; next }
    { g = $2; gsub(/[0-9]+/, "#", g); d = $3 - ($1 in t0 ? t0[$1] : 0); if (d < 0) d = 0
      ticks[g] += d; n[g]++; total += d }
    END {
      for (g in ticks) if (ticks[g] > 0)
        printf "%d\t| %s | %d | %.2f | %.1f | %.0f %% |\n", ticks[g], g, n[g], ticks[g] / hz, ticks[g] / hz * 1e6 / calls,
          100 * ticks[g] / total
      printf "-1\t| **all** | | %.2f | **%.1f** | |\n", total / hz, total / hz * 1e6 / calls
    }' "$a" "$b" | sort -t$'\t' -k1,1nr | awk -F'\t' '$1 >= 0 {print $2} $1 < 0 {last = $2} END {print last}'
  ;;
*)
  sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
