#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on 127.0.0.1 for the cluster tests:
# three mariadbd processes with their own datadirs, ports, sockets and
# Galera base ports; the first node bootstraps the cluster, the others
# join it by rsync SST. scripts/test.sh calls it (MIGRATE_TEST_GALERA=1,
# and always under CI=true).
#
# Usage: bash scripts/galera.sh start|stop|status|urls
#   start   start the cluster, or reuse the one that is running; waits until
#           every node says Synced, then prints the URLs (space-separated)
#   stop    stop the three nodes (their datadirs stay, for a fast restart)
#   clean   stop the nodes and remove $MIGRATE_TEST_GALERA_DIR
#   status  print each node's wsrep_local_state_comment
#   urls    print the URLs of the three nodes
#
# Environment:
#   MIGRATE_TEST_GALERA_DIR=/tmp/migrate-galera   where datadirs, sockets and logs live
#   MIGRATE_TEST_GALERA_PORT=13306                SQL port of node 1 (nodes 2 and 3: +1, +2)
#   MIGRATE_TEST_GALERA_BASE_PORT=14567           Galera port of node 1 (nodes 2 and 3: +10, +20)
#   MIGRATE_TEST_GALERA_WAIT=120                  seconds to wait for each node to be Synced
#   MIGRATE_TEST_GALERA_FRESH=1                   remove the datadirs before starting
#
# The start time is written to $MIGRATE_TEST_GALERA_DIR/start-time and the
# log (stderr).
set -euo pipefail

readonly DIR=${MIGRATE_TEST_GALERA_DIR:-/tmp/migrate-galera}
readonly PORT=${MIGRATE_TEST_GALERA_PORT:-13306}
readonly BASE=${MIGRATE_TEST_GALERA_BASE_PORT:-14567}
readonly WAIT=${MIGRATE_TEST_GALERA_WAIT:-120}
readonly NODES=(1 2 3)

log() { echo "galera.sh: $*" >&2; }
die() {
	log "$*"
	exit 1
}

sql_port() { echo $((PORT + $1 - 1)); }
gal_port() { echo $((BASE + ($1 - 1) * 10)); }
node_dir() { echo "$DIR/node$1"; }
sock() { echo "$(node_dir "$1")/mysqld.sock"; }

# q N SQL: run SQL on node N as root over its socket, tab-separated output.
q() { mariadb --protocol=socket -S "$(sock "$1")" -uroot -N -B --connect-timeout=3 -e "$2" 2>/dev/null; }

state() { q "$1" "SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'" | cut -f2; }
cluster_size() { q "$1" "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'" | cut -f2; }
synced() { [[ $(state "$1") == Synced ]]; }
all_synced() {
	local n
	for n in "${NODES[@]}"; do
		synced "$n" || return 1
	done
	[[ $(cluster_size 1) == "${#NODES[@]}" ]]
}

provider() {
	local p
	for p in /usr/lib/galera/libgalera_smm.so /usr/lib/libgalera_smm.so /usr/lib64/galera-4/libgalera_smm.so; do
		[[ -f $p ]] && { echo "$p"; return; }
	done
	command -v dpkg >/dev/null && dpkg -L galera-4 2>/dev/null | grep -m1 'libgalera_smm\.so$' && return
	return 1
}

# install_missing installs what the cluster needs with apt-get (as root):
# the server, the Galera provider, rsync for SST, lsof for its script.
install_missing() {
	local pkgs=()
	[[ -x /usr/sbin/mariadbd ]] || pkgs+=(mariadb-server)
	provider >/dev/null || pkgs+=(galera-4)
	command -v rsync >/dev/null || pkgs+=(rsync)
	command -v lsof >/dev/null || pkgs+=(lsof)
	((${#pkgs[@]} == 0)) && return 0
	[[ $(id -u) == 0 ]] || die "missing ${pkgs[*]}; installing needs root"
	log "installing ${pkgs[*]}"
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y "${pkgs[@]}" >&2
}

write_config() {
	local n=$1 d members="" m
	d=$(node_dir "$n")
	for m in "${NODES[@]}"; do
		members+="${members:+,}127.0.0.1:$(gal_port "$m")"
	done
	mkdir -p "$d/tmp"
	cat >"$d/my.cnf" <<EOF
[mysqld]
datadir=$d/data
socket=$(sock "$n")
pid-file=$d/mysqld.pid
tmpdir=$d/tmp
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
$([[ $(id -u) == 0 ]] && echo user=mysql)
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=48M
innodb_log_file_size=16M
innodb_flush_log_at_trx_commit=2
performance_schema=OFF
max_connections=200
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
wsrep_on=ON
wsrep_provider=$(provider)
wsrep_cluster_name=migrate_test
wsrep_cluster_address=gcomm://$members
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1
wsrep_node_incoming_address=127.0.0.1:$(sql_port "$n")
wsrep_provider_options="base_port=$(gal_port "$n");base_host=127.0.0.1;ist.recv_addr=127.0.0.1:$(($(gal_port "$n") + 1));gcache.size=32M;gcs.fc_limit=64"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(($(gal_port "$n") + 2))
wsrep_slave_threads=2
EOF
}

init_node() {
	local n=$1 d
	d=$(node_dir "$n")
	[[ -d $d/data/mysql ]] && return 0
	mkdir -p "$d/data" "$d/tmp"
	own "$d"
	mariadb-install-db --defaults-file="$d/my.cnf" --auth-root-authentication-method=socket \
		--skip-test-db >"$d/install.log" 2>&1 || { cat "$d/install.log" >&2; die "mariadb-install-db failed for node $n"; }
}

# own gives the node's directory to the mysql user, which mariadbd runs as
# when started by root.
own() {
	if [[ $(id -u) == 0 ]]; then
		chown -R mysql:mysql "$1"
	fi
}

running() { [[ -S $(sock "$1") ]] && q "$1" 'SELECT 1' >/dev/null; }

start_node() {
	local n=$1 d
	shift
	d=$(node_dir "$n")
	running "$n" && return 0
	own "$d"
	log "starting node $n (port $(sql_port "$n"), Galera port $(gal_port "$n"))${*:+ $*}"
	# setsid: the node outlives the shell that started it.
	setsid /usr/sbin/mariadbd --defaults-file="$d/my.cnf" "$@" </dev/null >>"$d/stdout.log" 2>&1 &
}

wait_node() {
	local n=$1 i
	for ((i = 0; i < WAIT * 2; i++)); do
		synced "$n" && return 0
		sleep 0.5
	done
	tail -20 "$(node_dir "$n")/error.log" >&2 || true
	die "node $n is not Synced after ${WAIT}s (log: $(node_dir "$n")/error.log)"
}

# grastate_safe marks node 1 safe to bootstrap: after all nodes stopped,
# the last one to leave is the safe one, but a test cluster can start from
# any of them.
grastate_safe() {
	local f
	f="$(node_dir 1)/data/grastate.dat"
	[[ -f $f ]] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$f"
	return 0
}

setup_users() {
	q 1 "CREATE USER IF NOT EXISTS root@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS migrate_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" ||
		die "cannot create root@127.0.0.1 and migrate_test on node 1"
}

urls() {
	local n out=""
	for n in "${NODES[@]}"; do
		out+="${out:+ }mysql://root@127.0.0.1:$(sql_port "$n")/migrate_test"
	done
	echo "$out"
}

start() {
	local started n
	if all_synced 2>/dev/null; then
		log "reusing the running cluster in $DIR"
		urls
		return 0
	fi
	install_missing
	[[ -n ${MIGRATE_TEST_GALERA_FRESH:-} ]] && { stop_all; rm -rf "$DIR"; }
	started=$(date +%s.%N)
	local pids=()
	for n in "${NODES[@]}"; do
		write_config "$n"
		init_node "$n" &
		pids+=($!)
	done
	for n in "${pids[@]}"; do
		wait "$n" || die "could not initialise the datadirs"
	done
	if ! running 1 && ! running 2 && ! running 3; then
		grastate_safe
		start_node 1 --wsrep-new-cluster
	else
		running 1 || start_node 1
	fi
	wait_node 1
	setup_users
	for n in "${NODES[@]:1}"; do
		start_node "$n"
	done
	for n in "${NODES[@]:1}"; do
		wait_node "$n"
	done
	all_synced || die "the cluster has $(cluster_size 1) node(s), want ${#NODES[@]}"
	local secs
	secs=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }")
	echo "started in $secs s at $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >"$DIR/start-time"
	log "cluster of ${#NODES[@]} nodes Synced in $secs s ($(du -sh "$DIR" | cut -f1) in $DIR)"
	urls
}

stop_all() {
	local n pid
	# The joiners first, node 1 last: it stays safe to bootstrap.
	for n in 3 2 1; do
		pid=$(cat "$(node_dir "$n")/mysqld.pid" 2>/dev/null) || continue
		kill "$pid" 2>/dev/null || continue
		while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
		log "stopped node $n"
	done
}

status() {
	local n
	for n in "${NODES[@]}"; do
		echo "node $n (port $(sql_port "$n")): $(state "$n" || echo down)"
	done
}

case ${1:-} in
start) start ;;
stop) stop_all ;;
clean)
	stop_all
	rm -rf "$DIR"
	;;
status) status ;;
urls) urls ;;
*) die "usage: galera.sh start|stop|clean|status|urls" ;;
esac
