/*
 * query_bench.c: query latency of the library call and of the whole
 * searcher process, over the query list.
 *
 *   query_bench --db DIR --queries FILE [--reps N] [--thesaurus FILE]
 *               [--searcher PATH [--proc-reps M]] [--totals FILE]
 *
 * Library: the index is opened once with ofs_searcher_open(), every
 * query is run once untimed (so that the first touch of the index pages
 * is not what we measure), then N times (default 20) as searcher runs
 * it: limit 10, snippets; once with facets = 0, once with facets = 1, and
 * once with exact = 1 (no expansion by other names, to see its cost).
 * Each ofs_search() + ofs_results_free() is timed with CLOCK_MONOTONIC.
 *
 * Process: with --searcher, every query is also run M times (default 5)
 * as `searcher --db DIR [filters] QUERY` with output to /dev/null,
 * timed from fork to wait: start-up, opening the index, the search and
 * printing.
 *
 * Prints "metric value" lines: lib.p50_ms, lib.p95_ms, lib.p99_ms,
 * lib.mean_ms, the same for lib_facets and proc.  --totals writes each
 * query's match count (from the facets run, which counts exactly), one
 * per line, to compare with the FTS5 baseline's.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "ofs/search.h"

static ofs_search_opts opts_for(const bench_query *q, int facets, int exact)
{
	ofs_search_opts o = {
		.query = q->text,
		.council = q->council,
		.grade = q->grade,
		.area = q->area,
		.kind = q->kind,
		.from = q->from,
		.to = q->to,
		.limit = 10,
		.facets = facets,
		.exact = exact,
	};
	return o;
}

/* Run q once (exact: without expansion by other names); *total gets the
 * match count.  Returns 0 or -1 with a message naming the query. */
static int search_once(ofs_searcher *s, const bench_query *q, int facets, int exact,
		       unsigned *total)
{
	ofs_search_opts o = opts_for(q, facets, exact);
	ofs_results *res = NULL;
	ofs_error err;

	if (ofs_search(s, &o, &res, &err) != OFS_OK) {
		fprintf(stderr, "query_bench: %s: %s\n", q->line, err.msg);
		return -1;
	}
	if (total)
		*total = res->total;
	ofs_results_free(res);
	return 0;
}

/* The argv of searcher for q; the strings are borrowed from q and db. */
static void searcher_argv(const char *searcher, const char *db, const bench_query *q,
			  char *argv[20])
{
	int n = 0;
	argv[n++] = (char *)searcher;
	argv[n++] = "--db";
	argv[n++] = (char *)db;
#define OPT(name, field) \
	if (q->field) { \
		argv[n++] = "--" name; \
		argv[n++] = q->field; \
	}
	OPT("council", council)
	OPT("grade", grade)
	OPT("area", area)
	OPT("kind", kind)
	OPT("from", from)
	OPT("to", to)
#undef OPT
	argv[n++] = q->text;
	argv[n] = NULL;
}

/* fork/exec argv with its output thrown away and wait for it.  Returns
 * its wall time, or a negative number on failure (message printed). */
static double run_process(char *const *argv, const char *line)
{
	double t0 = bench_now();
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "query_bench: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		execv(argv[0], argv);
		fprintf(stderr, "query_bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "query_bench: waitpid: %s\n", strerror(errno));
			return -1;
		}
	/* searcher exits 1 when nothing matched: a valid answer. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "query_bench: searcher failed on: %s\n", line);
		return -1;
	}
	return bench_now() - t0;
}

/* Each query's median latency in ms (sample r*nq+i is query i's r-th
 * repetition) without expansion, as searcher runs it, and with facets:
 * which queries cost what. */
static int write_per_query(const char *path, const bench_query *qs, size_t nq, long reps,
			   const double *lat, const double *lat_e, const double *lat_f)
{
	const double *const sets[] = {lat_e, lat, lat_f};
	double *one = malloc((size_t)reps * sizeof *one);
	FILE *f = fopen(path, "w");
	int rc = 0;

	if (!one || !f) {
		fprintf(stderr, "query_bench: %s: %s\n", path, one ? strerror(errno) : "out of memory");
		free(one);
		if (f)
			fclose(f);
		return -1;
	}
	fputs("exact_ms\tlib_ms\tfacets_ms\tquery\n", f);
	for (size_t i = 0; i < nq; i++) {
		for (size_t k = 0; k < 3; k++) {
			for (long r = 0; r < reps; r++)
				one[r] = sets[k][(size_t)r * nq + i];
			fprintf(f, "%.3f\t", 1e3 * bench_percentile(one, (size_t)reps, 50));
		}
		fprintf(f, "%s\n", qs[i].line);
	}
	free(one);
	if (fclose(f) != 0) {
		fprintf(stderr, "query_bench: %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"queries", required_argument, NULL, 'q'},
		{"reps", required_argument, NULL, 'r'},
		{"thesaurus", required_argument, NULL, 't'},
		{"searcher", required_argument, NULL, 's'},
		{"proc-reps", required_argument, NULL, 'p'},
		{"totals", required_argument, NULL, 'T'},
		{"per-query", required_argument, NULL, 'P'},
		{NULL, 0, NULL, 0},
	};
	const char *db = NULL, *qfile = NULL, *thesaurus = NULL, *searcher = NULL,
		   *totals_path = NULL, *per_query_path = NULL;
	long reps = 20, proc_reps = 5;
	bench_query *qs = NULL;
	size_t nq = 0, ns = 0;
	double *lat = NULL, *lat_f = NULL, *lat_e = NULL, *lat_p = NULL;
	unsigned *totals = NULL;
	ofs_searcher *s = NULL;
	ofs_error err;
	FILE *tf = NULL;
	int c, status = 1;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'q': qfile = optarg; break;
		case 'r': reps = strtol(optarg, NULL, 10); break;
		case 't': thesaurus = optarg; break;
		case 's': searcher = optarg; break;
		case 'p': proc_reps = strtol(optarg, NULL, 10); break;
		case 'T': totals_path = optarg; break;
		case 'P': per_query_path = optarg; break;
		default: goto usage;
		}
	}
	if (!db || !qfile || reps < 1 || proc_reps < 1 || optind != argc)
		goto usage;
	if (bench_queries_load(qfile, &qs, &nq) != 0)
		goto done;
	if (ofs_searcher_open(&s, db, thesaurus, &err) != OFS_OK) {
		fprintf(stderr, "query_bench: %s\n", err.msg);
		goto done;
	}
	lat = malloc(nq * (size_t)reps * sizeof *lat);
	lat_f = malloc(nq * (size_t)reps * sizeof *lat_f);
	lat_e = malloc(nq * (size_t)reps * sizeof *lat_e);
	lat_p = malloc(nq * (size_t)proc_reps * sizeof *lat_p);
	totals = calloc(nq, sizeof *totals);
	if (!lat || !lat_f || !lat_e || !lat_p || !totals) {
		fputs("query_bench: out of memory\n", stderr);
		goto done;
	}

	/* Warm-up, which also records the exact totals. */
	for (size_t i = 0; i < nq; i++)
		if (search_once(s, &qs[i], 0, 0, NULL) != 0 ||
		    search_once(s, &qs[i], 0, 1, NULL) != 0 ||
		    search_once(s, &qs[i], 1, 0, &totals[i]) != 0)
			goto done;

	/* Repetitions outermost, so that a burst of noise from the other
	 * users of the machine spreads over all queries. */
	ns = 0;
	for (long r = 0; r < reps; r++)
		for (size_t i = 0; i < nq; i++) {
			double t0 = bench_now();
			if (search_once(s, &qs[i], 0, 0, NULL) != 0)
				goto done;
			lat[ns] = bench_now() - t0;
			t0 = bench_now();
			if (search_once(s, &qs[i], 1, 0, NULL) != 0)
				goto done;
			lat_f[ns] = bench_now() - t0;
			t0 = bench_now();
			if (search_once(s, &qs[i], 0, 1, NULL) != 0)
				goto done;
			lat_e[ns++] = bench_now() - t0;
		}
	/* Before the percentiles sort the samples in place. */
	if (per_query_path && write_per_query(per_query_path, qs, nq, reps, lat, lat_e, lat_f) != 0)
		goto done;
	printf("lib.queries %zu\n", nq);
	bench_print_latency("lib", lat, ns);
	bench_print_latency("lib_facets", lat_f, ns);
	bench_print_latency("lib_exact", lat_e, ns);

	if (searcher) {
		char *pargv[20];
		size_t np = 0;
		for (long r = 0; r < proc_reps; r++)
			for (size_t i = 0; i < nq; i++) {
				searcher_argv(searcher, db, &qs[i], pargv);
				if ((lat_p[np] = run_process(pargv, qs[i].line)) < 0)
					goto done;
				np++;
			}
		bench_print_latency("proc", lat_p, np);
	}

	if (totals_path) {
		if (!(tf = fopen(totals_path, "w"))) {
			fprintf(stderr, "query_bench: %s: %s\n", totals_path, strerror(errno));
			goto done;
		}
		for (size_t i = 0; i < nq; i++)
			fprintf(tf, "%u\t%s\n", totals[i], qs[i].line);
		if (fclose(tf) != 0) {
			tf = NULL;
			fprintf(stderr, "query_bench: %s: %s\n", totals_path, strerror(errno));
			goto done;
		}
		tf = NULL;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "query_bench: stdout: %s\n", strerror(errno));
		goto done;
	}
	status = 0;
done:
	if (tf)
		fclose(tf);
	free(totals);
	free(lat_p);
	free(lat_f);
	free(lat_e);
	free(lat);
	ofs_searcher_free(s);
	bench_queries_free(qs, nq);
	return status;
usage:
	fputs("usage: query_bench --db DIR --queries FILE [--reps N] [--thesaurus FILE]\n"
	      "                   [--searcher PATH [--proc-reps M]] [--totals FILE]\n"
	      "                   [--per-query FILE]\n", stderr);
	return 2;
}
