/*
 * render_text.c: results as a person reads them.
 *
 * One block per hit: a citation line that says where the paragraph comes
 * from and what it was judged, then the snippet.  Bold is the only
 * styling, and only when asked for (a terminal without NO_COLOR).
 */
#include "ofs/render.h"

#include <jansson.h>
#include <string.h>

#define BOLD "\033[1m"
#define PLAIN "\033[0m"

static void field(FILE *out, const char *s, int *first)
{
	if (!s)
		return;
	fprintf(out, "%s%s", *first ? "" : " | ", s);
	*first = 0;
}

/* The snippet with its highlight markers made bold or dropped. */
static void snippet(FILE *out, const char *s, int color)
{
	for (; *s; s++) {
		if (*s == OFS_HI_START[0])
			fputs(color ? BOLD : "", out);
		else if (*s == OFS_HI_END[0])
			fputs(color ? PLAIN : "", out);
		else if (*s == '\n')
			fputs("\n     ", out);
		else
			fputc(*s, out);
	}
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "?";
}

/* " overall=good leaders=good ..." for the grades the report states. */
static void grades(FILE *out, json_t *report)
{
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(report, "grades"), k, v) {
		if (json_is_string(v))
			fprintf(out, " %s=%s", k, json_string_value(v));
	}
}

static void render_hit(FILE *out, const ofs_hit *h, int color)
{
	int first = 1;
	fprintf(out, "%2u. ", h->rank);
	if (color)
		fputs(BOLD, out);
	field(out, h->council ? h->council : "(no council)", &first);
	field(out, h->date, &first);
	field(out, h->kind, &first);
	field(out, h->area, &first);
	field(out, h->grade, &first);
	if (color)
		fputs(PLAIN, out);
	fprintf(out, "  [%.2f]\n     %s", h->score, h->file ? h->file : "?");
	if (h->page)
		fprintf(out, ", p. %d", h->page);
	fprintf(out, ", para %d", h->paragraph);
	if (h->number)
		fprintf(out, " (numbered %d)", h->number);
	if (h->section)
		fprintf(out, " - %s", h->section);
	if (h->matches)
		fprintf(out, "\n     %u matching paragraph%s in this report", h->matches,
			h->matches == 1 ? "" : "s");
	fputs("\n     ", out);
	snippet(out, h->snippet && *h->snippet ? h->snippet : h->text, color);
	fputs("\n\n", out);
}

static void render_timeline_hit(FILE *out, const ofs_hit *h, int color)
{
	json_t *rep = h->report ? json_loads(h->report, 0, NULL) : NULL;
	if (color)
		fputs(BOLD, out);
	fprintf(out, "%s  %s", h->date ? h->date : "(no date)", h->kind ? h->kind : "?");
	if (color)
		fputs(PLAIN, out);
	if (rep)
		grades(out, rep);
	fprintf(out, "\n     %s, para %d", h->file ? h->file : "?", h->paragraph);
	if (h->page)
		fprintf(out, ", p. %d", h->page);
	fprintf(out, "; %u matching paragraph%s\n     ", h->matches, h->matches == 1 ? "" : "s");
	snippet(out, h->snippet && *h->snippet ? h->snippet : h->text, color);
	fputs("\n\n", out);
	json_decref(rep);
}

static void render_report(FILE *out, const ofs_hit *h)
{
	json_t *o = json_loads(h->text, 0, NULL);
	int first = 1;
	if (!o)
		return;
	field(out, h->council ? h->council : "(no council)", &first);
	field(out, h->kind, &first);
	fprintf(out, " | %s..%s |", jstr(o, "inspection_start"), jstr(o, "inspection_end"));
	grades(out, o);
	fprintf(out, " | %lld paras | %s\n",
		(long long)json_integer_value(json_object_get(o, "paragraphs")),
		h->file ? h->file : "?");
	json_decref(o);
}

void ofs_render_text(FILE *out, const ofs_results *r, ofs_render_kind kind, int color)
{
	if (r->suggestion)
		fprintf(out, "Did you mean: %s\n\n", r->suggestion);
	if (kind == OFS_RENDER_REPORTS) {
		for (unsigned i = 0; i < r->n_hits; i++)
			render_report(out, &r->hits[i]);
		fprintf(out, "%u report%s\n", r->total, r->total == 1 ? "" : "s");
		return;
	}
	if (!r->total) {
		fprintf(out, "No paragraph matches '%s'.\n", r->query);
		return;
	}
	if (kind == OFS_RENDER_TIMELINE) {
		fprintf(out, "%u report%s match '%s', oldest first:\n\n", r->total,
			r->total == 1 ? "" : "s", r->query);
		for (unsigned i = 0; i < r->n_hits; i++)
			render_timeline_hit(out, &r->hits[i], color);
		return;
	}
	fprintf(out, "%s%u %s %s%s%s%s\n\n", r->total_exact ? "" : "about ", r->total,
		r->hits && r->hits[0].matches ? (r->total == 1 ? "report" : "reports")
					      : (r->total == 1 ? "paragraph" : "paragraphs"),
		*r->query ? "match '" : "found", r->query, *r->query ? "'" : "",
		r->n_hits < r->total ? "; the best:" : ":");
	if (r->words_missing && r->words_matched)
		fprintf(out, "The best results match %u of the %u words (not: %s).\n\n",
			r->words_matched, r->words, r->words_missing);
	for (unsigned i = 0; i < r->n_hits; i++)
		render_hit(out, &r->hits[i], color);
	for (unsigned f = 0; f < r->n_facets; f++) {
		const ofs_facet *fa = &r->facets[f];
		fprintf(out, "%-8s", fa->name);
		for (unsigned j = 0; j < fa->n; j++)
			fprintf(out, "%s%s (%u)", j ? ", " : " ", fa->counts[j].value,
				fa->counts[j].count);
		fputc('\n', out);
	}
}
