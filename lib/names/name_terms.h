/*
 * name_terms.h: the names of names.h as index terms: added to a
 * paragraph's document while indexing, and asked for by a query.  Private
 * to the library: it speaks the engine wrapper's types.
 */
#ifndef OFS_NAME_TERMS_H
#define OFS_NAME_TERMS_H

#include "engine/xapian.h"
#include "ofs/names.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Add the name terms of doc's text, after ofs_xdoc_index_text(), and
 * nothing when n is NULL.  Errors: OFS_ENOMEM.
 */
ofs_status ofs_names_index(const ofs_names *n, ofs_xdoc *doc);

/*
 * The query for the name text in index db: the paragraphs holding its
 * name term, weighted by the name's rarest word in db, whose count in
 * them is nearly always the fewest of its words', as a phrase's is (Xapian
 * counts a phrase by its word counted least).  No position is read.  *q
 * is NULL when text has fewer than two indexed words and so is no name.
 * Only for an index whose every report carries the names of the thesaurus
 * text comes from.  Errors: OFS_ENOMEM, OFS_EXAPIAN.
 */
ofs_status ofs_name_query(ofs_xdb *db, const char *text, ofs_xquery **q, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
