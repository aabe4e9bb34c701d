/*
 * install_demo.c: a library user's program, built by tests/install.sh
 * against an installed tree with nothing but pkg-config.  Searches the
 * index named on the command line and prints the total and the first
 * hit's council, then the thesaurus the library finds; exit 0 when
 * something matched.
 */
#include <stdio.h>

#include <stdlib.h>

#include <ofs/search.h>
#include <ofs/thesaurus.h>

int main(int argc, char **argv)
{
	ofs_searcher *s = NULL;
	ofs_results *r = NULL;
	ofs_search_opts o = {.query = argc > 2 ? argv[2] : "", .limit = 1};
	ofs_error err;
	int status = 2;
	if (argc < 3) {
		fputs("usage: install_demo INDEX QUERY\n", stderr);
		return 2;
	}
	if (ofs_searcher_open(&s, argv[1], NULL, &err) != OFS_OK ||
	    ofs_search(s, &o, &r, &err) != OFS_OK) {
		fprintf(stderr, "install_demo: %s\n", err.msg);
	} else {
		/* The installed thesaurus, found from the library itself. */
		char *th = ofs_thesaurus_default_path();
		printf("%u %s\n%s\n", r->total, r->n_hits ? r->hits[0].council : "-",
		       th ? th : "(no thesaurus)");
		free(th);
		status = r->total ? 0 : 1;
	}
	ofs_results_free(r);
	ofs_searcher_free(s);
	return status;
}
