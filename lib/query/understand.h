/*
 * understand.h: the filters a query in plain English names with its own
 * words, as people ask: "what did inadequate councils get wrong about
 * exploitation" (grade inadequate), "councils rated good" (grade good),
 * "how has North Somerset's report changed since 2017" (council North
 * Somerset, from 2017), "Leeds front door in 2019" (2019 only).
 *
 * Read, not guessed: a grade counts only beside a word for councils
 * ("inadequate councils", "authorities judged to require improvement"),
 * so "inadequate supervision" stays words; a council's name counts when
 * it has several words, or the user wrote it with a capital ("Leeds"),
 * or the caller says the word in lower case is the council's ("leeds",
 * not "reading": ofs_name_test); a year counts after "since", "from", "after", "before",
 * "until", "in", "during", or in a span ("between 2015 and 2018", "2015
 * to 2018", "2015-2018"), while a bare year stays a word.  Words in
 * quotes, after a field (grade:...), or with + or - are never read, and
 * a kind the query gives as a field (council:Leeds) is not read again.
 *
 * A grade read may name the area it is for just after it ("councils
 * judged inadequate for children in care", "good for adoption",
 * "inadequate overall"); an area's name alone stays words.
 *
 * The present is read too, when asked for: "latest", "newest" and "most
 * recent" anywhere, "now" and "currently" only with a grade read ("which
 * councils are currently inadequate"), as in "children currently in care"
 * they are words.
 *
 * With a council read, the words asking for its reports and grades are
 * read too ("how is Leeds rated", "Leeds Ofsted rating 2018": a bare
 * year beside them is the report's; "how is Leeds doing"; "is Durham
 * outstanding?", "is Leeds still good": a grade with nothing else to
 * find), so that its reports are what is left to list.
 *
 * A question about how a council's reports changed ("how has North
 * Somerset's report changed since 2017", "has Leeds got better") is read
 * too, when asked for and a council is read or given: its words of
 * change, and its words for the reports themselves ("report",
 * "judgements"), are taken out, so that what is left, if anything, is
 * what the question asks about.
 */
#ifndef OFS_UNDERSTAND_H
#define OFS_UNDERSTAND_H

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which filters may be read: those the user did not give. */
enum {
	OFS_READ_COUNCIL = 1 << 0,
	OFS_READ_GRADE = 1 << 1,
	OFS_READ_DATES = 1 << 2,
	OFS_READ_CHANGE = 1 << 3, /* needs a council read, or given (the
				   * caller then leaves OFS_READ_COUNCIL out) */
	OFS_READ_LATEST = 1 << 4,
	OFS_READ_AREA = 1 << 5 /* only after a grade read */
};

typedef struct ofs_reading {
	char *text;         /* the query without the words read (caller frees);
			     * NULL when nothing was read */
	char council[512];  /* canonical names, ';' between; "" for none */
	const char *grade;  /* canonical grade name (static), NULL for none */
	const char *area;   /* the area that grade is for ("inadequate for
			     * care leavers"): canonical name (static), NULL
			     * for none */
	char from[5], to[5]; /* years, "" for none */
	int latest;         /* it asks about the present: "latest",
			     * "newest", "most recent", or "now",
			     * "currently" beside a grade read ("councils
			     * that are now inadequate") */
	int change;         /* a question about how the council's reports
			     * changed over time */
	char *subject;      /* when something was read: what is left to
			     * search for, the words not read without the
			     * stopwords and question words they begin and
			     * end with ("how has Leeds's front door
			     * changed?": "front door"); NULL for nothing
			     * (caller frees) */
} ofs_reading;

/*
 * Whether word, a one-word council name typed in lower case, names the
 * council rather than what the word means ("leeds", but not "reading"):
 * non-zero for the council.  Asked of the caller, who knows the index.
 */
typedef int (*ofs_name_test)(void *ctx, const char *council, const char *word);

/*
 * Read the filters of kinds `which` from query (normalised, as
 * ofs_normalize() leaves it: case kept).  own (NULL for none; with ctx)
 * decides names typed in lower case.  *r is filled in either case; free
 * r->text and r->subject.  Errors: OFS_ENOMEM only.
 */
ofs_status ofs_understand(const char *query, unsigned which, ofs_name_test own, void *ctx,
			  ofs_reading *r);

#ifdef __cplusplus
}
#endif
#endif
