/*
 * fuzz_meta.c: metadata extraction from a report's text.  The input is
 * normalised as the reader normalises it (invalid UTF-8 is refused
 * there, so it is skipped here) and extracted from; every string found
 * must be valid UTF-8, the dates real dates or empty.
 */
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"
#include "extract/meta_extract.h"
#include "util_fuzz.h"
#include "ofs/report.h"

static void check_date(const char *d)
{
	ofs_date copy;
	if (*d && !ofs_date_parse_iso(d, copy))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	ofs_report *r;

	if (ofs_normalize((const char *)data, size, 0, &text, NULL, NULL) != OFS_OK)
		return 0;
	r = ofs_report_new("fuzz.txt");
	if (!r)
		abort();
	r->fulltext = text;
	if (ofs_meta_extract(r) != OFS_OK)
		abort();
	fuzz_check_report(r);
	check_date(r->inspection_start);
	check_date(r->inspection_end);
	check_date(r->published);
	ofs_report_free(r);
	return 0;
}
