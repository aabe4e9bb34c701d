/*
 * fuzz_file.c: the file reader (gzip or not, content sniffing) and the
 * document loader behind it (normalising, splitting, sidecar-less
 * metadata, facets).  Each input is written to a file and read back as
 * the indexer reads it; PDFs are refused here (fuzz_pdf reads them).
 */
#include <stdio.h>
#include <stdlib.h>

#include "util_fuzz.h"
#include "ofs/report.h"
#include "read/doc_load.h"
#include "read/file_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4200];
	char *buf = NULL, excerpt[64];
	size_t len;
	ofs_report *r = NULL;
	ofs_error err;
	ofs_status rc;

	if (!*path)
		snprintf(path, sizeof path, "%s/fuzz.txt.gz", fuzz_tmpdir());
	fuzz_write_file(path, data, size);
	ofs_error_clear(&err);
	rc = ofs_file_read(path, &buf, &len, &err);
	fuzz_check_error(rc, &err);
	if (rc != OFS_OK)
		return 0;
	ofs_content_sniff(buf, len);
	fuzz_check_utf8("excerpt", ofs_content_excerpt(buf, len, excerpt, sizeof excerpt));
	rc = ofs_doc_parse(path, buf, len, NULL, &r, &err);
	fuzz_check_error(rc, &err);
	if (rc == OFS_OK) {
		fuzz_check_report(r);
		ofs_report_free(r);
	}
	free(buf);
	return 0;
}
