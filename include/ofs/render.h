/*
 * render.h: search results for people (a terminal or a pipe) and for
 * programs (JSON, documented in docs/json.md) and spreadsheets (CSV).
 */
#ifndef OFS_RENDER_H
#define OFS_RENDER_H

#include <stdio.h>

#include "ofs/search.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the results are. */
typedef enum ofs_render_kind {
	OFS_RENDER_PARAGRAPHS,
	OFS_RENDER_REPORTS,  /* --reports: one report per hit */
	OFS_RENDER_TIMELINE  /* --timeline: a paragraph and its report per hit */
} ofs_render_kind;

/*
 * Write results as text: per hit a line of what it was judged (council,
 * date, kind, area, grade), a citation (the file, shortened: relative to
 * the current folder, from "~", or its folder and name; page, paragraph
 * and section; and the key --like takes, "[like: ID:N]"), and the
 * snippet; then facet counts if present, and "did you mean" when the
 * index suggests a correction.  color: matched words in bold (for a
 * terminal without NO_COLOR).  width: break lines between words to fit
 * so many columns (0: never).  Reports: one line per report.  Timeline:
 * per report its date, kind and grades, then its best paragraph.
 */
void ofs_render_text(FILE *out, const ofs_results *r, ofs_render_kind kind, int color,
		     unsigned width);

/*
 * Write results as one JSON object and a newline.  Returns OFS_OK, or
 * OFS_ENOMEM / OFS_EIO (with a message in *err).
 */
ofs_status ofs_render_json(FILE *out, const ofs_results *r, ofs_render_kind kind,
			   ofs_error *err);

/*
 * Write results as CSV (RFC 4180: a header row, CRLF line ends, quoting
 * where needed), one row per hit with the fields of the JSON output;
 * reports: one row per report, each judgement's grade a column
 * (grade_overall, ...); timeline: each row also has its report's grades
 * (report_grade_overall, ...).  Snippets lose their highlight markers.
 * Returns OFS_OK, or OFS_ENOMEM / OFS_EIO (with a message in *err).
 */
ofs_status ofs_render_csv(FILE *out, const ofs_results *r, ofs_render_kind kind,
			  ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
