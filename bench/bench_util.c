/*
 * bench_util.c: the query list parser, the clock and percentiles shared
 * by query_bench and fts5_bench.  Both read the same list so that every
 * comparison runs the same queries.
 */
#include "bench_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

void bench_queries_free(bench_query *q, size_t n)
{
	if (!q)
		return;
	for (size_t i = 0; i < n; i++) {
		free(q[i].line);
		free(q[i].text);
		free(q[i].council);
		free(q[i].grade);
		free(q[i].area);
		free(q[i].kind);
		free(q[i].from);
		free(q[i].to);
	}
	free(q);
}

/* Parse one non-empty line into *q.  Returns 0, or -1 with a message. */
static int parse_line(char *line, const char *path, unsigned lineno, bench_query *q)
{
	char *part, *save = NULL, *first = NULL;

	if (!(q->line = strdup(line)))
		goto nomem;
	for (part = strtok_r(line, "|", &save); part; part = strtok_r(NULL, "|", &save)) {
		char *eq, **slot;
		part = trim(part);
		if (!first) {
			first = part;
			continue;
		}
		if (!(eq = strchr(part, '='))) {
			fprintf(stderr, "%s:%u: '%s' is not KEY=VALUE\n", path, lineno, part);
			return -1;
		}
		*eq = '\0';
		if (!strcmp(part, "council"))
			slot = &q->council;
		else if (!strcmp(part, "grade"))
			slot = &q->grade;
		else if (!strcmp(part, "area"))
			slot = &q->area;
		else if (!strcmp(part, "kind"))
			slot = &q->kind;
		else if (!strcmp(part, "from"))
			slot = &q->from;
		else if (!strcmp(part, "to"))
			slot = &q->to;
		else {
			fprintf(stderr, "%s:%u: unknown filter '%s' (council, grade, area, kind, "
				"from, to)\n", path, lineno, part);
			return -1;
		}
		free(*slot);
		if (!(*slot = strdup(trim(eq + 1))))
			goto nomem;
	}
	if (!first || !*first) {
		fprintf(stderr, "%s:%u: no query words\n", path, lineno);
		return -1;
	}
	if (!(q->text = strdup(first)))
		goto nomem;
	return 0;
nomem:
	fprintf(stderr, "%s:%u: out of memory\n", path, lineno);
	return -1;
}

int bench_queries_load(const char *path, bench_query **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	bench_query *qs = NULL;
	size_t count = 0, cap = 0, lcap = 0;
	char *buf = NULL;
	unsigned lineno = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (getline(&buf, &lcap, f) > 0) {
		char *line = trim(buf);
		lineno++;
		if (!*line || *line == '#')
			continue;
		if (count == cap) {
			bench_query *g = realloc(qs, (cap = cap ? 2 * cap : 64) * sizeof *qs);
			if (!g) {
				fprintf(stderr, "%s: out of memory\n", path);
				goto done;
			}
			qs = g;
		}
		memset(&qs[count], 0, sizeof *qs);
		count++;
		if (parse_line(line, path, lineno, &qs[count - 1]) != 0)
			goto done;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		goto done;
	}
	if (count == 0) {
		fprintf(stderr, "%s: no queries\n", path);
		goto done;
	}
	*out = qs;
	*n = count;
	qs = NULL;
	rc = 0;
done:
	bench_queries_free(qs, count);
	free(buf);
	fclose(f);
	return rc;
}

double bench_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_percentile(double *samples, size_t n, double p)
{
	size_t rank;
	qsort(samples, n, sizeof *samples, cmp_double);
	/* Nearest rank: ceil(p/100 * n), 1-based. */
	rank = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return samples[rank - 1];
}

void bench_print_latency(const char *name, double *samples, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += samples[i];
	printf("%s.p50_ms %.4f\n", name, 1e3 * bench_percentile(samples, n, 50));
	printf("%s.p95_ms %.4f\n", name, 1e3 * bench_percentile(samples, n, 95));
	printf("%s.p99_ms %.4f\n", name, 1e3 * bench_percentile(samples, n, 99));
	printf("%s.mean_ms %.4f\n", name, 1e3 * sum / (double)n);
}
