#!/bin/sh
# runner.sh times the runner as whole commands (issue 5):
#
#   bench/runner.sh [N]          # N revisions per project (default 1000)
#   RUNS=5 bench/runner.sh       # measured runs per command (default 3)
#
# For SQLite, and for PostgreSQL when MIGRATE_TEST_POSTGRES_URL is set and
# psql is installed (each project gets a throwaway schema, selected with
# search_path), it writes two projects with bench/gen_runner.go: N
# revisions that each create a small table, and N empty revisions; then
# times `migrate upgrade head` and `migrate downgrade base` RUNS times
# each, alternately. The empty project gives the runner's own overhead
# per revision: (time of N empty revisions) / N. Last, it times
# `migrate current` on a project of 10 revisions at head, as a whole
# process, with hyperfine when installed (else a loop of 50 runs).
set -eu
n=${1:-1000}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
schemas=""
cleanup() {
	for s in $schemas; do
		psql -q "$MIGRATE_TEST_POSTGRES_URL" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
go build -o "$work/migrate" ./cmd/migrate
bin="$work/migrate"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# url_for DB NAME prints the database URL of a fresh database for a project.
url_for() {
	case $1 in
	sqlite) echo "sqlite:app.db" ;;
	postgres)
		s="bench_$2_$$"
		psql -q "$MIGRATE_TEST_POSTGRES_URL" -c "CREATE SCHEMA $s" >/dev/null
		schemas="$schemas $s"
		case $MIGRATE_TEST_POSTGRES_URL in
		*\?*) echo "$MIGRATE_TEST_POSTGRES_URL&search_path=$s" ;;
		*) echo "$MIGRATE_TEST_POSTGRES_URL?search_path=$s" ;;
		esac
		;;
	esac
}

# timed LABEL CMD… runs CMD and records its wall time in ms in $t.
timed() {
	label=$1
	shift
	start=$(now_ms)
	"$@" >/dev/null
	t=$(($(now_ms) - start))
}

dbs="sqlite"
if [ -n "${MIGRATE_TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null 2>&1; then
	dbs="$dbs postgres"
else
	echo "PostgreSQL skipped: set MIGRATE_TEST_POSTGRES_URL and install psql" >&2
fi

printf '%-9s %-6s %-16s %s\n' database kind command "wall ms per run (per revision)"
for db in $dbs; do
	for kind in table empty; do
		dir="$work/$db-$kind"
		go run bench/gen_runner.go -n "$n" -kind "$kind" -dir "$dir" -url "$(url_for "$db" "$kind")"
		up="" down=""
		i=0
		while [ $i -lt "$runs" ]; do
			(cd "$dir" && timed up "$bin" -q upgrade head && echo "$t" >"$work/t") && up="$up $(cat "$work/t")"
			(cd "$dir" && timed down "$bin" -q downgrade base && echo "$t" >"$work/t") && down="$down $(cat "$work/t")"
			i=$((i + 1))
		done
		for c in up down; do
			eval "v=\$$c"
			per=""
			for x in $v; do per="$per $(awk "BEGIN{printf \"%.3f\", $x/$n}")"; done
			name="upgrade head"
			[ $c = down ] && name="downgrade base"
			printf '%-9s %-6s %-16s %s  (%s )\n' "$db" "$kind" "$name" "$v" "$per"
		done
	done
done

echo
for db in $dbs; do
	dir="$work/$db-current"
	go run bench/gen_runner.go -n 10 -kind table -dir "$dir" -url "$(url_for "$db" current)"
	(cd "$dir" && "$bin" -q upgrade head)
	if command -v hyperfine >/dev/null 2>&1; then
		(cd "$dir" && hyperfine -N --warmup 5 --runs 50 --style basic --command-name "$db: migrate current (10 revisions)" "$bin current")
	else
		start=$(now_ms)
		i=0
		while [ $i -lt 50 ]; do (cd "$dir" && "$bin" current >/dev/null); i=$((i + 1)); done
		echo "$db: migrate current (10 revisions): $((($(now_ms) - start) / 50)) ms mean of 50 runs"
	fi
done
