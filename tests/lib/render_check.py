"""Read arxiv-render's documents the way their consumers do.

    render_check.py feed FILE N        feedparser: no error, N entries
    render_check.py jsonfeed FILE N    JSON Feed 1.1 required fields
    render_check.py email FILE N       Python's email package
    render_check.py markdown FILE N    cmark-gfm (libcmark-gfm) to HTML
    render_check.py html FILE N        the page's markup

Each prints one line per finding and exits 1 if any; N is the number of
papers expected.  For markdown and html it also checks that nothing from
the records became live markup: no script but the page's own, no event
handler attribute, no javascript: or data: link, no image, no comment,
and one <details> block per summary, each closed.
"""
import ctypes
import ctypes.util
import email
import email.policy
import html.parser
import json
import sys

bad = []


def fail(msg):
    bad.append(msg)
    print("render_check: " + msg, file=sys.stderr)


class Markup(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.depth = {"details": 0}
        self.maxdepth = 0
        self.comments = 0
        self.attrs = []
        self.articles = 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "details":
            self.depth["details"] += 1
            self.maxdepth = max(self.maxdepth, self.depth["details"])
        if tag == "article":
            self.articles += 1
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))

    def handle_endtag(self, tag):
        if tag == "details":
            self.depth["details"] -= 1
            if self.depth["details"] < 0:
                fail("a </details> closes a block it did not open")

    def handle_comment(self, data):
        self.comments += 1


def markup(text, scripts, details, styles=1):
    m = Markup()
    m.feed(text)
    m.close()
    if m.tags.get("script", 0) != scripts:
        fail("%d script elements, want %d" % (m.tags.get("script", 0),
                                              scripts))
    for t in ("img", "iframe", "object", "embed", "form", "svg", "math"):
        if t in m.tags:
            fail("a <%s> element" % t)
    if m.tags.get("style", 0) != styles:
        fail("%d <style> elements, want %d" % (m.tags.get("style", 0),
                                              styles))
    if m.comments:
        fail("%d HTML comments" % m.comments)
    for tag, k, v in m.attrs:
        if k.startswith("on"):
            fail("event handler %s on <%s>" % (k, tag))
        if k in ("href", "src") and not v.startswith(("http://", "https://",
                                                      "mailto:")):
            fail("<%s %s=%r>" % (tag, k, v))
    if details is not None and m.tags.get("details", 0) != details:
        fail("%d <details> blocks, want %d" % (m.tags.get("details", 0),
                                               details))
    if m.maxdepth > 1:
        fail("<details> blocks nested %d deep" % m.maxdepth)
    if m.depth["details"] != 0:
        fail("%d <details> blocks left open" % m.depth["details"])
    return m


def feed(path, n):
    import feedparser
    d = feedparser.parse(path)
    if d.bozo:
        fail("feedparser: %s" % d.bozo_exception)
    if len(d.entries) != n:
        fail("%d entries, want %d" % (len(d.entries), n))
    ids = [e.get("id") for e in d.entries]
    if len(set(ids)) != len(ids) or None in ids:
        fail("entry ids not unique: %r" % ids)
    for e in d.entries:
        if not e.get("title") or not e.get("link"):
            fail("an entry without title or link")
    say("feed: %s, %d entries, title %r" % (d.version, len(d.entries),
                                              d.feed.get("title")))


def jsonfeed(path, n):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if d.get("version") != "https://jsonfeed.org/version/1.1":
        fail("version %r" % d.get("version"))
    if not isinstance(d.get("title"), str):
        fail("no title")
    items = d.get("items")
    if not isinstance(items, list):
        fail("no items")
        return
    if len(items) != n:
        fail("%d items, want %d" % (len(items), n))
    for it in items:
        if not isinstance(it.get("id"), str):
            fail("an item without a string id")
        if not ("content_html" in it or "content_text" in it):
            fail("an item without content")
        for a in it.get("authors", []):
            if not isinstance(a.get("name"), str):
                fail("an author without a name")
    say("jsonfeed: %d items" % len(items))


def mail(path, n):
    with open(path, "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for h in msg.defects:
        fail("defect: %r" % h)
    if msg.get_content_type() != "multipart/alternative":
        fail("content type %s" % msg.get_content_type())
    parts = list(msg.iter_parts())
    types = [p.get_content_type() for p in parts]
    if types != ["text/plain", "text/html"]:
        fail("parts %r" % types)
    for p in parts:
        for d in p.defects:
            fail("part defect: %r" % d)
    for k in msg.keys():
        if k not in ("From", "To", "Subject", "Date", "MIME-Version",
                     "Content-Type"):
            fail("unexpected header %s: %r" % (k, msg[k]))
    body = parts[1].get_content() if len(parts) > 1 else ""
    markup(body, 0, None)
    say("email: subject %r, from %r, to %r, %d bytes of HTML" % (
        str(msg["Subject"]), str(msg["From"]), str(msg.get("To")),
        len(body)))


def cmark_html(text):
    name = ctypes.util.find_library("cmark-gfm") or "libcmark-gfm.so"
    lib = ctypes.CDLL(name)
    lib.cmark_markdown_to_html.restype = ctypes.c_void_p
    lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                           ctypes.c_int]
    raw = text.encode()
    # CMARK_OPT_UNSAFE: raw HTML kept, as GitHub keeps <details>.
    p = lib.cmark_markdown_to_html(raw, len(raw), 1 << 17)
    out = ctypes.string_at(p).decode()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free(p)
    return out


def markdown(path, n):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = cmark_html(text)
    summaries = text.count("\n<details>\n")
    m = markup(out, 0, summaries, 0)
    h3 = m.tags.get("h3", 0)
    if h3 != n:
        fail("%d paper headings, want %d" % (h3, n))
    say("markdown: %d papers, %d summaries" % (h3, summaries))


def page(path, n):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = markup(text, 1 if n else 0, None)
    if m.articles != n:
        fail("%d articles, want %d" % (m.articles, n))
    say("html: %d articles" % m.articles)


def say(msg):
    print(msg, file=sys.stderr)


def main():
    kind, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"feed": feed, "jsonfeed": jsonfeed, "email": mail,
     "markdown": markdown, "html": page}[kind](path, n)
    sys.exit(1 if bad else 0)


main()
