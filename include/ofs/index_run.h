/*
 * index_run.h: one indexer run: keep the index in step with the files
 * and folders the user named.
 *
 * New files are added; changed files (a different size or modification
 * time, then a different content hash) are indexed again; unchanged files
 * are skipped without being parsed; files gone from a named folder are
 * removed.  Files are parsed by several threads at once and written into
 * the index's shards; work is committed in batches, so an interruption or
 * a crash loses at most the current batch, and the next run finishes the
 * job.  A file that fails to load is reported and keeps its previous
 * version in the index.
 */
#ifndef OFS_INDEX_RUN_H
#define OFS_INDEX_RUN_H

#include <signal.h>
#include <stddef.h>

#include "ofs/report.h"
#include "ofs/names.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_run_stats {
	unsigned added;      /* files new to the index */
	unsigned updated;    /* changed files indexed again */
	unsigned removed;    /* files gone from a named folder */
	unsigned unchanged;  /* files skipped as unchanged */
	unsigned failed;     /* files that could not be read or indexed */
	unsigned paragraphs; /* paragraphs written */
	unsigned files;      /* files considered */
} ofs_run_stats;

typedef struct ofs_run_opts {
	const char *db;          /* index folder */
	int wait;                /* wait for another indexer's lock */
	int rebuild;             /* build afresh beside the live index, then swap */
	unsigned jobs;           /* parallel workers; 0: one per core */
	unsigned batch;          /* files per shard commit; 0: the default */
	ofs_pdf_reader_fn pdf;   /* PDF reader, or NULL */
	const ofs_names *names;  /* names to index as terms (names.h), or NULL */
	/* When *stop becomes non-zero (from a signal handler), the run
	 * finishes the files in hand, commits and returns OFS_EINTR. */
	volatile sig_atomic_t *stop;
	/* Called (serialised) for every file that fails, with its one-line
	 * error; and before each file, with files done of total. */
	void (*on_error)(void *ctx, const ofs_error *e);
	void (*on_progress)(void *ctx, size_t done, size_t total, const char *path);
	void *ctx;
} ofs_run_opts;

/*
 * Run.  *st is counted from zero.  Bad inputs are reported through
 * on_error and counted in st->failed; they never stop the run.  Returns OFS_OK when the run
 * completed (even with failed files); OFS_EINTR when stopped (work so far
 * committed; a rebuild is abandoned and the live index left as it was);
 * or the error that stopped it: the index could not be opened
 * (OFS_ELOCKED, OFS_EFORMAT, ...) or written.
 */
ofs_status ofs_index_run(const ofs_run_opts *o, char *const *paths, size_t n,
			 ofs_run_stats *st, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
