/*
 * meta_dates.c: the dates Ofsted prints, read into ISO dates.
 *
 * Reports write inspection dates in British style with the month and year
 * given once for the whole range when they are shared ("7 to 18 October
 * 2024"), repeated when not ("30 September 2019 to 11 October 2019"), or
 * half shared ("28 November to 9 December 2022"); letters say "on 21 and
 * 22 September 2022".  So the text is first cut into tokens (day numbers,
 * month names, years, numeric d/m/y dates and the joiners "to", "and",
 * "-"), stopping at the first other word, and the tokens are then read as
 * "day [month [year]] [joiner day [month] year]", the missing month and
 * year of the first date taken from the second.  A range that ends in an
 * earlier month than it starts crosses a new year.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract/dates.h"

enum tok_kind { T_NUM, T_MONTH, T_YEAR, T_DMY, T_JOIN };

struct tok {
	enum tok_kind kind;
	int d, m, y;
};

static int month_of(const char *w, size_t n)
{
	static const char *const names[] = {"january", "february", "march", "april",
		"may", "june", "july", "august", "september", "october", "november",
		"december"};
	char buf[16];
	if (n < 3 || n >= sizeof buf)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)w[i]);
	buf[n] = '\0';
	if (!strcmp(buf, "sept"))
		return 9;
	for (int i = 0; i < 12; i++) {
		/* Full names, or the usual three-letter abbreviations. */
		if (!strcmp(buf, names[i]) || (n == 3 && !strncmp(buf, names[i], 3)))
			return i + 1;
	}
	return 0;
}

/* Cut text into at most max tokens; returns the count. */
static int tokenize(const char *text, struct tok *t, int max)
{
	const unsigned char *s = (const unsigned char *)text;
	int n = 0;
	while (*s && n < max) {
		if (isdigit(*s)) {
			int v[3] = {0, 0, 0}, parts = 0, digits = 0;
			for (;;) {
				digits = 0;
				while (isdigit(*s) && digits < 5) {
					v[parts] = v[parts] * 10 + (*s++ - '0');
					digits++;
				}
				parts++;
				if (parts < 3 && (*s == '/' || *s == '.') && isdigit(s[1])) {
					s++;
					continue;
				}
				break;
			}
			if (parts == 3) {
				t[n].kind = T_DMY;
				t[n].d = v[0];
				t[n].m = v[1];
				t[n].y = v[2] < 100 ? 2000 + v[2] : v[2];
			} else if (parts == 2) {
				break; /* "10.30" or a page reference: not a date */
			} else if (digits == 4) {
				t[n].kind = T_YEAR;
				t[n].y = v[0];
			} else if (digits <= 2 && v[0] >= 1 && v[0] <= 31) {
				t[n].kind = T_NUM;
				t[n].d = v[0];
				/* Ordinal endings: "7th", "1st". */
				if (isalpha(s[0]) && isalpha(s[1]) && !isalpha(s[2]) &&
				    (!strncasecmp((const char *)s, "st", 2) ||
				     !strncasecmp((const char *)s, "nd", 2) ||
				     !strncasecmp((const char *)s, "rd", 2) ||
				     !strncasecmp((const char *)s, "th", 2)))
					s += 2;
			} else {
				break;
			}
			n++;
		} else if (isalpha(*s)) {
			const unsigned char *w = s;
			int m;
			while (isalpha(*s))
				s++;
			size_t len = (size_t)(s - w);
			if ((m = month_of((const char *)w, len))) {
				t[n].kind = T_MONTH;
				t[n++].m = m;
			} else if ((len == 2 && !strncasecmp((const char *)w, "to", 2)) ||
				   (len == 3 && !strncasecmp((const char *)w, "and", 3)) ||
				   (len == 5 && !strncasecmp((const char *)w, "until", 5))) {
				t[n++].kind = T_JOIN;
			} else {
				break;
			}
		} else if (*s == '-' || *s >= 0x80) {
			/* A dash; text that was not normalised may still hold an
			 * en dash as UTF-8 bytes, read as one joiner. */
			if (*s >= 0x80)
				while (*s >= 0x80)
					s++;
			else
				s++;
			if (n == 0 || t[n - 1].kind != T_JOIN)
				t[n++].kind = T_JOIN;
		} else if (isspace(*s) || *s == ',' || *s == ':' || *s == '.' || *s == '(' ||
			   *s == ')') {
			s++;
		} else {
			break;
		}
	}
	return n;
}

static int valid(int y, int m, int d, ofs_date out)
{
	char buf[32];
	if (y < 1990 || y > 2100)
		return 0;
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	return ofs_date_parse_iso(buf, out);
}

/* Read "day [month [year]]" or a d/m/y at t[*i]; fields not given stay 0. */
static int read_date(const struct tok *t, int n, int *i, int *d, int *m, int *y)
{
	*d = *m = *y = 0;
	if (*i >= n)
		return 0;
	if (t[*i].kind == T_DMY) {
		*d = t[*i].d;
		*m = t[*i].m;
		*y = t[*i].y;
		(*i)++;
		return 1;
	}
	if (t[*i].kind != T_NUM)
		return 0;
	*d = t[(*i)++].d;
	if (*i < n && t[*i].kind == T_MONTH) {
		*m = t[(*i)++].m;
		if (*i < n && t[*i].kind == T_YEAR)
			*y = t[(*i)++].y;
	}
	return 1;
}

/* One date or range at t[*i] (see above): 1 for a date, 2 for a range,
 * 0 for neither; *i moves past it. */
static int read_range(const struct tok *t, int n, int *i, ofs_date start, ofs_date end)
{
	int d1, m1, y1, d2, m2, y2;
	ofs_date a, b;

	if (!read_date(t, n, i, &d1, &m1, &y1))
		return 0;
	if (*i < n && t[*i].kind == T_JOIN) {
		int j = *i + 1;
		if (read_date(t, n, &j, &d2, &m2, &y2) && m2 && y2) {
			if (!m1)
				m1 = m2;
			if (!y1)
				y1 = m1 > m2 ? y2 - 1 : y2;
			if (valid(y1, m1, d1, a) && valid(y2, m2, d2, b) && strcmp(a, b) <= 0) {
				memcpy(start, a, sizeof a);
				memcpy(end, b, sizeof b);
				*i = j;
				return 2;
			}
			return 0;
		}
	}
	if (m1 && y1 && valid(y1, m1, d1, a)) {
		memcpy(start, a, sizeof a);
		memcpy(end, a, sizeof a);
		return 1;
	}
	return 0;
}

int ofs__date_range_parse(const char *text, ofs_date start, ofs_date end)
{
	struct tok t[32];
	int n = tokenize(text, t, 32), i = 0;
	int r = read_range(t, n, &i, start, end);
	/* An inspection held in parts ("30 September to 11 October 2024 and
	 * 13 to 16 January 2025") ends on the last day of the last part. */
	while (r && i < n && t[i].kind == T_JOIN) {
		ofs_date s2, e2;
		int j = i + 1;
		if (!read_range(t, n, &j, s2, e2) || strcmp(s2, end) < 0)
			break;
		memcpy(end, e2, sizeof e2);
		r = 2;
		i = j;
	}
	return r;
}

long ofs__date_days(const ofs_date d)
{
	int y, m, dd;
	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return -1;
	/* Days from civil (Howard Hinnant's algorithm). */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
