/*
 * thesaurus.c: loading the thesaurus file into a sorted table of
 * (key, alternatives) looked up by binary search.
 *
 * Every group line is turned into (key, alternative) pairs, which are
 * sorted and merged, so that a form appearing in several groups brings in
 * all of them and duplicates collapse.
 */
#include "ofs/thesaurus.h"
#include "ofs/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/file_read.h"
#include "base/normalize.h"
#include "base/schema.h"
#include "base/util.h"

typedef struct pair {
	char *key;
	char *alt;
	unsigned char tier; /* ofs_thesaurus_tier */
} pair;

typedef struct entry {
	char *key;
	const char **alts; /* borrowed from the pairs */
	unsigned char *tiers;
	size_t n;
} entry;

/* Files included from files included ... at most this deep. */
#define MAX_INCLUDE_DEPTH 4

struct ofs_thesaurus {
	pair *pairs;
	size_t n_pairs, cap_pairs;
	entry *entries;
	size_t n_entries;
	char fingerprint[17];
};

static int add_pair(ofs_thesaurus *t, const char *key_form, const char *alt, unsigned tier)
{
	char *k = ofs_key(key_form), *a = strdup(alt);
	if (!k || !a || !*k) {
		int oom = !k || !a;
		free(k);
		free(a);
		return oom ? -1 : 0; /* a form of punctuation only is skipped */
	}
	if (t->n_pairs == t->cap_pairs) {
		size_t cap = t->cap_pairs ? t->cap_pairs * 2 : 256;
		pair *p = realloc(t->pairs, cap * sizeof *p);
		if (!p) {
			free(k);
			free(a);
			return -1;
		}
		t->pairs = p;
		t->cap_pairs = cap;
	}
	t->pairs[t->n_pairs].key = k;
	t->pairs[t->n_pairs].tier = (unsigned char)tier;
	t->pairs[t->n_pairs++].alt = a;
	return 0;
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Split s at '|' into trimmed, non-empty forms; returns their count. */
static size_t split_forms(char *s, char **forms, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *f = strtok_r(s, "|", &save); f && n < max; f = strtok_r(NULL, "|", &save)) {
		f = trim(f);
		if (*f)
			forms[n++] = f;
	}
	return n;
}

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (!c)
		c = strcmp(x->alt, y->alt);
	/* The strongest tier of a pair given several times comes first. */
	return c ? c : (int)x->tier - (int)y->tier;
}

/* The hash of every entry and its alternatives, in their sorted order:
 * what the thesaurus means, not how its file is laid out. */
static int set_fingerprint(ofs_thesaurus *t)
{
	size_t len = 0, at = 0;
	char *all;
	for (size_t i = 0; i < t->n_entries; i++) {
		len += strlen(t->entries[i].key) + 1;
		for (size_t j = 0; j < t->entries[i].n; j++)
			len += strlen(t->entries[i].alts[j]) + 1;
	}
	if (!(all = malloc(len + 1)))
		return -1;
	for (size_t i = 0; i < t->n_entries; i++) {
		at += (size_t)sprintf(all + at, "%s\n", t->entries[i].key);
		for (size_t j = 0; j < t->entries[i].n; j++)
			at += (size_t)sprintf(all + at, "%s\t", t->entries[i].alts[j]);
	}
	ofs_hash_hex(all, at, t->fingerprint);
	free(all);
	return 0;
}

/* Group the sorted pairs into entries, dropping duplicates and forms that
 * are the key itself. */
static int build_entries(ofs_thesaurus *t)
{
	if (t->n_pairs)
		qsort(t->pairs, t->n_pairs, sizeof *t->pairs, cmp_pair);
	t->entries = calloc(t->n_pairs ? t->n_pairs : 1, sizeof *t->entries);
	if (!t->entries)
		return -1;
	for (size_t i = 0; i < t->n_pairs; i++) {
		pair *p = &t->pairs[i];
		entry *e;
		char *ak = ofs_key(p->alt);
		int same = ak && !strcmp(ak, p->key);
		free(ak);
		if (same || (i && !strcmp(p->key, t->pairs[i - 1].key) &&
			     !strcmp(p->alt, t->pairs[i - 1].alt)))
			continue;
		e = t->n_entries ? &t->entries[t->n_entries - 1] : NULL;
		if (!e || strcmp(e->key, p->key)) {
			e = &t->entries[t->n_entries++];
			e->key = p->key;
		}
		const char **alts = realloc(e->alts, (e->n + 1) * sizeof *alts);
		if (alts)
			e->alts = alts;
		unsigned char *tiers = alts ? realloc(e->tiers, e->n + 1) : NULL;
		if (!tiers)
			return -1;
		e->tiers = tiers;
		e->tiers[e->n] = p->tier;
		e->alts[e->n++] = p->alt;
	}
	return 0;
}

static ofs_status load_into(ofs_thesaurus *t, const char *path, int depth, ofs_error *err);

/* "include FILE": FILE relative to the folder of the including file. */
static ofs_status include_file(ofs_thesaurus *t, const char *name, int lineno,
			       const char *file, int depth, ofs_error *err)
{
	const char *slash = strrchr(name, '/');
	char *path;
	ofs_status rc;
	if (!*file)
		return ofs_error_set(err, OFS_EFORMAT, "%s:%d: include needs a file name", name,
				     lineno);
	if (depth >= MAX_INCLUDE_DEPTH)
		return ofs_error_set(err, OFS_EFORMAT, "%s:%d: includes nested too deeply (at most %d)",
				     name, lineno, MAX_INCLUDE_DEPTH);
	if (asprintf(&path, "%.*s%s", *file == '/' || !slash ? 0 : (int)(slash - name + 1), name,
		     file) < 0)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
	rc = load_into(t, path, depth + 1, err);
	free(path);
	return rc;
}

/* One-way lines: "a => b | c" (another name, weighted below the words
 * typed) and "a ~> b | c" (everyday words, weighted lower still). */
static const struct arrow {
	const char *s;
	unsigned tier;
} arrows[] = {{"~>", OFS_TIER_EVERYDAY}, {"=>", OFS_TIER_ONEWAY}};

/* OFS_EFORMAT naming the line of the first invalid UTF-8 in the len bytes
 * at text, else OFS_OK: forms are keyed as UTF-8. */
static ofs_status check_utf8(const char *text, size_t len, const char *name, ofs_error *err)
{
	size_t bad;
	int lineno = 1;
	if (ofs_utf8_valid(text, len, &bad))
		return OFS_OK;
	for (size_t i = 0; i < bad; i++)
		lineno += text[i] == '\n';
	return ofs_error_set(err, OFS_EFORMAT, "%s:%d: invalid UTF-8", name, lineno);
}

static ofs_status parse_into(ofs_thesaurus *t, const char *text, size_t len, const char *name,
			     int depth, ofs_error *err)
{
	char *copy, *line, *next;
	int lineno = 0;
	ofs_status rc = check_utf8(text, len, name, err);

	if (rc != OFS_OK)
		return rc;
	if (!(copy = strndup(text, len)))
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
	for (line = copy; line && rc == OFS_OK; line = next) {
		char *forms[64], *arrow = NULL, *s;
		const struct arrow *a = NULL;
		size_t n;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		lineno++;
		s = trim(line);
		if (!*s || *s == '#')
			continue;
		if (!strncmp(s, "include ", 8)) {
			rc = include_file(t, name, lineno, trim(s + 8), depth, err);
			continue;
		}
		for (size_t k = 0; !arrow && k < sizeof arrows / sizeof *arrows; k++)
			if ((arrow = strstr(s, arrows[k].s)))
				a = &arrows[k];
		if (arrow) {
			/* One way: the left side finds the right side. */
			*arrow = '\0';
			char *left = trim(s);
			n = split_forms(arrow + 2, forms, 64);
			if (!*left || !n || strchr(left, '|')) {
				rc = ofs_error_set(err, OFS_EFORMAT,
						   "%s:%d: expected 'form %s form | form ...'", name,
						   lineno, a->s);
				break;
			}
			for (size_t i = 0; i < n; i++)
				if (add_pair(t, left, forms[i], a->tier))
					goto nomem;
			continue;
		}
		n = split_forms(s, forms, 64);
		if (n < 2) {
			rc = ofs_error_set(err, OFS_EFORMAT,
					   "%s:%d: a group needs at least two forms separated by '|'",
					   name, lineno);
			break;
		}
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				if (i != j && add_pair(t, forms[i], forms[j], OFS_TIER_EQUAL))
					goto nomem;
	}
	free(copy);
	return rc;
nomem:
	free(copy);
	return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
}

/* Entries, their tiers and the fingerprint, once every line is read. */
static ofs_status finish(ofs_thesaurus *t, ofs_status rc, const char *name,
			 ofs_thesaurus **out, ofs_error *err)
{
	if (rc == OFS_OK && (build_entries(t) || set_fingerprint(t)))
		rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
	if (rc != OFS_OK) {
		ofs_thesaurus_free(t);
		return rc;
	}
	*out = t;
	return OFS_OK;
}

ofs_status ofs_thesaurus_parse(const char *text, size_t len, const char *name,
			       ofs_thesaurus **out, ofs_error *err)
{
	ofs_thesaurus *t = calloc(1, sizeof *t);
	*out = NULL;
	if (!t)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
	return finish(t, parse_into(t, text, len, name, 0, err), name, out, err);
}

static ofs_status load_into(ofs_thesaurus *t, const char *path, int depth, ofs_error *err)
{
	char *buf = NULL, *text = NULL;
	size_t len, n;
	ofs_status rc;
	if ((rc = ofs_file_read(path, &buf, &len, err)) != OFS_OK)
		return rc;
	rc = check_utf8(buf, len, path, err);
	if (rc == OFS_OK && (rc = ofs_normalize(buf, len, 0, &text, &n, err)) != OFS_OK)
		ofs_error_set(err, rc, "%s: out of memory", path);
	if (rc == OFS_OK)
		rc = parse_into(t, text, n, path, depth, err);
	free(buf);
	free(text);
	return rc;
}

ofs_status ofs_thesaurus_load(const char *path, ofs_thesaurus **out, ofs_error *err)
{
	ofs_thesaurus *t = calloc(1, sizeof *t);
	*out = NULL;
	if (!t)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
	return finish(t, load_into(t, path, 0, err), path, out, err);
}

void ofs_thesaurus_free(ofs_thesaurus *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_entries; i++) {
		free(t->entries[i].alts);
		free(t->entries[i].tiers);
	}
	for (size_t i = 0; i < t->n_pairs; i++) {
		free(t->pairs[i].key);
		free(t->pairs[i].alt);
	}
	free(t->entries);
	free(t->pairs);
	free(t);
}

static int cmp_entry_key(const void *k, const void *e)
{
	return strcmp(k, ((const entry *)e)->key);
}

const char *const *ofs_thesaurus_lookup(const ofs_thesaurus *t, const char *key, size_t *n,
					const unsigned char **tiers)
{
	const entry *e = t && t->n_entries ? bsearch(key, t->entries, t->n_entries,
						     sizeof *t->entries, cmp_entry_key) : NULL;
	*n = e ? e->n : 0;
	if (tiers)
		*tiers = e ? e->tiers : NULL;
	return e ? e->alts : NULL;
}

size_t ofs_thesaurus_size(const ofs_thesaurus *t)
{
	return t ? t->n_entries : 0;
}

const char *ofs_thesaurus_fingerprint(const ofs_thesaurus *t)
{
	return t->fingerprint;
}

int ofs_thesaurus_each_key(const ofs_thesaurus *t, int (*fn)(void *ctx, const char *key),
			   void *ctx)
{
	for (size_t i = 0; t && i < t->n_entries; i++) {
		int r = fn(ctx, t->entries[i].key);
		if (r)
			return r;
	}
	return 0;
}

int ofs_thesaurus_each_alternative(const ofs_thesaurus *t,
				   int (*fn)(void *ctx, const char *alt), void *ctx)
{
	for (size_t i = 0; i < t->n_entries; i++)
		for (size_t j = 0; j < t->entries[i].n; j++) {
			int r = fn(ctx, t->entries[i].alts[j]);
			if (r)
				return r;
		}
	return 0;
}

char *ofs_thesaurus_default_path(void)
{
	const char *env = getenv("OFS_THESAURUS");
	if (env && *env)
		return strdup(env);
	return ofs_data_path("thesaurus.txt");
}
