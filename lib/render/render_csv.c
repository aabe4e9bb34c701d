/*
 * render_csv.c: results as CSV for spreadsheets (RFC 4180: a header row,
 * CRLF line ends, fields with a comma, quote or line break in double
 * quotes, quotes doubled).  One row per item with the fields of the JSON
 * output (docs/json.md); a timeline's report becomes its date and
 * grades, a report's grades one column per judgement.
 */
#include "ofs/render.h"

#include <jansson.h>
#include <string.h>

/* The judgements, as the report JSON's "grades" object names them. */
static const char *const grade_keys[] = {"overall", "leaders", "help_protection", "in_care",
					 "care_leavers", "adoption", "lscb"};
#define N_GRADES (sizeof grade_keys / sizeof *grade_keys)

static const char *const report_keys[] = {"id", "file", "path", "council", "kind", "title",
					  "source", "date", "inspection_start",
					  "inspection_end", "published", "published_from",
					  "lead_inspector"};
static const char *const report_tail[] = {"paragraphs", "pages", "stamp", "hash"};

static const char *const hit_keys[] = {"rank", "score", "file", "council", "date", "kind",
				       "area", "grade", "page", "paragraph", "number",
				       "section", "text", "snippet", "matches", "report_id"};

/* One field, quoted when it must be; NULL is an empty field.  The
 * snippet's highlight markers are dropped: a spreadsheet has no bold.
 * Text that a spreadsheet would take for a formula (a paragraph or a
 * query beginning "=", "+", "-", "@", a tab or a carriage return) gets
 * a leading apostrophe, which spreadsheets show as text (OWASP's advice
 * on CSV injection); numbers are written by cell_int() and never begin
 * so. */
static void cell(FILE *out, const char *s, int first)
{
	if (!first)
		fputc(',', out);
	if (!s)
		return;
	const char *lead = s;
	while (*lead == OFS_HI_START[0] || *lead == OFS_HI_END[0])
		lead++;
	int formula = *lead && strchr("=+-@\t\r", *lead);
	if (!strpbrk(s, ",\"\r\n")) {
		if (formula)
			fputc('\'', out);
		for (; *s; s++)
			if (*s != OFS_HI_START[0] && *s != OFS_HI_END[0])
				fputc(*s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		if (*s != OFS_HI_START[0] && *s != OFS_HI_END[0])
			fputc(*s, out);
	}
	fputc('"', out);
}

static void cell_int(FILE *out, long v, int first)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	cell(out, v > 0 ? buf : NULL, first);
}

/* A JSON value as a field: strings as they are, numbers in decimal,
 * null (and anything else) empty. */
static void cell_json(FILE *out, json_t *v, int first)
{
	if (json_is_integer(v))
		cell_int(out, (long)json_integer_value(v), first);
	else
		cell(out, json_string_value(v), first);
}

static void header(FILE *out, const char *const *keys, size_t n, const char *grade_prefix,
		   int first)
{
	for (size_t i = 0; i < n; i++, first = 0)
		cell(out, keys[i], first);
	for (size_t i = 0; grade_prefix && i < N_GRADES; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s%s", grade_prefix, grade_keys[i]);
		cell(out, name, 0);
	}
}

static void grades_row(FILE *out, json_t *report)
{
	json_t *g = json_object_get(report, "grades");
	for (size_t i = 0; i < N_GRADES; i++)
		cell_json(out, json_object_get(g, grade_keys[i]), 0);
}

static void report_row(FILE *out, json_t *r)
{
	for (size_t i = 0; i < sizeof report_keys / sizeof *report_keys; i++)
		cell_json(out, json_object_get(r, report_keys[i]), i == 0);
	grades_row(out, r);
	for (size_t i = 0; i < sizeof report_tail / sizeof *report_tail; i++)
		cell_json(out, json_object_get(r, report_tail[i]), 0);
}

static void hit_row(FILE *out, const ofs_hit *h, ofs_render_kind kind)
{
	char score[32];
	snprintf(score, sizeof score, "%.6g", h->score);
	cell_int(out, h->rank, 1);
	cell(out, score, 0);
	cell(out, h->file, 0);
	cell(out, h->council, 0);
	cell(out, h->date, 0);
	cell(out, h->kind, 0);
	cell(out, h->area, 0);
	cell(out, h->grade, 0);
	cell_int(out, h->page, 0);
	cell_int(out, h->paragraph, 0);
	cell_int(out, h->number, 0);
	cell(out, h->section, 0);
	cell(out, h->text, 0);
	cell(out, h->snippet, 0);
	cell_int(out, h->matches, 0);
	cell(out, h->report_id, 0);
	if (kind == OFS_RENDER_TIMELINE) {
		json_t *r = h->report ? json_loads(h->report, 0, NULL) : NULL;
		grades_row(out, r);
		json_decref(r);
	}
}

ofs_status ofs_render_csv(FILE *out, const ofs_results *r, ofs_render_kind kind,
			  ofs_error *err)
{
	if (kind == OFS_RENDER_REPORTS) {
		header(out, report_keys, sizeof report_keys / sizeof *report_keys, "grade_", 1);
		header(out, report_tail, sizeof report_tail / sizeof *report_tail, NULL, 0);
	} else {
		header(out, hit_keys, sizeof hit_keys / sizeof *hit_keys,
		       kind == OFS_RENDER_TIMELINE ? "report_grade_" : NULL, 1);
	}
	fputs("\r\n", out);
	for (unsigned i = 0; i < r->n_hits; i++) {
		if (kind == OFS_RENDER_REPORTS) {
			json_t *rep = json_loads(r->hits[i].text, 0, NULL);
			if (!rep)
				return ofs_error_set(err, OFS_ENOMEM,
						     "out of memory writing CSV");
			/* The id is the hit's, as in the JSON listing. */
			json_object_set_new(rep, "id", json_string(r->hits[i].report_id
								    ? r->hits[i].report_id : ""));
			report_row(out, rep);
			json_decref(rep);
		} else {
			hit_row(out, &r->hits[i], kind);
		}
		fputs("\r\n", out);
	}
	if (ferror(out))
		return ofs_error_set(err, OFS_EIO, "cannot write results");
	return OFS_OK;
}
