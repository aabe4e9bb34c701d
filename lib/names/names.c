/*
 * names.c: the thesaurus's names of several words as a hash set of their
 * keys, with every leading run of a key's words marked as a prefix, so
 * that the indexer extends a run of a paragraph's words only while some
 * name still starts with it.
 */
#include "names/name_terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/schema.h"
#include "base/util.h"

typedef struct slot {
	char *key; /* NULL: empty */
	size_t len;
	int flags; /* OFS_XNAME_PREFIX | OFS_XNAME_WHOLE */
} slot;

struct ofs_names {
	slot *slots;
	size_t cap, used, count;
	unsigned max_words;
	const char *fingerprint;
};

static slot *find(const ofs_names *n, const char *s, size_t len)
{
	size_t i = (size_t)ofs_hash64(s, len) & (n->cap - 1);
	while (n->slots[i].key && (n->slots[i].len != len || memcmp(n->slots[i].key, s, len)))
		i = (i + 1) & (n->cap - 1);
	return &n->slots[i];
}

static int grow(ofs_names *n)
{
	slot *old = n->slots;
	size_t old_cap = n->cap;
	n->cap = old_cap ? old_cap * 2 : 256;
	if (!(n->slots = calloc(n->cap, sizeof *n->slots))) {
		n->slots = old;
		n->cap = old_cap;
		return -1;
	}
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*find(n, old[i].key, old[i].len) = old[i];
	free(old);
	return 0;
}

static int mark(ofs_names *n, const char *s, size_t len, int flag)
{
	slot *sl;
	if ((n->used + 1) * 2 > n->cap && grow(n))
		return -1;
	sl = find(n, s, len);
	if (!sl->key) {
		if (!(sl->key = strndup(s, len)))
			return -1;
		sl->len = len;
		n->used++;
	}
	if (flag == OFS_XNAME_WHOLE && !(sl->flags & OFS_XNAME_WHOLE))
		n->count++;
	sl->flags |= flag;
	return 0;
}

/* Add an alternative if it is a name: its key whole, and the key up to
 * each space as a prefix. */
static int add_alternative(void *ctx, const char *alt)
{
	ofs_names *n = ctx;
	char *key = NULL;
	unsigned words = 1;
	int rc = 0;

	if (ofs_xtext_terms(alt, strlen(alt), &key) != OFS_OK)
		return -1;
	if (!strchr(key, ' ')) {
		free(key);
		return 0;
	}
	for (const char *sp = strchr(key, ' '); sp && !rc; sp = strchr(sp + 1, ' ')) {
		rc = mark(n, key, (size_t)(sp - key), OFS_XNAME_PREFIX);
		words++;
	}
	if (!rc)
		rc = mark(n, key, strlen(key), OFS_XNAME_WHOLE);
	if (words > n->max_words)
		n->max_words = words;
	free(key);
	return rc;
}

ofs_status ofs_names_new(const ofs_thesaurus *t, ofs_names **out, ofs_error *err)
{
	ofs_names *n = calloc(1, sizeof *n);
	*out = NULL;
	if (!n || grow(n) || ofs_thesaurus_each_alternative(t, add_alternative, n)) {
		ofs_names_free(n);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	n->fingerprint = ofs_thesaurus_fingerprint(t);
	*out = n;
	return OFS_OK;
}

void ofs_names_free(ofs_names *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->cap; i++)
		free(n->slots[i].key);
	free(n->slots);
	free(n);
}

size_t ofs_names_count(const ofs_names *n)
{
	return n->count;
}

const char *ofs_names_fingerprint(const ofs_names *n)
{
	return n->fingerprint;
}

static int is_name(void *ctx, const char *seq, size_t len)
{
	return find(ctx, seq, len)->flags;
}

ofs_status ofs_names_index(const ofs_names *n, ofs_xdoc *doc)
{
	if (!n || !n->count)
		return OFS_OK;
	return ofs_xdoc_add_names(doc, OFS_PFX_NAME, n->max_words, is_name, (void *)n);
}

ofs_status ofs_name_query(ofs_xdb *db, const char *text, ofs_xquery **q, ofs_error *err)
{
	char *key = NULL, *term = NULL, *rarest = NULL;
	ofs_xquery *word = NULL, *name = NULL;
	unsigned best = 0;
	ofs_status rc = ofs_xtext_terms(text, strlen(text), &key);

	*q = NULL;
	if (rc != OFS_OK || !strchr(key, ' ')) {
		free(key);
		return rc == OFS_OK ? OFS_OK
				    : ofs_error_set(err, rc, "name '%s': %s", text, ofs_strerror(rc));
	}
	if (!(term = malloc(strlen(OFS_PFX_NAME) + strlen(key) + 2)) ||
	    !(rarest = malloc(strlen(key) + 2))) {
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		goto done;
	}
	*rarest = '\0';
	/* The key's rarest word: in the paragraphs holding the name, its
	 * count is nearly always the fewest of the name's words, which is
	 * what a phrase counts. */
	for (char *w = key, *end; rc == OFS_OK && w; w = end ? end + 1 : NULL) {
		unsigned tf = 0;
		if ((end = strchr(w, ' ')))
			*end = '\0';
		sprintf(term, "Z%s", w);
		rc = ofs_xdb_termfreq(db, term, &tf, err);
		if (rc == OFS_OK && (!*rarest || tf < best)) {
			strcpy(rarest, term);
			best = tf;
		}
		if (end)
			*end = ' ';
	}
	if (rc == OFS_OK && (rc = ofs_xquery_term(&word, rarest)) == OFS_OK) {
		sprintf(term, "%s%s", OFS_PFX_NAME, key);
		rc = ofs_xquery_term(&name, term);
	}
	if (rc == OFS_OK)
		rc = ofs_xquery_filter(q, word, name);
	if (rc == OFS_ENOMEM)
		ofs_error_set(err, rc, "out of memory");
done:
	ofs_xquery_free(word);
	ofs_xquery_free(name);
	free(rarest);
	free(term);
	free(key);
	return rc;
}
