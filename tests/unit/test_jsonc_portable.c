/*
 * The JSON layer's tests again on the portable code, without SSE2: the
 * build takes the SSE2 path wherever the compiler has it, so only this
 * test runs jsonc_escape() on the eight-byte words of jscan_plain_run().
 */
#define NO_SIMD
#include "../../lib/core/jscan.c"
#include "test_jsonc.c"
