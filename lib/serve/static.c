/*
 * static.c: the page's own files (web/), read once at start and served
 * from memory by a fixed list of URLs: no request names a file.
 */
#include "serve/serve_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofs/paths.h"

static const web_file files[N_WEB_FILES] = {
	{"/", "index.html", "text/html; charset=utf-8", NULL, 0},
	{"/app.js", "app.js", "text/javascript; charset=utf-8", NULL, 0},
	{"/style.css", "style.css", "text/css; charset=utf-8", NULL, 0},
};

/* The folder of the page: $OFS_WEB, else web/ as ofs_data_path() finds
 * it (the source tree's for a build, the installed one beside an
 * installed program).  A new string, caller frees; NULL if none. */
static char *find_dir(void)
{
	const char *env = getenv("OFS_WEB");
	if (env && *env)
		return strdup(env);
	return ofs_data_path("web");
}

static ofs_status read_all(const char *path, char **out, size_t *len, ofs_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	if (!f)
		return ofs_error_set(err, OFS_EIO, "%s: cannot read the page's file (set OFS_WEB "
				     "to the folder of index.html)", path);
	do {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!nb) {
				free(buf);
				fclose(f);
				return ofs_error_set(err, OFS_ENOMEM, "out of memory");
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return ofs_error_set(err, OFS_EIO, "%s: read error", path);
	}
	fclose(f);
	*out = buf;
	*len = n;
	return OFS_OK;
}

ofs_status ofs__web_load(srv *s, const char *dir, ofs_error *err)
{
	char *found = dir ? strdup(dir) : find_dir();
	ofs_status rc = found ? OFS_OK
			      : ofs_error_set(err, OFS_ENOTFOUND, "the search page's files (web/) are "
						 "not installed here: set OFS_WEB to their folder");
	memcpy(s->web, files, sizeof files);
	for (int i = 0; rc == OFS_OK && i < N_WEB_FILES; i++) {
		char *path;
		if (asprintf(&path, "%s/%s", found, files[i].name) < 0) {
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
			break;
		}
		rc = read_all(path, &s->web[i].body, &s->web[i].len, err);
		free(path);
	}
	free(found);
	return rc;
}

void ofs__web_free(srv *s)
{
	for (int i = 0; i < N_WEB_FILES; i++) {
		free(s->web[i].body);
		s->web[i].body = NULL;
	}
}

enum MHD_Result ofs__serve_static(srv *s, struct MHD_Connection *c, const char *url)
{
	if (!strcmp(url, "/index.html"))
		url = "/";
	for (int i = 0; i < N_WEB_FILES; i++) {
		const web_file *w = &s->web[i];
		if (strcmp(url, w->url))
			continue;
		char *copy = malloc(w->len ? w->len : 1);
		if (!copy)
			return ofs__reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
		memcpy(copy, w->body, w->len);
		return ofs__reply(c, MHD_HTTP_OK, w->type, copy, w->len);
	}
	return ofs__reply_error(c, MHD_HTTP_NOT_FOUND, "%.100s: not found", url);
}
