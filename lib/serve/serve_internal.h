/*
 * serve_internal.h: what the files of the serve stage share: the server's
 * state, the calling thread's searcher (handle.c), replies (reply.c), the
 * API (api.c), the page's files (static.c) and the reports' files
 * (report_file.c).
 */
#ifndef OFS_SERVE_INTERNAL_H
#define OFS_SERVE_INTERNAL_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "ofs/search.h"
#include "serve/serve.h"

/* One of the page's files, read once at start. */
typedef struct web_file {
	const char *url;  /* "/app.js" */
	const char *name; /* "app.js" */
	const char *type; /* its Content-Type */
	char *body;
	size_t len;
} web_file;

#define N_WEB_FILES 3

typedef struct srv {
	const char *db;
	const char *thesaurus;
	unsigned max_connections;
	atomic_uint connections; /* open now */
	pthread_key_t handle_key; /* each worker thread's handle */
	web_file web[N_WEB_FILES];
} srv;

/* ---- handle.c: each thread's own searcher -------------------------------- */

/* Make the key; its destructor closes a thread's searcher when the thread
 * ends.  Returns 0, or -1. */
int ofs__handles_init(srv *s);
void ofs__handles_fini(srv *s);

/* The calling thread's searcher, (re)opened when it has none, when the
 * index changed since it opened, or when fresh is set (the last search
 * failed as if the index had moved underneath).  Errors:
 * ofs_searcher_open()'s. */
ofs_status ofs__handle(srv *s, int fresh, ofs_searcher **out, ofs_error *err);

/* Run a search on the thread's searcher, reopening it once and trying
 * again when the engine fails as it does when the index moved. */
ofs_status ofs__search(srv *s, const ofs_search_opts *o, ofs_results **out, ofs_error *err);

/* ---- reply.c ------------------------------------------------------------- */

/* Queue a reply of len bytes at body (taken: freed by the server). */
enum MHD_Result ofs__reply(struct MHD_Connection *c, unsigned status, const char *type,
			   char *body, size_t len);

/* Queue {"error": message, "status": status} (message printf-style). */
enum MHD_Result ofs__reply_error(struct MHD_Connection *c, unsigned status, const char *fmt,
				 ...) __attribute__((format(printf, 3, 4)));

/* The HTTP status for a failed search or lookup. */
unsigned ofs__http_status(ofs_status st);

/* ---- api.c --------------------------------------------------------------- */

/* Answer a request under /api/ (url is the path). */
enum MHD_Result ofs__serve_api(srv *s, struct MHD_Connection *c, const char *url);

/* ---- static.c ------------------------------------------------------------ */

/* Read the page's files from dir (NULL: found as ofs_serve_opts says).
 * Errors: OFS_EIO naming the file missing. */
ofs_status ofs__web_load(srv *s, const char *dir, ofs_error *err);
void ofs__web_free(srv *s);

/* Answer with the page's file for url, or 404. */
enum MHD_Result ofs__serve_static(srv *s, struct MHD_Connection *c, const char *url);

/* ---- report_file.c ------------------------------------------------------- */

/* Answer with the indexed file of the report with id, or 404. */
enum MHD_Result ofs__serve_report(srv *s, struct MHD_Connection *c, const char *id);

#endif
