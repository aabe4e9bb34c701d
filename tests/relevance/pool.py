#!/usr/bin/env python3
"""Pool the top 10 of every configuration for every query, for judging.

  python3 tests/relevance/pool.py --searcher build/searcher --db /tmp/rel-db

Writes pool.tsv (query id, file, paragraph, configurations that returned it,
council, text) and prints, per query, the pooled paragraphs that qrels.tsv
does not judge yet.  Judgments go into qrels.tsv by hand.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate as ev  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--searcher", default=os.environ.get(
        "OFS_SEARCHER", os.path.join(ev.ROOT, "build", "searcher")))
    ap.add_argument("--db", default=os.environ.get("OFS_DB"))
    ap.add_argument("--out", default=os.path.join(ev.HERE, "pool.tsv"))
    ap.add_argument("--depth", type=int, default=ev.DEPTH)
    opts = ap.parse_args()
    configs = ev.available_configs(opts.searcher)
    queries = ev.load_queries(os.path.join(ev.HERE, "queries.tsv"))
    qrels = ev.load_qrels(os.path.join(ev.HERE, "qrels.tsv"))
    rows, new = [], 0
    for q in queries:
        pooled = {}
        for name, args in configs:
            for h in ev.run_search(opts.searcher, opts.db, args, q["query"],
                                   opts.depth):
                key = (h["file"], h["paragraph"])
                if key not in pooled:
                    pooled[key] = (h, [])
                pooled[key][1].append(name)
        for key, (h, names) in pooled.items():
            text = " ".join(h["text"].split())
            rows.append((q["id"], key[0], str(key[1]), ",".join(names),
                         h["council"] or "", text))
            if key not in qrels.get(q["id"], {}):
                new += 1
    with open(opts.out, "w", encoding="utf-8") as f:
        f.write("# query\tfile\tparagraph\tconfigs\tcouncil\ttext\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("configurations: %s; %d pooled, %d not yet judged; written to %s"
          % (", ".join(n for n, _ in configs), len(rows), new, opts.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
