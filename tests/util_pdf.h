/*
 * util_pdf.h: tiny PDFs built in memory by the tests themselves, with
 * MuPDF's PDF writer: pages of text runs placed at chosen positions in
 * the base-14 fonts Helvetica and Helvetica-Bold, so that each test
 * shows the layout it is about.
 */
#ifndef OFS_UTIL_PDF_H
#define OFS_UTIL_PDF_H

#include <stddef.h>

/* A4 portrait, in points. */
#define OFS_PDF_PAGE_W 595.0f
#define OFS_PDF_PAGE_H 842.0f

/* One run of text: font 0 regular, 1 bold; x is from the left of the
 * page and y from its top, to the baseline. */
typedef struct ofs_pdf_item {
	int bold;
	float size, x, y;
	const char *text; /* WinAnsi bytes */
} ofs_pdf_item;

/* Ends a page's items; two in a row end the document. */
#define OFS_PDF_END_PAGE {0, 0, 0, 0, NULL}

/*
 * A PDF of the pages in items (each page's items end with
 * OFS_PDF_END_PAGE, the list with two in a row), malloc'd into *len
 * bytes; NULL if MuPDF fails.
 */
unsigned char *ofs_test_pdf_build(const ofs_pdf_item *items, size_t *len);

/* The same written to the file path; returns 0 on success. */
int ofs_test_pdf_write(const ofs_pdf_item *items, const char *path);

#endif
