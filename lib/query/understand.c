/*
 * understand.c: the council, grade and dates a plain-English query names
 * with its own words (understand.h), taken out of its words and given
 * back as filters.
 */
#include "query/understand.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/stopwords.h"
#include "base/util.h"
#include "extract/council.h"
#include "ofs/facets.h"

/* Words read per query: a question is a line, not a page. */
#define MAX_WORDS 64
/* The longest council name in words ("Bath and North East Somerset
 * Council") and grade phrase ("requires improvement to be good"). */
#define MAX_NAME_WORDS 7
#define MAX_GRADE_WORDS 5

typedef struct word {
	size_t b, e;   /* its bytes in the query */
	char key[48];  /* ofs_key form, possessive gone; "" for a word never
			* read (quoted, a field, +/-, an operator) */
	int cap;       /* written with a capital */
	int used;      /* read as (part of) a filter */
} word;

typedef struct words {
	word w[MAX_WORDS];
	size_t n;
} words;

static int is(const word *w, const char *key)
{
	return !strcmp(w->key, key);
}

static int any_of(const word *w, const char *const *keys)
{
	for (; *keys; keys++)
		if (is(w, *keys))
			return 1;
	return 0;
}

/* The query cut at spaces.  A word in quotes, with a field, a sign or a
 * bracket, or an operator, is kept as a barrier: nothing is read across
 * it. */
static void cut(const char *q, words *ws)
{
	int quoted = 0;
	ws->n = 0;
	for (size_t i = 0; q[i] && ws->n < MAX_WORDS;) {
		word *w = &ws->w[ws->n];
		size_t b, e, n;
		char tmp[48];
		int barrier;
		if (isspace((unsigned char)q[i])) {
			i++;
			continue;
		}
		b = i;
		barrier = quoted || q[i] == '+' || q[i] == '-';
		while (q[i] && !isspace((unsigned char)q[i])) {
			if (q[i] == '"')
				quoted ^= 1, barrier = 1;
			if (q[i] == ':' || q[i] == '(' || q[i] == ')' || q[i] == '*')
				barrier = 1;
			i++;
		}
		e = i;
		memset(w, 0, sizeof *w);
		w->b = b;
		w->e = e;
		w->cap = isupper((unsigned char)q[b]);
		ws->n++;
		n = e - b;
		if (barrier || n >= sizeof tmp || (n == 3 && !strncmp(q + b, "AND", 3)) ||
		    (n == 2 && !strncmp(q + b, "OR", 2)) || (n == 3 && !strncmp(q + b, "NOT", 3)))
			continue;
		memcpy(tmp, q + b, n);
		tmp[n] = '\0';
		/* "Somerset's", "councils'" */
		while (n && strchr(",.;?!", tmp[n - 1]))
			tmp[--n] = '\0';
		if (n > 2 && !strcmp(tmp + n - 2, "'s"))
			tmp[n -= 2] = '\0';
		else if (n > 1 && tmp[n - 1] == '\'')
			tmp[--n] = '\0';
		ofs_key_into(tmp, w->key, sizeof w->key, OFS_KEY_AMP_AND | OFS_KEY_DOT_JOINS);
	}
}

/* The keys of words i..i+n-1 joined by spaces into buf; 0 when one of
 * them is a barrier or already read. */
static int join(const words *ws, size_t i, size_t n, char *buf, size_t size)
{
	size_t len = 0;
	for (size_t k = i; k < i + n; k++) {
		const word *w = &ws->w[k];
		size_t m = strlen(w->key);
		if (!m || w->used || len + m + 2 > size)
			return 0;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->key, m + 1);
		len += m;
	}
	return 1;
}

static void use(words *ws, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		ws->w[k].used = 1;
}

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
static void read_councils(words *ws, ofs_reading *r, ofs_name_test own, void *ctx)
{
	static const char *const versus[] = {"vs", "v", "versus", "against", NULL};
	char buf[512];
	for (size_t i = 0; i < ws->n; i++)
		for (size_t n = ws->n - i < MAX_NAME_WORDS ? ws->n - i : MAX_NAME_WORDS; n; n--) {
			const char *name;
			size_t have;
			if (!join(ws, i, n, buf, sizeof buf) || !(name = ofs_council_canonical(buf)) ||
			    (n == 1 && !ws->w[i].cap && !(own && own(ctx, name, buf))))
				continue;
			have = strlen(r->council);
			if (!named(r->council, name) && have + strlen(name) + 2 < sizeof r->council)
				snprintf(r->council + have, sizeof r->council - have, "%s%s",
					 have ? ";" : "", name);
			use(ws, i, i + n);
			i += n - 1;
			break;
		}
	/* "Leeds vs Bradford": the word setting two councils side by side
	 * says which reports to search, not what to find in them ("VS" is
	 * also the reports' virtual school).  Only councils are read yet. */
	for (size_t i = 1; i + 1 < ws->n; i++)
		if (any_of(&ws->w[i], versus) && ws->w[i - 1].used && ws->w[i + 1].used)
			use(ws, i, i + 1);
}

/* How many words from i name councils in general ("councils", "local
 * authorities", "LAs"); 0 when they do not.  plural: only plurals count. */
static size_t council_noun(const words *ws, size_t i, int plural)
{
	static const char *const plurals[] = {"councils", "authorities", "las", NULL};
	static const char *const singulars[] = {"council", "authority", "la", NULL};
	size_t k = i;
	if (k < ws->n && is(&ws->w[k], "local"))
		k++;
	if (k < ws->n && !ws->w[k].used &&
	    (any_of(&ws->w[k], plurals) || (!plural && any_of(&ws->w[k], singulars))))
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
	       (any_of(&ws->w[k - 1], linking) || any_of(&ws->w[k - 1], verbs))) {
		verb |= any_of(&ws->w[k - 1], verbs);
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
		if (any_of(&ws->w[k], now_words))
			return 1;
	if (to < ws->n && !ws->w[to].used && any_of(&ws->w[to], now_words)) {
		use(ws, to, to + 1);
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
		if (from > at && !any_of(&ws->w[at], preps))
			return;
		for (size_t n = ws->n - from < MAX_NAME_WORDS ? ws->n - from : MAX_NAME_WORDS; n; n--) {
			ofs_area a;
			if (!join(ws, from, n, buf, sizeof buf))
				continue;
			a = ofs_area_parse(buf);
			if (a == OFS_AREA_UNKNOWN || a == OFS_AREA_OTHER)
				continue;
			use(ws, at, from + n);
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
	return any_of(w, top)	   ? OFS_GRADE_OUTSTANDING
	       : any_of(w, bottom) ? OFS_GRADE_INADEQUATE
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

	if (!join(ws, i, n, buf, sizeof buf))
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
static void read_grade(words *ws, ofs_reading *r, int now, int area)
{
	for (size_t i = 0; i < ws->n && !r->grade; i++)
		for (size_t n = ws->n - i < MAX_GRADE_WORDS ? ws->n - i : MAX_GRADE_WORDS; n; n--) {
			size_t from, to;
			ofs_grade g = grade_at(ws, i, n, &from, &to);
			if (g == OFS_GRADE_UNKNOWN)
				continue;
			use(ws, from, to);
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
static void read_dates(words *ws, ofs_reading *r)
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
			use(ws, i, i + 1);
			return;
		}
		if (!y)
			continue;
		if (i + 2 < ws->n && any_of(&ws->w[i + 1], to_words) && !ws->w[i + 1].used &&
		    (y2 = year_of(ws->w[i + 2].key)) && y2 >= y && !ws->w[i + 2].used)
			last = i + 3;
		else
			y2 = 0;
		if (prev && !prev->used && any_of(prev, date_words))
			first = i - 1;
		if (y2 && (first < i || !is(&ws->w[i + 1], "and"))) {
			set_years(r, y, y2);
		} else if (first == i || is(prev, "between")) {
			continue; /* a bare year; "between 2015" alone */
		} else {
			last = i + 1;
			if (is(prev, "since") || is(prev, "from"))
				set_years(r, y, 0);
			else if (is(prev, "after"))
				set_years(r, y + 1, 0);
			else if (is(prev, "before"))
				set_years(r, 0, y - 1);
			else if (is(prev, "until") || is(prev, "till"))
				set_years(r, 0, y);
			else
				set_years(r, y, y);
		}
		use(ws, first, last);
		return;
	}
}

/* The present, anywhere: "latest", "newest", "most recent". */
static void read_latest(words *ws, ofs_reading *r)
{
	for (size_t i = 0; i < ws->n; i++) {
		if (ws->w[i].used)
			continue;
		if (is(&ws->w[i], "latest") || is(&ws->w[i], "newest")) {
			use(ws, i, i + 1);
			r->latest = 1;
		} else if (is(&ws->w[i], "most") && i + 1 < ws->n && !ws->w[i + 1].used &&
			   (is(&ws->w[i + 1], "recent") || is(&ws->w[i + 1], "recently"))) {
			use(ws, i, i + 2);
			r->latest = 1;
		}
	}
}

/* A question about change over time: "changed", "improved", "got
 * better", "over time", or "change" in a question ("how did Leeds
 * change", not the reports' "capacity to change"). */
static void read_change(words *ws, ofs_reading *r)
{
	static const char *const verbs[] = {"changed", "improved", "deteriorated", "declined",
					    "progressed", "compare", "compared", NULL};
	static const char *const become[] = {"got", "getting", "gotten", "become", "became",
					     "becoming", NULL};
	static const char *const better[] = {"better", "worse", NULL};
	static const char *const asks[] = {"how", "did", "does", "has", "have", "what", NULL};
	for (size_t i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		if (w->used || !w->key[0])
			continue;
		if (any_of(w, verbs) || (is(w, "change") && any_of(&ws->w[0], asks))) {
			use(ws, i, i + 1);
			r->change = 1;
		} else if (i + 1 < ws->n && !ws->w[i + 1].used &&
			   ((any_of(w, become) && any_of(&ws->w[i + 1], better)) ||
			    (is(w, "over") && is(&ws->w[i + 1], "time")))) {
			use(ws, i, i + 2);
			r->change = 1;
		}
	}
}

/* With a council named, or a question about change or the present,
 * the words naming the reports themselves and their grades ("North
 * Somerset's report", "its latest judgements", "how is Leeds rated",
 * "Leeds Ofsted rating", "how is Leeds doing", "what happened in
 * Birmingham"), which every paragraph is part of. */
static void read_report_words(words *ws)
{
	static const char *const reports[] = {"report", "reports", "inspection", "inspections",
					      "judgement", "judgements", "judgment",
					      "judgments", "grade", "grades", "rating",
					      "ratings", "rated", "graded", "judged",
					      "ofsted", "doing", "happened", "happening",
					      "performing", NULL};
	for (size_t i = 0; i < ws->n; i++)
		if (!ws->w[i].used && any_of(&ws->w[i], reports))
			use(ws, i, i + 1);
}

/* "What did Ofsted say", "inspectors found": who is asked, not what
 * about (ofs_query_frame); never a subject. */
static void read_frame(words *ws)
{
	for (size_t i = 0; i + 1 < ws->n; i++)
		if (!ws->w[i].used && !ws->w[i + 1].used && ws->w[i].key[0] && ws->w[i + 1].key[0] &&
		    ofs_query_frame(ws->w[i].key, strlen(ws->w[i].key), ws->w[i + 1].key,
				    strlen(ws->w[i + 1].key)))
			use(ws, i, i + 2);
}

/* A bare year beside what was read of a council's reports ("Leeds 2018",
 * "Leeds Ofsted rating 2018", "2019 Leeds report"): the year of the
 * report asked for.  Elsewhere a bare year stays a word (read_dates()). */
static void read_report_year(words *ws, ofs_reading *r)
{
	for (size_t i = 0; i < ws->n && !r->from[0] && !r->to[0]; i++) {
		int y = ws->w[i].used ? 0 : year_of(ws->w[i].key);
		if (y && ((i > 0 && ws->w[i - 1].used) || (i + 1 < ws->n && ws->w[i + 1].used))) {
			set_years(r, y, y);
			use(ws, i, i + 1);
		}
	}
}

/* Whether word w, not read, counts for a question's subject: not a
 * stopword or a question word ("how", "has"); a barrier (a quoted or
 * signed word, a field) always does. */
static int counts(const word *w)
{
	return !w->used && (!w->key[0] || (!ofs_stopword(w->key, strlen(w->key)) &&
					   !ofs_query_filler(w->key, strlen(w->key))));
}

/* "Is Durham outstanding?", "is Leeds still good", "how is Leeds doing
 * now": a council read and a grade, or the present, with nothing else
 * to find ask for the council's grades: the words are read, so that its
 * reports are listed, not searched for the word; "still" and "now" ask
 * for its newest (latest). */
static void read_grade_question(words *ws, ofs_reading *r, int latest)
{
	static const char *const still[] = {"still", "now", "currently", "presently", NULL};
	char buf[256];
	size_t len = 0;
	int present = 0;
	ofs_grade g;

	for (size_t i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		size_t m = strlen(w->key);
		if (!counts(w))
			continue;
		if (!m || len + m + 2 > sizeof buf)
			return;
		if (any_of(w, still)) {
			present = 1;
			continue;
		}
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->key, m + 1);
		len += m;
	}
	if (len ? (g = ofs_grade_parse(buf)) == OFS_GRADE_UNKNOWN || g == OFS_GRADE_NONE
		: !present)
		return;
	for (size_t i = 0; i < ws->n; i++)
		if (counts(&ws->w[i]))
			use(ws, i, i + 1);
	r->latest |= latest && present;
}

/* The words of query not read, from the first that counts to the last,
 * one space apart, without the last one's closing punctuation ("front
 * door?"); NULL for none.  Errors: OFS_ENOMEM. */
static ofs_status subject_of(const char *query, const words *ws, char **out)
{
	ofs_sbuf b = {0};
	size_t first = 0, last = ws->n, end;
	*out = NULL;
	while (first < ws->n && !counts(&ws->w[first]))
		first++;
	while (last > first && !counts(&ws->w[last - 1]))
		last--;
	if (first == last)
		return OFS_OK;
	for (size_t i = first; i < last; i++) {
		if (ws->w[i].used)
			continue;
		end = ws->w[i].e;
		if (i + 1 == last && ws->w[i].key[0])
			while (end > ws->w[i].b && strchr(",.;:?!", query[end - 1]))
				end--;
		if (b.len)
			ofs_sbuf_add(&b, " ", 1);
		ofs_sbuf_add(&b, query + ws->w[i].b, end - ws->w[i].b);
	}
	if (b.oom) {
		free(b.s);
		return OFS_ENOMEM;
	}
	*out = b.s;
	return OFS_OK;
}

/* Whether query has field (e.g. "council:") at the start of a word. */
static int has_field(const char *query, const char *field)
{
	size_t n = strlen(field);
	for (const char *p = query; (p = strstr(p, field)); p += n)
		if (p == query || isspace((unsigned char)p[-1]) || p[-1] == '(' || p[-1] == '+' ||
		    p[-1] == '-')
			return 1;
	return 0;
}

ofs_status ofs_understand(const char *query, unsigned which, ofs_name_test own, void *ctx,
			  ofs_reading *r)
{
	words *ws = malloc(sizeof *ws);
	ofs_sbuf out = {0};
	size_t at = 0;
	int read;

	memset(r, 0, sizeof *r);
	if (!ws)
		return OFS_ENOMEM;
	/* A filter the query writes as a field is the user's word on it. */
	if (has_field(query, "council:"))
		which &= ~(unsigned)OFS_READ_COUNCIL;
	if (has_field(query, "grade:"))
		which &= ~(unsigned)OFS_READ_GRADE;
	if (has_field(query, "year:"))
		which &= ~(unsigned)OFS_READ_DATES;
	cut(query, ws);
	if (which & OFS_READ_COUNCIL)
		read_councils(ws, r, own, ctx);
	if (which & OFS_READ_GRADE)
		read_grade(ws, r, !!(which & OFS_READ_LATEST), !!(which & OFS_READ_AREA));
	if (which & OFS_READ_LATEST)
		read_latest(ws, r);
	if (which & OFS_READ_DATES)
		read_dates(ws, r);
	if ((which & OFS_READ_CHANGE) && (r->council[0] || !(which & OFS_READ_COUNCIL)))
		read_change(ws, r);
	read_frame(ws);
	if (r->council[0] || r->change || r->latest)
		read_report_words(ws);
	if ((which & OFS_READ_DATES) && r->council[0])
		read_report_year(ws, r);
	if ((which & OFS_READ_GRADE) && r->council[0] && !r->grade)
		read_grade_question(ws, r, !!(which & OFS_READ_LATEST));
	read = r->council[0] || r->grade || r->area || r->from[0] || r->to[0] || r->change ||
	       r->latest;
	if (read && subject_of(query, ws, &r->subject) != OFS_OK) {
		free(ws);
		return OFS_ENOMEM;
	}
	for (size_t i = 0; read && i < ws->n; i++)
		if (ws->w[i].used) {
			ofs_sbuf_add(&out, query + at, ws->w[i].b - at);
			ofs_sbuf_add(&out, " ", 1);
			at = ws->w[i].e;
		}
	free(ws);
	if (!read)
		return OFS_OK;
	ofs_sbuf_add(&out, query + at, strlen(query + at));
	if (out.oom) {
		free(out.s);
		return OFS_ENOMEM;
	}
	r->text = out.s ? out.s : strdup("");
	return r->text ? OFS_OK : OFS_ENOMEM;
}
