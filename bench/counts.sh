#!/usr/bin/env bash
# counts.sh counts what `migrate upgrade head` costs per revision in
# facts that do not depend on the machine's load (issue 10, "Speed"): the
# round trips to the server (the process's socket writes, from strace),
# the file syncs of the process (SQLite) and of the server (PostgreSQL:
# pg_stat_wal.wal_sync; MariaDB: Innodb_data_fsyncs, which counts the
# redo log's, plus Syncs, the server's other file syncs; both count the
# whole server, so other sessions' work adds to them), and the commits
# (PostgreSQL: pg_stat_database.xact_commit of a database made for the
# count, every query of the run included; MariaDB: Innodb_log_writes of
# the whole server). The same is counted for the database's
# own client running the same statements as one script.
#
#   bench/counts.sh [N]                 # default 1000
#   DBS="postgres mysql" bench/counts.sh 1000
#   MIGRATE_BIN=/tmp/migrate-main bench/counts.sh 1000   # another build
#
# Needs strace, and the clients and servers of bench/compare.sh.
set -euo pipefail
n=${1:-1000}
dbs=${DBS:-sqlite postgres mysql}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
tag="cnt$$"
# shellcheck source=bench/servers.sh
. "$root/bench/servers.sh"
pg_cnt_url="${pg_base%/*}/$tag?sslmode=disable"

cleanup() {
	pgq "DROP DATABASE IF EXISTS $tag" 2>/dev/null || true
	myq "DROP DATABASE IF EXISTS $tag" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
if [[ -n ${MIGRATE_BIN:-} ]]; then
	cp "$MIGRATE_BIN" "$work/migrate" # another build, to compare
else
	go build -o "$work/migrate" ./cmd/migrate
fi

fresh() {
	case $1 in
	sqlite) rm -f "$work"/*.db "$work"/*.db-journal "$work"/*.db.migrate-lock ;;
	postgres) pgq "DROP DATABASE IF EXISTS $tag" && pgq "CREATE DATABASE $tag" ;;
	mysql) myq "DROP DATABASE IF EXISTS $tag; CREATE DATABASE $tag" ;;
	esac
}

# server_syncs DB prints the server's sync counter (and, on PostgreSQL,
# the commits of the count's database).
server_syncs() {
	case $1 in
	sqlite) echo "0 0" ;;
	postgres) psql -X -A -t "$pg_url" -c "SELECT (SELECT wal_sync FROM pg_stat_wal), (SELECT xact_commit FROM pg_stat_database WHERE datname = '$tag')" | tr '|' ' ' ;;
	mysql) myq "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_data_fsyncs', 'Syncs', 'Innodb_log_writes')" |
		awk '$1 == "Innodb_log_writes" { w = $2 } $1 != "Innodb_log_writes" && NR > 1 { s += $2 } END { print s, w }' ;;
	esac
}

# count DB WHAT CMD...: runs CMD under strace on a fresh database and
# prints socket writes, process syncs, server syncs and commits per
# revision.
count() {
	local db=$1 what=$2
	shift 2
	fresh "$db"
	sleep 1 # let the statistics collector catch up with the fresh database
	read -r s0 c0 < <(server_syncs "$db")
	strace -f -qq -c -U calls,name -e trace=write,writev,sendto,sendmsg,fsync,fdatasync -o "$work/strace" "$@" >/dev/null
	sleep 1
	read -r s1 c1 < <(server_syncs "$db")
	awk -v n="$n" -v db="$db" -v what="$what" -v ss=$((s1 - s0)) -v cc=$((c1 - c0)) '
		$2 ~ /^(write|writev|sendto|sendmsg)$/ { w += $1 }
		$2 ~ /^(fsync|fdatasync)$/ { f += $1 }
		END { printf "%-9s %-16s %14.2f %14.2f %14.2f %14.2f\n", db, what, w / n, f / n, ss / n, cc / n }' "$work/strace"
}

echo "$n revisions; per revision; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-16s %14s %14s %14s %14s\n' database run writes proc-syncs server-syncs commits
for db in $dbs; do
	case $db in
	sqlite) url="sqlite:$work/bench.db" ;;
	postgres) url=$pg_cnt_url ;;
	mysql) url="mysql://$my_user@$my_hostport/$tag" ;;
	esac
	for kind in empty table; do
		dir="$work/$db-$kind"
		go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir/migrate" -url "$url"
		(cd "$dir/migrate" && count "$db" "migrate $kind" "$work/migrate" -q upgrade head)
		if [[ $kind == table ]]; then
			go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir/script" -tool script
			case $db in
			sqlite) { echo "BEGIN;"; cat "$dir/script/upgrade.sql"; echo "COMMIT;"; } >"$dir/script/tx.sql"
				count "$db" "client $kind" sqlite3 -init "$dir/script/tx.sql" "$work/bench.db" .quit ;;
			postgres) count "$db" "client $kind" psql -q -X -v ON_ERROR_STOP=1 "$pg_cnt_url" -f "$dir/script/upgrade.sql" ;;
			mysql) count "$db" "client $kind" "$mysql_client" -h "$my_host" -P "$my_port" -u "$my_user" "$tag" -e "source $dir/script/upgrade.sql" ;;
			esac
		fi
	done
done
