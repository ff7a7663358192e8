#!/usr/bin/python3
# check-junit.py — reads a JUnit XML report the way CI tools do (GitLab,
# Jenkins and GitHub's reporters all follow the Ant JUnit shape) and checks
# what they rely on: a <testsuites> root whose counts add up, <testsuite>
# elements with name/tests/failures/errors/skipped/time/timestamp/hostname
# that match their test cases, <testcase> elements with classname, name and
# time, and failures with a message, a type and a text.
#
# Prints a JSON summary on stdout for the calling test to look into; exits 1
# with the reason on stderr if the structure is wrong.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print("check-junit: " + message, file=sys.stderr)
    sys.exit(1)


def require(element, names):
    for name in names:
        if name not in element.attrib:
            fail("<%s> has no %s attribute" % (element.tag, name))


def seconds(element):
    try:
        value = float(element.attrib["time"])
    except ValueError:
        fail("<%s time=%r> is not a number of seconds" % (element.tag, element.attrib["time"]))
    if value < 0:
        fail("<%s time=%r> is negative" % (element.tag, element.attrib["time"]))
    return value


def main():
    root = ET.parse(sys.argv[1]).getroot()
    if root.tag != "testsuites":
        fail("the root is <%s>, not <testsuites>" % root.tag)
    require(root, ["tests", "failures", "errors", "time"])
    seconds(root)

    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = []
    for suite in root:
        if suite.tag != "testsuite":
            fail("<testsuites> holds <%s>" % suite.tag)
        require(suite, ["name", "tests", "failures", "errors", "skipped", "time",
                        "timestamp", "hostname"])
        seconds(suite)
        datetime.datetime.fromisoformat(suite.attrib["timestamp"])

        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        cases = []
        for case in suite.findall("testcase"):
            require(case, ["classname", "name", "time"])
            seconds(case)
            if case.attrib["classname"] != suite.attrib["name"]:
                fail("testcase %r has classname %r in testsuite %r"
                     % (case.attrib["name"], case.attrib["classname"], suite.attrib["name"]))
            counts["tests"] += 1
            result = {"classname": case.attrib["classname"], "name": case.attrib["name"],
                      "status": "passed"}
            outcomes = [child for child in case if child.tag in ("failure", "error", "skipped")]
            if len(outcomes) > 1:
                fail("testcase %r has %d outcomes" % (case.attrib["name"], len(outcomes)))
            for outcome in outcomes:
                if outcome.tag in ("failure", "error"):
                    require(outcome, ["message", "type"])
                    if not (outcome.text or "").strip():
                        fail("the %s of %r has no text" % (outcome.tag, case.attrib["name"]))
                    result["message"] = outcome.attrib["message"]
                    result["type"] = outcome.attrib["type"]
                    result["text"] = outcome.text
                result["status"] = {"failure": "failed", "error": "error",
                                    "skipped": "skipped"}[outcome.tag]
                counts[{"failure": "failures", "error": "errors",
                        "skipped": "skipped"}[outcome.tag]] += 1
            out = case.find("system-out")
            result["system_out"] = out.text if out is not None else None
            cases.append(result)

        for key, value in counts.items():
            if int(suite.attrib[key]) != value:
                fail("testsuite %r says %s=%s but holds %d"
                     % (suite.attrib["name"], key, suite.attrib[key], value))
            totals[key] += value
        suites.append({"name": suite.attrib["name"], "counts": counts, "cases": cases})

    for key in ("tests", "failures", "errors"):
        if int(root.attrib[key]) != totals[key]:
            fail("testsuites says %s=%s but its suites hold %d" % (key, root.attrib[key], totals[key]))
    if "skipped" in root.attrib and int(root.attrib["skipped"]) != totals["skipped"]:
        fail("testsuites says skipped=%s but its suites hold %d"
             % (root.attrib["skipped"], totals["skipped"]))

    json.dump({"totals": totals, "suites": suites}, sys.stdout)


main()
