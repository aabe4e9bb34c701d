/*
 * store.c: the index folder and its shards (see store.h); the documents
 * put into them are made by documents.c.
 *
 * The folder holds XAPIANDB, a Xapian stub listing the live shards
 * ("auto g3-s0"), the shard folders g<generation>-s<shard>, "lock",
 * which an indexer holds with flock() for its whole run, and the
 * sidecar for remote serving (store.h).  Re-indexing a
 * file deletes every document carrying its report term and adds the new
 * ones in the same uncommitted batch of its shard.
 */
#include "index/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ofs/paths.h"
#include "base/schema.h"
#include "base/util.h"
#include "engine/xapian.h"
#include "names/neighbours.h"

#define STUB "XAPIANDB"
#define MAX_SHARDS 64

typedef struct shard {
	ofs_xdb *db;
	pthread_mutex_t mu;
	unsigned files, docs; /* put since the last commit */
} shard;

struct ofs_index {
	char *dir;
	int lock_fd;
	int rebuild;        /* gen is a rebuild not yet published */
	int built;          /* gen was created by this run: compact it */
	int sound;          /* the shards opened were checked, or new */
	unsigned gen;       /* generation being written */
	unsigned live_gen;  /* generation the stub listed at open, 0 if none */
	unsigned n;
	int changed;        /* a report put or removed in this run */
	shard shards[MAX_SHARDS];
	/* The ids of the reports put in this run, by shard: a report put
	 * again (a file named twice, maybe by two writers at once) goes to
	 * the shard it went to first.  A generation built in this run holds
	 * no others, so there a put need not look into (and wait for) every
	 * shard. */
	pthread_mutex_t put_mu;
	ofs_u64set put_ids[MAX_SHARDS];
};


/* ---- The folder: lock, stub, generations ---------------------------- */

static ofs_status take_lock(ofs_index *idx, int wait, ofs_error *err)
{
	char *path;
	if (asprintf(&path, "%s/lock", idx->dir) < 0)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	idx->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (idx->lock_fd < 0) {
		ofs_status rc = ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	if (flock(idx->lock_fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
		ofs_status rc = errno == EWOULDBLOCK
			? ofs_error_set(err, OFS_ELOCKED,
					"%s: index is locked by another indexer (lock file %s); "
					"use --wait to wait for it", idx->dir, path)
			: ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
		close(idx->lock_fd);
		idx->lock_fd = -1; /* only an indexer holding the lock sweeps */
		free(path);
		return rc;
	}
	free(path);
	return OFS_OK;
}

/* The folder of the index at path (its folder, or its stub file); a new
 * string, NULL when out of memory. */
static char *index_folder(const char *path)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *dir;
	if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
		return strdup(path);
	if (!slash)
		return strdup(".");
	return asprintf(&dir, "%.*s", (int)(slash - path), path) < 0 ? NULL : dir;
}

/*
 * Read the stub of the index at path (its folder, or its stub file): the
 * live generation (0 when there is no stub: a new index) and its number
 * of shards; or, for a stub listing shards served remotely ("remote
 * HOST:PORT" lines, written by scripts/serve-shards.sh), maybe beside
 * local ones ("auto PATH", relative to the stub's folder), their
 * addresses and absolute paths in remotes (new strings, caller frees;
 * NULL: such a stub is refused, as by writers) and their number in
 * *shards, *gen being 0.  The one reader of the stub's format, for
 * writers and readers alike.
 */
static ofs_status stub_read(const char *path, unsigned *gen, unsigned *shards,
			    char *remotes[MAX_SHARDS], ofs_error *err)
{
	char *stub, line[256], addr[256];
	struct stat st;
	FILE *f;
	unsigned g, s, n_remote = 0;
	char *dir = NULL;
	int mixed = 0;
	*gen = *shards = 0;
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		stub = strdup(path);
	else if (asprintf(&stub, "%s/" STUB, path) < 0)
		stub = NULL;
	if (!stub)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	f = fopen(stub, "r");
	if (!f) {
		ofs_status rc = errno == ENOENT ? OFS_OK
			: ofs_error_set(err, OFS_EIO, "%s: %s", stub, strerror(errno));
		free(stub);
		return rc;
	}
	/* A stub with a remote shard takes its local ones as paths. */
	while (remotes && !mixed && fgets(line, sizeof line, f))
		mixed = !strncmp(line, "remote ", 7);
	rewind(f);
	if (mixed && (dir = index_folder(stub))) {
		char *abs = realpath(dir, NULL);
		free(dir);
		dir = abs;
	}
	while (fgets(line, sizeof line, f)) {
		const char *bad = NULL;
		if (mixed && *shards == n_remote && n_remote < MAX_SHARDS &&
		    sscanf(line, "remote %255s", addr) == 1) {
			if (!(remotes[n_remote++] = strdup(addr)))
				bad = "out of memory";
		} else if (mixed && *shards == n_remote && n_remote < MAX_SHARDS &&
			   sscanf(line, "auto %255s", addr) == 1) {
			if (!dir)
				bad = "its folder cannot be resolved, for a local shard's path";
			else if (asprintf(&remotes[n_remote], addr[0] == '/' ? "%.0s%s" : "%s/%s",
					  dir, addr) < 0)
				bad = "out of memory";
			else
				n_remote++;
		} else if (!remotes && !strncmp(line, "remote ", 7)) {
			bad = "a stub of remote shards: index the folder that holds them";
		} else if (sscanf(line, "auto g%u-s%u", &g, &s) != 2 || s != *shards ||
			   (*gen && g != *gen) || s >= MAX_SHARDS || n_remote) {
			bad = "not an index written by this program";
		} else {
			*gen = g;
		}
		if (bad) {
			fclose(f);
			line[strcspn(line, "\n")] = '\0';
			ofs_status rc = ofs_error_set(err, OFS_EFORMAT, "%s: %s (unexpected line "
						      "'%.40s')", stub, bad, line);
			free(stub);
			free(dir);
			for (unsigned i = 0; i < n_remote; i++)
				free(remotes[i]);
			return rc;
		}
		(*shards)++;
	}
	fclose(f);
	free(stub);
	free(dir);
	return OFS_OK;
}

ofs_status ofs_index_live(const char *path, unsigned *gen, unsigned *shards, ofs_error *err)
{
	char *remotes[MAX_SHARDS];
	ofs_status rc = stub_read(path, gen, shards, remotes, err);
	/* Remote shards: no generation of ours (*gen 0), their number. */
	for (unsigned i = 0; rc == OFS_OK && !*gen && i < *shards; i++)
		free(remotes[i]);
	return rc;
}

/* Write the stub listing generation gen atomically: a new file renamed
 * over the old one, with the data and the rename made durable. */
static ofs_status write_stub(ofs_index *idx, unsigned gen, ofs_error *err)
{
	char *tmp = NULL, *path = NULL;
	ofs_status rc = OFS_OK;
	FILE *f;
	int dfd;
	if (asprintf(&tmp, "%s/" STUB ".new", idx->dir) < 0 ||
	    asprintf(&path, "%s/" STUB, idx->dir) < 0) {
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		goto done;
	}
	if (!(f = fopen(tmp, "w"))) {
		rc = ofs_error_set(err, OFS_EIO, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	for (unsigned s = 0; s < idx->n; s++)
		fprintf(f, "auto g%u-s%u\n", gen, s);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = ofs_error_set(err, OFS_EIO, "%s: %s", tmp, strerror(errno));
		fclose(f);
		goto done;
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		rc = ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if ((dfd = open(idx->dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
done:
	free(tmp);
	free(path);
	return rc;
}

static int rm_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;
	if (!d)
		return unlink(path);
	while ((e = readdir(d))) {
		char *p;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (asprintf(&p, "%s/%s", path, e->d_name) < 0)
			return -1;
		rc |= rm_tree(p);
		free(p);
	}
	closedir(d);
	return rc | rmdir(path);
}

/*
 * Hold generation gen of the index in dir: a flock (op: LOCK_SH for a
 * reader, LOCK_EX | LOCK_NB for an indexer about to remove it) on the
 * folder of its first shard, which is removed last.  Returns the open
 * folder; HOLD_GONE when the generation has no first shard (any more);
 * HOLD_BUSY when op has LOCK_NB and another process holds it.
 */
enum { HOLD_GONE = -1, HOLD_BUSY = -2 };

static int hold_generation(const char *dir, unsigned gen, int op)
{
	char *path;
	struct stat a, b;
	int fd;
	if (asprintf(&path, "%s/g%u-s0", dir, gen) < 0)
		return HOLD_BUSY; /* out of memory: keep it */
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && flock(fd, op) != 0) {
		close(fd);
		fd = HOLD_BUSY;
	} else if (fd >= 0 && (fstat(fd, &a) != 0 || stat(path, &b) != 0 ||
			       a.st_ino != b.st_ino || a.st_dev != b.st_dev)) {
		/* Removed while we waited for the lock. */
		close(fd);
		fd = HOLD_GONE;
	} else if (fd < 0) {
		fd = HOLD_GONE;
	}
	free(path);
	return fd;
}

/* Remove the folders of generation gen, the first shard's last (see
 * hold_generation()). */
static void remove_generation(const char *dir, unsigned gen)
{
	for (unsigned s = MAX_SHARDS; s-- > 0;) {
		char *p;
		if (asprintf(&p, "%s/g%u-s%u", dir, gen, s) < 0)
			return;
		rm_tree(p);
		free(p);
	}
}

/*
 * The highest generation present in the folder, live or not, so that a
 * new generation never reuses the folder of an abandoned one.  With
 * sweep, also remove every generation but keep that no reader holds:
 * generations replaced, abandoned rebuilds, half-made compactions.  A
 * generation a searcher holds goes at a later run.
 */
static unsigned scan_generations(const char *dir, int sweep, unsigned keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned max = 0, g, s;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		int fd;
		if (sscanf(e->d_name, "g%u-s%u", &g, &s) != 2)
			continue;
		if (g > max)
			max = g;
		if (!sweep || g == keep)
			continue;
		/* Readers hold a generation by its first shard; one without
		 * a first shard no reader holds. */
		if ((fd = hold_generation(dir, g, LOCK_EX | LOCK_NB)) == HOLD_BUSY)
			continue;
		remove_generation(dir, g);
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	return max;
}

/* Make generation gen the live one, then remove the others that no
 * reader holds. */
static ofs_status switch_to(ofs_index *idx, unsigned gen, ofs_error *err)
{
	ofs_status rc = write_stub(idx, gen, err);
	if (rc != OFS_OK)
		return rc;
	idx->live_gen = gen;
	scan_generations(idx->dir, 1, gen);
	return OFS_OK;
}

/*
 * Open the shards served at the n addresses remotes (freed here), with
 * the sidecar beside the stub.  Shards that do not answer are left out
 * here; each search says whether that is an error (ofs_xdb_recheck()).
 */
static ofs_status open_remote(const char *dir, char *remotes[], unsigned n, ofs_xdb **db,
			      ofs_error *err)
{
	const char *env = getenv("OFS_REMOTE_TIMEOUT");
	double secs = env && *env ? strtod(env, NULL) : 0;
	ofs_xremote_opts ro = {.partial = 1};
	char *sidecar = NULL;
	ofs_status rc;
	struct stat st;
	if (secs <= 0 || secs > 3600)
		secs = OFS_REMOTE_TIMEOUT_DEFAULT;
	ro.timeout_ms = ro.connect_ms = (unsigned)(secs * 1000);
	if (asprintf(&sidecar, "%s/" OFS_SIDECAR, dir) < 0)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	else if (stat(sidecar, &st) != 0)
		rc = ofs_error_set(err, OFS_EFORMAT, "%s: the stub lists remote shards, but "
				   "their sidecar (%s: spelling, synonyms, metadata) is missing: "
				   "copy it from the index's folder", dir, OFS_SIDECAR);
	else {
		ro.sidecar = sidecar;
		rc = ofs_xdb_open_remote(db, dir, remotes, n, &ro, err);
	}
	free(sidecar);
	for (unsigned i = 0; i < n; i++)
		free(remotes[i]);
	return rc;
}

ofs_status ofs_index_open_read(const char *path, ofs_xdb **db, int *hold, ofs_error *err)
{
	char *paths[MAX_SHARDS] = {0}, *remotes[MAX_SHARDS], *dir = index_folder(path);
	unsigned gen = 0, n = 0;
	ofs_status rc = OFS_OK;
	*db = NULL;
	*hold = -1;
	if (!dir)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	/* The stub may move on to a new generation, and the indexer remove
	 * the old one, between reading the stub and holding its generation:
	 * then read the stub again. */
	for (int tries = 0; rc == OFS_OK && *hold < 0; tries++) {
		if ((rc = stub_read(path, &gen, &n, remotes, err)) != OFS_OK)
			break;
		if (!gen || !n) {
			rc = n ? open_remote(dir, remotes, n, db, err) : ofs_xdb_open_read(db, path, err);
			free(dir);
			return rc;
		}
		if (tries == 20)
			rc = ofs_error_set(err, OFS_ERETRY, "%s: the index kept being replaced "
					   "while opened", path);
		else
			*hold = hold_generation(dir, gen, LOCK_SH);
	}
	for (unsigned s = 0; rc == OFS_OK && s < n; s++)
		if (asprintf(&paths[s], "%s/g%u-s%u", dir, gen, s) < 0) {
			paths[s] = NULL;
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		}
	if (rc == OFS_OK)
		rc = ofs_xdb_open_shards(db, path, paths, n, err);
	for (unsigned s = 0; s < n; s++)
		free(paths[s]);
	free(dir);
	if (rc != OFS_OK) {
		ofs_index_release(*hold);
		*hold = -1;
	}
	return rc;
}

void ofs_index_release(int hold)
{
	if (hold >= 0)
		close(hold); /* releases the flock */
}

/*
 * With no stub, the folder should hold no generation with documents: if
 * one does, the stub was lost (deleted by hand, restored from a partial
 * backup), and starting afresh would delete every report not named in
 * this run.  Refuse, and say how to recover.  A generation without
 * documents is what an indexer killed while creating a new index leaves.
 */
static ofs_status check_orphans(ofs_index *idx, ofs_error *err)
{
	DIR *d = opendir(idx->dir);
	struct dirent *e;
	ofs_status rc = OFS_OK;
	unsigned g, s;
	if (!d)
		return ofs_error_set(err, OFS_EIO, "%s: %s", idx->dir, strerror(errno));
	while (rc == OFS_OK && (e = readdir(d))) {
		char *p;
		ofs_xdb *x = NULL;
		unsigned docs = 0;
		if (sscanf(e->d_name, "g%u-s%u", &g, &s) != 2)
			continue;
		if (asprintf(&p, "%s/%s", idx->dir, e->d_name) < 0) {
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
			break;
		}
		if (ofs_xdb_open_read(&x, p, NULL) == OFS_OK &&
		    ofs_xdb_doccount(x, &docs, NULL) == OFS_OK && docs > 0)
			rc = ofs_error_set(err, OFS_ECORRUPT,
					   "%s: the index's list of shards (XAPIANDB) is missing, but %s "
					   "holds %u documents; nothing was changed: rebuild the index "
					   "with " OFS_INDEXER_NAME " --rebuild --db %s and every file and folder "
					   "it should hold", idx->dir, e->d_name, docs, idx->dir);
		ofs_xdb_close(x);
		free(p);
	}
	closedir(d);
	return rc;
}

/*
 * A fingerprint of the files of the live shards (names, sizes, times of
 * change), in the order-blind sum of their hashes; 0 when they cannot
 * be read.  Xapian's lock file is left out: opening a shard touches it.
 */
static uint64_t shards_print(ofs_index *idx)
{
	uint64_t sum = 0;
	for (unsigned s = 0; s < idx->n; s++) {
		char *path;
		DIR *d;
		struct dirent *e;
		if (asprintf(&path, "%s/g%u-s%u", idx->dir, idx->live_gen, s) < 0)
			return 0;
		d = opendir(path);
		while (d && (e = readdir(d))) {
			struct stat st;
			char line[512];
			int len;
			if (e->d_name[0] == '.' || !strcmp(e->d_name, "flintlock") ||
			    fstatat(dirfd(d), e->d_name, &st, 0) != 0)
				continue;
			len = snprintf(line, sizeof line, "%u/%s %lld %lld.%09ld", s, e->d_name,
				       (long long)st.st_size, (long long)st.st_mtim.tv_sec,
				       (long)st.st_mtim.tv_nsec);
			sum += ofs_hash64(line, (size_t)len);
		}
		if (d)
			closedir(d);
		free(path);
		if (!d)
			return 0;
	}
	return sum;
}

/* The file where an indexer leaves shards_print() of the shards it
 * wrote last. */
static char *print_path(ofs_index *idx)
{
	char *p;
	return asprintf(&p, "%s/checked", idx->dir) < 0 ? NULL : p;
}

/*
 * Whether the live shards are as the last indexer left them: unless
 * something else changed their files since (truncated, overwritten,
 * copied over), there is no need to check them again.
 */
static int shards_as_left(ofs_index *idx)
{
	char *path = print_path(idx), want[32] = "", now[32];
	FILE *f = path ? fopen(path, "r") : NULL;
	if (f) {
		if (!fgets(want, sizeof want, f))
			want[0] = '\0';
		fclose(f);
	}
	free(path);
	snprintf(now, sizeof now, "%016llx\n", (unsigned long long)shards_print(idx));
	return !strcmp(want, now);
}

/* Record the live shards as this indexer leaves them (best effort: a
 * record missing or stale only costs a check at the next run). */
static void record_shards(ofs_index *idx)
{
	char *path = print_path(idx);
	FILE *f = path ? fopen(path, "w") : NULL;
	if (f) {
		fprintf(f, "%016llx\n", (unsigned long long)shards_print(idx));
		fclose(f);
	}
	free(path);
}

static ofs_status open_shards(ofs_index *idx, int wait, int create, ofs_error *err)
{
	/* Xapian's writer may crash or loop on a damaged shard, where its
	 * readers fail cleanly: check shards changed by anything else
	 * before writing to them. */
	int check = !create && !shards_as_left(idx);
	for (unsigned s = 0; s < idx->n; s++) {
		char *path, *version = NULL;
		ofs_status rc;
		if (asprintf(&path, "%s/g%u-s%u", idx->dir, idx->gen, s) < 0)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
		rc = check ? ofs_xdb_check(path, err) : OFS_OK;
		if (rc == OFS_OK)
			rc = ofs_xdb_open_write(&idx->shards[s].db, path,
						(create ? OFS_XDB_CREATE : 0) |
							(wait ? OFS_XDB_WAIT_LOCK : 0), err);
		if (rc == OFS_OK)
			rc = ofs_xdb_get_metadata(idx->shards[s].db, OFS_META_SCHEMA, &version, err);
		if (rc == OFS_OK && !*version && create)
			rc = ofs_xdb_set_metadata(idx->shards[s].db, OFS_META_SCHEMA,
						  OFS_SCHEMA_VERSION, err);
		else if (rc == OFS_OK && strcmp(version, OFS_SCHEMA_VERSION))
			rc = ofs_error_set(err, OFS_EFORMAT,
					   "%s: index has layout version '%s', this program writes %s: "
					   "rebuild it with " OFS_INDEXER_NAME " --rebuild", idx->dir, version,
					   OFS_SCHEMA_VERSION);
		free(version);
		free(path);
		if (rc != OFS_OK)
			return rc;
	}
	idx->sound = 1;
	return OFS_OK;
}

ofs_status ofs_index_open(ofs_index **out, const char *dir, const ofs_index_opts *o,
			  ofs_error *err)
{
	ofs_index *idx = calloc(1, sizeof *idx);
	unsigned live_shards = 0, max, want = o && o->shards ? o->shards : 1;
	ofs_status rc;

	*out = NULL;
	if (!idx || !(idx->dir = strdup(dir))) {
		free(idx);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	idx->lock_fd = -1;
	for (unsigned s = 0; s < MAX_SHARDS; s++)
		pthread_mutex_init(&idx->shards[s].mu, NULL);
	pthread_mutex_init(&idx->put_mu, NULL);
	if (want > MAX_SHARDS)
		want = MAX_SHARDS;
	if ((rc = ofs_mkdirs(dir, err)) != OFS_OK ||
	    (rc = take_lock(idx, o && o->wait, err)) != OFS_OK ||
	    (rc = stub_read(dir, &idx->live_gen, &live_shards, NULL, err)) != OFS_OK)
		goto fail;
	if (!idx->live_gen && !(o && o->rebuild) && (rc = check_orphans(idx, err)) != OFS_OK)
		goto fail;
	/* Every generation but the live one is left over: replaced while a
	 * searcher held it, or a rebuild killed or failed. */
	max = scan_generations(dir, 1, idx->live_gen);
	if (!idx->live_gen || (o && o->rebuild)) {
		/* A new index, or a new generation beside the live one. */
		idx->built = 1;
		idx->rebuild = idx->live_gen != 0;
		idx->gen = max + 1;
		idx->n = want;
	} else {
		idx->gen = idx->live_gen;
		idx->n = live_shards;
	}
	if ((rc = open_shards(idx, o && o->wait, idx->built, err)) != OFS_OK)
		goto fail;
	/* A new index is live from the start, so that whatever is committed
	 * before a crash or an interruption can be searched and is kept. */
	if (!idx->live_gen && ((rc = ofs_index_commit(idx, err)) != OFS_OK ||
			       (rc = switch_to(idx, idx->gen, err)) != OFS_OK))
		goto fail;
	*out = idx;
	return OFS_OK;
fail:
	ofs_index_close(idx);
	return rc;
}

void ofs_index_close(ofs_index *idx)
{
	if (!idx)
		return;
	for (unsigned s = 0; s < MAX_SHARDS; s++) {
		ofs_xdb_close(idx->shards[s].db);
		pthread_mutex_destroy(&idx->shards[s].mu);
	}
	/* A generation built but not published (a rebuild interrupted or
	 * failed, a compaction that failed) is of no use to anyone. */
	if (idx->built && idx->lock_fd >= 0)
		scan_generations(idx->dir, 1, idx->live_gen);
	if (idx->sound && idx->lock_fd >= 0 && idx->live_gen)
		record_shards(idx);
	pthread_mutex_destroy(&idx->put_mu);
	for (unsigned s = 0; s < MAX_SHARDS; s++)
		ofs_u64set_free(&idx->put_ids[s]);
	if (idx->lock_fd >= 0)
		close(idx->lock_fd); /* releases the flock; the file stays */
	free(idx->dir);
	free(idx);
}

/* The shard report id (16 hex digits) was put in during this run, or
 * -1; with claim >= 0, a report not put yet is recorded as put in shard
 * claim, which is returned (-2 when out of memory), and *claimed set.
 * One lock covers the look and the record, so that two writers putting
 * the same report at once agree on its shard. */
static int put_shard(ofs_index *idx, const char *id, int claim, int *claimed)
{
	uint64_t key = strtoull(id, NULL, 16) | 1; /* never 0 */
	int found = -1;
	pthread_mutex_lock(&idx->put_mu);
	for (unsigned s = 0; found < 0 && s < idx->n; s++)
		if (ofs_u64set_has(&idx->put_ids[s], key))
			found = (int)s;
	if (claimed)
		*claimed = found < 0 && claim >= 0;
	if (found < 0 && claim >= 0)
		found = ofs_u64set_add(&idx->put_ids[claim], key) == 0 ? claim : -2;
	pthread_mutex_unlock(&idx->put_mu);
	return found;
}

/*
 * The shard holding the documents with term, or NULL.  A report stays in
 * the shard it was first written to, so that replacing it is one commit
 * of one shard; new reports go to the writer's own shard, so parallel
 * writers never wait for each other.
 */
static shard *holder(ofs_index *idx, const char *term, ofs_status *rc, ofs_error *err)
{
	for (unsigned s = 0; *rc == OFS_OK && s < idx->n; s++) {
		unsigned n = 0;
		pthread_mutex_lock(&idx->shards[s].mu);
		*rc = ofs_xdb_termfreq(idx->shards[s].db, term, &n, err);
		pthread_mutex_unlock(&idx->shards[s].mu);
		if (n)
			return &idx->shards[s];
	}
	return NULL;
}

/* ---- Changing the index --------------------------------------------- */

ofs_status ofs_index_put(ofs_index *idx, const ofs_prepared *p, unsigned writer,
			 int *replaced, ofs_error *err)
{
	char term[32];
	ofs_status rc = OFS_OK;
	shard *sh, *held = NULL;
	int s, claimed;

	snprintf(term, sizeof term, "%s%s", OFS_PFX_REPORT, p->id);
	/* A report not put in this run may be in any shard of a generation
	 * not built in this run. */
	if (put_shard(idx, p->id, -1, NULL) < 0 && !idx->built)
		held = holder(idx, term, &rc, err);
	if (rc != OFS_OK)
		return rc;
	/* Another writer may have put the same report since the look: the
	 * record then says where it went. */
	s = put_shard(idx, p->id, held ? (int)(held - idx->shards) : (int)(writer % idx->n),
		      &claimed);
	if (s < 0)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (replaced)
		*replaced = held || !claimed;
	sh = &idx->shards[s];
	pthread_mutex_lock(&sh->mu);
	idx->changed = 1;
	/* One group: Xapian's own commits never show half a report. */
	if ((rc = ofs_xdb_group_begin(sh->db, err)) != OFS_OK) {
		pthread_mutex_unlock(&sh->mu);
		return rc;
	}
	rc = ofs_xdb_delete_term(sh->db, term, err);
	for (size_t i = 0; rc == OFS_OK && i < p->n; i++)
		rc = ofs_xdb_add(sh->db, p->docs[i], err);
	sh->files++;
	sh->docs += (unsigned)p->n;
	/* Synonyms and spelling words stay when a report goes: they describe
	 * the language of the reports, not one report. */
	for (size_t i = 0; rc == OFS_OK && i < p->harvest.n_syn; i++)
		rc = ofs_xdb_add_synonym(sh->db, p->harvest.syn_keys[i], p->harvest.syn_values[i],
					 err);
	for (size_t i = 0; rc == OFS_OK && i < p->harvest.n_words; i++)
		rc = ofs_xdb_add_spelling(sh->db, p->harvest.words[i], p->harvest.counts[i], err);
	if (rc != OFS_OK)
		/* Only the engine fails here (memory, disk): leave no half
		 * report; the file is indexed again on the next run. */
		ofs_xdb_delete_term(sh->db, term, NULL);
	if (rc == OFS_OK)
		rc = ofs_xdb_group_end(sh->db, err);
	else
		ofs_xdb_group_end(sh->db, NULL);
	pthread_mutex_unlock(&sh->mu);
	return rc;
}

ofs_status ofs_index_lookup(ofs_index *idx, const char *abspath, ofs_stamp *out,
			    ofs_error *err)
{
	char id[17], term[32], *data = NULL;
	shard *sh;
	ofs_status rc = OFS_OK;
	int s;
	memset(out, 0, sizeof *out);
	ofs_report_id(abspath, id);
	snprintf(term, sizeof term, "%s%s", OFS_PFX_DOC, id);
	if ((s = put_shard(idx, id, -1, NULL)) >= 0)
		sh = &idx->shards[s];
	else if (idx->built || !(sh = holder(idx, term, &rc, err)))
		return rc != OFS_OK ? rc : OFS_ENOTFOUND;
	pthread_mutex_lock(&sh->mu);
	rc = ofs_xdb_get_by_term(sh->db, term, &data, NULL, err);
	pthread_mutex_unlock(&sh->mu);
	if (rc != OFS_OK)
		return rc;
	rc = ofs_docs_stamp(data, out);
	free(data);
	if (rc != OFS_OK)
		return ofs_error_set(err, rc, "%s: stored metadata of %s is not JSON",
				     idx->dir, abspath);
	return OFS_OK;
}

ofs_status ofs_index_remove(ofs_index *idx, const char *abspath, ofs_error *err)
{
	char id[17], term[32];
	shard *sh;
	ofs_status rc = OFS_OK;
	ofs_report_id(abspath, id);
	snprintf(term, sizeof term, "%s%s", OFS_PFX_REPORT, id);
	if (!(sh = holder(idx, term, &rc, err)))
		return rc;
	pthread_mutex_lock(&sh->mu);
	idx->changed = 1;
	rc = ofs_xdb_delete_term(sh->db, term, err);
	pthread_mutex_unlock(&sh->mu);
	return rc;
}

struct under_ctx {
	int (*fn)(void *ctx, const char *abspath);
	void *ctx;
};

static int under_term(void *c, const char *term)
{
	struct under_ctx *u = c;
	return u->fn(u->ctx, term + strlen(OFS_PFX_PATH));
}

struct long_ctx {
	struct under_ctx *u;
	const char *folder; /* dirabs and a slash */
	char *path;         /* the value as a string */
	int oom;
};

/* A path too long for a term, from the report document's value. */
static int under_long(void *c, const char *value, size_t len)
{
	struct long_ctx *l = c;
	size_t n = strlen(l->folder);
	char *p;
	if (len <= n || memcmp(value, l->folder, n) != 0)
		return 0;
	if (!(p = strndup(value, len)))
		return l->oom = 1;
	free(l->path);
	l->path = p;
	return l->u->fn(l->u->ctx, p);
}

ofs_status ofs_index_each_under(ofs_index *idx, const char *dirabs,
				int (*fn)(void *ctx, const char *abspath), void *ctx,
				ofs_error *err)
{
	char prefix[4200];
	struct under_ctx u = {fn, ctx};
	struct long_ctx l = {&u, prefix + strlen(OFS_PFX_PATH), NULL, 0};
	ofs_status rc = OFS_OK;
	snprintf(prefix, sizeof prefix, "%s%s/", OFS_PFX_PATH, strcmp(dirabs, "/") ? dirabs : "");
	for (unsigned s = 0; rc == OFS_OK && s < idx->n; s++) {
		pthread_mutex_lock(&idx->shards[s].mu);
		rc = ofs_xdb_each_term(idx->shards[s].db, prefix, under_term, &u, err);
		/* Paths too long for a term are few: read them one by one. */
		if (rc == OFS_OK)
			rc = ofs_xdb_each_value(idx->shards[s].db, OFS_TERM_LONG_PATH, OFS_SLOT_PATH,
						under_long, &l, err);
		pthread_mutex_unlock(&idx->shards[s].mu);
	}
	free(l.path);
	if (rc == OFS_OK && l.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	return rc;
}

/* Commit the shards with at least max_files files or max_docs documents
 * pending.  When due_only, a shard another thread is using is skipped
 * rather than waited for: it is due again at that thread's next check. */
static ofs_status commit_shards(ofs_index *idx, unsigned max_files, unsigned max_docs,
				int due_only, ofs_error *err)
{
	ofs_status rc = OFS_OK;
	for (unsigned s = 0; rc == OFS_OK && s < idx->n; s++) {
		shard *sh = &idx->shards[s];
		if (!due_only)
			pthread_mutex_lock(&sh->mu);
		else if (pthread_mutex_trylock(&sh->mu) != 0)
			continue;
		if (sh->db && (sh->files >= max_files || sh->docs >= max_docs)) {
			rc = ofs_xdb_commit(sh->db, err);
			sh->files = sh->docs = 0;
		}
		pthread_mutex_unlock(&sh->mu);
	}
	return rc;
}

ofs_status ofs_index_commit(ofs_index *idx, ofs_error *err)
{
	return commit_shards(idx, 0, 0, 0, err);
}

ofs_status ofs_index_commit_due(ofs_index *idx, unsigned max_files, unsigned max_docs,
				ofs_error *err)
{
	return commit_shards(idx, max_files, max_docs, 1, err);
}

/* Compact generation gen into gen + 1, closing the shards. */
static ofs_status compact(ofs_index *idx, ofs_error *err)
{
	ofs_status rc = OFS_OK;
	for (unsigned s = 0; s < idx->n; s++) {
		ofs_xdb_close(idx->shards[s].db);
		idx->shards[s].db = NULL;
	}
	for (unsigned s = 0; rc == OFS_OK && s < idx->n; s++) {
		char *src = NULL, *dst = NULL;
		if (asprintf(&src, "%s/g%u-s%u", idx->dir, idx->gen, s) < 0 ||
		    asprintf(&dst, "%s/g%u-s%u", idx->dir, idx->gen + 1, s) < 0)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		else
			rc = ofs_xdb_compact(src, dst, err);
		free(src);
		free(dst);
	}
	return rc;
}

/*
 * Write the live index's sidecar (store.h: what the remote backend does
 * not serve) beside the stub, for scripts/serve-shards.sh to copy beside
 * a stub of remote shards: built as OFS_SIDECAR.new, then put in place.
 */
static ofs_status write_sidecar(ofs_index *idx, ofs_error *err)
{
	char *tmp = NULL, *path = NULL, name[32];
	ofs_sbuf shards = {0};
	ofs_xdb *db = NULL;
	unsigned gen, n;
	int hold = -1;
	ofs_status rc;
	if (asprintf(&tmp, "%s/" OFS_SIDECAR ".new", idx->dir) < 0 ||
	    asprintf(&path, "%s/" OFS_SIDECAR, idx->dir) < 0) {
		free(tmp);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	rm_tree(tmp);
	rc = ofs_index_live(idx->dir, &gen, &n, err);
	for (unsigned i = 0; rc == OFS_OK && i < n; i++) {
		int len = snprintf(name, sizeof name, "%sg%u-s%u", i ? " " : "", gen, i);
		ofs_sbuf_add(&shards, name, (size_t)len);
	}
	ofs_sbuf_add(&shards, "", 0);
	if (rc == OFS_OK && shards.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK && (rc = ofs_index_open_read(idx->dir, &db, &hold, err)) == OFS_OK &&
	    (rc = ofs_xdb_write_sidecar(db, tmp, shards.s, err)) == OFS_OK) {
		rm_tree(path);
		if (rename(tmp, path) != 0)
			rc = ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	}
	ofs_xdb_close(db);
	ofs_index_release(hold);
	free(shards.s);
	free(tmp);
	free(path);
	return rc;
}

ofs_status ofs_index_publish(ofs_index *idx, ofs_error *err)
{
	struct stat st;
	char *sidecar = NULL;
	int missing;
	ofs_status rc = OFS_OK, learnt = OFS_OK;
	ofs_error learn_err;
	/* Learnt before the commit, so that readers get the words'
	 * neighbours with the paragraphs they come from.  A failure to
	 * learn them is reported once the paragraphs are published: it
	 * must not cost the run its reports. */
	if (idx->changed && idx->n) {
		ofs_xdb *dbs[MAX_SHARDS];
		int open = 1;
		for (unsigned s = 0; s < idx->n; s++) {
			pthread_mutex_lock(&idx->shards[s].mu);
			open = open && (dbs[s] = idx->shards[s].db);
		}
		if (open)
			learnt = ofs_neighbours_learn(dbs, idx->n, &learn_err);
		for (unsigned s = 0; s < idx->n; s++)
			pthread_mutex_unlock(&idx->shards[s].mu);
	}
	rc = ofs_index_commit(idx, err);
	if (rc == OFS_OK && idx->built) {
		/* A generation built whole is compacted into the next one,
		 * which goes live: the one written piecemeal is never
		 * searched again. */
		if ((rc = compact(idx, err)) != OFS_OK)
			return rc;
		rc = switch_to(idx, idx->gen + 1, err);
		idx->built = idx->rebuild = 0;
		idx->changed = 1;
	}
	if (rc != OFS_OK)
		return rc;
	if (asprintf(&sidecar, "%s/" OFS_SIDECAR, idx->dir) < 0)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	missing = stat(sidecar, &st) != 0;
	free(sidecar);
	if (idx->changed || missing)
		rc = write_sidecar(idx, err);
	if (rc == OFS_OK && learnt != OFS_OK)
		rc = ofs_error_set(err, learnt, "%s: the words' neighbours were not learnt: %s",
				   idx->dir, learn_err.msg);
	return rc;
}
