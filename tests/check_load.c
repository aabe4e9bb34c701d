/*
 * check_load.c: files into reports: content recognised whatever the
 * name, gzip read through, sidecars applied, bad input refused with one
 * line naming the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check_util.h"
#include "read/doc_load.h"
#include "read/sidecar.h"

static char *dir;

static void setup(void)
{
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}

static char *write_file(const char *name, const char *content, size_t len)
{
	char *p;
	FILE *f;
	ck_assert_int_ge(asprintf(&p, "%s/%s", dir, name), 0);
	f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(content, 1, len, f), len);
	fclose(f);
	return p;
}

static const char letter[] =
	"Focused visit to Anyshire children's services\n\n"
	"Headline findings\n\n"
	"Weaknesses in the front door were a constant theme, and leaders have been slow to act.\n";

START_TEST(gzip_text_is_recognised_by_content_not_name)
{
	char *p, *gz;
	gzFile f;
	ofs_report *r;
	ofs_error e;
	ck_assert_int_ge(asprintf(&gz, "%s/letter.dat", dir), 0);
	f = gzopen(gz, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(gzwrite(f, letter, sizeof letter - 1), (int)(sizeof letter - 1));
	gzclose(f);
	ck_assert_int_eq(ofs_doc_load(gz, NULL, &r, &e), OFS_OK);
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[1].section, "Headline findings");
	ck_assert_ptr_nonnull(strstr(r->paras[1].text, "front door"));
	ofs_report_free(r);
	p = write_file("plain.txt", letter, sizeof letter - 1);
	ck_assert_int_eq(ofs_doc_load(p, NULL, &r, &e), OFS_OK);
	ck_assert_uint_eq(r->n_paras, 2);
	ofs_report_free(r);
	free(p);
	free(gz);
}
END_TEST

START_TEST(a_web_page_named_pdf_is_refused_naming_the_file)
{
	const char page[] = "<!DOCTYPE html>\n<html><body>Not found</body></html>\n";
	char *p = write_file("report.pdf", page, sizeof page - 1);
	ofs_report *r = (ofs_report *)1;
	ofs_error e;
	ck_assert_int_eq(ofs_doc_load(p, NULL, &r, &e), OFS_EFORMAT);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(strstr(e.msg, p));
	ck_assert_ptr_nonnull(strstr(e.msg, "not a PDF"));
	ck_assert_ptr_nonnull(strstr(e.msg, "<!DOCTYPE"));
	ck_assert_ptr_null(strchr(e.msg, '\n'));
	free(p);
}
END_TEST

START_TEST(text_named_pdf_and_binary_and_bad_utf8_are_refused)
{
	char *a = write_file("notes.pdf", "just some words\n", 16);
	char *b = write_file("blob.txt", "\x01\x02\x00\x03", 4);
	char *c = write_file("latin1.txt", "caf\xe9 society\n", 13);
	ofs_report *r;
	ofs_error e;
	ck_assert_int_eq(ofs_doc_load(a, NULL, &r, &e), OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a PDF"));
	ck_assert_int_eq(ofs_doc_load(b, NULL, &r, &e), OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "binary"));
	ck_assert_int_eq(ofs_doc_load(c, NULL, &r, &e), OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, c));
	ck_assert_ptr_nonnull(strstr(e.msg, "invalid UTF-8 at byte 3"));
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(a_missing_file_is_an_io_error_naming_it)
{
	ofs_report *r;
	ofs_error e;
	ck_assert_int_eq(ofs_doc_load("/nonexistent/report.pdf", NULL, &r, &e), OFS_EIO);
	ck_assert_str_eq(e.msg, "/nonexistent/report.pdf: No such file or directory");
}
END_TEST

START_TEST(a_sidecar_gives_metadata_and_paragraph_facets)
{
	const char meta[] = "# hand-written\nkind: ofsted-letter\ncouncil: North Somerset\n"
			    "date: 2022-10-26\narea: help-protection\n"
			    "grade-help-protection: Requires improvement to be good\n"
			    "grade-overall: none\n";
	char *p = write_file("letter.txt", letter, sizeof letter - 1);
	char *m = write_file("letter.txt.meta", meta, sizeof meta - 1);
	ofs_report *r;
	ofs_error e;
	ck_assert_int_eq(ofs_doc_load(p, NULL, &r, &e), OFS_OK);
	ck_assert_int_eq(r->kind, OFS_KIND_OFSTED_LETTER);
	ck_assert_str_eq(r->date, "2022-10-26");
	ck_assert_int_eq(r->paras[0].area, OFS_AREA_HELP_PROTECTION);
	ck_assert_int_eq(r->paras[0].grade, OFS_GRADE_RI);
	/* "Headline findings" is the summary: area overall, its grade none. */
	ck_assert_int_eq(r->paras[1].area, OFS_AREA_OVERALL);
	ck_assert_int_eq(r->paras[1].grade, OFS_GRADE_NONE);
	ofs_report_free(r);
	free(p);
	free(m);
}
END_TEST

START_TEST(a_bad_sidecar_line_is_an_error_naming_file_and_line)
{
	const char meta[] = "kind: news\n\ngrade-overall: excellent\n";
	char *p = write_file("a.txt", letter, sizeof letter - 1);
	char *m = write_file("a.txt.meta", meta, sizeof meta - 1);
	char want[4200];
	ofs_report *r;
	ofs_error e;
	ck_assert_int_eq(ofs_doc_load(p, NULL, &r, &e), OFS_EFORMAT);
	snprintf(want, sizeof want, "%s:3: unknown grade 'excellent'", m);
	ck_assert_ptr_nonnull(strstr(e.msg, want));
	free(p);
	free(m);
	m = write_file("a.txt.meta", "date: 2022-02-30\n", 17);
	ck_assert_int_eq(ofs_doc_load(p = write_file("a.txt", letter, sizeof letter - 1), NULL, &r, &e),
			 OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "is not a date"));
	free(p);
	free(m);
}
END_TEST

START_TEST(folders_take_reports_and_skip_sidecars_and_hidden_files)
{
	ck_assert(ofs_doc_wanted("a/b/report.pdf"));
	ck_assert(ofs_doc_wanted("notes.TXT"));
	ck_assert(ofs_doc_wanted("notes.txt.gz"));
	ck_assert(!ofs_doc_wanted("notes.txt.meta"));
	ck_assert(!ofs_doc_wanted("dir/.hidden.txt"));
	ck_assert(!ofs_doc_wanted("reports.csv"));
}
END_TEST

static Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, gzip_text_is_recognised_by_content_not_name);
	tcase_add_test(tc, a_web_page_named_pdf_is_refused_naming_the_file);
	tcase_add_test(tc, text_named_pdf_and_binary_and_bad_utf8_are_refused);
	tcase_add_test(tc, a_missing_file_is_an_io_error_naming_it);
	tcase_add_test(tc, a_sidecar_gives_metadata_and_paragraph_facets);
	tcase_add_test(tc, a_bad_sidecar_line_is_an_error_naming_file_and_line);
	tcase_add_test(tc, folders_take_reports_and_skip_sidecars_and_hidden_files);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(load_suite)
