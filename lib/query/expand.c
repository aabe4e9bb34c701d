/*
 * expand.c: a query cut into units and widened (see expand.h).
 *
 * The rewrite works on the query text, before Xapian's parser sees it:
 * runs of plain words are matched against the thesaurus and the index's
 * synonym table, longest run first, and each unit is replaced by a field
 * placeholder.  When the parser meets the placeholder it calls back, and
 * the unit's query is built from the words as typed and its alternatives
 * (several words as a phrase or a name term).  Going through the parser
 * keeps its handling of operators, phrases and filters intact around the
 * units, and its default operator decides whether units are OR-ed or
 * AND-ed.
 *
 * Weighting: with w1 > w2 > ... the weights of the kinds of alternative
 * present (the words typed being 1), the unit's query is the sum over k
 * of SYNONYM(typed and every alternative of weight >= wk) scaled by
 * wk - wk+1.  A paragraph whose best match is of weight wk so scores wk
 * times what the synonym group would give it: the words typed always
 * count most, and however many alternatives there are, a unit weighs as
 * one term.
 */
#include "query/expand.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names/name_terms.h"
#include "names/neighbours.h"
#include "base/util.h"
#include "base/schema.h"
#include "base/stopwords.h"

/* Kinds of alternative (their weights in weight_of). */
typedef enum alt_kind {
	ALT_EQUAL,
	ALT_ONEWAY,
	ALT_TYPO,
	ALT_EVERYDAY,
	ALT_PREFIX,
	ALT_WORDNET,
	ALT_NEIGHBOUR, /* a stem */
	ALT_KINDS
} alt_kind;

static const double weight_of[ALT_KINDS] = {
	OFS_WEIGHT_EQUAL, OFS_WEIGHT_ONEWAY, OFS_WEIGHT_TYPO,
	OFS_WEIGHT_EVERYDAY, OFS_WEIGHT_PREFIX, OFS_WORDNET_WEIGHT, OFS_WEIGHT_NEIGHBOUR,
};

/* Near spellings tried for an unknown word. */
#define MAX_TYPOS 4

/* The fewest letters a half-typed word is completed from: two begin
 * hundreds of words, whose most frequent, read whole, are most of the
 * index (the costliest searches while typing) and say nothing of the
 * word coming. */
#define MIN_PREFIX 3

typedef struct alt {
	char *form;      /* as written in the thesaurus or index, or a word */
	alt_kind kind;
	int name;        /* a thesaurus form: may have a name term (names.h) */
} alt;

typedef struct unit {
	char *typed;     /* the words as the user typed them */
	alt *alts;
	size_t n;
	ofs_xquery *q;   /* built when the parser asks */
} unit;

/* A thesaurus key under the stems of its words, stopwords left out
 * ("see parent" for "seeing parents"). */
typedef struct loose_key {
	char *stems;
	const char *key; /* borrowed from the thesaurus */
} loose_key;

struct ofs_expander {
	const ofs_thesaurus *t;
	ofs_xdb *db;
	ofs_xparser *plain;
	const ofs_wordnet *wn;
	const ofs_wordnet *dict; /* English words are not typos */
	ofs_typos *typos; /* read on first need */
	loose_key *loose; /* the thesaurus's keys by their stems, on first need */
	size_t n_loose;
	int loose_made;
	int names; /* the index holds the thesaurus's names as terms: -1 unknown */
	unsigned mode;
	unit *units;
	size_t n_units;
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
	x->mode = OFS_EXPAND_NAMES | OFS_EXPAND_TYPOS | OFS_EXPAND_UNKNOWN_PREFIX;
	return OFS_OK;
}

void ofs_expander_set_mode(ofs_expander *x, unsigned mode, const ofs_wordnet *wn)
{
	x->mode = mode;
	x->wn = wn;
}

void ofs_expander_set_dictionary(ofs_expander *x, const ofs_wordnet *dict)
{
	x->dict = dict;
}

static void free_unit(unit *u)
{
	free(u->typed);
	for (size_t j = 0; j < u->n; j++)
		free(u->alts[j].form);
	free(u->alts);
	ofs_xquery_free(u->q);
	memset(u, 0, sizeof *u);
}

static void clear_units(ofs_expander *x)
{
	for (size_t i = 0; i < x->n_units; i++)
		free_unit(&x->units[i]);
	free(x->units);
	x->units = NULL;
	x->n_units = 0;
}

void ofs_expander_free(ofs_expander *x)
{
	if (!x)
		return;
	clear_units(x);
	ofs_typos_free(x->typos);
	for (size_t i = 0; i < x->n_loose; i++)
		free(x->loose[i].stems);
	free(x->loose);
	free(x);
}

size_t ofs_expand_units(const ofs_expander *x)
{
	return x->n_units;
}

const char *ofs_expand_unit_text(const ofs_expander *x, size_t i)
{
	return x->units[i].typed;
}

const ofs_xquery *ofs_expand_unit_query(const ofs_expander *x, size_t i)
{
	return x->units[i].q;
}

typedef enum tok_kind {
	TOK_OTHER,  /* operators, phrases, fields, brackets: kept as written */
	TOK_WORD,   /* a plain word that may be part of a name */
	TOK_PREFIX  /* word*: the words it begins */
} tok_kind;

typedef struct token {
	const char *s;
	size_t len;
	tok_kind kind;
} token;

static int is_operator(const char *s, size_t n)
{
	static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", NULL};
	for (int i = 0; ops[i]; i++)
		if (strlen(ops[i]) == n && !memcmp(ops[i], s, n))
			return 1;
	return 0;
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '-' || c == '\'' || c == '.' || c == ',';
}

static tok_kind classify(const char *s, size_t n)
{
	size_t letters = n;
	if (is_operator(s, n) || *s == '+' || *s == '-')
		return TOK_OTHER;
	if (n > 1 && s[n - 1] == '*')
		letters = n - 1;
	for (size_t i = 0; i < letters; i++)
		if (!word_char((unsigned char)s[i]))
			return TOK_OTHER;
	return letters < n ? TOK_PREFIX : TOK_WORD;
}

/* A stopword or a word that only makes a question, not in capitals. */
static int common_word(const token *t)
{
	int caps = t->len >= 2;
	if (t->kind != TOK_WORD ||
	    (!ofs_stopword(t->s, t->len) && !ofs_query_filler(t->s, t->len)))
		return 0;
	for (size_t i = 0; i < t->len && caps; i++)
		caps = isupper((unsigned char)t->s[i]);
	return !caps;
}

static int add_alt(unit *u, const char *form, alt_kind kind, int name)
{
	alt *a;
	for (size_t i = 0; i < u->n; i++)
		if (!strcmp(u->alts[i].form, form))
			return 0;
	if (!(a = realloc(u->alts, (u->n + 1) * sizeof *a)))
		return -1;
	u->alts = a;
	if (!(a[u->n].form = strdup(form)))
		return -1;
	a[u->n].kind = kind;
	a[u->n++].name = name;
	return 0;
}

struct alt_ctx {
	unit *u;
	alt_kind kind;
	int oom;
};

static int alt_cb(void *ctx, const char *value)
{
	struct alt_ctx *a = ctx;
	if (add_alt(a->u, value, a->kind, 0)) {
		a->oom = 1;
		return 1;
	}
	return 0;
}

static const alt_kind tier_kind[] = {
	[OFS_TIER_EQUAL] = ALT_EQUAL,
	[OFS_TIER_ONEWAY] = ALT_ONEWAY,
	[OFS_TIER_EVERYDAY] = ALT_EVERYDAY,
};

/* Into x->loose, sized for every key. */
static int add_loose(void *ctx, const char *key)
{
	ofs_expander *x = ctx;
	if (ofs_xtext_terms(key, strlen(key), &x->loose[x->n_loose].stems) != OFS_OK)
		return -1;
	x->loose[x->n_loose++].key = key;
	return 0;
}

static int cmp_loose(const void *a, const void *b)
{
	return strcmp(((const loose_key *)a)->stems, ((const loose_key *)b)->stems);
}

/* Add to u the thesaurus's alternatives of key (ofs_key form). */
static int thesaurus_alts(ofs_expander *x, const char *key, unit *u)
{
	size_t n_alts;
	const unsigned char *tiers;
	const char *const *alts = ofs_thesaurus_lookup(x->t, key, &n_alts, &tiers);
	for (size_t i = 0; i < n_alts; i++)
		if (add_alt(u, alts[i], tier_kind[tiers[i]], 1))
			return -1;
	return 0;
}

/* Add to u the alternatives of the thesaurus's keys whose words have the
 * stems of key's, stopwords aside: people type "foster families" and
 * "seeing their parents" for the keys "foster family" and "seeing
 * parents". */
static ofs_status loose_names_of(ofs_expander *x, const char *key, unit *u, ofs_error *err)
{
	loose_key want = {0}, *hit;
	ofs_status rc = OFS_OK;

	if (!x->loose_made) {
		size_t keys = ofs_thesaurus_size(x->t);
		int oom = keys && !(x->loose = malloc(keys * sizeof *x->loose));
		if (!oom)
			oom = ofs_thesaurus_each_key(x->t, add_loose, x);
		x->loose_made = 1;
		/* Short of memory, the keys read so far, sorted. */
		if (x->n_loose)
			qsort(x->loose, x->n_loose, sizeof *x->loose, cmp_loose);
		if (oom)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	if (!x->n_loose)
		return OFS_OK;
	if (ofs_xtext_terms(key, strlen(key), &want.stems) != OFS_OK)
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	hit = *want.stems ? bsearch(&want, x->loose, x->n_loose, sizeof *x->loose, cmp_loose)
			  : NULL;
	/* Every key with those stems, from the first. */
	while (hit && hit > x->loose && !cmp_loose(hit - 1, &want))
		hit--;
	for (; hit && hit < x->loose + x->n_loose && !cmp_loose(hit, &want) && rc == OFS_OK; hit++)
		if (thesaurus_alts(x, hit->key, u))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	free(want.stems);
	return rc;
}

/* The other names of key (ofs_key form) from the thesaurus (by its words,
 * else by their stems) and the index's synonyms, into u. */
static ofs_status names_of(ofs_expander *x, const char *key, unit *u, ofs_error *err)
{
	if (thesaurus_alts(x, key, u))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (!u->n && x->t) {
		ofs_status rc = loose_names_of(x, key, u, err);
		if (rc != OFS_OK)
			return rc;
	}
	if (x->db && *key) {
		/* Acronyms the reports define: the same thing. */
		struct alt_ctx a = {u, ALT_EQUAL, 0};
		ofs_status rc = ofs_xdb_each_synonym(x->db, key, alt_cb, &a, err);
		if (rc == OFS_OK && a.oom)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		return rc;
	}
	return OFS_OK;
}

/* Load the index's words on first need. */
static ofs_status need_typos(ofs_expander *x, ofs_error *err)
{
	return x->typos || !x->db ? OFS_OK : ofs_typos_load(x->db, &x->typos, err);
}

ofs_status ofs_expander_typos_find(ofs_expander *x, const char *word, const char **near,
				   ofs_error *err)
{
	ofs_status rc = need_typos(x, err);
	*near = NULL;
	if (rc == OFS_OK && !ofs_typos_find(x->typos, word, near, 1))
		*near = NULL;
	return rc;
}

/* Whether the index holds word (lower case, as typed) under its stem. */
static ofs_status known(ofs_expander *x, const char *word, int *yes, ofs_error *err)
{
	unsigned freq = 1;
	ofs_status rc = x->db ? ofs_xdb_wordfreq(x->db, word, &freq, err) : OFS_OK;
	*yes = freq > 0;
	return rc;
}

/* Near spellings and, for the last word, completions of the single word
 * u->typed (key: lower case) that the index does not hold. */
static ofs_status spellings_of(ofs_expander *x, const char *key, int last, unit *u,
			       ofs_error *err)
{
	int is_known = 1;
	ofs_status rc;
	if (strchr(key, ' ') || ofs_stopword(key, strlen(key)) ||
	    (rc = known(x, key, &is_known, err)) != OFS_OK || is_known)
		return OFS_OK;
	/* An English word the reports never use ("overworked") is what the
	 * user meant: correcting it would find another word ("overlooked"). */
	if (ofs_wordnet_is_word(x->dict, key))
		return OFS_OK;
	if ((x->mode & OFS_EXPAND_TYPOS) && x->db) {
		const char *near[MAX_TYPOS];
		size_t n;
		if ((rc = need_typos(x, err)) != OFS_OK)
			return rc;
		n = ofs_typos_find(x->typos, key, near, MAX_TYPOS);
		for (size_t i = 0; i < n; i++)
			if (add_alt(u, near[i], ALT_TYPO, 0))
				return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	/* Not a word, nor one mistyped: the last word may be half typed. */
	if (!u->n && last && (x->mode & OFS_EXPAND_UNKNOWN_PREFIX) &&
	    strlen(key) >= MIN_PREFIX && add_alt(u, key, ALT_PREFIX, 0))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	return OFS_OK;
}

/* The unit of the words toks[0..n): its alternatives, if any. */
static ofs_status lookup(ofs_expander *x, const token *toks, size_t n, int last, unit *u,
			 ofs_error *err)
{
	ofs_sbuf typed = {0};
	char *key;
	ofs_status rc = OFS_OK;

	memset(u, 0, sizeof *u);
	for (size_t i = 0; i < n; i++) {
		if (i)
			ofs_sbuf_add(&typed, " ", 1);
		ofs_sbuf_add(&typed, toks[i].s, toks[i].kind == TOK_PREFIX ? toks[i].len - 1 : toks[i].len);
	}
	if (typed.oom || !(key = ofs_key(typed.s))) {
		free(typed.s);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	u->typed = typed.s;
	if (n == 1 && toks[0].kind == TOK_PREFIX) {
		if (*key && add_alt(u, key, ALT_PREFIX, 0))
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
		free(key);
		return rc;
	}
	if (x->mode & OFS_EXPAND_NAMES)
		rc = names_of(x, key, u, err);
	/* General English and the reports' company only for single words
	 * the domain does not name. */
	if (rc == OFS_OK && !u->n && n == 1 && strlen(key) >= 3 && !strchr(key, ' ') &&
	    !ofs_stopword(key, strlen(key))) {
		struct alt_ctx a = {u, ALT_NEIGHBOUR, 0};
		if ((x->mode & OFS_EXPAND_NEIGHBOURS) && x->db)
			rc = ofs_neighbours_of(x->db, key, alt_cb, &a, err);
		a.kind = ALT_WORDNET;
		if (rc == OFS_OK && !a.oom && x->wn)
			ofs_wordnet_synonyms(x->wn, key, alt_cb, &a);
		if (rc == OFS_OK && a.oom)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	if (rc == OFS_OK && n == 1)
		rc = spellings_of(x, key, last, u, err);
	if (rc == OFS_OK && n == 1 && last && (x->mode & OFS_EXPAND_LAST_PREFIX) &&
	    strlen(key) >= MIN_PREFIX && !strchr(key, ' ') && add_alt(u, key, ALT_PREFIX, 0))
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	free(key);
	return rc;
}

/* Cut text into tokens: quoted phrases whole, else runs of non-space;
 * brackets split off so that "(front door)" still finds "front door". */
static ofs_status tokenize(const char *text, token **out, size_t *n_out, ofs_error *err)
{
	token *toks = NULL;
	size_t n = 0, cap = 0;
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
		toks[n].kind = classify(start, toks[n].len);
		/* A word glued to what precedes it ("council:\"x\"", "(a")
		 * belongs to that, not to a unit. */
		if (start != text && !isspace((unsigned char)start[-1]) && start[-1] != '(')
			toks[n].kind = TOK_OTHER;
		n++;
	}
	*out = toks;
	*n_out = n;
	return OFS_OK;
}

/* Whether toks[i] and the next word ask who said something
 * (ofs_query_frame: "inspectors found"), and are no operand of an
 * operator ("inspectors found AND Leeds" keeps them). */
static int frame_at(const token *toks, size_t n, size_t i)
{
	return i + 1 < n && toks[i].kind == TOK_WORD && toks[i + 1].kind == TOK_WORD &&
	       ofs_query_frame(toks[i].s, toks[i].len, toks[i + 1].s, toks[i + 1].len) &&
	       !(i > 0 && is_operator(toks[i - 1].s, toks[i - 1].len)) &&
	       !(i + 2 < n && is_operator(toks[i + 2].s, toks[i + 2].len));
}

/* Whether the query asks about something besides who said it: a word
 * neither common nor part of such a frame, or a phrase, prefix or field.
 * When it does not ("what did Ofsted say"), the frame is all there is to
 * search for and is kept. */
static int asks_about(const token *toks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (frame_at(toks, n, i))
			i++;
		else if (toks[i].kind != TOK_WORD || !common_word(&toks[i]))
			return 1;
	}
	return 0;
}

ofs_status ofs_expand_rewrite(ofs_expander *x, const char *text, const char *field,
			      char **out, unsigned *n_expanded, ofs_error *err)
{
	token *toks = NULL;
	size_t n = 0;
	ofs_sbuf o = {0};
	unsigned expanded = 0;
	int asks;
	ofs_status rc;

	*out = NULL;
	clear_units(x);
	if ((rc = tokenize(text, &toks, &n, err)) != OFS_OK)
		return rc;
	asks = asks_about(toks, n);
	for (size_t i = 0; i < n && rc == OFS_OK;) {
		size_t run = 0, len;
		unit u = {0};
		const char *prev_end = i ? toks[i - 1].s + toks[i - 1].len : text;
		if (asks && frame_at(toks, n, i)) {
			ofs_sbuf_add(&o, prev_end, (size_t)(toks[i].s - prev_end));
			i += 2;
			continue;
		}
		while (i + run < n && toks[i + run].kind == TOK_WORD && run < OFS_EXPAND_MAX_WORDS)
			run++;

		if (!run && toks[i].kind == TOK_PREFIX)
			run = 1;
		/* The longest run that names something; else the one word. */
		for (len = run; len > 0 && rc == OFS_OK; len--) {
			/* A common word alone names nothing ("do" is no
			 * designated officer) unless typed in capitals. */
			if (len == 1 && common_word(&toks[i])) {
				len = 0;
				break;
			}
			if ((rc = lookup(x, &toks[i], len, i + len == n, &u, err)) != OFS_OK ||
			    u.n || len == 1)
				break;
			free_unit(&u);
		}
		/* Keep the text between tokens as it was: "council:" must stay
		 * glued to its value. */
		ofs_sbuf_add(&o, prev_end, (size_t)(toks[i].s - prev_end));
		if (rc != OFS_OK)
			break;
		if (!len) {
			/* Not a unit: an operator or phrase as written, a
			 * stopword for the parser to drop; a word that only
			 * makes a question is left out. */
			free_unit(&u);
			if (toks[i].kind != TOK_WORD || !ofs_query_filler(toks[i].s, toks[i].len))
				ofs_sbuf_add(&o, toks[i].s, toks[i].len);
			i++;
			continue;
		}
		unit *us = realloc(x->units, (x->n_units + 1) * sizeof *us);
		char ph[64];
		if (!us) {
			free_unit(&u);
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
			break;
		}
		x->units = us;
		for (size_t k = 0; k < u.n; k++)
			if (u.alts[k].kind != ALT_PREFIX && u.alts[k].kind != ALT_TYPO) {
				expanded++;
				break;
			}
		x->units[x->n_units] = u;
		snprintf(ph, sizeof ph, "%s:%zu", field, x->n_units++);
		ofs_sbuf_add(&o, ph, strlen(ph));
		i += len;
	}
	free(toks);
	if (rc == OFS_OK && o.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK) {
		free(o.s);
		return rc;
	}
	*out = o.s ? o.s : strdup("");
	if (n_expanded)
		*n_expanded = expanded;
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

ofs_status ofs_expand_phrase_names(ofs_expander *x, ofs_xquery **q, ofs_error *err)
{
	ofs_xquery *named = NULL;
	ofs_status rc = OFS_OK;
	if (!*q || !names_indexed(x, err, &rc))
		return rc;
	if ((rc = ofs_xquery_phrase_names(&named, *q, x->db, OFS_PFX_NAME, err)) == OFS_OK) {
		ofs_xquery_free(*q);
		*q = named;
	}
	return rc;
}

/* The query for alternative a: a word's stem, the words it begins, or
 * several words as a phrase ("front door", not front AND door anywhere
 * in the paragraph), read only where the index has its name term when it
 * has names. */
static ofs_status alternative(ofs_expander *x, const alt *a, ofs_xquery **q, ofs_error *err)
{
	char *quoted = NULL, *text = NULL;
	int multi = strpbrk(a->form, " -") != NULL;
	ofs_status rc = OFS_OK;

	if (a->kind == ALT_PREFIX)
		return ofs_xquery_prefix(q, x->db, a->form, err);
	if (a->kind == ALT_NEIGHBOUR) {
		if (asprintf(&text, OFS_PFX_STEM "%s", a->form) < 0)
			return ofs_error_set(err, OFS_ENOMEM, "out of memory");
		if ((rc = ofs_xquery_term(q, text)) == OFS_ENOMEM)
			ofs_error_set(err, rc, "out of memory");
		free(text);
		return rc;
	}
	if (multi && a->name && names_indexed(x, err, &rc)) {
		if ((rc = ofs_name_query(x->db, a->form, q, err)) != OFS_OK || *q)
			return rc;
	}
	if (rc != OFS_OK)
		return rc;
	if (asprintf(&quoted, multi ? "\"%s\"" : "%s", a->form) < 0 ||
	    !(text = ofs_drop_phrase_stopwords(quoted))) {
		free(quoted);
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	free(quoted);
	rc = ofs_xparser_parse(x->plain, text, NULL, 0, q, err);
	free(text);
	return rc;
}

/* The weighted sum of synonym groups described at the top of the file:
 * parts[0] the words typed, parts[1..n] the alternatives of u. */
static ofs_status tiers(const unit *u, ofs_xquery **parts, ofs_xquery **q)
{
	ofs_xquery **group = calloc(u->n + 1, sizeof *group);
	ofs_xquery *sum = NULL;
	double w = 1.0; /* this level's weight: the words typed first */
	ofs_status rc = OFS_OK;

	if (!group)
		return OFS_ENOMEM;
	while (w > 0 && rc == OFS_OK) {
		size_t m = 0;
		double next = 0;
		ofs_xquery *syn = NULL, *scaled = NULL, *both = NULL;
		group[m++] = parts[0];
		for (size_t i = 0; i < u->n; i++) {
			double wi = weight_of[u->alts[i].kind];
			if (wi >= w)
				group[m++] = parts[i + 1];
			else if (wi > next)
				next = wi;
		}
		rc = ofs_xquery_synonym(&syn, group, m);
		if (rc == OFS_OK)
			rc = ofs_xquery_scale(&scaled, syn, w - next);
		if (rc == OFS_OK && sum)
			rc = ofs_xquery_or(&both, sum, scaled);
		if (rc == OFS_OK) {
			ofs_xquery_free(sum);
			sum = both ? both : scaled;
			if (both)
				ofs_xquery_free(scaled);
		} else {
			ofs_xquery_free(scaled);
		}
		ofs_xquery_free(syn);
		w = next;
	}
	free(group);
	if (rc != OFS_OK) {
		ofs_xquery_free(sum);
		return rc;
	}
	*q = sum;
	return OFS_OK;
}

/* Drop each alternative whose query is that of the words typed or of an
 * alternative before it: forms written differently ("care-experienced
 * young people", "care experienced young people"), or an acronym's
 * expansions as reports wrote them ("Prospective adopters' reports",
 * "prospective adopter reports").  In a synonym group every copy counts
 * each match once more, so such a form weighed, and cost, as many times
 * as it was written.  The copy kept takes the stronger kind of the two.
 * parts[0] is the words typed, parts[i + 1] the query of u->alts[i]; both
 * are compacted.  Short of memory, what cannot be compared is kept. */
static void drop_copies(unit *u, ofs_xquery **parts)
{
	char **seen;
	size_t kept = 0;

	if (!u->n || !(seen = calloc(u->n + 1, sizeof *seen)))
		return;
	seen[kept++] = ofs_xquery_describe(parts[0]);
	for (size_t i = 0; i < u->n; i++) {
		char *d = ofs_xquery_describe(parts[i + 1]);
		size_t j = 0;
		while (d && j < kept && !(seen[j] && !strcmp(seen[j], d)))
			j++;
		if (d && j < kept) {
			if (j > 0 && weight_of[u->alts[i].kind] > weight_of[u->alts[j - 1].kind])
				u->alts[j - 1].kind = u->alts[i].kind;
			free(d);
			free(u->alts[i].form);
			ofs_xquery_free(parts[i + 1]);
			continue;
		}
		u->alts[kept - 1] = u->alts[i];
		parts[kept] = parts[i + 1];
		seen[kept++] = d;
	}
	u->n = kept - 1;
	for (size_t j = 0; j < kept; j++)
		free(seen[j]);
	free(seen);
}

ofs_status ofs_expand_field(void *ctx, const char *text, ofs_xquery **q, ofs_error *err)
{
	ofs_expander *x = ctx;
	char *end;
	unsigned long k = strtoul(text, &end, 10);
	ofs_xquery **parts = NULL;
	size_t n = 0;
	ofs_status rc = OFS_OK;
	unit *u;

	*q = NULL;
	if (*text == '\0' || *end != '\0' || k >= x->n_units)
		return ofs_error_set(err, OFS_EQUERY, "unknown query unit '%s'", text);
	u = &x->units[k];
	if (!(parts = calloc(u->n + 1, sizeof *parts)))
		return ofs_error_set(err, OFS_ENOMEM, "out of memory");
	/* The words typed all match, whatever joins the units. */
	rc = ofs_xparser_parse(x->plain, u->typed, NULL, 0, &parts[n], err);
	if (rc == OFS_OK)
		n++;
	for (size_t i = 0; rc == OFS_OK && i < u->n; i++)
		if ((rc = alternative(x, &u->alts[i], &parts[n], err)) == OFS_OK)
			n++;
	if (rc == OFS_OK) {
		drop_copies(u, parts);
		n = u->n + 1;
	}
	if (rc == OFS_OK && !u->n)
		rc = ofs_xquery_copy(q, parts[0]);
	else if (rc == OFS_OK && (rc = tiers(u, parts, q)) == OFS_ENOMEM)
		ofs_error_set(err, rc, "out of memory");
	for (size_t i = 0; i < n; i++)
		ofs_xquery_free(parts[i]);
	free(parts);
	if (rc == OFS_OK) {
		ofs_xquery_free(u->q);
		u->q = NULL;
		if (ofs_xquery_copy(&u->q, *q) != OFS_OK)
			rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	}
	return rc;
}
