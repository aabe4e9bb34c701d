/*
 * facets.c: canonical names of grades, areas and kinds, and the words that
 * map to them.
 *
 * Matching works on a "key": the words lower-cased, with every run of
 * characters other than letters and digits squeezed to one space, so
 * "Requires-Improvement", "requires improvement" and "REQUIRES  IMPROVEMENT"
 * share one key.  Each vocabulary is a table of keys; headings are matched
 * by the phrases Ofsted uses in them, tried in a deliberate order.
 */
#include "ofs/facets.h"

#include <string.h>
#include <strings.h>

#include "base/grade_words.h"
#include "base/util.h"

struct alias {
	const char *key;
	int value;
};

static const char *const grade_names[OFS_GRADE_COUNT] = {
	NULL, "outstanding", "good", "requires-improvement", "inadequate",
	"adequate", "none",
};

static const char *const area_names[OFS_AREA_COUNT] = {
	NULL, "overall", "leaders", "help-protection", "in-care",
	"care-leavers", "adoption", "lscb", "other",
};

static const char *const kind_names[OFS_KIND_COUNT] = {
	NULL, "ilacs-standard", "ilacs-short", "sif", "pre-2013",
	"focused-visit", "ofsted-letter", "council-report", "news", "other",
};

/* The phrases reports grade with, longest first so that the first found
 * at a place is the whole phrase (grade_words.h). */
static const struct alias report_grades[] = {
	{"requires improvement to be good", OFS_GRADE_RI},
	{"require improvement to be good", OFS_GRADE_RI},
	{"requires improvement", OFS_GRADE_RI},
	{"require improvement", OFS_GRADE_RI},
	{"outstanding", OFS_GRADE_OUTSTANDING},
	{"inadequate", OFS_GRADE_INADEQUATE},
	{"adequate", OFS_GRADE_ADEQUATE},
	{"good", OFS_GRADE_GOOD},
	{"not judged", OFS_GRADE_NONE}, /* SIF tables of a council with no children in care */
	{NULL, 0},
};

/* What users type for a grade, beside the reports' phrases. */
static const struct alias grade_aliases[] = {
	{"ri", OFS_GRADE_RI},
	{"requiring improvement", OFS_GRADE_RI},
	{"no judgement", OFS_GRADE_NONE},
	{"n a", OFS_GRADE_NONE},
	{"na", OFS_GRADE_NONE},
	{"none", OFS_GRADE_NONE},
	{NULL, 0},
};

static const struct alias area_aliases[] = {
	{"overall effectiveness", OFS_AREA_OVERALL},
	{"overall", OFS_AREA_OVERALL},
	{"leaders", OFS_AREA_LEADERS},
	{"leadership", OFS_AREA_LEADERS},
	{"impact of leaders", OFS_AREA_LEADERS},
	{"leadership management and governance", OFS_AREA_LEADERS},
	{"help protection", OFS_AREA_HELP_PROTECTION},
	{"help and protection", OFS_AREA_HELP_PROTECTION},
	{"children who need help and protection", OFS_AREA_HELP_PROTECTION},
	{"in care", OFS_AREA_IN_CARE},
	{"children in care", OFS_AREA_IN_CARE},
	{"looked after children", OFS_AREA_IN_CARE},
	{"children looked after", OFS_AREA_IN_CARE},
	{"lac", OFS_AREA_IN_CARE},
	{"cla", OFS_AREA_IN_CARE},
	{"care leavers", OFS_AREA_CARE_LEAVERS},
	{"adoption", OFS_AREA_ADOPTION},
	{"adoption performance", OFS_AREA_ADOPTION},
	{"lscb", OFS_AREA_LSCB},
	{"local safeguarding children board", OFS_AREA_LSCB},
	{"other", OFS_AREA_OTHER},
	{NULL, 0},
};

static const struct alias kind_aliases[] = {
	{"ilacs standard", OFS_KIND_ILACS_STANDARD},
	{"standard", OFS_KIND_ILACS_STANDARD},
	{"ilacs short", OFS_KIND_ILACS_SHORT},
	{"short", OFS_KIND_ILACS_SHORT},
	{"sif", OFS_KIND_SIF},
	{"single inspection framework", OFS_KIND_SIF},
	{"pre 2013", OFS_KIND_PRE2013},
	{"focused visit", OFS_KIND_FOCUSED_VISIT},
	{"ofsted letter", OFS_KIND_OFSTED_LETTER},
	{"letter", OFS_KIND_OFSTED_LETTER},
	{"council report", OFS_KIND_COUNCIL_REPORT},
	{"news", OFS_KIND_NEWS},
	{"other", OFS_KIND_OTHER},
	{NULL, 0},
};

static int lookup(const struct alias *t, const char *words)
{
	char key[256];
	if (!words)
		return 0;
	ofs_key_into(words, key, sizeof key, 0);
	for (; t->key; t++)
		if (!strcmp(t->key, key))
			return t->value;
	return 0;
}

static const char *name_of(const char *const *names, int n, int v)
{
	return v > 0 && v < n ? names[v] : NULL;
}

const char *ofs_grade_name(ofs_grade g) { return name_of(grade_names, OFS_GRADE_COUNT, g); }
const char *ofs_area_name(ofs_area a) { return name_of(area_names, OFS_AREA_COUNT, a); }
const char *ofs_kind_name(ofs_kind k) { return name_of(kind_names, OFS_KIND_COUNT, k); }

ofs_grade ofs_grade_parse(const char *words)
{
	int g = lookup(report_grades, words);
	return (ofs_grade)(g ? g : lookup(grade_aliases, words));
}

ofs_grade ofs_grade_phrase_at(const char *key, size_t *len)
{
	for (int i = 0; report_grades[i].key; i++) {
		size_t n = strlen(report_grades[i].key);
		if (!strncmp(key, report_grades[i].key, n) && (key[n] == ' ' || key[n] == '\0')) {
			if (len)
				*len = n;
			return report_grades[i].value;
		}
	}
	return OFS_GRADE_UNKNOWN;
}

int ofs_grade_phrase_word(const char *word, size_t n)
{
	for (int i = 0; report_grades[i].key; i++)
		for (const char *w = report_grades[i].key; *w;) {
			size_t k = strcspn(w, " ");
			if (k == n && !strncasecmp(w, word, n))
				return 1;
			w += k + (w[k] == ' ');
		}
	return 0;
}
ofs_area ofs_area_parse(const char *words) { return lookup(area_aliases, words); }
ofs_kind ofs_kind_parse(const char *words) { return lookup(kind_aliases, words); }

const char *ofs_grade_names(void)
{
	return "outstanding, good, requires-improvement, inadequate, adequate, none";
}

const char *ofs_area_names(void)
{
	return "overall, leaders, help-protection, in-care, care-leavers, adoption, lscb, other";
}

const char *ofs_kind_names(void)
{
	return "ilacs-standard, ilacs-short, sif, pre-2013, focused-visit, ofsted-letter, "
	       "council-report, news, other";
}

/* Whether key contains phrase as whole words. */
static int has_words(const char *key, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = key; (p = strstr(p, phrase)); p++)
		if ((p == key || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * Headings, in the order they must be tried.  The single inspection
 * framework's box of context ("Children looked after in this area",
 * "Local leadership") describes the area, judges nothing, and is tried
 * first; the joint "children in care and care leavers" judgement
 * (2018-2022) is in-care, so in-care is tried before care leavers.  A
 * plain "Summary" or "Inspection findings" names no area: inside a
 * judgement's section it belongs to that judgement.
 */
static const struct alias heading_phrases[] = {
	{"safeguarding children board", OFS_AREA_LSCB},
	{"lscb", OFS_AREA_LSCB},
	{"in this area", OFS_AREA_OTHER},
	{"local leadership", OFS_AREA_OTHER},
	{"previous ofsted inspections", OFS_AREA_OTHER},
	{"help and protection", OFS_AREA_HELP_PROTECTION},
	{"children in need of help", OFS_AREA_HELP_PROTECTION},
	{"safeguarding services", OFS_AREA_HELP_PROTECTION},
	{"children in care", OFS_AREA_IN_CARE},
	{"looked after", OFS_AREA_IN_CARE},
	{"achieving permanence", OFS_AREA_IN_CARE},
	{"care leavers", OFS_AREA_CARE_LEAVERS},
	{"adoption", OFS_AREA_ADOPTION},
	{"impact of leaders", OFS_AREA_LEADERS},
	{"leadership", OFS_AREA_LEADERS},
	{"overall effectiveness", OFS_AREA_OVERALL},
	{"headline findings", OFS_AREA_OVERALL},
	{"summary for children", OFS_AREA_OVERALL},
	{"what needs to improve", OFS_AREA_OVERALL},
	{"areas for improvement", OFS_AREA_OVERALL},
	{"key findings", OFS_AREA_OVERALL},
	{NULL, 0},
};

ofs_area ofs_area_from_heading(const char *heading)
{
	char key[512];
	if (!heading || strlen(heading) > 400)
		return OFS_AREA_UNKNOWN;
	ofs_key_into(heading, key, sizeof key, 0);
	for (const struct alias *t = heading_phrases; t->key; t++)
		if (has_words(key, t->key))
			return t->value;
	return OFS_AREA_UNKNOWN;
}

static const char *const reset_phrases[] = {
	"main findings", "information about this", "about this inspection",
	"recommendations", "introduction", "background", "next steps", "appendix",
	"annex", NULL,
};

int ofs_heading_resets_area(const char *heading)
{
	char key[256];
	if (!heading || strlen(heading) > 200)
		return 0;
	ofs_key_into(heading, key, sizeof key, 0);
	for (int i = 0; reset_phrases[i]; i++)
		if (has_words(key, reset_phrases[i]))
			return 1;
	return 0;
}
