/*
 * schema.c: keys and identifiers shared by the writer and the searcher.
 */
#include "base/schema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"

char *ofs_key(const char *name)
{
	char *folded = NULL, *out;
	size_t n = 0, len = strlen(name);
	int gap = 0, ascii = 1;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)name[i] < 0x80;
	/* Plain ASCII needs no Unicode folding, and names mostly are. */
	if (ascii) {
		if (!(folded = strdup(name)))
			return NULL;
		for (char *c = folded; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
	} else if (ofs_normalize(name, len, OFS_NORM_CASEFOLD, &folded, NULL, NULL) != OFS_OK) {
		return NULL;
	}
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

void ofs_report_id(const char *abspath, char id[17])
{
	snprintf(id, 17, "%016llx",
		 (unsigned long long)ofs_hash64(abspath, strlen(abspath)));
}

void ofs_hash_hex(const void *data, size_t len, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)ofs_hash64(data, len));
}

char *ofs_pack(const char *const *fields, size_t n)
{
	size_t len = n;
	char *out, *o;
	if (!n)
		return strdup("");
	for (size_t i = 0; i < n; i++)
		len += fields[i] ? strlen(fields[i]) : 0;
	if (!(out = malloc(len)))
		return NULL;
	o = out;
	for (size_t i = 0; i < n; i++) {
		for (const char *f = fields[i] ? fields[i] : ""; *f; f++)
			*o++ = *f == OFS_PACK_SEP ? ' ' : *f;
		*o++ = i + 1 < n ? OFS_PACK_SEP : '\0';
	}
	return out;
}

void ofs_unpack(char *packed, const char **fields, size_t n)
{
	char *p = packed;
	for (size_t i = 0; i < n; i++) {
		fields[i] = p;
		if (p) {
			char *sep = strchr(p, OFS_PACK_SEP);
			if (sep)
				*sep = '\0';
			p = sep ? sep + 1 : NULL;
		} else {
			fields[i] = "";
		}
	}
}
