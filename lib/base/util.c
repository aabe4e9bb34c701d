/*
 * util.c: the small jobs every stage shares (see util.h).
 */
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"

void ofs_sbuf_add(ofs_sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

size_t ofs_key_into(const char *words, char *buf, size_t size, unsigned flags)
{
	size_t n = 0;
	int gap = 0;
	if (!size)
		return 0;
	for (const unsigned char *s = (const unsigned char *)words; *s; s++) {
		const char *add;
		char one[2] = {0, 0};
		if (*s == '\'' || (*s == '.' && (flags & OFS_KEY_DOT_JOINS)))
			continue;
		if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99)) {
			s += 2; /* a typographic apostrophe in text not normalised */
			continue;
		}
		if (isalnum(*s) || (*s >= 0x80 && (flags & OFS_KEY_UTF8))) {
			one[0] = (char)tolower(*s);
			add = one;
		} else if (*s == '&' && (flags & OFS_KEY_AMP_AND)) {
			add = "and";
			gap = 1;
		} else {
			gap = 1;
			continue;
		}
		if (gap && n) {
			if (n + 1 >= size)
				break;
			buf[n++] = ' ';
		}
		gap = *s == '&'; /* "and" stands apart from what follows */
		for (; *add; add++) {
			if (n + 1 >= size)
				goto done;
			buf[n++] = *add;
		}
	}
done:
	buf[n] = '\0';
	return n;
}

char *ofs_key(const char *name)
{
	char *folded = NULL;
	size_t len = strlen(name);
	int ascii = 1;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)name[i] < 0x80;
	/* Plain ASCII needs no Unicode folding, and names mostly are. */
	if (ascii) {
		if (!(folded = strdup(name)))
			return NULL;
	} else if (ofs_normalize(name, len, OFS_NORM_CASEFOLD, &folded, NULL, NULL) != OFS_OK) {
		return NULL;
	}
	/* Squeezed in place: the key is never longer than the text. */
	ofs_key_into(folded, folded, strlen(folded) + 1, OFS_KEY_UTF8);
	return folded;
}

uint64_t ofs_hash64(const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void ofs_hash_hex(const void *data, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)ofs_hash64(data, len));
}

uint64_t ofs_hash64_lower(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		h ^= c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

static void u64_put(ofs_u64set *s, uint64_t v)
{
	size_t i = (size_t)v & s->mask;
	while (s->slot[i] && s->slot[i] != v)
		i = (i + 1) & s->mask;
	if (!s->slot[i])
		s->used++;
	s->slot[i] = v;
}

int ofs_u64set_add(ofs_u64set *s, uint64_t v)
{
	if (!s->slot || 2 * (s->used + 1) > s->mask + 1) {
		size_t slots = s->slot ? 2 * (s->mask + 1) : 64;
		ofs_u64set bigger = {calloc(slots, sizeof *s->slot), slots - 1, 0};
		if (!bigger.slot)
			return -1;
		for (size_t i = 0; s->slot && i <= s->mask; i++)
			if (s->slot[i])
				u64_put(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	u64_put(s, v);
	return 0;
}

int ofs_u64set_has(const ofs_u64set *s, uint64_t v)
{
	if (!s->slot)
		return 0;
	for (size_t i = (size_t)v & s->mask; s->slot[i]; i = (i + 1) & s->mask)
		if (s->slot[i] == v)
			return 1;
	return 0;
}

void ofs_u64set_free(ofs_u64set *s)
{
	free(s->slot);
	memset(s, 0, sizeof *s);
}

unsigned ofs_edit_distance(const char *a, size_t la, const char *b, size_t lb, unsigned max)
{
	/* Three rows of the dynamic programme: two back for swaps. */
	unsigned rows[3][OFS_EDIT_MAX_LEN + 1], *pp, *prev, *cur;
	if (la > OFS_EDIT_MAX_LEN || lb > OFS_EDIT_MAX_LEN)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	pp = rows[0];
	prev = rows[1];
	cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned best = cur[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > max)
			return max + 1;
		unsigned *tmp = pp;
		pp = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb] <= max ? prev[lb] : max + 1;
}
