/*
 * council.c: the canonical names of England's children's services
 * authorities and the many ways reports and users write them.
 *
 * Every name is reduced to a key: lower case, "&" read as "and", every run
 * of other characters than letters and digits squeezed to one space, and
 * apostrophes and full stops dropped ("St. Helens" keys as "st helens").
 * A key is looked up in one table holding each authority's own name and
 * its aliases.  When the whole key is not there, the words councils put
 * around their names ("London Borough of", "Metropolitan Borough
 * Council", "City Council", ...) are peeled off one at a time, front or
 * back, and the lookup retried after each step, so "City of London" is
 * found before "City of" could be stripped from it.
 *
 * The table lists the upper-tier authorities of today (counties,
 * unitaries, metropolitan districts, London boroughs, the City of London
 * and the Isles of Scilly) and those that older reports name but that
 * have since been merged or split (Bournemouth, Poole, Cumbria,
 * Northamptonshire): a 2016 report on Bournemouth is about Bournemouth
 * Borough Council, not the BCP council formed in 2019.
 */
#include "extract/council.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct council_alias {
	const char *key;
	const char *name;
};

/* Canonical names; each one's key is an alias of itself. */
static const char *const councils[] = {
	/* London boroughs and the City. */
	"Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
	"City of London", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
	"Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon",
	"Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames",
	"Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames",
	"Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
	"Westminster",
	/* Metropolitan districts. */
	"Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport",
	"Tameside", "Trafford", "Wigan", "Knowsley", "Liverpool", "St Helens", "Sefton",
	"Wirral", "Barnsley", "Doncaster", "Rotherham", "Sheffield", "Gateshead",
	"Newcastle upon Tyne", "North Tyneside", "South Tyneside", "Sunderland",
	"Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall",
	"Wolverhampton", "Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield",
	/* Counties. */
	"Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex",
	"Gloucestershire", "Hampshire", "Hertfordshire", "Kent", "Lancashire",
	"Leicestershire", "Lincolnshire", "Norfolk", "Nottinghamshire", "Oxfordshire",
	"Staffordshire", "Suffolk", "Surrey", "Warwickshire", "West Sussex",
	"Worcestershire",
	/* Unitary authorities. */
	"Bath and North East Somerset", "Bedford", "Blackburn with Darwen", "Blackpool",
	"Bournemouth, Christchurch and Poole", "Bracknell Forest", "Brighton and Hove",
	"Bristol", "Buckinghamshire", "Central Bedfordshire", "Cheshire East",
	"Cheshire West and Chester", "Cornwall", "Cumberland", "Darlington", "Derby",
	"Dorset", "Durham", "East Riding of Yorkshire", "Halton", "Hartlepool",
	"Herefordshire", "Isle of Wight", "Isles of Scilly", "Kingston upon Hull",
	"Leicester", "Luton", "Medway", "Middlesbrough", "Milton Keynes",
	"North East Lincolnshire", "North Lincolnshire", "North Northamptonshire",
	"North Somerset", "North Yorkshire", "Northumberland", "Nottingham",
	"Peterborough", "Plymouth", "Portsmouth", "Reading", "Redcar and Cleveland",
	"Rutland", "Shropshire", "Slough", "Somerset", "South Gloucestershire",
	"Southampton", "Southend-on-Sea", "Stockton-on-Tees", "Stoke-on-Trent",
	"Swindon", "Telford and Wrekin", "Thurrock", "Torbay", "Warrington",
	"West Berkshire", "West Northamptonshire", "Westmorland and Furness",
	"Wiltshire", "Windsor and Maidenhead", "Wokingham", "York",
	/* Authorities of older reports, since merged or split. */
	"Bournemouth", "Poole", "Cumbria", "Northamptonshire",
	NULL,
};

/* Other names in use, already in key form. */
static const struct council_alias aliases[] = {
	{"bcp", "Bournemouth, Christchurch and Poole"},
	{"banes", "Bath and North East Somerset"},
	{"bathnes", "Bath and North East Somerset"},
	{"hull", "Kingston upon Hull"},
	{"kingston", "Kingston upon Thames"},
	{"richmond", "Richmond upon Thames"},
	{"newcastle", "Newcastle upon Tyne"},
	{"east riding", "East Riding of Yorkshire"},
	{"southend", "Southend-on-Sea"},
	{"stoke", "Stoke-on-Trent"},
	{"stockton", "Stockton-on-Tees"},
	{"saint helens", "St Helens"},
	{"telford", "Telford and Wrekin"},
	{"redcar", "Redcar and Cleveland"},
	{"blackburn", "Blackburn with Darwen"},
	{"brighton", "Brighton and Hove"},
	{"windsor", "Windsor and Maidenhead"},
	{"rbwm", "Windsor and Maidenhead"},
	{"hammersmith", "Hammersmith and Fulham"},
	{"cheshire west", "Cheshire West and Chester"},
	{"county durham", "Durham"},
	{"scilly", "Isles of Scilly"},
	{"kensington", "Kensington and Chelsea"},
	{"london city", "City of London"},
	{"city of london corporation", "City of London"},
	{"westmorland", "Westmorland and Furness"},
	{NULL, NULL},
};

/* Words around a council's name, peeled off in this order (longest
 * first, so "county council" goes as one piece). */
static const char *const suffixes[] = {
	"metropolitan borough council", "metropolitan district council",
	"metropolitan district", "metropolitan borough", "city and county council",
	"county borough council", "borough council", "county council", "city council",
	"district council", "unitary authority", "unitary council", "local authority",
	"childrens services", "childrens social care", "council", "borough", "county",
	"city", NULL,
};

static const char *const prefixes[] = {
	"council of the", "london borough of", "royal borough of",
	"metropolitan borough of", "borough of", "county of", "city of", "the", NULL,
};

size_t ofs__council_key(const char *words, char *buf, size_t size)
{
	return ofs_key_into(words, buf, size, OFS_KEY_AMP_AND | OFS_KEY_DOT_JOINS);
}

#define N_COUNCILS (sizeof councils / sizeof *councils - 1)
#define N_ALIASES (sizeof aliases / sizeof *aliases - 1)

/* Every key of the two tables, sorted, made once: a query is looked up
 * at each of its spans of words, so a lookup must be cheap. */
static struct keyed {
	const char *key; /* council_keys[i] or an alias's own key */
	const char *name;
	size_t order; /* a canonical name's own key before an alias */
} keyed[N_COUNCILS + N_ALIASES];
static char council_keys[N_COUNCILS][64];
static pthread_once_t keyed_once = PTHREAD_ONCE_INIT;

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static void make_keys(void)
{
	size_t n = 0;
	for (size_t i = 0; i < N_COUNCILS; i++, n++) {
		ofs__council_key(councils[i], council_keys[i], sizeof council_keys[i]);
		keyed[n].key = council_keys[i];
		keyed[n].name = councils[i];
		keyed[n].order = n;
	}
	for (size_t i = 0; i < N_ALIASES; i++, n++) {
		keyed[n].key = aliases[i].key;
		keyed[n].name = aliases[i].name;
		keyed[n].order = n;
	}
	qsort(keyed, n, sizeof *keyed, keyed_cmp);
}

/* The name whose key is exactly key, or NULL. */
static const char *lookup(const char *key)
{
	size_t lo = 0, hi = N_COUNCILS + N_ALIASES;
	pthread_once(&keyed_once, make_keys);
	/* the first of equal keys: a canonical name wins over an alias */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(keyed[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < N_COUNCILS + N_ALIASES && !strcmp(keyed[lo].key, key) ? keyed[lo].name : NULL;
}

/* Remove word-aligned prefix p from key in place; 1 if it was there and
 * something remains. */
static int strip_prefix(char *key, const char *p)
{
	size_t n = strlen(p);
	if (strncmp(key, p, n) || key[n] != ' ')
		return 0;
	memmove(key, key + n + 1, strlen(key + n + 1) + 1);
	return 1;
}

static int strip_suffix(char *key, const char *sfx)
{
	size_t n = strlen(key), m = strlen(sfx);
	if (n <= m + 1 || strcmp(key + n - m, sfx) || key[n - m - 1] != ' ')
		return 0;
	key[n - m - 1] = '\0';
	return 1;
}

const char *ofs_council_canonical(const char *words)
{
	char key[256];
	const char *name;
	int changed;
	if (!words)
		return NULL;
	ofs__council_key(words, key, sizeof key);
	if (!key[0])
		return NULL;
	/* Peel one piece at a time, suffixes first ("City of York Council"
	 * must lose "Council" before "City of"), retrying after each. */
	do {
		if ((name = lookup(key)))
			return name;
		changed = 0;
		for (int i = 0; suffixes[i] && !changed; i++)
			changed = strip_suffix(key, suffixes[i]);
		for (int i = 0; prefixes[i] && !changed; i++)
			changed = strip_prefix(key, prefixes[i]);
	} while (changed);
	return NULL;
}

/* Whether key has the phrase k at offset i as whole words. */
static int words_at(const char *key, size_t i, const char *k, size_t klen)
{
	return !strncmp(key + i, k, klen) && (key[i + klen] == ' ' || key[i + klen] == '\0');
}

const char *ofs__council_find(const char *text)
{
	char key[2048];
	size_t n = ofs__council_key(text, key, sizeof key);
	pthread_once(&keyed_once, make_keys);
	/* Leftmost mention wins, and at one place the longest name, so "North
	 * Somerset" is not read as Somerset nor "Kingston upon Hull" as
	 * Kingston.  Only the full names and the unambiguous aliases count
	 * here: "kingston" or "richmond" inside running text prove little. */
	for (size_t i = 0; i < n; i++) {
		const char *best = NULL;
		size_t best_len = 0;
		if (i > 0 && key[i - 1] != ' ')
			continue;
		for (size_t c = 0; c < N_COUNCILS; c++) {
			const char *k = council_keys[c];
			size_t m = strlen(k);
			if (m > best_len && words_at(key, i, k, m)) {
				best = councils[c];
				best_len = m;
			}
		}
		for (int a = 0; aliases[a].key; a++) {
			size_t m = strlen(aliases[a].key);
			if (m > best_len && m > 8 && words_at(key, i, aliases[a].key, m)) {
				best = aliases[a].name;
				best_len = m;
			}
		}
		if (best)
			return best;
	}
	return NULL;
}

/* How near the words of query (key form) come to those of name: per
 * query word, 4 for the same word, 3 for one typo away (two from nine
 * letters), 2 for the start of a name word ("n" of "north"), less a
 * little for each word of the name, so that the shorter of two names
 * wins; 0 when a query word matches no name word, so every word typed
 * must count. */
static int nearness(const char *query, const char *name)
{
	char k[128];
	int total = 0, words = 1;
	ofs__council_key(name, k, sizeof k);
	for (const char *q = query; *q;) {
		size_t ql = strcspn(q, " ");
		int best = 0;
		for (const char *w = k; *w;) {
			size_t wl = strcspn(w, " ");
			int score = 0;
			if (ql == wl && !strncmp(q, w, ql))
				score = 4;
			else if (ql >= 4 && ofs_edit_distance(q, ql, w, wl, ql >= 9 ? 2 : 1) <=
						    (ql >= 9 ? 2u : 1u))
				score = 3;
			else if (ql < wl && !strncmp(q, w, ql))
				score = 2;
			if (score > best)
				best = score;
			w += wl + (w[wl] == ' ');
		}
		if (!best)
			return 0;
		total += best;
		q += ql + (q[ql] == ' ');
	}
	for (const char *w = k; *w; w++)
		words += *w == ' ';
	return total * 16 - words;
}

size_t ofs__council_nearest(const char *words, const char **out, size_t max)
{
	char key[256];
	int score[8] = {0};
	size_t n = 0;
	if (max > 8)
		max = 8;
	ofs__council_key(words, key, sizeof key);
	for (int i = 0; councils[i] && key[0]; i++) {
		int s = nearness(key, councils[i]);
		size_t at = n;
		/* Keep the best max, highest first (ties: table order). */
		while (at > 0 && s > score[at - 1])
			at--;
		if (!s || at >= max)
			continue;
		if (n < max)
			n++;
		memmove(out + at + 1, out + at, (n - 1 - at) * sizeof *out);
		memmove(score + at + 1, score + at, (n - 1 - at) * sizeof *score);
		out[at] = councils[i];
		score[at] = s;
	}
	return n;
}
