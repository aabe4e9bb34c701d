/*
 * util.h: the small jobs every stage shares, each with one home: a
 * growable string, the word key names are compared by, and the hash.
 */
#ifndef OFS_UTIL_H
#define OFS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A growable string, for building text piece by piece.  Start from {0};
 * s is NULL until something is added, then always NUL-terminated.  A
 * failed allocation sets oom and makes later adds no-ops, so callers
 * check once at the end.  The owner frees s.
 */
typedef struct ofs_sbuf {
	char *s;
	size_t len, cap;
	int oom;
} ofs_sbuf;

/* Append the n bytes at s. */
void ofs_sbuf_add(ofs_sbuf *b, const char *s, size_t n);

/*
 * The matching key of a name: case folded, every run of characters other
 * than letters and digits squeezed to one space ("Bath & North East
 * Somerset" -> "bath north east somerset").  A new string, caller frees;
 * NULL when out of memory.
 */
char *ofs_key(const char *name);

/* 64-bit FNV-1a of len bytes. */
uint64_t ofs_hash64(const void *data, size_t len);

/* ofs_hash64() as 16 hex digits in out: the content hash that tells an
 * incremental run whether a file changed. */
void ofs_hash_hex(const void *data, size_t len, char out[17]);

#ifdef __cplusplus
}
#endif
#endif
