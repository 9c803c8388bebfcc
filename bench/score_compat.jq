# The bot's --compat score in jq, for bench/score.sh: case-insensitive
# substring tests (the bot lower-cases and uses "in"; test(...; "i") on a
# regex-quoted keyword is the same for these keywords and the fastest
# way in jq) on title + " " + abstract; announce type "new", at least one
# keyword and no excluded one; +1 per keyword, +0.5 in the title.
# Reads paper records, writes {"id","score"} for the papers that pass.
def quote: gsub("(?<c>[.^$*+?()\\[\\]{}|\\\\])"; "\\\(.c)");
($cfg[0].keywords | map(quote)) as $kw
| ($cfg[0].exclude_keywords | map(quote)) as $ex
| select(.kind == "paper" and .announce_type == "new")
| .title as $t
| ($t + " " + .abstract) as $text
| select(all($ex[]; . as $e | $text | test($e; "i") | not))
| [$kw[] | . as $k | select($text | test($k; "i"))
   | if ($t | test($k; "i")) then 1.5 else 1 end] as $s
| select($s | length > 0)
| {id, score: ($s | add)}
