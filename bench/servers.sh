# servers.sh, sourced by the benchmark scripts: the test servers'
# coordinates from MIGRATE_TEST_POSTGRES_URL and MIGRATE_TEST_MYSQL_URL
# (defaults: the local servers of scripts/test.sh; user@host:port/db, no
# password), the MariaDB client, and pgq/myq to run one statement on each.
pg_url=${MIGRATE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable}
my_url=${MIGRATE_TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306/migrate_test}
mysql_client=$(command -v mariadb || command -v mysql)

pg_base=${pg_url%%\?*}
pg_db=${pg_base##*/}
pg_hostport=${pg_base#*@}
pg_hostport=${pg_hostport%%/*}
pg_user=${pg_base#*://}
pg_user=${pg_user%%@*}
my_base=${my_url%%\?*}
my_hostport=${my_base#*@}
my_hostport=${my_hostport%%/*}
my_host=${my_hostport%%:*}
my_port=${my_hostport##*:}
my_user=${my_base#*://}
my_user=${my_user%%@*}

pgq() { PGOPTIONS="-c client_min_messages=warning" psql -q -X "$pg_url" -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
myq() { "$mysql_client" -h "$my_host" -P "$my_port" -u "$my_user" -e "$1"; }

# pgvacuum rewrites the catalogs the PostgreSQL inspector reads. Every
# test and benchmark that creates and drops tables leaves dead catalog
# rows; with autovacuum off (the CI machines' server has it off) they
# pile up into hundreds of megabytes and every catalog scan pays for
# them (7 December 2026: 2.7 million dead pg_attribute rows, inspection
# of 1,000 tables 280-400 ms before, 120-140 ms after). The figures of
# these scripts are taken on vacuumed catalogs, as a server with
# autovacuum has them.
pgvacuum() {
	local t args=()
	for t in pg_attribute pg_class pg_index pg_constraint pg_depend pg_type pg_attrdef pg_description pg_namespace pg_proc; do
		args+=(-c "VACUUM FULL pg_catalog.$t")
	done
	PGOPTIONS="-c client_min_messages=warning" psql -q -X "$pg_url" "${args[@]}" -c "ANALYZE" >/dev/null
}
