#!/usr/bin/env bash
# Runs ekc.bench.engine.EngineLatency once per line of a run list, each after the machine has been idle for 1 s,
# and prints next to its figures what shares the machine: the CPU other processes took during the run (machine
# busy in /proc/stat minus the JVM's user + sys) and which CPU kdamond.0 (the VM's DAMON reclaim) last ran on,
# sampled every 20 ms. kdamond is only read, never moved. Run it inside `quiet`:
#   WHO=me /work/wt/bin/quiet benchmarks/engine-latency.sh CLASSPATH [RUNLIST]
# RUNLIST has one run a line: a name, then JVM options, then `--`, then EngineLatency's arguments. Without one,
# the old default and the best placement found (BENCHMARKS.md, "Latency: keeping the engine's core clear").
# Outputs stay in $OUT.
set -u
CP=${1:?class path (benchmarks/target/classes and its dependencies, copied somewhere private)}
OUT=${OUT:-$(mktemp -d /tmp/engine-latency.XXXX)}
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }   # jiffies (10 ms) the machine was busy

idle_gate() {
  local a b
  for i in $(seq 1 30); do
    a=$(busy); sleep 1; b=$(busy)
    if [ $((b - a)) -le 15 ]; then echo "idle gate: machine busy $(((b - a) * 10)) ms over 1 s (try $i)"; return; fi
  done
  echo "idle gate: never idle for 1 s in 30 tries"
}

kdamond_cpus() {   # until TERM: how often kdamond.0 was last seen on each CPU, and its CPU time
  local k st f c s0 s1
  k=$(pgrep -x kdamond.0 | head -1)
  [ -n "$k" ] || { echo "no kdamond.0"; return; }
  local -A n
  read -r -a s0 <"/proc/$k/schedstat"
  trap 'read -r -a s1 <"/proc/$k/schedstat"; echo "kdamond pid $k last-CPU samples: cpu0=${n[0]:-0} cpu1=${n[1]:-0}; cpu $(((s1[0] - s0[0]) / 1000000)) ms"; exit 0' TERM
  exec 3<> <(:)
  while :; do
    read -r st <"/proc/$k/stat"; f=(${st##*) }); c=${f[36]}; n[$c]=$((${n[$c]:-0} + 1))
    read -t 0.02 -u 3 || true
  done
}

run() {
  local name=$1; shift
  local opts=(); while [ "$1" != "--" ]; do opts+=("$1"); shift; done; shift
  local gate; gate=$(idle_gate)
  { echo "=== $name at $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg): java ${opts[*]} ... EngineLatency $*"; echo "$gate"; } >"$OUT/$name.txt"
  taskset -c 0 bash -c "$(declare -f kdamond_cpus); kdamond_cpus" >"$OUT/$name.kd" &
  local kd=$! b0 b1
  b0=$(busy)
  /usr/bin/time -f "jvm cpu %U user %S sys s, wall %e s" java "${opts[@]}" -cp "$CP" ekc.bench.engine.EngineLatency "$@" >>"$OUT/$name.txt" 2>&1
  b1=$(busy)
  kill -TERM $kd; wait $kd
  cat "$OUT/$name.kd" >>"$OUT/$name.txt"
  echo "machine busy $(((b1 - b0) * 10)) ms during the run (both cores, /proc/stat)" >>"$OUT/$name.txt"
  grep -E "^===|^idle gate|→|late \(|events over|runs of|^  at |kdamond|jvm cpu|machine busy|ekc-engine|  [0-9]+ java " "$OUT/$name.txt"
}

DEFAULT_RUNS='old-default -Xms1g -Xmx1g -- 500000 5 blocking 3 10000000
best-placement -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseParallelGC -Dekc.latency.producerCpu=0 -Dekc.latency.engineCpu=1 -Dekc.latency.producer=park -Dekc.latency.producerSlackNanos=1 -Dekc.latency.producerBatchMicros=20 -Dekc.latency.catchUpNanos=1000 -- 500000 5 busy-spin 3 10000000'
while read -r -a line; do
  [ ${#line[@]} -gt 0 ] && run "${line[@]}"
done < <(if [ $# -gt 1 ]; then cat "$2"; else echo "$DEFAULT_RUNS"; fi)
echo "outputs in $OUT"
