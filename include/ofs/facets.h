/*
 * facets.h: the fixed vocabularies of the index: grades, judgement areas
 * and kinds of document, their canonical names, and the words people use
 * for them.
 *
 * Canonical names are what the index stores, the options accept and the
 * output prints ("requires-improvement", "help-protection").  The parsers
 * also accept the wording of reports and of users: "requires improvement
 * to be good", "RI", "children in care", "help and protection".
 */
#ifndef OFS_FACETS_H
#define OFS_FACETS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ofs_grade {
	OFS_GRADE_UNKNOWN = 0, /* not stated anywhere we could read */
	OFS_GRADE_OUTSTANDING,
	OFS_GRADE_GOOD,
	OFS_GRADE_RI,          /* requires improvement (to be good) */
	OFS_GRADE_INADEQUATE,
	OFS_GRADE_ADEQUATE,    /* the pre-2013 scale */
	OFS_GRADE_NONE,        /* the report makes no such judgement */
	OFS_GRADE_COUNT
} ofs_grade;

typedef enum ofs_area {
	OFS_AREA_UNKNOWN = 0,
	OFS_AREA_OVERALL,
	OFS_AREA_LEADERS,
	OFS_AREA_HELP_PROTECTION,
	OFS_AREA_IN_CARE,
	OFS_AREA_CARE_LEAVERS,
	OFS_AREA_ADOPTION,
	OFS_AREA_LSCB,
	OFS_AREA_OTHER,
	OFS_AREA_COUNT
} ofs_area;

typedef enum ofs_kind {
	OFS_KIND_UNKNOWN = 0,
	OFS_KIND_ILACS_STANDARD,
	OFS_KIND_ILACS_SHORT,
	OFS_KIND_SIF,
	OFS_KIND_PRE2013,
	OFS_KIND_FOCUSED_VISIT,
	OFS_KIND_OFSTED_LETTER,
	OFS_KIND_COUNCIL_REPORT,
	OFS_KIND_NEWS,
	OFS_KIND_OTHER,
	OFS_KIND_COUNT
} ofs_kind;

/* Canonical names; NULL for the UNKNOWN member and out-of-range values.
 * The strings are static. */
const char *ofs_grade_name(ofs_grade g);
const char *ofs_area_name(ofs_area a);
const char *ofs_kind_name(ofs_kind k);

/*
 * Parse a user's or a report's words for a grade, area or kind.  Case,
 * punctuation, hyphens and spacing do not matter.  Returns the UNKNOWN
 * member when the words name nothing known.
 */
ofs_grade ofs_grade_parse(const char *words);
ofs_area ofs_area_parse(const char *words);
ofs_kind ofs_kind_parse(const char *words);

/*
 * The judgement area a report heading introduces, from Ofsted's wording
 * across its frameworks ("The experiences and progress of children who
 * need help and protection", "Care leavers", "Review of the effectiveness
 * of the local safeguarding children board").  OFS_AREA_UNKNOWN when the
 * heading names none.
 */
ofs_area ofs_area_from_heading(const char *heading);

/*
 * Whether a heading leaves any judgement section for the main body of the
 * report ("Main findings", "Information about this inspection"), so its
 * paragraphs return to the report's default area.
 */
int ofs_heading_resets_area(const char *heading);

/*
 * A comma-separated list of the accepted canonical names, for messages
 * and --help ("outstanding, good, ...").  Static strings.
 */
const char *ofs_grade_names(void);
const char *ofs_area_names(void);
const char *ofs_kind_names(void);

#ifdef __cplusplus
}
#endif
#endif
