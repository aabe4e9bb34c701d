/*
 * report_get.c: one report's metadata by its id, for programs that cite
 * reports by id rather than by path (the web server's /report/ID).
 */
#include "query/search_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/schema.h"

ofs_status ofs_searcher_report(ofs_searcher *s, const char *id, char **json, ofs_error *err)
{
	char term[32];
	*json = NULL;
	/* Only ids as the index makes them: nothing else reaches the engine. */
	if (strlen(id) != 16 || strspn(id, "0123456789abcdef") != 16)
		return ofs_error_set(err, OFS_ENOTFOUND, "report '%.40s': not a report id", id);
	snprintf(term, sizeof term, "%s%s", OFS_PFX_DOC, id);
	ofs_status rc = ofs_xdb_get_by_term(s->db, term, json, NULL, err);
	if (rc == OFS_ENOTFOUND)
		ofs_error_set(err, rc, "report %s: not in the index", id);
	return rc;
}
