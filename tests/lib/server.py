#!/usr/bin/env python3
"""A declarative test HTTP server for arxiv-fetch (standard library only).

It listens on 127.0.0.1 only and serves what a routes file says, with
faults injected on demand.  Every request is logged as one JSON line
(time, method, path, query, headers) so tests can check request spacing,
headers and counts from the server's own clock.

    server.py --routes R.json [--root DIR] [--log FILE] [--port N]
              [--ready FILE]                    serve until killed
    server.py --routes R.json ... -- CMD ARG... run CMD while serving

Without --port (or with --port 0) a free port is chosen.  The port is
printed on stdout (standalone mode) and written to --ready FILE once the
server accepts connections.  In wrapper mode CMD runs with SERVER set to
"http://127.0.0.1:PORT" and inherits stdin, stdout and stderr; the server
stops when CMD ends and server.py exits with CMD's status.  CMD gets a
proxy on the discard port for every host but 127.0.0.1, so a request a
test did not mean to make fails at once instead of reaching the internet.

Routes file: {"routes": [ROUTE, ...]}, tried in order; the first whose
"path" equals the request path and whose "query" (an object, optional)
is a subset of the request's query parameters answers.  A ROUTE is a
RESPONSE, or has "responses": [RESPONSE, ...], the n-th request to the
route getting the n-th response (the last one repeats).  A RESPONSE has:

    status        HTTP status (200)
    file          body from a file under --root
    body          body as a string (UTF-8)
    body_hex      body as hex bytes (for invalid UTF-8)
    type          Content-Type (guessed from the file name otherwise)
    headers       more headers, an object
    location      Location header (for redirects)
    etag          ETag; a matching If-None-Match gets 304
    last_modified Last-Modified; an equal If-Modified-Since gets 304
    gzip          true: gzip the body if the client accepts it
    delay         seconds to wait before answering (a hang)
    truncate      send only this many body bytes, then close
    hang_after_headers  seconds to wait after the header, before the body
    trickle       seconds to wait before each body byte (a slow server)
    header_pad    bytes of padding headers to add (a huge header)
    header_pad_lines    how many header lines the padding is split over (1)
Unmatched requests get 404.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOG_HEADERS = ("User-Agent", "From", "If-None-Match", "If-Modified-Since",
               "Accept-Encoding")


class State:
    def __init__(self, routes, root, log):
        self.routes = routes
        self.root = root
        self.log = log
        self.lock = threading.Lock()
        self.counts = {}


def guess_type(name):
    if name.endswith(".html"):
        return "text/html; charset=utf-8"
    if name.endswith(".xml"):
        return "application/xml; charset=utf-8"
    return "text/plain; charset=utf-8"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "arxivpipe-test-server"
    # Headers and body go out in separate writes: without this, Nagle's
    # algorithm and delayed ACKs add 40 ms to every kept-alive request.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self, parts):
        st = self.server.state
        entry = {
            "t": time.time(),
            "method": self.command,
            "path": parts.path,
            "query": parts.query,
            "headers": {h: self.headers[h] for h in LOG_HEADERS
                        if self.headers[h] is not None},
        }
        if st.log:
            with st.lock, open(st.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

    def pick(self, parts):
        st = self.server.state
        query = parse_qs(parts.query, keep_blank_values=True)
        for i, route in enumerate(st.routes):
            if route.get("path") != parts.path:
                continue
            want = route.get("query", {})
            if any(query.get(k) != [v] for k, v in want.items()):
                continue
            if "responses" not in route:
                return route
            with st.lock:
                n = st.counts.get(i, 0)
                st.counts[i] = n + 1
            seq = route["responses"]
            return seq[min(n, len(seq) - 1)]
        return None

    def body_of(self, r):
        st = self.server.state
        if "file" in r:
            with open(os.path.join(st.root, r["file"]), "rb") as f:
                return f.read()
        if "body_hex" in r:
            return bytes.fromhex(r["body_hex"])
        return r.get("body", "").encode("utf-8")

    def do_GET(self):
        parts = urlsplit(self.path)
        self.log_request_line(parts)
        r = self.pick(parts)
        if r is None:
            r = {"status": 404, "body": "not found\n"}
        if r.get("delay"):
            time.sleep(float(r["delay"]))
        status = int(r.get("status", 200))
        body = self.body_of(r)
        etag = r.get("etag")
        lm = r.get("last_modified")
        if status == 200 and (
                (etag and self.headers["If-None-Match"] == etag) or
                (lm and not etag and
                 self.headers["If-Modified-Since"] == lm)):
            status, body = 304, b""
        headers = {}
        if status != 304 and (body or "file" in r):
            headers["Content-Type"] = r.get("type") or guess_type(
                r.get("file", ""))
        if etag:
            headers["ETag"] = etag
        if lm:
            headers["Last-Modified"] = lm
        if r.get("location"):
            headers["Location"] = r["location"]
        headers.update(r.get("headers", {}))
        pad = int(r.get("header_pad", 0))
        nlines = max(1, int(r.get("header_pad_lines", 1)))
        for i in range(nlines if pad else 0):
            headers["X-Padding-%d" % i] = "a" * (pad // nlines)
        if (r.get("gzip") and status == 200 and
                "gzip" in (self.headers["Accept-Encoding"] or "")):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        if r.get("truncate") is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if status == 304:
            return
        if r.get("truncate") is not None:
            body = body[:int(r["truncate"])]
        try:
            self.wfile.flush()
            if r.get("hang_after_headers"):
                time.sleep(float(r["hang_after_headers"]))
            if r.get("trickle"):
                for i in range(len(body)):
                    time.sleep(float(r["trickle"]))
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
            else:
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_HEAD = do_GET


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gives up (a size cap, a timeout) is no error here.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--routes", required=True)
    ap.add_argument("--root", default=".")
    ap.add_argument("--log")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--ready")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    with open(a.routes, encoding="utf-8") as f:
        routes = json.load(f)["routes"]
    srv = Server(("127.0.0.1", a.port), Handler)
    srv.state = State(routes, a.root, a.log)
    port = srv.server_address[1]
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    if a.ready:
        tmp = a.ready + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, a.ready)
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        print(port, flush=True)
        try:
            t.join()
        except KeyboardInterrupt:
            pass
        return 0
    return run_command(srv, cmd, "http://127.0.0.1:%d" % port)


def run_command(srv, cmd, url):
    """Run cmd with SERVER=url, then stop srv; the command's status.
    Tests never reach the internet: any request not for 127.0.0.1 goes
    to a proxy that is not there (the discard port) and fails at once."""
    env = dict(os.environ, SERVER=url)
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
              "no_proxy", "NO_PROXY"):
        env.pop(k, None)
    env.update(ALL_PROXY="http://127.0.0.1:9", all_proxy="http://127.0.0.1:9",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    rc = subprocess.call(cmd, env=env)
    srv.shutdown()
    return rc if rc >= 0 else 128 - rc


if __name__ == "__main__":
    sys.exit(main())
