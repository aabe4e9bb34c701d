/*
 * fuzz_normalize.c: the text normaliser and the paragraph splitter.  The
 * first byte chooses case folding; the rest is the text.  Normalising
 * must refuse invalid UTF-8 with a message, give valid UTF-8, and be
 * idempotent (normalised text normalises to itself: what the indexer
 * stores and what a query is turned into meet).  The normalised text is
 * then split into paragraphs, which must be valid UTF-8 too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"
#include "util_fuzz.h"
#include "ofs/report.h"
#include "read/para_split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned flags = fuzz_byte(&in) & 1 ? OFS_NORM_CASEFOLD : 0;
	char *out = NULL, *again = NULL;
	size_t len, len2;
	ofs_report *r;
	ofs_error err;
	ofs_status rc;

	ofs_error_clear(&err);
	rc = ofs_normalize((const char *)in.p, in.left, flags, &out, &len, &err);
	fuzz_check_error(rc, &err);
	if (rc != OFS_OK)
		return 0;
	if (strlen(out) != len && !memchr(in.p, '\0', in.left))
		abort();
	fuzz_check_utf8("normalised text", out);
	rc = ofs_normalize(out, len, flags, &again, &len2, &err);
	fuzz_check_error(rc, &err);
	if (rc != OFS_OK || len2 != len || memcmp(out, again, len) != 0) {
		fprintf(stderr, "fuzz: normalising is not idempotent: '%s' -> '%s'\n", out,
			again ? again : "(error)");
		abort();
	}
	free(again);

	r = ofs_report_new("fuzz.txt");
	if (!r)
		abort();
	if (ofs_para_split_text(r, out, len) != OFS_OK)
		abort();
	ofs_report_assign_facets(r);
	fuzz_check_report(r);
	ofs_report_free(r);
	free(out);
	return 0;
}
