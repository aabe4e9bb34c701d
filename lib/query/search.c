/*
 * search.c: from a user's query and filters to ranked results: the
 * searcher, the query as the engine runs it, and the search itself
 * (filters.c turns filters into terms, suggest.c corrects spelling,
 * results.c makes the results).
 */
#include "ofs/search.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"
#include "base/schema.h"
#include "base/stopwords.h"
#include "index/store.h"
#include "names/wordnet.h"
#include "query/expand.h"
#include "query/search_internal.h"

/* The field the expander's units stand in for in the rewritten query. */
#define EXPAND_FIELD "xsyn"
/* Terms taken from a paragraph to find paragraphs like it. */
#define LIKE_TERMS 24

/* Pseudo-relevance feedback: documents taken as relevant, terms taken
 * from them, and their weight against the user's words. */
#define FEEDBACK_DOCS 10
#define FEEDBACK_TERMS 12
#define FEEDBACK_WEIGHT 0.5

ofs_status ofs_searcher_open(ofs_searcher **out, const char *path, const char *thesaurus,
			     ofs_error *err)
{
	ofs_searcher *s = calloc(1, sizeof *s);
	char *version = NULL;
	ofs_status rc;

	*out = NULL;
	if (!s)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	s->hold = -1;
	rc = ofs_index_open_read(path, &s->db, &s->hold, err);
	if (rc == OFS_ENOTFOUND)
		ofs_error_set(err, rc, "%s: no index here (make one with: " OFS_INDEXER_NAME " --db %s FILES...)",
			      path, path);
	if (rc == OFS_OK)
		rc = ofs_xdb_get_metadata(s->db, OFS_META_SCHEMA, &version, err);
	if (rc == OFS_OK && strcmp(version, OFS_SCHEMA_VERSION))
		rc = ofs_error_set(err, OFS_EFORMAT,
				   "%s: index has layout version '%s', this program reads %s: "
				   "rebuild it with " OFS_INDEXER_NAME " --rebuild", path, version,
				   OFS_SCHEMA_VERSION);
	if (rc == OFS_OK && thesaurus)
		rc = ofs_thesaurus_load(thesaurus, &s->thesaurus, err);
	if (rc == OFS_OK)
		rc = ofs_xparser_new(&s->qp, s->db, err);
	if (rc == OFS_OK)
		rc = ofs_xparser_new(&s->plain, s->db, err);
	if (rc == OFS_OK && ofs_expander_new(&s->expander, s->thesaurus, s->db, s->plain) != OFS_OK)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	/* WordNet tells English words from typos; without it every unknown
	 * word may be a typo (its files are mapped, so this is cheap). */
	if (rc == OFS_OK && ofs_wordnet_open(ofs_wordnet_default_dir(), &s->wordnet, NULL) == OFS_OK)
		ofs_expander_set_dictionary(s->expander, s->wordnet);
	if (rc == OFS_OK)
		rc = ofs_xparser_add_query_field(s->qp, EXPAND_FIELD, ofs_expand_field, s->expander,
						 err);
	for (size_t i = 0; rc == OFS_OK && i < ofs__n_query_fields; i++)
		rc = ofs_xparser_add_filter_field(s->qp, ofs__query_fields[i].name, ofs__query_fields[i].fn, s, err);
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
	ofs_expander_free(s->expander);
	ofs_wordnet_close(s->wordnet);
	ofs_xparser_free(s->qp);
	ofs_xparser_free(s->plain);
	ofs_thesaurus_free(s->thesaurus);
	ofs_xdb_close(s->db);
	ofs_index_release(s->hold);
	free(s);
}

/* Whether text has the operator op as a word of its own, outside
 * quotes. */
static int has_operator(const char *text, const char *op)
{
	size_t n = strlen(op);
	int quoted = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			quoted ^= 1;
		else if (!quoted && !strncmp(p, op, n) && (p == text || isspace((unsigned char)p[-1]) ||
							   p[-1] == '(') &&
			 (!p[n] || isspace((unsigned char)p[n]) || p[n] == '('))
			return 1;
	}
	return 0;
}

/* The user's query cut into units and widened with other names unless
 * exact.  Stopwords go from its phrases, as the index has none
 * (stopwords.h). */
static ofs_status parse_user_query(ofs_searcher *s, const ofs_search_opts *o, const char *raw,
				   ofs_xquery **q, unsigned *expansions, ofs_error *err)
{
	char *rewritten = NULL, *text;
	/* Words are OR-ed, ranked by how many match, unless the user asks
	 * for every word. */
	unsigned flags = o->strict || (!o->any && has_operator(raw, "AND")) ? 0 : OFS_XPARSE_ANY;
	unsigned mode = 0;
	ofs_status rc = OFS_OK;

	*expansions = 0;
	/* Xapian 1.4 crashes on XOR over synonym groups, and nobody means
	 * "one but not both" in a search box. */
	if (has_operator(raw, "XOR"))
		return ofs_error_set(err, OFS_EQUERY,
				     "query '%s': XOR is not supported (use OR, AND or NOT)", raw);
	if (!(text = ofs_drop_phrase_stopwords(raw)))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (!o->exact && !o->reports)
		mode = OFS_EXPAND_NAMES | OFS_EXPAND_TYPOS | OFS_EXPAND_UNKNOWN_PREFIX;
	if (o->prefix)
		mode |= OFS_EXPAND_LAST_PREFIX;
	if (mode && o->neighbours)
		mode |= OFS_EXPAND_NEIGHBOURS;
	if (mode && o->wordnet && !s->wordnet &&
	    (rc = ofs_wordnet_open(ofs_wordnet_default_dir(), &s->wordnet, err)) != OFS_OK)
		goto done;
	ofs_expander_set_mode(s->expander, mode, mode && o->wordnet ? s->wordnet : NULL);
	rc = ofs_expand_rewrite(s->expander, text, EXPAND_FIELD, &rewritten, expansions, err);
	if (rc == OFS_OK)
		rc = ofs_xparser_parse(s->qp, rewritten, raw, flags, q, err);
	/* Quoted names ("child protection plans") by their terms. */
	if (rc == OFS_OK && (rc = ofs_expand_phrase_names(s->expander, q, err)) != OFS_OK) {
		ofs_xquery_free(*q);
		*q = NULL;
	}
done:
	free(rewritten);
	free(text);
	return rc;
}

static void base_opts(ofs_xsearch_opts *xo, const ofs_search_opts *o);

static ofs_status build_query(ofs_searcher *s, const ofs_search_opts *o, const char *text,
			      const ofs_xquery *like, ofs_xquery **out, unsigned *expansions,
			      ofs_error *err);

/*
 * A query for the documents of the reports of m's hits, by their terms
 * prefix + report id; newest: only the last hit of each council (m
 * sorted by council then date, OFS_SLOT_SORT among its values).  Errors:
 * OFS_ENOMEM.
 */
static ofs_status reports_of(const ofs_xmset *m, const char *prefix, int newest,
			     ofs_xquery **only, ofs_error *err)
{
	size_t size = ofs_xmset_size(m), n = 0;
	char **terms = size ? calloc(size, sizeof *terms) : NULL;
	ofs_status rc = size && !terms ? OFS_ENOMEM : OFS_OK;

	for (size_t i = 0; rc == OFS_OK && i < size; i++) {
		if (newest && i + 1 < size) {
			const char *key = ofs_xmset_value(m, i, OFS_SLOT_SORT);
			const char *next = ofs_xmset_value(m, i + 1, OFS_SLOT_SORT);
			size_t k = strcspn(key, "\x1f");
			if (strcspn(next, "\x1f") == k && !strncmp(key, next, k))
				continue;
		}
		if (asprintf(&terms[n], "%s%s", prefix, ofs_xmset_value(m, i, OFS_SLOT_REPORT)) < 0) {
			terms[n] = NULL;
			rc = OFS_ENOMEM;
		}
		n++;
	}
	if (rc == OFS_OK)
		rc = ofs_xquery_any_term(only, (const char *const *)terms, n);
	for (size_t i = 0; i < n; i++)
		free(terms[i]);
	free(terms);
	return rc == OFS_OK ? rc : ofs_error_set(err, rc, "out of memory");
}

/*
 * --reports with query words or an area: a report's own document has no
 * text and judges every area, so the reports listed are those with a
 * paragraph that matches (in that area, with that area's grade when
 * --grade is given too).  *only: any of those reports' documents.
 */
static ofs_status reports_matching(ofs_searcher *s, const ofs_search_opts *o, const char *text,
				   ofs_xquery **only, unsigned *expansions, ofs_error *err)
{
	ofs_search_opts po = *o;
	ofs_xsearch_opts xo;
	ofs_xquery *q = NULL;
	ofs_xmset *m = NULL;
	ofs_status rc;

	po.reports = 0;
	po.latest = 0; /* the listing's own filter keeps the newest reports */
	po.per_report = 1;
	po.facets = 0;
	po.offset = 0;
	*only = NULL;
	rc = build_query(s, &po, text, NULL, &q, expansions, err);
	if (rc == OFS_OK) {
		base_opts(&xo, &po);
		rc = ofs_xdb_doccount(s->db, &xo.limit, err);
		xo.snippet_length = 0;
	}
	if (rc == OFS_OK) {
		rc = ofs_xdb_search(s->db, q, &xo, &m, err);
	}
	if (rc == OFS_OK)
		rc = reports_of(m, OFS_PFX_DOC, 0, only, err);
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	return rc;
}

/*
 * --latest: the newest report of each council with an overall judgement,
 * among those the council, kind and date filters select (a council's
 * current grades come from its last full inspection, not from a visit
 * that judged nothing).  *only: the documents of those reports, its
 * paragraphs and its report document.
 */
static ofs_status latest_reports(ofs_searcher *s, const ofs_search_opts *o, ofs_xquery **only,
				 ofs_error *err)
{
	ofs_search_opts ro = {.council = o->council, .kind = o->kind, .from = o->from,
			      .to = o->to, .reports = 1};
	ofs_xsearch_opts xo;
	ofs_xquery *q = NULL, *none = NULL, *judged = NULL;
	ofs_xmset *m = NULL;
	unsigned unused;
	ofs_status rc;

	*only = NULL;
	rc = build_query(s, &ro, "", NULL, &q, &unused, err);
	if (rc == OFS_OK && (rc = ofs_xquery_term(&none, OFS_PFX_GRADE "none")) == OFS_OK)
		rc = ofs_xquery_and_not(&judged, q, none);
	if (rc == OFS_OK) {
		/* council then date: the last of each council is its newest */
		base_opts(&xo, &ro);
		for (; xo.n_values <= OFS_SLOT_SORT; xo.n_values++)
			xo.value_slots[xo.n_values] = xo.n_values; /* value k is slot k */
		rc = ofs_xdb_doccount(s->db, &xo.limit, err);
	}
	if (rc == OFS_OK)
		rc = ofs_xdb_search(s->db, judged, &xo, &m, err);
	if (rc == OFS_OK)
		rc = reports_of(m, OFS_PFX_REPORT, 1, only, err);
	ofs_xmset_free(m);
	ofs_xquery_free(judged);
	ofs_xquery_free(none);
	ofs_xquery_free(q);
	return rc;
}

static ofs_status build_query(ofs_searcher *s, const ofs_search_opts *o, const char *text,
			      const ofs_xquery *like, ofs_xquery **out, unsigned *expansions,
			      ofs_error *err)
{
	ofs_xquery *q = NULL;
	char lo[11], hi[11];
	ofs_status rc;

	*out = NULL;
	if (o->reports && (o->area || text[strspn(text, " \t\n")])) {
		ofs_search_opts ro = *o;
		ofs_xquery *only = NULL;
		unsigned none;
		ro.area = ro.grade = NULL;
		rc = reports_matching(s, o, text, &only, expansions, err);
		if (rc == OFS_OK)
			rc = build_query(s, &ro, "", NULL, &q, &none, err);
		if (rc == OFS_OK)
			rc = ofs_xquery_filter(out, q, only);
		ofs_xquery_free(q);
		ofs_xquery_free(only);
		return rc;
	}
	if (o->from && !ofs_date_bound(o->from, 0, lo))
		return ofs_error_set(err, OFS_EINVAL, "--from: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->from);
	if (o->to && !ofs_date_bound(o->to, 1, hi))
		return ofs_error_set(err, OFS_EINVAL, "--to: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->to);
	if (o->from && o->to && strcmp(lo, hi) > 0)
		return ofs_error_set(err, OFS_EINVAL, "--from %s is after --to %s: no date is in between",
				     o->from, o->to);
	rc = parse_user_query(s, o, text, &q, expansions, err);
	if (rc == OFS_OK && like) {
		/* The paragraph's own best terms rank; the user's words, if
		 * any, only filter; the paragraph itself is left out. */
		ofs_xquery *lq = NULL, *nq = NULL;
		rc = ofs_xdb_like_query(s->db, like, LIKE_TERMS, &lq, err);
		if (rc == OFS_ENOTFOUND)
			rc = ofs_error_set(err, rc, "--like: %s: no such paragraph in the index",
					   o->like);
		if (rc == OFS_OK)
			rc = ofs_xquery_filter(&nq, lq, q);
		if (rc == OFS_OK) {
			ofs_xquery_free(q);
			q = NULL;
			rc = ofs_xquery_and_not(&q, nq, like);
		}
		ofs_xquery_free(lq);
		ofs_xquery_free(nq);
	}
	if (rc == OFS_OK)
		rc = ofs__only(&q, o->reports);
	if (rc == OFS_OK && o->latest) {
		ofs_xquery *only = NULL, *nq = NULL;
		if ((rc = latest_reports(s, o, &only, err)) == OFS_OK &&
		    (rc = ofs_xquery_filter(&nq, q, only)) != OFS_OK)
			ofs_error_set(err, rc, "out of memory");
		if (rc == OFS_OK) {
			ofs_xquery_free(q);
			q = nq;
		}
		ofs_xquery_free(only);
	}
	if (rc == OFS_OK)
		rc = ofs__option_filters(s, &q, o, err);
	if (rc == OFS_OK && (o->from || o->to))
		rc = ofs__date_filter(s, &q, o->from ? lo : NULL, o->to ? hi : NULL, err);
	if (rc != OFS_OK) {
		ofs_xquery_free(q);
		return rc;
	}
	*out = q;
	return OFS_OK;
}

static void base_opts(ofs_xsearch_opts *xo, const ofs_search_opts *o)
{
	memset(xo, 0, sizeof *xo);
	xo->offset = o->offset;
	xo->limit = o->limit;
	xo->sort_slot = o->reports ? OFS_SLOT_SORT : o->timeline ? OFS_SLOT_DATE : -1;
	xo->collapse_slot = o->per_report || o->timeline ? OFS_SLOT_REPORT : -1;
	/* Counting every match reads every match: only when asked, or when
	 * the counts are the answer (no results asked for: only the count). */
	xo->exact_total = o->count || !o->limit || o->facets || o->reports || o->per_report ||
			  o->timeline || o->like;
	/* The slots results read (results.c), by their numbers: each is a
	 * lookup of its own per result. */
	xo->n_values = OFS_SLOT_REPORT + 1;
	for (unsigned k = 0; k < xo->n_values; k++)
		xo->value_slots[k] = k;
	xo->snippet_length = o->reports ? 0 : 300;
	xo->hi_start = OFS_HI_START;
	xo->hi_end = OFS_HI_END;
	xo->facet_slot = OFS_SLOT_FACETS;
	xo->facet_fields = o->facets ? OFS_FACET_FIELDS : 0;
}

/* The council of the paragraph which matches, "" if it has none. */
static ofs_status council_of(ofs_searcher *s, const ofs_xquery *which, char **out,
			     ofs_error *err)
{
	ofs_xmset *m = NULL;
	ofs_xsearch_opts xo = {.limit = 1, .sort_slot = -1, .collapse_slot = -1,
			       .n_values = 1, .value_slots = {OFS_SLOT_FACETS}};
	ofs_status rc;
	*out = NULL;
	rc = ofs_xdb_search(s->db, which, &xo, &m, err);
	if (rc == OFS_OK && !(*out = strdup(ofs_xmset_size(m) ? ofs_xmset_value(m, 0, 0) : "")))
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK) {
		const char *facet[OFS_FACET_FIELDS];
		ofs_unpack(*out, facet, OFS_FACET_FIELDS); /* the council comes first */
	}
	ofs_xmset_free(m);
	return rc;
}

/*
 * --like: paragraphs from other councils first, then the same council's,
 * as two searches whose results are concatenated.
 */
static ofs_status run_like(ofs_searcher *s, const ofs_search_opts *o, ofs_xquery *q,
			   const ofs_xquery *like, ofs_results *res, results_priv *priv,
			   ofs_error *err)
{
	ofs_xsearch_opts xo;
	ofs_xquery *other = NULL, *same = NULL, *cq = NULL;
	char *council = NULL, *cterm = NULL;
	unsigned n_other;
	ofs_status rc = council_of(s, like, &council, err);

	if (rc == OFS_OK && *council) {
		ofs_error e;
		rc = ofs__council_term(NULL, council, &cterm, &e);
		if (rc == OFS_OK)
			rc = ofs_xquery_term(&cq, cterm);
		if (rc == OFS_OK)
			rc = ofs_xquery_and_not(&other, q, cq);
		if (rc == OFS_OK)
			rc = ofs_xquery_filter(&same, q, cq);
	} else if (rc == OFS_OK) {
		rc = ofs_xquery_filter(&other, q, q); /* no council: one search */
	}
	base_opts(&xo, o);
	if (rc == OFS_OK)
		rc = ofs_xdb_search(s->db, other, &xo, &priv->msets[0], err);
	if (rc == OFS_OK && same) {
		/* The second list continues where the first ends. */
		n_other = ofs_xmset_total(priv->msets[0]);
		xo.offset = o->offset > n_other ? o->offset - n_other : 0;
		rc = ofs_xdb_search(s->db, same, &xo, &priv->msets[1], err);
	}
	if (rc == OFS_OK) {
		res->total = ofs_xmset_total(priv->msets[0]) +
			     (priv->msets[1] ? ofs_xmset_total(priv->msets[1]) : 0);
		res->total_exact = 1;
		if (ofs__add_hits(res, priv, priv->msets[0], o, o->limit) != OFS_OK ||
		    (priv->msets[1] && ofs__add_hits(res, priv, priv->msets[1], o, o->limit - res->n_hits) != OFS_OK) ||
		    (o->facets && ofs__add_facets(res, priv->msets[0]) != OFS_OK))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	ofs_xquery_free(other);
	ofs_xquery_free(same);
	ofs_xquery_free(cq);
	free(council);
	free(cterm);
	return rc;
}

/* Whether word, a council's one-word name typed in lower case, is the
 * council's (ofs_name_test): when most paragraphs that have it are in
 * the council's own reports ("leeds"), not when most are elsewhere
 * ("reading", "hull" where Kingston upon Hull is not indexed).  Should
 * the index fail to say, the word stays a word; the search itself then
 * reports the error. */
static int mostly_its_own(void *ctx, const char *council, const char *word)
{
	ofs_searcher *s = ctx;
	ofs_xsearch_opts xo = {.limit = 0, .sort_slot = -1, .collapse_slot = -1, .exact_total = 1};
	ofs_xquery *wq = NULL, *cq = NULL, *both = NULL;
	ofs_xmset *m = NULL;
	char *cterm = NULL;
	unsigned all = 0;
	int yes = 0;
	ofs_error e;

	if (ofs_xdb_wordfreq(s->db, word, &all, &e) == OFS_OK && all &&
	    ofs_xparser_parse(s->plain, word, NULL, 0, &wq, &e) == OFS_OK &&
	    ofs__council_term(NULL, council, &cterm, &e) == OFS_OK &&
	    ofs_xquery_term(&cq, cterm) == OFS_OK && ofs_xquery_filter(&both, wq, cq) == OFS_OK &&
	    ofs_xdb_search(s->db, both, &xo, &m, &e) == OFS_OK)
		yes = 2 * (uint64_t)ofs_xmset_total(m) > all;
	ofs_xmset_free(m);
	ofs_xquery_free(both);
	ofs_xquery_free(cq);
	ofs_xquery_free(wq);
	free(cterm);
	return yes;
}

/* The filters the query names in its own words, for those the options do
 * not give (understand.h): *eff is o with them, res->read says which. */
static ofs_status read_filters(ofs_searcher *s, const ofs_search_opts *o, ofs_results *res,
			       ofs_search_opts *eff, ofs_error *err)
{
	results_priv *priv = res->priv_;
	ofs_reading *r = &priv->reading;
	unsigned which = (o->council ? 0 : OFS_READ_COUNCIL) | (o->grade ? 0 : OFS_READ_GRADE) |
			 (o->from || o->to ? 0 : OFS_READ_DATES);
	if (!o->reports && !o->timeline && !o->per_report)
		which |= OFS_READ_CHANGE;
	if (!o->latest)
		which |= OFS_READ_LATEST;
	if (!o->area && !o->grade)
		which |= OFS_READ_AREA;
	if (ofs_understand(priv->query, which, mostly_its_own, s, r) != OFS_OK)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	*eff = *o;
	if (r->council[0])
		eff->council = res->read.council = r->council;
	if (r->grade)
		eff->grade = res->read.grade = r->grade;
	if (r->area)
		eff->area = res->read.area = r->area;
	if (r->from[0])
		eff->from = res->read.from = r->from;
	if (r->to[0])
		eff->to = res->read.to = r->to;
	if (r->latest)
		eff->latest = res->read.latest = 1;
	res->read.change = r->change;
	res->read.subject = r->subject;
	return OFS_OK;
}

ofs_status ofs_search(ofs_searcher *s, const ofs_search_opts *o, ofs_results **out,
		      ofs_error *err)
{
	ofs_search_opts eff;
	ofs_results *res = calloc(1, sizeof *res);
	results_priv *priv = calloc(1, sizeof *priv);
	ofs_xquery *q = NULL;
	ofs_xsearch_opts xo;
	const char *raw = o->query ? o->query : "", *text = NULL;
	/* whether a listing may answer instead of the paragraphs asked */
	const int listing = o->read_listing && !o->reports && !o->timeline && !o->per_report &&
			    !o->like;
	ofs_xquery *like = NULL;
	ofs_status rc;

	*out = NULL;
	if (!res || !priv) {
		free(res);
		free(priv);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	res->priv_ = priv;
	res->query = raw;
	/* Remote shards left out before are tried again: a server may be
	 * back; one still down fails the search unless partial. */
	ofs_xdb_set_partial(s->db, o->partial);
	if ((rc = ofs_xdb_recheck(s->db, err)) != OFS_OK)
		goto done;
	if (strlen(raw) > OFS_QUERY_MAX)
		rc = ofs_error_set(err, OFS_EQUERY, "query '%.40s...': longer than %d bytes", raw,
				   OFS_QUERY_MAX);
	else
		rc = ofs__check_options(o, err);
	if (rc == OFS_OK)
		rc = ofs_normalize(raw, strlen(raw), 0, &priv->query, NULL, err);
	text = priv->query;
	if (rc == OFS_EFORMAT)
		rc = ofs_error_set(err, OFS_EQUERY, "query: invalid UTF-8");
	if (rc == OFS_OK && o->like)
		rc = ofs__like_query(s, o->like, &like, err);
	if (rc == OFS_OK && !o->exact && !o->like)
		rc = read_filters(s, o, res, &eff, err);
	/* Filters read and nothing else asked ("which councils are
	 * outstanding?"): every paragraph they select, not the question's
	 * own words ("which", "are") searched for want of others. */
	if (rc == OFS_OK && priv->reading.text)
		o = &eff, text = res->read.subject ? priv->reading.text : "";
	/* For people, a listing answers better: the reports the filters
	 * select, with their grades; or for a question about how a council
	 * changed, what it asks about in each of its reports. */
	if (rc == OFS_OK && priv->reading.text && listing && !res->read.subject)
		eff.reports = 1, res->read.as = "reports";
	else if (rc == OFS_OK && res->read.change && listing)
		eff.timeline = 1, res->read.as = "timeline";
	if (rc == OFS_OK)
		rc = build_query(s, o, text, like, &q, &res->expansions, err);
	if (rc == OFS_OK && o->feedback && !o->reports) {
		ofs_xquery *fq = NULL;
		rc = ofs_xdb_feedback_query(s->db, q, FEEDBACK_DOCS, FEEDBACK_TERMS,
					    FEEDBACK_WEIGHT, &fq, err);
		if (rc == OFS_OK) {
			ofs_xquery_free(q);
			q = fq;
		}
	}
	if (rc != OFS_OK)
		goto done;
	res->explain = ofs_xquery_describe(q);
	/* "Did you mean": only worth asking when the words are the user's. */
	if (!o->reports && !o->like && (rc = ofs__suggest(s, priv->query, &res->suggestion, err)) != OFS_OK)
		goto done;
	if (o->like) {
		rc = run_like(s, o, q, like, res, priv, err);
		goto done;
	}
	base_opts(&xo, o);
	rc = ofs_xdb_search(s->db, q, &xo, &priv->msets[0], err);
	if (rc == OFS_OK) {
		res->total = ofs_xmset_total(priv->msets[0]);
		res->total_exact = ofs_xmset_total_exact(priv->msets[0]);
		if (ofs__add_hits(res, priv, priv->msets[0], o, o->limit) != OFS_OK ||
		    (o->facets && ofs__add_facets(res, priv->msets[0]) != OFS_OK))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	if (rc == OFS_OK && o->timeline)
		rc = ofs__add_reports(s, res, priv, err);
	if (rc == OFS_OK && !o->reports && !o->timeline && !o->per_report)
		rc = ofs__coverage(s, res, priv->msets[0], err);
done:
	ofs_xquery_free(q);
	ofs_xquery_free(like);
	if (rc == OFS_OK && ofs_xdb_shards_down(s->db) &&
	    !(res->partial = strdup(ofs_xdb_shards_down(s->db))))
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK) {
		ofs_results_free(res);
		return rc;
	}
	*out = res;
	return OFS_OK;
}
