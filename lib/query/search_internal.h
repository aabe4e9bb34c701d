/*
 * search_internal.h: what the files of the query stage share behind
 * search.h: the searcher itself, the results' private part, and the
 * steps each file does for ofs_search() (search.c).
 */
#ifndef OFS_SEARCH_INTERNAL_H
#define OFS_SEARCH_INTERNAL_H

#include <stddef.h>

#include "engine/xapian.h"
#include "names/wordnet.h"
#include "ofs/search.h"
#include "ofs/thesaurus.h"
#include "query/expand.h"
#include "query/understand.h"

struct ofs_searcher {
	ofs_xdb *db;
	int hold;           /* the index generation held open (store.h) */
	ofs_xparser *qp;    /* the user's queries */
	ofs_xparser *plain; /* parts of expanded queries: no expansion */
	ofs_thesaurus *thesaurus;
	ofs_expander *expander;
	ofs_wordnet *wordnet; /* English words (typos) and --wordnet; NULL
			       * when WordNet is not installed */
};

/* Results' private part: what the borrowed strings live in. */
typedef struct results_priv {
	ofs_xmset *msets[2];
	char *query;
	ofs_reading reading; /* the filters the query's words name */
	char **reports;     /* timeline: each hit's report JSON */
	char **packed;      /* each hit's unpacked values, two per hit */
} results_priv;

/* ---- filters.c: the user's words for filters as terms ---------------- */

/* The query fields council:, grade:, area:, kind:, year:. */
typedef struct ofs__query_field {
	const char *name;
	ofs_xfield_fn fn;
} ofs__query_field;
extern const ofs__query_field ofs__query_fields[];
extern const size_t ofs__n_query_fields;

/* The term of a council named in the user's words (an ofs_xfield_fn
 * whose ctx is the searcher, or NULL not to check the name: a name that
 * is no authority's and no report's is OFS_EQUERY naming the nearest). */
ofs_status ofs__council_term(void *ctx, const char *text, char **term, ofs_error *err);

/* Option values that are not text: OFS_EINVAL naming the option. */
ofs_status ofs__check_options(const ofs_search_opts *o, ofs_error *err);

/* Restrict *q by the council, grade, area and kind options (OFS_EINVAL
 * naming the option and listing the accepted values), to dates in
 * [lo, hi] (YYYY-MM-DD, either NULL), to paragraphs or report documents. */
ofs_status ofs__option_filters(ofs_searcher *s, ofs_xquery **q, const ofs_search_opts *o,
			       ofs_error *err);
ofs_status ofs__date_filter(ofs_searcher *s, ofs_xquery **q, const char *lo, const char *hi,
			    ofs_error *err);
ofs_status ofs__only(ofs_xquery **q, int reports);

/* The query of paragraph seq of report id; of the paragraph "FILE:N"
 * names (--like: OFS_EINVAL, OFS_ENOTFOUND naming it). */
ofs_status ofs__paragraph_query(const char *id, const char *seq, ofs_xquery **out);
ofs_status ofs__like_query(ofs_searcher *s, const char *like, ofs_xquery **out, ofs_error *err);

/* ---- suggest.c ---------------------------------------------------------- */

/* The query with each misspelt word corrected; *out NULL when none is. */
ofs_status ofs__suggest(ofs_searcher *s, const char *text, char **out, ofs_error *err);

/* ---- results.c ---------------------------------------------------------- */

/* Append at most max rows of m to res's hits (their strings owned by
 * priv); facet counts of m; each hit's report (timeline); how many of the
 * query's units the best result matches.  OFS_ENOMEM, or the engine's
 * errors. */
ofs_status ofs__add_hits(ofs_results *res, results_priv *priv, ofs_xmset *m,
			 const ofs_search_opts *o, unsigned max);
ofs_status ofs__add_facets(ofs_results *res, ofs_xmset *m);
ofs_status ofs__add_reports(ofs_searcher *s, ofs_results *res, results_priv *priv,
			    ofs_error *err);
ofs_status ofs__coverage(ofs_searcher *s, ofs_results *res, ofs_xmset *m, ofs_error *err);

#endif
