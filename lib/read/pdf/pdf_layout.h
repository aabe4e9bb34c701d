/*
 * pdf_layout.h: private interface between pdf_text.c, which reads the
 * text lines of a PDF with MuPDF, and pdf_layout.c, which turns those
 * lines into the paragraphs a reader sees.  Not installed; nothing
 * outside lib/read/pdf/ includes it.
 *
 * The split keeps MuPDF out of the layout rules: pdf_layout.c sees only
 * positioned, normalised lines, so its rules can be read (and changed)
 * without knowing MuPDF's structured-text API.
 */
#ifndef OFS_PDF_LAYOUT_H
#define OFS_PDF_LAYOUT_H

#include <stddef.h>

#include "ofs/report.h"
#include "ofs/status.h"

/* One line of text as MuPDF laid it out, in reading order. */
typedef struct ofs__pdf_line {
	const char *text; /* borrowed from r->fulltext, normalised, trimmed;
			   * len bytes, not NUL-terminated */
	size_t len;
	int page;         /* 1-based */
	float x0, y0, x1, y1; /* bounding box, points, y grows downwards */
	float size;       /* mean font size of its visible characters */
	float bold;       /* fraction of visible characters in a bold font */
	int soft_hyphen;  /* the line ended in a soft hyphen (dropped from
			   * text): the word goes on on the next line */
} ofs__pdf_line;

/* Every line of a document, and the size of each page. */
typedef struct ofs__pdf_lines {
	ofs__pdf_line *line;
	size_t n;
	int pages;
	float *page_h;    /* pages entries: page height in points */
} ofs__pdf_lines;

/*
 * Append the paragraphs of the document to r (see pdf_text.h for what a
 * paragraph is).  The lines' text must stay valid during the call.
 * Returns OFS_OK or OFS_ENOMEM (with a message naming r->path).
 */
ofs_status ofs__pdf_layout(ofs_report *r, const ofs__pdf_lines *doc, ofs_error *err);

#endif
