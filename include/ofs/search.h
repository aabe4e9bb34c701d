/*
 * search.h: ranked, filtered, faceted queries over the index.
 *
 * The query language: words, "phrases", AND, OR, NOT, +word, -word,
 * word*, and the filter fields council:, grade:, area:, kind: and year:,
 * which take the same words as the options (council:"North Somerset",
 * grade:RI, area:"children in care", year:2019).  Ranking is BM25 over
 * paragraphs.  Words are OR-ed: a paragraph matching any of them is
 * found, and those matching more of them rank higher; a query with an
 * explicit AND, or opts.strict, needs every word.  Words that only make
 * a question ("what", "can", "show") are left out.
 *
 * Unless opts.exact is set, words that name something with other names
 * (the thesaurus, everyday words, and acronyms the reports define) also
 * find those names, and a word the index does not hold finds the indexed
 * words one or two edits away (see expand.h); the results say what the
 * engine ran (explain), how many of the query's words the best result
 * matches, and, for a misspelt word, what the user may have meant.
 */
#ifndef OFS_SEARCH_H
#define OFS_SEARCH_H

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_searcher ofs_searcher;

typedef struct ofs_search_opts {
	const char *query;   /* the user's query; NULL or "" for all */
	const char *council; /* filters in the user's words; NULL for none;
			      * several values separated by ';' match any
			      * of them ("Leeds;Bradford") */
	const char *grade;
	const char *area;
	const char *kind;
	const char *from;    /* YYYY, YYYY-MM or YYYY-MM-DD, inclusive */
	const char *to;
	unsigned offset;
	unsigned limit;
	int any;             /* words match any, not all (the default) */
	int strict;          /* every word must match (as an explicit AND) */
	int prefix;          /* the last word is also a prefix ("safegu") */
	int facets;          /* count council, grade, area, year over all matches */
	int count;           /* count all matches exactly (facets, reports,
			      * per_report, timeline, like and limit 0 always
			      * do); else total may be the engine's estimate */
	int reports;         /* list reports instead of paragraphs (with
			      * words or an area: those with a paragraph
			      * that matches) */
	int exact;           /* no expansion with other names */
	int wordnet;         /* also general English synonyms (WordNet) */
	int neighbours;      /* also the words the reports use with a word no
			      * list names (learnt by the indexer) */
	int feedback;        /* re-rank towards paragraphs like the best ones */
	int per_report;      /* the best paragraph of each report only */
	int timeline;        /* per report, oldest first, with its grades */
	int latest;          /* only each council's newest report with an
			      * overall judgement (of those the council,
			      * kind and date filters select): its current
			      * grades; the grade and area filters apply to
			      * that report */
	const char *like;    /* "FILE:PARAGRAPH": paragraphs like that one,
			      * other councils first (query may be empty) */
	int read_listing;    /* a query whose words name filters and
			      * nothing else ("which councils are
			      * outstanding") is answered with the reports
			      * they select, and a question about how a
			      * council's reports changed
			      * (results.read.change) with their timeline
			      * (results.read.as says which), rather than
			      * with paragraphs */
	int partial;         /* an index of remote shards: search the shards
			      * that answer, leaving out those that do not
			      * (results.partial names them), rather than
			      * fail with OFS_EREMOTE */
} ofs_search_opts;

typedef struct ofs_hit {
	unsigned rank;       /* 1-based */
	double score;        /* BM25 weight; 0 for report listings */
	const char *file;    /* strings borrowed from the results; NULL when */
	const char *council; /* the index has no value for the field */
	const char *date;
	const char *kind;
	const char *area;
	const char *grade;
	const char *section;
	int page;            /* 0 when unknown */
	int paragraph;       /* position in its report, 1-based */
	int number;          /* number printed in the report; 0 if none */
	const char *text;    /* the paragraph; for reports, their JSON */
	const char *snippet; /* text around the matches; matched words are
			      * between OFS_HI_START and OFS_HI_END */
	unsigned matches;    /* per_report and timeline: matching paragraphs
			      * in this report */
	const char *report;  /* timeline: the report's metadata as JSON */
	const char *report_id; /* the report's id (16 hex digits): what
				* ofs_searcher_report() takes, and --like
				* as "ID:PARAGRAPH" (or its first 8 digits) */
} ofs_hit;

/* Highlight markers in snippets: control characters that never occur in
 * normalised text, replaced by each output format. */
#define OFS_HI_START "\x02"
#define OFS_HI_END "\x03"

typedef struct ofs_facet_count {
	const char *value;
	unsigned count;
} ofs_facet_count;

typedef struct ofs_facet {
	const char *name;        /* "council", "grade", "area", "year" */
	ofs_facet_count *counts; /* most frequent first */
	unsigned n;
} ofs_facet;

#define OFS_N_FACETS 4

/* Filters read from a query's own words (see ofs_results.read). */
typedef struct ofs_read_filters {
	const char *council; /* canonical names, ';' between */
	const char *grade;   /* canonical grade name */
	const char *area;    /* the area that grade is for, canonical name */
	const char *from;    /* YYYY */
	const char *to;      /* YYYY */
	int latest;          /* the query asks about the present ("latest
			      * report", "councils that are now
			      * inadequate"): as opts latest */
	int change;          /* the query asks how a council's reports
			      * changed ("how has Leeds improved since
			      * 2018"): its words of change and for the
			      * reports ("report", "grades") are not searched */
	const char *subject; /* what is left to search for, the words not
			      * read (question words aside); NULL for
			      * nothing: then every paragraph the filters
			      * select matches */
	const char *as;      /* with opts read_listing, the listing that
			      * answered: "reports" when nothing is left to
			      * search for, "timeline" for a question about
			      * change; NULL otherwise */
} ofs_read_filters;

typedef struct ofs_results {
	const char *query;       /* as given */
	char *explain;           /* the query as the engine runs it */
	char *suggestion;        /* "did you mean": a corrected query, or NULL */
	unsigned expansions;     /* names widened with their other names */
	unsigned words;          /* the query's units: words, or names of
				  * several words, that rank (0 for none) */
	unsigned words_matched;  /* how many of them the best result matches */
	char *words_missing;     /* those it does not, as typed, ", "
				  * between; NULL when it matches all */
	unsigned total;          /* all matches (see total_exact) */
	int total_exact;         /* total is exact, not an estimate */
	ofs_hit *hits;
	unsigned n_hits;
	ofs_facet facets[OFS_N_FACETS]; /* filled when opts.facets */
	unsigned n_facets;
	void *priv_;             /* owns the strings */
	char *partial;           /* with opts.partial: the remote shards left
				  * out because they did not answer
				  * ("HOST:PORT, HOST:PORT"), NULL when every
				  * shard answered */
	ofs_read_filters read;   /* the filters the query names in its own
				  * words, each NULL when not read: a grade
				  * beside a word for councils ("inadequate
				  * councils", "councils judged outstanding"),
				  * a council's name ("North Somerset",
				  * "Leeds"), years ("since 2017", "in 2019",
				  * "2015 to 2018").  Those words are filters,
				  * not words to rank by; never with
				  * opts.exact or opts.like, nor where opts
				  * gives a filter of that kind */
} ofs_results;

/*
 * Open the index at path (a folder, or a stub file listing shards) for
 * searching, with the thesaurus file at thesaurus (NULL: none).  Errors:
 * OFS_ENOTFOUND (no index: the message names path and says how to make
 * one), OFS_EFORMAT (another layout version; a malformed thesaurus),
 * OFS_EIO (an unreadable thesaurus), OFS_ECORRUPT, OFS_EXAPIAN.  Free
 * with ofs_searcher_free().  Until then the searcher holds the version
 * (generation) of the index it opened, so that an indexer replacing it
 * leaves it in place; the indexer removes it at a run after the free.
 */
ofs_status ofs_searcher_open(ofs_searcher **out, const char *path, const char *thesaurus,
			     ofs_error *err);
void ofs_searcher_free(ofs_searcher *s);

/*
 * Run a search.  On success *out holds the results (caller frees with
 * ofs_results_free(); every string in it lives until then).  Errors:
 * OFS_EQUERY (the query cannot be parsed, is longer than
 * OFS_QUERY_MAX bytes, or uses XOR: the message quotes it),
 * OFS_EINVAL (an unknown grade, area or kind, or a bad date: the message
 * names the value and lists the accepted ones; a malformed like),
 * OFS_EIO (wordnet asked for, but WordNet's files are missing),
 * OFS_ENOTFOUND (the like paragraph is not in the index), OFS_ERETRY,
 * OFS_EREMOTE (an index of remote shards: a shard did not answer within
 * its timeout, $OFS_REMOTE_TIMEOUT seconds, default 10; the message names
 * it; not with opts.partial while one shard answers), OFS_EXAPIAN,
 * OFS_ENOMEM.
 */
/* The longest query accepted, in bytes. */
#define OFS_QUERY_MAX 4096

ofs_status ofs_search(ofs_searcher *s, const ofs_search_opts *opts,
		      ofs_results **out, ofs_error *err);
void ofs_results_free(ofs_results *r);

/*
 * The metadata of the report with id (16 hex digits, as a hit's
 * report_id) as its JSON object (docs/json.md, report listing) in *json
 * (caller frees).  Errors: OFS_ENOTFOUND (no such report, or id is not 16
 * hex digits), OFS_ERETRY, OFS_EXAPIAN, OFS_ENOMEM.
 */
ofs_status ofs_searcher_report(ofs_searcher *s, const char *id, char **json, ofs_error *err);

/*
 * A date bound from YYYY, YYYY-MM or YYYY-MM-DD: the first day covered
 * (upper = 0) or the last (upper = 1), as YYYY-MM-DD in out.  Returns 1,
 * or 0 when s is not such a date.
 */
int ofs_date_bound(const char *s, int upper, char out[11]);

#ifdef __cplusplus
}
#endif
#endif
