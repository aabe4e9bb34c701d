/*
 * sidecar.h: metadata written by hand for a document, in a small file
 * beside it named after it plus ".meta" ("letter.txt.meta").
 *
 * The format is one "key: value" per line; blank lines and lines starting
 * with '#' are ignored; keys are case-insensitive:
 *   council: North Somerset          (any usual spelling of an authority)
 *   date: 2022-10-26                 (the date to file it under)
 *   published: 2022-10-26
 *   inspection-start: 2022-09-21
 *   inspection-end: 2022-09-22
 *   kind: ofsted-letter              (ilacs-standard, ilacs-short, sif,
 *                                     pre-2013, focused-visit,
 *                                     ofsted-letter, council-report, news,
 *                                     other)
 *   title: Focused visit to North Somerset children's services
 *   source: https://...
 *   lead-inspector: Steve Lowe
 *   area: help-protection            (area of paragraphs outside a
 *                                     recognised section heading)
 *   grade-overall: requires improvement to be good
 *   grade-<area>: <grade>            (one line per judgement reported)
 * When a sidecar exists its values are the document's metadata and no
 * metadata is extracted from the text.
 */
#ifndef OFS_SIDECAR_H
#define OFS_SIDECAR_H

#include "ofs/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The sidecar's suffix. */
#define OFS_SIDECAR_SUFFIX ".meta"

/*
 * Apply the sidecar file at path to r.  Errors: OFS_EIO (cannot read),
 * OFS_EFORMAT (a malformed line, an unknown key, a bad date, grade, area
 * or kind: the message gives path:line and the offending text),
 * OFS_ENOMEM.
 */
ofs_status ofs_sidecar_apply(ofs_report *r, const char *path, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
