#!/bin/sh
# contrib/arxivpipe-daily.yml is valid YAML and a workflow equivalent to
# the bot's: weekdays on a schedule and by hand, the key from a secret,
# arxivpipe-daily run, README.md and the feeds committed, a keep-alive.
# Its shell steps parse under sh -n.
. "$ROOT/tests/lib/common.sh"
case $BIN in */san/*) exit 0 ;; esac
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 - "$ROOT/contrib/arxivpipe-daily.yml" "$d" <<'PY'
import sys
try:
    import yaml
except ImportError:
    print("ok - contrib-actions: skipped, no python3-yaml")
    sys.exit(0)
path, tmp = sys.argv[1], sys.argv[2]
def check(what, cond):
    print(("ok - " if cond else "not ok - ") + "contrib-actions: " + what)
try:
    w = yaml.safe_load(open(path, encoding="utf-8"))
    check("the workflow is valid YAML", isinstance(w, dict))
except yaml.YAMLError as e:
    check("the workflow is valid YAML (%s)" % e, False)
    sys.exit(0)
on = w.get("on", w.get(True))        # YAML 1.1 reads a bare on as true
crons = [s.get("cron") for s in (on or {}).get("schedule", [])]
check("a schedule on weekdays", any(c and c.split()[4] == "1-5" for c in crons))
check("a Run workflow button", "workflow_dispatch" in (on or {}))
check("it may push", w.get("permissions", {}).get("contents") == "write")
steps = [s for j in w.get("jobs", {}).values() for s in j.get("steps", [])]
runs = "\n".join(s.get("run", "") for s in steps)
check("arxivpipe-daily runs", "/bin/arxivpipe-daily\" -c config.json -o ." in runs)
envs = {k: v for s in steps for k, v in (s.get("env") or {}).items()}
check("the key from a secret",
      envs.get("DASHSCOPE_API_KEY") == "${{ secrets.DASHSCOPE_API_KEY }}")
check("README.md and the feeds committed",
      all(f in runs for f in ("README.md", "rss.xml", "rss ", "state/seen"))
      and "git push" in runs)
check("a keep-alive commit", "--allow-empty" in runs)
check("the summary cache kept",
      any(s.get("uses", "").startswith("actions/cache") for s in steps))
for i, s in enumerate(steps):
    if "run" in s:
        # ${{ ... }} expressions are GitHub's, not the shell's.
        with open("%s/step%d.sh" % (tmp, i), "w") as f:
            f.write(s["run"].replace("${{", "X").replace("}}", "X"))
PY
for f in "$d"/step*.sh; do
	[ -f "$f" ] || continue
	check "contrib-actions: step ${f##*/step} parses under sh -n" sh -n "$f"
done
