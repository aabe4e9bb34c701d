/*
 * para_split.h: plain text into the paragraphs a reader sees.
 *
 * Blank lines separate blocks.  A block of hard-wrapped lines is one
 * paragraph; in a block of long unwrapped lines (text saved from a web
 * page or a word processor) every line is a paragraph.  Consecutive list
 * items ("- ", "* ", "• ", "1) ") form one paragraph, items joined by
 * '\n', together with a line ending in ':' that introduces them.  A short
 * line without closing punctuation that comes right before body text is a
 * heading: not a paragraph, but the section of the paragraphs after it.
 * A number opening a paragraph ("12. Social workers ...") becomes the
 * paragraph's number.  Form feeds count pages.
 *
 * A paragraph longer than OFS_PARA_MAX bytes (a whole document on one
 * line, say) is cut into paragraphs of at most that many: after the last
 * sentence end in its second half, else at the last space, else (one
 * endless word) between UTF-8 characters.  The pieces keep the
 * paragraph's section, page and number.
 */
#define OFS_PARA_MAX 4000
#ifndef OFS_PARA_SPLIT_H
#define OFS_PARA_SPLIT_H

#include <stddef.h>

#include "ofs/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Append the paragraphs of len bytes of normalised text to r, and set
 * r->pages when the text has form feeds.  Errors: OFS_ENOMEM.
 */
ofs_status ofs_para_split_text(ofs_report *r, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
