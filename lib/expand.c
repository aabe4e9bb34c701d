/*
 * expand.c: query expansion with synonym groups (see expand.h).
 *
 * The rewrite works on the query text, before Xapian's parser sees it:
 * runs of plain words are matched against the thesaurus and the index's
 * synonym table, longest run first, and each match is replaced by a
 * field placeholder.  When the parser meets the placeholder it calls
 * back, and the group's query is built from the words as typed and the
 * alternatives (several words as a phrase), joined with OP_SYNONYM.
 * Going through the parser keeps its handling of operators, phrases and
 * filters intact around the groups.
 */
#include "ofs/expand.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofs/names.h"
#include "ofs/schema.h"
#include "ofs/stopwords.h"

typedef struct group {
	char *typed;  /* the words as the user typed them */
	char **alts;  /* other names, as written in the thesaurus or index */
	size_t n;
	size_t n_thesaurus; /* alts[0..n_thesaurus) come from the thesaurus */
	int general;  /* the alternatives are WordNet's: weighted down */
} group;

struct ofs_expander {
	const ofs_thesaurus *t;
	ofs_xdb *db;
	ofs_xparser *plain;
	const ofs_wordnet *wn;
	int names; /* the index holds the thesaurus's names as terms: -1 unknown */
	unsigned flags;
	group *groups;
	size_t n_groups;
};

ofs_status ofs_expander_new(ofs_expander **out, const ofs_thesaurus *t, ofs_xdb *db,
			    ofs_xparser *plain)
{
	ofs_expander *x = calloc(1, sizeof *x);
	*out = x;
	if (!x)
		return OFS_ENOMEM;
	x->t = t;
	x->db = db;
	x->plain = plain;
	x->names = -1;
	return OFS_OK;
}

void ofs_expander_set_wordnet(ofs_expander *x, const ofs_wordnet *wn)
{
	x->wn = wn;
}

static void clear_groups(ofs_expander *x)
{
	for (size_t i = 0; i < x->n_groups; i++) {
		free(x->groups[i].typed);
		for (size_t j = 0; j < x->groups[i].n; j++)
			free(x->groups[i].alts[j]);
		free(x->groups[i].alts);
	}
	free(x->groups);
	x->groups = NULL;
	x->n_groups = 0;
}

void ofs_expander_free(ofs_expander *x)
{
	if (!x)
		return;
	clear_groups(x);
	free(x);
}

/* A dynamic string. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

typedef struct token {
	const char *s;
	size_t len;
	int word; /* a plain word that may be part of a name */
} token;

static int is_operator(const char *s, size_t n)
{
	static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", NULL};
	for (int i = 0; ops[i]; i++)
		if (strlen(ops[i]) == n && !memcmp(ops[i], s, n))
			return 1;
	return 0;
}

static int plain_word(const char *s, size_t n)
{
	if (is_operator(s, n) || *s == '+' || *s == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.' || c == ','))
			return 0;
	}
	return 1;
}

struct alt_ctx {
	group *g;
	int oom;
};

static int add_alt(group *g, const char *alt)
{
	char **a;
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->alts[i], alt))
			return 0;
	if (!(a = realloc(g->alts, (g->n + 1) * sizeof *a)))
		return -1;
	g->alts = a;
	if (!(g->alts[g->n] = strdup(alt)))
		return -1;
	g->n++;
	return 0;
}

static int alt_from_index(void *ctx, const char *value)
{
	struct alt_ctx *a = ctx;
	if (add_alt(a->g, value)) {
		a->oom = 1;
		return 1;
	}
	return 0;
}

/* The other names of the words toks[0..n): a new group in *g (empty when
 * none). */
static ofs_status lookup(ofs_expander *x, const token *toks, size_t n, group *g,
			 ofs_error *err)
{
	sbuf typed = {0};
	char *key;
	size_t n_alts;
	const char *const *alts;
	ofs_status rc = OFS_OK;

	memset(g, 0, sizeof *g);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_add(&typed, " ", 1);
		sb_add(&typed, toks[i].s, toks[i].len);
	}
	if (typed.oom || !(key = ofs_key(typed.s))) {
		free(typed.s);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	g->typed = typed.s;
	alts = ofs_thesaurus_lookup(x->t, key, &n_alts);
	for (size_t i = 0; i < n_alts; i++)
		if (add_alt(g, alts[i]))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	g->n_thesaurus = g->n;
	if (rc == OFS_OK && x->db && *key) {
		struct alt_ctx a = {g, 0};
		rc = ofs_xdb_each_synonym(x->db, key, alt_from_index, &a, err);
		if (rc == OFS_OK && a.oom)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	/* General English only for single words the domain does not name. */
	if (rc == OFS_OK && !g->n && x->wn && n == 1 && strlen(key) >= 3 &&
	    !strchr(key, ' ') && !ofs_stopword(key, strlen(key))) {
		struct alt_ctx a = {g, 0};
		ofs_wordnet_synonyms(x->wn, key, alt_from_index, &a);
		if (a.oom)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		g->general = 1;
	}
	free(key);
	return rc;
}

static void free_group(group *g)
{
	free(g->typed);
	for (size_t j = 0; j < g->n; j++)
		free(g->alts[j]);
	free(g->alts);
	memset(g, 0, sizeof *g);
}

ofs_status ofs_expand_rewrite(ofs_expander *x, const char *text, const char *field,
			      unsigned flags, char **out, unsigned *n_groups, ofs_error *err)
{
	token *toks = NULL;
	size_t n = 0, cap = 0;
	sbuf o = {0};
	ofs_status rc = OFS_OK;

	*out = NULL;
	clear_groups(x);
	x->flags = flags;
	/* Tokens: quoted phrases whole, else runs of non-space; brackets
	 * split off so that "(front door)" still finds "front door". */
	for (const char *p = text; *p;) {
		const char *start;
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		start = p;
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			p = q ? q + 1 : p + strlen(p);
		} else if (*p == '(' || *p == ')') {
			p++;
		} else {
			while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')' && *p != '"')
				p++;
		}
		if (n == cap) {
			token *t = realloc(toks, (cap = cap * 2 + 16) * sizeof *t);
			if (!t) {
				free(toks);
				return ofs_error_set(err, OFS_ENOMEM, "out of memory");
			}
			toks = t;
		}
		toks[n].s = start;
		toks[n].len = (size_t)(p - start);
		toks[n].word = plain_word(start, toks[n].len);
		n++;
	}
	for (size_t i = 0; i < n && rc == OFS_OK;) {
		size_t run = 0, len;
		group g = {0};
		const char *prev_end = i ? toks[i - 1].s + toks[i - 1].len : text;
		/* A word glued to what precedes it ("council:\"x\"", "(a")
		 * belongs to that, not to a name. */
		while (i + run < n && toks[i + run].word && run < OFS_EXPAND_MAX_WORDS &&
		       (run || toks[i].s == text || isspace((unsigned char)toks[i].s[-1]) ||
			toks[i].s[-1] == '('))
			run++;
		for (len = run; len > 0 && rc == OFS_OK; len--) {
			if ((rc = lookup(x, &toks[i], len, &g, err)) != OFS_OK || g.n)
				break;
			free_group(&g);
		}
		/* Keep the text between tokens as it was: "council:" must stay
		 * glued to its value. */
		sb_add(&o, prev_end, (size_t)(toks[i].s - prev_end));
		if (rc == OFS_OK && len > 0 && g.n) {
			group *gs = realloc(x->groups, (x->n_groups + 1) * sizeof *gs);
			char ph[64];
			if (!gs) {
				free_group(&g);
				rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
				break;
			}
			x->groups = gs;
			x->groups[x->n_groups] = g;
			snprintf(ph, sizeof ph, "%s:%zu", field, x->n_groups++);
			sb_add(&o, ph, strlen(ph));
			i += len;
		} else {
			free_group(&g);
			sb_add(&o, toks[i].s, toks[i].len);
			i++;
		}
	}
	free(toks);
	if (rc == OFS_OK && (o.oom || !o.s))
		rc = o.oom ? ofs_error_set(err, OFS_ENOMEM, "out of memory") : OFS_OK;
	if (rc != OFS_OK) {
		free(o.s);
		return rc;
	}
	*out = o.s ? o.s : strdup("");
	if (n_groups)
		*n_groups = (unsigned)x->n_groups;
	return *out ? OFS_OK : ofs_error_set(err, OFS_ENOMEM, "out of memory");
}

/* Whether every report in the index carries the names of this thesaurus
 * as terms (names.h); asked once. */
static int names_indexed(ofs_expander *x, ofs_error *err, ofs_status *rc)
{
	char term[64];
	unsigned with = 0, reports = 0;
	if (x->names >= 0)
		return x->names;
	x->names = 0;
	if (!x->t || !x->db)
		return 0;
	snprintf(term, sizeof term, "%s%s", OFS_PFX_NAMES, ofs_thesaurus_fingerprint(x->t));
	if ((*rc = ofs_xdb_termfreq(x->db, term, &with, err)) == OFS_OK &&
	    (*rc = ofs_xdb_termfreq(x->db, OFS_TERM_REPORT, &reports, err)) == OFS_OK)
		x->names = with > 0 && with == reports;
	return x->names;
}

/* The query for alternative i of group g: its words, several words as a
 * phrase ("front door", not front AND door anywhere in the paragraph),
 * read only where the index has its name term when it has names. */
static ofs_status alternative(ofs_expander *x, const group *g, size_t i, ofs_xquery **q,
			      ofs_error *err)
{
	char *quoted = NULL, *alt = NULL;
	int multi = strpbrk(g->alts[i], " -") != NULL;
	ofs_status rc = OFS_OK;

	if (multi && i < g->n_thesaurus && names_indexed(x, err, &rc)) {
		if ((rc = ofs_name_query(x->db, g->alts[i], q, err)) != OFS_OK || *q)
			return rc;
	}
	if (rc != OFS_OK)
		return rc;
	if (asprintf(&quoted, multi ? "\"%s\"" : "%s", g->alts[i]) < 0 ||
	    !(alt = ofs_drop_phrase_stopwords(quoted))) {
		free(quoted);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	free(quoted);
	rc = ofs_xparser_parse(x->plain, alt, 0, q, err);
	free(alt);
	return rc;
}

ofs_status ofs_expand_field(void *ctx, const char *text, ofs_xquery **q, ofs_error *err)
{
	ofs_expander *x = ctx;
	char *end;
	unsigned long k = strtoul(text, &end, 10);
	ofs_xquery **parts = NULL;
	size_t n = 0;
	ofs_status rc = OFS_OK;
	group *g;

	*q = NULL;
	if (*text == '\0' || *end != '\0' || k >= x->n_groups)
		return ofs_error_set(err, OFS_EQUERY, "unknown synonym group '%s'", text);
	g = &x->groups[k];
	if (!(parts = calloc(g->n + 1, sizeof *parts)))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	rc = ofs_xparser_parse(x->plain, g->typed, x->flags, &parts[n], err);
	if (rc == OFS_OK)
		n++;
	for (size_t i = 0; rc == OFS_OK && i < g->n; i++)
		if ((rc = alternative(x, g, i, &parts[n], err)) == OFS_OK)
			n++;
	if (rc == OFS_OK && !g->general) {
		rc = ofs_xquery_synonym(q, parts, n);
	} else if (rc == OFS_OK) {
		/* The word as typed, or, weighted down, a general synonym. */
		ofs_xquery *syn = NULL, *scaled = NULL;
		rc = ofs_xquery_synonym(&syn, parts + 1, n - 1);
		if (rc == OFS_OK)
			rc = ofs_xquery_scale(&scaled, syn, OFS_WORDNET_WEIGHT);
		if (rc == OFS_OK)
			rc = ofs_xquery_or(q, parts[0], scaled);
		ofs_xquery_free(syn);
		ofs_xquery_free(scaled);
	}
	for (size_t i = 0; i < n; i++)
		ofs_xquery_free(parts[i]);
	free(parts);
	return rc;
}
