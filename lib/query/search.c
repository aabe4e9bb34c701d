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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/expand.h"
#include "ofs/facets.h"
#include "extract/council.h"
#include "base/normalize.h"
#include "ofs/report.h"
#include "base/sbuf.h"
#include "base/schema.h"
#include "base/stopwords.h"
#include "ofs/thesaurus.h"
#include "names/wordnet.h"
#include "engine/xapian.h"

#define EXPAND_FIELD "xsyn"
/* Terms taken from a paragraph to find paragraphs like it. */
#define LIKE_TERMS 24

struct ofs_searcher {
	ofs_xdb *db;
	ofs_xparser *qp;    /* the user's queries */
	ofs_xparser *plain; /* parts of expanded queries: no expansion */
	ofs_thesaurus *thesaurus;
	ofs_expander *expander;
	ofs_wordnet *wordnet; /* opened on first use */
};

/* Pseudo-relevance feedback: documents taken as relevant, terms taken
 * from them, and their weight against the user's words. */
#define FEEDBACK_DOCS 10
#define FEEDBACK_TERMS 12
#define FEEDBACK_WEIGHT 0.5

/* Results' private part: what the borrowed strings live in. */
typedef struct results_priv {
	ofs_xmset *msets[2];
	char *query;
	char **reports;     /* timeline: each hit's report JSON */
	char **packed;      /* each hit's unpacked values, two per hit */
} results_priv;

/* In the order of ofs_facet_field. */
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

ofs_status ofs_searcher_open(ofs_searcher **out, const char *path, const char *thesaurus,
			     ofs_error *err)
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
	ofs_expander_free(s->expander);
	ofs_wordnet_close(s->wordnet);
	ofs_xparser_free(s->qp);
	ofs_xparser_free(s->plain);
	ofs_thesaurus_free(s->thesaurus);
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

/* The query for paragraph seq of report id. */
static ofs_status paragraph_query(const char *id, const char *seq, ofs_xquery **out)
{
	char *term = NULL;
	ofs_xquery *t = NULL, *pos = NULL;
	ofs_status rc = make_term(&term, OFS_PFX_REPORT, id);
	*out = NULL;
	if (rc == OFS_OK)
		rc = ofs_xquery_term(&t, term);
	if (rc == OFS_OK)
		rc = ofs_xquery_value_range(&pos, OFS_SLOT_SEQ, seq, seq);
	if (rc == OFS_OK)
		rc = ofs_xquery_filter(out, t, pos);
	ofs_xquery_free(t);
	ofs_xquery_free(pos);
	free(term);
	return rc;
}

/* The query matching the paragraph "FILE:N" names, for --like: its
 * report's term and its position. */
static ofs_status like_query(const char *like, ofs_xquery **out, ofs_error *err)
{
	const char *colon = strrchr(like, ':');
	char *file, *abspath, *end, id[17], seq[24];
	long n;
	ofs_status rc;
	*out = NULL;
	if (!colon || colon == like ||
	    (n = strtol(colon + 1, &end, 10)) <= 0 || *end != '\0')
		return ofs_error_set(err, OFS_EINVAL,
				     "--like: '%s' is not FILE:PARAGRAPH (a paragraph number "
				     "as searcher prints it)", like);
	if (!(file = strndup(like, (size_t)(colon - like))))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	abspath = realpath(file, NULL);
	if (!abspath) {
		rc = ofs_error_set(err, OFS_ENOTFOUND, "--like: %s: %s", file, strerror(errno));
		free(file);
		return rc;
	}
	ofs_report_id(abspath, id);
	snprintf(seq, sizeof seq, "%ld", n);
	if ((rc = paragraph_query(id, seq, out)) == OFS_ENOMEM)
		ofs_error_set(err, rc, "out of memory");
	free(abspath);
	free(file);
	return rc;
}

/* Restrict *q to paragraphs, or to report documents. */
static ofs_status only(ofs_xquery **q, int reports)
{
	ofs_xquery *r = NULL, *nq = NULL;
	ofs_status rc = ofs_xquery_term(&r, OFS_TERM_REPORT);
	if (rc == OFS_OK)
		rc = reports ? ofs_xquery_filter(&nq, *q, r) : ofs_xquery_and_not(&nq, *q, r);
	ofs_xquery_free(r);
	if (rc == OFS_OK) {
		ofs_xquery_free(*q);
		*q = nq;
	}
	return rc;
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
	if (mode && o->wordnet && !s->wordnet &&
	    (rc = ofs_wordnet_open(ofs_wordnet_default_dir(), &s->wordnet, err)) != OFS_OK)
		goto done;
	ofs_expander_set_mode(s->expander, mode, mode && o->wordnet ? s->wordnet : NULL);
	rc = ofs_expand_rewrite(s->expander, text, EXPAND_FIELD, &rewritten, expansions, err);
	if (rc == OFS_OK)
		rc = ofs_xparser_parse(s->qp, rewritten, flags, q, err);
done:
	/* Errors should quote what the user typed, not a rewrite. */
	if (rc == OFS_EQUERY && err && strstr(err->msg, "query '") == err->msg) {
		const char *why = strstr(err->msg, "': ");
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", why ? why + 3 : "cannot parse");
		ofs_error_set(err, rc, "query '%s': %s", raw, msg);
	}
	free(rewritten);
	free(text);
	return rc;
}

struct years {
	const char *lo, *hi; /* YYYY-MM-DD bounds, NULL when open */
	ofs_xquery *any;     /* OR of the year terms in range */
	ofs_status rc;
};

static int add_year(void *ctx, const char *term)
{
	struct years *y = ctx;
	const char *year = term + strlen(OFS_PFX_YEAR);
	ofs_xquery *t = NULL, *both = NULL;
	if (strlen(year) != 4 || (y->lo && strncmp(year, y->lo, 4) < 0) ||
	    (y->hi && strncmp(year, y->hi, 4) > 0))
		return 0;
	if ((y->rc = ofs_xquery_term(&t, term)) == OFS_OK && y->any &&
	    (y->rc = ofs_xquery_or(&both, y->any, t)) == OFS_OK) {
		ofs_xquery_free(t);
		t = both;
	}
	if (y->rc != OFS_OK) {
		ofs_xquery_free(t);
		return 1;
	}
	ofs_xquery_free(y->any);
	y->any = t;
	return 0;
}

/* Restrict *q to dates in [lo, hi] (either may be NULL).  The year terms
 * of the years in range narrow the matches through posting lists; the
 * dates themselves (values, read per match) are compared only when a
 * bound falls inside a year. */
static ofs_status date_filter(ofs_searcher *s, ofs_xquery **q, const char *lo, const char *hi,
			      ofs_error *err)
{
	struct years y = {lo, hi, NULL, OFS_OK};
	ofs_xquery *f = NULL;
	ofs_status rc = ofs_xdb_each_term(s->db, OFS_PFX_YEAR, add_year, &y, err);
	if (rc == OFS_OK && y.rc != OFS_OK)
		rc = ofs_error_set(err, y.rc, "out of memory");
	/* No year in range: nothing can match. */
	if (rc == OFS_OK && !y.any)
		rc = ofs_xquery_term(&y.any, OFS_PFX_YEAR);
	if (rc == OFS_OK)
		rc = add_filter(q, rc, y.any);
	else
		ofs_xquery_free(y.any);
	if (rc == OFS_OK && ((lo && strcmp(lo + 4, "-01-01")) || (hi && strcmp(hi + 4, "-12-31")))) {
		rc = ofs_xquery_value_range(&f, OFS_SLOT_DATE, lo, hi);
		rc = add_filter(q, rc, f);
	}
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
	if (o->from && !ofs_date_bound(o->from, 0, lo))
		return ofs_error_set(err, OFS_EINVAL, "--from: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->from);
	if (o->to && !ofs_date_bound(o->to, 1, hi))
		return ofs_error_set(err, OFS_EINVAL, "--to: '%s' is not YYYY, YYYY-MM or YYYY-MM-DD",
				     o->to);
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
		rc = only(&q, o->reports);
	if (rc == OFS_OK)
		rc = option_filter(&q, council_term, "council", o->council, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, grade_term, "grade", o->grade, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, area_term, "area", o->area, err);
	if (rc == OFS_OK)
		rc = option_filter(&q, kind_term, "kind", o->kind, err);
	if (rc == OFS_OK && (o->from || o->to))
		rc = date_filter(s, &q, o->from ? lo : NULL, o->to ? hi : NULL, err);
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

/*
 * A corrected query: each plain word of the query that the index has
 * never seen, and that names nothing in the thesaurus, replaced by the
 * closest indexed word within the edits typos.h allows (the most frequent
 * of the closest).  *out stays NULL when nothing changes.
 */
static ofs_status suggest(ofs_searcher *s, const char *text, char **out, ofs_error *err)
{
	size_t len = strlen(text);
	ofs_sbuf fixed = {0};
	int changed = 0, quoted = 0;
	ofs_status rc = OFS_OK;

	*out = NULL;
	for (size_t i = 0; i < len && rc == OFS_OK;) {
		size_t j = i;
		char word[64];
		const char *near = NULL;
		unsigned freq = 1;
		size_t k, n_alts = 0;
		if (!isalpha((unsigned char)text[i])) {
			quoted ^= text[i] == '"';
			ofs_sbuf_add(&fixed, text + i++, 1);
			continue;
		}
		while (j < len && (isalnum((unsigned char)text[j]) || (unsigned char)text[j] >= 0x80))
			j++;
		/* Field values, operators and prefixes are not words to correct. */
		int skip = quoted || (j < len && (text[j] == ':' || text[j] == '*')) ||
			   (i && text[i - 1] == ':') || j - i >= sizeof word;
		for (k = 0; !skip && k < j - i; k++)
			word[k] = (char)tolower((unsigned char)text[i + k]);
		word[k] = '\0';
		if (!skip && (rc = ofs_xdb_wordfreq(s->db, word, &freq, err)) == OFS_OK && freq == 0) {
			ofs_thesaurus_lookup(s->thesaurus, word, &n_alts, NULL);
			if (!n_alts && (rc = ofs_expander_typos_find(s->expander, word, &near, err)) == OFS_OK &&
			    near) {
				ofs_sbuf_add(&fixed, near, strlen(near));
				changed = 1;
				i = j;
				continue;
			}
		}
		ofs_sbuf_add(&fixed, text + i, j - i);
		i = j;
	}
	if (rc == OFS_OK && fixed.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK && changed)
		*out = fixed.s;
	else
		free(fixed.s);
	return rc;
}

/* Append the rows of m to res's hits, unpacking their packed values into
 * strings owned by priv. */
static ofs_status add_hits(ofs_results *res, results_priv *priv, ofs_xmset *m,
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
		if (o->per_report || o->timeline)
			h->matches = ofs_xmset_collapse_count(m, i) + 1;
	}
	return OFS_OK;
}

static ofs_status add_facets(ofs_results *res, ofs_xmset *m)
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
static ofs_status add_reports(ofs_searcher *s, ofs_results *res, results_priv *priv,
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
	xo->n_values = OFS_SLOT_COUNT;
	for (unsigned k = 0; k < OFS_SLOT_COUNT; k++)
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
		rc = council_term(NULL, council, &cterm, &e);
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
		if (add_hits(res, priv, priv->msets[0], o, o->limit) != OFS_OK ||
		    (priv->msets[1] && add_hits(res, priv, priv->msets[1], o, o->limit - res->n_hits) != OFS_OK) ||
		    (o->facets && add_facets(res, priv->msets[0]) != OFS_OK))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	ofs_xquery_free(other);
	ofs_xquery_free(same);
	ofs_xquery_free(cq);
	free(council);
	free(cterm);
	return rc;
}

/*
 * How many of the query's units the best result matches, and which it
 * does not: each unit's query asked of that one paragraph (its report's
 * posting list is short, so each costs little).
 */
static ofs_status coverage(ofs_searcher *s, ofs_results *res, ofs_xmset *m, ofs_error *err)
{
	size_t n = ofs_expand_units(s->expander);
	ofs_xquery *para = NULL;
	ofs_sbuf missing = {0};
	ofs_status rc;

	res->words = (unsigned)n;
	if (n < 2 || !ofs_xmset_size(m))
		return OFS_OK;
	rc = paragraph_query(ofs_xmset_value(m, 0, OFS_SLOT_REPORT),
			     ofs_xmset_value(m, 0, OFS_SLOT_SEQ), &para);
	for (size_t i = 0; i < n && rc == OFS_OK; i++) {
		const ofs_xquery *uq = ofs_expand_unit_query(s->expander, i);
		ofs_xquery *both = NULL;
		ofs_xmset *one = NULL;
		ofs_xsearch_opts xo = {.limit = 1, .sort_slot = -1, .collapse_slot = -1};
		if (!uq) {
			res->words--; /* a unit the parser dropped */
			continue;
		}
		rc = ofs_xquery_filter(&both, uq, para);
		if (rc == OFS_OK)
			rc = ofs_xdb_search(s->db, both, &xo, &one, err);
		if (rc == OFS_OK && ofs_xmset_size(one)) {
			res->words_matched++;
		} else if (rc == OFS_OK) {
			const char *w = ofs_expand_unit_text(s->expander, i);
			if (missing.len)
				ofs_sbuf_add(&missing, ", ", 2);
			ofs_sbuf_add(&missing, w, strlen(w));
		}
		ofs_xquery_free(both);
		ofs_xmset_free(one);
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

/* Option values are the user's words too: refuse bytes that are not
 * text, naming the option. */
static ofs_status check_options(const ofs_search_opts *o, ofs_error *err)
{
	const struct { const char *name, *value; } opts[] = {
		{"council", o->council}, {"grade", o->grade}, {"area", o->area},
		{"kind", o->kind}, {"from", o->from}, {"to", o->to}, {"like", o->like},
	};
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
		char *text = NULL;
		ofs_status rc;
		if (!opts[i].value)
			continue;
		rc = ofs_normalize(opts[i].value, strlen(opts[i].value), 0, &text, NULL, err);
		free(text);
		if (rc == OFS_EFORMAT)
			return ofs_error_set(err, OFS_EINVAL, "--%s: invalid UTF-8", opts[i].name);
		if (rc != OFS_OK)
			return rc;
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
	if (strlen(raw) > OFS_QUERY_MAX)
		rc = ofs_error_set(err, OFS_EQUERY, "query '%.40s...': longer than %d bytes", raw,
				   OFS_QUERY_MAX);
	else
		rc = check_options(o, err);
	if (rc == OFS_OK)
		rc = ofs_normalize(raw, strlen(raw), 0, &priv->query, NULL, err);
	if (rc == OFS_EFORMAT)
		rc = ofs_error_set(err, OFS_EQUERY, "query: invalid UTF-8");
	if (rc == OFS_OK && o->like)
		rc = like_query(o->like, &like, err);
	if (rc == OFS_OK)
		rc = build_query(s, o, priv->query, like, &q, &res->expansions, err);
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
	if (!o->reports && !o->like && (rc = suggest(s, priv->query, &res->suggestion, err)) != OFS_OK)
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
		if (add_hits(res, priv, priv->msets[0], o, o->limit) != OFS_OK ||
		    (o->facets && add_facets(res, priv->msets[0]) != OFS_OK))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	if (rc == OFS_OK && o->timeline)
		rc = add_reports(s, res, priv, err);
	if (rc == OFS_OK && !o->reports && !o->timeline && !o->per_report)
		rc = coverage(s, res, priv->msets[0], err);
done:
	ofs_xquery_free(q);
	ofs_xquery_free(like);
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
		free(priv);
	}
	free(r->hits);
	free(r->words_missing);
	free(r->explain);
	free(r->suggestion);
	free(r);
}
