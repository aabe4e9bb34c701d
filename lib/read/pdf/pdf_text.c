/*
 * pdf_text.c: reading a PDF's text lines in process with MuPDF.
 *
 * MuPDF's structured text gives, per page, blocks of lines of characters,
 * each character with its position, size and font.  We walk it once and
 * keep, per line, only what the layout rules need (box, mean font size,
 * share of bold characters) and its text.  The text of all lines goes
 * into one buffer, one line per '\n' and a '\f' before each new page,
 * which is normalised with a single ofs_normalize() call and becomes
 * r->fulltext; the lines then point into it.  One buffer and one
 * normalisation per document keep allocations per document, not per
 * character or per line.  pdf_layout.c turns the lines into paragraphs.
 *
 * Every MuPDF call runs inside fz_try in a context created for this call,
 * so concurrent calls from several threads share nothing.  MuPDF's own
 * warnings and errors are silenced: the one message the caller sees is
 * ours, naming the file.  Two checks MuPDF does not make for us: the
 * "%PDF-" magic (MuPDF would try to parse anything) and the closing
 * "%%EOF" (MuPDF quietly repairs a truncated file and returns whatever
 * pages survive, which would index half a report as if it were whole).
 */
#include "read/pdf/pdf_text.h"

#include "base/normalize.h"
#include "read/pdf/pdf_layout.h"

#include <mupdf/fitz.h>
#include <stdlib.h>
#include <string.h>

/* The trailer must end within this many bytes of the end of the file;
 * writers may append a few bytes of whitespace or padding after it. */
#define EOF_WINDOW 2048

/* MuPDF takes the page count from the page tree's /Count as written; a
 * page needs its own dictionary and a reference to it in the file, more
 * than this many bytes even compressed, so a larger count is damage (or
 * a trap), refused before anything is allocated or read for its pages. */
#define MIN_PAGE_BYTES 8

/* A text block and the vertical extent of its visible text. */
typedef struct block_ref {
	fz_stext_block *block;
	float y0, y1;
} block_ref;

/* What one read builds up; lives in the caller's frame and is reached
 * through a pointer so that nothing in it is clobbered by fz_try's
 * longjmp. */
typedef struct reader {
	char *raw;           /* the lines' text before normalisation */
	size_t raw_len, raw_cap;
	ofs__pdf_line *line; /* text is NULL until normalisation */
	size_t n_line, cap_line;
	float *page_h;
	int pages;
	block_ref *order;    /* a page's text blocks in reading order */
	size_t cap_order;
	fz_stext_line **lorder; /* a block's lines in reading order */
	size_t cap_lorder;
	size_t visible;      /* non-space characters in the whole document */
	int nomem;           /* an allocation of ours failed */
	int encrypted;
	int failed;          /* MuPDF threw; what says why */
	char what[256];
	/* One-entry cache: consecutive characters almost always share a
	 * font, and deciding boldness means looking at the font's name. */
	fz_font *last_font;
	int last_bold;
} reader;

static void ignore_message(void *user, const char *message)
{
	(void)user;
	(void)message;
}

static int raw_reserve(reader *rd, size_t more)
{
	if (rd->raw_len + more <= rd->raw_cap)
		return 0;
	size_t cap = rd->raw_cap ? rd->raw_cap : 65536;
	while (cap < rd->raw_len + more)
		cap *= 2;
	char *n = realloc(rd->raw, cap);
	if (!n) {
		rd->nomem = 1;
		return -1;
	}
	rd->raw = n;
	rd->raw_cap = cap;
	return 0;
}

static int font_is_bold(fz_context *ctx, reader *rd, fz_font *font)
{
	if (font == rd->last_font)
		return rd->last_bold;
	int bold = 0;
	if (font) {
		/* The font's flags come from its descriptor, which many
		 * Word-made PDFs leave unset; the name ("Tahoma,Bold",
		 * "Arial-BoldMT") is the more reliable witness. */
		const char *name = fz_font_name(ctx, font);
		bold = fz_font_is_bold(ctx, font) ||
		       (name && (strstr(name, "Bold") || strstr(name, "bold") ||
				 strstr(name, "Black") || strstr(name, "Heavy") ||
				 strstr(name, "Semibold") || strstr(name, "SemiBold") ||
				 strstr(name, "Demi")));
	}
	rd->last_font = font;
	rd->last_bold = bold;
	return bold;
}

/* Whether c would break our one-line-per-'\n' framing or is invisible
 * control noise: such characters become spaces before normalisation. */
static int is_break_or_control(int c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
	       c == 0x2028 || c == 0x2029;
}

static int is_space(int c)
{
	return c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
	       c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* A line being built from MuPDF's characters. */
typedef struct segment {
	size_t start;     /* its first byte in rd->raw */
	size_t n_vis, n_bold;
	double size_sum;
	float x0, x1;     /* horizontal extent of its visible characters */
	int pending_space, soft;
} segment;

static void seg_begin(reader *rd, segment *sg)
{
	memset(sg, 0, sizeof *sg);
	sg->start = rd->raw_len;
}

/* Finish a segment as one line of the document (or drop it if it holds
 * nothing visible). */
static void seg_end(reader *rd, segment *sg, fz_stext_line *ln, int page)
{
	if (!sg->n_vis || rd->nomem) {
		rd->raw_len = sg->start;
		return;
	}
	if (rd->n_line == rd->cap_line) {
		size_t cap = rd->cap_line ? 2 * rd->cap_line : 1024;
		ofs__pdf_line *l = realloc(rd->line, cap * sizeof *l);
		if (!l) {
			rd->nomem = 1;
			rd->raw_len = sg->start;
			return;
		}
		rd->line = l;
		rd->cap_line = cap;
	}
	if (raw_reserve(rd, 1)) {
		rd->raw_len = sg->start;
		return;
	}
	rd->raw[rd->raw_len++] = '\n';
	ofs__pdf_line *l = &rd->line[rd->n_line++];
	memset(l, 0, sizeof *l);
	l->page = page;
	l->x0 = sg->x0;
	l->y0 = ln->bbox.y0;
	l->x1 = sg->x1;
	l->y1 = ln->bbox.y1;
	l->size = (float)(sg->size_sum / (double)sg->n_vis);
	l->bold = (float)sg->n_bold / (float)sg->n_vis;
	l->soft_hyphen = sg->soft;
	rd->visible += sg->n_vis;
}

/*
 * Append one MuPDF line to the reader, as one line or several.  MuPDF
 * sometimes keeps table cells on one row as one line ("Good (Grade 2)
 * A service that..."), and a number or bullet set off by a tab joins
 * its text; a gap wider than an em between two characters splits the
 * line there, so the layout rules see columns and margin markers.
 * Footnote reference marks (small raised digits, "Board1") are dropped:
 * they would otherwise glue a number to the word before them in both
 * the paragraphs and fulltext.
 */
static void add_line(fz_context *ctx, reader *rd, fz_stext_line *ln, int page)
{
	float max_size = 0, base_y = 0, last_x1 = 0;
	segment sg;
	for (fz_stext_char *ch = ln->first_char; ch; ch = ch->next) {
		if (ch->size > max_size) {
			max_size = ch->size;
			base_y = ch->origin.y;
		}
	}
	seg_begin(rd, &sg);
	for (fz_stext_char *ch = ln->first_char; ch && !rd->nomem; ch = ch->next) {
		int c = ch->c;
		if (c >= '0' && c <= '9' && ch->size < 0.8f * max_size &&
		    ch->origin.y < base_y - 0.15f * max_size)
			continue;
		if (is_break_or_control(c))
			c = ' ';
		if (c == 0xAD) {
			/* A soft hyphen shows only where a line breaks inside
			 * a word; normalisation would drop it silently, so
			 * remember it for joining lines. */
			sg.soft = 1;
			continue;
		}
		if (is_space(c)) {
			/* Leading spaces are dropped, runs of spaces kept as
			 * one pending space until a visible character comes. */
			if (sg.n_vis)
				sg.pending_space = 1;
			continue;
		}
		float cx0 = fz_min(ch->quad.ul.x, ch->quad.ll.x);
		float cx1 = fz_max(ch->quad.ur.x, ch->quad.lr.x);
		if (sg.n_vis && cx0 - last_x1 > 0.9f * max_size) {
			seg_end(rd, &sg, ln, page);
			seg_begin(rd, &sg);
		}
		if (raw_reserve(rd, 8))
			return;
		sg.soft = 0;
		if (sg.pending_space) {
			rd->raw[rd->raw_len++] = ' ';
			sg.pending_space = 0;
		}
		rd->raw_len += (size_t)fz_runetochar(rd->raw + rd->raw_len, c);
		if (!sg.n_vis)
			sg.x0 = cx0;
		sg.x1 = cx1;
		last_x1 = cx1;
		sg.n_vis++;
		sg.size_sum += ch->size;
		if (font_is_bold(ctx, rd, ch->font))
			sg.n_bold++;
	}
	seg_end(rd, &sg, ln, page);
}

/* Read one page's lines; throws on MuPDF errors. */
static void read_page(fz_context *ctx, fz_document *doc, reader *rd, int pno)
{
	fz_page *page = NULL;
	fz_stext_page *text = NULL;
	/* No FZ_STEXT_PRESERVE_IMAGES: images are skipped, not decoded.
	 * Ligatures are expanded and odd whitespace becomes spaces. */
	fz_stext_options opts = {0};

	fz_var(page);
	fz_var(text);
	fz_try(ctx) {
		page = fz_load_page(ctx, doc, pno);
		fz_rect box = fz_bound_page(ctx, page);
		rd->page_h[pno] = box.y1 - box.y0;
		text = fz_new_stext_page_from_page(ctx, page, &opts);
		if (raw_reserve(rd, 1))
			break;
		if (pno > 0)
			rd->raw[rd->raw_len++] = '\f';
		size_t nb = 0;
		for (fz_stext_block *b = text->first_block; b; b = b->next)
			if (b->type == FZ_STEXT_BLOCK_TEXT)
				nb++;
		if (nb > rd->cap_order) {
			block_ref *o = realloc(rd->order, nb * sizeof *o);
			if (!o) {
				rd->nomem = 1;
				break;
			}
			rd->order = o;
			rd->cap_order = nb;
		}
		/* MuPDF gives blocks in content-stream order, which is
		 * usually reading order, but some writers emit a page's top
		 * lines last.  A block whose text lies wholly above the one
		 * before it moves up; blocks side by side keep their order.
		 * Extents count visible text only: blocks often carry empty
		 * lines far from their text. */
		nb = 0;
		for (fz_stext_block *b = text->first_block; b; b = b->next) {
			if (b->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			block_ref br = {b, 1e9f, -1e9f};
			for (fz_stext_line *ln = b->u.t.first_line; ln; ln = ln->next) {
				for (fz_stext_char *ch = ln->first_char; ch; ch = ch->next) {
					if (!is_space(ch->c)) {
						br.y0 = fz_min(br.y0, ln->bbox.y0);
						br.y1 = fz_max(br.y1, ln->bbox.y1);
						break;
					}
				}
			}
			if (br.y1 < br.y0)
				continue;
			size_t k = nb++;
			while (k > 0 && br.y1 <= rd->order[k - 1].y0) {
				rd->order[k] = rd->order[k - 1];
				k--;
			}
			rd->order[k] = br;
		}
		for (size_t bi = 0; bi < nb && !rd->nomem; bi++) {
			fz_stext_block *b = rd->order[bi].block;
			/* The same within a block: its lines are put in
			 * order top to bottom where one lies wholly above
			 * the one before it. */
			size_t nl = 0;
			for (fz_stext_line *ln = b->u.t.first_line; ln; ln = ln->next) {
				/* Vertical and rotated text (margin notes,
				 * stamps) is not part of the reading flow. */
				if (ln->wmode || ln->dir.x < 0.99f)
					continue;
				if (nl == rd->cap_lorder) {
					size_t cap = rd->cap_lorder ? 2 * rd->cap_lorder : 64;
					fz_stext_line **o = realloc(rd->lorder, cap * sizeof *o);
					if (!o) {
						rd->nomem = 1;
						break;
					}
					rd->lorder = o;
					rd->cap_lorder = cap;
				}
				size_t k = nl++;
				while (k > 0 && ln->bbox.y1 <= rd->lorder[k - 1]->bbox.y0) {
					rd->lorder[k] = rd->lorder[k - 1];
					k--;
				}
				rd->lorder[k] = ln;
			}
			for (size_t li = 0; li < nl && !rd->nomem; li++)
				add_line(ctx, rd, rd->lorder[li], pno + 1);
		}
	}
	fz_always(ctx) {
		fz_drop_stext_page(ctx, text);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx) {
		fz_rethrow(ctx);
	}
}

/* Open the document and read every page; throws on MuPDF errors. */
static void read_document(fz_context *ctx, reader *rd, const unsigned char *buf, size_t len)
{
	fz_stream *stm = NULL;
	fz_document *doc = NULL;

	fz_var(stm);
	fz_var(doc);
	fz_try(ctx) {
		fz_register_document_handlers(ctx);
		stm = fz_open_memory(ctx, buf, len);
		doc = fz_open_document_with_stream(ctx, "application/pdf", stm);
		if (fz_needs_password(ctx, doc)) {
			rd->encrypted = 1;
			break;
		}
		int n = fz_count_pages(ctx, doc);
		if (n <= 0)
			break;
		if ((size_t)n > len / MIN_PAGE_BYTES)
			fz_throw(ctx, FZ_ERROR_GENERIC, "%d pages claimed in %zu bytes", n, len);
		rd->page_h = calloc((size_t)n, sizeof *rd->page_h);
		if (!rd->page_h) {
			rd->nomem = 1;
			break;
		}
		rd->pages = n;
		for (int i = 0; i < n && !rd->nomem; i++)
			read_page(ctx, doc, rd, i);
	}
	fz_always(ctx) {
		fz_drop_document(ctx, doc);
		fz_drop_stream(ctx, stm);
	}
	fz_catch(ctx) {
		fz_rethrow(ctx);
	}
}

/* The first bytes of a non-PDF, printable, for the error message. */
static void describe_start(char *out, size_t cap, const unsigned char *buf, size_t len)
{
	size_t i, n = len < 9 ? len : 9;
	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = buf[i] >= 0x20 && buf[i] < 0x7F && buf[i] != '\'' ? (char)buf[i] : '.';
	out[i] = '\0';
}

static int has_eof_marker(const unsigned char *buf, size_t len)
{
	size_t from = len > EOF_WINDOW ? len - EOF_WINDOW : 0;
	for (size_t i = len >= 5 ? len - 5 : 0; i + 1 > from; i--) {
		if (!memcmp(buf + i, "%%EOF", 5))
			return 1;
		if (i == 0)
			break;
	}
	return 0;
}

/*
 * Point every line at its text in the normalised buffer.  Normalisation
 * keeps '\n' and '\f' and never makes new ones (control characters were
 * turned into spaces first), so the k-th '\n'-terminated line of the
 * result is the k-th line read.
 */
static int attach_text(reader *rd, const char *text, size_t len)
{
	size_t k = 0, i = 0;
	while (i < len && k < rd->n_line) {
		if (text[i] == '\f') {
			i++;
			continue;
		}
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			return -1;
		size_t e = (size_t)(nl - text);
		size_t s = i;
		while (s < e && text[s] == ' ')
			s++;
		size_t t = e;
		while (t > s && text[t - 1] == ' ')
			t--;
		rd->line[k].text = text + s;
		rd->line[k].len = t - s;
		k++;
		i = e + 1;
	}
	return k == rd->n_line ? 0 : -1;
}

ofs_status ofs_pdf_read(ofs_report *r, const unsigned char *buf, size_t len,
			ofs_error *err)
{
	reader rd;
	fz_context *ctx = NULL;
	char *text = NULL;
	size_t text_len = 0;
	ofs_status rc = OFS_OK;
	ofs_error nerr;
	ofs__pdf_lines doc;

	memset(&rd, 0, sizeof rd);
	if (!r || (!buf && len))
		return ofs_error_set(err, OFS_EINVAL, "ofs_pdf_read: bad arguments");
	if (len < 5 || memcmp(buf, "%PDF-", 5)) {
		char start[16];
		describe_start(start, sizeof start, buf, len);
		return ofs_error_set(err, OFS_EFORMAT, "%s: not a PDF (starts with '%s')",
				     r->path, start);
	}
	if (!has_eof_marker(buf, len))
		return ofs_error_set(err, OFS_EFORMAT, "%s: truncated PDF (no %%%%EOF at the end)",
				     r->path);

	ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	if (!ctx)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory starting MuPDF", r->path);
	fz_set_warning_callback(ctx, ignore_message, NULL);
	fz_set_error_callback(ctx, ignore_message, NULL);

	fz_try(ctx) {
		read_document(ctx, &rd, buf, len);
	}
	fz_catch(ctx) {
		rd.failed = 1;
		snprintf(rd.what, sizeof rd.what, "%s", fz_caught_message(ctx));
	}
	if (rd.failed) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: damaged PDF: %s", r->path,
				   rd.what[0] ? rd.what : "unreadable");
		goto done;
	}
	if (rd.nomem) {
		rc = ofs_error_set(err, OFS_ENOMEM, "%s: out of memory reading PDF", r->path);
		goto done;
	}
	if (rd.encrypted) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: encrypted PDF", r->path);
		goto done;
	}
	if (rd.pages <= 0) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: damaged PDF: no pages", r->path);
		goto done;
	}
	if (rd.visible == 0) {
		rc = ofs_error_set(err, OFS_EFORMAT,
				   "%s: no extractable text (a scanned PDF?)", r->path);
		goto done;
	}

	rc = ofs_normalize(rd.raw, rd.raw_len, 0, &text, &text_len, &nerr);
	if (rc) {
		/* MuPDF produces valid UTF-8, so this is out of memory. */
		rc = ofs_error_set(err, rc, "%s: %s", r->path, nerr.msg);
		goto done;
	}
	if (attach_text(&rd, text, text_len)) {
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: damaged PDF: text lines lost", r->path);
		goto done;
	}
	free(r->fulltext);
	r->fulltext = text;
	text = NULL;
	r->pages = rd.pages;

	doc.line = rd.line;
	doc.n = rd.n_line;
	doc.pages = rd.pages;
	doc.page_h = rd.page_h;
	rc = ofs__pdf_layout(r, &doc, err);
	if (rc)
		goto done;
	if (r->n_paras == 0)
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: no paragraphs of text found", r->path);

done:
	free(text);
	free(rd.raw);
	free(rd.line);
	free(rd.page_h);
	free(rd.order);
	free(rd.lorder);
	fz_drop_context(ctx);
	return rc;
}
