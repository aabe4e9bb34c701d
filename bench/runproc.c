/*
 * runproc.c: run a command and record what it cost, for bench/run.sh.
 *
 *   runproc -o RESULTS [-n REPEAT] [-e LIST] -- COMMAND [ARG]...
 *
 * Runs COMMAND (REPEAT times, default 1) and appends one line per run to
 * RESULTS: "wall_s cpu_s maxrss_kb failures", where wall is measured
 * with CLOCK_MONOTONIC around fork..wait4, cpu is the child's user+sys
 * and maxrss its peak resident set, both from the rusage wait4 returns.
 * The shell's `time` cannot give peak memory and GNU time is not always
 * installed, hence this program.
 *
 * With -e LIST (a file of paths, one per line), one run is COMMAND
 * executed once per path, the path appended as its last argument, one
 * after the other: the way a user scripts a command-line tool over a
 * folder.  The run's line then holds the total wall and cpu time, the
 * largest peak RSS of any process and the number of processes that
 * exited non-zero.
 *
 * The child's standard streams are inherited, so the caller redirects
 * them.  Exits 0 when every line was written (whatever the command's
 * exit status, which the failures column records), 2 on a usage or
 * system error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cost {
	double wall, cpu;
	long maxrss_kb;
	unsigned failures;
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static double tv_s(struct timeval tv)
{
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

/* Run argv once and add its cost to *c.  Returns 0, or -1 when the
 * process could not be started or waited for (errno says why). */
static int run_once(char *const *argv, struct cost *c)
{
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "runproc: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	c->wall += now() - t0;
	c->cpu += tv_s(ru.ru_utime) + tv_s(ru.ru_stime);
	if (ru.ru_maxrss > c->maxrss_kb)
		c->maxrss_kb = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		c->failures++;
	return 0;
}

/* One run over every path in list: argv's last slot (argv[argc]) gets
 * each path in turn. */
static int run_each(char **argv, int argc, const char *list, struct cost *c)
{
	FILE *f = fopen(list, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "runproc: %s: %s\n", list, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;
		argv[argc] = line;
		if ((rc = run_once(argv, c)) != 0) {
			fprintf(stderr, "runproc: %s: %s\n", argv[0], strerror(errno));
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "runproc: %s: read error\n", list);
		rc = -1;
	}
	argv[argc] = NULL;
	free(line);
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	const char *results = NULL, *list = NULL;
	char **cmd = NULL;
	long repeat = 1;
	int c, ncmd, status = 2;
	FILE *out = NULL;

	while ((c = getopt(argc, argv, "+o:n:e:")) != -1) {
		switch (c) {
		case 'o':
			results = optarg;
			break;
		case 'n':
			repeat = strtol(optarg, NULL, 10);
			break;
		case 'e':
			list = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (!results || repeat < 1 || optind >= argc)
		goto usage;
	ncmd = argc - optind;
	/* One spare slot for the path of -e and one for the NULL. */
	if (!(cmd = calloc((size_t)ncmd + 2, sizeof *cmd))) {
		fputs("runproc: out of memory\n", stderr);
		goto done;
	}
	memcpy(cmd, argv + optind, (size_t)ncmd * sizeof *cmd);
	if (!(out = fopen(results, "a"))) {
		fprintf(stderr, "runproc: %s: %s\n", results, strerror(errno));
		goto done;
	}
	for (long i = 0; i < repeat; i++) {
		struct cost cost = {0};
		int rc = list ? run_each(cmd, ncmd, list, &cost) : run_once(cmd, &cost);
		if (rc != 0) {
			if (!list)
				fprintf(stderr, "runproc: %s: %s\n", cmd[0], strerror(errno));
			goto done;
		}
		fprintf(out, "%.6f %.6f %ld %u\n", cost.wall, cost.cpu, cost.maxrss_kb,
			cost.failures);
	}
	if (fflush(out) != 0) {
		fprintf(stderr, "runproc: %s: %s\n", results, strerror(errno));
		goto done;
	}
	status = 0;
done:
	if (out && fclose(out) != 0 && status == 0) {
		fprintf(stderr, "runproc: %s: %s\n", results, strerror(errno));
		status = 2;
	}
	free(cmd);
	return status;
usage:
	fputs("usage: runproc -o RESULTS [-n REPEAT] [-e LIST] -- COMMAND [ARG]...\n", stderr);
	return 2;
}
