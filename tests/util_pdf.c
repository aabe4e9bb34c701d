/*
 * util_pdf.c: PDFs built in memory for the tests (see util_pdf.h).
 */
#include "util_pdf.h"

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_text(fz_context *ctx, fz_buffer *c, const ofs_pdf_item *it)
{
	fz_append_printf(ctx, c, "BT /F%d %g Tf 1 0 0 1 %g %g Tm (", it->bold ? 2 : 1,
			 it->size, it->x, OFS_PDF_PAGE_H - it->y);
	for (const char *s = it->text; *s; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			fz_append_byte(ctx, c, '\\');
		fz_append_byte(ctx, c, *s);
	}
	fz_append_string(ctx, c, ") Tj ET\n");
}

unsigned char *ofs_test_pdf_build(const ofs_pdf_item *items, size_t *len)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	pdf_document *doc = NULL;
	fz_font *reg = NULL, *bold = NULL;
	fz_buffer *out = NULL, *content = NULL;
	fz_output *o = NULL;
	pdf_obj *res = NULL;
	unsigned char *result = NULL;

	if (!ctx)
		return NULL;
	fz_var(result);
	fz_var(doc);
	fz_var(reg);
	fz_var(bold);
	fz_var(out);
	fz_var(content);
	fz_var(o);
	fz_var(res);
	fz_try(ctx) {
		doc = pdf_create_document(ctx);
		reg = fz_new_base14_font(ctx, "Helvetica");
		bold = fz_new_base14_font(ctx, "Helvetica-Bold");
		res = pdf_new_dict(ctx, doc, 1);
		pdf_obj *fonts = pdf_dict_put_dict(ctx, res, PDF_NAME(Font), 2);
		pdf_dict_puts_drop(ctx, fonts, "F1",
				   pdf_add_simple_font(ctx, doc, reg, PDF_SIMPLE_ENCODING_LATIN));
		pdf_dict_puts_drop(ctx, fonts, "F2",
				   pdf_add_simple_font(ctx, doc, bold, PDF_SIMPLE_ENCODING_LATIN));
		const ofs_pdf_item *it = items;
		while (it->text) {
			content = fz_new_buffer(ctx, 1024);
			for (; it->text; it++)
				add_text(ctx, content, it);
			pdf_obj *page = pdf_add_page(ctx, doc,
						     fz_make_rect(0, 0, OFS_PDF_PAGE_W, OFS_PDF_PAGE_H),
						     0, res, content);
			pdf_insert_page(ctx, doc, -1, page);
			pdf_drop_obj(ctx, page);
			fz_drop_buffer(ctx, content);
			content = NULL;
			it++;
		}
		out = fz_new_buffer(ctx, 4096);
		o = fz_new_output_with_buffer(ctx, out);
		pdf_write_document(ctx, doc, o, &pdf_default_write_options);
		fz_close_output(ctx, o);
		unsigned char *data;
		size_t n = fz_buffer_storage(ctx, out, &data);
		result = malloc(n);
		if (result) {
			memcpy(result, data, n);
			*len = n;
		}
	}
	fz_always(ctx) {
		fz_drop_output(ctx, o);
		fz_drop_buffer(ctx, out);
		fz_drop_buffer(ctx, content);
		pdf_drop_obj(ctx, res);
		fz_drop_font(ctx, reg);
		fz_drop_font(ctx, bold);
		pdf_drop_document(ctx, doc);
	}
	fz_catch(ctx) {
		result = NULL;
	}
	fz_drop_context(ctx);
	return result;
}

int ofs_test_pdf_write(const ofs_pdf_item *items, const char *path)
{
	size_t len = 0;
	unsigned char *pdf = ofs_test_pdf_build(items, &len);
	FILE *f;
	int rc = -1;
	if (!pdf)
		return -1;
	if ((f = fopen(path, "wb"))) {
		rc = fwrite(pdf, 1, len, f) == len ? 0 : -1;
		if (fclose(f))
			rc = -1;
	}
	free(pdf);
	return rc;
}
