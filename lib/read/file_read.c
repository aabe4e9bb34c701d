/*
 * file_read.c: reading input files whole, with transparent gzip.
 *
 * Reports are small (a few MB at most), so reading a file into one buffer
 * is simpler and faster than streaming.  gzip is recognised by its magic
 * bytes and inflated with zlib's automatic header detection; the
 * decompressed size is capped (OFS_MAX_FILE_BYTES).
 */
#include "read/file_read.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

const char *ofs_file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a file";
}

static ofs_status not_regular(const char *path, mode_t mode, ofs_error *err)
{
	return ofs_error_set(err, OFS_EIO, "%s: not a regular file but %s: not read", path,
			     ofs_file_kind(mode));
}

/*
 * Open path for reading only if it is a regular file: stat() first, so
 * that a FIFO is never opened (open would block until a writer came);
 * O_NONBLOCK and fstat() for one swapped in between the two.
 */
static ofs_status open_regular(const char *path, FILE **out, struct stat *st,
				ofs_error *err)
{
	int fd;
	*out = NULL;
	if (stat(path, st) != 0)
		return ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st->st_mode))
		return not_regular(path, st->st_mode, err);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		ofs_status rc = S_ISREG(st->st_mode)
			? ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno))
			: not_regular(path, st->st_mode, err);
		close(fd);
		return rc;
	}
	if (!(*out = fdopen(fd, "rb"))) {
		close(fd);
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
	}
	return OFS_OK;
}

static ofs_status read_raw(const char *path, char **buf, size_t *len, ofs_error *err)
{
	struct stat st;
	FILE *f;
	char *b = NULL;
	size_t n;
	ofs_status rc = open_regular(path, &f, &st, err);

	if (rc != OFS_OK)
		return rc;
	if ((size_t)st.st_size > OFS_MAX_FILE_BYTES) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: too large (%lld bytes)", path,
				   (long long)st.st_size);
		goto done;
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
		goto done;
	}
	n = fread(b, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		rc = ofs_error_set(err, OFS_EIO, "%s: read error: %s", path, strerror(errno));
		goto done;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
done:
	free(b);
	fclose(f);
	return rc;
}

static ofs_status inflate_all(const char *path, const char *in, size_t in_len,
			      char **buf, size_t *len, ofs_error *err)
{
	z_stream zs;
	size_t cap = in_len * 4 + 4096, n = 0;
	char *out = malloc(cap + 1);
	ofs_status rc = OFS_OK;
	int zrc;

	if (!out)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
	memset(&zs, 0, sizeof zs);
	/* 15 + 32: any window size, zlib or gzip header detected. */
	if (inflateInit2(&zs, 15 + 32) != Z_OK) {
		free(out);
		return ofs_error_set(err, OFS_ENOMEM, "%s: cannot start zlib", path);
	}
	zs.next_in = (Bytef *)in;
	zs.avail_in = (uInt)in_len;
	do {
		if (n == cap) {
			char *bigger;
			if (cap >= OFS_MAX_FILE_BYTES) {
				rc = ofs_error_set(err, OFS_EFORMAT,
						   "%s: decompresses to more than %zu bytes",
						   path, OFS_MAX_FILE_BYTES);
				goto done;
			}
			cap *= 2;
			if (!(bigger = realloc(out, cap + 1))) {
				rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", path);
				goto done;
			}
			out = bigger;
		}
		zs.next_out = (Bytef *)out + n;
		zs.avail_out = (uInt)(cap - n);
		zrc = inflate(&zs, Z_NO_FLUSH);
		n = cap - zs.avail_out;
		/* Concatenated gzip members are legal: go on after each end. */
		if (zrc == Z_STREAM_END && zs.avail_in > 0)
			zrc = inflateReset(&zs);
	} while (zrc == Z_OK);
	if (zrc != Z_STREAM_END) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: damaged gzip data (%s)", path,
				   zs.msg ? zs.msg : "truncated");
		goto done;
	}
	out[n] = '\0';
	*buf = out;
	*len = n;
	out = NULL;
done:
	inflateEnd(&zs);
	free(out);
	return rc;
}

ofs_status ofs_file_read(const char *path, char **buf, size_t *len, ofs_error *err)
{
	char *raw = NULL;
	size_t raw_len = 0;
	ofs_status rc;

	*buf = NULL;
	*len = 0;
	rc = read_raw(path, &raw, &raw_len, err);
	if (rc != OFS_OK)
		return rc;
	if (raw_len >= 2 && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b) {
		rc = inflate_all(path, raw, raw_len, buf, len, err);
		free(raw);
		return rc;
	}
	*buf = raw;
	*len = raw_len;
	return OFS_OK;
}

ofs_content ofs_content_sniff(const char *buf, size_t len)
{
	size_t i = 0;
	/* PDF readers accept the header within the first KiB. */
	size_t head = len < 1024 ? len : 1024;
	if (memmem(buf, head, "%PDF-", 5))
		return OFS_CONTENT_PDF;
	if (memchr(buf, '\0', len < 8192 ? len : 8192))
		return OFS_CONTENT_BINARY;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	if (len - i >= 5 && (!strncasecmp(buf + i, "<!doc", 5) || !strncasecmp(buf + i, "<html", 5) ||
			     !strncasecmp(buf + i, "<?xml", 5)))
		return OFS_CONTENT_HTML;
	return OFS_CONTENT_TEXT;
}

const char *ofs_content_excerpt(const char *buf, size_t len, char *out, size_t size)
{
	size_t i = 0, n = 0;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	for (; i < len && n + 1 < size && n < 16 && buf[i] != '\n' && buf[i] != '\r'; i++)
		out[n++] = isprint((unsigned char)buf[i]) ? buf[i] : '?';
	out[n] = '\0';
	return out;
}
