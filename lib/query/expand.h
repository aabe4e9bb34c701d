/*
 * expand.h: a query cut into the units a reader means, each widened with
 * the other names of what it asks for.
 *
 * Every plain word of the query, or run of words that names something in
 * the thesaurus or among the acronyms harvested from the reports ("MASH",
 * "front door", "children in care"), becomes one unit: the words as typed
 * OR their alternatives.  Alternatives are weighted below the words typed,
 * each by its kind (OFS_WEIGHT_*): the same thing under another name
 * counts fully, a broader or narrower name less, everyday words for the
 * reports' wording less again, and so on down to WordNet's synonyms and
 * the words the reports use together (neighbours.h), when asked for.  A
 * word the index does not hold is matched with the indexed words within
 * one or two edits of it (typos), and a word ending in '*' (or the last
 * word, when asked) with the words it begins.  Quoted phrases, filters
 * (council:...) and words with operators (+, -) are left as written;
 * words that only make a question ("can", "show", "any") are dropped.
 */
#ifndef OFS_EXPAND_H
#define OFS_EXPAND_H

#include "ofs/status.h"
#include "ofs/thesaurus.h"
#include "query/typos.h"
#include "names/wordnet.h"
#include "engine/xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest run of words looked up as one name. */
#define OFS_EXPAND_MAX_WORDS 6

/* Weights of alternatives against the words typed (1).  Each alternative
 * is matched together with the stronger ones as one synonym group, so a
 * paragraph with the words typed always outweighs one with only an
 * alternative. */
#define OFS_WEIGHT_EQUAL 1.0    /* "a | b" in the thesaurus; acronyms */
#define OFS_WEIGHT_ONEWAY 0.45  /* "a => b": a broader or narrower name */
#define OFS_WEIGHT_EVERYDAY 0.7 /* "a ~> b": everyday words, the same thing
				 * in other words */
#define OFS_WEIGHT_TYPO 0.6     /* indexed words one or two edits away */
#define OFS_WEIGHT_PREFIX 0.5   /* words the typed word begins */
#define OFS_WORDNET_WEIGHT 0.3  /* WordNet's general English synonyms */
#define OFS_WEIGHT_NEIGHBOUR 0.1 /* words the reports use with it
				  * (neighbours.h) */

/* What the expander may do (ofs_expander_set_mode). */
enum {
	OFS_EXPAND_NAMES = 1 << 0,       /* thesaurus and harvested acronyms */
	OFS_EXPAND_TYPOS = 1 << 1,       /* unknown words: near spellings */
	OFS_EXPAND_LAST_PREFIX = 1 << 2, /* the last word is a prefix too */
	OFS_EXPAND_UNKNOWN_PREFIX = 1 << 3, /* an unknown last word is too */
	OFS_EXPAND_NEIGHBOURS = 1 << 4   /* a word no list names: the words
					  * the reports use with it */
};

typedef struct ofs_expander ofs_expander;

/*
 * An expander using thesaurus t (may be NULL), the synonyms stored in db
 * and its words (typos), building sub-queries with the parser plain
 * (which must not itself expand).  All three are borrowed and must
 * outlive it.  Errors: OFS_ENOMEM.
 */
ofs_status ofs_expander_new(ofs_expander **out, const ofs_thesaurus *t, ofs_xdb *db,
			    ofs_xparser *plain);
void ofs_expander_free(ofs_expander *x);

/*
 * What the next rewrites do: mode is OFS_EXPAND_* bits; wn (borrowed; NULL
 * for none) also widens single words that neither the thesaurus nor the
 * index name with WordNet's synonyms.
 */
void ofs_expander_set_mode(ofs_expander *x, unsigned mode, const ofs_wordnet *wn);

/* English words (dict, borrowed; NULL for none): a word of it that the
 * index does not hold is taken as meant, not as a typo. */
void ofs_expander_set_dictionary(ofs_expander *x, const ofs_wordnet *dict);

/*
 * Rewrite the query text: every unit becomes "FIELD:N", N its number,
 * for a parser on which ofs_expand_field() is registered as query field
 * FIELD with x as context.  *out is a new string (caller frees);
 * *n_expanded (if not NULL) the number of units widened with other names.
 * Replaces the units of the previous rewrite.  Errors: OFS_ENOMEM,
 * OFS_EXAPIAN (reading the index's synonyms or words).
 */
ofs_status ofs_expand_rewrite(ofs_expander *x, const char *text, const char *field,
			      char **out, unsigned *n_expanded, ofs_error *err);

/*
 * Replace *q (parsed from a rewrite) by ofs_xquery_phrase_names() of it
 * when every report of the index carries the names of x's thesaurus:
 * its phrases that are names read no positions.  Errors: OFS_ENOMEM,
 * OFS_EXAPIAN (*q is then unchanged).
 */
ofs_status ofs_expand_phrase_names(ofs_expander *x, ofs_xquery **q, ofs_error *err);

/* The ofs_xquery_fn that makes unit N's query (ctx is the expander). */
ofs_status ofs_expand_field(void *ctx, const char *text, ofs_xquery **q, ofs_error *err);

/* The closest indexed word to word (lower case) within its allowed edits
 * (typos.h), most frequent first, into *near (borrowed; NULL when none).
 * Errors: OFS_ENOMEM, OFS_EXAPIAN (reading the index's words). */
ofs_status ofs_expander_typos_find(ofs_expander *x, const char *word, const char **near,
				   ofs_error *err);

/* The units of the last rewrite: how many, and unit i's words as typed
 * and its query (NULL until the parser asked for it).  Borrowed. */
size_t ofs_expand_units(const ofs_expander *x);
const char *ofs_expand_unit_text(const ofs_expander *x, size_t i);
const ofs_xquery *ofs_expand_unit_query(const ofs_expander *x, size_t i);

#ifdef __cplusplus
}
#endif
#endif
