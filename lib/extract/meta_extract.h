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
 * lead_inspector, title, grades[] and default_area from r->fulltext,
 * leaving alone any field already set (a sidecar's values win; a grade
 * counts as set unless OFS_GRADE_UNKNOWN; the inspection dates are set
 * together).  Returns OFS_OK or OFS_ENOMEM; finding nothing is not an
 * error, and a NULL or empty fulltext finds nothing.
 *
 * The rules, by kind of report:
 * - Kind: a focused visit or monitoring visit letter by its heading or
 *   its opening "This letter summarises the findings of a ... visit"
 *   (monitoring visits and joint targeted area inspections are
 *   OFS_KIND_OTHER); SIF by its title "Inspection of services for
 *   children in need of help and protection, ..." (or "Re-inspection
 *   of"), or "Review of the effectiveness of the Local Safeguarding
 *   Children Board" alone; pre-2013 by "Inspection of safeguarding and
 *   looked after children services" and its variants; ILACS by "The
 *   impact of leaders on social work practice" or its title.  An ILACS
 *   report is short or standard as its text says ("this was a short
 *   inspection"), else by its days on site: short inspections last one
 *   week (at most 7 days from first to last date), standard ones two.
 *   Other text that names Ofsted is OFS_KIND_OTHER; anything else stays
 *   OFS_KIND_UNKNOWN.
 * - ILACS grades come from the "Judgement | Grade" table.  Before 2023
 *   one judgement covered "children in care and care leavers": both
 *   OFS_AREA_IN_CARE and OFS_AREA_CARE_LEAVERS get it, since the report
 *   states that grade for care leavers too (reports.csv calls this
 *   "inspection_pre_dates_judgement").  Adoption and LSCB are
 *   OFS_GRADE_NONE.  Overall is OFS_GRADE_NONE when the table has no
 *   overall row and the inspection began on or after 1 April 2026 (the
 *   reform that dropped it); before that a missing row stays UNKNOWN.
 * - SIF grades come from the page 1 table (help and protection; children
 *   looked after and achieving permanence = in care; adoption
 *   performance; care leavers; leadership, management and governance =
 *   leaders), "Children's services in X are ..." or "The overall
 *   judgement is ..." (overall) and "The Local Safeguarding Children
 *   Board is ..." (LSCB).  "Not judged" is OFS_GRADE_NONE.  LSCB is
 *   NONE when the report does not include the board's review; a review
 *   of the board alone has NONE for every other area.
 * - Pre-2013 grades come from the "Record of main findings" (or "Grade
 *   N (word)" under "Overall effectiveness of ..."): safeguarding
 *   services' overall effectiveness is help-protection, looked after
 *   children services' is in-care, on the adequate scale.  There was no
 *   judgement of the services as a whole, of leaders apart from each
 *   service, of care leavers, adoption or the LSCB: all NONE, as is an
 *   area the inspection did not cover.
 * - Focused visits, monitoring visits and joint targeted area
 *   inspections make no graded judgement: every area is NONE.
 * - published is the date the report prints ("Report published:",
 *   "Published:", a letter's date line); ILACS reports print none, so it
 *   stays empty.  title is the report's heading, prefixed "Council: "
 *   when the heading does not name the authority.  default_area is
 *   OFS_AREA_OVERALL for ILACS, SIF and pre-2013 reports.
 */
ofs_status ofs_meta_extract(ofs_report *r);

#ifdef __cplusplus
}
#endif
#endif
