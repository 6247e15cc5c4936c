#!/usr/bin/env bash
# compare.sh times `migrate upgrade head` against Alembic and against the
# database's own client running the same statements as one script, on the
# same graph of N linear revisions (issue 10, "Speed"):
#
#   bench/compare.sh [N]              # default 1000
#   RUNS=5 DBS="postgres mysql" bench/compare.sh 1000
#
# For each database (sqlite, postgres, mysql; DBS narrows the list) and each
# kind of revision (empty: no statements; table: one CREATE TABLE each) it
# writes the graph three ways with bench/gen_runner.go (-tool migrate,
# alembic, script), then times, RUNS times each (default 3) on a fresh
# database every time, and keeps the best (least disturbed) run:
#   - migrate upgrade head (default mode: a transaction per revision);
#   - Alembic 1.8 upgrade head (Debian's python3-alembic, default settings:
#     /usr/bin/python3 -m alembic);
#   - the database's client: sqlite3 with the script in one transaction,
#     psql -f (each statement its own transaction), mariadb < script.
# It prints the best wall times and the ratios: Alembic / migrate (goal for
# empty revisions: >= 10 on PostgreSQL and SQLite, >= 3 on MariaDB) and
# migrate / client (goal for CREATE TABLE revisions: <= 1.3).
#
# Needs: go, /usr/bin/python3 with alembic, sqlalchemy, psycopg2, pymysql;
# sqlite3, psql, mariadb (or mysql) clients (Debian: apt-get install
# python3-alembic python3-sqlalchemy python3-psycopg2 python3-pymysql
# sqlite3 postgresql-client mariadb-client). Servers from
# MIGRATE_TEST_POSTGRES_URL and MIGRATE_TEST_MYSQL_URL (defaults: the local
# test servers of scripts/test.sh).
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-3}
dbs=${DBS:-sqlite postgres mysql}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
tag="cmp$$"
# shellcheck source=bench/servers.sh
. "$root/bench/servers.sh"

cleanup() {
	pgq "DROP SCHEMA IF EXISTS $tag CASCADE" 2>/dev/null || true
	myq "DROP DATABASE IF EXISTS $tag" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
go build -o "$work/migrate" ./cmd/migrate

# fresh DB: an empty database named $tag (a schema on PostgreSQL, a file
# on SQLite).
fresh() {
	case $1 in
	sqlite) rm -f "$work"/*.db "$work"/*.db-journal "$work"/*.db.migrate-lock ;;
	postgres) pgq "DROP SCHEMA IF EXISTS $tag CASCADE; CREATE SCHEMA $tag" ;;
	mysql) myq "DROP DATABASE IF EXISTS $tag; CREATE DATABASE $tag" ;;
	esac
}

# urls DB sets migrate_url and alembic_url for the database $tag.
urls() {
	case $1 in
	sqlite)
		migrate_url="sqlite:$work/bench.db"
		alembic_url="sqlite:///$work/bench.db"
		;;
	postgres)
		migrate_url="$pg_url&search_path=$tag"
		[[ $pg_url == *\?* ]] || migrate_url="$pg_url?search_path=$tag"
		alembic_url="postgresql+psycopg2://$pg_user@$pg_hostport/$pg_db?options=-csearch_path%3D$tag"
		;;
	mysql)
		migrate_url="mysql://$my_user@$my_hostport/$tag"
		alembic_url="mysql+pymysql://$my_user@$my_hostport/$tag"
		;;
	esac
}

# client DB FILE runs the script with the database's own client.
client() {
	case $1 in
	sqlite) { echo "BEGIN;"; cat "$2"; echo "COMMIT;"; } | sqlite3 "$work/bench.db" ;;
	postgres) PGOPTIONS="-c search_path=$tag" psql -q -X -v ON_ERROR_STOP=1 "$pg_url" -f "$2" >/dev/null ;;
	mysql) "$mysql_client" -h "$my_host" -P "$my_port" -u "$my_user" "$tag" <"$2" ;;
	esac
}

now_ns() { date +%s%N; }

# best DB TOOL KIND: the best of $runs wall times in ms, each on a fresh
# database.
best() {
	local db=$1 tool=$2 kind=$3 b="" i t0 t
	local dir="$work/$db-$kind"
	for ((i = 0; i < runs; i++)); do
		fresh "$db"
		t0=$(now_ns)
		case $tool in
		migrate) (cd "$dir/migrate" && "$work/migrate" -q upgrade head >/dev/null) ;;
		alembic) (cd "$dir/alembic" && BENCH_ALEMBIC_URL=$alembic_url /usr/bin/python3 -m alembic upgrade head >/dev/null) ;;
		client) client "$db" "$dir/script/upgrade.sql" ;;
		esac
		t=$((($(now_ns) - t0) / 1000000))
		if [[ -z $b || $t -lt $b ]]; then b=$t; fi
	done
	echo "$b"
}

ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1/$2; else print \"-\" }"; }

echo "$n revisions, best of $runs runs, wall ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-6s %9s %9s %9s %16s %16s\n' database kind alembic migrate client alembic/migrate migrate/client
for db in $dbs; do
	urls "$db"
	for kind in empty table; do
		dir="$work/$db-$kind"
		go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir/migrate" -url "$migrate_url"
		go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir/alembic" -tool alembic
		go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir/script" -tool script
		a=$(best "$db" alembic "$kind")
		m=$(best "$db" migrate "$kind")
		c="-"
		mc="-"
		if [[ $kind == table ]]; then
			c=$(best "$db" client "$kind")
			mc=$(ratio "$m" "$c")
		fi
		printf '%-9s %-6s %9s %9s %9s %16s %16s\n' "$db" "$kind" "$a" "$m" "$c" "$(ratio "$a" "$m")" "$mc"
	done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
