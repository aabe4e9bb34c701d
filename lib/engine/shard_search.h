/*
 * shard_search.h: one ranked search of a local index's shards, the shards
 * shared out among threads.  C++, private to the engine wrapper
 * (xapian.cc).
 *
 * Xapian 1.4 searches the shards of a database one after the other, in
 * one thread.  Here each thread searches its share of the shards through
 * a handle of its own on all of them (Xapian's objects are not shared
 * between threads: their reference counts are not atomic), the other
 * shards' documents filtered out by the shards' uuids.  Every weight is
 * then computed from the whole index's statistics, as one search would
 * compute it: the same paragraphs, in the same order, with the same
 * weights; a shard searched alone would weigh its words by its own
 * counts, and rank differently.
 */
#ifndef OFS_SHARD_SEARCH_H
#define OFS_SHARD_SEARCH_H

#include <xapian.h>

#include <string>
#include <vector>

namespace ofs_engine {

struct ShardHit {
	Xapian::docid id; /* in the whole index */
	double weight;
	Xapian::Document doc;
};

class ShardSearch {
	std::vector<std::string> paths;
	unsigned n_threads;
	bool fixed; /* n_threads set by $OFS_SEARCH_THREADS: always used */
	/* peers[t - 1]: thread t's handle on every shard, and on each alone
	 * (sharing the whole one's internals, for its revision). */
	std::vector<Xapian::Database> peers;
	std::vector<std::vector<Xapian::Database>> peer_shards;
	std::vector<std::string> uuids; /* by shard */
	bool distinct = false; /* no two uuids alike, none empty */

	void open();
	bool in_step(const std::vector<Xapian::Database> &shards) const;

public:
	/* One search of this process under way (an object for each, held
	 * while it runs, threaded or not): a search takes only the cores the
	 * others leave, so that a busy server does not pay for threads that
	 * would only wait for a core. */
	class Running {
	public:
		Running();
		~Running();
		Running(const Running &) = delete;
		Running &operator=(const Running &) = delete;
	};

	/* The indexes smaller than this are searched in one thread unless
	 * $OFS_SEARCH_THREADS says otherwise: on 2 cores, threads gained
	 * nothing on the sample (36 000 paragraphs, a median search 0.7 ms)
	 * and took a sixth off the median at three times it (bench/). */
	static const Xapian::doccount min_docs = 64000;

	/* For the shards at paths, in the order the caller's handle holds
	 * them, searched by at most as many threads as the machine has
	 * cores, one a shard; $OFS_SEARCH_THREADS says how many instead
	 * (1: no thread started), whatever the index's size and the other
	 * searches. */
	explicit ShardSearch(std::vector<std::string> shard_paths);

	/*
	 * The best want matches of q in whole, the caller's handle, whose
	 * sub-databases are shards (its handles on each shard alone), best
	 * first and equal weights in docid order, as Xapian ranks them.
	 * total: the estimated matches; exact: whether that count is exact.
	 * The caller holds a Running while it searches, here or alone.
	 * Returns false, having searched nothing, when it does not search in
	 * threads: one thread, or no core to spare, a small index (above),
	 * shards that do not tell themselves apart (copies, the same uuid)
	 * or that its own handles cannot read at whole's revision; search
	 * whole alone then.  Throws Xapian's errors, a thread's as its own.
	 */
	bool search(Xapian::Database &whole, const std::vector<Xapian::Database> &shards,
		    const Xapian::Query &q, Xapian::doccount want, std::vector<ShardHit> &out,
		    Xapian::doccount &total, bool &exact);

	/* Read the shards at their latest revisions, as whole.reopen(). */
	void reopen();
};

} // namespace ofs_engine

#endif
