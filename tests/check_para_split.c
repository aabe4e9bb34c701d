/*
 * check_para_split.c: plain text into the paragraphs a reader sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "read/para_split.h"

static ofs_report *split(const char *text)
{
	ofs_report *r = ofs_report_new("t.txt");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(ofs_para_split_text(r, text, strlen(text)), OFS_OK);
	return r;
}

START_TEST(wrapped_lines_join_and_blank_lines_separate)
{
	ofs_report *r = split("Social workers visit children\nregularly and see them alone.\n\n"
			      "Managers provide oversight\nof plans.\n");
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[0].text,
			 "Social workers visit children regularly and see them alone.");
	ck_assert_str_eq(r->paras[1].text, "Managers provide oversight of plans.");
	ck_assert_int_eq(r->paras[1].seq, 2);
	ck_assert_int_eq(r->paras[0].page, 0);
	ofs_report_free(r);
}
END_TEST

START_TEST(each_long_unwrapped_line_is_a_paragraph)
{
	const char *a = "Children's services at the council have received a third rating in a row, "
			"as inspectors warned that the standard of the service was inconsistent.";
	const char *b = "The council has now received the same grade three times in a row, although "
			"no children were identified as at risk of immediate harm.";
	char text[1024];
	snprintf(text, sizeof text, "%s\n%s\n", a, b);
	ofs_report *r = split(text);
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[0].text, a);
	ck_assert_str_eq(r->paras[1].text, b);
	ofs_report_free(r);
}
END_TEST

START_TEST(heading_is_the_section_of_the_paragraphs_under_it)
{
	ofs_report *r = split("Headline findings\n\nWeaknesses in the front door were a constant theme.\n\n"
			      "Main findings\n\nFamilies now have a single front door.\n");
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[0].section, "Headline findings");
	ck_assert_str_eq(r->paras[1].section, "Main findings");
	ck_assert_str_eq(r->paras[1].text, "Families now have a single front door.");
	ofs_report_free(r);
}
END_TEST

START_TEST(a_bulleted_list_with_its_introduction_is_one_paragraph)
{
	ofs_report *r = split("What needs to improve\n\nInspectors found these weaknesses:\n"
			      "\xE2\x80\xA2 The response to children at risk of exploitation.\n\n"
			      "\xE2\x80\xA2 The quality of assessments.\n"
			      "- Management oversight.\n\nLeaders know this.\n");
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[0].text,
			 "Inspectors found these weaknesses:\n"
			 "- The response to children at risk of exploitation.\n"
			 "- The quality of assessments.\n- Management oversight.");
	ck_assert_str_eq(r->paras[0].section, "What needs to improve");
	ck_assert_str_eq(r->paras[1].text, "Leaders know this.");
	ofs_report_free(r);
}
END_TEST

START_TEST(numbered_paragraphs_keep_their_number_and_form_feeds_count_pages)
{
	ofs_report *r = split("12. Children are seen regularly by their social workers.\n\f"
			      "13. Plans are reviewed on time.\n");
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_int_eq(r->paras[0].number, 12);
	ck_assert_str_eq(r->paras[0].text, "Children are seen regularly by their social workers.");
	ck_assert_int_eq(r->paras[0].page, 1);
	ck_assert_int_eq(r->paras[1].number, 13);
	ck_assert_int_eq(r->paras[1].page, 2);
	ck_assert_int_eq(r->pages, 2);
	ofs_report_free(r);
}
END_TEST

START_TEST(short_lines_without_body_text_are_kept_not_dropped)
{
	ofs_report *r = split("Ofsted\nPiccadilly Gate\n");
	ck_assert_uint_eq(r->n_paras, 2);
	ck_assert_str_eq(r->paras[0].text, "Ofsted");
	ck_assert_ptr_null(r->paras[0].section);
	ofs_report_free(r);
}
END_TEST

/* Text of n bytes or more, from the sentence repeated. */
static char *repeat(const char *sentence, size_t n)
{
	size_t len = strlen(sentence), k = n / len + 1;
	char *t = malloc(k * len + 1);
	ck_assert_ptr_nonnull(t);
	for (size_t i = 0; i < k; i++)
		memcpy(t + i * len, sentence, len);
	t[k * len] = '\0';
	return t;
}

/* Every paragraph of r at most OFS_PARA_MAX bytes, and together, joined
 * by spaces, the text. */
static void assert_pieces(const ofs_report *r, const char *text)
{
	size_t at = 0, len = strlen(text);
	ck_assert_uint_gt(r->n_paras, 1);
	for (size_t i = 0; i < r->n_paras; i++) {
		size_t n = strlen(r->paras[i].text);
		ck_assert_uint_le(n, OFS_PARA_MAX);
		ck_assert_int_eq(strncmp(text + at, r->paras[i].text, n), 0);
		at += n;
		while (at < len && text[at] == ' ')
			at++;
	}
	ck_assert_uint_eq(at, len);
}

START_TEST(an_overlong_paragraph_is_cut_at_sentence_ends)
{
	/* A whole report on one line (a web page saved as text). */
	char *text = repeat("Social workers visit children regularly and see them alone. ", 20000);
	ofs_report *r;
	text[strlen(text) - 1] = '\0';
	r = split(text);
	assert_pieces(r, text);
	for (size_t i = 0; i < r->n_paras; i++) {
		const char *t = r->paras[i].text;
		ck_assert_int_eq(t[strlen(t) - 1], '.');
		if (i + 1 < r->n_paras)
			ck_assert_uint_ge(strlen(t), OFS_PARA_MAX / 2);
	}
	ofs_report_free(r);
	free(text);
}
END_TEST

START_TEST(an_overlong_paragraph_without_sentences_is_cut_between_words)
{
	char *text = repeat("words without end ", 9000);
	ofs_report *r;
	text[strlen(text) - 1] = '\0';
	r = split(text);
	assert_pieces(r, text);
	for (size_t i = 0; i < r->n_paras; i++) {
		const char *t = r->paras[i].text;
		ck_assert_msg(!strncmp(t + strlen(t) - 3, "end", 3) ||
			      !strncmp(t + strlen(t) - 5, "words", 5) ||
			      !strncmp(t + strlen(t) - 7, "without", 7), "%s", t);
	}
	ofs_report_free(r);
	free(text);
}
END_TEST

static Suite *para_split_suite(void)
{
	Suite *s = suite_create("para_split");
	TCase *tc = tcase_create("text");
	tcase_add_test(tc, wrapped_lines_join_and_blank_lines_separate);
	tcase_add_test(tc, each_long_unwrapped_line_is_a_paragraph);
	tcase_add_test(tc, heading_is_the_section_of_the_paragraphs_under_it);
	tcase_add_test(tc, a_bulleted_list_with_its_introduction_is_one_paragraph);
	tcase_add_test(tc, numbered_paragraphs_keep_their_number_and_form_feeds_count_pages);
	tcase_add_test(tc, short_lines_without_body_text_are_kept_not_dropped);
	tcase_add_test(tc, an_overlong_paragraph_is_cut_at_sentence_ends);
	tcase_add_test(tc, an_overlong_paragraph_without_sentences_is_cut_between_words);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(para_split_suite)
