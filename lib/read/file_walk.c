/*
 * file_walk.c: collecting input files (see file_walk.h).
 *
 * scandir with alphasort gives a stable order, so two runs over the same
 * folder index in the same order and produce the same index.
 */
#include "read/file_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/doc_load.h"

ofs_status ofs_file_list_add(ofs_file_list *l, const char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **p = realloc(l->paths, cap * sizeof *p);
		if (!p)
			return OFS_ENOMEM;
		l->paths = p;
		l->cap = cap;
	}
	if (!(l->paths[l->n] = strdup(path)))
		return OFS_ENOMEM;
	l->n++;
	return OFS_OK;
}

static ofs_status walk_dir(const char *dir, ofs_file_list *l, ofs_error *err)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	ofs_status rc = OFS_OK, first = OFS_OK;

	if (n < 0)
		return ofs_error_set(err, OFS_EIO, "%s: %s", dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char *path = NULL;
		struct stat st;
		if (name[0] == '.' || rc == OFS_ENOMEM)
			goto next;
		if (asprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name) < 0) {
			path = NULL;
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
			goto next;
		}
		if (stat(path, &st) != 0)
			goto next; /* vanished or a dangling link: nothing to index */
		if (S_ISDIR(st.st_mode))
			rc = walk_dir(path, l, first == OFS_OK ? err : NULL);
		else if (S_ISREG(st.st_mode) && ofs_doc_wanted(name))
			if ((rc = ofs_file_list_add(l, path)) != OFS_OK)
				ofs_error_set(err, rc, "out of memory");
		if (rc != OFS_OK && first == OFS_OK)
			first = rc;
		if (rc != OFS_ENOMEM)
			rc = OFS_OK;
	next:
		free(path);
		free(ents[i]);
	}
	free(ents);
	return rc == OFS_ENOMEM ? rc : first;
}

ofs_status ofs_file_walk(const char *path, ofs_file_list *l, ofs_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk_dir(path, l, err);
	if (ofs_file_list_add(l, path) != OFS_OK)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	return OFS_OK;
}

void ofs_file_list_free(ofs_file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = l->cap = 0;
}
