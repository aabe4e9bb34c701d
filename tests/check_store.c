/*
 * check_store.c: the index folder against accidents: its XAPIANDB stub
 * deleted, generations left behind, damaged shards, a full disk.  Each
 * test runs the real indexer and searcher on a copy of the bundled
 * corpus.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "engine/xapian.h"
#include "index/store.h"
#include "read/doc_load.h"

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

/* Two writers putting the same new file at the same moment. */
#define RACE_ROUNDS 300

struct racer {
	ofs_index *idx;
	ofs_prepared **preps;
	unsigned writer;
	pthread_barrier_t *go;
	ofs_status rc;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	ofs_error e;
	for (unsigned k = 0; k < RACE_ROUNDS && r->rc == OFS_OK; k++) {
		pthread_barrier_wait(r->go);
		r->rc = ofs_index_put(r->idx, r->preps[k], r->writer, NULL, &e);
	}
	return NULL;
}

/* Put RACE_ROUNDS reports into the index at db, each by two writers at
 * once; returns the documents the index then holds. */
static unsigned race_round(const char *db, const ofs_report *rep, unsigned round)
{
	ofs_prepared *preps[RACE_ROUNDS];
	ofs_index *idx;
	ofs_index_opts o = {.shards = 2};
	pthread_barrier_t go;
	pthread_t t[2];
	struct racer r[2];
	ofs_xdb *x;
	unsigned docs = 0;
	ofs_error e;
	for (unsigned k = 0; k < RACE_ROUNDS; k++) {
		char path[64];
		snprintf(path, sizeof path, "/race/%u/%u.txt", round, k);
		ck_assert_int_eq(ofs_index_prepare(rep, path, NULL, NULL, &preps[k], &e), OFS_OK);
	}
	ck_assert_msg(ofs_index_open(&idx, db, &o, &e) == OFS_OK, "%s", e.msg);
	pthread_barrier_init(&go, NULL, 2);
	for (unsigned w = 0; w < 2; w++) {
		r[w] = (struct racer){idx, preps, w, &go, OFS_OK};
		ck_assert_int_eq(pthread_create(&t[w], NULL, race, &r[w]), 0);
	}
	for (unsigned w = 0; w < 2; w++) {
		pthread_join(t[w], NULL);
		ck_assert_int_eq(r[w].rc, OFS_OK);
	}
	pthread_barrier_destroy(&go);
	ck_assert_int_eq(ofs_index_publish(idx, &e), OFS_OK);
	ofs_index_close(idx);
	for (unsigned k = 0; k < RACE_ROUNDS; k++)
		ofs_prepared_free(preps[k]);
	ck_assert_int_eq(ofs_xdb_open_read(&x, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_doccount(x, &docs, &e), OFS_OK);
	ofs_xdb_close(x);
	return docs;
}

START_TEST(a_file_put_by_two_writers_at_once_is_indexed_once)
{
	char db[4200], *text;
	size_t len;
	ofs_report *rep;
	ofs_error e;
	unsigned per;
	snprintf(db, sizeof db, "%s/db", dir);
	ck_assert_int_eq(ofs_test_run("cat corpus/001_*.txt", &text), 0);
	len = strlen(text);
	ck_assert_int_eq(ofs_doc_parse("r.txt", text, len, NULL, &rep, &e), OFS_OK);
	per = (unsigned)rep->n_paras + 1;
	/* A new index (built in this run), then the same index again. */
	ck_assert_uint_eq(race_round(db, rep, 0), RACE_ROUNDS * per);
	ck_assert_uint_eq(race_round(db, rep, 1), 2 * RACE_ROUNDS * per);
	ofs_report_free(rep);
	free(text);
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
	tcase_add_test(tc, a_file_put_by_two_writers_at_once_is_indexed_once);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(store_suite)
