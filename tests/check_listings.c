/*
 * check_listings.c: what the searcher's help, manual page and docs/json.md
 * promise of queries, filters, counts and listings, on the bundled corpus
 * and (where present) on reports of the shared sample.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check_util.h"
#include "ofs/search.h"

static char *dir, *db, *sample_dir, *sample_db;

static void setup(void)
{
	char cmd[8192], *out = NULL;
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
	ck_assert_int_ge(asprintf(&db, "%s/db", dir), 0);
	snprintf(cmd, sizeof cmd, "%s/indexer -q --db '%s' corpus 2>&1", ofs_test_build(), db);
	ck_assert_msg(ofs_test_run(cmd, &out) == 0, "%s", out);
	free(out);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
	free(db);
}

/* Sixty reports of the shared sample, indexed once for the suite. */
static void sample_setup(void)
{
	char cmd[8192], *out = NULL;
	const char *sample = ofs_test_sample();
	if (!sample)
		return;
	sample_dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(sample_dir);
	ck_assert_int_ge(asprintf(&sample_db, "%s/db", sample_dir), 0);
	snprintf(cmd, sizeof cmd,
		 "find '%s' -name '*.pdf' | sort | head -n 60 | tr '\\n' '\\0' | "
		 "xargs -0 %s/indexer -q --db '%s' 2>&1", sample, ofs_test_build(), sample_db);
	ofs_test_run(cmd, &out); /* a few files of the sample are not PDFs */
	free(out);
}

static void sample_teardown(void)
{
	if (sample_dir)
		ofs_test_rmdir(sample_dir); /* frees it */
	free(sample_db);
	sample_db = sample_dir = NULL;
}

static int searcher(const char *args, json_t **j, char **out)
{
	return ofs_test_searcher(db, args, j, out);
}

static long total(const char *args)
{
	json_t *j;
	long t;
	char *a;
	ck_assert_int_ge(asprintf(&a, "--json --count -n 0 %s", args), 0);
	searcher(a, &j, NULL);
	free(a);
	ck_assert_ptr_nonnull(j);
	t = (long)json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	return t;
}

static const char *sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

START_TEST(a_dash_word_after_the_query_excludes_it)
{
	json_t *j, *h;
	size_t i;
	long all = total("--exact children"), without = total("--exact children -safeguarding");
	ck_assert_int_gt(without, 0);
	ck_assert_int_lt(without, all);
	ck_assert_int_eq(searcher("--json -n 100 --exact children -safeguarding", &j, NULL), 0);
	ck_assert_str_eq(sget(j, "query"), "children -safeguarding");
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_msg(!strcasestr(sget(h, "text"), "safeguard"), "%s", sget(h, "text"));
	json_decref(j);
	/* Options still work after the query: flags, and a value. */
	ck_assert_int_eq(searcher("children -safeguarding -fj -n 1", &j, NULL), 0);
	ck_assert_int_eq(json_array_size(json_object_get(j, "results")), 1);
	json_decref(j);
}
END_TEST

START_TEST(a_filter_given_twice_means_either)
{
	json_t *j, *h;
	size_t i;
	int seen_ns = 0, seen_s = 0;
	long ns = total("--council 'North Somerset' children"), s = total("--council Somerset children");
	ck_assert_int_gt(ns, 0);
	ck_assert_int_gt(s, 0);
	ck_assert_int_eq(total("--council 'North Somerset' --council Somerset children"), ns + s);
	ck_assert_int_eq(searcher("--json -n 200 --council 'North Somerset' --council Somerset children",
				  &j, NULL), 0);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		seen_ns |= !strcmp(sget(h, "council"), "North Somerset");
		seen_s |= !strcmp(sget(h, "council"), "Somerset");
		ck_assert(!strcmp(sget(h, "council"), "North Somerset") ||
			  !strcmp(sget(h, "council"), "Somerset"));
	}
	ck_assert(seen_ns && seen_s);
	json_decref(j);
	ck_assert_int_eq(total("--grade good --grade requires-improvement children"),
			 total("--grade good children") + total("--grade RI children"));
}
END_TEST

START_TEST(an_unknown_council_is_an_error_naming_the_nearest)
{
	char *out;
	ck_assert_int_eq(searcher("--council 'N Somerset' front door", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "--council: unknown council 'N Somerset' (did you mean North Somerset"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
	ck_assert_int_eq(searcher("'council:Somerest front'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "unknown council 'Somerest' (did you mean Somerset"));
	free(out);
	/* Known authorities with no report are no error: nothing matches. */
	ck_assert_int_eq(searcher("--council Bradford front door", NULL, NULL), 1);
}
END_TEST

START_TEST(report_listings_take_words_and_areas)
{
	json_t *j, *r;
	size_t i;
	long with_words, in_area, all;
	all = total("--reports");
	ck_assert_int_eq(all, 5);
	with_words = total("--reports 'private fostering'");
	ck_assert_int_eq(with_words, total("--per-report 'private fostering'"));
	ck_assert_int_gt(with_words, 0);
	ck_assert_int_lt(with_words, all);
	in_area = total("--reports --area help-protection");
	ck_assert_int_gt(in_area, 0);
	ck_assert_int_lt(in_area, all);
	/* The area's grade, not the overall one, with --area. */
	ck_assert_int_eq(searcher("--json --reports --area in-care --grade good", &j, NULL), 0);
	ck_assert_int_gt(json_array_size(json_object_get(j, "reports")), 0);
	json_array_foreach(json_object_get(j, "reports"), i, r) {
		ck_assert_str_eq(sget(json_object_get(r, "grades"), "in_care"), "good");
		ck_assert_str_ne(sget(json_object_get(r, "grades"), "overall"), "good");
	}
	json_decref(j);
}
END_TEST

START_TEST(dates_in_the_wrong_order_are_a_usage_error)
{
	char *out;
	ck_assert_int_eq(searcher("--from 2020 --to 2019 front door", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "--from 2020 is after --to 2019"));
	free(out);
	ck_assert_int_eq(searcher("--from 2020 --to 2020 -n 0 children", NULL, NULL), 0);
}
END_TEST

START_TEST(json_results_have_every_key)
{
	json_t *j, *h;
	size_t i;
	ck_assert_int_eq(searcher("--json -n 5 children", &j, NULL), 0);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert(json_is_null(json_object_get(h, "report")));
		ck_assert_int_eq(strlen(sget(h, "report_id")), 16);
	}
	json_decref(j);
}
END_TEST

START_TEST(counts_read_as_sentences)
{
	char *out;
	ck_assert_int_eq(searcher("-n 0 children", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "paragraphs match 'children'.\n"));
	ck_assert_ptr_null(strstr(out, "best"));
	free(out);
	ck_assert_int_eq(searcher("--exact --strict 'private fostering'", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "1 paragraph matches 'private fostering':"));
	free(out);
}
END_TEST

START_TEST(like_takes_any_path_to_the_file_or_its_id)
{
	json_t *j;
	char *args, *link, *cwd = getcwd(NULL, 0);
	long direct = total("--like corpus/004_0b8f114c14ecd7b2.txt:9");
	ck_assert_int_gt(direct, 0);
	ck_assert_int_eq(total("--like ./corpus/../corpus/004_0b8f114c14ecd7b2.txt:9"), direct);
	ck_assert_int_ge(asprintf(&link, "%s/link.txt", dir), 0);
	ck_assert_int_ge(asprintf(&args, "%s/corpus/004_0b8f114c14ecd7b2.txt", cwd), 0);
	ck_assert_int_eq(symlink(args, link), 0);
	free(args);
	ck_assert_int_ge(asprintf(&args, "--like '%s:9'", link), 0);
	ck_assert_int_eq(total(args), direct);
	free(args);
	/* The id the results print, whole or its first 8 digits. */
	ck_assert_int_eq(searcher("--json -n 1 --exact 'private fostering'", &j, NULL), 0);
	const char *id = sget(json_array_get(json_object_get(j, "results"), 0), "report_id");
	ck_assert_ptr_nonnull(id);
	ck_assert_int_ge(asprintf(&args, "--like %.8s:9", id), 0);
	ck_assert_int_gt(total(args), 0);
	free(args);
	json_decref(j);
	ck_assert_int_eq(searcher("--like 0123abcd:9", NULL, NULL), 2);
	free(link);
	free(cwd);
}
END_TEST

START_TEST(terminal_output_wraps_and_dumb_terminals_get_no_bold)
{
	char *out, *args;
	int longest = 0, len = 0;
	ck_assert_int_ge(asprintf(&args,
				  "script -qec \"%s/searcher --db '%s' -n 3 children\" /dev/null 2>&1",
				  ofs_test_build(), db), 0);
	char *cmd;
	ck_assert_int_ge(asprintf(&cmd, "TERM=xterm COLUMNS=50 %s", args), 0);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "\033[1m"));
	for (const char *p = out; *p; p++) {
		if (*p == '\n' || *p == '\r') {
			longest = len > longest ? len : longest;
			len = 0;
		} else if (*p == '\033') {
			p += strspn(p + 1, "[0123456789;") + 1; /* an escape takes no column */
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			len++;
		}
	}
	ck_assert_int_le(longest, 50);
	ck_assert_int_gt(longest, 30);
	free(out);
	free(cmd);
	ck_assert_int_ge(asprintf(&cmd, "TERM=dumb %s", args), 0);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_ptr_nonnull(strstr(out, "children"));
	free(out);
	free(cmd);
	free(args);
}
END_TEST

/* The number of distinct report ids in a JSON result list. */
static size_t distinct_ids(json_t *results)
{
	size_t n = 0, i, k;
	json_t *h;
	json_array_foreach(results, i, h) {
		int seen = 0;
		for (k = 0; k < i && !seen; k++)
			seen = !strcmp(sget(json_array_get(results, k), "report_id"), sget(h, "report_id"));
		n += !seen;
	}
	return n;
}

START_TEST(per_report_counts_are_exact)
{
	json_t *j;
	char *out;
	if (!sample_db) {
		fputs("check_listings: no shared sample; skipping the per-report count\n", stderr);
		return;
	}
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json -n 100000 --per-report front door", &j, NULL), 0);
	ck_assert(json_is_true(json_object_get(j, "total_exact")));
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")),
			 distinct_ids(json_object_get(j, "results")));
	ck_assert_int_gt(json_integer_value(json_object_get(j, "total")), 10);
	json_decref(j);
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--per-report --count --grade inadequate front door",
				NULL, &out), 0);
	{
		unsigned n = 0;
		char word[16] = "";
		/* "N reports match", never "about N reports". */
		ck_assert_msg(sscanf(out, "%u %15s", &n, word) == 2 && n > 0 &&
			      !strcmp(word, "reports"), "%s", out);
	}
	free(out);
	/* Citations read the same way in results and timelines. */
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--timeline --council Bradford -n 2 children", NULL,
				&out), 0);
	ck_assert_ptr_nonnull(strstr(out, ", p. "));
	ck_assert_ptr_null(strstr(out, "para 1, p."));
	free(out);
}
END_TEST

/* The opening paragraphs of a report sit under no cover line ("Lead
 * inspector: ...", "Inspection dates: ...") as if it were a heading. */
START_TEST(cover_lines_are_not_sections)
{
	json_t *j, *h;
	size_t i;
	if (!sample_db)
		return;
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json -n 100000 ''", &j, NULL), 0);
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 1000);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		const char *sec = sget(h, "section");
		ck_assert_msg(!sec || (strncasecmp(sec, "lead inspector:", 15) &&
				       strncasecmp(sec, "inspection date", 15)),
			      "%s para %d: section '%s'", sget(h, "file"),
			      (int)json_integer_value(json_object_get(h, "paragraph")), sec);
	}
	json_decref(j);
}
END_TEST

/* A council's one-word name typed in lower case is read as the council
 * where most paragraphs with the word are its own reports', and stays a
 * word where they are not ("reading", "manchester" here). */
START_TEST(a_council_typed_in_lower_case_is_read_where_the_word_is_its_own)
{
	json_t *j, *h, *rd;
	size_t i;
	long all, own;
	if (!sample_db)
		return;
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json -n 1000 'birmingham front door'", &j,
					   NULL), 0);
	rd = json_object_get(j, "read");
	ck_assert_str_eq(sget(rd, "council"), "Birmingham");
	ck_assert_str_eq(sget(rd, "subject"), "front door");
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "council"), "Birmingham");
	json_decref(j);
	/* the rule itself: most of the word's paragraphs are Birmingham's */
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json --count --exact birmingham", &j, NULL), 0);
	all = (long)json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json --count --exact -c Birmingham birmingham",
					   &j, NULL), 0);
	own = (long)json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	ck_assert_int_gt(2 * own, all);
	ofs_test_searcher(sample_db, "--json 'reading support'", &j, NULL);
	ck_assert(json_is_null(json_object_get(j, "read")));
	json_decref(j);
	/* "manchester": Greater Manchester in Bolton's reports, Manchester's
	 * own not indexed here; with its capital it is the council */
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json manchester", &j, NULL), 0);
	ck_assert(json_is_null(json_object_get(j, "read")));
	json_decref(j);
	ofs_test_searcher(sample_db, "--json Manchester", &j, NULL);
	ck_assert_str_eq(sget(json_object_get(j, "read"), "council"), "Manchester");
	json_decref(j);
}
END_TEST

/* ILACS reports of 2018-2022 make one judgement of children in care and
 * care leavers: listed once, marked as covering both areas; reports that
 * judge care leavers apart are not marked. */
START_TEST(a_joint_judgement_is_listed_once)
{
	json_t *j, *r;
	size_t i;
	int joint = 0, apart = 0;
	char *out;
	if (!sample_db)
		return;
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--json --reports --kind ilacs-standard", &j, NULL), 0);
	json_array_foreach(json_object_get(j, "reports"), i, r) {
		json_t *g = json_object_get(r, "grades");
		const char *start = sget(r, "inspection_start");
		if (json_is_object(json_object_get(r, "joint"))) {
			joint++;
			ck_assert_str_eq(sget(json_object_get(r, "joint"), "care_leavers"), "in_care");
			ck_assert_str_eq(sget(g, "care_leavers"), sget(g, "in_care"));
			ck_assert_str_lt(start, "2023-01-01");
		} else if (start && strcmp(start, "2023-06-01") > 0) {
			apart++;
		}
	}
	ck_assert_int_gt(joint, 0);
	ck_assert_int_gt(apart, 0);
	json_decref(j);
	ck_assert_int_eq(ofs_test_searcher(sample_db, "--reports --kind ilacs-standard", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, " in_care+care_leavers="));
	free(out);
}
END_TEST

/* Every facet count of r and s, and their totals, the same. */
static void same_facets(const ofs_results *r, const ofs_results *s, const char *query)
{
	ck_assert_uint_eq(r->total, s->total);
	ck_assert_uint_eq(r->n_facets, s->n_facets);
	for (unsigned f = 0; f < r->n_facets; f++) {
		ck_assert_str_eq(r->facets[f].name, s->facets[f].name);
		ck_assert_msg(r->facets[f].n == s->facets[f].n, "'%s': %s: %u values, then %u",
			      query, r->facets[f].name, r->facets[f].n, s->facets[f].n);
		for (unsigned k = 0; k < r->facets[f].n; k++) {
			ck_assert_str_eq(r->facets[f].counts[k].value, s->facets[f].counts[k].value);
			ck_assert_uint_eq(r->facets[f].counts[k].count, s->facets[f].counts[k].count);
		}
	}
}

/*
 * A handle counts its first facet search with Xapian's spy and, from the
 * second on, through a table of every paragraph's facets that it keeps:
 * the counts stay the same, and each is what its filter finds.
 */
START_TEST(a_handle_counts_facets_the_same_every_time_and_exactly)
{
	/* Words, other names, a phrase, a word left out, filters, dates,
	 * nothing but a filter. */
	static const ofs_search_opts cases[] = {
		{.query = "front door weaknesses"},
		{.query = "children"},
		{.query = "care leavers accommodation"},
		{.query = "\"front door\" -MASH"},
		{.query = "supervision", .grade = "requires-improvement", .from = "2019"},
		{.query = "neglect", .from = "2015-03", .to = "2017"},
		{.query = "children AND care", .council = "Bradford"},
		{.query = "", .area = "leaders"},
	};
	ofs_searcher *s, *fresh;
	ofs_error e;
	if (!sample_db)
		return;
	ck_assert_msg(ofs_searcher_open(&s, sample_db, NULL, &e) == OFS_OK, "%s", e.msg);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *query = cases[i].query;
		ofs_search_opts o = cases[i];
		ofs_results *r[3];
		const ofs_facet *council = NULL;
		o.limit = 5;
		o.facets = 1;
		/* r[0] from a searcher's first facet search, the others not. */
		ck_assert_msg(ofs_searcher_open(&fresh, sample_db, NULL, &e) == OFS_OK, "%s", e.msg);
		ck_assert_msg(ofs_search(fresh, &o, &r[0], &e) == OFS_OK, "%s", e.msg);
		ofs_searcher_free(fresh);
		for (int k = 1; k < 3; k++)
			ck_assert_msg(ofs_search(s, &o, &r[k], &e) == OFS_OK, "%s", e.msg);
		ck_assert(r[0]->total_exact);
		ck_assert_uint_eq(r[0]->n_facets, OFS_N_FACETS);
		same_facets(r[0], r[1], query);
		same_facets(r[0], r[2], query);
		for (unsigned f = 0; f < r[2]->n_facets; f++)
			if (!strcmp(r[2]->facets[f].name, "council") && !cases[i].council)
				council = &r[2]->facets[f];
		for (unsigned k = 0; !council && k < 3; k++)
			ofs_results_free(r[k]);
		if (!council)
			continue;
		ck_assert_msg(council->n > 2, "'%s': %u councils", query, council->n);
		for (unsigned k = 0; k < 3; k++) {
			ofs_search_opts by = cases[i];
			by.council = council->counts[k].value;
			by.count = 1;
			ofs_results *c;
			ck_assert_msg(ofs_search(s, &by, &c, &e) == OFS_OK, "%s", e.msg);
			ck_assert_msg(c->total == council->counts[k].count, "'%s' in %s: %u, counted %u",
				      query, council->counts[k].value, c->total,
				      council->counts[k].count);
			ofs_results_free(c);
		}
		for (int k = 0; k < 3; k++)
			ofs_results_free(r[k]);
	}
	ofs_searcher_free(s);
}
END_TEST

/* The "read" object of the JSON for a query (args), or NULL when the
 * searcher read no filter from its words; caller decrefs *j. */
static json_t *read_of(const char *args, json_t **j)
{
	char *a;
	ck_assert_int_ge(asprintf(&a, "--json -n 100 %s", args), 0);
	searcher(a, j, NULL); /* 1 when nothing matches: the JSON is still there */
	free(a);
	ck_assert_ptr_nonnull(*j);
	return json_is_null(json_object_get(*j, "read")) ? NULL : json_object_get(*j, "read");
}

/* The lines of out that cite a file (a listing's reports, a timeline's
 * paragraphs), in order; caller frees. */
static char *citations(const char *out)
{
	char *all = strdup(""), *more;
	for (const char *l = out; *l;) {
		size_t n = strcspn(l, "\n");
		if (memmem(l, n, "corpus/", 7)) {
			ck_assert_int_ge(asprintf(&more, "%s%.*s\n", all, (int)n, l), 0);
			free(all);
			all = more;
		}
		l += n + (l[n] == '\n');
	}
	return all;
}

/* Text output of searcher args, and its citations (caller frees both). */
static char *cited(const char *args, char **out)
{
	ck_assert_int_eq(searcher(args, NULL, out), 0);
	return citations(*out);
}

/* A grade beside a word for councils, a council's name and years with
 * "since" filter as the options do, and the output says so; other uses
 * of those words stay words. */
START_TEST(filters_named_in_words_are_read_as_filters)
{
	static const char *const words[] = {
		"good children", "good council practice", "inadequate supervision",
		"'\"inadequate councils\"'", "reading support", "somerset children",
		"Working Together 2018", "--exact councils rated good children",
		"--grade RI councils rated good children", "--from 2016 children since 2017",
		"'grade:RI councils rated good children'", "councils are good at listening",
		"councils failing to spot abuse", "best practice in councils",
	};
	json_t *j, *h, *rd;
	size_t i;
	char *out, *out2, *a, *b;

	rd = read_of("councils rated good children", &j);
	ck_assert_ptr_nonnull(rd);
	ck_assert_str_eq(sget(rd, "grade"), "good");
	ck_assert(json_is_null(json_object_get(rd, "council")) && json_is_null(json_object_get(rd, "from")));
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "grade"), "good");
	json_decref(j);
	ck_assert_int_eq(total("councils rated good children"), total("--grade good children"));
	ck_assert_int_gt(total("--grade RI children"), 0);
	ck_assert_int_eq(total("RI local authorities children"), total("--grade RI children"));

	rd = read_of("north somerset children since 2017", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset");
	ck_assert_str_eq(sget(rd, "from"), "2017");
	ck_assert(json_is_null(json_object_get(rd, "to")) && json_is_null(json_object_get(rd, "grade")));
	ck_assert(json_is_false(json_object_get(rd, "change")));
	ck_assert_str_eq(sget(rd, "subject"), "children");
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert_str_eq(sget(h, "council"), "North Somerset");
		ck_assert_str_ge(sget(h, "date"), "2017");
	}
	json_decref(j);
	ck_assert_int_eq(total("north somerset children since 2017"),
			 total("--council 'North Somerset' --from 2017 children"));

	rd = read_of("north somerset children before 2021", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset");
	ck_assert_str_eq(sget(rd, "to"), "2020");
	json_decref(j);
	rd = read_of("Somerset 2015 to 2018", &j);
	ck_assert_str_eq(sget(rd, "council"), "Somerset");
	ck_assert_str_eq(sget(rd, "from"), "2015");
	ck_assert_str_eq(sget(rd, "to"), "2018");
	json_decref(j);
	rd = read_of("North Somerset and Somerset children", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset;Somerset");
	json_decref(j);
	/* a comparison's "vs" is not searched ("VS": virtual school) */
	rd = read_of("North Somerset vs Somerset children", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset;Somerset");
	ck_assert_str_eq(sget(rd, "subject"), "children");
	json_decref(j);
	/* who is asked is no subject: the council's reports */
	rd = read_of("what did Ofsted say about North Somerset?", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset");
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	json_decref(j);
	/* the words asking for a council's grades, and the year beside them */
	rd = read_of("'how is North Somerset rated?'", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset");
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	json_decref(j);
	rd = read_of("'North Somerset Ofsted rating 2020'", &j);
	ck_assert_str_eq(sget(rd, "from"), "2020");
	ck_assert_str_eq(sget(rd, "to"), "2020");
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	json_decref(j);
	rd = read_of("'is North Somerset still outstanding?'", &j);
	ck_assert(json_is_null(json_object_get(rd, "subject")) && json_is_null(json_object_get(rd, "grade")));
	ck_assert(json_is_true(json_object_get(rd, "latest")));
	json_decref(j);
	rd = read_of("'how is North Somerset doing now?'", &j);
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	ck_assert(json_is_true(json_object_get(rd, "latest")));
	json_decref(j);
	rd = read_of("'children currently in care in North Somerset'", &j);
	ck_assert_str_eq(sget(rd, "subject"), "children currently in care");
	ck_assert(json_is_false(json_object_get(rd, "latest")));
	json_decref(j);
	rd = read_of("'North Somerset inadequate supervision'", &j);
	ck_assert_str_eq(sget(rd, "subject"), "inadequate supervision");
	json_decref(j);
	rd = read_of("'North Somerset Working Together 2018'", &j);
	ck_assert(json_is_null(json_object_get(rd, "from")));
	ck_assert_str_eq(sget(rd, "subject"), "Working Together 2018");
	json_decref(j);
	rd = read_of("children vs Somerset", &j);
	ck_assert_str_eq(sget(rd, "subject"), "children vs");
	json_decref(j);
	rd = read_of("children of councils that are inadequate", &j);
	ck_assert_str_eq(sget(rd, "grade"), "inadequate");
	json_decref(j);
	/* the area a grade is for, just after it; alone, an area is words */
	rd = read_of("councils judged good for children in care", &j);
	ck_assert_str_eq(sget(rd, "grade"), "good");
	ck_assert_str_eq(sget(rd, "area"), "in-care");
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert_str_eq(sget(h, "area"), "in-care");
		ck_assert_str_eq(sget(h, "grade"), "good");
	}
	json_decref(j);
	a = cited("councils judged good for children in care", &out);
	b = cited("--reports -g good -a in-care", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --grade good --area in-care --reports"));
	ck_assert_ptr_nonnull(strchr(b, '\n'));
	ck_assert_str_eq(a, b);
	free(a), free(b), free(out), free(out2);
	/* the top and bottom of the scale in everyday words */
	rd = read_of("'the worst councils for care leavers'", &j);
	ck_assert_str_eq(sget(rd, "grade"), "inadequate");
	ck_assert_str_eq(sget(rd, "area"), "care-leavers");
	json_decref(j);
	rd = read_of("'which are the best local authorities?'", &j);
	ck_assert_str_eq(sget(rd, "grade"), "outstanding");
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	json_decref(j);
	searcher("'which are the best local authorities?'", NULL, &out); /* none here */
	ck_assert_ptr_nonnull(strstr(out, "Read as: --grade outstanding --reports"));
	ck_assert_ptr_nonnull(strstr(out, "No report matches 'which are the best local authorities?'."));
	free(out);
	searcher("--reports -g outstanding", NULL, &out);
	ck_assert_str_eq(out, "No report matches the filters.\n");
	free(out);
	rd = read_of("'inadequate councils overall'", &j);
	ck_assert_str_eq(sget(rd, "area"), "overall");
	json_decref(j);
	rd = read_of("'children in care councils'", &j);
	ck_assert(!rd);
	json_decref(j);
	rd = read_of("children in 2020", &j);
	ck_assert_str_eq(sget(rd, "from"), "2020");
	ck_assert_str_eq(sget(rd, "to"), "2020");
	json_decref(j);

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		ck_assert_msg(!read_of(words[i], &j), "%s: read as filters", words[i]);
		json_decref(j);
	}
	ck_assert_int_eq(searcher("councils judged good children", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --grade good (--exact takes every word as a word)\n"));
	free(out);
}
END_TEST

/* "How has North Somerset's report changed since 2017" asks for the
 * council's reports over time: on a terminal, with nothing else to
 * search for, their list with grades; with a subject, the timeline of
 * it.  A query of filters alone lists the reports they select.  JSON
 * keeps the paragraphs and says what was read.  Without a council, or
 * with --exact, the words are searched as words. */
START_TEST(a_question_about_change_is_answered_with_the_reports_over_time)
{
	static const char *const words[] = {
		"how has practice changed", "'has the front door got better'",
		"--exact how has North Somerset changed", "North Somerset capacity to change",
	};
	json_t *j, *rd, *h;
	char *a, *b, *out, *out2;
	size_t i;

	a = cited("\"how has North Somerset's report changed since 2017?\"", &out);
	b = cited("--reports --council 'North Somerset' --from 2017", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --council 'North Somerset' --from 2017 --reports"));
	ck_assert_ptr_nonnull(strstr(out, "overall=requires-improvement"));
	ck_assert_ptr_nonnull(strchr(b, '\n'));
	ck_assert_str_eq(a, b);
	free(a), free(b), free(out), free(out2);
	rd = read_of("\"how has North Somerset's report changed since 2017?\"", &j);
	ck_assert_str_eq(sget(rd, "council"), "North Somerset");
	ck_assert_str_eq(sget(rd, "from"), "2017");
	ck_assert(json_is_true(json_object_get(rd, "change")));
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	/* nothing to rank by: the paragraphs the filters select */
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert_str_eq(sget(h, "council"), "North Somerset");
		ck_assert_str_ge(sget(h, "date"), "2017");
	}
	json_decref(j);

	a = cited("\"how has North Somerset's help for families changed?\"", &out);
	b = cited("--timeline --council 'North Somerset' help for families", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --council 'North Somerset' --timeline"));
	ck_assert_ptr_nonnull(strchr(strchr(b, '\n') + 1, '\n')); /* two reports or more */
	ck_assert_str_eq(a, b);
	free(a), free(b), free(out), free(out2);
	rd = read_of("\"how has North Somerset's help for families changed?\"", &j);
	ck_assert(json_is_true(json_object_get(rd, "change")));
	ck_assert_str_eq(sget(rd, "subject"), "help for families");
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "council"), "North Somerset");
	json_decref(j);
	rd = read_of("'how did North Somerset change?'", &j);
	ck_assert(json_is_true(json_object_get(rd, "change")));
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	json_decref(j);
	/* A council given by option, and a change in other words */
	rd = read_of("-c 'North Somerset' 'has the front door got better over time'", &j);
	ck_assert(json_is_true(json_object_get(rd, "change")));
	ck_assert_str_eq(sget(rd, "subject"), "front door");
	json_decref(j);

	/* Filters and nothing else asked: the reports they select; in
	 * JSON, every paragraph they select, not the words "which", "are". */
	a = cited("'which councils require improvement?'", &out);
	b = cited("--reports --grade RI", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --grade requires-improvement --reports"));
	ck_assert_ptr_nonnull(strchr(b, '\n'));
	ck_assert_str_eq(a, b);
	free(a), free(b), free(out), free(out2);
	rd = read_of("'which councils require improvement?'", &j);
	ck_assert(json_is_false(json_object_get(rd, "change")));
	ck_assert(json_is_null(json_object_get(rd, "subject")));
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "grade"), "requires-improvement");
	json_decref(j);
	ck_assert_int_eq(total("'which councils require improvement?'"),
			 total("'councils judged to require improvement'"));
	ck_assert_int_gt(total("'which councils require improvement?'"),
			 total("--grade RI children"));

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		rd = read_of(words[i], &j);
		ck_assert_msg(!rd || json_is_false(json_object_get(rd, "change")), "%s: read as a change",
			      words[i]);
		json_decref(j);
	}
}
END_TEST

/* --latest keeps each council's newest report with an overall grade:
 * what its grades are now.  Read from "now", "currently" beside a grade
 * and "latest", "most recent" anywhere; other uses are words. */
START_TEST(latest_keeps_each_councils_newest_judged_report)
{
	json_t *all, *latest, *h, *g, *rd, *j;
	size_t i, k;
	char *a, *b, *out, *out2;

	searcher("--json --reports", &all, NULL);
	searcher("--json --reports --latest", &latest, NULL);
	ck_assert_int_gt(json_array_size(json_object_get(latest, "reports")), 1);
	ck_assert_int_lt(json_array_size(json_object_get(latest, "reports")),
			 json_array_size(json_object_get(all, "reports")));
	json_array_foreach(json_object_get(latest, "reports"), i, h) {
		const char *council = sget(h, "council"), *date = sget(h, "date");
		size_t same = 0;
		ck_assert_str_ne(sget(json_object_get(h, "grades"), "overall"), "none");
		/* no other judged report of its council is newer */
		json_array_foreach(json_object_get(all, "reports"), k, g) {
			const char *overall = json_string_value(
				json_object_get(json_object_get(g, "grades"), "overall"));
			if (strcmp(sget(g, "council"), council))
				continue;
			same++;
			if (overall && strcmp(overall, "none"))
				ck_assert_str_le(sget(g, "date"), date);
		}
		ck_assert_int_ge(same, 1);
	}
	/* every council with a judged report is there, once */
	json_array_foreach(json_object_get(all, "reports"), k, g) {
		const char *overall = json_string_value(json_object_get(json_object_get(g, "grades"), "overall"));
		size_t n = 0;
		if (!overall || !strcmp(overall, "none"))
			continue;
		json_array_foreach(json_object_get(latest, "reports"), i, h)
			n += !strcmp(sget(h, "council"), sget(g, "council"));
		ck_assert_int_eq(n, 1);
	}
	json_decref(all);
	json_decref(latest);

	/* the grade applies to the newest report, not before it */
	ck_assert_int_lt(total("--reports --latest -g RI"), total("--reports -g RI"));
	a = cited("'which councils require improvement now?'", &out);
	b = cited("--reports --latest -g RI", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --grade requires-improvement --latest --reports"));
	ck_assert_str_eq(a, b);
	free(a), free(b), free(out), free(out2);
	a = cited("'latest report of North Somerset'", &out);
	b = cited("--reports --latest -c 'North Somerset'", &out2);
	ck_assert_ptr_nonnull(strstr(out, "Read as: --council 'North Somerset' --latest --reports"));
	ck_assert_str_eq(a, b);
	ck_assert_ptr_null(strchr(strchr(a, '\n') + 1, '\n')); /* one report */
	free(a), free(b), free(out), free(out2);
	rd = read_of("'councils that are currently RI'", &j);
	ck_assert(json_is_true(json_object_get(rd, "latest")));
	json_decref(j);
	rd = read_of("'children currently in care'", &j);
	ck_assert(!rd);
	json_decref(j);
	/* paragraphs: only those of the newest reports */
	ck_assert_int_lt(total("--latest -c 'North Somerset' children"),
			 total("-c 'North Somerset' children"));
	ck_assert_int_eq(total("--latest -c 'North Somerset' children"),
			 total("-c 'North Somerset' --from 2023 --kind news children"));
}
END_TEST

static Suite *listings_suite(void)
{
	Suite *s = suite_create("listings");
	TCase *tc = tcase_create("corpus");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_dash_word_after_the_query_excludes_it);
	tcase_add_test(tc, a_filter_given_twice_means_either);
	tcase_add_test(tc, an_unknown_council_is_an_error_naming_the_nearest);
	tcase_add_test(tc, report_listings_take_words_and_areas);
	tcase_add_test(tc, dates_in_the_wrong_order_are_a_usage_error);
	tcase_add_test(tc, json_results_have_every_key);
	tcase_add_test(tc, counts_read_as_sentences);
	tcase_add_test(tc, like_takes_any_path_to_the_file_or_its_id);
	tcase_add_test(tc, terminal_output_wraps_and_dumb_terminals_get_no_bold);
	tcase_add_test(tc, filters_named_in_words_are_read_as_filters);
	tcase_add_test(tc, a_question_about_change_is_answered_with_the_reports_over_time);
	tcase_add_test(tc, latest_keeps_each_councils_newest_judged_report);
	suite_add_tcase(s, tc);
	tc = tcase_create("sample");
	tcase_add_unchecked_fixture(tc, sample_setup, sample_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, per_report_counts_are_exact);
	tcase_add_test(tc, cover_lines_are_not_sections);
	tcase_add_test(tc, a_joint_judgement_is_listed_once);
	tcase_add_test(tc, a_council_typed_in_lower_case_is_read_where_the_word_is_its_own);
	tcase_add_test(tc, a_handle_counts_facets_the_same_every_time_and_exactly);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(listings_suite)
