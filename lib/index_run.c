/*
 * index_run.c: the indexer's main loop.
 *
 * Files are collected first, so progress can say "n of total", then each
 * is loaded and put in the index; a commit every batch of files bounds
 * what a crash can lose and keeps the writer's memory flat.
 */
#include "ofs/index_run.h"

#include <stdlib.h>

#include "ofs/file_walk.h"
#include "ofs/index_write.h"
#include "ofs/paths.h"
#include "ofs/report.h"

#define DEFAULT_BATCH 64

static void report_error(const ofs_run_opts *o, const ofs_error *e)
{
	if (o->on_error)
		o->on_error(o->ctx, e);
}

ofs_status ofs_index_run(const ofs_run_opts *o, char *const *paths, size_t n,
			 ofs_run_stats *st, ofs_error *err)
{
	ofs_file_list files = {0};
	ofs_index *idx = NULL;
	unsigned batch = o->batch ? o->batch : DEFAULT_BATCH, pending = 0;
	ofs_status rc;
	ofs_error e;

	for (size_t i = 0; i < n; i++) {
		ofs_error_clear(&e);
		if (ofs_file_walk(paths[i], &files, &e) != OFS_OK) {
			report_error(o, &e);
			st->failed++;
		}
	}
	if ((rc = ofs_mkdirs(o->db, err)) != OFS_OK)
		goto done;
	if ((rc = ofs_index_open(&idx, o->db, o->wait ? OFS_INDEX_WAIT : 0, err)) != OFS_OK)
		goto done;

	for (size_t i = 0; i < files.n; i++) {
		ofs_report *r = NULL;
		int replaced = 0;
		ofs_status frc;

		if (o->on_progress)
			o->on_progress(o->ctx, i, files.n, files.paths[i]);
		ofs_error_clear(&e);
		frc = ofs_doc_load(files.paths[i], o->pdf, &r, &e);
		if (frc == OFS_OK)
			frc = ofs_index_put(idx, r, NULL, &replaced, &e);
		if (frc == OFS_OK) {
			if (replaced)
				st->updated++;
			else
				st->added++;
			st->paragraphs += (unsigned)r->n_paras;
			pending++;
		} else {
			report_error(o, &e);
			st->failed++;
		}
		ofs_report_free(r);
		if (frc != OFS_OK && frc != OFS_EIO && frc != OFS_EFORMAT && frc != OFS_ENOMEM) {
			/* The engine failed: later files would fail the same way. */
			rc = ofs_error_set(err, frc, "%s", e.msg);
			goto done;
		}
		if (pending >= batch) {
			if ((rc = ofs_index_commit(idx, err)) != OFS_OK)
				goto done;
			pending = 0;
		}
	}
	if (o->on_progress)
		o->on_progress(o->ctx, files.n, files.n, NULL);
	rc = ofs_index_commit(idx, err);
done:
	ofs_index_close(idx);
	ofs_file_list_free(&files);
	return rc;
}
