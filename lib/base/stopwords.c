/*
 * stopwords.c: the stopword list and phrase clean-up (see stopwords.h).
 */
#include "base/stopwords.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const words[] = {
	"a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by",
	"did", "do", "does", "for", "from", "had", "has", "have", "how", "i",
	"in", "into", "is", "it", "its", "of", "on", "or", "that", "the",
	"their", "them", "they", "this", "to", "was", "were", "what", "when",
	"where", "which", "who", "why", "will", "with",
};

/* Question and request words of general English (modal verbs, pronouns
 * of the asker, verbs of asking a search), not the reports' subjects. */
static const char *const fillers[] = {
	"any", "anything", "can", "could", "example", "examples", "find", "give",
	"know", "list", "me", "might", "must", "my", "our", "please", "shall",
	"should", "show", "some", "tell", "there", "us", "we", "whether", "would",
	"you", "your",
};

/* Who writes the reports, and what they do in them (ofs_query_frame). */
static const char *const authors[] = {
	"ofsted", "inspector", "inspectors", "inspection", "inspections", "report", "reports",
};
static const char *const saying[] = {
	"say", "says", "said", "think", "thinks", "thought", "find", "finds", "found",
	"conclude", "concludes", "concluded", "note", "notes", "noted", "write", "writes",
	"wrote", "highlight", "highlights", "highlighted",
};

static int in_list(const char *const *list, size_t n, const char *word, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && !strncasecmp(list[i], word, len))
			return 1;
	return 0;
}

int ofs_query_filler(const char *word, size_t len)
{
	return in_list(fillers, sizeof fillers / sizeof *fillers, word, len);
}

int ofs_query_frame(const char *w1, size_t n1, const char *w2, size_t n2)
{
	return in_list(authors, sizeof authors / sizeof *authors, w1, n1) &&
	       in_list(saying, sizeof saying / sizeof *saying, w2, n2);
}

const char *const *ofs_stopword_list(size_t *n)
{
	*n = sizeof words / sizeof *words;
	return words;
}

int ofs_stopword(const char *word, size_t len)
{
	return in_list(words, sizeof words / sizeof *words, word, len);
}

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '\'';
}

/* Append phrase [s, e) to out without its stopwords, unless all are. */
static char *drop_in(const char *s, const char *e, char *out)
{
	char *start = out;
	int kept = 0;
	for (const char *p = s; p < e;) {
		const char *w = p;
		if (!word_char((unsigned char)*p)) {
			*out++ = *p++;
			continue;
		}
		while (p < e && word_char((unsigned char)*p))
			p++;
		if (ofs_stopword(w, (size_t)(p - w))) {
			while (p < e && *p == ' ')
				p++; /* and the space after it */
			continue;
		}
		memcpy(out, w, (size_t)(p - w));
		out += p - w;
		kept = 1;
	}
	if (!kept) {
		memcpy(start, s, (size_t)(e - s));
		out = start + (e - s);
	}
	return out;
}

char *ofs_drop_phrase_stopwords(const char *query)
{
	size_t len = strlen(query);
	char *res = malloc(len + 1), *out = res;
	if (!res)
		return NULL;
	for (const char *p = query; *p;) {
		const char *q;
		if (*p != '"' || !(q = strchr(p + 1, '"'))) {
			*out++ = *p++;
			continue;
		}
		/* A quoted filter value (grade:"requires improvement to be
		 * good") is a name, not a phrase to search for. */
		if (p > query && p[-1] == ':') {
			memcpy(out, p, (size_t)(q - p + 1));
			out += q - p + 1;
			p = q + 1;
			continue;
		}
		*out++ = '"';
		out = drop_in(p + 1, q, out);
		*out++ = '"';
		p = q + 1;
	}
	*out = '\0';
	return res;
}
