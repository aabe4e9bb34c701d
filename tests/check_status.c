/*
 * check_status.c: error messages are one line of plain text, whatever
 * the input they quote.
 */
#include <string.h>

#include "check_util.h"
#include "base/normalize.h"
#include "ofs/status.h"

START_TEST(control_bytes_and_bytes_not_utf8_become_question_marks)
{
	ofs_error e;
	ck_assert_int_eq(ofs_error_set(&e, OFS_EQUERY, "query '%s'", "a\x1b[31mb\rc\nd\x7f" "e\xff"
				       "f\xc3(g \xc3\xa9"), OFS_EQUERY);
	ck_assert_int_eq(e.code, OFS_EQUERY);
	ck_assert_str_eq(e.msg, "query 'a?[31mb?c?d?e?f?(g \xc3\xa9'");
}
END_TEST

START_TEST(a_long_message_is_cut_between_characters)
{
	char text[1200];
	ofs_error e;
	size_t n;
	/* "x" then two-byte characters: the 511 bytes that fit end with a
	 * whole one; with "y" before them, in the first byte of one, which
	 * goes. */
	text[0] = 'x';
	for (n = 1; n + 2 < sizeof text; n += 2)
		memcpy(text + n, "\xc3\xa9", 2);
	text[n] = '\0';
	ofs_error_set(&e, OFS_EFORMAT, "%s", text);
	ck_assert_uint_eq(strlen(e.msg), sizeof e.msg - 1);
	ck_assert_int_eq(memcmp(e.msg, text, sizeof e.msg - 1), 0);
	ofs_error_set(&e, OFS_EFORMAT, "y%s", text);
	ck_assert_uint_eq(strlen(e.msg), sizeof e.msg - 2);
	ck_assert(ofs_utf8_valid(e.msg, strlen(e.msg), NULL));
	ck_assert_int_eq(memcmp(e.msg + 1, text, sizeof e.msg - 3), 0);
}
END_TEST

static Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("messages");
	tcase_add_test(tc, control_bytes_and_bytes_not_utf8_become_question_marks);
	tcase_add_test(tc, a_long_message_is_cut_between_characters);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(status_suite)
