/*
 * cache.c: answers of the API kept by request.  People typing into the
 * page send the same first letters and words again and again ("f", "fr",
 * "front", "front d"...), and such short prefixes match the most
 * paragraphs, so they cost the most to count.  Keys begin with the
 * index's stamp (handle.c), so an answer is never given from an index
 * the indexer has since changed; the least recently used answers go
 * first when the cache is full.
 */
#include "serve/serve_internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

typedef struct entry {
	struct entry *next_hash;        /* same bucket */
	struct entry *newer, *older;    /* use order */
	uint64_t hash;
	char *key;
	char *body;
	size_t len;
} entry;

struct ofs__cache {
	pthread_mutex_t lock;
	entry **buckets;
	size_t n_buckets;          /* a power of two */
	entry *newest, *oldest;
	size_t bytes, max_bytes;
};

#define N_BUCKETS 4096

ofs__cache *ofs__cache_new(size_t max_bytes)
{
	ofs__cache *c = calloc(1, sizeof *c);
	if (!c || !(c->buckets = calloc(N_BUCKETS, sizeof *c->buckets))) {
		free(c);
		return NULL;
	}
	c->n_buckets = N_BUCKETS;
	c->max_bytes = max_bytes;
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

static void unlink_use(ofs__cache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void link_newest(ofs__cache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static void drop(ofs__cache *c, entry *e)
{
	entry **p = &c->buckets[e->hash & (c->n_buckets - 1)];
	while (*p != e)
		p = &(*p)->next_hash;
	*p = e->next_hash;
	unlink_use(c, e);
	c->bytes -= e->len + strlen(e->key);
	free(e->key);
	free(e->body);
	free(e);
}

void ofs__cache_free(ofs__cache *c)
{
	if (!c)
		return;
	while (c->oldest)
		drop(c, c->oldest);
	pthread_mutex_destroy(&c->lock);
	free(c->buckets);
	free(c);
}

static entry *find(ofs__cache *c, const char *key, uint64_t h)
{
	for (entry *e = c->buckets[h & (c->n_buckets - 1)]; e; e = e->next_hash)
		if (e->hash == h && !strcmp(e->key, key))
			return e;
	return NULL;
}

char *ofs__cache_get(ofs__cache *c, const char *key, size_t *len)
{
	uint64_t h = ofs_hash64(key, strlen(key));
	char *copy = NULL;
	entry *e;
	if (!c)
		return NULL;
	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key, h)) && (copy = malloc(e->len ? e->len : 1))) {
		memcpy(copy, e->body, e->len);
		*len = e->len;
		unlink_use(c, e);
		link_newest(c, e);
	}
	pthread_mutex_unlock(&c->lock);
	return copy;
}

void ofs__cache_put(ofs__cache *c, const char *key, const char *body, size_t len)
{
	uint64_t h = ofs_hash64(key, strlen(key));
	size_t cost = len + strlen(key);
	entry *e;
	if (!c || cost > c->max_bytes / 8) /* one answer never fills it */
		return;
	if (!(e = calloc(1, sizeof *e)) || !(e->key = strdup(key)) || !(e->body = malloc(len ? len : 1))) {
		if (e)
			free(e->key);
		free(e);
		return; /* not kept: only slower next time */
	}
	memcpy(e->body, body, len);
	e->len = len;
	e->hash = h;
	pthread_mutex_lock(&c->lock);
	entry *old = find(c, key, h);
	if (old)
		drop(c, old);
	while (c->oldest && c->bytes + cost > c->max_bytes)
		drop(c, c->oldest);
	e->next_hash = c->buckets[h & (c->n_buckets - 1)];
	c->buckets[h & (c->n_buckets - 1)] = e;
	link_newest(c, e);
	c->bytes += cost;
	pthread_mutex_unlock(&c->lock);
}
