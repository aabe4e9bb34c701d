/*
 * meta_extract.c: a report's metadata read from its own text.
 *
 * The full text is cut into lines, each with its page and a "key": the
 * line lower-cased with every run of other characters than letters and
 * digits squeezed to one space and apostrophes dropped, so "Children's
 * services" and "childrens  services" compare equal.  Every rule then
 * works on keys and on the layout Ofsted has used since 2009:
 *
 * - The title block (the lines of page 1 before "Inspection dates") says
 *   what the document is and whose: "Inspection of Norfolk local
 *   authority children's services" (ILACS), "Norfolk County Council /
 *   Inspection of services for children in need of help and protection,
 *   ..." (single inspection framework), "Inspection of looked after
 *   children services / Norfolk County Council" (before 2013), "Focused
 *   visit to ..." (letters).
 * - Labelled lines give dates and people: "Inspection dates:", "Report
 *   published:", "Lead inspector:".
 * - Grades sit in the judgement table on page 1 (ILACS and SIF) or in the
 *   "Record of main findings" at the end (before 2013).  PDF text keeps
 *   table cells as separate lines, sometimes all labels before all
 *   grades, so a table is read as a run of lines made only of table
 *   words; within it labels and grades are paired first come, first
 *   served, which gives the right pairs whether cells come row by row or
 *   column by column.
 * - SIF reports state the overall judgement in a sentence ("Children's
 *   services in Norfolk are inadequate") and the LSCB's in another ("The
 *   Local Safeguarding Children Board requires improvement").
 *
 * Nothing is inferred from file names or from other reports.  A grade is
 * set only from words that state it; a judgement the format does not make
 * is OFS_GRADE_NONE, decided by the kind of report (see meta_extract.h).
 */
#include "extract/meta_extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/normalize.h"
#include "extract/council.h"
#include "extract/dates.h"
#include "extract/grades.h"
#include "extract/lines.h"

/* Short inspections are one week on site, standard ones two. */
#define SHORT_MAX_DAYS 7

/* Reports of inspections from this date make no overall judgement. */
#define NO_OVERALL_FROM "2026-04-01"

struct shape {
	ofs_kind kind;
	int lscb_review;  /* SIF with the LSCB review */
	int lscb_only;    /* the LSCB review alone */
	int no_grades;    /* a letter or visit that grades nothing */
	int pre_safeguarding, pre_looked_after;
};

static void find_shape(const struct doc *d, const char *title, struct shape *sh)
{
	memset(sh, 0, sizeof *sh);
	/* Reports mention earlier visits ("the focused visit to the local
	 * authority in 2019"), so only a letter's own heading or opening
	 * sentence counts. */
	if (ofs__find_words(title, "focused visit to") ||
	    ofs__find_words(d->head, "letter summarises the findings of a focused visit") ||
	    ofs__find_words(d->head, "letter summarises the findings of the focused visit")) {
		sh->kind = OFS_KIND_FOCUSED_VISIT;
		sh->no_grades = 1;
		return;
	}
	if (ofs__find_words(title, "monitoring visit to") ||
	    ofs__find_words(d->head, "letter summarises the findings of a monitoring visit") ||
	    ofs__find_words(d->head, "letter summarises the findings of the monitoring visit") ||
	    ofs__find_words(title, "joint targeted area inspection")) {
		sh->kind = OFS_KIND_OTHER;
		sh->no_grades = 1;
		return;
	}
	/* "Inspection of" or "Re-inspection of" services ...; the LSCB title
	 * may end in a footnote mark ("Board1"), hence no "board". */
	if (ofs__find_words(title, "of services for children in need of help") ||
	    ofs__find_words(title, "review of the effectiveness of the local safeguarding children")) {
		sh->kind = OFS_KIND_SIF;
		sh->lscb_review = ofs__find_words(title, "local safeguarding children") != 0;
		sh->lscb_only = !ofs__find_words(title, "children in need of help");
		return;
	}
	if (ofs__find_words(title, "inspection of safeguarding and looked after children services") ||
	    ofs__find_words(title, "inspection of looked after children services") ||
	    ofs__find_words(title, "inspection of safeguarding services") ||
	    ofs__find_words(title, "arrangements for the protection of children")) {
		sh->kind = OFS_KIND_PRE2013;
		sh->pre_safeguarding = ofs__find_words(title, "safeguarding") ||
				       ofs__find_words(title, "protection of children");
		sh->pre_looked_after = ofs__find_words(title, "looked after") != 0;
		return;
	}
	/* ILACS: its signature judgement, or its title. */
	if (ofs__find_words(d->head, "impact of leaders on social work practice") ||
	    ofs__find_words(title, "local authority childrens services") ||
	    ofs__find_words(title, "childrens social care services")) {
		sh->kind = OFS_KIND_ILACS_STANDARD; /* refined once dates are read */
		return;
	}
	if (ofs__find_words(d->all, "ofsted"))
		sh->kind = OFS_KIND_OTHER;
}

/* Short or standard: what the report says, else its days on site. */
static ofs_kind ilacs_kind(const struct doc *d, const ofs_date start, const ofs_date end)
{
	static const char *const says_short[] = {"this short inspection",
		"was a short inspection", "as a short inspection", "ilacs short inspection", NULL};
	static const char *const says_standard[] = {"this standard inspection",
		"was a standard inspection", "as a standard inspection",
		"ilacs standard inspection", NULL};
	int s = 0, t = 0;
	for (int i = 0; says_short[i]; i++)
		s |= ofs__find_words(d->all, says_short[i]) != 0;
	for (int i = 0; says_standard[i]; i++)
		t |= ofs__find_words(d->all, says_standard[i]) != 0;
	if (s != t)
		return s ? OFS_KIND_ILACS_SHORT : OFS_KIND_ILACS_STANDARD;
	if (start[0] && end[0]) {
		long days = ofs__date_days(end) - ofs__date_days(start);
		if (days >= 0 && days <= SHORT_MAX_DAYS)
			return OFS_KIND_ILACS_SHORT;
	}
	return OFS_KIND_ILACS_STANDARD;
}

/* Offset of a line's value after its label: past label words and ':'. */
static size_t value_offset(const char *raw, size_t label_words)
{
	const char *p = raw;
	for (size_t w = 0; w < label_words && *p; w++) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (*p && (isalnum((unsigned char)*p) || *p == '\''))
			p++;
	}
	while (*p == ' ' || *p == ':' || *p == '\t')
		p++;
	return (size_t)(p - raw);
}

static ofs_status read_dates(const struct doc *d, ofs_date start, ofs_date end,
			     ofs_date published)
{
	int got_range = start[0] != '\0', got_pub = published[0] != '\0';
	for (size_t i = 0; i < d->n && !(got_range && got_pub); i++) {
		const char *k = d->lines[i].key;
		size_t words = 0;
		int is_pub = 0;
		if (!got_range && ofs__is_label_line(k)) {
			words = 2;
		} else if (!got_pub) {
			if (ofs__starts_with(k, "report published") || ofs__starts_with(k, "date of publication") ||
			    ofs__starts_with(k, "publication date"))
				words = ofs__starts_with(k, "date of publication") ? 3 : 2;
			else if (!strncasecmp(d->lines[i].s, "published:", 10) ||
				 !strcmp(k, "published"))
				words = 1;
			is_pub = words != 0;
		}
		if (!words)
			continue;
		char *v = ofs__raw_after(d, i, value_offset(d->lines[i].s, words), 2);
		if (!v)
			return OFS_ENOMEM;
		if (is_pub) {
			ofs_date a, b;
			if (ofs__date_range_parse(v, a, b) == 1) {
				memcpy(published, a, sizeof a);
				got_pub = 1;
			}
		} else if (ofs__date_range_parse(v, start, end)) {
			got_range = 1;
		}
		free(v);
	}
	return OFS_OK;
}

/* Letters: the visit's dates ("a focused visit to X children's services
 * on 21 and 22 September 2022") and the letter's own date, a line of its
 * own before "Dear ...". */
static ofs_status read_letter_dates(const struct doc *d, ofs_date start, ofs_date end,
				    ofs_date published)
{
	for (size_t i = 0; i < d->n && d->lines[i].page <= 1; i++) {
		const char *k = d->lines[i].key;
		if (ofs__starts_with(k, "dear"))
			break;
		if (!published[0] && k[0] && strlen(d->lines[i].s) < 24) {
			ofs_date a, b;
			if (ofs__date_range_parse(d->lines[i].s, a, b) == 1)
				memcpy(published, a, sizeof a);
		}
	}
	if (start[0])
		return OFS_OK;
	for (size_t i = 0; i < d->n && d->lines[i].page <= 2; i++) {
		const char *k = d->lines[i].key;
		if (!ofs__find_words(k, "findings of") && !ofs__find_words(k, "visit to"))
			continue;
		char *v = ofs__raw_after(d, i, 0, 2);
		if (!v)
			return OFS_ENOMEM;
		const char *on = strstr(v, "visit to");
		on = on ? strstr(on, " on ") : NULL;
		int ok = on && ofs__date_range_parse(on + 4, start, end);
		free(v);
		if (ok)
			break;
	}
	return OFS_OK;
}

/* Cut a lead inspector's name out of "Jane Smith, His Majesty's
 * Inspector" or "Jane Smith HMI". */
static char *clean_name(const char *v)
{
	static const char *const titles[] = {"senior hmi", "hmi", "her majesty s inspector",
		"his majesty s inspector", "ofsted inspector", "contracted inspector",
		"social care regulatory inspector", NULL};
	char *name = strdup(v), *comma;
	size_t n;
	if (!name)
		return NULL;
	if ((comma = strchr(name, ',')))
		*comma = '\0';
	if ((comma = strchr(name, '(')))
		*comma = '\0';
	/* Drop trailing titles, once each, as whole words. */
	for (int again = 1; again;) {
		again = 0;
		n = strlen(name);
		while (n && (name[n - 1] == ' ' || name[n - 1] == '.'))
			name[--n] = '\0';
		for (int t = 0; titles[t]; t++) {
			char *key = ofs__line_key(name);
			size_t kn, tn = strlen(titles[t]);
			if (!key) {
				free(name);
				return NULL;
			}
			kn = strlen(key);
			if (kn > tn && !strcmp(key + kn - tn, titles[t]) && key[kn - tn - 1] == ' ') {
				/* Cut the same number of words from the raw name. */
				int words = 1;
				for (const char *c = titles[t]; *c; c++)
					words += *c == ' ';
				for (; words > 0 && n; words--) {
					while (n && name[n - 1] != ' ')
						name[--n] = '\0';
					while (n && name[n - 1] == ' ')
						name[--n] = '\0';
				}
				again = 1;
			}
			free(key);
			if (again)
				break;
		}
	}
	/* A name: two to five words, beginning with a capital, no digits. */
	int words = name[0] ? 1 : 0;
	for (char *c = name; *c; c++) {
		if (isdigit((unsigned char)*c))
			words = 99;
		words += *c == ' ';
	}
	if (!isupper((unsigned char)name[0]) || words < 2 || words > 5) {
		free(name);
		return strdup("");
	}
	return name;
}

static ofs_status read_lead(const struct doc *d, char **out)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *k = d->lines[i].key;
		size_t words;
		if (ofs__starts_with(k, "lead inspector on site"))
			words = 4;
		else if (ofs__starts_with(k, "lead inspector") || ofs__starts_with(k, "reporting inspector"))
			words = 2;
		else if (ofs__starts_with(k, "lead inspectors"))
			words = 2;
		else
			continue;
		size_t off = value_offset(d->lines[i].s, words);
		const char *v = d->lines[i].s + off;
		if (!*v) {
			/* The name is on the next non-blank line. */
			size_t j = ofs__next_line(d, i + 1);
			if (j >= d->n)
				continue;
			v = d->lines[j].s;
		}
		char *name = clean_name(v);
		if (!name)
			return OFS_ENOMEM;
		if (name[0]) {
			*out = name;
			return OFS_OK;
		}
		free(name);
	}
	/* Letters are signed by the lead inspector. */
	for (size_t i = 0; i < d->n; i++) {
		if (!ofs__starts_with(d->lines[i].key, "yours sincerely"))
			continue;
		size_t j = ofs__next_line(d, i + 1);
		if (j >= d->n)
			break;
		char *name = clean_name(d->lines[j].s);
		if (!name)
			return OFS_ENOMEM;
		if (name[0]) {
			*out = name;
			return OFS_OK;
		}
		free(name);
		break;
	}
	return OFS_OK;
}

/* The authority a title names, from the part between "Inspection of" (or
 * "visit to") and "local authority" / "children's services". */
static const char *council_in_title(const char *title)
{
	static const char *const starts[] = {"inspection of ", "visit to ", NULL};
	static const char *const ends[] = {" local authority", " childrens services",
		" childrens social care", NULL};
	for (int s = 0; starts[s]; s++) {
		const char *p = strstr(title, starts[s]);
		if (!p)
			continue;
		p += strlen(starts[s]);
		const char *e = NULL;
		for (int t = 0; ends[t]; t++) {
			const char *q = strstr(p, ends[t]);
			if (q && (!e || q < e))
				e = q;
		}
		if (!e || e == p || e - p > 120)
			continue;
		char name[128];
		memcpy(name, p, (size_t)(e - p));
		name[e - p] = '\0';
		const char *c = ofs_council_canonical(name);
		if (!c)
			c = ofs__council_find(name);
		if (c)
			return c;
	}
	return NULL;
}

static ofs_status read_council(const struct doc *d, const char *title,
			       const char *title_block, int letter, const char **out)
{
	*out = council_in_title(title);
	if (*out || letter)
		return OFS_OK;
	/* A line (or two) of the title block that is a council's name. */
	for (size_t i = 0; i < d->title_end; i++) {
		if (!d->lines[i].key[0])
			continue;
		size_t j = ofs__next_line(d, i + 1);
		if (j < d->title_end) {
			char *two = ofs__join_raw(d, i, j + 1);
			if (!two)
				return OFS_ENOMEM;
			*out = ofs_council_canonical(two);
			free(two);
			if (*out)
				return OFS_OK;
		}
		if ((*out = ofs_council_canonical(d->lines[i].s)))
			return OFS_OK;
	}
	/* "Surrey Safeguarding Children Board": a name inside a line. */
	*out = ofs__council_find(title_block);
	return OFS_OK;
}

/* Whether a title line leaves its phrase open ("Inspection of the
 * London Borough of"), so that a council's name follows in it. */
static int ends_open(const char *key)
{
	size_t n = strlen(key);
	return (n >= 3 && !strcmp(key + n - 3, " of")) || (n >= 4 && !strcmp(key + n - 4, " the")) ||
	       !strcmp(key, "of");
}

/* The report's own title: the title block's lines from "Inspection of"
 * (or "Review of", "Focused visit to") on, up to the dates or a lone
 * "and" that joins a second title. */
static ofs_status read_title(const struct doc *d, char **out)
{
	static const char *const openers[] = {"inspection of", "re inspection of",
		"reinspection of", "review of", "focused visit to", "monitoring visit to",
		"joint targeted area inspection", NULL};
	size_t from = d->n, to, taken = 0, last;
	for (size_t i = 0; i < d->n && d->lines[i].page <= 1 && from == d->n; i++)
		for (int o = 0; openers[o]; o++)
			if (ofs__starts_with(d->lines[i].key, openers[o])) {
				from = i;
				break;
			}
	*out = NULL;
	if (from == d->n)
		return OFS_OK;
	last = from;
	for (to = from; to < d->n && taken < 3; to++) {
		const char *k = d->lines[to].key;
		if (!k[0])
			continue;
		if (to > from && (!strcmp(k, "and") || ofs__is_label_line(k) || d->lines[to].page > 1 ||
				  isdigit((unsigned char)k[0]) || ofs__find_words(k, "lead inspector") ||
				  ofs__starts_with(k, "this") || strchr(d->lines[to].s, '.') ||
				  (ofs_council_canonical(d->lines[to].s) && !ends_open(d->lines[last].key))))
			break;
		taken++;
		last = to;
	}
	*out = ofs__join_raw(d, from, to);
	if (!*out)
		return OFS_ENOMEM;
	/* A footnote mark glued to the last word ("Board1"). */
	size_t n = strlen(*out);
	while (n > 1 && isdigit((unsigned char)(*out)[n - 1]) && isalpha((unsigned char)(*out)[n - 2]))
		(*out)[--n] = '\0';
	if (n > 200)
		(*out)[ofs_utf8_cut(*out, 200)] = '\0';
	return OFS_OK;
}

static void apply_none_rules(ofs_report *r, const struct shape *sh, const struct grades *gr)
{
	ofs_grade *g = r->grades;
#define NONE_IF_UNSET(a) do { if (g[a] == OFS_GRADE_UNKNOWN) g[a] = OFS_GRADE_NONE; } while (0)
	switch (r->kind) {
	case OFS_KIND_ILACS_STANDARD:
	case OFS_KIND_ILACS_SHORT:
		NONE_IF_UNSET(OFS_AREA_ADOPTION);
		NONE_IF_UNSET(OFS_AREA_LSCB);
		if (gr->table && gr->g[OFS_AREA_OVERALL] == OFS_GRADE_UNKNOWN &&
		    r->inspection_start[0] && strcmp(r->inspection_start, NO_OVERALL_FROM) >= 0)
			NONE_IF_UNSET(OFS_AREA_OVERALL);
		break;
	case OFS_KIND_SIF:
		if (!sh->lscb_review)
			NONE_IF_UNSET(OFS_AREA_LSCB);
		if (sh->lscb_only)
			for (int a = OFS_AREA_OVERALL; a <= OFS_AREA_ADOPTION; a++)
				NONE_IF_UNSET(a);
		break;
	case OFS_KIND_PRE2013:
		NONE_IF_UNSET(OFS_AREA_OVERALL);
		NONE_IF_UNSET(OFS_AREA_LEADERS);
		NONE_IF_UNSET(OFS_AREA_CARE_LEAVERS);
		NONE_IF_UNSET(OFS_AREA_ADOPTION);
		NONE_IF_UNSET(OFS_AREA_LSCB);
		if (!sh->pre_safeguarding)
			NONE_IF_UNSET(OFS_AREA_HELP_PROTECTION);
		if (!sh->pre_looked_after)
			NONE_IF_UNSET(OFS_AREA_IN_CARE);
		break;
	default:
		if (sh->no_grades)
			for (int a = OFS_AREA_OVERALL; a <= OFS_AREA_LSCB; a++)
				NONE_IF_UNSET(a);
		break;
	}
#undef NONE_IF_UNSET
}

/* The date a file's name ends with, as Ofsted names the reports it
 * lists ("children's services inspection - 19 september 2019.pdf"): the
 * day it was published.  1 when there is one. */
static int listing_date(const char *path, ofs_date out)
{
	const char *base = strrchr(path, '/'), *dash;
	char name[256], *dot;
	ofs_date end;
	base = base ? base + 1 : path;
	if (!(dash = strrchr(base, '-')) || strlen(dash) >= sizeof name)
		return 0;
	snprintf(name, sizeof name, "%s", dash + 1);
	if ((dot = strrchr(name, '.')))
		*dot = '\0';
	return ofs__date_range_parse(name, out, end) == 1 && name[strspn(name, " ")] != '\0';
}

ofs_status ofs_meta_extract(ofs_report *r)
{
	struct doc d;
	struct shape sh;
	struct grades gr;
	char *title_key = NULL, *title = NULL, *lead = NULL;
	const char *council = NULL;
	ofs_date start = "", end = "", published = "";
	ofs_status rc;

	if (!r || !r->fulltext)
		return OFS_OK;
	if ((rc = ofs__doc_read(&d, r->fulltext)) != OFS_OK)
		return rc;
	memset(&gr, 0, sizeof gr);

	if (!(title_key = ofs__join_keys(&d, 0, d.title_end))) {
		rc = OFS_ENOMEM;
		goto done;
	}
	find_shape(&d, title_key, &sh);
	int letter = sh.kind == OFS_KIND_FOCUSED_VISIT || sh.no_grades;

	if ((rc = read_dates(&d, start, end, published)) != OFS_OK)
		goto done;
	if (letter && (rc = read_letter_dates(&d, start, end, published)) != OFS_OK)
		goto done;
	if (sh.kind == OFS_KIND_ILACS_STANDARD)
		sh.kind = ilacs_kind(&d, start, end);

	switch (sh.kind) {
	case OFS_KIND_ILACS_STANDARD:
	case OFS_KIND_ILACS_SHORT:
	case OFS_KIND_SIF:
		if ((rc = ofs__read_tables(&d, &gr)) != OFS_OK)
			goto done;
		if (sh.kind == OFS_KIND_SIF) {
			if (gr.g[OFS_AREA_OVERALL] == OFS_GRADE_UNKNOWN)
				gr.g[OFS_AREA_OVERALL] = ofs__sif_overall(&d);
			if (sh.lscb_review && (rc = ofs__sif_lscb(&d, &gr.g[OFS_AREA_LSCB])) != OFS_OK)
				goto done;
		}
		/* The joint judgement of ILACS before 2023 grades the
		 * experiences and progress of care leavers too. */
		if (gr.joint && gr.g[OFS_AREA_CARE_LEAVERS] == OFS_GRADE_UNKNOWN) {
			gr.g[OFS_AREA_CARE_LEAVERS] = gr.g[OFS_AREA_IN_CARE];
			r->joint_care = 1;
		}
		break;
	case OFS_KIND_PRE2013:
		ofs__pre2013_grades(&d, &gr);
		break;
	default:
		break;
	}

	if ((rc = read_title(&d, &title)) != OFS_OK)
		goto done;
	{
		char *tk = title ? ofs__line_key(title) : NULL;
		if (title && !tk) {
			rc = OFS_ENOMEM;
			goto done;
		}
		rc = read_council(&d, tk ? tk : "", title_key, letter, &council);
		free(tk);
		if (rc != OFS_OK)
			goto done;
	}
	if ((rc = read_lead(&d, &lead)) != OFS_OK)
		goto done;

	/* Store what was found, leaving alone whatever was set before. */
	if (!r->council && council && (rc = ofs_report_set_str(&r->council, council)) != OFS_OK)
		goto done;
	if (!r->lead_inspector && lead) {
		r->lead_inspector = lead;
		lead = NULL;
	}
	if (!r->title && title && title[0]) {
		/* Titles that do not name the authority ("Inspection of
		 * children's social care services") get its name in front. */
		if (council && ofs__council_find(title) != council &&
		    ofs_council_canonical(title) != council) {
			size_t n = strlen(council) + strlen(title) + 3;
			char *t = malloc(n);
			if (!t) {
				rc = OFS_ENOMEM;
				goto done;
			}
			snprintf(t, n, "%s: %s", council, title);
			free(title);
			title = t;
		}
		r->title = title;
		title = NULL;
	}
	if (r->kind == OFS_KIND_UNKNOWN)
		r->kind = sh.kind;
	if (!r->inspection_start[0] && !r->inspection_end[0]) {
		memcpy(r->inspection_start, start, sizeof start);
		memcpy(r->inspection_end, end, sizeof end);
	}
	if (!r->published[0] && published[0]) {
		memcpy(r->published, published, sizeof published);
		r->published_from = "report";
	}
	if (!r->published[0] && listing_date(r->path, r->published))
		r->published_from = "file name";
	for (int a = 0; a < OFS_AREA_COUNT; a++)
		if (r->grades[a] == OFS_GRADE_UNKNOWN)
			r->grades[a] = gr.g[a];
	apply_none_rules(r, &sh, &gr);
	if (r->default_area == OFS_AREA_UNKNOWN &&
	    (sh.kind == OFS_KIND_ILACS_STANDARD || sh.kind == OFS_KIND_ILACS_SHORT ||
	     sh.kind == OFS_KIND_SIF || sh.kind == OFS_KIND_PRE2013))
		r->default_area = OFS_AREA_OVERALL;
	rc = OFS_OK;
done:
	free(title_key);
	free(title);
	free(lead);
	ofs__doc_free(&d);
	return rc;
}
