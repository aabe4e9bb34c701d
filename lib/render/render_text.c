/*
 * render_text.c: results as a person reads them.
 *
 * One block per hit: a line that says what the paragraph was judged, a
 * citation (where it comes from, and the key --like takes), then the
 * snippet.  Bold is the only styling, and only when asked for (a terminal
 * without NO_COLOR).  Given a width, lines break between words, never
 * inside one.
 */
#include "ofs/render.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BOLD "\033[1m"
#define PLAIN "\033[0m"
#define INDENT 5
/* How much of the report id the citation shows: unique in any real
 * collection, and what --like accepts. */
#define SHORT_ID 8

/* Output that breaks lines between words at width columns (0: never),
 * continuing them indent columns in. */
typedef struct wrap {
	FILE *out;
	unsigned width, col, indent;
	int color, space; /* space: one is due before the next word */
	const char *cwd;  /* the current folder, for short_path() */
} wrap;

static unsigned columns(const char *s, size_t n)
{
	unsigned c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80 && s[i] != OFS_HI_START[0] &&
		     s[i] != OFS_HI_END[0];
	return c;
}

static void wrap_newline(wrap *w)
{
	fprintf(w->out, "\n%*s", (int)w->indent, "");
	w->col = w->indent;
	w->space = 0;
}

/* Write s: words, a space between them (kept back until the next word,
 * so that no line ends in one), highlight markers as bold or nothing,
 * newlines as new indented lines. */
static void wrap_text(wrap *w, const char *s)
{
	while (*s) {
		size_t n;
		unsigned c;
		if (*s == ' ') {
			w->space = 1;
			s++;
			continue;
		}
		if (*s == '\n') {
			wrap_newline(w);
			s++;
			continue;
		}
		n = strcspn(s, " \n");
		c = columns(s, n);
		if (w->width && w->col > w->indent && w->col + w->space + c > w->width)
			wrap_newline(w);
		if (w->space) {
			fputc(' ', w->out);
			w->col++;
			w->space = 0;
		}
		for (size_t i = 0; i < n; i++) {
			if (s[i] == OFS_HI_START[0])
				fputs(w->color ? BOLD : "", w->out);
			else if (s[i] == OFS_HI_END[0])
				fputs(w->color ? PLAIN : "", w->out);
			else
				fputc(s[i], w->out);
		}
		w->col += c;
		s += n;
	}
}

static void wrap_printf(wrap *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void wrap_printf(wrap *w, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	wrap_text(w, buf);
}

static void field(FILE *out, const char *s, int *first)
{
	if (!s)
		return;
	fprintf(out, "%s%s", *first ? "" : " | ", s);
	*first = 0;
}

/* The file as a person wants to read it: inside the current folder,
 * relative to it; in the home folder, from "~"; else its folder and
 * name (JSON has the whole path). */
static const char *short_path(const char *file, const char *cwd, char *buf, size_t size)
{
	const char *home = getenv("HOME"), *p;
	size_t n;
	if (!file)
		return "?";
	if (file[0] != '/')
		return file;
	if ((n = strlen(cwd)) > 1 && !strncmp(file, cwd, n) &&
	    file[n] == '/')
		return file + n + 1;
	if (home && (n = strlen(home)) > 1 && !strncmp(file, home, n) && file[n] == '/') {
		snprintf(buf, size, "~%s", file + n);
		return buf;
	}
	p = strrchr(file, '/');
	while (p > file && p[-1] != '/')
		p--;
	if (p <= file + 1)
		return file;
	snprintf(buf, size, ".../%s", p);
	return buf;
}

/* "FILE, p. 3, para 6 (numbered 3) - Section" */
static void citation(wrap *w, const ofs_hit *h)
{
	char buf[4096];
	wrap_text(w, short_path(h->file, w->cwd, buf, sizeof buf));
	if (h->page)
		wrap_printf(w, ", p. %d", h->page);
	wrap_printf(w, ", para %d", h->paragraph);
	if (h->number)
		wrap_printf(w, " (numbered %d)", h->number);
	if (h->section) {
		wrap_text(w, " - ");
		wrap_text(w, h->section);
	}
}

/* "  [like: 1a2b3c4d:6]": what --like takes for this paragraph. */
static void like_key(wrap *w, const ofs_hit *h)
{
	if (h->report_id)
		wrap_printf(w, "  [like: %.*s:%d]", SHORT_ID, h->report_id, h->paragraph);
}

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "?";
}

/* " overall=good leaders=good ..." for the grades the report states; a
 * joint judgement once, under both its areas ("in_care+care_leavers"). */
static void grades(FILE *out, json_t *report)
{
	json_t *joint = json_object_get(report, "joint");
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(report, "grades"), k, v) {
		const char *with = json_string_value(json_object_get(joint, k));
		const char *also = NULL, *k2;
		json_t *v2;
		if (!json_is_string(v) || with)
			continue; /* listed with the judgement it is part of */
		json_object_foreach(joint, k2, v2)
			if (!strcmp(json_string_value(v2) ? json_string_value(v2) : "", k))
				also = k2;
		fprintf(out, " %s%s%s=%s", k, also ? "+" : "", also ? also : "", json_string_value(v));
	}
}

static void render_hit(wrap *w, const ofs_hit *h)
{
	const char *fields[] = {h->council ? h->council : "(no council)", h->date, h->kind,
				h->area, h->grade};
	int first = 1;
	/* What it was judged, bold (the highlight markers), broken between
	 * fields when narrow. */
	w->col = (unsigned)fprintf(w->out, "%2u. ", h->rank);
	wrap_text(w, OFS_HI_START);
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		if (!fields[i])
			continue;
		wrap_text(w, first ? "" : " | ");
		wrap_text(w, fields[i]);
		first = 0;
	}
	wrap_text(w, OFS_HI_END);
	wrap_printf(w, "  [%.2f]", h->score);
	wrap_newline(w);
	citation(w, h);
	like_key(w, h);
	if (h->matches) {
		wrap_newline(w);
		wrap_printf(w, "%u matching paragraph%s in this report", h->matches,
			    h->matches == 1 ? "" : "s");
	}
	wrap_newline(w);
	wrap_text(w, h->snippet && *h->snippet ? h->snippet : h->text);
	fputs("\n\n", w->out);
}

static void render_timeline_hit(wrap *w, const ofs_hit *h)
{
	json_t *rep = h->report ? json_loads(h->report, 0, NULL) : NULL;
	if (w->color)
		fputs(BOLD, w->out);
	fprintf(w->out, "%s  %s", h->date ? h->date : "(no date)", h->kind ? h->kind : "?");
	if (w->color)
		fputs(PLAIN, w->out);
	if (rep)
		grades(w->out, rep);
	wrap_newline(w);
	citation(w, h);
	wrap_printf(w, "; %u matching paragraph%s", h->matches, h->matches == 1 ? "" : "s");
	like_key(w, h);
	wrap_newline(w);
	wrap_text(w, h->snippet && *h->snippet ? h->snippet : h->text);
	fputs("\n\n", w->out);
	json_decref(rep);
}

static void render_report(FILE *out, const ofs_hit *h, const char *cwd)
{
	json_t *o = json_loads(h->text, 0, NULL);
	char buf[4096];
	int first = 1;
	if (!o)
		return;
	field(out, h->council ? h->council : "(no council)", &first);
	field(out, h->kind, &first);
	fprintf(out, " | %s..%s |", jstr(o, "inspection_start"), jstr(o, "inspection_end"));
	grades(out, o);
	fprintf(out, " | %lld paras | %s\n",
		(long long)json_integer_value(json_object_get(o, "paragraphs")),
		short_path(h->file, cwd, buf, sizeof buf));
	json_decref(o);
}

/* The filters read from the query's words, as the options that give
 * them, so the reader sees why and can say otherwise. */
static void render_read(FILE *out, const ofs_read_filters *f)
{
	if (!f->council && !f->grade && !f->area && !f->from && !f->to && !f->change &&
	    !f->latest)
		return;
	fputs("Read as:", out);
	if (f->council)
		fprintf(out, " --council '%s'", f->council);
	if (f->grade)
		fprintf(out, " --grade %s", f->grade);
	if (f->area)
		fprintf(out, " --area %s", f->area);
	if (f->from)
		fprintf(out, " --from %s", f->from);
	if (f->to)
		fprintf(out, " --to %s", f->to);
	if (f->latest)
		fputs(" --latest", out);
	if (f->as)
		fprintf(out, " --%s", f->as);
	fputs(" (--exact takes every word as a word)\n\n", out);
}

void ofs_render_text(FILE *out, const ofs_results *r, ofs_render_kind kind, int color,
		     unsigned width)
{
	char cwd[4096];
	wrap w = {out, width > INDENT + 20 ? width : 0, 0, INDENT, color, 0, cwd};
	int per_report = r->hits && r->hits[0].matches;
	const char *what = per_report || kind == OFS_RENDER_TIMELINE ? "report" : "paragraph";
	/* Once, not per result: the folder paths are shown relative to. */
	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = '\0';
	if (r->partial)
		fprintf(out, "Partial results: shards %s did not answer.\n\n", r->partial);
	if (r->suggestion)
		fprintf(out, "Did you mean: %s\n\n", r->suggestion);
	render_read(out, &r->read);
	if (kind == OFS_RENDER_REPORTS) {
		for (unsigned i = 0; i < r->n_hits; i++)
			render_report(out, &r->hits[i], cwd);
		if (!r->total && r->query && *r->query)
			fprintf(out, "No report matches '%s'.\n", r->query);
		else if (!r->total)
			fprintf(out, "No report matches the filters.\n");
		else
			fprintf(out, "%u report%s\n", r->total, r->total == 1 ? "" : "s");
		return;
	}
	if (!r->total) {
		fprintf(out, "No paragraph matches '%s'.\n", r->query);
		return;
	}
	/* "1 paragraph matches 'x':", "about 40 paragraphs match 'x'; the
	 * best:", "12 reports match 'x'." when none are shown; "found" with
	 * no words (--like, filters alone). */
	fprintf(out, "%s%u %s%s %s", r->total_exact ? "" : "about ", r->total, what,
		r->total == 1 ? "" : "s",
		*r->query ? (r->total == 1 ? "matches" : "match") : "found");
	if (*r->query)
		fprintf(out, " '%s'", r->query);
	fputs(!r->n_hits ? ".\n" : kind == OFS_RENDER_TIMELINE ? ", oldest first:\n\n"
		: r->n_hits < r->total ? "; the best:\n\n" : ":\n\n", out);
	if (r->words_missing && r->words_matched)
		fprintf(out, "%sThe best results match %u of the %u words (not: %s).\n\n",
			r->n_hits ? "" : "\n", r->words_matched, r->words, r->words_missing);
	for (unsigned i = 0; i < r->n_hits; i++) {
		w.col = 0;
		w.space = 0;
		if (kind == OFS_RENDER_TIMELINE)
			render_timeline_hit(&w, &r->hits[i]);
		else
			render_hit(&w, &r->hits[i]);
	}
	if (r->n_facets && !r->n_hits)
		fputc('\n', out);
	for (unsigned f = 0; f < r->n_facets; f++) {
		const ofs_facet *fa = &r->facets[f];
		fprintf(out, "%-8s", fa->name);
		for (unsigned j = 0; j < fa->n; j++)
			fprintf(out, "%s%s (%u)", j ? ", " : " ", fa->counts[j].value,
				fa->counts[j].count);
		fputc('\n', out);
	}
}
