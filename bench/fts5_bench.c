/*
 * fts5_bench.c: the SQLite FTS5 baseline: the same paragraphs indexed
 * and searched with FTS5 and its porter tokenizer.
 *
 *   fts5_bench build --index DIR --fts FILE
 *   fts5_bench query --fts FILE --queries LIST [--reps N] [--totals FILE]
 *
 * build reads every paragraph (its text, council, grade, area, kind,
 * year, date) out of our index DIR through the library, report by
 * report (the documents with its report term but not OFS_TERM_REPORT), and inserts it into a new database FILE: a virtual table
 * fts(text) with tokenize='porter' (porter stemming over unicode61, the
 * counterpart of our English stemmer) and a plain table para(council,
 * grade, area, kind, year, date) with the same rowid, for filters and
 * facet counts.  Like our index, the database keeps the text.  One
 * transaction, committed, as the indexer commits.  Only the SQLite calls
 * are timed (wall and thread CPU time, summed): reading our index is
 * not part of the baseline.  Prints fts5.paragraphs, fts5.text_bytes
 * (the bytes of paragraph text: the extracted text size of both
 * indexes), fts5.insert_s, fts5.insert_cpu_s and fts5.size_bytes.
 *
 * query runs every query of the list once untimed, then N times (default
 * 20), as two timed calls:
 *   fts5:        SELECT rowid, snippet(), bm25() ... WHERE fts MATCH ?
 *                [AND filters on para] ORDER BY bm25 LIMIT 10, every row
 *                read;
 *   fts5_facets: the same, then one statement that materialises all
 *                matches' (council, grade, area, year) once and groups
 *                them four ways (UNION ALL of four GROUP BYs).
 * Statements are prepared once per query outside the timing and reset
 * and re-bound for each call, which favours FTS5 a little: our library
 * parses the query on every call.  The query text is turned into an
 * FTS5 expression: "phrases" stay phrases, AND/OR/NOT stay operators,
 * word* becomes a prefix query, every other word is quoted so that
 * punctuation cannot break the syntax; the words are ANDed, as ours are.
 * Prints fts5.p50_ms ... fts5_facets.mean_ms like query_bench.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "base/schema.h"
#include "ofs/search.h"
#include "engine/xapian.h"

/* ---- build ---------------------------------------------------------- */

static double thread_cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

struct ids {
	char **v;
	size_t n, cap;
};

static int collect_report(void *ctx, const char *term)
{
	struct ids *ids = ctx;
	/* "XR" + 16 hex digits; anything else is another prefix's term. */
	if (strlen(term) != strlen(OFS_PFX_REPORT) + 16)
		return 0;
	if (ids->n == ids->cap) {
		char **g = realloc(ids->v, (ids->cap = ids->cap ? 2 * ids->cap : 1024) * sizeof *g);
		if (!g)
			return 1;
		ids->v = g;
	}
	if (!(ids->v[ids->n] = strdup(term)))
		return 1;
	ids->n++;
	return 0;
}

struct timer {
	double wall, cpu, w0, c0;
};

static void timer_start(struct timer *t)
{
	t->w0 = bench_now();
	t->c0 = thread_cpu();
}

static void timer_stop(struct timer *t)
{
	t->wall += bench_now() - t->w0;
	t->cpu += thread_cpu() - t->c0;
}

static int exec_sql(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: %s: %s\n", sql, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Insert the paragraphs of the report whose term is rterm: the
 * documents with that term other than the report's own document.
 * Returns 0 or -1 with a message. */
static int copy_report(ofs_xdb *x, const char *rterm, sqlite3 *db, sqlite3_stmt *ins_fts,
		       sqlite3_stmt *ins_para, struct timer *t, sqlite3_int64 *rowid,
		       size_t *bytes)
{
	ofs_xquery *qr = NULL, *qd = NULL, *q = NULL;
	ofs_xmset *m = NULL;
	ofs_xsearch_opts o = {
		.limit = 1000000,
		.sort_slot = -1,
		.collapse_slot = -1,
		.n_values = 3,
		.value_slots = {OFS_SLOT_FACETS, OFS_SLOT_DISPLAY, OFS_SLOT_DATE},
	};
	ofs_error err;
	int rc = -1;

	if (ofs_xquery_term(&qr, rterm) != OFS_OK ||
	    ofs_xquery_term(&qd, OFS_TERM_REPORT) != OFS_OK ||
	    ofs_xquery_and_not(&q, qr, qd) != OFS_OK) {
		fputs("fts5_bench: out of memory\n", stderr);
		goto done;
	}
	if (ofs_xdb_search(x, q, &o, &m, &err) != OFS_OK) {
		fprintf(stderr, "fts5_bench: %s\n", err.msg);
		goto done;
	}
	for (unsigned i = 0; i < ofs_xmset_size(m); i++) {
		const char *facet[OFS_FACET_FIELDS], *display[OFS_DISPLAY_FIELDS];
		char *fbuf = strdup(ofs_xmset_value(m, i, 0));
		char *dbuf = strdup(ofs_xmset_value(m, i, 1));
		const char *date = ofs_xmset_value(m, i, 2);
		size_t len;
		const char *text = ofs_xmset_data(m, i, &len);
		int bad;

		if (!fbuf || !dbuf) {
			free(fbuf);
			free(dbuf);
			fputs("fts5_bench: out of memory\n", stderr);
			goto done;
		}
		ofs_unpack(fbuf, facet, OFS_FACET_FIELDS);
		ofs_unpack(dbuf, display, OFS_DISPLAY_FIELDS);
		++*rowid;
		*bytes += len;
		timer_start(t);
		bad = sqlite3_bind_int64(ins_fts, 1, *rowid) ||
		      sqlite3_bind_text(ins_fts, 2, text, (int)len, SQLITE_STATIC) ||
		      sqlite3_step(ins_fts) != SQLITE_DONE || sqlite3_reset(ins_fts) ||
		      sqlite3_bind_int64(ins_para, 1, *rowid) ||
		      sqlite3_bind_text(ins_para, 2, facet[OFS_FACET_COUNCIL], -1, SQLITE_STATIC) ||
		      sqlite3_bind_text(ins_para, 3, facet[OFS_FACET_GRADE], -1, SQLITE_STATIC) ||
		      sqlite3_bind_text(ins_para, 4, facet[OFS_FACET_AREA], -1, SQLITE_STATIC) ||
		      sqlite3_bind_text(ins_para, 5, display[OFS_DISPLAY_KIND], -1, SQLITE_STATIC) ||
		      sqlite3_bind_text(ins_para, 6, facet[OFS_FACET_YEAR], -1, SQLITE_STATIC) ||
		      sqlite3_bind_text(ins_para, 7, date, -1, SQLITE_STATIC) ||
		      sqlite3_step(ins_para) != SQLITE_DONE || sqlite3_reset(ins_para);
		timer_stop(t);
		free(fbuf);
		free(dbuf);
		if (bad) {
			fprintf(stderr, "fts5_bench: insert: %s\n", sqlite3_errmsg(db));
			goto done;
		}
	}
	rc = 0;
done:
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	ofs_xquery_free(qd);
	ofs_xquery_free(qr);
	return rc;
}

static int cmd_build(const char *index, const char *fts)
{
	struct ids ids = {0};
	struct timer t = {0};
	ofs_xdb *x = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *ins_fts = NULL, *ins_para = NULL;
	sqlite3_int64 rowid = 0;
	size_t bytes = 0;
	ofs_error err;
	FILE *f;
	long size;
	int rc = -1;

	if (ofs_xdb_open_read(&x, index, &err) != OFS_OK) {
		fprintf(stderr, "fts5_bench: %s\n", err.msg);
		goto done;
	}
	if (ofs_xdb_each_term(x, OFS_PFX_REPORT, collect_report, &ids, &err) != OFS_OK) {
		fprintf(stderr, "fts5_bench: %s\n", err.msg);
		goto done;
	}
	if (unlink(fts) != 0 && errno != ENOENT) {
		fprintf(stderr, "fts5_bench: %s: %s\n", fts, strerror(errno));
		goto done;
	}

	timer_start(&t);
	if (sqlite3_open(fts, &db) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: %s: %s\n", fts, db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	if (exec_sql(db, "CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter');"
			 "CREATE TABLE para(rowid INTEGER PRIMARY KEY, council TEXT, grade TEXT,"
			 " area TEXT, kind TEXT, year TEXT, date TEXT);"
			 "BEGIN;") != 0)
		goto done;
	if (sqlite3_prepare_v2(db, "INSERT INTO fts(rowid, text) VALUES(?, ?)", -1, &ins_fts,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO para VALUES(?, ?, ?, ?, ?, ?, ?)", -1, &ins_para,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: prepare: %s\n", sqlite3_errmsg(db));
		goto done;
	}
	timer_stop(&t);

	for (size_t i = 0; i < ids.n; i++)
		if (copy_report(x, ids.v[i], db, ins_fts, ins_para, &t, &rowid, &bytes) != 0)
			goto done;

	timer_start(&t);
	sqlite3_finalize(ins_fts);
	sqlite3_finalize(ins_para);
	ins_fts = ins_para = NULL;
	if (exec_sql(db, "COMMIT;") != 0)
		goto done;
	if (sqlite3_close(db) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: close: %s\n", sqlite3_errmsg(db));
		goto done;
	}
	db = NULL;
	timer_stop(&t);

	if (!(f = fopen(fts, "rb")) || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0) {
		fprintf(stderr, "fts5_bench: %s: %s\n", fts, strerror(errno));
		if (f)
			fclose(f);
		goto done;
	}
	fclose(f);
	printf("fts5.reports %zu\n", ids.n);
	printf("fts5.paragraphs %lld\n", (long long)rowid);
	printf("fts5.text_bytes %zu\n", bytes);
	printf("fts5.insert_s %.6f\n", t.wall);
	printf("fts5.insert_cpu_s %.6f\n", t.cpu);
	printf("fts5.size_bytes %ld\n", size);
	rc = 0;
done:
	sqlite3_finalize(ins_fts);
	sqlite3_finalize(ins_para);
	sqlite3_close(db);
	ofs_xdb_close(x);
	for (size_t i = 0; i < ids.n; i++)
		free(ids.v[i]);
	free(ids.v);
	return rc;
}

/* ---- query ---------------------------------------------------------- */

/* A growable string with a sticky out-of-memory flag. */
struct buf {
	char *s;
	size_t n, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t len)
{
	if (b->oom)
		return;
	if (b->n + len + 1 > b->cap) {
		size_t cap = (b->n + len + 1) * 2;
		char *g = realloc(b->s, cap);
		if (!g) {
			b->oom = 1;
			return;
		}
		b->s = g;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

static void puts_b(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Append s[0..len) as an FTS5 string: in double quotes, quotes doubled. */
static void put_quoted(struct buf *b, const char *s, size_t len)
{
	put(b, "\"", 1);
	for (size_t i = 0; i < len; i++)
		put(b, s[i] == '"' ? "\"\"" : s + i, s[i] == '"' ? 2 : 1);
	put(b, "\"", 1);
}

/* The FTS5 expression for a query in our syntax (see the file comment).
 * Returns a new string or NULL when out of memory. */
static char *fts5_expr(const char *text)
{
	struct buf b = {0};
	const char *p = text;

	while (*p) {
		const char *start;
		size_t len;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (b.n)
			put(&b, " ", 1);
		if (*p == '"') {
			start = ++p;
			while (*p && *p != '"')
				p++;
			put_quoted(&b, start, (size_t)(p - start));
			if (*p)
				p++;
			continue;
		}
		start = p;
		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - start);
		if ((len == 2 && !strncmp(start, "OR", 2)) || (len == 3 && !strncmp(start, "AND", 3)) ||
		    (len == 3 && !strncmp(start, "NOT", 3)))
			put(&b, start, len);
		else if (len > 1 && start[len - 1] == '*') {
			put_quoted(&b, start, len - 1);
			put(&b, "*", 1);
		} else
			put_quoted(&b, start, len);
	}
	if (b.oom || !b.s) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* The filter clauses for q, with parameters numbered from 2 (1 is the
 * MATCH expression), and whether any is needed (so the join is). */
static int put_filters(struct buf *b, const bench_query *q)
{
	int n = 0;
#define F(field, sql) \
	if (q->field) { \
		char num[8]; \
		snprintf(num, sizeof num, "?%d", n + 2); \
		puts_b(b, " AND "); \
		puts_b(b, sql); \
		puts_b(b, num); \
		n++; \
	}
	F(council, "p.council COLLATE NOCASE = ")
	F(grade, "p.grade = ")
	F(area, "p.area = ")
	F(kind, "p.kind = ")
	F(from, "p.date >= ")
	F(to, "p.date <= ")
#undef F
	return n;
}

/* Bind the MATCH expression and the filters of q in the order
 * put_filters() numbered them.  Returns SQLITE_OK or an error. */
static int bind_query(sqlite3_stmt *st, const char *expr, const bench_query *q)
{
	char lo[11], hi[11];
	int n = 2, rc = sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->council)
		rc = sqlite3_bind_text(st, n++, q->council, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->grade)
		rc = sqlite3_bind_text(st, n++, q->grade, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->area)
		rc = sqlite3_bind_text(st, n++, q->area, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->kind)
		rc = sqlite3_bind_text(st, n++, q->kind, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK && q->from)
		rc = ofs_date_bound(q->from, 0, lo) ?
			     sqlite3_bind_text(st, n++, lo, -1, SQLITE_TRANSIENT) : SQLITE_MISMATCH;
	if (rc == SQLITE_OK && q->to)
		rc = ofs_date_bound(q->to, 1, hi) ?
			     sqlite3_bind_text(st, n++, hi, -1, SQLITE_TRANSIENT) : SQLITE_MISMATCH;
	return rc;
}

struct prepared {
	char *expr;
	sqlite3_stmt *top, *facets;
};

static int prepare_query(sqlite3 *db, const bench_query *q, struct prepared *pq)
{
	struct buf where = {0}, top = {0}, fac = {0};
	int nf, rc = -1;

	if (!(pq->expr = fts5_expr(q->text)))
		goto nomem;
	puts_b(&where, "fts MATCH ?1");
	nf = put_filters(&where, q);
	/* Without filters the join is left out: FTS5 alone, at its best. */
	puts_b(&top, "SELECT fts.rowid, snippet(fts, 0, char(2), char(3), '...', 40), "
		     "bm25(fts) FROM fts");
	if (nf)
		puts_b(&top, " JOIN para p ON p.rowid = fts.rowid");
	puts_b(&top, " WHERE ");
	puts_b(&top, where.s ? where.s : "");
	puts_b(&top, " ORDER BY bm25(fts) LIMIT 10");
	puts_b(&fac, "WITH m AS MATERIALIZED (SELECT p.council AS c, p.grade AS g, p.area AS a, "
		     "p.year AS y FROM fts JOIN para p ON p.rowid = fts.rowid WHERE ");
	puts_b(&fac, where.s ? where.s : "");
	puts_b(&fac, ") SELECT 0, c, count(*) FROM m GROUP BY c"
		     " UNION ALL SELECT 1, g, count(*) FROM m GROUP BY g"
		     " UNION ALL SELECT 2, a, count(*) FROM m GROUP BY a"
		     " UNION ALL SELECT 3, y, count(*) FROM m GROUP BY y");
	if (where.oom || top.oom || fac.oom)
		goto nomem;
	if (sqlite3_prepare_v2(db, top.s, -1, &pq->top, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, fac.s, -1, &pq->facets, NULL) != SQLITE_OK ||
	    bind_query(pq->top, pq->expr, q) != SQLITE_OK ||
	    bind_query(pq->facets, pq->expr, q) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: %s: %s\n", q->line, sqlite3_errmsg(db));
		goto done;
	}
	rc = 0;
	goto done;
nomem:
	fputs("fts5_bench: out of memory\n", stderr);
done:
	free(where.s);
	free(top.s);
	free(fac.s);
	return rc;
}

/* Step st to the end, reading every column as the caller would; for
 * the facet statement, *total gets the matches (the council group's
 * counts).  Then reset it for the next call (bindings stay). */
static int run_stmt(sqlite3 *db, sqlite3_stmt *st, const char *line, unsigned *total)
{
	size_t sink = 0;
	int rc;
	if (total)
		*total = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(st, 1);
		sink += s ? strlen((const char *)s) : 0;
		if (total && sqlite3_column_int(st, 0) == 0)
			*total += (unsigned)sqlite3_column_int(st, 2);
	}
	(void)sink;
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "fts5_bench: %s: %s\n", line, sqlite3_errmsg(db));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static int cmd_query(const char *fts, const char *qfile, long reps, const char *totals_path)
{
	bench_query *qs = NULL;
	struct prepared *pq = NULL;
	size_t nq = 0, ns = 0;
	double *lat = NULL, *lat_f = NULL;
	unsigned *totals = NULL;
	sqlite3 *db = NULL;
	FILE *tf = NULL;
	int rc = -1;

	if (bench_queries_load(qfile, &qs, &nq) != 0)
		goto done;
	if (sqlite3_open_v2(fts, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "fts5_bench: %s: %s\n", fts, db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	pq = calloc(nq, sizeof *pq);
	lat = malloc(nq * (size_t)reps * sizeof *lat);
	lat_f = malloc(nq * (size_t)reps * sizeof *lat_f);
	totals = calloc(nq, sizeof *totals);
	if (!pq || !lat || !lat_f || !totals) {
		fputs("fts5_bench: out of memory\n", stderr);
		goto done;
	}
	for (size_t i = 0; i < nq; i++)
		if (prepare_query(db, &qs[i], &pq[i]) != 0)
			goto done;
	/* Warm-up, recording the totals. */
	for (size_t i = 0; i < nq; i++)
		if (run_stmt(db, pq[i].top, qs[i].line, NULL) != 0 ||
		    run_stmt(db, pq[i].facets, qs[i].line, &totals[i]) != 0)
			goto done;
	for (long r = 0; r < reps; r++)
		for (size_t i = 0; i < nq; i++) {
			double t0 = bench_now();
			if (run_stmt(db, pq[i].top, qs[i].line, NULL) != 0)
				goto done;
			lat[ns] = bench_now() - t0;
			t0 = bench_now();
			if (run_stmt(db, pq[i].top, qs[i].line, NULL) != 0 ||
			    run_stmt(db, pq[i].facets, qs[i].line, NULL) != 0)
				goto done;
			lat_f[ns++] = bench_now() - t0;
		}
	bench_print_latency("fts5", lat, ns);
	bench_print_latency("fts5_facets", lat_f, ns);
	if (totals_path) {
		if (!(tf = fopen(totals_path, "w"))) {
			fprintf(stderr, "fts5_bench: %s: %s\n", totals_path, strerror(errno));
			goto done;
		}
		for (size_t i = 0; i < nq; i++)
			fprintf(tf, "%u\t%s\n", totals[i], qs[i].line);
		if (fclose(tf) != 0) {
			tf = NULL;
			fprintf(stderr, "fts5_bench: %s: %s\n", totals_path, strerror(errno));
			goto done;
		}
		tf = NULL;
	}
	rc = 0;
done:
	if (tf)
		fclose(tf);
	for (size_t i = 0; pq && i < nq; i++) {
		sqlite3_finalize(pq[i].top);
		sqlite3_finalize(pq[i].facets);
		free(pq[i].expr);
	}
	free(pq);
	free(totals);
	free(lat_f);
	free(lat);
	sqlite3_close(db);
	bench_queries_free(qs, nq);
	return rc;
}

int main(int argc, char **argv)
{
	const char *index = NULL, *fts = NULL, *qfile = NULL, *totals = NULL;
	long reps = 20;
	int rc;

	if (argc < 2)
		goto usage;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			goto usage;
		if (!strcmp(a, "--index"))
			index = v;
		else if (!strcmp(a, "--fts"))
			fts = v;
		else if (!strcmp(a, "--queries"))
			qfile = v;
		else if (!strcmp(a, "--reps"))
			reps = strtol(v, NULL, 10);
		else if (!strcmp(a, "--totals"))
			totals = v;
		else
			goto usage;
		i++;
	}
	if (!strcmp(argv[1], "build") && index && fts)
		rc = cmd_build(index, fts);
	else if (!strcmp(argv[1], "query") && fts && qfile && reps >= 1)
		rc = cmd_query(fts, qfile, reps, totals);
	else
		goto usage;
	if (rc == 0 && fflush(stdout) != 0) {
		fprintf(stderr, "fts5_bench: stdout: %s\n", strerror(errno));
		rc = -1;
	}
	return rc == 0 ? 0 : 1;
usage:
	fputs("usage: fts5_bench build --index DIR --fts FILE\n"
	      "       fts5_bench query --fts FILE --queries LIST [--reps N] [--totals FILE]\n",
	      stderr);
	return 2;
}
