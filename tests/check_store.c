/*
 * check_store.c: the index folder against accidents: its XAPIANDB stub
 * deleted, generations left behind, damaged shards, a full disk.  Each
 * test runs the real indexer and searcher on a copy of the bundled
 * corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "index/store.h"

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

/* Run program (indexer or searcher) in dir with args; *out gets its
 * stdout and stderr; returns the exit status. */
static int run(const char *program, const char *args, char **out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "cd '%s' && timeout -s KILL 120 %s%s/%s %s 2>&1", dir,
		 ofs_test_build()[0] == '/' ? "" : "\"$OLDPWD\"/", ofs_test_build(), program,
		 args);
	return ofs_test_run(cmd, out);
}

/* Run a shell command in dir; *out (if not NULL) gets its output;
 * returns its exit status. */
static int sh(const char *script, char **out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "cd '%s' && { %s ; } 2>&1", dir, script);
	return ofs_test_run(cmd, out);
}

/* Paragraphs of dir/db matching query. */
static long count(const char *query)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/db", dir);
	return ofs_test_count(db, query);
}

START_TEST(a_deleted_stub_is_an_error_and_nothing_is_removed)
{
	char *out, *before, *after;
	ck_assert_int_eq(run("indexer", "--db db in", &out), 0);
	free(out);
	ck_assert_int_eq(sh("rm db/XAPIANDB && ls db", &before), 0);
	ck_assert_int_eq(run("indexer", "--db db in/001_*", &out), 3);
	ck_assert_msg(strstr(out, "db: the index's list of shards (XAPIANDB) is missing") &&
		      strstr(out, "--rebuild"), "%s", out);
	free(out);
	ck_assert_int_eq(sh("ls db", &after), 0);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* --rebuild builds it again from the files named. */
	ck_assert_int_eq(run("indexer", "--db db --rebuild in", &out), 0);
	free(out);
	ck_assert_int_gt(count("children"), 0);
}
END_TEST

/* An embedding program's environment is its own: setenv() is not
 * thread-safe, so the library never calls it. */
START_TEST(opening_an_index_leaves_the_environment_alone)
{
	char db[4200];
	ofs_index *idx;
	ofs_index_opts o = {0};
	ofs_error e;
	unsetenv("XAPIAN_FLUSH_THRESHOLD");
	snprintf(db, sizeof db, "%s/db", dir);
	ck_assert_msg(ofs_index_open(&idx, db, &o, &e) == OFS_OK, "%s", e.msg);
	ofs_index_close(idx);
	ck_assert_ptr_null(getenv("XAPIAN_FLUSH_THRESHOLD"));
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, a_deleted_stub_is_an_error_and_nothing_is_removed);
	tcase_add_test(tc, opening_an_index_leaves_the_environment_alone);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(store_suite)
