/*
 * check_formats.c: one report of each format Ofsted has used, end to
 * end: a small PDF laid out as Ofsted lays out that format, written to a
 * file and loaded with ofs_doc_load() (read, paragraphs, metadata,
 * facets), then its metadata and paragraphs checked.
 *
 * Each fixture is two or three pages: a title block in Ofsted's wording,
 * the judgement table (where the format has one) as two columns, label
 * left and grade right, judgement headings in larger bold type with
 * their paragraphs, a running header or footer and page numbers, and a
 * numbered paragraph that runs over a page break in mid-sentence.  The
 * layout copies the real reports (positions, sizes and weights of
 * Tahoma, here set in Helvetica); the authorities are real, since only
 * real names are recognised, but every other word is made up.
 *
 * The "layouts" case holds fixtures of layouts that real reports use and
 * that the reader once got wrong, each described where it is defined.
 */
#include "check_util.h"
#include "read/doc_load.h"
#include "read/pdf/pdf_text.h"
#include "util_pdf.h"

#include <stdio.h>
#include <string.h>

typedef ofs_pdf_item item;
#define END_PAGE OFS_PDF_END_PAGE

/* The left margin, and the indent of numbered paragraphs' text. */
#define LM 70.9f
#define IND 99.3f

/* Body text, 12pt at a 14.5pt pitch. */
#define BODY(y, s) {0, 12, LM, (y), (s)}
#define BOLD(y, s) {1, 12, LM, (y), (s)}
/* A numbered paragraph's lines: the number in the margin, the text
 * indented beside it (ILACS); or number and text on one line, the rest
 * indented (the single inspection framework, ILACS from 2023). */
#define NUM(y, n) {0, 12, LM, (y), (n)}
#define IN(y, s) {0, 12, IND, (y), (s)}
#define HANG 88.9f
#define HN(y, s) {0, 12, HANG, (y), (s)}
/* Judgement headings: 14pt bold. */
#define HEAD(y, s) {1, 14, LM, (y), (s)}
/* The page number, 20pt at the foot on the right. */
#define PAGENO(s) {0, 20, 513.2f, 806, (s)}

/* ---- loading ---------------------------------------------------------- */

/* Write items to a PDF called name in a fresh folder and load it. */
static ofs_report *load(const item *items, const char *name)
{
	char *dir = ofs_test_tmpdir();
	char path[4200];
	ofs_report *r = NULL;
	ofs_error err;
	ck_assert_ptr_nonnull(dir);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int written = ofs_test_pdf_write(items, path);
	ofs_error_clear(&err);
	ofs_status rc = written ? OFS_EIO : ofs_doc_load(path, ofs_pdf_read, &r, &err);
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
	ck_assert_msg(written == 0, "cannot write %s", path);
	ck_assert_msg(rc == OFS_OK, "load failed: %s", err.msg);
	ck_assert_ptr_nonnull(r);
	return r;
}

/* The one paragraph containing needle; fails if none or several. */
static const ofs_para *para_with(const ofs_report *r, const char *needle)
{
	const ofs_para *found = NULL;
	for (size_t i = 0; i < r->n_paras; i++) {
		if (!strstr(r->paras[i].text, needle))
			continue;
		ck_assert_msg(!found, "two paragraphs contain '%s'", needle);
		found = &r->paras[i];
	}
	ck_assert_msg(found != NULL, "no paragraph contains '%s'", needle);
	return found;
}

/* The paragraph containing needle has this area and grade. */
#define ASSERT_FACETS(r, needle, a, g)                                          \
	do {                                                                    \
		const ofs_para *p_ = para_with((r), (needle));                  \
		ck_assert_msg(p_->area == (a), "'%s': area %s, expected %s",    \
			      (needle), ofs_area_name(p_->area), ofs_area_name(a)); \
		ck_assert_msg(p_->grade == (g), "'%s': grade %s, expected %s",  \
			      (needle), ofs_grade_name(p_->grade), ofs_grade_name(g)); \
	} while (0)

#define ASSERT_GRADE(r, area, grade)                                            \
	ck_assert_msg((r)->grades[area] == (grade), "grade of %s: %s, expected %s", \
		      ofs_area_name(area), ofs_grade_name((r)->grades[area]),   \
		      ofs_grade_name(grade))

/*
 * No paragraph holds the running text, and none is a bare page number.
 * The running dates may end the title block's "Inspection dates: ..."
 * line, which the PDF reader keeps, but never start a paragraph or sit
 * inside one.
 */
static void assert_no_running(const ofs_report *r, const char *running)
{
	for (size_t i = 0; i < r->n_paras; i++) {
		const char *t = r->paras[i].text, *at = strstr(t, running);
		ck_assert_msg(!at || (at != t && !at[strlen(running)]),
			      "running text in paragraph %zu: %s", i + 1, t);
		size_t d = strspn(t, "0123456789");
		ck_assert_msg(!(d && !t[d]), "page number as paragraph %zu: %s", i + 1, t);
		ck_assert_msg(strncmp(t, "Page ", 5) || !strstr(t, " of "),
			      "page number as paragraph %zu: %s", i + 1, t);
	}
}

/*
 * The paragraph that starts with head on one page and ends with tail on
 * the next is one paragraph, numbered number, on the earlier page, its
 * two parts joined by one space at join.
 */
static void assert_crosses(const ofs_report *r, const char *head, const char *join,
			   const char *tail, int page, int number)
{
	const ofs_para *p = para_with(r, head);
	ck_assert_msg(strstr(p->text, tail) != NULL, "page break splits '%s' from '%s': '%s'",
		      head, tail, p->text);
	ck_assert_msg(strstr(p->text, head) == p->text, "'%s' is not the start of '%s'", head,
		      p->text);
	ck_assert_msg(strstr(p->text, join) != NULL, "'%s' not joined as '%s'", p->text, join);
	ck_assert_int_eq(p->page, page);
	ck_assert_int_eq(p->number, number);
}

/* ---- ILACS standard inspection, 2018-2022 ----------------------------- */

/* As the reports of 2019 set it: the authority's name, the title in bold
 * below it, a bold "Inspection dates" line, the table with 11pt cells
 * and each grade centred on its label's two lines, the joint judgement of
 * children in care and care leavers; page numbers on every page and,
 * from page 2, a running footer of title and dates. */
#define BANES_FOOT1 "Inspection of Bath and North East Somerset children's social care services"
#define BANES_FOOT2 "30 September to 11 October 2019"
static const item ilacs_standard[] = {
	{0, 26, LM, 152, "Bath and North East Somerset Council"},
	{1, 16, LM, 190, "Inspection of children's social care services"},
	BOLD(222, "Inspection dates: 30 September 2019 to 11 October 2019"),
	BOLD(251, "Lead inspector: Helen Carter"),
	{1, 12, 176.1f, 265.5f, "Her Majesty's Inspector"},
	{1, 12, 79, 308, "Judgement"}, {1, 12, 395, 308, "Grade"},
	{0, 11, 79, 343, "The impact of leaders on social work practice with children"},
	{0, 11, 79, 356.3f, "and families"},
	{0, 11, 395, 349.7f, "Good"},
	{0, 11, 79, 385.3f, "The experiences and progress of children who need help and"},
	{0, 11, 79, 398.7f, "protection"},
	{0, 11, 395, 392, "Requires improvement"},
	{0, 11, 395, 405.3f, "to be good"},
	{0, 11, 79, 427.6f, "The experiences and progress of children in care and care"},
	{0, 11, 79, 440.9f, "leavers"},
	{0, 11, 395, 434.2f, "Outstanding"},
	{0, 11, 79, 476.4f, "Overall effectiveness"},
	{0, 11, 395, 476.4f, "Good"},
	BODY(517, "Children and families in Bath and North East Somerset benefit from"),
	BODY(531.5f, "services that have improved steadily since the last inspection. Senior"),
	BODY(546, "leaders know their services well and have a clear plan for the future."),
	BODY(575, "Most children in need of help and protection receive a timely response,"),
	BODY(589.5f, "although the quality of plans for children in need is still too variable."),
	PAGENO("1"), END_PAGE,

	{0, 8, LM, 802, BANES_FOOT1}, {0, 8, LM, 811.6f, BANES_FOOT2}, PAGENO("2"),
	HEAD(92, "What needs to improve"),
	{0, 12, LM, 120, "\x95"}, {0, 12, 86.2f, 120, "The quality of plans for children in need, so that they are"},
	{0, 12, 86.2f, 134.5f, "specific about the help that families will receive."},
	{0, 12, LM, 163, "\x95"}, {0, 12, 86.2f, 163, "Management oversight of children who go missing from home."},
	HEAD(197, "The experiences and progress of children who need help and"),
	HEAD(214, "protection: requires improvement to be good"),
	NUM(245, "1."), IN(245, "Early help is well established. Families receive support from a wide"),
	IN(259.5f, "range of services in family hubs, and most children's circumstances"),
	IN(274, "improve as a result."),
	NUM(303, "2."), IN(303, "Decisions in the front door are timely and appropriate. When risks"),
	IN(317.5f, "to children increase, strategy meetings are held promptly and are"),
	IN(332, "attended by the right agencies."),
	NUM(361, "3."), IN(361, "Assessments of children in need are not consistently good. Some are"),
	IN(375.5f, "thorough and analytical, but others describe the family's history"),
	IN(390, "without considering what it means for the child now. Plans that follow"),
	IN(404.5f, "these assessments are too often vague, and social workers and"),
	IN(419, "parents are not always clear about what needs to change and by"),
	END_PAGE,

	{0, 8, LM, 802, BANES_FOOT1}, {0, 8, LM, 811.6f, BANES_FOOT2}, PAGENO("3"),
	IN(92, "when, so that some children wait too long for help."),
	NUM(121, "4."), IN(121, "Children at risk of exploitation are identified and supported well by"),
	IN(135.5f, "a specialist team that works closely with the police."),
	HEAD(170, "The experiences and progress of children in care and care"),
	HEAD(187, "leavers: outstanding"),
	NUM(218, "5."), IN(218, "Children come into care when they need to. They live with carers who"),
	IN(232.5f, "understand them and who help them to make excellent progress."),
	NUM(261, "6."), IN(261, "Care leavers are supported by personal advisers who stay in touch and"),
	IN(275.5f, "help them to find suitable homes, education and work."),
	HEAD(310, "The impact of leaders on social work practice with children and"),
	HEAD(327, "families: good"),
	NUM(358, "7."), IN(358, "Leaders have a realistic understanding of the quality of practice and"),
	IN(372.5f, "have invested in more social workers, so that caseloads are lower."),
	END_PAGE,
	END_PAGE};

START_TEST(ilacs_standard_2019)
{
	ofs_report *r = load(ilacs_standard, "banes-2019.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "Bath and North East Somerset");
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_STANDARD); /* two weeks on site */
	ck_assert_str_eq(r->inspection_start, "2019-09-30");
	ck_assert_str_eq(r->inspection_end, "2019-10-11");
	ck_assert_str_eq(r->published, "");
	ck_assert_str_eq(r->date, "2019-10-11");
	ck_assert_str_eq(r->lead_inspector, "Helen Carter");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	/* The joint judgement grades care leavers too. */
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);

	/* Before any judgement heading: the overall judgement. */
	ASSERT_FACETS(r, "benefit from services that have improved", OFS_AREA_OVERALL, OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "Management oversight of children who go missing", OFS_AREA_OVERALL,
		      OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "Early help is well established", OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ck_assert_int_eq(para_with(r, "Early help is well established")->number, 1);
	ASSERT_FACETS(r, "exploitation are identified", OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ASSERT_FACETS(r, "Children come into care", OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	ASSERT_FACETS(r, "Care leavers are supported", OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	ASSERT_FACETS(r, "Leaders have a realistic", OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ck_assert_int_eq(para_with(r, "Leaders have a realistic")->number, 7);
	ck_assert_str_eq(para_with(r, "Children come into care")->section,
			 "The experiences and progress of children in care and care leavers: outstanding");

	assert_crosses(r, "Assessments of children in need are not consistently good",
		       "by when, so that", "wait too long for help.", 2, 3);
	assert_no_running(r, "children's social care services 30");
	assert_no_running(r, BANES_FOOT1);
	assert_no_running(r, BANES_FOOT2);
	ofs_report_free(r);
}
END_TEST
/* ---- ILACS short inspection, 2023- ------------------------------------ */

/* As the reports of 2023 on set it: the title in 26pt over two lines,
 * "Inspection dates:" and "Lead inspector:" in bold with their values in
 * regular type, the table in 12pt with each grade on its label's first
 * line, separate judgements of children in care and of care leavers; a
 * running footer of title and dates from page 2; paragraph numbers in
 * the margin.  One week on site makes it a short inspection. */
#define BCP_FOOT1 "Inspection of Bournemouth, Christchurch and Poole local authority children's services"
#define BCP_FOOT2 "13 to 17 March 2023"
static const item ilacs_short[] = {
	{0, 26, LM, 152, "Inspection of Bournemouth,"},
	{0, 26, LM, 183.5f, "Christchurch and Poole local authority"},
	{0, 26, LM, 215, "children's services"},
	BOLD(246.5f, "Inspection dates: "), {0, 12, 165.6f, 246.5f, "13 to 17 March 2023"},
	BOLD(273, "Lead inspector: "),
	{0, 12, 163.6f, 273, "Peter Greenwood, His Majesty's Inspector"},
	{1, 12, 76.6f, 280.5f, "Judgement"}, {1, 12, 324.4f, 280.5f, "Grade"},
	{0, 12, 76.6f, 313.5f, "The impact of leaders on social work"},
	{0, 12, 76.6f, 328, "practice with children and families"},
	{0, 12, 324.4f, 313.5f, "Requires improvement"},
	{0, 12, 324.4f, 328, "to be good"},
	{0, 12, 76.6f, 355, "The experiences and progress of children"},
	{0, 12, 76.6f, 369.5f, "who need help and protection"},
	{0, 12, 324.4f, 355, "Good"},
	{0, 12, 76.6f, 396.5f, "The experiences and progress of children in"},
	{0, 12, 76.6f, 411, "care"},
	{0, 12, 324.4f, 396.5f, "Requires improvement"},
	{0, 12, 324.4f, 411, "to be good"},
	{0, 12, 76.6f, 438, "The experiences and progress of care"},
	{0, 12, 76.6f, 452.5f, "leavers"},
	{0, 12, 324.4f, 438, "Good"},
	{0, 12, 76.6f, 479.5f, "Overall effectiveness"},
	{0, 12, 324.4f, 479.5f, "Requires improvement"},
	{0, 12, 324.4f, 494, "to be good"},
	BODY(527, "Since the last inspection, the council has been reorganised and many"),
	BODY(541.5f, "senior leaders are new. They have an accurate understanding of where"),
	BODY(556, "practice is strong and where it is weaker, and have started to act."),
	PAGENO("1"), END_PAGE,

	{0, 8, LM, 802, BCP_FOOT1}, {0, 8, LM, 811.6f, BCP_FOOT2}, PAGENO("2"),
	HEAD(92, "The experiences and progress of children who need help and"),
	HEAD(109, "protection: good"),
	NUM(138, "1."), IN(138, "Families are offered early help in family hubs across the area. Most"),
	IN(152.5f, "receive the right help at the right time from skilled practitioners."),
	NUM(181, "2."), IN(181, "Social workers in the multi-agency safeguarding hub respond quickly to"),
	IN(195.5f, "contacts and referrals, and consent is sought appropriately."),
	HEAD(230, "The experiences and progress of children in care: requires"),
	HEAD(247, "improvement to be good"),
	NUM(276, "3."), IN(276, "Too many children in care have had several changes of social worker."),
	IN(290.5f, "This makes it harder for them to build trusting relationships."),
	NUM(319, "4."), IN(319, "Children's plans are reviewed regularly by independent reviewing"),
	IN(333.5f, "officers, who meet children before their reviews. However, the"),
	IN(348, "recommendations that reviewing officers make are not always"),
	IN(362.5f, "followed up, and the escalation of concerns about drift in"),
	IN(377, "children's plans has not been effective enough to make sure that"),
	IN(391.5f, "permanence is secured without delay for"),
	END_PAGE,

	{0, 8, LM, 802, BCP_FOOT1}, {0, 8, LM, 811.6f, BCP_FOOT2}, PAGENO("3"),
	IN(92, "every child."),
	HEAD(127, "The experiences and progress of care leavers: good"),
	NUM(156, "5."), IN(156, "Care leavers live in suitable homes and are helped into education,"),
	IN(170.5f, "employment or training by personal advisers who know them well."),
	HEAD(205, "The impact of leaders on social work practice with children and"),
	HEAD(222, "families: requires improvement to be good"),
	NUM(251, "6."), IN(251, "Leaders have stabilised the workforce, but audits do not yet focus"),
	IN(265.5f, "sharply enough on the difference that practice makes to children."),
	END_PAGE,
	END_PAGE};

START_TEST(ilacs_short_2023)
{
	ofs_report *r = load(ilacs_short, "bcp-2023.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "Bournemouth, Christchurch and Poole");
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_SHORT); /* one week on site */
	ck_assert_str_eq(r->inspection_start, "2023-03-13");
	ck_assert_str_eq(r->inspection_end, "2023-03-17");
	ck_assert_str_eq(r->published, "");
	ck_assert_str_eq(r->lead_inspector, "Peter Greenwood");
	ck_assert_str_eq(r->title, "Inspection of Bournemouth, Christchurch and Poole local "
				   "authority children's services");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);

	ASSERT_FACETS(r, "the council has been reorganised", OFS_AREA_OVERALL, OFS_GRADE_RI);
	ASSERT_FACETS(r, "Families are offered early help", OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "multi-agency safeguarding hub", OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "several changes of social worker", OFS_AREA_IN_CARE, OFS_GRADE_RI);
	ASSERT_FACETS(r, "Care leavers live in suitable homes", OFS_AREA_CARE_LEAVERS,
		      OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "Leaders have stabilised", OFS_AREA_LEADERS, OFS_GRADE_RI);
	ck_assert_int_eq(para_with(r, "Leaders have stabilised")->number, 6);

	assert_crosses(r, "Children's plans are reviewed regularly", "without delay for every child",
		       "every child.", 2, 4);
	assert_no_running(r, BCP_FOOT1);
	assert_no_running(r, BCP_FOOT2);
	ofs_report_free(r);
}
END_TEST

/* ---- ILACS after the reform of April 2026 ----------------------------- */

/* As the reports of inspections from April 2026 set it: the table has no
 * overall effectiveness row; numbers set on the paragraph's first line,
 * the rest hanging. */
#define NN_FOOT1 "Inspection of North Northamptonshire local authority children's services"
#define NN_FOOT2 "8 to 19 June 2026"
static const item ilacs_2026[] = {
	{0, 26, LM, 152, "Inspection of North Northamptonshire local"},
	{0, 26, LM, 183.5f, "authority children's services"},
	BOLD(215, "Inspection dates: "), {0, 12, 165.6f, 215, "8 to 19 June 2026"},
	BOLD(241.5f, "Lead inspector: "),
	{0, 12, 163.6f, 241.5f, "Amira Patel, His Majesty's Inspector"},
	{1, 12, 76.6f, 280.5f, "Judgement"}, {1, 12, 302.9f, 280.5f, "Grade"},
	{0, 12, 76.6f, 313.5f, "The impact of leaders on social work"},
	{0, 12, 76.6f, 328, "practice with children and families"},
	{0, 12, 302.9f, 313.5f, "Good"},
	{0, 12, 76.6f, 355, "The experiences and progress of"},
	{0, 12, 76.6f, 369.5f, "children who need help and protection"},
	{0, 12, 302.9f, 355, "Good"},
	{0, 12, 76.6f, 396.5f, "The experiences and progress of"},
	{0, 12, 76.6f, 411, "children in care"},
	{0, 12, 302.9f, 396.5f, "Outstanding"},
	{0, 12, 76.6f, 438, "The experiences and progress of care"},
	{0, 12, 76.6f, 452.5f, "leavers"},
	{0, 12, 302.9f, 438, "Requires improvement"},
	{0, 12, 302.9f, 452.5f, "to be good"},
	BODY(485.5f, "Leaders have built on the strengths found at the last inspection."),
	BODY(500, "Children in North Northamptonshire now receive help that is well"),
	BODY(514.5f, "matched to their needs, from practitioners who know them well."),
	PAGENO("1"), END_PAGE,

	{0, 8, LM, 802, NN_FOOT1}, {0, 8, LM, 811.6f, NN_FOOT2}, PAGENO("2"),
	HEAD(92, "The experiences and progress of children who need help and"),
	HEAD(109, "protection: good"),
	BODY(133, "1. Contacts about children's safety are screened promptly by"),
	HN(147.5f, "experienced social workers, who make proportionate decisions."),
	BODY(176.5f, "2. Family help is offered early. Practitioners build trusting"),
	HN(191, "relationships with parents and help them to make changes that"),
	HN(205.5f, "last."),
	HEAD(240, "The experiences and progress of children in care: outstanding"),
	BODY(264, "3. Children are helped to stay with their families when this is safe."),
	HN(278.5f, "When they cannot, they live with carers who meet their needs well."),
	BODY(307.5f, "4. Children in care are visited often by social workers who know"),
	HN(322, "them well. Life-story work helps children to understand their"),
	HN(336.5f, "histories, and independent visitors and advocates make sure that"),
	HN(351, "their wishes and feelings are heard when"),
	END_PAGE,

	{0, 8, LM, 802, NN_FOOT1}, {0, 8, LM, 811.6f, NN_FOOT2}, PAGENO("3"),
	HN(92, "decisions are made about their lives."),
	HEAD(127, "The experiences and progress of care leavers: requires"),
	HEAD(144, "improvement to be good"),
	BODY(168, "5. Too many care leavers live in unsuitable accommodation, and"),
	HN(182.5f, "pathway plans are not updated when their circumstances change."),
	HEAD(217, "The impact of leaders on social work practice with children and"),
	HEAD(234, "families: good"),
	BODY(258, "6. Leaders listen to children and use what they say to shape"),
	HN(272.5f, "services, including the new offer for care leavers."),
	END_PAGE,
	END_PAGE};

START_TEST(ilacs_after_april_2026_without_overall)
{
	ofs_report *r = load(ilacs_2026, "north-northamptonshire-2026.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "North Northamptonshire");
	ck_assert_int_eq(r->kind, OFS_KIND_ILACS_STANDARD);
	ck_assert_str_eq(r->inspection_start, "2026-06-08");
	ck_assert_str_eq(r->inspection_end, "2026-06-19");
	ck_assert_str_eq(r->lead_inspector, "Amira Patel");
	/* No overall judgement since the reform. */
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_OUTSTANDING);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);

	/* Outside the judgements: the overall area, which has no grade. */
	ASSERT_FACETS(r, "Leaders have built on the strengths", OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_FACETS(r, "Contacts about children's safety", OFS_AREA_HELP_PROTECTION,
		      OFS_GRADE_GOOD);
	ck_assert_int_eq(para_with(r, "Contacts about children's safety")->number, 1);
	ASSERT_FACETS(r, "Family help is offered early", OFS_AREA_HELP_PROTECTION, OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "helped to stay with their families", OFS_AREA_IN_CARE,
		      OFS_GRADE_OUTSTANDING);
	ASSERT_FACETS(r, "unsuitable accommodation", OFS_AREA_CARE_LEAVERS, OFS_GRADE_RI);
	ASSERT_FACETS(r, "Leaders listen to children", OFS_AREA_LEADERS, OFS_GRADE_GOOD);

	assert_crosses(r, "Children in care are visited often", "heard when decisions are made",
		       "about their lives.", 2, 4);
	assert_no_running(r, NN_FOOT1);
	assert_no_running(r, NN_FOOT2);
	ofs_report_free(r);
}
END_TEST
/* ---- single inspection framework, 2013-2018 --------------------------- */

/* As the reports of 2015-2016 set it: the authority's name in 26pt, the
 * two titles in 14pt bold joined by "and", the dates, publication and
 * overall judgement in 14pt bold; the summary table in 12pt, labels in
 * bold and numbered, sub-judgements indented, grades in a right-hand
 * column; judgement headings with their grade set beside them on the
 * same row; numbers on the paragraph's first line, the rest indented;
 * a running header at the top of every page and page numbers. */
#define HULL_HEAD "Kingston upon Hull: children's services inspection report"
static const item sif[] = {
	{1, 8, LM, 36, HULL_HEAD},
	{0, 26, LM, 118, "Kingston upon Hull City Council"},
	{1, 14, LM, 143, "Inspection of services for children in need of help and"},
	{1, 14, LM, 160, "protection, children looked after and care leavers"},
	{0, 14, LM, 183, "and"},
	{1, 14, LM, 206, "Review of the effectiveness of the Local Safeguarding Children"},
	{1, 14, LM, 223, "Board"},
	{1, 14, LM, 246, "Inspection date: 18 January 2016 \x96 9 February 2016"},
	{1, 14, LM, 269, "Report published: 22 March 2016"},
	{1, 14, LM, 298, "Children's services in Kingston upon Hull require"},
	{1, 14, LM, 315, "improvement to be good"},
	BODY(342, "There are no widespread or serious failures that create or leave"),
	BODY(356.5f, "children being harmed or at risk of harm."),
	BOLD(400, "1. Children who need help and protection"),
	{0, 12, 388.3f, 400, "Requires improvement"},
	BOLD(427, "2. Children looked after and achieving"),
	{1, 12, HANG, 441.5f, "permanence"},
	{0, 12, 388.3f, 434.2f, "Good"},
	{0, 12, 118.8f, 468.5f, "2.1 Adoption performance"},
	{0, 12, 388.3f, 468.5f, "Good"},
	{0, 12, 118.8f, 495.5f, "2.2 Experiences and progress of care leavers"},
	{0, 12, 388.3f, 495.5f, "Requires improvement"},
	BOLD(522.5f, "3. Leadership, management and governance"),
	{0, 12, 388.3f, 522.5f, "Requires improvement"},
	PAGENO("1"), END_PAGE,

	{1, 8, LM, 36, HULL_HEAD}, PAGENO("2"),
	{1, 16, LM, 112, "Information about this local authority area"},
	BOLD(140, "Local leadership"),
	BODY(165, "The Director of Children's Services has been in post since May 2014."),
	{1, 14, LM, 207, "The experiences and progress of"},
	{1, 14, LM, 223, "children who need help and protection"},
	{1, 14, 359.8f, 215.5f, "Requires improvement"},
	BOLD(259, "Summary"),
	BODY(285, "Early help is improving, but too many families are referred to social"),
	BODY(299.5f, "care when their needs could be met by universal services."),
	{1, 14, LM, 334, "Inspection findings"},
	BODY(362, "1. Thresholds for social work intervention are understood by partner"),
	IN(376.5f, "agencies and applied consistently in the front door."),
	BODY(405.5f, "2. Child protection enquiries are thorough and children are seen"),
	IN(420, "alone. However, the quality of child protection plans varies, and"),
	IN(434.5f, "for some children, core groups do not meet often enough to review"),
	IN(449, "progress, so that risks to"),
	END_PAGE,

	{1, 8, LM, 36, HULL_HEAD}, PAGENO("3"),
	IN(92, "children are not always reduced quickly."),
	BODY(121, "3. Children who go missing are offered return home interviews."),
	{1, 14, LM, 156, "The Local Safeguarding Children Board"},
	{1, 14, 359.8f, 156, "Good"},
	BODY(185, "The Local Safeguarding Children Board (LSCB) in Kingston upon Hull is"),
	BODY(199.5f, "good. Partners hold each other to account through a strong programme"),
	BODY(214, "of multi-agency audits."),
	{1, 16, LM, 252, "Information about this inspection"},
	BODY(280, "Inspectors have looked closely at the experiences of children and"),
	BODY(294.5f, "young people who have needed or still need help and/or protection."),
	BODY(323.5f, "Lead inspector: Daniel Brooks HMI"),
	END_PAGE,
	END_PAGE};

START_TEST(sif_with_lscb_review_2016)
{
	ofs_report *r = load(sif, "hull-2016.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "Kingston upon Hull");
	ck_assert_int_eq(r->kind, OFS_KIND_SIF);
	ck_assert_str_eq(r->inspection_start, "2016-01-18");
	ck_assert_str_eq(r->inspection_end, "2016-02-09");
	ck_assert_str_eq(r->published, "2016-03-22");
	ck_assert_str_eq(r->lead_inspector, "Daniel Brooks");
	ck_assert_str_eq(r->title, "Kingston upon Hull: Inspection of services for children in "
				   "need of help and protection, children looked after and care "
				   "leavers");
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_RI);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_GOOD);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);

	ASSERT_FACETS(r, "no widespread or serious failures", OFS_AREA_OVERALL, OFS_GRADE_RI);
	/* The context box judges nothing: its area has no grade. */
	ASSERT_FACETS(r, "has been in post since May 2014", OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	/* The heading with its grade beside it; a sub-heading keeps its
	 * judgement. */
	ASSERT_FACETS(r, "Early help is improving", OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ck_assert_str_eq(para_with(r, "Early help is improving")->section,
			 "The experiences and progress of children who need help and protection "
			 "> Summary");
	ASSERT_FACETS(r, "Thresholds for social work", OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ck_assert_int_eq(para_with(r, "Thresholds for social work")->number, 1);
	ASSERT_FACETS(r, "return home interviews", OFS_AREA_HELP_PROTECTION, OFS_GRADE_RI);
	ASSERT_FACETS(r, "Partners hold each other to account", OFS_AREA_LSCB, OFS_GRADE_GOOD);
	ASSERT_FACETS(r, "Inspectors have looked closely", OFS_AREA_OVERALL, OFS_GRADE_RI);

	assert_crosses(r, "Child protection enquiries are thorough", "so that risks to children are",
		       "reduced quickly.", 2, 2);
	assert_no_running(r, HULL_HEAD);
	ofs_report_free(r);
}
END_TEST

/*
 * Some reports of the single inspection framework (2015) set each
 * judgement not as a heading but as a one-row table, "Key judgement |
 * Judgement grade" above "The experiences and progress of children / who
 * need help and protection | Inadequate", in body type.  That table heads
 * the section that follows, as the heading would; a summary table of
 * several judgements heads nothing.
 */
static const item sif_table[] = {
	{1, 8, LM, 36, HULL_HEAD},
	{0, 26, LM, 118, "Kingston upon Hull City Council"},
	{1, 14, LM, 143, "Inspection of services for children in need of help and"},
	{1, 14, LM, 160, "protection, children looked after and care leavers"},
	BODY(200, "Children's services in Kingston upon Hull are good, and leaders know"),
	BODY(214.5f, "their services well."),
	PAGENO("1"), END_PAGE,

	{1, 8, LM, 36, HULL_HEAD}, PAGENO("2"),
	{1, 16, LM, 94, "Inspection judgements about the local authority"},
	BOLD(131, "Key judgement"), {1, 12, 303, 131, "Judgement grade"},
	BODY(158, "The experiences and progress of children"),
	BODY(173, "who need help and protection"),
	{0, 12, 303, 165, "Inadequate"},
	BOLD(206, "Summary"),
	BODY(232, "Partner agencies understand thresholds, but too many children wait"),
	BODY(246.5f, "too long for an assessment of their needs."),
	END_PAGE,
	END_PAGE};

START_TEST(a_one_row_judgement_table_heads_the_section_after_it)
{
	ofs_report *r = load(sif_table, "hull-table.pdf");
	const ofs_para *p = para_with(r, "Partner agencies understand thresholds");
	ck_assert_int_eq(p->area, OFS_AREA_HELP_PROTECTION);
	ck_assert_ptr_nonnull(strstr(p->section, "children who need help and protection"));
	ofs_report_free(r);
}
END_TEST

/*
 * The first row of the single inspection framework's summary table,
 * "1. Children who need help and protection" in bold with its grade in
 * the right-hand column, is a table row, not a judgement heading with its
 * grade beside it (numbered) nor a numbered paragraph: pdf_text.h says
 * tables make no paragraphs.  (Found by this test; every SIF report in
 * the shared sample had it.)
 */
START_TEST(sif_summary_table_rows_make_no_paragraphs)
{
	ofs_report *r = load(sif, "hull-2016.pdf");
	for (size_t i = 0; i < r->n_paras; i++) {
		const char *t = r->paras[i].text;
		ck_assert_msg(strcmp(t, "Children who need help and protection") &&
			      !strstr(t, "Children looked after and achieving") &&
			      !strstr(t, "Leadership, management and governance") &&
			      !strstr(t, "Adoption performance"),
			      "summary table row as paragraph %zu (page %d, number %d): %s",
			      i + 1, r->paras[i].page, r->paras[i].number, t);
	}
	ofs_report_free(r);
}
END_TEST

/* ---- before 2013: safeguarding and looked after children --------------- */

/* As the reports of 2009-2012 set it: the title, the authority and the
 * labelled lines on the cover ("Reporting inspector" with its value in a
 * second column); each service a bold heading, its "Overall
 * effectiveness" set as a row with "Grade 3 (adequate)" beside it;
 * numbered paragraphs with the number in the margin; the record of main
 * findings as a two-column table at the end; a running footer and page
 * numbers on every page. */
#define HF_FOOT "Inspection of safeguarding and looked after children services: Hammersmith and Fulham"
static const item pre2013[] = {
	{0, 22, LM, 130, "Inspection of safeguarding and looked"},
	{0, 22, LM, 157, "after children services"},
	{0, 16, LM, 200, "London Borough of Hammersmith and Fulham"},
	BODY(240, "Inspection dates: 12 \x96 23 September 2011"),
	BODY(258, "Reporting inspector"), {0, 12, 250, 258, "Anne Baker HMI"},
	BODY(276, "Age group:"), {0, 12, 250, 276, "All"},
	BODY(294, "Published:"), {0, 12, 250, 294, "28 October 2011"},
	{1, 14, LM, 340, "About this inspection"},
	NUM(368, "1."), IN(368, "The purpose of the inspection is to evaluate the contribution made by"),
	IN(382.5f, "relevant services in the local area towards ensuring that children and"),
	IN(397, "young people are properly safeguarded."),
	{0, 8, LM, 800, HF_FOOT}, PAGENO("1"), END_PAGE,

	{1, 14, LM, 92, "Safeguarding services"},
	BOLD(120, "Overall effectiveness"), {1, 12, 400, 120, "Grade 3 (adequate)"},
	NUM(148, "2."), IN(148, "The overall effectiveness of safeguarding services in Hammersmith and"),
	IN(162.5f, "Fulham is adequate. Children at immediate risk are protected well."),
	NUM(191, "3."), IN(191, "The quality of initial and core assessments is variable. Most identify"),
	IN(205.5f, "risks appropriately, but too few analyse the impact on the child of"),
	IN(220, "the parents' difficulties, and in some cases the views of children and"),
	IN(234.5f, "their families are not recorded, so that it is not clear how their"),
	{0, 8, LM, 800, HF_FOOT}, PAGENO("2"), END_PAGE,

	IN(92, "wishes have informed the plan."),
	{1, 14, LM, 127, "Looked after children services"},
	BOLD(155, "Overall effectiveness"), {1, 12, 400, 155, "Grade 2 (good)"},
	NUM(183, "4."), IN(183, "Looked after children live in stable placements and most make good"),
	IN(197.5f, "progress at school."),
	{1, 14, LM, 232, "Record of main findings"},
	BOLD(260, "Safeguarding services"),
	BODY(278, "Overall effectiveness"), {0, 12, 400, 278, "Adequate"},
	BODY(296, "Capacity for improvement"), {0, 12, 400, 296, "Good"},
	BOLD(322, "Looked after children services"),
	BODY(340, "Overall effectiveness"), {0, 12, 400, 340, "Good"},
	BODY(358, "Capacity for improvement"), {0, 12, 400, 358, "Adequate"},
	{0, 8, LM, 800, HF_FOOT}, PAGENO("3"), END_PAGE,
	END_PAGE};

START_TEST(pre2013_safeguarding_and_looked_after_2011)
{
	ofs_report *r = load(pre2013, "hammersmith-2011.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "Hammersmith and Fulham");
	ck_assert_int_eq(r->kind, OFS_KIND_PRE2013);
	ck_assert_str_eq(r->inspection_start, "2011-09-12");
	ck_assert_str_eq(r->inspection_end, "2011-09-23");
	ck_assert_str_eq(r->published, "2011-10-28");
	ck_assert_str_eq(r->lead_inspector, "Anne Baker");
	ASSERT_GRADE(r, OFS_AREA_HELP_PROTECTION, OFS_GRADE_ADEQUATE);
	ASSERT_GRADE(r, OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	/* No judgement of these before 2013. */
	ASSERT_GRADE(r, OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LEADERS, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_CARE_LEAVERS, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_ADOPTION, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_LSCB, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->default_area, OFS_AREA_OVERALL);

	ASSERT_FACETS(r, "The purpose of the inspection", OFS_AREA_OVERALL, OFS_GRADE_NONE);
	ASSERT_FACETS(r, "Children at immediate risk", OFS_AREA_HELP_PROTECTION,
		      OFS_GRADE_ADEQUATE);
	ck_assert_int_eq(para_with(r, "Children at immediate risk")->number, 2);
	ASSERT_FACETS(r, "stable placements", OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	ck_assert_int_eq(para_with(r, "stable placements")->number, 4);

	assert_crosses(r, "The quality of initial and core assessments", "how their wishes have",
		       "informed the plan.", 2, 3);
	assert_no_running(r, HF_FOOT);
	/* The grade rows are table cells, not text. */
	for (size_t i = 0; i < r->n_paras; i++)
		ck_assert_ptr_null(strstr(r->paras[i].text, "Grade 3"));
	ofs_report_free(r);
}
END_TEST

/* ---- focused visit letter --------------------------------------------- */

/* As Ofsted's letters set it: the date, the addressee, "Dear ...", the
 * heading in bold, unnumbered paragraphs under bold headings, signed by
 * the lead inspector; Ofsted's address in a footer and "Page N of 3" on
 * every page. */
#define FV_FOOT "Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD"
static const item focused_visit[] = {
	BODY(110, "16 July 2024"),
	BODY(139, "Rachel Hughes"),
	BODY(153.5f, "Director of Children's Services"),
	BODY(168, "Westmorland and Furness Council"),
	BODY(182.5f, "South Lakeland House, Kendal"),
	BODY(211.5f, "Dear Ms Hughes"),
	BOLD(240.5f, "Focused visit to Westmorland and Furness children's services"),
	BODY(269.5f, "This letter summarises the findings of a focused visit to Westmorland"),
	BODY(284, "and Furness children's services on 18 and 19 June 2024. His Majesty's"),
	BODY(298.5f, "Inspectors for this visit were Sarah Lane and Tom Hart."),
	BOLD(327.5f, "Headline findings"),
	BODY(356.5f, "Children in care benefit from stable homes and from social workers who"),
	BODY(371, "know them well. Leaders have an accurate understanding of practice."),
	{0, 8, LM, 800, FV_FOOT}, {0, 8, 480, 812, "Page 1 of 3"}, END_PAGE,

	BOLD(92, "Findings and evaluation of progress"),
	BODY(121, "Children come into care when it is in their best interests. Decisions"),
	BODY(135.5f, "are made at the right level of seniority and are recorded clearly."),
	BODY(164.5f, "Most children in care see their social workers regularly, and visits are"),
	BODY(179, "purposeful. Social workers see children alone and use creative direct"),
	BODY(193.5f, "work to help them to understand why they are in care and what their"),
	{0, 8, LM, 800, FV_FOOT}, {0, 8, 480, 812, "Page 2 of 3"}, END_PAGE,

	BODY(92, "plans are for the future."),
	BODY(121, "Ofsted will take the findings from this focused visit into account at"),
	BODY(135.5f, "the next inspection of your local authority children's services."),
	BODY(164.5f, "Yours sincerely"),
	BODY(193.5f, "Sarah Lane"),
	BODY(208, "His Majesty's Inspector"),
	{0, 8, LM, 800, FV_FOOT}, {0, 8, 480, 812, "Page 3 of 3"}, END_PAGE,
	END_PAGE};

START_TEST(focused_visit_letter_2024)
{
	ofs_report *r = load(focused_visit, "westmorland-2024.pdf");
	ck_assert_int_eq(r->pages, 3);
	ck_assert_str_eq(r->council, "Westmorland and Furness");
	ck_assert_int_eq(r->kind, OFS_KIND_FOCUSED_VISIT);
	ck_assert_str_eq(r->inspection_start, "2024-06-18");
	ck_assert_str_eq(r->inspection_end, "2024-06-19");
	ck_assert_str_eq(r->published, "2024-07-16");
	ck_assert_str_eq(r->lead_inspector, "Sarah Lane");
	ck_assert_str_eq(r->title, "Focused visit to Westmorland and Furness children's services");
	/* A focused visit grades nothing. */
	for (int a = OFS_AREA_OVERALL; a <= OFS_AREA_LSCB; a++)
		ASSERT_GRADE(r, a, OFS_GRADE_NONE);
	ASSERT_GRADE(r, OFS_AREA_OTHER, OFS_GRADE_UNKNOWN);
	ck_assert_int_eq(r->default_area, OFS_AREA_UNKNOWN);

	/* Before any heading that names an area: no area, no grade. */
	ASSERT_FACETS(r, "This letter summarises the findings", OFS_AREA_UNKNOWN,
		      OFS_GRADE_UNKNOWN);
	ASSERT_FACETS(r, "Children in care benefit from stable homes", OFS_AREA_OVERALL,
		      OFS_GRADE_NONE);
	ck_assert_str_eq(para_with(r, "Children in care benefit from stable homes")->section,
			 "Headline findings");
	/* A heading that names no area keeps the one before. */
	ASSERT_FACETS(r, "Children come into care when", OFS_AREA_OVERALL, OFS_GRADE_NONE);

	/* Letters number no paragraphs. */
	assert_crosses(r, "Most children in care see their social workers", "what their plans",
		       "for the future.", 2, 0);
	assert_no_running(r, FV_FOOT);
	assert_no_running(r, "of 3");
	ofs_report_free(r);
}
END_TEST

/*
 * A numbered paragraph that a page break cuts between two sentences is
 * one paragraph: the next page goes on, unnumbered, at the indent of the
 * numbered paragraph's text (99.3pt), not at the left margin (70.9pt)
 * where paragraphs without a number start.  (Found by this test: about
 * 140 such splits in 120 of the sample's reports.)
 */
#define SB_FOOT1 "Inspection of Kingston upon Hull local authority children's services"
#define SB_FOOT2 "3 to 14 November 2025"
static const item sentence_break[] = {
	{0, 26, LM, 152, "Inspection of Kingston upon Hull local"},
	{0, 26, LM, 183.5f, "authority children's services"},
	BOLD(215, "Inspection dates: "), {0, 12, 165.6f, 215, "3 to 14 November 2025"},
	BODY(250, "Children in Hull receive help that is well matched to their needs."),
	PAGENO("1"), END_PAGE,

	{0, 8, LM, 802, SB_FOOT1}, {0, 8, LM, 811.6f, SB_FOOT2}, PAGENO("2"),
	HEAD(92, "The experiences and progress of children in care: good"),
	NUM(121, "1."), IN(121, "Children come into care when they need to."),
	NUM(150, "2."), IN(150, "Children live with carers who understand them. Most children have"),
	IN(164.5f, "lived in the same home for a long time."),
	END_PAGE,

	{0, 8, LM, 802, SB_FOOT1}, {0, 8, LM, 811.6f, SB_FOOT2}, PAGENO("3"),
	IN(92, "Brothers and sisters live together when this is right for them."),
	NUM(121, "3."), IN(121, "Care leavers are helped to find suitable homes."),
	END_PAGE,
	END_PAGE};

START_TEST(paragraph_cut_between_sentences_by_a_page_break_is_one)
{
	ofs_report *r = load(sentence_break, "hull-2025.pdf");
	ck_assert_str_eq(r->council, "Kingston upon Hull");
	ASSERT_FACETS(r, "Children live with carers", OFS_AREA_IN_CARE, OFS_GRADE_GOOD);
	/* Known bug, see above: fails until pdf_layout.c joins the parts. */
	assert_crosses(r, "Children live with carers", "for a long time. Brothers and sisters",
		       "when this is right for them.", 2, 2);
	ofs_report_free(r);
}
END_TEST

static Suite *formats_suite(void)
{
	Suite *s = suite_create("formats");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, pre2013_safeguarding_and_looked_after_2011);
	tcase_add_test(tc, sif_with_lscb_review_2016);
	tcase_add_test(tc, ilacs_standard_2019);
	tcase_add_test(tc, ilacs_short_2023);
	tcase_add_test(tc, ilacs_after_april_2026_without_overall);
	tcase_add_test(tc, focused_visit_letter_2024);
	suite_add_tcase(s, tc);
	/* Real extraction bugs, reported to the lead: these fail until
	 * lib/read/pdf/pdf_layout.c is fixed. */
	tc = tcase_create("layouts");
	tcase_add_test(tc, sif_summary_table_rows_make_no_paragraphs);
	tcase_add_test(tc, a_one_row_judgement_table_heads_the_section_after_it);
	tcase_add_test(tc, paragraph_cut_between_sentences_by_a_page_break_is_one);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(formats_suite)
