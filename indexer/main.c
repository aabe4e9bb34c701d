/*
 * indexer: index inspection reports for searcher.
 *
 * Option handling and terminal output only; the work is ofs_index_run().
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofs/index_run.h"
#include "ofs/paths.h"
#include "ofs/pdf_text.h"

enum { EXIT_FAILED_FILES = 1, EXIT_USAGE = 2, EXIT_INDEX = 3, EXIT_TEMPFAIL = 75 };

static void usage(FILE *out)
{
	fputs("Usage: indexer [OPTION]... PATH...\n"
	      "Index inspection reports (PDF, plain text, gzip-compressed text) so that\n"
	      "searcher can find their paragraphs.  Folders are walked recursively for\n"
	      "*.pdf, *.txt and *.text files (also .gz); a file NAME.meta beside a file\n"
	      "gives its metadata (see README).  Indexing a file again replaces it.\n"
	      "\n"
	      "  -d, --db DIR     the index (default: $OFS_DB, else\n"
	      "                   $XDG_DATA_HOME/ofsearch/index or ~/.local/share/ofsearch/index)\n"
	      "  -w, --wait       wait for another indexer to finish instead of failing\n"
	      "  -q, --quiet      no progress or summary (progress shows only on a terminal)\n"
	      "  -h, --help       show this help and exit\n"
	      "  -V, --version    show the version and exit\n"
	      "\n"
	      "Exit status: 0 all files indexed; 1 some files failed (the others are\n"
	      "indexed); 2 bad usage; 3 the index cannot be opened or written;\n"
	      "75 another indexer holds the index.\n",
	      out);
}

struct ui {
	int progress;
	size_t last_len;
};

static void on_error(void *ctx, const ofs_error *e)
{
	struct ui *ui = ctx;
	if (ui->progress && ui->last_len)
		fprintf(stderr, "\r%*s\r", (int)ui->last_len, "");
	ui->last_len = 0;
	fprintf(stderr, "indexer: %s\n", e->msg);
}

static void on_progress(void *ctx, size_t done, size_t total, const char *path)
{
	struct ui *ui = ctx;
	int n;
	if (!ui->progress)
		return;
	if (!path) {
		fprintf(stderr, "\r%*s\r", (int)ui->last_len, "");
		ui->last_len = 0;
		return;
	}
	n = fprintf(stderr, "\r[%zu/%zu] %.60s", done + 1, total, path);
	if (n > 0 && (size_t)n < ui->last_len)
		fprintf(stderr, "%*s", (int)(ui->last_len - (size_t)n), "");
	ui->last_len = n > 0 ? (size_t)n : 0;
	fflush(stderr);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"wait", no_argument, NULL, 'w'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	ofs_run_opts o = {0};
	ofs_run_stats st = {0};
	struct ui ui = {0};
	char *db = NULL;
	int quiet = 0, c, status;
	ofs_error err;
	ofs_status rc;

	while ((c = getopt_long(argc, argv, "d:wqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(db);
			db = strdup(optarg);
			break;
		case 'w':
			o.wait = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("indexer (ofsearch) %s\n", OFS_VERSION);
			return 0;
		default:
			fputs("Try 'indexer --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("indexer: no files or folders to index\n"
		      "Try 'indexer --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	if (!db && !(db = ofs_default_db())) {
		fputs("indexer: no index location: set --db, OFS_DB or HOME\n", stderr);
		return EXIT_USAGE;
	}
	ui.progress = !quiet && isatty(STDERR_FILENO);
	o.db = db;
	o.pdf = ofs_pdf_read;
	o.on_error = on_error;
	o.on_progress = on_progress;
	o.ctx = &ui;

	ofs_error_clear(&err);
	rc = ofs_index_run(&o, argv + optind, (size_t)(argc - optind), &st, &err);
	if (rc != OFS_OK)
		fprintf(stderr, "indexer: %s\n", err.msg);
	if (!quiet)
		fprintf(stderr, "indexer: %u added, %u updated, %u failed; %u paragraphs; index %s\n",
			st.added, st.updated, st.failed, st.paragraphs, db);
	free(db);
	if (rc == OFS_ELOCKED)
		status = EXIT_TEMPFAIL;
	else if (rc != OFS_OK)
		status = EXIT_INDEX;
	else
		status = st.failed ? EXIT_FAILED_FILES : 0;
	return status;
}
