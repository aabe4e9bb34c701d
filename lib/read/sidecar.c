/*
 * sidecar.c: reading hand-written metadata files (format in sidecar.h).
 *
 * The sidecar is read through ofs_file_read and normalised like any text,
 * so it may be gzip-compressed and may use typographic quotes.  Every
 * value is validated against the vocabularies: a typo in a grade is an
 * error naming the line, never a silently missing facet.
 */
#include "read/sidecar.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/file_read.h"
#include "extract/council.h"
#include "extract/meta_extract.h"
#include "base/normalize.h"

static char *strip(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Apply one "key: value" line; returns the status. */
static ofs_status apply_line(ofs_report *r, const char *path, int lineno, char *key,
			     char *val, ofs_error *err)
{
	ofs_date *date = NULL;
	char **str = NULL;

	if (!strcasecmp(key, "council")) {
		/* Unknown authorities are kept as written: users index other
		 * bodies' documents too. */
		const char *canon = ofs_council_canonical(val);
		return ofs_report_set_str(&r->council, canon ? canon : val);
	}
	if (!strcasecmp(key, "date"))
		date = &r->date;
	else if (!strcasecmp(key, "published"))
		date = &r->published;
	else if (!strcasecmp(key, "inspection-start"))
		date = &r->inspection_start;
	else if (!strcasecmp(key, "inspection-end"))
		date = &r->inspection_end;
	else if (!strcasecmp(key, "title"))
		str = &r->title;
	else if (!strcasecmp(key, "source"))
		str = &r->source;
	else if (!strcasecmp(key, "lead-inspector"))
		str = &r->lead_inspector;
	if (date) {
		if (!ofs_date_parse_iso(val, *date))
			return ofs_error_set(err, OFS_EFORMAT,
					     "%s:%d: '%s' is not a date (YYYY-MM-DD)", path,
					     lineno, val);
		if (date == &r->published)
			r->published_from = "sidecar";
		return OFS_OK;
	}
	if (str)
		return ofs_report_set_str(str, val);
	if (!strcasecmp(key, "kind")) {
		if (!(r->kind = ofs_kind_parse(val)))
			return ofs_error_set(err, OFS_EFORMAT, "%s:%d: unknown kind '%s' (%s)",
					     path, lineno, val, ofs_kind_names());
		return OFS_OK;
	}
	if (!strcasecmp(key, "area")) {
		if (!(r->default_area = ofs_area_parse(val)))
			return ofs_error_set(err, OFS_EFORMAT, "%s:%d: unknown area '%s' (%s)",
					     path, lineno, val, ofs_area_names());
		return OFS_OK;
	}
	if (!strncasecmp(key, "grade-", 6)) {
		ofs_area a = ofs_area_parse(key + 6);
		ofs_grade g = ofs_grade_parse(val);
		if (!a)
			return ofs_error_set(err, OFS_EFORMAT, "%s:%d: unknown area '%s' (%s)",
					     path, lineno, key + 6, ofs_area_names());
		if (!g)
			return ofs_error_set(err, OFS_EFORMAT, "%s:%d: unknown grade '%s' (%s)",
					     path, lineno, val, ofs_grade_names());
		r->grades[a] = g;
		return OFS_OK;
	}
	return ofs_error_set(err, OFS_EFORMAT, "%s:%d: unknown key '%s'", path, lineno, key);
}

ofs_status ofs_sidecar_apply(ofs_report *r, const char *path, ofs_error *err)
{
	char *raw = NULL, *text = NULL;
	size_t len;
	int lineno = 0;
	ofs_status rc = ofs_file_read(path, &raw, &len, err);
	if (rc != OFS_OK)
		return rc;
	rc = ofs_normalize(raw, len, 0, &text, NULL, err);
	if (rc != OFS_OK) {
		char msg[sizeof err->msg];
		snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
		ofs_error_set(err, rc, "%s: %s", path, msg);
		goto done;
	}
	for (char *ln = text, *next; ln && rc == OFS_OK; ln = next) {
		char *colon, *s;
		if ((next = strchr(ln, '\n')))
			*next++ = '\0';
		lineno++;
		s = strip(ln);
		if (!*s || *s == '#')
			continue;
		if (!(colon = strchr(s, ':'))) {
			rc = ofs_error_set(err, OFS_EFORMAT, "%s:%d: expected 'key: value', got '%.60s'",
					   path, lineno, s);
			break;
		}
		*colon = '\0';
		rc = apply_line(r, path, lineno, strip(s), strip(colon + 1), err);
		if (rc == OFS_ENOMEM)
			ofs_error_set(err, rc, "%s: out of memory", path);
	}
done:
	free(raw);
	free(text);
	return rc;
}
