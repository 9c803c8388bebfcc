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
st=$?
check "fulltext: status 0, every record passed on in order" sh -c \
    'test "$0" -eq 0 && jq -r .kind out1 | tr "\n" " " | grep -qx "paper fulltext paper paper "' "$st"
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
# Several papers, each followed by its full text (arxiv-fetch fulltext's
# order): every one pairs.
for id in 2609.26811 2609.26820 2205.06398; do
	printf '{"kind":"paper","id":"%s","version":1,"title":"T","abstract":"A."}\n' "$id"
	jq -c --arg id "$id" '.id = $id | .arxiv_id = ($id + "v1")' ft.ndjson
done >in5.ndjson
run log5 in5.ndjson >out5 2>err5
check "fulltext: three papers, each with its full text after it" \
    test "$(jq -r 'select(.kind == "paper") | .summary.input' out5 | tr '\n' ' ')" = "html html html "
# A lone surrogate escape in a full text that is read: said once, with
# its line, as for a paper (arxivpipe(5), Values); status 1, and the
# paper is still summarised from it.
sed 's/"text":"/"text":"\\ud800/' ft.ndjson >ft6.ndjson
cat paper.ndjson ft6.ndjson >in6.ndjson
run log6 in6.ndjson >out6 2>err6
st=$?
check "fulltext: a lone surrogate in a full text is warned about, status 1" sh -c '
	test "$0" -eq 1 && test "$(grep -c "lone surrogate" err6)" -eq 1 &&
	grep -qx "arxiv-summarize: in6.ndjson:2: fulltext 2501.11120v1: lone surrogate escape read as U+FFFD" err6' "$st"
check "fulltext: ... and the paper still read it" \
    test "$(head -n 1 out6 | jq -r .summary.input)" = html
run log3 --input abstract in1.ndjson >out3 2>err3
check "fulltext: --input abstract ignores the full text" \
    test "$(jq -r 'select(.kind == "paper" and .arxiv_id == "2501.11120v1") | .summary.input' out3)" = abstract
check "fulltext: --dry-run estimates the full text" sh -c '
	unset DASHSCOPE_API_KEY
	arxiv-summarize --dry-run --api-base http://127.0.0.1:9/v1 --model m in1.ndjson 2>&1 >/dev/null |
	    grep -q "^arxiv-summarize: paper 2501.11120v1: would send html, about [0-9]* tokens"'

# A PDF the test writes (a minimal PDF 1.4 with Helvetica text, by hand):
# arxiv-parse reads it through poppler, raw or as a response's base64
# body, and the paper is summarised from it.
python3 "$TESTLIB/mkpdf.py" 2609.26811v1.pdf "Spectral Updates for Local Learning" \
    "Ada Lovelace" "Abstract" "Local learning trains each layer with its own loss." \
    "1 Introduction" "Backpropagation needs a global backward pass. We" \
    "propose spectral updates that keep layers stable." "2 Method" \
    "Each update is projected on the top singular vectors." "3 Results" \
    "At width 512 the update leads local Adam by 2.3 points." "4 Conclusion" \
    "Spectral updates make local learning robust to depth." "References" \
    "[1] A. Author. A paper. 2020."
arxiv-parse 2609.26811v1.pdf >pdf1.ndjson 2>pdf1.err
st=$?
check "pdf: arxiv-parse reads a PDF through poppler" sh -c '
	test "$0" -eq 0 && test ! -s pdf1.err &&
	test "$(jq -c "[.kind, .arxiv_id, .format, .title]" pdf1.ndjson)" = "[\"fulltext\",\"2609.26811v1\",\"pdf\",\"Spectral Updates for Local Learning\"]"' "$st"
check "pdf: sections at the headings" test "$(jq -c '[.sections[].heading]' pdf1.ndjson)" = \
    '[null,"Abstract","1 Introduction","2 Method","3 Results","4 Conclusion","References"]'
check "pdf: lines of a paragraph joined" test "$(jq -r '.sections[2].text' pdf1.ndjson)" = \
    "Backpropagation needs a global backward pass. We propose spectral updates that keep layers stable."
python3 - <<'EOF' >resp.ndjson
import base64, json
body = base64.b64encode(open("2609.26811v1.pdf", "rb").read()).decode()
print(json.dumps({"kind": "response", "url": "https://arxiv.org/pdf/2609.26811v1",
    "status": 200, "content_type": "application/pdf", "body": None,
    "body_base64": body}, separators=(",", ":")))
EOF
arxiv-parse resp.ndjson >pdf2.ndjson 2>pdf2.err
check "pdf: a response with the PDF in body_base64 gives the same record" \
    cmp -s pdf1.ndjson pdf2.ndjson
printf '%%PDF-1.4 garbage\n' >bad.pdf
arxiv-parse bad.pdf >/dev/null 2>bad.err
st=$?
check "pdf: a broken PDF is reported, status 1" sh -c \
    'test "$0" -eq 1 && grep -q "not a PDF poppler can read" bad.err' "$st"
head -n 1 "$ROOT/tests/e2e/summarize/_data/papers.ndjson" >p2.ndjson
cat p2.ndjson pdf2.ndjson >in4.ndjson
run log4 in4.ndjson >out4 2>err4
check "pdf: the paper is summarised from its PDF" \
    test "$(jq -r 'select(.kind == "paper") | .summary.input' out4)" = pdf
check "pdf: the PDF's sections are sent" sh -c '
	jq -r ".request.messages[1].content" log4 | grep -q "^## 3 Results$"'
