# Sourced by the SIP benchmarks: starts `ekc run` (robot off, 127.0.0.1 trusted so SIPp's flood of INVITEs from one
# address is not blocked) on $PORT with data and logs in $OUT, waits until it is ready, and kills it on exit.
#   start_ekc LOG_TAGS     e.g. start_ekc gc,gc+phases   (-Xlog tags written to $OUT/gc.log)
# Sets ekc_pid: the JVM (./ekc execs java, so usually the process started here).
start_ekc() {
  printf 'sip:\n  limits:\n    trusted: ["127.0.0.1"]\n' >"$OUT/trusted.yaml"
  EKC_JAVA_OPTS="${EKC_JAVA_OPTS:-} -Xlog:$1:file=$OUT/gc.log:uptime" ./ekc run --config "$OUT/trusted.yaml" \
    --data "$OUT/data" --sip-port "$PORT" --set robot.enabled=false >"$OUT/ekc.log" 2>&1 &
  ekc_wrapper=$!
  trap 'kill $ekc_wrapper 2>/dev/null || true' EXIT
  for _ in $(seq 300); do grep -q "EKC ready" "$OUT/ekc.log" 2>/dev/null && break; sleep 0.2; done
  grep -q "EKC ready" "$OUT/ekc.log" || { cat "$OUT/ekc.log"; echo "ekc did not start" >&2; exit 1; }
  ekc_pid=$(pgrep -P "$ekc_wrapper" java || echo "$ekc_wrapper")
}
