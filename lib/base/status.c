/*
 * status.c: the text of status codes and the one way errors are recorded.
 */
#include "ofs/status.h"

#include <stdarg.h>
#include <stdio.h>

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

ofs_status ofs_error_set(ofs_error *err, ofs_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		/* Messages quote input (file names, queries, lines of files) and
		 * go to a terminal: a control byte there could move the cursor,
		 * recolour it or break the one line in two. */
		for (char *c = err->msg; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?';
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
