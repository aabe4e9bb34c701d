/*
 * schema.h: how reports and paragraphs are laid out in the index, shared
 * by the writer and the searcher.
 *
 * Every paragraph is one document: its text is the document data and is
 * indexed as English stems ("Z" prefixed) with positions; boolean terms carry the
 * filters; values carry what results display, sort on and count (and are
 * stored after the data too, so that a result is one read: stored.h).  Every
 * report also has one document of its own (term OFS_TERM_REPORT; paragraphs
 * are the documents without it) whose
 * data is a JSON object of its metadata (see docs/json.md), used to
 * list reports and to decide what an incremental run must redo.  All the
 * documents of one file share the term OFS_PFX_REPORT + its id, so that
 * re-indexing a file replaces them all at once.
 */
#ifndef OFS_SCHEMA_H
#define OFS_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bump when the layout changes; an index of another version is refused. */
#define OFS_SCHEMA_VERSION "7"
#define OFS_META_SCHEMA "ofsearch.schema"

#define OFS_PFX_STEM "Z"      /* + an English stem of a paragraph's word */
#define OFS_TERM_REPORT "XTreport"
#define OFS_PFX_REPORT "XR"  /* + report id */
#define OFS_PFX_COUNCIL "XC" /* + ofs_key() of the canonical council name */
#define OFS_PFX_GRADE "XG"   /* + grade name */
#define OFS_PFX_AREA "XA"    /* + area name */
#define OFS_PFX_KIND "XK"    /* + kind name */
#define OFS_PFX_YEAR "XY"    /* + YYYY */
#define OFS_PFX_DOC "XD"     /* + report id: the report document alone */
#define OFS_PFX_PATH "XP"    /* + absolute path: the report document, so
			      * that a folder's files are a prefix scan */
#define OFS_TERM_LONG_PATH "XTlongpath" /* the report document of a path too
			      * long for a term: its path is in OFS_SLOT_PATH */
#define OFS_PFX_NAME "XN"    /* + a name's stems ("multi agenc safeguard
			      * hub"): paragraphs, once per occurrence */
#define OFS_PFX_NAMES "XH"   /* + the thesaurus fingerprint whose names
			      * the report's paragraphs carry (names.h) */

typedef enum ofs_slot {
	OFS_SLOT_DATE = 0, /* YYYY-MM-DD, sorts as a date */
	OFS_SLOT_FACETS,   /* packed: council, grade, area, year (ofs_facet_field) */
	OFS_SLOT_DISPLAY,  /* packed: file, page, number, section, kind
			    * (ofs_display_field) */
	OFS_SLOT_SEQ,      /* paragraph position in its report, decimal */
	OFS_SLOT_REPORT,   /* report id: one result per report */
	OFS_SLOT_SORT,     /* reports: council key then date, for listings */
	OFS_SLOT_PATH,     /* reports with OFS_TERM_LONG_PATH: the absolute path */
	OFS_SLOT_COUNT
} ofs_slot;

/*
 * Packed values hold several fields separated by OFS_PACK_SEP, empty when
 * unknown.  Facets share one value so that counting them over all
 * matches reads one value per match, not four.
 */
#define OFS_PACK_SEP '\x1f'

typedef enum ofs_facet_field {
	OFS_FACET_COUNCIL, OFS_FACET_GRADE, OFS_FACET_AREA, OFS_FACET_YEAR,
	OFS_FACET_FIELDS
} ofs_facet_field;

typedef enum ofs_display_field {
	OFS_DISPLAY_FILE, OFS_DISPLAY_PAGE, OFS_DISPLAY_NUMBER, OFS_DISPLAY_SECTION,
	OFS_DISPLAY_KIND, OFS_DISPLAY_FIELDS
} ofs_display_field;

/*
 * Pack n fields (NULL for empty; OFS_PACK_SEP in a field becomes a
 * space) into a new string (caller frees); NULL when out of memory.
 */
char *ofs_pack(const char *const *fields, size_t n);

/*
 * Split packed in place: the separators become NULs and fields[i] points
 * at field i ("" when missing), for i < n.
 */
void ofs_unpack(char *packed, const char **fields, size_t n);

/*
 * The identifier of the report whose absolute, symlink-resolved path is
 * abspath: 16 hex digits of a 64-bit FNV-1a hash of it, written to id.
 */
void ofs_report_id(const char *abspath, char id[17]);

#ifdef __cplusplus
}
#endif
#endif
