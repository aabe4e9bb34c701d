/*
 * wordnet.c: WordNet synonyms (see wordnet.h).
 *
 * The index files are sorted, one lemma per line, so a lookup is a
 * binary search over the mapped file; the first synset offset of the
 * lemma's line points into the data file, whose line lists the synset's
 * words.  Plural nouns are reduced with WordNet's own suffix rules
 * ("morphy") before the lookup.
 */
#include "names/wordnet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct mapped {
	const char *p;
	size_t len;
} mapped;

/* Synonyms come from nouns and adjectives; verbs and adverbs only say
 * whether a word is English (ofs_wordnet_is_word). */
enum { NOUN, ADJ, VERB, ADV, N_POS, N_SYN_POS = VERB };

struct ofs_wordnet {
	mapped index[N_POS];
	mapped data[N_SYN_POS];
	mapped noun_exc; /* irregular plurals: "children child" */
	mapped verb_exc; /* irregular verbs: "ran run" */
};

static const char *const pos_names[N_POS] = {"noun", "adj", "verb", "adv"};

const char *ofs_wordnet_default_dir(void)
{
	const char *env = getenv("OFS_WORDNET");
	return env && *env ? env : "/usr/share/wordnet";
}

static ofs_status map_file(const char *dir, const char *kind, const char *pos, mapped *m,
			   ofs_error *err)
{
	char path[4096];
	struct stat st;
	int fd;
	snprintf(path, sizeof path, "%s/%s.%s", dir, kind, pos);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) {
		ofs_status rc = ofs_error_set(err, OFS_EIO,
					      "%s: %s (WordNet synonyms need Debian's wordnet-base)",
					      path, fd < 0 ? strerror(errno) : "empty");
		if (fd >= 0)
			close(fd);
		return rc;
	}
	m->p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m->p == MAP_FAILED) {
		m->p = NULL;
		return ofs_error_set(err, OFS_EIO, "%s: %s", path, strerror(errno));
	}
	m->len = (size_t)st.st_size;
	return OFS_OK;
}

ofs_status ofs_wordnet_open(const char *dir, ofs_wordnet **out, ofs_error *err)
{
	ofs_wordnet *w = calloc(1, sizeof *w);
	ofs_status rc = OFS_OK;
	*out = NULL;
	if (!w)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	for (int p = 0; rc == OFS_OK && p < N_POS; p++) {
		rc = map_file(dir, "index", pos_names[p], &w->index[p], err);
		if (rc == OFS_OK && p < N_SYN_POS)
			rc = map_file(dir, "data", pos_names[p], &w->data[p], err);
	}
	if (rc == OFS_OK)
		rc = map_file(dir, "noun", "exc", &w->noun_exc, err);
	if (rc == OFS_OK)
		rc = map_file(dir, "verb", "exc", &w->verb_exc, err);
	if (rc != OFS_OK) {
		ofs_wordnet_close(w);
		return rc;
	}
	*out = w;
	return OFS_OK;
}

void ofs_wordnet_close(ofs_wordnet *w)
{
	if (!w)
		return;
	for (int p = 0; p < N_POS; p++)
		if (w->index[p].p)
			munmap((void *)w->index[p].p, w->index[p].len);
	for (int p = 0; p < N_SYN_POS; p++)
		if (w->data[p].p)
			munmap((void *)w->data[p].p, w->data[p].len);
	if (w->noun_exc.p)
		munmap((void *)w->noun_exc.p, w->noun_exc.len);
	if (w->verb_exc.p)
		munmap((void *)w->verb_exc.p, w->verb_exc.len);
	free(w);
}

/* Compare the lemma starting the line at s with key (lemma ends at ' '). */
static int cmp_lemma(const char *s, const char *end, const char *key)
{
	for (; s < end && *s != ' ' && *s != '\n'; s++, key++) {
		if (!*key)
			return 1;
		if (*s != *key)
			return (unsigned char)*s < (unsigned char)*key ? -1 : 1;
	}
	return *key ? -1 : 0;
}

/* The line of the index file whose lemma is key, or NULL. */
static const char *find_line(const mapped *m, const char *key)
{
	size_t lo = 0, hi = m->len;
	const char *end = m->p + m->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, start = mid;
		while (start > 0 && m->p[start - 1] != '\n')
			start--;
		/* The licence lines at the top start with spaces: below all. */
		int c = m->p[start] == ' ' ? -1 : cmp_lemma(m->p + start, end, key);
		if (c == 0)
			return m->p + start;
		if (c < 0) {
			const char *nl = memchr(m->p + mid, '\n', m->len - mid);
			lo = nl ? (size_t)(nl - m->p) + 1 : m->len;
		} else {
			hi = start;
		}
	}
	return NULL;
}

/* The first synset offset on an index line: after the lemma, pos,
 * synset_cnt, p_cnt, p_cnt pointers, sense_cnt and tagsense_cnt. */
static long first_offset(const char *line, const char *end)
{
	char buf[1024], *tok, *save = NULL;
	size_t n = 0;
	int field = 0, p_cnt = 0;
	while (line + n < end && line[n] != '\n' && n + 1 < sizeof buf)
		n++;
	memcpy(buf, line, n);
	buf[n] = '\0';
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save), field++) {
		if (field == 3)
			p_cnt = atoi(tok);
		if (field == 4 + p_cnt + 2)
			return strtol(tok, NULL, 10);
	}
	return -1;
}

static int synset_words(const mapped *m, long offset, const char *word,
			int (*fn)(void *, const char *), void *ctx)
{
	char buf[2048], *tok, *save = NULL;
	size_t n = 0;
	int field = 0, count = 0, stop = 0;
	if (offset < 0 || (size_t)offset >= m->len)
		return 0;
	while ((size_t)offset + n < m->len && m->p[offset + n] != '\n' && n + 1 < sizeof buf)
		n++;
	memcpy(buf, m->p + offset, n);
	buf[n] = '\0';
	/* offset lex_filenum ss_type w_cnt(hex) word lex_id word lex_id ... */
	for (tok = strtok_r(buf, " ", &save); tok && !stop; tok = strtok_r(NULL, " ", &save), field++) {
		if (field == 3)
			count = (int)strtol(tok, NULL, 16);
		if (field >= 4 && field < 4 + 2 * count && (field - 4) % 2 == 0) {
			char *paren = strchr(tok, '(');
			if (paren)
				*paren = '\0'; /* adjective markers: "big(a)" */
			for (char *c = tok; *c; c++)
				if (*c == '_')
					*c = ' ';
			for (char *c = tok; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			if (strcmp(tok, word))
				stop = fn(ctx, tok);
		}
	}
	return stop;
}

/* WordNet's noun suffix rules, most specific first. */
static const char *const noun_rules[][2] = {
	{"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
	{"men", "man"}, {"ies", "y"}, {"s", ""}, {NULL, NULL},
};

/* WordNet's suffix rules ("morphy"), most specific first. */
static const char *const verb_rules[][2] = {
	{"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
	{"ing", "e"}, {"ing", ""}, {"s", ""}, {NULL, NULL},
};
static const char *const adj_rules[][2] = {
	{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL},
};

/* The index line of word's base form as part of speech p, with the base
 * form in key (size n): the word itself, an irregular form's base from
 * the exception list, or the word less a suffix. */
static const char *find_base(const ofs_wordnet *w, int p, const char *word, char *key, size_t n)
{
	static const char *const (*const rules[N_POS])[2] = {noun_rules, adj_rules, verb_rules,
							      NULL};
	const mapped *exc_list = p == NOUN ? &w->noun_exc : p == VERB ? &w->verb_exc : NULL;
	size_t len = strlen(word);
	const char *line;
	snprintf(key, n, "%s", word);
	for (char *c = key; *c; c++)
		if (*c == ' ')
			*c = '_';
	if ((line = find_line(&w->index[p], key)))
		return line;
	if (exc_list) {
		/* "children child": the base form follows the word. */
		const char *exc = find_line(exc_list, key), *b, *e;
		size_t room = exc ? (size_t)(exc_list->p + exc_list->len - exc) : 0;
		if (exc && (b = memchr(exc, ' ', room < 128 ? room : 128)) &&
		    (e = memchr(b, '\n', (size_t)(exc_list->p + exc_list->len - b))) &&
		    e - b - 1 < (long)n) {
			snprintf(key, n, "%.*s", (int)(e - b - 1), b + 1);
			if ((line = find_line(&w->index[p], key)))
				return line;
		}
	}
	for (int r = 0; rules[p] && rules[p][r][0]; r++) {
		size_t sl = strlen(rules[p][r][0]);
		if (len > sl && !strcmp(word + len - sl, rules[p][r][0])) {
			snprintf(key, n, "%.*s%s", (int)(len - sl), word, rules[p][r][1]);
			if ((line = find_line(&w->index[p], key)))
				return line;
		}
	}
	return NULL;
}

void ofs_wordnet_synonyms(const ofs_wordnet *w, const char *word,
			  int (*fn)(void *ctx, const char *synonym), void *ctx)
{
	char key[128];
	size_t len = strlen(word);
	if (!w || len == 0 || len >= sizeof key - 8)
		return;
	for (int p = 0; p < N_SYN_POS; p++) {
		/* Adjectives are looked up as written. */
		const char *line = p == NOUN ? find_base(w, p, word, key, sizeof key)
					     : (snprintf(key, sizeof key, "%s", word),
						find_line(&w->index[p], key));
		if (line && synset_words(&w->data[p],
					 first_offset(line, w->index[p].p + w->index[p].len),
					 key, fn, ctx))
			return;
	}
}

int ofs_wordnet_is_word(const ofs_wordnet *w, const char *word)
{
	char key[128];
	if (!w || !*word || strlen(word) >= sizeof key - 8)
		return 0;
	for (int p = 0; p < N_POS; p++)
		if (find_base(w, p, word, key, sizeof key))
			return 1;
	return 0;
}
