/*
 * check_xapian.c: the C wrapper over Xapian: documents in, results out,
 * and every engine failure returned as a status with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "query/typos.h"
#include "engine/xapian.h"
#include "base/normalize.h"
#include "base/util.h"

static char *dir;

static void setup(void)
{
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

static char *sub(const char *name)
{
	char *p;
	ck_assert_int_ge(asprintf(&p, "%s/%s", dir, name), 0);
	return p;
}

static void add(ofs_xdb *db, const char *text, const char *filter, const char *value)
{
	ofs_xdoc *d;
	ofs_error e;
	ck_assert_int_eq(ofs_xdoc_new(&d), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_data(d, text, strlen(text)), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_index_text(d, text, strlen(text)), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_add_boolean_term(d, filter), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_value(d, 0, value, strlen(value)), OFS_OK);
	char packed[64];
	snprintf(packed, sizeof packed, "%s\x1f%s", value, strstr(text, "door") ? "door" : "");
	ck_assert_int_eq(ofs_xdoc_set_value(d, 1, packed, strlen(packed)), OFS_OK);
	ck_assert_int_eq(ofs_xdb_add(db, d, &e), OFS_OK);
	ofs_xdoc_free(d);
}

static ofs_status colour_field(void *ctx, const char *text, char **term, ofs_error *err)
{
	(void)ctx;
	if (strcmp(text, "red") && strcmp(text, "blue"))
		return ofs_error_set(err, OFS_EQUERY, "unknown colour '%s'", text);
	return asprintf(term, "XC%s", text) < 0 ? OFS_ENOMEM : OFS_OK;
}

static ofs_xdb *small_index(const char *name)
{
	char *path = sub(name);
	ofs_xdb *db;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_write(&db, path, OFS_XDB_CREATE, &e), OFS_OK);
	add(db, "Weaknesses at the front door were a constant theme.", "XCred", "red");
	add(db, "The front door responds quickly to children at risk.", "XCblue", "blue");
	add(db, "Care leavers have good support from personal advisers.", "XCred", "red");
	ck_assert_int_eq(ofs_xdb_commit(db, &e), OFS_OK);
	free(path);
	return db;
}

START_TEST(opening_a_missing_index_is_not_found_with_its_path)
{
	ofs_xdb *db = (ofs_xdb *)1;
	ofs_error e;
	char *path = sub("nothing-here");
	ck_assert_int_eq(ofs_xdb_open_read(&db, path, &e), OFS_ENOTFOUND);
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(e.msg, path));
	free(path);
}
END_TEST

START_TEST(a_second_writer_gets_locked)
{
	ofs_xdb *db = small_index("db"), *db2 = NULL;
	char *path = sub("db");
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_write(&db2, path, 0, &e), OFS_ELOCKED);
	ck_assert_ptr_null(db2);
	ck_assert_ptr_nonnull(strstr(e.msg, "locked"));
	ofs_xdb_close(db);
	ck_assert_int_eq(ofs_xdb_open_write(&db2, path, 0, &e), OFS_OK);
	ofs_xdb_close(db2);
	free(path);
}
END_TEST

START_TEST(search_ranks_filters_counts_and_highlights)
{
	ofs_xdb *db = small_index("db");
	ofs_xparser *p;
	ofs_xquery *q;
	ofs_xmset *m;
	ofs_xsearch_opts o = {.limit = 10, .sort_slot = -1, .collapse_slot = -1,
			      .facet_slot = 1, .facet_fields = 2, .n_values = 1, .value_slots = {0},
			      .snippet_length = 200, .hi_start = "[", .hi_end = "]"};
	ofs_error e;
	unsigned count;

	ck_assert_int_eq(ofs_xparser_new(&p, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_parse(p, "front door", NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	ck_assert_uint_eq(ofs_xmset_total(m), 2);
	ck_assert_ptr_nonnull(strstr(ofs_xmset_snippet(m, 0), "[front] [door]"));
	/* Packed facets: field 0 is the colour, field 1 the shape. */
	ck_assert_uint_eq(ofs_xmset_facet_size(m, 0), 2);
	ofs_xmset_facet_value(m, 0, 0, &count);
	ck_assert_uint_eq(count, 1);
	ck_assert_uint_eq(ofs_xmset_facet_size(m, 1), 1);
	ck_assert_str_eq(ofs_xmset_facet_value(m, 1, 0, &count), "door");
	ck_assert_uint_eq(count, 2);
	ofs_xmset_free(m);
	ofs_xquery_free(q);

	/* Stemming: "weakness" finds "Weaknesses"; the field filters. */
	ck_assert_int_eq(ofs_xparser_parse(p, "weakness colour:red", NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	ck_assert_uint_eq(ofs_xmset_total(m), 1);
	ck_assert_str_eq(ofs_xmset_value(m, 0, 0), "red");
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	ofs_xparser_free(p);
	ofs_xdb_close(db);
}
END_TEST

START_TEST(parse_errors_and_field_errors_are_query_errors)
{
	ofs_xdb *db = small_index("db");
	ofs_xparser *p;
	ofs_xquery *q = (ofs_xquery *)1;
	ofs_error e;

	ck_assert_int_eq(ofs_xparser_new(&p, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_parse(p, "front AND", NULL, 0, &q, &e), OFS_EQUERY);
	ck_assert_ptr_null(q);
	ck_assert_ptr_nonnull(strstr(e.msg, "front AND"));
	ck_assert_int_eq(ofs_xparser_parse(p, "door colour:green", NULL, 0, &q, &e), OFS_EQUERY);
	ck_assert_ptr_nonnull(strstr(e.msg, "unknown colour 'green'"));
	ofs_xparser_free(p);
	ofs_xdb_close(db);
}
END_TEST

START_TEST(a_stub_database_searches_shards_as_one)
{
	ofs_xdb *a = small_index("a"), *b = small_index("b"), *all;
	ofs_xquery *q;
	ofs_xmset *m;
	ofs_xsearch_opts o = {.limit = 10, .sort_slot = -1, .collapse_slot = -1, .exact_total = 1};
	ofs_error e;
	char *stub = sub("all.stub");
	FILE *f = fopen(stub, "w");
	ofs_xdb_close(a);
	ofs_xdb_close(b);
	ck_assert_ptr_nonnull(f);
	fputs("auto a\nauto b\n", f);
	fclose(f);
	ck_assert_int_eq(ofs_xdb_open_read(&all, stub, &e), OFS_OK);
	ck_assert_int_eq(ofs_xquery_term(&q, "XCred"), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(all, q, &o, &m, &e), OFS_OK);
	ck_assert_uint_eq(ofs_xmset_total(m), 4);
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	ofs_xdb_close(all);
	free(stub);
}
END_TEST

/* A shard of n documents: every one "alpha beta", every third also
 * "gamma", every tenth "delta" instead of "beta"; red every 25th, else
 * blue (the colour term and facet), and "door" in every fifth. */
static void facet_shard(const char *name, unsigned n, unsigned shift)
{
	char *path = sub(name);
	ofs_xdb *db;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_write(&db, path, OFS_XDB_CREATE, &e), OFS_OK);
	for (unsigned i = shift; i < n + shift; i++) {
		char text[64];
		snprintf(text, sizeof text, "alpha %s%s%s", i % 10 ? "beta" : "delta",
			 i % 3 ? "" : " gamma", i % 5 ? "" : " front door");
		add(db, text, i % 25 ? "XCblue" : "XCred", i % 25 ? "blue" : "red");
	}
	ck_assert_int_eq(ofs_xdb_commit(db, &e), OFS_OK);
	ofs_xdb_close(db);
	free(path);
}

/*
 * Facet counts: a handle of shards counts its first facet search with
 * Xapian's spy and later ones through its tables, by posting lists where
 * the query allows: the same counts every time, for words, AND, OR, NOT,
 * a filter far rarer than the words (looked up document by document) and
 * phrases (which need positions: Xapian's matcher finds a phrase's
 * documents, kept for the next count).
 */
START_TEST(facet_counts_are_the_same_through_tables_and_posting_lists)
{
	static const char *const queries[] = {
		"alpha", "(alpha AND beta) colour:red", "alpha -gamma", "(beta OR delta) colour:red",
		"(alpha AND NOT gamma) colour:red", "((alpha AND gamma) OR delta) colour:red",
		"delta OR gamma", "\"front door\" colour:blue", "\"front door\" OR delta",
		"alpha -\"front door\"", "(gamma AND \"front door\") OR (delta AND \"front door\")",
		/* A common phrase with something rarer: checked in those
		 * documents alone, then (once the OR has kept it) through
		 * its kept documents. */
		"\"alpha beta\" colour:red", "(alpha colour:red) -\"alpha beta\"",
		"\"alpha beta\" OR delta", "\"alpha beta\" colour:red",
	};
	char *paths[2] = {sub("s0"), sub("s1")};
	ofs_xdb *db, *fresh;
	ofs_xparser *p;
	ofs_error e;
	ofs_xsearch_opts o = {.limit = 3, .sort_slot = -1, .collapse_slot = -1,
			      .facet_slot = 1, .facet_fields = 2};
	facet_shard("s0", 400, 0);
	facet_shard("s1", 300, 7);
	ck_assert_int_eq(ofs_xdb_open_shards(&db, "both", paths, 2, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_new(&p, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		ofs_xquery *q;
		ofs_xmset *m[3];
		ck_assert_int_eq(ofs_xparser_parse(p, queries[i], NULL, 0, &q, &e), OFS_OK);
		/* m[0] from a handle's first facet search, the others not. */
		ck_assert_int_eq(ofs_xdb_open_shards(&fresh, "both", paths, 2, &e), OFS_OK);
		ck_assert_int_eq(ofs_xdb_search(fresh, q, &o, &m[0], &e), OFS_OK);
		ofs_xdb_close(fresh);
		for (int k = 1; k < 3; k++)
			ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m[k], &e), OFS_OK);
		ck_assert_uint_gt(ofs_xmset_total(m[0]), 0);
		for (int k = 1; k < 3; k++) {
			ck_assert_msg(ofs_xmset_total(m[k]) == ofs_xmset_total(m[0]), "'%s': %u, then %u",
				      queries[i], ofs_xmset_total(m[0]), ofs_xmset_total(m[k]));
			for (unsigned f = 0; f < 2; f++) {
				ck_assert_uint_eq(ofs_xmset_facet_size(m[k], f), ofs_xmset_facet_size(m[0], f));
				for (unsigned j = 0; j < ofs_xmset_facet_size(m[0], f); j++) {
					unsigned a, b;
					ck_assert_str_eq(ofs_xmset_facet_value(m[k], f, j, &b),
							 ofs_xmset_facet_value(m[0], f, j, &a));
					ck_assert_msg(a == b, "'%s': facet %u value %u: %u, then %u",
						      queries[i], f, j, a, b);
				}
			}
		}
		for (int k = 0; k < 3; k++)
			ofs_xmset_free(m[k]);
		ofs_xquery_free(q);
	}
	ofs_xparser_free(p);
	ofs_xdb_close(db);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

/* A handle's first facet search counts with Xapian's spy, its second
 * through its tables. */
static void search_twice(ofs_xdb *db, const ofs_xquery *q, const ofs_xsearch_opts *o)
{
	for (int i = 0; i < 2; i++) {
		ofs_xmset *m;
		ofs_error e;
		ck_assert_int_eq(ofs_xdb_search(db, q, o, &m, &e), OFS_OK);
		ofs_xmset_free(m);
	}
}

/* The bitsets one handle keeps for counting serve every handle of the
 * process on the same shards (a server's threads), not a copy each; a
 * new revision of a shard starts afresh. */
START_TEST(kept_bitsets_are_shared_by_handles_on_the_same_shards)
{
	char *paths[2] = {sub("k0"), sub("k1")};
	ofs_xdb *a, *b;
	ofs_xparser *p;
	ofs_xquery *common, *rare;
	ofs_error e;
	ofs_xsearch_opts o = {.limit = 3, .sort_slot = -1, .collapse_slot = -1,
			      .facet_slot = 1, .facet_fields = 2};
	size_t kept;
	facet_shard("k0", 400, 0);
	facet_shard("k1", 300, 7);
	ck_assert_int_eq(ofs_xdb_open_shards(&a, "both", paths, 2, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_open_shards(&b, "both", paths, 2, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_new(&p, a, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_parse(p, "\"alpha beta\" OR gamma", NULL, 0, &common, &e),
			 OFS_OK);
	ck_assert_int_eq(ofs_xparser_parse(p, "zeta", NULL, 0, &rare, &e), OFS_OK);
	/* a's tables keep the phrase and gamma (a third of the documents)
	 * per shard. */
	search_twice(a, common, &o);
	kept = ofs_xdb_kept_bitsets(a);
	ck_assert_uint_eq(kept, 4);
	/* b counts a word too rare to keep through its tables: it finds a's
	 * bitsets. */
	search_twice(b, rare, &o);
	ck_assert_uint_eq(ofs_xdb_kept_bitsets(b), kept);
	ofs_xdb_close(b);
	/* A new revision of one shard: a handle on it keeps its own. */
	{
		ofs_xdb *w;
		ck_assert_int_eq(ofs_xdb_open_write(&w, paths[0], 0, &e), OFS_OK);
		add(w, "alpha gamma", "XCred", "red");
		ck_assert_int_eq(ofs_xdb_commit(w, &e), OFS_OK);
		ofs_xdb_close(w);
	}
	ck_assert_int_eq(ofs_xdb_open_shards(&b, "both", paths, 2, &e), OFS_OK);
	search_twice(b, rare, &o);
	ck_assert_uint_eq(ofs_xdb_kept_bitsets(b), kept / 2);
	ofs_xdb_close(b);
	ofs_xquery_free(common);
	ofs_xquery_free(rare);
	ofs_xparser_free(p);
	ofs_xdb_close(a);
	free(paths[0]);
	free(paths[1]);
}
END_TEST

/*
 * A result's values come back with its data (stored after it, one read):
 * every slot as set, long and short, high slot numbers too, "" for slots
 * never set; the data alone, as set, from a search and by term.
 */
START_TEST(values_come_back_with_the_data_as_set)
{
	char *path = sub("stored");
	ofs_xdb *db;
	ofs_xdoc *d;
	ofs_xquery *q;
	ofs_xmset *m;
	ofs_error e;
	char long_value[301], *data;
	size_t len;
	const char *text = "Weaknesses at the front door \xe2\x80\x94 caf\xc3\xa9.";
	ofs_xsearch_opts o = {.limit = 5, .sort_slot = -1, .collapse_slot = -1, .n_values = 4,
			      .value_slots = {0, 1, 3, 200}};
	memset(long_value, 'v', 300);
	long_value[0] = '\x1f';
	long_value[300] = '\0';
	ck_assert_int_eq(ofs_xdb_open_write(&db, path, OFS_XDB_CREATE, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_new(&d), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_value(d, 3, long_value, 300), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_data(d, text, strlen(text)), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_index_text(d, text, strlen(text)), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_add_boolean_term(d, "XDone"), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_value(d, 0, "2019-05-01", 10), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_value(d, 200, "\xc3\xa9", 2), OFS_OK);
	ck_assert_int_eq(ofs_xdb_add(db, d, &e), OFS_OK);
	ofs_xdoc_free(d);
	ck_assert_int_eq(ofs_xdb_commit(db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xquery_term(&q, "XDone"), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	ck_assert_uint_eq(ofs_xmset_size(m), 1);
	ck_assert_str_eq(ofs_xmset_value(m, 0, 0), "2019-05-01");
	ck_assert_str_eq(ofs_xmset_value(m, 0, 1), "");
	ck_assert_str_eq(ofs_xmset_value(m, 0, 2), long_value);
	ck_assert_str_eq(ofs_xmset_value(m, 0, 3), "\xc3\xa9");
	ck_assert_str_eq(ofs_xmset_data(m, 0, &len), text);
	ck_assert_uint_eq(len, strlen(text));
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	ck_assert_int_eq(ofs_xdb_get_by_term(db, "XDone", &data, &len, &e), OFS_OK);
	ck_assert_str_eq(data, text);
	ck_assert_uint_eq(len, strlen(text));
	free(data);
	ofs_xdb_close(db);
	free(path);
}
END_TEST

/* Shard k of n documents "shardK numberI", "gamma" in every gamma_every-th
 * and "door" in every door_every-th; red every 5th, else blue. */
static void paging_shard(const char *path, int k, unsigned n, unsigned gamma_every,
			 unsigned door_every)
{
	ofs_xdb *w;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_write(&w, path, OFS_XDB_CREATE, &e), OFS_OK);
	for (unsigned i = 0; i < n; i++) {
		char text[64];
		snprintf(text, sizeof text, "shard%d number%u%s%s", k, i,
			 i % gamma_every ? "" : " gamma", i % door_every ? "" : " door");
		add(w, text, i % 5 ? "XCblue" : "XCred", i % 5 ? "blue" : "red");
	}
	ck_assert_int_eq(ofs_xdb_commit(w, &e), OFS_OK);
	ofs_xdb_close(w);
}

/* The stub (Xapian's own merge of the shards) at path. */
static void write_stub(const char *path, const char *lines)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(lines, f);
	fclose(f);
}

/* Search query (parsed by p) from offset in a and in b: the same total,
 * and the same rows, with the same weights, in the same order. */
static void same_results(ofs_xparser *p, ofs_xdb *a, ofs_xdb *b, const char *query,
			 unsigned offset)
{
	ofs_xsearch_opts o = {.offset = offset, .limit = 7, .sort_slot = -1,
			      .collapse_slot = -1, .exact_total = 1};
	ofs_xquery *q;
	ofs_xmset *ma, *mb;
	ofs_error e;
	ck_assert_int_eq(ofs_xparser_parse(p, query, NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(a, q, &o, &ma, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(b, q, &o, &mb, &e), OFS_OK);
	ck_assert_msg(ofs_xmset_total(mb) > 0, "'%s': no match", query);
	ck_assert_uint_eq(ofs_xmset_total(ma), ofs_xmset_total(mb));
	ck_assert_msg(ofs_xmset_size(ma) == ofs_xmset_size(mb), "'%s' from %u: %u, %u", query,
		      offset, ofs_xmset_size(ma), ofs_xmset_size(mb));
	for (unsigned r = 0; r < ofs_xmset_size(ma); r++) {
		size_t la, lb;
		const char *da = ofs_xmset_data(ma, r, &la), *db = ofs_xmset_data(mb, r, &lb);
		ck_assert_msg(la == lb && !memcmp(da, db, la), "'%s' from %u, row %u: %.*s, %.*s",
			      query, offset, r, (int)la, da, (int)lb, db);
		ck_assert_msg(ofs_xmset_weight(ma, r) == ofs_xmset_weight(mb, r),
			      "'%s' from %u, row %u: weight %.17g, %.17g", query, offset, r,
			      ofs_xmset_weight(ma, r), ofs_xmset_weight(mb, r));
	}
	ofs_xmset_free(ma);
	ofs_xmset_free(mb);
	ofs_xquery_free(q);
}

/* Every query from every offset, over the shards at paths (a handle of
 * shards) and through the stub at stub (Xapian's own merge of them): the
 * same results. */
static void shards_as_one(char *const paths[2], const char *stub, const char *const *queries,
			  size_t n_queries, const unsigned *offsets, size_t n_offsets)
{
	ofs_xdb *shards, *whole;
	ofs_xparser *p;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_shards(&shards, "both", paths, 2, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_open_read(&whole, stub, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_new(&p, shards, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	for (size_t i = 0; i < n_queries; i++)
		for (size_t j = 0; j < n_offsets; j++)
			same_results(p, shards, whole, queries[i], offsets[j]);
	ofs_xparser_free(p);
	ofs_xdb_close(shards);
	ofs_xdb_close(whole);
}

/*
 * A query that weighs nothing (a browse, a filter or a NOT alone) comes
 * from a handle of shards shard by shard, each asked for its first
 * results only: the same pages, in the same order, as the shards
 * searched as one database (a stub, Xapian's own merge), across the end
 * of the smaller shard too.
 */
START_TEST(weightless_queries_page_over_shards_as_over_one_database)
{
	static const char *const queries[] = {"", "colour:red", "NOT gamma", "colour:red -door"};
	static const unsigned offsets[] = {0, 3, 118, 175, 290};
	char *paths[2] = {sub("w0"), sub("w1")}, *stub = sub("w.stub");
	paging_shard(paths[0], 0, 120, 3, 4);
	paging_shard(paths[1], 1, 60, 3, 4);
	write_stub(stub, "auto w0\nauto w1\n");
	shards_as_one(paths, stub, queries, sizeof queries / sizeof *queries, offsets,
		      sizeof offsets / sizeof *offsets);
	free(paths[0]);
	free(paths[1]);
	free(stub);
}
END_TEST

/*
 * A ranked query over a handle of shards is searched in threads, a share
 * of the shards each, with the whole index's statistics: the same rows
 * with the same weights as the shards searched as one database, though
 * the shards' own statistics differ (gamma common in one, rare in the
 * other: alone, each would weigh it differently).  Also when the handle
 * has not searched yet as a writer commits (its threads' handles then
 * open at a later revision than its own), and over shards that are
 * copies of one another (the same uuid: not told apart, so searched as
 * one database).
 */
START_TEST(ranked_queries_over_shards_in_threads_rank_as_one_database)
{
	static const char *const queries[] = {"gamma", "gamma door", "door number8",
					      "gamma OR door OR shard1", "colour:red gamma",
					      "\"shard1 gamma\" OR door"};
	static const size_t n_queries = sizeof queries / sizeof *queries;
	static const unsigned offsets[] = {0, 5, 40};
	char *paths[2] = {sub("r0"), sub("r1")}, *stub = sub("r.stub");
	char *copies[2] = {paths[0], sub("r0copy")}, *copy_stub = sub("rc.stub");
	ofs_xdb *shards, *whole, *w;
	ofs_xparser *p;
	ofs_error e;
	char *cmd;
	ck_assert_int_eq(setenv("OFS_SEARCH_THREADS", "2", 1), 0);
	paging_shard(paths[0], 0, 120, 3, 4);
	paging_shard(paths[1], 1, 60, 20, 2);
	write_stub(stub, "auto r0\nauto r1\n");
	shards_as_one(paths, stub, queries, n_queries, offsets, sizeof offsets / sizeof *offsets);

	/* A commit between the handle's opening and its first search. */
	ck_assert_int_eq(ofs_xdb_open_read(&whole, stub, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_open_shards(&shards, "both", paths, 2, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_new(&p, shards, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_add_filter_field(p, "colour", colour_field, NULL, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_open_write(&w, paths[1], 0, &e), OFS_OK);
	add(w, "shard1 gamma gamma gamma door", "XCred", "red");
	ck_assert_int_eq(ofs_xdb_commit(w, &e), OFS_OK);
	ofs_xdb_close(w);
	for (size_t i = 0; i < n_queries; i++)
		same_results(p, shards, whole, queries[i], 0);
	ofs_xparser_free(p);
	ofs_xdb_close(shards);
	ofs_xdb_close(whole);

	/* Copies. */
	ck_assert_int_ge(asprintf(&cmd, "cp -r '%s' '%s'", copies[0], copies[1]), 0);
	ck_assert_int_eq(system(cmd), 0);
	write_stub(copy_stub, "auto r0\nauto r0copy\n");
	shards_as_one(copies, copy_stub, queries, n_queries, offsets, 1);
	ck_assert_int_eq(unsetenv("OFS_SEARCH_THREADS"), 0);
	free(cmd);
	free(copies[1]);
	free(paths[0]);
	free(paths[1]);
	free(stub);
	free(copy_stub);
}
END_TEST

/*
 * A snippet is cut between words around the most matched words, starts
 * at their sentence when it can, says what it leaves out, marks the
 * words matched (an apostrophe, typographic too, inside a word), and
 * never splits a character.
 */
START_TEST(snippets_frame_the_matched_words_and_cut_between_words)
{
	char *path = sub("db");
	ofs_xdb *db;
	ofs_xparser *p;
	ofs_xquery *q;
	ofs_xmset *m;
	ofs_error e;
	ofs_sbuf text = {0};
	ofs_xsearch_opts o = {.limit = 10, .sort_slot = -1, .collapse_slot = -1,
			      .snippet_length = 90, .hi_start = "[", .hi_end = "]"};
	const char *snip;
	const char *before = "Caf\xc3\xa9 na\xc3\xafve r\xc3\xb4le \xe2\x80\x94 nothing here. ",
		   *after = "More words \xc3\xa9t\xc3\xa9 follow on. ";
	for (int i = 0; i < 12; i++)
		ofs_sbuf_add(&text, before, strlen(before));
	ofs_sbuf_add(&text, "The front door was weak. ", 25);
	for (int i = 0; i < 12; i++)
		ofs_sbuf_add(&text, after, strlen(after));
	ck_assert_int_eq(ofs_xdb_open_write(&db, path, OFS_XDB_CREATE, &e), OFS_OK);
	add(db, text.s, "XCred", "red");
	add(db, "Every children\xe2\x80\x99s service and the children's board.", "XCblue", "blue");
	ck_assert_int_eq(ofs_xdb_commit(db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xparser_new(&p, db, &e), OFS_OK);

	ck_assert_int_eq(ofs_xparser_parse(p, "front door", NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	snip = ofs_xmset_snippet(m, 0);
	ck_assert_msg(!strncmp(snip, "...The [front] [door] was weak. More words", 42), "%s", snip);
	ck_assert_msg(strlen(snip) >= 70 && strlen(snip) <= 90 + 4 + 6, "%zu: %s", strlen(snip), snip);
	ck_assert_msg(!strcmp(snip + strlen(snip) - 3, "..."), "%s", snip);
	ck_assert(ofs_utf8_valid(snip, strlen(snip), NULL));
	ofs_xmset_free(m);
	ofs_xquery_free(q);

	/* No word matched in the text (only a word the parser drops): its
	 * start, cut between whole characters. */
	o.snippet_length = 7;
	ck_assert_int_eq(ofs_xparser_parse(p, "front", NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	ck_assert(ofs_utf8_valid(ofs_xmset_snippet(m, 0), strlen(ofs_xmset_snippet(m, 0)), NULL));
	ofs_xmset_free(m);
	ofs_xquery_free(q);

	o.snippet_length = 300;
	ck_assert_int_eq(ofs_xparser_parse(p, "children", NULL, 0, &q, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	ck_assert_str_eq(ofs_xmset_snippet(m, 0),
			 "Every [children\xe2\x80\x99s] service and the [children's] board.");
	ofs_xmset_free(m);
	ofs_xquery_free(q);
	ofs_xparser_free(p);
	ofs_xdb_close(db);
	free(text.s);
	free(path);
}
END_TEST

struct spell {
	char words[8][32];
	unsigned freq[8];
	unsigned n;
};

static int collect_spelling(void *ctx, const char *word, unsigned freq)
{
	struct spell *sp = ctx;
	if (sp->n < 8) {
		snprintf(sp->words[sp->n], sizeof sp->words[0], "%s", word);
		sp->freq[sp->n++] = freq;
	}
	return 0;
}

START_TEST(spelling_words_come_from_every_shard)
{
	ofs_xdb *a = small_index("a"), *b = small_index("b"), *all;
	ofs_error e;
	char *stub = sub("XAPIANDB");
	FILE *f = fopen(stub, "w");
	struct spell sp = {0};
	ofs_typos *t = NULL;
	const char *near[2];
	/* Only the second shard knows the word; a word both know, sharing
	 * its trigrams, once made Xapian's merged suggestion come back
	 * empty.  Typos are now found in the merged word list. */
	ck_assert_int_eq(ofs_xdb_add_spelling(a, "regarding", 1, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_commit(a, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_add_spelling(b, "safeguarding", 6, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_add_spelling(b, "regarding", 1, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_commit(b, &e), OFS_OK);
	ofs_xdb_close(a);
	ofs_xdb_close(b);
	ck_assert_ptr_nonnull(f);
	fputs("auto a\nauto b\n", f);
	fclose(f);
	/* Opened as a folder holding the stub, as searcher opens an index. */
	ck_assert_int_eq(ofs_xdb_open_read(&all, dir, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_each_spelling(all, collect_spelling, &sp, &e), OFS_OK);
	ck_assert_uint_eq(sp.n, 2);
	ck_assert_str_eq(sp.words[0], "regarding");
	ck_assert_uint_eq(sp.freq[0], 2); /* added up over the shards */
	ck_assert_str_eq(sp.words[1], "safeguarding");
	ck_assert_uint_eq(sp.freq[1], 6);
	ck_assert_int_eq(ofs_typos_load(all, &t, &e), OFS_OK);
	ck_assert_uint_eq(ofs_typos_find(t, "safegarding", near, 2), 1);
	ck_assert_str_eq(near[0], "safeguarding");
	ck_assert_uint_eq(ofs_typos_find(t, "qqqqzz", near, 2), 0);
	ofs_typos_free(t);
	ofs_xdb_close(all);
	free(stub);
}
END_TEST

START_TEST(deleting_by_term_removes_every_document_with_it)
{
	ofs_xdb *db = small_index("db");
	unsigned n;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_delete_term(db, "XCred", &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_doccount(db, &n, &e), OFS_OK);
	ck_assert_uint_eq(n, 1);
	ofs_xdb_close(db);
}
END_TEST

static Suite *xapian_suite(void)
{
	Suite *s = suite_create("xapian");
	TCase *tc = tcase_create("wrapper");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, opening_a_missing_index_is_not_found_with_its_path);
	tcase_add_test(tc, a_second_writer_gets_locked);
	tcase_add_test(tc, search_ranks_filters_counts_and_highlights);
	tcase_add_test(tc, snippets_frame_the_matched_words_and_cut_between_words);
	tcase_add_test(tc, parse_errors_and_field_errors_are_query_errors);
	tcase_add_test(tc, a_stub_database_searches_shards_as_one);
	tcase_add_test(tc, facet_counts_are_the_same_through_tables_and_posting_lists);
	tcase_add_test(tc, kept_bitsets_are_shared_by_handles_on_the_same_shards);
	tcase_add_test(tc, weightless_queries_page_over_shards_as_over_one_database);
	tcase_add_test(tc, ranked_queries_over_shards_in_threads_rank_as_one_database);
	tcase_add_test(tc, values_come_back_with_the_data_as_set);
	tcase_add_test(tc, deleting_by_term_removes_every_document_with_it);
	tcase_add_test(tc, spelling_words_come_from_every_shard);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(xapian_suite)
