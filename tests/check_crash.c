/*
 * check_crash.c: an indexer killed at any moment leaves an index that
 * opens and holds whole reports only (every report document with all its
 * paragraphs), and the next run completes it to what an uninterrupted
 * run builds.  Ctrl-C commits what is done and says so.
 */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "base/schema.h"
#include "engine/xapian.h"

#define N_FILES 300
#define N_KILLS 12

static char *dir;

/* A folder of N_FILES text reports made from the bundled corpus, each
 * with a word of its own so that each is a distinct document. */
static void setup(void)
{
	char cmd[8192];
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
	snprintf(cmd, sizeof cmd,
		 "mkdir -p '%s/in' && cd '%s/in' && i=0; while [ $i -lt %d ]; do "
		 "for f in \"$OLDPWD\"/corpus/*.txt; do i=$((i+1)); "
		 "{ echo \"Copy marker uniq$i.\"; echo; cat \"$f\"; } > r$i.txt; done; done",
		 dir, dir, N_FILES);
	ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

static pid_t start_indexer_on(const char *db, const char *in)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char prog[4200];
		snprintf(prog, sizeof prog, "%s/indexer", ofs_test_build());
		freopen("/dev/null", "w", stderr);
		execl(prog, "indexer", "--quiet", "--db", db, in, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* An indexer rebuilding db from the reports. */
static pid_t start_rebuild(const char *db)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char prog[4200], in[4200];
		snprintf(prog, sizeof prog, "%s/indexer", ofs_test_build());
		snprintf(in, sizeof in, "%s/in", dir);
		freopen("/dev/null", "w", stderr);
		execl(prog, "indexer", "--quiet", "--rebuild", "--db", db, in, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The generation the stub of db lists. */
static unsigned live_generation(const char *db)
{
	char path[4300];
	unsigned g = 0;
	FILE *f;
	snprintf(path, sizeof path, "%s/XAPIANDB", db);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	ck_assert_int_eq(fscanf(f, "auto g%u-", &g), 1);
	fclose(f);
	return g;
}

/* Wait until the indexer pid creates generation gen in db (it compacts
 * into it, then switches the stub to it), then a random 0 to max_ms
 * milliseconds, then SIGKILL it.  Returns whether it was killed before
 * it finished. */
static int kill_after_generation(pid_t pid, const char *db, unsigned gen, int max_ms)
{
	char path[4300];
	struct timespec tick = {0, 200000};
	int st, killed;
	snprintf(path, sizeof path, "%s/g%u-s0", db, gen);
	while (access(path, F_OK) != 0 && waitpid(pid, &st, WNOHANG) == 0)
		nanosleep(&tick, NULL);
	tick.tv_nsec = (long)(rand() % (max_ms + 1)) * 1000000L;
	nanosleep(&tick, NULL);
	killed = kill(pid, SIGKILL) == 0 && waitpid(pid, &st, 0) == pid && WIFSIGNALED(st);
	return killed;
}

static pid_t start_indexer(const char *db)
{
	char in[4200];
	snprintf(in, sizeof in, "%s/in", dir);
	return start_indexer_on(db, in);
}

struct check {
	ofs_xdb *db;
	unsigned reports;
	int bad;
};

/* Every report document must come with exactly its paragraphs. */
static int check_report(void *ctx, const char *term)
{
	struct check *c = ctx;
	const char *id = term + strlen(OFS_PFX_DOC);
	char rterm[64], *data = NULL;
	unsigned n = 0;
	json_t *j;
	snprintf(rterm, sizeof rterm, "%s%s", OFS_PFX_REPORT, id);
	if (ofs_xdb_termfreq(c->db, rterm, &n, NULL) != OFS_OK ||
	    ofs_xdb_get_by_term(c->db, term, &data, NULL, NULL) != OFS_OK ||
	    !(j = json_loads(data, 0, NULL))) {
		c->bad++;
		free(data);
		return 0;
	}
	if ((json_int_t)n != json_integer_value(json_object_get(j, "paragraphs")) + 1)
		c->bad++;
	c->reports++;
	json_decref(j);
	free(data);
	return 0;
}

/* Open the index and check it; returns the number of whole reports, or
 * -1 when there is no index yet (killed before the first commit). */
static int check_index(const char *db)
{
	struct check c = {0};
	char stub[4200];
	ofs_error e;
	snprintf(stub, sizeof stub, "%s/XAPIANDB", db);
	if (access(stub, F_OK) != 0)
		return -1;
	ck_assert_msg(ofs_xdb_open_read(&c.db, db, &e) == OFS_OK, "%s", e.msg);
	ck_assert_int_eq(ofs_xdb_each_term(c.db, OFS_PFX_DOC, check_report, &c, &e), OFS_OK);
	ofs_xdb_close(c.db);
	ck_assert_msg(c.bad == 0, "%d reports incomplete", c.bad);
	return (int)c.reports;
}

static unsigned doccount(const char *db)
{
	ofs_xdb *x;
	unsigned n = 0;
	ofs_error e;
	ck_assert_int_eq(ofs_xdb_open_read(&x, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_doccount(x, &n, &e), OFS_OK);
	ofs_xdb_close(x);
	return n;
}

START_TEST(killed_at_random_points_the_index_holds_whole_reports_and_recovers)
{
	char db[4200], clean[4200], cmd[8192];
	int st, seen_partial = 0;
	unsigned clean_docs;
	pid_t pid;
	struct timespec ts;

	snprintf(clean, sizeof clean, "%s/clean", dir);
	waitpid(start_indexer(clean), &st, 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_eq(check_index(clean), N_FILES);
	clean_docs = doccount(clean);

	snprintf(db, sizeof db, "%s/killed", dir);
	srand((unsigned)time(NULL));
	for (int k = 0; k < N_KILLS; k++) {
		int whole;
		pid = start_indexer(db);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(rand() % 400) * 1000000L;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		whole = check_index(db);
		if (whole >= 0 && whole < N_FILES)
			seen_partial = 1;
	}
	/* The next run completes the work. */
	waitpid(start_indexer(db), &st, 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_eq(check_index(db), N_FILES);
	ck_assert_uint_eq(doccount(db), clean_docs);
	fprintf(stderr, "crash: %d kills, a partial index seen: %s\n", N_KILLS,
		seen_partial ? "yes" : "no");
	snprintf(cmd, sizeof cmd, "test -f '%s/lock'", db);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Killed while a new index is compacted, and while a rebuild is
 * compacted and switched to: the index opens with whole reports (the
 * old ones, or all the new ones), and the next run completes it and
 * leaves one generation. */
START_TEST(killed_during_compaction_and_a_rebuild_switch_the_index_recovers)
{
	char db[4200], clean[4200];
	int st, kills = 0;
	unsigned clean_docs, live;

	snprintf(clean, sizeof clean, "%s/clean", dir);
	waitpid(start_indexer(clean), &st, 0);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	clean_docs = doccount(clean);
	snprintf(db, sizeof db, "%s/killed", dir);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (int k = 0; k < 6; k++) {
		char cmd[4300];
		/* A new index is written as generation 1, compacted into 2. */
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", db);
		ck_assert_int_eq(system(cmd), 0);
		kills += kill_after_generation(start_indexer(db), db, 2, 40);
		ck_assert_int_ge(check_index(db), 0);
		waitpid(start_indexer(db), &st, 0);
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		ck_assert_int_eq(check_index(db), N_FILES);
		ck_assert_uint_eq(doccount(db), clean_docs);
		/* A rebuild writes live + 1, compacts it into live + 2 and
		 * switches to that. */
		live = live_generation(db);
		kills += kill_after_generation(start_rebuild(db), db, live + 2, 60);
		ck_assert_int_eq(check_index(db), N_FILES);
		waitpid(start_indexer(db), &st, 0);
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		ck_assert_int_eq(check_index(db), N_FILES);
		ck_assert_uint_eq(doccount(db), clean_docs);
		ck_assert_int_eq(ofs_test_generations(db), 1);
	}
	fprintf(stderr, "crash: %d kills during compaction or a rebuild's switch, "
		"all reopened whole and completed\n", kills);
	ck_assert_int_gt(kills, 0);
}
END_TEST

START_TEST(ctrl_c_commits_what_is_done_and_says_so)
{
	char cmd[8192], *out;
	/* SIGINT as soon as the indexer starts: it stops after the files in
	 * hand, commits them, and exits 130 with a message. */
	snprintf(cmd, sizeof cmd,
		 "%s/indexer --db '%s/db' '%s/in' 2>'%s/err' & pid=$!; sleep 0.05; "
		 "kill -INT $pid; wait $pid; echo $?; cat '%s/err'",
		 ofs_test_build(), dir, dir, dir, dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	if (strncmp(out, "0\n", 2) != 0) { /* unless it had already finished */
		ck_assert_msg(!strncmp(out, "130\n", 4), "%s", out);
		ck_assert_ptr_nonnull(strstr(out, "interrupted: "));
		ck_assert_ptr_nonnull(strstr(out, "run again to finish"));
		char db[4200];
		snprintf(db, sizeof db, "%s/db", dir);
		ck_assert_int_ge(check_index(db), 0);
	}
	free(out);
}
END_TEST

START_TEST(searchers_always_answer_while_the_index_is_written_and_rebuilt)
{
	char db[4200], cmd[8192], *out;
	int st, searches = 0, failures = 0;
	pid_t pid;
	snprintf(db, sizeof db, "%s/db", dir);
	waitpid(start_indexer(db), &st, 0); /* something to search */
	for (int round = 0; round < 2; round++) {
		char in[4200];
		/* Round 0 re-indexes every file (their content changes);
		 * round 1 rebuilds. */
		snprintf(cmd, sizeof cmd, "for f in '%s'/in/*.txt; do echo again >> \"$f\"; done", dir);
		ck_assert_int_eq(system(cmd), 0);
		snprintf(in, sizeof in, "%s/in", dir);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			char prog[4200];
			snprintf(prog, sizeof prog, "%s/indexer", ofs_test_build());
			freopen("/dev/null", "w", stderr);
			if (round)
				execl(prog, "indexer", "-q", "--rebuild", "--db", db, in, (char *)NULL);
			else
				execl(prog, "indexer", "-q", "--db", db, in, (char *)NULL);
			_exit(127);
		}
		while (waitpid(pid, &st, WNOHANG) == 0) {
			snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' --json --facets front door 2>&1",
				 ofs_test_build(), db);
			int rc = ofs_test_run(cmd, &out);
			searches++;
			if (rc != 0 || !strstr(out, "\"total\"")) {
				failures++;
				fprintf(stderr, "searcher failed (%d): %s\n", rc, out);
			}
			free(out);
		}
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	fprintf(stderr, "concurrency: %d searches during indexing and rebuild, %d failed\n",
		searches, failures);
	ck_assert_int_gt(searches, 0);
	ck_assert_int_eq(failures, 0);
}
END_TEST

/* The same on the real reports, killed anywhere in a run of seconds. */
START_TEST(killed_while_reading_the_sample_the_index_stays_whole)
{
	const char *sample = ofs_test_sample();
	char db[4200], clean[4200];
	int st, kills = 0, partial = 0, clean_reports;
	unsigned clean_docs;
	pid_t pid;
	struct timespec ts;

	if (!sample) {
		fprintf(stderr, "crash: shared sample absent, skipped\n");
		return;
	}
	snprintf(clean, sizeof clean, "%s/clean", dir);
	waitpid(start_indexer_on(clean, sample), &st, 0);
	ck_assert(WIFEXITED(st)); /* 1: the sample's web pages named .pdf */
	clean_reports = check_index(clean);
	clean_docs = doccount(clean);
	ck_assert_int_gt(clean_reports, 300);

	snprintf(db, sizeof db, "%s/killed", dir);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (int k = 0; k < 8; k++) {
		int whole;
		pid = start_indexer_on(db, sample);
		ts.tv_sec = rand() % 3;
		ts.tv_nsec = (long)(rand() % 1000) * 1000000L;
		nanosleep(&ts, NULL);
		if (kill(pid, SIGKILL) == 0)
			kills++;
		waitpid(pid, &st, 0);
		whole = check_index(db);
		if (whole >= 0 && whole < clean_reports)
			partial++;
	}
	waitpid(start_indexer_on(db, sample), &st, 0);
	ck_assert_int_eq(check_index(db), clean_reports);
	ck_assert_uint_eq(doccount(db), clean_docs);
	fprintf(stderr, "crash: sample: %d kills, %d left a partial index, all reopened whole; "
		"the next run completed %d reports\n", kills, partial, clean_reports);
}
END_TEST

static Suite *crash_suite(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("kill");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, killed_at_random_points_the_index_holds_whole_reports_and_recovers);
	tcase_add_test(tc, killed_during_compaction_and_a_rebuild_switch_the_index_recovers);
	tcase_add_test(tc, ctrl_c_commits_what_is_done_and_says_so);
	tcase_add_test(tc, searchers_always_answer_while_the_index_is_written_and_rebuilt);
	tcase_add_test(tc, killed_while_reading_the_sample_the_index_stays_whole);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(crash_suite)
