/*
 * render.h: search results for people (a terminal or a pipe) and for
 * programs (JSON, documented in docs/json.md).
 */
#ifndef OFS_RENDER_H
#define OFS_RENDER_H

#include <stdio.h>

#include "ofs/search.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Write results as text: per hit a citation line (council, date, kind,
 * area, grade), the file with page, paragraph and section, and the
 * snippet; then facet counts if present.  color: matched words in bold
 * (for a terminal without NO_COLOR).  For report listings, one line per
 * report.
 */
void ofs_render_text(FILE *out, const ofs_results *r, int reports, int color);

/*
 * Write results as one JSON object and a newline.  Returns OFS_OK, or
 * OFS_ENOMEM / OFS_EIO (with a message in *err).
 */
ofs_status ofs_render_json(FILE *out, const ofs_results *r, int reports, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
