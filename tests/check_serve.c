/*
 * check_serve.c: the HTTP server over loopback, as the page and other
 * programs use it: the same answers as the command line for the same
 * query and filters, no file outside the index's reports, limits answered
 * with a 4xx, keep-alive, a rebuilt index seen without a restart, and a
 * clean stop.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check_util.h"
#include "util_serve.h"

static ofs_test_server corpus_srv, sample_srv;

static json_t *get_json(const ofs_test_server *s, const char *path, int want_status)
{
	char *body = NULL;
	json_t *j;
	ck_assert_int_eq(ofs_test_get(s, path, &body), want_status);
	j = json_loads(body, 0, NULL);
	ck_assert_msg(j != NULL, "%s: not JSON: %.200s", path, body);
	free(body);
	return j;
}

static char *cli(const ofs_test_server *s, const char *args)
{
	char cmd[8192], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' %s", ofs_test_build(), s->db, args);
	ofs_test_run(cmd, &out);
	return out;
}

/* The server's answer to path equals the command line's --json for
 * args. */
static void same_as_cli(const ofs_test_server *s, const char *path, const char *args)
{
	char *out = cli(s, args);
	json_t *a = get_json(s, path, 200), *b = json_loads(out, 0, NULL);
	ck_assert_msg(b != NULL, "searcher %s: %.200s", args, out);
	ck_assert_msg(json_equal(a, b), "%s differs from searcher %s", path, args);
	json_decref(a);
	json_decref(b);
	free(out);
}

static void corpus_setup(void)
{
	ofs_test_index_into(&corpus_srv, "corpus");
	ofs_test_server_start(&corpus_srv);
}

static void corpus_teardown(void)
{
	ofs_test_server_stop(&corpus_srv);
	ofs_test_server_free(&corpus_srv);
}

START_TEST(search_answers_as_the_command_line_does)
{
	const ofs_test_server *s = &corpus_srv;
	same_as_cli(s, "/api/search?q=front+door+weaknesses&facets=1",
		    "--json --facets front door weaknesses");
	same_as_cli(s, "/api/search?q=children&council=North+Somerset&from=2019&to=2022-12"
		    "&limit=20&offset=2",
		    "--json -c 'North Somerset' --from 2019 --to 2022-12 -n 20 --offset 2 children");
	same_as_cli(s, "/api/search?q=leaders&grade=requires-improvement&area=leaders&facets=1",
		    "--json -g requires-improvement -a leaders --facets leaders");
	same_as_cli(s, "/api/search?q=safeg&prefix=1&facets=1", "--json --prefix --facets safeg");
	same_as_cli(s, "/api/search?q=chidlren+in+care&exact=1", "--json --exact chidlren in care");
	same_as_cli(s, "/api/search?q=children+care&strict=1&kind=ofsted-letter&count=1",
		    "--json --strict -k ofsted-letter --count children care");
	same_as_cli(s, "/api/search?q=children&per_report=1&limit=50",
		    "--json --per-report -n 50 children");
	same_as_cli(s, "/api/reports?grade=requires-improvement", "--json --reports -g RI");
	same_as_cli(s, "/api/reports", "--json --reports");
	same_as_cli(s, "/api/reports?latest=1&grade=RI", "--json --reports --latest -g RI");
	same_as_cli(s, "/api/search?q=which+councils+require+improvement+now",
		    "--json which councils require improvement now");
	same_as_cli(s, "/api/timeline?council=North+Somerset&q=children",
		    "--json --timeline -c 'North Somerset' children");
	same_as_cli(s, "/api/like?like=corpus/004_0b8f114c14ecd7b2.txt:9&limit=20",
		    "--json -n 20 --like corpus/004_0b8f114c14ecd7b2.txt:9");
}
END_TEST

START_TEST(csv_answers_as_the_command_line_does)
{
	const ofs_test_server *s = &corpus_srv;
	char *body = NULL, *out = cli(s, "--csv --reports");
	ck_assert_int_eq(ofs_test_get(s, "/api/reports?format=csv", &body), 200);
	ck_assert_str_eq(body, out);
	/* A header and one row per report, each ending CRLF. */
	ck_assert_ptr_nonnull(strstr(body, "id,file,path,council,"));
	int rows = 0;
	for (const char *p = body; (p = strstr(p, "\r\n")); p += 2)
		rows++;
	ck_assert_int_eq(rows, 1 + 6);
	free(body);
	free(out);
	out = cli(s, "--csv -n 30 children");
	ck_assert_int_eq(ofs_test_get(s, "/api/search?q=children&limit=30&format=csv", &body), 200);
	ck_assert_str_eq(body, out);
	/* Paragraphs with quotes and line breaks are quoted, quotes doubled. */
	ck_assert_ptr_nonnull(strstr(body, "rank,score,file,council,date,kind,area,grade,"));
	free(body);
	free(out);
}
END_TEST

START_TEST(a_report_is_served_by_id_and_no_other_file)
{
	const ofs_test_server *s = &corpus_srv;
	json_t *j = get_json(s, "/api/search?q=front+door+weaknesses&limit=1", 200), *h;
	const char *id;
	char path[256], *body = NULL, *want = NULL;
	h = json_array_get(json_object_get(j, "results"), 0);
	id = json_string_value(json_object_get(h, "report_id"));
	ck_assert_ptr_nonnull(id);
	snprintf(path, sizeof path, "/report/%s", id);
	ck_assert_int_eq(ofs_test_get(s, path, &body), 200);
	ck_assert_int_eq(ofs_test_run("cat corpus/004_0b8f114c14ecd7b2.txt", &want), 0);
	ck_assert_str_eq(body, want);
	free(body);
	free(want);
	json_decref(j);

	static const char *const hostile[] = {
		"/report/../../../etc/passwd", "/report/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/report/0000000000000000", "/report/ABCDEF0123456789", "/report/",
		"/report/973d6e3dca1abbb2/../../etc/passwd", "/../../etc/passwd",
		"/etc/passwd", "/web/index.html", "/app.js/../../Makefile", "//etc/passwd",
		"/api/../../etc/passwd",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
		ck_assert_msg(ofs_test_get(s, hostile[i], &body) == 404, "%s answered", hostile[i]);
		ck_assert_msg(!strstr(body, "root:"), "%s served a system file", hostile[i]);
		free(body);
	}
}
END_TEST

START_TEST(limits_and_bad_requests_get_a_4xx_with_a_json_error)
{
	const ofs_test_server *s = &corpus_srv;
	static const struct {
		const char *path;
		int status;
		const char *says;
	} bad[] = {
		{"/api/search?q=x&limit=1001", 400, "limit"},
		{"/api/search?q=x&offset=-1", 400, "offset"},
		{"/api/search?q=x&colour=red", 400, "colour"},
		{"/api/search?q=x&prefix=maybe", 400, "prefix"},
		{"/api/search?q=x&grade=brilliant", 400, "brilliant"},
		{"/api/search?q=x&from=yesterday", 400, "yesterday"},
		{"/api/search?q=a+XOR+b", 400, "XOR"},
		{"/api/search?q=%ff%fe", 400, "UTF-8"},
		{"/api/search?format=xml", 400, "xml"},
		{"/api/timeline?q=children", 400, "council"},
		{"/api/like?like=nonsense", 400, "nonsense"},
		{"/api/nothing", 404, "nothing"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		json_t *j = get_json(s, bad[i].path, bad[i].status);
		const char *msg = json_string_value(json_object_get(j, "error"));
		ck_assert_msg(msg && strstr(msg, bad[i].says), "%s: %s", bad[i].path, msg);
		json_decref(j);
	}
	/* A query longer than the library takes. */
	char *path = malloc(6000);
	strcpy(path, "/api/search?q=");
	memset(path + 14, 'a', 4200);
	path[14 + 4200] = '\0';
	json_t *j = get_json(s, path, 400);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(j, "error")), "4096"));
	json_decref(j);
	free(path);
	/* Only GET. */
	int fd = ofs_test_connect(s);
	char *body = NULL;
	ofs_test_send(fd, "DELETE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	ck_assert_int_eq(ofs_test_read_response(fd, &body, NULL), 405);
	free(body);
	close(fd);
}
END_TEST

START_TEST(too_many_connections_get_429)
{
	const ofs_test_server *s = &corpus_srv;
	int fds[134], st;
	char *body = NULL;
	/* 128 are answered; each open one counts. */
	for (int i = 0; i < 134; i++)
		fds[i] = ofs_test_connect(s);
	usleep(200000);
	st = ofs_test_get(s, "/api/search?q=children", &body);
	ck_assert_int_eq(st, 429);
	ck_assert_ptr_nonnull(strstr(body, "connections"));
	free(body);
	for (int i = 0; i < 134; i++)
		close(fds[i]);
	usleep(200000);
	ck_assert_int_eq(ofs_test_get(s, "/api/search?q=children", NULL), 200);
}
END_TEST

START_TEST(keep_alive_answers_several_requests_on_one_connection)
{
	const ofs_test_server *s = &corpus_srv;
	int fd = ofs_test_connect(s);
	char *body = NULL, *headers = NULL;
	for (int i = 0; i < 3; i++) {
		ofs_test_send(fd, i ? "GET /api/search?q=care HTTP/1.1\r\nHost: x\r\n\r\n"
			       : "GET /api/search?q=door HTTP/1.1\r\nHost: x\r\n\r\n");
		ck_assert_int_eq(ofs_test_read_response(fd, &body, &headers), 200);
		ck_assert_msg(!strcasestr(headers, "Connection: close"), "closed: %s", headers);
		ck_assert_ptr_nonnull(strstr(body, "\"results\""));
		free(body);
		free(headers);
	}
	close(fd);
}
END_TEST

START_TEST(report_text_and_queries_are_escaped)
{
	const ofs_test_server *s = &corpus_srv;
	json_t *j = get_json(s, "/api/search?q=zebracrossing", 200);
	json_t *h = json_array_get(json_object_get(j, "results"), 0);
	const char *snip = json_string_value(json_object_get(h, "snippet"));
	/* Escaped once: the page shows "<script>" as text, neither runs it nor
	 * shows "&lt;". */
	ck_assert_msg(strstr(snip, "&lt;script&gt;alert(1)&lt;/script&gt;"), "%s", snip);
	ck_assert_msg(strstr(snip, "&lt;img src=x onerror=alert(2)&gt;"), "%s", snip);
	ck_assert_msg(strstr(snip, "<mark>zebracrossing</mark> &amp; more"), "%s", snip);
	ck_assert(!strstr(snip, "<script") && !strstr(snip, "&amp;lt;"));
	json_decref(j);
	j = get_json(s, "/api/search?q=%3Cscript%3Ealert(1)", 200);
	ck_assert_str_eq(json_string_value(json_object_get(j, "query")), "<script>alert(1)");
	json_decref(j);
	/* The command line's text shows the paragraph as written. */
	char *out = cli(s, "zebracrossing");
	ck_assert_msg(strstr(out, "with <script>alert(1)</script> and"), "%s", out);
	free(out);
}
END_TEST

START_TEST(the_page_is_served)
{
	const ofs_test_server *s = &corpus_srv;
	char *body = NULL, *headers = NULL;
	int fd = ofs_test_connect(s);
	ofs_test_send(fd, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	ck_assert_int_eq(ofs_test_read_response(fd, &body, &headers), 200);
	ck_assert_ptr_nonnull(strcasestr(headers, "Content-Type: text/html"));
	ck_assert_ptr_nonnull(strcasestr(headers, "Content-Security-Policy: default-src 'self'"));
	ck_assert_ptr_nonnull(strstr(body, "app.js"));
	free(body);
	free(headers);
	close(fd);
	ck_assert_int_eq(ofs_test_get(s, "/app.js", NULL), 200);
	ck_assert_int_eq(ofs_test_get(s, "/style.css", NULL), 200);
}
END_TEST

/* A fresh index of its own: the rebuild must not disturb other tests. */
START_TEST(a_rebuilt_index_is_seen_without_a_restart_and_sigterm_stops_cleanly)
{
	ofs_test_server s = {0};
	char cmd[8192];
	json_t *j;
	ofs_test_index_into(&s, "corpus/000_665a517b42f86fc3.txt");
	ofs_test_server_start(&s);
	j = get_json(&s, "/api/reports", 200);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	/* Adding to the live generation, then a new one. */
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s' corpus/001_6293bc9a58bebbde.txt "
		 ">/dev/null 2>&1", ofs_test_build(), s.db);
	ck_assert_int_eq(system(cmd), 0);
	j = get_json(&s, "/api/reports", 200);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 3);
	json_decref(j);
	snprintf(cmd, sizeof cmd, "%s/indexer --db '%s' --rebuild corpus >/dev/null 2>&1",
		 ofs_test_build(), s.db);
	ck_assert_int_eq(system(cmd), 0);
	for (int i = 0; i < 8; i++) {
		j = get_json(&s, "/api/reports", 200);
		ck_assert_int_eq(json_integer_value(json_object_get(j, "total")), 5);
		json_decref(j);
	}
	ck_assert_int_eq(ofs_test_server_stop(&s), 0);
	ofs_test_server_free(&s);
}
END_TEST

START_TEST(bad_serve_options_are_one_line_errors)
{
	static const struct {
		const char *args, *says;
	} bad[] = {
		{"--serve nonsense", "takes no query ('nonsense'"},
		{"--serve=localhost:99999", "'localhost:99999' is not [ADDR:]PORT"},
		{"--serve=10.1.2.3.4:80", "is not [ADDR:]PORT"},
		{"--serve=[::1]:x", "is not [ADDR:]PORT"},
		{"--serve=::1:8080", "is not [ADDR:]PORT"},
		{"--serve=[::1", "is not [ADDR:]PORT"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char cmd[4400], *out = NULL;
		snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' %s 2>&1", ofs_test_build(),
			 corpus_srv.db, bad[i].args);
		ck_assert_int_eq(ofs_test_run(cmd, &out), 2);
		ck_assert_msg(strstr(out, bad[i].says), "%s: %s", bad[i].args, out);
		ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "one line: %s", out);
		free(out);
	}
	/* The port of a running server is taken. */
	char cmd[4400], port[16], *out = NULL;
	snprintf(port, sizeof port, "%d", corpus_srv.port);
	snprintf(cmd, sizeof cmd, "%s/searcher --db '%s' --serve 127.0.0.1:%s 2>&1",
		 ofs_test_build(), corpus_srv.db, port);
	ck_assert_int_eq(ofs_test_run(cmd, &out), 2);
	ck_assert_msg(strstr(out, "cannot listen on 127.0.0.1:") && strstr(out, port), "%s", out);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "one line: %s", out);
	free(out);
}
END_TEST

START_TEST(the_server_listens_on_ipv6_when_told)
{
	ofs_test_server v6 = {.db = corpus_srv.db, .ipv6 = 1};
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
	char *body = NULL;
	int fd = socket(AF_INET6, SOCK_STREAM, 0), can;
	inet_pton(AF_INET6, "::1", &sa.sin6_addr);
	can = fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
	if (fd >= 0)
		close(fd);
	if (!can) {
		fprintf(stderr, "serve: no IPv6 loopback here, IPv6 test skipped\n");
		return;
	}
	ofs_test_server_start(&v6);
	ck_assert_int_eq(ofs_test_get(&v6, "/api/search?q=front+door", &body), 200);
	ck_assert_ptr_nonnull(strstr(body, "North Somerset"));
	free(body);
	ck_assert_int_eq(ofs_test_server_stop(&v6), 0);
}
END_TEST

static void sample_setup(void)
{
	const char *sample = ofs_test_sample();
	if (!sample)
		return;
	char what[4200];
	snprintf(what, sizeof what, "'%s'", sample);
	ofs_test_index_into(&sample_srv, what);
	ofs_test_server_start(&sample_srv);
}

static void sample_teardown(void)
{
	if (!sample_srv.dir)
		return;
	ofs_test_server_stop(&sample_srv);
	ofs_test_server_free(&sample_srv);
}

START_TEST(the_shared_sample_answers_as_the_command_line_does)
{
	const ofs_test_server *s = &sample_srv;
	if (!s->pid) {
		fprintf(stderr, "check_serve: shared sample absent: skipped\n");
		return;
	}
	same_as_cli(s, "/api/search?q=front+door+weaknesses&facets=1",
		    "--json --facets front door weaknesses");
	same_as_cli(s, "/api/search?q=exploitation&grade=inadequate&facets=1&limit=50",
		    "--json -g inadequate --facets -n 50 exploitation");
	same_as_cli(s, "/api/search?q=corporate+parentin&prefix=1&from=2018&facets=1",
		    "--json --prefix --from 2018 --facets corporate parentin");
	same_as_cli(s, "/api/search?q=care+leavers+accomodation&area=care-leavers&per_report=1",
		    "--json -a care-leavers --per-report care leavers accomodation");
	same_as_cli(s, "/api/reports?from=2018&grade=inadequate", "--json --reports --from 2018 -g inadequate");
	same_as_cli(s, "/api/timeline?council=Norfolk&q=front+door",
		    "--json --timeline -c Norfolk front door");
	char *body = NULL, *out = cli(s, "--csv --reports");
	ck_assert_int_eq(ofs_test_get(s, "/api/reports?format=csv", &body), 200);
	ck_assert_str_eq(body, out);
	free(body);
	free(out);
}
END_TEST

static Suite *serve_suite(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("corpus");
	tcase_add_unchecked_fixture(tc, corpus_setup, corpus_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, search_answers_as_the_command_line_does);
	tcase_add_test(tc, csv_answers_as_the_command_line_does);
	tcase_add_test(tc, a_report_is_served_by_id_and_no_other_file);
	tcase_add_test(tc, limits_and_bad_requests_get_a_4xx_with_a_json_error);
	tcase_add_test(tc, too_many_connections_get_429);
	tcase_add_test(tc, keep_alive_answers_several_requests_on_one_connection);
	tcase_add_test(tc, report_text_and_queries_are_escaped);
	tcase_add_test(tc, the_page_is_served);
	tcase_add_test(tc, bad_serve_options_are_one_line_errors);
	tcase_add_test(tc, the_server_listens_on_ipv6_when_told);
	tcase_add_test(tc, a_rebuilt_index_is_seen_without_a_restart_and_sigterm_stops_cleanly);
	suite_add_tcase(s, tc);
	tc = tcase_create("sample");
	tcase_add_unchecked_fixture(tc, sample_setup, sample_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, the_shared_sample_answers_as_the_command_line_does);
	suite_add_tcase(s, tc);
	return s;
}

OFS_CHECK_MAIN(serve_suite)
