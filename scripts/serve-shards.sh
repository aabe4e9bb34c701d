#!/bin/sh
# serve-shards.sh: serve the shards of a built index with Xapian's remote
# backend (xapian-tcpsrv, Debian's xapian-tools) on loopback, for tests,
# the bench and a first look at serving from several machines (README:
# Serving shards).
#
#   serve-shards.sh INDEX_DIR [N [STUB_DIR]]
#       Start N servers (default or "": one per shard; each serves its share of
#       the shards as one database) on free ports of 127.0.0.1 and write
#       STUB_DIR (default INDEX_DIR.remote): an index folder whose XAPIANDB
#       lists "remote 127.0.0.1:PORT" for each server, a copy of the
#       index's sidecar (spelling, synonyms, metadata: what the remote
#       backend does not serve) and "pids".  Prints one line per server
#       ("PID 127.0.0.1:PORT SHARD..."), then the stub folder.  Search it
#       with: searcher --db STUB_DIR ...
#   serve-shards.sh stop STUB_DIR
#       Stop the servers listed in STUB_DIR/pids, by their pids.
#
# The servers serve the generation the index's stub listed at start: after
# an indexer --rebuild, stop them and start again.  Exit status: 0, or 1
# with a one-line message on stderr.
set -u
prog=serve-shards.sh

die() {
	echo "$prog: $*" >&2
	exit 1
}

if [ "${1:-}" = stop ]; then
	[ $# -eq 2 ] && [ -f "$2/pids" ] || die "usage: $prog stop STUB_DIR (with a pids file)"
	status=0
	while read -r pid _; do
		# Only a process still running xapian-tcpsrv: a pid may have
		# been reused since.
		if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = xapian-tcpsrv ]; then
			kill "$pid" || status=1
		fi
	done < "$2/pids"
	rm -f "$2/pids"
	exit $status
fi

[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: $prog INDEX_DIR [N [STUB_DIR]] | $prog stop STUB_DIR"
index=${1%/}
command -v xapian-tcpsrv >/dev/null ||
	die "xapian-tcpsrv not found: install xapian-tools (scripts/install-deps.sh does)"
[ -f "$index/XAPIANDB" ] || die "$index: no index here (no XAPIANDB)"
[ -d "$index/sidecar" ] ||
	die "$index: no sidecar: run the indexer on it once more to write one"
shards=$(sed -n 's/^auto \(g[0-9]*-s[0-9]*\)$/\1/p' "$index/XAPIANDB")
[ -n "$shards" ] || die "$index/XAPIANDB: lists no local shards"
nshards=$(echo "$shards" | wc -l)
n=${2:-$nshards}
case $n in
'' | *[!0-9]*) die "N: not a number: $n" ;;
esac
[ "$n" -ge 1 ] && [ "$n" -le "$nshards" ] || die "N must be 1 to $nshards (the shards), not $n"
stub=${3:-$index.remote}
mkdir -p "$stub" || die "$stub: cannot create"
[ ! -s "$stub/pids" ] || die "$stub: servers may be running (stop them: $prog stop $stub)"
rm -rf "$stub/sidecar" "$stub/XAPIANDB.new" &&
	cp -r "$index/sidecar" "$stub/sidecar" || die "$stub: cannot copy the sidecar"
: > "$stub/pids"

# Start xapian-tcpsrv on a random port for the shards given; a port
# taken already makes it exit, and another is tried.  Prints the pid and
# the port.
start() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		log="$stub/server-$port.log"
		# A session of its own: the server outlives the shell that
		# started it and its process group.
		setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$@" \
			< /dev/null > "$log" 2>&1 &
		pid=$!
		for _ in $(seq 50); do
			grep -qs '^Listening' "$log" && { echo "$pid $port"; return 0; }
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$pid" 2>/dev/null
		rm -f "$log"
	done
	return 1
}

i=0
lines=
while [ $i -lt "$n" ]; do
	# Server i serves shards i, i + n, i + 2n, ...
	dirs=$(echo "$shards" | awk -v n="$n" -v i=$i -v d="$index" '(NR - 1) % n == i { print d "/" $0 }')
	# shellcheck disable=SC2086 # shard folder names have no spaces
	got=$(start $dirs) || {
		sh "$0" stop "$stub"
		die "$index: xapian-tcpsrv would not start for $(echo $dirs)"
	}
	set -- $got
	echo "$1 127.0.0.1:$2 $(echo $dirs)" >> "$stub/pids"
	lines="${lines}remote 127.0.0.1:$2
"
	i=$((i + 1))
done
printf '%s' "$lines" > "$stub/XAPIANDB.new" && mv "$stub/XAPIANDB.new" "$stub/XAPIANDB" ||
	die "$stub/XAPIANDB: cannot write"
cat "$stub/pids"
echo "$stub"
