#!/bin/sh
# stream_rss.sh: stream N rows (default 1,000,000) through a revision's Op
# (ops.Stream into structs, in a transaction on one connection) and print
# the peak RSS of the reading process, on PostgreSQL, MariaDB and SQLite
# (issue 14 goal: peak RSS <= 50 MB). The table is filled by a separate
# process first.
#
#   bench/stream_rss.sh [N]
#
# Servers from MIGRATE_TEST_POSTGRES_URL and MIGRATE_TEST_MYSQL_URL (the
# defaults are the local test servers of scripts/test.sh).
set -eu
n=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/stream_rss" bench/stream_rss.go
for url in "${MIGRATE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable}" \
	"${MIGRATE_TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/migrate_test}" \
	"sqlite:$work/stream.db"; do
	"$work/stream_rss" -url "$url" -n "$n" -setup
	printf '%s: ' "${url%%:*}"
	"$work/stream_rss" -url "$url" -stream
	"$work/stream_rss" -url "$url" -n 0 -setup # drop the table
done
