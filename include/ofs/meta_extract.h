/*
 * meta_extract.h: the metadata of an Ofsted report read from its own
 * text: authority, kind of report, inspection and publication dates, lead
 * inspector and the grade of every judgement, for every format Ofsted has
 * used (before 2013, the single inspection framework 2013-2017 with its
 * LSCB review, ILACS standard and short inspections 2018-2026, reports
 * after April 2026 without an overall judgement, focused visits and
 * monitoring letters).
 *
 * Rules come from the formats' structure and Ofsted's wording, never from
 * particular files.  Nothing is guessed: a value the text does not state
 * is left empty (NULL, "" or OFS_GRADE_UNKNOWN); a judgement the format
 * does not make is OFS_GRADE_NONE.
 */
#ifndef OFS_META_EXTRACT_H
#define OFS_META_EXTRACT_H

#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Fill r's council, kind, inspection_start, inspection_end, published,
 * lead_inspector, title, grades[] and default_area from r->fulltext (and
 * r->paras), leaving alone any field already set (a sidecar's values win).
 * Returns OFS_OK or OFS_ENOMEM; finding nothing is not an error.
 */
ofs_status ofs_meta_extract(ofs_report *r);

/*
 * The canonical name of an English local authority from any way a report
 * or a user writes it ("Bournemouth, Christchurch & Poole", "BCP",
 * "Bath & North East Somerset Council", "Kingston upon Hull"): a static
 * string, or NULL when the words name no authority we know.
 */
const char *ofs_council_canonical(const char *words);

#ifdef __cplusplus
}
#endif
#endif
