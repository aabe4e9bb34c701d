/*
 * check_facets.c: grades, areas and kinds from the words people and
 * reports use.
 */
#include "check_util.h"
#include "ofs/facets.h"

START_TEST(grade_words_people_use_map_to_canonical_grades)
{
	ck_assert_int_eq(ofs_grade_parse("Requires improvement to be good"), OFS_GRADE_RI);
	ck_assert_int_eq(ofs_grade_parse("RI"), OFS_GRADE_RI);
	ck_assert_int_eq(ofs_grade_parse("requires-improvement"), OFS_GRADE_RI);
	ck_assert_int_eq(ofs_grade_parse("  Inadequate "), OFS_GRADE_INADEQUATE);
	ck_assert_int_eq(ofs_grade_parse("no judgement"), OFS_GRADE_NONE);
	ck_assert_int_eq(ofs_grade_parse("excellent"), OFS_GRADE_UNKNOWN);
	ck_assert_str_eq(ofs_grade_name(OFS_GRADE_RI), "requires-improvement");
	ck_assert_ptr_null(ofs_grade_name(OFS_GRADE_UNKNOWN));
}
END_TEST

START_TEST(area_words_map_to_canonical_areas)
{
	ck_assert_int_eq(ofs_area_parse("children in care"), OFS_AREA_IN_CARE);
	ck_assert_int_eq(ofs_area_parse("Help and protection"), OFS_AREA_HELP_PROTECTION);
	ck_assert_int_eq(ofs_area_parse("care-leavers"), OFS_AREA_CARE_LEAVERS);
	ck_assert_int_eq(ofs_area_parse("front door"), OFS_AREA_UNKNOWN);
	ck_assert_str_eq(ofs_area_name(OFS_AREA_LSCB), "lscb");
}
END_TEST

START_TEST(ofsted_headings_name_their_judgement_area)
{
	ck_assert_int_eq(ofs_area_from_heading(
		"The experiences and progress of children who need help and protection"),
		OFS_AREA_HELP_PROTECTION);
	/* The joint judgement of 2018-2022 is filed under children in care. */
	ck_assert_int_eq(ofs_area_from_heading(
		"The experiences and progress of children in care and care leavers"),
		OFS_AREA_IN_CARE);
	ck_assert_int_eq(ofs_area_from_heading("The experiences and progress of care leavers"),
		OFS_AREA_CARE_LEAVERS);
	ck_assert_int_eq(ofs_area_from_heading(
		"The impact of leaders on social work practice with children and families"),
		OFS_AREA_LEADERS);
	ck_assert_int_eq(ofs_area_from_heading(
		"Review of the effectiveness of the local safeguarding children board"),
		OFS_AREA_LSCB);
	ck_assert_int_eq(ofs_area_from_heading("Children looked after and achieving permanence"),
		OFS_AREA_IN_CARE);
	ck_assert_int_eq(ofs_area_from_heading("Adoption performance"), OFS_AREA_ADOPTION);
	ck_assert_int_eq(ofs_area_from_heading("What needs to improve"), OFS_AREA_OVERALL);
	ck_assert_int_eq(ofs_area_from_heading("Information about this inspection"),
		OFS_AREA_UNKNOWN);
}
END_TEST

START_TEST(some_headings_return_to_the_body_of_the_report)
{
	ck_assert(ofs_heading_resets_area("Main findings"));
	ck_assert(ofs_heading_resets_area("Information about this inspection"));
	ck_assert(!ofs_heading_resets_area("Areas of strength"));
}
END_TEST

START_TEST(kind_names_round_trip)
{
	for (int k = 1; k < OFS_KIND_COUNT; k++)
		ck_assert_int_eq(ofs_kind_parse(ofs_kind_name(k)), k);
	ck_assert_int_eq(ofs_kind_parse("focused visit"), OFS_KIND_FOCUSED_VISIT);
}
END_TEST

static Suite *facets_suite(void)
{
	Suite *s = suite_create("facets");
	TCase *tc = tcase_create("vocabulary");
	tcase_add_test(tc, grade_words_people_use_map_to_canonical_grades);
	tcase_add_test(tc, area_words_map_to_canonical_areas);
	tcase_add_test(tc, ofsted_headings_name_their_judgement_area);
	tcase_add_test(tc, some_headings_return_to_the_body_of_the_report);
	tcase_add_test(tc, kind_names_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(facets_suite)
