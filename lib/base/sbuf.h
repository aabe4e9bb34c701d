/*
 * sbuf.h: a growable string, for building text piece by piece.
 *
 * Start from {0}; s is NULL until something is added, then always
 * NUL-terminated.  A failed allocation sets oom and makes later adds
 * no-ops, so callers check once at the end.  The owner frees s.
 */
#ifndef OFS_SBUF_H
#define OFS_SBUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_sbuf {
	char *s;
	size_t len, cap;
	int oom;
} ofs_sbuf;

/* Append the n bytes at s. */
void ofs_sbuf_add(ofs_sbuf *b, const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
