/*
 * index_write.h: putting reports into the index and taking them out.
 *
 * An ofs_index is the index open for writing.  Changes become visible to
 * searchers, all at once, at ofs_index_commit(); a crash before that
 * leaves the index as it was at the last commit.
 */
#ifndef OFS_INDEX_WRITE_H
#define OFS_INDEX_WRITE_H

#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_index ofs_index;

enum {
	OFS_INDEX_WAIT = 1 << 0 /* wait for another indexer's lock */
};

/*
 * Open (creating if needed) the index in folder dir for writing.  Errors:
 * OFS_ELOCKED (another indexer is writing it; the message names dir),
 * OFS_EFORMAT (an index of another schema version), OFS_ECORRUPT,
 * OFS_EXAPIAN, OFS_EIO.  Free with ofs_index_close().
 */
ofs_status ofs_index_open(ofs_index **out, const char *dir, unsigned flags,
			  ofs_error *err);

/*
 * Put report r in the index, replacing whatever the index held for the
 * same file.  hash identifies the file's content (NULL if unknown).
 * *replaced, if not NULL, says whether the file was in the index before.
 * Errors: OFS_EIO (the file's path cannot be resolved), OFS_ENOMEM,
 * OFS_EXAPIAN.  After an engine error the file is absent from the index
 * until it is put again (its loading errors happen before, in
 * ofs_doc_load, and leave the index untouched).
 */
ofs_status ofs_index_put(ofs_index *idx, const ofs_report *r, const char *hash,
			 int *replaced, ofs_error *err);

/* Make every change since the last commit durable and visible. */
ofs_status ofs_index_commit(ofs_index *idx, ofs_error *err);

/* Number of documents (paragraphs and reports) in the index. */
ofs_status ofs_index_doccount(ofs_index *idx, unsigned *out, ofs_error *err);

/* Commit and close; NULL is a no-op.  Call ofs_index_commit() first to
 * see a commit error. */
void ofs_index_close(ofs_index *idx);

#ifdef __cplusplus
}
#endif
#endif
