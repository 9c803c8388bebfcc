/*
 * The folding tests again on the portable code, without SSE2: the build
 * takes the SSE2 path wherever the compiler has it, so only this test
 * runs the eight-byte words of fold_lower.
 */
#define NO_SIMD
#include "../../lib/score/fold.c"
#include "test_fold.c"
