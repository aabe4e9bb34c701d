/*
 * stopwords.h: the English words too common to index or search for.
 *
 * The index leaves them out altogether (no term, no position), which
 * makes it a third smaller and faster to build; queries drop them too,
 * inside phrases as well, so that "children in care" still finds the
 * phrase: its words stand next to each other in the index.
 */
#ifndef OFS_STOPWORDS_H
#define OFS_STOPWORDS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The list, lower case; *n is its length.  Static. */
const char *const *ofs_stopword_list(size_t *n);

/* Whether the len bytes at word are a stopword (any case). */
int ofs_stopword(const char *word, size_t len);

/*
 * Whether the len bytes at word (any case) are a word that only makes a
 * question or a request of a search ("can", "should", "show", "find",
 * "any", "me"): indexed, but not what the reader is looking for, so a
 * query in everyday English leaves it out.
 */
int ofs_query_filler(const char *word, size_t len);

/*
 * Whether the n1 bytes at w1 and the n2 at w2 (any case), one word after
 * the other, ask who said something rather than what: the reports'
 * authors and a verb of saying or finding ("inspectors found", "what did
 * Ofsted say", "what does the report conclude").  Every paragraph is an
 * inspector's finding, so a query in everyday English leaves both out.
 */
int ofs_query_frame(const char *w1, size_t n1, const char *w2, size_t n2);

/*
 * A copy of query with the stopwords inside double-quoted phrases removed
 * ("children in care" -> "children care"); a phrase of stopwords only,
 * and a quoted filter value (council:"...") are left whole.  Caller
 * frees; NULL when out of memory.
 */
char *ofs_drop_phrase_stopwords(const char *query);

#ifdef __cplusplus
}
#endif
#endif
