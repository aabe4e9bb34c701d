#!/usr/bin/env python3
"""Compare extracted report metadata with the third-party reports.csv.

Usage: compare-csv.py REPORTS.json REPORTS.csv

REPORTS.json is what `searcher --reports --json` prints:
  {"reports": [{"file", "council", "kind", "inspection_start",
   "inspection_end", "published", "lead_inspector",
   "grades": {"overall", "leaders", "help_protection", "in_care",
              "care_leavers", "adoption", "lscb"}}]}
Each report's "file" ends in "<URN>_<name>/<pdf name>", which is matched
to the CSV's urn and pdf_filename.

Only fields where the CSV has a value are compared.  The CSV's own
markers are read as: "data_unreadable" and "" = no value;
"not_reported_post_reform" = no judgement ("none");
"inspection_pre_dates_judgement" (the care leavers column before 2023) is
counted apart, since the extractor gives care leavers the joint "children
in care and care leavers" grade there by design.

Prints every disagreement (file, field, ours, csv), then a per-field
table: reports compared, extracted, agree, disagree, ours empty.  Exit
status is 0; this is a report, not a test.
"""
import csv
import json
import re
import sys
from datetime import datetime

GRADE_COLUMNS = {
    "overall": "overall_effectiveness_grade",
    "leaders": "impact_of_leaders_grade",
    "help_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
NO_VALUE = {"", "data_unreadable"}
KINDS = {
    "standard": "ilacs-standard",
    "short": "ilacs-short",
    # The scraper's note on an ILACS standard inspection that ran over
    # its two weeks (Wiltshire 2019); still a standard inspection.
    "inspection duration longer than standard framework": "ilacs-standard",
}
FIELDS = ["council", "kind", "inspection_start", "inspection_end", "published",
          "lead_inspector"] + ["grade:" + g for g in GRADE_COLUMNS]


def key(s):
    """Case, '&'/'and', punctuation and spacing do not matter."""
    s = (s or "").lower().replace("&", " and ").replace(".", "").replace("'", "")
    return " ".join(re.split(r"[^a-z0-9]+", s)).strip()


def csv_date(s, fmts=("%d/%m/%Y", "%d/%m/%y")):
    for f in fmts:
        try:
            return datetime.strptime(s.strip(), f).strftime("%Y-%m-%d")
        except ValueError:
            pass
    return None


def csv_grade(s):
    s = s.strip().lower()
    if s in NO_VALUE:
        return None
    if s == "not_reported_post_reform":
        return "none"
    if s == "inspection_pre_dates_judgement":
        return "PRE_DATES"
    return s.replace(" ", "-")


def csv_values(row):
    """The CSV's comparable values, by field (None = no value)."""
    v = {
        "council": row["local_authority"].strip() or None,
        "kind": KINDS.get(row["inspection_framework"].strip().lower()),
        "inspection_start": csv_date(row["inspection_start_date"]),
        "inspection_end": csv_date(row["inspection_end_date"]),
        "published": csv_date(row["publication_date"]),
        "lead_inspector": row["inspector_name"].strip() or None,
    }
    for g, col in GRADE_COLUMNS.items():
        v["grade:" + g] = csv_grade(row[col])
    return v


def ours_values(rep):
    v = {f: rep.get(f) or None for f in FIELDS if not f.startswith("grade:")}
    grades = rep.get("grades") or {}
    for g in GRADE_COLUMNS:
        v["grade:" + g] = grades.get(g)
    return v


def same(field, ours, theirs):
    if field in ("council", "lead_inspector"):
        return key(ours) == key(theirs)
    return ours == theirs


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        reports = json.load(f)["reports"]
    with open(argv[2], encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_file = {}
    for row in rows:
        by_file[(row["urn"].strip(), row["pdf_filename"].strip().lower())] = row

    stats = {f: {"compared": 0, "extracted": 0, "agree": 0, "disagree": 0,
                 "ours_empty": 0} for f in FIELDS}
    total_extracted = {f: 0 for f in FIELDS}
    disagreements = []
    pre_dates = []
    unmatched = []
    for rep in reports:
        parts = rep["file"].replace("\\", "/").split("/")
        folder, name = parts[-2], parts[-1]
        urn = folder.split("_", 1)[0]
        row = by_file.get((urn, name.lower()))
        ours = ours_values(rep)
        for f in FIELDS:
            if ours[f] is not None:
                total_extracted[f] += 1
        if row is None:
            unmatched.append(rep["file"])
            continue
        theirs = csv_values(row)
        shown = folder + "/" + name
        for f in FIELDS:
            t = theirs[f]
            if t is None:
                continue
            if t == "PRE_DATES":
                pre_dates.append((shown, f, ours[f]))
                continue
            s = stats[f]
            s["compared"] += 1
            if ours[f] is None:
                s["ours_empty"] += 1
                disagreements.append((shown, f, None, t))
                continue
            s["extracted"] += 1
            if same(f, ours[f], t):
                s["agree"] += 1
            else:
                s["disagree"] += 1
                disagreements.append((shown, f, ours[f], t))

    print("# Disagreements (file, field, ours, csv)")
    for f in FIELDS:
        for shown, field, o, t in disagreements:
            if field == f:
                print("%s\t%s\t%s\t%s" % (shown, field, o if o is not None else "(empty)", t))
    if pre_dates:
        print("\n# CSV says the care leavers judgement did not exist yet"
              " (ours: the joint in-care grade)")
        for shown, field, o in pre_dates:
            print("%s\t%s\t%s" % (shown, field, o if o is not None else "(empty)"))
    if unmatched:
        print("\n# Reports not in the CSV")
        for u in unmatched:
            print(u)

    print("\n# Per field (reports: %d, CSV rows: %d)" % (len(reports), len(rows)))
    head = ("field", "ours-all", "compared", "extracted", "agree", "disagree",
            "ours-empty", "agree%")
    print("%-22s %8s %8s %9s %6s %8s %10s %7s" % head)
    for f in FIELDS:
        s = stats[f]
        pct = 100.0 * s["agree"] / s["compared"] if s["compared"] else 0.0
        print("%-22s %8d %8d %9d %6d %8d %10d %6.1f%%" % (
            f, total_extracted[f], s["compared"], s["extracted"], s["agree"],
            s["disagree"], s["ours_empty"], pct))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
