/*
 * util_fuzz.h: what the libFuzzer harnesses share: splitting one input
 * into fields, checking the properties every call must keep, and a file
 * to hand inputs to functions that read from a path.
 */
#ifndef OFS_UTIL_FUZZ_H
#define OFS_UTIL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "ofs/report.h"
#include "ofs/status.h"

/* An input read field by field from the front. */
typedef struct fuzz_in {
	const uint8_t *p;
	size_t left;
} fuzz_in;

/* The next byte, 0 when the input is used up. */
uint8_t fuzz_byte(fuzz_in *in);

/* The next field: the bytes up to a NUL (or the end), as a new
 * NUL-terminated string (caller frees); NULL when the field is empty, so
 * that an empty field means "option not given". */
char *fuzz_field(fuzz_in *in);

/* abort() (a finding) unless rc is OFS_OK or err holds a message of the
 * same code that is one line of UTF-8 text: errors are values with
 * messages, never silent, never control characters from the input. */
void fuzz_check_error(ofs_status rc, const ofs_error *err);

/* abort() unless the string s (what it is, for the message) is valid
 * UTF-8; NULL passes. */
void fuzz_check_utf8(const char *what, const char *s);

/* abort() unless every string of r is valid UTF-8. */
void fuzz_check_report(const ofs_report *r);

/* A new empty folder under $TMPDIR, removed at exit; its path (static). */
const char *fuzz_tmpdir(void);

/* Write len bytes to the file path (replacing it); abort() on failure. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t len);

#endif
