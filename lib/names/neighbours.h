/*
 * neighbours.h: the words the reports use together, learned from the
 * index each time it changes: for a word, the words found most often in
 * the paragraphs that have it and seldom elsewhere ("exploit": "sexual",
 * "missing", "traffick").  They widen a word that no list names, as the
 * weakest kind of alternative, when a search asks for them.
 *
 * Learnt from an even sample of the shards' paragraphs, so that the cost
 * of learning hardly grows with the index; kept in the first shard's
 * synonym table under OFS_NEIGHBOURS_KEY + stem (Xapian reads the
 * synonyms of all shards as one table), which the sidecar of remote
 * shards copies like every other synonym.
 */
#ifndef OFS_NEIGHBOURS_H
#define OFS_NEIGHBOURS_H

#include "ofs/status.h"
#include "engine/xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Synonym keys of the neighbours: this + a stem (ofs_xtext_terms()). A
 * character ofs_key() never leaves in an acronym's key. */
#define OFS_NEIGHBOURS_KEY "~"

/* Paragraphs sampled, words kept, neighbours kept per word. */
#define OFS_NEIGHBOURS_SAMPLE 12000
#define OFS_NEIGHBOURS_WORDS 2000
#define OFS_NEIGHBOURS_PER_WORD 4

/*
 * Learn the neighbours of the words of the n shards (writers; uncommitted
 * documents count) and put them in the first one's synonym table in place
 * of those it held, uncommitted.  Errors: OFS_ENOMEM, OFS_EXAPIAN.
 */
ofs_status ofs_neighbours_learn(ofs_xdb *const *shards, unsigned n, ofs_error *err);

/* Call fn with each neighbour (a stem) of the stem of word, until fn
 * returns non-zero.  None when the index holds none.  Errors:
 * OFS_ENOMEM, OFS_EXAPIAN. */
ofs_status ofs_neighbours_of(ofs_xdb *db, const char *word,
			     int (*fn)(void *ctx, const char *stem), void *ctx, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
