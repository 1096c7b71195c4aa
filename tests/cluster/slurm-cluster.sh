#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the cluster tests, from Debian's slurm-wlm and
# munge, with every file (config, munge key and socket, state, spool, logs, pid files) under DIR.
#
#   tests/cluster/slurm-cluster.sh start DIR   write DIR/slurm.conf, start munged, slurmctld, slurmd;
#                                              wait until the node is idle; print the env to use
#   tests/cluster/slurm-cluster.sh stop DIR    stop the three daemons started from DIR
#   tests/cluster/slurm-cluster.sh env DIR     print "export SLURM_CONF=DIR/slurm.conf"
#
# Clients find the cluster through SLURM_CONF=DIR/slurm.conf (its AuthInfo names the munge
# socket). Nothing outside DIR is written, and stop only signals the pids recorded in DIR.
# Ports: SLURM_TEST_PORT (default: the first free pair from 16817) for slurmctld, +1 for slurmd.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|env DIR" >&2
  exit 1
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

log() { echo "[slurm-cluster] $*" >&2; }

need() {
  command -v "$1" >/dev/null || { echo "[slurm-cluster] error: $1 not found: run scripts/setup-deps.sh" >&2; exit 1; }
}

port_free() { ! ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

stop_pidfile() {
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

case "$cmd" in
  env)
    echo "export SLURM_CONF=$dir/slurm.conf"
    ;;
  stop)
    # slurmd first, so that it does not requeue its jobs against a vanished controller.
    stop_pidfile "$dir/run/slurmd.pid"
    stop_pidfile "$dir/run/slurmctld.pid"
    stop_pidfile "$dir/munge/munged.pid"
    log "stopped the cluster of $dir"
    ;;
  start)
    for p in munged mungekey slurmctld slurmd sinfo sbatch ss; do need "$p"; done
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
    # munged refuses group/world-writable key and socket folders.
    chmod 0700 "$dir/munge"
    chmod 0755 "$dir" "$dir/state" "$dir/spool" "$dir/log" "$dir/run"

    port="${SLURM_TEST_PORT:-16817}"
    while ! port_free "$port" || ! port_free $((port + 1)); do port=$((port + 2)); done

    [ -f "$dir/munge/munge.key" ] || mungekey --create --keyfile="$dir/munge/munge.key" >/dev/null 2>&1 ||
      dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 0600 "$dir/munge/munge.key"

    cpus=$(nproc)
    mem_mb=$(awk '/MemAvailable/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
    cat > "$dir/slurm.conf" <<EOF
# Written by tests/cluster/slurm-cluster.sh: a one-node test cluster, everything under $dir.
ClusterName=drafting-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket.2
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
# Finished jobs stay visible to squeue/scontrol for 10 minutes (there is no accounting database).
MinJobAge=600
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    export SLURM_CONF="$dir/slurm.conf"

    # munged would run as root only with --force; all of its paths are ours.
    munged --force --socket="$dir/munge/munge.socket.2" --key-file="$dir/munge/munge.key" \
      --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
      --seed-file="$dir/munge/munged.seed"
    # -i: ignore stale state from an earlier cluster in the same DIR.
    slurmctld -f "$dir/slurm.conf" -i
    slurmd -f "$dir/slurm.conf" -N localhost

    for _ in $(seq 60); do
      state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)
      if [ "$state" = idle ]; then
        log "cluster up in $dir (slurmctld port $port, $cpus CPUs); export SLURM_CONF=$dir/slurm.conf"
        echo "export SLURM_CONF=$dir/slurm.conf"
        exit 0
      fi
      sleep 0.5
    done
    log "error: the node did not become idle (state '${state:-none}'); logs in $dir/log"
    tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" "$dir/log/munged.log" >&2 2>/dev/null || true
    "$0" stop "$dir" || true
    exit 1
    ;;
  *)
    echo "usage: $0 start|stop|env DIR" >&2
    exit 1
    ;;
esac
