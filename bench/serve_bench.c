/*
 * serve_bench.c: the web server under load as the search page loads it:
 * one request per keystroke.
 *
 *   serve_bench --port P --queries FILE [--clients N] [--seconds S]
 *               [--max-queries Q] [--warm]
 *
 * The first Q queries of the list (default 30), typed letter by letter:
 * every prefix of each is one request, as the page sends it
 * (/api/search?q=PREFIX&prefix=1&facets=1&limit=20 and the query's
 * filters), but for prefixes ending in an operator, which the page does
 * not send.  N clients (default 1), each a thread with one kept-alive
 * connection, send them one after another, each client starting at
 * another point of the list, for S seconds (default 10).  A request
 * counts as an error unless answered 200 with a body.  With --warm, every
 * request is first sent once, untimed: what a server with a cache then
 * answers is what it has been asked before.
 *
 * Prints "metric value" lines named serve.cN: p50_ms, p95_ms, p99_ms,
 * mean_ms, rps, requests, errors.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_util.h"

typedef struct client {
	pthread_t thread;
	unsigned start;      /* first request of the list it sends */
	double *lat;         /* seconds per request answered */
	size_t n_lat, cap_lat;
	unsigned errors;
} client;

static int port;
static double deadline;
static char **requests; /* each a whole HTTP request */
static size_t n_requests;

/* Append s to the URL being built, percent-encoding all but unreserved
 * characters. */
static void url_add(char *url, size_t size, const char *s)
{
	size_t n = strlen(url);
	for (; *s && n + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.~", c))
			url[n++] = (char)c;
		else
			n += (size_t)snprintf(url + n, size - n, "%%%02X", c);
	}
	url[n] = '\0';
}

static void param(char *url, size_t size, const char *key, const char *value)
{
	if (!value)
		return;
	strncat(url, "&", size - strlen(url) - 1);
	strncat(url, key, size - strlen(url) - 1);
	strncat(url, "=", size - strlen(url) - 1);
	url_add(url, size, value);
}

/* Whether the page sends q's first len bytes: not when they end in an
 * operator still waiting for its word ("exploitation OR"), which the page
 * leaves out (app.js, sent()). */
static int page_sends(const char *q, size_t len)
{
	static const char *const ops[] = {"AND", "OR", "NOT", "XOR"};
	while (len && q[len - 1] == ' ')
		len--;
	for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
		size_t n = strlen(ops[i]);
		if (len >= n && !strncmp(q + len - n, ops[i], n) && (len == n || q[len - n - 1] == ' '))
			return 0;
	}
	return 1;
}

/* The request of the first len bytes of q as typed. */
static char *request_for(const bench_query *q, size_t len)
{
	char url[2048] = "/api/search?prefix=1&facets=1&limit=20&q=", prefix[1024], *req;
	snprintf(prefix, sizeof prefix, "%.*s", (int)len, q->text);
	url_add(url, sizeof url, prefix);
	param(url, sizeof url, "council", q->council);
	param(url, sizeof url, "grade", q->grade);
	param(url, sizeof url, "area", q->area);
	param(url, sizeof url, "kind", q->kind);
	param(url, sizeof url, "from", q->from);
	param(url, sizeof url, "to", q->to);
	if (asprintf(&req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", url) < 0)
		return NULL;
	return req;
}

static int connect_server(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send req on fd and read its response; returns the status, or -1 when
 * the connection failed. */
static int exchange(int fd, const char *req, char **buf, size_t *cap)
{
	size_t len = strlen(req), got = 0, head = 0, need = 0;
	int status = -1;
	while (len) {
		ssize_t k = write(fd, req, len);
		if (k <= 0)
			return -1;
		req += k;
		len -= (size_t)k;
	}
	for (;;) {
		if (got + 1 >= *cap && !(*buf = realloc(*buf, *cap *= 2)))
			return -1;
		ssize_t k = read(fd, *buf + got, *cap - got - 1);
		if (k <= 0)
			return -1;
		got += (size_t)k;
		(*buf)[got] = '\0';
		if (!head) {
			char *end = strstr(*buf, "\r\n\r\n"), *cl;
			if (!end)
				continue;
			head = (size_t)(end + 4 - *buf);
			cl = strcasestr(*buf, "\r\nContent-Length:");
			if (!cl || cl > end)
				return -1;
			need = head + strtoul(cl + 17, NULL, 10);
			sscanf(*buf, "HTTP/1.1 %d", &status);
		}
		if (got >= need)
			return need > head ? status : -1;
	}
}

static void *run_client(void *arg)
{
	client *c = arg;
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	int fd = -1;
	for (size_t i = c->start; buf && bench_now() < deadline; i++) {
		double t0;
		int st;
		if (fd < 0 && (fd = connect_server()) < 0) {
			c->errors++;
			usleep(1000);
			continue;
		}
		t0 = bench_now();
		st = exchange(fd, requests[i % n_requests], &buf, &cap);
		if (st != 200) {
			/* The first few say what went wrong. */
			if (c->errors++ < 2)
				fprintf(stderr, "serve_bench: %.*s: %s\n",
					(int)strcspn(requests[i % n_requests], "\r"),
					requests[i % n_requests], st < 0 ? "connection lost" : "not 200");
			close(fd);
			fd = -1;
			continue;
		}
		if (c->n_lat == c->cap_lat) {
			double *nl = realloc(c->lat, (c->cap_lat = c->cap_lat ? 2 * c->cap_lat : 4096) *
							     sizeof *nl);
			if (!nl)
				break;
			c->lat = nl;
		}
		c->lat[c->n_lat++] = bench_now() - t0;
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"port", required_argument, NULL, 'p'},
		{"queries", required_argument, NULL, 'q'},
		{"clients", required_argument, NULL, 'c'},
		{"seconds", required_argument, NULL, 's'},
		{"max-queries", required_argument, NULL, 'm'},
		{"warm", no_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *qfile = NULL;
	unsigned clients = 1, max_queries = 30, errors = 0;
	int warm = 0;
	double seconds = 10, t0, elapsed, *all;
	bench_query *qs;
	size_t nq, n_use, total = 0;
	client *cl;
	char name[32];
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': port = atoi(optarg); break;
		case 'q': qfile = optarg; break;
		case 'c': clients = (unsigned)atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'm': max_queries = (unsigned)atoi(optarg); break;
		case 'w': warm = 1; break;
		default: return 2;
		}
	}
	if (!qfile || port <= 0 || !clients || seconds <= 0) {
		fputs("usage: serve_bench --port P --queries FILE [--clients N] [--seconds S] "
		      "[--max-queries Q]\n", stderr);
		return 2;
	}
	if (bench_queries_load(qfile, &qs, &nq))
		return 1;
	n_use = nq < max_queries ? nq : max_queries;
	for (size_t i = 0; i < n_use; i++)
		for (size_t len = 1; len <= strlen(qs[i].text); len++) {
			if (!page_sends(qs[i].text, len))
				continue;
			char **nr = realloc(requests, (n_requests + 1) * sizeof *nr);
			if (!nr || !(nr[n_requests] = request_for(&qs[i], len))) {
				fputs("serve_bench: out of memory\n", stderr);
				return 1;
			}
			requests = nr;
			n_requests++;
		}
	if (!n_requests) {
		fprintf(stderr, "serve_bench: %s: no queries\n", qfile);
		return 1;
	}
	if (!(cl = calloc(clients, sizeof *cl)))
		return 1;
	if (warm) {
		size_t cap = 1 << 16;
		char *buf = malloc(cap);
		int fd = connect_server();
		for (size_t i = 0; buf && fd >= 0 && i < n_requests; i++)
			if (exchange(fd, requests[i], &buf, &cap) < 0) {
				close(fd);
				fd = connect_server();
			}
		if (fd >= 0)
			close(fd);
		free(buf);
	}
	t0 = bench_now();
	deadline = t0 + seconds;
	for (unsigned i = 0; i < clients; i++) {
		cl[i].start = (unsigned)(i * n_requests / clients);
		if (pthread_create(&cl[i].thread, NULL, run_client, &cl[i])) {
			fputs("serve_bench: cannot start a client thread\n", stderr);
			return 1;
		}
	}
	for (unsigned i = 0; i < clients; i++) {
		pthread_join(cl[i].thread, NULL);
		total += cl[i].n_lat;
		errors += cl[i].errors;
	}
	elapsed = bench_now() - t0;
	snprintf(name, sizeof name, "serve.c%u", clients);
	if (!(all = malloc((total ? total : 1) * sizeof *all)))
		return 1;
	total = 0;
	for (unsigned i = 0; i < clients; i++) {
		memcpy(all + total, cl[i].lat, cl[i].n_lat * sizeof *all);
		total += cl[i].n_lat;
		free(cl[i].lat);
	}
	if (total)
		bench_print_latency(name, all, total);
	printf("%s.rps %.1f\n%s.requests %zu\n%s.errors %u\n", name, total / elapsed, name, total,
	       name, errors);
	free(all);
	free(cl);
	for (size_t i = 0; i < n_requests; i++)
		free(requests[i]);
	free(requests);
	bench_queries_free(qs, nq);
	return 0;
}
