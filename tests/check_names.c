/*
 * check_names.c: the thesaurus's names of several words indexed as one
 * term each: a name's query finds exactly what its phrase finds, and the
 * terms change no weight.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "names/name_terms.h"
#include "base/stopwords.h"
#include "ofs/thesaurus.h"
#include "engine/xapian.h"

static char *dir;
static ofs_thesaurus *th;
static ofs_names *names;

static void setup(void)
{
	ofs_error e;
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
	ck_assert_msg(ofs_thesaurus_load("data/thesaurus.txt", &th, &e) == OFS_OK, "%s", e.msg);
	ck_assert_int_eq(ofs_names_new(th, &names, &e), OFS_OK);
}

static void teardown(void)
{
	ofs_names_free(names);
	ofs_thesaurus_free(th);
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

/* Add a document with data id and text, with name terms when n. */
static void add(ofs_xdb *db, const ofs_names *n, const char *id, const char *text)
{
	ofs_xdoc *d;
	ofs_error e;
	ck_assert_int_eq(ofs_xdoc_new(&d), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_set_data(d, id, strlen(id)), OFS_OK);
	ck_assert_int_eq(ofs_xdoc_index_text(d, text, strlen(text)), OFS_OK);
	ck_assert_int_eq(ofs_names_index(n, d), OFS_OK);
	ck_assert_int_eq(ofs_xdb_add(db, d, &e), OFS_OK);
	ofs_xdoc_free(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The data of every document q matches, sorted and joined by spaces
 * (caller frees). */
static char *matches(ofs_xdb *db, const ofs_xquery *q)
{
	ofs_xsearch_opts o = {.limit = 10000, .sort_slot = -1, .collapse_slot = -1,
			      .exact_total = 1};
	ofs_xmset *m;
	ofs_error e;
	char **ids, *out;
	size_t len = 1, n;
	ck_assert_int_eq(ofs_xdb_search(db, q, &o, &m, &e), OFS_OK);
	n = ofs_xmset_size(m);
	ck_assert_ptr_nonnull(ids = calloc(n + 1, sizeof *ids));
	for (size_t i = 0; i < n; i++) {
		ids[i] = strdup(ofs_xmset_data(m, (unsigned)i, NULL));
		len += strlen(ids[i]) + 1;
	}
	qsort(ids, n, sizeof *ids, cmp_str);
	ck_assert_ptr_nonnull(out = calloc(len, 1));
	for (size_t i = 0; i < n; i++) {
		strcat(strcat(out, ids[i]), " ");
		free(ids[i]);
	}
	free(ids);
	ofs_xmset_free(m);
	return out;
}

/* Three paragraphs per alternative of the thesaurus: the name as written
 * in a sentence, in capitals after a possessive, and its words the other
 * way round (which is not the name). */
struct corpus {
	ofs_xdb *db;
	unsigned n;
};

static int add_three(void *ctx, const char *alt)
{
	struct corpus *c = ctx;
	char id[32], text[512], rev[256] = "";
	const char *w[16];
	size_t nw = 0, len[16];
	for (const char *p = alt; *p && nw < 16;) {
		size_t l = strcspn(p, " -");
		w[nw] = p;
		len[nw++] = l;
		p += l;
		p += strspn(p, " -");
	}
	for (size_t i = nw; i-- > 0;)
		snprintf(rev + strlen(rev), sizeof rev - strlen(rev), "%.*s ", (int)len[i], w[i]);
	snprintf(id, sizeof id, "a%u", c->n);
	snprintf(text, sizeof text, "Inspectors found that the %s works well.", alt);
	add(c->db, names, id, text);
	snprintf(id, sizeof id, "b%u", c->n);
	snprintf(text, sizeof text, "THE COUNCIL'S %s, SEEN IN MAY", alt);
	for (char *p = text; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	add(c->db, names, id, text);
	snprintf(id, sizeof id, "r%u", c->n++);
	snprintf(text, sizeof text, "Not the name: %s.", rev);
	add(c->db, names, id, text);
	return 0;
}

struct check {
	ofs_xdb *db;
	ofs_xparser *p;
	unsigned names;
};

static int same_as_phrase(void *ctx, const char *alt)
{
	struct check *c = ctx;
	ofs_xquery *name = NULL, *phrase = NULL;
	ofs_error e;
	char quoted[300], *text, *a, *b;
	ck_assert_int_eq(ofs_name_query(c->db, alt, &name, &e), OFS_OK);
	if (!name)
		return 0; /* one word: no name */
	snprintf(quoted, sizeof quoted, "\"%s\"", alt);
	ck_assert_ptr_nonnull(text = ofs_drop_phrase_stopwords(quoted));
	ck_assert_int_eq(ofs_xparser_parse(c->p, text, NULL, 0, &phrase, &e), OFS_OK);
	a = matches(c->db, name);
	b = matches(c->db, phrase);
	ck_assert_msg(!strcmp(a, b), "'%s': the name finds [%s], the phrase [%s]", alt, a, b);
	ck_assert_msg(strlen(a) > 0, "'%s' finds nothing", alt);
	c->names++;
	free(a);
	free(b);
	free(text);
	ofs_xquery_free(name);
	ofs_xquery_free(phrase);
	return 0;
}

START_TEST(every_name_finds_what_its_phrase_finds)
{
	char path[4200];
	struct corpus c = {0};
	struct check k = {0};
	ofs_error e;
	snprintf(path, sizeof path, "%s/db", dir);
	ck_assert_int_eq(ofs_xdb_open_write(&c.db, path, OFS_XDB_CREATE, &e), OFS_OK);
	ofs_thesaurus_each_alternative(th, add_three, &c);
	ck_assert_int_eq(ofs_xdb_commit(c.db, &e), OFS_OK);
	k.db = c.db;
	ck_assert_int_eq(ofs_xparser_new(&k.p, c.db, &e), OFS_OK);
	ofs_thesaurus_each_alternative(th, same_as_phrase, &k);
	/* Every alternative comes once per key it belongs to. */
	ck_assert_uint_ge(k.names, ofs_names_count(names));
	ck_assert_uint_gt(ofs_names_count(names), 150);
	ofs_xparser_free(k.p);
	ofs_xdb_close(c.db);
}
END_TEST

START_TEST(name_terms_change_no_weight)
{
	const char text[] = "The multi-agency safeguarding hub (MASH) is effective: "
			    "children in care and care leavers are seen by the front door.";
	ofs_xdb *with, *without;
	ofs_xquery *q;
	ofs_xsearch_opts o = {.limit = 1, .sort_slot = -1, .collapse_slot = -1};
	ofs_xmset *a, *b;
	ofs_error e;
	char path[4200];
	snprintf(path, sizeof path, "%s/with", dir);
	ck_assert_int_eq(ofs_xdb_open_write(&with, path, OFS_XDB_CREATE, &e), OFS_OK);
	snprintf(path, sizeof path, "%s/without", dir);
	ck_assert_int_eq(ofs_xdb_open_write(&without, path, OFS_XDB_CREATE, &e), OFS_OK);
	add(with, names, "x", text);
	add(with, names, "y", "Care leavers have pathway plans.");
	add(without, NULL, "x", text);
	add(without, NULL, "y", "Care leavers have pathway plans.");
	ck_assert_int_eq(ofs_xquery_term(&q, "Zcare"), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(with, q, &o, &a, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(without, q, &o, &b, &e), OFS_OK);
	ck_assert_str_eq(ofs_xmset_data(a, 0, NULL), ofs_xmset_data(b, 0, NULL));
	ck_assert_double_eq(ofs_xmset_weight(a, 0), ofs_xmset_weight(b, 0));
	ofs_xmset_free(a);
	ofs_xmset_free(b);
	ofs_xquery_free(q);
	/* And the names are there. */
	ck_assert_int_eq(ofs_xquery_term(&q, "XNmulti agenc safeguard hub"), OFS_OK);
	ck_assert_int_eq(ofs_xdb_search(with, q, &o, &a, &e), OFS_OK);
	ck_assert_uint_eq(ofs_xmset_size(a), 1);
	ofs_xmset_free(a);
	ofs_xquery_free(q);
	ofs_xdb_close(with);
	ofs_xdb_close(without);
}
END_TEST

START_TEST(the_fingerprint_follows_meaning_not_layout)
{
	const char a[] = "MASH | multi-agency safeguarding hub\nfront door | first response\n";
	const char b[] = "# the front door\nfront door|first response\n\nMASH|multi-agency safeguarding hub\n";
	const char c[] = "MASH | multi-agency safeguarding hub\nfront door | first contact\n";
	ofs_thesaurus *ta, *tb, *tc;
	ofs_error e;
	ck_assert_int_eq(ofs_thesaurus_parse(a, strlen(a), "a", &ta, &e), OFS_OK);
	ck_assert_int_eq(ofs_thesaurus_parse(b, strlen(b), "b", &tb, &e), OFS_OK);
	ck_assert_int_eq(ofs_thesaurus_parse(c, strlen(c), "c", &tc, &e), OFS_OK);
	ck_assert_str_eq(ofs_thesaurus_fingerprint(ta), ofs_thesaurus_fingerprint(tb));
	ck_assert_str_ne(ofs_thesaurus_fingerprint(ta), ofs_thesaurus_fingerprint(tc));
	ofs_thesaurus_free(ta);
	ofs_thesaurus_free(tb);
	ofs_thesaurus_free(tc);
}
END_TEST

static Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_name_finds_what_its_phrase_finds);
	tcase_add_test(tc, name_terms_change_no_weight);
	tcase_add_test(tc, the_fingerprint_follows_meaning_not_layout);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(names_suite)
