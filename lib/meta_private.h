/*
 * meta_private.h: helpers shared by the metadata extraction files
 * (meta_extract.c, meta_dates.c, council.c); not part of the API.
 */
#ifndef OFS_META_PRIVATE_H
#define OFS_META_PRIVATE_H

#include <stddef.h>

#include "ofs/report.h"

/*
 * A council key of words into buf (see council.c): lower case, "&" as
 * "and", other runs of punctuation and space as one space.  Returns its
 * length.
 */
size_t ofs__council_key(const char *words, char *buf, size_t size);

/*
 * The canonical name of the first authority text mentions by its full
 * name (or an unambiguous alias), as whole words; NULL when none.
 */
const char *ofs__council_find(const char *text);

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
