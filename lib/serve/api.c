/*
 * api.c: the JSON and CSV API (docs/http.md): request arguments to search
 * options, the search on the thread's own searcher, the results through
 * the renderers the command line uses, so both say the same; answers
 * kept in the cache (cache.c) when one is.
 */
#include "serve/serve_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "ofs/render.h"

/* Most paragraphs one request may ask for; listings of reports may ask
 * for every report, up to MAX_LISTED. */
#define MAX_RESULTS 1000
#define MAX_LISTED 100000
#define MAX_OFFSET 100000

typedef enum endpoint { EP_SEARCH, EP_REPORTS, EP_TIMELINE, EP_LIKE } endpoint;

static const struct {
	const char *url;
	endpoint ep;
} endpoints[] = {
	{"/api/search", EP_SEARCH},
	{"/api/reports", EP_REPORTS},
	{"/api/timeline", EP_TIMELINE},
	{"/api/like", EP_LIKE},
};

/* Every argument any endpoint takes; others are refused, so that a
 * misspelt filter is not silently ignored. */
static const char *const known_args[] = {
	"q", "council", "grade", "area", "kind", "from", "to", "limit", "offset", "strict",
	"any", "prefix", "exact", "wordnet", "neighbours", "feedback", "per_report", "facets", "count",
	"partial", "like", "format", "latest",
};

typedef struct request {
	struct MHD_Connection *c;
	char bad[160]; /* the first bad argument's message */
} request;

static enum MHD_Result check_known(void *ctx, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	request *rq = ctx;
	for (size_t i = 0; i < sizeof known_args / sizeof *known_args; i++)
		if (!strcmp(key, known_args[i]))
			return MHD_YES;
	snprintf(rq->bad, sizeof rq->bad, "unknown argument '%.60s'", key);
	return MHD_NO;
}

/* An argument's value; NULL when absent or empty. */
static const char *arg(request *rq, const char *name)
{
	const char *v = MHD_lookup_connection_value(rq->c, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

static void flag(request *rq, const char *name, int *out)
{
	const char *v = arg(rq, name);
	if (!v)
		return;
	if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on"))
		*out = 1;
	else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off"))
		*out = 0;
	else if (!*rq->bad)
		snprintf(rq->bad, sizeof rq->bad, "%s: '%.40s' is not 1 or 0", name, v);
}

static void number(request *rq, const char *name, unsigned max, unsigned *out)
{
	const char *v = arg(rq, name);
	char *end;
	long n;
	if (!v)
		return;
	n = strtol(v, &end, 10);
	if (*end || n < 0 || n > (long)max) {
		if (!*rq->bad)
			snprintf(rq->bad, sizeof rq->bad, "%s: '%.40s' is not a number from 0 to %u",
				 name, v, max);
		return;
	}
	*out = (unsigned)n;
}

/* The search options of a request to endpoint ep; rq->bad says what is
 * wrong when something is. */
static void request_opts(request *rq, endpoint ep, ofs_search_opts *o)
{
	int listing = ep == EP_REPORTS || ep == EP_TIMELINE;
	memset(o, 0, sizeof *o);
	o->query = arg(rq, "q");
	o->council = arg(rq, "council");
	o->grade = arg(rq, "grade");
	o->area = arg(rq, "area");
	o->kind = arg(rq, "kind");
	o->from = arg(rq, "from");
	o->to = arg(rq, "to");
	o->like = ep == EP_LIKE ? arg(rq, "like") : NULL;
	o->limit = listing ? MAX_LISTED : 10;
	o->reports = ep == EP_REPORTS;
	o->timeline = ep == EP_TIMELINE;
	number(rq, "limit", listing ? MAX_LISTED : MAX_RESULTS, &o->limit);
	number(rq, "offset", MAX_OFFSET, &o->offset);
	flag(rq, "strict", &o->strict);
	flag(rq, "any", &o->any);
	flag(rq, "prefix", &o->prefix);
	flag(rq, "exact", &o->exact);
	flag(rq, "wordnet", &o->wordnet);
	flag(rq, "neighbours", &o->neighbours);
	flag(rq, "feedback", &o->feedback);
	flag(rq, "per_report", &o->per_report);
	flag(rq, "facets", &o->facets);
	flag(rq, "count", &o->count);
	flag(rq, "partial", &o->partial);
	flag(rq, "latest", &o->latest);
	if (*rq->bad)
		return;
	if (ep == EP_TIMELINE && !o->council)
		snprintf(rq->bad, sizeof rq->bad, "timeline: needs council");
	else if (ep == EP_LIKE && !o->like)
		snprintf(rq->bad, sizeof rq->bad, "like: needs like=FILE:PARAGRAPH");
}

/* The results rendered as the format asked for into *buf (caller frees).
 * Errors: OFS_ENOMEM, OFS_EIO with a message in *err. */
static ofs_status render(const ofs_results *res, ofs_render_kind kind, int csv, char **buf,
			 size_t *len, ofs_error *err)
{
	FILE *f = open_memstream(buf, len);
	ofs_status rc;
	if (!f)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	rc = csv ? ofs_render_csv(f, res, kind, err) : ofs_render_json(f, res, kind, err);
	if (fclose(f) != 0 && rc == OFS_OK)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK) {
		free(*buf);
		*buf = NULL;
	}
	return rc;
}

static enum MHD_Result add_arg(void *ctx, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	ofs_sbuf *b = ctx;
	ofs_sbuf_add(b, "\x1f", 1);
	ofs_sbuf_add(b, key, strlen(key));
	ofs_sbuf_add(b, "=", 1);
	if (value)
		ofs_sbuf_add(b, value, strlen(value));
	return MHD_YES;
}

/* The cache key of the request: the index's stamp, the path and the
 * arguments as given; NULL when out of memory. */
static char *cache_key(srv *s, struct MHD_Connection *c, const char *url)
{
	ofs_sbuf b = {0};
	const char *stamp = ofs__handle_stamp(s);
	ofs_sbuf_add(&b, stamp, strlen(stamp));
	ofs_sbuf_add(&b, "\n", 1);
	ofs_sbuf_add(&b, url, strlen(url));
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &b);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

enum MHD_Result ofs__serve_api(srv *s, struct MHD_Connection *c, const char *url)
{
	request rq = {.c = c};
	ofs_search_opts o;
	ofs_results *res = NULL;
	ofs_searcher *se;
	ofs_error err;
	const char *format, *type;
	char *key = NULL, *body;
	enum MHD_Result ret;
	size_t i, len = 0;
	int csv;
	ofs_status rc;

	for (i = 0; i < sizeof endpoints / sizeof *endpoints; i++)
		if (!strcmp(url, endpoints[i].url))
			break;
	if (i == sizeof endpoints / sizeof *endpoints)
		return ofs__reply_error(c, MHD_HTTP_NOT_FOUND, "%.100s: no such API", url);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_known, &rq);
	format = arg(&rq, "format");
	csv = format && !strcmp(format, "csv");
	type = csv ? "text/csv; charset=utf-8" : "application/json";
	if (format && !csv && strcmp(format, "json"))
		snprintf(rq.bad, sizeof rq.bad, "format: '%.40s' is not json or csv", format);
	if (!*rq.bad)
		request_opts(&rq, endpoints[i].ep, &o);
	if (*rq.bad)
		return ofs__reply_error(c, MHD_HTTP_BAD_REQUEST, "%s", rq.bad);
	ofs_error_clear(&err);
	/* The thread's searcher, up to date, says which index answers. */
	if ((rc = ofs__handle(s, 0, &se, &err)) != OFS_OK)
		return ofs__reply_error(c, ofs__http_status(rc), "%s", err.msg);
	if (s->cache && (key = cache_key(s, c, url)) &&
	    (body = ofs__cache_get(s->cache, key, &len))) {
		free(key);
		return ofs__reply(c, MHD_HTTP_OK, type, body, len);
	}
	rc = ofs__search(s, &o, &res, &err);
	if (rc == OFS_OK)
		rc = render(res, o.reports ? OFS_RENDER_REPORTS
			    : o.timeline ? OFS_RENDER_TIMELINE : OFS_RENDER_PARAGRAPHS,
			    csv, &body, &len, &err);
	if (rc != OFS_OK) {
		ofs_results_free(res);
		free(key);
		return ofs__reply_error(c, ofs__http_status(rc), "%s", err.msg);
	}
	/* Partial results (remote shards left out) are not the answer to
	 * keep: the next request may have every shard.  JSON says which
	 * shards in "partial"; CSV has no place for it but a header. */
	if (key && !res->partial)
		ofs__cache_put(s->cache, key, body, len);
	free(key);
	ret = ofs__reply_with(c, MHD_HTTP_OK, type, body, len,
			      csv && res->partial ? "X-Partial" : NULL, res->partial);
	ofs_results_free(res);
	return ret;
}
