/*
 * lines.c: a report's full text cut into lines, each with its page and
 * key, and the title block and first pages joined for the rules of
 * meta_extract.c (see its header comment for what a key is).
 */
#include "extract/lines.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

char *ofs__line_key(const char *s)
{
	size_t n = strlen(s) + 1;
	char *key = malloc(n);
	if (key)
		ofs_key_into(s, key, n, 0);
	return key;
}

int ofs__starts_with(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(key, prefix, n) && (key[n] == ' ' || key[n] == '\0');
}

/* Whether key contains phrase as whole words; returns the offset + 1. */
size_t ofs__find_words(const char *key, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = key; (p = strstr(p, phrase)); p++)
		if ((p == key || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return (size_t)(p - key) + 1;
	return 0;
}

char *ofs__join_keys(const struct doc *d, size_t from, size_t to)
{
	size_t len = 1;
	char *out, *w;
	for (size_t i = from; i < to; i++)
		len += strlen(d->lines[i].key) + 1;
	if (!(out = malloc(len)))
		return NULL;
	w = out;
	for (size_t i = from; i < to; i++) {
		size_t m = strlen(d->lines[i].key);
		if (!m)
			continue;
		if (w != out)
			*w++ = ' ';
		memcpy(w, d->lines[i].key, m);
		w += m;
	}
	*w = '\0';
	return out;
}

/* The next non-blank line at or after i, or d->n. */
size_t ofs__next_line(const struct doc *d, size_t i)
{
	while (i < d->n && !d->lines[i].key[0])
		i++;
	return i;
}

int ofs__is_label_line(const char *key)
{
	return ofs__starts_with(key, "inspection date") || ofs__starts_with(key, "inspection dates") ||
	       ofs__starts_with(key, "dates of inspection") || ofs__starts_with(key, "date of inspection");
}

void ofs__doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].key);
	free(d->lines);
	free(d->buf);
	free(d->head);
	free(d->all);
}

ofs_status ofs__doc_read(struct doc *d, const char *text)
{
	size_t cap = 256, head_end = 0, seen = 0;
	int page = 1;
	char *p;

	memset(d, 0, sizeof *d);
	if (!(d->buf = strdup(text)) || !(d->lines = malloc(cap * sizeof *d->lines)))
		goto nomem;
	p = d->buf;
	for (;;) {
		size_t len = strcspn(p, "\n\f");
		char end = p[len], *s = p, *e = p + len;
		p[len] = '\0';
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		if (d->n == cap) {
			struct line *nl = realloc(d->lines, 2 * cap * sizeof *nl);
			if (!nl)
				goto nomem;
			d->lines = nl;
			cap *= 2;
		}
		d->lines[d->n].s = s;
		d->lines[d->n].page = page;
		if (!(d->lines[d->n].key = ofs__line_key(s)))
			goto nomem;
		d->n++;
		if (end == '\0')
			break;
		if (end == '\f')
			page++;
		p += len + 1;
	}

	/* The title block ends at the inspection dates, and in any case
	 * within page 1's first lines. */
	d->title_end = d->n;
	for (size_t i = 0; i < d->n; i++) {
		const char *k = d->lines[i].key;
		if (!k[0])
			continue;
		if (ofs__is_label_line(k) || ++seen > TITLE_LINES || d->lines[i].page > 1) {
			d->title_end = i;
			break;
		}
	}
	while (head_end < d->n && d->lines[head_end].page <= HEAD_PAGES)
		head_end++;
	if (!(d->head = ofs__join_keys(d, 0, head_end)) || !(d->all = ofs__join_keys(d, 0, d->n)))
		goto nomem;
	return OFS_OK;
nomem:
	ofs__doc_free(d);
	return OFS_ENOMEM;
}

/* The raw text of lines [from, to) joined by single spaces (caller
 * frees). */
char *ofs__join_raw(const struct doc *d, size_t from, size_t to)
{
	size_t len = 1;
	char *out, *w;
	for (size_t i = from; i < to; i++)
		len += strlen(d->lines[i].s) + 1;
	if (!(out = malloc(len)))
		return NULL;
	w = out;
	for (size_t i = from; i < to; i++) {
		size_t m = strlen(d->lines[i].s);
		if (!m)
			continue;
		if (w != out)
			*w++ = ' ';
		memcpy(w, d->lines[i].s, m);
		w += m;
	}
	*w = '\0';
	/* Squeeze runs of spaces that PDF text leaves inside lines. */
	for (char *r = out, *q = out;; r++) {
		if (*r == ' ' && q > out && q[-1] == ' ')
			continue;
		*q++ = *r;
		if (!*r)
			break;
	}
	return out;
}

/* Raw text from line i (from offset off) through the next few non-blank
 * lines, for values that wrap onto the next line (caller frees). */
char *ofs__raw_after(const struct doc *d, size_t i, size_t off, int extra)
{
	size_t end = i + 1;
	for (int k = 0; k < extra && end < d->n; k++)
		end = ofs__next_line(d, end) + 1;
	if (end > d->n)
		end = d->n;
	char *rest = ofs__join_raw(d, i + 1, end);
	if (!rest)
		return NULL;
	if (off > strlen(d->lines[i].s))
		off = strlen(d->lines[i].s);
	const char *first = d->lines[i].s + off;
	size_t n1 = strlen(first), n2 = strlen(rest);
	char *all = malloc(n1 + n2 + 2);
	if (all) {
		memcpy(all, first, n1);
		all[n1] = ' ';
		memcpy(all + n1 + 1, rest, n2 + 1);
	}
	free(rest);
	return all;
}
