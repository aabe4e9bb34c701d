/*
 * documents.c: a report as Xapian documents (layout in schema.h): one
 * per paragraph and one for the report itself, whose data is the
 * report's metadata as JSON (docs/json.md).
 */
#include "index/documents.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/normalize.h"
#include "base/schema.h"
#include "base/util.h"
#include "names/name_terms.h"

/* Index terms are limited to 245 bytes; leave room for the prefix. */
#define MAX_PATH_TERM 230

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

static void set_packed(ofs_xdoc *d, ofs_slot slot, const char *const *fields, size_t n,
		       ofs_status *rc)
{
	char *v;
	if (*rc != OFS_OK)
		return;
	if (!(v = ofs_pack(fields, n))) {
		*rc = OFS_ENOMEM;
		return;
	}
	*rc = ofs_xdoc_set_value(d, slot, v, strlen(v));
	free(v);
}

/* Terms and values every document of report r carries; grade and area
 * are the paragraph's (a report document: its overall grade, no area). */
static void add_report_facets(ofs_xdoc *d, const ofs_report *r, const char *id,
			      const char *council_key, ofs_grade grade, ofs_area area,
			      ofs_status *rc)
{
	char year[5] = "";
	const char *facets[OFS_FACET_FIELDS];
	if (r->date[0])
		memcpy(year, r->date, 4);
	add_term(d, OFS_PFX_REPORT, id, rc);
	add_term(d, OFS_PFX_COUNCIL, council_key, rc);
	add_term(d, OFS_PFX_KIND, ofs_kind_name(r->kind), rc);
	add_term(d, OFS_PFX_YEAR, year, rc);
	add_term(d, OFS_PFX_GRADE, ofs_grade_name(grade), rc);
	add_term(d, OFS_PFX_AREA, ofs_area_name(area), rc);
	facets[OFS_FACET_COUNCIL] = r->council;
	facets[OFS_FACET_GRADE] = ofs_grade_name(grade);
	facets[OFS_FACET_AREA] = ofs_area_name(area);
	facets[OFS_FACET_YEAR] = year;
	set_packed(d, OFS_SLOT_FACETS, facets, OFS_FACET_FIELDS, rc);
	set_value(d, OFS_SLOT_DATE, r->date, rc);
	set_value(d, OFS_SLOT_REPORT, id, rc);
}

static ofs_status para_doc(const ofs_report *r, const ofs_para *p, const char *id,
			   const char *council_key, const ofs_names *names, ofs_xdoc **out)
{
	ofs_xdoc *d = NULL;
	ofs_status rc = ofs_xdoc_new(&d);
	size_t len = strlen(p->text);
	char page[16] = "", number[16] = "";
	const char *display[OFS_DISPLAY_FIELDS];

	if (p->page > 0)
		snprintf(page, sizeof page, "%d", p->page);
	if (p->number > 0)
		snprintf(number, sizeof number, "%d", p->number);
	display[OFS_DISPLAY_FILE] = r->path;
	display[OFS_DISPLAY_PAGE] = page;
	display[OFS_DISPLAY_NUMBER] = number;
	display[OFS_DISPLAY_SECTION] = p->section;
	display[OFS_DISPLAY_KIND] = ofs_kind_name(r->kind);
	add_report_facets(d, r, id, council_key, p->grade, p->area, &rc);
	set_packed(d, OFS_SLOT_DISPLAY, display, OFS_DISPLAY_FIELDS, &rc);
	set_int(d, OFS_SLOT_SEQ, p->seq, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_xdoc_index_text(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_names_index(names, d);
	if (rc != OFS_OK) {
		ofs_xdoc_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

static int set_date(json_t *o, const char *key, const char *date)
{
	return json_object_set_new(o, key, date[0] ? json_string(date) : json_null());
}

static int set_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, s && *s ? json_string(s) : json_null());
}

/* The report document's data: its metadata as JSON (docs/json.md). */
static char *report_json(const ofs_report *r, const char *abspath, const ofs_stamp *st)
{
	static const ofs_area judged[] = {
		OFS_AREA_OVERALL, OFS_AREA_LEADERS, OFS_AREA_HELP_PROTECTION,
		OFS_AREA_IN_CARE, OFS_AREA_CARE_LEAVERS, OFS_AREA_ADOPTION, OFS_AREA_LSCB,
	};
	json_t *o = json_object(), *g = json_object();
	char *s = NULL;
	int bad = !o || !g;

	for (size_t i = 0; !bad && i < sizeof judged / sizeof *judged; i++) {
		char key[32];
		/* JSON keys use '_' so that programs can use them as names. */
		snprintf(key, sizeof key, "%s", ofs_area_name(judged[i]));
		for (char *c = key; *c; c++)
			if (*c == '-')
				*c = '_';
		bad |= set_str(g, key, ofs_grade_name(r->grades[judged[i]]));
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
		bad |= set_str(o, "published_from", r->published_from);
		bad |= set_str(o, "lead_inspector", r->lead_inspector);
		bad |= json_object_set(o, "grades", g);
		/* A judgement covering two areas is one: listed once, said. */
		bad |= json_object_set_new(o, "joint", r->joint_care
				? json_pack("{s:s}", "care_leavers", "in_care") : json_null());
		bad |= json_object_set_new(o, "paragraphs", json_integer((json_int_t)r->n_paras));
		bad |= json_object_set_new(o, "pages", json_integer(r->pages));
		bad |= set_str(o, "stamp", st ? st->quick : NULL);
		bad |= set_str(o, "hash", st ? st->hash : NULL);
	}
	if (!bad)
		s = json_dumps(o, JSON_COMPACT);
	json_decref(g);
	json_decref(o);
	return s;
}

/* The report document of r; abspath is its key, shown_path the same as
 * text (ofs_utf8_escape()). */
static ofs_status report_doc(const ofs_report *r, const char *id, const char *council_key,
			     const char *abspath, const char *shown_path, const ofs_stamp *st,
			     const ofs_names *names, ofs_xdoc **out)
{
	ofs_xdoc *d = NULL;
	char *json = report_json(r, shown_path, st);
	char sort[256];
	ofs_status rc = json ? ofs_xdoc_new(&d) : OFS_ENOMEM;

	const char *display[OFS_DISPLAY_FIELDS] = {r->path, NULL, NULL, NULL,
						   ofs_kind_name(r->kind)};
	snprintf(sort, sizeof sort, "%s\x1f%s", council_key ? council_key : "", r->date);
	if (rc == OFS_OK)
		rc = ofs_xdoc_add_boolean_term(d, OFS_TERM_REPORT);
	/* A report's grade is its overall judgement. */
	add_report_facets(d, r, id, council_key, r->grades[OFS_AREA_OVERALL], OFS_AREA_UNKNOWN,
			  &rc);
	add_term(d, OFS_PFX_DOC, id, &rc);
	if (names)
		add_term(d, OFS_PFX_NAMES, ofs_names_fingerprint(names), &rc);
	if (strlen(abspath) <= MAX_PATH_TERM) {
		add_term(d, OFS_PFX_PATH, abspath, &rc);
	} else {
		/* Still found by its folder (store.c), so removed when gone. */
		if (rc == OFS_OK)
			rc = ofs_xdoc_add_boolean_term(d, OFS_TERM_LONG_PATH);
		if (rc == OFS_OK)
			rc = ofs_xdoc_set_value(d, OFS_SLOT_PATH, abspath, strlen(abspath));
	}
	set_packed(d, OFS_SLOT_DISPLAY, display, OFS_DISPLAY_FIELDS, &rc);
	set_value(d, OFS_SLOT_SORT, sort, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, json, strlen(json));
	free(json);
	if (rc != OFS_OK) {
		ofs_xdoc_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

ofs_status ofs_index_prepare(const ofs_report *r, const char *abspath, const ofs_stamp *st,
			     const ofs_names *names, ofs_prepared **out, ofs_error *err)
{
	ofs_prepared *p = calloc(1, sizeof *p);
	char *council_key = NULL;
	/* Any byte string is a path; what is shown and stored as text (JSON
	 * must be UTF-8) is the path with other bytes escaped. */
	char *file = ofs_utf8_escape(r->path), *path = ofs_utf8_escape(abspath);
	ofs_report shown = *r;
	ofs_status rc = OFS_OK;

	*out = NULL;
	if (!p || !file || !path || !(p->docs = calloc(r->n_paras + 1, sizeof *p->docs)) ||
	    (r->council && !(council_key = ofs_key(r->council)))) {
		rc = OFS_ENOMEM;
		goto done;
	}
	shown.path = file;
	ofs_report_id(abspath, p->id);
	for (size_t i = 0; rc == OFS_OK && i < r->n_paras; i++)
		if ((rc = para_doc(&shown, &r->paras[i], p->id, council_key, names,
				   &p->docs[p->n])) == OFS_OK)
			p->n++;
	if (rc == OFS_OK && (rc = report_doc(&shown, p->id, council_key, abspath, path, st, names,
					     &p->docs[p->n])) == OFS_OK)
		p->n++;
	if (rc == OFS_OK)
		rc = ofs_harvest_report(r, &p->harvest);
done:
	free(council_key);
	if (rc != OFS_OK) {
		ofs_prepared_free(p);
		rc = ofs_error_set(err, rc, "%s: cannot index: %s", file ? file : r->path,
				   ofs_strerror(rc));
		free(file);
		free(path);
		return rc;
	}
	free(file);
	free(path);
	*out = p;
	return OFS_OK;
}

void ofs_prepared_free(ofs_prepared *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		ofs_xdoc_free(p->docs[i]);
	free(p->docs);
	ofs_harvest_free(&p->harvest);
	free(p);
}

ofs_status ofs_docs_stamp(const char *data, ofs_stamp *out)
{
	json_t *o = json_loads(data, 0, NULL);
	const char *q, *h;
	memset(out, 0, sizeof *out);
	if (!o)
		return OFS_ECORRUPT;
	q = json_string_value(json_object_get(o, "stamp"));
	h = json_string_value(json_object_get(o, "hash"));
	snprintf(out->quick, sizeof out->quick, "%s", q ? q : "");
	snprintf(out->hash, sizeof out->hash, "%s", h ? h : "");
	json_decref(o);
	return OFS_OK;
}
