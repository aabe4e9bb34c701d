/*
 * indexer: keep an index of inspection reports in step with files and
 * folders, for searcher.
 *
 * Option handling and terminal output only; the work is ofs_index_run().
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ofs/index_run.h"
#include "ofs/names.h"
#include "ofs/paths.h"
#include "read/pdf/pdf_text.h"
#include "ofs/thesaurus.h"

enum {
	EXIT_FAILED_FILES = 1,
	EXIT_USAGE = 2,
	EXIT_INDEX = 3,
	EXIT_TEMPFAIL = 75,  /* EX_TEMPFAIL: try again later */
	EXIT_INTERRUPTED = 130
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The program's name as invoked: the installed name or the build tree's. */
static const char *prog = "indexer";

static void usage(FILE *out)
{
	char *thesaurus = ofs_thesaurus_default_path(), *db = ofs_default_db();

	fprintf(out, "Usage: %s [OPTION]... PATH...\n"
	      "Keep the index of inspection reports (PDF, plain text, gzip-compressed\n"
	      "text) in step with the files and folders named: new files are added,\n"
	      "changed ones indexed again, unchanged ones skipped, files gone from a\n"
	      "named folder removed.  Folders are walked recursively for *.pdf, *.txt\n"
	      "and *.text (also .gz); a file NAME.meta beside a file gives its metadata.\n"
	      "\n"
	      "  -d, --db DIR     the index (default: $OFS_DB, else\n"
	      "                   $XDG_DATA_HOME/ofsearch/index or ~/.local/share/ofsearch/index)\n"
	      "      --rebuild    build a fresh index from PATHs beside the live one and\n"
	      "                   switch to it at the end (searchers never see it half-built)\n"
	      "  -j, --jobs N     files read in parallel, and shards of a new index\n"
	      "                   (default: the number of processors)\n"
	      "      --thesaurus FILE  the thesaurus whose names of several words are\n"
	      "                   indexed as one term each, for fast searches (default:\n"
	      "                   $OFS_THESAURUS, else the installed one: below);\n"
	      "                   when it changes, every file is indexed again\n"
	      "      --changesets N  keep each shard's last N changes for read replicas\n"
	      "                   kept current by xapian-replicate (scripts/replicate.sh);\n"
	      "                   a replica further behind copies the shard whole\n"
	      "                   (default: $XAPIAN_MAX_CHANGESETS, else 0: none)\n"
	      "  -w, --wait       wait for another indexer to finish instead of failing\n"
	      "  -q, --quiet      no progress or summary (progress shows only on a terminal)\n"
	      "  -h, --help       show this help and exit\n"
	      "  -V, --version    show the version and exit\n"
	      "\n"
	      "Ctrl-C stops after the files in hand, keeping what is done.\n"
	      "Exit status: 0 all files indexed; 1 some files failed (the others are\n"
	      "indexed); 2 bad usage; 3 the index cannot be opened or written;\n"
	      "75 another indexer holds the index; 130 interrupted.\n",
	      prog);
	fprintf(out, "\nHere the default index is %s\nand the thesaurus %s.\n",
		db ? db : "not set (no HOME)", thesaurus ? thesaurus : "is not found");
	free(thesaurus);
	free(db);
}

struct ui {
	int progress;
	size_t last_len;
	struct timespec start;
};

static void clear_line(struct ui *ui)
{
	if (ui->progress && ui->last_len)
		fprintf(stderr, "\r%*s\r", (int)ui->last_len, "");
	ui->last_len = 0;
}

static void on_error(void *ctx, const ofs_error *e)
{
	clear_line(ctx);
	fprintf(stderr, "%s: %s\n", prog, e->msg);
}

static double elapsed(const struct ui *ui)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - ui->start.tv_sec) + (now.tv_nsec - ui->start.tv_nsec) / 1e9;
}

static void on_progress(void *ctx, size_t done, size_t total, const char *path)
{
	struct ui *ui = ctx;
	double t;
	const char *name;
	int n;
	if (!ui->progress)
		return;
	if (!path) {
		clear_line(ui);
		return;
	}
	t = elapsed(ui);
	name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	n = fprintf(stderr, "\r[%zu/%zu] %.1f files/s  %.50s", done, total,
		    t > 0 ? (double)done / t : 0.0, name);
	if (n > 0 && (size_t)n < ui->last_len)
		fprintf(stderr, "%*s", (int)(ui->last_len - (size_t)n), "");
	ui->last_len = n > 0 ? (size_t)n : 0;
	fflush(stderr);
}

int main(int argc, char **argv)
{
	enum { OPT_REBUILD = 256, OPT_THESAURUS, OPT_CHANGESETS };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"rebuild", no_argument, NULL, OPT_REBUILD},
		{"jobs", required_argument, NULL, 'j'},
		{"wait", no_argument, NULL, 'w'},
		{"thesaurus", required_argument, NULL, OPT_THESAURUS},
		{"changesets", required_argument, NULL, OPT_CHANGESETS},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	ofs_run_opts o = {0};
	ofs_run_stats st = {0};
	struct ui ui = {0};
	struct sigaction sa;
	char *db = NULL, *thesaurus = NULL, *end;
	ofs_thesaurus *th = NULL;
	ofs_names *names = NULL;
	int quiet = 0, c, status;
	long jobs;
	ofs_error err;
	ofs_status rc;

	prog = program_invocation_short_name;
	while ((c = getopt_long(argc, argv, "d:j:wqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(db);
			db = strdup(optarg);
			break;
		case OPT_REBUILD:
			o.rebuild = 1;
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || jobs < 1 || jobs > 64) {
				fprintf(stderr, "%s: --jobs: '%s' is not a number from 1 to 64\n", prog,
					optarg);
				return EXIT_USAGE;
			}
			o.jobs = (unsigned)jobs;
			break;
		case 'w':
			o.wait = 1;
			break;
		case OPT_THESAURUS:
			free(thesaurus);
			thesaurus = strdup(optarg);
			break;
		case OPT_CHANGESETS:
			if (*optarg == '\0' || strtol(optarg, &end, 10) < 0 || *end != '\0' ||
			    strtol(optarg, NULL, 10) > 1000) {
				fprintf(stderr, "%s: --changesets: '%s' is not a number from 0 to 1000\n",
					prog, optarg);
				return EXIT_USAGE;
			}
			/* Xapian reads it when a shard is opened for writing;
			 * set before any thread starts. */
			setenv("XAPIAN_MAX_CHANGESETS", optarg, 1);
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("%s (ofsearch) %s\n", prog, OFS_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", prog);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s: no files or folders to index\n"
		      "Try '%s --help' for more information.\n", prog, prog);
		return EXIT_USAGE;
	}
	if (!db && !(db = ofs_default_db())) {
		fprintf(stderr, "%s: no index location: set --db, OFS_DB or HOME\n", prog);
		return EXIT_USAGE;
	}
	if (!thesaurus)
		thesaurus = ofs_thesaurus_default_path();
	ofs_error_clear(&err);
	if (thesaurus && (ofs_thesaurus_load(thesaurus, &th, &err) != OFS_OK ||
			  ofs_names_new(th, &names, &err) != OFS_OK)) {
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		ofs_thesaurus_free(th);
		free(thesaurus);
		free(db);
		return EXIT_USAGE;
	}
	free(thesaurus);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ui.progress = !quiet && isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &ui.start);
	o.db = db;
	o.pdf = ofs_pdf_read;
	o.names = names;
	o.stop = &stop;
	o.on_error = on_error;
	o.on_progress = on_progress;
	o.ctx = &ui;

	ofs_error_clear(&err);
	rc = ofs_index_run(&o, argv + optind, (size_t)(argc - optind), &st, &err);
	if (rc != OFS_OK)
		fprintf(stderr, "%s: %s\n", prog, err.msg);
	if (!quiet)
		fprintf(stderr,
			"indexer: %u added, %u updated, %u removed, %u unchanged, %u failed; "
			"%u paragraphs in %.1f s; index %s\n",
			st.added, st.updated, st.removed, st.unchanged, st.failed, st.paragraphs,
			elapsed(&ui), db);
	free(db);
	ofs_names_free(names);
	ofs_thesaurus_free(th);
	if (rc == OFS_EINTR)
		status = EXIT_INTERRUPTED;
	else if (rc == OFS_ELOCKED)
		status = EXIT_TEMPFAIL;
	else if (rc != OFS_OK)
		status = EXIT_INDEX;
	else
		status = st.failed ? EXIT_FAILED_FILES : 0;
	return status;
}
