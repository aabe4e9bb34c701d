/*
 * serve.h: the search page and its HTTP API (docs/http.md), served from
 * the index by a pool of worker threads, read-only.
 */
#ifndef OFS_SERVE_H
#define OFS_SERVE_H

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_serve_opts {
	const char *db;        /* the index (a folder or a stub file) */
	const char *thesaurus; /* other names to search for; NULL for none */
	const char *listen;    /* "[ADDR:]PORT" (IPv4); NULL for 127.0.0.1:8080;
				* port 0 takes a free one */
	const char *web_dir;   /* the page's files; NULL: $OFS_WEB, else web/ of
				* the build tree the program runs from, else the
				* installed DATADIR/ofsearch/web */
	unsigned threads;      /* worker threads; 0 for 4 */
	unsigned max_connections; /* open connections answered; more get 429;
				   * 0 for 128 */
	int cache_mb;          /* MiB of answers kept for requests made again
				* (until the index changes); -1 for none; 0
				* for $OFS_SERVE_CACHE_MB, else 64 */
} ofs_serve_opts;

/*
 * Serve until SIGINT or SIGTERM, then stop cleanly (requests under way
 * finish).  Once listening, prints "ofsearch: serving http://ADDR:PORT/"
 * and a newline on stdout (flushed).  Each worker thread opens the index
 * itself when it first answers, and again whenever the indexer has
 * published a change (checked before every request).  Returns OFS_OK
 * after a signal; errors: OFS_EINVAL (listen is not [ADDR:]PORT), OFS_EIO
 * (cannot listen there; the page's files are missing), and
 * ofs_searcher_open()'s (the index cannot be opened at start).
 */
ofs_status ofs_serve(const ofs_serve_opts *o, ofs_error *err);

#ifdef __cplusplus
}
#endif
#endif
