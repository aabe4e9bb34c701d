/*
 * fuzz_query.c: the query path with every filter and option.  Init
 * indexes the bundled corpus (with the thesaurus's names) into a
 * temporary folder once; each input is split into option flags, a limit
 * and offset, then NUL-separated fields: the query, council, grade,
 * area, kind, from, to and like.  The results are rendered as text and
 * JSON to /dev/null.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util_fuzz.h"
#include "ofs/index_run.h"
#include "ofs/names.h"
#include "ofs/render.h"
#include "ofs/search.h"
#include "ofs/thesaurus.h"

static ofs_searcher *searcher;
static FILE *devnull;

static void fail(const char *what, const ofs_error *err)
{
	fprintf(stderr, "fuzz_query: %s: %s\n", what, err->msg);
	exit(1);
}

static void build_index(void)
{
	char db[4200], *paths[] = {(char *)OFS_FUZZ_SRCDIR "/corpus"};
	const char *thesaurus = OFS_FUZZ_SRCDIR "/data/thesaurus.txt";
	ofs_thesaurus *th = NULL;
	ofs_names *names = NULL;
	ofs_run_opts o = {0};
	ofs_run_stats st = {0};
	ofs_error err;
	ofs_status rc;

	snprintf(db, sizeof db, "%s/db", fuzz_tmpdir());
	if (ofs_thesaurus_load(thesaurus, &th, &err) != OFS_OK ||
	    ofs_names_new(th, &names, &err) != OFS_OK)
		fail("thesaurus", &err);
	o.db = db;
	o.jobs = 1;
	o.names = names;
	ofs_error_clear(&err);
	if ((rc = ofs_index_run(&o, paths, 1, &st, &err)) != OFS_OK || st.failed || !st.added) {
		fprintf(stderr, "fuzz_query: indexing %s: status %d, %u added, %u failed: %s\n",
			paths[0], rc, st.added, st.failed, err.msg);
		exit(1);
	}
	ofs_names_free(names);
	ofs_thesaurus_free(th);
	if (ofs_searcher_open(&searcher, db, thesaurus, &err) != OFS_OK)
		fail("opening the index", &err);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	build_index();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	uint8_t f1 = fuzz_byte(&in), f2 = fuzz_byte(&in);
	ofs_search_opts o = {0};
	ofs_results *res = NULL;
	ofs_render_kind kind;
	ofs_error err;
	ofs_status rc;
	char *fields[8];

	o.any = f1 & 1;
	o.strict = f1 >> 1 & 1;
	o.prefix = f1 >> 2 & 1;
	o.facets = f1 >> 3 & 1;
	o.count = f1 >> 4 & 1;
	o.exact = f1 >> 5 & 1;
	o.wordnet = f1 >> 6 & 1;
	o.feedback = f1 >> 7 & 1;
	/* Any mix of listings, as the searcher's options allow; rendered as
	 * the searcher renders them. */
	o.reports = f2 & 1;
	o.per_report = f2 >> 1 & 1;
	o.timeline = f2 >> 2 & 1;
	kind = o.reports ? OFS_RENDER_REPORTS
	       : o.timeline ? OFS_RENDER_TIMELINE : OFS_RENDER_PARAGRAPHS;
	o.limit = fuzz_byte(&in) % 40;
	o.offset = fuzz_byte(&in) % 16;
	for (size_t i = 0; i < 8; i++)
		fields[i] = fuzz_field(&in);
	o.query = fields[0];
	o.council = fields[1];
	o.grade = fields[2];
	o.area = fields[3];
	o.kind = fields[4];
	o.from = fields[5];
	o.to = fields[6];
	o.like = fields[7];

	ofs_error_clear(&err);
	rc = ofs_search(searcher, &o, &res, &err);
	fuzz_check_error(rc, &err);
	if (rc == OFS_OK) {
		ofs_render_text(devnull, res, kind, f2 >> 3 & 1, (f2 >> 4 & 1) * 40);
		rc = ofs_render_json(devnull, res, kind, &err);
		fuzz_check_error(rc, &err);
		ofs_results_free(res);
	}
	for (size_t i = 0; i < 8; i++)
		free(fields[i]);
	return 0;
}
