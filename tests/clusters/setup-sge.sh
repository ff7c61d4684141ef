#!/usr/bin/env bash
# setup-sge.sh - bring up a single-host Grid Engine (Son of Grid Engine 8.1.9, Debian's gridengine-*) for launcher tests.
#
#   sge_qmaster and one sge_execd on this machine, started directly (no systemd, no init scripts), a queue rk.q with
#   SLOTS slots, root allowed to run jobs, a scheduler that runs every second. This host is admin, submit and exec host.
#   Everything (binaries, SGE_ROOT, cell, spool, pid files) lives under $SGE_STATE, but for two links in
#   /usr/lib/gridengine (Debian's build loads its spooling libraries from there); logs go to $LOGS/sge-*.log and
#   the daemons' own to $SGE_STATE/spool/*/messages.
#
# The SGE commands are NOT put on PATH: Debian's gridengine-client conflicts with slurm-wlm-torque, whose PBS wrappers
# (setup-slurm.sh) own /usr/bin/qsub, qstat and qdel for the PBS launcher tests. So gridengine-client, -master and -exec
# are downloaded and unpacked under $SGE_STATE/pkg (dpkg does not know them), and $SGE_STATE/bin holds qsub, qstat,
# qdel, qconf, ... that run them; $SGE_STATE/sge.env sets SGE_ROOT, SGE_CELL, the ports and SGE_BIN. RemoteKit's SGE
# launcher is pointed at $SGE_STATE/bin (Sge:CommandDirectory).
#
# Idempotent: installs packages only if missing, initialises the cell once, starts only the daemons whose pid file does
# not name a live process, and re-applies the queue and scheduler settings. Stop with teardown-sge.sh.
#
# Env: RK_CLUSTERS (default /tmp/rk-clusters), SGE_STATE (default $RK_CLUSTERS/sge), SLOTS (default 8),
#      SGE_PORT_BASE (default 6444: qmaster, +1 execd), VERIFY=1 (default) submits an array job and checks it ran.
set -euo pipefail

RK_CLUSTERS=${RK_CLUSTERS:-/tmp/rk-clusters}
SGE_STATE=${SGE_STATE:-$RK_CLUSTERS/sge}
LOGS=$RK_CLUSTERS/logs
SLOTS=${SLOTS:-8}
PORT_BASE=${SGE_PORT_BASE:-6444}
VERIFY=${VERIFY:-1}
export SGE_ROOT=$SGE_STATE/root
export SGE_CELL=rktest
export SGE_QMASTER_PORT=$PORT_BASE
export SGE_EXECD_PORT=$((PORT_BASE + 1))
HOST=$(hostname)
CELL=$SGE_ROOT/$SGE_CELL
PKG=$SGE_STATE/pkg
SPOOL=$SGE_STATE/spool
RUN=$SGE_STATE/run
BIN=$SGE_STATE/bin
ADMIN=sgeadmin

t0=$(date +%s%N)
log() { local ms=$(( ($(date +%s%N) - t0) / 1000000 )); printf '[setup-sge %d.%03ds] %s\n' $((ms/1000)) $((ms%1000)) "$*"; }
# A process is running if it exists and is not a zombie: pid 1 here reaps orphans only
# every ~2 s, and kill -0 succeeds on a zombie.
running() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ -n $s && $s != Z* ]]; }
alive() { [[ -s $1 ]] && running "$(cat "$1")"; }
wait_for() {  # tries command... : up to tries x 0.1 s
  local tries=$1; shift
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# ---------------------------------------------------------------- install
# gridengine-client and slurm-wlm-torque (setup-slurm.sh's PBS wrappers) conflict: both own /usr/bin/qsub, qstat and
# qdel. So only gridengine-common (the sgeadmin user, configuration defaults, util/arch) and the libraries Grid Engine
# needs are installed as packages; gridengine-client, -master and -exec are downloaded with apt-get and unpacked under
# $SGE_STATE/pkg, unknown to dpkg, and run from there through a private SGE_ROOT.
LIBS=(libdb5.3 libhwloc15 libjemalloc2 libmunge2 libtirpc3 libssl3 libpam0g)
DEBS=(gridengine-client gridengine-master gridengine-exec)
missing() { local p; for p in gridengine-common "${LIBS[@]}"; do dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" || return 0; done; return 1; }
if missing || [[ ! -x $PKG/usr/lib/gridengine/sge_qmaster || ! -x $PKG/usr/lib/gridengine/sge_execd || ! -x $PKG/usr/lib/gridengine/qsub ]]; then
  export DEBIAN_FRONTEND=noninteractive
  # gridengine-common's postinst would make a cell of its own ("default"); this script makes its own.
  echo "gridengine-common shared/gridengineconfig boolean false" | debconf-set-selections
  # Postinsts that start services (exim4, pulled in for mailx) go through invoke-rc.d, which cannot work without an init.
  own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; own_policy=1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends gridengine-common "${LIBS[@]}" >/dev/null
  [[ $own_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  mkdir -p "$SGE_STATE/debs"
  (cd "$SGE_STATE/debs" && rm -f ./*.deb && apt-get download -qq "${DEBS[@]}" 2>/dev/null)
  rm -rf "$PKG.new"; mkdir -p "$PKG.new"
  for deb in "$SGE_STATE"/debs/*.deb; do dpkg-deb -x "$deb" "$PKG.new"; done
  rm -rf "$PKG"; mv "$PKG.new" "$PKG"
  log "installed gridengine-common; unpacked ${DEBS[*]} $(dpkg-deb -f "$(ls "$SGE_STATE"/debs/gridengine-master_*.deb)" Version) in $PKG"
fi

mkdir -p "$LOGS" "$RUN" "$BIN" "$CELL/common" "$SPOOL"/{qmaster,execd}
chown "$ADMIN:$ADMIN" "$CELL" "$CELL/common" "$SPOOL" "$SPOOL"/{qmaster,execd} "$RUN"

# ---------------------------------------------------------------- SGE_ROOT and cell
# A private SGE_ROOT laid out as Grid Engine expects: util/ (gridengine-common), bin/ARCH, lib/ARCH and utilbin/ARCH
# (the unpacked binaries), and the cell.
ARCH=$(/usr/share/gridengine/util/arch)
LIBDIR=$PKG/usr/lib/gridengine
ln -sfn /usr/share/gridengine/util "$SGE_ROOT/util"
for d in bin lib utilbin; do mkdir -p "$SGE_ROOT/$d"; ln -sfn "$LIBDIR" "$SGE_ROOT/$d/$ARCH"; done
# Debian's build opens its spooling libraries from /usr/lib/gridengine, whatever SGE_ROOT says.
mkdir -p /usr/lib/gridengine
for lib in libspoolb.so libspoolc.so; do ln -sfn "$LIBDIR/$lib" "/usr/lib/gridengine/$lib"; done
# sge_execd starts each job's sge_shepherd from binary_path.
for daemon in sge_shepherd sge_coshepherd; do ln -sfn "$LIBDIR/$daemon" "$SGE_ROOT/bin/$daemon"; done
cat > "$CELL/common/bootstrap" <<EOF
# generated by setup-sge.sh - single-host test cluster, do not use in production
admin_user              $ADMIN
default_domain          none
ignore_fqdn             true
spooling_method         berkeleydb
spooling_lib            libspoolb
spooling_params         $SPOOL/spooldb
binary_path             $SGE_ROOT/bin
qmaster_spool_dir       $SPOOL/qmaster
security_mode           none
listener_threads        2
worker_threads          2
scheduler_threads       1
EOF
echo "$HOST" > "$CELL/common/act_qmaster"
# This host's name resolves to 127.0.0.1, which resolves back to localhost: one host to Grid Engine.
names=$(awk -v h="$HOST" '$1 ~ /^127\./ { for (i = 2; i <= NF; i++) if ($i != h) printf " %s", $i }' /etc/hosts | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "$HOST $names" > "$CELL/common/host_aliases"
chown "$ADMIN:$ADMIN" "$CELL/common"/{bootstrap,act_qmaster,host_aliases}
export LD_LIBRARY_PATH=$LIBDIR
if [[ ! -e $SPOOL/spooldb/sge ]]; then
  mkdir -p "$SPOOL/spooldb"; chown "$ADMIN:$ADMIN" "$SPOOL/spooldb"
  # What Debian's init_cluster does, with the unpacked tools: spool, global configuration, complexes, usersets, managers.
  (
    set -e
    as_admin() { runuser -u "$ADMIN" -- env SGE_ROOT="$SGE_ROOT" SGE_CELL="$SGE_CELL" LD_LIBRARY_PATH="$LIBDIR" "$@"; }
    as_admin "$LIBDIR/spoolinit" berkeleydb libspoolb "$SPOOL/spooldb" init
    as_admin "$LIBDIR/spooldefaults.bin" configuration /usr/share/gridengine/default-configuration
    as_admin "$LIBDIR/spooldefaults.bin" complexes /usr/share/gridengine/util/resources/centry
    as_admin "$LIBDIR/spooldefaults.bin" usersets /usr/share/gridengine/util/resources/usersets
    as_admin "$LIBDIR/spooldefaults.bin" managers "$ADMIN"
  ) > "$LOGS/sge-init.log" 2>&1 || { cat "$LOGS/sge-init.log" >&2; exit 1; }
  log "cell $SGE_CELL initialised in $CELL"
fi

# ---------------------------------------------------------------- commands
cat > "$SGE_STATE/sge.env" <<EOF
# generated by setup-sge.sh: source it to use the test Grid Engine's commands
export SGE_ROOT=$SGE_ROOT
export SGE_CELL=$SGE_CELL
export SGE_QMASTER_PORT=$SGE_QMASTER_PORT
export SGE_EXECD_PORT=$SGE_EXECD_PORT
export SGE_ARCH=$ARCH
export LD_LIBRARY_PATH=$LIBDIR
export SGE_BIN=$BIN
EOF
for name in qsub qstat qdel qconf qhost qalter qhold qrls qmod qacct qselect qping; do
  printf '#!/bin/sh\n# generated by setup-sge.sh: the test Grid Engine'"'"'s %s (Slurm'"'"'s Torque wrappers own /usr/bin/%s)\n. %s\nexec %s/%s "$@"\n' \
    "$name" "$name" "$SGE_STATE/sge.env" "$LIBDIR" "$name" > "$BIN/$name.new"
  chmod 755 "$BIN/$name.new"; mv "$BIN/$name.new" "$BIN/$name"
done

# ---------------------------------------------------------------- daemons
QMASTER_PID=$RUN/qmaster.pid
EXECD_PID=$RUN/execd.pid
if alive "$QMASTER_PID"; then
  log "sge_qmaster already running (pid $(cat "$QMASTER_PID"))"
else
  # sge_qmaster daemonizes and writes its pid file into its spool folder; it is linked from $RUN.
  rm -f "$QMASTER_PID" "$SPOOL/qmaster/qmaster.pid"
  "$LIBDIR/sge_qmaster" >> "$LOGS/sge-qmaster.log" 2>&1
  ln -sf "$SPOOL/qmaster/qmaster.pid" "$QMASTER_PID"
  wait_for 300 alive "$QMASTER_PID" \
    || { echo "sge_qmaster did not start; see $SPOOL/qmaster/messages and $LOGS/sge-qmaster.log" >&2; tail -20 "$SPOOL/qmaster/messages" >&2 || true; exit 1; }
  wait_for 300 "$BIN/qconf" -sh \
    || { echo "sge_qmaster (pid $(cat "$QMASTER_PID")) does not answer qconf" >&2; tail -20 "$SPOOL/qmaster/messages" >&2 || true; exit 1; }
  log "sge_qmaster started (pid $(cat "$QMASTER_PID"), port $SGE_QMASTER_PORT)"
fi

qconf() { "$BIN/qconf" "$@"; }
# Applies a configuration object from a file: -M (modify) if it exists, -A (add) if not.
apply() {  # kind name file
  if qconf "-s$1" "$2" >/dev/null 2>&1; then qconf "-M$1" "$3" >/dev/null 2>&1; else qconf "-A$1" "$3" >/dev/null; fi
}
qconf -ah "$HOST" >/dev/null 2>&1 || true
qconf -as "$HOST" >/dev/null 2>&1 || true
conf=$SGE_STATE/conf
mkdir -p "$conf"

# Global configuration: root may run jobs (min_uid 0), execd reports every few seconds.
qconf -sconf global > "$conf/global"
sed -i -E -e 's/^(min_uid|min_gid)\s.*/\1 0/' -e 's/^load_report_time\s.*/load_report_time 00:00:05/' \
  -e 's/^mailer\s.*/mailer \/bin\/true/' -e 's|^execd_spool_dir\s.*|execd_spool_dir '"$SPOOL"'/execd|' "$conf/global"
qconf -Mconf "$conf/global" >/dev/null 2>&1 || true

# Scheduler: a pass every second, and one right after each submit and each finish.
qconf -ssconf > "$conf/sched"
sed -i -E -e 's/^schedule_interval\s.*/schedule_interval 0:0:1/' -e 's/^flush_submit_sec\s.*/flush_submit_sec 1/' \
  -e 's/^flush_finish_sec\s.*/flush_finish_sec 1/' -e 's/^job_load_adjustments\s.*/job_load_adjustments NONE/' "$conf/sched"
qconf -Msconf "$conf/sched" >/dev/null 2>&1

cat > "$conf/exechost" <<EOF
hostname              $HOST
load_scaling          NONE
complex_values        NONE
user_lists            NONE
xuser_lists           NONE
projects              NONE
xprojects             NONE
usage_scaling         NONE
report_variables      NONE
EOF
apply e "$HOST" "$conf/exechost"

cat > "$conf/allhosts" <<EOF
group_name @allhosts
hostlist $HOST
EOF
apply hgrp @allhosts "$conf/allhosts"

# The queue: SLOTS slots on this host, no load thresholds (a busy 2-core machine would put it in alarm), jobs run by /bin/sh.
qconf -sq rk.q > /dev/null 2>&1 || qconf -sq > "$conf/queue.template" 2>/dev/null || true
cat > "$conf/queue" <<EOF
qname                 rk.q
hostlist              @allhosts
seq_no                0
load_thresholds       NONE
suspend_thresholds    NONE
nsuspend              1
suspend_interval      00:05:00
priority              0
min_cpu_interval      00:05:00
processors            UNDEFINED
qtype                 BATCH INTERACTIVE
ckpt_list             NONE
pe_list               NONE
rerun                 FALSE
slots                 $SLOTS
tmpdir                /tmp
shell                 /bin/sh
prolog                NONE
epilog                NONE
shell_start_mode      unix_behavior
starter_method        NONE
suspend_method        NONE
resume_method         NONE
terminate_method      NONE
notify                00:00:60
owner_list            NONE
user_lists            NONE
xuser_lists           NONE
subordinate_list      NONE
complex_values        NONE
projects              NONE
xprojects             NONE
calendar              NONE
initial_state         default
s_rt                  INFINITY
h_rt                  INFINITY
s_cpu                 INFINITY
h_cpu                 INFINITY
s_fsize               INFINITY
h_fsize               INFINITY
s_data                INFINITY
h_data                INFINITY
s_stack               INFINITY
h_stack               INFINITY
s_core                INFINITY
h_core                INFINITY
s_rss                 INFINITY
h_rss                 INFINITY
s_vmem                INFINITY
h_vmem                INFINITY
EOF
apply q rk.q "$conf/queue"

if alive "$EXECD_PID"; then
  log "sge_execd already running (pid $(cat "$EXECD_PID"))"
else
  rm -f "$EXECD_PID" "$SPOOL"/execd/*/execd.pid
  # sge_execd writes its pid file into its spool folder, named as it resolves this host (localhost here: the reverse
  # lookup of 127.0.0.1); it is linked from $RUN.
  "$LIBDIR/sge_execd" >> "$LOGS/sge-execd.log" 2>&1
  execd_pid() { local f; for f in "$SPOOL"/execd/*/execd.pid; do [[ -s $f ]] && ln -sf "$f" "$EXECD_PID" && alive "$EXECD_PID" && return 0; done; return 1; }
  wait_for 300 execd_pid \
    || { echo "sge_execd did not start; see $SPOOL/execd/*/messages and $LOGS/sge-execd.log" >&2; tail -20 "$SPOOL"/execd/*/messages >&2 || true; exit 1; }
  log "sge_execd started (pid $(cat "$EXECD_PID"), port $SGE_EXECD_PORT)"
fi
# The queue instance is usable once the execd has reported its load (state empty, not "u" for unknown).
for _ in $(seq 300); do
  state=$("$BIN/qstat" -f -q "rk.q@$HOST" 2>/dev/null | awk -v q="rk.q@$HOST" '$1 == q { print ($6 == "" ? "ok" : $6) }')
  [[ $state == ok ]] && break
  # An error state left by an earlier run (e.g. a job that could not start) is cleared.
  [[ $state == *E* ]] && "$BIN/qmod" -c "rk.q@$HOST" >/dev/null 2>&1 || true
  sleep 0.2
done
"$BIN/qstat" -f
[[ $state == ok ]] || { echo "queue rk.q@$HOST is not ready (state '$state'); see $SPOOL/execd/$HOST/messages" >&2; exit 1; }
log "queue rk.q@$HOST ready with $SLOTS slots"

# ---------------------------------------------------------------- verify
if [[ $VERIFY == 1 ]]; then
  out=$SGE_STATE/verify
  rm -rf "$out"; mkdir -p "$out"
  printf '#!/bin/sh\necho "job=$JOB_ID task=$SGE_TASK_ID host=$HOSTNAME queue=$QUEUE"\n' > "$out/verify.sh"
  job=$("$BIN/qsub" -terse -t 1-2 -N rk-verify -j y -o "$out/" -b n "$out/verify.sh" | cut -d. -f1)
  for _ in $(seq 600); do
    [[ -z $("$BIN/qstat" -u '*' 2>/dev/null | awk -v j="$job" '$1 == j') ]] && break
    sleep 0.1
  done
  log "qsub -t 1-2 job $job output:"; cat "$out"/rk-verify.o"$job".*
  [[ $(cat "$out"/rk-verify.o"$job".* | grep -c "^job=$job task=[12] ") == 2 ]] || { echo "the verify job did not run both tasks" >&2; exit 1; }
fi
log "sge ready: $BIN/qsub, qstat, qdel (source $SGE_STATE/sge.env; logs $LOGS/sge-*.log, $SPOOL/*/messages)"
