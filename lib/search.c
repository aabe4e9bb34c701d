/*
 * search.c: from a user's query and filters to ranked results.
 *
 * Filters given as options and filters written in the query (council:...)
 * go through the same functions, which turn the user's words into the
 * boolean terms of schema.h, so both accept the same words and reject the
 * same mistakes.  Results are materialised by the wrapper in one pass and
 * exposed as plain structures that borrow its strings.
 */
#include "ofs/search.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofs/facets.h"
#include "ofs/meta_extract.h"
#include "ofs/normalize.h"
#include "ofs/report.h"
#include "ofs/schema.h"
#include "ofs/xapian.h"

struct ofs_searcher {
	ofs_xdb *db;
	ofs_xparser *qp;
};

/* Results' private part: what the borrowed strings live in. */
typedef struct results_priv {
	ofs_xmset *mset;
	char *query;
} results_priv;

static const unsigned facet_slots[OFS_N_FACETS] = {
	OFS_SLOT_COUNCIL, OFS_SLOT_GRADE, OFS_SLOT_AREA, OFS_SLOT_YEAR,
};
static const char *const facet_names[OFS_N_FACETS] = {"council", "grade", "area", "year"};

static ofs_status make_term(char **term, const char *prefix, const char *value)
{
	if (asprintf(term, "%s%s", prefix, value) < 0) {
		*term = NULL;
		return OFS_ENOMEM;
	}
	return OFS_OK;
}

static ofs_status council_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	const char *canon = ofs_council_canonical(text);
	char *key = ofs_key(canon ? canon : text);
	ofs_status rc;
	(void)ctx;
	if (!key)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (!*key) {
		free(key);
		return ofs_error_set(err, OFS_EQUERY, "empty council name");
	}
	rc = make_term(term, OFS_PFX_COUNCIL, key);
	free(key);
	return rc;
}

static ofs_status grade_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	ofs_grade g = ofs_grade_parse(text);
	(void)ctx;
	if (!g)
		return ofs_error_set(err, OFS_EQUERY, "unknown grade '%s' (one of: %s)", text,
				     ofs_grade_names());
	return make_term(term, OFS_PFX_GRADE, ofs_grade_name(g));
}

static ofs_status area_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	ofs_area a = ofs_area_parse(text);
	(void)ctx;
	if (!a)
		return ofs_error_set(err, OFS_EQUERY, "unknown area '%s' (one of: %s)", text,
				     ofs_area_names());
	return make_term(term, OFS_PFX_AREA, ofs_area_name(a));
}

static ofs_status kind_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	ofs_kind k = ofs_kind_parse(text);
	(void)ctx;
	if (!k)
		return ofs_error_set(err, OFS_EQUERY, "unknown kind '%s' (one of: %s)", text,
				     ofs_kind_names());
	return make_term(term, OFS_PFX_KIND, ofs_kind_name(k));
}

static ofs_status year_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	(void)ctx;
	if (strlen(text) != 4 || !isdigit((unsigned char)text[0]) ||
	    !isdigit((unsigned char)text[1]) || !isdigit((unsigned char)text[2]) ||
	    !isdigit((unsigned char)text[3]))
		return ofs_error_set(err, OFS_EQUERY, "year '%s' is not YYYY", text);
	return make_term(term, OFS_PFX_YEAR, text);
}

static const struct field {
	const char *name;
	ofs_xfield_fn fn;
} fields[] = {
	{"council", council_term},
	{"grade", grade_term},
	{"area", area_term},
	{"kind", kind_term},
	{"year", year_term},
};

ofs_status ofs_searcher_open(ofs_searcher **out, const char *path, ofs_error *err)
{
	ofs_searcher *s = calloc(1, sizeof *s);
	char *version = NULL;
	ofs_status rc;

	*out = NULL;
	if (!s)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	rc = ofs_xdb_open_read(&s->db, path, err);
	if (rc == OFS_ENOTFOUND)
		ofs_error_set(err, rc, "%s: no index here (make one with: indexer --db %s FILES...)",
			      path, path);
	if (rc == OFS_OK)
		rc = ofs_xdb_get_metadata(s->db, OFS_META_SCHEMA, &version, err);
	if (rc == OFS_OK && strcmp(version, OFS_SCHEMA_VERSION))
		rc = ofs_error_set(err, OFS_EFORMAT,
				   "%s: index has layout version '%s', this program reads %s: "
				   "rebuild it with indexer --rebuild", path, version,
				   OFS_SCHEMA_VERSION);
	if (rc == OFS_OK)
		rc = ofs_xparser_new(&s->qp, s->db, err);
	for (size_t i = 0; rc == OFS_OK && i < sizeof fields / sizeof *fields; i++)
		rc = ofs_xparser_add_filter_field(s->qp, fields[i].name, fields[i].fn, NULL, err);
	free(version);
	if (rc != OFS_OK) {
		ofs_searcher_free(s);
		return rc;
	}
	*out = s;
	return OFS_OK;
}

void ofs_searcher_free(ofs_searcher *s)
{
	if (!s)
		return;
	ofs_xparser_free(s->qp);
	ofs_xdb_close(s->db);
	free(s);
}

int ofs_date_bound(const char *s, int upper, char out[11])
{
	int y = 0, m = 0, d = 0, n = 0;
	size_t len = strlen(s);
	if (len == 4 && sscanf(s, "%4d%n", &y, &n) == 1 && n == 4) {
		m = upper ? 12 : 1;
		d = upper ? 31 : 1;
	} else if (len == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7) {
		if (m < 1 || m > 12)
			return 0;
		/* Dates compare as strings, so the 31st bounds every month. */
		d = upper ? 31 : 1;
	} else if (len == 10) {
		return ofs_date_parse_iso(s, out);
	} else {
		return 0;
	}
	if (y < 1000)
		return 0;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return 1;
}

/* *q = FILTER(*q, f) where f is the result of making it (status rc);
 * f is consumed. */
static ofs_status add_filter(ofs_xquery **q, ofs_status rc, ofs_xquery *f)
{
	ofs_xquery *nq = NULL;
	if (rc == OFS_OK)
		rc = ofs_xquery_filter(&nq, *q, f);
	ofs_xquery_free(f);
	if (rc == OFS_OK) {
		ofs_xquery_free(*q);
		*q = nq;
	}
	return rc;
}

static ofs_status filter_term(ofs_xquery **q, const char *term)
{
	ofs_xquery *f = NULL;
	ofs_status rc = ofs_xquery_term(&f, term);
	return add_filter(q, rc, f);
}

/* Filter *q by an option given in the user's words. */
static ofs_status option_filter(ofs_xquery **q, ofs_xfield_fn fn, const char *opt,
				const char *value, ofs_error *err)
{
	char *term = NULL;
	ofs_error e;
	ofs_status rc;
	if (!value)
		return OFS_OK;
	ofs_error_clear(&e);
	rc = fn(NULL, value, &term, &e);
	if (rc == OFS_EQUERY)
		return ofs_error_set(err, OFS_EINVAL, "--%s: %s", opt, e.msg);
	if (rc == OFS_OK)
		rc = filter_term(q, term);
	free(term);
	return rc;
}

static ofs_status build_query(ofs_searcher *s, const ofs_search_opts *o, const char *text,
			      ofs_xquery **out, ofs_error *err)
{
	ofs_xquery *q = NULL, *f = NULL;
	char lo[11], hi[11];
	ofs_status rc;

	*out = NULL;
	if (o->from && !ofs_date_bound(o->from, 0, lo))
		return ofs_error_set(err, OFS_EINVAL, "--from: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->from);
	if (o->to && !ofs_date_bound(o->to, 1, hi))
		return ofs_error_set(err, OFS_EINVAL, "--to: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->to);
	rc = ofs_xparser_parse(s->qp, text, o->any ? OFS_XPARSE_ANY : 0, &q, err);
	if (rc == OFS_OK)
		rc = filter_term(&q, o->reports ? OFS_TERM_REPORT : OFS_TERM_PARA);
	if (rc == OFS_OK)
		rc = option_filter(&q, council_term, "council", o->council, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, grade_term, "grade", o->grade, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, area_term, "area", o->area, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, kind_term, "kind", o->kind, err);
	if (rc == OFS_OK && (o->from || o->to)) {
		rc = ofs_xquery_value_range(&f, OFS_SLOT_DATE, o->from ? lo : NULL,
					    o->to ? hi : NULL);
		rc = add_filter(&q, rc, f);
	}
	if (rc != OFS_OK) {
		ofs_xquery_free(q);
		return rc;
	}
	*out = q;
	return OFS_OK;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static ofs_status fill_results(ofs_results *res, ofs_xmset *m, const ofs_search_opts *o)
{
	unsigned n = ofs_xmset_size(m);
	res->total = ofs_xmset_total(m);
	res->n_hits = n;
	if (n && !(res->hits = calloc(n, sizeof *res->hits)))
		return OFS_ENOMEM;
	for (unsigned i = 0; i < n; i++) {
		ofs_hit *h = &res->hits[i];
		h->rank = o->offset + i + 1;
		h->score = o->reports ? 0 : ofs_xmset_weight(m, i);
		h->date = nonempty(ofs_xmset_value(m, i, OFS_SLOT_DATE));
		h->council = nonempty(ofs_xmset_value(m, i, OFS_SLOT_COUNCIL));
		h->area = nonempty(ofs_xmset_value(m, i, OFS_SLOT_AREA));
		h->grade = nonempty(ofs_xmset_value(m, i, OFS_SLOT_GRADE));
		h->kind = nonempty(ofs_xmset_value(m, i, OFS_SLOT_KIND));
		h->file = nonempty(ofs_xmset_value(m, i, OFS_SLOT_FILE));
		h->section = nonempty(ofs_xmset_value(m, i, OFS_SLOT_SECTION));
		h->page = atoi(ofs_xmset_value(m, i, OFS_SLOT_PAGE));
		h->paragraph = atoi(ofs_xmset_value(m, i, OFS_SLOT_SEQ));
		h->number = atoi(ofs_xmset_value(m, i, OFS_SLOT_NUMBER));
		h->text = ofs_xmset_data(m, i, NULL);
		h->snippet = ofs_xmset_snippet(m, i);
	}
	for (unsigned f = 0; o->facets && f < OFS_N_FACETS; f++) {
		ofs_facet *fa = &res->facets[res->n_facets++];
		unsigned k = ofs_xmset_facet_size(m, f);
		fa->name = facet_names[f];
		if (k && !(fa->counts = calloc(k, sizeof *fa->counts)))
			return OFS_ENOMEM;
		/* Documents without the value (an unknown grade) are not a
		 * facet value of their own. */
		for (unsigned j = 0; j < k; j++) {
			unsigned c;
			const char *v = ofs_xmset_facet_value(m, f, j, &c);
			if (*v) {
				fa->counts[fa->n].value = v;
				fa->counts[fa->n++].count = c;
			}
		}
	}
	return OFS_OK;
}

ofs_status ofs_search(ofs_searcher *s, const ofs_search_opts *o, ofs_results **out,
		      ofs_error *err)
{
	ofs_results *res = calloc(1, sizeof *res);
	results_priv *priv = calloc(1, sizeof *priv);
	ofs_xquery *q = NULL;
	ofs_xsearch_opts xo;
	const char *raw = o->query ? o->query : "";
	ofs_status rc;

	*out = NULL;
	if (!res || !priv) {
		free(res);
		free(priv);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	res->priv_ = priv;
	res->query = raw;
	rc = ofs_normalize(raw, strlen(raw), 0, &priv->query, NULL, err);
	if (rc == OFS_EFORMAT)
		rc = ofs_error_set(err, OFS_EQUERY, "query '%s': invalid UTF-8", raw);
	if (rc == OFS_OK)
		rc = build_query(s, o, priv->query, &q, err);
	if (rc != OFS_OK)
		goto done;
	res->explain = ofs_xquery_describe(q);

	memset(&xo, 0, sizeof xo);
	xo.offset = o->offset;
	xo.limit = o->limit;
	xo.sort_slot = o->reports ? OFS_SLOT_SORT : -1;
	xo.collapse_slot = -1;
	xo.exact_total = 1;
	if (o->facets) {
		xo.n_spies = OFS_N_FACETS;
		memcpy(xo.spy_slots, facet_slots, sizeof facet_slots);
	}
	xo.n_values = OFS_SLOT_COUNT;
	for (unsigned k = 0; k < OFS_SLOT_COUNT; k++)
		xo.value_slots[k] = k;
	xo.snippet_length = o->reports ? 0 : 300;
	xo.hi_start = OFS_HI_START;
	xo.hi_end = OFS_HI_END;
	rc = ofs_xdb_search(s->db, q, &xo, &priv->mset, err);
	if (rc == OFS_OK && fill_results(res, priv->mset, o) != OFS_OK)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
done:
	ofs_xquery_free(q);
	if (rc != OFS_OK) {
		ofs_results_free(res);
		return rc;
	}
	*out = res;
	return OFS_OK;
}

void ofs_results_free(ofs_results *r)
{
	results_priv *priv;
	if (!r)
		return;
	priv = r->priv_;
	for (unsigned f = 0; f < r->n_facets; f++)
		free(r->facets[f].counts);
	free(r->hits);
	free(r->explain);
	if (priv) {
		ofs_xmset_free(priv->mset);
		free(priv->query);
		free(priv);
	}
	free(r);
}
