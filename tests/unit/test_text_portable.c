/*
 * The text tests again on the portable code, without SSE2: the build
 * takes the SSE2 path wherever the compiler has it, so only this test
 * runs the eight-byte words of text_collapse.
 */
#define NO_SIMD
#include "../../lib/core/text.c"
#include "test_text.c"
