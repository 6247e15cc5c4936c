#!/bin/sh
# graph.sh times the revision-graph commands (heads, history) as whole
# commands on a project of N SQL revision files (default 10000).
#
#   bench/graph.sh [N]
#
# It builds the migrate binary, writes the project with
# bench/gen_revisions.go into a temporary directory, and times each
# command with hyperfine when installed (apt-get install hyperfine), else
# with a loop of 10 runs: first "cold", with the revision header cache
# removed before every run (so each run reads every file and writes the
# cache), then "warm", the cache in place (each run stats the files and
# reads none). The cache goes to a temporary MIGRATE_CACHE_DIR.
set -eu
n=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
go build -o "$work/migrate" ./cmd/migrate
go run bench/gen_revisions.go -n "$n" -dir "$work/project"
cd "$work/project"
bin="$work/migrate"
cache="$work/cache"
export MIGRATE_CACHE_DIR="$cache"
# Files modified in the last 2 seconds are never cached (they could change
# again unnoticed within the timestamp granularity): let them age.
sleep 2

# Sanity: one head, every revision listed.
"$bin" heads
test "$("$bin" history | wc -l)" -eq "$n"

cold="heads|history"
warm="heads|history|history --graph|history -v|branches"
if command -v hyperfine >/dev/null 2>&1; then
	IFS='|'
	set --
	for c in $cold; do
		set -- "$@" "$bin $c"
	done
	unset IFS
	echo "== cold: no header cache (every run reads all files and writes the cache)"
	hyperfine --warmup 3 --runs 20 --output=null --style basic --prepare "rm -rf '$cache'" "$@"
	IFS='|'
	set --
	for c in $warm; do
		set -- "$@" "$bin $c"
	done
	unset IFS
	echo "== warm: header cache in place"
	hyperfine --warmup 3 --runs 20 --output=null --style basic "$@"
else
	time_runs() { # label, prepare command, commands
		label=$1 prep=$2
		IFS='|'
		for c in $3; do
			unset IFS
			total=0
			i=0
			while [ $i -lt 10 ]; do
				eval "$prep"
				start=$(date +%s%N)
				$bin $c >/dev/null
				end=$(date +%s%N)
				total=$((total + end - start))
				i=$((i + 1))
			done
			echo "migrate $c ($label): $((total / 10000000)) ms per run (mean of 10)"
			IFS='|'
		done
		unset IFS
	}
	time_runs cold 'rm -rf "$cache"' "$cold"
	"$bin" heads >/dev/null
	time_runs warm ':' "$warm"
fi
