#!/bin/sh
# replicate.sh: keep a read replica of an index current with Xapian's own
# replication: xapian-replicate-server on the indexing machine,
# xapian-replicate (Debian's xapian-tools) here (README: Serving shards
# and replicas).
#
#   replicate.sh HOST:PORT REPLICA_DIR [SECONDS]
#       Bring REPLICA_DIR up to date with the index folder that
#       "xapian-replicate-server -p PORT INDEX_DIR" serves on HOST: first
#       its sidecar, which names the live shards (metadata ofs:shards),
#       then each of those shards (only the changes when the indexer
#       keeps enough of them, `ofsearch-index --changesets N`; else the
#       shard whole), then REPLICA_DIR/XAPIANDB listing them, replaced by
#       one rename: a searcher on REPLICA_DIR sees a new generation
#       (an indexer --rebuild) whole, and the reports of one shard whole.
#       Folders of generations no longer listed are removed once no
#       searcher holds them.  Prints a line per database ("NAME: N copies,
#       N changesets").  With SECONDS, again every SECONDS until stopped.
#
# Exit status: 0, or 1 with a one-line message on stderr.
set -u
prog=replicate.sh

die() {
	echo "$prog: $*" >&2
	exit 1
}

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: $prog HOST:PORT REPLICA_DIR [SECONDS]"
addr=$1 rep=$2 every=${3:-}
host=${addr%:*} port=${addr##*:}
case $addr:$port in
*:*:*[!0-9]* | *:*: | :*) die "'$addr' is not HOST:PORT" ;;
*:*:*) ;;
*) die "'$addr' is not HOST:PORT" ;;
esac
case $every in
'') ;;
*[!0-9]* | 0) die "SECONDS: '$every' is not a positive whole number" ;;
esac
for tool in xapian-replicate xapian-metadata; do
	command -v $tool >/dev/null || die "$tool not found (Debian's xapian-tools)"
done
mkdir -p "$rep" || die "cannot make $rep"

# pull NAME: bring $rep/NAME up to date with the master's database NAME.
pull() {
	out=$(xapian-replicate -v -o -h "$host" -p "$port" -m "$1" "$rep/$1" 2>&1) || {
		echo "$prog: $addr: $1: $(printf '%s\n' "$out" | tail -n 1)" >&2
		return 1
	}
	printf '%s\n' "$out" | sed -n "s|^Update complete: \([0-9]* copies, [0-9]* changesets\).*|$1: \1|p"
}

once() {
	pull sidecar || return 1
	shards=$(xapian-metadata get "$rep/sidecar" ofs:shards) || return 1
	[ -n "$shards" ] || {
		echo "$prog: $addr: the sidecar names no shards: run the indexer there once more" >&2
		return 1
	}
	for s in $shards; do
		pull "$s" || return 1
	done
	for s in $shards; do
		echo "auto $s"
	done >"$rep/XAPIANDB.new" && mv -f "$rep/XAPIANDB.new" "$rep/XAPIANDB" ||
		{ echo "$prog: $rep: cannot write the stub" >&2; return 1; }
	# Generations no longer listed, as the indexer removes its own: a
	# searcher holds a flock on its generation's first shard folder,
	# which goes last.
	live=${shards%%-*}
	for first in "$rep"/g*-s0; do
		[ -d "$first" ] || continue
		gen=${first##*/}
		gen=${gen%-s0}
		[ "$gen" = "$live" ] && continue
		flock -n -x "$first" sh -c 'rm -rf "$1"-s[1-9]* && rm -rf "$1"-s0' sh "$rep/$gen" ||
			true # held: removed by a later run
	done
}

if [ -z "$every" ]; then
	once || exit 1
	exit 0
fi
while :; do
	once || true # said; the next round tries again
	sleep "$every"
done
