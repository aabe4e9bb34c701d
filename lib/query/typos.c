/*
 * typos.c: near spellings from the index's words (see typos.h).
 *
 * The words are kept sorted by length, so that a look-up compares only
 * words whose length is within the allowed edits, and each with the set
 * of letters it holds: an edit adds or takes away at most two letters of
 * that set (a change), one (an insertion or a deletion) or none (a swap),
 * so a word whose set differs from the typed one's by more than twice
 * the edits is passed over without computing the distance (most of
 * them); the distance gives up as soon as a whole row exceeds the bound.
 */
#include "query/typos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* A word must occur this often in the reports to be a correction. */
#define MIN_FREQ 2
/* Words longer than this are not corrected (nor compared). */
#define MAX_LEN 40

typedef struct word {
	char *s;
	unsigned len;
	unsigned freq;
	uint32_t letters; /* letters_of(s) */
} word;

/* The set of letters (a-z; any other byte one of six more bits) in s. */
static uint32_t letters_of(const char *s)
{
	uint32_t set = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		set |= UINT32_C(1) << (c >= 'a' && c <= 'z' ? c - 'a' : 26 + c % 6);
	}
	return set;
}

struct ofs_typos {
	word *words;
	size_t n, cap;
	size_t by_len[MAX_LEN + 2]; /* first word of each length */
	int oom;
};

static int add_word(void *ctx, const char *s, unsigned freq)
{
	ofs_typos *t = ctx;
	size_t len = strlen(s);
	if (freq < MIN_FREQ || len > MAX_LEN)
		return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		word *w = realloc(t->words, cap * sizeof *w);
		if (!w)
			return t->oom = 1;
		t->words = w;
		t->cap = cap;
	}
	if (!(t->words[t->n].s = strdup(s)))
		return t->oom = 1;
	t->words[t->n].len = (unsigned)len;
	t->words[t->n].letters = letters_of(s);
	t->words[t->n++].freq = freq;
	return 0;
}

static int by_length(const void *a, const void *b)
{
	const word *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return strcmp(x->s, y->s);
}

ofs_status ofs_typos_load(ofs_xdb *db, ofs_typos **out, ofs_error *err)
{
	ofs_typos *t = calloc(1, sizeof *t);
	ofs_status rc;
	*out = NULL;
	if (!t)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	rc = ofs_xdb_each_spelling(db, add_word, t, err);
	if (rc == OFS_OK && t->oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK) {
		ofs_typos_free(t);
		return rc;
	}
	if (t->n)
		qsort(t->words, t->n, sizeof *t->words, by_length);
	for (size_t i = 0, len = 0; len <= MAX_LEN + 1; len++) {
		while (i < t->n && t->words[i].len < len)
			i++;
		t->by_len[len] = i;
	}
	*out = t;
	return OFS_OK;
}

void ofs_typos_free(ofs_typos *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->words[i].s);
	free(t->words);
	free(t);
}

unsigned ofs_typo_max_edits(size_t len)
{
	return len >= 9 ? 2 : len >= 5 ? 1 : 0;
}

size_t ofs_typos_find(const ofs_typos *t, const char *s, const char **out, size_t max)
{
	size_t len = strlen(s), n = 0;
	unsigned edits = ofs_typo_max_edits(len), best = edits + 1;
	const word *found[16];
	size_t n_found = 0;

	if (!t || !edits || len > MAX_LEN || !max)
		return 0;
	size_t lo = len - edits, hi = len + edits > MAX_LEN ? MAX_LEN : len + edits;
	const uint32_t letters = letters_of(s);
	for (size_t i = t->by_len[lo]; i < t->by_len[hi + 1]; i++) {
		const word *w = &t->words[i];
		if ((unsigned)__builtin_popcount(w->letters ^ letters) > 2 * edits)
			continue;
		unsigned d = ofs_edit_distance(s, len, w->s, w->len, best < edits ? best : edits);
		if (d == 0)
			return 0; /* a word of the index: nothing to correct */
		if (d > edits || d > best)
			continue;
		if (d < best) {
			best = d;
			n_found = 0;
		}
		if (n_found < sizeof found / sizeof *found)
			found[n_found++] = w;
	}
	/* The closest words, most frequent first. */
	for (size_t i = 1; i < n_found; i++)
		for (size_t j = i; j > 0 && found[j]->freq > found[j - 1]->freq; j--) {
			const word *tmp = found[j];
			found[j] = found[j - 1];
			found[j - 1] = tmp;
		}
	for (; n < n_found && n < max; n++)
		out[n] = found[n]->s;
	return n;
}
