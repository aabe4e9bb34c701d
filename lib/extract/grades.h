/*
 * grades.h: the grades a report states, per format (grades.c).  Private
 * to extract/.
 */
#ifndef OFS_GRADES_H
#define OFS_GRADES_H

#include "extract/lines.h"
#include "ofs/report.h"

struct grades {
	ofs_grade g[OFS_AREA_COUNT];
	int joint;        /* the ILACS joint in-care/care-leavers judgement */
	int table;        /* a judgement table was read */
};

ofs_status ofs__read_tables(const struct doc *d, struct grades *out);

/* SIF: "Children's services in Norfolk are inadequate", "Children's
 * services on the Isles of Scilly are good", and in the first reports
 * of 2013-2014 "The overall judgement is requires improvement". */
ofs_grade ofs__sif_overall(const struct doc *d);

/* SIF: "The Local Safeguarding Children Board (LSCB) is good", "The
 * effectiveness of the Local Safeguarding Children Board requires
 * improvement", a sentence of its own at the start of a line. */
ofs_status ofs__sif_lscb(const struct doc *d, ofs_grade *out);

/*
 * Before 2013: the "Record of main findings" lists, under "Safeguarding
 * services" and "Services for looked after children", an "Overall
 * effectiveness" row each.  Failing that, the section "Overall
 * effectiveness of services for looked after children" opens with
 * "Grade 4 (inadequate)".
 */
void ofs__pre2013_grades(const struct doc *d, struct grades *out);

#endif
