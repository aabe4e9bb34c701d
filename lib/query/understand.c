/*
 * understand.c: the council, grade and dates a plain-English query names
 * with its own words (understand.h), taken out of its words and given
 * back as filters, with what is left to search for.
 */
#include "query/understand.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "query/read_words.h"

/* The words of query not read, from the first that counts to the last,
 * one space apart, without the last one's closing punctuation ("front
 * door?"); NULL for none.  Errors: OFS_ENOMEM. */
static ofs_status subject_of(const char *query, const words *ws, char **out)
{
	ofs_sbuf b = {0};
	size_t first = 0, last = ws->n, end;
	*out = NULL;
	while (first < ws->n && !ofs__word_counts(&ws->w[first]))
		first++;
	while (last > first && !ofs__word_counts(&ws->w[last - 1]))
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
	ofs__words_cut(query, ws);
	if (which & OFS_READ_COUNCIL)
		ofs__read_councils(ws, r, own, ctx);
	if (which & OFS_READ_GRADE)
		ofs__read_grade(ws, r, !!(which & OFS_READ_LATEST), !!(which & OFS_READ_AREA));
	if (which & OFS_READ_LATEST)
		ofs__read_latest(ws, r);
	if (which & OFS_READ_DATES)
		ofs__read_dates(ws, r);
	if ((which & OFS_READ_CHANGE) && (r->council[0] || !(which & OFS_READ_COUNCIL)))
		ofs__read_change(ws, r);
	ofs__read_frame(ws);
	if (r->council[0] || r->change || r->latest)
		ofs__read_report_words(ws);
	if ((which & OFS_READ_DATES) && r->council[0])
		ofs__read_report_year(ws, r);
	if ((which & OFS_READ_GRADE) && r->council[0] && !r->grade)
		ofs__read_grade_question(ws, r, !!(which & OFS_READ_LATEST));
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
