#!/usr/bin/env python3
"""Carry the judgments over to a new paragraph splitting.

Usage: remap.py --searcher build/searcher --old OLD_DB --new NEW_DB [--qrels FILE]

Paragraph numbers change when the PDF reader splits reports differently
(two halves of a paragraph joined across a page break, a table row no
longer taken for a paragraph).  Given an index built before the change
(OLD_DB) and one built after (NEW_DB) from the same reports, each judged
paragraph is found again by its text: the new paragraph of the same
report that contains it (or that it contains).  A new paragraph that
receives several judgments keeps the highest grade.  Judgments whose text
is found nowhere are reported and dropped.  The qrels file is rewritten
in place; its comment lines are kept.
"""
import argparse
import json
import subprocess
import sys


def paragraphs(searcher, db):
    """(report, paragraph) -> text for every paragraph of the index."""
    out = subprocess.run([searcher, "--db", db, "--json", "--exact", "-n", "100000", ""],
                         check=True, capture_output=True, text=True).stdout
    texts = {}
    for r in json.loads(out)["results"]:
        report = "/".join(r["file"].split("/")[-2:])
        texts[(report, r["paragraph"])] = r["text"]
    return texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--searcher", default="build/searcher")
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--qrels", default="tests/relevance/qrels.tsv")
    a = ap.parse_args()

    old = paragraphs(a.searcher, a.old)
    new = paragraphs(a.searcher, a.new)
    by_report = {}
    for (report, n), text in new.items():
        by_report.setdefault(report, []).append((n, text))

    comments, grades, lost = [], {}, 0
    for line in open(a.qrels, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            comments.append(line)
            continue
        qid, report, para, grade = line.rstrip("\n").split("\t")
        text = old.get((report, int(para)))
        found = None
        if text is not None:
            for n, t in by_report.get(report, []):
                if text in t or (len(t) > 40 and t in text):
                    found = n
                    break
        if found is None:
            lost += 1
            print(f"remap: {qid} {report} {para}: not found again", file=sys.stderr)
            continue
        key = (qid, report, found)
        grades[key] = max(grades.get(key, 0), int(grade))

    with open(a.qrels, "w", encoding="utf-8") as f:
        f.writelines(comments)
        for (qid, report, n), g in sorted(grades.items()):
            f.write(f"{qid}\t{report}\t{n}\t{g}\n")
    print(f"remap: {len(grades)} judgments written, {lost} lost", file=sys.stderr)


if __name__ == "__main__":
    main()
