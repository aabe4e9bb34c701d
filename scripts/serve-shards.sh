#!/bin/sh
# serve-shards.sh: serve the shards of a built index with Xapian's remote
# backend (xapian-tcpsrv, Debian's xapian-tools) on loopback, for tests,
# the bench and a first look at serving from several machines (README:
# Serving shards), and keep serving it as the indexer changes it.
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
#   serve-shards.sh update STUB_DIR
#       Bring STUB_DIR in step with its index once: after a run that
#       changed the index, copy its sidecar again and replace the stub (a
#       searcher, or a server over it, opens the servers anew and sees
#       the change); after a --rebuild, start servers for the new
#       generation, replace the stub with theirs, then stop the old ones.
#       Prints what it did, nothing when the index had not changed.
#   serve-shards.sh follow STUB_DIR [SECONDS]
#       update every SECONDS (default 2) until the servers are stopped.
#   serve-shards.sh stop STUB_DIR
#       Stop the servers listed in STUB_DIR/pids, by their pids.
#
# Each server holds the generation it serves as a searcher does (a shared
# flock on its first shard), so the indexer keeps it until no server
# serves it; a stopped server's connections finish what they were doing.
# The stub and the sidecar copy are each replaced by one rename.  Exit
# status: 0, or 1 with a one-line message on stderr.
set -u
prog=serve-shards.sh

die() {
	echo "$prog: $*" >&2
	exit 1
}

# stop_pids FILE: stop the servers FILE lists.  A server stopped lets the
# processes serving its open connections finish.
stop_pids() {
	status=0
	while read -r pid _; do
		# Only a process still running xapian-tcpsrv: a pid may have
		# been reused since.
		if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = xapian-tcpsrv ]; then
			kill "$pid" || status=1
		fi
	done < "$1"
	return $status
}

if [ "${1:-}" = stop ]; then
	[ $# -eq 2 ] && [ -f "$2/pids" ] || die "usage: $prog stop STUB_DIR (with a pids file)"
	stop_pids "$2/pids"
	status=$?
	rm -f "$2/pids"
	exit $status
fi

if [ "${1:-}" = follow ]; then
	[ $# -ge 2 ] && [ $# -le 3 ] && [ -f "$2/pids" ] ||
		die "usage: $prog follow STUB_DIR [SECONDS] (with a pids file)"
	every=${3:-2}
	case $every in '' | *[!0-9]*) die "SECONDS: not a whole number: $every" ;; esac
	# Until stop removes the pids file; a failed update is said and
	# tried again.
	while [ -f "$2/pids" ]; do
		sh "$0" update "$2"
		sleep "$every"
	done
	exit 0
fi

command -v xapian-tcpsrv >/dev/null ||
	die "xapian-tcpsrv not found: install xapian-tools (scripts/install-deps.sh does)"

# The live shards of index $1, one a line ("g2-s0").
live_shards() {
	sed -n 's/^auto \(g[0-9]*-s[0-9]*\)$/\1/p' "$1/XAPIANDB"
}

# What says index $1 changed: its stub and the identity of its sidecar,
# which the indexer writes anew, by a rename, after every change.
index_stamp() {
	printf '%s %s\n' "$(cksum < "$1/XAPIANDB")" "$(stat -c '%i %Y' "$1/sidecar" 2>/dev/null)"
}

# copy_sidecar INDEX STUB: copy INDEX's sidecar into STUB, then point
# STUB/sidecar at the copy with one rename, so that a searcher opening it
# meanwhile finds the old copy or the new, whole.  The indexer replaces
# its sidecar by a rename too: copied again if that happened meanwhile.
copy_sidecar() {
	for _ in 1 2 3 4 5; do
		before=$(stat -c %i "$1/sidecar" 2>/dev/null) || return 1
		name=sidecar.$(date +%s%N)
		cp -r "$1/sidecar" "$2/$name" || return 1
		if [ "$(stat -c %i "$1/sidecar" 2>/dev/null)" = "$before" ]; then
			ln -sfn "$name" "$2/sidecar.link" && mv -T "$2/sidecar.link" "$2/sidecar" ||
				return 1
			for old in "$2"/sidecar.*; do
				[ "$old" = "$2/$name" ] || rm -rf "$old"
			done
			return 0
		fi
		rm -rf "${2:?}/$name"
	done
	return 1
}

# start HOLD DIR...: xapian-tcpsrv on a random port for the shard folders
# DIR..., holding HOLD (the generation's first shard) with a shared flock
# for as long as it or a process it forked runs; a port taken already
# makes it exit, and another is tried.  Prints the pid and the port.
start() {
	hold=$1
	shift
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		log="$stub/server-$port.log"
		# A session of its own: the server outlives the shell that
		# started it and its process group.  The shell becomes the
		# server (exec), so the pid is the server's.
		setsid sh -c 'exec 9<"$1" && flock -s 9 && shift && exec xapian-tcpsrv "$@"' \
			sh "$hold" --port "$port" --interface 127.0.0.1 "$@" \
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

# serve_shards: start n servers for index's live shards, listed in
# $stub/pids.new, and write $stub/XAPIANDB.new listing them.
serve_shards() {
	shards=$(live_shards "$index")
	[ -n "$shards" ] || { echo "$index/XAPIANDB: lists no local shards"; return 1; }
	nshards=$(echo "$shards" | wc -l)
	[ "$n" -le "$nshards" ] || n=$nshards
	first=$index/$(echo "$shards" | head -n 1)
	: > "$stub/pids.new"
	i=0
	lines=
	while [ $i -lt "$n" ]; do
		# Server i serves shards i, i + n, i + 2n, ...
		dirs=$(echo "$shards" | awk -v n="$n" -v i=$i -v d="$index" '(NR - 1) % n == i { print d "/" $0 }')
		# shellcheck disable=SC2086 # shard folder names have no spaces
		got=$(start "$first" $dirs) || {
			stop_pids "$stub/pids.new"
			rm -f "$stub/pids.new"
			echo "$index: xapian-tcpsrv would not start for $(echo $dirs)"
			return 1
		}
		set -- $got
		echo "$1 127.0.0.1:$2 $(echo $dirs)" >> "$stub/pids.new"
		lines="${lines}remote 127.0.0.1:$2
"
		i=$((i + 1))
	done
	printf '%s' "$lines" > "$stub/XAPIANDB.new" || { echo "$stub/XAPIANDB: cannot write"; return 1; }
}

if [ "${1:-}" = update ]; then
	[ $# -eq 2 ] && [ -f "$2/pids" ] && [ -f "$2/source" ] ||
		die "usage: $prog update STUB_DIR (started by $prog)"
	stub=${2%/}
	read -r n index < "$stub/source" || die "$stub/source: cannot read"
	[ -f "$index/XAPIANDB" ] || die "$index: no index here (no XAPIANDB)"
	stamp=$(index_stamp "$index")
	[ "$stamp" != "$(cat "$stub/stamp" 2>/dev/null)" ] || exit 0
	served=$(awk '{ for (i = 3; i <= NF; i++) print $i }' "$stub/pids" | sed 's|.*/||' | sort)
	if [ "$(live_shards "$index" | sort)" != "$served" ]; then
		why=$(serve_shards) || die "$why"
		# Until the stub names them, the new servers are stopped on failure.
		copy_sidecar "$index" "$stub" && mv "$stub/XAPIANDB.new" "$stub/XAPIANDB" || {
			stop_pids "$stub/pids.new"
			rm -f "$stub/pids.new" "$stub/XAPIANDB.new"
			die "$stub: cannot copy the sidecar of $index or replace the stub"
		}
		mv "$stub/pids" "$stub/pids.old" && mv "$stub/pids.new" "$stub/pids" ||
			die "$stub/pids: cannot replace"
		stop_pids "$stub/pids.old"
		while read -r _ address _; do
			rm -f "$stub/server-${address##*:}.log"
		done < "$stub/pids.old"
		rm -f "$stub/pids.old"
		echo "$prog: $stub: serving $(live_shards "$index" | tr '\n' ' ')(the old servers stopped)"
	else
		copy_sidecar "$index" "$stub" || die "$stub: cannot copy the sidecar of $index"
		# The same lines in a new file: whoever stamps the stub by its
		# identity (the web server) opens the servers anew.
		cp "$stub/XAPIANDB" "$stub/XAPIANDB.new" && mv "$stub/XAPIANDB.new" "$stub/XAPIANDB" ||
			die "$stub/XAPIANDB: cannot replace"
		echo "$prog: $stub: the index changed; its sidecar copied again"
	fi
	echo "$stamp" > "$stub/stamp"
	exit 0
fi

[ $# -ge 1 ] && [ $# -le 3 ] || die "usage: $prog INDEX_DIR [N [STUB_DIR]] | $prog update|follow|stop STUB_DIR"
index=$(cd "${1%/}" 2>/dev/null && pwd) || die "$1: no such folder"
[ -f "$index/XAPIANDB" ] || die "$index: no index here (no XAPIANDB)"
[ -d "$index/sidecar" ] ||
	die "$index: no sidecar: run the indexer on it once more to write one"
nshards=$(live_shards "$index" | wc -l)
[ "$nshards" -ge 1 ] || die "$index/XAPIANDB: lists no local shards"
n=${2:-$nshards}
case $n in
'' | *[!0-9]*) die "N: not a number: $n" ;;
esac
[ "$n" -ge 1 ] && [ "$n" -le "$nshards" ] || die "N must be 1 to $nshards (the shards), not $n"
stub=${3:-$index.remote}
mkdir -p "$stub" || die "$stub: cannot create"
[ ! -s "$stub/pids" ] || die "$stub: servers may be running (stop them: $prog stop $stub)"
stamp=$(index_stamp "$index")
rm -rf "$stub/sidecar" "$stub"/sidecar.* "$stub/XAPIANDB.new" &&
	copy_sidecar "$index" "$stub" || die "$stub: cannot copy the sidecar"
why=$(serve_shards) || die "$why"
mv "$stub/XAPIANDB.new" "$stub/XAPIANDB" && mv "$stub/pids.new" "$stub/pids" ||
	die "$stub/XAPIANDB: cannot write"
echo "$n $index" > "$stub/source" && echo "$stamp" > "$stub/stamp" ||
	die "$stub: cannot write"
cat "$stub/pids"
echo "$stub"
