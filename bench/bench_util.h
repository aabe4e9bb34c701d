/*
 * bench_util.h: what the benchmark programs share: the query list
 * (bench/queries.txt), a monotonic clock and latency percentiles.
 *
 * The query list has one query per line:
 *
 *   QUERY [| KEY=VALUE]...
 *
 * QUERY is typed as a user types it to searcher (words, "phrases", OR,
 * word*); each KEY=VALUE after a '|' is a filter option of searcher:
 * council, grade, area, kind, from, to.  Blank lines and lines starting
 * with '#' are ignored.  Filter values are canonical names (the ones the
 * index stores), so that the FTS5 baseline can compare them literally.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>

typedef struct bench_query {
	char *line;    /* owned: the line as written, for messages */
	char *text;    /* owned: the query words */
	char *council; /* owned filter values, NULL when absent */
	char *grade;
	char *area;
	char *kind;
	char *from;
	char *to;
} bench_query;

/*
 * Read the query list at path.  On success returns 0 with *out a new
 * array of *n queries (caller frees with bench_queries_free()); on
 * failure prints one line naming the file (and line) and returns -1.
 */
int bench_queries_load(const char *path, bench_query **out, size_t *n);
void bench_queries_free(bench_query *q, size_t n);

/* Seconds on CLOCK_MONOTONIC. */
double bench_now(void);

/*
 * Sort the n samples in place and return the p-th percentile (0..100)
 * by the nearest-rank method: the smallest sample at or above which p%
 * of the samples lie.  n must be at least 1.
 */
double bench_percentile(double *samples, size_t n, double p);

/* Print "name.p50_ms X", p95, p99 and mean for samples in seconds
 * (sorted in place). */
void bench_print_latency(const char *name, double *samples, size_t n);

#endif
