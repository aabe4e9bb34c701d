/*
 * thesaurus.c: loading the thesaurus file into a sorted table of
 * (key, alternatives) looked up by binary search.
 *
 * Every group line is turned into (key, alternative) pairs, which are
 * sorted and merged, so that a form appearing in several groups brings in
 * all of them and duplicates collapse.
 */
#include "ofs/thesaurus.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofs/file_read.h"
#include "ofs/normalize.h"
#include "ofs/schema.h"

typedef struct pair {
	char *key;
	char *alt;
} pair;

typedef struct entry {
	char *key;
	const char **alts; /* borrowed from the pairs */
	size_t n;
} entry;

struct ofs_thesaurus {
	pair *pairs;
	size_t n_pairs, cap_pairs;
	entry *entries;
	size_t n_entries;
	char fingerprint[17];
};

static int add_pair(ofs_thesaurus *t, const char *key_form, const char *alt)
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
	return c ? c : strcmp(x->alt, y->alt);
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
		if (!alts)
			return -1;
		e->alts = alts;
		e->alts[e->n++] = p->alt;
	}
	return 0;
}

ofs_status ofs_thesaurus_parse(const char *text, size_t len, const char *name,
			       ofs_thesaurus **out, ofs_error *err)
{
	ofs_thesaurus *t = calloc(1, sizeof *t);
	char *copy = NULL, *line, *next;
	int lineno = 0;
	ofs_status rc = OFS_OK;

	*out = NULL;
	if (!t || !(copy = strndup(text, len)))
		goto nomem;
	for (line = copy; line && rc == OFS_OK; line = next) {
		char *forms[64], *arrow, *s;
		size_t n;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		lineno++;
		s = trim(line);
		if (!*s || *s == '#')
			continue;
		if ((arrow = strstr(s, "=>"))) {
			/* One way: the left side finds the right side. */
			*arrow = '\0';
			char *left = trim(s);
			n = split_forms(arrow + 2, forms, 64);
			if (!*left || !n || strchr(left, '|')) {
				rc = ofs_error_set(err, OFS_EFORMAT,
						   "%s:%d: expected 'form => form | form ...'", name,
						   lineno);
				break;
			}
			for (size_t i = 0; i < n; i++)
				if (add_pair(t, left, forms[i]))
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
				if (i != j && add_pair(t, forms[i], forms[j]))
					goto nomem;
	}
	if (rc == OFS_OK && (build_entries(t) || set_fingerprint(t)))
		goto nomem;
	free(copy);
	if (rc != OFS_OK) {
		ofs_thesaurus_free(t);
		return rc;
	}
	*out = t;
	return OFS_OK;
nomem:
	free(copy);
	ofs_thesaurus_free(t);
	return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", name);
}

ofs_status ofs_thesaurus_load(const char *path, ofs_thesaurus **out, ofs_error *err)
{
	char *buf = NULL, *text = NULL;
	size_t len, n;
	ofs_status rc;
	*out = NULL;
	if ((rc = ofs_file_read(path, &buf, &len, err)) != OFS_OK)
		return rc;
	rc = ofs_normalize(buf, len, 0, &text, &n, err);
	if (rc == OFS_OK)
		rc = ofs_thesaurus_parse(text, n, path, out, err);
	else
		ofs_error_set(err, rc, "%s: invalid UTF-8", path);
	free(buf);
	free(text);
	return rc;
}

void ofs_thesaurus_free(ofs_thesaurus *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_entries; i++)
		free(t->entries[i].alts);
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

const char *const *ofs_thesaurus_lookup(const ofs_thesaurus *t, const char *key, size_t *n)
{
	const entry *e = t ? bsearch(key, t->entries, t->n_entries, sizeof *t->entries,
				     cmp_entry_key) : NULL;
	*n = e ? e->n : 0;
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
	char exe[PATH_MAX], *p;
	ssize_t n;
	if (env && *env)
		return strdup(env);
	if (access(OFS_DATADIR "/thesaurus.txt", R_OK) == 0)
		return strdup(OFS_DATADIR "/thesaurus.txt");
	/* An uninstalled build: the program is in SRC/build or SRC/build-san. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (int up = 0; up < 2 && (p = strrchr(exe, '/')); up++)
		*p = '\0';
	if (strlen(exe) + 32 >= sizeof exe)
		return NULL;
	strcat(exe, "/data/thesaurus.txt");
	return access(exe, R_OK) == 0 ? strdup(exe) : NULL;
}
