#!/bin/sh
# graph.sh times the revision-graph commands (heads, history) as whole
# commands on a project of N SQL revision files (default 10000).
#
#   bench/graph.sh [N]
#
# It builds the migrate binary, writes the project with
# bench/gen_revisions.go into a temporary directory, and times each
# command with hyperfine when installed (apt-get install hyperfine), else
# with a loop of 10 runs.
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

# Sanity: one head, every revision listed.
"$bin" heads
test "$("$bin" history | wc -l)" -eq "$n"

cmds="heads|history|history --graph|history -v|branches"
if command -v hyperfine >/dev/null 2>&1; then
	IFS='|'
	set --
	for c in $cmds; do
		set -- "$@" "$bin $c"
	done
	unset IFS
	hyperfine --warmup 3 --runs 20 --output=null --style basic "$@"
else
	IFS='|'
	for c in $cmds; do
		unset IFS
		start=$(date +%s%N)
		i=0
		while [ $i -lt 10 ]; do
			$bin $c >/dev/null
			i=$((i + 1))
		done
		end=$(date +%s%N)
		echo "migrate $c: $(((end - start) / 10000000)) ms per run (mean of 10)"
		IFS='|'
	done
	unset IFS
fi
