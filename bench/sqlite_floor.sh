#!/usr/bin/env bash
# sqlite_floor.sh measures how far `migrate upgrade head` on N CREATE TABLE
# revisions is from the floor of any pure-Go tool, and the floor from the
# sqlite3 CLI (issue 10, "Speed"). It runs, alternately, RUNS times each
# (default 10), on a fresh database file every time:
#   - sqlite3: the CLI running the statements in one transaction (the
#     goal's reference, as in bench/compare.sh);
#   - floor: bench/sqlite_floor.go, the same statements through
#     modernc.org/sqlite (migrate's driver) in one transaction, with
#     context.Background;
#   - floor-cancellable: the same with a context that can be cancelled, as
#     migrate's statements have (Ctrl-C interrupts them): modernc then
#     starts a goroutine and a progress handler per statement;
#   - migrate: `migrate -q upgrade head` on the same graph (default mode).
# It prints, per command, the least and the mean wall time and CPU time
# (user + system, from /usr/bin/time, all threads): on a loaded machine
# the CPU times are the steadier figures.
#
#   bench/sqlite_floor.sh [N]           # default 1000
#   RUNS=20 bench/sqlite_floor.sh 1000
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/migrate" ./cmd/migrate
go build -o "$work/floor" bench/sqlite_floor.go
go run bench/gen_runner.go -n "$n" -kind table -dir "$work/project" -url "sqlite:$work/m.db"
go run bench/gen_runner.go -n "$n" -kind table -dir "$work/script" -tool script
{ echo "BEGIN;"; cat "$work/script/upgrade.sql"; echo "COMMIT;"; } >"$work/one-transaction.sql"

timed() { /usr/bin/time -f "$1 %e %U %S" "${@:2}" 2>&1 >/dev/null | tail -1; }

echo "$n CREATE TABLE revisions, $runs runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
	rm -f "$work"/c.db*
	timed sqlite3 sh -c "sqlite3 '$work/c.db' <'$work/one-transaction.sql'"
	timed floor "$work/floor" -script "$work/script/upgrade.sql" -db "$work/f.db"
	timed floor-cancellable "$work/floor" -cancellable -script "$work/script/upgrade.sql" -db "$work/f.db"
	rm -f "$work"/m.db*
	(cd "$work/project" && timed migrate "$work/migrate" -q upgrade head)
done | awk '
	{ w = $2 * 1000; c = ($3 + $4) * 1000; k = $1
	  if (!(k in mw) || w < mw[k]) mw[k] = w
	  if (!(k in mc) || c < mc[k]) mc[k] = c
	  sw[k] += w; sc[k] += c; n[k]++ }
	END {
	  printf "%-18s %9s %9s %9s %9s %12s\n", "ms", "min wall", "mean wall", "min cpu", "mean cpu", "cpu/sqlite3"
	  split("sqlite3 floor floor-cancellable migrate", order, " ")
	  for (i = 1; i <= 4; i++) { k = order[i]
	    printf "%-18s %9d %9d %9d %9d %12.2f\n", k, mw[k], sw[k] / n[k], mc[k], sc[k] / n[k], (sc[k] / n[k]) / (sc["sqlite3"] / n["sqlite3"]) }
	}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
