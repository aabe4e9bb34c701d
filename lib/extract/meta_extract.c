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

#include "extract/council.h"
#include "extract/dates.h"

/* How many non-blank lines of page 1 can hold the title block. */
#define TITLE_LINES 25
/* The pages that hold the judgement table and headline sentences. */
#define HEAD_PAGES 3
/* Short inspections are one week on site, standard ones two. */
#define SHORT_MAX_DAYS 7
/* Reports of inspections from this date make no overall judgement. */
#define NO_OVERALL_FROM "2026-04-01"

struct line {
	const char *s;   /* raw text, trimmed, NUL-terminated */
	char *key;       /* see the top of the file; "" for a blank line */
	int page;        /* 1-based */
};

struct doc {
	char *buf;            /* copy of the full text, cut into lines */
	struct line *lines;
	size_t n;
	size_t title_end;     /* lines [0, title_end) are the title block */
	char *head;           /* keys of the first HEAD_PAGES pages joined */
	char *all;            /* keys of every line joined */
};

/* ---- keys and lines ---- */

static char *make_key(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *key = malloc(n + 1);
	int gap = 0;
	if (!key)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p)) {
			if (gap && k)
				key[k++] = ' ';
			key[k++] = (char)tolower(*p);
			gap = 0;
		} else if (*p == '\'') {
			continue;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			/* A typographic apostrophe in text not yet normalised. */
			p += 2;
		} else {
			gap = 1;
		}
	}
	key[k] = '\0';
	return key;
}

static int starts_with(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(key, prefix, n) && (key[n] == ' ' || key[n] == '\0');
}

/* Whether key contains phrase as whole words; returns the offset + 1. */
static size_t find_words(const char *key, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = key; (p = strstr(p, phrase)); p++)
		if ((p == key || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return (size_t)(p - key) + 1;
	return 0;
}

static char *join_keys(const struct doc *d, size_t from, size_t to)
{
	size_t len = 1;
	char *out, *w;
	for (size_t i = from; i < to; i++)
		len += strlen(d->lines[i].key) + 1;
	if (!(out = malloc(len)))
		return NULL;
	w = out;
	for (size_t i = from; i < to; i++) {
		size_t m = strlen(d->lines[i].key);
		if (!m)
			continue;
		if (w != out)
			*w++ = ' ';
		memcpy(w, d->lines[i].key, m);
		w += m;
	}
	*w = '\0';
	return out;
}

/* The next non-blank line at or after i, or d->n. */
static size_t next_line(const struct doc *d, size_t i)
{
	while (i < d->n && !d->lines[i].key[0])
		i++;
	return i;
}

static int is_label_line(const char *key)
{
	return starts_with(key, "inspection date") || starts_with(key, "inspection dates") ||
	       starts_with(key, "dates of inspection") || starts_with(key, "date of inspection");
}

static void doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].key);
	free(d->lines);
	free(d->buf);
	free(d->head);
	free(d->all);
}

static ofs_status doc_load(struct doc *d, const char *text)
{
	size_t cap = 256, head_end = 0, seen = 0;
	int page = 1;
	char *p;

	memset(d, 0, sizeof *d);
	if (!(d->buf = strdup(text)) || !(d->lines = malloc(cap * sizeof *d->lines)))
		goto nomem;
	p = d->buf;
	for (;;) {
		size_t len = strcspn(p, "\n\f");
		char end = p[len], *s = p, *e = p + len;
		p[len] = '\0';
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		if (d->n == cap) {
			struct line *nl = realloc(d->lines, 2 * cap * sizeof *nl);
			if (!nl)
				goto nomem;
			d->lines = nl;
			cap *= 2;
		}
		d->lines[d->n].s = s;
		d->lines[d->n].page = page;
		if (!(d->lines[d->n].key = make_key(s)))
			goto nomem;
		d->n++;
		if (end == '\0')
			break;
		if (end == '\f')
			page++;
		p += len + 1;
	}

	/* The title block ends at the inspection dates, and in any case
	 * within page 1's first lines. */
	d->title_end = d->n;
	for (size_t i = 0; i < d->n; i++) {
		const char *k = d->lines[i].key;
		if (!k[0])
			continue;
		if (is_label_line(k) || ++seen > TITLE_LINES || d->lines[i].page > 1) {
			d->title_end = i;
			break;
		}
	}
	while (head_end < d->n && d->lines[head_end].page <= HEAD_PAGES)
		head_end++;
	if (!(d->head = join_keys(d, 0, head_end)) || !(d->all = join_keys(d, 0, d->n)))
		goto nomem;
	return OFS_OK;
nomem:
	doc_free(d);
	return OFS_ENOMEM;
}

/* The raw text of lines [from, to) joined by single spaces (caller
 * frees). */
static char *join_raw(const struct doc *d, size_t from, size_t to)
{
	size_t len = 1;
	char *out, *w;
	for (size_t i = from; i < to; i++)
		len += strlen(d->lines[i].s) + 1;
	if (!(out = malloc(len)))
		return NULL;
	w = out;
	for (size_t i = from; i < to; i++) {
		size_t m = strlen(d->lines[i].s);
		if (!m)
			continue;
		if (w != out)
			*w++ = ' ';
		memcpy(w, d->lines[i].s, m);
		w += m;
	}
	*w = '\0';
	/* Squeeze runs of spaces that PDF text leaves inside lines. */
	for (char *r = out, *q = out;; r++) {
		if (*r == ' ' && q > out && q[-1] == ' ')
			continue;
		*q++ = *r;
		if (!*r)
			break;
	}
	return out;
}

/* Raw text from line i (from offset off) through the next few non-blank
 * lines, for values that wrap onto the next line (caller frees). */
static char *raw_after(const struct doc *d, size_t i, size_t off, int extra)
{
	size_t end = i + 1;
	for (int k = 0; k < extra && end < d->n; k++)
		end = next_line(d, end) + 1;
	if (end > d->n)
		end = d->n;
	char *rest = join_raw(d, i + 1, end);
	if (!rest)
		return NULL;
	if (off > strlen(d->lines[i].s))
		off = strlen(d->lines[i].s);
	const char *first = d->lines[i].s + off;
	size_t n1 = strlen(first), n2 = strlen(rest);
	char *all = malloc(n1 + n2 + 2);
	if (all) {
		memcpy(all, first, n1);
		all[n1] = ' ';
		memcpy(all + n1 + 1, rest, n2 + 1);
	}
	free(rest);
	return all;
}

/* ---- grades ---- */

static const struct {
	const char *phrase;
	ofs_grade grade;
} grade_words[] = {
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

/* The grade phrase that key starts with (as whole words); its length in
 * *len. */
static ofs_grade grade_at(const char *key, size_t *len)
{
	for (int i = 0; grade_words[i].phrase; i++)
		if (starts_with(key, grade_words[i].phrase)) {
			if (len)
				*len = strlen(grade_words[i].phrase);
			return ofs_grade_parse(grade_words[i].phrase);
		}
	return OFS_GRADE_UNKNOWN;
}

/*
 * Row labels of the judgement tables of ILACS (2018-) and of the single
 * inspection framework (2013-2018), most specific first.  The joint
 * judgement of ILACS before 2023 is marked so that both areas get it.
 */
static const struct table_label {
	const char *phrase;
	ofs_area area;
	int joint;
} table_labels[] = {
	{"children in care and care leavers", OFS_AREA_IN_CARE, 1},
	{"children looked after and achieving permanence", OFS_AREA_IN_CARE, 0},
	{"impact of leaders", OFS_AREA_LEADERS, 0},
	{"leadership management and governance", OFS_AREA_LEADERS, 0},
	{"help and protection", OFS_AREA_HELP_PROTECTION, 0},
	{"children in care", OFS_AREA_IN_CARE, 0},
	{"adoption performance", OFS_AREA_ADOPTION, 0},
	{"care leavers", OFS_AREA_CARE_LEAVERS, 0},
	{"overall effectiveness", OFS_AREA_OVERALL, 0},
	{"safeguarding children board", OFS_AREA_LSCB, 0},
	{NULL, 0, 0},
};

/* Words a table line may hold besides those of the labels and grades. */
static const char *const table_extra_words =
	" the of and judgement judgements grade grades experiences progress who need"
	" on social work practice with families to be summary local lscb ";

static int table_word(const char *w, size_t n)
{
	char word[40];
	if (n == 0 || n >= sizeof word - 2)
		return 0;
	if (isdigit((unsigned char)w[0]))
		return 1; /* row numbers ("2.1") and page numbers */
	word[0] = ' ';
	memcpy(word + 1, w, n);
	word[n + 1] = ' ';
	word[n + 2] = '\0';
	if (strstr(table_extra_words, word))
		return 1;
	for (int i = 0; table_labels[i].phrase; i++) {
		char ph[96];
		snprintf(ph, sizeof ph, " %s ", table_labels[i].phrase);
		if (strstr(ph, word))
			return 1;
	}
	for (int i = 0; grade_words[i].phrase; i++) {
		char ph[96];
		snprintf(ph, sizeof ph, " %s ", grade_words[i].phrase);
		if (strstr(ph, word))
			return 1;
	}
	return 0;
}

/* Whether every word of key can belong to a judgement table. */
static int table_line(const char *key)
{
	const char *p = key;
	while (*p) {
		size_t n = strcspn(p, " ");
		if (!table_word(p, n))
			return 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 1;
}

struct grades {
	ofs_grade g[OFS_AREA_COUNT];
	int joint;        /* the ILACS joint in-care/care-leavers judgement */
	int table;        /* a judgement table was read */
};

/* Pair the labels and grades of one run of table lines, first come,
 * first served. */
static void read_table_run(const char *run, struct grades *out)
{
	const struct table_label *pending[16];
	size_t npend = 0, head = 0;
	const char *p = run;
	int any = 0;

	while (*p) {
		size_t len = 0;
		ofs_grade g = grade_at(p, &len);
		if (g != OFS_GRADE_UNKNOWN) {
			if (head < npend) {
				const struct table_label *l = pending[head++];
				if (out->g[l->area] == OFS_GRADE_UNKNOWN) {
					out->g[l->area] = g;
					if (l->joint)
						out->joint = 1;
				}
				any = 1;
			}
		} else {
			for (int i = 0; table_labels[i].phrase; i++)
				if (starts_with(p, table_labels[i].phrase)) {
					len = strlen(table_labels[i].phrase);
					if (npend < sizeof pending / sizeof *pending)
						pending[npend++] = &table_labels[i];
					break;
				}
		}
		if (!len)
			len = strcspn(p, " ");
		p += len;
		while (*p == ' ')
			p++;
	}
	if (any)
		out->table = 1;
}

static ofs_status read_tables(const struct doc *d, struct grades *out)
{
	size_t start = d->n;
	for (size_t i = 0; i <= d->n; i++) {
		int end = i == d->n || d->lines[i].page > HEAD_PAGES;
		if (!end) {
			const char *k = d->lines[i].key;
			if (!k[0])
				continue;
			if (table_line(k)) {
				if (start == d->n)
					start = i;
				continue;
			}
		}
		if (start != d->n) {
			char *run = join_keys(d, start, i);
			if (!run)
				return OFS_ENOMEM;
			read_table_run(run, out);
			free(run);
			start = d->n;
		}
		if (end)
			break;
	}
	return OFS_OK;
}

/*
 * The first grade phrase within max words after key + off, as in
 * "Children's services in the London Borough of Hackney are good".  A
 * word that takes the sentence elsewhere ("not", "was", "has") ends the
 * search, so "is not yet good" and "was inadequate in 2013" give nothing.
 */
static ofs_grade grade_after(const char *key, size_t off, int max)
{
	static const char *const stops[] = {"not", "was", "were", "has", "have", "had", "if",
		"been", "previously", "judged", "found", "because", NULL};
	const char *p = key + off;
	for (int w = 0; w < max && *p; w++) {
		ofs_grade g;
		while (*p == ' ')
			p++;
		if ((g = grade_at(p, NULL)) != OFS_GRADE_UNKNOWN)
			return g;
		for (int i = 0; stops[i]; i++)
			if (starts_with(p, stops[i]))
				return OFS_GRADE_UNKNOWN;
		p += strcspn(p, " ");
	}
	return OFS_GRADE_UNKNOWN;
}

/* SIF: "Children's services in Norfolk are inadequate", "Children's
 * services on the Isles of Scilly are good", and in the first reports
 * of 2013-2014 "The overall judgement is requires improvement". */
static ofs_grade sif_overall(const struct doc *d)
{
	static const char *const openers[] = {"childrens services in", "childrens services on",
		"the overall judgement is", NULL};
	for (int o = 0; openers[o]; o++) {
		size_t len = strlen(openers[o]), at = find_words(d->head, openers[o]);
		while (at) {
			ofs_grade g = grade_after(d->head, at - 1 + len, 10);
			if (g != OFS_GRADE_UNKNOWN)
				return g;
			size_t next = find_words(d->head + at, openers[o]);
			at = next ? at + next : 0;
		}
	}
	return OFS_GRADE_UNKNOWN;
}

/* SIF: "The Local Safeguarding Children Board (LSCB) is good", "The
 * effectiveness of the Local Safeguarding Children Board requires
 * improvement", a sentence of its own at the start of a line. */
static ofs_status sif_lscb(const struct doc *d, ofs_grade *out)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t j, at;
		char *group;
		if (!starts_with(d->lines[i].key, "the"))
			continue;
		/* The sentence may wrap inside the board's name. */
		j = next_line(d, i + 1);
		group = join_keys(d, i, j < d->n ? j + 1 : d->n);
		if (!group)
			return OFS_ENOMEM;
		at = find_words(group, "safeguarding children board");
		if (at && at <= 70)
			*out = grade_after(group, at - 1 + strlen("safeguarding children board"), 8);
		free(group);
		if (*out != OFS_GRADE_UNKNOWN)
			break;
	}
	return OFS_OK;
}

/* The grade a line gives as "Grade 3 (adequate)" or "Grade 3": the
 * pre-2013 four-point scale. */
static ofs_grade numbered_grade(const char *key)
{
	static const ofs_grade scale[] = {OFS_GRADE_UNKNOWN, OFS_GRADE_OUTSTANDING,
		OFS_GRADE_GOOD, OFS_GRADE_ADEQUATE, OFS_GRADE_INADEQUATE};
	if (!starts_with(key, "grade") || key[5] != ' ' || key[6] < '1' || key[6] > '4' ||
	    (key[7] && key[7] != ' '))
		return OFS_GRADE_UNKNOWN;
	if (key[7] == ' ') {
		ofs_grade g = grade_at(key + 8, NULL);
		if (g != OFS_GRADE_UNKNOWN)
			return g;
	}
	return scale[key[6] - '0'];
}

/*
 * Before 2013: the "Record of main findings" lists, under "Safeguarding
 * services" and "Services for looked after children", an "Overall
 * effectiveness" row each.  Failing that, the section "Overall
 * effectiveness of services for looked after children" opens with
 * "Grade 4 (inadequate)".
 */
static void pre2013_grades(const struct doc *d, struct grades *out)
{
	size_t rec = d->n;
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->lines[i].key, "record of main findings"))
			rec = i;
	if (rec < d->n) {
		ofs_area area = OFS_AREA_UNKNOWN;
		for (size_t i = rec + 1; i < d->n; i++) {
			const char *k = d->lines[i].key;
			if (!k[0])
				continue;
			if ((starts_with(k, "safeguarding services") ||
			     starts_with(k, "services for safeguarding")) && strlen(k) < 60)
				area = OFS_AREA_HELP_PROTECTION;
			else if ((starts_with(k, "services for looked after children") ||
				  starts_with(k, "looked after children services") ||
				  starts_with(k, "looked after children")) && strlen(k) < 60 &&
				 !find_words(k, "outcomes"))
				area = OFS_AREA_IN_CARE;
			else if (starts_with(k, "overall effectiveness") && area != OFS_AREA_UNKNOWN) {
				size_t j = i, len = strlen("overall effectiveness");
				ofs_grade g = k[len] ? grade_at(k + len + 1, NULL) : OFS_GRADE_UNKNOWN;
				for (int n = 0; g == OFS_GRADE_UNKNOWN && n < 3; n++) {
					j = next_line(d, j + 1);
					if (j >= d->n)
						break;
					g = grade_at(d->lines[j].key, NULL);
				}
				if (out->g[area] == OFS_GRADE_UNKNOWN)
					out->g[area] = g;
			}
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		const char *k = d->lines[i].key;
		ofs_area area;
		size_t j;
		if (!starts_with(k, "overall effectiveness of"))
			continue;
		j = next_line(d, i + 1);
		char *two = join_keys(d, i, j < d->n ? j + 1 : d->n);
		if (!two)
			return;
		area = find_words(two, "safeguarding") ? OFS_AREA_HELP_PROTECTION
		     : find_words(two, "looked after") ? OFS_AREA_IN_CARE : OFS_AREA_UNKNOWN;
		free(two);
		if (area == OFS_AREA_UNKNOWN || out->g[area] != OFS_GRADE_UNKNOWN)
			continue;
		for (int n = 0; n < 4 && j < d->n; n++, j = next_line(d, j + 1)) {
			ofs_grade g = numbered_grade(d->lines[j].key);
			if (g != OFS_GRADE_UNKNOWN) {
				out->g[area] = g;
				break;
			}
		}
	}
}

/* ---- kind ---- */

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
	if (find_words(title, "focused visit to") ||
	    find_words(d->head, "letter summarises the findings of a focused visit") ||
	    find_words(d->head, "letter summarises the findings of the focused visit")) {
		sh->kind = OFS_KIND_FOCUSED_VISIT;
		sh->no_grades = 1;
		return;
	}
	if (find_words(title, "monitoring visit to") ||
	    find_words(d->head, "letter summarises the findings of a monitoring visit") ||
	    find_words(d->head, "letter summarises the findings of the monitoring visit") ||
	    find_words(title, "joint targeted area inspection")) {
		sh->kind = OFS_KIND_OTHER;
		sh->no_grades = 1;
		return;
	}
	/* "Inspection of" or "Re-inspection of" services ...; the LSCB title
	 * may end in a footnote mark ("Board1"), hence no "board". */
	if (find_words(title, "of services for children in need of help") ||
	    find_words(title, "review of the effectiveness of the local safeguarding children")) {
		sh->kind = OFS_KIND_SIF;
		sh->lscb_review = find_words(title, "local safeguarding children") != 0;
		sh->lscb_only = !find_words(title, "children in need of help");
		return;
	}
	if (find_words(title, "inspection of safeguarding and looked after children services") ||
	    find_words(title, "inspection of looked after children services") ||
	    find_words(title, "inspection of safeguarding services") ||
	    find_words(title, "arrangements for the protection of children")) {
		sh->kind = OFS_KIND_PRE2013;
		sh->pre_safeguarding = find_words(title, "safeguarding") ||
				       find_words(title, "protection of children");
		sh->pre_looked_after = find_words(title, "looked after") != 0;
		return;
	}
	/* ILACS: its signature judgement, or its title. */
	if (find_words(d->head, "impact of leaders on social work practice") ||
	    find_words(title, "local authority childrens services") ||
	    find_words(title, "childrens social care services")) {
		sh->kind = OFS_KIND_ILACS_STANDARD; /* refined once dates are read */
		return;
	}
	if (find_words(d->all, "ofsted"))
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
		s |= find_words(d->all, says_short[i]) != 0;
	for (int i = 0; says_standard[i]; i++)
		t |= find_words(d->all, says_standard[i]) != 0;
	if (s != t)
		return s ? OFS_KIND_ILACS_SHORT : OFS_KIND_ILACS_STANDARD;
	if (start[0] && end[0]) {
		long days = ofs__date_days(end) - ofs__date_days(start);
		if (days >= 0 && days <= SHORT_MAX_DAYS)
			return OFS_KIND_ILACS_SHORT;
	}
	return OFS_KIND_ILACS_STANDARD;
}

/* ---- dates, people, names ---- */

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
		if (!got_range && is_label_line(k)) {
			words = 2;
		} else if (!got_pub) {
			if (starts_with(k, "report published") || starts_with(k, "date of publication") ||
			    starts_with(k, "publication date"))
				words = starts_with(k, "date of publication") ? 3 : 2;
			else if (!strncasecmp(d->lines[i].s, "published:", 10) ||
				 !strcmp(k, "published"))
				words = 1;
			is_pub = words != 0;
		}
		if (!words)
			continue;
		char *v = raw_after(d, i, value_offset(d->lines[i].s, words), 2);
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
		if (starts_with(k, "dear"))
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
		if (!find_words(k, "findings of") && !find_words(k, "visit to"))
			continue;
		char *v = raw_after(d, i, 0, 2);
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
			char *key = make_key(name);
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
		if (starts_with(k, "lead inspector on site"))
			words = 4;
		else if (starts_with(k, "lead inspector") || starts_with(k, "reporting inspector"))
			words = 2;
		else if (starts_with(k, "lead inspectors"))
			words = 2;
		else
			continue;
		size_t off = value_offset(d->lines[i].s, words);
		const char *v = d->lines[i].s + off;
		if (!*v) {
			/* The name is on the next non-blank line. */
			size_t j = next_line(d, i + 1);
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
		if (!starts_with(d->lines[i].key, "yours sincerely"))
			continue;
		size_t j = next_line(d, i + 1);
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
		size_t j = next_line(d, i + 1);
		if (j < d->title_end) {
			char *two = join_raw(d, i, j + 1);
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
			if (starts_with(d->lines[i].key, openers[o])) {
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
		if (to > from && (!strcmp(k, "and") || is_label_line(k) || d->lines[to].page > 1 ||
				  isdigit((unsigned char)k[0]) || find_words(k, "lead inspector") ||
				  starts_with(k, "this") || strchr(d->lines[to].s, '.') ||
				  (ofs_council_canonical(d->lines[to].s) && !ends_open(d->lines[last].key))))
			break;
		taken++;
		last = to;
	}
	*out = join_raw(d, from, to);
	if (!*out)
		return OFS_ENOMEM;
	/* A footnote mark glued to the last word ("Board1"). */
	size_t n = strlen(*out);
	while (n > 1 && isdigit((unsigned char)(*out)[n - 1]) && isalpha((unsigned char)(*out)[n - 2]))
		(*out)[--n] = '\0';
	if (n > 200)
		(*out)[200] = '\0';
	return OFS_OK;
}

/* ---- putting it together ---- */

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
	if ((rc = doc_load(&d, r->fulltext)) != OFS_OK)
		return rc;
	memset(&gr, 0, sizeof gr);

	if (!(title_key = join_keys(&d, 0, d.title_end))) {
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
		if ((rc = read_tables(&d, &gr)) != OFS_OK)
			goto done;
		if (sh.kind == OFS_KIND_SIF) {
			if (gr.g[OFS_AREA_OVERALL] == OFS_GRADE_UNKNOWN)
				gr.g[OFS_AREA_OVERALL] = sif_overall(&d);
			if (sh.lscb_review && (rc = sif_lscb(&d, &gr.g[OFS_AREA_LSCB])) != OFS_OK)
				goto done;
		}
		/* The joint judgement of ILACS before 2023 grades the
		 * experiences and progress of care leavers too. */
		if (gr.joint && gr.g[OFS_AREA_CARE_LEAVERS] == OFS_GRADE_UNKNOWN)
			gr.g[OFS_AREA_CARE_LEAVERS] = gr.g[OFS_AREA_IN_CARE];
		break;
	case OFS_KIND_PRE2013:
		pre2013_grades(&d, &gr);
		break;
	default:
		break;
	}

	if ((rc = read_title(&d, &title)) != OFS_OK)
		goto done;
	{
		char *tk = title ? make_key(title) : NULL;
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
	if (!r->published[0])
		memcpy(r->published, published, sizeof published);
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
	doc_free(&d);
	return rc;
}
