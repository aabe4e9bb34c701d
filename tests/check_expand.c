/*
 * check_expand.c: the other names of things: the thesaurus file, the
 * acronyms reports define, WordNet's synonyms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "names/harvest.h"
#include "base/stopwords.h"
#include "ofs/thesaurus.h"
#include "names/wordnet.h"

static const char *const *lookup(const ofs_thesaurus *t, const char *key, size_t *n)
{
	return ofs_thesaurus_lookup(t, key, n, NULL);
}

static int has(const char *const *alts, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(alts[i], s))
			return 1;
	return 0;
}

START_TEST(groups_work_both_ways_and_arrows_one_way)
{
	const char text[] = "# comment\nMASH | multi-agency safeguarding hub\n"
			    "front door | first response | MASH\nkids => children | young people\n";
	ofs_thesaurus *t;
	ofs_error e;
	size_t n;
	const char *const *a;
	ck_assert_int_eq(ofs_thesaurus_parse(text, strlen(text), "t", &t, &e), OFS_OK);
	a = lookup(t, "mash", &n);
	ck_assert_uint_eq(n, 3); /* both groups it is in */
	ck_assert(has(a, n, "multi-agency safeguarding hub"));
	ck_assert(has(a, n, "front door"));
	a = lookup(t, "multi agency safeguarding hub", &n);
	ck_assert(has(a, n, "MASH"));
	a = lookup(t, "kids", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_null(lookup(t, "children", &n));
	ck_assert_uint_eq(n, 0);
	ofs_thesaurus_free(t);
}
END_TEST

START_TEST(a_malformed_line_is_an_error_with_its_number)
{
	const char text[] = "a | b\njust one form\n";
	ofs_thesaurus *t = (ofs_thesaurus *)1;
	ofs_error e;
	ck_assert_int_eq(ofs_thesaurus_parse(text, strlen(text), "th.txt", &t, &e), OFS_EFORMAT);
	ck_assert_ptr_null(t);
	ck_assert_ptr_nonnull(strstr(e.msg, "th.txt:2:"));
}
END_TEST

/* Forms are keyed as UTF-8: a line that is not is a format error naming
 * the file and line (once the out-of-memory error of the key). */
START_TEST(invalid_utf8_is_a_format_error_with_its_line)
{
	const char text[] = "a | b\n# comment\nmum ~> mother | m\xF6ther\n";
	ofs_thesaurus *t = (ofs_thesaurus *)1;
	ofs_error e;
	ck_assert_int_eq(ofs_thesaurus_parse(text, strlen(text), "th.txt", &t, &e), OFS_EFORMAT);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(e.msg, "th.txt:3: invalid UTF-8");
	ck_assert_int_eq(ofs_thesaurus_parse("m\xF6m | mother", 14, "th.txt", &t, &e),
			 OFS_EFORMAT);
	ck_assert_str_eq(e.msg, "th.txt:1: invalid UTF-8");
}
END_TEST

START_TEST(tiers_say_how_an_alternative_relates)
{
	const char text[] = "a | b\na => c | b\na ~> d\nx ~> a\n";
	ofs_thesaurus *t;
	ofs_error e;
	size_t n;
	const unsigned char *tiers;
	const char *const *a;
	ck_assert_int_eq(ofs_thesaurus_parse(text, strlen(text), "t", &t, &e), OFS_OK);
	a = ofs_thesaurus_lookup(t, "a", &n, &tiers);
	ck_assert_uint_eq(n, 3);
	for (size_t i = 0; i < n; i++) {
		/* b is both the same thing and a one-way name: the same
		 * thing wins. */
		unsigned want = !strcmp(a[i], "b") ? OFS_TIER_EQUAL
				: !strcmp(a[i], "c") ? OFS_TIER_ONEWAY : OFS_TIER_EVERYDAY;
		ck_assert_uint_eq(tiers[i], want);
	}
	a = ofs_thesaurus_lookup(t, "x", &n, &tiers);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(tiers[0], OFS_TIER_EVERYDAY);
	ck_assert_ptr_null(ofs_thesaurus_lookup(t, "d", &n, &tiers));
	ck_assert_ptr_null(tiers);
	ofs_thesaurus_free(t);
	ck_assert_int_eq(ofs_thesaurus_parse("a | b ~> c", 10, "t", &t, &e), OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "t:1: expected 'form ~> form | form ...'"));
}
END_TEST

START_TEST(an_empty_thesaurus_has_no_names)
{
	ofs_thesaurus *t;
	ofs_error e;
	size_t n = 7;
	ck_assert_int_eq(ofs_thesaurus_parse("", 0, "empty", &t, &e), OFS_OK);
	ck_assert_uint_eq(ofs_thesaurus_size(t), 0);
	ck_assert_ptr_null(lookup(t, "a", &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(strlen(ofs_thesaurus_fingerprint(t)), 16);
	ofs_thesaurus_free(t);
}
END_TEST

START_TEST(include_reads_a_file_beside_the_thesaurus)
{
	char *dir = ofs_test_tmpdir(), path[4096];
	ofs_thesaurus *t;
	ofs_error e;
	size_t n;
	FILE *f;
	ck_assert_ptr_nonnull(dir);
	snprintf(path, sizeof path, "%s/more.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("staff leaving ~> staff turnover\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/main.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("a | b\ninclude more.txt\n", f);
	fclose(f);
	ck_assert_msg(ofs_thesaurus_load(path, &t, &e) == OFS_OK, "%s", e.msg);
	const char *const *a = lookup(t, "staff leaving", &n);
	ck_assert(has(a, n, "staff turnover"));
	a = lookup(t, "a", &n);
	ck_assert(has(a, n, "b"));
	ofs_thesaurus_free(t);
	/* A file that includes itself stops, with a message. */
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("include main.txt\n", f);
	fclose(f);
	ck_assert_int_eq(ofs_thesaurus_load(path, &t, &e), OFS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(e.msg, "nested too deeply"));
	snprintf(path, sizeof path, "%s/more.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("include missing.txt\n", f);
	fclose(f);
	ck_assert_int_eq(ofs_thesaurus_load(path, &t, &e), OFS_EIO);
	ck_assert_ptr_nonnull(strstr(e.msg, "missing.txt"));
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}
END_TEST

START_TEST(the_shipped_thesaurus_loads)
{
	ofs_thesaurus *t;
	ofs_error e;
	size_t n;
	ck_assert_msg(ofs_thesaurus_load("data/thesaurus.txt", &t, &e) == OFS_OK, "%s", e.msg);
	ck_assert_uint_gt(ofs_thesaurus_size(t), 200);
	const char *const *a = lookup(t, "cse", &n);
	ck_assert(has(a, n, "child sexual exploitation"));
	a = lookup(t, "looked after children", &n);
	ck_assert(has(a, n, "children in care"));
	ofs_thesaurus_free(t);
}
END_TEST

struct found {
	char acr[16][16];
	char exp[16][128];
	int n;
};

static void on_acr(void *ctx, const char *acr, const char *exp)
{
	struct found *f = ctx;
	if (f->n < 16) {
		snprintf(f->acr[f->n], 16, "%s", acr);
		snprintf(f->exp[f->n++], 128, "%s", exp);
	}
}

START_TEST(acronyms_are_found_where_reports_define_them)
{
	struct found f = {0};
	ofs_acronyms_each("Referrals go to the multi-agency safeguarding hub (MASH). The local "
			  "authority designated officer (LADO) is effective, and every child has "
			  "an education, health and care plan (EHCP). Thresholds (as agreed) and "
			  "the Virtual School (VS) matter; the board (ABC) does not, nor do "
			  "prevention and intervention teams (AIT).",
			  on_acr, &f);
	ck_assert_int_eq(f.n, 4);
	ck_assert_str_eq(f.acr[0], "MASH");
	ck_assert_str_eq(f.exp[0], "multi-agency safeguarding hub");
	ck_assert_str_eq(f.exp[1], "local authority designated officer");
	ck_assert_str_eq(f.exp[2], "education, health and care plan");
	ck_assert_str_eq(f.exp[3], "Virtual School");
}
END_TEST

/* Letters only, so that each number spells a distinct word. */
static void spell(unsigned n, char *w)
{
	for (int i = 0; i < 5; i++, n /= 26)
		*w++ = (char)('a' + n % 26);
	*w = 0;
}

START_TEST(a_report_gives_at_most_the_cap_of_spelling_words)
{
	ofs_report *r = ofs_report_new("junk.txt");
	ofs_harvest h = {0};
	char w[8];
	ck_assert_ptr_nonnull(r);
	/* "words" twice, then more distinct words than the cap: the first
	 * met are kept with their counts. */
	ck_assert_int_eq(ofs_report_add_para(r, "words words", 11, NULL, 0, 0), OFS_OK);
	for (unsigned i = 0; i < OFS_HARVEST_MAX_WORDS + 100; i++) {
		spell(i, w);
		ck_assert_int_eq(ofs_report_add_para(r, w, strlen(w), NULL, 0, 0), OFS_OK);
	}
	ck_assert_int_eq(ofs_harvest_report(r, &h), OFS_OK);
	ck_assert_uint_eq(h.n_words, OFS_HARVEST_MAX_WORDS);
	int seen = 0;
	for (size_t i = 0; i < h.n_words; i++)
		if (!strcmp(h.words[i], "words"))
			seen = (int)h.counts[i];
	ck_assert_int_eq(seen, 2);
	ofs_harvest_free(&h);
	ofs_report_free(r);
}
END_TEST

static int collect(void *ctx, const char *s)
{
	char *buf = ctx;
	strcat(buf, s);
	strcat(buf, "|");
	return 0;
}

START_TEST(wordnet_gives_the_first_sense_of_plurals_too)
{
	ofs_wordnet *w;
	ofs_error e;
	char buf[4096] = "";
	ck_assert_msg(ofs_wordnet_open(ofs_wordnet_default_dir(), &w, &e) == OFS_OK, "%s", e.msg);
	ofs_wordnet_synonyms(w, "youngsters", collect, buf);
	ck_assert_ptr_nonnull(strstr(buf, "child|"));
	buf[0] = '\0';
	ofs_wordnet_synonyms(w, "children", collect, buf); /* an irregular plural */
	ck_assert_ptr_nonnull(strstr(buf, "kid|"));
	buf[0] = '\0';
	ofs_wordnet_synonyms(w, "qwertyuiop", collect, buf);
	ck_assert_str_eq(buf, "");
	ofs_wordnet_close(w);
	ck_assert_int_eq(ofs_wordnet_open("/nonexistent", &w, &e), OFS_EIO);
	ck_assert_ptr_nonnull(strstr(e.msg, "wordnet-base"));
}
END_TEST

START_TEST(phrases_lose_their_stopwords_but_filter_values_do_not)
{
	char *q = ofs_drop_phrase_stopwords("\"children in care\" and grade:\"requires improvement "
					    "to be good\" \"to be\"");
	ck_assert_str_eq(q, "\"children care\" and grade:\"requires improvement to be good\" "
			    "\"to be\"");
	free(q);
	ck_assert(ofs_stopword("The", 3));
	ck_assert(!ofs_stopword("care", 4));
	ck_assert(ofs_query_filler("Show", 4));
	ck_assert(!ofs_query_filler("showing", 7));
	ck_assert(!ofs_query_filler("care", 4));
}
END_TEST

/* Write n paragraphs of words (with a count, so that none repeats) to
 * dir/name. */
static void write_topic(const char *dir, const char *name, const char *words, int n)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	for (int i = 0; i < n; i++)
		fprintf(f, "%s, paragraph %d.\n\n", words, i + 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Whether s holds any of the strings of list (NULL-terminated). */
static int any_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strstr(s, *list))
			return 1;
	return 0;
}

/* What searcher --explain says of word, with extra options. */
static char *explain(const char *db, const char *opts, const char *word)
{
	char args[512], *out = NULL;
	int st;
	snprintf(args, sizeof args, "--explain %s %s", opts, word);
	st = ofs_test_searcher(db, args, NULL, &out);
	ck_assert_msg(st == 0 || st == 1, "exit %d: %s", st, out); /* 1: nothing found */
	return out;
}

START_TEST(neighbours_are_the_company_a_word_keeps_and_follow_the_index)
{
	static const char *const others[] = {
		"The garden committee planted flowers beside the library car park",
		"Football coaches trained teenagers every Saturday morning at the pitch",
		"Bakery ovens produced bread rolls before sunrise each weekday",
		"Orchestra musicians rehearsed symphonies inside the concert hall",
		"Harbour fishermen repaired nets while seagulls circled boats",
		"Museum curators catalogued fossils and pottery from excavations",
	};
	static const char *const staff[] = {"Zworkforc", "Zamong", "Zagenc", "Zstaff",
					    "Zremain", "Zhigh", NULL};
	static const char *const elsewhere[] = {"Zgarden", "Zfootbal", "Zbaker", "Zorchestr",
						"Zharbour", "Zmuseum", NULL};
	char *dir = ofs_test_tmpdir(), in[2048], db[2048], cmd[8192], name[32], *out = NULL;
	snprintf(in, sizeof in, "%s/in", dir);
	snprintf(db, sizeof db, "%s/db", dir);
	snprintf(cmd, sizeof cmd, "mkdir '%s'", in);
	ck_assert_int_eq(system(cmd), 0);
	write_topic(in, "staff.txt", "Workforce turnover among agency staff remained high", 15);
	for (int i = 0; i < 6; i++) {
		snprintf(name, sizeof name, "other%d.txt", i);
		write_topic(in, name, others[i], 15);
	}
	snprintf(cmd, sizeof cmd, "%s/indexer -q --db '%s' '%s' 2>&1", ofs_test_build(), db, in);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	free(out);

	/* Asked for, a word widens to the words its paragraphs share, not
	 * to words met elsewhere. */
	out = explain(db, "--neighbours", "turnover");
	ck_assert_msg(any_of(out, staff) && !any_of(out, elsewhere), "%s", out);
	free(out);
	out = explain(db, "", "turnover");
	ck_assert_msg(!any_of(out, staff), "%s", out);
	free(out);

	/* Learnt again when the index changes: none left for a word whose
	 * paragraphs are gone. */
	snprintf(cmd, sizeof cmd, "rm '%s/staff.txt' && %s/indexer -q --db '%s' '%s' 2>&1", in,
		 ofs_test_build(), db, in);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	free(out);
	out = explain(db, "--neighbours", "turnover");
	ck_assert_msg(!any_of(out, staff), "%s", out);
	free(out);
	out = explain(db, "--neighbours", "flowers");
	ck_assert_msg(strstr(out, "SYNONYM Z") && !any_of(out, staff), "%s", out);
	free(out);
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
}
END_TEST

static Suite *expand_suite(void)
{
	Suite *s = suite_create("expand");
	TCase *tc = tcase_create("names");
	tcase_add_test(tc, groups_work_both_ways_and_arrows_one_way);
	tcase_add_test(tc, a_malformed_line_is_an_error_with_its_number);
	tcase_add_test(tc, invalid_utf8_is_a_format_error_with_its_line);
	tcase_add_test(tc, tiers_say_how_an_alternative_relates);
	tcase_add_test(tc, an_empty_thesaurus_has_no_names);
	tcase_add_test(tc, include_reads_a_file_beside_the_thesaurus);
	tcase_add_test(tc, the_shipped_thesaurus_loads);
	tcase_add_test(tc, acronyms_are_found_where_reports_define_them);
	tcase_add_test(tc, a_report_gives_at_most_the_cap_of_spelling_words);
	tcase_add_test(tc, wordnet_gives_the_first_sense_of_plurals_too);
	tcase_add_test(tc, phrases_lose_their_stopwords_but_filter_values_do_not);
	tcase_add_test(tc, neighbours_are_the_company_a_word_keeps_and_follow_the_index);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(expand_suite)
