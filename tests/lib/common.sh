# Shared setup for test scripts and e2e cases: sourced, never run.
#
# ROOT is the repository; FIX the bundled fixtures; TESTLIB this folder.
# Script tests report with ok/not_ok/check so the runner can count them.
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
FIX=$ROOT/tests/fixtures
TESTLIB=$ROOT/tests/lib
export ROOT FIX TESTLIB
export LC_ALL=C.UTF-8 TZ=UTC
# Sanitizer reports fail the test loudly; leaks count.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}
# Never let a test reach a real cache or config of the user running it.
export XDG_CACHE_HOME=${TMPDIR:-/tmp}/arxivpipe-test-cache.$$
unset ARXIVPIPE_API_KEY OPENAI_API_KEY DASHSCOPE_API_KEY 2>/dev/null || true

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
# check "what" command...: ok if the command succeeds.
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server ROUTES ROOT DIR: tests/lib/server.py on a free port of
# 127.0.0.1, its log in DIR/log; sets S (the base URL) and pid, and a
# trap that stops it and removes DIR when the script ends.  Proxies are
# turned off so that requests stay on this machine.
start_server() {
	port=$(free_port)
	"${PY:-python3}" "$TESTLIB/server.py" --routes "$1" --root "$2" \
	    --log "$3/log" --port "$port" --ready "$3/ready" >/dev/null &
	pid=$!
	# shellcheck disable=SC2064
	trap "kill $pid 2>/dev/null; rm -rf '$3'" EXIT
	i=0
	while [ ! -f "$3/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	S=http://127.0.0.1:$port
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
	export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
}
