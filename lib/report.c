/*
 * report.c: building and freeing the in-memory report the loaders fill
 * and the index writer consumes.
 */
#include "ofs/report.h"

#include <stdlib.h>
#include <string.h>

ofs_report *ofs_report_new(const char *path)
{
	ofs_report *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->path = strdup(path ? path : "");
	if (!r->path) {
		free(r);
		return NULL;
	}
	return r;
}

void ofs_report_free(ofs_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_paras; i++) {
		free(r->paras[i].text);
		free(r->paras[i].section);
	}
	free(r->paras);
	free(r->path);
	free(r->council);
	free(r->lead_inspector);
	free(r->title);
	free(r->source);
	free(r->fulltext);
	free(r);
}

ofs_status ofs_report_set_str(char **field, const char *value)
{
	char *copy = NULL;
	if (value && !(copy = strdup(value)))
		return OFS_ENOMEM;
	free(*field);
	*field = copy;
	return OFS_OK;
}

ofs_status ofs_report_add_para(ofs_report *r, const char *text, size_t len,
			       const char *section, int page, int number)
{
	if (r->n_paras == r->cap_paras) {
		size_t cap = r->cap_paras ? 2 * r->cap_paras : 32;
		ofs_para *p = realloc(r->paras, cap * sizeof *p);
		if (!p)
			return OFS_ENOMEM;
		r->paras = p;
		r->cap_paras = cap;
	}
	ofs_para *p = &r->paras[r->n_paras];
	memset(p, 0, sizeof *p);
	p->text = strndup(text, len);
	p->section = section ? strdup(section) : NULL;
	if (!p->text || (section && !p->section)) {
		free(p->text);
		free(p->section);
		return OFS_ENOMEM;
	}
	p->page = page;
	p->number = number;
	p->seq = (int)++r->n_paras;
	return OFS_OK;
}

void ofs_report_assign_facets(ofs_report *r)
{
	/* A heading only changes the area when it names one; sub-headings
	 * ("Main findings") keep the area of the judgement they sit under,
	 * which is why the area is carried from paragraph to paragraph. */
	ofs_area area = r->default_area;
	const char *last_section = NULL;
	for (size_t i = 0; i < r->n_paras; i++) {
		ofs_para *p = &r->paras[i];
		if (p->section && (!last_section || strcmp(p->section, last_section))) {
			ofs_area a = ofs_area_from_heading(p->section);
			if (a != OFS_AREA_UNKNOWN)
				area = a;
			last_section = p->section;
		}
		p->area = area;
		p->grade = area == OFS_AREA_UNKNOWN ? OFS_GRADE_UNKNOWN : r->grades[area];
	}
	if (!r->date[0]) {
		const char *d = r->inspection_end[0] ? r->inspection_end
			: r->published[0] ? r->published : r->inspection_start;
		memcpy(r->date, d, sizeof r->date);
	}
}
