/*
 * index_write.c: reports into Xapian documents (layout in schema.h), in a
 * folder of shards (see index_write.h).
 *
 * The folder holds XAPIANDB, a Xapian stub listing the live shards
 * ("auto g3-s0"), the shard folders g<generation>-s<shard>, and "lock",
 * which an indexer holds with flock() for its whole run.  Re-indexing a
 * file deletes every document carrying its report term and adds the new
 * ones in the same uncommitted batch of its shard.
 */
#include "index/index_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names/harvest.h"
#include "names/name_terms.h"
#include "ofs/paths.h"
#include "base/schema.h"
#include "base/util.h"
#include "engine/xapian.h"

#define STUB "XAPIANDB"
#define MAX_SHARDS 64
/* Index terms are limited to 245 bytes; leave room for the prefix. */
#define MAX_PATH_TERM 230

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
	unsigned gen;       /* generation being written */
	unsigned live_gen;  /* generation the stub listed at open, 0 if none */
	unsigned n;
	shard shards[MAX_SHARDS];
	/* A generation built in this run holds only the reports put in it
	 * since: their ids, so that a new report's put need not look into
	 * (and wait for) every shard. */
	pthread_mutex_t put_mu;
	uint64_t *put_ids; /* open addressing; 0 marks a free slot */
	size_t put_cap, put_n;
};

struct ofs_prepared {
	char id[17];
	ofs_xdoc **docs;
	size_t n;
	ofs_harvest harvest;
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
		free(path);
		return rc;
	}
	free(path);
	return OFS_OK;
}

/* Read the stub: the live generation and its shard count.  No stub is a
 * new index (live_gen stays 0). */
static ofs_status read_stub(ofs_index *idx, unsigned *live_shards, ofs_error *err)
{
	char *path, line[256];
	FILE *f;
	unsigned g, s;
	*live_shards = 0;
	if (asprintf(&path, "%s/" STUB, idx->dir) < 0)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	f = fopen(path, "r");
	if (!f) {
		ofs_status rc = errno == ENOENT ? OFS_OK
			: ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "auto g%u-s%u", &g, &s) != 2 || s != *live_shards ||
		    (idx->live_gen && g != idx->live_gen) || s >= MAX_SHARDS) {
			fclose(f);
			ofs_status rc = ofs_error_set(err, OFS_EFORMAT,
						      "%s: not an index written by this program "
						      "(unexpected line '%.40s')", path, line);
			free(path);
			return rc;
		}
		idx->live_gen = g;
		(*live_shards)++;
	}
	fclose(f);
	free(path);
	return OFS_OK;
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
 * The highest generation present in the folder, live or not, so that a
 * new generation never reuses the folder of an abandoned one.  With
 * delete_before, also delete every generation older than it (searchers
 * open on the generation just replaced keep working; older ones and
 * abandoned rebuilds go).
 */
static unsigned scan_generations(const char *dir, unsigned delete_before,
				 unsigned keep)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned max = 0, g, s;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (sscanf(e->d_name, "g%u-s%u", &g, &s) != 2)
			continue;
		if (g > max)
			max = g;
		if (delete_before && g < delete_before && g != keep) {
			char *p;
			if (asprintf(&p, "%s/%s", dir, e->d_name) >= 0) {
				rm_tree(p);
				free(p);
			}
		}
	}
	closedir(d);
	return max;
}

/*
 * Make generation gen the live one, then delete every older generation
 * but the one it replaces, which searchers may still have open.
 */
static ofs_status switch_to(ofs_index *idx, unsigned gen, ofs_error *err)
{
	ofs_status rc = write_stub(idx, gen, err);
	if (rc != OFS_OK)
		return rc;
	scan_generations(idx->dir, gen, idx->live_gen);
	idx->live_gen = gen;
	return OFS_OK;
}

static ofs_status open_shards(ofs_index *idx, int wait, int create, ofs_error *err)
{
	for (unsigned s = 0; s < idx->n; s++) {
		char *path, *version = NULL;
		ofs_status rc;
		if (asprintf(&path, "%s/g%u-s%u", idx->dir, idx->gen, s) < 0)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
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
	return OFS_OK;
}

ofs_status ofs_index_open(ofs_index **out, const char *dir, const ofs_index_opts *o,
			  ofs_error *err)
{
	ofs_index *idx = calloc(1, sizeof *idx);
	unsigned live_shards = 0, want = o && o->shards ? o->shards : 1;
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
	/* Xapian flushes a writer's changes every XAPIAN_FLUSH_THRESHOLD
	 * documents (read from the environment when a database is opened).
	 * The indexer commits in smaller batches itself (index_run.c), so this
	 * is only a backstop against unbounded memory, unless the user set
	 * it. */
	setenv("XAPIAN_FLUSH_THRESHOLD", "25000", 0);
	if ((rc = ofs_mkdirs(dir, err)) != OFS_OK ||
	    (rc = take_lock(idx, o && o->wait, err)) != OFS_OK ||
	    (rc = read_stub(idx, &live_shards, err)) != OFS_OK)
		goto fail;
	if (!idx->live_gen || (o && o->rebuild)) {
		/* A new index, or a new generation beside the live one. */
		idx->built = 1;
		idx->rebuild = idx->live_gen != 0;
		idx->gen = scan_generations(dir, 0, 0) + 1;
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
	pthread_mutex_destroy(&idx->put_mu);
	free(idx->put_ids);
	if (idx->lock_fd >= 0)
		close(idx->lock_fd); /* releases the flock; the file stays */
	free(idx->dir);
	free(idx);
}

/* Whether report id (16 hex digits) was put in this run; with record, it
 * is recorded as put.  Returns 1 or 0, or -1 when out of memory. */
static int put_before(ofs_index *idx, const char *id, int record)
{
	uint64_t key = strtoull(id, NULL, 16) | 1; /* never 0 */
	int found = 0;
	pthread_mutex_lock(&idx->put_mu);
	if ((idx->put_n + 1) * 2 > idx->put_cap) {
		size_t cap = idx->put_cap ? idx->put_cap * 2 : 1024;
		uint64_t *t = calloc(cap, sizeof *t);
		if (!t) {
			pthread_mutex_unlock(&idx->put_mu);
			return -1;
		}
		for (size_t i = 0; i < idx->put_cap; i++) {
			size_t j;
			if (!idx->put_ids[i])
				continue;
			j = (size_t)idx->put_ids[i] & (cap - 1);
			while (t[j])
				j = (j + 1) & (cap - 1);
			t[j] = idx->put_ids[i];
		}
		free(idx->put_ids);
		idx->put_ids = t;
		idx->put_cap = cap;
	}
	size_t j = (size_t)key & (idx->put_cap - 1);
	while (idx->put_ids[j] && idx->put_ids[j] != key)
		j = (j + 1) & (idx->put_cap - 1);
	found = idx->put_ids[j] == key;
	if (!found && record) {
		idx->put_ids[j] = key;
		idx->put_n++;
	}
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

/* ---- Documents ------------------------------------------------------ */

/* Sticky-status helpers: each does nothing once *rc is set. */
static void add_term(ofs_xdoc *d, const char *prefix, const char *value, ofs_status *rc)
{
	char term[256];
	if (*rc != OFS_OK || !value || !*value)
		return;
	snprintf(term, sizeof term, "%s%s", prefix, value);
	*rc = ofs_xdoc_add_boolean_term(d, term);
}

static void set_value(ofs_xdoc *d, ofs_slot slot, const char *value, ofs_status *rc)
{
	if (*rc != OFS_OK || !value || !*value)
		return;
	*rc = ofs_xdoc_set_value(d, slot, value, strlen(value));
}

static void set_int(ofs_xdoc *d, ofs_slot slot, int v, ofs_status *rc)
{
	char buf[16];
	if (v <= 0)
		return;
	snprintf(buf, sizeof buf, "%d", v);
	set_value(d, slot, buf, rc);
}

static void set_packed(ofs_xdoc *d, ofs_slot slot, const char *const *fields, size_t n,
		       ofs_status *rc)
{
	char *v;
	if (*rc != OFS_OK)
		return;
	if (!(v = ofs_pack(fields, n))) {
		*rc = OFS_ENOMEM;
		return;
	}
	*rc = ofs_xdoc_set_value(d, slot, v, strlen(v));
	free(v);
}

/* Terms and values every document of report r carries; grade and area
 * are the paragraph's (a report document: its overall grade, no area). */
static void add_report_facets(ofs_xdoc *d, const ofs_report *r, const char *id,
			      const char *council_key, ofs_grade grade, ofs_area area,
			      ofs_status *rc)
{
	char year[5] = "";
	const char *facets[OFS_FACET_FIELDS];
	if (r->date[0])
		memcpy(year, r->date, 4);
	add_term(d, OFS_PFX_REPORT, id, rc);
	add_term(d, OFS_PFX_COUNCIL, council_key, rc);
	add_term(d, OFS_PFX_KIND, ofs_kind_name(r->kind), rc);
	add_term(d, OFS_PFX_YEAR, year, rc);
	add_term(d, OFS_PFX_GRADE, ofs_grade_name(grade), rc);
	add_term(d, OFS_PFX_AREA, ofs_area_name(area), rc);
	facets[OFS_FACET_COUNCIL] = r->council;
	facets[OFS_FACET_GRADE] = ofs_grade_name(grade);
	facets[OFS_FACET_AREA] = ofs_area_name(area);
	facets[OFS_FACET_YEAR] = year;
	set_packed(d, OFS_SLOT_FACETS, facets, OFS_FACET_FIELDS, rc);
	set_value(d, OFS_SLOT_DATE, r->date, rc);
	set_value(d, OFS_SLOT_REPORT, id, rc);
}

static ofs_status para_doc(const ofs_report *r, const ofs_para *p, const char *id,
			   const char *council_key, const ofs_names *names, ofs_xdoc **out)
{
	ofs_xdoc *d = NULL;
	ofs_status rc = ofs_xdoc_new(&d);
	size_t len = strlen(p->text);
	char page[16] = "", number[16] = "";
	const char *display[OFS_DISPLAY_FIELDS];

	if (p->page > 0)
		snprintf(page, sizeof page, "%d", p->page);
	if (p->number > 0)
		snprintf(number, sizeof number, "%d", p->number);
	display[OFS_DISPLAY_FILE] = r->path;
	display[OFS_DISPLAY_PAGE] = page;
	display[OFS_DISPLAY_NUMBER] = number;
	display[OFS_DISPLAY_SECTION] = p->section;
	display[OFS_DISPLAY_KIND] = ofs_kind_name(r->kind);
	add_report_facets(d, r, id, council_key, p->grade, p->area, &rc);
	set_packed(d, OFS_SLOT_DISPLAY, display, OFS_DISPLAY_FIELDS, &rc);
	set_int(d, OFS_SLOT_SEQ, p->seq, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_xdoc_index_text(d, p->text, len);
	if (rc == OFS_OK)
		rc = ofs_names_index(names, d);
	if (rc != OFS_OK) {
		ofs_xdoc_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

static int set_date(json_t *o, const char *key, const char *date)
{
	return json_object_set_new(o, key, date[0] ? json_string(date) : json_null());
}

static int set_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, s && *s ? json_string(s) : json_null());
}

/* The report document's data: its metadata as JSON (docs/json.md). */
static char *report_json(const ofs_report *r, const char *abspath, const ofs_stamp *st)
{
	static const ofs_area judged[] = {
		OFS_AREA_OVERALL, OFS_AREA_LEADERS, OFS_AREA_HELP_PROTECTION,
		OFS_AREA_IN_CARE, OFS_AREA_CARE_LEAVERS, OFS_AREA_ADOPTION, OFS_AREA_LSCB,
	};
	json_t *o = json_object(), *g = json_object();
	char *s = NULL;
	int bad = !o || !g;

	for (size_t i = 0; !bad && i < sizeof judged / sizeof *judged; i++) {
		char key[32];
		/* JSON keys use '_' so that programs can use them as names. */
		snprintf(key, sizeof key, "%s", ofs_area_name(judged[i]));
		for (char *c = key; *c; c++)
			if (*c == '-')
				*c = '_';
		bad |= set_str(g, key, ofs_grade_name(r->grades[judged[i]]));
	}
	if (!bad) {
		bad |= set_str(o, "file", r->path);
		bad |= set_str(o, "path", abspath);
		bad |= set_str(o, "council", r->council);
		bad |= set_str(o, "kind", ofs_kind_name(r->kind));
		bad |= set_str(o, "title", r->title);
		bad |= set_str(o, "source", r->source);
		bad |= set_date(o, "date", r->date);
		bad |= set_date(o, "inspection_start", r->inspection_start);
		bad |= set_date(o, "inspection_end", r->inspection_end);
		bad |= set_date(o, "published", r->published);
		bad |= set_str(o, "lead_inspector", r->lead_inspector);
		bad |= json_object_set(o, "grades", g);
		bad |= json_object_set_new(o, "paragraphs", json_integer((json_int_t)r->n_paras));
		bad |= json_object_set_new(o, "pages", json_integer(r->pages));
		bad |= set_str(o, "stamp", st ? st->quick : NULL);
		bad |= set_str(o, "hash", st ? st->hash : NULL);
	}
	if (!bad)
		s = json_dumps(o, JSON_COMPACT);
	json_decref(g);
	json_decref(o);
	return s;
}

static ofs_status report_doc(const ofs_report *r, const char *id, const char *council_key,
			     const char *abspath, const ofs_stamp *st, const ofs_names *names,
			     ofs_xdoc **out)
{
	ofs_xdoc *d = NULL;
	char *json = report_json(r, abspath, st);
	char sort[256];
	ofs_status rc = json ? ofs_xdoc_new(&d) : OFS_ENOMEM;

	const char *display[OFS_DISPLAY_FIELDS] = {r->path, NULL, NULL, NULL,
						   ofs_kind_name(r->kind)};
	snprintf(sort, sizeof sort, "%s\x1f%s", council_key ? council_key : "", r->date);
	if (rc == OFS_OK)
		rc = ofs_xdoc_add_boolean_term(d, OFS_TERM_REPORT);
	/* A report's grade is its overall judgement. */
	add_report_facets(d, r, id, council_key, r->grades[OFS_AREA_OVERALL], OFS_AREA_UNKNOWN,
			  &rc);
	add_term(d, OFS_PFX_DOC, id, &rc);
	if (names)
		add_term(d, OFS_PFX_NAMES, ofs_names_fingerprint(names), &rc);
	if (strlen(abspath) <= MAX_PATH_TERM)
		add_term(d, OFS_PFX_PATH, abspath, &rc);
	set_packed(d, OFS_SLOT_DISPLAY, display, OFS_DISPLAY_FIELDS, &rc);
	set_value(d, OFS_SLOT_SORT, sort, &rc);
	if (rc == OFS_OK)
		rc = ofs_xdoc_set_data(d, json, strlen(json));
	free(json);
	if (rc != OFS_OK) {
		ofs_xdoc_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

ofs_status ofs_index_prepare(const ofs_report *r, const char *abspath, const ofs_stamp *st,
			     const ofs_names *names, ofs_prepared **out, ofs_error *err)
{
	ofs_prepared *p = calloc(1, sizeof *p);
	char *council_key = NULL;
	ofs_status rc = OFS_OK;

	*out = NULL;
	if (!p || !(p->docs = calloc(r->n_paras + 1, sizeof *p->docs)) ||
	    (r->council && !(council_key = ofs_key(r->council)))) {
		rc = OFS_ENOMEM;
		goto done;
	}
	ofs_report_id(abspath, p->id);
	for (size_t i = 0; rc == OFS_OK && i < r->n_paras; i++)
		if ((rc = para_doc(r, &r->paras[i], p->id, council_key, names, &p->docs[p->n])) == OFS_OK)
			p->n++;
	if (rc == OFS_OK &&
	    (rc = report_doc(r, p->id, council_key, abspath, st, names, &p->docs[p->n])) == OFS_OK)
		p->n++;
	if (rc == OFS_OK)
		rc = ofs_harvest_report(r, &p->harvest);
done:
	free(council_key);
	if (rc != OFS_OK) {
		ofs_prepared_free(p);
		return ofs_error_set(err, rc, "%s: cannot index: %s", r->path, ofs_strerror(rc));
	}
	*out = p;
	return OFS_OK;
}

void ofs_prepared_free(ofs_prepared *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		ofs_xdoc_free(p->docs[i]);
	free(p->docs);
	ofs_harvest_free(&p->harvest);
	free(p);
}

/* ---- Changing the index --------------------------------------------- */

ofs_status ofs_index_put(ofs_index *idx, const ofs_prepared *p, unsigned writer,
			 int *replaced, ofs_error *err)
{
	char term[32];
	ofs_status rc = OFS_OK;
	shard *sh;

	snprintf(term, sizeof term, "%s%s", OFS_PFX_REPORT, p->id);
	if (idx->built) {
		int before = put_before(idx, p->id, 1);
		if (before < 0)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
		sh = before ? holder(idx, term, &rc, err) : NULL;
	} else {
		sh = holder(idx, term, &rc, err);
	}
	if (rc != OFS_OK)
		return rc;
	if (replaced)
		*replaced = sh != NULL;
	if (!sh)
		sh = &idx->shards[writer % idx->n];
	pthread_mutex_lock(&sh->mu);
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
	pthread_mutex_unlock(&sh->mu);
	return rc;
}

static ofs_status stored_json(ofs_index *idx, const char *abspath, json_t **out, ofs_error *err)
{
	char id[17], term[32], *data = NULL;
	shard *sh;
	ofs_status rc = OFS_OK;
	*out = NULL;
	ofs_report_id(abspath, id);
	snprintf(term, sizeof term, "%s%s", OFS_PFX_DOC, id);
	if (idx->built && put_before(idx, id, 0) == 0)
		return OFS_ENOTFOUND;
	if (!(sh = holder(idx, term, &rc, err)))
		return rc != OFS_OK ? rc : OFS_ENOTFOUND;
	pthread_mutex_lock(&sh->mu);
	rc = ofs_xdb_get_by_term(sh->db, term, &data, NULL, err);
	pthread_mutex_unlock(&sh->mu);
	if (rc != OFS_OK)
		return rc;
	*out = json_loads(data, 0, NULL);
	free(data);
	if (!*out)
		return ofs_error_set(err, OFS_ECORRUPT, "%s: stored metadata of %s is not JSON",
				     idx->dir, abspath);
	return OFS_OK;
}

ofs_status ofs_index_lookup(ofs_index *idx, const char *abspath, ofs_stamp *out,
			    ofs_error *err)
{
	json_t *o;
	const char *q, *h;
	ofs_status rc = stored_json(idx, abspath, &o, err);
	memset(out, 0, sizeof *out);
	if (rc != OFS_OK)
		return rc;
	q = json_string_value(json_object_get(o, "stamp"));
	h = json_string_value(json_object_get(o, "hash"));
	snprintf(out->quick, sizeof out->quick, "%s", q ? q : "");
	snprintf(out->hash, sizeof out->hash, "%s", h ? h : "");
	json_decref(o);
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

ofs_status ofs_index_each_under(ofs_index *idx, const char *dirabs,
				int (*fn)(void *ctx, const char *abspath), void *ctx,
				ofs_error *err)
{
	char prefix[4200];
	struct under_ctx u = {fn, ctx};
	ofs_status rc = OFS_OK;
	snprintf(prefix, sizeof prefix, "%s%s/", OFS_PFX_PATH, strcmp(dirabs, "/") ? dirabs : "");
	for (unsigned s = 0; rc == OFS_OK && s < idx->n; s++) {
		pthread_mutex_lock(&idx->shards[s].mu);
		rc = ofs_xdb_each_term(idx->shards[s].db, prefix, under_term, &u, err);
		pthread_mutex_unlock(&idx->shards[s].mu);
	}
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

ofs_status ofs_index_publish(ofs_index *idx, ofs_error *err)
{
	ofs_status rc = ofs_index_commit(idx, err);
	if (rc != OFS_OK || !idx->built)
		return rc;
	/* A generation built whole is compacted into the next one, which
	 * goes live: the one written piecemeal is never searched again. */
	if ((rc = compact(idx, err)) != OFS_OK)
		return rc;
	rc = switch_to(idx, idx->gen + 1, err);
	idx->built = idx->rebuild = 0;
	return rc;
}
