/*
 * file_walk.c: collecting input files (see file_walk.h).
 *
 * scandir with alphasort gives a stable order, so two runs over the same
 * folder index in the same order and produce the same index.  Every
 * folder entered is remembered by device and inode: two links to a
 * parent folder would otherwise make the walk exponential.  Entries are
 * examined with stat() and never opened here, so a FIFO cannot block.
 */
#include "read/file_walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/doc_load.h"
#include "read/file_read.h"

typedef struct walk {
	ofs_file_list *l;
	ofs_walk_error_fn on_error;
	void *ctx;
	int incomplete; /* something could not be examined */
	ofs_error *err;
} walk;

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

static int cmp_dir(const ofs_walked_dir *a, const ofs_walked_dir *b)
{
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/* Remember the folder st; returns 1 when it was walked before, 0 when
 * newly remembered, -1 when out of memory.  Kept sorted (binary search,
 * insertion by memmove): folders are few next to files. */
static int visit(ofs_file_list *l, const struct stat *st)
{
	ofs_walked_dir d = {(unsigned long long)st->st_dev, (unsigned long long)st->st_ino};
	size_t lo = 0, hi = l->n_dirs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_dir(&l->dirs[mid], &d);
		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (l->n_dirs == l->cap_dirs) {
		size_t cap = l->cap_dirs ? l->cap_dirs * 2 : 16;
		ofs_walked_dir *p = realloc(l->dirs, cap * sizeof *p);
		if (!p)
			return -1;
		l->dirs = p;
		l->cap_dirs = cap;
	}
	memmove(l->dirs + lo + 1, l->dirs + lo, (l->n_dirs - lo) * sizeof *l->dirs);
	l->dirs[lo] = d;
	l->n_dirs++;
	return 0;
}

/* Report path through the callback; incomplete says whether files may
 * hide behind it. */
static void report(walk *w, int incomplete, const char *path, const char *why)
{
	ofs_error e;
	ofs_error_set(&e, OFS_EIO, "%s: %s", path, why);
	if (incomplete)
		w->incomplete = 1;
	if (w->on_error)
		w->on_error(w->ctx, &e);
}

/* A path stat() refused: too long for the system, or another reason. */
static void report_stat(walk *w, const char *path, int errnum)
{
	size_t len = strlen(path);
	char shown[400];
	if (errnum == ENAMETOOLONG && len > 300) {
		/* A message holds 512 bytes: show both ends of the path. */
		snprintf(shown, sizeof shown, "%.120s...%s", path, path + len - 200);
		/* Nothing indexed hides behind it: no file under it can be
		 * read, so none was ever indexed, and its folder's removed
		 * files are still removed. */
		report(w, 0, shown, "path too long for the system (over PATH_MAX)");
		return;
	}
	report(w, 1, path, strerror(errnum));
}

/* A FIFO, socket or device: never opened, and nothing hides behind it. */
static void report_irregular(walk *w, const char *path, mode_t mode)
{
	char why[80];
	snprintf(why, sizeof why, "not a regular file but %s: not read", ofs_file_kind(mode));
	report(w, 0, path, why);
}

static ofs_status walk_dir(walk *w, const char *dir);

/* Take one path met in a folder (name is its last part). */
static ofs_status take(walk *w, const char *path, const char *name)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		/* Vanished since the folder was read, or a dangling link:
		 * nothing to index. */
		if (errno != ENOENT)
			report_stat(w, path, errno);
		return OFS_OK;
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, path);
	if (!ofs_doc_wanted(name))
		return OFS_OK;
	if (!S_ISREG(st.st_mode)) {
		report_irregular(w, path, st.st_mode);
		return OFS_OK;
	}
	if (ofs_file_list_add(w->l, path) != OFS_OK)
		return ofs_error_set(w->err, OFS_ENOMEM, "out of memory");
	return OFS_OK;
}

static ofs_status walk_dir(walk *w, const char *dir)
{
	struct dirent **ents = NULL;
	struct stat st;
	int n, seen;
	ofs_status rc = OFS_OK;

	if (stat(dir, &st) != 0) {
		report_stat(w, dir, errno);
		return OFS_OK;
	}
	if ((seen = visit(w->l, &st)) < 0)
		return ofs_error_set(w->err, OFS_ENOMEM, "out of memory");
	if (seen)
		return OFS_OK; /* its files are listed already */
	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0) {
		report(w, 1, dir, strerror(errno));
		return OFS_OK;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char *path = NULL;
		if (name[0] != '.' && rc == OFS_OK) {
			if (asprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
				     name) < 0) {
				path = NULL;
				rc = ofs_error_set(w->err, OFS_ENOMEM, "out of memory");
			} else {
				rc = take(w, path, name);
			}
		}
		free(path);
		free(ents[i]);
	}
	free(ents);
	return rc;
}

ofs_status ofs_file_walk(const char *path, ofs_file_list *l, ofs_walk_error_fn on_error,
			 void *ctx, ofs_error *err)
{
	walk w = {l, on_error, ctx, 0, err};
	struct stat st;
	ofs_status rc = OFS_OK;
	if (stat(path, &st) != 0) {
		report_stat(&w, path, errno);
		return OFS_EIO;
	}
	if (S_ISDIR(st.st_mode))
		rc = walk_dir(&w, path);
	else if (!S_ISREG(st.st_mode))
		/* Named, so wanted whatever its name, but never opened: a
		 * FIFO would block the run. */
		report_irregular(&w, path, st.st_mode);
	else if (ofs_file_list_add(l, path) != OFS_OK)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK)
		return rc;
	return w.incomplete ? OFS_EIO : OFS_OK;
}

void ofs_file_list_free(ofs_file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	free(l->dirs);
	memset(l, 0, sizeof *l);
}
