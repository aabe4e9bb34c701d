/*
 * report.c: building and freeing the in-memory report the loaders fill
 * and the index writer consumes.
 */
#include "ofs/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

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

int ofs_heading_is_cover_line(const char *heading, size_t len)
{
	static const char *const labels[] = {
		"lead inspector", "deputy lead inspector", "reporting inspector", "inspectors",
		"inspection dates", "inspection date", "published", "report published",
		"date of publication", "publication date", "age group",
		"unique reference number", NULL,
	};
	char label[64], key[64];
	const char *colon = memchr(heading, ':', len);
	size_t n = colon ? (size_t)(colon - heading) : 0;
	if (!n || n >= sizeof label)
		return 0;
	memcpy(label, heading, n);
	label[n] = '\0';
	ofs_key_into(label, key, sizeof key, 0);
	for (int i = 0; labels[i]; i++)
		if (!strcmp(key, labels[i]))
			return 1;
	return 0;
}

ofs_status ofs_section_enter(char **parent, char **section, const char *heading, size_t len)
{
	char *h = strndup(heading, len), *sec = NULL;
	if (!h)
		return OFS_ENOMEM;
	if (ofs_area_from_heading(h) != OFS_AREA_UNKNOWN) {
		if (!(sec = strdup(h))) {
			free(h);
			return OFS_ENOMEM;
		}
		free(*parent);
		*parent = h;
	} else if (ofs_heading_resets_area(h)) {
		/* Back to the body of the report: no judgement above it. */
		free(*parent);
		*parent = NULL;
		sec = h;
	} else if (*parent) {
		if (asprintf(&sec, "%s > %s", *parent, h) < 0)
			sec = NULL;
		free(h);
		if (!sec)
			return OFS_ENOMEM;
	} else {
		sec = h;
	}
	free(*section);
	*section = sec;
	return OFS_OK;
}

void ofs_report_assign_facets(ofs_report *r)
{
	/* Sub-headings ("Areas of strength") stay in the area of the
	 * judgement they sit under, so the area is carried from paragraph to
	 * paragraph; only headings that name an area, or that return to the
	 * body of the report, change it. */
	ofs_area area = r->default_area;
	const char *last = NULL;
	for (size_t i = 0; i < r->n_paras; i++) {
		ofs_para *p = &r->paras[i];
		if (p->section && (!last || strcmp(p->section, last))) {
			ofs_area a = ofs_area_from_heading(p->section);
			if (a != OFS_AREA_UNKNOWN)
				area = a;
			else if (ofs_heading_resets_area(p->section))
				area = r->default_area;
			last = p->section;
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

int ofs_date_parse_iso(const char *s, ofs_date out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[n])
		return 0;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	snprintf(out, sizeof(ofs_date), "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return 1;
}
