#!/usr/bin/env bash
# teardown-sge.sh - stop the daemons setup-sge.sh started (only those named in its pid files).
# Deletes the test cluster's jobs first so no sge_shepherd/job processes are left behind.
# Env: RK_CLUSTERS (default /tmp/rk-clusters), SGE_STATE (default $RK_CLUSTERS/sge), PURGE=1 also deletes $SGE_STATE
#      and the spooling library links in /usr/lib/gridengine.
set -uo pipefail
RK_CLUSTERS=${RK_CLUSTERS:-/tmp/rk-clusters}
SGE_STATE=${SGE_STATE:-$RK_CLUSTERS/sge}
RUN=$SGE_STATE/run
BIN=$SGE_STATE/bin
# running = exists and not a zombie (pid 1 here reaps orphans only every ~2 s; kill -0 succeeds on zombies)
running() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ -n $s && $s != Z* ]]; }

stop_pid() {  # pidfile name : SIGTERM, wait up to 10 s, then SIGKILL
  local pf=$1 name=$2 pid
  [[ -s $pf ]] || { rm -f "$pf"; return; }
  pid=$(cat "$pf")
  if running "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 100); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then kill -KILL "$pid"; echo "$name (pid $pid) killed with SIGKILL"; else echo "$name (pid $pid) stopped"; fi
  fi
  rm -f "$pf"
}

# 1. delete every job while sge_qmaster is still up, and wait until the execd has ended them
if [[ -s $RUN/qmaster.pid ]] && running "$(cat "$RUN/qmaster.pid")" && [[ -x $BIN/qdel ]]; then
  if [[ -n $("$BIN/qstat" -u '*' 2>/dev/null) ]]; then
    "$BIN/qdel" -f -u '*' >/dev/null 2>&1
    for _ in $(seq 100); do [[ -z $("$BIN/qstat" -u '*' 2>/dev/null) ]] && break; sleep 0.1; done
    echo "deleted remaining jobs"
  fi
fi
# 2. sge_execd, then sge_qmaster
stop_pid "$RUN/execd.pid" sge_execd
stop_pid "$RUN/qmaster.pid" sge_qmaster
if [[ ${PURGE:-0} == 1 ]]; then
  rm -rf "$SGE_STATE"
  for lib in libspoolb.so libspoolc.so; do [[ -L /usr/lib/gridengine/$lib ]] && rm -f "/usr/lib/gridengine/$lib"; done
  rmdir /usr/lib/gridengine 2>/dev/null
  echo "purged $SGE_STATE"
fi
exit 0
