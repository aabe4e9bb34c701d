/*
 * grade_words.h: the phrases Ofsted's reports grade with ("requires
 * improvement to be good"), for the stages that read grades out of
 * report text (facets.c keeps them beside the names users type).
 */
#ifndef OFS_GRADE_WORDS_H
#define OFS_GRADE_WORDS_H

#include <stddef.h>

#include "ofs/facets.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The grade of the report phrase key (ofs_key form) starts with, as whole
 * words, the longest; its length in *len (len may be NULL).  UNKNOWN when
 * key starts with none. */
ofs_grade ofs_grade_phrase_at(const char *key, size_t *len);

/* Whether the n bytes at word (any case) are a word of some report grade
 * phrase ("requires", "improvement", "to", "be", "good", ...). */
int ofs_grade_phrase_word(const char *word, size_t n);

#ifdef __cplusplus
}
#endif
#endif
