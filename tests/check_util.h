/*
 * check_util.h: what every Check test program shares: a main that runs one
 * suite, and where the built programs, the bundled corpus and the shared
 * sample are.
 */
#ifndef OFS_CHECK_UTIL_H
#define OFS_CHECK_UTIL_H

#include <check.h>
#include <jansson.h>
#include <stdlib.h>

/* Define main() running the suite that make_suite() returns. */
#define OFS_CHECK_MAIN(make_suite)                                         \
	int main(void)                                                      \
	{                                                                   \
		SRunner *sr = srunner_create(make_suite());                 \
		srunner_run_all(sr, CK_NORMAL);                             \
		int failed = srunner_ntests_failed(sr);                     \
		srunner_free(sr);                                           \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;                \
	}

/* The build directory holding indexer and searcher ($OFS_BUILD). */
static inline const char *ofs_test_build(void)
{
	const char *b = getenv("OFS_BUILD");
	return b && *b ? b : "build";
}

/* The shared sample's corpus folder, or NULL when it is absent, in which
 * case tests that need it skip. */
const char *ofs_test_sample(void);

/* A new empty directory under $TMPDIR; caller frees the string. */
char *ofs_test_tmpdir(void);

/* A new empty directory under $TMPDIR whose folder in/ holds a copy of
 * the bundled corpus (run from the source tree); caller frees. */
char *ofs_test_corpus_copy(void);

/* Remove directory dir and everything in it, then free the string;
 * returns 0 on success. */
int ofs_test_rmdir(char *dir);

/* Run a shell command, capturing stdout into *out (caller frees) and
 * returning the exit status (or -1). */
int ofs_test_run(const char *cmd, char **out);

/* Run the searcher on the index at db with args (shell words, quoted as
 * needed); returns its exit status, *j its output parsed as JSON (NULL if
 * it is not JSON; j may be NULL), *out its stdout and stderr (caller
 * frees; out may be NULL). */
int ofs_test_searcher(const char *db, const char *args, json_t **j, char **out);

/* Number of generations (sets of shards) in the index folder db. */
int ofs_test_generations(const char *db);

/* Number of paragraphs of the index at db matching query (searcher
 * --json --count), -1 on error. */
long ofs_test_count(const char *db, const char *query);

#endif
