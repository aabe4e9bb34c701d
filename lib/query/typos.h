/*
 * typos.h: the indexed words near a misspelt one, as instant-search
 * engines match them.
 *
 * A word of 5 to 8 letters may be 1 edit from what was meant, a longer
 * one 2 (an edit: a letter inserted, deleted or changed, or two
 * neighbours swapped); shorter words are taken as typed.  Candidates come
 * from the index's spelling table (every word of the reports, with how
 * often it occurs), read once on first use.  Letters are counted as
 * bytes: the reports' words are ASCII but for a few names.
 */
#ifndef OFS_TYPOS_H
#define OFS_TYPOS_H

#include <stddef.h>

#include "ofs/status.h"
#include "engine/xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_typos ofs_typos;

/* The words of db's spelling table occurring at least twice (a word the
 * reports have once is as likely a typo as the query).  db is only read
 * here.  Errors: OFS_ENOMEM, OFS_EXAPIAN. */
ofs_status ofs_typos_load(ofs_xdb *db, ofs_typos **out, ofs_error *err);
void ofs_typos_free(ofs_typos *t);

/* The edits allowed for a word of len letters (0, 1 or 2). */
unsigned ofs_typo_max_edits(size_t len);

/*
 * The words closest to word (lower case) within its allowed edits, most
 * frequent first: at most max of them into out (borrowed from t); returns
 * how many.  None when word is itself a word of t or too short.
 */
size_t ofs_typos_find(const ofs_typos *t, const char *word, const char **out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
