/*
 * read_words.h: a plain-English query cut into words, and the readers
 * that take filters and questions out of them (understand.c runs them;
 * read_filters.c: councils, grades, dates; read_questions.c: the
 * present, change, the reports asked for, who is asked).  Internal to
 * lib/query.
 */
#ifndef OFS_READ_WORDS_H
#define OFS_READ_WORDS_H

#include <stddef.h>
#include <string.h>

#include "query/understand.h"

/* Words read per query: a question is a line, not a page. */
#define MAX_WORDS 64

typedef struct word {
	size_t b, e;   /* its bytes in the query */
	char key[48];  /* ofs_key form, possessive gone; "" for a word never
			* read (quoted, a field, +/-, an operator) */
	int cap;       /* written with a capital */
	int used;      /* read as (part of) a filter */
} word;

typedef struct words {
	word w[MAX_WORDS];
	size_t n;
} words;

static inline int word_is(const word *w, const char *key)
{
	return !strcmp(w->key, key);
}

static inline int word_any_of(const word *w, const char *const *keys)
{
	for (; *keys; keys++)
		if (word_is(w, *keys))
			return 1;
	return 0;
}

/* The query cut at spaces into ws (see read_words.c). */
void ofs__words_cut(const char *q, words *ws);

/* The keys of words i..i+n-1 joined by spaces into buf; 0 when one of
 * them is a barrier or already read. */
int ofs__words_join(const words *ws, size_t i, size_t n, char *buf, size_t size);

/* Mark words from..to-1 read. */
void ofs__words_use(words *ws, size_t from, size_t to);

/* Whether word w, not read, counts for a question's subject: not a
 * stopword or a question word ("how", "has"); a barrier (a quoted or
 * signed word, a field) always does. */
int ofs__word_counts(const word *w);

/* read_filters.c: each reads its kind of filter into r and marks the
 * words it read (understand.h says what each reads). */
void ofs__read_councils(words *ws, ofs_reading *r, ofs_name_test own, void *ctx);
void ofs__read_grade(words *ws, ofs_reading *r, int now, int area);
void ofs__read_dates(words *ws, ofs_reading *r);
void ofs__read_report_year(words *ws, ofs_reading *r);

/* read_questions.c: the words that shape a question rather than name
 * what it is about. */
void ofs__read_latest(words *ws, ofs_reading *r);
void ofs__read_change(words *ws, ofs_reading *r);
void ofs__read_report_words(words *ws);
void ofs__read_frame(words *ws);
void ofs__read_grade_question(words *ws, ofs_reading *r, int latest);

#endif
