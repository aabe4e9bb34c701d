/*
 * serve_internal.h: what the files of the serve stage share: the server's
 * state, the calling thread's searcher (handle.c), replies (reply.c), the
 * API (api.c) and its answers kept (cache.c), the page's files (static.c)
 * and the reports' files (report_file.c).
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

typedef struct ofs__cache ofs__cache;

typedef struct srv {
	const char *db;
	const char *thesaurus;
	unsigned max_connections;
	atomic_uint connections; /* open now */
	pthread_key_t handle_key; /* each worker thread's handle */
	ofs__cache *cache;        /* NULL for none */
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

/* The stamp of the index the calling thread's searcher has open (after
 * ofs__handle()): it changes whenever the index does. */
const char *ofs__handle_stamp(srv *s);

/* Run a search on the thread's searcher, reopening it once and trying
 * again when the engine fails as it does when the index moved. */
ofs_status ofs__search(srv *s, const ofs_search_opts *o, ofs_results **out, ofs_error *err);

/* ---- cache.c: answers kept by request, shared by the threads ------------ */

/* A cache of at most max_bytes; NULL when out of memory. */
ofs__cache *ofs__cache_new(size_t max_bytes);
void ofs__cache_free(ofs__cache *c);

/* A copy (caller frees) of the answer kept under key, *len its bytes; NULL
 * when none is (or c is NULL). */
char *ofs__cache_get(ofs__cache *c, const char *key, size_t *len);

/* Keep a copy of the len bytes at body under key, dropping the least
 * recently used answers to make room; a failure keeps nothing. */
void ofs__cache_put(ofs__cache *c, const char *key, const char *body, size_t len);

/* ---- reply.c ------------------------------------------------------------- */

/* Queue a reply of len bytes at body (taken: freed by the server). */
enum MHD_Result ofs__reply(struct MHD_Connection *c, unsigned status, const char *type,
			   char *body, size_t len);

/* The same with one more header, name: value (both borrowed; none when
 * name is NULL). */
enum MHD_Result ofs__reply_with(struct MHD_Connection *c, unsigned status, const char *type,
				char *body, size_t len, const char *name, const char *value);

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
