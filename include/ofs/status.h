/*
 * status.h: status codes and error values shared by every module.
 *
 * Every fallible function returns an ofs_status: OFS_OK (0) on success, a
 * negative code on failure.  Most also take an optional ofs_error pointer
 * that receives the same code and a one-line message naming the culprit
 * (the file, the query, the index), ready to print as it is.  Passing NULL
 * discards the message, never the code.
 *
 * Only failures a caller can act on have their own code; everything else
 * from the engine is OFS_EXAPIAN with the engine's message.
 */
#ifndef OFS_STATUS_H
#define OFS_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ofs_status {
	OFS_OK = 0,
	OFS_ENOMEM = -1,   /* an allocation failed */
	OFS_EIO = -2,      /* a file could not be opened, read or written */
	OFS_EFORMAT = -3,  /* bad input: not a PDF, invalid UTF-8, bad sidecar */
	OFS_EQUERY = -4,   /* the query or a filter value cannot be parsed */
	OFS_ENOTFOUND = -5,/* no index (or no such file, report, paragraph) */
	OFS_ELOCKED = -6,  /* another indexer holds the index's write lock */
	OFS_ERETRY = -7,   /* the index changed under a reader: reopen, retry */
	OFS_ECORRUPT = -8, /* the index is damaged */
	OFS_EXAPIAN = -9,  /* any other engine error */
	OFS_EINVAL = -10,  /* a bad argument: unknown grade, area or kind */
	OFS_EINTR = -11    /* interrupted by a signal before finishing */
} ofs_status;

/* One error: its code and a message meant for the user, one line. */
typedef struct ofs_error {
	ofs_status code;
	char msg[512];
} ofs_error;

/* A static description of a status code ("index is locked", ...). */
const char *ofs_strerror(ofs_status code);

/*
 * Record an error in *err (if err is not NULL) and return code, so that a
 * failure path reads `return ofs_error_set(err, OFS_EIO, "%s: %s", ...)`.
 * The message is truncated to fit (between characters); it should not
 * end with a newline.  Control characters and bytes that are not UTF-8
 * in it (from the input it quotes) become '?', so that it stays one line
 * of plain text.
 */
ofs_status ofs_error_set(ofs_error *err, ofs_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset *err to OFS_OK with an empty message (err may be NULL). */
void ofs_error_clear(ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
