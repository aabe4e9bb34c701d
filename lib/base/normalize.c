/*
 * normalize.c: Unicode normalisation with utf8proc.
 *
 * utf8proc does NFKC, case folding, newline unification and the removal
 * of default-ignorable characters (soft hyphens, zero-width spaces) in one
 * pass; the typographic characters that NFKC keeps (curly quotes, dashes)
 * are folded so that "children’s" and "children's" become one word.  They
 * are folded twice: as written, by utf8proc's per-character callback
 * (NFKC would take "´" apart into a space and an accent), and in the
 * result, since NFKC makes some of them out of others ("︱" is "—").
 * Validation runs first, separately, because utf8proc reports invalid
 * UTF-8 without saying where.
 */
#include "base/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t ofs_utf8_char(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	if ((unsigned char)s[0] < 0x80)
		return 1;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
	return n > 0 ? (size_t)n : 0;
}

int ofs_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;
	while (i < len) {
		size_t n = ofs_utf8_char(s + i, len - i);
		if (!n) {
			if (bad_offset)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

char *ofs_utf8_escape(const char *s)
{
	size_t len = strlen(s), j = 0;
	char *out = malloc(4 * len + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t n = ofs_utf8_char(s + i, len - i);
		if (n) {
			memcpy(out + j, s + i, n);
			j += n;
			i += n;
		} else {
			j += (size_t)sprintf(out + j, "\\x%02X", (unsigned char)s[i++]);
		}
	}
	out[j] = '\0';
	return out;
}

size_t ofs_utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static utf8proc_int32_t fold_typography(utf8proc_int32_t c, void *data)
{
	(void)data;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x2035: case 0x02BC: case 0x00B4: case 0x0060:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x2036: case 0x00AB: case 0x00BB:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	case 0x00A0: case 0x202F: case 0x205F: case 0x3000:
		return ' ';
	case '\n': case '\t': case '\f': case '\r':
		return c;
	}
	if (c >= 0x2000 && c <= 0x200A)
		return ' ';
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return ' ';
	return c;
}

/* Fold the typographic characters of the n bytes of valid UTF-8 at s, in
 * place (each folds to one ASCII byte, never longer); returns the new
 * length. */
static size_t fold_result(utf8proc_uint8_t *s, size_t n)
{
	size_t r = 0, w = 0;
	while (r < n) {
		utf8proc_int32_t c, f;
		utf8proc_ssize_t k = utf8proc_iterate(s + r, (utf8proc_ssize_t)(n - r), &c);
		f = fold_typography(c, NULL);
		if (f != c)
			s[w++] = (utf8proc_uint8_t)f;
		else {
			memmove(s + w, s + r, (size_t)k);
			w += (size_t)k;
		}
		r += (size_t)k;
	}
	s[w] = '\0';
	return w;
}

ofs_status ofs_normalize(const char *in, size_t len, unsigned flags,
			 char **out, size_t *out_len, ofs_error *err)
{
	size_t bad;
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n;
	int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		   UTF8PROC_IGNORE | UTF8PROC_NLF2LF;

	*out = NULL;
	if (!ofs_utf8_valid(in, len, &bad))
		return ofs_error_set(err, OFS_EFORMAT,
				     "invalid UTF-8 at byte %zu", bad);
	if (flags & OFS_NORM_CASEFOLD)
		opts |= UTF8PROC_CASEFOLD;
	n = utf8proc_map_custom((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len,
				&res, (utf8proc_option_t)opts, fold_typography, NULL);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory normalising text");
		return ofs_error_set(err, OFS_EFORMAT, "cannot normalise text: %s",
				     utf8proc_errmsg(n));
	}
	n = (utf8proc_ssize_t)fold_result(res, (size_t)n);
	*out = (char *)res;
	if (out_len)
		*out_len = (size_t)n;
	return OFS_OK;
}
