/*
 * harvest.c: acronyms and spelling words from a report (see harvest.h).
 *
 * Acronyms are matched from the parenthesis backwards: each letter of the
 * acronym, last first, must be the initial of the word (or hyphenated
 * part) before, small joining words aside.  Rules of the language, not of
 * any one report, so that "local authority designated officer (LADO)" and
 * "education, health and care plan (EHCP)" are both found.  Words are
 * counted in a small open-addressing table per report, up to
 * OFS_HARVEST_MAX_WORDS distinct ones: a real report has about 2,000, and
 * a file of random letters would otherwise fill the spelling table with
 * millions (35 s and 800 MB for 26 MB of base64).
 */
#include "names/harvest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/schema.h"
#include "base/util.h"

#define MAX_ACRONYM 8
#define MAX_PARTS 16

static const char *const joining[] = {"and", "of", "for", "the", "in", "to", "on", "with",
				      "&", NULL};

static int is_joining(const char *w, size_t n)
{
	for (int i = 0; joining[i]; i++)
		if (strlen(joining[i]) == n && !strncasecmp(joining[i], w, n))
			return 1;
	return 0;
}

void ofs_acronyms_each(const char *text,
		       void (*fn)(void *ctx, const char *acronym, const char *expansion),
		       void *ctx)
{
	for (const char *p = strchr(text, '('); p; p = strchr(p + 1, '(')) {
		char acr[MAX_ACRONYM + 1], exp[256];
		size_t n = 0;
		const char *q = p + 1, *start = NULL, *s;
		const char *parts[MAX_PARTS];
		size_t part_len[MAX_PARTS], n_parts = 0;
		int j;

		while (isupper((unsigned char)q[n]) && n < MAX_ACRONYM)
			n++;
		/* "(LADOs)": a plural acronym defines the singular. */
		if (n < 2 || (q[n] != ')' && !(q[n] == 's' && q[n + 1] == ')')))
			continue;
		memcpy(acr, q, n);
		acr[n] = '\0';
		/* Collect the words (and hyphenated parts) before '(',
		 * backwards, within the same sentence. */
		s = p;
		while (s > text && n_parts < MAX_PARTS) {
			const char *e;
			while (s > text && (s[-1] == ' ' || s[-1] == '-' || s[-1] == ','))
				s--;
			e = s;
			while (s > text && (isalnum((unsigned char)s[-1]) || s[-1] == '\'' ||
					    s[-1] == '&'))
				s--;
			if (e == s)
				break;
			parts[n_parts] = s;
			part_len[n_parts++] = (size_t)(e - s);
		}
		j = (int)n - 1;
		for (size_t k = 0; k < n_parts && j >= 0; k++) {
			if (tolower((unsigned char)parts[k][0]) == tolower((unsigned char)acr[j])) {
				/* "and intervention teams (AIT)": a definition
				 * never starts with a joining word. */
				if (j == 0 && is_joining(parts[k], part_len[k]))
					break;
				if (j-- == 0)
					start = parts[k];
			} else if (!is_joining(parts[k], part_len[k]) || j == (int)n - 1) {
				break;
			}
		}
		if (!start)
			continue;
		n = (size_t)(p - start);
		while (n && (start[n - 1] == ' ' || start[n - 1] == ','))
			n--;
		if (n >= sizeof exp)
			continue;
		memcpy(exp, start, n);
		exp[n] = '\0';
		fn(ctx, acr, exp);
	}
}

static int push_str(char ***arr, size_t n, const char *s)
{
	char **a = realloc(*arr, (n + 1) * sizeof *a);
	if (!a)
		return -1;
	*arr = a;
	return (a[n] = strdup(s)) ? 0 : -1;
}

struct acr_ctx {
	ofs_harvest *h;
	int oom;
};

static int has_syn(const ofs_harvest *h, const char *key, const char *value)
{
	for (size_t i = 0; i < h->n_syn; i++)
		if (!strcmp(h->syn_keys[i], key) && !strcmp(h->syn_values[i], value))
			return 1;
	return 0;
}

static void add_syn(struct acr_ctx *a, const char *key_form, const char *value)
{
	char *key = ofs_key(key_form);
	ofs_harvest *h = a->h;
	if (!key) {
		a->oom = 1;
		return;
	}
	if (*key && !has_syn(h, key, value)) {
		if (push_str(&h->syn_keys, h->n_syn, key)) {
			a->oom = 1;
		} else if (push_str(&h->syn_values, h->n_syn, value)) {
			free(h->syn_keys[h->n_syn]);
			a->oom = 1;
		} else {
			h->n_syn++;
		}
	}
	free(key);
}

static void on_acronym(void *ctx, const char *acronym, const char *expansion)
{
	add_syn(ctx, acronym, expansion);
	add_syn(ctx, expansion, acronym);
}

/* The word table: open addressing, grown at half full. */
typedef struct table {
	char **keys;
	unsigned *counts;
	size_t cap, n;
} table;

static int table_add(table *t, const char *w, size_t n)
{
	if (2 * (t->n + 1) > t->cap) {
		table g = {0};
		g.cap = t->cap ? t->cap * 2 : 1024;
		g.keys = calloc(g.cap, sizeof *g.keys);
		g.counts = calloc(g.cap, sizeof *g.counts);
		if (!g.keys || !g.counts) {
			free(g.keys);
			free(g.counts);
			return -1;
		}
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->keys[i])
				continue;
			size_t j = ofs_hash64(t->keys[i], strlen(t->keys[i])) & (g.cap - 1);
			while (g.keys[j])
				j = (j + 1) & (g.cap - 1);
			g.keys[j] = t->keys[i];
			g.counts[j] = t->counts[i];
		}
		g.n = t->n;
		free(t->keys);
		free(t->counts);
		*t = g;
	}
	size_t j = ofs_hash64(w, n) & (t->cap - 1);
	while (t->keys[j] && (strncmp(t->keys[j], w, n) || t->keys[j][n]))
		j = (j + 1) & (t->cap - 1);
	if (!t->keys[j]) {
		if (t->n >= OFS_HARVEST_MAX_WORDS)
			return 0;
		if (!(t->keys[j] = strndup(w, n)))
			return -1;
		t->n++;
	}
	t->counts[j]++;
	return 0;
}

static int count_words(table *t, const char *text)
{
	char w[64];
	for (const char *p = text; *p;) {
		size_t n = 0;
		if (!isalpha((unsigned char)*p)) {
			p++;
			continue;
		}
		while (isalpha((unsigned char)*p)) {
			if (n < sizeof w)
				w[n] = (char)tolower((unsigned char)*p);
			n++;
			p++;
		}
		/* Words glued to digits or other scripts are not words. */
		if ((*p && (unsigned char)*p >= 0x80) || isdigit((unsigned char)*p))
			continue;
		if (n >= 3 && n < sizeof w && table_add(t, w, n))
			return -1;
	}
	return 0;
}

ofs_status ofs_harvest_report(const ofs_report *r, ofs_harvest *h)
{
	struct acr_ctx a = {h, 0};
	table t = {0};
	int oom = 0;

	for (size_t i = 0; i < r->n_paras && !a.oom && !oom; i++) {
		ofs_acronyms_each(r->paras[i].text, on_acronym, &a);
		oom = count_words(&t, r->paras[i].text);
	}
	if (!a.oom && !oom && t.n) {
		h->words = calloc(t.n, sizeof *h->words);
		h->counts = calloc(t.n, sizeof *h->counts);
		oom = !h->words || !h->counts;
	}
	for (size_t i = 0; i < t.cap; i++) {
		if (!t.keys[i])
			continue;
		if (oom || a.oom) {
			free(t.keys[i]);
			continue;
		}
		h->words[h->n_words] = t.keys[i];
		h->counts[h->n_words++] = t.counts[i];
	}
	free(t.keys);
	free(t.counts);
	if (oom || a.oom) {
		ofs_harvest_free(h);
		return OFS_ENOMEM;
	}
	return OFS_OK;
}

void ofs_harvest_free(ofs_harvest *h)
{
	for (size_t i = 0; i < h->n_syn; i++) {
		free(h->syn_keys[i]);
		free(h->syn_values[i]);
	}
	for (size_t i = 0; i < h->n_words; i++)
		free(h->words[i]);
	free(h->syn_keys);
	free(h->syn_values);
	free(h->words);
	free(h->counts);
	memset(h, 0, sizeof *h);
}
