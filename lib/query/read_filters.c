/*
 * read_filters.c: the councils, grades, judgement areas and years a
 * query names in its own words (read_words.h, understand.h).
 */
#include "query/read_words.h"

#include <stdio.h>
#include <stdlib.h>

#include "extract/council.h"
#include "ofs/facets.h"

/* The longest council name in words ("Bath and North East Somerset
 * Council") and grade phrase ("requires improvement to be good"). */
#define MAX_NAME_WORDS 7
#define MAX_GRADE_WORDS 5

/* Whether list ("A;B") has name as one of its names. */
static int named(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ';') && (p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

/* Councils: the longest name at each place.  One word only when written
 * as a name ("Leeds", "BCP"), or when own says that word in lower case
 * is the council's: it may be a word ("reading"). */
void ofs__read_councils(words *ws, ofs_reading *r, ofs_name_test own, void *ctx)
{
	static const char *const versus[] = {"vs", "v", "versus", "against", NULL};
	char buf[512];
	for (size_t i = 0; i < ws->n; i++)
		for (size_t n = ws->n - i < MAX_NAME_WORDS ? ws->n - i : MAX_NAME_WORDS; n; n--) {
			const char *name;
			size_t have;
			if (!ofs__words_join(ws, i, n, buf, sizeof buf) || !(name = ofs_council_canonical(buf)) ||
			    (n == 1 && !ws->w[i].cap && !(own && own(ctx, name, buf))))
				continue;
			have = strlen(r->council);
			if (!named(r->council, name) && have + strlen(name) + 2 < sizeof r->council)
				snprintf(r->council + have, sizeof r->council - have, "%s%s",
					 have ? ";" : "", name);
			ofs__words_use(ws, i, i + n);
			i += n - 1;
			break;
		}
	/* "Leeds vs Bradford": the word setting two councils side by side
	 * says which reports to search, not what to find in them ("VS" is
	 * also the reports' virtual school).  Only councils are read yet. */
	for (size_t i = 1; i + 1 < ws->n; i++)
		if (word_any_of(&ws->w[i], versus) && ws->w[i - 1].used && ws->w[i + 1].used)
			ofs__words_use(ws, i, i + 1);
}

/* How many words from i name councils in general ("councils", "local
 * authorities", "LAs"); 0 when they do not.  plural: only plurals count. */
static size_t council_noun(const words *ws, size_t i, int plural)
{
	static const char *const plurals[] = {"councils", "authorities", "las", NULL};
	static const char *const singulars[] = {"council", "authority", "la", NULL};
	size_t k = i;
	if (k < ws->n && word_is(&ws->w[k], "local"))
		k++;
	if (k < ws->n && !ws->w[k].used &&
	    (word_any_of(&ws->w[k], plurals) || (!plural && word_any_of(&ws->w[k], singulars))))
		return k + 1 - i;
	return 0;
}

/* Where a council noun ends just before i, across the words that say how
 * it was judged ("councils that were judged to be", "authorities rated
 * as"): its first word, or i when there is none.  A judging verb is
 * needed unless the grade says so by itself ("councils requiring
 * improvement", "councils that are inadequate"; but "councils are good
 * at listening" is no grade). */
static size_t judged_before(const words *ws, size_t i, int grade_alone)
{
	static const char *const linking[] = {"that", "which", "who", "are", "were", "was", "is",
					      "been", "being", "have", "has", "as", "to", "be",
					      "now", "currently", "presently", NULL};
	static const char *const verbs[] = {"rated", "judged", "graded", "found", "deemed",
					    "assessed", "considered", NULL};
	int verb = 0;
	size_t k = i;
	while (k > 0 && i - k < 6 && !ws->w[k - 1].used &&
	       (word_any_of(&ws->w[k - 1], linking) || word_any_of(&ws->w[k - 1], verbs))) {
		verb |= word_any_of(&ws->w[k - 1], verbs);
		k--;
	}
	if (!verb && !grade_alone)
		return i;
	/* the noun: "councils", or "local authorities" */
	for (size_t start = k >= 2 ? k - 2 : 0; start < k; start++)
		if (council_noun(ws, start, 0) == k - start)
			return start;
	return i;
}

static const char *const now_words[] = {"now", "currently", "presently", NULL};

/* Whether words from..to-1, read as a grade, say it is the present one
 * ("councils that are now inadequate"), or the word after them does
 * ("inadequate councils now"); that word is then read too. */
static int grade_now(words *ws, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (word_any_of(&ws->w[k], now_words))
			return 1;
	if (to < ws->n && !ws->w[to].used && word_any_of(&ws->w[to], now_words)) {
		ofs__words_use(ws, to, to + 1);
		return 1;
	}
	return 0;
}

/* The judgement area a grade read is for, just after its words (at):
 * "inadequate for children in care", "judged good for adoption",
 * "inadequate overall".  Alone, an area's name is a subject ("care
 * leavers accommodation"), not a filter. */
static void read_area(words *ws, ofs_reading *r, size_t at)
{
	static const char *const preps[] = {"for", "in", "on", "at", NULL};
	char buf[256];
	while (at < ws->n && ws->w[at].used)
		at++;
	for (size_t from = at; from < ws->n && from <= at + 1; from++) {
		if (from > at && !word_any_of(&ws->w[at], preps))
			return;
		for (size_t n = ws->n - from < MAX_NAME_WORDS ? ws->n - from : MAX_NAME_WORDS; n; n--) {
			ofs_area a;
			if (!ofs__words_join(ws, from, n, buf, sizeof buf))
				continue;
			a = ofs_area_parse(buf);
			if (a == OFS_AREA_UNKNOWN || a == OFS_AREA_OTHER)
				continue;
			ofs__words_use(ws, at, from + n);
			r->area = ofs_area_name(a);
			return;
		}
	}
}

/* The top and bottom of Ofsted's scale in everyday words ("the best
 * councils for adoption", "the worst councils"); OFS_GRADE_UNKNOWN for
 * other words.  Read only before a word for councils: "councils failing
 * to spot abuse" is about what they fail at. */
static ofs_grade superlative(const word *w)
{
	static const char *const top[] = {"best", "strongest", "top", NULL};
	static const char *const bottom[] = {"worst", "weakest", "poorest", "failing", NULL};
	return word_any_of(w, top)	   ? OFS_GRADE_OUTSTANDING
	       : word_any_of(w, bottom) ? OFS_GRADE_INADEQUATE
				   : OFS_GRADE_UNKNOWN;
}

/* Where the words from i, n of them, read as a grade, stand beside a
 * word for councils ("inadequate councils", "RI local authorities",
 * "councils judged outstanding", "the worst councils"): the grade, and
 * the first and last + 1 of the words read; OFS_GRADE_UNKNOWN when they
 * do not. */
static ofs_grade grade_at(const words *ws, size_t i, size_t n, size_t *from, size_t *to)
{
	char buf[256];
	ofs_grade g;
	size_t noun;
	int plain;

	if (!ofs__words_join(ws, i, n, buf, sizeof buf))
		return OFS_GRADE_UNKNOWN;
	g = ofs_grade_parse(buf);
	if (g == OFS_GRADE_UNKNOWN && n == 1 && (g = superlative(&ws->w[i])) != OFS_GRADE_UNKNOWN) {
		if (!(noun = council_noun(ws, i + 1, 0)))
			return OFS_GRADE_UNKNOWN;
		*from = i, *to = i + 1 + noun;
		return g;
	}
	if (g == OFS_GRADE_UNKNOWN || g == OFS_GRADE_NONE)
		return OFS_GRADE_UNKNOWN;
	/* "good" and "adequate" are everyday words: "good council practice"
	 * is about practice. */
	plain = g == OFS_GRADE_GOOD || g == OFS_GRADE_ADEQUATE;
	if ((noun = council_noun(ws, i + n, plain))) {
		*from = i, *to = i + n + noun;
		return g;
	}
	if ((*from = judged_before(ws, i, !plain)) < i) {
		*to = i + n;
		return g;
	}
	return OFS_GRADE_UNKNOWN;
}

/* The first grade beside a word for councils (grade_at()); with it, now,
 * the present (grade_now()) and, area, the area it is for
 * (read_area()). */
void ofs__read_grade(words *ws, ofs_reading *r, int now, int area)
{
	for (size_t i = 0; i < ws->n && !r->grade; i++)
		for (size_t n = ws->n - i < MAX_GRADE_WORDS ? ws->n - i : MAX_GRADE_WORDS; n; n--) {
			size_t from, to;
			ofs_grade g = grade_at(ws, i, n, &from, &to);
			if (g == OFS_GRADE_UNKNOWN)
				continue;
			ofs__words_use(ws, from, to);
			r->latest |= now && grade_now(ws, from, to);
			r->grade = ofs_grade_name(g);
			if (area)
				read_area(ws, r, to);
			break;
		}
}

static int year_of(const char *key)
{
	int y;
	if (strlen(key) != 4 || strspn(key, "0123456789") != 4)
		return 0;
	y = atoi(key);
	return y >= 1990 && y <= 2099 ? y : 0;
}

/* "2015-2018" (key "2015 2018"): 1 with its years in *a <= *b. */
static int range_of(const char *key, int *a, int *b)
{
	char first[5];
	if (strlen(key) != 9 || key[4] != ' ')
		return 0;
	memcpy(first, key, 4);
	first[4] = '\0';
	*a = year_of(first);
	*b = year_of(key + 5);
	return *a && *b && *a <= *b;
}

static void set_years(ofs_reading *r, int from, int to)
{
	if (from)
		snprintf(r->from, sizeof r->from, "%04u", (unsigned)from % 10000u);
	if (to)
		snprintf(r->to, sizeof r->to, "%04u", (unsigned)to % 10000u);
}

/* The first span of years a query names with its words ("since 2017",
 * "before 2018", "in 2019", "between 2015 and 2018", "2015 to 2018",
 * "2015-2018").  A bare year stays a word: "Working Together 2018" is a
 * document's name. */
void ofs__read_dates(words *ws, ofs_reading *r)
{
	static const char *const to_words[] = {"to", "until", "till", "and", NULL};
	static const char *const date_words[] = {"since", "from", "after", "before", "until",
						 "till", "in", "during", "between", NULL};
	for (size_t i = 0; i < ws->n; i++) {
		word *w = &ws->w[i], *prev = i ? &ws->w[i - 1] : NULL;
		int y = year_of(w->key), y2 = 0, a, b;
		size_t first = i, last = i + 1;
		if (w->used)
			continue;
		if (!y && range_of(w->key, &a, &b)) {
			set_years(r, a, b);
			ofs__words_use(ws, i, i + 1);
			return;
		}
		if (!y)
			continue;
		if (i + 2 < ws->n && word_any_of(&ws->w[i + 1], to_words) && !ws->w[i + 1].used &&
		    (y2 = year_of(ws->w[i + 2].key)) && y2 >= y && !ws->w[i + 2].used)
			last = i + 3;
		else
			y2 = 0;
		if (prev && !prev->used && word_any_of(prev, date_words))
			first = i - 1;
		if (y2 && (first < i || !word_is(&ws->w[i + 1], "and"))) {
			set_years(r, y, y2);
		} else if (first == i || word_is(prev, "between")) {
			continue; /* a bare year; "between 2015" alone */
		} else {
			last = i + 1;
			if (word_is(prev, "since") || word_is(prev, "from"))
				set_years(r, y, 0);
			else if (word_is(prev, "after"))
				set_years(r, y + 1, 0);
			else if (word_is(prev, "before"))
				set_years(r, 0, y - 1);
			else if (word_is(prev, "until") || word_is(prev, "till"))
				set_years(r, 0, y);
			else
				set_years(r, y, y);
		}
		ofs__words_use(ws, first, last);
		return;
	}
}

/* A bare year beside what was read of a council's reports ("Leeds 2018",
 * "Leeds Ofsted rating 2018", "2019 Leeds report"): the year of the
 * report asked for.  Elsewhere a bare year stays a word (ofs__read_dates()). */
void ofs__read_report_year(words *ws, ofs_reading *r)
{
	for (size_t i = 0; i < ws->n && !r->from[0] && !r->to[0]; i++) {
		int y = ws->w[i].used ? 0 : year_of(ws->w[i].key);
		if (y && ((i > 0 && ws->w[i - 1].used) || (i + 1 < ws->n && ws->w[i + 1].used))) {
			set_years(r, y, y);
			ofs__words_use(ws, i, i + 1);
		}
	}
}
