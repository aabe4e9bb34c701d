/*
 * util_fuzz.c: helpers of the libFuzzer harnesses (see util_fuzz.h).
 */
#include "util_fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"

uint8_t fuzz_byte(fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

char *fuzz_field(fuzz_in *in)
{
	const uint8_t *end = memchr(in->p, '\0', in->left);
	size_t n = end ? (size_t)(end - in->p) : in->left;
	char *s = NULL;
	if (n) {
		s = malloc(n + 1);
		if (!s)
			abort();
		memcpy(s, in->p, n);
		s[n] = '\0';
	}
	in->p += n;
	in->left -= n;
	if (in->left) { /* the NUL */
		in->p++;
		in->left--;
	}
	return s;
}

void fuzz_check_error(ofs_status rc, const ofs_error *err)
{
	const unsigned char *m = (const unsigned char *)err->msg;
	if (rc == OFS_OK)
		return;
	if (err->code != rc || !*m) {
		fprintf(stderr, "fuzz: status %d came with code %d and message '%s'\n", rc,
			err->code, err->msg);
		abort();
	}
	/* Out of memory is a real error only where the input is too big for
	 * the fuzzer's limits, which libFuzzer reports itself. */
	if (rc == OFS_ENOMEM) {
		fprintf(stderr, "fuzz: out of memory reported: %s\n", err->msg);
		abort();
	}
	fuzz_check_utf8("message", err->msg);
	for (; *m; m++)
		if (*m < 0x20 || *m == 0x7f) {
			fprintf(stderr, "fuzz: control byte 0x%02x in message '%s'\n", *m,
				err->msg);
			abort();
		}
}

void fuzz_check_utf8(const char *what, const char *s)
{
	size_t bad;
	if (s && !ofs_utf8_valid(s, strlen(s), &bad)) {
		fprintf(stderr, "fuzz: %s is not valid UTF-8 at byte %zu\n", what, bad);
		abort();
	}
}

void fuzz_check_report(const ofs_report *r)
{
	fuzz_check_utf8("council", r->council);
	fuzz_check_utf8("lead inspector", r->lead_inspector);
	fuzz_check_utf8("title", r->title);
	fuzz_check_utf8("source", r->source);
	for (size_t i = 0; i < r->n_paras; i++) {
		fuzz_check_utf8("paragraph", r->paras[i].text);
		fuzz_check_utf8("section", r->paras[i].section);
	}
}

static char tmpdir[4096];

static void remove_tmpdir(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: cannot remove %s\n", tmpdir);
}

const char *fuzz_tmpdir(void)
{
	if (!*tmpdir) {
		const char *t = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/ofs-fuzz-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror(tmpdir);
			abort();
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

void fuzz_write_file(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		abort();
	}
}
