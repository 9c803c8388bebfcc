#!/bin/sh
# arxivpipe-daily's mail block: the digest sent with the configured
# sendmail command; a failing send is retried, reported, status 1, and
# the outputs and the commit stay.  SMTP through curl to a local stand-in.
. "$ROOT/tests/lib/common.sh"
d=$(mktemp -d)
smtppid=
[ -z "${KEEP:-}" ] || echo "# $d"
trap 'if [ -n "$smtppid" ]; then kill "$smtppid"; fi; [ -n "${KEEP:-}" ] || rm -rf "$d"' EXIT
mkdir -p "$d/feeds"
cp "$FIX/rss2/laya-reader_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_trimmed_4items.xml" \
    "$d/feeds/cs.LG+cs.AI"
cat >"$d/sendmail" <<EOF2
#!/bin/sh
echo "\$*" >>"$d/sendmail.args"
cat >"$d/sent.eml"
EOF2
printf '#!/bin/sh\necho x >>"%s/fail.count"\ncat >/dev/null\nexit 75\n' "$d" >"$d/failmail"
chmod +x "$d/sendmail" "$d/failmail"
jq --arg base "file://$d/feeds/" --arg sm "$d/sendmail -t -i" '.categories = ["cs.LG","cs.AI"]
    | .keywords = ["learning", "detection", "network"] | .min_score = 0
    | .arxiv = {rss_base: $base}
    | .mail = {to: "Me <me@example.org>", from: "Bot <bot@example.org>",
               subject: "arXiv today", sendmail: $sm}' \
    "$ROOT/examples/config.json" >"$d/config.json"
arxivpipe-daily -c "$d/config.json" -o "$d/out" --date 2026-09-25 2>"$d/err"
check "daily-mail: the run succeeds" test $? -eq 0
check "daily-mail: sendmail got its arguments" grep -qx -- '-t -i' "$d/sendmail.args"
check "daily-mail: the message has the headers" sh -c "grep -q '^To: Me <me@example.org>' '$d/sent.eml' &&
    grep -q '^Subject: arXiv today' '$d/sent.eml' && grep -q '^From: Bot <bot@example.org>' '$d/sent.eml'"
check "daily-mail: the summary line says it was mailed" \
    grep -q 'in .*/out/, mailed to Me <me@example.org>$' "$d/err"

jq --arg sm "$d/failmail" '.mail.sendmail = $sm' "$d/config.json" >"$d/config-fail.json"
rm -rf "$d/out2"
arxivpipe-daily -c "$d/config-fail.json" -o "$d/out2" --date 2026-09-25 2>"$d/err"
check "daily-mail: a failing send fails the run" test $? -eq 1
check "daily-mail: a failing send is tried 3 times" test "$(wc -l <"$d/fail.count")" -eq 3
check "daily-mail: a failing send is reported" grep -q 'the e-mail could not be sent after 3 attempts' "$d/err"
check "daily-mail: the outputs stay" test -s "$d/out2/README.md" -a -s "$d/out2/rss.xml"
check "daily-mail: the day is still committed" test -s "$d/out2/state/seen/2026-09-25.ndjson"

# SMTP, with the credentials from the environment, to a local stand-in.
port=$(free_port)
python3 - "$port" "$d/smtp.log" <<'PY' &
import socketserver, sys, base64
port, log = int(sys.argv[1]), sys.argv[2]
class H(socketserver.StreamRequestHandler):
    def handle(self):
        w = lambda s: self.wfile.write((s + "\r\n").encode())
        w("220 test ESMTP")
        data = False
        with open(log, "a") as f:
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                t = line.decode("utf-8", "replace").rstrip("\r\n")
                f.write(t + "\n")
                if data:
                    if t == ".":
                        data = False
                        w("250 queued")
                    continue
                u = t.upper()
                if u.startswith("EHLO"):
                    w("250-test"); w("250 AUTH PLAIN")
                elif u.startswith("AUTH PLAIN"):
                    parts = t.split()
                    if len(parts) < 3:
                        w("334 ")
                        parts.append(self.rfile.readline().decode().strip())
                    f.write("AUTH=" + base64.b64decode(parts[2]).decode() + "\n")
                    w("235 ok")
                elif u.startswith("DATA"):
                    data = True
                    w("354 go")
                elif u.startswith("QUIT"):
                    w("221 bye"); return
                else:
                    w("250 ok")
socketserver.TCPServer.allow_reuse_address = True
with socketserver.TCPServer(("127.0.0.1", port), H) as s:
    s.serve_forever()
PY
smtppid=$!
sleep 0.5
jq --arg url "smtp://127.0.0.1:$port" '.mail = {to: "Me <me@example.org>, you@example.org",
    smtp_url: $url, smtp_user_env: "T_USER", smtp_password_env: "T_PASS"}' \
    "$d/config.json" >"$d/config-smtp.json"
rm -rf "$d/out3"
T_USER=u T_PASS=secret arxivpipe-daily -c "$d/config-smtp.json" -o "$d/out3" \
    --date 2026-09-25 2>"$d/err"
check "daily-mail: SMTP send succeeds" test $? -eq 0
check "daily-mail: SMTP recipients" sh -c "grep -q 'RCPT TO:<me@example.org>' '$d/smtp.log' &&
    grep -q 'RCPT TO:<you@example.org>' '$d/smtp.log'"
check "daily-mail: SMTP credentials from the environment" grep -a -q "AUTH=.u.secret" "$d/smtp.log"
check "daily-mail: SMTP got the digest" grep -a -q "^Subject: " "$d/smtp.log"
