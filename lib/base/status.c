/*
 * status.c: the text of status codes and the one way errors are recorded.
 */
#include "ofs/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/normalize.h"

const char *ofs_strerror(ofs_status code)
{
	switch (code) {
	case OFS_OK: return "success";
	case OFS_ENOMEM: return "out of memory";
	case OFS_EIO: return "input/output error";
	case OFS_EFORMAT: return "unreadable or malformed input";
	case OFS_EQUERY: return "malformed query";
	case OFS_ENOTFOUND: return "not found";
	case OFS_ELOCKED: return "index is locked by another indexer";
	case OFS_ERETRY: return "index was modified while reading";
	case OFS_ECORRUPT: return "index is corrupt";
	case OFS_EXAPIAN: return "search engine error";
	case OFS_EINVAL: return "invalid argument";
	case OFS_EINTR: return "interrupted";
	}
	return "unknown error";
}

/* Messages quote input (file names, queries, lines of files) and go to a
 * terminal or into JSON: a control byte could move the cursor, recolour
 * the terminal or break the one line in two, and bytes that are not
 * UTF-8 are not text.  Each becomes '?'. */
static void make_plain(char *m)
{
	size_t len = strlen(m);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)m[i];
		size_t n = ofs_utf8_char(m + i, len - i);
		if (!n || c < 0x20 || c == 0x7f) {
			m[i] = '?';
			n = 1;
		}
		i += n;
	}
}

ofs_status ofs_error_set(ofs_error *err, ofs_status code, const char *fmt, ...)
{
	if (err) {
		/* A few bytes more than fit, so that a message cut short is cut
		 * between characters. */
		char buf[sizeof err->msg + 4];
		va_list ap;
		int n;
		err->code = code;
		va_start(ap, fmt);
		n = vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		if (n < 0)
			n = 0;
		if ((size_t)n >= sizeof err->msg)
			n = (int)ofs_utf8_cut(buf, sizeof err->msg - 1);
		memcpy(err->msg, buf, (size_t)n);
		err->msg[n] = '\0';
		make_plain(err->msg);
	}
	return code;
}

void ofs_error_clear(ofs_error *err)
{
	if (err) {
		err->code = OFS_OK;
		err->msg[0] = '\0';
	}
}
