/*
 * check_incremental.c: the index kept in step with changing folders: new,
 * changed, unchanged and removed files, failures keeping the previous
 * version, rebuilds swapped in whole, a second indexer refused, a changed
 * thesaurus indexing every file again.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "ofs/index_run.h"

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

/* Run the indexer over the copied corpus with extra args; *out gets its
 * stderr (the summary); returns the exit status. */
static int indexer(const char *args, char **out)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/db' %s '%s/in' 2>&1", ofs_test_build(), dir,
		 args, dir);
	return ofs_test_run(cmd, out);
}

/* Number of paragraphs matching query, -1 on error. */
static long count(const char *query)
{
	char db[4200];
	snprintf(db, sizeof db, "%s/db", dir);
	return ofs_test_count(db, query);
}

static void write_file(const char *name, const char *text)
{
	char path[4200];
	FILE *f;
	snprintf(path, sizeof path, "%s/in/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

START_TEST(new_changed_unchanged_and_gone_files_are_each_handled)
{
	char *out, path[4200];
	ck_assert_int_eq(indexer("", &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "5 added, 0 updated, 0 removed, 0 unchanged"));
	free(out);
	ck_assert_int_eq(count("\"Samuel Bromiley\""), 1);

	write_file("new.txt", "Inspectors found that quokka arrangements were "
			      "assessed late and reviewed rarely.\n");
	write_file("004_0b8f114c14ecd7b2.txt", "The letter now speaks only of zeppelins.\n");
	snprintf(path, sizeof path, "%s/in/003_b1d9fb3104aa02ce.txt", dir);
	ck_assert_int_eq(unlink(path), 0);
	snprintf(path, sizeof path, "touch '%s/in/000_665a517b42f86fc3.txt'", dir);
	ck_assert_int_eq(system(path), 0);

	ck_assert_int_eq(indexer("", &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "1 added, 1 updated, 1 removed, 3 unchanged, 0 failed"));
	free(out);
	ck_assert_int_eq(count("quokka"), 1);
	ck_assert_int_eq(count("zeppelins"), 1);
	ck_assert_int_eq(count("\"constant theme\""), 0);     /* the old letter is gone */
	ck_assert_int_eq(count("\"Samuel Bromiley\""), 0); /* the removed file too */
}
END_TEST

START_TEST(a_changed_sidecar_reindexes_its_document)
{
	char *out;
	ck_assert_int_eq(indexer("", &out), 0);
	free(out);
	ck_assert_int_eq(count("council:\"North Somerset\" \"Samuel Bromiley\""), 0);
	write_file("003_b1d9fb3104aa02ce.txt.meta", "kind: news\ncouncil: North Somerset\n");
	ck_assert_int_eq(indexer("", &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "0 added, 1 updated, 0 removed, 4 unchanged"));
	free(out);
	ck_assert_int_gt(count("council:\"North Somerset\" \"Samuel Bromiley\""), 0);
}
END_TEST

START_TEST(a_file_that_fails_keeps_its_previous_version)
{
	char *out;
	ck_assert_int_eq(indexer("", &out), 0);
	free(out);
	ck_assert_int_gt(count("\"constant theme\""), 0);
	write_file("004_0b8f114c14ecd7b2.txt", "broken \xff\xfe text\n");
	ck_assert_int_eq(indexer("", &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "004_0b8f114c14ecd7b2.txt: invalid UTF-8 at byte 7"));
	ck_assert_ptr_nonnull(strstr(out, "1 failed"));
	free(out);
	ck_assert_int_gt(count("\"constant theme\""), 0);
}
END_TEST

START_TEST(a_rebuild_replaces_the_index_whole)
{
	char *out, cmd[8192];
	ck_assert_int_eq(indexer("", &out), 0);
	free(out);
	/* Rebuild from one file only: the others vanish at once. */
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/db' --rebuild '%s/in/004_0b8f114c14ecd7b2.txt' 2>&1",
		 ofs_test_build(), dir, dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "1 added"));
	free(out);
	ck_assert_int_gt(count("\"constant theme\""), 0);
	ck_assert_int_eq(count("\"Samuel Bromiley\""), 0);
	/* The stub names the new generation only: the first build was
	 * generation 1, compacted into 2; the rebuild 3, compacted into 4. */
	snprintf(cmd, sizeof cmd, "cat '%s/db/XAPIANDB'", dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_null(strstr(out, "g2-"));
	ck_assert_ptr_nonnull(strstr(out, "auto g4-s0"));
	free(out);
	/* No searcher holds generation 2 (check_store.c: one that does
	 * keeps it): it goes with 1 and 3. */
	snprintf(cmd, sizeof cmd, "ls '%s/db'", dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_null(strstr(out, "g1-"));
	ck_assert_ptr_null(strstr(out, "g3-"));
	ck_assert_ptr_null(strstr(out, "g2-"));
	free(out);
}
END_TEST

START_TEST(one_job_and_many_jobs_build_the_same_index)
{
	char *out, cmd[8192], *a, *b;
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/one' -j 1 '%s/in' 2>&1 && "
		 "%s/indexer --db '%s/four' -j 4 '%s/in' 2>&1", ofs_test_build(), dir, dir,
		 ofs_test_build(), dir, dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	free(out);
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s/one' --json --facets -n 5 children",
		 ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &a), 0);
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s/four' --json --facets -n 5 children",
		 ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &b), 0);
	json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
	ck_assert(json_equal(json_object_get(ja, "facets"), json_object_get(jb, "facets")));
	ck_assert_int_eq(json_integer_value(json_object_get(ja, "total")),
			 json_integer_value(json_object_get(jb, "total")));
	json_decref(ja);
	json_decref(jb);
	free(a);
	free(b);
}
END_TEST

/* The --explain lines of searching the copied corpus for query, with
 * extra searcher args (caller frees). */
static char *explain(const char *args, const char *query)
{
	char cmd[8192], *out;
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s/db' --explain -n 0 %s '%s' 2>&1",
		 ofs_test_build(), dir, args, query);
	ck_assert_int_le(ofs_test_run(cmd, &out), 1);
	return out;
}

START_TEST(a_changed_thesaurus_reindexes_every_file)
{
	char *out, th[4200], args[4300];
	FILE *f;
	ck_assert_int_eq(indexer("", &out), 0);
	free(out);
	/* Indexed with the shipped thesaurus: its names are terms. */
	out = explain("", "front door");
	ck_assert_ptr_nonnull(strstr(out, "XNfirst respons"));
	free(out);
	snprintf(th, sizeof th, "%s/th.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(th, "w"));
	fputs("front door | first contact team\n", f);
	fclose(f);
	snprintf(args, sizeof args, "--thesaurus '%s'", th);
	/* Another thesaurus than the index's: its names are phrases. */
	out = explain(args, "front door");
	ck_assert_ptr_null(strstr(out, "XN"));
	ck_assert_ptr_nonnull(strstr(out, "PHRASE 3"));
	free(out);
	ck_assert_int_eq(indexer(args, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "0 added, 5 updated, 0 removed, 0 unchanged"));
	free(out);
	out = explain(args, "front door");
	ck_assert_ptr_nonnull(strstr(out, "XNfirst contact team"));
	free(out);
	ck_assert_int_eq(indexer(args, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "5 unchanged"));
	free(out);
	/* A thesaurus that cannot be read is a usage error naming it. */
	ck_assert_int_eq(indexer("--thesaurus /nonexistent/th.txt", &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "/nonexistent/th.txt"));
	free(out);
}
END_TEST

START_TEST(a_file_named_twice_is_indexed_once)
{
	char *out, cmd[8192];
	/* A new generation skips looking into shards for reports not put
	 * in it yet; the second naming must still find the first (as
	 * unchanged, or replacing it when the two are read at once). */
	for (int rebuild = 0; rebuild < 2; rebuild++) {
		snprintf(cmd, sizeof cmd,
			 "%s/indexer --db '%s/db' %s '%s/in' '%s/in/004_0b8f114c14ecd7b2.txt' 2>&1",
			 ofs_test_build(), dir, rebuild ? "--rebuild" : "", dir, dir);
		ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
		ck_assert_ptr_nonnull(strstr(out, "5 added, "));
		free(out);
		ck_assert_int_eq(count("\"constant theme\""), 1);
	}
}
END_TEST

/* Through the library, as a program using it calls it: the counts start
 * from zero whatever the caller's struct held. */
START_TEST(the_library_counts_a_run_from_zero)
{
	char db[4200], in[4200], *paths[] = {in};
	ofs_run_opts o = {0};
	ofs_run_stats st;
	ofs_error e;
	snprintf(db, sizeof db, "%s/db", dir);
	snprintf(in, sizeof in, "%s/in", dir);
	o.db = db;
	o.jobs = 1;
	memset(&st, 0xff, sizeof st);
	ck_assert_int_eq(ofs_index_run(&o, paths, 1, &st, &e), OFS_OK);
	ck_assert_uint_eq(st.added, 5);
	ck_assert_uint_eq(st.failed, 0);
	ck_assert_uint_eq(st.removed, 0);
	ck_assert_uint_eq(st.files, 5);
	memset(&st, 0xff, sizeof st);
	ck_assert_int_eq(ofs_index_run(&o, paths, 1, &st, &e), OFS_OK);
	ck_assert_uint_eq(st.unchanged, 5);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_uint_eq(st.paragraphs, 0);
}
END_TEST

static Suite *incremental_suite(void)
{
	Suite *s = suite_create("incremental");
	TCase *tc = tcase_create("folders");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, new_changed_unchanged_and_gone_files_are_each_handled);
	tcase_add_test(tc, a_changed_sidecar_reindexes_its_document);
	tcase_add_test(tc, a_file_that_fails_keeps_its_previous_version);
	tcase_add_test(tc, a_rebuild_replaces_the_index_whole);
	tcase_add_test(tc, one_job_and_many_jobs_build_the_same_index);
	tcase_add_test(tc, a_changed_thesaurus_reindexes_every_file);
	tcase_add_test(tc, a_file_named_twice_is_indexed_once);
	tcase_add_test(tc, the_library_counts_a_run_from_zero);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(incremental_suite)
