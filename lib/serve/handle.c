/*
 * handle.c: each worker thread's own searcher (the engine's objects are
 * not shared between threads), reopened when the index changes.
 *
 * Whether it changed is told by a stamp made before every request: the
 * stub's identity and time, and each live shard's version file (the
 * indexer replaces the stub to publish a new generation, and every
 * commit rewrites a shard's version file, in a read replica too).  A
 * stamp costs a read of the
 * small stub and a stat per shard; the index is opened only when the
 * stamp differs, and since the stamp is taken before opening, a change
 * made meanwhile is seen at the next request.
 */
#include "serve/serve_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "index/store.h"

typedef struct handle {
	ofs_searcher *s;
	char *stamp;
} handle;

static void handle_free(void *p)
{
	handle *h = p;
	if (!h)
		return;
	ofs_searcher_free(h->s);
	free(h->stamp);
	free(h);
}

int ofs__handles_init(srv *s)
{
	return pthread_key_create(&s->handle_key, handle_free) ? -1 : 0;
}

void ofs__handles_fini(srv *s)
{
	handle_free(pthread_getspecific(s->handle_key));
	pthread_setspecific(s->handle_key, NULL);
	pthread_key_delete(s->handle_key);
}

static void add_stat(ofs_sbuf *b, const char *path)
{
	struct stat st;
	char buf[96];
	int n = stat(path, &st) ? snprintf(buf, sizeof buf, "-;")
				: snprintf(buf, sizeof buf, "%lx:%lx:%lld.%ld:%lld;",
					   (unsigned long)st.st_dev, (unsigned long)st.st_ino,
					   (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
					   (long long)st.st_size);
	ofs_sbuf_add(b, buf, (size_t)n);
}

/*
 * Shard i of generation gen in dir: its version file; or, for a read
 * replica's copy (xapian-replicate keeps a stub in the folder naming the
 * copy it keeps live, and applies changes to it in place), that stub and
 * the live copy's version file.
 */
static void add_shard(ofs_sbuf *b, const char *dir, unsigned gen, unsigned i)
{
	char *path = NULL, line[256], live[256] = "";
	FILE *f;
	if (asprintf(&path, "%s/g%u-s%u/iamglass", dir, gen, i) < 0) {
		b->oom = 1;
		return;
	}
	if (access(path, F_OK) != 0) {
		sprintf(strrchr(path, '/'), "/XAPIANDB");
		add_stat(b, path);
		if ((f = fopen(path, "r"))) {
			while (fgets(line, sizeof line, f))
				sscanf(line, "auto %255s", live);
			fclose(f);
		}
		free(path);
		path = NULL;
		if (*live && asprintf(&path, "%s/g%u-s%u/%s/iamglass", dir, gen, i, live) < 0) {
			b->oom = 1;
			return;
		}
	}
	if (path)
		add_stat(b, path);
	free(path);
}

/* The index's stamp (see above); a new string, NULL when out of memory. */
static char *stamp(const char *db)
{
	ofs_sbuf b = {0};
	struct stat st;
	char *stub = NULL, *dir, *slash;
	unsigned gen, shards;

	if (stat(db, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (asprintf(&stub, "%s/XAPIANDB", db) < 0)
			return NULL;
		dir = strdup(db);
	} else {
		stub = strdup(db);
		dir = strdup(db);
		if (dir && (slash = strrchr(dir, '/')))
			*slash = '\0';
		else if (dir)
			strcpy(dir, ".");
	}
	if (!stub || !dir)
		goto done;
	add_stat(&b, stub);
	if (ofs_index_live(db, &gen, &shards, NULL) == OFS_OK && gen) {
		for (unsigned i = 0; i < shards; i++)
			add_shard(&b, dir, gen, i);
	} else {
		/* A lone database folder, without a stub. */
		char *path;
		if (asprintf(&path, "%s/iamglass", db) >= 0) {
			add_stat(&b, path);
			free(path);
		}
	}
	ofs_sbuf_add(&b, "", 0);
done:
	free(stub);
	free(dir);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

ofs_status ofs__handle(srv *s, int fresh, ofs_searcher **out, ofs_error *err)
{
	handle *h = pthread_getspecific(s->handle_key);
	char *now = stamp(s->db);
	ofs_searcher *ns = NULL;
	ofs_status rc;

	*out = NULL;
	if (!now)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (!h) {
		if (!(h = calloc(1, sizeof *h)) || pthread_setspecific(s->handle_key, h)) {
			free(h);
			free(now);
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
		}
	}
	if (h->s && !fresh && h->stamp && !strcmp(h->stamp, now)) {
		free(now);
		*out = h->s;
		return OFS_OK;
	}
	if ((rc = ofs_searcher_open(&ns, s->db, s->thesaurus, err)) != OFS_OK) {
		free(now);
		return rc;
	}
	ofs_searcher_free(h->s);
	free(h->stamp);
	h->s = ns;
	h->stamp = now;
	*out = ns;
	return OFS_OK;
}

const char *ofs__handle_stamp(srv *s)
{
	handle *h = pthread_getspecific(s->handle_key);
	return h && h->stamp ? h->stamp : "";
}

ofs_status ofs__search(srv *s, const ofs_search_opts *o, ofs_results **out, ofs_error *err)
{
	ofs_status rc = OFS_ERETRY;
	for (int attempt = 0; attempt < 2; attempt++) {
		ofs_searcher *se;
		if ((rc = ofs__handle(s, attempt > 0, &se, err)) != OFS_OK)
			return rc;
		rc = ofs_search(se, o, out, err);
		/* A generation deleted under an old handle fails as the
		 * engine's error: once more on a fresh one. */
		if (rc != OFS_ERETRY && rc != OFS_EXAPIAN && rc != OFS_ECORRUPT)
			break;
	}
	return rc;
}
