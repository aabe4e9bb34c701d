/*
 * council.h: English local authorities by any name a report or a user
 * gives them (council.c).
 */
#ifndef OFS_COUNCIL_H
#define OFS_COUNCIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The canonical name of an English local authority from any way a report
 * or a user writes it ("Bournemouth, Christchurch & Poole", "BCP",
 * "Bath & North East Somerset Council", "Kingston upon Hull"): a static
 * string, or NULL when the words name no authority we know.
 */
const char *ofs_council_canonical(const char *words);

/*
 * A council key of words into buf (see council.c): lower case, "&" as
 * "and", other runs of punctuation and space as one space.  Returns its
 * length.
 */
size_t ofs__council_key(const char *words, char *buf, size_t size);

/*
 * The canonical name of the first authority text mentions by its full
 * name (or an unambiguous alias), as whole words; NULL when none.
 */
const char *ofs__council_find(const char *text);

/*
 * Up to max (at most 8) authorities whose names come nearest to words,
 * which name none ("N Somerset", "Somerest"): every word must be a word
 * of the name, its start, or one typo from it.  Static strings into out,
 * nearest first; returns how many.
 */
size_t ofs__council_nearest(const char *words, const char **out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
