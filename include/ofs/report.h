/*
 * report.h: one document being indexed, as the indexer hands it to the
 * index: its metadata and the paragraphs a reader sees, in order.
 *
 * A report owns every string and array reachable from it; free it all
 * with ofs_report_free().  Text is UTF-8, already normalised for display
 * by ofs_normalize() (NFKC, typographic quotes and dashes folded).
 */
#ifndef OFS_REPORT_H
#define OFS_REPORT_H

#include <stddef.h>

#include "ofs/facets.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A date as "YYYY-MM-DD"; the empty string when unknown. */
typedef char ofs_date[11];

typedef struct ofs_para {
	char *text;      /* owned; lines of a list are joined by '\n' */
	char *section;   /* owned heading it sits under, or NULL */
	int page;        /* 1-based page it starts on; 0 when not paged */
	int number;      /* number printed before it in the report; 0 if none */
	int seq;         /* 1-based position among the report's paragraphs */
	ofs_area area;   /* judgement area of its section */
	ofs_grade grade; /* that area's grade in this report */
} ofs_para;

typedef struct ofs_report {
	char *path;            /* owned: the file as named to the indexer */
	char *council;         /* owned canonical authority name, or NULL */
	char *lead_inspector;  /* owned, or NULL */
	char *title;           /* owned, or NULL */
	char *source;          /* owned: where the document came from, or NULL */
	ofs_kind kind;
	ofs_date date;             /* the date a reader files it under */
	ofs_date inspection_start;
	ofs_date inspection_end;
	ofs_date published;
	const char *published_from; /* static: where published came from:
				     * "report" (printed in it), "sidecar",
				     * "file name" (the listing date Ofsted
				     * names its files with); NULL if unknown */
	ofs_grade grades[OFS_AREA_COUNT]; /* per judgement; UNKNOWN = not stated */
	int joint_care;        /* one judgement of children in care and care
				* leavers (ILACS 2018-2022): grades holds it
				* under both areas, so filters find it */
	ofs_area default_area; /* area of paragraphs outside any judged section */
	int pages;             /* page count, 0 when not paged */
	char *fulltext;        /* owned: every line in reading order, headings
				* and tables included, pages separated by '\f';
				* for metadata extraction, may be NULL */
	ofs_para *paras;       /* owned array of n_paras */
	size_t n_paras;
	size_t cap_paras;
} ofs_report;

/* A new, empty report for path (copied).  Returns NULL when out of memory. */
ofs_report *ofs_report_new(const char *path);

/* Free a report and everything it owns; NULL is a no-op. */
void ofs_report_free(ofs_report *r);

/*
 * Append a paragraph: text (len bytes, need not be NUL-terminated) and
 * section are copied; seq is assigned; area and grade are left UNKNOWN for
 * ofs_report_assign_facets().  Returns OFS_OK or OFS_ENOMEM.
 */
ofs_status ofs_report_add_para(ofs_report *r, const char *text, size_t len,
			       const char *section, int page, int number);

/* Replace *field (council, title, ...) with a copy of value (NULL clears).
 * Returns OFS_OK or OFS_ENOMEM. */
ofs_status ofs_report_set_str(char **field, const char *value);

/*
 * Give every paragraph its area and grade.  The area starts as the
 * report's default; a heading that names an area (ofs_area_from_heading)
 * switches to it, a heading that returns to the body of the report
 * (ofs_heading_resets_area) switches back, and other headings keep the
 * area of the section they sit in.  The grade is the report's grade for
 * that area (OFS_GRADE_UNKNOWN if not stated).  Call once metadata and
 * paragraphs are in.
 * Sets r->date from the inspection end, publication or start date when it
 * is still empty.
 */
void ofs_report_assign_facets(ofs_report *r);

/*
 * Enter a heading (len bytes) met while reading a report: a heading that
 * names a judgement area becomes the new top-level heading (*parent) and
 * the section; one that returns to the body of the report ends the
 * top-level heading; any other heading under a top-level one is a
 * sub-heading, and the section reads "Parent > Heading", so that its
 * paragraphs keep the parent's area.
 * *parent and *section are owned strings (NULL at first), replaced here.
 * Returns OFS_OK or OFS_ENOMEM.
 */
ofs_status ofs_section_enter(char **parent, char **section, const char *heading, size_t len);

/*
 * Whether a line set apart like a heading (len bytes) is a line of the
 * report's cover ("Lead inspector: ...", "Inspection dates: ..."): the
 * report's particulars, never a section.
 */
int ofs_heading_is_cover_line(const char *heading, size_t len);

/*
 * Parse "YYYY-MM-DD" (a real calendar date) into out.  Returns 1 on
 * success, 0 otherwise.
 */
int ofs_date_parse_iso(const char *s, ofs_date out);

/* Reads a PDF into a report (ofs_pdf_read in pdf_text.h has this type).
 * Passed in, so that programs that never read PDFs need not link MuPDF. */
typedef ofs_status (*ofs_pdf_reader_fn)(ofs_report *r, const unsigned char *buf,
					size_t len, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
