/*
 * schema.c: keys and identifiers shared by the writer and the searcher.
 */
#include "base/schema.h"
#include "base/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>




void ofs_report_id(const char *abspath, char id[17])
{
	snprintf(id, 17, "%016llx",
		 (unsigned long long)ofs_hash64(abspath, strlen(abspath)));
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
