/*
 * filters.c: the user's words for councils, grades, areas, kinds, years
 * and dates turned into the boolean terms of schema.h, and queries
 * restricted by them.
 *
 * Filters given as options and filters written in the query (council:...)
 * go through the same functions, so both accept the same words and reject
 * the same mistakes.
 */
#include "query/search_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/normalize.h"
#include "base/schema.h"
#include "base/util.h"
#include "extract/council.h"
#include "ofs/report.h"

static ofs_status make_term(char **term, const char *prefix, const char *value)
{
	if (asprintf(term, "%s%s", prefix, value) < 0) {
		*term = NULL;
		return OFS_ENOMEM;
	}
	return OFS_OK;
}

ofs_status ofs__council_term(void *ctx, const char *text, char **term, ofs_error *err)
{
	ofs_searcher *s = ctx;
	const char *canon = ofs_council_canonical(text), *near[3];
	char *key = ofs_key(canon ? canon : text);
	unsigned freq = 0;
	size_t n;
	ofs_status rc;
	if (!key)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (!*key) {
		free(key);
		return ofs_error_set(err, OFS_EQUERY, "empty council name");
	}
	rc = make_term(term, OFS_PFX_COUNCIL, key);
	free(key);
	/* A name no authority has and no report gives matches nothing: say
	 * so, with the names the user may have meant. */
	if (rc != OFS_OK || canon || !s || ofs_xdb_termfreq(s->db, *term, &freq, NULL) != OFS_OK ||
	    freq)
		return rc;
	free(*term);
	*term = NULL;
	n = ofs__council_nearest(text, near, 3);
	return ofs_error_set(err, OFS_EQUERY, "unknown council '%s'%s%s%s%s%s%s%s", text,
			     n ? " (did you mean " : " (no council has a name like it)",
			     n ? near[0] : "", n > 1 ? (n > 2 ? ", " : " or ") : "",
			     n > 1 ? near[1] : "", n > 2 ? " or " : "", n > 2 ? near[2] : "",
			     n ? "?)" : "");
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

const ofs__query_field ofs__query_fields[] = {
	{"council", ofs__council_term},
	{"grade", grade_term},
	{"area", area_term},
	{"kind", kind_term},
	{"year", year_term},
};

const size_t ofs__n_query_fields = sizeof ofs__query_fields / sizeof *ofs__query_fields;

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

/* Filter *q by an option given in the user's words: one value, or
 * several separated by ';' of which any may match (--council A --council
 * B compares two councils). */
static ofs_status option_filter(ofs_searcher *s, ofs_xquery **q, ofs_xfield_fn fn,
				const char *opt, const char *value, ofs_error *err)
{
	ofs_xquery *any = NULL;
	ofs_status rc = OFS_OK;
	if (!value)
		return OFS_OK;
	for (const char *v = value; rc == OFS_OK;) {
		size_t len = strcspn(v, ";");
		char *one = strndup(v, len), *term = NULL;
		ofs_xquery *t = NULL, *both = NULL;
		ofs_error e;
		ofs_error_clear(&e);
		rc = one ? fn(s, one, &term, &e) : OFS_ENOMEM;
		free(one);
		if (rc == OFS_EQUERY)
			rc = ofs_error_set(err, OFS_EINVAL, "--%s: %s", opt, e.msg);
		else if (rc != OFS_OK)
			rc = ofs_error_set(err, rc, "%s", rc == OFS_ENOMEM ? "out of memory" : e.msg);
		if (rc == OFS_OK)
			rc = ofs_xquery_term(&t, term);
		free(term);
		if (rc == OFS_OK && any && (rc = ofs_xquery_or(&both, any, t)) == OFS_OK) {
			ofs_xquery_free(t);
			t = both;
		}
		if (rc == OFS_OK) {
			ofs_xquery_free(any);
			any = t;
		} else {
			ofs_xquery_free(t);
		}
		if (!v[len])
			break;
		v += len + 1;
	}
	if (rc == OFS_OK)
		return add_filter(q, rc, any);
	ofs_xquery_free(any);
	return rc;
}

/* Filter *q by the council, grade, area and kind options. */
ofs_status ofs__option_filters(ofs_searcher *s, ofs_xquery **q, const ofs_search_opts *o,
			       ofs_error *err)
{
	ofs_status rc = option_filter(s, q, ofs__council_term, "council", o->council, err);
	if (rc == OFS_OK)
		rc = option_filter(s, q, grade_term, "grade", o->grade, err);
	if (rc == OFS_OK)
		rc = option_filter(s, q, area_term, "area", o->area, err);
	if (rc == OFS_OK)
		rc = option_filter(s, q, kind_term, "kind", o->kind, err);
	return rc;
}

/* The query for paragraph seq of report id. */
ofs_status ofs__paragraph_query(const char *id, const char *seq, ofs_xquery **out)
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

struct id_match {
	char id[17];
	unsigned n;
};

static int note_id(void *ctx, const char *term)
{
	struct id_match *m = ctx;
	if (++m->n == 1)
		snprintf(m->id, sizeof m->id, "%s", term + strlen(OFS_PFX_DOC));
	return m->n > 1; /* two are enough to know it is ambiguous */
}

/* Whether s is a report id as results print it: 8 to 16 hex digits. */
static int looks_like_id(const char *s, size_t len)
{
	if (len < 8 || len > 16)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The query matching the paragraph "FILE:N" names, for --like: its
 * report's term and its position.  FILE is any path to an indexed file,
 * or the report's id (its first 8 digits or more) as results print it. */
ofs_status ofs__like_query(ofs_searcher *s, const char *like, ofs_xquery **out, ofs_error *err)
{
	const char *colon = strrchr(like, ':');
	char *file, *abspath = NULL, *end, id[17], seq[24];
	long n;
	ofs_status rc = OFS_OK;
	*out = NULL;
	if (!colon || colon == like ||
	    (n = strtol(colon + 1, &end, 10)) <= 0 || *end != '\0')
		return ofs_error_set(err, OFS_EINVAL,
				     "--like: '%s' is not FILE:PARAGRAPH or ID:PARAGRAPH (as results "
				     "print them)", like);
	if (!(file = strndup(like, (size_t)(colon - like))))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (looks_like_id(file, strlen(file)) && access(file, F_OK) != 0) {
		struct id_match m = {"", 0};
		char prefix[32];
		snprintf(prefix, sizeof prefix, "%s%s", OFS_PFX_DOC, file);
		rc = ofs_xdb_each_term(s->db, prefix, note_id, &m, err);
		if (rc == OFS_OK && m.n != 1)
			rc = ofs_error_set(err, m.n ? OFS_EINVAL : OFS_ENOTFOUND,
					   m.n ? "--like: '%s' is the start of several reports' ids: "
						 "give more of it"
					       : "--like: no indexed report has the id '%s'", file);
		memcpy(id, m.id, sizeof id);
	} else if ((abspath = realpath(file, NULL))) {
		ofs_report_id(abspath, id);
	} else {
		rc = ofs_error_set(err, OFS_ENOTFOUND, "--like: %s: %s", file, strerror(errno));
	}
	snprintf(seq, sizeof seq, "%ld", n);
	if (rc == OFS_OK && (rc = ofs__paragraph_query(id, seq, out)) == OFS_ENOMEM)
		ofs_error_set(err, rc, "out of memory");
	free(abspath);
	free(file);
	return rc;
}

/* Restrict *q to paragraphs, or to report documents. */
ofs_status ofs__only(ofs_xquery **q, int reports)
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
ofs_status ofs__date_filter(ofs_searcher *s, ofs_xquery **q, const char *lo, const char *hi,
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

/* Option values are the user's words too: refuse bytes that are not
 * text, naming the option. */
ofs_status ofs__check_options(const ofs_search_opts *o, ofs_error *err)
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
