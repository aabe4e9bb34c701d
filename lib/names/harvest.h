/*
 * harvest.h: what a report teaches the index besides its paragraphs: the
 * acronyms it defines ("multi-agency safeguarding hub (MASH)"), stored as
 * synonyms both ways, and its words with their counts, for spelling
 * correction ("did you mean").
 */
#ifndef OFS_HARVEST_H
#define OFS_HARVEST_H

#include <stddef.h>

#include "ofs/report.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many distinct spelling words from one report (the longest
 * Ofsted report has about 2,100); words first met past it are not kept. */
#define OFS_HARVEST_MAX_WORDS 20000

typedef struct ofs_harvest {
	char **syn_keys;  /* ofs_key() form */
	char **syn_values;/* as written */
	size_t n_syn;
	char **words;     /* lower-case words of letters, at least 3 long */
	unsigned *counts;
	size_t n_words;
} ofs_harvest;

/*
 * Fill h (zero it first) from r's paragraphs.  Errors: OFS_ENOMEM (h is
 * then freed).  Free with ofs_harvest_free().
 */
ofs_status ofs_harvest_report(const ofs_report *r, ofs_harvest *h);
void ofs_harvest_free(ofs_harvest *h);

/*
 * Call fn for each acronym defined in text: "words (ACRONYM)" where the
 * initials of the words, skipping "and", "of", "for", "the", "in", "to",
 * spell the acronym (a hyphenated word gives one initial per part).
 * expansion is the words, as written; both strings valid during the call.
 */
void ofs_acronyms_each(const char *text,
		       void (*fn)(void *ctx, const char *acronym, const char *expansion),
		       void *ctx);

#ifdef __cplusplus
}
#endif
#endif
