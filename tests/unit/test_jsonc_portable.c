/*
 * The JSON layer's tests again on the portable code, without SSE2: the
 * build takes the SSE2 path wherever the compiler has it, so only this
 * test runs the eight-byte words of jsonc_escape.
 */
#define NO_SIMD
#include "../../lib/core/jsonc.c"
#include "test_jsonc.c"
