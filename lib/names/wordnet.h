/*
 * wordnet.h: general English synonyms from WordNet, read directly from
 * its data files (Debian's wordnet-base, /usr/share/wordnet).
 *
 * Only the first, most frequent sense of a word as a noun and as an
 * adjective is used: WordNet lists wrong senses too ("kid" also means
 * "tease"), and the first sense is the one a searcher most often means.
 */
#ifndef OFS_WORDNET_H
#define OFS_WORDNET_H

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_wordnet ofs_wordnet;

/* The WordNet folder: $OFS_WORDNET if set, else /usr/share/wordnet. */
const char *ofs_wordnet_default_dir(void);

/*
 * Open WordNet's files in dir (mapped, not read: opening is cheap).
 * Errors: OFS_EIO naming the missing or unreadable file, with a hint to
 * install wordnet-base.  Free with ofs_wordnet_close().
 */
ofs_status ofs_wordnet_open(const char *dir, ofs_wordnet **out, ofs_error *err);
void ofs_wordnet_close(ofs_wordnet *w);

/*
 * Call fn with each synonym of word (lower case; plurals are reduced to
 * the singular first), spaces for WordNet's underscores, the word itself
 * left out; stop when fn returns non-zero.
 */
void ofs_wordnet_synonyms(const ofs_wordnet *w, const char *word,
			  int (*fn)(void *ctx, const char *synonym), void *ctx);

/* Whether word (lower case) is an English word WordNet knows in any part
 * of speech, inflected or not ("overworked", "running", "children"). */
int ofs_wordnet_is_word(const ofs_wordnet *w, const char *word);

#ifdef __cplusplus
}
#endif
#endif
