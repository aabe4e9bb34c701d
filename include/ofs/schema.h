/*
 * schema.h: how reports and paragraphs are laid out in the index, shared
 * by the writer and the searcher.
 *
 * Every paragraph is one document: its text is the document data and is
 * indexed as English stems ("Z" prefixed) with positions; boolean terms carry the
 * filters; values carry what results display, sort on and count.  Every
 * report also has one document of its own (term OFS_TERM_REPORT) whose
 * data is a JSON object of its metadata (see docs/schema.md), used to
 * list reports and to decide what an incremental run must redo.  All the
 * documents of one file share the term OFS_PFX_REPORT + its id, so that
 * re-indexing a file replaces them all at once.
 */
#ifndef OFS_SCHEMA_H
#define OFS_SCHEMA_H

#include <stddef.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bump when the layout changes; an index of another version is refused. */
#define OFS_SCHEMA_VERSION "4"
#define OFS_META_SCHEMA "ofsearch.schema"

#define OFS_TERM_PARA "XTpara"
#define OFS_TERM_REPORT "XTreport"
#define OFS_PFX_REPORT "XR"  /* + report id */
#define OFS_PFX_COUNCIL "XC" /* + ofs_key() of the canonical council name */
#define OFS_PFX_GRADE "XG"   /* + grade name */
#define OFS_PFX_AREA "XA"    /* + area name */
#define OFS_PFX_KIND "XK"    /* + kind name */
#define OFS_PFX_YEAR "XY"    /* + YYYY */
#define OFS_PFX_DOC "XD"     /* + report id: the report document alone */
#define OFS_PFX_PARA "XQ"    /* + report id + ":" + paragraph position */
#define OFS_PFX_PATH "XP"    /* + absolute path: the report document, so
			      * that a folder's files are a prefix scan */

typedef enum ofs_slot {
	OFS_SLOT_DATE = 0, /* YYYY-MM-DD, sorts as a date */
	OFS_SLOT_COUNCIL,  /* canonical name, as displayed */
	OFS_SLOT_AREA,
	OFS_SLOT_GRADE,
	OFS_SLOT_KIND,
	OFS_SLOT_YEAR,
	OFS_SLOT_FILE,     /* the file as named to the indexer */
	OFS_SLOT_PAGE,     /* decimal, "" when unknown */
	OFS_SLOT_SEQ,      /* paragraph position in its report, decimal */
	OFS_SLOT_NUMBER,   /* printed paragraph number, "" when none */
	OFS_SLOT_SECTION,  /* heading the paragraph sits under */
	OFS_SLOT_SORT,     /* reports: council key then date, for listings */
	OFS_SLOT_REPORT,   /* report id: one result per report */
	OFS_SLOT_COUNT
} ofs_slot;

/*
 * The matching key of a name: case folded, every run of characters other
 * than letters and digits squeezed to one space ("Bath & North East
 * Somerset" -> "bath north east somerset").  A new string, caller frees;
 * NULL when out of memory.
 */
char *ofs_key(const char *name);

/*
 * The identifier of the report whose absolute, symlink-resolved path is
 * abspath: 16 hex digits of a 64-bit FNV-1a hash of it, written to id.
 */
void ofs_report_id(const char *abspath, char id[17]);

/* 64-bit FNV-1a of len bytes, as 16 hex digits in out: the content hash
 * that tells an incremental run whether a file changed. */
void ofs_hash_hex(const void *data, size_t len, char out[17]);

#ifdef __cplusplus
}
#endif
#endif
