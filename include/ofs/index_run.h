/*
 * index_run.h: one indexer run: every file the user named, loaded and put
 * into the index, committed in batches, with per-file errors reported
 * and counted while the run goes on.
 */
#ifndef OFS_INDEX_RUN_H
#define OFS_INDEX_RUN_H

#include <stddef.h>

#include "ofs/doc_load.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_run_stats {
	unsigned added;      /* files new to the index */
	unsigned updated;    /* files indexed again */
	unsigned failed;     /* files that could not be read or indexed */
	unsigned paragraphs; /* paragraphs written */
} ofs_run_stats;

typedef struct ofs_run_opts {
	const char *db;          /* index folder */
	int wait;                /* wait for another indexer's lock */
	ofs_pdf_reader_fn pdf;   /* PDF reader, or NULL */
	unsigned batch;          /* files per commit; 0 for the default */
	/* Called for every file that fails, with its one-line error. */
	void (*on_error)(void *ctx, const ofs_error *e);
	/* Called before each file (done of total so far), may be NULL. */
	void (*on_progress)(void *ctx, size_t done, size_t total, const char *path);
	void *ctx;
} ofs_run_opts;

/*
 * Index the files and folders in paths[0..n).  Bad inputs are reported
 * through on_error and counted in st->failed; they never stop the run.
 * Returns OFS_OK when the run completed (even with failed files), or the
 * error that stopped it: the index could not be opened (OFS_ELOCKED,
 * OFS_EFORMAT, ...) or written; what was committed before stays.
 */
ofs_status ofs_index_run(const ofs_run_opts *o, char *const *paths, size_t n,
			 ofs_run_stats *st, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
