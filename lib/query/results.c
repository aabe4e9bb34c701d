/*
 * results.c: the engine's results as the plain structures of search.h,
 * whose strings they borrow, and what the best result says of the query.
 */
#include "query/search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/schema.h"
#include "query/expand.h"

/* In the order of ofs_facet_field. */
static const char *const facet_names[OFS_N_FACETS] = {"council", "grade", "area", "year"};

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Append the rows of m to res's hits, unpacking their packed values into
 * strings owned by priv. */
ofs_status ofs__add_hits(ofs_results *res, results_priv *priv, ofs_xmset *m,
			   const ofs_search_opts *o, unsigned max)
{
	unsigned n = ofs_xmset_size(m), start = res->n_hits;
	ofs_hit *hits;
	char **packed;
	if (n > max)
		n = max;
	if (!n)
		return OFS_OK;
	if (!(hits = realloc(res->hits, (start + n) * sizeof *hits)))
		return OFS_ENOMEM;
	res->hits = hits;
	memset(hits + start, 0, n * sizeof *hits);
	if (!(packed = realloc(priv->packed, 2 * (start + n) * sizeof *packed)))
		return OFS_ENOMEM;
	priv->packed = packed;
	memset(packed + 2 * start, 0, 2 * n * sizeof *packed);
	for (unsigned i = 0; i < n; i++) {
		ofs_hit *h = &hits[start + i];
		const char *facet[OFS_FACET_FIELDS], *display[OFS_DISPLAY_FIELDS];
		char **f = &packed[2 * (start + i)];
		res->n_hits++; /* counted now, so that its strings are freed */
		if (!(f[0] = strdup(ofs_xmset_value(m, i, OFS_SLOT_FACETS))) ||
		    !(f[1] = strdup(ofs_xmset_value(m, i, OFS_SLOT_DISPLAY))))
			return OFS_ENOMEM;
		ofs_unpack(f[0], facet, OFS_FACET_FIELDS);
		ofs_unpack(f[1], display, OFS_DISPLAY_FIELDS);
		h->rank = o->offset + start + i + 1;
		h->score = o->reports ? 0 : ofs_xmset_weight(m, i);
		h->date = nonempty(ofs_xmset_value(m, i, OFS_SLOT_DATE));
		h->council = nonempty(facet[OFS_FACET_COUNCIL]);
		h->area = nonempty(facet[OFS_FACET_AREA]);
		h->grade = nonempty(facet[OFS_FACET_GRADE]);
		h->kind = nonempty(display[OFS_DISPLAY_KIND]);
		h->file = nonempty(display[OFS_DISPLAY_FILE]);
		h->section = nonempty(display[OFS_DISPLAY_SECTION]);
		h->page = atoi(display[OFS_DISPLAY_PAGE]);
		h->number = atoi(display[OFS_DISPLAY_NUMBER]);
		h->paragraph = atoi(ofs_xmset_value(m, i, OFS_SLOT_SEQ));
		h->text = ofs_xmset_data(m, i, NULL);
		h->snippet = ofs_xmset_snippet(m, i);
		h->report_id = nonempty(ofs_xmset_value(m, i, OFS_SLOT_REPORT));
		if (o->per_report || o->timeline)
			h->matches = ofs_xmset_collapse_count(m, i) + 1;
	}
	return OFS_OK;
}

ofs_status ofs__add_facets(ofs_results *res, ofs_xmset *m)
{
	for (unsigned f = 0; f < OFS_N_FACETS; f++) {
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

/* Timeline: each hit's report metadata, from its report document. */
ofs_status ofs__add_reports(ofs_searcher *s, ofs_results *res, results_priv *priv,
			      ofs_error *err)
{
	if (!res->n_hits)
		return OFS_OK;
	if (!(priv->reports = calloc(res->n_hits, sizeof *priv->reports)))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	for (unsigned i = 0; i < res->n_hits; i++) {
		char term[32];
		ofs_status rc;
		ofs_xmset *m = priv->msets[0];
		snprintf(term, sizeof term, "%s%s", OFS_PFX_DOC, ofs_xmset_value(m, i, OFS_SLOT_REPORT));
		rc = ofs_xdb_get_by_term(s->db, term, &priv->reports[i], NULL, err);
		if (rc != OFS_OK && rc != OFS_ENOTFOUND)
			return rc;
		res->hits[i].report = priv->reports[i];
	}
	return OFS_OK;
}

/*
 * How many of the query's units the best result matches, and which it
 * does not: every unit's query asked of that one paragraph in one search
 * (units past the 52 one search can tell apart count as matched).
 */
ofs_status ofs__coverage(ofs_searcher *s, ofs_results *res, ofs_xmset *m, ofs_error *err)
{
	size_t n = ofs_expand_units(s->expander), asked;
	const ofs_xquery *units[52];
	ofs_xquery *para = NULL;
	ofs_sbuf missing = {0};
	uint64_t bits = 0;
	ofs_status rc;

	res->words = (unsigned)n;
	if (n < 2 || !ofs_xmset_size(m))
		return OFS_OK;
	asked = n < 52 ? n : 52;
	for (size_t i = 0; i < asked; i++)
		units[i] = ofs_expand_unit_query(s->expander, i);
	rc = ofs__paragraph_query(ofs_xmset_value(m, 0, OFS_SLOT_REPORT),
				  ofs_xmset_value(m, 0, OFS_SLOT_SEQ), &para);
	if (rc == OFS_OK)
		rc = ofs_xdb_which_match(s->db, para, units, asked, &bits, err);
	for (size_t i = 0; i < n && rc == OFS_OK; i++) {
		if (i < asked && !units[i]) {
			res->words--; /* a unit the parser dropped */
		} else if (i >= asked || bits >> i & 1) {
			res->words_matched++;
		} else {
			const char *w = ofs_expand_unit_text(s->expander, i);
			if (missing.len)
				ofs_sbuf_add(&missing, ", ", 2);
			ofs_sbuf_add(&missing, w, strlen(w));
		}
	}
	ofs_xquery_free(para);
	if (rc == OFS_OK && missing.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK)
		res->words_missing = missing.s;
	else
		free(missing.s);
	return rc;
}

void ofs_results_free(ofs_results *r)
{
	results_priv *priv;
	if (!r)
		return;
	priv = r->priv_;
	for (unsigned f = 0; f < r->n_facets; f++)
		free(r->facets[f].counts);
	if (priv) {
		for (unsigned i = 0; priv->reports && i < r->n_hits; i++)
			free(priv->reports[i]);
		free(priv->reports);
		for (unsigned i = 0; priv->packed && i < 2 * r->n_hits; i++)
			free(priv->packed[i]);
		free(priv->packed);
		ofs_xmset_free(priv->msets[0]);
		ofs_xmset_free(priv->msets[1]);
		free(priv->query);
		free(priv->reading.text);
		free(priv->reading.subject);
		free(priv);
	}
	free(r->hits);
	free(r->partial);
	free(r->words_missing);
	free(r->explain);
	free(r->suggestion);
	free(r);
}
