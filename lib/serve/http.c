/*
 * http.c: the server itself: where it listens, its worker threads,
 * routing a request to the API, a report's file or the page, the limits
 * every request meets, and stopping on a signal.
 */
#include "serve/serve_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ADDR "127.0.0.1"
#define DEFAULT_PORT 8080
#define DEFAULT_THREADS 4
#define DEFAULT_CACHE_MB 64
#define DEFAULT_CONNECTIONS 128
/* Connections beyond the limit get a 429 up to this many more; past
 * that the server does not accept them at all. */
#define SPARE_CONNECTIONS 64
/* Seconds an idle kept-alive connection stays open. */
#define IDLE_TIMEOUT 30

/*
 * "[ADDR:]PORT" into ss: ADDR an IPv4 address, "localhost" (127.0.0.1),
 * or an IPv6 address in brackets ("[::1]:8080"); no ADDR: 127.0.0.1.
 * Returns 1, or 0 when it is not.
 */
static int parse_listen(const char *spec, struct sockaddr_storage *ss)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	const char *colon = strrchr(spec, ':'), *port = colon ? colon + 1 : spec;
	size_t n = colon ? (size_t)(colon - spec) : 0;
	char addr[64], *end;
	long p = strtol(port, &end, 10);

	memset(ss, 0, sizeof *ss);
	if (!*port || *end || p < 0 || p > 65535 || n >= sizeof addr)
		return 0;
	memcpy(addr, spec, n);
	addr[n] = '\0';
	if (n >= 2 && addr[0] == '[' && addr[n - 1] == ']') {
		addr[n - 1] = '\0';
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)p);
		return inet_pton(AF_INET6, addr + 1, &v6->sin6_addr) == 1;
	}
	if (!n || !strcmp(addr, "localhost"))
		strcpy(addr, DEFAULT_ADDR);
	v4->sin_family = AF_INET;
	v4->sin_port = htons((uint16_t)p);
	return inet_pton(AF_INET, addr, &v4->sin_addr) == 1;
}

/* ss's address as a URL shows it ("127.0.0.1", "[::1]"), in buf. */
static const char *show_addr(const struct sockaddr_storage *ss, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];
	const void *in = ss->ss_family == AF_INET6
		? (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr
		: (const void *)&((const struct sockaddr_in *)ss)->sin_addr;
	if (!inet_ntop(ss->ss_family, in, a, sizeof a))
		strcpy(a, "?");
	snprintf(buf, size, ss->ss_family == AF_INET6 ? "[%s]" : "%s", a);
	return buf;
}

static unsigned port_of(const struct sockaddr_storage *ss)
{
	return ntohs(ss->ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)ss)->sin6_port
					       : ((const struct sockaddr_in *)ss)->sin_port);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	srv *s = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&s->connections, 1);
	else
		atomic_fetch_sub(&s->connections, 1);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	static int seen;
	srv *s = cls;

	/* Queued on the first call, a reply closes the connection: the first
	 * call only says the headers are in; the reply goes on the second. */
	if (!*con_cls) {
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_size)
		return ofs__reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests take no body");
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return ofs__reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "%.20s: only GET is served",
					method);
	if (atomic_load(&s->connections) > s->max_connections)
		return ofs__reply_error(c, MHD_HTTP_TOO_MANY_REQUESTS,
					"more than %u connections open: try again later",
					s->max_connections);
	if (!strncmp(url, "/api/", 5))
		return ofs__serve_api(s, c, url);
	if (!strncmp(url, "/report/", 8))
		return ofs__serve_report(s, c, url + 8);
	return ofs__serve_static(s, c, url);
}

ofs_status ofs_serve(const ofs_serve_opts *o, ofs_error *err)
{
	srv s = {.db = o->db, .thesaurus = o->thesaurus};
	struct sockaddr_storage sa;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	ofs_searcher *probe = NULL;
	sigset_t stop, old;
	char addr[INET6_ADDRSTRLEN + 2];
	unsigned threads = o->threads ? o->threads : DEFAULT_THREADS;
	const char *env = getenv("OFS_SERVE_CACHE_MB");
	int cache_mb = o->cache_mb ? o->cache_mb : env && *env ? atoi(env) : 0;
	ofs_status rc;
	int sig;

	s.max_connections = o->max_connections ? o->max_connections : DEFAULT_CONNECTIONS;
	if (!parse_listen(o->listen ? o->listen : DEFAULT_ADDR ":8080", &sa))
		return ofs_error_set(err, OFS_EINVAL, "--serve: '%s' is not [ADDR:]PORT "
				     "(an address and a port, such as 127.0.0.1:8080 or [::1]:8080)",
				     o->listen);
	/* Say now, not at the first request, that the index cannot be read. */
	if ((rc = ofs_searcher_open(&probe, o->db, o->thesaurus, err)) == OFS_OK)
		rc = ofs__web_load(&s, o->web_dir, err);
	if (rc == OFS_OK && cache_mb >= 0 &&
	    !(s.cache = ofs__cache_new((size_t)(cache_mb ? cache_mb : DEFAULT_CACHE_MB) << 20)))
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	ofs_searcher_free(probe);
	if (rc == OFS_OK && ofs__handles_init(&s))
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc != OFS_OK) {
		ofs__web_free(&s);
		ofs__cache_free(s.cache);
		return rc;
	}
	/* The workers inherit a mask without the stop signals, which this
	 * thread waits for. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
				     (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
			     0, NULL, NULL, answer, &s,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     /* The server splits this among its threads, and a
			      * connection stays with the thread that took it:
			      * each may hold them all, the count above limits. */
			     MHD_OPTION_CONNECTION_LIMIT,
			     (s.max_connections + SPARE_CONNECTIONS) * threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
			     MHD_OPTION_END);
	if (!d) {
		rc = ofs_error_set(err, OFS_EIO, "--serve: cannot listen on %s:%u (in use, or not "
				   "an address of this machine)",
				   show_addr(&sa, addr, sizeof addr), port_of(&sa));
		goto done;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("ofsearch: serving http://%s:%u/\n", show_addr(&sa, addr, sizeof addr),
	       info ? (unsigned)info->port : port_of(&sa));
	fflush(stdout);
	do
		sig = 0;
	while (sigwait(&stop, &sig) != 0);
	MHD_stop_daemon(d);
	rc = OFS_OK;
done:
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	ofs__handles_fini(&s);
	ofs__web_free(&s);
	ofs__cache_free(s.cache);
	return rc;
}
