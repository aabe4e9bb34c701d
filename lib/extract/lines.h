/*
 * lines.h: a report's text as the metadata rules read it: lines with
 * their page and key (lines.c; the key is described in meta_extract.c).
 * Private to extract/.
 */
#ifndef OFS_LINES_H
#define OFS_LINES_H

#include <stddef.h>

#include "ofs/status.h"

/* How many non-blank lines of page 1 can hold the title block. */
#define TITLE_LINES 25
/* The pages that hold the judgement table and headline sentences. */
#define HEAD_PAGES 3

struct line {
	const char *s;   /* raw text, trimmed, NUL-terminated */
	char *key;       /* see meta_extract.c; "" for a blank line */
	int page;        /* 1-based */
};

struct doc {
	char *buf;            /* copy of the full text, cut into lines */
	struct line *lines;
	size_t n;
	size_t title_end;     /* lines [0, title_end) are the title block */
	char *head;           /* keys of the first HEAD_PAGES pages joined */
	char *all;            /* keys of every line joined */
};

/* The key of the text s (a new string; NULL when out of memory). */
char *ofs__line_key(const char *s);

/* Whether key starts with the words of prefix. */
int ofs__starts_with(const char *key, const char *prefix);

/* Whether key contains phrase as whole words; returns the offset + 1. */
size_t ofs__find_words(const char *key, const char *phrase);

/* The keys of lines [from, to) joined by single spaces (caller frees). */
char *ofs__join_keys(const struct doc *d, size_t from, size_t to);

/* The next non-blank line at or after i, or d->n. */
size_t ofs__next_line(const struct doc *d, size_t i);

/* Whether the line of key is a label ("Inspection dates:", "Lead
 * inspector:"), which ends the title block. */
int ofs__is_label_line(const char *key);

/* Cut text into d's lines (pages at form feeds), with their keys, the
 * title block and the joined keys.  OFS_ENOMEM; free with
 * ofs__doc_free() either way. */
ofs_status ofs__doc_read(struct doc *d, const char *text);
void ofs__doc_free(struct doc *d);

/* The raw text of lines [from, to) joined by single spaces (caller
 * frees). */
char *ofs__join_raw(const struct doc *d, size_t from, size_t to);

/* Raw text from line i (from offset off) through the next few non-blank
 * lines, for values that wrap onto the next line (caller frees). */
char *ofs__raw_after(const struct doc *d, size_t i, size_t off, int extra);

#endif
