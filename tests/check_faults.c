/*
 * check_faults.c: the indexer against hostile folders and bad luck: a
 * named folder that empties, symbolic links that loop, FIFOs, sockets
 * and devices, a text too big to index.  Each test runs the real
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

START_TEST(links_to_a_parent_folder_are_walked_once)
{
	char *out;
	/* Two links up from a subfolder: every path through them leads
	 * back to folders walked already. */
	ck_assert_int_eq(sh("mkdir in/sub && cp in/001_*.txt in/sub/x.txt && "
			    "ln -s .. in/sub/up && ln -s .. in/sub/up2 && ln -s ../in in/self"), 0);
	ck_assert_int_eq(indexer("in", &out), 0);
	ck_assert_msg(strstr(out, "6 added, 0 updated, 0 removed, 0 unchanged, 0 failed") != NULL,
		      "%s", out);
	free(out);
}
END_TEST

START_TEST(fifos_sockets_and_devices_get_one_line_each_and_are_never_opened)
{
	char *out;
	ck_assert_int_eq(sh("mkfifo in/pipe.txt && python3 -c \"import socket; "
			    "socket.socket(socket.AF_UNIX).bind('in/sock.txt')\""), 0);
	/* A FIFO named on the command line would block a reader for ever. */
	ck_assert_int_eq(indexer("in in/pipe.txt /dev/null", &out), 1);
	ck_assert_msg(strstr(out, "in/pipe.txt: not a regular file but a FIFO: not read") != NULL,
		      "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "in/sock.txt: not a regular file but a socket"));
	ck_assert_ptr_nonnull(strstr(out, "/dev/null: not a regular file but a character device"));
	ck_assert_ptr_nonnull(strstr(out, "5 added, 0 updated, 0 removed, 0 unchanged, 4 failed"));
	free(out);
	/* They do not keep a removed file in the index. */
	ck_assert_int_eq(sh("rm in/003_*.txt"), 0);
	ck_assert_int_eq(indexer("in", &out), 1);
	ck_assert_msg(strstr(out, "0 added, 0 updated, 1 removed, 4 unchanged, 2 failed") != NULL,
		      "%s", out);
	free(out);
	ck_assert_int_eq(count("\"Samuel Bromiley\""), 0);
}
END_TEST

START_TEST(a_file_name_that_is_not_utf8_is_indexed_and_shown_escaped)
{
	char *out, db[4200], cmd[8192];
	ck_assert_int_eq(sh("cp in/001_*.txt \"in/bad$(printf '\\377\\376')name.txt\""), 0);
	ck_assert_int_eq(indexer("in", &out), 0);
	ck_assert_msg(strstr(out, "6 added, 0 updated, 0 removed, 0 unchanged, 0 failed") != NULL,
		      "%s", out);
	free(out);
	snprintf(db, sizeof db, "%s/db", dir);
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' --reports --json | grep -c 'in/bad\\\\\\\\xFF\\\\\\\\xFEname.txt'",
		 ofs_test_build(), db);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_str_eq(out, "2\n"); /* "file" and "path" */
	free(out);
	/* Gone from the folder, gone from the index. */
	ck_assert_int_eq(sh("rm in/bad*name.txt"), 0);
	ck_assert_int_eq(indexer("in", &out), 0);
	ck_assert_msg(strstr(out, "0 added, 0 updated, 1 removed") != NULL, "%s", out);
	free(out);
}
END_TEST

START_TEST(a_text_over_the_limit_is_refused_in_one_line_and_the_rest_indexed)
{
	char *out;
	/* 17 MB of words on one line: once 2.4 GB to index (300 MB). */
	ck_assert_int_eq(sh("yes 'the social worker visited the child' | head -c 17000000 | "
			    "tr '\\n' ' ' > in/dump.txt"), 0);
	ck_assert_int_eq(indexer("in", &out), 1);
	ck_assert_msg(strstr(out, "in/dump.txt: 17 MB of text, over the limit of 16 MB for one "
				  "report") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "5 added, 0 updated, 0 removed, 0 unchanged, 1 failed") != NULL,
		      "%s", out);
	free(out);
	ck_assert_int_gt(count("children"), 0);
}
END_TEST

START_TEST(long_paths_are_removed_when_gone_and_paths_past_path_max_are_errors)
{
	char *out;
	/* 400 bytes of folders: too long for an index term. */
	ck_assert_int_eq(sh("d=in/$(printf 'd%.0s' $(seq 200))/$(printf 'e%.0s' $(seq 200)) && "
			    "mkdir -p $d && cp in/001_*.txt $d/deep.txt"), 0);
	/* Past PATH_MAX (4096 bytes): walked, but no system call takes it. */
	ck_assert_int_eq(sh("python3 -c \"import glob, os; t = open(glob.glob('in/001_*.txt')[0]).read(); "
			    "os.chdir('in')\n"
			    "for i in range(22): os.mkdir('f' * 200); os.chdir('f' * 200)\n"
			    "open('deepest.txt', 'w').write(t)\""), 0);
	ck_assert_int_eq(indexer("in", &out), 1);
	ck_assert_msg(strstr(out, "fff: path too long for the system") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "6 added, 0 updated, 0 removed, 0 unchanged, 1 failed") != NULL,
		      "%s", out);
	free(out);
	ck_assert_int_eq(sh("rm in/ddd*/eee*/deep.txt"), 0);
	ck_assert_int_eq(indexer("in", &out), 1);
	ck_assert_msg(strstr(out, "0 added, 0 updated, 1 removed, 5 unchanged, 1 failed") != NULL,
		      "%s", out);
	free(out);
}
END_TEST

static Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("indexer");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, a_named_folder_that_became_empty_loses_its_reports);
	tcase_add_test(tc, links_to_a_parent_folder_are_walked_once);
	tcase_add_test(tc, fifos_sockets_and_devices_get_one_line_each_and_are_never_opened);
	tcase_add_test(tc, a_file_name_that_is_not_utf8_is_indexed_and_shown_escaped);
	tcase_add_test(tc, long_paths_are_removed_when_gone_and_paths_past_path_max_are_errors);
	tcase_add_test(tc, a_text_over_the_limit_is_refused_in_one_line_and_the_rest_indexed);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(faults_suite)
