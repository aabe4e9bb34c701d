/*
 * names.h: the thesaurus's names of several words ("multi-agency
 * safeguarding hub", "children in care"), indexed as one term each.
 *
 * A query widened with a name of several words matches it as a phrase,
 * which reads the positions of every paragraph holding all its words:
 * with common words ("care", "young", "people") that was the slowest part
 * of an expanded query.  The indexer adds the boolean term OFS_PFX_NAME +
 * key to the paragraphs holding a name (a boolean term, so that
 * paragraph lengths, and so every weight, stay as they were), and marks
 * each report with the thesaurus's fingerprint (OFS_PFX_NAMES).  A
 * searcher using the same thesaurus as every report was indexed with
 * matches a name by its term, weighted by its rarest word; otherwise it
 * matches the phrase, as before.  The paragraphs found are the same
 * either way.
 */
#ifndef OFS_NAMES_H
#define OFS_NAMES_H

#include <stddef.h>

#include "ofs/status.h"
#include "ofs/thesaurus.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_names ofs_names;

/*
 * The names of several indexed words among the alternatives of thesaurus
 * t (borrowed; it must outlive the result).  Errors: OFS_ENOMEM.  Free
 * with ofs_names_free().
 */
ofs_status ofs_names_new(const ofs_thesaurus *t, ofs_names **out, ofs_error *err);
void ofs_names_free(ofs_names *n);

/* How many names there are. */
size_t ofs_names_count(const ofs_names *n);

/* The fingerprint of the thesaurus the names come from (borrowed). */
const char *ofs_names_fingerprint(const ofs_names *n);

#ifdef __cplusplus
}
#endif
#endif
