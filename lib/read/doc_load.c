/*
 * doc_load.c: from a path to a report, the first stage of indexing.
 *
 * Content decides how a file is read; the name only sharpens the error
 * message (a web page saved as "report.pdf" is "not a PDF").  Metadata
 * comes from a sidecar when the user wrote one, since a person's word
 * beats extraction; otherwise from the text.
 */
#include "read/doc_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "read/file_read.h"
#include "extract/meta_extract.h"
#include "base/normalize.h"
#include "read/para_split.h"
#include "read/sidecar.h"

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

int ofs_doc_wanted(const char *name)
{
	static const char *const exts[] = {".pdf", ".txt", ".text", ".pdf.gz",
					   ".txt.gz", ".text.gz", NULL};
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (base[0] == '.' || has_suffix(base, OFS_SIDECAR_SUFFIX))
		return 0;
	for (int i = 0; exts[i]; i++)
		if (has_suffix(base, exts[i]))
			return 1;
	return 0;
}

static ofs_status load_text(ofs_report *r, const char *buf, size_t len, ofs_error *err)
{
	char *text = NULL;
	size_t n;
	ofs_status rc;

	if (len > OFS_MAX_TEXT_BYTES)
		return ofs_error_set(err, OFS_EFORMAT,
				     "%s: %zu MB of text, over the limit of %zu MB for one report",
				     r->path, (len + (1 << 20) - 1) >> 20, OFS_MAX_TEXT_BYTES >> 20);
	rc = ofs_normalize(buf, len, 0, &text, &n, err);
	if (rc != OFS_OK) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
		return ofs_error_set(err, rc, "%s: %s", r->path, msg);
	}
	rc = ofs_para_split_text(r, text, n);
	if (rc != OFS_OK) {
		free(text);
		return ofs_error_set(err, rc, "%s: out of memory", r->path);
	}
	r->fulltext = text;
	return OFS_OK;
}

ofs_status ofs_doc_parse(const char *path, const char *buf, size_t len,
			 ofs_pdf_reader_fn pdf, ofs_report **out, ofs_error *err)
{
	ofs_report *r = NULL;
	char *meta = NULL, ex[32];
	ofs_status rc;

	*out = NULL;
	if (!(r = ofs_report_new(path)))
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);

	switch (ofs_content_sniff(buf, len)) {
	case OFS_CONTENT_PDF:
		if (!pdf) {
			rc = ofs_error_set(err, OFS_EFORMAT, "%s: PDF, but this program cannot read PDFs",
					   path);
			goto done;
		}
		rc = pdf(r, (const unsigned char *)buf, len, err);
		break;
	case OFS_CONTENT_HTML:
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: not a %s but a web page (starts with '%s')",
				   path, has_suffix(path, ".pdf") ? "PDF" : "report",
				   ofs_content_excerpt(buf, len, ex, sizeof ex));
		break;
	case OFS_CONTENT_BINARY:
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: binary data, not a PDF or text (starts with '%s')",
				   path, ofs_content_excerpt(buf, len, ex, sizeof ex));
		break;
	default:
		if (has_suffix(path, ".pdf") || has_suffix(path, ".pdf.gz")) {
			rc = ofs_error_set(err, OFS_EFORMAT, "%s: not a PDF (starts with '%s')", path,
					   ofs_content_excerpt(buf, len, ex, sizeof ex));
			break;
		}
		rc = load_text(r, buf, len, err);
		break;
	}
	if (rc != OFS_OK)
		goto done;
	if (r->n_paras == 0) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: no text found", path);
		goto done;
	}

	if (asprintf(&meta, "%s%s", path, OFS_SIDECAR_SUFFIX) < 0) {
		meta = NULL;
		rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
		goto done;
	}
	if (access(meta, F_OK) == 0)
		rc = ofs_sidecar_apply(r, meta, err);
	else if ((rc = ofs_meta_extract(r)) != OFS_OK)
		ofs_error_set(err, rc, "%s: out of memory", path);
	if (rc != OFS_OK)
		goto done;
	ofs_report_assign_facets(r);
	*out = r;
	r = NULL;
done:
	ofs_report_free(r);
	free(meta);
	return rc;
}

ofs_status ofs_doc_load(const char *path, ofs_pdf_reader_fn pdf, ofs_report **out,
			ofs_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	ofs_status rc;

	*out = NULL;
	if ((rc = ofs_file_read(path, &buf, &len, err)) != OFS_OK)
		return rc;
	rc = ofs_doc_parse(path, buf, len, pdf, out, err);
	free(buf);
	return rc;
}
