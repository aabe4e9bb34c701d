/*
 * check_store.c: the index folder against accidents: its XAPIANDB stub
 * deleted, generations left behind, damaged shards, a full disk.  Each
 * test runs the real indexer and searcher on a copy of the bundled
 * corpus.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "check_util.h"
#include "engine/xapian.h"
#include "index/store.h"
#include "ofs/search.h"
#include "read/doc_load.h"

static char *dir;

static void setup(void)
{
	dir = ofs_test_corpus_copy();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	char cmd[4300];
	snprintf(cmd, sizeof cmd, "umount '%s/small' 2>/dev/null", dir);
	(void)!system(cmd); /* mounted by the disk-full test only */
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

/*
 * Mount a tmpfs of size at dir/small, in a mount namespace of this test's
 * own (Check runs each test in a process of its own), so that it goes
 * when the test ends, even by failing.  Returns 0, or -1 with a message
 * when mounting is not permitted here.
 */
static int mount_small(const char *size)
{
	char cmd[4300];
	if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		fprintf(stderr, "store: no mount namespace (%s), disk-full test skipped\n",
			strerror(errno));
		return -1;
	}
	snprintf(cmd, sizeof cmd, "mkdir '%s/small' && mount -t tmpfs -o size=%s tmpfs '%s/small'",
		 dir, size, dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "store: cannot mount a tmpfs, disk-full test skipped\n");
		return -1;
	}
	return 0;
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

/* Kilobytes of the index folder, and of the live shards in it. */
static long du_k(const char *what)
{
	char cmd[1024], *out;
	long k;
	snprintf(cmd, sizeof cmd, "cd db && du -sck %s | tail -n 1 | cut -f1", what);
	ck_assert_int_eq(sh(cmd, &out), 0);
	k = atol(out);
	free(out);
	return k;
}

/* The index folder is at most 1.5 times its live shards. */
static void assert_at_rest(void)
{
	long all = du_k("."), live = du_k("$(sed -n 's/^auto //p' XAPIANDB)");
	ck_assert_msg(all * 2 <= live * 3, "index folder %ld KiB, live index %ld KiB", all, live);
}

/* The number of generations in dir/db. */
static int generations(void)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/db", dir);
	return ofs_test_generations(db);
}

START_TEST(old_generations_go_as_soon_as_no_searcher_holds_them)
{
	char db[4200], *out;
	ofs_searcher *s;
	ofs_results *res;
	ofs_search_opts q = {.query = "children", .limit = 3};
	ofs_error e;
	snprintf(db, sizeof db, "%s/db", dir);
	/* A new index is written, then compacted into the live one. */
	ck_assert_int_eq(run("indexer", "--db db in", &out), 0);
	free(out);
	ck_assert_int_eq(generations(), 1);
	assert_at_rest();
	ck_assert_int_eq(run("indexer", "--db db in", &out), 0);
	free(out);
	ck_assert_int_eq(generations(), 1);
	assert_at_rest();

	/* A searcher keeps the generation it opened through a rebuild. */
	ck_assert_msg(ofs_searcher_open(&s, db, NULL, &e) == OFS_OK, "%s", e.msg);
	ck_assert_int_eq(run("indexer", "--db db --rebuild in", &out), 0);
	free(out);
	ck_assert_int_eq(generations(), 2);
	ck_assert_msg(ofs_search(s, &q, &res, &e) == OFS_OK, "%s", e.msg);
	ck_assert_uint_gt(res->n_hits, 0);
	ofs_results_free(res);
	ofs_searcher_free(s);
	/* Once it is gone, the next run removes it. */
	ck_assert_int_eq(run("indexer", "--db db in", &out), 0);
	free(out);
	ck_assert_int_eq(generations(), 1);
	assert_at_rest();

	/* What a killed rebuild leaves goes at the next run. */
	ck_assert_int_eq(sh("cp -r db/$(sed -n 's/^auto //p' db/XAPIANDB | head -n 1) db/g99-s0 && "
			    "cp -r db/g99-s0 db/g99-s1", NULL), 0);
	ck_assert_int_eq(generations(), 2);
	ck_assert_int_eq(run("indexer", "--db db in", &out), 0);
	free(out);
	ck_assert_int_eq(generations(), 1);
}
END_TEST

/* Paragraphs of the index at index (relative to dir) matching query. */
static long count_in(const char *index, const char *query)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/%s", dir, index);
	return ofs_test_count(db, query);
}

START_TEST(a_full_disk_stops_the_run_and_leaves_the_index_as_it_was)
{
	char *out;
	long before;
	if (mount_small("3m") != 0)
		return;
	ck_assert_int_eq(run("indexer", "--db small/db in", &out), 0);
	free(out);
	before = count_in("small/db", "children");
	ck_assert_int_gt(before, 0);
	/* Fill the disk, then change every report. */
	sh("dd if=/dev/zero of=small/fill bs=4k", NULL);
	ck_assert_int_eq(sh("for f in in/*.txt; do printf '\\n\\nZanzibar appended.\\n' >> $f; done", NULL), 0);
	ck_assert_int_eq(run("indexer", "--db small/db in", &out), 3);
	ck_assert_msg(strstr(out, "No space left on device") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(count_in("small/db", "children"), before);
	ck_assert_int_eq(count_in("small/db", "zanzibar"), 0);
	/* A rebuild fails too, and leaves no generation behind. */
	ck_assert_int_eq(run("indexer", "--db small/db --rebuild in", &out), 3);
	free(out);
	ck_assert_int_eq(sh("ls small/db | grep -c '^g.*-s0$'", &out), 0);
	ck_assert_str_eq(out, "1\n");
	free(out);
	ck_assert_int_eq(count_in("small/db", "children"), before);
	/* With space again, the next run completes. */
	ck_assert_int_eq(sh("rm small/fill", NULL), 0);
	ck_assert_int_eq(run("indexer", "--db small/db in", &out), 0);
	ck_assert_msg(strstr(out, "0 added, 5 updated") != NULL, "%s", out);
	free(out);
	ck_assert_int_eq(count_in("small/db", "zanzibar"), 5);
}
END_TEST

/* Damage table (a file of the index's first live shard) with script,
 * which gets the file's path as $t; then neither program may crash, and
 * whichever meets the damage says the index is damaged and how to
 * rebuild it: the indexer then stops (exit 3).  With found, the indexer
 * must meet it (damage where the table has no data may go unseen: the
 * tables' layout depends on which writer put which report first). */
static void damage(const char *table, const char *script, int found)
{
	char cmd[2048], *out;
	int rc;
	snprintf(cmd, sizeof cmd, "rm -rf bad && cp -r db bad && "
		 "t=bad/$(sed -n 's/^auto //p' bad/XAPIANDB | head -n 1)/%s.glass && %s",
		 table, script);
	ck_assert_int_eq(sh(cmd, NULL), 0);
	rc = run("searcher", "--db bad --facets children", &out);
	ck_assert_msg(rc == 0 || (rc == 2 && strstr(out, "bad: the index is damaged") &&
				  strstr(out, OFS_INDEXER_NAME " --rebuild")),
		      "%s %s: searcher exited %d: %s", table, script, rc, out);
	free(out);
	/* A changed report makes the indexer write (a loop: sh expands no
	 * pattern in a redirection, and would make a new file "001_*.txt"). */
	ck_assert_int_eq(sh("for f in in/001_*.txt; do printf '\\n\\nZanzibar.\\n' >> \"$f\"; done",
			    NULL), 0);
	rc = run("indexer", "--db bad in", &out);
	ck_assert_msg((rc == 0 && !found) ||
		      (rc == 3 && strstr(out, "bad/g") && strstr(out, "the index is damaged") &&
		       strstr(out, OFS_INDEXER_NAME " --rebuild")),
		      "%s %s: indexer exited %d: %s", table, script, rc, out);
	free(out);
	/* Rebuilding makes it sound again. */
	ck_assert_int_eq(run("indexer", "--db bad --rebuild in", &out), 0);
	free(out);
	ck_assert_int_eq(count_in("bad", "children"), count_in("db", "children"));
}

START_TEST(a_damaged_index_is_an_error_that_says_to_rebuild_never_a_crash)
{
	char *out;
	/* One shard: the one damaged holds the report changed (with two,
	 * which holds it is up to which worker read it). */
	ck_assert_int_eq(run("indexer", "--jobs 1 --db db in", &out), 0);
	free(out);
	damage("postlist", "truncate -s 8000 $t", 1);
	damage("termlist", "truncate -s 8000 $t", 1);
	/* Xapian's writer crashed on bytes overwritten like these. */
	for (int i = 0; i < 3; i++) {
		static const char *const tables[] = {"postlist", "termlist", "position"};
		damage(tables[i], "head -c 300 /dev/zero | tr '\\0' '\\253' | "
		       "dd of=$t bs=1 seek=9000 conv=notrunc 2>/dev/null", 0);
	}
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
	tcase_add_test(tc, old_generations_go_as_soon_as_no_searcher_holds_them);
	tcase_add_test(tc, a_full_disk_stops_the_run_and_leaves_the_index_as_it_was);
	tcase_add_test(tc, a_damaged_index_is_an_error_that_says_to_rebuild_never_a_crash);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(store_suite)
