/*
 * expand.h: a query widened with the other names of what it asks for.
 *
 * Words of the query that name something in the thesaurus or among the
 * acronyms harvested from the reports ("MASH", "front door", "children
 * in care") are replaced by one synonym group: the words as typed OR any
 * other name, weighted by Xapian as if it were one term, so that the
 * alternatives widen the match without outweighing the words typed.
 * Quoted phrases, filters (council:...) and words with operators (+, -,
 * *) are left as written.
 */
#ifndef OFS_EXPAND_H
#define OFS_EXPAND_H

#include "ofs/status.h"
#include "ofs/thesaurus.h"
#include "ofs/wordnet.h"
#include "ofs/xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest run of words looked up as one name. */
#define OFS_EXPAND_MAX_WORDS 6

typedef struct ofs_expander ofs_expander;

/*
 * An expander using thesaurus t (may be NULL) and the synonyms stored in
 * db (may be NULL), building sub-queries with the parser plain (which
 * must not itself expand).  All three are borrowed and must outlive it.
 * Errors: OFS_ENOMEM.
 */
ofs_status ofs_expander_new(ofs_expander **out, const ofs_thesaurus *t, ofs_xdb *db,
			    ofs_xparser *plain);
void ofs_expander_free(ofs_expander *x);

/* Weight of WordNet's synonyms against the words typed (and the domain
 * thesaurus's names, which count fully). */
#define OFS_WORDNET_WEIGHT 0.3

/*
 * Also widen single words that neither the thesaurus nor the index name
 * with WordNet's synonyms (wn borrowed; NULL turns it off again), weighted
 * by OFS_WORDNET_WEIGHT so they rank below the words typed.
 */
void ofs_expander_set_wordnet(ofs_expander *x, const ofs_wordnet *wn);

/*
 * Rewrite the query text: every name found becomes "FIELD:N", N the
 * number of its group, for a parser on which ofs_expand_field() is
 * registered as query field FIELD with x as context.  *out is a new
 * string (caller frees); *n_groups (if not NULL) the number of names
 * found.  Replaces the groups of the previous rewrite.  Errors:
 * OFS_ENOMEM, OFS_EXAPIAN (reading the index's synonyms).
 */
ofs_status ofs_expand_rewrite(ofs_expander *x, const char *text, const char *field,
			      unsigned flags, char **out, unsigned *n_groups, ofs_error *err);

/* The ofs_xquery_fn that makes group N's query (ctx is the expander). */
ofs_status ofs_expand_field(void *ctx, const char *text, ofs_xquery **q, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
