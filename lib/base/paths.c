/*
 * paths.c: the default index location (XDG base directories) and making
 * folders for it.
 */
#include "ofs/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *ofs_default_db(void)
{
	const char *env = getenv("OFS_DB"), *xdg = getenv("XDG_DATA_HOME"),
		   *home = getenv("HOME");
	char *p = NULL;
	int n;
	if (env && *env)
		return strdup(env);
	if (xdg && *xdg)
		n = asprintf(&p, "%s/ofsearch/index", xdg);
	else if (home && *home)
		n = asprintf(&p, "%s/.local/share/ofsearch/index", home);
	else
		return NULL;
	return n < 0 ? NULL : p;
}

ofs_status ofs_mkdirs(const char *dir, ofs_error *err)
{
	char *p = strdup(dir);
	ofs_status rc = OFS_OK;
	if (!p)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				rc = ofs_error_set(err, OFS_EIO, "%s: cannot create folder: %s", p,
						   strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}
