#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpname.h"
#include "http.h"

static struct http *h;
static char dir[64];

static int
setup(void **state)
{
	char err[256];

	(void)state;
	if (test_mkdtemp(dir, sizeof(dir), "test_http") == NULL || http_global_init(err, sizeof(err)) == -1)
		return -1;
	return (h = http_new(err, sizeof(err))) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	http_free(h);
	http_global_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A socket on 127.0.0.1, bound to a free port; listening if asked. */
static int
local_socket(int listening, int *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	if (listening)
		assert_int_equal(listen(fd, 1), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

/*
 * A one-shot server in a child process: it reads one request and
 * answers with reply, followed by the request it got as the body.
 */
static pid_t
serve_once(int fd, const char *status_line, const char *headers)
{
	char req[8192], head[1024];
	ssize_t n, got = 0;
	pid_t pid;
	int c;

	if ((pid = fork()) != 0)
		return pid;
	c = accept(fd, NULL, NULL);
	for (;;) {
		n = read(c, req + got, sizeof(req) - 1 - (size_t)got);
		if (n <= 0)
			break;
		got += n;
		req[got] = '\0';
		/* The test's bodies are short and end with "}". */
		if (strstr(req, "\r\n\r\n") && (strstr(req, "GET ") == req ||
		    req[got - 1] == '}'))
			break;
	}
	n = snprintf(head, sizeof(head), "%s\r\n%sContent-Length: %zd\r\n"
	    "Connection: close\r\n\r\n", status_line, headers, got);
	if (write(c, head, (size_t)n) < 0 || write(c, req, (size_t)got) < 0)
		_exit(1);
	close(c);
	_exit(0);
}

static void
test_post_and_headers(void **state)
{
	static const char *const hdrs[] = {
		"Content-Type: application/json", "Authorization: Bearer k", NULL
	};
	struct http_request rq;
	struct http_response resp;
	char url[64], err[256];
	int fd, port, status;
	pid_t pid;

	(void)state;
	fd = local_socket(1, &port);
	pid = serve_once(fd, "HTTP/1.1 201 Created",
	    "Content-Type: text/plain\r\nETag: \"e1\"\r\n"
	    "Last-Modified: Sun, 29 Nov 2026 10:00:00 GMT\r\n"
	    "Retry-After: 7\r\n");
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/v1/chat", port);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.headers = hdrs;
	rq.body = "{\"a\":1}";
	rq.body_len = 7;
	rq.user_agent = "test/1";
	rq.timeout = 10;
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), 0);
	assert_int_equal(resp.status, 201);
	assert_int_equal(resp.error, HTTP_E_NONE);
	assert_string_equal(resp.content_type, "text/plain");
	assert_string_equal(resp.etag, "\"e1\"");
	assert_string_equal(resp.last_modified,
	    "Sun, 29 Nov 2026 10:00:00 GMT");
	assert_string_equal(resp.retry_after, "7");
	assert_non_null(strstr(resp.body.data, "POST /v1/chat HTTP/1.1\r\n"));
	assert_non_null(strstr(resp.body.data, "User-Agent: test/1\r\n"));
	assert_non_null(strstr(resp.body.data,
	    "Content-Type: application/json\r\n"));
	assert_non_null(strstr(resp.body.data, "\r\n\r\n{\"a\":1}"));
	http_response_free(&resp);
	waitpid(pid, &status, 0);
	close(fd);
}

static void
test_size_cap(void **state)
{
	struct http_request rq;
	struct http_response resp;
	char url[64], err[256];
	int fd, port, status;
	pid_t pid;

	(void)state;
	fd = local_socket(1, &port);
	pid = serve_once(fd, "HTTP/1.1 200 OK", "");
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/big", port);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.timeout = 10;
	rq.max_size = 10;
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), -1);
	assert_int_equal(resp.error, HTTP_E_TOO_LARGE);
	assert_string_equal(err, "response larger than 10 bytes");
	assert_false(http_error_transient(resp.error));
	http_response_free(&resp);
	waitpid(pid, &status, 0);
	close(fd);
}

static void
test_refused(void **state)
{
	struct http_request rq;
	struct http_response resp;
	char url[64], err[256];
	int fd, port;

	(void)state;
	/* Bound but not listening: the connection is refused. */
	fd = local_socket(0, &port);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/?token=secret", port);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.timeout = 5;
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), -1);
	assert_int_equal(resp.error, HTTP_E_CONNECT);
	assert_true(http_error_transient(resp.error));
	assert_int_equal(strncmp(err, "cannot connect: ", 16), 0);
	assert_null(strstr(err, "secret"));
	http_response_free(&resp);
	close(fd);
}

static void
test_file(void **state)
{
	struct http_request rq;
	struct http_response resp;
	char path[128], url[160], err[256];
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/doc.xml", dir);
	fp = fopen(path, "w");
	fputs("<feed/>\n", fp);
	fclose(fp);
	snprintf(url, sizeof(url), "file://%s", path);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	/* Not allowed unless asked for. */
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), -1);
	assert_int_equal(resp.error, HTTP_E_PROTOCOL);
	http_response_free(&resp);
	rq.allow_file = 1;
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), 0);
	assert_int_equal(resp.status, 0);
	assert_string_equal(resp.body.data, "<feed/>\n");
	http_response_free(&resp);
	snprintf(url, sizeof(url), "file://%s/missing", dir);
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), -1);
	assert_int_equal(resp.error, HTTP_E_FILE);
	assert_int_equal(strncmp(err, "cannot read file: ", 18), 0);
	http_response_free(&resp);
	/* An empty file is an empty body, not a NULL one. */
	snprintf(path, sizeof(path), "%s/empty", dir);
	fclose(fopen(path, "w"));
	snprintf(url, sizeof(url), "file://%s", path);
	assert_int_equal(http_perform(h, &rq, &resp, err, sizeof(err)), 0);
	assert_non_null(resp.body.data);
	assert_int_equal(resp.body.len, 0);
	http_response_free(&resp);
}

static void
test_reason(void **state)
{
	(void)state;
	assert_string_equal(http_reason(404), "Not Found");
	assert_string_equal(http_reason(503), "Service Unavailable");
	assert_string_equal(http_reason(299), "");
	assert_true(http_error_transient(HTTP_E_TIMEOUT));
	assert_true(http_error_transient(HTTP_E_TRANSFER));
	assert_false(http_error_transient(HTTP_E_RESOLVE));
	assert_false(http_error_transient(HTTP_E_REDIRECTS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_and_headers),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_reason),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
