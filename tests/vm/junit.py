"""Writes the VM scenarios' results (or scripts/fuzz's) as JUnit XML, the format
scripts/count-tests.py adds up.

Usage: junit.py RESULTS.tsv OUT.xml [SUITE], where each line of RESULTS.tsv is
NAME<TAB>pass|fail<TAB>SECONDS<TAB>MESSAGE and SUITE names them (default vm).
"""
import sys
import xml.etree.ElementTree as ET


def main(results_path, out_path, suite_name="vm"):
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", name=suite_name)
    tests = failures = 0
    total = 0.0
    with open(results_path, encoding="utf-8") as f:
        for line in f:
            name, status, seconds, message = line.rstrip("\n").split("\t", 3)
            case = ET.SubElement(suite, "testcase", classname=suite_name, name=name, time=seconds)
            tests += 1
            total += float(seconds)
            if status != "pass":
                failures += 1
                ET.SubElement(case, "failure", message=message)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("time", f"{total:.1f}")
    ET.ElementTree(suites).write(out_path, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(f"usage: {sys.argv[0]} RESULTS.tsv OUT.xml [SUITE]")
    main(*sys.argv[1:])
