/*
 * para_split.c: paragraphs from plain text (see para_split.h for the
 * rules).
 *
 * Two passes: the text is cut into lines with their page, then lines are
 * grouped.  Grouping looks one line ahead only, to decide whether a short
 * line is a heading (body text follows) or content of its own.
 */
#include "read/para_split.h"

#include "base/normalize.h"
#include "ofs/facets.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lines longer than this are unwrapped paragraphs, not wrapped lines. */
#define LONG_LINE 100
/* Headings are at most this long. */
#define MAX_HEADING 90

typedef struct line {
	const char *s;
	size_t len;
	int page;
	int blank;
} line;

typedef struct buf {
	char *s;
	size_t len, cap;
	int page;
	int number;
	int list; /* holds list items */
} buf;

static int buf_add(buf *b, const char *s, size_t len, char sep)
{
	if (b->len + len + 2 > b->cap) {
		size_t cap = (b->len + len + 2) * 2;
		char *n = realloc(b->s, cap);
		if (!n)
			return -1;
		b->s = n;
		b->cap = cap;
	}
	if (b->len && sep)
		b->s[b->len++] = sep;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
	return 0;
}

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Length of a list marker at s ("- ", "• ", "1) "), 0 if none. */
static size_t list_marker(const char *s, size_t len)
{
	static const char *const marks[] = {"- ", "* ", "\xE2\x80\xA2 ", "\xC2\xB7 ",
					    "\xE2\x96\xAA ", "\xE2\x97\x8F ", "o ", NULL};
	for (int i = 0; marks[i]; i++) {
		size_t n = strlen(marks[i]);
		if (len > n && !memcmp(s, marks[i], n))
			return n;
	}
	size_t i = 0;
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		i++;
	if (i && i + 1 < len && s[i] == ')' && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

/* "12. Text" -> 12, and *skip is the length of "12. ".  0 when none. */
static int para_number(const char *s, size_t len, size_t *skip)
{
	size_t i = 0;
	int n = 0;
	while (i < len && i < 3 && isdigit((unsigned char)s[i]))
		n = n * 10 + (s[i++] - '0');
	if (!i || i + 1 >= len || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	*skip = i + 2;
	return n;
}

static int ends_sentence(const char *s, size_t len)
{
	if (!len)
		return 0;
	char c = s[len - 1];
	if (c == '"' || c == '\'' || c == ')')
		c = len > 1 ? s[len - 2] : c;
	return c == '.' || c == '!' || c == ';' || c == ',' || c == ':';
}

static int heading_like(const line *l)
{
	if (l->blank || l->len > MAX_HEADING || ends_sentence(l->s, l->len))
		return 0;
	if (list_marker(l->s, l->len))
		return 0;
	unsigned char c = (unsigned char)l->s[0];
	return isupper(c) || isdigit(c) || c >= 0x80;
}

/* Whether the next non-blank line after lines[i] is a list item. */
static int next_is_item(const line *lines, size_t n, size_t i)
{
	size_t k = i + 1;
	while (k < n && lines[k].blank)
		k++;
	return k < n && list_marker(lines[k].s, lines[k].len);
}

struct splitter {
	ofs_report *r;
	buf para;
	char *section;
	char *parent; /* the last top-level heading */
	ofs_status rc;
};

/*
 * Where to end a piece of an over-long paragraph s (len > OFS_PARA_MAX):
 * after the last sentence end in the second half of the first
 * OFS_PARA_MAX bytes, else at the last space there, else at the last
 * start of a UTF-8 character.
 */
static size_t cut_at(const char *s)
{
	size_t k;
	for (k = OFS_PARA_MAX; k > OFS_PARA_MAX / 2; k--)
		if (s[k] == ' ' && strchr(".!?", s[k - 1]))
			return k;
	for (k = OFS_PARA_MAX; k > OFS_PARA_MAX / 2; k--)
		if (s[k] == ' ')
			return k;
	k = ofs_utf8_cut(s, OFS_PARA_MAX);
	return k ? k : OFS_PARA_MAX; /* never nothing: text is UTF-8 */
}

static void flush(struct splitter *sp)
{
	const char *s = sp->para.s;
	size_t len = sp->para.len;
	/* Bounded paragraphs bound the index's work and a result's size. */
	while (sp->rc == OFS_OK && len > OFS_PARA_MAX) {
		size_t k = cut_at(s);
		sp->rc = ofs_report_add_para(sp->r, s, k, sp->section, sp->para.page,
					     sp->para.number);
		while (k < len && s[k] == ' ')
			k++;
		s += k;
		len -= k;
	}
	if (sp->rc == OFS_OK && len)
		sp->rc = ofs_report_add_para(sp->r, s, len, sp->section, sp->para.page,
					     sp->para.number);
	sp->para.len = 0;
	sp->para.number = 0;
	sp->para.list = 0;
}

static void set_section(struct splitter *sp, const line *l)
{
	if (ofs_section_enter(&sp->parent, &sp->section, l->s, l->len) != OFS_OK)
		sp->rc = OFS_ENOMEM;
}

/* Whether the heading-like line l names a judgement area, so that it is a
 * heading even when a sub-heading follows it. */
static int names_area(const line *l)
{
	char h[256];
	if (l->len >= sizeof h)
		return 0;
	memcpy(h, l->s, l->len);
	h[l->len] = '\0';
	return ofs_area_from_heading(h) != OFS_AREA_UNKNOWN;
}

/* Start a paragraph with line l, taking its number if it has one. */
static void start(struct splitter *sp, const line *l)
{
	size_t skip = 0;
	int n = para_number(l->s, l->len, &skip);
	sp->para.page = l->page;
	sp->para.number = n;
	if (buf_add(&sp->para, l->s + skip, l->len - skip, 0))
		sp->rc = OFS_ENOMEM;
}

ofs_status ofs_para_split_text(ofs_report *r, const char *text, size_t len)
{
	line *lines = NULL;
	size_t n = 0, cap = 0;
	/* Text without form feeds has no pages to cite. */
	int paged = memchr(text, '\f', len) != NULL, page = paged;
	struct splitter sp = {.r = r};

	for (size_t i = 0; i <= len;) {
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\f')
			j++;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			line *nl = realloc(lines, cap * sizeof *nl);
			if (!nl) {
				free(lines);
				return OFS_ENOMEM;
			}
			lines = nl;
		}
		line *l = &lines[n++];
		l->s = text + i;
		l->len = j - i;
		trim(&l->s, &l->len);
		l->page = page;
		l->blank = l->len == 0;
		if (j < len && text[j] == '\f')
			page++;
		i = j + 1;
	}

	for (size_t i = 0; i < n && sp.rc == OFS_OK; i++) {
		const line *l = &lines[i];
		const line *next = i + 1 < n ? &lines[i + 1] : NULL;
		size_t mark = l->blank ? 0 : list_marker(l->s, l->len);

		if (l->blank) {
			/* A list continues across blank lines between items. */
			if (!(sp.para.len && next_is_item(lines, n, i)))
				flush(&sp);
			continue;
		}
		if (mark) {
			/* Items start "- " whatever marker the text used. */
			if (!sp.para.list && sp.para.len &&
			    sp.para.s[sp.para.len - 1] != ':')
				flush(&sp);
			if (!sp.para.len)
				sp.para.page = l->page;
			if (buf_add(&sp.para, "- ", 2, '\n') ||
			    buf_add(&sp.para, l->s + mark, l->len - mark, 0))
				sp.rc = OFS_ENOMEM;
			sp.para.list = 1;
			continue;
		}
		if (sp.para.list)
			flush(&sp);
		if (!sp.para.len && heading_like(l) && !ofs_heading_is_cover_line(l->s, l->len)) {
			/* A heading when body text follows, after a blank line
			 * or as an unwrapped line or a list; not when the next
			 * line continues a wrapped sentence.  Otherwise a short
			 * paragraph of its own. */
			size_t k = i + 1;
			while (k < n && lines[k].blank)
				k++;
			if (k < n && ((!heading_like(&lines[k]) &&
				       (k > i + 1 || lines[k].len > LONG_LINE ||
					list_marker(lines[k].s, lines[k].len))) ||
				      (k > i + 1 && names_area(l)))) {
				set_section(&sp, l);
				continue;
			}
			if (k > i + 1 || k >= n || heading_like(&lines[k])) {
				start(&sp, l);
				flush(&sp);
				continue;
			}
			/* The first line of a wrapped paragraph: go on. */
		}
		if (!sp.para.len) {
			start(&sp, l);
		} else if (buf_add(&sp.para, l->s, l->len, ' ')) {
			sp.rc = OFS_ENOMEM;
		}
		/* Unwrapped text: each long line is a paragraph, unless it
		 * introduces a list. */
		if (l->s[l->len - 1] == ':' && next_is_item(lines, n, i))
			continue;
		if (l->len > LONG_LINE || (next && next->len > LONG_LINE && ends_sentence(l->s, l->len)))
			flush(&sp);
	}
	flush(&sp);
	if (paged)
		r->pages = page;
	free(sp.para.s);
	free(sp.section);
	free(sp.parent);
	free(lines);
	return sp.rc;
}
