/*
 * check_meta_extract.c: metadata read from the text of each report
 * format, from small fixtures imitating Ofsted's wording and the way PDF
 * text lays out its tables, and the canonical names of authorities.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "base/normalize.h"
#include "extract/council.h"
#include "extract/meta_extract.h"

/* A report whose full text is text, with metadata extracted. */
static ofs_report *extract(const char *text)
{
	ofs_report *r = ofs_report_new("fixture.txt");
	ck_assert_ptr_nonnull(r);
	r->fulltext = strdup(text);
	ck_assert_ptr_nonnull(r->fulltext);
	ck_assert_int_eq(ofs_meta_extract(r), OFS_OK);
	return r;
}

#define ASSERT_GRADE(r, area, grade) ck_assert_int_eq((r)->grades[area], grade)

static const char pre2013[] =
	"Inspection of safeguarding and looked\n"
	"after children services\n"
	"\n"
	"London Borough of Sutton\n"
	"\n"
	"Inspection dates: 5 \xe2\x80\x93 16 March 2012\n"
	"Reporting inspector Jane Doe HMI\n"
	"Age group: All\n"
	"Published:\n"
	"20 April 2012\n"
	"\f2\n"
	"Contents\n"
	"Record of main findings\n"
	"24\n"
	"\f24\n"
	"Record of main findings\n"
	"\n"
	"Safeguarding services\n"
	"Overall effectiveness\n"
	"Adequate\n"
	"Capacity for improvement\n"
	"Good\n"
	"\n"
	"Looked after children services\n"
	"Overall effectiveness\n"
	"Good\n"
	"Capacity for improvement\n"
	"Adequate\n";

START_TEST(pre2013_safeguarding_and_looked_after_grades_map_to_their_areas)
{
	ofs_report *r = extract(pre2013);
	ck_assert_int_eq(r->kind, OFS_KIND_PRE2013);
	ck_assert_str_eq(r->council, "Sutton");
	ck_assert_str_eq(r->inspection_start, "2012-03-05");
	ck_assert_str_eq(r->inspection_end, "2012-03-16");
	ck_assert_str_eq(r->published, "2012-04-20");
	ck_assert_str_eq(r->lead_inspector, "Jane Doe");
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_ADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	/* No judgement of the services as a whole, nor of these. */
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);
	ofs_report_free(r);
}
END_TEST

/* A 2013 inspection of one service, looked-after children's: its overall
 * effectiveness is the report's, and leadership has its own grade. */
static const char lac2013[] =
	"Inspection of looked after children\n"
	"services\n"
	"Norfolk County Council\n"
	"Inspection dates:\n"
	"8 \xe2\x80\x93 12 July 2013\n"
	"Reporting inspector Gary Lamb HMI\n"
	"Published:\n"
	"16 August 2013\n"
	"\f4\n"
	"Overall effectiveness of services for looked\n"
	"after children and young people\n"
	"Grade 4 (inadequate)\n"
	"1. The overall effectiveness of services is inadequate.\n"
	"\f17\n"
	"Leadership and management\n"
	"Grade 3 (adequate)\n"
	"61. Leadership and management are adequate.\n";

START_TEST(pre2013_looked_after_inspection_has_overall_and_leadership_grades)
{
	ofs_report *r = extract(lac2013);
	ck_assert_int_eq(r->kind, OFS_KIND_PRE2013);
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_INADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_ADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_INADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_NONE);
	ofs_report_free(r);
}
END_TEST

START_TEST(an_inspection_in_two_parts_ends_on_the_last_day)
{
	static const char *const texts[][3] = {
		{"Inspection dates: 30 September to 11 October 2024 and 13 to 16 January 2025\n",
		 "2024-09-30", "2025-01-16"},
		{"Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to\n8 August 2019\n",
		 "2019-07-08", "2019-08-08"},
		{"Inspection dates: 19 November-11 December 2013 and 28 \xe2\x80\x93 30\nJanuary 2014\n",
		 "2013-11-19", "2014-01-30"},
		{"Inspection dates: 7 to 11 October 2024\nLead inspector: Sam Jones\n",
		 "2024-10-07", "2024-10-11"},
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char *text;
		ck_assert_int_ge(asprintf(&text, "Inspection of Kent local authority children's services\n%s",
					  texts[i][0]), 0);
		ofs_report *r = extract(text);
		ck_assert_str_eq(r->inspection_start, texts[i][1]);
		ck_assert_str_eq(r->inspection_end, texts[i][2]);
		ofs_report_free(r);
		free(text);
	}
}
END_TEST

START_TEST(the_publication_date_says_where_it_came_from)
{
	static const char ilacs[] = "Inspection of Kent local authority children's services\n"
				    "Inspection dates: 7 to 11 October 2024\n";
	ofs_report *r = ofs_report_new("80_kent/children's services inspection - 19 november 2024.pdf");
	r->fulltext = strdup(ilacs);
	ck_assert_int_eq(ofs_meta_extract(r), OFS_OK);
	ck_assert_str_eq(r->published, "2024-11-19");
	ck_assert_str_eq(r->published_from, "file name");
	ofs_report_free(r);
	/* Printed in the report: that date. */
	r = extract(pre2013);
	ck_assert_str_eq(r->published, "2012-04-20");
	ck_assert_str_eq(r->published_from, "report");
	ofs_report_free(r);
	/* Neither: unknown, and no source. */
	r = extract(ilacs);
	ck_assert_str_eq(r->published, "");
	ck_assert_ptr_null(r->published_from);
	ofs_report_free(r);
}
END_TEST

static const char sif[] =
	"1\n"
	"London Borough of Merton\n"
	"Inspection of services for children in need of help and\n"
	"protection, children looked after and care leavers\n"
	"and\n"
	"Review of the effectiveness of the Local Safeguarding Children\n"
	"Board1\n"
	"Inspection date: 30 September 2015 - 22 October 2015\n"
	"Report published: 8 December 2015\n"
	"Children's services in Merton are good\n"
	"There are no widespread or serious failures that leave children at risk.\n"
	"1. Children who need help and protection\n"
	"Good\n"
	"2. Children looked after and achieving\n"
	"permanence\n"
	"Requires improvement\n"
	"2.1 Adoption performance\n"
	"Outstanding\n"
	"2.2 Experiences and progress of care leavers\n"
	"Inadequate\n"
	"3. Leadership, management and governance\n"
	"Good\n"
	"1 Ofsted produces this report under its power to combine reports.\n"
	"\f2\n"
	"The Local Safeguarding Children Board (LSCB) is\n"
	"good\n"
	"\f40\n"
	"Lead inspector: John Smith HMI\n"
	"Deputy lead inspector: Ann Other HMI\n";

START_TEST(sif_reads_summary_table_overall_sentence_and_lscb)
{
	ofs_report *r = extract(sif);
	ck_assert_int_eq(r->kind, OFS_KIND_SIF);
	ck_assert_str_eq(r->council, "Merton");
	ck_assert_str_eq(r->inspection_start, "2015-09-30");
	ck_assert_str_eq(r->inspection_end, "2015-10-22");
	ck_assert_str_eq(r->published, "2015-12-08");
	ck_assert_str_eq(r->lead_inspector, "John Smith");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_INADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_GOOD);
	ck_assert_str_eq(r->title, "Merton: Inspection of services for children in need of help "
				   "and protection, children looked after and care leavers");
	ofs_report_free(r);
}
END_TEST

/* Cells come out column by column: all labels, then all grades. */
static const char ilacs_2019[] =
	"1\n"
	"Bath & North East Somerset Council\n"
	"Inspection of children's social care services\n"
	"Inspection dates: 30 September 2019 to 11 October 2019\n"
	"Lead inspector: Jane Smith\n"
	"Her Majesty's Inspector\n"
	"Judgement\n"
	"The impact of leaders on social work practice with children\n"
	"and families\n"
	"The experiences and progress of children who need help and\n"
	"protection\n"
	"The experiences and progress of children in care and care\n"
	"leavers\n"
	"Overall effectiveness\n"
	"Grade\n"
	"Good\n"
	"Requires improvement to be good\n"
	"Outstanding\n"
	"Good\n"
	"Leaders have made steady progress since the last inspection.\n";

START_TEST(ilacs_standard_pairs_table_cells_in_column_order)
{
	ofs_report *r = extract(ilacs_2019);
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_STANDARD);
	ck_assert_str_eq(r->council, "Bath and North East Somerset");
	ck_assert_str_eq(r->inspection_start, "2019-09-30");
	ck_assert_str_eq(r->inspection_end, "2019-10-11");
	ck_assert_str_eq(r->published, ""); /* ILACS reports do not print it */
	ck_assert_str_eq(r->lead_inspector, "Jane Smith");
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	/* The joint judgement of children in care and care leavers: one
	 * judgement, found under either area. */
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_OUTSTANDING);
	ck_assert_int_eq(r->joint_care, 1);
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);
	ck_assert_str_eq(r->title,
			 "Bath and North East Somerset: Inspection of children's social care services");
	ofs_report_free(r);
}
END_TEST

static const char ilacs_short[] =
	"Inspection of Isles of Scilly local authority\n"
	"children's services\n"
	"Inspection dates: 7 to 11 October 2024\n"
	"Lead inspector: Sam Jones, His Majesty's Inspector\n"
	"Judgement\n"
	"Grade\n"
	"The impact of leaders on social work\n"
	"practice with children and families\n"
	"Outstanding\n"
	"The experiences and progress of\n"
	"children who need help and protection\n"
	"Good\n"
	"The experiences and progress of children in\n"
	"care\n"
	"Good\n"
	"The experiences and progress of care\n"
	"leavers\n"
	"Requires improvement to be good\n"
	"Overall effectiveness\n"
	"Good\n"
	"Children in the Isles of Scilly receive effective help.\n"
	"\fInspection of Isles of Scilly local authority children's services\n"
	"7 to 11 October 2024\n"
	"2\n";

START_TEST(ilacs_short_inspection_from_one_week_on_site)
{
	ofs_report *r = extract(ilacs_short);
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_SHORT);
	ck_assert_str_eq(r->council, "Isles of Scilly");
	ck_assert_str_eq(r->inspection_start, "2024-10-07");
	ck_assert_str_eq(r->inspection_end, "2024-10-11");
	ck_assert_str_eq(r->lead_inspector, "Sam Jones");
	ck_assert_str_eq(r->title, "Inspection of Isles of Scilly local authority children's services");
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_GOOD);
	ofs_report_free(r);
}
END_TEST

START_TEST(ilacs_kind_stated_in_the_text_beats_the_dates)
{
	static const char text[] =
		"Inspection of Kent local authority\n"
		"children's services\n"
		"Inspection dates: 28 November to 9 December 2022\n"
		"Lead inspector: Ann Lee, His Majesty's Inspector\n"
		"Judgement\nGrade\n"
		"Overall effectiveness\nGood\n"
		"This inspection was carried out under the ILACS framework as a short inspection.\n";
	ofs_report *r = extract(text);
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_SHORT);
	ck_assert_str_eq(r->council, "Kent");
	ck_assert_str_eq(r->inspection_start, "2022-11-28");
	ck_assert_str_eq(r->inspection_end, "2022-12-09");
	ofs_report_free(r);
}
END_TEST

static const char ilacs_2026[] =
	"Inspection of Blackpool local authority\n"
	"children's services\n"
	"Inspection dates: 8 to 19 June 2026\n"
	"Lead inspector: Margaret Burke, His Majesty's Inspector\n"
	"Judgement\n"
	"Grade\n"
	"The impact of leaders on social work\n"
	"practice with children and families\n"
	"Outstanding\n"
	"The experiences and progress of\n"
	"children who need help and protection\n"
	"Good\n"
	"The experiences and progress of\n"
	"children in care\n"
	"Outstanding\n"
	"The experiences and progress of care\n"
	"leavers\n"
	"Outstanding\n"
	"Since the last inspection, leaders have continued to improve services.\n";

START_TEST(ilacs_after_april_2026_has_no_overall_judgement)
{
	ofs_report *r = extract(ilacs_2026);
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_STANDARD);
	ck_assert_str_eq(r->council, "Blackpool");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_OUTSTANDING);
	ofs_report_free(r);
}
END_TEST

static const char focused_visit[] =
	"Ofsted\n"
	"Piccadilly Gate\n"
	"Store Street\n"
	"Manchester\n"
	"M1 2WD\n"
	"\n"
	"26 October 2022\n"
	"\n"
	"Jane Doe\n"
	"Director of Children's Services\n"
	"North Somerset Council\n"
	"\n"
	"Dear Ms Doe\n"
	"\n"
	"Focused visit to North Somerset children's services\n"
	"\n"
	"This letter summarises the findings of a focused visit to North Somerset\n"
	"children's services on 21 and 22 September 2022. His Majesty's Inspectors for\n"
	"the visit were Steve Lowe and Ann Other.\n"
	"Headline findings\n"
	"Children who need help receive a good response.\n"
	"\f\n"
	"Yours sincerely\n"
	"\n"
	"Steve Lowe\n"
	"His Majesty's Inspector\n";

START_TEST(focused_visit_letter_has_no_grades_and_names_its_council)
{
	ofs_report *r = extract(focused_visit);
	ck_assert_int_eq(r->kind, OFS_KIND_FOCUSED_VISIT);
	/* Not Manchester, from Ofsted's own address. */
	ck_assert_str_eq(r->council, "North Somerset");
	ck_assert_str_eq(r->inspection_start, "2022-09-21");
	ck_assert_str_eq(r->inspection_end, "2022-09-22");
	ck_assert_str_eq(r->published, "2022-10-26");
	ck_assert_str_eq(r->lead_inspector, "Steve Lowe");
	ck_assert_str_eq(r->title, "Focused visit to North Somerset children's services");
	for (int a = OFS_AREA_OVERALL; a <= OFS_AREA_LSCB; a++)
		ASSERT_GRADE(r, a, OFS_GRADE_NONE);
	ck_assert_int_eq(r->default_area, OFS_AREA_UNKNOWN);
	ofs_report_free(r);
}
END_TEST

START_TEST(unstated_grade_stays_unknown)
{
	/* The help and protection row is missing and the inspection is
	 * before the 2026 reform, so neither grade may be guessed. */
	static const char text[] =
		"Inspection of Norfolk local authority\n"
		"children's services\n"
		"Inspection dates: 7 to 18 November 2022\n"
		"Judgement\nGrade\n"
		"The impact of leaders on social work\n"
		"practice with children and families\n"
		"Good\n"
		"The experiences and progress of\n"
		"children in care and care leavers\n"
		"Good\n"
		"Since the last inspection, services have improved and most children benefit.\n";
	ofs_report *r = extract(text);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_UNKNOWN);
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_UNKNOWN);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ck_assert_ptr_null(r->lead_inspector);
	ofs_report_free(r);

	/* Prose that merely mentions judgements grades nothing. */
	r = extract("Minutes of the corporate parenting board\n"
		    "The board discussed services for children in care and care leavers.\n"
		    "Members hoped that the next Ofsted judgement would be good.\n");
	for (int a = OFS_AREA_OVERALL; a <= OFS_AREA_LSCB; a++)
		ASSERT_GRADE(r, a, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->kind, OFS_KIND_OTHER);
	ofs_report_free(r);
}
END_TEST

START_TEST(fields_already_set_are_kept)
{
	ofs_report *r = ofs_report_new("fixture.txt");
	ck_assert_ptr_nonnull(r);
	r->fulltext = strdup(ilacs_short);
	ck_assert_int_eq(ofs_report_set_str(&r->council, "Somewhere Else"), OFS_OK);
	r->grades[OFS_AREA_OVERALL] = OFS_GRADE_INADEQUATE;
	r->kind = OFS_KIND_OFSTED_LETTER;
	memcpy(r->inspection_start, "2024-01-01", 11);
	ck_assert_int_eq(ofs_meta_extract(r), OFS_OK);
	ck_assert_str_eq(r->council, "Somewhere Else");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_INADEQUATE);
	ck_assert_int_eq(r->kind, OFS_KIND_OFSTED_LETTER);
	ck_assert_str_eq(r->inspection_start, "2024-01-01");
	ck_assert_str_eq(r->inspection_end, "");
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ofs_report_free(r);
}
END_TEST

START_TEST(no_text_is_not_an_error)
{
	ofs_report *r = ofs_report_new("empty.txt");
	ck_assert_int_eq(ofs_meta_extract(r), OFS_OK);
	r->fulltext = strdup("");
	ck_assert_int_eq(ofs_meta_extract(r), OFS_OK);
	ck_assert_ptr_null(r->council);
	ck_assert_int_eq(r->kind, OFS_KIND_UNKNOWN);
	ofs_report_free(r);
}
END_TEST

/* A long title is cut to 200 bytes between characters, never inside one. */
START_TEST(a_long_title_is_cut_between_characters)
{
	char text[300] = "Inspection of x";
	size_t n = strlen(text);
	ofs_report *r;
	while (n + 3 < sizeof text) {
		memcpy(text + n, "\xc3\xa9", 2);
		n += 2;
	}
	text[n] = '\0';
	r = extract(text);
	ck_assert_ptr_nonnull(r->title);
	ck_assert_uint_eq(strlen(r->title), 199);
	ck_assert(ofs_utf8_valid(r->title, strlen(r->title), NULL));
	ck_assert_int_eq(strncmp(r->title, text, 199), 0);
	ofs_report_free(r);
}
END_TEST

START_TEST(council_names_map_to_canonical_names)
{
	ck_assert_str_eq(ofs_council_canonical("Bournemouth, Christchurch & Poole"),
			 "Bournemouth, Christchurch and Poole");
	ck_assert_str_eq(ofs_council_canonical("BCP"), "Bournemouth, Christchurch and Poole");
	ck_assert_str_eq(ofs_council_canonical("Bath & North East Somerset Council"),
			 "Bath and North East Somerset");
	ck_assert_str_eq(ofs_council_canonical("Kingston Upon Hull City Council"),
			 "Kingston upon Hull");
	ck_assert_str_eq(ofs_council_canonical("Council of the Isles of Scilly"), "Isles of Scilly");
	ck_assert_str_eq(ofs_council_canonical("north somerset"), "North Somerset");
	ck_assert_str_eq(ofs_council_canonical("London Borough of Hammersmith and Fulham"),
			 "Hammersmith and Fulham");
	ck_assert_str_eq(ofs_council_canonical("Royal Borough of Greenwich"), "Greenwich");
	ck_assert_str_eq(ofs_council_canonical("City of Bradford Metropolitan District Council"),
			 "Bradford");
	ck_assert_str_eq(ofs_council_canonical("Sandwell Metropolitan Borough Council"), "Sandwell");
	ck_assert_str_eq(ofs_council_canonical("Norfolk County Council"), "Norfolk");
	ck_assert_str_eq(ofs_council_canonical("St. Helens Metropolitan Borough Council"),
			 "St Helens");
	ck_assert_str_eq(ofs_council_canonical("Telford & Wrekin"), "Telford and Wrekin");
	ck_assert_str_eq(ofs_council_canonical("York City Council"), "York");
	ck_assert_str_eq(ofs_council_canonical("City of London"), "City of London");
	ck_assert_str_eq(ofs_council_canonical("Westmorland and Furness Council"),
			 "Westmorland and Furness");
	ck_assert_str_eq(ofs_council_canonical("Cumberland Council"), "Cumberland");
	ck_assert_str_eq(ofs_council_canonical("North Northamptonshire"), "North Northamptonshire");
	ck_assert_str_eq(ofs_council_canonical("Cheshire East Unitary Authority"), "Cheshire East");
	ck_assert_str_eq(ofs_council_canonical("Southend-on-Sea Borough Council"),
			 "Southend-on-Sea");
	ck_assert_str_eq(ofs_council_canonical("Durham County Council"), "Durham");
	ck_assert_ptr_null(ofs_council_canonical("Piccadilly Gate"));
	ck_assert_ptr_null(ofs_council_canonical("Council"));
	ck_assert_ptr_null(ofs_council_canonical(""));
	ck_assert_ptr_null(ofs_council_canonical(NULL));
}
END_TEST

static Suite *meta_suite(void)
{
	Suite *s = suite_create("meta_extract");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, pre2013_safeguarding_and_looked_after_grades_map_to_their_areas);
	tcase_add_test(tc, sif_reads_summary_table_overall_sentence_and_lscb);
	tcase_add_test(tc, ilacs_standard_pairs_table_cells_in_column_order);
	tcase_add_test(tc, ilacs_short_inspection_from_one_week_on_site);
	tcase_add_test(tc, ilacs_kind_stated_in_the_text_beats_the_dates);
	tcase_add_test(tc, ilacs_after_april_2026_has_no_overall_judgement);
	tcase_add_test(tc, focused_visit_letter_has_no_grades_and_names_its_council);
	tcase_add_test(tc, unstated_grade_stays_unknown);
	tcase_add_test(tc, fields_already_set_are_kept);
	tcase_add_test(tc, no_text_is_not_an_error);
	suite_add_tcase(s, tc);
	tc = tcase_create("councils");
	tcase_add_test(tc, a_long_title_is_cut_between_characters);
	tcase_add_test(tc, council_names_map_to_canonical_names);
	tcase_add_test(tc, pre2013_looked_after_inspection_has_overall_and_leadership_grades);
	tcase_add_test(tc, an_inspection_in_two_parts_ends_on_the_last_day);
	tcase_add_test(tc, the_publication_date_says_where_it_came_from);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(meta_suite)
