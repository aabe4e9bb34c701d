#!/bin/sh
# Run every Check test program given, then print one closing line that
# counts them all.  Each program prints Check's own summary as it goes.
# The environment (OFS_BUILD, OFS_SHARED) tells tests where the programs
# and the shared sample are.
passed=0
failed=0
status=0
for t in "$@"; do
	out=$(CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-600} "$t" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
	if [ -z "$line" ]; then
		echo "$t: exited $rc without a Check summary" >&2
		failed=$((failed + 1))
		status=1
		continue
	fi
	n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	passed=$((passed + n - f - e))
	failed=$((failed + f + e))
	[ "$rc" -eq 0 ] || status=1
done
echo "tests: $passed passed, $failed failed"
exit $status
