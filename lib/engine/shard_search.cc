/*
 * shard_search.cc: a ranked search of local shards in threads (see
 * shard_search.h).
 */
#include "engine/shard_search.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <thread>
#include <utility>

namespace ofs_engine {

namespace {

std::atomic<unsigned> running{0}; /* searches under way (Running) */

/* $OFS_SEARCH_THREADS, or 0 when it is not set. */
unsigned threads_asked()
{
	const char *env = getenv("OFS_SEARCH_THREADS");
	return env && *env ? unsigned(std::max(1ul, strtoul(env, nullptr, 10))) : 0;
}

/* Every document of the shards with the given uuids and none of the
 * others': Xapian gives each sub-database a clone of its own. */
class ShardOnly : public Xapian::PostingSource {
	std::vector<std::string> mine;
	Xapian::PostingIterator it, end; /* equal (none) on another shard */
	Xapian::doccount n = 0;
	bool started = false;

public:
	explicit ShardOnly(std::vector<std::string> uuids) : mine(std::move(uuids)) {}
	ShardOnly *clone() const override { return new ShardOnly(mine); }
	void init(const Xapian::Database &db) override
	{
		started = false;
		if (std::find(mine.begin(), mine.end(), db.get_uuid()) == mine.end()) {
			n = 0;
			it = end = Xapian::PostingIterator();
			return;
		}
		n = db.get_doccount();
		it = db.postlist_begin(std::string());
		end = db.postlist_end(std::string());
	}
	Xapian::doccount get_termfreq_min() const override { return n; }
	Xapian::doccount get_termfreq_est() const override { return n; }
	Xapian::doccount get_termfreq_max() const override { return n; }
	void next(double) override
	{
		if (started)
			++it;
		started = true;
	}
	void skip_to(Xapian::docid did, double) override
	{
		it.skip_to(did);
		started = true;
	}
	bool at_end() const override { return it == end; }
	Xapian::docid get_docid() const override { return *it; }
};

} // namespace

ShardSearch::Running::Running()
{
	running++;
}

ShardSearch::Running::~Running()
{
	running--;
}

ShardSearch::ShardSearch(std::vector<std::string> shard_paths)
	: paths(std::move(shard_paths)), fixed(threads_asked() != 0)
{
	unsigned t = fixed ? threads_asked() : std::thread::hardware_concurrency();
	n_threads = unsigned(std::max<size_t>(1, std::min<size_t>(t, paths.size())));
}

void ShardSearch::open()
{
	std::vector<Xapian::Database> all(n_threads - 1);
	std::vector<std::vector<Xapian::Database>> each(n_threads - 1);
	for (unsigned t = 0; t + 1 < n_threads; t++)
		for (const std::string &p : paths) {
			each[t].emplace_back(p);
			all[t].add_database(each[t].back());
		}
	uuids.clear();
	for (const Xapian::Database &s : each[0])
		uuids.push_back(s.get_uuid());
	std::vector<std::string> sorted(uuids);
	std::sort(sorted.begin(), sorted.end());
	distinct = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end() &&
		   !sorted.front().empty();
	peers.swap(all);
	peer_shards.swap(each);
}

void ShardSearch::reopen()
{
	for (Xapian::Database &p : peers)
		p.reopen();
}

/* Whether every handle of this reads each shard at the revision shards
 * (the caller's) read it. */
bool ShardSearch::in_step(const std::vector<Xapian::Database> &shards) const
{
	for (size_t k = 0; k < shards.size(); k++) {
		Xapian::rev r = shards[k].get_revision();
		for (const std::vector<Xapian::Database> &p : peer_shards)
			if (p[k].get_revision() != r)
				return false;
	}
	return true;
}

bool ShardSearch::search(Xapian::Database &whole, const std::vector<Xapian::Database> &shards,
			 const Xapian::Query &q, Xapian::doccount want,
			 std::vector<ShardHit> &out, Xapian::doccount &total, bool &exact)
{
	if (shards.size() != paths.size() || (!fixed && whole.get_doccount() < min_docs))
		return false;
	unsigned n = n_threads;
	if (!fixed) {
		/* The cores the other searches leave (running counts this
		 * one too). */
		const unsigned others = running.load() - 1;
		n = others < n ? n - others : 1;
	}
	if (n < 2)
		return false;
	if (peers.empty())
		open();
	if (!distinct)
		return false;
	if (!in_step(shards)) {
		/* A writer committed between the caller's opening and ours:
		 * ours may be behind (catch up) or ahead (then the caller's
		 * reopening, on its next DatabaseModifiedError, will do). */
		reopen();
		if (!in_step(shards))
			return false;
	}

	const std::string wire = q.serialise();
	std::vector<Xapian::MSet> sets(n);
	std::vector<std::exception_ptr> failed(n);
	auto run = [&](unsigned t) {
		try {
			std::vector<std::string> own;
			for (size_t k = t; k < uuids.size(); k += n)
				own.push_back(uuids[k]);
			/* Thread t's own copy of the query: copying shares it. */
			Xapian::Query mine = t ? Xapian::Query::unserialise(wire) : q;
			Xapian::Enquire enq(t ? peers[t - 1] : whole);
			enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, mine,
						    Xapian::Query((new ShardOnly(own))->release())));
			sets[t] = enq.get_mset(0, want);
		} catch (...) {
			failed[t] = std::current_exception();
		}
	};
	std::vector<std::thread> threads;
	try {
		for (unsigned t = 1; t < n; t++)
			threads.emplace_back(run, t);
	} catch (const std::system_error &) {
		/* No thread to be had: its share is searched here. */
		for (unsigned t = unsigned(threads.size()) + 1; t < n; t++)
			run(t);
	}
	run(0);
	for (std::thread &th : threads)
		th.join();
	for (const std::exception_ptr &e : failed)
		if (e)
			std::rethrow_exception(e);

	out.clear();
	total = 0;
	exact = true;
	for (const Xapian::MSet &ms : sets) {
		total += ms.get_matches_estimated();
		exact = exact && ms.get_matches_lower_bound() == ms.get_matches_upper_bound();
		for (Xapian::MSetIterator i = ms.begin(); i != ms.end(); ++i)
			out.push_back(ShardHit{*i, i.get_weight(), i.get_document()});
	}
	std::sort(out.begin(), out.end(), [](const ShardHit &a, const ShardHit &b) {
		return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
	});
	if (out.size() > want)
		out.resize(want);
	return true;
}

} // namespace ofs_engine
