/*
 * check_browser.c: the search page in a real headless Chromium, as a
 * person uses it (tests/browser/page.mjs holds the steps of each test):
 * typing letter by letter, ticking a facet, opening a citation at its
 * page, a council's grade history, a hostile paragraph shown as text, a
 * phone's screen.  Skipped, with a line saying why, where no browser, no
 * node or no playwright-core (scripts/install-deps.sh installs them) is
 * present.  With OFS_SHOTS=DIR the tests leave screenshots there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "util_pdf.h"
#include "util_serve.h"

static ofs_test_server srv;
static char *pdf_dir;
static const char *skip; /* why the tests cannot run, or NULL */

static const char *chromium(void)
{
	const char *c = getenv("OFS_CHROMIUM");
	return c && *c ? c : "/usr/bin/chromium";
}

/* A report of two pages in a <number>_<council> folder, as the shared
 * sample's, whose second page alone has the word "quokkaplanning". */
static void write_pdf(void)
{
	static const ofs_pdf_item items[] = {
		{1, 16, 72, 100, "Inspection of Testshire children's services"},
		{0, 11, 72, 140, "Inspectors found that children are well supported by staff."},
		OFS_PDF_END_PAGE,
		{0, 11, 72, 100, "Leaders have improved quokkaplanning for care leavers this year."},
		OFS_PDF_END_PAGE,
		OFS_PDF_END_PAGE,
	};
	char *path;
	pdf_dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(pdf_dir);
	ck_assert_int_ge(asprintf(&path, "%s/12345_testshire", pdf_dir), 0);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
	ck_assert_int_ge(asprintf(&path, "%s/12345_testshire/report.pdf", pdf_dir), 0);
	ck_assert_int_eq(ofs_test_pdf_write(items, path), 0);
	free(path);
}

static void setup(void)
{
	char what[4200];
	if (access(chromium(), X_OK) != 0)
		skip = "no browser at /usr/bin/chromium (or $OFS_CHROMIUM)";
	else if (access("tests/browser/node_modules/playwright-core/package.json", R_OK) != 0)
		skip = "no playwright-core in tests/browser (sh scripts/install-deps.sh installs it)";
	else if (system("node --version >/dev/null 2>&1") != 0)
		skip = "no node";
	if (skip)
		return;
	write_pdf();
	snprintf(what, sizeof what, "corpus '%s'", pdf_dir);
	ofs_test_index_into(&srv, what);
	ofs_test_server_start(&srv);
}

static void teardown(void)
{
	if (srv.pid)
		ofs_test_server_stop(&srv);
	ofs_test_server_free(&srv);
	if (pdf_dir)
		ofs_test_rmdir(pdf_dir);
	pdf_dir = NULL;
}

/* Run one test of page.mjs against the server. */
static void page_test(const char *name)
{
	char cmd[4400], *out = NULL;
	const char *shots = getenv("OFS_SHOTS");
	int st;
	if (skip) {
		printf("check_browser: %s: skipped: %s\n", name, skip);
		return;
	}
	snprintf(cmd, sizeof cmd, "cd tests/browser && node page.mjs %s http://127.0.0.1:%d/ %s 2>&1",
		 name, srv.port, shots && *shots ? shots : "");
	st = ofs_test_run(cmd, &out);
	printf("%s", out);
	if (st == 77)
		printf("check_browser: %s: skipped: the browser did not start\n", name);
	else
		ck_assert_msg(st == 0, "%s", out);
	free(out);
}

#define PAGE_TEST(name) START_TEST(name) { page_test(#name); } END_TEST
PAGE_TEST(typing_letter_by_letter_updates_results_and_counts)
PAGE_TEST(ticking_a_facet_narrows_the_results)
PAGE_TEST(a_question_naming_a_grade_says_how_it_was_read)
PAGE_TEST(a_citation_opens_the_report_at_its_page)
PAGE_TEST(a_councils_grade_history_shows_a_chart)
PAGE_TEST(a_question_about_change_opens_the_councils_history)
PAGE_TEST(a_query_of_filters_alone_lists_the_reports)
PAGE_TEST(a_hostile_paragraph_renders_as_text)
PAGE_TEST(the_page_is_usable_on_a_phone)

static Suite *browser_suite(void)
{
	Suite *s = suite_create("browser");
	TCase *tc = tcase_create("page");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, typing_letter_by_letter_updates_results_and_counts);
	tcase_add_test(tc, ticking_a_facet_narrows_the_results);
	tcase_add_test(tc, a_question_naming_a_grade_says_how_it_was_read);
	tcase_add_test(tc, a_citation_opens_the_report_at_its_page);
	tcase_add_test(tc, a_councils_grade_history_shows_a_chart);
	tcase_add_test(tc, a_question_about_change_opens_the_councils_history);
	tcase_add_test(tc, a_query_of_filters_alone_lists_the_reports);
	tcase_add_test(tc, a_hostile_paragraph_renders_as_text);
	tcase_add_test(tc, the_page_is_usable_on_a_phone);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(browser_suite)
