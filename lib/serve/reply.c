/*
 * reply.c: queueing replies, with the headers every reply carries, and
 * errors as JSON.
 */
#include "serve/serve_internal.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum MHD_Result ofs__reply(struct MHD_Connection *c, unsigned status, const char *type,
			   char *body, size_t len)
{
	return ofs__reply_with(c, status, type, body, len, NULL, NULL);
}

enum MHD_Result ofs__reply_with(struct MHD_Connection *c, unsigned status, const char *type,
				char *body, size_t len, const char *name, const char *value)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;
	if (!r) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	/* The page runs only its own script and styles: text that slipped
	 * through escaping still could not run. */
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; object-src 'none'; "
				"frame-ancestors 'none'; base-uri 'none'");
	if (name)
		MHD_add_response_header(r, name, value);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result ofs__reply_error(struct MHD_Connection *c, unsigned status, const char *fmt,
				 ...)
{
	char msg[640];
	va_list ap;
	json_t *o;
	char *body;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	o = json_pack("{s:s, s:i}", "error", msg, "status", (int)status);
	/* A message cut inside a UTF-8 character is not a JSON string. */
	if (!o)
		o = json_pack("{s:s, s:i}", "error", "(unprintable message)", "status", (int)status);
	body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!body)
		return MHD_NO;
	size_t n = strlen(body);
	char *nl = realloc(body, n + 2);
	if (!nl) {
		free(body);
		return MHD_NO;
	}
	memcpy(nl + n, "\n", 2);
	return ofs__reply(c, status, "application/json", nl, n + 1);
}

unsigned ofs__http_status(ofs_status st)
{
	switch (st) {
	case OFS_EQUERY:
	case OFS_EINVAL:
		return MHD_HTTP_BAD_REQUEST;
	case OFS_ENOTFOUND:
		return MHD_HTTP_NOT_FOUND;
	case OFS_ERETRY:
	case OFS_EREMOTE:
		return MHD_HTTP_SERVICE_UNAVAILABLE;
	default:
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}
