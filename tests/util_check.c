/*
 * util_check.c: helpers for the Check test programs (see check_util.h).
 */
#include "check_util.h"

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
