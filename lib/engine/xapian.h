/*
 * xapian.h: the project's thin C interface to libxapian.
 *
 * Everything the project does with the engine goes through these
 * functions, implemented in xapian.cc beside it, the only C++ in the project.
 * No Xapian type or exception crosses this interface: every function
 * catches them and returns an ofs_status, with a message in *err that
 * names the index or the query:
 *   OFS_ELOCKED    another writer holds the lock
 *   OFS_ERETRY     the index changed under a reader (after retries)
 *   OFS_ECORRUPT   the index is damaged
 *   OFS_ENOTFOUND  no index at that path
 *   OFS_EQUERY     the query cannot be parsed, or a field value is bad
 *   OFS_ENOMEM     out of memory
 *   OFS_EREMOTE    a shard served remotely does not answer (names it)
 *   OFS_EXAPIAN    anything else the engine reports
 *
 * Handles are opaque, made by a constructor that writes *out (NULL on
 * failure) and freed by the matching free function, which accepts NULL.
 */
#ifndef OFS_XAPIAN_H
#define OFS_XAPIAN_H

#include <stddef.h>
#include <stdint.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_xdb ofs_xdb;         /* a database open to read or write */
typedef struct ofs_xdoc ofs_xdoc;       /* a document being built */
typedef struct ofs_xquery ofs_xquery;   /* a query */
typedef struct ofs_xparser ofs_xparser; /* a configured query parser */
typedef struct ofs_xmset ofs_xmset;     /* one page of results, materialised */

/* ---- Databases ---------------------------------------------------- */

enum {
	OFS_XDB_CREATE = 1 << 0,    /* writing: create the index if missing */
	OFS_XDB_WAIT_LOCK = 1 << 1  /* writing: wait for another writer */
};

/*
 * Open the index at path for writing.  Errors: OFS_ELOCKED (another
 * writer; not returned with OFS_XDB_WAIT_LOCK, which waits instead),
 * OFS_ENOTFOUND (missing, without OFS_XDB_CREATE), OFS_ECORRUPT,
 * OFS_EXAPIAN.  Free with ofs_xdb_close(), which commits pending changes.
 */
ofs_status ofs_xdb_open_write(ofs_xdb **out, const char *path, unsigned flags,
			      ofs_error *err);

/*
 * Open the index at path for reading: a database folder or a stub file
 * listing several (shards searched as one).  Errors: OFS_ENOTFOUND,
 * OFS_ECORRUPT, OFS_EXAPIAN.
 */
ofs_status ofs_xdb_open_read(ofs_xdb **out, const char *path, ofs_error *err);

/*
 * Open the n databases at paths for reading, searched as one (the shards
 * of an index); name (the index) is what errors name.  Errors as
 * ofs_xdb_open_read().
 */
ofs_status ofs_xdb_open_shards(ofs_xdb **out, const char *name, char *const *paths,
			       unsigned n, ofs_error *err);

/*
 * Shards served by xapian-tcpsrv.  Xapian's remote backend serves
 * documents, terms and statistics but neither spelling nor synonyms, and
 * metadata is read from the first database only: those come from a local
 * sidecar database (ofs_xdb_write_sidecar()) searched first, which holds
 * no documents.  A connection broken between calls (a server's idle
 * timeout, a restart) is opened again and the call run again once.
 */
typedef struct ofs_xremote_opts {
	const char *sidecar;  /* the local sidecar database (required) */
	unsigned timeout_ms;  /* bound on each exchange with a server
			       * (0: Xapian's default, 10 s) */
	unsigned connect_ms;  /* bound on connecting (0: 10 s) */
	int partial;          /* leave out shards that do not answer (as
			       * long as one does) instead of failing */
} ofs_xremote_opts;

/*
 * Open the n shards served at addrs ("HOST:PORT" each, or the absolute
 * path of a shard on this machine), searched as one;
 * name (the index) is what errors name.  Errors: OFS_EREMOTE naming the
 * first shard that does not answer (with partial: only when none does),
 * OFS_ENOTFOUND (no sidecar), OFS_EXAPIAN, OFS_ENOMEM.  Every call on the
 * handle may then fail with OFS_EREMOTE naming a shard, within about
 * timeout_ms + connect_ms per shard.
 */
ofs_status ofs_xdb_open_remote(ofs_xdb **out, const char *name, char *const *addrs,
			       unsigned n, const ofs_xremote_opts *o, ofs_error *err);

/* Whether shards that stop answering are left out (1) or an error (0);
 * a no-op for a database not opened remotely. */
void ofs_xdb_set_partial(ofs_xdb *db, int partial);

/*
 * The shards left out: NULL when none, else "HOST:PORT, HOST:PORT"
 * (borrowed from db until the next call on it).  Before a search, call
 * ofs_xdb_recheck(), which tries them again (unless they were tried
 * since the last recheck): OFS_EREMOTE naming one still down unless
 * partial.
 */
const char *ofs_xdb_shards_down(const ofs_xdb *db);
ofs_status ofs_xdb_recheck(ofs_xdb *db, ofs_error *err);

/*
 * Write the new database dst (replacing one there) holding db's
 * spelling, synonyms and metadata and no documents, and the frequency of
 * each of its terms, which a remote reader asks the sidecar instead of
 * every server while the shards hold as many documents as when it was
 * written: the sidecar of ofs_xremote_opts.  shards (the names of the
 * live shards, space-separated) goes in as metadata "ofs:shards", for a
 * replica to learn which databases to copy (scripts/replicate.sh).  Errors: OFS_EIO/OFS_EXAPIAN naming dst.
 */
ofs_status ofs_xdb_write_sidecar(ofs_xdb *db, const char *dst, const char *shards,
				 ofs_error *err);

/* Close (a writer commits first); NULL is a no-op.  A commit failure at
 * close is lost: call ofs_xdb_commit() first to see it. */
void ofs_xdb_close(ofs_xdb *db);

/*
 * Write a compacted copy of the database at src to the new folder dst:
 * every B-tree block full, so it is smaller and faster to search.
 * Errors: OFS_EIO/OFS_EXAPIAN naming src or dst.
 */
ofs_status ofs_xdb_compact(const char *src, const char *dst, ofs_error *err);

/*
 * Check the database at path whole: every table's structure and their
 * agreement.  Errors: OFS_ECORRUPT (the message says how to rebuild),
 * OFS_ENOTFOUND, OFS_EXAPIAN.
 */
ofs_status ofs_xdb_check(const char *path, ofs_error *err);

/* Make changes so far durable and visible to new readers. */
ofs_status ofs_xdb_commit(ofs_xdb *db, ofs_error *err);

/* Number of documents. */
ofs_status ofs_xdb_doccount(ofs_xdb *db, unsigned *out, ofs_error *err);

/* Number of documents indexed by term. */
ofs_status ofs_xdb_termfreq(ofs_xdb *db, const char *term, unsigned *out,
			    ofs_error *err);

/* Number of documents with word (lower case) as the index stores it
 * (its English stem). */
ofs_status ofs_xdb_wordfreq(ofs_xdb *db, const char *word, unsigned *out,
			    ofs_error *err);

/* Add doc (a writer only).  The document is copied; the caller still owns
 * and frees it. */
ofs_status ofs_xdb_add(ofs_xdb *db, const ofs_xdoc *doc, ofs_error *err);

/*
 * Group the changes that follow, up to ofs_xdb_group_end(), so that they
 * are committed together or not at all: Xapian commits a writer's
 * changes on its own every XAPIAN_FLUSH_THRESHOLD changes (10000 unless
 * the environment says otherwise), but never inside a group, so a reader
 * never sees part of one.  A writer only; groups do not nest.
 */
ofs_status ofs_xdb_group_begin(ofs_xdb *db, ofs_error *err);
ofs_status ofs_xdb_group_end(ofs_xdb *db, ofs_error *err);

/* Delete every document indexed by term (none is not an error). */
ofs_status ofs_xdb_delete_term(ofs_xdb *db, const char *term, ofs_error *err);

/*
 * The data and values of the first document indexed by term: *data (the
 * document's data, caller frees) is NULL and OFS_ENOTFOUND returned when
 * no document has the term.
 */
ofs_status ofs_xdb_get_by_term(ofs_xdb *db, const char *term, char **data,
			       size_t *len, ofs_error *err);

/*
 * Call fn for every term starting with prefix, in sorted order, with the
 * whole term; stop early when fn returns non-zero.
 */
ofs_status ofs_xdb_each_term(ofs_xdb *db, const char *prefix,
			     int (*fn)(void *ctx, const char *term), void *ctx,
			     ofs_error *err);

/* The same with each term's document frequency. */
ofs_status ofs_xdb_each_term_freq(ofs_xdb *db, const char *prefix,
				  int (*fn)(void *ctx, const char *term, unsigned freq),
				  void *ctx, ofs_error *err);

/*
 * Call fn with the terms starting with prefix (the prefix cut off; n of
 * them, in sorted order, borrowed for the call) of about max_docs
 * documents spread evenly over the document ids, until fn returns
 * non-zero.  A writer sees what it has not committed yet.
 */
ofs_status ofs_xdb_sample_terms(ofs_xdb *db, const char *prefix, unsigned max_docs,
				int (*fn)(void *ctx, const char *const *terms, size_t n),
				void *ctx, ofs_error *err);

/* Call fn with the value in slot (value bytes, len) of every document
 * indexed by term, until fn returns non-zero. */
ofs_status ofs_xdb_each_value(ofs_xdb *db, const char *term, unsigned slot,
			      int (*fn)(void *ctx, const char *value, size_t len), void *ctx,
			      ofs_error *err);

/* Record that key (a word or words, lower case) may be written as value;
 * a writer only.  The synonym table stores; search.c decides how to use
 * it. */
ofs_status ofs_xdb_add_synonym(ofs_xdb *db, const char *key, const char *value,
			       ofs_error *err);

/* Forget the values of every key starting with key_prefix (a writer
 * only). */
ofs_status ofs_xdb_clear_synonyms(ofs_xdb *db, const char *key_prefix, ofs_error *err);

/* Call fn with every value recorded for key, until fn returns non-zero. */
ofs_status ofs_xdb_each_synonym(ofs_xdb *db, const char *key,
				int (*fn)(void *ctx, const char *value), void *ctx,
				ofs_error *err);

/* Call fn with every word of the spelling table (lower case) and how
 * often the reports have it, in sorted order, until fn returns non-zero.
 * Over shards, a word's counts are added up. */
ofs_status ofs_xdb_each_spelling(ofs_xdb *db, int (*fn)(void *ctx, const char *word,
							unsigned freq),
				 void *ctx, ofs_error *err);

/* Add freq occurrences of word to the spelling dictionary (a writer only). */
ofs_status ofs_xdb_add_spelling(ofs_xdb *db, const char *word, unsigned freq,
				ofs_error *err);

/*
 * The query of the terms that best characterise the first document that
 * which matches (relevance feedback: the top n_terms of Xapian's expand
 * set, unprefixed terms only), OR-ed.  Errors: OFS_ENOTFOUND when which
 * matches nothing, OFS_EXAPIAN.
 */
ofs_status ofs_xdb_like_query(ofs_xdb *db, const ofs_xquery *which, unsigned n_terms,
			      ofs_xquery **out, ofs_error *err);

/*
 * Pseudo-relevance feedback: run q, take the best terms of its top k
 * documents (unprefixed words not already in q), and return q with them
 * as an optional, weighted part: the same matches, re-ranked towards
 * documents like the best ones.  Errors: OFS_EXAPIAN, OFS_ENOMEM.
 */
ofs_status ofs_xdb_feedback_query(ofs_xdb *db, const ofs_xquery *q, unsigned k,
				  unsigned n_terms, double weight, ofs_xquery **out,
				  ofs_error *err);

/* Index-wide key/value metadata.  get: *value is a new string (caller
 * frees), "" when the key is unset. */
ofs_status ofs_xdb_set_metadata(ofs_xdb *db, const char *key, const char *value,
				ofs_error *err);
ofs_status ofs_xdb_get_metadata(ofs_xdb *db, const char *key, char **value,
				ofs_error *err);

/* ---- Documents ---------------------------------------------------- */

/* A new empty document.  Errors: OFS_ENOMEM. */
ofs_status ofs_xdoc_new(ofs_xdoc **out);
void ofs_xdoc_free(ofs_xdoc *doc);

/* The document's stored data (copied). */
ofs_status ofs_xdoc_set_data(ofs_xdoc *doc, const char *data, size_t len);

/* A term that is only for filtering: no position, no effect on weights. */
ofs_status ofs_xdoc_add_boolean_term(ofs_xdoc *doc, const char *term);

/* Value in slot (copied), for sorting, ranges and facet counts. */
ofs_status ofs_xdoc_set_value(ofs_xdoc *doc, unsigned slot, const char *value,
			      size_t len);

/*
 * Index len bytes of UTF-8 text: words with positions (so phrases match)
 * and their English stems, through Xapian's TermGenerator.  Several calls
 * continue the positions.
 */
ofs_status ofs_xdoc_index_text(ofs_xdoc *doc, const char *text, size_t len);

/*
 * The stems ofs_xdoc_index_text() makes of len bytes of text, in the
 * order of their positions, one space apart ("children care" for
 * "children in care"): the key under which a name's occurrences are
 * found in a document.  *out is a new string (caller frees), "" when the
 * text has no indexed words.  Errors: OFS_ENOMEM.
 */
ofs_status ofs_xtext_terms(const char *text, size_t len, char **out);

/*
 * Asked of a run of a document's terms in position order, joined as by
 * ofs_xtext_terms() (seq, len bytes): OFS_XNAME_PREFIX if some name
 * starts with that run, OFS_XNAME_WHOLE if the run is a name, or both
 * (0: neither).
 */
enum { OFS_XNAME_PREFIX = 1, OFS_XNAME_WHOLE = 2 };
typedef int (*ofs_xname_fn)(void *ctx, const char *seq, size_t len);

/*
 * After ofs_xdoc_index_text(): add prefix + key as a boolean term (no
 * weight, no effect on the document's length) for every run of the
 * document's terms that is_name says is a name, so that the paragraphs
 * holding a name several words long are found by one term rather than by
 * reading positions.  Runs are at most max_words long.  Errors:
 * OFS_ENOMEM.
 */
ofs_status ofs_xdoc_add_names(ofs_xdoc *doc, const char *prefix, unsigned max_words,
			      ofs_xname_fn is_name, void *ctx);

/* ---- Queries ------------------------------------------------------ */

/* Term query, and a value range [lo, hi] on slot (either bound may be
 * NULL for open).  Errors: OFS_ENOMEM. */
ofs_status ofs_xquery_term(ofs_xquery **out, const char *term);
/* Any of the n terms, as one OR (n may be 0: matches nothing). */
ofs_status ofs_xquery_any_term(ofs_xquery **out, const char *const *terms, size_t n);
ofs_status ofs_xquery_value_range(ofs_xquery **out, unsigned slot,
				  const char *lo, const char *hi);

/* Combinations, each a new query; the inputs are unchanged.
 * filter: results of q restricted to those matching f, f not weighted;
 * and_not: results of a that do not match b;
 * synonym: the n queries weighted as if they were one term, so that
 * alternatives never outweigh the words typed;
 * scale: q's weights multiplied by factor (>= 0). */
ofs_status ofs_xquery_filter(ofs_xquery **out, const ofs_xquery *q,
			     const ofs_xquery *f);
ofs_status ofs_xquery_or(ofs_xquery **out, const ofs_xquery *a,
			 const ofs_xquery *b);
ofs_status ofs_xquery_and_not(ofs_xquery **out, const ofs_xquery *a,
			      const ofs_xquery *b);
ofs_status ofs_xquery_synonym(ofs_xquery **out, ofs_xquery *const *qs, size_t n);
ofs_status ofs_xquery_scale(ofs_xquery **out, const ofs_xquery *q, double factor);

/* Another handle on the same query. */
ofs_status ofs_xquery_copy(ofs_xquery **out, const ofs_xquery *q);

/*
 * q with each phrase of consecutive stems (a quoted phrase, a hyphenated
 * word) whose name term (prefix + the stems without their "Z", one space
 * apart: names.h) db holds, read as its words ANDed and filtered by that
 * term: the same documents with the same weights (a phrase weighs as its
 * words ANDed), and no position read.  Only for an index whose every
 * document holding a name has its term.  Phrases under other operators
 * than AND, OR, NOT, FILTER, AND_MAYBE, SYNONYM and MAX stay as they are.
 * *out is a new query.  Errors: OFS_ENOMEM, OFS_EXAPIAN.
 */
ofs_status ofs_xquery_phrase_names(ofs_xquery **out, const ofs_xquery *q, ofs_xdb *db,
				   const char *prefix, ofs_error *err);

/* The words beginning with prefix (any case), as one synonym group: the
 * OFS_XPREFIX_TERMS most frequent indexed stems of db beginning with it
 * and the prefix's own stem ("placements": "placement"), listed here
 * rather than left to each shard, so that shards served remotely find the
 * same words.  Errors: as reading db, OFS_ENOMEM. */
#define OFS_XPREFIX_TERMS 64
ofs_status ofs_xquery_prefix(ofs_xquery **out, ofs_xdb *db, const char *prefix,
			     ofs_error *err);

/* A readable description of q (caller frees), for --explain. */
char *ofs_xquery_describe(const ofs_xquery *q);
void ofs_xquery_free(ofs_xquery *q);

/*
 * Turns the text after a field prefix ("council:Bath") into the term to
 * filter on.  On success it returns OFS_OK with *term a new string
 * (freed by the wrapper with free()); on failure it returns an error
 * whose message becomes the query error.
 */
typedef ofs_status (*ofs_xfield_fn)(void *ctx, const char *text, char **term,
				    ofs_error *err);

/* A query parser: English stemming, English stop words for free text,
 * phrases, AND/OR/NOT, +/-, wildcards. */
ofs_status ofs_xparser_new(ofs_xparser **out, ofs_xdb *db, ofs_error *err);
void ofs_xparser_free(ofs_xparser *p);

/* Register field: as a filter whose term fn makes from the text. */
ofs_status ofs_xparser_add_filter_field(ofs_xparser *p, const char *field,
					ofs_xfield_fn fn, void *ctx,
					ofs_error *err);

/*
 * Makes the query for the text after a field prefix, as a weighted part
 * of the query.  On success *q is a new query the wrapper frees.
 */
typedef ofs_status (*ofs_xquery_fn)(void *ctx, const char *text, ofs_xquery **q,
				    ofs_error *err);

/* Register field: as a weighted sub-query that fn makes from its text. */
ofs_status ofs_xparser_add_query_field(ofs_xparser *p, const char *field,
				       ofs_xquery_fn fn, void *ctx, ofs_error *err);

enum {
	OFS_XPARSE_ANY = 1 << 0 /* words without operators: any (OR), not all */
};


/*
 * Parse a user's query (already normalised).  An empty query gives a
 * match-everything query.  Errors name shown (NULL: text), the query as
 * the user typed it when text is a rewrite of it: OFS_EQUERY; the error a
 * field callback returned (its status and message).
 */
ofs_status ofs_xparser_parse(ofs_xparser *p, const char *text, const char *shown,
			     unsigned flags, ofs_xquery **out, ofs_error *err);

/* ---- Searching ---------------------------------------------------- */

#define OFS_XMAX_FACETS 8

typedef struct ofs_xsearch_opts {
	unsigned offset;          /* first result, 0-based */
	unsigned limit;           /* results to materialise */
	int sort_slot;            /* -1: by relevance; else ascending by value */
	int sort_descending;      /* with sort_slot */
	int collapse_slot;        /* -1: none; else one result per value */
	int exact_total;          /* count every match (slower) */
	unsigned facet_fields;    /* 0: no facets; else count the values of
				   * the first facet_fields fields packed in
				   * facet_slot (separated by '\x1f') over all
				   * matches (implies exact_total); at most
				   * OFS_XMAX_FACETS */
	unsigned facet_slot;
	unsigned n_values;        /* values to fetch for each result */
	unsigned value_slots[16];
	size_t snippet_length;    /* 0: no snippets; else bytes of text */
	const char *hi_start;     /* snippet highlight markers */
	const char *hi_end;
} ofs_xsearch_opts;

/*
 * Run q and materialise the results: data, the requested values and a
 * snippet of each document's data.  Retries on a concurrently modified
 * index after reopening it.  Counting every match (exact_total, facets)
 * is a second pass, unweighted; from its second facet search on, a
 * handle of ofs_xdb_open_shards() counts through a table of every
 * document's facet value that it keeps until it is reopened or closed
 * (4 bytes a document, and each distinct value once).  Errors:
 * OFS_ERETRY, OFS_EXAPIAN, OFS_ENOMEM.
 */
ofs_status ofs_xdb_search(ofs_xdb *db, const ofs_xquery *q,
			  const ofs_xsearch_opts *opts, ofs_xmset **out,
			  ofs_error *err);
void ofs_xmset_free(ofs_xmset *m);

/*
 * How many bitsets of common terms and phrases db's tables use for
 * counting (facet_count.h): those every handle of the process on the same
 * shards at the same revision keeps, up to OFS_TERM_BITS_MB a process (by
 * default 16 MB, or room for 128 bitsets a shard where that is more); 0
 * before db counts through tables.
 */
size_t ofs_xdb_kept_bitsets(ofs_xdb *db);

/*
 * Which of the n queries qs (n <= 52; a NULL entry never matches) match
 * the first document that where matches (where should match one, e.g. a
 * paragraph's id): bit k of *bits for qs[k].  A local index tells most
 * from that document's terms, read once; the rest (phrases, and all of
 * them over remote shards) take one search, so one round trip to each
 * remote shard however many queries.  Errors: OFS_EINVAL (n too big),
 * OFS_ERETRY, OFS_EXAPIAN, OFS_EREMOTE.
 */
ofs_status ofs_xdb_which_match(ofs_xdb *db, const ofs_xquery *where,
			       const ofs_xquery *const *qs, size_t n, uint64_t *bits,
			       ofs_error *err);

/* Matches: an exact count with exact_total or spies, else an estimate;
 * whether it is exact (always with exact_total, else when the engine
 * happened to see every match). */
unsigned ofs_xmset_total(const ofs_xmset *m);
int ofs_xmset_total_exact(const ofs_xmset *m);
/* Results materialised. */
unsigned ofs_xmset_size(const ofs_xmset *m);

/* The i-th result's fields.  Strings are borrowed from m, valid until
 * ofs_xmset_free(); values never set are "". */
double ofs_xmset_weight(const ofs_xmset *m, unsigned i);
const char *ofs_xmset_data(const ofs_xmset *m, unsigned i, size_t *len);
const char *ofs_xmset_value(const ofs_xmset *m, unsigned i, unsigned k);
const char *ofs_xmset_snippet(const ofs_xmset *m, unsigned i);
/* With collapse_slot: how many other matches share the i-th's value
 * (a lower bound unless exact_total). */
unsigned ofs_xmset_collapse_count(const ofs_xmset *m, unsigned i);

/* Facet counts of field s of facet_slot: n entries, most frequent first;
 * entry j's value and count.  Empty values are not counted.  Borrowed
 * from m. */
unsigned ofs_xmset_facet_size(const ofs_xmset *m, unsigned s);
const char *ofs_xmset_facet_value(const ofs_xmset *m, unsigned s, unsigned j,
				  unsigned *count);

#ifdef __cplusplus
}
#endif
#endif
