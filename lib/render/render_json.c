/*
 * render_json.c: results for programs, built with jansson (docs/json.md).
 *
 * Missing values are null, never absent, so every result has the same
 * keys.  Snippets are HTML-escaped with the matched words in <mark>
 * elements, ready for a web page; "text" is the paragraph as it is.
 */
#include "ofs/render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define JSON_SCHEMA 1

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int v)
{
	return v > 0 ? json_integer(v) : json_null();
}

/* The snippet as escaped HTML with <mark> around matches. */
static json_t *marked_snippet(const char *s)
{
	size_t cap = strlen(s) * 6 + 1, n = 0;
	char *buf = malloc(cap);
	json_t *j;
	if (!buf)
		return NULL;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\x02': rep = "<mark>"; break;
		case '\x03': rep = "</mark>"; break;
		}
		if (rep) {
			size_t k = strlen(rep);
			memcpy(buf + n, rep, k);
			n += k;
		} else {
			buf[n++] = *s;
		}
	}
	j = json_stringn(buf, n);
	free(buf);
	return j;
}

static json_t *hit_json(const ofs_hit *h)
{
	json_t *o = json_object();
	int bad = !o;
	if (bad)
		return NULL;
	bad |= json_object_set_new(o, "rank", json_integer(h->rank));
	bad |= json_object_set_new(o, "score", json_real(h->score));
	bad |= json_object_set_new(o, "file", str_or_null(h->file));
	bad |= json_object_set_new(o, "council", str_or_null(h->council));
	bad |= json_object_set_new(o, "date", str_or_null(h->date));
	bad |= json_object_set_new(o, "kind", str_or_null(h->kind));
	bad |= json_object_set_new(o, "area", str_or_null(h->area));
	bad |= json_object_set_new(o, "grade", str_or_null(h->grade));
	bad |= json_object_set_new(o, "page", int_or_null(h->page));
	bad |= json_object_set_new(o, "paragraph", int_or_null(h->paragraph));
	bad |= json_object_set_new(o, "number", int_or_null(h->number));
	bad |= json_object_set_new(o, "section", str_or_null(h->section));
	bad |= json_object_set_new(o, "text", str_or_null(h->text));
	bad |= json_object_set_new(o, "snippet", marked_snippet(h->snippet ? h->snippet : ""));
	bad |= json_object_set_new(o, "matches", h->matches ? json_integer(h->matches) : json_null());
	bad |= json_object_set_new(o, "report_id", str_or_null(h->report_id));
	bad |= json_object_set_new(o, "report", h->report ? json_loads(h->report, 0, NULL)
							  : json_null());
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The filters read from the query's words: null when none. */
static json_t *read_json(const ofs_read_filters *f)
{
	if (!f->council && !f->grade && !f->area && !f->from && !f->to && !f->change &&
	    !f->latest)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:o}", "council",
			 str_or_null(f->council), "grade", str_or_null(f->grade), "area",
			 str_or_null(f->area), "from", str_or_null(f->from), "to",
			 str_or_null(f->to), "latest", f->latest, "change", f->change, "subject",
			 str_or_null(f->subject));
}

static json_t *facets_json(const ofs_results *r)
{
	json_t *all = json_object();
	for (unsigned f = 0; all && f < r->n_facets; f++) {
		json_t *counts = json_object();
		for (unsigned j = 0; counts && j < r->facets[f].n; j++)
			json_object_set_new(counts, r->facets[f].counts[j].value,
					    json_integer(r->facets[f].counts[j].count));
		if (!counts || json_object_set_new(all, r->facets[f].name, counts)) {
			json_decref(all);
			return NULL;
		}
	}
	return all;
}

ofs_status ofs_render_json(FILE *out, const ofs_results *r, ofs_render_kind kind,
			   ofs_error *err)
{
	int reports = kind == OFS_RENDER_REPORTS;
	json_t *o = json_object(), *list = json_array();
	int bad = !o || !list;

	for (unsigned i = 0; !bad && i < r->n_hits; i++) {
		/* A report's stored data is already its JSON object; its id
		 * is added, as the key to fetch it by. */
		json_t *h = reports ? json_loads(r->hits[i].text, 0, NULL)
				    : hit_json(&r->hits[i]);
		if (h && reports)
			bad |= json_object_set_new(h, "id", str_or_null(r->hits[i].report_id));
		bad |= !h || json_array_append_new(list, h);
	}
	if (!bad) {
		bad |= json_object_set_new(o, "schema", json_integer(JSON_SCHEMA));
		if (!reports)
			bad |= json_object_set_new(o, "query", json_string(r->query));
		bad |= json_object_set_new(o, "total", json_integer(r->total));
		bad |= json_object_set_new(o, "total_exact", json_boolean(r->total_exact));
		bad |= json_object_set_new(o, "partial", r->partial ? json_string(r->partial)
								    : json_null());
		bad |= json_object_set_new(o, "read", read_json(&r->read));
		if (!reports) {
			bad |= json_object_set_new(o, "suggestion", r->suggestion
						   ? json_string(r->suggestion) : json_null());
			bad |= json_object_set_new(o, "expansions", json_integer(r->expansions));
			bad |= json_object_set_new(o, "words", json_integer(r->words));
			bad |= json_object_set_new(o, "words_matched", json_integer(r->words_matched));
			bad |= json_object_set_new(o, "words_missing", r->words_missing
						   ? json_string(r->words_missing) : json_null());
		}
		bad |= json_object_set(o, reports ? "reports" : "results", list);
		if (!reports)
			bad |= json_object_set_new(o, "facets",
						   r->n_facets ? facets_json(r) : json_null());
	}
	json_decref(list);
	if (bad) {
		json_decref(o);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory writing JSON");
	}
	/* Dumped whole, then written once: json_dumpf() writes each token
	 * through the stream's lock. */
	char *text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	if (!text)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory writing JSON");
	bad = fputs(text, out) == EOF || fputc('\n', out) == EOF;
	free(text);
	if (bad || ferror(out))
		return ofs_error_set(err, OFS_EIO, "cannot write results");
	return OFS_OK;
}
