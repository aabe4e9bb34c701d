/*
 * util_serve.h: the server under test (searcher --serve on a free
 * loopback port over an index of its own) and a plain HTTP/1.1 client,
 * for the API and browser tests.
 */
#ifndef OFS_UTIL_SERVE_H
#define OFS_UTIL_SERVE_H

#include <sys/types.h>

typedef struct ofs_test_server {
	char *dir, *db; /* a temporary folder and the index in it */
	pid_t pid;      /* 0 when not running */
	int port;
	int ipv6;       /* listen on [::1] instead of 127.0.0.1 */
} ofs_test_server;

/* Index what (paths quoted for the shell) and a paragraph with <script>
 * and <img onerror> (the word "zebracrossing" finds it) into a new
 * folder; the indexer may say some files failed (the shared sample has
 * such files on purpose).  Fails the test when it cannot. */
void ofs_test_index_into(ofs_test_server *s, const char *what);

/* Start searcher --serve over s->db on a free port, read from its first
 * line.  Fails the test when it does not start. */
void ofs_test_server_start(ofs_test_server *s);

/* Stop it with SIGTERM; returns its exit status (-1 if killed). */
int ofs_test_server_stop(ofs_test_server *s);

/* Remove its folder and free its strings. */
void ofs_test_server_free(ofs_test_server *s);

/* A new connection to the server. */
int ofs_test_connect(const ofs_test_server *s);

/* Write all of s to fd. */
void ofs_test_send(int fd, const char *s);

/* Read one response on fd: returns its status; *body (caller frees) is
 * as long as its Content-Length says, *headers the header block (either
 * may be NULL). */
int ofs_test_read_response(int fd, char **body, char **headers);

/* GET path, sent as it is (tests send hostile paths), on a connection
 * of its own: the status, and *body (caller frees; body may be NULL). */
int ofs_test_get(const ofs_test_server *s, const char *path, char **body);

#endif
