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

/* How ofs_key_into() treats some characters. */
enum {
	OFS_KEY_UTF8 = 1 << 0,      /* bytes of UTF-8 letters are letters (not gaps) */
	OFS_KEY_AMP_AND = 1 << 1,   /* "&" is the word "and" */
	OFS_KEY_DOT_JOINS = 1 << 2  /* "." joins, as an apostrophe does ("St. Helens") */
};

/*
 * The matching key of words into buf (size bytes, NUL-terminated, cut
 * short if need be): ASCII letters lower-cased, apostrophes (typographic
 * too) dropped, every other run of characters than letters and digits
 * squeezed to one space, none at either end ("Children's  Services" ->
 * "childrens services").  Returns the key's length.  Every word key of
 * the project (facets, councils, report lines, names) is made here.
 */
size_t ofs_key_into(const char *words, char *buf, size_t size, unsigned flags);

/*
 * The matching key of a name: case folded, every run of characters other
 * than letters and digits squeezed to one space ("Bath & North East
 * Somerset" -> "bath north east somerset").  A new string, caller frees;
 * NULL when out of memory or name is not valid UTF-8.
 */
char *ofs_key(const char *name);

/* 64-bit FNV-1a of len bytes. */
uint64_t ofs_hash64(const void *data, size_t len);

/* ofs_hash64() as 16 hex digits in out: the content hash that tells an
 * incremental run whether a file changed. */
void ofs_hash_hex(const void *data, size_t len, char out[17]);

/* ofs_hash64() of the bytes with ASCII letters lower-cased, never 0 (so
 * that it can go into an ofs_u64set): words compared without case. */
uint64_t ofs_hash64_lower(const char *s, size_t len);

/*
 * A set of non-zero 64-bit values (hashes): open addressing, kept at most
 * half full so that probing stays short.  Start from {0}; free with
 * ofs_u64set_free().
 */
typedef struct ofs_u64set {
	uint64_t *slot; /* 0 marks a free slot */
	size_t mask;    /* slots - 1, slots a power of two */
	size_t used;
} ofs_u64set;

/* Add v (not 0).  Returns 0, or -1 when out of memory (the set is as it
 * was). */
int ofs_u64set_add(ofs_u64set *s, uint64_t v);
int ofs_u64set_has(const ofs_u64set *s, uint64_t v);
void ofs_u64set_free(ofs_u64set *s);

/*
 * Edit distance of a and b (optimal string alignment: a swap of two
 * neighbours is one edit), or max + 1 when it is more than max or either
 * is longer than OFS_EDIT_MAX_LEN bytes.
 */
#define OFS_EDIT_MAX_LEN 40
unsigned ofs_edit_distance(const char *a, size_t la, const char *b, size_t lb, unsigned max);

#ifdef __cplusplus
}
#endif
#endif
