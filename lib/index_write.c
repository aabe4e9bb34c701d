/*
 * index_write.c: reports into Xapian documents (layout in schema.h).
 *
 * Re-indexing a file deletes every document carrying its report term and
 * adds the new ones in the same uncommitted batch, so a searcher sees
 * either the old version or the new one, never both or neither.
 */
#include "ofs/index_write.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ofs/schema.h"
#include "ofs/xapian.h"

struct ofs_index {
	ofs_xdb *db;
};

ofs_status ofs_index_open(ofs_index **out, const char *dir, unsigned flags, ofs_error *err)
{
	ofs_index *idx;
	char *version = NULL;
	ofs_status rc;

	*out = NULL;
	if (!(idx = calloc(1, sizeof *idx)))
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", dir);
	rc = ofs_xdb_open_write(&idx->db, dir,
				OFS_XDB_CREATE | ((flags & OFS_INDEX_WAIT) ? OFS_XDB_WAIT_LOCK : 0),
				err);
	if (rc == OFS_OK)
		rc = ofs_xdb_get_metadata(idx->db, OFS_META_SCHEMA, &version, err);
	if (rc == OFS_OK && !*version)
		rc = ofs_xdb_set_metadata(idx->db, OFS_META_SCHEMA, OFS_SCHEMA_VERSION, err);
	else if (rc == OFS_OK && strcmp(version, OFS_SCHEMA_VERSION))
		rc = ofs_error_set(err, OFS_EFORMAT,
				   "%s: index has layout version %s, this program writes %s: "
				   "rebuild it with indexer --rebuild", dir, version,
				   OFS_SCHEMA_VERSION);
	free(version);
	if (rc != OFS_OK) {
		ofs_index_close(idx);
		return rc;
	}
	*out = idx;
	return OFS_OK;
}

/* Sticky-status helpers: each does nothing once *rc is set. */
static void add_term(ofs_xdoc *d, const char *prefix, const char *value, ofs_status *rc)
{
	char term[256];
	if (*rc != OFS_OK || !value || !*value)
		return;
	snprintf(term, sizeof term, "%s%s", prefix, value);
	*rc = ofs_xdoc_add_boolean_term(d, term);
}

static void set_value(ofs_xdoc *d, ofs_slot slot, const char *value, ofs_status *rc)
{
	if (*rc != OFS_OK || !value || !*value)
		return;
	*rc = ofs_xdoc_set_value(d, slot, value, strlen(value));
}

static void set_int(ofs_xdoc *d, ofs_slot slot, int v, ofs_status *rc)
{
	char buf[16];
	if (v <= 0)
		return;
	snprintf(buf, sizeof buf, "%d", v);
	set_value(d, slot, buf, rc);
}

/* Terms and values every document of report r carries. */
static void add_report_facets(ofs_xdoc *d, const ofs_report *r, const char *id,
			      const char *council_key, ofs_status *rc)
{
	char year[5] = "";
	if (r->date[0])
		memcpy(year, r->date, 4);
	add_term(d, OFS_PFX_REPORT, id, rc);
	add_term(d, OFS_PFX_COUNCIL, council_key, rc);
	add_term(d, OFS_PFX_KIND, ofs_kind_name(r->kind), rc);
	add_term(d, OFS_PFX_YEAR, year, rc);
	set_value(d, OFS_SLOT_DATE, r->date, rc);
	set_value(d, OFS_SLOT_COUNCIL, r->council, rc);
	set_value(d, OFS_SLOT_KIND, ofs_kind_name(r->kind), rc);
	set_value(d, OFS_SLOT_YEAR, year, rc);
	set_value(d, OFS_SLOT_FILE, r->path, rc);
}

static ofs_status put_para(ofs_index *idx, const ofs_report *r, const ofs_para *p,
			   const char *id, const char *council_key)
{
	ofs_xdoc *d = NULL;
	ofs_status rc = ofs_xdoc_new(&d);
	size_t len = strlen(p->text);

	if (rc == OFS_OK)
		rc = ofs_xdoc_add_boolean_term(d, OFS_TERM_PARA);
	add_report_facets(d, r, id, council_key, &rc);
	add_term(d, OFS_PFX_AREA, ofs_area_name(p->area), &rc);
	add_term(d, OFS_PFX_GRADE, ofs_grade_name(p->grade), &rc);
	set_value(d, OFS_SLOT_AREA, ofs_area_name(p->area), &rc);
	set_value(d, OFS_SLOT_GRADE, ofs_grade_name(p->grade), &rc);
	set_int(d, OFS_SLOT_PAGE, p->page, &rc);
	set_int(d, OFS_SLOT_SEQ, p->seq, &rc);
	set_int(d, OFS_SLOT_NUMBER, p->number, &rc);
	set_value(d, OFS_SLOT_SECTION, p->section, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_xdoc_index_text(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_xdb_add(idx->db, d, NULL);
	ofs_xdoc_free(d);
	return rc;
}

static int set_date(json_t *o, const char *key, const char *date)
{
	return json_object_set_new(o, key, date[0] ? json_string(date) : json_null());
}

static int set_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, s ? json_string(s) : json_null());
}

/* The report document's data: its metadata as JSON (docs/schema.md). */
static char *report_json(const ofs_report *r, const char *abspath, const char *hash)
{
	static const ofs_area judged[] = {
		OFS_AREA_OVERALL, OFS_AREA_LEADERS, OFS_AREA_HELP_PROTECTION,
		OFS_AREA_IN_CARE, OFS_AREA_CARE_LEAVERS, OFS_AREA_ADOPTION, OFS_AREA_LSCB,
	};
	json_t *o = json_object(), *g = json_object();
	char *s = NULL;
	int bad = !o || !g;

	for (size_t i = 0; !bad && i < sizeof judged / sizeof *judged; i++) {
		const char *name = ofs_grade_name(r->grades[judged[i]]);
		char key[32];
		/* JSON keys use '_' so that programs can use them as names. */
		snprintf(key, sizeof key, "%s", ofs_area_name(judged[i]));
		for (char *c = key; *c; c++)
			if (*c == '-')
				*c = '_';
		bad |= set_str(g, key, name);
	}
	if (!bad) {
		bad |= set_str(o, "file", r->path);
		bad |= set_str(o, "path", abspath);
		bad |= set_str(o, "council", r->council);
		bad |= set_str(o, "kind", ofs_kind_name(r->kind));
		bad |= set_str(o, "title", r->title);
		bad |= set_str(o, "source", r->source);
		bad |= set_date(o, "date", r->date);
		bad |= set_date(o, "inspection_start", r->inspection_start);
		bad |= set_date(o, "inspection_end", r->inspection_end);
		bad |= set_date(o, "published", r->published);
		bad |= set_str(o, "lead_inspector", r->lead_inspector);
		bad |= json_object_set(o, "grades", g);
		bad |= json_object_set_new(o, "paragraphs", json_integer((json_int_t)r->n_paras));
		bad |= json_object_set_new(o, "pages", json_integer(r->pages));
		bad |= set_str(o, "hash", hash);
	}
	if (!bad)
		s = json_dumps(o, JSON_COMPACT);
	json_decref(g);
	json_decref(o);
	return s;
}

static ofs_status put_report_doc(ofs_index *idx, const ofs_report *r, const char *id,
				 const char *council_key, const char *abspath,
				 const char *hash)
{
	ofs_xdoc *d = NULL;
	char *json = report_json(r, abspath, hash);
	char sort[256];
	ofs_status rc = json ? ofs_xdoc_new(&d) : OFS_ENOMEM;

	snprintf(sort, sizeof sort, "%s\x1f%s", council_key ? council_key : "", r->date);
	if (rc == OFS_OK)
		rc = ofs_xdoc_add_boolean_term(d, OFS_TERM_REPORT);
	add_report_facets(d, r, id, council_key, &rc);
	/* A report's grade is its overall judgement. */
	add_term(d, OFS_PFX_GRADE, ofs_grade_name(r->grades[OFS_AREA_OVERALL]), &rc);
	set_value(d, OFS_SLOT_GRADE, ofs_grade_name(r->grades[OFS_AREA_OVERALL]), &rc);
	set_value(d, OFS_SLOT_SORT, sort, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, json, strlen(json));
	if (rc == OFS_OK)
		rc = ofs_xdb_add(idx->db, d, NULL);
	ofs_xdoc_free(d);
	free(json);
	return rc;
}

ofs_status ofs_index_put(ofs_index *idx, const ofs_report *r, const char *hash,
			 int *replaced, ofs_error *err)
{
	char id[17], term[32];
	char *abspath = NULL, *council_key = NULL;
	ofs_status rc = ofs_report_id(r->path, id, err);

	if (rc != OFS_OK)
		return rc;
	if (!(abspath = realpath(r->path, NULL)))
		return ofs_error_set(err, OFS_EIO, "%s: %s", r->path, strerror(errno));
	if (r->council && !(council_key = ofs_key(r->council))) {
		rc = OFS_ENOMEM;
		goto done;
	}
	snprintf(term, sizeof term, "%s%s", OFS_PFX_REPORT, id);
	if (replaced) {
		unsigned before = 0;
		if ((rc = ofs_xdb_termfreq(idx->db, term, &before, err)) != OFS_OK)
			goto done;
		*replaced = before > 0;
	}
	if ((rc = ofs_xdb_delete_term(idx->db, term, err)) != OFS_OK)
		goto done;
	for (size_t i = 0; rc == OFS_OK && i < r->n_paras; i++)
		rc = put_para(idx, r, &r->paras[i], id, council_key);
	if (rc == OFS_OK)
		rc = put_report_doc(idx, r, id, council_key, abspath, hash);
	if (rc != OFS_OK) {
		/* Only the engine fails here (memory, disk): leave no half
		 * report; the file is indexed again on the next run. */
		ofs_xdb_delete_term(idx->db, term, NULL);
		ofs_error_set(err, rc, "%s: cannot index: %s", r->path,
			      err && err->msg[0] ? err->msg : ofs_strerror(rc));
	}
done:
	free(abspath);
	free(council_key);
	return rc;
}

ofs_status ofs_index_commit(ofs_index *idx, ofs_error *err)
{
	return ofs_xdb_commit(idx->db, err);
}

ofs_status ofs_index_doccount(ofs_index *idx, unsigned *out, ofs_error *err)
{
	return ofs_xdb_doccount(idx->db, out, err);
}

void ofs_index_close(ofs_index *idx)
{
	if (!idx)
		return;
	ofs_xdb_close(idx->db);
	free(idx);
}
