/*
 * file_read.h: the bytes of an input file, gzip-compressed or not, and
 * what kind of content they are.
 *
 * Files are recognised by content, never by name: gzip by its magic
 * bytes (and then the content inside), PDF by "%PDF-", HTML by its
 * opening tag, binary by NUL bytes.
 */
#ifndef OFS_FILE_READ_H
#define OFS_FILE_READ_H

#include <stddef.h>
#include <sys/types.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ofs_content {
	OFS_CONTENT_TEXT,
	OFS_CONTENT_PDF,
	OFS_CONTENT_HTML,
	OFS_CONTENT_BINARY
} ofs_content;

/* Refuse files larger than this (after decompression), so that a damaged
 * or hostile gzip stream cannot exhaust memory. */
#define OFS_MAX_FILE_BYTES ((size_t)512 << 20)

/*
 * Read the whole file at path, inflating it if it is gzip-compressed.
 * Only a regular file is read: anything else (a FIFO, a device) is
 * refused before it is opened, and opened without blocking in case it
 * was swapped in meanwhile.  On success *buf is a new buffer of *len
 * bytes plus a terminating NUL (caller frees with free()).  Errors, each
 * naming path: OFS_EIO (cannot open or read: the system's reason; not a
 * regular file), OFS_EFORMAT (damaged gzip stream, too large),
 * OFS_ENOMEM.
 */
ofs_status ofs_file_read(const char *path, char **buf, size_t *len,
			 ofs_error *err);

/* What a file of type mode (st_mode) is, for messages: "a FIFO",
 * "a socket", ... (a static string). */
const char *ofs_file_kind(mode_t mode);

/* What the bytes are. */
ofs_content ofs_content_sniff(const char *buf, size_t len);

/*
 * A short printable excerpt of the first bytes of buf, for messages such
 * as "not a PDF (starts with '<!DOCTYPE html>')": written to out (size
 * bytes), returns out.
 */
const char *ofs_content_excerpt(const char *buf, size_t len, char *out,
				size_t size);

#ifdef __cplusplus
}
#endif
#endif
