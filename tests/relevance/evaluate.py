#!/usr/bin/env python3
"""Score search configurations on the judged relevance set in this folder.

  python3 tests/relevance/evaluate.py --searcher build/searcher --db /tmp/rel-db
  python3 tests/relevance/evaluate.py --show A01        # one query, per configuration

For every configuration the searcher is run over every query of queries.tsv
(top 10, JSON) and the results are scored against qrels.tsv:

  nDCG@10  gains 2^grade - 1, discount 1/log2(rank + 1); the ideal ranking is
           made of all the paragraphs judged for the query (not just those
           any configuration returned).
  MRR@10   1 / rank of the first result graded >= 1 (0 if none in the top 10).

A result that was never judged counts as grade 0 (not relevant); the number
of unjudged results in each configuration's top 10s is printed so that a new
configuration that surfaces many unjudged paragraphs is noticed (re-pool with
pool.py and judge them).  Standard library only.  Exit status 0 (2 only
when the searcher program is missing).
"""
import argparse
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name -> extra searcher arguments
CONFIGS = [
    ("bm25-and", ["--exact", "--strict"]),  # every word, no other names
    ("bm25", ["--exact", "--any"]),         # plain BM25, words OR-ed
    ("default", []),                        # the searcher as shipped
    ("wordnet", ["--wordnet"]),
    ("neighbours", ["--neighbours"]),
    ("feedback", ["--feedback"]),
]
DEPTH = 10


def rel_file(path):
    """The last two path components: "<folder>/<pdf name>"."""
    parts = path.replace("\\", "/").rstrip("/").split("/")
    return "/".join(parts[-2:])


def load_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            need = cols[3] if len(cols) > 3 else ""
            queries.append({"id": cols[0], "half": cols[1], "query": cols[2],
                            "need": need})
    return queries


def load_qrels(path):
    qrels = {}
    if not os.path.exists(path):
        return qrels
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            qid, fname, para, grade = line.split("\t")[:4]
            qrels.setdefault(qid, {})[(fname, int(para))] = int(grade)
    return qrels


def searcher_help(searcher):
    try:
        out = subprocess.run([searcher, "--help"], capture_output=True,
                             text=True, timeout=30)
        return out.stdout + out.stderr
    except OSError:
        return ""


def available_configs(searcher, wanted=None):
    text = searcher_help(searcher)
    configs = []
    for name, args in CONFIGS:
        if wanted and name not in wanted:
            continue
        if all(a in text for a in args):
            configs.append((name, args))
        else:
            print("note: %s does not offer %s; configuration %r skipped"
                  % (searcher, " ".join(args), name), file=sys.stderr)
    return configs


def run_search(searcher, db, args, query, depth=DEPTH):
    cmd = [searcher, "--json", "-n", str(depth)]
    if db:
        cmd += ["--db", db]
    cmd += args + ["--", query]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if out.returncode not in (0, 1):
        print("warning: %s exited %d: %s" % (" ".join(cmd), out.returncode,
                                             out.stderr.strip()),
              file=sys.stderr)
        return []
    try:
        data = json.loads(out.stdout)
    except ValueError:
        return []
    hits = []
    for r in data.get("results") or []:
        hits.append({"file": rel_file(r["file"]), "paragraph": r["paragraph"],
                     "council": r.get("council"), "text": r.get("text") or ""})
    return hits


def dcg(grades):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg(ranked_grades, judged_grades, k=DEPTH):
    ideal = dcg(sorted(judged_grades, reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return dcg(ranked_grades[:k]) / ideal


def rr(ranked_grades, k=DEPTH):
    for i, g in enumerate(ranked_grades[:k]):
        if g >= 1:
            return 1.0 / (i + 1)
    return 0.0


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--searcher", default=os.environ.get(
        "OFS_SEARCHER", os.path.join(ROOT, "build", "searcher")))
    ap.add_argument("--db", default=os.environ.get("OFS_DB"),
                    help="the index (default: $OFS_DB, else the searcher's)")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--qrels", default=os.path.join(HERE, "qrels.tsv"))
    ap.add_argument("--configs", help="comma-separated subset of: "
                    + ", ".join(n for n, _ in CONFIGS))
    ap.add_argument("--show", metavar="Q", help="print query Q's top 10 per "
                    "configuration with grades, instead of the table")
    ap.add_argument("--per-query", action="store_true",
                    help="also print nDCG@10 per query and configuration")
    opts = ap.parse_args()

    if not (os.path.isfile(opts.searcher) and os.access(opts.searcher, os.X_OK)):
        print("evaluate.py: no searcher at %s (build it with make, or give "
              "--searcher PATH)" % opts.searcher, file=sys.stderr)
        return 2
    wanted = set(opts.configs.split(",")) if opts.configs else None
    configs = available_configs(opts.searcher, wanted)
    queries = load_queries(opts.queries)
    qrels = load_qrels(opts.qrels)

    if opts.show:
        qs = [q for q in queries if q["id"].lower() == opts.show.lower()
              or q["query"].lower() == opts.show.lower()]
        if not qs:
            print("no query %r in %s" % (opts.show, opts.queries))
            return 0
        q = qs[0]
        judged = qrels.get(q["id"], {})
        print("%s [%s] %s" % (q["id"], q["half"], q["query"]))
        print("need: %s" % q["need"])
        print("judged: %d paragraphs, %d graded 2, %d graded 1"
              % (len(judged), sum(1 for g in judged.values() if g == 2),
                 sum(1 for g in judged.values() if g == 1)))
        for name, args in configs:
            hits = run_search(opts.searcher, opts.db, args, q["query"])
            grades = [judged.get((h["file"], h["paragraph"]), 0) for h in hits]
            print("\n== %s (%s): nDCG@10 %.3f  RR %.3f"
                  % (name, " ".join(args) or "no flag",
                     ndcg(grades, list(judged.values())), rr(grades)))
            for i, h in enumerate(hits):
                key = (h["file"], h["paragraph"])
                g = judged.get(key)
                text = " ".join(h["text"].split())
                if len(text) > 150:
                    text = text[:147] + "..."
                print("%2d. [%s] %s:%d (%s)\n      %s"
                      % (i + 1, "?" if g is None else g, h["file"],
                         h["paragraph"], h["council"], text))
        return 0

    # name -> half -> list of (ndcg, rr); plus unjudged counts
    scores = {n: {} for n, _ in configs}
    unjudged = {n: {} for n, _ in configs}
    returned = {n: {} for n, _ in configs}
    per_query = {}
    for q in queries:
        judged = qrels.get(q["id"], {})
        for name, args in configs:
            hits = run_search(opts.searcher, opts.db, args, q["query"])
            grades = []
            for h in hits:
                key = (h["file"], h["paragraph"])
                if key not in judged:
                    unjudged[name][q["half"]] = unjudged[name].get(q["half"], 0) + 1
                grades.append(judged.get(key, 0))
            returned[name][q["half"]] = returned[name].get(q["half"], 0) + len(hits)
            n, r = ndcg(grades, list(judged.values())), rr(grades)
            scores[name].setdefault(q["half"], []).append((n, r))
            per_query.setdefault(q["id"], {})[name] = n

    halves = []
    for q in queries:
        if q["half"] not in halves:
            halves.append(q["half"])
    labels = {"own": "own words", "other": "other forms",
              "everyday": "everyday/questions", "typo": "typos/cut off"}
    names = [n for n, _ in configs]
    njudged = sum(len(v) for v in qrels.values())
    print("%d queries (%s), %d judged paragraphs; top %d; unjudged results "
          "count as not relevant (grade 0)\n"
          % (len(queries), ", ".join("%d %s" % (
              sum(1 for q in queries if q["half"] == h), labels.get(h, h))
              for h in halves), njudged, DEPTH))
    width = max(10, max(len(n) for n in names) + 1) if names else 10
    head = "%-22s" % "" + "".join("%*s" % (width, n) for n in names)
    print(head)
    print("-" * len(head))
    for h in halves + ["all"]:
        for mi, metric in ((0, "nDCG@10"), (1, "MRR@10")):
            label = "%s %s" % (metric, "all" if h == "all" else labels.get(h, h))
            cells = []
            for n in names:
                if h == "all":
                    vals = [x[mi] for hv in scores[n].values() for x in hv]
                else:
                    vals = [x[mi] for x in scores[n].get(h, [])]
                cells.append("%*.3f" % (width, mean(vals)))
            print("%-22s" % label + "".join(cells))
    for h in halves + ["all"]:
        def count(d):
            return sum(d.values()) if h == "all" else d.get(h, 0)
        print("%-22s" % ("unjudged %s" % ("all" if h == "all" else labels.get(h, h)))
              + "".join("%*s" % (width, "%d/%d" % (count(unjudged[n]), count(returned[n])))
                        for n in names))
    if opts.per_query:
        print("\nnDCG@10 per query")
        print("%-6s%-40s" % ("id", "query")
              + "".join("%*s" % (width, n) for n in names))
        for q in queries:
            print("%-6s%-40s" % (q["id"], q["query"][:39])
                  + "".join("%*.3f" % (width, per_query[q["id"]].get(n, 0))
                            for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
