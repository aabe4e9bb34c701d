/*
 * util_check.c: helpers for the Check test programs (see check_util.h).
 */
#include "check_util.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

const char *ofs_test_sample(void)
{
	static char path[4096];
	struct stat st;
	const char *shared = getenv("OFS_SHARED");
	if (!shared || !*shared)
		shared = "../shared";
	snprintf(path, sizeof path, "%s/corpus/ofsted-ilacs", shared);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? path : NULL;
}

char *ofs_test_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char buf[4096];
	snprintf(buf, sizeof buf, "%s/ofs-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(buf))
		return NULL;
	return strdup(buf);
}

char *ofs_test_corpus_copy(void)
{
	char cmd[8192], *dir = ofs_test_tmpdir();
	if (!dir)
		return NULL;
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/in' && cp corpus/* '%s/in/'", dir, dir);
	if (system(cmd) != 0) {
		ofs_test_rmdir(dir);
		return NULL;
	}
	return dir;
}

int ofs_test_rmdir(char *dir)
{
	char cmd[4200];
	int rc;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	rc = system(cmd);
	free(dir);
	return rc;
}

int ofs_test_run(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t n;
	int st;
	if (!p || !buf) {
		free(buf);
		if (p)
			pclose(p);
		return -1;
	}
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	buf[len] = '\0';
	st = pclose(p);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int ofs_test_searcher(const char *db, const char *args, json_t **j, char **out)
{
	char cmd[8192], *o = NULL;
	int st;
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' %s 2>&1", ofs_test_build(), db, args);
	st = ofs_test_run(cmd, &o);
	if (j)
		*j = o ? json_loads(o, 0, NULL) : NULL;
	if (out)
		*out = o;
	else
		free(o);
	return st;
}

long ofs_test_count(const char *db, const char *query)
{
	char cmd[8192], *out = NULL;
	json_t *j;
	long n;
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' --json --count -n 0 '%s'",
		 ofs_test_build(), db, query);
	if (ofs_test_run(cmd, &out) < 0)
		return -1;
	j = json_loads(out, 0, NULL);
	free(out);
	n = j ? (long)json_integer_value(json_object_get(j, "total")) : -1;
	json_decref(j);
	return n;
}

int ofs_test_generations(const char *db)
{
	char cmd[4300], *out = NULL;
	int n;
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^g[0-9]*-s0$'", db);
	if (ofs_test_run(cmd, &out) < 0)
		return -1;
	n = atoi(out);
	free(out);
	return n;
}
