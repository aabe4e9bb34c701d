/*
 * check_cli.c: the two programs end to end on the bundled corpus, as a
 * user runs them.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check_util.h"
#include "engine/xapian.h"

static char *dir, *db;

static void setup(void)
{
	char *out = NULL;
	char cmd[8192];
	dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(dir);
	ck_assert_int_ge(asprintf(&db, "%s/db", dir), 0);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s' corpus 2>&1", ofs_test_build(), db);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "5 added, 0 updated, 0 removed, 0 unchanged, 0 failed"));
	free(out);
}

static void teardown(void)
{
	ck_assert_int_eq(ofs_test_rmdir(dir), 0);
	free(db);
}

static int searcher(const char *args, json_t **j, char **out)
{
	return ofs_test_searcher(db, args, j, out);
}

static const char *sget(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

START_TEST(front_door_weaknesses_ranks_the_focused_visit_letter_first)
{
	json_t *j, *first;
	ck_assert_int_eq(searcher("--json --facets front door weaknesses", &j, NULL), 0);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "schema")), 1);
	ck_assert_str_eq(sget(j, "query"), "front door weaknesses");
	first = json_array_get(json_object_get(j, "results"), 0);
	ck_assert_str_eq(sget(first, "file"), "corpus/004_0b8f114c14ecd7b2.txt");
	ck_assert_str_eq(sget(first, "kind"), "ofsted-letter");
	ck_assert_str_eq(sget(first, "council"), "North Somerset");
	ck_assert_str_eq(sget(first, "date"), "2022-10-26");
	ck_assert_ptr_nonnull(strstr(sget(first, "text"), "weaknesses in the front door"));
	ck_assert_ptr_nonnull(strstr(sget(first, "snippet"), "<mark>front</mark> <mark>door</mark>"));
	ck_assert(json_is_null(json_object_get(first, "page")));
	/* Facet counts cover every match. */
	json_int_t total = json_integer_value(json_object_get(j, "total")), sum = 0;
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(json_object_get(j, "facets"), "council"), k, v)
		sum += json_integer_value(v);
	ck_assert_int_eq(sum, total);
	ck_assert(json_is_true(json_object_get(j, "total_exact")));
	json_decref(j);
	/* --count counts the same matches without the facets. */
	ck_assert_int_eq(searcher("--json --count front door weaknesses", &j, NULL), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), total);
	ck_assert(json_is_true(json_object_get(j, "total_exact")));
	json_decref(j);
}
END_TEST

START_TEST(grade_filter_returns_only_paragraphs_of_that_grade)
{
	json_t *j, *res, *h;
	size_t i;
	ck_assert_int_eq(searcher("--json --grade good -n 100 children", &j, NULL), 0);
	res = json_object_get(j, "results");
	ck_assert_int_gt(json_array_size(res), 0);
	json_array_foreach(res, i, h)
		ck_assert_str_eq(sget(h, "grade"), "good");
	json_decref(j);
	/* The same filter in the query language, in the words people use. */
	ck_assert_int_eq(searcher("--json -n 100 'children grade:\"Requires improvement to be good\"'",
				  &j, NULL), 0);
	res = json_object_get(j, "results");
	ck_assert_int_gt(json_array_size(res), 0);
	json_array_foreach(res, i, h)
		ck_assert_str_eq(sget(h, "grade"), "requires-improvement");
	json_decref(j);
}
END_TEST

START_TEST(council_and_date_filters_hold)
{
	json_t *j, *res, *h;
	size_t i;
	ck_assert_int_eq(searcher("--json -n 100 --council 'north  somerset' --from 2021 --to 2022-12 "
				  "children", &j, NULL), 0);
	res = json_object_get(j, "results");
	ck_assert_int_gt(json_array_size(res), 0);
	json_array_foreach(res, i, h) {
		ck_assert_str_eq(sget(h, "council"), "North Somerset");
		ck_assert_str_ge(sget(h, "date"), "2021-01-01");
		ck_assert_str_le(sget(h, "date"), "2022-12-31");
	}
	json_decref(j);
	/* A bound inside a year compares the dates themselves: the letter
	 * of 26 October 2022 is in on the day, out the day after. */
	ck_assert_int_eq(searcher("--json --from 2022-10-26 --to 2022-10-26 front door", &j, NULL), 0);
	ck_assert_int_gt(json_integer_value(json_object_get(j, "total")), 0);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "date"), "2022-10-26");
	json_decref(j);
	ck_assert_int_eq(searcher("--json --from 2022-10-27 --to 2022 front door", &j, NULL), 1);
	json_decref(j);
	ck_assert_int_eq(searcher("--json 'council:\"South Gloucestershire\" front door'", &j, NULL), 0);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_str_eq(sget(h, "council"), "South Gloucestershire");
	json_decref(j);
}
END_TEST

START_TEST(indexing_the_corpus_again_leaves_the_count_unchanged)
{
	ofs_xdb *x;
	unsigned before, after;
	ofs_error e;
	char cmd[8192], *out;
	ck_assert_int_eq(ofs_xdb_open_read(&x, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_doccount(x, &before, &e), OFS_OK);
	ofs_xdb_close(x);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s' corpus 2>&1", ofs_test_build(), db);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "0 added, 0 updated, 0 removed, 5 unchanged, 0 failed"));
	free(out);
	ck_assert_int_eq(ofs_xdb_open_read(&x, db, &e), OFS_OK);
	ck_assert_int_eq(ofs_xdb_doccount(x, &after, &e), OFS_OK);
	ofs_xdb_close(x);
	ck_assert_uint_gt(before, 5);
	ck_assert_uint_eq(after, before);
}
END_TEST

START_TEST(bad_queries_and_filters_are_one_line_errors)
{
	char *out;
	ck_assert_int_eq(searcher("'front AND'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "searcher: query 'front AND'"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
	ck_assert_int_eq(searcher("--grade excellent door", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "unknown grade 'excellent'"));
	free(out);
	ck_assert_int_eq(searcher("'door area:kitchen'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "unknown area 'kitchen'"));
	free(out);
	ck_assert_int_eq(searcher("--from 2019-13 door", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "--from: '2019-13'"));
	free(out);
	ck_assert_int_eq(searcher("zyzzyvas", NULL, &out), 1);
	free(out);
}
END_TEST

/* Inputs that once crashed the searcher or printed an empty error. */
START_TEST(hostile_queries_and_options_are_one_line_errors)
{
	char *out, *args, *big;
	ck_assert_int_eq(searcher("'+grade:x'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "searcher: query '+grade:x': unknown grade 'x'"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
	ck_assert_int_eq(searcher("'+kind:x -area:y door'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "unknown kind 'x'"));
	free(out);
	ck_assert_int_eq(searcher("'door XOR front'", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "XOR is not supported"));
	free(out);
	ck_assert_int_eq(searcher("--council \"$(printf '\\230')\" front", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "searcher: --council: invalid UTF-8"));
	free(out);
	ck_assert_int_eq(searcher("\"$(printf 'front \\377 door')\"", NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "searcher: query: invalid UTF-8"));
	free(out);
	/* Control characters quoted in a message become '?': an escape
	 * sequence would recolour the terminal, a carriage return overwrite
	 * the line. */
	ck_assert_int_eq(searcher("--kind \"$(printf 'x\\033[31mred\\rnews\\177')\" front",
				  NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "searcher: --kind: unknown kind 'x?[31mred?news?'"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
	big = malloc(5001);
	memset(big, 'a', 5000);
	big[5000] = '\0';
	ck_assert_int_ge(asprintf(&args, "'%s'", big), 0);
	ck_assert_int_eq(searcher(args, NULL, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "longer than 4096 bytes"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	free(out);
	free(args);
	free(big);
}
END_TEST

START_TEST(words_are_ored_and_the_best_results_say_what_they_miss)
{
	json_t *j;
	char *out;
	/* One word no paragraph has: the others still find, and rank. */
	ck_assert_int_eq(searcher("--exact --json 'front door weaknesses xylophone'", &j, NULL), 0);
	ck_assert_int_gt(json_integer_value(json_object_get(j, "total")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "words")), 4);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "words_matched")), 3);
	ck_assert_str_eq(sget(j, "words_missing"), "xylophone");
	ck_assert_str_eq(sget(json_array_get(json_object_get(j, "results"), 0), "file"),
			 "corpus/004_0b8f114c14ecd7b2.txt");
	json_decref(j);
	ck_assert_int_eq(searcher("--exact 'front door weaknesses xylophone'", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "The best results match 3 of the 4 words (not: xylophone)"));
	free(out);
	/* Every word, when asked: --strict or an explicit AND. */
	ck_assert_int_eq(searcher("--exact --strict 'front door weaknesses xylophone'", NULL, NULL), 1);
	ck_assert_int_eq(searcher("--exact 'front AND xylophone'", NULL, NULL), 1);
	ck_assert_int_eq(searcher("--exact '+xylophone front door'", NULL, NULL), 1);
	/* All matched: nothing said. */
	ck_assert_int_eq(searcher("--json 'front door weaknesses'", &j, NULL), 0);
	ck_assert(json_is_null(json_object_get(j, "words_missing")));
	json_decref(j);
}
END_TEST

START_TEST(a_question_finds_what_its_words_ask)
{
	json_t *j, *k;
	ck_assert_int_eq(searcher("--json 'what can you show me about weaknesses at the front door?'",
				  &j, NULL), 0);
	k = json_array_get(json_object_get(j, "results"), 0);
	ck_assert_str_eq(sget(k, "file"), "corpus/004_0b8f114c14ecd7b2.txt");
	/* "weaknesses", "front door": the question's words are left out. */
	ck_assert_int_eq(json_integer_value(json_object_get(j, "words")), 2);
	json_decref(j);
	/* Who is asked ("inspectors found", "Ofsted say") is left out too,
	 * unless it is all there is, or an operator joins it. */
	ck_assert_int_eq(searcher("--json 'where have inspectors found weaknesses at the front door?'",
				  &j, NULL), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "words")), 2);
	ck_assert_str_eq(sget(json_array_get(json_object_get(j, "results"), 0), "file"),
			 "corpus/004_0b8f114c14ecd7b2.txt");
	json_decref(j);
	ck_assert_int_eq(searcher("--json 'what did Ofsted say'", &j, NULL), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "words")), 2);
	json_decref(j);
	ck_assert_int_eq(searcher("'inspectors found AND weaknesses'", NULL, NULL), 1);
}
END_TEST

START_TEST(prefixes_find_the_words_they_begin)
{
	json_t *j;
	/* Stemmed terms: "safeguard*" finds safeguarding. */
	ck_assert_int_eq(searcher("--json 'safeguard*'", &j, NULL), 0);
	ck_assert_ptr_nonnull(strstr(sget(json_array_get(json_object_get(j, "results"), 0),
					  "snippet"), "afeguard"));
	json_decref(j);
	ck_assert_int_eq(searcher("--exact 'safeguard*'", NULL, NULL), 0);
	/* The last word half typed: with --prefix, or when no word of the
	 * index is spelt so. */
	ck_assert_int_eq(searcher("--exact 'weaknesses fron'", NULL, NULL), 0);
	ck_assert_int_eq(searcher("--exact --strict 'weaknesses fron'", NULL, NULL), 1);
	ck_assert_int_eq(searcher("--prefix --strict --json 'weaknesses fron'", &j, NULL), 0);
	ck_assert_str_eq(sget(json_array_get(json_object_get(j, "results"), 0), "file"),
			 "corpus/004_0b8f114c14ecd7b2.txt");
	json_decref(j);
	ck_assert_int_eq(searcher("--strict --json 'weaknesses fron'", &j, NULL), 0);
	json_decref(j);
	/* Completed from three letters: two begin too many words to say
	 * which is coming. */
	ck_assert_int_eq(searcher("--prefix --strict 'weaknesses fro'", NULL, NULL), 0);
	ck_assert_int_eq(searcher("--prefix --strict 'weaknesses fr'", NULL, NULL), 1);
	/* Only words beginning so: "ins" is stemmed "in", and the words
	 * beginning "in" (include, increase) are not asked for. */
	ck_assert_int_eq(searcher("--json -n 100 'ins*'", &j, NULL), 0);
	ck_assert_uint_gt(json_array_size(json_object_get(j, "results")), 10);
	for (size_t i = 0; i < json_array_size(json_object_get(j, "results")); i++) {
		const char *text = sget(json_array_get(json_object_get(j, "results"), i), "text");
		int begins = 0;
		for (const char *p = text; *p && !begins; p++)
			begins = (p == text || !isalpha((unsigned char)p[-1])) &&
				 !strncasecmp(p, "ins", 3);
		ck_assert_msg(begins, "no word beginning 'ins' in: %s", text);
	}
	json_decref(j);
}
END_TEST

START_TEST(a_missing_index_is_a_clear_error)
{
	char cmd[8192], *out;
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s/none' door 2>&1", ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "no index here"));
	free(out);
}
END_TEST

START_TEST(bad_files_are_reported_and_the_rest_indexed)
{
	char cmd[8192], *out, *in;
	json_t *j;
	FILE *f;
	ck_assert_int_ge(asprintf(&in, "%s/in", dir), 0);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp corpus/004_* '%s'/", in, in);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/fake.pdf", in);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fputs("<!DOCTYPE html><html>gone</html>", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/db2' '%s' '%s/missing.txt' 2>&1",
		 ofs_test_build(), dir, in, dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "fake.pdf: not a PDF but a web page"));
	ck_assert_ptr_nonnull(strstr(out, "missing.txt: No such file or directory"));
	ck_assert_ptr_nonnull(strstr(out, "1 added, 0 updated, 0 removed, 0 unchanged, 2 failed"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s/db2' --json --reports", ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	j = json_loads(out, 0, NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	free(out);
	free(in);
}
END_TEST

START_TEST(csv_cells_a_spreadsheet_would_run_are_text)
{
	char cmd[8192], *out;
	FILE *f;
	snprintf(cmd, sizeof cmd, "%s/formula.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fputs("=HYPERLINK(\"http://evil.example\",\"quokkaword\") care plans\n\n"
	      "-1+2 quokkaword, the council said\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s/indexer -q --db '%s/db3' '%s/formula.txt' && "
		 "%s/searcher --db '%s/db3' --csv quokkaword", ofs_test_build(), dir, dir,
		 ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	/* Each text cell begins with an apostrophe, inside its quotes. */
	ck_assert_msg(strstr(out, ",\"'=HYPERLINK(\"\"http://evil.example\"\",") != NULL, "%s", out);
	ck_assert_msg(strstr(out, ",\"'-1+2 quokkaword, the council said\",") != NULL, "%s", out);
	ck_assert_msg(strstr(out, ",=") == NULL && strstr(out, ",\"=") == NULL &&
		      strstr(out, ",-1") == NULL, "%s", out);
	free(out);
}
END_TEST

START_TEST(a_second_indexer_is_told_the_index_is_locked)
{
	ofs_xdb *w;
	ofs_error e;
	char cmd[8192], *out;
	ck_assert_int_eq(ofs_xdb_open_write(&w, db, 0, &e), OFS_OK);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s' corpus 2>&1", ofs_test_build(), db);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 75);
	ck_assert_ptr_nonnull(strstr(out, "index is locked by another indexer"));
	ck_assert_ptr_nonnull(strstr(out, db));
	free(out);
	ofs_xdb_close(w);
}
END_TEST

START_TEST(help_and_version_follow_conventions)
{
	char cmd[8192], *out;
	snprintf(cmd, sizeof cmd, "%s/searcher --help", ofs_test_build());
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "Usage: searcher"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s/indexer --version", ofs_test_build());
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "indexer (ofsearch)"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s/indexer --bogus 2>&1", ofs_test_build());
	ck_assert_int_eq(ofs_test_run(cmd, &out), 2);
	free(out);
}
END_TEST

START_TEST(text_output_piped_has_citations_and_no_escape_codes)
{
	char *out;
	ck_assert_int_eq(searcher("-n 1 front door weaknesses", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "North Somerset | 2022-10-26 | ofsted-letter"));
	ck_assert_ptr_nonnull(strstr(out, "corpus/004_0b8f114c14ecd7b2.txt, para"));
	ck_assert_ptr_null(strchr(out, '\033'));
	free(out);
}
END_TEST

START_TEST(other_names_widen_the_query_unless_exact)
{
	json_t *j;
	char *out;
	ck_assert_int_eq(searcher("--json LAC", &j, NULL), 0);
	ck_assert_int_gt(json_integer_value(json_object_get(j, "total")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "expansions")), 1);
	json_decref(j);
	ck_assert_int_eq(searcher("--exact LAC", NULL, NULL), 1);
	/* One way: the front door finds the MASH, but the MASH (which the
	 * corpus never names) does not find every front-door team. */
	ck_assert_int_eq(searcher("MASH", NULL, NULL), 1);
	ck_assert_int_eq(searcher("--explain 'front door'", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "multi agenc safeguard hub"));
	free(out);
	/* WordNet is off unless asked for. */
	ck_assert_int_eq(searcher("offspring", NULL, NULL), 1);
	ck_assert_int_eq(searcher("--wordnet --json offspring", &j, NULL), 0);
	ck_assert_int_gt(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	ck_assert_int_eq(searcher("--explain 'looked after children'", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "SYNONYM"));
	free(out);
}
END_TEST

/* A quoted name is read by its name term, without positions: the same
 * paragraphs, scores and counts as its phrase, which another thesaurus
 * than the index's (whose names are not terms) still reads. */
START_TEST(a_quoted_name_finds_what_its_phrase_finds)
{
	static const char *const queries[] = {
		"'\"front door\" decisions'", "'\"early help\" -\"front door\"'",
		"'\"children in care\" OR \"care leavers\"'",
	};
	char args[8192], th[4200], *out;
	FILE *f;
	snprintf(th, sizeof th, "%s/other.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(th, "w"));
	fputs("front door | first contact team\n", f);
	fclose(f);
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		json_t *named, *phrase;
		snprintf(args, sizeof args, "--exact --explain %s", queries[i]);
		ck_assert_int_eq(searcher(args, NULL, &out), 0);
		ck_assert_msg(strstr(out, "FILTER XN") && !strstr(out, "PHRASE"), "%s", out);
		free(out);
		snprintf(args, sizeof args, "--exact --json --facets %s", queries[i]);
		ck_assert_int_eq(searcher(args, &named, NULL), 0);
		snprintf(args, sizeof args, "--thesaurus '%s' --exact --json --facets %s", th,
			 queries[i]);
		ck_assert_int_eq(searcher(args, &phrase, NULL), 0);
		json_object_del(named, "query");
		json_object_del(phrase, "query");
		ck_assert_msg(json_equal(named, phrase), "%s: answers differ", queries[i]);
		json_decref(named);
		json_decref(phrase);
	}
	snprintf(args, sizeof args, "--thesaurus '%s' --exact --explain '\"front door\"'", th);
	ck_assert_int_eq(searcher(args, NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "PHRASE"));
	free(out);
}
END_TEST

START_TEST(acronyms_defined_in_one_report_find_the_words_in_another)
{
	char cmd[8192], *out;
	FILE *f;
	json_t *j;
	snprintf(cmd, sizeof cmd, "%s/a.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fputs("Referrals now go to the family network service (FNS), which works well.\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s/b.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
	fputs("Inspectors praised the family network service for its quick response.\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/db3' '%s/a.txt' '%s/b.txt' 2>&1 && "
		 "%s/searcher --db '%s/db3' --json FNS", ofs_test_build(), dir, dir, dir,
		 ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	j = json_loads(strchr(out, '{'), 0, NULL);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	free(out);
}
END_TEST

/* Reports write one acronym's words in several ways; each is one more
 * copy of the same alternative, which counted every match once more. */
START_TEST(an_acronym_defined_alike_in_several_ways_is_one_alternative)
{
	static const char *const lines[] = {
		"Referrals now go to the Family Network Service (FNS), which works well.\n",
		"Most decisions are made by the family network services (FNS) quickly.\n",
		"Staff in the family network service (FNS) are experienced.\n",
		"The Family Networks Services (FNS) team is new.\n",
	};
	char cmd[8192], *out, *p;
	int copies = 0;
	for (int i = 0; i < 4; i++) {
		FILE *f;
		snprintf(cmd, sizeof cmd, "%s/r%d.txt", dir, i);
		ck_assert_ptr_nonnull(f = fopen(cmd, "w"));
		fputs(lines[i], f);
		fclose(f);
	}
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s/db4' '%s/r0.txt' '%s/r1.txt' '%s/r2.txt' "
		 "'%s/r3.txt' 2>&1 && %s/searcher --db '%s/db4' --explain FNS",
		 ofs_test_build(), dir, dir, dir, dir, dir, ofs_test_build(), dir);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 0);
	for (p = out; (p = strstr(p, "Zfamili@1")); p++)
		copies++;
	ck_assert_msg(copies == 1, "%d copies of the phrase in: %s", copies, out);
	ck_assert_ptr_nonnull(strstr(out, "4 paragraphs"));
	free(out);
}
END_TEST

/* The query searcher --explain shows for query under a thesaurus of the
 * one line group (a new string). */
static char *explain_with(const char *group, const char *query)
{
	char args[8192], th[4200], *out;
	FILE *f;
	snprintf(th, sizeof th, "%s/group.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(th, "w"));
	fprintf(f, "%s\n", group);
	fclose(f);
	snprintf(args, sizeof args, "--thesaurus '%s' --explain '%s'", th, query);
	ck_assert_int_eq(searcher(args, NULL, &out), 0);
	return out;
}

/* Forms that read as one query (a plural, or the words typed) are one
 * alternative: in a synonym group each copy counted every match again. */
START_TEST(forms_written_alike_are_one_alternative)
{
	char *out = explain_with("caseloads ~> caseload | workload | workloads", "caseloads");
	ck_assert_msg(strstr(out, "(Zcaseload@1 SYNONYM Zworkload@1)"), "%s", out);
	free(out);
}
END_TEST

/* A thesaurus key is found by its words' stems, stopwords aside, as
 * people type it: "seeing their parent" for "seeing parents". */
START_TEST(a_name_is_found_in_other_forms_of_its_words)
{
	char *out = explain_with("seeing parents ~> family time", "seeing their parent");
	ck_assert_msg(strstr(out, "Ztime"), "%s", out);
	free(out);
	/* Other words are another name. */
	out = explain_with("seeing parents ~> family time", "seeing other parents");
	ck_assert_msg(!strstr(out, "Ztime"), "%s", out);
	free(out);
}
END_TEST

START_TEST(an_unknown_word_gets_a_did_you_mean)
{
	json_t *j;
	char *out;
	/* A misspelt word finds the word one edit away, and says so. */
	ck_assert_int_eq(searcher("--json safegarding", &j, NULL), 0);
	ck_assert_str_eq(sget(j, "suggestion"), "safeguarding");
	ck_assert_ptr_nonnull(strstr(sget(json_array_get(json_object_get(j, "results"), 0),
					  "snippet"), "afeguarding"));
	json_decref(j);
	ck_assert_int_eq(searcher("safegarding", NULL, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "Did you mean: safeguarding"));
	free(out);
	/* written as typed: a name keeps its capital, an acronym its capitals */
	ck_assert_int_eq(searcher("--json 'North Somerst'", &j, NULL), 0);
	ck_assert_str_eq(sget(j, "suggestion"), "North Somerset");
	json_decref(j);
	ck_assert_int_eq(searcher("--json 'SAFEGARDING front door'", &j, NULL), 0);
	ck_assert_str_eq(sget(j, "suggestion"), "SAFEGUARDING front door");
	json_decref(j);
	/* Without typo tolerance (--exact) it finds nothing but still
	 * suggests. */
	ck_assert_int_eq(searcher("--exact --json safegarding", &j, NULL), 1);
	ck_assert_str_eq(sget(j, "suggestion"), "safeguarding");
	json_decref(j);
	/* A short word is taken as typed: no far-fetched correction. */
	ck_assert_int_eq(searcher("--json KPIs", &j, NULL), 1);
	ck_assert(json_is_null(json_object_get(j, "suggestion")));
	json_decref(j);
	/* Known words are left alone, even next to more frequent ones. */
	ck_assert_int_eq(searcher("--json front door", &j, NULL), 0);
	ck_assert(json_is_null(json_object_get(j, "suggestion")));
	json_decref(j);
}
END_TEST

START_TEST(like_finds_other_paragraphs_other_councils_first)
{
	json_t *j, *h;
	size_t i;
	int seen_same = 0;
	ck_assert_int_eq(searcher("--json -n 50 --like corpus/004_0b8f114c14ecd7b2.txt:9", &j, NULL), 0);
	ck_assert_int_gt(json_array_size(json_object_get(j, "results")), 1);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert(!(strstr(sget(h, "file"), "004_") && json_integer_value(
				json_object_get(h, "paragraph")) == 9));
		if (sget(h, "council") && !strcmp(sget(h, "council"), "North Somerset"))
			seen_same = 1;
		else
			ck_assert_msg(!seen_same, "another council after North Somerset's");
	}
	json_decref(j);
	ck_assert_int_eq(searcher("--like corpus/004_0b8f114c14ecd7b2.txt:9999", NULL, NULL), 2);
	ck_assert_int_eq(searcher("--like nonsense", NULL, NULL), 2);
}
END_TEST

START_TEST(per_report_and_timeline_give_one_result_per_report)
{
	json_t *j, *h;
	size_t i;
	const char *prev = "";
	ck_assert_int_eq(searcher("--json -n 50 --per-report children", &j, NULL), 0);
	ck_assert_int_eq(json_array_size(json_object_get(j, "results")), 5);
	json_array_foreach(json_object_get(j, "results"), i, h)
		ck_assert_int_ge(json_integer_value(json_object_get(h, "matches")), 1);
	json_decref(j);
	ck_assert_int_eq(searcher("--json --timeline --council 'North Somerset' children", &j, NULL),
			 0);
	ck_assert_int_eq(json_array_size(json_object_get(j, "results")), 3);
	json_array_foreach(json_object_get(j, "results"), i, h) {
		ck_assert_str_ge(sget(h, "date"), prev);
		prev = sget(h, "date");
		ck_assert(json_is_object(json_object_get(json_object_get(h, "report"), "grades")));
	}
	json_decref(j);
}
END_TEST

static Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("corpus");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, front_door_weaknesses_ranks_the_focused_visit_letter_first);
	tcase_add_test(tc, grade_filter_returns_only_paragraphs_of_that_grade);
	tcase_add_test(tc, council_and_date_filters_hold);
	tcase_add_test(tc, indexing_the_corpus_again_leaves_the_count_unchanged);
	tcase_add_test(tc, bad_queries_and_filters_are_one_line_errors);
	tcase_add_test(tc, hostile_queries_and_options_are_one_line_errors);
	tcase_add_test(tc, words_are_ored_and_the_best_results_say_what_they_miss);
	tcase_add_test(tc, a_question_finds_what_its_words_ask);
	tcase_add_test(tc, prefixes_find_the_words_they_begin);
	tcase_add_test(tc, a_missing_index_is_a_clear_error);
	tcase_add_test(tc, bad_files_are_reported_and_the_rest_indexed);
	tcase_add_test(tc, a_second_indexer_is_told_the_index_is_locked);
	tcase_add_test(tc, csv_cells_a_spreadsheet_would_run_are_text);
	tcase_add_test(tc, help_and_version_follow_conventions);
	tcase_add_test(tc, text_output_piped_has_citations_and_no_escape_codes);
	tcase_add_test(tc, other_names_widen_the_query_unless_exact);
	tcase_add_test(tc, acronyms_defined_in_one_report_find_the_words_in_another);
	tcase_add_test(tc, a_quoted_name_finds_what_its_phrase_finds);
	tcase_add_test(tc, an_acronym_defined_alike_in_several_ways_is_one_alternative);
	tcase_add_test(tc, forms_written_alike_are_one_alternative);
	tcase_add_test(tc, a_name_is_found_in_other_forms_of_its_words);
	tcase_add_test(tc, an_unknown_word_gets_a_did_you_mean);
	tcase_add_test(tc, like_finds_other_paragraphs_other_councils_first);
	tcase_add_test(tc, per_report_and_timeline_give_one_result_per_report);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(cli_suite)
