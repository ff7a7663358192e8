#!/usr/bin/env python3
"""Counts what meson's test log says: every TAP test case of a GTest program,
and every non-TAP test as one. Prints 'N passed, N failed[, N skipped]'."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        result = test.get("result")
        cases = re.findall(r"^(ok|not ok)\b[^\n]*", test.get("stdout") or "", re.M)
        if cases:
            for case in cases:
                if case.startswith("not ok"):
                    failed += 1
                elif "# SKIP" in case:
                    skipped += 1
                else:
                    passed += 1
            # a program that crashed after its last "ok" still failed
            if result not in ("OK", "SKIP") and not any(c.startswith("not ok") for c in cases):
                failed += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
