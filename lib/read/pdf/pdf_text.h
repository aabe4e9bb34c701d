/*
 * pdf_text.h: the text of a PDF report as a reader sees it, read in
 * process with MuPDF.  Linked into the indexer only (MuPDF is large).
 *
 * Produces the report's paragraphs in reading order: running headers and
 * footers (authority name, inspection dates, page numbers) removed, a
 * paragraph broken by a page break joined again, line-end hyphenation
 * undone only where the hyphen was a line break, numbered paragraphs keep
 * their number, every paragraph keeps the page it starts on, a bulleted
 * list kept as one paragraph (items joined by '\n'), headings not
 * paragraphs but the section of the paragraphs under them.  Also fills
 * r->fulltext (every line in reading order, headings and tables included)
 * and r->pages for metadata extraction.
 */
#ifndef OFS_PDF_TEXT_H
#define OFS_PDF_TEXT_H

#include <stddef.h>

#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Read the PDF held in buf (len bytes, the whole file) into r, which the
 * caller owns and has created with ofs_report_new(r->path is used in
 * messages).  Errors, each with one line naming r->path: OFS_EFORMAT for
 * a file that is not a PDF, is damaged or truncated, is encrypted, or has
 * no extractable text; OFS_ENOMEM.  On failure r may hold partial
 * paragraphs: the caller discards it.
 */
ofs_status ofs_pdf_read(ofs_report *r, const unsigned char *buf, size_t len,
			ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
