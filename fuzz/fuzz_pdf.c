/*
 * fuzz_pdf.c: the PDF reader (MuPDF, then our layout: headers and
 * footers, paragraphs across pages, lists, headings).  Every failure
 * must be a format error with a message; what is read must be valid
 * UTF-8.
 */
#include <stdlib.h>

#include "util_fuzz.h"
#include "read/pdf/pdf_text.h"
#include "ofs/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ofs_report *r = ofs_report_new("fuzz.pdf");
	ofs_error err;
	ofs_status rc;

	if (!r)
		abort();
	ofs_error_clear(&err);
	rc = ofs_pdf_read(r, data, size, &err);
	fuzz_check_error(rc, &err);
	if (rc == OFS_OK) {
		fuzz_check_report(r);
		fuzz_check_utf8("fulltext", r->fulltext);
	}
	ofs_report_free(r);
	return 0;
}
