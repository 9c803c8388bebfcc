#!/usr/bin/env python3
"""An OpenAI-compatible stand-in for arxiv-summarize's tests (stdlib only).

It listens on 127.0.0.1 only and answers POST .../chat/completions with
the real response bodies of tests/fixtures/llm/, with latency and faults
injected on demand.  Every request is logged as one JSON line (start and
end time, how many requests were in flight when it arrived, the paper it
was about, whether the key was right, the request body) so tests read
concurrency, retries and request contents from the server's own log
(every header but Authorization, whose check is logged as auth_ok).

    llm_server.py [--plan P.json] [--root DIR] [--log FILE] [--key KEY]
                  [--latency S] -- CMD ARG...

CMD runs with SERVER set to "http://127.0.0.1:PORT/v1" and a proxy on
the discard port for every other host; the server stops when CMD ends and
llm_server.py exits with CMD's status.

A request is about the paper named on its "arXiv: ID" line.  The plan
file: {"papers": {ID: [RESPONSE, ...]}, "default": RESPONSE}; the n-th
request about ID gets the n-th response of its list (the last repeats),
any other request the default.  Without --key every key is accepted;
with it, a request without "Authorization: Bearer KEY" gets the real
DashScope 401 body.  A RESPONSE has:

    file      a fixture under --root: its bytes are the body
    echo      with a JSON "file": its choices[0].message.content becomes
              "Summary of ID: TITLE." (the default: the gpt-4o-mini reply)
    status    HTTP status (200)
    headers   more headers, an object (e.g. {"Retry-After": "1"})
    delay     seconds before answering (past the client's timeout: a hang)
    reset     true: close the connection without answering
    body      the body as a string (malformed JSON, say)
"""

import argparse
import json
import os
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from server import run_command  # tests/lib/server.py, beside this file

DEFAULT = {"file": "openai_chat_completion_gpt-4o-mini_stop.json",
           "echo": True}


class State:
    def __init__(self, plan, root, log, key, latency):
        self.plan = plan
        self.root = root
        self.log = log
        self.key = key
        self.latency = latency
        self.lock = threading.Lock()
        self.counts = {}
        self.in_flight = 0


def paper_of(req):
    """The arXiv id and title of the paper a request is about."""
    try:
        user = [m["content"] for m in req["messages"]
                if m.get("role") == "user"][-1]
    except (KeyError, IndexError, TypeError):
        return None, None
    m = re.search(r"^arXiv: (\S+)$", user, re.M)
    t = re.search(r"^Title: (.*)$", user, re.M)
    return (m.group(1) if m else None), (t.group(1) if t else "")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "arxivpipe-llm-stand-in"
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def pick(self, paper):
        st = self.server.state
        seq = st.plan.get("papers", {}).get(paper)
        if not seq:
            return st.plan.get("default", DEFAULT)
        with st.lock:
            n = st.counts.get(paper, 0)
            st.counts[paper] = n + 1
        return seq[min(n, len(seq) - 1)]

    def body_of(self, r, paper, title):
        st = self.server.state
        if "file" in r:
            with open(os.path.join(st.root, r["file"]), "rb") as f:
                data = f.read()
            if r.get("echo"):
                obj = json.loads(data)
                obj["choices"][0]["message"]["content"] = \
                    "Summary of %s: %s." % (paper, title)
                data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            return data
        return r.get("body", "").encode("utf-8")

    def do_POST(self):
        st = self.server.state
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n)
        with st.lock:
            st.in_flight += 1
            flight = st.in_flight
        t0 = time.time()
        try:
            req = json.loads(raw)
        except ValueError:
            req = None
        paper, title = paper_of(req) if isinstance(req, dict) else (None, "")
        auth = self.headers.get("Authorization")
        auth_ok = st.key is None or auth == "Bearer " + st.key
        if not self.path.endswith("/chat/completions"):
            r = {"status": 404, "file": "openai_error_404_model_not_found.json"}
        elif not auth_ok:
            r = {"status": 401, "file": "dashscope_error_401_invalid_api_key.json"}
        else:
            r = self.pick(paper)
        try:
            time.sleep(float(r.get("delay", st.latency)))
            if r.get("reset"):
                # RST instead of FIN: a dropped connection.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER,
                    struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()
                return
            body = self.body_of(r, paper, title)
            status = int(r.get("status", 200))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for k, v in r.get("headers", {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            with st.lock:
                st.in_flight -= 1
                if st.log:
                    with open(st.log, "a", encoding="utf-8") as f:
                        f.write(json.dumps({
                            "start": t0, "end": time.time(),
                            "in_flight": flight, "path": self.path,
                            "paper": paper, "auth_ok": auth_ok,
                            "user_agent": self.headers.get("User-Agent"),
                            "headers": {k: v for k, v in self.headers.items()
                                        if k.lower() != "authorization"},
                            "request": req}, ensure_ascii=False) + "\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError,
                                          OSError)):
            return
        super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plan")
    ap.add_argument("--root", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "llm"))
    ap.add_argument("--log")
    ap.add_argument("--key")
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    plan = {}
    if a.plan:
        with open(a.plan, encoding="utf-8") as f:
            plan = json.load(f)
    srv = Server(("127.0.0.1", 0), Handler)
    srv.state = State(plan, a.root, a.log, a.key, a.latency)
    port = srv.server_address[1]
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("a command to run is needed")
    return run_command(srv, cmd, "http://127.0.0.1:%d/v1" % port)


if __name__ == "__main__":
    sys.exit(main())
