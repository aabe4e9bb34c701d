#!/usr/bin/env python3
"""bench/report.py: turn the raw figures bench/run.sh recorded into the
table on stdout and the JSON file (see bench/README.md).

Usage: report.py METRICS RESULTS_JSON RUNS

METRICS has one line per figure and run: "SCALE RUN NAME VALUE" (RUN 0
for figures that do not vary: files, pages).  Derived figures (rates,
ratios, MiB) are computed per run, then every figure is summarised as
the median of the runs with their min and max.  Ratios in the table are
of medians.
"""
import json
import os
import platform
import statistics
import sys
import time
from collections import defaultdict

MIB = 1024.0 * 1024.0


def load(path):
    raw = defaultdict(lambda: defaultdict(dict))  # scale -> run -> name -> value
    with open(path) as f:
        for line in f:
            scale, run, name, value = line.split()
            raw[int(scale)][int(run)][name] = float(value)
    return raw


def derive(fixed, r):
    """Add the derived figures of one run r (a dict), given the run-0
    figures fixed (files, pages)."""
    pages = fixed.get("pages")
    text = r.get("fts5.text_bytes")
    for p in ("ingest", "ingest_j1", "rerun", "mutool"):
        if p + ".rss_kb" in r:
            r[p + ".rss_mib"] = r[p + ".rss_kb"] / 1024.0
        wall = r.get(p + ".wall_s")
        if wall and pages is not None and p != "rerun":
            r[p + ".pages_per_s"] = pages / wall
        if wall and r.get(p + ".paragraphs") and p != "rerun":
            r[p + ".paras_per_s"] = r[p + ".paragraphs"] / wall
    if "index.size_kb" in r:
        r["index.size_mib"] = r["index.size_kb"] / 1024.0
        if text:
            r["index.ratio"] = r["index.size_kb"] * 1024.0 / text
    if "fts5.size_bytes" in r:
        r["fts5.size_mib"] = r["fts5.size_bytes"] / MIB
        if text:
            r["fts5.ratio"] = r["fts5.size_bytes"] / text
    if text:
        r["text.mib"] = text / MIB
    if r.get("fts5.insert_s"):
        r["fts5.paras_per_s"] = r["fts5.paragraphs"] / r["fts5.insert_s"]


def summarise(raw):
    out = {}
    for scale, runs in sorted(raw.items()):
        fixed = runs.get(0, {})
        per_run = [dict(v) for k, v in sorted(runs.items()) if k != 0]
        for r in per_run:
            derive(fixed, r)
        names = sorted({n for r in per_run for n in r})
        figs = {}
        for n in names:
            vals = [r[n] for r in per_run if n in r]
            figs[n] = {"median": statistics.median(vals), "min": min(vals),
                       "max": max(vals), "runs": vals}
        for n, v in fixed.items():
            figs[n] = {"median": v, "min": v, "max": v, "runs": [v]}
        out[scale] = figs
    return out


def fmt_num(x):
    if x is None:
        return "-"
    a = abs(x)
    if a >= 1000:
        return "%.0f" % x
    if a >= 100:
        return "%.1f" % x
    if a >= 10:
        return "%.2f" % x
    return "%.3f" % x


def fmt_fig(f):
    if f is None:
        return "-"
    if f["min"] == f["max"]:
        return fmt_num(f["median"])
    return "%s [%s..%s]" % (fmt_num(f["median"]), fmt_num(f["min"]), fmt_num(f["max"]))


# (label, ours, baseline, baseline label).  The ratio is ours / baseline.
ROWS = [
    ("ingest wall s (--jobs default)", "ingest.wall_s", "mutool.wall_s", "mutool draw -F txt, 1 proc/file"),
    ("ingest wall s (--jobs 1)", "ingest_j1.wall_s", "mutool.wall_s", "mutool draw -F txt, 1 proc/file"),
    ("ingest CPU s (--jobs default)", "ingest.cpu_s", "mutool.cpu_s", "mutool CPU s"),
    ("ingest CPU s (--jobs 1)", "ingest_j1.cpu_s", "mutool.cpu_s", "mutool CPU s"),
    ("peak RSS MiB (--jobs default)", "ingest.rss_mib", "mutool.rss_mib", "largest mutool process"),
    ("peak RSS MiB (--jobs 1)", "ingest_j1.rss_mib", "mutool.rss_mib", "largest mutool process"),
    ("pages/s (--jobs default)", "ingest.pages_per_s", "mutool.pages_per_s", "mutool pages/s"),
    ("pages/s (--jobs 1)", "ingest_j1.pages_per_s", "mutool.pages_per_s", "mutool pages/s"),
    ("paragraphs/s (whole ingest vs FTS5 insert)", "ingest.paras_per_s", "fts5.paras_per_s", "FTS5 insert+commit"),
    ("index size MiB", "index.size_mib", "fts5.size_mib", "FTS5 db (porter)"),
    ("index size / text size", "index.ratio", "fts5.ratio", "FTS5 db / text"),
    ("no-change re-run wall s", "rerun.wall_s", "ingest.wall_s", "first ingest (ratio = fraction)"),
    ("query p50 ms (library, limit 10)", "lib.p50_ms", "fts5.p50_ms", "FTS5 MATCH bm25 LIMIT 10"),
    ("query p95 ms (library)", "lib.p95_ms", "fts5.p95_ms", "FTS5"),
    ("query p99 ms (library)", "lib.p99_ms", "fts5.p99_ms", "FTS5"),
    ("query+facets p50 ms (library)", "lib_facets.p50_ms", "fts5_facets.p50_ms", "FTS5 + GROUP BY x4"),
    ("query+facets p95 ms (library)", "lib_facets.p95_ms", "fts5_facets.p95_ms", "FTS5 + GROUP BY x4"),
    ("query+facets p99 ms (library)", "lib_facets.p99_ms", "fts5_facets.p99_ms", "FTS5 + GROUP BY x4"),
    ("query p95 ms, other names vs --exact", "lib.p95_ms", "lib_exact.p95_ms", "same query, --exact"),
] + [
    # The shards searched in threads, against one after the other.
    ("%s %s ms, shards in threads" % (what, stat), "%s.%s_ms" % (part, stat),
     "serial.%s.%s_ms" % (part, stat), "OFS_SEARCH_THREADS=1")
    for what, part in (("query", "lib"), ("query+facets", "lib_facets"), ("query --exact", "lib_exact"))
    for stat in ("p50", "p95")
] + [
    ("searcher process p50 ms", "proc.p50_ms", "lib.p50_ms", "library call"),
    ("searcher process p95 ms", "proc.p95_ms", "lib.p95_ms", "library call"),
    ("searcher process p99 ms", "proc.p99_ms", "lib.p99_ms", "library call"),
] + [
    # The library's queries over loopback shards, beside the local index.
    ("%s %s ms, %s" % (what, stat, name), "%s.%s.%s_ms" % (prefix, part, stat),
     "%s.%s_ms" % (part, stat), "local index")
    for prefix, qname, fname in (("remote", "remote shards (loopback)", "remote shards"),
                                 ("remote4", "4 remote shards", "4 remote shards"))
    for what, part, name in (("query", "lib", qname), ("query+facets", "lib_facets", fname))
    for stat in ("p50", "p95")
]

# The server (serve_bench): (label, figure prefix).
SERVE = [("no cache", "serve_cold"), ("cache", "serve"),
         ("2 remote shards, no cache", "serve_remote"),
         ("4 remote shards, no cache", "serve_remote4")]
SERVE_FIGS = ("p50_ms", "p95_ms", "p99_ms", "rps", "errors", "steal_pct")

# A phase in which the host gave more than this share of the machine's
# CPU time to other guests (steal) is not a fair comparison.
STEAL_LIMIT = 5.0


def remote_runs(runs):
    """Run by run, the library's query p95 locally and over 2 and 4
    loopback shards, measured one after the other in that run, with the
    steal (%) during each phase: the ratio of one run is fair only when
    neither phase lost CPU to the host."""
    out = []
    for k in sorted(k for k in runs if k != 0):
        r = runs[k]
        local = r.get("lib.p95_ms")
        for prefix, shards in (("remote", 2), ("remote4", 4)):
            rem = r.get(prefix + ".lib.p95_ms")
            if not local or rem is None:
                continue
            steal = [r.get("lib.steal_pct"), r.get(prefix + ".lib.steal_pct")]
            out.append({"run": k, "shards": shards, "local_p95_ms": local,
                        "remote_p95_ms": rem, "ratio": rem / local,
                        "steal_pct": steal,
                        "fair": all(x is not None and x < STEAL_LIMIT for x in steal)})
    return out


def remote_report(rows):
    print()
    print("Remote shards run by run: query p95 ms (library), and the CPU the host gave to")
    print("other guests (steal, %% of the machine) during each phase; * = over %g%%" % STEAL_LIMIT)
    table(("run", "shards", "local p95", "remote p95", "ratio", "steal % local", "steal % remote"),
          [(r["run"], r["shards"], fmt_num(r["local_p95_ms"]), fmt_num(r["remote_p95_ms"]),
            fmt_num(r["ratio"]),
            *(("-" if x is None else "%.1f%s" % (x, "" if x < STEAL_LIMIT else " *"))
              for x in r["steal_pct"]))
           for r in rows])
    for shards in sorted({r["shards"] for r in rows}):
        all_r = [r["ratio"] for r in rows if r["shards"] == shards]
        fair = [r["ratio"] for r in rows if r["shards"] == shards and r["fair"]]
        print("ratio over %d shards: median %s of %d runs; %s of the %d run(s) under %g%% steal"
              % (shards, fmt_num(statistics.median(all_r)), len(all_r),
                 fmt_num(statistics.median(fair)) if fair else "-", len(fair), STEAL_LIMIT))


GROWTH = [
    ("PDF files", "files"), ("pages", "pages"), ("paragraphs", "ingest.paragraphs"),
    ("extracted text MiB", "text.mib"),
    ("ingest wall s", "ingest.wall_s"), ("ingest CPU s", "ingest.cpu_s"),
    ("ingest peak RSS MiB", "ingest.rss_mib"), ("ingest --jobs 1 wall s", "ingest_j1.wall_s"),
    ("ingest --jobs 1 peak RSS MiB", "ingest_j1.rss_mib"),
    ("no-change re-run wall s", "rerun.wall_s"), ("index size MiB", "index.size_mib"),
    ("mutool wall s", "mutool.wall_s"), ("FTS5 insert s", "fts5.insert_s"),
    ("FTS5 size MiB", "fts5.size_mib"),
    ("query p50 ms", "lib.p50_ms"), ("query p99 ms", "lib.p99_ms"),
    ("query+facets p50 ms", "lib_facets.p50_ms"), ("query+facets p99 ms", "lib_facets.p99_ms"),
    ("process p50 ms", "proc.p50_ms"), ("FTS5 query p50 ms", "fts5.p50_ms"),
    ("FTS5 query+facets p50 ms", "fts5_facets.p50_ms"),
]


def table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda r: " | ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
    print(line(headers))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def main():
    metrics, out_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    raw = load(metrics)
    figs = summarise(raw)
    result = {"schema": 1, "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "runs": runs, "machine": {"cpus": os.cpu_count(), "system": platform.platform()},
              "scales": {}, "growth": []}
    for scale, f in figs.items():
        rows, jrows = [], []
        for label, ours, base, blabel in ROWS:
            o, b = f.get(ours), f.get(base)
            ratio = o["median"] / b["median"] if o and b and b["median"] else None
            rows.append((label, fmt_fig(o), fmt_fig(b), blabel, fmt_num(ratio)))
            jrows.append({"figure": label, "ours": ours, "baseline": base,
                          "baseline_is": blabel, "ratio": ratio})
        print()
        print("Scale %dx: %s PDFs, %s pages, %s paragraphs; median [min..max] of %d runs"
              % (scale, fmt_num(f.get("files", {}).get("median")),
                 fmt_num(f.get("pages", {}).get("median")),
                 fmt_num(f.get("ingest.paragraphs", {}).get("median")), runs))
        table(("figure", "ours", "baseline", "baseline is", "ratio"), rows)
        srows = []
        for label, prefix in SERVE:
            for c in sorted({int(n.split(".")[1][1:]) for n in f if n.startswith(prefix + ".c")}):
                name = "%s.c%d." % (prefix, c)
                srows.append((label, c) + tuple(fmt_fig(f.get(name + x)) for x in SERVE_FIGS))
        if srows:
            print()
            print("Server on loopback at %dx: one request per keystroke (prefix, facets, 20 results)"
                  % scale)
            table(("server", "clients", "p50 ms", "p95 ms", "p99 ms", "requests/s", "errors",
                   "steal %"), srows)
        rruns = remote_runs(raw[scale])
        if rruns:
            remote_report(rruns)
        result["scales"][str(scale)] = {"figures": f, "table": jrows, "remote_runs": rruns}
    scales = sorted(figs)
    for a, b in zip(scales, scales[1:]):
        rows = []
        for label, name in GROWTH:
            fa, fb = figs[a].get(name), figs[b].get(name)
            g = fb["median"] / fa["median"] if fa and fb and fa["median"] else None
            rows.append((label, fmt_fig(fa), fmt_fig(fb), fmt_num(g)))
            result["growth"].append({"figure": label, "name": name, "from": a, "to": b,
                                     "factor": g})
        print()
        print("Growth from %dx to %dx (data grows %.0fx)" % (a, b, b / a))
        table(("figure", "%dx" % a, "%dx" % b, "factor"), rows)
    tmp = out_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, out_path)
    print()
    print("written: %s" % out_path)


if __name__ == "__main__":
    main()
