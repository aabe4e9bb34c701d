/*
 * index_run.c: the indexer's main loop (see index_run.h).
 *
 * Files are collected first, so progress can say "n of total".  Worker
 * threads then take them one at a time as a job (struct job, which
 * carries the file through its stages): each checks the file's
 * stamp against the index, reads and hashes it only when the stamp
 * differs, parses and prepares its documents without any lock (the slow
 * part, in parallel), and puts them under its shard's lock.  A commit
 * every batch of files bounds what a crash loses and the writer's memory.
 */
#include "ofs/index_run.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/file_read.h"
#include "read/file_walk.h"
#include "index/store.h"
#include "read/doc_load.h"
#include "ofs/report.h"
#include "base/schema.h"
#include "base/util.h"
#include "read/sidecar.h"

/* A shard is committed after this many files put into it, or this many
 * documents, whichever comes first: the writer's memory grows with
 * uncommitted documents, and each shard is committed on its own so that
 * the other writers go on meanwhile. */
#define DEFAULT_BATCH 32
#define BATCH_PARAGRAPHS 10000
#define MAX_JOBS 64

typedef struct run {
	const ofs_run_opts *o;
	ofs_index *idx;
	ofs_file_list files;
	ofs_run_stats *st;
	pthread_mutex_t mu;   /* guards everything below and the callbacks */
	size_t next;          /* next file to take */
	size_t done;
	ofs_status fatal;     /* an engine error that stops the run */
	ofs_error fatal_err;
} run;

static int stopping(run *r)
{
	return (r->o->stop && *r->o->stop) || r->fatal != OFS_OK;
}

static void report_error(run *r, const ofs_error *e)
{
	pthread_mutex_lock(&r->mu);
	r->st->failed++;
	if (r->o->on_error)
		r->o->on_error(r->o->ctx, e);
	pthread_mutex_unlock(&r->mu);
}

static void walk_error(void *ctx, const ofs_error *e)
{
	report_error(ctx, e);
}

static void set_fatal(run *r, ofs_status rc, const ofs_error *e)
{
	pthread_mutex_lock(&r->mu);
	if (r->fatal == OFS_OK) {
		r->fatal = rc;
		r->fatal_err = *e;
	}
	pthread_mutex_unlock(&r->mu);
}

/* "size:mtime" of path, or "" when it does not exist. */
static void stat_stamp(const char *path, char *out, size_t size)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		*out = '\0';
		return;
	}
	snprintf(out, size, "%lld:%lld.%09ld", (long long)st.st_size,
		 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
}

/* The fingerprint of the names indexed with a file, "" when none. */
static const char *names_mark(const ofs_run_opts *o)
{
	return o->names ? ofs_names_fingerprint(o->names) : "";
}

/* The quick stamp of a file and its sidecar. */
static void quick_stamp(const ofs_run_opts *o, const char *path, char *out, size_t size)
{
	char f[48], m[48], meta[4200];
	snprintf(meta, sizeof meta, "%s%s", path, OFS_SIDECAR_SUFFIX);
	stat_stamp(path, f, sizeof f);
	stat_stamp(meta, m, sizeof m);
	snprintf(out, size, "%s/%s/%s", f, m, names_mark(o));
}

/* The content hash of a file (its contents in buf) and its sidecar. */
static void content_hash(const ofs_run_opts *o, const char *path, const char *buf, size_t len,
			 char *out, size_t size)
{
	char f[17], m[17] = "", meta[4200], *mbuf = NULL;
	size_t mlen;
	ofs_hash_hex(buf, len, f);
	snprintf(meta, sizeof meta, "%s%s", path, OFS_SIDECAR_SUFFIX);
	if (access(meta, F_OK) == 0 && ofs_file_read(meta, &mbuf, &mlen, NULL) == OFS_OK)
		ofs_hash_hex(mbuf, mlen, m);
	free(mbuf);
	snprintf(out, size, "%s%s%s", f, m, names_mark(o));
}

/*
 * One file's route through the indexer, filled in stage by stage by
 * index_file(): the path as walked, resolved; its stamp now and the one
 * the index holds; its bytes; the report parsed from them; the documents
 * prepared from that, which go into the index.
 */
typedef struct job {
	const char *path;    /* as walked (r->files owns it) */
	unsigned writer;     /* the worker's number: its shard for new reports */
	char *abspath;       /* resolved, the file's key in the index */
	ofs_stamp now, old;
	int known;           /* the index holds the file (old is its stamp) */
	char *buf;           /* the file's bytes */
	size_t len;
	ofs_report *rep;
	ofs_prepared *prep;
} job;

static void job_free(job *j)
{
	ofs_prepared_free(j->prep);
	ofs_report_free(j->rep);
	free(j->buf);
	free(j->abspath);
}

/* Index the file of job j; errors are reported, engine errors stop the
 * run. */
static void index_file(run *r, job *j)
{
	const ofs_run_opts *o = r->o;
	int replaced = 0;
	ofs_error e;
	ofs_status rc;

	ofs_error_clear(&e);
	if (!(j->abspath = realpath(j->path, NULL))) {
		ofs_error_set(&e, OFS_EIO, "%s: %s", j->path, strerror(errno));
		report_error(r, &e);
		return;
	}
	quick_stamp(o, j->abspath, j->now.quick, sizeof j->now.quick);
	if (!o->rebuild) {
		rc = ofs_index_lookup(r->idx, j->abspath, &j->old, &e);
		if (rc == OFS_OK)
			j->known = 1;
		else if (rc != OFS_ENOTFOUND)
			goto engine_error;
		ofs_error_clear(&e);
	}
	if (j->known && !strcmp(j->old.quick, j->now.quick))
		goto unchanged;
	if ((rc = ofs_file_read(j->path, &j->buf, &j->len, &e)) != OFS_OK) {
		report_error(r, &e);
		return;
	}
	content_hash(o, j->abspath, j->buf, j->len, j->now.hash, sizeof j->now.hash);
	/* Touched but not changed: no need to parse it again. */
	if (j->known && !strcmp(j->old.hash, j->now.hash))
		goto unchanged;
	if ((rc = ofs_doc_parse(j->path, j->buf, j->len, o->pdf, &j->rep, &e)) != OFS_OK) {
		report_error(r, &e);
		return;
	}
	free(j->buf);
	j->buf = NULL;
	if ((rc = ofs_index_prepare(j->rep, j->abspath, &j->now, o->names, &j->prep, &e)) != OFS_OK ||
	    (rc = ofs_index_put(r->idx, j->prep, j->writer, &replaced, &e)) != OFS_OK)
		goto engine_error;
	pthread_mutex_lock(&r->mu);
	if (replaced)
		r->st->updated++;
	else
		r->st->added++;
	r->st->paragraphs += (unsigned)j->rep->n_paras;
	pthread_mutex_unlock(&r->mu);
	return;
unchanged:
	pthread_mutex_lock(&r->mu);
	r->st->unchanged++;
	pthread_mutex_unlock(&r->mu);
	return;
engine_error:
	if (rc == OFS_ENOMEM) {
		report_error(r, &e);
	} else {
		ofs_error m;
		ofs_error_set(&m, rc, "%s: %s", j->path, e.msg);
		set_fatal(r, rc, &m);
	}
}

/* Commit the shards that have a batch's worth of work pending: only
 * those, so that the other writers go on meanwhile. */
static void maybe_commit(run *r)
{
	unsigned batch = r->o->batch ? r->o->batch : DEFAULT_BATCH;
	ofs_error e;
	ofs_status rc;
	ofs_error_clear(&e);
	if ((rc = ofs_index_commit_due(r->idx, batch, BATCH_PARAGRAPHS, &e)) != OFS_OK)
		set_fatal(r, rc, &e);
}

/* The next file for worker writer, as a new job in *j; 0 when there is
 * none left or the run is stopping. */
static int take_job(run *r, unsigned writer, job *j)
{
	int got = 0;
	pthread_mutex_lock(&r->mu);
	if (r->next < r->files.n && !stopping(r)) {
		*j = (job){.path = r->files.paths[r->next], .writer = writer};
		r->next++;
		if (r->o->on_progress)
			r->o->on_progress(r->o->ctx, r->done, r->files.n, j->path);
		got = 1;
	}
	pthread_mutex_unlock(&r->mu);
	return got;
}

typedef struct worker_arg {
	run *r;
	unsigned number;
} worker_arg;

static void *worker(void *arg)
{
	run *r = ((worker_arg *)arg)->r;
	job j;
	while (take_job(r, ((worker_arg *)arg)->number, &j)) {
		index_file(r, &j);
		job_free(&j);
		pthread_mutex_lock(&r->mu);
		r->done++;
		pthread_mutex_unlock(&r->mu);
		maybe_commit(r);
	}
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct gone {
	char **seen;     /* sorted absolute paths of the files walked */
	size_t n_seen;
	ofs_file_list gone;
	int oom;
};

static int collect_gone(void *ctx, const char *abspath)
{
	struct gone *g = ctx;
	const char *key = abspath;
	/* bsearch of an empty array is undefined (g->seen may be NULL). */
	if (!g->n_seen || !bsearch(&key, g->seen, g->n_seen, sizeof *g->seen, cmp_str)) {
		/* The path may still exist, only no longer taken (a renamed
		 * extension): then it is gone from the folder's set as well. */
		if (ofs_file_list_add(&g->gone, abspath) != OFS_OK)
			return g->oom = 1;
	}
	return 0;
}

/* Remove indexed files under the named folders that the walk no longer
 * found.  Only folders walked without error are considered. */
static ofs_status remove_gone(run *r, char *const *dirs, size_t n_dirs, ofs_error *err)
{
	struct gone g = {0};
	ofs_status rc = OFS_OK;
	if (!n_dirs)
		return OFS_OK;
	if (r->files.n && !(g.seen = calloc(r->files.n, sizeof *g.seen)))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->files.n; i++) {
		char *a = realpath(r->files.paths[i], NULL);
		if (a)
			g.seen[g.n_seen++] = a;
	}
	/* A named folder that became empty walks no file: g.seen is NULL
	 * then, and qsort of NULL is undefined even for no elements. */
	if (g.n_seen)
		qsort(g.seen, g.n_seen, sizeof *g.seen, cmp_str);
	for (size_t d = 0; rc == OFS_OK && d < n_dirs; d++)
		rc = ofs_index_each_under(r->idx, dirs[d], collect_gone, &g, err);
	if (rc == OFS_OK && g.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	for (size_t i = 0; rc == OFS_OK && i < g.gone.n; i++) {
		if ((rc = ofs_index_remove(r->idx, g.gone.paths[i], err)) == OFS_OK)
			r->st->removed++;
	}
	for (size_t i = 0; i < g.n_seen; i++)
		free(g.seen[i]);
	free(g.seen);
	ofs_file_list_free(&g.gone);
	return rc;
}

static unsigned default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

ofs_status ofs_index_run(const ofs_run_opts *o, char *const *paths, size_t n,
			 ofs_run_stats *st, ofs_error *err)
{
	run r = {.o = o, .st = st, .fatal = OFS_OK};
	ofs_index_opts io = {.wait = o->wait, .rebuild = o->rebuild};
	pthread_t threads[MAX_JOBS];
	worker_arg args[MAX_JOBS];
	unsigned jobs = o->jobs ? o->jobs : default_jobs(), started = 0;
	ofs_file_list dirs = {0};
	ofs_status rc = OFS_OK;

	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	memset(st, 0, sizeof *st);
	pthread_mutex_init(&r.mu, NULL);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		int is_dir = stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode);
		/* Every path not taken is reported and counted as it is met;
		 * a folder not examined whole keeps its indexed files. */
		rc = ofs_file_walk(paths[i], &r.files, walk_error, &r, err);
		if (rc == OFS_ENOMEM)
			goto done;
		if (rc == OFS_OK && is_dir) {
			char *a = realpath(paths[i], NULL);
			if (a && ofs_file_list_add(&dirs, a) != OFS_OK) {
				free(a);
				rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
				goto done;
			}
			free(a);
		}
		rc = OFS_OK;
	}
	st->files = (unsigned)r.files.n;
	/* A new index gets one shard per worker, so they write in parallel. */
	io.shards = jobs;
	if ((rc = ofs_index_open(&r.idx, o->db, &io, err)) != OFS_OK)
		goto done;

	for (unsigned t = 0; t < jobs; t++)
		args[t] = (worker_arg){&r, t};
	if (jobs == 1) {
		worker(&args[0]);
	} else {
		for (; started < jobs; started++)
			if (pthread_create(&threads[started], NULL, worker, &args[started]) != 0)
				break;
		if (!started)
			worker(&args[0]);
		for (unsigned t = 0; t < started; t++)
			pthread_join(threads[t], NULL);
	}
	if (o->on_progress)
		o->on_progress(o->ctx, r.files.n, r.files.n, NULL);

	if (r.fatal != OFS_OK) {
		rc = ofs_error_set(err, r.fatal, "%s", r.fatal_err.msg);
		ofs_index_commit(r.idx, NULL);
		goto done;
	}
	if (o->stop && *o->stop) {
		/* Keep what is done; an unfinished rebuild is never published. */
		if ((rc = ofs_index_commit(r.idx, err)) == OFS_OK)
			rc = ofs_error_set(err, OFS_EINTR, o->rebuild
					   ? "interrupted: rebuild abandoned, the index is as it was"
					   : "interrupted: %zu of %zu files done and committed; "
					     "run again to finish", r.done, r.files.n);
		goto done;
	}
	if (!o->rebuild && (rc = remove_gone(&r, dirs.paths, dirs.n, err)) != OFS_OK)
		goto done;
	rc = ofs_index_publish(r.idx, err);
done:
	ofs_index_close(r.idx);
	ofs_file_list_free(&r.files);
	ofs_file_list_free(&dirs);
	pthread_mutex_destroy(&r.mu);
	return rc;
}
