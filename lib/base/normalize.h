/*
 * normalize.h: one Unicode normalisation for everything we index and every
 * query we parse, so that the two always meet.
 *
 * NFKC (ligatures such as "ﬁ" become "fi", full-width forms narrow),
 * typographic apostrophes and quotes become ASCII ' and ", dashes and
 * minus signs become '-', non-breaking and other spaces become ' ', soft
 * hyphens and other invisible format characters are dropped, and control
 * characters other than '\n', '\t' and '\f' become spaces.  With
 * OFS_NORM_CASEFOLD the result is also case folded (for terms and queries;
 * display text keeps its case).
 */
#ifndef OFS_NORMALIZE_H
#define OFS_NORMALIZE_H

#include <stddef.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	OFS_NORM_CASEFOLD = 1 << 0
};

/*
 * Normalise len bytes of UTF-8 at in.  On success *out is a new
 * NUL-terminated string (caller frees with free()) and *out_len, if not
 * NULL, its length.  Errors: OFS_EFORMAT when in is not valid UTF-8 (the
 * message gives the byte offset; callers prefix the file name),
 * OFS_ENOMEM.  *out is NULL on failure.
 */
ofs_status ofs_normalize(const char *in, size_t len, unsigned flags,
			 char **out, size_t *out_len, ofs_error *err);

/* Whether len bytes at s are valid UTF-8; on failure *bad_offset, if not
 * NULL, is the offset of the first invalid byte. */
int ofs_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The length in bytes of the character at s (len bytes left, len > 0),
 * or 0 when the bytes there are not valid UTF-8. */
size_t ofs_utf8_char(const char *s, size_t len);

/* s with every byte that is not part of a UTF-8 character written as
 * "\xHH", so that any byte string (a file name) can be shown and stored
 * as text.  A new string (caller frees); NULL when out of memory. */
char *ofs_utf8_escape(const char *s);

/* Where to cut s, UTF-8 of more than n bytes, to at most n bytes without
 * splitting a character: n, or less where s[n] continues a character. */
size_t ofs_utf8_cut(const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
