#!/usr/bin/env bash
# autogen.sh times autogenerate's comparison of a live database with its
# model, side by side with Alembic 1.8, on the same generated schema of N
# tables (default 1000; bench/gen_autogen.go: eleven columns, a primary
# key, two indexes and a foreign key each):
#
#   bench/autogen.sh [N]               # default 1000
#   RUNS=5 DBS="postgres sqlite" bench/autogen.sh 1000
#
# For each database (sqlite, postgres, mysql; DBS narrows the list) it
# loads the schema with the database's own client, then times, keeping
# the best of RUNS runs (default 3):
#   - alembic: bench/alembic_autogen.py, i.e. a fresh engine, connect and
#     alembic.autogenerate.compare_metadata(context, target) with
#     compare_type and compare_server_default on; the target metadata is
#     the same schema reflected once beforehand (not timed). This is the
#     comparison `alembic revision --autogenerate` runs (Alembic 1.8 has no
#     `alembic check`). Also the queries it sends.
#   - migrate check, Go model: the whole command in a Go project whose
#     env.go Target() is `migrate inspect --format go` of the database; the
#     compiled runner is built by a first, untimed run (cached after).
#   - migrate check --model schema.sql: the whole command with the SQL
#     model, which includes the scratch database (a temporary database on
#     PostgreSQL and MariaDB, in memory for SQLite) loaded with the file;
#   - and the library benchmarks: BenchmarkCheck (inspect + Compare, with
#     the queries per check), BenchmarkScratchModel (the scratch database
#     alone) and BenchmarkCompare1000 (Compare of two models in memory).
# Every check must report no difference (exit 0).
#
# Needs what bench/compare.sh needs: go, /usr/bin/python3 with alembic,
# sqlalchemy, psycopg2 and pymysql; the sqlite3, psql and mariadb clients;
# servers from MIGRATE_TEST_POSTGRES_URL and MIGRATE_TEST_MYSQL_URL.
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-3}
dbs=${DBS:-sqlite postgres mysql}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
tag="agb$$"
# shellcheck source=bench/servers.sh
. "$root/bench/servers.sh"
export MIGRATE_TEST_POSTGRES_URL=$pg_url MIGRATE_TEST_MYSQL_URL=$my_url

cleanup() {
	pgq "DROP SCHEMA IF EXISTS $tag CASCADE" 2>/dev/null || true
	myq "DROP DATABASE IF EXISTS $tag" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
go build -o "$work/migrate" ./cmd/migrate
export MIGRATE_CACHE_DIR="$work/cache"

# load DB: the schema in a fresh database $tag, and the URLs to it.
load() {
	go run bench/gen_autogen.go -dialect "$1" -n "$n" >"$work/$1.sql"
	case $1 in
	sqlite)
		rm -f "$work/bench.db"
		{ echo "BEGIN;"; cat "$work/$1.sql"; echo "COMMIT;"; } | sqlite3 "$work/bench.db"
		migrate_url="sqlite:$work/bench.db"
		alembic_url="sqlite:///$work/bench.db"
		;;
	postgres)
		pgq "DROP SCHEMA IF EXISTS $tag CASCADE; CREATE SCHEMA $tag"
		PGOPTIONS="-c search_path=$tag -c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 "$pg_url" -f "$work/$1.sql" >/dev/null
		pgvacuum # dead catalog rows of earlier runs and tests (servers.sh)
		migrate_url="$pg_url&search_path=$tag"
		[[ $pg_url == *\?* ]] || migrate_url="$pg_url?search_path=$tag"
		alembic_url="postgresql+psycopg2://$pg_user@$pg_hostport/$pg_db?options=-csearch_path%3D$tag"
		;;
	mysql)
		myq "DROP DATABASE IF EXISTS $tag; CREATE DATABASE $tag"
		"$mysql_client" -h "$my_host" -P "$my_port" -u "$my_user" "$tag" <"$work/$1.sql"
		migrate_url="mysql://$my_user@$my_hostport/$tag"
		alembic_url="mysql+pymysql://$my_user@$my_hostport/$tag"
		;;
	esac
}

# projects DB: a Go project whose Target() is the inspected schema, and a
# SQL project for --model.
projects() {
	local go_dir="$work/$1-go" sql_dir="$work/$1-sql" url=${migrate_url//&/\\&}
	rm -rf "$go_dir" "$sql_dir"
	cp -r testdata/goproject "$go_dir"
	rm -f "$go_dir"/migrations/versions/*
	sed -i "s#=> ../..#=> $root#" "$go_dir/go.mod"
	sed -i "s#^database_url = .*#database_url = \"$url\"#" "$go_dir/migrate.toml"
	"$work/migrate" -c "$go_dir/migrate.toml" inspect --format go --package migrations >"$go_dir/migrations/env.go"
	# Two untimed runs: the first builds the runner (and writes go.sum,
	# part of the runner's cache key), the second caches it.
	(cd "$go_dir" && "$work/migrate" check >/dev/null && "$work/migrate" check >/dev/null)
	mkdir -p "$sql_dir"
	(cd "$sql_dir" && "$work/migrate" -q init --template sql >/dev/null)
	sed -i "s#^database_url = .*#database_url = \"$url\"#" "$sql_dir/migrate.toml"
}

now_ns() { date +%s%N; }

# best DIR CMD…: the best of $runs wall times in ms of CMD run in DIR.
best() {
	local dir=$1 b="" i t0 t
	shift
	for ((i = 0; i < runs; i++)); do
		t0=$(now_ns)
		(cd "$dir" && "$@" >/dev/null)
		t=$((($(now_ns) - t0) / 1000000))
		if [[ -z $b || $t -lt $b ]]; then b=$t; fi
	done
	echo "$b"
}

echo "$n tables, best of $runs runs, wall ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for db in $dbs; do
	load "$db"
	echo "== $db"
	/usr/bin/python3 bench/alembic_autogen.py "$alembic_url" "$runs"
	projects "$db"
	echo "migrate check, Go model (cached runner): $(best "$work/$db-go" "$work/migrate" check) ms"
	echo "migrate check --model $db.sql (scratch database included): $(best "$work/$db-sql" "$work/migrate" check --model "$work/$db.sql") ms"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== library benchmarks (inspect + Compare; scratch database alone; Compare alone)"
MIGRATE_BENCH_TABLES=$n go test ./autogen -run '^$' -bench "^Benchmark(Check|ScratchModel|Compare1000)\$/^($(echo "$dbs" | tr ' ' '|'))\$" -benchtime "${runs}x" -timeout 60m
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
