/*
 * dates.h: the dates reports write, in words or figures (meta_dates.c).
 */
#ifndef OFS_DATES_H
#define OFS_DATES_H

#include "ofs/report.h"

/*
 * Read a date or a range of dates at the start of text ("7 to 18 October
 * 2024", "30 September 2019 to 11 October 2019", "28 November - 2
 * December 2022", "21 and 22 September 2022", "07/10/2024"), skipping
 * leading spaces and punctuation and stopping at the first word that is
 * not part of a date.  A single date fills both start and end.  Returns 2
 * for a range, 1 for a single date, 0 (outputs untouched) otherwise.
 */
int ofs__date_range_parse(const char *text, ofs_date start, ofs_date end);

/* Days from 1970-01-01 to an ISO date (for spans); -1 when invalid. */
long ofs__date_days(const ofs_date d);

#endif
