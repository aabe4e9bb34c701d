/*
 * fuzz_sidecar.c: the sidecar parser and the thesaurus parser, two small
 * line formats users write by hand.  The first byte chooses the parser;
 * the rest is the file.  A sidecar is read from a file (its API takes a
 * path), a thesaurus from memory.  Bad lines must give a format error
 * naming the file and line, never another code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util_fuzz.h"
#include "ofs/report.h"
#include "ofs/thesaurus.h"
#include "read/sidecar.h"

static void sidecar(const uint8_t *data, size_t size)
{
	static char path[4200];
	ofs_report *r = ofs_report_new("fuzz.txt");
	ofs_error err;
	ofs_status rc;

	if (!*path)
		snprintf(path, sizeof path, "%s/fuzz.txt.meta", fuzz_tmpdir());
	if (!r)
		abort();
	fuzz_write_file(path, data, size);
	ofs_error_clear(&err);
	rc = ofs_sidecar_apply(r, path, &err);
	fuzz_check_error(rc, &err);
	if (rc != OFS_OK && rc != OFS_EFORMAT)
		abort();
	fuzz_check_report(r);
	ofs_report_free(r);
}

static int count_alt(void *ctx, const char *alt)
{
	fuzz_check_utf8("thesaurus alternative", alt);
	++*(size_t *)ctx;
	return 0;
}

static void thesaurus(const uint8_t *data, size_t size)
{
	ofs_thesaurus *t = NULL;
	ofs_error err;
	ofs_status rc;
	size_t n = 0;

	ofs_error_clear(&err);
	rc = ofs_thesaurus_parse((const char *)data, size, "fuzz.txt", &t, &err);
	fuzz_check_error(rc, &err);
	/* Includes are refused or missing files: OFS_EIO is a right answer. */
	if (rc != OFS_OK && rc != OFS_EFORMAT && rc != OFS_EIO)
		abort();
	if (rc == OFS_OK) {
		ofs_thesaurus_each_alternative(t, count_alt, &n);
		if (strlen(ofs_thesaurus_fingerprint(t)) != 16)
			abort();
		ofs_thesaurus_free(t);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		thesaurus(data + 1, size - 1);
	else
		sidecar(data + 1, size - 1);
	return 0;
}
