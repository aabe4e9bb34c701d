/*
 * report_file.c: /report/ID, the file a report was indexed from, looked
 * up by the report's id in the index: the request never names a path, so
 * no other file can be read.
 */
#include "serve/serve_internal.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The type to send the file as, from its first bytes (as the indexer
 * tells how to read it: by content, not by name). */
static void content_type(struct MHD_Response *r, int fd)
{
	unsigned char head[5] = {0};
	ssize_t n = pread(fd, head, sizeof head, 0);
	if (n >= 5 && !memcmp(head, "%PDF-", 5)) {
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/pdf");
		return;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	/* Text is shown as text, never run. */
	MHD_add_response_header(r, "Content-Security-Policy", "sandbox");
}

enum MHD_Result ofs__serve_report(srv *s, struct MHD_Connection *c, const char *id)
{
	ofs_searcher *se;
	char *meta = NULL;
	json_t *o = NULL;
	const char *path;
	struct stat st;
	struct MHD_Response *r;
	enum MHD_Result ret;
	ofs_error err;
	ofs_status rc;
	int fd = -1;

	ofs_error_clear(&err);
	rc = ofs__handle(s, 0, &se, &err);
	if (rc == OFS_OK)
		rc = ofs_searcher_report(se, id, &meta, &err);
	if (rc != OFS_OK)
		return ofs__reply_error(c, ofs__http_status(rc), "%s", err.msg);
	o = json_loads(meta, 0, NULL);
	free(meta);
	path = json_string_value(json_object_get(o, "path"));
	if (!path || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) ||
	    !S_ISREG(st.st_mode)) {
		ret = ofs__reply_error(c, MHD_HTTP_NOT_FOUND,
				       "report %s: its file is no longer readable", id);
		if (fd >= 0)
			close(fd);
		json_decref(o);
		return ret;
	}
	json_decref(o);
	if (!(r = MHD_create_response_from_fd((uint64_t)st.st_size, fd))) {
		close(fd);
		return ofs__reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
	}
	content_type(r, fd);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, "inline");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}
