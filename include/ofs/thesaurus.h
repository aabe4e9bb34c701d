/*
 * thesaurus.h: the other names of things, from a plain file users can
 * extend (data/thesaurus.txt, whose header describes the format).
 *
 * Keys and lookups use ofs_key() form (case folded, punctuation squeezed
 * to single spaces); the alternatives are returned as written in the
 * file, for the query parser to read.
 */
#ifndef OFS_THESAURUS_H
#define OFS_THESAURUS_H

#include <stddef.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_thesaurus ofs_thesaurus;

/*
 * Read the thesaurus file at path, and the files it names on lines
 * "include FILE" (relative to its folder).  Errors: OFS_EIO (cannot
 * read), OFS_EFORMAT (a line that is not a group or not valid UTF-8:
 * path:line in the message; includes nested too deeply), OFS_ENOMEM.  Free with ofs_thesaurus_free().
 */
ofs_status ofs_thesaurus_load(const char *path, ofs_thesaurus **out, ofs_error *err);

/* The same from len bytes of text; name is used in messages. */
ofs_status ofs_thesaurus_parse(const char *text, size_t len, const char *name,
			       ofs_thesaurus **out, ofs_error *err);

void ofs_thesaurus_free(ofs_thesaurus *t);

/* How an alternative relates to the form looked up, strongest first: the
 * same thing ("a | b"), another name the form widens to ("a => b"),
 * everyday words for the reports' wording ("a ~> b"). */
typedef enum ofs_thesaurus_tier {
	OFS_TIER_EQUAL = 0,
	OFS_TIER_ONEWAY = 1,
	OFS_TIER_EVERYDAY = 2
} ofs_thesaurus_tier;

/* The alternatives for key (ofs_key form), *n of them; NULL when none.
 * *tiers (when tiers is not NULL) gets each one's ofs_thesaurus_tier, in
 * the same order.  Borrowed from t. */
const char *const *ofs_thesaurus_lookup(const ofs_thesaurus *t, const char *key, size_t *n,
					const unsigned char **tiers);

/* Number of keys (forms that have alternatives). */
size_t ofs_thesaurus_size(const ofs_thesaurus *t);

/* 16 hex digits that change when any key or alternative changes (not
 * with comments or the order of lines).  Borrowed from t. */
const char *ofs_thesaurus_fingerprint(const ofs_thesaurus *t);

/* Call fn for every alternative of every key (a form that is an
 * alternative of several keys comes several times); a non-zero return
 * stops the walk and is returned. */
int ofs_thesaurus_each_alternative(const ofs_thesaurus *t,
				   int (*fn)(void *ctx, const char *alt), void *ctx);

/* Call fn for every key (ofs_key form), in sorted order; a non-zero
 * return stops the walk and is returned. */
int ofs_thesaurus_each_key(const ofs_thesaurus *t, int (*fn)(void *ctx, const char *key),
			   void *ctx);

/*
 * Where the thesaurus is: $OFS_THESAURUS if set; else the installed
 * thesaurus.txt as ofs_data_path() finds it (paths.h).  A new string
 * (caller frees); NULL when none is found.
 */
char *ofs_thesaurus_default_path(void);

#ifdef __cplusplus
}
#endif
#endif
