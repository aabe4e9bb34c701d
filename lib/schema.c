/*
 * schema.c: keys and identifiers shared by the writer and the searcher.
 */
#include "ofs/schema.h"

#include <errno.h>
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

ofs_status ofs_report_id(const char *path, char id[17], ofs_error *err)
{
	char *abs = realpath(path, NULL);
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	if (!abs)
		return ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	for (const unsigned char *s = (const unsigned char *)abs; *s; s++) {
		h ^= *s;
		h *= 1099511628211ULL;
	}
	free(abs);
	snprintf(id, 17, "%016llx", (unsigned long long)h);
	return OFS_OK;
}
