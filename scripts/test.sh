#!/usr/bin/env bash
# The full test run: make sure PostgreSQL and MariaDB answer on 127.0.0.1
# (starting them, or installing them with apt-get as root, when needed),
# create the migrate_test databases, then run go vet and go test.
#
# Usage: bash scripts/test.sh [go test arguments]   (default: ./...)
#
# Environment:
#   CI=true                     a server that cannot be made to answer is fatal;
#                               otherwise the script warns and the integration
#                               tests of that server skip.
#   MIGRATE_TEST_POSTGRES_URL   use this PostgreSQL instead of the local one
#   MIGRATE_TEST_MYSQL_URL      use this MySQL/MariaDB instead of the local one
#                               (a server named this way is not started or set up)
#   MIGRATE_TEST_WAIT=60        seconds to wait for a server to answer after starting it
#   MIGRATE_TEST_GALERA=1       also start a 3-node MariaDB Galera cluster on 127.0.0.1
#                               (scripts/galera.sh; always under CI=true) and export
#                               MIGRATE_TEST_GALERA_URLS for the cluster tests; a
#                               running cluster is reused, and left running unless
#                               MIGRATE_TEST_GALERA_STOP=1
#   MIGRATE_TEST_GALERA_URLS    use this cluster (node URLs separated by spaces)
#   MIGRATE_TEST_DRY_RUN=1      print the commands that would start, install or
#                               configure servers and run the tests, without
#                               running them (checks still run)
#   MIGRATE_TEST_ASSUME_DOWN=1  with DRY_RUN: pretend the servers do not answer
#   MIGRATE_TEST_ASSUME_MISSING=1  with DRY_RUN: pretend they are not installed
#
# The script is idempotent: servers that already answer are left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly DEFAULT_PG_URL='postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable'
readonly DEFAULT_MY_URL='mysql://root@127.0.0.1:3306/migrate_test'
readonly HBA_MARKER='# migrate scripts/test.sh: trust local test connections'
DRY_RUN=${MIGRATE_TEST_DRY_RUN:-}
ASSUME_DOWN=${DRY_RUN:+${MIGRATE_TEST_ASSUME_DOWN:-}}
ASSUME_MISSING=${DRY_RUN:+${MIGRATE_TEST_ASSUME_MISSING:-}}

log() { echo "test.sh: $*" >&2; }

# run executes a command, or prints it in a dry run.
run() {
	if [[ -n $DRY_RUN ]]; then
		echo "+ $*"
		return 0
	fi
	"$@"
}

# unavailable reports a server that cannot be used: fatal under CI=true.
unavailable() {
	if [[ ${CI:-} == true ]]; then
		log "FATAL: $* (CI=true: integration tests may not skip)"
		exit 1
	fi
	log "WARNING: $*; its integration tests will be skipped"
}

is_root() { [[ -n $DRY_RUN || $(id -u) == 0 ]]; }

# wait_for NAME CHECK: poll CHECK for up to MIGRATE_TEST_WAIT seconds (60).
wait_for() {
	local name=$1 check=$2 i
	if [[ -n $DRY_RUN ]]; then
		echo "+ wait up to ${MIGRATE_TEST_WAIT:-60}s for $name"
		return 0
	fi
	for ((i = 0; i < ${MIGRATE_TEST_WAIT:-60}; i++)); do
		if "$check"; then
			return 0
		fi
		sleep 1
	done
	return 1
}

apt_install() {
	is_root || { log "installing $* needs root"; return 1; }
	run apt-get update || return 1
	run env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# prepare_start NAME INSTALLED PACKAGE: install PACKAGE unless INSTALLED
# says NAME is, and check that we may start it (root).
prepare_start() {
	local name=$1 installed=$2 package=$3
	if ! "$installed"; then
		log "$name is not installed; installing it"
		apt_install "$package" || return 1
	fi
	is_root || { log "starting $name needs root"; return 1; }
}

# setup_server LABEL NAME VAR URL STEP:PROBLEM...: unless VAR names another
# server than URL, point VAR at URL and run each STEP in turn; the first
# that fails makes NAME unavailable with PROBLEM. LABEL names the server
# in the message for a VAR given from outside.
setup_server() {
	local label=$1 name=$2 var=$3 url=$4 step
	shift 4
	if [[ -n ${!var:-} && ${!var} != "$url" ]]; then
		log "$label: using $var as given"
		return 0
	fi
	export "$var=$url"
	for step in "$@"; do
		"${step%%:*}" || { unavailable "${step#*:}"; return 0; }
	done
	log "$name ready: ${!var}"
}

# --- PostgreSQL -----------------------------------------------------------

pg_up() {
	[[ -z $ASSUME_DOWN ]] && command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -q
}

pg_trust_ok() {
	[[ -z $ASSUME_DOWN ]] && PGCONNECT_TIMEOUT=5 psql -w -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_version() {
	if [[ -n $ASSUME_MISSING ]]; then
		echo 15 # what apt-get would install on Debian 12
		return
	fi
	ls /etc/postgresql 2>/dev/null | sort -V | head -1
}

pg_installed() { [[ -z $ASSUME_MISSING && -n $(ls /etc/postgresql 2>/dev/null) ]]; }

start_postgres() {
	pg_up && return 0
	prepare_start PostgreSQL pg_installed postgresql || return 1
	local v
	v=$(pg_version)
	log "starting PostgreSQL $v"
	# A cluster that is still starting says "already running": wait anyway.
	run pg_ctlcluster --skip-systemctl-redirect "$v" main start || log "pg_ctlcluster start failed; waiting for the server anyway"
	wait_for PostgreSQL pg_up
}

# trust_postgres lets user postgres connect over TCP from 127.0.0.1 and ::1
# without a password (a fresh Debian cluster asks for scram or peer auth).
trust_postgres() {
	pg_trust_ok && return 0
	is_root || { log "changing pg_hba.conf needs root"; return 1; }
	local v hba
	v=$(pg_version)
	hba=/etc/postgresql/$v/main/pg_hba.conf
	if [[ -n $DRY_RUN ]] || ! grep -qF "$HBA_MARKER" "$hba"; then
		log "allowing trust authentication for 127.0.0.1 and ::1 in $hba"
		if [[ -n $DRY_RUN ]]; then
			echo "+ prepend to $hba: local all postgres trust; host all all 127.0.0.1/32 trust; host all all ::1/128 trust"
		else
			{
				echo "$HBA_MARKER"
				echo 'local   all   postgres                 trust'
				echo 'host    all   all        127.0.0.1/32  trust'
				echo 'host    all   all        ::1/128       trust'
				cat "$hba"
			} >"$hba.migrate-tmp" && cat "$hba.migrate-tmp" >"$hba" && rm -f "$hba.migrate-tmp" || return 1
		fi
	fi
	run pg_ctlcluster --skip-systemctl-redirect "$v" main reload || return 1
	[[ -n $DRY_RUN ]] || pg_trust_ok
}

create_postgres_db() {
	if [[ -n $DRY_RUN ]]; then
		echo "+ psql: CREATE DATABASE migrate_test (unless it exists)"
		return 0
	fi
	local exists
	exists=$(psql -w -h 127.0.0.1 -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'migrate_test'") || return 1
	[[ $exists == 1 ]] || psql -w -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE migrate_test' || return 1
	# The tests create and drop thousands of schemas: left alone, the
	# system catalogs of migrate_test grow to hundreds of megabytes of dead
	# rows (pg_attribute: 307 MB for a few thousand live rows after a day),
	# and every inspection, ours and Alembic's, gets several times slower.
	# Compacting them takes a second or two before any test runs.
	psql -w -h 127.0.0.1 -U postgres -d migrate_test -qc 'VACUUM FULL pg_catalog.pg_class, pg_catalog.pg_attribute,
		pg_catalog.pg_depend, pg_catalog.pg_constraint, pg_catalog.pg_index, pg_catalog.pg_type, pg_catalog.pg_attrdef,
		pg_catalog.pg_trigger, pg_catalog.pg_description, pg_catalog.pg_namespace, pg_catalog.pg_proc,
		pg_catalog.pg_rewrite, pg_catalog.pg_sequence, pg_catalog.pg_statistic, pg_catalog.pg_inherits' ||
		echo "test.sh: could not compact the catalogs of migrate_test (the tests run anyway, only slower)" >&2
}

setup_postgres() {
	setup_server PostgreSQL PostgreSQL MIGRATE_TEST_POSTGRES_URL "$DEFAULT_PG_URL" \
		"start_postgres:PostgreSQL does not answer on 127.0.0.1:5432" \
		"trust_postgres:PostgreSQL: user postgres cannot connect from 127.0.0.1 without a password" \
		"create_postgres_db:PostgreSQL: cannot create database migrate_test"
}

# --- MariaDB --------------------------------------------------------------

my_up() {
	# mysqladmin ping succeeds when the server answers, even if access is denied.
	[[ -z $ASSUME_DOWN ]] && command -v mysqladmin >/dev/null &&
		mysqladmin -h127.0.0.1 -P3306 -uroot --connect-timeout=3 ping >/dev/null 2>&1
}

my_root_ok() {
	[[ -z $ASSUME_DOWN ]] && mariadb -h127.0.0.1 -P3306 -uroot --connect-timeout=3 -e 'SELECT 1' >/dev/null 2>&1
}

my_installed() { [[ -z $ASSUME_MISSING && -x /usr/sbin/mariadbd ]]; }

start_mariadb() {
	my_up && return 0
	prepare_start MariaDB my_installed mariadb-server || return 1
	log "starting MariaDB"
	run mkdir -p /run/mysqld || return 1
	run chown mysql:mysql /run/mysqld || return 1
	run start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql || return 1
	wait_for MariaDB my_up
}

# root_mariadb lets root connect over TCP with an empty password (a fresh
# install authenticates root@localhost by unix_socket only). Socket
# authentication keeps working.
root_mariadb() {
	my_root_ok && return 0
	is_root || { log "changing MariaDB users needs root"; return 1; }
	log "allowing root over TCP with an empty password"
	run mariadb -uroot --protocol=socket -e "
		ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
		CREATE USER IF NOT EXISTS root@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
		GRANT ALL PRIVILEGES ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;
		CREATE USER IF NOT EXISTS root@'::1' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
		GRANT ALL PRIVILEGES ON *.* TO root@'::1' WITH GRANT OPTION;
		FLUSH PRIVILEGES;" || return 1
	[[ -n $DRY_RUN ]] || my_root_ok
}

create_mariadb_db() {
	run mariadb -h127.0.0.1 -P3306 -uroot -e \
		'CREATE DATABASE IF NOT EXISTS migrate_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
}

setup_mariadb() {
	setup_server MySQL MariaDB MIGRATE_TEST_MYSQL_URL "$DEFAULT_MY_URL" \
		"start_mariadb:MariaDB does not answer on 127.0.0.1:3306" \
		"root_mariadb:MariaDB: root cannot connect from 127.0.0.1 without a password" \
		"create_mariadb_db:MariaDB: cannot create database migrate_test"
}

# --- Galera cluster -------------------------------------------------------

GALERA_STARTED=

# setup_galera starts the 3-node cluster of scripts/galera.sh (or reuses
# the running one) when asked, and always under CI=true.
setup_galera() {
	if [[ -n ${MIGRATE_TEST_GALERA_URLS:-} ]]; then
		log "Galera: using MIGRATE_TEST_GALERA_URLS as given"
		return 0
	fi
	[[ -n ${MIGRATE_TEST_GALERA:-} || ${CI:-} == true ]] || return 0
	if [[ -n $DRY_RUN ]]; then
		echo "+ bash scripts/galera.sh start"
		export MIGRATE_TEST_GALERA_URLS="$(bash scripts/galera.sh urls)"
		return 0
	fi
	local urls
	if ! urls=$(bash scripts/galera.sh start); then
		unavailable "the Galera cluster did not start (logs under ${MIGRATE_TEST_GALERA_DIR:-/tmp/migrate-galera})"
		return 0
	fi
	export MIGRATE_TEST_GALERA_URLS=$urls
	GALERA_STARTED=1
	log "Galera cluster ready: $urls ($(cat "${MIGRATE_TEST_GALERA_DIR:-/tmp/migrate-galera}/start-time" 2>/dev/null || echo reused))"
}

# setup_sqlite_cli installs the sqlite3 command-line tool when it is
# missing: TestSQLiteFTS4FromCLI builds an FTS4 database with it (the
# embedded driver has FTS5 only), and fails under CI=true without it.
setup_sqlite_cli() {
	[[ -z $ASSUME_MISSING ]] && command -v sqlite3 >/dev/null && return 0
	log "the sqlite3 command-line tool is not installed; installing it"
	apt_install sqlite3 || log "sqlite3 could not be installed: TestSQLiteFTS4FromCLI will skip (fail under CI=true)"
}

stop_galera() {
	if [[ -n $GALERA_STARTED && -n ${MIGRATE_TEST_GALERA_STOP:-} ]]; then
		bash scripts/galera.sh stop || true
	fi
}

# --- main -----------------------------------------------------------------

run go mod download
setup_postgres
setup_mariadb
setup_galera
setup_sqlite_cli
trap stop_galera EXIT
if [[ $# -eq 0 ]]; then
	set -- ./...
fi
run go vet ./...
run go test -p 2 -timeout 30m "$@"
