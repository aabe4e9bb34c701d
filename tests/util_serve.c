/*
 * util_serve.c: the server under test and a plain HTTP client (see
 * util_serve.h).
 */
#include "util_serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"

/* Start searcher --serve on a free port over db; the port is read from
 * its first line. */
void ofs_test_server_start(ofs_test_server *s)
{
	int fd[2];
	char exe[4096], line[256] = "";
	FILE *f;
	ck_assert_int_eq(pipe(fd), 0);
	snprintf(exe, sizeof exe, "%s/searcher", ofs_test_build());
	s->pid = fork();
	ck_assert_int_ge(s->pid, 0);
	if (s->pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(exe, exe, "--db", s->db, "--serve", s->ipv6 ? "[::1]:0" : "127.0.0.1:0",
		      (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	fclose(f);
	ck_assert_msg(sscanf(line, s->ipv6 ? "ofsearch: serving http://[::1]:%d/"
					   : "ofsearch: serving http://127.0.0.1:%d/", &s->port) == 1,
		      "first line: %s", line);
}

/* Stop it with SIGTERM; returns its exit status. */
int ofs_test_server_stop(ofs_test_server *s)
{
	int st = -1;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, &st, 0);
		s->pid = 0;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int ofs_test_connect(const ofs_test_server *s)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
	struct sockaddr_in6 sa6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)s->port)};
	int fd = socket(s->ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	inet_pton(AF_INET6, "::1", &sa6.sin6_addr);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(s->ipv6 ? connect(fd, (struct sockaddr *)&sa6, sizeof sa6)
				 : connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}

void ofs_test_send(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t k = write(fd, s, n);
		ck_assert_int_gt(k, 0);
		s += k;
		n -= (size_t)k;
	}
}

/* Read one response on fd: its status, *body (caller frees) of the
 * length its Content-Length says; *headers the header block. */
int ofs_test_read_response(int fd, char **body, char **headers)
{
	size_t cap = 1 << 16, len = 0, need = 0, head = 0; /* head: where the body starts */
	char *buf = malloc(cap), *end;
	int status = -1;
	ck_assert_ptr_nonnull(buf);
	for (;;) {
		if (len + 1 >= cap)
			ck_assert_ptr_nonnull(buf = realloc(buf, cap *= 2));
		if (head && len >= need)
			break;
		ssize_t k = read(fd, buf + len, cap - len - 1);
		if (k <= 0)
			break;
		len += (size_t)k;
		buf[len] = '\0';
		if (!head && (end = strstr(buf, "\r\n\r\n"))) {
			const char *cl = strcasestr(buf, "\r\nContent-Length:");
			head = (size_t)(end + 4 - buf);
			need = head + (cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0);
		}
	}
	buf[len] = '\0';
	ck_assert_msg(head != 0, "no response: %s", buf);
	sscanf(buf, "HTTP/1.1 %d", &status);
	buf[head - 4] = '\0';
	if (body)
		*body = strdup(buf + head);
	if (headers)
		*headers = strdup(buf);
	free(buf);
	return status;
}

/* GET path (as is: tests send hostile paths) on a new connection. */
int ofs_test_get(const ofs_test_server *s, const char *path, char **body)
{
	char req[16384];
	int fd = ofs_test_connect(s), st;
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path);
	ofs_test_send(fd, req);
	st = ofs_test_read_response(fd, body, NULL);
	close(fd);
	return st;
}


/* Index what (quoted for the shell) and a hostile paragraph into a new
 * folder; the shared sample has files that fail on purpose (exit 1). */
void ofs_test_index_into(ofs_test_server *s, const char *what)
{
	char cmd[8192];
	s->dir = ofs_test_tmpdir();
	ck_assert_ptr_nonnull(s->dir);
	ck_assert_int_ge(asprintf(&s->db, "%s/db", s->dir), 0);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/extra' && printf 'Hostile paragraphs\\n\\n"
		 "A paragraph with <script>alert(1)</script> and <img src=x onerror=alert(2)> "
		 "zebracrossing & more.\\n' > '%s/extra/hostile.txt' && "
		 "{ %s/indexer --db '%s' %s '%s/extra' >/dev/null 2>&1; test $? -le 1; }",
		 s->dir, s->dir, ofs_test_build(), s->db, what, s->dir);
	ck_assert_int_eq(system(cmd), 0);
}

void ofs_test_server_free(ofs_test_server *s)
{
	if (s->dir)
		ofs_test_rmdir(s->dir);
	free(s->db);
	s->dir = s->db = NULL;
}
