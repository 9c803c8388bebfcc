#!/bin/sh
# The full-text path end to end: arxiv-parse turns the real LaTeXML page
# (and a PDF the test writes) into "fulltext" records, arxiv-summarize
# pairs each with its paper by id and version wherever it is in the input,
# and sends the text cut to max_input_tokens, the most useful parts first;
# a paper with no full text falls back to its abstract.
. "$ROOT/tests/lib/common.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cd "$t" || exit 1
export DASHSCOPE_API_KEY=k XDG_CACHE_HOME=$t/cache
srv=$TESTLIB/llm_server.py

arxiv-parse "$FIX/html/arxiv_html_2501.11120v1_latexml.html" >ft.ndjson
cat >paper.ndjson <<'EOF'
{"kind":"paper","id":"2501.11120","version":1,"arxiv_id":"2501.11120v1","title":"Tell me about yourself: LLMs are aware of their learned behaviors","abstract":"We study behavioral self-awareness."}
EOF
cat >other.ndjson <<'EOF'
{"kind":"paper","id":"2501.99999","version":2,"arxiv_id":"2501.99999v2","title":"No full text","abstract":"Only an abstract."}
{"kind":"paper","id":"2501.11120","version":2,"arxiv_id":"2501.11120v2","title":"Another version","abstract":"Version two."}
EOF
run() {	# run LOG ARGS...
	log=$1
	shift
	python3 "$srv" --log "$log" -- sh -c \
	    'exec arxiv-summarize --no-cache --api-base "$SERVER" --model m "$@"' sh "$@"
}
sent() {	# sent LOG ID: the user message sent about ID
	jq -r --arg id "$2" 'select(.paper == $id) | .request.messages[1].content' "$1"
}

cat paper.ndjson ft.ndjson other.ndjson >in1.ndjson
run log1 in1.ndjson >out1 2>err1
check "fulltext: status 0, every record passed on in order" sh -c \
    'test $? -eq 0 && jq -r .kind out1 | tr "\n" " " | grep -qx "paper fulltext paper paper "' 
check "fulltext: the paper read its HTML full text" \
    test "$(jq -r 'select(.kind == "paper" and .arxiv_id == "2501.11120v1") | .summary.input' out1)" = html
check "fulltext: the fulltext record passes on unchanged" \
    sh -c 'sed -n 2p out1 | cmp -s - ft.ndjson'
check "fulltext: no full text, or another version: the abstract" \
    test "$(jq -r 'select(.arxiv_id != "2501.11120v1" and .kind == "paper") | .summary.input' out1 | tr '\n' ' ')" = "abstract abstract "
sent log1 2501.11120v1 >msg1
check "fulltext: the sections are sent, abstract and introduction first" sh -c '
	grep -q "^Full text:$" msg1 && grep -q "^## 1 Introduction$" msg1 &&
	grep -q "^## 8 Conclusion$" msg1 && ! grep -q "^## Abstract$" msg1'
check "fulltext: the default budget (20000 tokens) cuts the appendix first" sh -c '
	grep -q "^## 6 Related work$" msg1 && ! grep -q "^## C.4.4 Related work and limitations$" msg1 &&
	test "$(wc -c <msg1)" -lt 84000'

# The fulltext before its paper pairs too; a small budget keeps the
# introduction and the conclusion, not the related work.
printf '{"ai_summary":{"max_input_tokens":2500}}\n' >small.json
cat ft.ndjson paper.ndjson >in2.ndjson
run log2 -c small.json in2.ndjson >out2 2>err2
sent log2 2501.11120v1 >msg2
check "fulltext: paired when it comes first" \
    test "$(jq -r 'select(.kind == "paper") | .summary.input' out2)" = html
check "fulltext: max_input_tokens 2500 keeps introduction and conclusion" sh -c '
	grep -q "^## 1 Introduction$" msg2 && grep -q "^## 8 Conclusion$" msg2 &&
	! grep -q "^## 6 Related work$" msg2 &&
	test "$(wc -c <msg2)" -lt 12000'
run log3 --input abstract in1.ndjson >out3 2>err3
check "fulltext: --input abstract ignores the full text" \
    test "$(jq -r 'select(.kind == "paper" and .arxiv_id == "2501.11120v1") | .summary.input' out3)" = abstract
check "fulltext: --dry-run estimates the full text" sh -c '
	unset DASHSCOPE_API_KEY
	arxiv-summarize --dry-run --api-base http://127.0.0.1:9/v1 --model m in1.ndjson 2>&1 >/dev/null |
	    grep -q "^arxiv-summarize: paper 2501.11120v1: would send html, about [0-9]* tokens"'
