#!/bin/sh
# bench/run.sh: the benchmark harness behind `make bench` (see
# bench/README.md).  Ingests the shared sample of Ofsted reports at 1x,
# 10x (and optionally 100x), with baselines (mutool, SQLite FTS5) measured
# in the same run, times queries, and hands the raw figures to
# bench/report.py for the table and bench/out/results.json.
#
# Environment: OFS_BUILD (build folder, default build), OFS_SHARED
# (default ../shared), BENCH_RUNS (3), BENCH_SCALES ("1 10"), BENCH_REPS
# (20), BENCH_PROC_REPS (5), BENCH_OUT (bench/out), OFS_THESAURUS (the
# tree's data/thesaurus.txt), BENCH_SERVE_CLIENTS ("1 8 64"),
# BENCH_SERVE_SECONDS (10), BENCH_SKIP (parts left out, of "fts5 serve
# jobs1 mutool remote4", e.g. for a quicker 100x run), TMPDIR.

set -u

BUILD=${OFS_BUILD:-build}
SHARED=${OFS_SHARED:-../shared}
SAMPLE=$SHARED/corpus/ofsted-ilacs
RUNS=${BENCH_RUNS:-3}
SCALES=${BENCH_SCALES:-1 10}
REPS=${BENCH_REPS:-20}
PROC_REPS=${BENCH_PROC_REPS:-5}
OUT=${BENCH_OUT:-bench/out}
SERVE_CLIENTS=${BENCH_SERVE_CLIENTS:-1 8 64}
SERVE_SECONDS=${BENCH_SERVE_SECONDS:-10}
SKIP=${BENCH_SKIP:-}
HERE=$(cd "$(dirname "$0")" && pwd)

# Whether part $1 is measured (not in BENCH_SKIP).
wants() {
	case " $SKIP " in *" $1 "*) return 1 ;; esac
	return 0
}

# Size of the live index: the shards its stub lists, not the generation
# an indexer keeps for searchers that may still have it open.
live_size_kb() {
	(cd "$1" && sed -n 's/^auto //p' XAPIANDB | xargs du -sck | tail -n 1 | cut -f1)
}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ ! -d "$SAMPLE" ]; then
	say "no shared sample at $SAMPLE (set OFS_SHARED); skipping the benchmark"
	exit 0
fi
SAMPLE=$(cd "$SAMPLE" && pwd)

# Tools.  The Makefile builds fts5_bench only where sqlite3.h is found;
# install it (and mutool, the extraction baseline) when missing and we
# may, as root on Debian.
apt_install() {
	[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
	say "installing $1"
	DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null 2>&1 ||
		{ apt-get update >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >/dev/null 2>&1; }
}
command -v mutool >/dev/null 2>&1 || apt_install mupdf-tools ||
	say "mutool missing and not installable: no extraction baseline"
if [ ! -x "$BUILD/bench/fts5_bench" ]; then
	[ -f /usr/include/sqlite3.h ] || apt_install libsqlite3-dev ||
		die "sqlite3.h missing (apt-get install libsqlite3-dev)"
	make "BUILD=$BUILD" "$BUILD/bench/fts5_bench" >/dev/null || die "cannot build fts5_bench"
fi
for p in "$BUILD/indexer" "$BUILD/searcher" "$BUILD/bench/runproc" \
	"$BUILD/bench/query_bench" "$BUILD/bench/serve_bench" "$BUILD/bench/fts5_bench"; do
	[ -x "$p" ] || die "$p is not built (run make bench)"
done

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ofs-bench.XXXXXX") || die "cannot make scratch folder"
trap 'rm -rf "$SCRATCH"' EXIT
trap 'exit 130' INT TERM

# Measure copies of the programs: others may rebuild the tree while a
# long run is under way, and every run must time the same binaries.
mkdir -p "$SCRATCH/bin/bench" &&
	cp "$BUILD/indexer" "$BUILD/searcher" "$SCRATCH/bin/" &&
	cp "$BUILD/bench/runproc" "$BUILD/bench/query_bench" "$BUILD/bench/serve_bench" \
		"$BUILD/bench/fts5_bench" \
		"$SCRATCH/bin/bench/" || die "cannot copy the programs"
BUILD=$SCRATCH/bin
RUNPROC=$BUILD/bench/runproc

# The copied searcher cannot find the tree's thesaurus beside itself, so
# name it, for the searcher processes and the library calls alike: both
# search as a user of this tree does, with its other names.
if [ -z "${OFS_THESAURUS:-}" ] && [ -f "$HERE/../data/thesaurus.txt" ]; then
	OFS_THESAURUS=$(cd "$HERE/../data" && pwd)/thesaurus.txt
	export OFS_THESAURUS
fi
THESAURUS_OPT=
[ -n "${OFS_THESAURUS:-}" ] && THESAURUS_OPT="--thesaurus=$OFS_THESAURUS"
# Nor the page's files, which the server reads at start.
OFS_WEB=$HERE/../web
export OFS_WEB
METRICS=$SCRATCH/metrics
: >"$METRICS"
mkdir -p "$OUT" || die "cannot make $OUT"

# record SCALE RUN NAME VALUE
record() { printf '%s %s %s %s\n' "$1" "$2" "$3" "$4" >>"$METRICS"; }

# CPU time the host gave to other guests while a phase ran ("steal" in
# /proc/stat), in % of the machine's time.  On a shared virtual machine
# it comes and goes; a phase of several processes waking one another
# (the remote shards, the server) feels it most.  Recorded beside the
# phase's figures as NAME.steal_pct, so that a slow run can be told from
# a slow program.  cpu_mark prints "steal total" in jiffies;
# record_steal SCALE RUN NAME MARK records the share since MARK.
cpu_mark() { awk '/^cpu /{ print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
record_steal() {
	set -- "$1" "$2" "$3" $4 $(cpu_mark)
	record "$1" "$2" "$3.steal_pct" "$(echo "$4 $5 $6 $7" |
		awk '{ print ($4 > $2) ? 100 * ($3 - $1) / ($4 - $2) : 0 }')"
}

# The last line runproc wrote: "wall cpu maxrss_kb failures".
last() { tail -n 1 "$1"; }

# ingest NAME RUN CORPUS DB [INDEXER OPTION]...: run the indexer over
# CORPUS into DB (made afresh unless NAME is rerun) and record its cost
# under NAME.  Its stderr, a file here, holds the bad inputs and the
# summary line (no progress line: that is only for a terminal).  Sets
# INGEST_WALL.
ingest() {
	name=$1 run=$2 corpus=$3 db=$4
	shift 4
	[ "$name" = rerun ] || rm -rf "$db"
	"$RUNPROC" -o "$SCRATCH/cost" -- "$BUILD/indexer" "$@" --db "$db" "$corpus" \
		2>"$SCRATCH/err" >/dev/null || die "runproc failed"
	summary=$(grep '^indexer: .* added, ' "$SCRATCH/err" | tail -n 1)
	[ -n "$summary" ] || { cat "$SCRATCH/err" >&2; die "$name: no summary line from indexer"; }
	set -- $(last "$SCRATCH/cost")
	wall=$1 cpu=$2 rss=$3
	paras=$(printf '%s\n' "$summary" | sed -n 's/.*; \([0-9]*\) paragraphs in .*/\1/p')
	added=$(printf '%s\n' "$summary" | sed -n 's/^indexer: \([0-9]*\) added.*/\1/p')
	failed=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) failed;.*/\1/p')
	unchanged=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) unchanged.*/\1/p')
	record "$SCALE" "$run" "$name.wall_s" "$wall"
	record "$SCALE" "$run" "$name.cpu_s" "$cpu"
	record "$SCALE" "$run" "$name.rss_kb" "$rss"
	record "$SCALE" "$run" "$name.paragraphs" "$paras"
	record "$SCALE" "$run" "$name.added" "$added"
	record "$SCALE" "$run" "$name.unchanged" "$unchanged"
	record "$SCALE" "$run" "$name.failed" "$failed"
	INGEST_WALL=$wall
}

# serve DB RUN NAME CACHE_MB [--warm]: the server over DB on a free
# loopback port, loaded by serve_bench with one request per keystroke
# from each number of clients in turn; figures recorded as NAME.cN.*.
serve() {
	OFS_SERVE_CACHE_MB=$4 "$BUILD/searcher" --db "$1" --serve 127.0.0.1:0 \
		>"$SCRATCH/serve.out" 2>"$SCRATCH/serve.err" &
	spid=$!
	port=
	for _ in $(seq 50); do
		port=$(sed -n 's|^ofsearch: serving http://127.0.0.1:\([0-9]*\)/$|\1|p' "$SCRATCH/serve.out")
		[ -n "$port" ] && break
		sleep 0.1
	done
	[ -n "$port" ] || { cat "$SCRATCH/serve.err" >&2; kill "$spid"; die "the server did not start"; }
	for clients in $SERVE_CLIENTS; do
		mark=$(cpu_mark)
		"$BUILD/bench/serve_bench" --port "$port" --queries "$HERE/queries.txt" \
			--clients "$clients" --seconds "$SERVE_SECONDS" ${5:-} >"$SCRATCH/serve.fig" ||
			{ kill "$spid"; die "serve_bench failed"; }
		while read -r name value; do
			record "$SCALE" "$2" "$3${name#serve}" "$value"
		done <"$SCRATCH/serve.fig"
		record_steal "$SCALE" "$2" "$3.c$clients" "$mark"
	done
	kill "$spid"
	wait "$spid" || die "the server did not stop cleanly"
}

# remote DB RUN NAME SERVE_NAME: DB's shards served on loopback, one
# server each; the library queries over them (NAME.*) and, unless
# skipped, the server without its cache (SERVE_NAME.cN.*).
remote() {
	say "${SCALE}x, run $2 of $RUNS: queries over $1's shards served on loopback (xapian-tcpsrv)"
	sh "$HERE/../scripts/serve-shards.sh" "$1" "" "$SCRATCH/$3" >/dev/null ||
		die "serve-shards.sh failed"
	mark=$(cpu_mark)
	"$BUILD/bench/query_bench" --db "$SCRATCH/$3" --queries "$HERE/queries.txt" \
		--reps "$REPS" ${THESAURUS_OPT:+"$THESAURUS_OPT"} >"$SCRATCH/remote.out"
	st=$?
	record_steal "$SCALE" "$2" "$3.lib" "$mark"
	if [ "$st" = 0 ] && wants serve; then
		serve "$SCRATCH/$3" "$2" "$4" -1
	fi
	sh "$HERE/../scripts/serve-shards.sh" stop "$SCRATCH/$3"
	[ "$st" = 0 ] || die "query_bench over remote shards failed"
	while read -r name value; do
		record "$SCALE" "$2" "$3.$name" "$value"
	done <"$SCRATCH/remote.out"
}

for SCALE in $SCALES; do
	case $SCALE in
	'' | *[!0-9]* | 0) die "BENCH_SCALES: '$SCALE' is not a positive whole number" ;;
	esac
	# The corpus at this scale: the sample itself, or SCALE hard-linked
	# copies under different names (the indexer tells reports apart by
	# resolved path, so symlinks would be one report).
	if [ "$SCALE" = 1 ]; then
		CORPUS=$SAMPLE
	else
		CORPUS=$SCRATCH/corpus-$SCALE
		mkdir -p "$CORPUS" || die "cannot make $CORPUS"
		k=1
		while [ "$k" -le "$SCALE" ]; do
			cp -al "$SAMPLE" "$CORPUS/copy$k" 2>/dev/null ||
				cp -a "$SAMPLE" "$CORPUS/copy$k" || die "cannot copy the sample"
			k=$((k + 1))
		done
	fi
	find "$CORPUS" -type f -name '*.pdf' | sort >"$SCRATCH/pdfs"
	files=$(wc -l <"$SCRATCH/pdfs")
	record "$SCALE" 0 files "$files"
	DB=$SCRATCH/db-$SCALE
	DB1=$SCRATCH/db1-$SCALE
	DB4=$SCRATCH/db4-$SCALE
	FTS=$SCRATCH/fts-$SCALE.db

	run=1
	while [ "$run" -le "$RUNS" ]; do
		say "${SCALE}x, run $run of $RUNS: ingest ($files PDFs)"
		ingest ingest "$run" "$CORPUS" "$DB" --rebuild
		first=$INGEST_WALL
		say "${SCALE}x, run $run of $RUNS: no-change re-run"
		ingest rerun "$run" "$CORPUS" "$DB"
		record "$SCALE" "$run" rerun.fraction "$(echo "$INGEST_WALL $first" | awk '{print $1 / $2}')"
		record "$SCALE" "$run" index.size_kb "$(live_size_kb "$DB")"
		if [ "$run" = 1 ]; then
			"$BUILD/searcher" --db "$DB" --reports --json --limit 100000 >"$SCRATCH/reports.json" ||
				die "searcher --reports failed"
			pages=$(python3 -c 'import json, sys
print(sum(r.get("pages") or 0 for r in json.load(open(sys.argv[1]))["reports"]))' \
				"$SCRATCH/reports.json") || die "cannot count pages"
			record "$SCALE" 0 pages "$pages"
		fi

		say "${SCALE}x, run $run of $RUNS: FTS5 build, queries"
		: >"$SCRATCH/fts5.out"
		if wants fts5; then
			"$BUILD/bench/fts5_bench" build --index "$DB" --fts "$FTS" >"$SCRATCH/fts5.out" ||
				die "fts5_bench build failed"
		fi
		mark=$(cpu_mark)
		"$BUILD/bench/query_bench" --db "$DB" --queries "$HERE/queries.txt" --reps "$REPS" \
			--searcher "$BUILD/searcher" --proc-reps "$PROC_REPS" ${THESAURUS_OPT:+"$THESAURUS_OPT"} \
			--totals "$SCRATCH/totals-ours" --per-query "$OUT/per-query-${SCALE}x-run$run.tsv" \
			>"$SCRATCH/query.out" || die "query_bench failed"
		record_steal "$SCALE" "$run" lib "$mark"
		# The baseline of the shards searched in threads: the same
		# queries, the shards one after the other (serial.*).
		mark=$(cpu_mark)
		OFS_SEARCH_THREADS=1 "$BUILD/bench/query_bench" --db "$DB" --queries "$HERE/queries.txt" \
			--reps "$REPS" ${THESAURUS_OPT:+"$THESAURUS_OPT"} >"$SCRATCH/serial.out" ||
			die "query_bench, shards one after the other, failed"
		record_steal "$SCALE" "$run" serial.lib "$mark"
		while read -r name value; do
			record "$SCALE" "$run" "serial.$name" "$value"
		done <"$SCRATCH/serial.out"
		if wants fts5; then
			"$BUILD/bench/fts5_bench" query --fts "$FTS" --queries "$HERE/queries.txt" \
				--reps "$REPS" --totals "$SCRATCH/totals-fts5" >>"$SCRATCH/fts5.out" ||
				die "fts5_bench query failed"
		else
			cut -f1 "$SCRATCH/totals-ours" | sed 's/$/\t-/' >"$SCRATCH/totals-fts5"
		fi
		while read -r name value; do
			record "$SCALE" "$run" "$name" "$value"
		done <"$SCRATCH/query.out"
		# The same library calls over the shards served by xapian-tcpsrv
		# on loopback, one server per shard (README: Serving shards):
		# the index's two, and four of an index built with --jobs 4.
		if command -v xapian-tcpsrv >/dev/null 2>&1; then
			remote "$DB" "$run" remote serve_remote
			if wants remote4; then
				say "${SCALE}x, run $run of $RUNS: ingest --jobs 4, for four shards"
				ingest ingest_j4 "$run" "$CORPUS" "$DB4" --rebuild --jobs 4
				remote "$DB4" "$run" remote4 serve_remote4
				rm -rf "$DB4"
			fi
		fi
		while read -r name value; do
			record "$SCALE" "$run" "$name" "$value"
		done <"$SCRATCH/fts5.out"
		if [ "$run" = 1 ]; then
			paste "$SCRATCH/totals-ours" "$SCRATCH/totals-fts5" |
				awk -F '\t' '{printf "%s\t%s\t%s\n", $1, $3, $2}' >"$OUT/totals-${SCALE}x.tsv"
		fi

		if wants serve; then
			say "${SCALE}x, run $run of $RUNS: server, ${SERVE_SECONDS} s per load, without and with its cache"
			serve "$DB" "$run" serve_cold -1
			serve "$DB" "$run" serve 0 --warm
		fi

		if wants jobs1; then
			say "${SCALE}x, run $run of $RUNS: ingest --jobs 1"
			ingest ingest_j1 "$run" "$CORPUS" "$DB1" --rebuild --jobs 1
			rm -rf "$DB1"
		fi

		if wants mutool && command -v mutool >/dev/null 2>&1; then
			say "${SCALE}x, run $run of $RUNS: mutool draw -F txt, one process per file"
			"$RUNPROC" -o "$SCRATCH/cost" -e "$SCRATCH/pdfs" -- \
				mutool draw -q -F txt -o /dev/null >/dev/null 2>&1 || die "runproc failed"
			set -- $(last "$SCRATCH/cost")
			record "$SCALE" "$run" mutool.wall_s "$1"
			record "$SCALE" "$run" mutool.cpu_s "$2"
			record "$SCALE" "$run" mutool.rss_kb "$3"
			record "$SCALE" "$run" mutool.failed "$4"
		fi
		run=$((run + 1))
	done
	rm -rf "$DB" "$FTS"
	[ "$SCALE" = 1 ] || rm -rf "$CORPUS"
done

python3 "$HERE/report.py" "$METRICS" "$OUT/results.json" "$RUNS" || die "report failed"
