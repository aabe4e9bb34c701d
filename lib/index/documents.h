/*
 * documents.h: a report turned into the Xapian documents the index
 * stores (layout in base/schema.h), independent of any index, so that
 * reports can be prepared in parallel and put by the store (store.h).
 */
#ifndef OFS_DOCUMENTS_H
#define OFS_DOCUMENTS_H

#include <stddef.h>

#include "engine/xapian.h"
#include "names/harvest.h"
#include "ofs/names.h"
#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What an incremental run compares to decide whether a file changed:
 * quick, from stat() of the file and its sidecar (size, modification
 * time); hash, of their contents.  Both also hold the fingerprint of the
 * thesaurus whose names were indexed (names.h), so that a changed
 * thesaurus indexes every file again.  Both are strings, "" when unknown.
 */
typedef struct ofs_stamp {
	char quick[112];
	char hash[56];
} ofs_stamp;

/* A report turned into documents, ready to put.  Owned by whoever
 * prepared it; the store only reads it. */
typedef struct ofs_prepared {
	char id[17];          /* the report's id (ofs_report_id of its path) */
	ofs_xdoc **docs;      /* its paragraphs' documents, then its own */
	size_t n;
	ofs_harvest harvest;  /* acronyms and spelling words it adds */
} ofs_prepared;

/*
 * Prepare report r, read from the file at abspath (absolute, resolved)
 * with stamp st, its paragraphs carrying the terms of names (NULL: none;
 * names.h).  Errors: OFS_ENOMEM, OFS_EXAPIAN.  Free with
 * ofs_prepared_free() (NULL is a no-op).
 */
ofs_status ofs_index_prepare(const ofs_report *r, const char *abspath, const ofs_stamp *st,
			     const ofs_names *names, ofs_prepared **out, ofs_error *err);
void ofs_prepared_free(ofs_prepared *p);

/* The stamp stored in a report document's data (*out all "" where the
 * data has none).  Errors: OFS_ECORRUPT when the data is not JSON. */
ofs_status ofs_docs_stamp(const char *data, ofs_stamp *out);

#ifdef __cplusplus
}
#endif
#endif
