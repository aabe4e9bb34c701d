/*
 * read_questions.c: the words that make a query a question about the
 * reports rather than name what it is about: the present, change over
 * time, the reports and grades themselves, who is asked (read_words.h,
 * understand.h).
 */
#include "query/read_words.h"

#include "base/stopwords.h"
#include "ofs/facets.h"

/* The present, anywhere: "latest", "newest", "most recent". */
void ofs__read_latest(words *ws, ofs_reading *r)
{
	for (size_t i = 0; i < ws->n; i++) {
		if (ws->w[i].used)
			continue;
		if (word_is(&ws->w[i], "latest") || word_is(&ws->w[i], "newest")) {
			ofs__words_use(ws, i, i + 1);
			r->latest = 1;
		} else if (word_is(&ws->w[i], "most") && i + 1 < ws->n && !ws->w[i + 1].used &&
			   (word_is(&ws->w[i + 1], "recent") || word_is(&ws->w[i + 1], "recently"))) {
			ofs__words_use(ws, i, i + 2);
			r->latest = 1;
		}
	}
}

/* A question about change over time: "changed", "improved", "got
 * better", "over time", or "change" in a question ("how did Leeds
 * change", not the reports' "capacity to change"). */
void ofs__read_change(words *ws, ofs_reading *r)
{
	static const char *const verbs[] = {"changed", "improved", "deteriorated", "declined",
					    "progressed", "compare", "compared", NULL};
	static const char *const become[] = {"got", "getting", "gotten", "become", "became",
					     "becoming", NULL};
	static const char *const better[] = {"better", "worse", NULL};
	static const char *const asks[] = {"how", "did", "does", "has", "have", "what", NULL};
	for (size_t i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		if (w->used || !w->key[0])
			continue;
		if (word_any_of(w, verbs) || (word_is(w, "change") && word_any_of(&ws->w[0], asks))) {
			ofs__words_use(ws, i, i + 1);
			r->change = 1;
		} else if (i + 1 < ws->n && !ws->w[i + 1].used &&
			   ((word_any_of(w, become) && word_any_of(&ws->w[i + 1], better)) ||
			    (word_is(w, "over") && word_is(&ws->w[i + 1], "time")))) {
			ofs__words_use(ws, i, i + 2);
			r->change = 1;
		}
	}
}

/* With a council named, or a question about change or the present,
 * the words naming the reports themselves and their grades ("North
 * Somerset's report", "its latest judgements", "how is Leeds rated",
 * "Leeds Ofsted rating", "how is Leeds doing", "what happened in
 * Birmingham"), which every paragraph is part of. */
void ofs__read_report_words(words *ws)
{
	static const char *const reports[] = {"report", "reports", "inspection", "inspections",
					      "judgement", "judgements", "judgment",
					      "judgments", "grade", "grades", "rating",
					      "ratings", "rated", "graded", "judged",
					      "ofsted", "doing", "happened", "happening",
					      "performing", NULL};
	for (size_t i = 0; i < ws->n; i++)
		if (!ws->w[i].used && word_any_of(&ws->w[i], reports))
			ofs__words_use(ws, i, i + 1);
}

/* "What did Ofsted say", "inspectors found": who is asked, not what
 * about (ofs_query_frame); never a subject. */
void ofs__read_frame(words *ws)
{
	for (size_t i = 0; i + 1 < ws->n; i++)
		if (!ws->w[i].used && !ws->w[i + 1].used && ws->w[i].key[0] && ws->w[i + 1].key[0] &&
		    ofs_query_frame(ws->w[i].key, strlen(ws->w[i].key), ws->w[i + 1].key,
				    strlen(ws->w[i + 1].key)))
			ofs__words_use(ws, i, i + 2);
}

/* "Is Durham outstanding?", "is Leeds still good", "how is Leeds doing
 * now": a council read and a grade, or the present, with nothing else
 * to find ask for the council's grades: the words are read, so that its
 * reports are listed, not searched for the word; "still" and "now" ask
 * for its newest (latest). */
void ofs__read_grade_question(words *ws, ofs_reading *r, int latest)
{
	static const char *const still[] = {"still", "now", "currently", "presently", NULL};
	char buf[256];
	size_t len = 0;
	int present = 0;
	ofs_grade g;

	for (size_t i = 0; i < ws->n; i++) {
		const word *w = &ws->w[i];
		size_t m = strlen(w->key);
		if (!ofs__word_counts(w))
			continue;
		if (!m || len + m + 2 > sizeof buf)
			return;
		if (word_any_of(w, still)) {
			present = 1;
			continue;
		}
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, w->key, m + 1);
		len += m;
	}
	if (len ? (g = ofs_grade_parse(buf)) == OFS_GRADE_UNKNOWN || g == OFS_GRADE_NONE
		: !present)
		return;
	for (size_t i = 0; i < ws->n; i++)
		if (ofs__word_counts(&ws->w[i]))
			ofs__words_use(ws, i, i + 1);
	r->latest |= latest && present;
}
