/*
 * read_words.c: a query cut into the words the readers read
 * (read_words.h).
 */
#include "query/read_words.h"

#include <ctype.h>

#include "base/stopwords.h"
#include "base/util.h"

/* The query cut at spaces.  A word in quotes, with a field, a sign or a
 * bracket, or an operator, is kept as a barrier: nothing is read across
 * it. */
void ofs__words_cut(const char *q, words *ws)
{
	int quoted = 0;
	ws->n = 0;
	for (size_t i = 0; q[i] && ws->n < MAX_WORDS;) {
		word *w = &ws->w[ws->n];
		size_t b, e, n;
		char tmp[48];
		int barrier;
		if (isspace((unsigned char)q[i])) {
			i++;
			continue;
		}
		b = i;
		barrier = quoted || q[i] == '+' || q[i] == '-';
		while (q[i] && !isspace((unsigned char)q[i])) {
			if (q[i] == '"')
				quoted ^= 1, barrier = 1;
			if (q[i] == ':' || q[i] == '(' || q[i] == ')' || q[i] == '*')
				barrier = 1;
			i++;
		}
		e = i;
		memset(w, 0, sizeof *w);
		w->b = b;
		w->e = e;
		w->cap = isupper((unsigned char)q[b]);
		ws->n++;
		n = e - b;
		if (barrier || n >= sizeof tmp || (n == 3 && !strncmp(q + b, "AND", 3)) ||
		    (n == 2 && !strncmp(q + b, "OR", 2)) || (n == 3 && !strncmp(q + b, "NOT", 3)))
			continue;
		memcpy(tmp, q + b, n);
		tmp[n] = '\0';
		/* "Somerset's", "councils'" */
		while (n && strchr(",.;?!", tmp[n - 1]))
			tmp[--n] = '\0';
		if (n > 2 && !strcmp(tmp + n - 2, "'s"))
			tmp[n -= 2] = '\0';
		else if (n > 1 && tmp[n - 1] == '\'')
			tmp[--n] = '\0';
		ofs_key_into(tmp, w->key, sizeof w->key, OFS_KEY_AMP_AND | OFS_KEY_DOT_JOINS);
	}
}

/* The keys of words i..i+n-1 joined by spaces into buf; 0 when one of
 * them is a barrier or already read. */
int ofs__words_join(const words *ws, size_t i, size_t n, char *buf, size_t size)
{
	size_t len = 0;
	for (size_t k = i; k < i + n; k++) {
		const word *w = &ws->w[k];
		size_t m = strlen(w->key);
		if (!m || w->used || len + m + 2 > size)
			return 0;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->key, m + 1);
		len += m;
	}
	return 1;
}

void ofs__words_use(words *ws, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		ws->w[k].used = 1;
}

/* Whether word w, not read, counts for a question's subject: not a
 * stopword or a question word ("how", "has"); a barrier (a quoted or
 * signed word, a field) always does. */
int ofs__word_counts(const word *w)
{
	return !w->used && (!w->key[0] || (!ofs_stopword(w->key, strlen(w->key)) &&
					   !ofs_query_filler(w->key, strlen(w->key))));
}
