/*
 * check_typos.c: near spellings (typos.h): the distance, the edits a word
 * of each length may have, and the candidates an index gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "query/typos.h"
#include "base/util.h"
#include "engine/xapian.h"

static unsigned dist(const char *a, const char *b, unsigned max)
{
	return ofs_edit_distance(a, strlen(a), b, strlen(b), max);
}

START_TEST(a_swap_of_neighbours_is_one_edit)
{
	ck_assert_uint_eq(dist("neglect", "neglcet", 2), 1);
	ck_assert_uint_eq(dist("adoption", "adoptoin", 2), 1);
	ck_assert_uint_eq(dist("abuse", "abuce", 2), 1);        /* changed */
	ck_assert_uint_eq(dist("leavers", "leavrs", 2), 1);     /* deleted */
	ck_assert_uint_eq(dist("accommodation", "accomodation", 2), 1);
	ck_assert_uint_eq(dist("officers", "oficers", 2), 1);
	ck_assert_uint_eq(dist("independent", "independant", 2), 1);
	ck_assert_uint_eq(dist("care", "care", 2), 0);
	ck_assert_uint_eq(dist("", "abc", 3), 3);
	/* Past the bound: bound + 1, however far. */
	ck_assert_uint_eq(dist("exploitation", "explanation", 1), 2);
	ck_assert_uint_eq(dist("kitten", "sitting", 2), 3);
	ck_assert_uint_eq(dist("a", "abcdefgh", 2), 3);
}
END_TEST

START_TEST(longer_words_may_have_more_edits)
{
	ck_assert_uint_eq(ofs_typo_max_edits(3), 0);
	ck_assert_uint_eq(ofs_typo_max_edits(4), 0);
	ck_assert_uint_eq(ofs_typo_max_edits(5), 1);
	ck_assert_uint_eq(ofs_typo_max_edits(8), 1);
	ck_assert_uint_eq(ofs_typo_max_edits(9), 2);
	ck_assert_uint_eq(ofs_typo_max_edits(20), 2);
}
END_TEST

START_TEST(candidates_are_the_closest_frequent_words)
{
	char *dir = ofs_test_tmpdir(), *path;
	ofs_xdb *db;
	ofs_typos *t;
	ofs_error e;
	const char *near[4];
	static const struct { const char *w; unsigned f; } words[] = {
		{"neglect", 40}, {"select", 9}, {"safeguarding", 50}, {"safeguards", 3},
		{"this", 900}, {"thus", 5}, {"kpi", 1}, {"abused", 2}, {"abuse", 30},
		{"amuse", 2}, {"neglcet", 1},
	};
	ck_assert_ptr_nonnull(dir);
	ck_assert_int_ge(asprintf(&path, "%s/db", dir), 0);
	ck_assert_int_eq(ofs_xdb_open_write(&db, path, OFS_XDB_CREATE, &e), OFS_OK);
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		ck_assert_int_eq(ofs_xdb_add_spelling(db, words[i].w, words[i].f, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_commit(db, &e), OFS_OK);
	ck_assert_int_eq(ofs_typos_load(db, &t, &e), OFS_OK);
	/* A transposition; the report's own typo (once) is no correction. */
	ck_assert_uint_eq(ofs_typos_find(t, "negelct", near, 4), 1);
	ck_assert_str_eq(near[0], "neglect");
	ck_assert_uint_eq(ofs_typos_find(t, "neglcte", near, 4), 0); /* two edits at 7 letters */
	ck_assert_uint_eq(ofs_typos_find(t, "neglet", near, 4), 1);
	ck_assert_str_eq(near[0], "neglect");
	/* 11 letters: two edits. */
	ck_assert_uint_eq(ofs_typos_find(t, "safegaurdin", near, 4), 1);
	ck_assert_str_eq(near[0], "safeguarding");
	/* The closest only, most frequent first. */
	ck_assert_uint_eq(ofs_typos_find(t, "abuce", near, 4), 1);
	ck_assert_str_eq(near[0], "abuse");
	ck_assert_uint_eq(ofs_typos_find(t, "abmuse", near, 4), 2);
	ck_assert_str_eq(near[0], "abuse");
	ck_assert_str_eq(near[1], "amuse");
	ck_assert_uint_eq(ofs_typos_find(t, "abmuse", near, 1), 1);
	/* Short words are taken as typed; known words are not corrected. */
	ck_assert_uint_eq(ofs_typos_find(t, "kpis", near, 4), 0);
	ck_assert_uint_eq(ofs_typos_find(t, "thes", near, 4), 0);
	ck_assert_uint_eq(ofs_typos_find(t, "abuse", near, 4), 0);
	ck_assert_uint_eq(ofs_typos_find(t, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", near, 4), 0);
	ofs_typos_free(t);
	ofs_xdb_close(db);
	free(path);
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}
END_TEST

static Suite *typos_suite(void)
{
	Suite *s = suite_create("typos");
	TCase *tc = tcase_create("typos");
	tcase_add_test(tc, a_swap_of_neighbours_is_one_edit);
	tcase_add_test(tc, longer_words_may_have_more_edits);
	tcase_add_test(tc, candidates_are_the_closest_frequent_words);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(typos_suite)
