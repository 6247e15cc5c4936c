#!/usr/bin/env bash
# Inspection speed on the three databases: the benchmark workload of 100,
# 1,000 and 5,000 tables (ten columns, two indexes and one foreign key
# each), with the number of catalog queries per inspection.
#
#   bash bench/inspect.sh            # servers from MIGRATE_TEST_*_URL
#
# Targets for 1,000 tables on the 2-core machine: PostgreSQL < 0.3 s,
# MariaDB < 0.5 s, SQLite < 0.3 s. Figures go in bench/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${MIGRATE_TEST_POSTGRES_URL:=postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable}"
: "${MIGRATE_TEST_MYSQL_URL:=mysql://root@127.0.0.1:3306/migrate_test}"
export MIGRATE_TEST_POSTGRES_URL MIGRATE_TEST_MYSQL_URL
# shellcheck source=bench/servers.sh
. bench/servers.sh
pgvacuum # dead catalog rows of earlier runs and tests
MIGRATE_BENCH_5000="${MIGRATE_BENCH_5000:-1}" go test ./inspect -run '^$' -bench '^BenchmarkInspect$' -benchtime "${BENCHTIME:-5x}" -timeout 60m
