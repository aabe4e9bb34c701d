/*
 * searcher: ranked, faceted search over the paragraphs of indexed reports.
 *
 * Option handling only; the work is ofs_search() and the renderers.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofs/paths.h"
#include "ofs/render.h"
#include "ofs/search.h"
#include "ofs/serve.h"
#include "ofs/thesaurus.h"

enum { EXIT_NO_MATCH = 1, EXIT_ERROR = 2 };

static void usage(FILE *out)
{
	fputs("Usage: searcher [OPTION]... QUERY...\n"
	      "Search the paragraphs of indexed inspection reports, best first.\n"
	      "\n"
	      "The query: words (paragraphs with more of them rank higher), \"a phrase\",\n"
	      "AND, OR, NOT, +word, -word, word*, and filters council:NAME grade:G area:A\n"
	      "kind:K year:YYYY.  Questions work: \"what\", \"can\", \"show\" are left out.\n"
	      "\n"
	      "  -d, --db PATH        the index (default: $OFS_DB, else\n"
	      "                       $XDG_DATA_HOME/ofsearch/index or ~/.local/share/ofsearch/index)\n"
	      "  -c, --council NAME   only this council (\"North Somerset\", \"BCP\")\n"
	      "  -g, --grade G        outstanding, good, requires-improvement (RI),\n"
	      "                       inadequate, adequate, none\n"
	      "  -a, --area A         overall, leaders, help-protection, in-care,\n"
	      "                       care-leavers, adoption, lscb, other\n"
	      "  -k, --kind K         ilacs-standard, ilacs-short, sif, pre-2013,\n"
	      "                       focused-visit, ofsted-letter, council-report, news, other\n"
	      "      --from DATE      on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
	      "      --to DATE        on or before DATE\n"
	      "  -n, --limit N        show N results (default 10)\n"
	      "      --offset N       skip the first N results\n"
	      "  -s, --strict         every word must match (as with AND between them)\n"
	      "      --any            any of the words may match (the default)\n"
	      "      --prefix         the last word may be the start of a word (\"safeg\")\n"
	      "      --exact          only the words typed: no other names (MASH for\n"
	      "                       multi-agency safeguarding hub, and so on), no\n"
	      "                       everyday words, no typo tolerance\n"
	      "      --wordnet        also general English synonyms (WordNet), weighted low\n"
	      "      --feedback       re-rank towards paragraphs like the best matches\n"
	      "  -p, --per-report     the best paragraph of each report, with a count\n"
	      "  -t, --timeline       per report, oldest first, with its grades (with --council)\n"
	      "  -l, --like FILE:N    paragraphs like paragraph N of FILE, other councils first\n"
	      "  -f, --facets         count matches per council, grade, area and year\n"
	      "      --count          count every match exactly (else a large total may be\n"
	      "                       an estimate, shown as \"about N\"; --facets counts too)\n"
	      "  -r, --reports        list the indexed reports (filters apply)\n"
	      "  -j, --json           print JSON (see docs/json.md)\n"
	      "      --csv            print CSV, one row per result or report\n"
	      "      --serve [ADDR:]PORT  serve the search page and its API (docs/http.md)\n"
	      "                       until Ctrl-C; default 127.0.0.1:8080\n"
	      "      --explain        print the query as the engine runs it\n"
	      "      --thesaurus FILE other names to search for (default: $OFS_THESAURUS, else\n"
	      "                       the installed data/thesaurus.txt)\n"
	      "  -h, --help           show this help and exit\n"
	      "  -V, --version        show the version and exit\n"
	      "\n"
	      "Matched words are bold on a terminal unless NO_COLOR is set.\n"
	      "Exit status: 0 something matched; 1 nothing matched; 2 an error.\n",
	      out);
}

static int parse_count(const char *s, unsigned *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 100000)
		return 0;
	*out = (unsigned)v;
	return 1;
}

/* Whether s reads as --serve's [ADDR:]PORT (digits, dots and colons,
 * or localhost:PORT). */
static int is_listen(const char *s)
{
	if (!strncmp(s, "localhost:", 10))
		s += 10;
	return *s && strspn(s, "0123456789.:") == strlen(s);
}

/* The query words joined by spaces; caller frees. */
static char *join(char **words, int n)
{
	size_t len = 1;
	char *s;
	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	if (!(s = malloc(len)))
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, words[i]);
	}
	return s;
}

int main(int argc, char **argv)
{
	enum { OPT_FROM = 256, OPT_TO, OPT_OFFSET, OPT_ANY, OPT_PREFIX, OPT_EXPLAIN, OPT_EXACT, OPT_THESAURUS,
	       OPT_WORDNET, OPT_FEEDBACK, OPT_COUNT, OPT_CSV, OPT_SERVE };
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"council", required_argument, NULL, 'c'},
		{"grade", required_argument, NULL, 'g'},
		{"area", required_argument, NULL, 'a'},
		{"kind", required_argument, NULL, 'k'},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"limit", required_argument, NULL, 'n'},
		{"offset", required_argument, NULL, OPT_OFFSET},
		{"any", no_argument, NULL, OPT_ANY},
		{"strict", no_argument, NULL, 's'},
		{"prefix", no_argument, NULL, OPT_PREFIX},
		{"facets", no_argument, NULL, 'f'},
		{"count", no_argument, NULL, OPT_COUNT},
		{"reports", no_argument, NULL, 'r'},
		{"json", no_argument, NULL, 'j'},
		{"csv", no_argument, NULL, OPT_CSV},
		{"serve", optional_argument, NULL, OPT_SERVE},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"exact", no_argument, NULL, OPT_EXACT},
		{"wordnet", no_argument, NULL, OPT_WORDNET},
		{"feedback", no_argument, NULL, OPT_FEEDBACK},
		{"per-report", no_argument, NULL, 'p'},
		{"timeline", no_argument, NULL, 't'},
		{"like", required_argument, NULL, 'l'},
		{"thesaurus", required_argument, NULL, OPT_THESAURUS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	ofs_search_opts o = {.limit = 10};
	ofs_searcher *s = NULL;
	ofs_results *res = NULL;
	char *db = NULL, *query = NULL, *thesaurus = NULL;
	int json = 0, csv = 0, serve = 0, explain = 0, c, status = EXIT_ERROR;
	const char *listen = NULL;
	const char *no_color = getenv("NO_COLOR");
	ofs_error err;

	while ((c = getopt_long(argc, argv, "d:c:g:a:k:n:frjpstl:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': free(db); db = strdup(optarg); break;
		case 'c': o.council = optarg; break;
		case 'g': o.grade = optarg; break;
		case 'a': o.area = optarg; break;
		case 'k': o.kind = optarg; break;
		case OPT_FROM: o.from = optarg; break;
		case OPT_TO: o.to = optarg; break;
		case 'n':
		case OPT_OFFSET:
			if (!parse_count(optarg, c == 'n' ? &o.limit : &o.offset)) {
				fprintf(stderr, "searcher: --%s: '%s' is not a number from 0 to 100000\n",
					c == 'n' ? "limit" : "offset", optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_ANY: o.any = 1; break;
		case 's': o.strict = 1; break;
		case OPT_PREFIX: o.prefix = 1; break;
		case 'f': o.facets = 1; break;
		case OPT_COUNT: o.count = 1; break;
		case 'r': o.reports = 1; break;
		case 'j': json = 1; break;
		case OPT_CSV: csv = 1; break;
		case OPT_SERVE:
			/* "--serve 8080" as well as "--serve=8080". */
			serve = 1;
			listen = optarg;
			if (!listen && optind < argc && is_listen(argv[optind]))
				listen = argv[optind++];
			break;
		case OPT_EXPLAIN: explain = 1; break;
		case OPT_EXACT: o.exact = 1; break;
		case OPT_WORDNET: o.wordnet = 1; break;
		case OPT_FEEDBACK: o.feedback = 1; break;
		case 'p': o.per_report = 1; break;
		case 't': o.timeline = 1; break;
		case 'l': o.like = optarg; break;
		case OPT_THESAURUS: free(thesaurus); thesaurus = strdup(optarg); break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("searcher (ofsearch) %s\n", OFS_VERSION); return 0;
		default:
			fputs("Try 'searcher --help' for more information.\n", stderr);
			return EXIT_ERROR;
		}
	}
	if (optind >= argc && !o.reports && !o.like && !serve) {
		fputs("searcher: no query\nTry 'searcher --help' for more information.\n", stderr);
		return EXIT_ERROR;
	}
	if ((o.reports || o.timeline) && o.limit == 10)
		o.limit = 100000; /* a listing shows every report unless told */
	if (o.timeline && !o.council) {
		fputs("searcher: --timeline needs --council\n", stderr);
		return EXIT_ERROR;
	}
	if (!thesaurus)
		thesaurus = ofs_thesaurus_default_path();
	if (!db && !(db = ofs_default_db())) {
		fputs("searcher: no index location: set --db, OFS_DB or HOME\n", stderr);
		return EXIT_ERROR;
	}
	if (serve && optind < argc) {
		fprintf(stderr, "searcher: --serve takes no query ('%s' is not [ADDR:]PORT)\n",
			argv[optind]);
		goto done;
	}
	if (serve) {
		ofs_serve_opts so = {.db = db, .thesaurus = thesaurus, .listen = listen};
		ofs_error_clear(&err);
		if (ofs_serve(&so, &err) != OFS_OK)
			fprintf(stderr, "searcher: %s\n", err.msg);
		else
			status = 0;
		goto done;
	}
	if (!(query = join(argv + optind, argc - optind))) {
		fputs("searcher: out of memory\n", stderr);
		goto done;
	}
	o.query = query;
	ofs_error_clear(&err);
	if (ofs_searcher_open(&s, db, thesaurus, &err) != OFS_OK || ofs_search(s, &o, &res, &err) != OFS_OK) {
		fprintf(stderr, "searcher: %s\n", err.msg);
		goto done;
	}
	if (explain) {
		FILE *ex = json ? stderr : stdout;
		fprintf(ex, "thesaurus: %s\n", thesaurus ? thesaurus : "(none)");
		fprintf(ex, "expanded: %u name%s\n", res->expansions, res->expansions == 1 ? "" : "s");
		fprintf(ex, "query: %s\n", res->explain ? res->explain : "?");
	}
	if (json || csv) {
		ofs_render_kind kind = o.reports ? OFS_RENDER_REPORTS
				       : o.timeline ? OFS_RENDER_TIMELINE : OFS_RENDER_PARAGRAPHS;
		if ((csv ? ofs_render_csv(stdout, res, kind, &err)
			 : ofs_render_json(stdout, res, kind, &err)) != OFS_OK) {
			fprintf(stderr, "searcher: %s\n", err.msg);
			goto done;
		}
	} else {
		ofs_render_text(stdout, res, o.reports ? OFS_RENDER_REPORTS
				: o.timeline ? OFS_RENDER_TIMELINE : OFS_RENDER_PARAGRAPHS,
				isatty(STDOUT_FILENO) && !(no_color && *no_color));
	}
	if (fflush(stdout) != 0) {
		perror("searcher: cannot write results");
		goto done;
	}
	status = res->total ? 0 : EXIT_NO_MATCH;
done:
	ofs_results_free(res);
	ofs_searcher_free(s);
	free(query);
	free(db);
	free(thesaurus);
	return status;
}
