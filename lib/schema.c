/*
 * schema.c: keys and identifiers shared by the writer and the searcher.
 */
#include "ofs/schema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofs/normalize.h"

char *ofs_key(const char *name)
{
	char *folded = NULL, *out;
	size_t n = 0;
	int gap = 0;
	if (ofs_normalize(name, strlen(name), OFS_NORM_CASEFOLD, &folded, NULL, NULL) != OFS_OK)
		return NULL;
	out = folded; /* squeezed in place: the result is never longer */
	for (const char *s = folded; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
		if (word) {
			if (gap && n)
				out[n++] = ' ';
			out[n++] = (char)c;
			gap = 0;
		} else if (c != '\'') {
			gap = 1;
		}
	}
	out[n] = '\0';
	return out;
}

static uint64_t fnv1a(const unsigned char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void ofs_report_id(const char *abspath, char id[17])
{
	snprintf(id, 17, "%016llx",
		 (unsigned long long)fnv1a((const unsigned char *)abspath, strlen(abspath)));
}

void ofs_hash_hex(const void *data, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)fnv1a(data, len));
}
