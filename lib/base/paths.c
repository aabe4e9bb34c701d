/*
 * paths.c: the default index location (XDG base directories), making
 * folders for it, and finding the installed data files.
 */
#include "ofs/paths.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* dir/rel/name, resolved, if it can be read: a new string, else NULL. */
static char *try_path(const char *dir, const char *rel, const char *name)
{
	char *p, *real = NULL;
	if (asprintf(&p, "%s/%s%s", dir, rel, name) < 0)
		return NULL;
	if (access(p, R_OK) == 0)
		real = realpath(p, NULL);
	free(p);
	return real;
}

char *ofs_data_path(const char *name)
{
	/* Looked up from where this code was loaded (the program, or the
	 * shared library), not from a folder compiled in: `make install
	 * PREFIX=...` installs objects built before PREFIX was known, and
	 * DESTDIR staging moves the whole tree. */
	static const char *const beside[] = {
		"../share/ofsearch/",    /* PREFIX/bin, PREFIX/lib */
		"../../share/ofsearch/", /* PREFIX/lib/<multiarch> */
		"../data/",              /* SRC/build: the source tree */
		"../",                   /* SRC/build: top-level data (web/) */
		"../../data/",           /* SRC/build/tests */
	};
	Dl_info info;
	char here[PATH_MAX], *slash, *p;
	if (dladdr((void *)ofs_data_path, &info) && info.dli_fname &&
	    realpath(info.dli_fname, here) && (slash = strrchr(here, '/'))) {
		*slash = '\0';
		for (size_t i = 0; i < sizeof beside / sizeof *beside; i++)
			if ((p = try_path(here, beside[i], name)))
				return p;
	}
	return try_path(OFS_DATADIR, "", name);
}
