/*
 * searcher: ranked, faceted search over the paragraphs of indexed reports.
 *
 * Option handling only; the work is ofs_search() and the renderers.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ofs/paths.h"
#include "ofs/render.h"
#include "ofs/search.h"
#include "serve/serve.h"
#include "ofs/thesaurus.h"

enum { EXIT_NO_MATCH = 1, EXIT_ERROR = 2 };

/* The program's name as invoked: the installed name or the build tree's. */
static const char *prog = "searcher";

static void usage(FILE *out)
{
	char *thesaurus = ofs_thesaurus_default_path(), *db = ofs_default_db();

	fprintf(out, "Usage: %s [OPTION]... QUERY...\n"
	      "Search the paragraphs of indexed inspection reports, best first.\n"
	      "\n"
	      "The query: words (paragraphs with more of them rank higher), \"a phrase\",\n"
	      "AND, OR, NOT, +word, -word, word*, and filters council:NAME grade:G area:A\n"
	      "kind:K year:YYYY.  Questions work: \"what\", \"can\", \"show\" and who is asked\n"
	      "(\"what did Ofsted say about\") are left out; councils, grades, years and\n"
	      "\"latest\" named in words filter (\"Read as:\" says so); a question of filters\n"
	      "alone (\"which councils are inadequate now?\") lists the reports, and one\n"
	      "about how a council changed (\"how has Leeds's front door changed since\n"
	      "2018?\") its timeline.\n"
	      "Once the query has begun, -word is a query word, not an option.\n"
	      "\n"
	      "  -d, --db PATH        the index (default: $OFS_DB, else\n"
	      "                       $XDG_DATA_HOME/ofsearch/index or ~/.local/share/ofsearch/index)\n"
	      "  -c, --council NAME   only this council (\"North Somerset\", \"BCP\"); an\n"
	      "                       unknown name is an error naming the nearest ones\n"
	      "  -g, --grade G        outstanding, good, requires-improvement (RI),\n"
	      "                       inadequate, adequate, none\n"
	      "  -a, --area A         overall, leaders, help-protection, in-care,\n"
	      "                       care-leavers, adoption, lscb, other\n"
	      "  -k, --kind K         ilacs-standard, ilacs-short, sif, pre-2013,\n"
	      "                       focused-visit, ofsted-letter, council-report, news, other\n"
	      "                       (-c, -g, -a, -k given again: any of the values)\n"
	      "      --from DATE      on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
	      "      --to DATE        on or before DATE\n"
	      "      --latest         only each council's newest report that judged it:\n"
	      "                       its current grades (-g and -a then apply to it)\n"
	      "  -n, --limit N        show N results (default 10; 0: the count alone)\n"
	      "      --offset N       skip the first N results\n"
	      "  -s, --strict         every word must match (as with AND between them)\n"
	      "      --any            any of the words may match (the default)\n"
	      "      --prefix         the last word may be the start of a word (\"safeg\")\n"
	      "      --exact          only the words typed: no other names (MASH for\n"
	      "                       multi-agency safeguarding hub, and so on), no\n"
	      "                       everyday words, no typo tolerance\n"
	      "      --wordnet        also general English synonyms (WordNet), weighted low\n"
	      "      --neighbours     also the words the reports use with a word no list\n"
	      "                       names, weighted lowest\n"
	      "      --feedback       re-rank towards paragraphs like the best matches\n"
	      "  -p, --per-report     the best paragraph of each report, with a count\n"
	      "  -t, --timeline       per report, oldest first, with its grades (with --council)\n"
	      "  -l, --like FILE:N    paragraphs like paragraph N of FILE (any path to it, or\n"
	      "                       the id results print: ID:N), other councils first\n"
	      "  -f, --facets         count matches per council, grade, area and year\n"
	      "      --count          count every match exactly (else a large total may be\n"
	      "                       an estimate, shown as \"about N\"; --facets counts too)\n"
	      "  -r, --reports        list the indexed reports (filters apply; with words or\n"
	      "                       --area, those with a paragraph that matches)\n"
	      "  -j, --json           print JSON (see docs/json.md)\n"
	      "      --csv            print CSV, one row per result or report\n"
	      "      --serve [ADDR:]PORT  serve the search page and its API (docs/http.md)\n"
	      "                       until Ctrl-C; default 127.0.0.1:8080\n"
	      "      --partial        an index of remote shards (README: Serving shards):\n"
	      "                       results from the shards that answer, marked partial,\n"
	      "                       rather than an error naming the one that does not\n"
	      "      --explain        print the query as the engine runs it\n"
	      "      --thesaurus FILE other names to search for (default: $OFS_THESAURUS, else\n"
	      "                       the installed one: below)\n"
	      "  -h, --help           show this help and exit\n"
	      "  -V, --version        show the version and exit\n"
	      "\n"
	      "On a terminal, matched words are bold (unless NO_COLOR is set or TERM is\n"
	      "dumb) and lines break between words to fit its width ($COLUMNS).\n"
	      "Exit status: 0 something matched; 1 nothing matched; 2 an error.\n",
	      prog);
	fprintf(out, "\nHere the default index is %s\nand the thesaurus %s.\n",
		db ? db : "not set (no HOME)", thesaurus ? thesaurus : "is not found");
	free(thesaurus);
	free(db);
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
 * localhost:PORT, or [IPv6]:PORT). */
static int is_listen(const char *s)
{
	if (!strncmp(s, "localhost:", 10))
		s += 10;
	else if (*s == '[' && strchr(s, ']'))
		return strspn(s + 1, "0123456789abcdefABCDEF:.") == (size_t)(strchr(s, ']') - s - 1);
	return *s && strspn(s, "0123456789.:") == strlen(s);
}

/* *list, with value added after a ';' (a filter given again means any
 * of its values: search.h); 0 when out of memory. */
static int add_value(char **list, const char *value)
{
	char *s;
	if (asprintf(&s, "%s%s%s", *list ? *list : "", *list ? ";" : "", value) < 0)
		return 0;
	free(*list);
	*list = s;
	return 1;
}

/* Whether arg, met after the query began, is options rather than a
 * query word: a cluster of flags ("-fj"), or one option taking a value
 * with a number or nothing after it ("-n5", "-n").  "-door" and
 * "-neglect" are words to leave out. */
static int is_option_cluster(const char *arg, const char *optstring)
{
	for (const char *p = arg + 1; *p; p++) {
		const char *o = strchr(optstring, *p);
		if (!o || *p == ':')
			return 0;
		if (o[1] == ':')
			return p == arg + 1 && p[1 + strspn(p + 1, "0123456789")] == '\0';
	}
	return 1;
}

/* Whether long option arg ("--db", not "--db=X") takes the next
 * argument as its value. */
static int long_takes_value(const char *arg, const struct option *longopts)
{
	size_t n = strcspn(arg + 2, "=");
	if (arg[2 + n] == '=')
		return 0;
	for (const struct option *o = longopts; o->name; o++)
		if (strlen(o->name) >= n && !strncmp(o->name, arg + 2, n))
			return o->has_arg == required_argument;
	return 0;
}

/* Mark the query's -words for getopt: once the query has begun, a
 * "-word" that is not options is a query word ("front -door"), given to
 * getopt with a space before it so that it is not an option (the query
 * parser skips the space).  0 when out of memory. */
static int mark_query_words(int argc, char **argv, const char *optstring,
			    const struct option *longopts, char **marked)
{
	int started = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--"))
			break;
		if (a[0] != '-' || !a[1]) {
			started = 1;
		} else if (a[1] == '-') {
			i += long_takes_value(a, longopts);
		} else if (started && !is_option_cluster(a, optstring)) {
			if (asprintf(&marked[i], " %s", a) < 0)
				return 0;
			argv[i] = marked[i];
		} else {
			/* "-n 5": the value is the next argument. */
			const char *o = strchr(optstring, a[strlen(a) - 1]);
			i += o && o[1] == ':' && strlen(a) == 2;
		}
	}
	return 1;
}

/* The terminal's width in columns: $COLUMNS if set, else the
 * terminal's own; 0 when unknown. */
static unsigned terminal_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	if (env && atoi(env) > 0)
		return (unsigned)atoi(env);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

/* The query words joined by spaces (without the space that marks a
 * -word: mark_query_words); caller frees. */
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
		strcat(s, words[i] + (words[i][0] == ' '));
	}
	return s;
}

int main(int argc, char **argv)
{
	enum { OPT_FROM = 256, OPT_TO, OPT_OFFSET, OPT_ANY, OPT_PREFIX, OPT_EXPLAIN, OPT_EXACT, OPT_THESAURUS,
	       OPT_WORDNET, OPT_NEIGHBOURS, OPT_FEEDBACK, OPT_COUNT, OPT_CSV, OPT_SERVE, OPT_PARTIAL,
	       OPT_LATEST };
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
		{"neighbours", no_argument, NULL, OPT_NEIGHBOURS},
		{"feedback", no_argument, NULL, OPT_FEEDBACK},
		{"partial", no_argument, NULL, OPT_PARTIAL},
		{"per-report", no_argument, NULL, 'p'},
		{"timeline", no_argument, NULL, 't'},
		{"latest", no_argument, NULL, OPT_LATEST},
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
	char *council = NULL, *grade = NULL, *area = NULL, *kind = NULL, **marked = NULL;
	const char *optstring = "d:c:g:a:k:n:frjpstl:hV";
	int json = 0, csv = 0, serve = 0, explain = 0, c, status = EXIT_ERROR;
	const char *listen = NULL;
	ofs_render_kind shape;
	const char *as;
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	ofs_error err;

	prog = program_invocation_short_name;
	if (!(marked = calloc((size_t)argc, sizeof *marked)) ||
	    !mark_query_words(argc, argv, optstring, longopts, marked)) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto done;
	}
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		switch (c) {
		case 'd': free(db); db = strdup(optarg); break;
		case 'c':
		case 'g':
		case 'a':
		case 'k':
			if (!add_value(c == 'c' ? &council : c == 'g' ? &grade : c == 'a' ? &area : &kind,
				       optarg)) {
				fprintf(stderr, "%s: out of memory\n", prog);
				goto done;
			}
			break;
		case OPT_FROM: o.from = optarg; break;
		case OPT_TO: o.to = optarg; break;
		case 'n':
		case OPT_OFFSET:
			if (!parse_count(optarg, c == 'n' ? &o.limit : &o.offset)) {
				fprintf(stderr, "%s: --%s: '%s' is not a number from 0 to 100000\n", prog,
					c == 'n' ? "limit" : "offset", optarg);
				goto done;
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
		case OPT_NEIGHBOURS: o.neighbours = 1; break;
		case OPT_FEEDBACK: o.feedback = 1; break;
		case OPT_PARTIAL: o.partial = 1; break;
		case 'p': o.per_report = 1; break;
		case 't': o.timeline = 1; break;
		case OPT_LATEST: o.latest = 1; break;
		case 'l': o.like = optarg; break;
		case OPT_THESAURUS: free(thesaurus); thesaurus = strdup(optarg); break;
		case 'h': usage(stdout); status = 0; goto done;
		case 'V': printf("%s (ofsearch) %s\n", prog, OFS_VERSION); status = 0; goto done;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", prog);
			goto done;
		}
	}
	o.council = council;
	o.grade = grade;
	o.area = area;
	o.kind = kind;
	if (optind >= argc && !o.reports && !o.like && !serve) {
		fprintf(stderr, "%s: no query\nTry '%s --help' for more information.\n", prog, prog);
		goto done;
	}
	if ((o.reports || o.timeline) && o.limit == 10)
		o.limit = 100000; /* a listing shows every report unless told */
	if (o.timeline && !o.council) {
		fprintf(stderr, "%s: --timeline needs --council\n", prog);
		goto done;
	}
	if (!thesaurus)
		thesaurus = ofs_thesaurus_default_path();
	if (!db && !(db = ofs_default_db())) {
		fprintf(stderr, "%s: no index location: set --db, OFS_DB or HOME\n", prog);
		goto done;
	}
	if (serve && optind < argc) {
		fprintf(stderr, "%s: --serve takes no query ('%s' is not [ADDR:]PORT)\n", prog,
			argv[optind]);
		goto done;
	}
	if (serve) {
		ofs_serve_opts so = {.db = db, .thesaurus = thesaurus, .listen = listen};
		ofs_error_clear(&err);
		if (ofs_serve(&so, &err) != OFS_OK)
			fprintf(stderr, "%s: %s\n", prog, err.msg);
		else
			status = 0;
		goto done;
	}
	if (!(query = join(argv + optind, argc - optind))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto done;
	}
	o.query = query;
	/* People get a question about change answered as a listing; programs
	 * get the paragraphs, as the HTTP API gives them, with read.change. */
	o.read_listing = !json && !csv;
	ofs_error_clear(&err);
	if (ofs_searcher_open(&s, db, thesaurus, &err) != OFS_OK || ofs_search(s, &o, &res, &err) != OFS_OK) {
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		goto done;
	}
	if (explain) {
		FILE *ex = json ? stderr : stdout;
		fprintf(ex, "thesaurus: %s\n", thesaurus ? thesaurus : "(none)");
		fprintf(ex, "expanded: %u name%s\n", res->expansions, res->expansions == 1 ? "" : "s");
		fprintf(ex, "query: %s\n", res->explain ? res->explain : "?");
	}
	as = res->read.as ? res->read.as : "";
	shape = o.reports || !strcmp(as, "reports")    ? OFS_RENDER_REPORTS
		: o.timeline || !strcmp(as, "timeline") ? OFS_RENDER_TIMELINE
							 : OFS_RENDER_PARAGRAPHS;
	if (json || csv) {
		if ((csv ? ofs_render_csv(stdout, res, shape, &err)
			 : ofs_render_json(stdout, res, shape, &err)) != OFS_OK) {
			fprintf(stderr, "%s: %s\n", prog, err.msg);
			goto done;
		}
		/* JSON carries the mark in "partial"; CSV has no place for it. */
		if (csv && res->partial)
			fprintf(stderr, "%s: partial results: shards %s did not answer\n", prog,
				res->partial);
	} else {
		int tty = isatty(STDOUT_FILENO);
		ofs_render_text(stdout, res, shape,
				tty && !(no_color && *no_color) && !(term && !strcmp(term, "dumb")),
				tty ? terminal_width() : 0);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "%s: cannot write results: %s\n", prog, strerror(errno));
		goto done;
	}
	status = res->total ? 0 : EXIT_NO_MATCH;
done:
	ofs_results_free(res);
	ofs_searcher_free(s);
	free(query);
	free(db);
	free(thesaurus);
	free(council);
	free(grade);
	free(area);
	free(kind);
	for (int i = 0; marked && i < argc; i++)
		free(marked[i]);
	free(marked);
	return status;
}
