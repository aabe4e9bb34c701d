/*
 * grades.c: the grades a report states: the judgement tables of the
 * ILACS and single inspection framework reports (cells read as a run of
 * table words, labels and grades paired first come, first served), the
 * SIF's headline sentences, and the "Record of main findings" of the
 * reports before 2013.
 */
#include "extract/grades.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grade_words.h"

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
	return ofs_grade_phrase_word(w, n);
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
		ofs_grade g = ofs_grade_phrase_at(p, &len);
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
				if (ofs__starts_with(p, table_labels[i].phrase)) {
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

ofs_status ofs__read_tables(const struct doc *d, struct grades *out)
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
			char *run = ofs__join_keys(d, start, i);
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
		if ((g = ofs_grade_phrase_at(p, NULL)) != OFS_GRADE_UNKNOWN)
			return g;
		for (int i = 0; stops[i]; i++)
			if (ofs__starts_with(p, stops[i]))
				return OFS_GRADE_UNKNOWN;
		p += strcspn(p, " ");
	}
	return OFS_GRADE_UNKNOWN;
}

/* SIF: "Children's services in Norfolk are inadequate", "Children's
 * services on the Isles of Scilly are good", and in the first reports
 * of 2013-2014 "The overall judgement is requires improvement". */
ofs_grade ofs__sif_overall(const struct doc *d)
{
	static const char *const openers[] = {"childrens services in", "childrens services on",
		"the overall judgement is", NULL};
	for (int o = 0; openers[o]; o++) {
		size_t len = strlen(openers[o]), at = ofs__find_words(d->head, openers[o]);
		while (at) {
			ofs_grade g = grade_after(d->head, at - 1 + len, 10);
			if (g != OFS_GRADE_UNKNOWN)
				return g;
			size_t next = ofs__find_words(d->head + at, openers[o]);
			at = next ? at + next : 0;
		}
	}
	return OFS_GRADE_UNKNOWN;
}

/* SIF: "The Local Safeguarding Children Board (LSCB) is good", "The
 * effectiveness of the Local Safeguarding Children Board requires
 * improvement", a sentence of its own at the start of a line. */
ofs_status ofs__sif_lscb(const struct doc *d, ofs_grade *out)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t j, at;
		char *group;
		if (!ofs__starts_with(d->lines[i].key, "the"))
			continue;
		/* The sentence may wrap inside the board's name. */
		j = ofs__next_line(d, i + 1);
		group = ofs__join_keys(d, i, j < d->n ? j + 1 : d->n);
		if (!group)
			return OFS_ENOMEM;
		at = ofs__find_words(group, "safeguarding children board");
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
	if (!ofs__starts_with(key, "grade") || key[5] != ' ' || key[6] < '1' || key[6] > '4' ||
	    (key[7] && key[7] != ' '))
		return OFS_GRADE_UNKNOWN;
	if (key[7] == ' ') {
		ofs_grade g = ofs_grade_phrase_at(key + 8, NULL);
		if (g != OFS_GRADE_UNKNOWN)
			return g;
	}
	return scale[key[6] - '0'];
}

/* The first "Grade N" in the four lines from line j; UNKNOWN if none. */
static ofs_grade numbered_grade_after(const struct doc *d, size_t j)
{
	for (int n = 0; n < 4 && j < d->n; n++, j = ofs__next_line(d, j + 1)) {
		ofs_grade g = numbered_grade(d->lines[j].key);
		if (g != OFS_GRADE_UNKNOWN)
			return g;
	}
	return OFS_GRADE_UNKNOWN;
}

/*
 * Before 2013: the "Record of main findings" lists, under "Safeguarding
 * services" and "Services for looked after children", an "Overall
 * effectiveness" row each.  Failing that, the section "Overall
 * effectiveness of services for looked after children" opens with
 * "Grade 4 (inadequate)".
 */
void ofs__pre2013_grades(const struct doc *d, struct grades *out)
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
			if ((ofs__starts_with(k, "safeguarding services") ||
			     ofs__starts_with(k, "services for safeguarding")) && strlen(k) < 60)
				area = OFS_AREA_HELP_PROTECTION;
			else if ((ofs__starts_with(k, "services for looked after children") ||
				  ofs__starts_with(k, "looked after children services") ||
				  ofs__starts_with(k, "looked after children")) && strlen(k) < 60 &&
				 !ofs__find_words(k, "outcomes"))
				area = OFS_AREA_IN_CARE;
			else if (ofs__starts_with(k, "overall effectiveness") && area != OFS_AREA_UNKNOWN) {
				size_t j = i, len = strlen("overall effectiveness");
				ofs_grade g = k[len] ? ofs_grade_phrase_at(k + len + 1, NULL) : OFS_GRADE_UNKNOWN;
				for (int n = 0; g == OFS_GRADE_UNKNOWN && n < 3; n++) {
					j = ofs__next_line(d, j + 1);
					if (j >= d->n)
						break;
					g = ofs_grade_phrase_at(d->lines[j].key, NULL);
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
		if (!ofs__starts_with(k, "overall effectiveness of"))
			continue;
		j = ofs__next_line(d, i + 1);
		char *two = ofs__join_keys(d, i, j < d->n ? j + 1 : d->n);
		if (!two)
			return;
		area = ofs__find_words(two, "safeguarding") ? OFS_AREA_HELP_PROTECTION
		     : ofs__find_words(two, "looked after") ? OFS_AREA_IN_CARE : OFS_AREA_UNKNOWN;
		free(two);
		if (area == OFS_AREA_UNKNOWN || out->g[area] != OFS_GRADE_UNKNOWN)
			continue;
		out->g[area] = numbered_grade_after(d, j);
	}
	/* Its own section grades leadership and management, and an
	 * inspection of one service (looked-after children's, 2013) judges
	 * its overall effectiveness in that service's: the report's overall
	 * grade, as well as that area's. */
	for (size_t i = 0; i < d->n && out->g[OFS_AREA_LEADERS] == OFS_GRADE_UNKNOWN; i++)
		if (!strcmp(d->lines[i].key, "leadership and management"))
			out->g[OFS_AREA_LEADERS] = numbered_grade_after(d, ofs__next_line(d, i + 1));
	if ((out->g[OFS_AREA_HELP_PROTECTION] == OFS_GRADE_UNKNOWN) !=
	    (out->g[OFS_AREA_IN_CARE] == OFS_GRADE_UNKNOWN) &&
	    out->g[OFS_AREA_OVERALL] == OFS_GRADE_UNKNOWN)
		out->g[OFS_AREA_OVERALL] = out->g[OFS_AREA_HELP_PROTECTION] != OFS_GRADE_UNKNOWN
						   ? out->g[OFS_AREA_HELP_PROTECTION]
						   : out->g[OFS_AREA_IN_CARE];
}
