/*
 * pdf_layout.c: positioned text lines into the paragraphs a reader sees.
 *
 * The rules use the page's geometry and type, never particular wording,
 * so that they hold for report formats not seen yet.  Passes:
 *
 *  1. Document statistics: the body font size (the size most text is
 *     set in) and the body line pitch (the usual distance between the
 *     tops of consecutive lines), against which gaps and headings are
 *     measured.
 *  2. Running headers and footers: a line in the top or bottom tenth of
 *     the page whose text, digits ignored, recurs in that band on a
 *     quarter of the pages (authority name, report title, dates), or
 *     that is a bare page number ("7", "Page 7 of 12").
 *  3. Margin markers: a number ("12." / "12") or bullet glyph set as a
 *     line of its own, with text starting to its right on the same row,
 *     belongs to that text: its paragraph number or list item.
 *  4. Tables: two lines sharing a row with a wide gap between them are
 *     table cells, and so are the few lines wrapped between such rows.
 *     Tables stay in fulltext but make no paragraphs.
 *  5. Assembly, line by line in reading order.  Bold or larger lines
 *     that are short and do not end in a full stop are headings and
 *     become the section of what follows.  A gap wider than the line
 *     pitch, a number or a bullet starts a new paragraph; consecutive
 *     bullets make one paragraph, items joined by '\n' and written
 *     "- item".  At a page break, a paragraph without terminal
 *     punctuation goes on with the next page's first body line.  Small
 *     type at the foot of a page (footnotes) is held back and emitted
 *     after the paragraph it interrupted, so it cannot split one.
 *
 * Hyphens at a line end: a soft hyphen always joins; a hard hyphen is
 * kept where the next line starts with a capital or digit, the part
 * before it is a common prefix ("well", "multi"), or the document uses
 * the hyphenated compound elsewhere within a line; it is dropped where
 * the document uses the joined word elsewhere; otherwise it is kept,
 * because the reports are written in word processors that do not
 * hyphenate, so a hard hyphen at a line end is nearly always part of a
 * compound ("good-quality", "decision-making").
 */
#include "read/pdf/pdf_layout.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grade_words.h"
#include "base/util.h"
#include "ofs/facets.h"

/* Headers and footers live in this share of the page at top and bottom. */
#define BAND 0.10f
/* Headings are at most this many bytes; longer bold text is a paragraph. */
#define MAX_HEADING 200
/* At most this many wrapped lines between two table rows are cells too. */
#define MAX_CELL_RUN 3

enum {
	F_RUNNING = 1 << 0, /* running header, footer or page number */
	F_MARKER = 1 << 1,  /* number or bullet glyph of the line it heads */
	F_TABLE = 1 << 2,   /* table cell */
	F_BULLET = 1 << 3,  /* starts a list item (glyph on its own line) */
	F_FOOTNOTE = 1 << 4 /* small type at the foot of the page */
};

typedef struct info {
	unsigned flags;
	int number;     /* paragraph number from a margin marker */
	float mark_x0;  /* left edge of that marker or bullet glyph */
} info;

typedef struct aside {
	char *text;
	char *section;
	int page;
} aside;

typedef struct layout {
	ofs_report *r;
	const ofs__pdf_lines *doc;
	info *inf;
	float body;       /* body font size */
	float pitch;      /* body line pitch */
	ofs_u64set words; /* hashes of words, for the hyphenation evidence */
	int nomem;
	/* The paragraph being built. */
	ofs_sbuf para;
	int para_open, para_page, para_number, para_list, para_lines;
	float para_x0;    /* x of the paragraph's first line of text */
	float item_x0;    /* x of the current list item's first line */
	/* The heading being built. */
	ofs_sbuf head;
	int head_open, head_lines;
	float head_size;
	char *section;    /* owned */
	char *parent;     /* owned: the last top-level heading */
	long prev;        /* last line added to the flow, -1 for none */
	/* The table being passed over: its lines that name a judgement. */
	int table_judgements;
	long table_judgement; /* the last such line */
	/* Footnotes waiting for the paragraph they interrupt to end. */
	aside *aside;
	size_t n_aside, cap_aside;
	ofs_sbuf foot;
	int foot_open, foot_page;
} layout;

/* ---- small helpers ---------------------------------------------------- */

static void sb_add(layout *L, ofs_sbuf *b, const char *s, size_t len)
{
	ofs_sbuf_add(b, s, len);
	if (b->oom)
		L->nomem = 1;
}

static float fmaxf_(float a, float b)
{
	return a > b ? a : b;
}

static float fminf_(float a, float b)
{
	return a < b ? a : b;
}

/* Whether text ends a sentence: . ! or ? before any closing quotes and
 * brackets. */
static int ends_terminal(const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == '\'' ||
		       s[len - 1] == ')' || s[len - 1] == ']'))
		len--;
	return len && (s[len - 1] == '.' || s[len - 1] == '!' || s[len - 1] == '?');
}

/*
 * Length of a bullet glyph and the spaces after it at the start of s, or
 * 0.  Glyphs from symbol fonts without a Unicode mapping arrive in the
 * private use area (U+F0B7 and friends), so any private-use character
 * opening a line counts.  A hyphen counts only if dash_ok says a list
 * may start here (see the caller), since a wrapped line may open with a
 * dash.
 */
static size_t bullet_len(const char *s, size_t len, int dash_ok)
{
	static const char *const glyphs[] = {
		"\xE2\x80\xA2", "\xE2\x80\xA3", "\xE2\x88\x99", "\xC2\xB7",
		"\xE2\x96\xAA", "\xE2\x96\xAB", "\xE2\x96\xA0", "\xE2\x96\xA1",
		"\xE2\x97\xBC", "\xE2\x97\xBE", "\xE2\x97\x8F", "\xE2\x97\xA6",
		"\xE2\x97\x8B", "\xE2\x97\x86", "\xE2\x96\xBA", "\xE2\x96\xB6",
		"\xE2\x9E\xA2", "\xE2\x9E\xA4", "\xE2\x9C\x93", "\xE2\x9C\x94",
		"\xE2\x9D\x96", "*", NULL};
	size_t n = 0;
	for (int i = 0; glyphs[i]; i++) {
		size_t g = strlen(glyphs[i]);
		if (len >= g && !memcmp(s, glyphs[i], g)) {
			n = g;
			break;
		}
	}
	if (!n && len >= 3 && (unsigned char)s[0] == 0xEE)
		n = 3; /* U+E000..U+EFFF */
	if (!n && len >= 3 && (unsigned char)s[0] == 0xEF &&
	    (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0xA3)
		n = 3; /* U+F000..U+F8FF */
	if (!n && dash_ok && len >= 1 && s[0] == '-')
		n = 1;
	if (!n)
		return 0;
	if (n == len)
		return n;
	if (s[n] != ' ')
		return 0;
	while (n < len && s[n] == ' ')
		n++;
	return n;
}

/* A number standing alone as a line: "12", "12." or "12)".  Returns the
 * number or 0. */
static int bare_number(const char *s, size_t len)
{
	size_t i = 0;
	int n = 0;
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		n = n * 10 + (s[i++] - '0');
	if (!i || (i < len && (s[i] == '.' || s[i] == ')') && i + 1 == len))
		return i ? n : 0;
	return i == len ? n : 0;
}

/* A number opening a line of text: "12. Text".  Returns the number and
 * sets *skip to the bytes before the text, or returns 0. */
static int leading_number(const char *s, size_t len, size_t *skip)
{
	size_t i = 0;
	int n = 0;
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		n = n * 10 + (s[i++] - '0');
	if (!i || i + 2 > len || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return 0;
	*skip = i;
	return n;
}

/*
 * The line's text with digit runs folded to '#', lower case, for
 * recognising the same header on every page whatever its page number or
 * date.  Returns the length written (at most cap - 1).
 */
static size_t fold_key(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) {
			if (!o || out[o - 1] != '#')
				out[o++] = '#';
		} else if (c != ' ' || (o && out[o - 1] != ' ')) {
			out[o++] = (char)tolower(c);
		}
	}
	out[o] = '\0';
	return o;
}

static int is_page_number_key(const char *k)
{
	static const char *const forms[] = {"#", "#.", "- # -", "-#-", "page #", "page # of #",
					    "# of #", "#/#", "# | page", "page | #", NULL};
	for (int i = 0; forms[i]; i++)
		if (!strcmp(k, forms[i]))
			return 1;
	return 0;
}

/* Vertical overlap of two lines as a share of the shorter one's height. */
static float row_overlap(const ofs__pdf_line *a, const ofs__pdf_line *b)
{
	float top = fmaxf_(a->y0, b->y0), bot = fminf_(a->y1, b->y1);
	float h = fminf_(a->y1 - a->y0, b->y1 - b->y0);
	if (h <= 0)
		return 0;
	return (bot - top) / h;
}

/* ---- the word set ----------------------------------------------------- */

static void ws_add(layout *L, uint64_t h)
{
	if (ofs_u64set_add(&L->words, h))
		L->nomem = 1;
}

/*
 * Record every word and every hyphenated compound that lies within a line
 * (a hyphen at the line's end proves nothing), as evidence for undoing
 * line-end hyphens.
 */
static int build_words(layout *L)
{
	for (size_t i = 0; i < L->doc->n && !L->nomem; i++) {
		const char *s = L->doc->line[i].text;
		size_t len = L->doc->line[i].len, p = 0;
		while (p < len) {
			if (!isalpha((unsigned char)s[p])) {
				p++;
				continue;
			}
			size_t w = p, parts = 0;
			for (;;) {
				size_t q = p;
				while (p < len && isalpha((unsigned char)s[p]))
					p++;
				ws_add(L, ofs_hash64_lower(s + q, p - q));
				parts++;
				if (p + 1 < len && s[p] == '-' && isalpha((unsigned char)s[p + 1]))
					p++;
				else
					break;
			}
			if (parts > 1)
				ws_add(L, ofs_hash64_lower(s + w, p - w));
		}
	}
	return L->nomem ? -1 : 0;
}

/* ---- passes 1 to 4 ---------------------------------------------------- */

static void measure(layout *L)
{
	enum { NB = 400 };
	size_t hist[NB] = {0}, pitch[NB] = {0};
	const ofs__pdf_lines *d = L->doc;
	for (size_t i = 0; i < d->n; i++) {
		/* Range-checked as a float first: a hostile font matrix gives sizes
		 * (or NaN) that no int holds. */
		float f = d->line[i].size * 2 + 0.5f;
		if (f >= 1 && f < NB)
			hist[(int)f] += d->line[i].len;
	}
	int best = 24;
	for (int b = 1; b < NB; b++)
		if (hist[b] > hist[best])
			best = b;
	L->body = best / 2.0f;
	for (size_t i = 1; i < d->n; i++) {
		const ofs__pdf_line *a = &d->line[i - 1], *b = &d->line[i];
		float dy = b->y0 - a->y0;
		if (a->page != b->page || a->size < L->body - 0.6f || a->size > L->body + 0.6f ||
		    b->size < L->body - 0.6f || b->size > L->body + 0.6f ||
		    !(dy >= 0.9f * L->body && dy <= 2.2f * L->body))
			continue;
		float k = dy * 4 + 0.5f;
		if (k < NB)
			pitch[(int)k]++;
	}
	int pk = 0;
	for (int k = 1; k < NB; k++)
		if (pitch[k] > pitch[pk])
			pk = k;
	L->pitch = pitch[pk] ? pk / 4.0f : 1.2f * L->body;
}

/* Pass 2: running headers, footers and page numbers. */
static int mark_running(layout *L)
{
	const ofs__pdf_lines *d = L->doc;
	size_t nb = 0;
	size_t *band = malloc(d->n * sizeof *band);
	uint64_t *key = malloc(d->n * sizeof *key);
	float *top = malloc((size_t)d->pages * sizeof *top);
	float *bottom = malloc((size_t)d->pages * sizeof *bottom);
	int rc = -1;
	if (!band || !key || !top || !bottom)
		goto done;
	for (int p = 0; p < d->pages; p++) {
		top[p] = 1e9f;
		bottom[p] = -1e9f;
	}
	for (size_t i = 0; i < d->n; i++) {
		const ofs__pdf_line *l = &d->line[i];
		top[l->page - 1] = fminf_(top[l->page - 1], l->y0);
		bottom[l->page - 1] = fmaxf_(bottom[l->page - 1], l->y1);
	}
	for (size_t i = 0; i < d->n; i++) {
		const ofs__pdf_line *l = &d->line[i];
		float h = d->page_h[l->page - 1];
		char k[160];
		if (h <= 0 || l->len >= 150)
			continue;
		int in_band = l->y1 <= BAND * h || l->y0 >= (1 - BAND) * h;
		/* Page numbers may sit a little further in (large type), but
		 * are then the first or last thing on the page. */
		int outer = (l->y0 >= 0.85f * h && l->y1 >= bottom[l->page - 1] - 0.5f) ||
			    (l->y1 <= 0.15f * h && l->y0 <= top[l->page - 1] + 0.5f);
		if (!in_band && !outer)
			continue;
		size_t kn = fold_key(l->text, l->len, k, sizeof k);
		if (is_page_number_key(k) && (in_band || l->len <= 4)) {
			/* A number with text right beside it on its row is a
			 * paragraph number in the margin, not a page number. */
			int marker = 0;
			for (size_t j = i + 1; j < d->n && j <= i + 2 && d->line[j].page == l->page; j++)
				if (row_overlap(l, &d->line[j]) > 0.4f && d->line[j].x0 >= l->x1 &&
				    d->line[j].x0 - l->x1 < 6 * l->size && d->line[j].len > 3)
					marker = 1;
			if (!marker)
				L->inf[i].flags |= F_RUNNING;
			continue;
		}
		if (!in_band)
			continue;
		band[nb] = i;
		key[nb++] = ofs_hash64_lower(k, kn);
	}
	/* A band line recurring on a quarter of the pages (at least two) is
	 * running text; counting pages, not lines, so a header line
	 * repeated within one page does not count twice. */
	int need = d->pages / 4 > 2 ? d->pages / 4 : 2;
	for (size_t a = 0; a < nb; a++) {
		int pages = 0, last = 0;
		for (size_t b = 0; b < nb; b++) {
			int pg = d->line[band[b]].page;
			if (key[b] == key[a] && pg != last) {
				pages++;
				last = pg;
			}
		}
		if (pages >= need)
			L->inf[band[a]].flags |= F_RUNNING;
	}
	rc = 0;
done:
	free(band);
	free(key);
	free(top);
	free(bottom);
	return rc;
}

static int usable(const layout *L, size_t i)
{
	return !(L->inf[i].flags & (F_RUNNING | F_MARKER));
}

/* Pass 3: numbers and bullet glyphs set apart in the margin. */
static void mark_markers(layout *L)
{
	const ofs__pdf_lines *d = L->doc;
	for (size_t i = 0; i < d->n; i++) {
		const ofs__pdf_line *l = &d->line[i];
		if (!usable(L, i))
			continue;
		int num = bare_number(l->text, l->len);
		int bul = !num && bullet_len(l->text, l->len, 1) == l->len;
		if (!num && !bul)
			continue;
		/* The text it heads: the nearest usable line on the same row
		 * starting to its right, usually the next one read. */
		long best = -1;
		for (long j = (long)i - 2; j <= (long)i + 2; j++) {
			if (j < 0 || (size_t)j >= d->n || (size_t)j == i || !usable(L, (size_t)j))
				continue;
			const ofs__pdf_line *t = &d->line[j];
			if (t->page != l->page || row_overlap(l, t) < 0.4f || t->x0 < l->x1 - 0.5f ||
			    t->x0 - l->x1 > 8 * l->size)
				continue;
			if (best < 0 || labs(j - (long)i) < labs(best - (long)i))
				best = j;
		}
		if (best < 0)
			continue;
		L->inf[i].flags |= F_MARKER;
		L->inf[best].mark_x0 = l->x0;
		if (num)
			L->inf[best].number = num;
		else
			L->inf[best].flags |= F_BULLET;
	}
}

/* Whether a line is only the words of grades ("Inadequate", "Requires
 * improvement", "to be good"). */
static int grade_words(const ofs__pdf_line *l)
{
	size_t i = 0;
	int any = 0;
	while (i < l->len) {
		size_t j = i;
		while (j < l->len && isalpha((unsigned char)l->text[j]))
			j++;
		if (j == i) {
			if (l->text[i] != ' ')
				return 0;
			i++;
			continue;
		}
		if (!ofs_grade_phrase_word(l->text + i, j - i))
			return 0;
		any = 1;
		i = j;
	}
	return any;
}

/* Bold, or larger than body text, as headings are set, and not a
 * numbered row ("1. Children who need help and protection" in the
 * single inspection framework's summary table). */
static int judgement_heading(const layout *L, const ofs__pdf_line *l)
{
	size_t skip;
	return (l->bold > 0.5f || l->size > L->body + 1.5f) &&
	       !leading_number(l->text, l->len, &skip);
}

/* Pass 4: table cells. */
static void mark_tables(layout *L)
{
	const ofs__pdf_lines *d = L->doc;
	size_t start = 0;
	while (start < d->n) {
		size_t end = start;
		while (end < d->n && d->line[end].page == d->line[start].page)
			end++;
		/* Rows: two lines side by side.  MuPDF already keeps words
		 * closer than about an em on one line, so two lines sharing
		 * a row with a clear gap are separate columns. */
		for (size_t i = start; i < end; i++) {
			if (!usable(L, i))
				continue;
			const ofs__pdf_line *a = &d->line[i];
			for (size_t j = i + 1; j < end; j++) {
				if (!usable(L, j))
					continue;
				const ofs__pdf_line *b = &d->line[j];
				float gap = b->x0 >= a->x1 ? b->x0 - a->x1 : a->x0 - b->x1;
				if (row_overlap(a, b) > 0.3f && gap > 0.6f * fmaxf_(a->size, b->size)) {
					/* A judgement heading with its grade set
					 * beside it ("The experiences and progress
					 * of children who need help and protection
					 * | Inadequate") is a heading, not a row:
					 * only the grade is set aside. */
					int ga = grade_words(a), gb = grade_words(b);
					if (!(gb && !ga && judgement_heading(L, a)))
						L->inf[i].flags |= F_TABLE;
					if (!(ga && !gb && judgement_heading(L, b)))
						L->inf[j].flags |= F_TABLE;
				}
			}
		}
		/* Cells wrapped onto lines of their own between two rows. */
		long last_table = -1;
		for (size_t i = start; i < end; i++) {
			if (!usable(L, i) || !(L->inf[i].flags & F_TABLE))
				continue;
			if (last_table >= 0 && i - (size_t)last_table > 1) {
				size_t run = 0;
				int close = 1;
				size_t prev = (size_t)last_table;
				for (size_t k = (size_t)last_table + 1; k <= i; k++) {
					if (!usable(L, k))
						continue;
					if (k < i)
						run++;
					if (d->line[k].y0 - d->line[prev].y0 > 2.5f * L->pitch)
						close = 0;
					prev = k;
				}
				if (close && run <= MAX_CELL_RUN)
					for (size_t k = (size_t)last_table + 1; k < i; k++)
						L->inf[k].flags |= F_TABLE;
			}
			last_table = (long)i;
		}
		/* Cells wrapped below a table's last row: lines right after
		 * it that start exactly where a cell of a later column does. */
		float left = 1e9f;
		for (size_t i = start; i < end; i++)
			if (usable(L, i) && (L->inf[i].flags & F_TABLE) && d->line[i].x0 < left)
				left = d->line[i].x0;
		for (size_t i = start + 1; i < end; i++) {
			size_t p = i - 1;
			while (p > start && !usable(L, p))
				p--;
			if (!usable(L, i) || !usable(L, p) || (L->inf[i].flags & F_TABLE) ||
			    !(L->inf[p].flags & F_TABLE) ||
			    d->line[i].y0 - d->line[p].y0 > 1.5f * L->pitch ||
			    d->line[i].x0 < left + 10)
				continue;
			for (size_t k = start; k < i; k++)
				if ((L->inf[k].flags & F_TABLE) && d->line[k].x0 < d->line[i].x0 + 3 &&
				    d->line[k].x0 > d->line[i].x0 - 3) {
					L->inf[i].flags |= F_TABLE;
					break;
				}
		}
		/* Footnotes: the run of small type that ends the page, below
		 * body text (a page all in small type is just small type). */
		size_t foot = end;
		for (size_t i = end; i > start; i--) {
			const ofs__pdf_line *l = &d->line[i - 1];
			if (!usable(L, i - 1))
				continue;
			if (l->size >= 0.88f * L->body || l->y0 < 0.5f * d->page_h[l->page - 1] ||
			    (L->inf[i - 1].flags & F_TABLE))
				break;
			foot = i - 1;
		}
		int body_above = 0;
		for (size_t i = start; i < foot; i++)
			if (usable(L, i) && d->line[i].size >= 0.88f * L->body)
				body_above = 1;
		for (size_t i = foot; body_above && i < end; i++)
			if (usable(L, i))
				L->inf[i].flags |= F_FOOTNOTE;
		start = end;
	}
}

/* ---- pass 5: assembly ------------------------------------------------- */

/* Append line text to a buffer, undoing line-end hyphenation. */
static void join_line(layout *L, ofs_sbuf *b, const ofs__pdf_line *prev, const char *s, size_t len)
{
	if (b == &L->para)
		L->para_lines++;
	static const char *const prefixes[] = {
		"multi", "well", "co", "non", "pre", "self", "long", "short", "full",
		"part", "cross", "re", "ex", "sub", "inter", "post", "over", "under",
		"anti", "semi", "high", "low", "on", "up", "out", "de", NULL};
	if (!b->len) {
		sb_add(L, b, s, len);
		return;
	}
	if (prev && prev->soft_hyphen) {
		sb_add(L, b, s, len);
		return;
	}
	if (b->s[b->len - 1] == '-' && b->len >= 2 && isalnum((unsigned char)b->s[b->len - 2])) {
		size_t f = b->len - 1;
		while (f > 0 && isalpha((unsigned char)b->s[f - 1]))
			f--;
		size_t frag = b->len - 1 - f, nx = 0;
		while (nx < len && isalpha((unsigned char)s[nx]))
			nx++;
		int keep = 1;
		if (frag && nx && islower((unsigned char)s[0]) &&
		    (f == 0 || b->s[f - 1] != '-')) {
			int prefix = 0;
			for (int i = 0; prefixes[i]; i++)
				if (strlen(prefixes[i]) == frag && !strncasecmp(b->s + f, prefixes[i], frag))
					prefix = 1;
			char w[128];
			if (!prefix && frag + nx + 1 < sizeof w) {
				memcpy(w, b->s + f, frag + 1);
				memcpy(w + frag + 1, s, nx);
				if (!ofs_u64set_has(&L->words, ofs_hash64_lower(w, frag + 1 + nx))) {
					memcpy(w + frag, s, nx);
					if (ofs_u64set_has(&L->words, ofs_hash64_lower(w, frag + nx)))
						keep = 0;
				}
			}
		}
		if (!keep)
			b->len--;
		sb_add(L, b, s, len);
		return;
	}
	sb_add(L, b, " ", 1);
	sb_add(L, b, s, len);
}

static ofs_status emit(layout *L, const char *text, size_t len, const char *section,
		       int page, int number)
{
	while (len && text[len - 1] == ' ')
		len--;
	if (!len)
		return OFS_OK;
	if (ofs_report_add_para(L->r, text, len, section, page, number)) {
		L->nomem = 1;
		return OFS_ENOMEM;
	}
	return OFS_OK;
}

static void flush_asides(layout *L)
{
	for (size_t i = 0; i < L->n_aside; i++) {
		aside *a = &L->aside[i];
		emit(L, a->text, strlen(a->text), a->section, a->page, 0);
		free(a->text);
		free(a->section);
	}
	L->n_aside = 0;
}

/*
 * A paragraph of one short line that does not end like a sentence is a
 * heading set in body type (some reports mark sub-headings only by
 * underlining, which structured text does not show).
 */
static int plain_heading(const layout *L)
{
	const char *s = L->para.s;
	size_t len = L->para.len;
	size_t words = 1;
	if (L->para_lines != 1 || L->para_list || L->para_number || len < 3 || len > 90 ||
	    !isupper((unsigned char)s[0]) || !isalpha((unsigned char)s[len - 1]))
		return 0;
	for (size_t i = 0; i < len; i++)
		words += s[i] == ' ';
	return words <= 12;
}

static void flush_para(layout *L)
{
	if (L->para_open && L->para_lines == 1 && ofs_heading_is_cover_line(L->para.s, L->para.len)) {
		/* A cover line ("Lead inspector: ..."): see close_heading. */
	} else if (L->para_open && plain_heading(L)) {
		char *sec = strndup(L->para.s, L->para.len);
		if (!sec) {
			L->nomem = 1;
		} else {
			free(L->section);
			L->section = sec;
		}
	} else if (L->para_open) {
		emit(L, L->para.s, L->para.len, L->section, L->para_page, L->para_number);
	}
	L->para_open = 0;
	L->para.len = 0;
	L->para_list = 0;
	L->para_number = 0;
	flush_asides(L);
}

static void start_para(layout *L, const ofs__pdf_line *l, const char *s, size_t len,
		       int number, int list)
{
	flush_para(L);
	L->para_open = 1;
	L->para_page = l->page;
	L->para_number = number;
	L->para_list = list;
	L->para_lines = 1;
	L->para_x0 = l->x0;
	L->item_x0 = l->x0;
	if (list && L->inf[l - L->doc->line].mark_x0 > 0)
		L->item_x0 = L->inf[l - L->doc->line].mark_x0;
	if (list)
		sb_add(L, &L->para, "- ", 2);
	sb_add(L, &L->para, s, len);
}

/* End the heading being built: a section, or, if it reads like a
 * sentence, a paragraph after all. */
static void close_heading(layout *L, int page)
{
	if (!L->head_open)
		return;
	L->head_open = 0;
	const char *h = L->head.s;
	size_t len = L->head.len;
	if (ofs_heading_is_cover_line(h, len)) {
		/* The report's particulars (the metadata reads them from the
		 * whole text): neither a section nor a paragraph. */
		flush_para(L);
	} else if (len > MAX_HEADING || L->head_lines > 3 || (len && h[len - 1] == '.')) {
		flush_para(L);
		emit(L, h, len, L->section, page, 0);
	} else {
		flush_para(L);
		/* Before the first paragraph, headings are the report's title
		 * ("... and review of the effectiveness of the local
		 * safeguarding children board"), which names no section. */
		char *none = NULL;
		if (ofs_section_enter(L->r->n_paras ? &L->parent : &none, &L->section, h,
				      len) != OFS_OK)
			L->nomem = 1;
		free(none);
	}
	L->head.len = 0;
}

static void close_footnote(layout *L)
{
	if (!L->foot_open)
		return;
	L->foot_open = 0;
	if (!L->foot.len)
		return;
	if (L->n_aside == L->cap_aside) {
		size_t cap = L->cap_aside ? 2 * L->cap_aside : 8;
		aside *a = realloc(L->aside, cap * sizeof *a);
		if (!a) {
			L->nomem = 1;
			return;
		}
		L->aside = a;
		L->cap_aside = cap;
	}
	aside *a = &L->aside[L->n_aside];
	a->text = strndup(L->foot.s, L->foot.len);
	a->section = L->section ? strdup(L->section) : NULL;
	a->page = L->foot_page;
	if (!a->text || (L->section && !a->section)) {
		free(a->text);
		free(a->section);
		L->nomem = 1;
		return;
	}
	L->n_aside++;
	L->foot.len = 0;
}

static void add_footnote(layout *L, const ofs__pdf_line *l)
{
	/* A new note starts where the previous one ended a sentence or
	 * the page changed. */
	if (L->foot_open && (L->foot_page != l->page || ends_terminal(L->foot.s, L->foot.len)))
		close_footnote(L);
	if (!L->foot_open) {
		L->foot_open = 1;
		L->foot_page = l->page;
		L->foot.len = 0;
	}
	join_line(L, &L->foot, NULL, l->text, l->len);
	/* Footnotes of a page are parked as soon as the page is done, so
	 * the paragraph they interrupt carries them. */
}

/* Whether table lines a and b (b right below a) are one wrapped cell. */
static int same_cell(const layout *L, long a, long b)
{
	const ofs__pdf_line *la = &L->doc->line[a], *lb = &L->doc->line[b];
	return (L->inf[a].flags & F_TABLE) && (L->inf[b].flags & F_TABLE) &&
	       la->page == lb->page && la->x0 > lb->x0 - 2 && la->x0 < lb->x0 + 2 &&
	       lb->y0 > la->y0 && lb->y0 - la->y0 < 1.6f * lb->size;
}

/*
 * After a table: a table of one judgement and its grade ("Key judgement |
 * Judgement grade", "The experiences and progress of children who need
 * help and protection | Inadequate") heads the section that follows, as a
 * judgement heading would.  A summary table of several judgements heads
 * nothing.
 */
static void end_table(layout *L)
{
	if (L->table_judgements == 1 && L->r->n_paras) {
		/* The cell may wrap: "The experiences and progress of
		 * children" above "who need help and protection". */
		long j = L->table_judgement;
		const ofs__pdf_line *l = &L->doc->line[j];
		ofs_sbuf h = {0};
		if (j > 0 && same_cell(L, j - 1, j))
			join_line(L, &h, NULL, l[-1].text, l[-1].len);
		join_line(L, &h, h.len ? l - 1 : NULL, l->text, l->len);
		if ((size_t)j + 1 < L->doc->n && same_cell(L, j, j + 1))
			join_line(L, &h, l, l[1].text, l[1].len);
		if (!L->nomem && h.len &&
		    ofs_section_enter(&L->parent, &L->section, h.s, h.len) != OFS_OK)
			L->nomem = 1;
		free(h.s);
	}
	L->table_judgements = 0;
}

static void assemble(layout *L)
{
	const ofs__pdf_lines *d = L->doc;
	L->prev = -1;
	for (size_t i = 0; i < d->n && !L->nomem; i++) {
		const ofs__pdf_line *l = &d->line[i];
		unsigned fl = L->inf[i].flags;
		if (fl & (F_RUNNING | F_MARKER))
			continue;
		/* A number alone, heading nothing, is a stray list or
		 * paragraph number, not text. */
		if (l->len == 0 || bare_number(l->text, l->len))
			continue;
		if (L->foot_open && d->line[i].page != L->foot_page)
			close_footnote(L);
		if (fl & F_FOOTNOTE) {
			add_footnote(L, l);
			continue;
		}
		if (fl & F_TABLE) {
			char cell[256];
			close_heading(L, l->page);
			flush_para(L);
			L->prev = -1;
			if (l->len < sizeof cell) {
				memcpy(cell, l->text, l->len);
				cell[l->len] = '\0';
				/* "Overall effectiveness" in a table is the
				 * summary of the service above it (before
				 * 2013), or of the report: it heads nothing. */
				ofs_area a = ofs_area_from_heading(cell);
				if (a != OFS_AREA_UNKNOWN && a != OFS_AREA_OVERALL &&
				    a != OFS_AREA_OTHER) {
					L->table_judgements++;
					L->table_judgement = (long)i;
				}
			}
			continue;
		}
		end_table(L);
		const ofs__pdf_line *p = L->prev >= 0 ? &d->line[L->prev] : NULL;
		float expect = L->pitch * fmaxf_(l->size, p ? p->size : l->size) / L->body;
		float dy = p ? l->y0 - p->y0 : 0;
		int new_page = p && p->page != l->page;
		int new_flow = !p || new_page || dy > 1.45f * expect || dy < -0.3f * l->size;
		int hanging = p && !new_page && l->x0 < p->x0 - 4;

		const char *s = l->text;
		size_t len = l->len, skip = 0;
		int number = L->inf[i].number;
		int bullet = (fl & F_BULLET) != 0;
		if (!bullet && !number) {
			size_t b = bullet_len(s, len, new_flow || hanging || L->para_list);
			if (b && b < len) {
				bullet = 1;
				skip = b;
			}
		}
		if (!bullet && !number && (new_flow || hanging)) {
			number = leading_number(s, len, &skip);
			if (!number)
				skip = 0;
		}
		s += skip;
		len -= skip;

		/* A bold or large line that carries on the paragraph being
		 * read, at its pitch and size, is emphasis or large print,
		 * not a heading: headings stand apart. */
		int carries_on = L->para_open && !new_flow && p && l->size > p->size - 1 &&
				 l->size < p->size + 1;
		int heading = !bullet && !number && len <= MAX_HEADING && !carries_on &&
			      (l->bold >= 0.75f || l->size >= 1.12f * L->body + 0.5f);
		if (heading) {
			if (L->head_open && !new_page && dy >= 0 &&
			    dy <= 1.6f * fmaxf_(l->size, L->head_size) &&
			    l->size > L->head_size - 1 && l->size < L->head_size + 1) {
				join_line(L, &L->head, p, s, len);
				L->head_lines++;
			} else {
				close_heading(L, l->page);
				flush_para(L);
				L->head_open = 1;
				L->head_size = l->size;
				L->head_lines = 1;
				L->head.len = 0;
				sb_add(L, &L->head, s, len);
			}
			L->prev = (long)i;
			continue;
		}
		if (L->head_open) {
			close_heading(L, l->page);
			new_flow = 1;
		}

		if (bullet) {
			if (L->para_open && L->para_list) {
				sb_add(L, &L->para, "\n- ", 3);
				L->para_lines++;
				sb_add(L, &L->para, s, len);
				L->item_x0 = L->inf[i].mark_x0 > 0 ? L->inf[i].mark_x0 : l->x0;
			} else {
				start_para(L, l, s, len, 0, 1);
			}
		} else if (number) {
			start_para(L, l, s, len, number, 0);
		} else if (!L->para_open) {
			start_para(L, l, s, len, 0, 0);
		} else if (L->para_list) {
			/* An item goes on with lines indented past its bullet,
			 * or over a page break mid-sentence. */
			int cont = new_page ? !ends_terminal(L->para.s, L->para.len)
					    : !new_flow && l->x0 > L->item_x0 + 2;
			if (cont)
				join_line(L, &L->para, p, s, len);
			else
				start_para(L, l, s, len, 0, 0);
		} else if (!new_flow) {
			join_line(L, &L->para, p, s, len);
		} else if (new_page && (!ends_terminal(L->para.s, L->para.len) ||
					(L->para_number && l->x0 > L->para_x0 - 2 &&
					 l->x0 < L->para_x0 + 2))) {
			/* Over a page break a paragraph goes on mid-sentence,
			 * or, when it is numbered, wherever the next page starts
			 * unnumbered at its indent: a new paragraph of a
			 * numbered report would have its number. */
			join_line(L, &L->para, p, s, len);
		} else {
			start_para(L, l, s, len, 0, 0);
		}
		L->prev = (long)i;
	}
	close_footnote(L);
	if (L->head_open && d->n)
		close_heading(L, d->line[d->n - 1].page);
	flush_para(L);
}

ofs_status ofs__pdf_layout(ofs_report *r, const ofs__pdf_lines *doc, ofs_error *err)
{
	layout L;
	ofs_status rc = OFS_OK;

	memset(&L, 0, sizeof L);
	L.r = r;
	L.doc = doc;
	if (!doc->n)
		return OFS_OK;
	L.inf = calloc(doc->n, sizeof *L.inf);
	if (!L.inf || build_words(&L) || mark_running(&L)) {
		L.nomem = 1;
		goto done;
	}
	measure(&L);
	mark_markers(&L);
	mark_tables(&L);
	assemble(&L);
done:
	if (L.nomem)
		rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory laying out text", r->path);
	for (size_t i = 0; i < L.n_aside; i++) {
		free(L.aside[i].text);
		free(L.aside[i].section);
	}
	free(L.aside);
	free(L.para.s);
	free(L.head.s);
	free(L.foot.s);
	free(L.section);
	free(L.parent);
	ofs_u64set_free(&L.words);
	free(L.inf);
	return rc;
}
