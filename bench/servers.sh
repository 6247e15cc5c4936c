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
