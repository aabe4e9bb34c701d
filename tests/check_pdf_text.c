/*
 * check_pdf_text.c: reading PDFs in process, and the paragraphs a reader
 * sees in them.
 *
 * Every PDF here is built by the test itself (util_pdf.h): pages of
 * text placed at chosen positions in the base-14 fonts Helvetica and
 * Helvetica-Bold, so each test shows the layout it is about.  One last
 * test reads a few real reports from the shared sample when it is
 * present and skips otherwise.
 */
#include "check_util.h"
#include "read/pdf/pdf_text.h"
#include "util_pdf.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

/* The shared builder's names, short. */
typedef ofs_pdf_item item;
#define END_PAGE OFS_PDF_END_PAGE

static unsigned char *make_pdf(const item *items, size_t *len)
{
	unsigned char *pdf = ofs_test_pdf_build(items, len);
	ck_assert_ptr_nonnull(pdf);
	return pdf;
}

/* Read items as "x.pdf"; the read must succeed. */
static ofs_report *read_items(const item *items)
{
	size_t len = 0;
	unsigned char *pdf = make_pdf(items, &len);
	ofs_report *r = ofs_report_new("x.pdf");
	ofs_error err;
	ofs_error_clear(&err);
	ofs_status rc = ofs_pdf_read(r, pdf, len, &err);
	free(pdf);
	ck_assert_msg(rc == OFS_OK, "read failed: %s", err.msg);
	return r;
}

/* The first paragraph containing needle, or NULL. */
static const ofs_para *find_para(const ofs_report *r, const char *needle)
{
	for (size_t i = 0; i < r->n_paras; i++)
		if (strstr(r->paras[i].text, needle))
			return &r->paras[i];
	return NULL;
}

/* Body lines of a page: 12pt at the usual 14.5pt pitch from y. */
#define BODY(y, s) {0, 12, 72, (y), (s)}

START_TEST(running_headers_footers_and_page_numbers_are_not_paragraphs)
{
	static const item items[] = {
		{0, 8, 72, 40, "Inspection of Testshire County Council: 3 to 7 June 2024"},
		BODY(120, "Children in Testshire receive help that is timely and well planned."),
		{0, 16, 500, 810, "1"}, END_PAGE,
		{0, 8, 72, 40, "Inspection of Testshire County Council: 3 to 7 June 2024"},
		BODY(120, "Social workers visit children often and know them well."),
		{0, 16, 500, 810, "2"}, END_PAGE,
		{0, 8, 72, 40, "Inspection of Testshire County Council: 3 to 7 June 2024"},
		BODY(120, "Leaders understand the strengths and weaknesses of practice."),
		{0, 16, 500, 810, "3"}, END_PAGE,
		END_PAGE};
	ofs_report *r = read_items(items);
	ck_assert_int_eq(r->pages, 3);
	ck_assert_uint_eq(r->n_paras, 3);
	for (size_t i = 0; i < r->n_paras; i++) {
		ck_assert_ptr_null(strstr(r->paras[i].text, "Inspection of Testshire"));
		ck_assert_int_eq(r->paras[i].page, (int)i + 1);
	}
	ck_assert_str_eq(r->paras[1].text, "Social workers visit children often and know them well.");
	/* fulltext keeps everything, one line per line, pages by '\f'. */
	ck_assert_ptr_nonnull(r->fulltext);
	ck_assert_ptr_nonnull(strstr(r->fulltext,
		"Inspection of Testshire County Council: 3 to 7 June 2024\n"));
	ck_assert_ptr_nonnull(strstr(r->fulltext, "\n1\n\f"));
	ofs_report_free(r);
}
END_TEST

START_TEST(paragraph_broken_by_a_page_break_is_joined_and_keeps_its_first_page)
{
	static const item items[] = {
		BODY(100, "The first paragraph ends here."),
		BODY(130, "Children who go missing from home are seen quickly by"),
		BODY(144.5f, "workers who understand the risks they face and who"),
		{0, 16, 500, 810, "1"}, END_PAGE,
		BODY(100, "help them to stay safe."),
		BODY(130, "A new paragraph starts on the second page."),
		{0, 16, 500, 810, "2"}, END_PAGE,
		END_PAGE};
	ofs_report *r = read_items(items);
	const ofs_para *p = find_para(r, "Children who go missing");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->text, "Children who go missing from home are seen quickly by workers "
		"who understand the risks they face and who help them to stay safe.");
	ck_assert_int_eq(p->page, 1);
	p = find_para(r, "A new paragraph");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->page, 2);
	ck_assert_uint_eq(r->n_paras, 3);
	ofs_report_free(r);
}
END_TEST

START_TEST(line_end_hyphens_are_undone_only_where_they_break_a_word)
{
	static const item items[] = {
		BODY(100, "An assessment is made of every child. Each assess-"),
		BODY(114.5f, "ment is thorough, and multi-"),
		BODY(129, "agency meetings consider their well-"),
		BODY(143.5f, "being and the Ofsted-"),
		BODY(158, "registered homes."),
		END_PAGE, END_PAGE};
	ofs_report *r = read_items(items);
	ck_assert_uint_eq(r->n_paras, 1);
	ck_assert_str_eq(r->paras[0].text,
		"An assessment is made of every child. Each assessment is thorough, and "
		"multi-agency meetings consider their well-being and the Ofsted-registered homes.");
	ofs_report_free(r);
}
END_TEST

START_TEST(numbered_paragraphs_keep_their_number_without_it_in_the_text)
{
	static const item items[] = {
		{0, 12, 72, 100, "12."},
		{0, 12, 100, 100, "Children in care live in stable homes that meet"},
		{0, 12, 100, 114.5f, "their needs."},
		{0, 12, 72, 140, "13. Care leavers are supported by personal advisers"},
		{0, 12, 100, 154.5f, "who keep in touch."},
		END_PAGE, END_PAGE};
	ofs_report *r = read_items(items);
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_int_eq(r->paras[0].number, 12);
	ck_assert_str_eq(r->paras[0].text,
		"Children in care live in stable homes that meet their needs.");
	ck_assert_int_eq(r->paras[1].number, 13);
	ck_assert_str_eq(r->paras[1].text,
		"Care leavers are supported by personal advisers who keep in touch.");
	ofs_report_free(r);
}
END_TEST

START_TEST(bulleted_list_is_one_paragraph_under_its_heading)
{
	static const item items[] = {
		BODY(100, "Leaders know their services well."),
		{1, 14, 72, 140, "What needs to improve"},
		{0, 12, 72, 170, "\x95"},
		{0, 12, 90, 170, "The timeliness of initial health assessments for"},
		{0, 12, 90, 184.5f, "children in care."},
		{0, 12, 72, 205, "\x95 The quality of supervision."},
		{0, 12, 72, 225, "- Management oversight of"},
		{0, 12, 86, 239.5f, "private fostering."},
		BODY(270, "Children are safer than they were."),
		END_PAGE, END_PAGE};
	ofs_report *r = read_items(items);
	const ofs_para *p = find_para(r, "initial health");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->text,
		"- The timeliness of initial health assessments for children in care.\n"
		"- The quality of supervision.\n"
		"- Management oversight of private fostering.");
	ck_assert_str_eq(p->section, "What needs to improve");
	ck_assert_ptr_null(r->paras[0].section);
	ck_assert_uint_eq(r->n_paras, 3);
	ofs_report_free(r);
}
END_TEST

START_TEST(headings_become_sections_and_tables_make_no_paragraphs)
{
	static const item items[] = {
		{1, 12, 72, 100, "Judgement"}, {1, 12, 400, 100, "Grade"},
		{0, 12, 72, 130, "The impact of leaders on social work practice"},
		{0, 12, 400, 130, "Good"},
		{0, 12, 72, 160, "Overall effectiveness"}, {0, 12, 400, 160, "Requires improvement"},
		{1, 14, 72, 210, "The experiences and progress of children in care:"},
		{1, 14, 72, 227, "good"},
		BODY(260, "Children come into care when they need to."),
		BODY(290, "They live close to their families."),
		END_PAGE, END_PAGE};
	ofs_report *r = read_items(items);
	ck_assert_uint_eq(r->n_paras, 2);
	for (size_t i = 0; i < r->n_paras; i++)
		ck_assert_str_eq(r->paras[i].section,
			"The experiences and progress of children in care: good");
	ck_assert_ptr_nonnull(strstr(r->fulltext, "Overall effectiveness\nRequires improvement\n"));
	ofs_report_free(r);
}
END_TEST

static void expect_format_error(const unsigned char *buf, size_t len, const char *what)
{
	ofs_report *r = ofs_report_new("dir/x.pdf");
	ofs_error err;
	ofs_error_clear(&err);
	ck_assert_int_eq(ofs_pdf_read(r, buf, len, &err), OFS_EFORMAT);
	ck_assert_int_eq(err.code, OFS_EFORMAT);
	ck_assert_msg(strstr(err.msg, "dir/x.pdf: ") == err.msg, "message: %s", err.msg);
	ck_assert_msg(strstr(err.msg, what) != NULL, "message: %s", err.msg);
	ofs_report_free(r);
}

START_TEST(bad_input_is_a_format_error_naming_the_file)
{
	static const char html[] = "<!DOCTYPE html>\n<html><body>Not found</body></html>\n";
	static const char junk[] = "%PDF-1.7\n\x01\x02garbage that is no PDF at all\n%%EOF\n";
	static const item one[] = {BODY(100, "Some text."), END_PAGE, END_PAGE};
	size_t len = 0;

	expect_format_error((const unsigned char *)html, sizeof html - 1,
			    "not a PDF (starts with '<!DOCTYPE')");
	expect_format_error((const unsigned char *)"", 0, "not a PDF");
	expect_format_error((const unsigned char *)junk, sizeof junk - 1, "damaged PDF");

	unsigned char *pdf = make_pdf(one, &len);
	expect_format_error(pdf, len / 2, "truncated PDF");
	/* Damage inside: the page's content stream overwritten. */
	unsigned char *bad = malloc(len);
	ck_assert_ptr_nonnull(bad);
	memcpy(bad, pdf, len);
	memset(bad + 9, 'x', len > 209 ? len - 209 : 0);
	expect_format_error(bad, len, "x.pdf: ");
	free(bad);
	free(pdf);

	/* A page count the file cannot hold: refused, not allocated for. */
	pdf = make_pdf(one, &len);
	char *count = memmem(pdf, len, "/Count 1", 8);
	ck_assert_ptr_nonnull(count);
	bad = malloc(len + 16);
	ck_assert_ptr_nonnull(bad);
	size_t at = (size_t)(count - (char *)pdf);
	memcpy(bad, pdf, at);
	memcpy(bad + at, "/Count 999999999", 16);
	memcpy(bad + at + 16, pdf + at + 8, len - at - 8);
	expect_format_error(bad, len + 8, "damaged PDF: 999999999 pages claimed in");
	free(bad);
	free(pdf);

	/* A PDF with pages but no text at all (a scan without OCR). */
	static const item blank[] = {{0, 12, 72, 100, " "}, END_PAGE, END_PAGE};
	pdf = make_pdf(blank, &len);
	expect_format_error(pdf, len, "no extractable text");
	free(pdf);
}
END_TEST

/* Up to max .pdf files of the sample that start like a PDF, in a stable
 * order (directory order of a few authority folders). */
static size_t sample_files(const char *root, char paths[][1024], size_t max)
{
	size_t n = 0;
	DIR *top = opendir(root);
	struct dirent *a;
	if (!top)
		return 0;
	while (n < max && (a = readdir(top))) {
		char dir[512];
		DIR *d;
		struct dirent *f;
		if (a->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof dir, "%s/%s", root, a->d_name);
		if (!(d = opendir(dir)))
			continue;
		while (n < max && (f = readdir(d))) {
			size_t l = strlen(f->d_name);
			if (l < 5 || strcmp(f->d_name + l - 4, ".pdf"))
				continue;
			snprintf(paths[n], 1024, "%s/%s", dir, f->d_name);
			FILE *fp = fopen(paths[n], "rb");
			char magic[5] = {0};
			if (fp && fread(magic, 1, 5, fp) == 5 && !memcmp(magic, "%PDF-", 5))
				n++;
			if (fp)
				fclose(fp);
		}
		closedir(d);
	}
	closedir(top);
	return n;
}

START_TEST(real_reports_give_many_paragraphs_and_no_page_numbers)
{
	const char *root = ofs_test_sample();
	static char paths[8][1024];
	if (!root)
		return; /* no shared sample here: nothing to check */
	size_t n = sample_files(root, paths, 8);
	for (size_t k = 0; k < n; k++) {
		FILE *fp = fopen(paths[k], "rb");
		ck_assert_ptr_nonnull(fp);
		fseek(fp, 0, SEEK_END);
		long size = ftell(fp);
		fseek(fp, 0, SEEK_SET);
		unsigned char *buf = malloc((size_t)size);
		ck_assert_ptr_nonnull(buf);
		ck_assert_uint_eq(fread(buf, 1, (size_t)size, fp), (size_t)size);
		fclose(fp);
		ofs_report *r = ofs_report_new(paths[k]);
		ofs_error err;
		ofs_error_clear(&err);
		ck_assert_msg(ofs_pdf_read(r, buf, (size_t)size, &err) == OFS_OK, "%s", err.msg);
		ck_assert_int_gt(r->pages, 0);
		ck_assert_msg(r->n_paras >= 20, "%s: %zu paragraphs", paths[k], r->n_paras);
		for (size_t i = 0; i < r->n_paras; i++) {
			const char *t = r->paras[i].text;
			size_t digits = strspn(t, "0123456789");
			ck_assert_msg(!(digits && (!t[digits] || !strcmp(t + digits, "."))),
				      "%s: paragraph %zu is a bare number", paths[k], i + 1);
			ck_assert_int_ge(r->paras[i].page, 1);
			ck_assert_int_le(r->paras[i].page, r->pages);
		}
		ofs_report_free(r);
		free(buf);
	}
}
END_TEST

static Suite *pdf_text_suite(void)
{
	Suite *s = suite_create("pdf_text");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, running_headers_footers_and_page_numbers_are_not_paragraphs);
	tcase_add_test(tc, paragraph_broken_by_a_page_break_is_joined_and_keeps_its_first_page);
	tcase_add_test(tc, line_end_hyphens_are_undone_only_where_they_break_a_word);
	tcase_add_test(tc, numbered_paragraphs_keep_their_number_without_it_in_the_text);
	tcase_add_test(tc, bulleted_list_is_one_paragraph_under_its_heading);
	tcase_add_test(tc, headings_become_sections_and_tables_make_no_paragraphs);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad_input");
	tcase_add_test(tc, bad_input_is_a_format_error_naming_the_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("real_reports");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, real_reports_give_many_paragraphs_and_no_page_numbers);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(pdf_text_suite)
