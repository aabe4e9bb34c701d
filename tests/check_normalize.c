/*
 * check_normalize.c: one normalisation for indexed text and queries.
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "base/normalize.h"

static char *norm(const char *in, unsigned flags)
{
	char *out = NULL;
	ofs_error e;
	ck_assert_int_eq(ofs_normalize(in, strlen(in), flags, &out, NULL, &e), OFS_OK);
	return out;
}

START_TEST(typographic_apostrophes_and_quotes_become_ascii)
{
	char *s = norm("children\xE2\x80\x99s \xE2\x80\x9C" "front door\xE2\x80\x9D", 0);
	ck_assert_str_eq(s, "children's \"front door\"");
	free(s);
}
END_TEST

START_TEST(dashes_and_odd_spaces_fold_and_soft_hyphens_vanish)
{
	char *s = norm("13\xE2\x80\x93" "24 March\xC2\xA0" "2023 well\xC2\xAD" "being", 0);
	ck_assert_str_eq(s, "13-24 March 2023 wellbeing");
	free(s);
}
END_TEST

START_TEST(nfkc_undoes_ligatures_and_keeps_case_unless_folding)
{
	char *s = norm("\xEF\xAC\x81nal Stra\xC3\x9F" "e", 0);
	ck_assert_str_eq(s, "final Stra\xC3\x9F" "e");
	free(s);
	s = norm("\xEF\xAC\x81nal Stra\xC3\x9F" "e", OFS_NORM_CASEFOLD);
	ck_assert_str_eq(s, "final strasse");
	free(s);
}
END_TEST

/* NFKC turns some characters into ones that are folded ("︱" into an
 * em dash, "︲" into an en dash): folding comes after it, so
 * the result holds none, and normalising it again changes nothing. */
START_TEST(characters_nfkc_makes_are_folded_too)
{
	char *s = norm("a\xEF\xB8\xB1" "b \xC2\xB4x\xC2\xB4 \xE2\x80\xB3y\xE2\x80\xB3", 0);
	ck_assert_str_eq(s, "a-b 'x' \"y\"");
	free(s);
	s = norm("\xEF\xB8\xB2 \xEF\xB9\x98", OFS_NORM_CASEFOLD);
	ck_assert_str_eq(s, "- -");
	free(s);
}
END_TEST

START_TEST(crlf_becomes_lf_and_form_feeds_stay)
{
	char *s = norm("a\r\nb\fc", 0);
	ck_assert_str_eq(s, "a\nb\fc");
	free(s);
}
END_TEST

START_TEST(invalid_utf8_is_an_error_with_its_offset)
{
	char *out = (char *)1;
	ofs_error e;
	ck_assert_int_eq(ofs_normalize("good \xC3\x28 bad", 11, 0, &out, NULL, &e), OFS_EFORMAT);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(e.msg, "invalid UTF-8 at byte 5");
}
END_TEST

static Suite *normalize_suite(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("normalize");
	tcase_add_test(tc, typographic_apostrophes_and_quotes_become_ascii);
	tcase_add_test(tc, dashes_and_odd_spaces_fold_and_soft_hyphens_vanish);
	tcase_add_test(tc, nfkc_undoes_ligatures_and_keeps_case_unless_folding);
	tcase_add_test(tc, characters_nfkc_makes_are_folded_too);
	tcase_add_test(tc, crlf_becomes_lf_and_form_feeds_stay);
	tcase_add_test(tc, invalid_utf8_is_an_error_with_its_offset);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(normalize_suite)
