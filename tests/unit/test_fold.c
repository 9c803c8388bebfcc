#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "fold.h"

static void
check(const char *in, const char *want)
{
	struct buf b = {0};
	size_t i;

	assert_int_equal(fold_text(&b, in, strlen(in)), 0);
	for (i = 0; i < b.len; i++)
		if (b.data[i] == FOLD_SPACE)
			b.data[i] = '_';
		else if (b.data[i] == FOLD_BREAK)
			b.data[i] = '|';
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
test_words_and_separators(void **state)
{
	(void)state;
	check("Deep RL-based  agents", "deep_rl_based_agents");
	check("LLMs. Then", "llms|then");
	check("  (Mixture-of-Experts)  ", "mixture_of_experts");
	check("", "");
	check("...", "");
	check("a\u2013b c\u2014d", "a_b_c|d");
}

static void
test_unicode_case(void **state)
{
	(void)state;
	check("\u00c9TALE \u00c5ngstr\u00f6m", "\u00e9tale_\u00e5ngstr\u00f6m");
	check("\u0394\u0395\u039b\u03a4\u0391 \u041c\u0418\u0420",
	    "\u03b4\u03b5\u03bb\u03c4\u03b1_\u043c\u0438\u0440");
	check("\u017d\u0160\u0141", "\u017e\u0161\u0142");
	check("soft\u00adhyphen", "softhyphen");
	/* An invalid byte separates, it is not copied. */
	check("ab\xff" "cd", "ab|cd");
}

static void
test_latex_accents(void **state)
{
	(void)state;
	check("K{\\\"a}hler", "k\u00e4hler");
	check("K\\\"{a}hler", "k\u00e4hler");
	check("K\\\"ahler", "k\u00e4hler");
	check("Erd\\H{o}s and Sch\\\"{o}dinger", "erd\u0151s_and_sch\u00f6dinger");
	check("\\c{C}a\\u{g}lar", "\u00e7a\u011flar");
	check("Stra\\ss e {\\o}re", "stra\u00dfe_\u00f8re");
	check("na\\\"{\\i}ve", "na\u00efve");
	check("\\textbf{Fast} {LLM}s $\\mathcal{T}_B$", "fast_llms|t|b");
	check("{K}{\\\"a}hler", "k\u00e4hler");
}

static void
test_lower_and_classes(void **state)
{
	struct buf b = {0};

	(void)state;
	assert_int_equal(fold_lower(&b, "LLM \u00c9t\xff", 8), 0);
	assert_string_equal(buf_str(&b), "llm \u00e9t\xff");
	buf_free(&b);
	assert_int_equal(fold_cp('Q'), 'q');
	assert_true(fold_is_word(0xe9));
	assert_false(fold_is_word(0x2014));
	assert_true(fold_is_space(0x2010));
}

/*
 * fold_lower() sixteen bytes or a word at a time agrees with a byte at a
 * time, for every byte at every offset of a string of up to 40 bytes
 * (two steps and a tail of either).
 */
static void
test_lower_words(void **state)
{
	struct buf b = {0};
	char in[48], want[48];
	size_t len, pos, i;
	unsigned c;

	(void)state;
	for (c = 0; c < 0x80; c++)
		for (len = 1; len <= 40; len++)
			for (pos = 0; pos < len; pos++) {
				for (i = 0; i < len; i++) {
					in[i] = "xYz@[`{AZaz019 "[i % 15];
					want[i] = "xyz@[`{azaz019 "[i % 15];
				}
				in[pos] = (char)c;
				want[pos] = c >= 'A' && c <= 'Z' ?
				    (char)(c + 32) : (char)c;
				buf_reset(&b);
				assert_int_equal(fold_lower(&b, in, len), 0);
				assert_int_equal(b.len, len);
				assert_memory_equal(b.data, want, len);
			}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_separators),
		cmocka_unit_test(test_unicode_case),
		cmocka_unit_test(test_latex_accents),
		cmocka_unit_test(test_lower_and_classes),
		cmocka_unit_test(test_lower_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
