/*
 * doc_load.h: one input file into a report ready to index: its bytes
 * read and recognised, its text normalised and split into paragraphs,
 * its metadata taken from a sidecar file or extracted from the text, and
 * every paragraph given its facets.
 */
#ifndef OFS_DOC_LOAD_H
#define OFS_DOC_LOAD_H

#include <stddef.h>

#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most text one report may have: the longest Ofsted report has about
 * 130 KB.  Indexing holds a report's text in memory several times over
 * (about 8 bytes per byte of text), so a bigger text file is refused
 * rather than let a stray dump take gigabytes. */
#define OFS_MAX_TEXT_BYTES ((size_t)16 << 20)

/*
 * Load the file at path.  pdf reads PDFs; NULL refuses them.  On success
 * *out is a new report (caller frees with ofs_report_free()).  Errors,
 * each one line naming path: OFS_EIO (cannot read), OFS_EFORMAT (an HTML
 * page or other non-PDF named .pdf, a damaged PDF, binary data, invalid
 * UTF-8, text over OFS_MAX_TEXT_BYTES, a bad sidecar, no text at all), OFS_ENOMEM.
 */
ofs_status ofs_doc_load(const char *path, ofs_pdf_reader_fn pdf, ofs_report **out,
			ofs_error *err);

/*
 * The same from the file's contents already read (len bytes at buf, as
 * ofs_file_read() returns them: decompressed and NUL-terminated); path
 * names the file in messages and locates its sidecar.
 */
ofs_status ofs_doc_parse(const char *path, const char *buf, size_t len,
			 ofs_pdf_reader_fn pdf, ofs_report **out, ofs_error *err);

/*
 * Whether the indexer takes a file it meets while walking a folder: .pdf,
 * .txt, .text, and either compressed with .gz; never hidden files or
 * sidecars.  Files named explicitly are always taken.
 */
int ofs_doc_wanted(const char *name);

#ifdef __cplusplus
}
#endif
#endif
