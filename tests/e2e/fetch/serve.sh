# Sourced by the fetch cases' cmd files.
#
# serve 'COMMAND': run the shell command while tests/lib/server.py serves
# $ROUTES (default: routes.json next to this file) from the fixtures, with
# SERVER set to its address; then print the command's stdout and stderr
# with the address shown as http://SERVER, each "fetched_at" as "T" and
# the fixtures directory as FIX, and return the command's status.  The
# server's request log is left in ./log.
ROUTES=${ROUTES:-$CASE/../routes.json}
# Debian's python3 starts faster than a version manager's shim.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

norm() {
	sed -e 's|127\.0\.0\.1:[0-9][0-9]*|SERVER|g' \
	    -e 's/"fetched_at":"[0-9TZ:-]*"/"fetched_at":"T"/g' \
	    -e "s|$FIX|FIX|g"
}

serve() {
	$PY "$TESTLIB/server.py" --routes "$ROUTES" --root "$FIX" \
	    --log log -- sh -c "$1" >.serve-out 2>.serve-err
	rc=$?
	norm <.serve-out
	norm <.serve-err >&2
	rm -f .serve-out .serve-err
	return $rc
}

# summary: each response without its body, which is given by its length;
# records of other kinds as they are.
summary() {
	jq -c 'if .kind == "response" then {url, status, page, from_cache,
	    error, body: (.body | length)} else . end'
}
