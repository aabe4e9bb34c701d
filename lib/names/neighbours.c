/*
 * neighbours.c: words the reports use together (see neighbours.h).
 *
 * The words are the index's stems held by at least MIN_DF paragraphs of
 * the shards and by no more than one in MAX_DF_SHARE: the
 * OFS_NEIGHBOURS_WORDS most frequent of them.  Over the sampled
 * paragraphs, every pair of words met in one paragraph is counted; a
 * word's neighbours are the words ranked by Robertson's offer weight, the
 * score Xapian's own relevance feedback (ESet) ranks words by, taking the
 * paragraphs with the word as the relevant ones: r log(((r + .5)(N - n -
 * R + r + .5)) / ((n - r + .5)(R - r + .5))), N the paragraphs sampled, R
 * those with the word, n those with the neighbour, r those with both.  It
 * favours words found with the word often and elsewhere seldom.
 */
#include "names/neighbours.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/schema.h"

#define MIN_DF 5
#define MAX_DF_SHARE 0.2
/* Paragraphs of the sample two words must share to be neighbours. */
#define MIN_TOGETHER 3

typedef struct known {
	char *stem;
	unsigned freq; /* paragraphs of the shards with it */
} known;

typedef struct learner {
	known *w;           /* candidates, then the words kept, by stem */
	size_t n, cap;
	int oom;
	unsigned *freq;     /* paragraphs of the sample with each word */
	uint16_t *pairs;    /* paragraphs with both, upper triangle */
	unsigned sampled;
	size_t *ids;        /* one paragraph's words */
} learner;

static int candidate(void *ctx, const char *term, unsigned freq)
{
	learner *l = ctx;
	size_t len = strlen(term += strlen(OFS_PFX_STEM));
	if (len < 3 || strpbrk(term, "0123456789"))
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap * 2 + 1024;
		known *w = realloc(l->w, cap * sizeof *w);
		if (!w)
			return l->oom = 1;
		l->w = w;
		l->cap = cap;
	}
	if (!(l->w[l->n].stem = strdup(term)))
		return l->oom = 1;
	l->w[l->n++].freq = freq;
	return 0;
}

static int by_freq(const void *a, const void *b)
{
	const known *x = a, *y = b;
	return x->freq != y->freq ? (x->freq < y->freq ? 1 : -1) : strcmp(x->stem, y->stem);
}

static int by_stem(const void *a, const void *b)
{
	return strcmp(((const known *)a)->stem, ((const known *)b)->stem);
}

/* Index of the pair i < j in the upper triangle of n words. */
static size_t pair_at(size_t n, size_t i, size_t j)
{
	return i * (2 * n - i - 1) / 2 + (j - i - 1);
}

static long find_word(const learner *l, const char *stem)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->w[mid].stem, stem);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int paragraph(void *ctx, const char *const *terms, size_t n)
{
	learner *l = ctx;
	size_t k = 0;
	/* Terms come sorted, as the words are: their ids ascend. */
	for (size_t i = 0; i < n; i++) {
		long id = find_word(l, terms[i]);
		if (id >= 0)
			l->ids[k++] = (size_t)id;
	}
	for (size_t i = 0; i < k; i++) {
		l->freq[l->ids[i]]++;
		for (size_t j = i + 1; j < k; j++) {
			uint16_t *c = &l->pairs[pair_at(l->n, l->ids[i], l->ids[j])];
			if (*c < UINT16_MAX)
				(*c)++;
		}
	}
	l->sampled++;
	return 0;
}

typedef struct scored {
	size_t id;
	double score;
} scored;

/* Keep the best k of a word's neighbours in best (sorted, best first). */
static void consider(scored *best, size_t k, size_t *n, size_t id, double score)
{
	size_t at = *n < k ? (*n)++ : k;
	if (at == k && score <= best[k - 1].score)
		return;
	if (at == k)
		at = k - 1;
	while (at > 0 && best[at - 1].score < score) {
		best[at] = best[at - 1];
		at--;
	}
	best[at].id = id;
	best[at].score = score;
}

static double offer_weight(double N, double R, double n, double r)
{
	double rsj = log(((r + 0.5) * (N - n - R + r + 0.5)) / ((n - r + 0.5) * (R - r + 0.5)));
	return r * rsj;
}

/* Write each word's neighbours into db's synonyms. */
static ofs_status store(learner *l, ofs_xdb *db, ofs_error *err)
{
	ofs_status rc = ofs_xdb_clear_synonyms(db, OFS_NEIGHBOURS_KEY, err);
	scored best[OFS_NEIGHBOURS_PER_WORD];
	char key[256];
	for (size_t a = 0; rc == OFS_OK && a < l->n; a++) {
		size_t kept = 0;
		for (size_t b = 0; b < l->n; b++) {
			unsigned r;
			double score;
			if (b == a)
				continue;
			r = l->pairs[a < b ? pair_at(l->n, a, b) : pair_at(l->n, b, a)];
			if (r < MIN_TOGETHER)
				continue;
			score = offer_weight(l->sampled, l->freq[a], l->freq[b], r);
			if (score > 0)
				consider(best, OFS_NEIGHBOURS_PER_WORD, &kept, b, score);
		}
		if ((size_t)snprintf(key, sizeof key, OFS_NEIGHBOURS_KEY "%s", l->w[a].stem) >=
		    sizeof key)
			continue;
		for (size_t i = 0; rc == OFS_OK && i < kept; i++)
			rc = ofs_xdb_add_synonym(db, key, l->w[best[i].id].stem, err);
	}
	return rc;
}

static void sort_words(learner *l, int (*cmp)(const void *, const void *))
{
	if (l->n > 1)
		qsort(l->w, l->n, sizeof *l->w, cmp);
}

/* Keep the words to learn from: a stem that several shards hold counted
 * once with their counts added up, neither too rare nor too common, the
 * most frequent OFS_NEIGHBOURS_WORDS, sorted by stem. */
static void choose_words(learner *l, unsigned docs)
{
	size_t k = 0;
	sort_words(l, by_stem);
	for (size_t i = 0; i < l->n; i++) {
		if (k && !strcmp(l->w[k - 1].stem, l->w[i].stem)) {
			l->w[k - 1].freq += l->w[i].freq;
			free(l->w[i].stem);
		} else {
			l->w[k++] = l->w[i];
		}
	}
	l->n = k;
	k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->w[i].freq >= MIN_DF && l->w[i].freq <= docs * MAX_DF_SHARE)
			l->w[k++] = l->w[i];
		else
			free(l->w[i].stem);
	}
	l->n = k;
	sort_words(l, by_freq);
	for (size_t i = OFS_NEIGHBOURS_WORDS; i < l->n; i++)
		free(l->w[i].stem);
	if (l->n > OFS_NEIGHBOURS_WORDS)
		l->n = OFS_NEIGHBOURS_WORDS;
	sort_words(l, by_stem);
}

ofs_status ofs_neighbours_learn(ofs_xdb *const *shards, unsigned n, ofs_error *err)
{
	learner l = {0};
	unsigned docs = 0;
	ofs_status rc = OFS_OK;

	for (unsigned s = 0; rc == OFS_OK && s < n; s++) {
		unsigned d = 0;
		rc = ofs_xdb_doccount(shards[s], &d, err);
		docs += d;
	}
	for (unsigned s = 0; rc == OFS_OK && !l.oom && s < n; s++)
		rc = ofs_xdb_each_term_freq(shards[s], OFS_PFX_STEM, candidate, &l, err);
	if (rc == OFS_OK && l.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK) {
		choose_words(&l, docs);
		l.freq = calloc(l.n + 1, sizeof *l.freq);
		l.ids = calloc(l.n + 1, sizeof *l.ids);
		l.pairs = calloc((l.n ? l.n * (l.n - 1) / 2 : 0) + 1, sizeof *l.pairs);
		if (!l.freq || !l.ids || !l.pairs)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	for (unsigned s = 0; rc == OFS_OK && s < n; s++)
		rc = ofs_xdb_sample_terms(shards[s], OFS_PFX_STEM, OFS_NEIGHBOURS_SAMPLE / n,
					  paragraph, &l, err);
	if (rc == OFS_OK && n)
		rc = store(&l, shards[0], err);
	for (size_t i = 0; i < l.n; i++)
		free(l.w[i].stem);
	free(l.w);
	free(l.freq);
	free(l.ids);
	free(l.pairs);
	return rc;
}

ofs_status ofs_neighbours_of(ofs_xdb *db, const char *word,
			     int (*fn)(void *ctx, const char *stem), void *ctx, ofs_error *err)
{
	char *stem = NULL, *key = NULL;
	ofs_status rc;
	if (ofs_xtext_terms(word, strlen(word), &stem) != OFS_OK)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	/* One word's stem only: a name's words have their own lists. */
	if (!*stem || strchr(stem, ' ')) {
		free(stem);
		return OFS_OK;
	}
	if (asprintf(&key, OFS_NEIGHBOURS_KEY "%s", stem) < 0) {
		free(stem);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	rc = ofs_xdb_each_synonym(db, key, fn, ctx, err);
	free(key);
	free(stem);
	return rc;
}
