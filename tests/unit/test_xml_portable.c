/*
 * The XML tests again on the portable code, without SSE2: the build
 * takes the SSE2 path wherever the compiler has it, so only this test
 * runs the eight-byte words of the UTF-8 filter.
 */
#define NO_SIMD
#include "../../lib/parse/xml.c"
/* The tests' handlers, named like xml.c's own. */
#define on_start	log_start
#define on_end		log_end
#define on_text		log_text
#include "test_xml.c"
