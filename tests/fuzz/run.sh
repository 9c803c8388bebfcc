#!/bin/sh
# Build every libFuzzer target tests/fuzz/fuzz_NAME.c with clang, ASan and
# UBSan against the library sources, then run each for FUZZ_SECONDS
# (default 30) from its seed corpus: tests/fuzz/corpus/NAME/ if present,
# else the fixtures named in tests/fuzz/NAME.seeds (one glob per line).
# A crash leaves its input in build/fuzz/ and fails the run.
#
# For CI (.ci/run): `FUZZ_SECONDS=20 sh tests/fuzz/run.sh` runs every
# target briefly and exits non-zero when any target fails to build or
# finds a crash, a leak, a timeout or undefined behaviour; the last lines
# of the failing target's log are printed.  FUZZ_ONLY="fuzz_jscan
# fuzz_score" runs only the targets named.  A crashing input is kept as a
# regression case by copying it into tests/fuzz/corpus/NAME/.
set -u
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-30}
out=build/fuzz
mkdir -p "$out"
# The packages the Makefile builds the library with (PKGS).
pkgs=$(sed -n 's/^PKGS[ 	]*=[ 	]*//p' Makefile)
flags="-g -O1 -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
$(for d in lib/*/; do printf -- "-I%s " "$d"; done)
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
$(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"
status=0
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	echo "fuzz: building $name"
	# shellcheck disable=SC2086
	if ! clang $flags -o "$out/$name" "$src" lib/*/*.c $libs; then
		status=1
		continue
	fi
	corpus=$out/corpus-$name
	mkdir -p "$corpus"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	fi
	if [ -f "tests/fuzz/$name.seeds" ]; then
		while read -r glob; do
			# shellcheck disable=SC2086
			for f in $glob; do [ -f "$f" ] && cp "$f" "$corpus"/; done
		done <"tests/fuzz/$name.seeds"
	fi
	echo "fuzz: running $name for ${secs}s"
	if ! "$out/$name" -max_total_time="$secs" -max_len=65536 \
	    -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$out/$name-" -print_final_stats=1 "$corpus" \
	    >"$out/$name.log" 2>&1; then
		tail -40 "$out/$name.log"
		echo "fuzz: $name FAILED (log: $out/$name.log)"
		status=1
	else
		grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' \
		    "$out/$name.log" | sed "s/^/fuzz: $name: /"
	fi
done
[ $status -eq 0 ] && echo "fuzz: every target ran clean" ||
    echo "fuzz: FAILED"
exit $status
