/*
 * check_faults.c: the indexer against hostile folders and bad luck: a
 * named folder that empties.  Each test runs the real
 * indexer and searcher on a copy of the bundled corpus.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"

static char *dir;

static void setup(void)
{
	dir = ofs_test_corpus_copy();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

/* Run the indexer on index dir/db with args (paths included, relative
 * to dir); *out gets its stderr; returns the exit status. */
static int indexer(const char *args, char **out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "cd '%s' && timeout -s KILL 60 %s%s/indexer --db db %s 2>&1", dir,
		 ofs_test_build()[0] == '/' ? "" : "\"$OLDPWD\"/", ofs_test_build(), args);
	return ofs_test_run(cmd, out);
}

/* Paragraphs of dir/db matching query. */
static long count(const char *query)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/db", dir);
	return ofs_test_count(db, query);
}

/* Run a shell command in dir; returns its exit status. */
static int sh(const char *script)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "cd '%s' && %s", dir, script);
	return system(cmd) == 0 ? 0 : 1;
}

START_TEST(a_named_folder_that_became_empty_loses_its_reports)
{
	char *out;
	ck_assert_int_eq(indexer("in", &out), 0);
	free(out);
	ck_assert_int_gt(count("children"), 0);
	ck_assert_int_eq(sh("rm in/*.txt"), 0);
	ck_assert_int_eq(indexer("in", &out), 0);
	ck_assert_msg(strstr(out, "0 added, 0 updated, 5 removed") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(count("children"), 0);
}
END_TEST

static Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("indexer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, a_named_folder_that_became_empty_loses_its_reports);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(faults_suite)
