/*
 * xapian.cc: the C interface of engine/xapian.h over libxapian.
 *
 * With facet_count.cc and snippet.cc, which it alone calls, the only C++
 * in the project.  Every extern "C" function body is a try
 * block whose handler calls map_error(), which rethrows to classify the
 * exception into an ofs_status and a one-line message naming the index or
 * the query; nothing is thrown across the interface.  Results are copied
 * into plain structures while the database is still consistent, so that
 * a reader can reopen and retry when a writer commits underneath it.
 */
#include "engine/xapian.h"
#include "engine/facet_count.h"
#include "engine/shard_search.h"
#include "engine/snippet.h"
#include "engine/stored.h"
#include "base/stopwords.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

/* A shard served by xapian-tcpsrv. */
struct Remote {
	std::string host, name; /* name: "HOST:PORT", what errors say; or
				 * the path of a local shard (port 0) */
	unsigned port = 0;
};

/* The tables of a handle's shards, all read for one slot. */
struct FacetTables {
	bool built = false;
	Xapian::valueno slot = 0;
	std::vector<ofs_engine::FacetTable> shard;
	unsigned searches = 0; /* facet searches since the last reopen */
};

} // namespace

struct ofs_xdb {
	Xapian::Database *db = nullptr;
	Xapian::WritableDatabase *wdb = nullptr; /* same object as db when writing */
	std::string path;
	/* Opened by ofs_xdb_open_remote(): */
	std::vector<Remote> remotes;
	ofs_xremote_opts ro = {};
	std::string sidecar, down;
	/* The sidecar alone, for the term frequencies it keeps (tf_docs:
	 * the document count they are of, 0 when it keeps none). */
	Xapian::Database side;
	Xapian::doccount tf_docs = 0;
	std::string why; /* the first shard left out: why, as an error */
	unsigned live = 0;  /* shards searched */
	bool fresh = false; /* connected since the last ofs_xdb_recheck() */
	/* Opened by ofs_xdb_open_shards(): each shard alone (sharing db's
	 * internals, so at db's revision), and their facet tables. */
	std::vector<Xapian::Database> shards;
	std::unique_ptr<ofs_engine::ShardSearch> threads; /* ranked searches */
	FacetTables facets;
	ofs_engine::StemCache stem_cache; /* for snippets */
};

struct ofs_xdoc {
	/* Its data is set when it is added: data with the values after it
	 * (stored.h), composed once whatever the order of the setters. */
	mutable Xapian::Document doc;
	Xapian::TermGenerator tg;
	std::string data;
};

struct ofs_xquery {
	Xapian::Query q;
};

/*
 * A callback's failure, kept until parse_query() returns: throwing from a
 * field processor through Xapian 1.4's parser leaks its parse stack and,
 * after "+field:bad", frees a pointer it never allocated.
 */
struct Pending {
	ofs_status rc = OFS_OK;
	ofs_error err;

	void fail(ofs_status r, const ofs_error &e)
	{
		if (rc == OFS_OK) {
			rc = r;
			err = e;
		}
	}
};

struct ofs_xparser {
	Xapian::QueryParser qp;
	Pending pending; /* what a field callback reported */
};

namespace {

struct Row {
	double weight = 0;
	unsigned collapse = 0;
	std::string data;
	std::string snippet;
	std::vector<std::string> values;
};

} // namespace

struct ofs_xmset {
	unsigned total = 0;
	int total_exact = 0;
	std::vector<Row> rows;
	std::vector<std::vector<std::pair<std::string, unsigned>>> facets;
};

namespace {

/* A damaged index: every program says so the same way, and how to get
 * a sound one. */
ofs_status corrupt(ofs_error *err, const char *what, const Xapian::Error &e)
{
	return ofs_error_set(err, OFS_ECORRUPT,
			     "%s: the index is damaged (%s); rebuild it with " OFS_INDEXER_NAME " --rebuild "
			     "and the files and folders it holds", what, e.get_msg().c_str());
}

/* Classify the exception being handled; call only inside a catch. */
ofs_status map_error(ofs_error *err, const std::string &what)
{
	const char *w = what.c_str();
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		return ofs_error_set(err, OFS_ELOCKED,
				     "%s: index is locked by another indexer", w);
	} catch (const Xapian::DatabaseModifiedError &e) {
		return ofs_error_set(err, OFS_ERETRY,
				     "%s: index kept changing while being read", w);
	} catch (const Xapian::DatabaseCorruptError &e) {
		return corrupt(err, w, e);
	} catch (const Xapian::DatabaseNotFoundError &e) {
		return ofs_error_set(err, OFS_ENOTFOUND, "%s: no index here", w);
	} catch (const Xapian::DatabaseOpeningError &e) {
		return ofs_error_set(err, OFS_ENOTFOUND, "%s: cannot open index: %s", w,
				     e.get_msg().c_str());
	} catch (const Xapian::NetworkError &e) {
		return ofs_error_set(err, OFS_EREMOTE, "%s: a remote shard does not answer: %s", w,
				     e.get_description().c_str());
	} catch (const Xapian::QueryParserError &e) {
		return ofs_error_set(err, OFS_EQUERY, "query '%s': %s", w,
				     e.get_msg().c_str());
	} catch (const Xapian::DatabaseError &e) {
		/* A table file shorter than its blocks: truncated. */
		if (e.get_msg().rfind("EOF reading", 0) == 0)
			return corrupt(err, w, e);
		return ofs_error_set(err, OFS_EXAPIAN, "%s: %s", w,
				     e.get_description().c_str());
	} catch (const Xapian::Error &e) {
		return ofs_error_set(err, OFS_EXAPIAN, "%s: %s", w,
				     e.get_description().c_str());
	} catch (const std::bad_alloc &) {
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", w);
	} catch (const std::exception &e) {
		return ofs_error_set(err, OFS_EXAPIAN, "%s: %s", w, e.what());
	} catch (...) {
		return ofs_error_set(err, OFS_EXAPIAN, "%s: unknown engine error", w);
	}
}

/* The error of a shard left out when partial results are not wanted;
 * with every shard left out, always. */
ofs_status down_error(const ofs_xdb *db, ofs_error *err)
{
	if (db->down.empty() || (db->ro.partial && db->live))
		return OFS_OK;
	return ofs_error_set(err, OFS_EREMOTE, "%s", db->why.c_str());
}

/*
 * (Re)open the remote shards as one database, the sidecar first (its
 * metadata is the one read; it has no documents, so statistics and
 * results are the shards' alone).  The shards that do not answer are
 * left out; unless partial, that is an OFS_EREMOTE naming the first, as
 * is every later call until ofs_xdb_recheck() finds it back, so that the
 * calls of one search do not each wait for its timeout.  The database is
 * replaced in place: every handle on db sees the new one.
 */
ofs_status connect_remotes(ofs_xdb *db, ofs_error *err)
{
	std::string down, why;
	unsigned live = 0;
	/* Called from handlers too: nothing may escape. */
	try {
		Xapian::Database all(db->sidecar);
		for (Remote &r : db->remotes) {
			if (!r.port) {
				all.add_database(Xapian::Database(r.name));
				live++;
				continue;
			}
			try {
				all.add_database(Xapian::Remote::open(r.host, r.port,
								      db->ro.timeout_ms,
								      db->ro.connect_ms));
				live++;
			} catch (const Xapian::NetworkError &e) {
				ofs_error w;
				ofs_error_set(&w, OFS_EREMOTE, "%s: shard %s does not answer: %s",
					      db->path.c_str(), r.name.c_str(),
					      e.get_description().c_str());
				if (down.empty())
					why = w.msg;
				down += (down.empty() ? "" : ", ") + r.name;
			}
		}
		if (!live) {
			ofs_error w;
			ofs_error_set(&w, OFS_EREMOTE, "%s: no shard answers (%s)",
				      db->path.c_str(), down.c_str());
			why = w.msg;
		} else {
			*db->db = all;
		}
	} catch (...) {
		return map_error(err, db->sidecar);
	}
	db->live = live;
	db->down = down;
	db->why = why;
	db->fresh = true;
	return down_error(db, err);
}

/*
 * Run f, a read of db; on a network error, open the remote shards again
 * (a server may have closed an idle connection, or died) and run it
 * once more, unless it has already given its caller something (fed
 * says so).  Any other error as map_error().
 */
template <class F> ofs_status guarded(ofs_xdb *db, ofs_error *err, F f, const bool *fed = nullptr)
{
	ofs_status rc = down_error(db, err);
	if (rc != OFS_OK)
		return rc;
	for (int attempt = 0;; attempt++) {
		try {
			f();
			return OFS_OK;
		} catch (const Xapian::NetworkError &) {
			if (db->remotes.empty() || attempt > 0 || (fed && *fed))
				return map_error(err, db->path);
			if ((rc = connect_remotes(db, err)) != OFS_OK)
				return rc;
		} catch (...) {
			return map_error(err, db->path);
		}
	}
}

/* The project's stopwords as a Xapian stopper; built once, then only read
 * (safe from several threads). */
const Xapian::Stopper &stopper()
{
	static const Xapian::SimpleStopper *s = [] {
		auto *st = new Xapian::SimpleStopper;
		size_t n;
		const char *const *w = ofs_stopword_list(&n);
		for (size_t i = 0; i < n; i++)
			st->add(w[i]);
		return st;
	}();
	return *s;
}

/* Turns field text into a filter term through the C callback. */
class CFieldProcessor : public Xapian::FieldProcessor {
	ofs_xfield_fn fn;
	void *ctx;
	Pending *pending;

public:
	CFieldProcessor(ofs_xfield_fn f, void *c, Pending *p) : fn(f), ctx(c), pending(p) {}

	Xapian::Query operator()(const std::string &text) override
	{
		char *term = nullptr;
		ofs_error e;
		ofs_error_clear(&e);
		ofs_status rc = fn(ctx, text.c_str(), &term, &e);
		if (rc != OFS_OK) {
			free(term);
			pending->fail(rc, e);
			return Xapian::Query::MatchNothing;
		}
		std::string t(term ? term : "");
		free(term);
		return Xapian::Query(t);
	}
};

/* Turns field text into a weighted sub-query through the C callback. */
class CQueryProcessor : public Xapian::FieldProcessor {
	ofs_xquery_fn fn;
	void *ctx;
	Pending *pending;

public:
	CQueryProcessor(ofs_xquery_fn f, void *c, Pending *p) : fn(f), ctx(c), pending(p) {}

	Xapian::Query operator()(const std::string &text) override
	{
		ofs_xquery *q = nullptr;
		ofs_error e;
		ofs_error_clear(&e);
		ofs_status rc = fn(ctx, text.c_str(), &q, &e);
		if (rc != OFS_OK) {
			ofs_xquery_free(q);
			pending->fail(rc, e);
			return Xapian::Query::MatchNothing;
		}
		Xapian::Query r = q->q;
		ofs_xquery_free(q);
		return r;
	}
};

/* Facet counts per field, most frequent first (then by value). */
std::vector<std::vector<std::pair<std::string, unsigned>>>
sorted_counts(const ofs_engine::FieldCounts &counts)
{
	std::vector<std::vector<std::pair<std::string, unsigned>>> out;
	for (const auto &c : counts) {
		std::vector<std::pair<std::string, unsigned>> f(c.begin(), c.end());
		std::sort(f.begin(), f.end(), [](const auto &a, const auto &b) {
			return a.second != b.second ? a.second > b.second : a.first < b.first;
		});
		out.push_back(std::move(f));
	}
	return out;
}

/* Read db at its latest revision: what was read of the old one goes. */
void reopen(ofs_xdb *db)
{
	db->db->reopen();
	if (db->threads)
		db->threads->reopen();
	db->facets = FacetTables();
}

/* Terms of the expand set: words only, no filter terms (prefixed with
 * upper case) and no numbers. */
class WordsOnly : public Xapian::ExpandDecider {
public:
	bool operator()(const std::string &term) const override
	{
		if (term.empty())
			return false;
		unsigned char c = (unsigned char)term[0];
		if (c == 'Z')
			c = term.size() > 1 ? (unsigned char)term[1] : 0;
		return c >= 'a' && c <= 'z';
	}
};

ofs_status new_query(ofs_xquery **out, const Xapian::Query &q)
{
	*out = new (std::nothrow) ofs_xquery;
	if (!*out)
		return OFS_ENOMEM;
	(*out)->q = q;
	return OFS_OK;
}

/* The bytes the process keeps of a shard's common terms' documents as
 * bitsets (facet_count.h), for an index of shards shards and a bitset of
 * bitset bytes: OFS_TERM_BITS_MB split among the shards; else 16 MB so
 * split, or room for 128 of the shard's bitsets where that is more (16 MB
 * holds a few dozen bitsets of a shard of two million paragraphs, fewer
 * than the common words of a few searches). */
size_t term_bits_budget(size_t shards, size_t bitset)
{
	const char *mb = getenv("OFS_TERM_BITS_MB");
	char *end;
	if (mb && *mb) {
		unsigned long n = strtoul(mb, &end, 10);
		if (!*end)
			return (size_t(std::min(n, 1UL << 20)) << 20) / shards;
	}
	return std::max((size_t(16) << 20) / shards, 128 * bitset);
}

/* Whether db counts facets of slot through tables, reading them when
 * it is time (see count_matches). */
bool use_tables(ofs_xdb *db, Xapian::valueno slot)
{
	FacetTables &t = db->facets;
	/* Tables for a handle that counts again (a server, a program using
	 * the library), never for a one-off search, whose matches are often
	 * far fewer than the documents the tables read; never over remote
	 * shards, which count where they are, nor for a writer's handle,
	 * whose values change before it commits. */
	if (db->shards.empty() || db->wdb || t.searches++ == 0)
		return false;
	if (!t.built || t.slot != slot) {
		t.shard.assign(db->shards.size(), ofs_engine::FacetTable());
		for (size_t k = 0; k < db->shards.size(); k++) {
			ofs_engine::build_table(db->shards[k], slot, t.shard[k]);
			t.shard[k].terms = ofs_engine::shared_term_bits(
				db->shards[k],
				term_bits_budget(db->shards.size(),
						 t.shard[k].live.size() * sizeof(uint64_t)));
		}
		t.slot = slot;
		t.built = true;
	}
	return true;
}

/*
 * The counts of a search: how many documents match q, with the facet
 * counts of o's fields and, with a collapse key, how many match per key.
 * A pass of its own, without weights: ranking every match only to count
 * it costs as much again as counting, and the ranked pass, asked for its
 * first results alone, then skips what cannot reach them.  Facets through
 * the handle's tables, shard by shard, where it keeps them (use_tables(),
 * facet_count.h).
 */
void count_matches(ofs_xdb *db, const ofs_xquery *q, const ofs_xsearch_opts *o,
		   unsigned fields, ofs_xmset *m,
		   std::unordered_map<std::string, unsigned> &group_size)
{
	const Xapian::valueno slot = o->facet_slot;
	ofs_engine::FieldCounts counts(fields);
	m->total = 0;
	m->total_exact = 1;
	if (fields && o->collapse_slot < 0 && use_tables(db, slot)) {
		for (size_t k = 0; k < db->shards.size(); k++) {
			Xapian::doccount n;
			ofs_engine::count_shard(db->shards[k], q->q, db->facets.shard[k], &n, counts);
			m->total += n;
		}
		m->facets = sorted_counts(counts);
		return;
	}
	Xapian::Enquire enq(*db->db);
	enq.set_query(q->q);
	enq.set_weighting_scheme(Xapian::BoolWeight());
	/* Xapian's own spy travels to xapian-tcpsrv: shards served
	 * remotely count their matches where they are. */
	Xapian::ValueCountMatchSpy vspy(slot);
	if (fields)
		enq.add_matchspy(&vspy);
	Xapian::ValueCountMatchSpy groups(o->collapse_slot >= 0 ? (Xapian::valueno)o->collapse_slot
								 : 0);
	if (o->collapse_slot >= 0)
		enq.add_matchspy(&groups);
	Xapian::MSet ms = enq.get_mset(0, 0, db->db->get_doccount());
	m->total = ms.get_matches_estimated();
	m->total_exact = ms.get_matches_lower_bound() == ms.get_matches_upper_bound();
	if (fields) {
		for (Xapian::TermIterator v = vspy.values_begin(); v != vspy.values_end(); ++v)
			ofs_engine::add_packed(counts, *v, v.get_termfreq());
		m->facets = sorted_counts(counts);
	}
	/* Collapsed, Xapian's bounds on the number of groups stay apart even
	 * when every match is read: count the distinct keys instead; their
	 * sizes too, which over remote shards the MSet's own collapse counts
	 * give as 0. */
	if (o->collapse_slot >= 0) {
		m->total = 0;
		for (Xapian::TermIterator v = groups.values_begin(); v != groups.values_end(); ++v) {
			group_size[*v] = v.get_termfreq();
			m->total++;
		}
		m->total_exact = 1;
	}
}

/* Whether no document ever weighs anything for q: every document it
 * matches comes from MatchAll, value ranges or the filtering side of
 * FILTER and AND_NOT (a browse, a filter alone). */
bool weightless(const Xapian::Query &q)
{
	const size_t n = q.get_num_subqueries();
	switch (q.get_type()) {
	case Xapian::Query::LEAF_MATCH_ALL:
	case Xapian::Query::LEAF_MATCH_NOTHING:
	case Xapian::Query::OP_VALUE_RANGE:
	case Xapian::Query::OP_VALUE_GE:
	case Xapian::Query::OP_VALUE_LE:
		return true;
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_SCALE_WEIGHT:
		return weightless(q.get_subquery(0));
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_AND_MAYBE:
		for (size_t i = 0; i < n; i++)
			if (!weightless(q.get_subquery(i)))
				return false;
		return true;
	default:
		return false;
	}
}

/* One result as the rows are made from it. */
struct Hit {
	Xapian::Document doc;
	double weight;
	unsigned collapse;
};

/*
 * The hits offset.. of a weightless query (all weighing 0, so in docid
 * order) over db's local shards, each shard asked for its first
 * offset + limit: over several databases Xapian 1.4 reads every match of
 * such a query before giving the first (a browse of the 10x sample,
 * 34 ms; 0.005 ms a shard).  Shard k's docid d is (d - 1) * n + k + 1 in
 * the whole, as Xapian numbers them.
 */
std::vector<Hit> first_hits(ofs_xdb *db, const Xapian::Query &q, unsigned offset,
			    unsigned limit, ofs_xmset *m)
{
	const size_t n = db->shards.size();
	std::vector<std::pair<Xapian::docid, Hit>> all;
	m->total = 0;
	m->total_exact = 1;
	for (size_t k = 0; k < n; k++) {
		Xapian::Enquire enq(db->shards[k]);
		enq.set_query(q);
		enq.set_weighting_scheme(Xapian::BoolWeight());
		Xapian::MSet ms = enq.get_mset(0, Xapian::doccount(std::min<uint64_t>(
							 uint64_t(offset) + limit, UINT32_MAX)));
		m->total += ms.get_matches_estimated();
		if (ms.get_matches_lower_bound() != ms.get_matches_upper_bound())
			m->total_exact = 0;
		for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it)
			all.push_back({Xapian::docid((*it - 1) * n + k + 1),
				       Hit{it.get_document(), 0, 0}});
	}
	std::sort(all.begin(), all.end(),
		  [](const auto &a, const auto &b) { return a.first < b.first; });
	std::vector<Hit> hits;
	for (size_t i = offset; i < all.size() && hits.size() < limit; i++)
		hits.push_back(all[i].second);
	return hits;
}

/* Run the search once; throws on any engine error. */
void run_search(ofs_xdb *db, const ofs_xquery *q, const ofs_xsearch_opts *o,
		ofs_xmset *m)
{
	const ofs_engine::ShardSearch::Running running;
	std::vector<Hit> hits;
	const bool by_shard =
		db->shards.size() > 1 && !db->wdb && o->sort_slot < 0 && o->collapse_slot < 0;
	std::vector<ofs_engine::ShardHit> ranked;
	Xapian::doccount total = 0;
	bool exact = false;
	if (by_shard && weightless(q->q)) {
		hits = first_hits(db, q->q, o->offset, o->limit, m);
	} else if (by_shard && db->threads &&
		   db->threads->search(*db->db, db->shards, q->q,
				       Xapian::doccount(std::min<uint64_t>(
					       uint64_t(o->offset) + o->limit, UINT32_MAX)),
				       ranked, total, exact)) {
		m->total = total;
		m->total_exact = exact;
		for (size_t i = o->offset; i < ranked.size(); i++)
			hits.push_back(Hit{ranked[i].doc, ranked[i].weight, 0});
	} else {
		Xapian::Enquire enq(*db->db);
		enq.set_query(q->q);
		if (o->sort_slot >= 0)
			enq.set_sort_by_value_then_relevance((Xapian::valueno)o->sort_slot,
							     o->sort_descending != 0);
		if (o->collapse_slot >= 0)
			enq.set_collapse_key((Xapian::valueno)o->collapse_slot);
		Xapian::MSet ms = enq.get_mset(o->offset, o->limit);
		m->total = ms.get_matches_estimated();
		m->total_exact = ms.get_matches_lower_bound() == ms.get_matches_upper_bound();
		for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it)
			hits.push_back(Hit{it.get_document(), it.get_weight(),
					   it.get_collapse_count()});
	}

	unsigned fields = o->facet_fields < OFS_XMAX_FACETS ? o->facet_fields : OFS_XMAX_FACETS;
	std::unordered_map<std::string, unsigned> group_size;
	m->facets.clear();
	if (o->exact_total || fields)
		count_matches(db, q, o, fields, m, group_size);
	m->rows.clear();
	m->rows.reserve(hits.size());
	ofs_engine::QueryStems stems;
	if (o->snippet_length)
		stems = ofs_engine::query_stems(q->q);
	ofs_engine::Stored st;
	for (Hit &h : hits) {
		Row r;
		r.weight = h.weight;
		r.collapse = h.collapse;
		ofs_engine::read_stored(h.doc.get_data(), st);
		auto value = [&](unsigned slot) {
			if (!st.has_values)
				return h.doc.get_value(slot);
			return slot < st.values.size() ? st.values[slot] : std::string();
		};
		if (!group_size.empty()) {
			auto g = group_size.find(value((unsigned)o->collapse_slot));
			r.collapse = g != group_size.end() && g->second ? g->second - 1 : 0;
		}
		r.data = std::move(st.data);
		for (unsigned k = 0; k < o->n_values && k < 16; k++)
			r.values.push_back(value(o->value_slots[k]));
		if (o->snippet_length)
			r.snippet = ofs_engine::snippet(r.data, o->snippet_length, stems, db->stem_cache,
							o->hi_start ? o->hi_start : "",
							o->hi_end ? o->hi_end : "", "...");
		m->rows.push_back(std::move(r));
	}
}

/*
 * Which of qs match the first document where matches (ofs_xdb_which_match).
 * A local index reads that document's terms once and tells from them
 * what it can; the rest (all of them over remote shards, where reading a
 * term list is a round trip and opening posting lists is not) in one
 * search: query k, matched, adds exactly 2^k (a fixed weight filtered by
 * it, every other part weighing nothing), so the weight of the one
 * document says which matched; exact in a double up to 2^53.
 */
uint64_t which_match(ofs_xdb *db, const Xapian::Query &where, const ofs_xquery *const *qs,
		     size_t n)
{
	uint64_t bits = 0;
	std::vector<bool> told(n, false);
	if (db->remotes.empty()) {
		Xapian::Enquire enq(*db->db);
		enq.set_query(where);
		Xapian::MSet ms = enq.get_mset(0, 1);
		if (ms.empty())
			return 0;
		const Xapian::docid did = *ms.begin();
		std::unordered_set<std::string> terms(db->db->termlist_begin(did),
						     db->db->termlist_end(did));
		for (size_t k = 0; k < n; k++) {
			told[k] = qs[k] && ofs_engine::terms_tell(qs[k]->q);
			if (told[k] && ofs_engine::matches_terms(qs[k]->q, terms))
				bits |= uint64_t(1) << k;
		}
	}
	std::vector<Xapian::Query> parts;
	for (size_t k = 0; k < n; k++) {
		if (!qs[k] || told[k])
			continue;
		auto *w = new Xapian::FixedWeightPostingSource(double(uint64_t(1) << k));
		parts.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(w->release()),
				   Xapian::Query(Xapian::Query::OP_FILTER, qs[k]->q, where));
	}
	if (parts.empty())
		return bits;
	Xapian::Enquire enq(*db->db);
	enq.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
	Xapian::MSet ms = enq.get_mset(0, 1);
	return ms.empty() ? bits : bits | (uint64_t)ms.begin().get_weight();
}

void configure(Xapian::TermGenerator &tg)
{
	tg.set_stemmer(Xapian::Stem("english"));
	/* Stems only (with positions, so phrases still match): half the
	 * terms of stems plus unstemmed words, for a smaller, faster index;
	 * the parser below does the same. */
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
	/* Stopwords are not indexed at all, nor counted as positions:
	 * queries drop them, phrases included (stopwords.h). */
	tg.set_stopper(&stopper());
	tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
}

/* The document's positional terms by position (positions start at 1;
 * a position no term holds stays empty). */
std::vector<std::string> terms_in_order(const Xapian::Document &doc)
{
	std::vector<std::string> seq;
	for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
		for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
			Xapian::termpos pos = *p;
			if (pos >= seq.size())
				seq.resize(pos + 1);
			seq[pos] = *t;
		}
	return seq;
}

/* Add term t to a name's key: stems without their "Z", one space apart. */
void append_word(std::string &key, const std::string &t)
{
	if (!key.empty())
		key += ' ';
	key.append(t, t[0] == 'Z' ? 1 : 0, std::string::npos);
}

/* Whether phrase q's words must be consecutive (a window of as many
 * positions as words, as the parser makes them): Xapian 1.4 tells the
 * window only in the description. */
bool consecutive(const Xapian::Query &q)
{
	const std::string w = " PHRASE " + std::to_string(q.get_num_subqueries()) + " ";
	return q.get_description().find(w) != std::string::npos;
}

/* ofs_xquery_phrase_names() of q. */
Xapian::Query phrase_names(const Xapian::Query &q, const Xapian::Database &db,
			   const std::string &prefix)
{
	const size_t n = q.get_num_subqueries();
	std::vector<Xapian::Query> subs;
	std::string key;
	switch (q.get_type()) {
	case Xapian::Query::OP_PHRASE:
		for (size_t i = 0; i < n; i++) {
			Xapian::Query s = q.get_subquery(i);
			if (s.get_type() != Xapian::Query::LEAF_TERM)
				return q;
			const std::string t = *s.get_terms_begin();
			if (t.size() < 2 || t[0] != 'Z')
				return q;
			append_word(key, t);
			subs.push_back(s);
		}
		if (n < 2 || !consecutive(q) || !db.term_exists(prefix + key))
			return q;
		return Xapian::Query(Xapian::Query::OP_FILTER,
				     Xapian::Query(Xapian::Query::OP_AND, subs.begin(), subs.end()),
				     Xapian::Query(prefix + key));
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		for (size_t i = 0; i < n; i++)
			subs.push_back(phrase_names(q.get_subquery(i), db, prefix));
		return Xapian::Query(q.get_type(), subs.begin(), subs.end());
	default:
		return q;
	}
}

} // namespace

extern "C" {

ofs_status ofs_xdb_open_write(ofs_xdb **out, const char *path, unsigned flags,
			      ofs_error *err)
{
	*out = nullptr;
	ofs_xdb *x = nullptr;
	try {
		x = new ofs_xdb;
		x->path = path;
		int action = (flags & OFS_XDB_CREATE) ? Xapian::DB_CREATE_OR_OPEN
						      : Xapian::DB_OPEN;
		if (flags & OFS_XDB_WAIT_LOCK)
			action |= Xapian::DB_RETRY_LOCK;
		x->wdb = new Xapian::WritableDatabase(path, action);
		x->db = x->wdb;
		*out = x;
		return OFS_OK;
	} catch (...) {
		ofs_status st = map_error(err, path);
		delete x;
		return st;
	}
}

ofs_status ofs_xdb_open_read(ofs_xdb **out, const char *path, ofs_error *err)
{
	*out = nullptr;
	ofs_xdb *x = nullptr;
	try {
		x = new ofs_xdb;
		x->path = path;
		x->db = new Xapian::Database(path);
		*out = x;
		return OFS_OK;
	} catch (...) {
		ofs_status st = map_error(err, path);
		delete x;
		return st;
	}
}

ofs_status ofs_xdb_open_shards(ofs_xdb **out, const char *name, char *const *paths,
			       unsigned n, ofs_error *err)
{
	*out = nullptr;
	ofs_xdb *x = nullptr;
	try {
		x = new ofs_xdb;
		x->path = name;
		x->db = new Xapian::Database;
		for (unsigned i = 0; i < n; i++) {
			x->shards.emplace_back(paths[i]);
			x->db->add_database(x->shards.back());
		}
		x->threads.reset(
			new ofs_engine::ShardSearch(std::vector<std::string>(paths, paths + n)));
		*out = x;
		return OFS_OK;
	} catch (...) {
		ofs_status st = map_error(err, name);
		if (x)
			delete x->db;
		delete x;
		return st;
	}
}

/*
 * Term frequencies in the sidecar: one metadata entry per term of the
 * shards, so that the expansion's many questions ("how many paragraphs
 * hold this word?": about 20 per query) are not each a round trip to
 * every server.  TF_DOCS says of how many documents they are counted; a
 * reader uses them only while the shards hold that many, else asks the
 * servers.  A term too long for a metadata key is always asked.
 */
const std::string TF_KEY = "ofs:tf:", TF_DOCS = "ofs:tf";
const size_t TF_TERM_MAX = 200;

/* A frequency from the sidecar, when it has one that holds. */
bool local_freq(ofs_xdb *db, const std::string &term, unsigned *out)
{
	if (!db->tf_docs || term.size() > TF_TERM_MAX || db->tf_docs != db->db->get_doccount())
		return false;
	std::string v = db->side.get_metadata(TF_KEY + term);
	*out = v.empty() ? 0 : (unsigned)strtoul(v.c_str(), nullptr, 10);
	return true;
}

ofs_status ofs_xdb_open_remote(ofs_xdb **out, const char *name, char *const *addrs,
			       unsigned n, const ofs_xremote_opts *o, ofs_error *err)
{
	*out = nullptr;
	ofs_xdb *x = nullptr;
	try {
		x = new ofs_xdb;
		x->path = name;
		x->ro = *o;
		x->sidecar = o->sidecar ? o->sidecar : "";
		x->ro.sidecar = nullptr; /* x->sidecar owns it */
		for (unsigned i = 0; i < n; i++) {
			Remote r;
			if (addrs[i][0] == '/') {
				r.name = addrs[i];
				x->remotes.push_back(r);
				continue;
			}
			const char *colon = strrchr(addrs[i], ':');
			char *end = nullptr;
			unsigned long port = colon ? strtoul(colon + 1, &end, 10) : 0;
			if (!colon || colon == addrs[i] || !end || *end || !port || port > 65535) {
				ofs_status st = ofs_error_set(err, OFS_EFORMAT,
							      "%s: '%s' is not HOST:PORT", name,
							      addrs[i]);
				delete x;
				return st;
			}
			r.name = addrs[i];
			r.host.assign(addrs[i], colon - addrs[i]);
			r.port = (unsigned)port;
			x->remotes.push_back(r);
		}
		x->db = new Xapian::Database;
		x->side = Xapian::Database(x->sidecar);
		x->tf_docs = (Xapian::doccount)strtoul(x->side.get_metadata(TF_DOCS).c_str(), nullptr, 10);
		ofs_status st = connect_remotes(x, err);
		if (st != OFS_OK) {
			delete x->db;
			delete x;
			return st;
		}
		*out = x;
		return OFS_OK;
	} catch (...) {
		ofs_status st = map_error(err, x && !x->sidecar.empty() ? x->sidecar : name);
		if (x)
			delete x->db;
		delete x;
		return st;
	}
}

void ofs_xdb_set_partial(ofs_xdb *db, int partial)
{
	db->ro.partial = partial;
}

const char *ofs_xdb_shards_down(const ofs_xdb *db)
{
	return db->down.empty() ? nullptr : db->down.c_str();
}

ofs_status ofs_xdb_recheck(ofs_xdb *db, ofs_error *err)
{
	bool fresh = db->fresh;
	db->fresh = false;
	/* Just tried: say so again rather than wait for it again. */
	if (db->down.empty() || fresh)
		return down_error(db, err);
	try {
		return connect_remotes(db, err);
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_write_sidecar(ofs_xdb *db, const char *dst, const char *shards,
				 ofs_error *err)
{
	try {
		Xapian::WritableDatabase out(dst, Xapian::DB_CREATE_OR_OVERWRITE);
		for (auto t = db->db->spellings_begin(); t != db->db->spellings_end(); ++t)
			out.add_spelling(*t, t.get_termfreq());
		for (auto k = db->db->synonym_keys_begin(); k != db->db->synonym_keys_end(); ++k)
			for (auto v = db->db->synonyms_begin(*k); v != db->db->synonyms_end(*k); ++v)
				out.add_synonym(*k, *v);
		for (auto k = db->db->metadata_keys_begin(); k != db->db->metadata_keys_end(); ++k)
			out.set_metadata(*k, db->db->get_metadata(*k));
		for (auto t = db->db->allterms_begin(); t != db->db->allterms_end(); ++t)
			if ((*t).size() <= TF_TERM_MAX)
				out.set_metadata(TF_KEY + *t, std::to_string(t.get_termfreq()));
		out.set_metadata(TF_DOCS, std::to_string(db->db->get_doccount()));
		out.set_metadata("ofs:shards", shards);
		out.commit();
		return OFS_OK;
	} catch (...) {
		return map_error(err, dst);
	}
}

void ofs_xdb_close(ofs_xdb *db)
{
	if (!db)
		return;
	try {
		db->db->close();
	} catch (...) {
		/* Documented: a failure here is lost; commit first to see it. */
	}
	delete db->db;
	delete db;
}

ofs_status ofs_xdb_compact(const char *src, const char *dst, ofs_error *err)
{
	try {
		Xapian::Database(src).compact(dst);
		return OFS_OK;
	} catch (...) {
		return map_error(err, std::string(src) + " -> " + dst);
	}
}

ofs_status ofs_xdb_check(const char *path, ofs_error *err)
{
	try {
		/* Xapian 1.4's check crashes on some damage unless it has an
		 * output and a tree display to write (found by damaging
		 * tables on purpose): give it both, and drop what it says. */
		std::ostringstream said;
		size_t errors = Xapian::Database::check(path, Xapian::DBCHECK_SHORT_TREE, &said);
		if (errors)
			throw Xapian::DatabaseCorruptError(std::to_string(errors) +
							   " errors found by a check");
		return OFS_OK;
	} catch (const Xapian::DatabaseCorruptError &e) {
		return corrupt(err, path, e);
	} catch (const Xapian::DatabaseOpeningError &) {
		return map_error(err, path);
	} catch (const Xapian::DatabaseError &e) {
		/* What the check finds wrong in a table's structure. */
		return corrupt(err, path, e);
	} catch (...) {
		return map_error(err, path);
	}
}

ofs_status ofs_xdb_commit(ofs_xdb *db, ofs_error *err)
{
	try {
		if (db->wdb)
			db->wdb->commit();
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_doccount(ofs_xdb *db, unsigned *out, ofs_error *err)
{
	return guarded(db, err, [&] { *out = db->db->get_doccount(); });
}

ofs_status ofs_xdb_termfreq(ofs_xdb *db, const char *term, unsigned *out,
			    ofs_error *err)
{
	return guarded(db, err, [&] {
		if (!local_freq(db, term, out))
			*out = db->db->get_termfreq(term);
	});
}

ofs_status ofs_xdb_wordfreq(ofs_xdb *db, const char *word, unsigned *out,
			    ofs_error *err)
{
	return guarded(db, err, [&] {
		Xapian::Stem stem("english");
		std::string term = "Z" + stem(word);
		if (!local_freq(db, term, out))
			*out = db->db->get_termfreq(term);
	});
}

ofs_status ofs_xdb_add(ofs_xdb *db, const ofs_xdoc *doc, ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		doc->doc.set_data(ofs_engine::stored_data(doc->data, doc->doc));
		db->wdb->add_document(doc->doc);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_group_begin(ofs_xdb *db, ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		/* Unflushed: the group is atomic, but not a commit of its own. */
		db->wdb->begin_transaction(false);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_group_end(ofs_xdb *db, ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		db->wdb->commit_transaction();
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_delete_term(ofs_xdb *db, const char *term, ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		db->wdb->delete_document(term);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_get_by_term(ofs_xdb *db, const char *term, char **data,
			       size_t *len, ofs_error *err)
{
	*data = nullptr;
	bool found = false;
	std::string d;
	ofs_status rc = guarded(db, err, [&] {
		Xapian::PostingIterator p = db->db->postlist_begin(term);
		found = p != db->db->postlist_end(term);
		if (found) {
			ofs_engine::Stored st;
			ofs_engine::read_stored(db->db->get_document(*p).get_data(), st);
			d = std::move(st.data);
		}
	});
	if (rc != OFS_OK)
		return rc;
	if (!found)
		return ofs_error_set(err, OFS_ENOTFOUND, "%s: no document %s", db->path.c_str(),
				     term);
	*data = static_cast<char *>(malloc(d.size() + 1));
	if (!*data)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", db->path.c_str());
	memcpy(*data, d.data(), d.size());
	(*data)[d.size()] = '\0';
	if (len)
		*len = d.size();
	return OFS_OK;
}

ofs_status ofs_xdb_each_term_freq(ofs_xdb *db, const char *prefix,
				  int (*fn)(void *ctx, const char *term, unsigned freq),
				  void *ctx, ofs_error *err)
{
	bool fed = false;
	return guarded(db, err, [&] {
		for (auto t = db->db->allterms_begin(prefix); t != db->db->allterms_end(prefix); ++t) {
			fed = true;
			if (fn(ctx, (*t).c_str(), t.get_termfreq()))
				break;
		}
	}, &fed);
}

namespace {
struct TermFn {
	int (*fn)(void *ctx, const char *term);
	void *ctx;
};

int term_only(void *ctx, const char *term, unsigned)
{
	const TermFn *t = static_cast<const TermFn *>(ctx);
	return t->fn(t->ctx, term);
}
} // namespace

ofs_status ofs_xdb_each_term(ofs_xdb *db, const char *prefix,
			     int (*fn)(void *ctx, const char *term), void *ctx,
			     ofs_error *err)
{
	TermFn t = {fn, ctx};
	return ofs_xdb_each_term_freq(db, prefix, term_only, &t, err);
}

ofs_status ofs_xdb_sample_terms(ofs_xdb *db, const char *prefix, unsigned max_docs,
				int (*fn)(void *ctx, const char *const *terms, size_t n),
				void *ctx, ofs_error *err)
{
	const size_t plen = strlen(prefix);
	return guarded(db, err, [&] {
		const uint64_t last = db->db->get_lastdocid();
		const uint64_t step = std::max<uint64_t>(1, last / std::max(1u, max_docs));
		std::vector<std::string> terms;
		std::vector<const char *> ptrs;
		for (uint64_t id = 1; id <= last; id += step) {
			const Xapian::docid did = Xapian::docid(id);
			terms.clear();
			try {
				auto t = db->db->termlist_begin(did);
				for (t.skip_to(prefix); t != db->db->termlist_end(did); ++t) {
					if ((*t).compare(0, plen, prefix) != 0)
						break;
					terms.push_back((*t).substr(plen));
				}
			} catch (const Xapian::DocNotFoundError &) {
				continue; /* deleted: the next one */
			}
			ptrs.clear();
			for (const std::string &s : terms)
				ptrs.push_back(s.c_str());
			if (fn(ctx, ptrs.data(), ptrs.size()))
				break;
		}
	});
}

ofs_status ofs_xdb_clear_synonyms(ofs_xdb *db, const char *key_prefix, ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		std::vector<std::string> keys;
		for (auto k = db->wdb->synonym_keys_begin(key_prefix);
		     k != db->wdb->synonym_keys_end(key_prefix); ++k)
			keys.push_back(*k);
		for (const std::string &k : keys)
			db->wdb->clear_synonyms(k);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_each_value(ofs_xdb *db, const char *term, unsigned slot,
			      int (*fn)(void *ctx, const char *value, size_t len), void *ctx,
			      ofs_error *err)
{
	try {
		for (auto p = db->db->postlist_begin(term); p != db->db->postlist_end(term); ++p) {
			std::string v = db->db->get_document(*p).get_value(slot);
			if (fn(ctx, v.data(), v.size()))
				break;
		}
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_add_synonym(ofs_xdb *db, const char *key, const char *value,
			       ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		db->wdb->add_synonym(key, value);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_each_synonym(ofs_xdb *db, const char *key,
				int (*fn)(void *ctx, const char *value), void *ctx,
				ofs_error *err)
{
	bool fed = false;
	return guarded(db, err, [&] {
		for (auto t = db->db->synonyms_begin(key); t != db->db->synonyms_end(key); ++t) {
			fed = true;
			if (fn(ctx, (*t).c_str()))
				break;
		}
	}, &fed);
}

ofs_status ofs_xdb_each_spelling(ofs_xdb *db, int (*fn)(void *ctx, const char *word,
							unsigned freq),
				 void *ctx, ofs_error *err)
{
	bool fed = false;
	/* Over a stub, Xapian merges the shards' tables and adds up the
	 * counts of a word several of them hold. */
	return guarded(db, err, [&] {
		for (auto t = db->db->spellings_begin(); t != db->db->spellings_end(); ++t) {
			fed = true;
			if (fn(ctx, (*t).c_str(), t.get_termfreq()))
				break;
		}
	}, &fed);
}

ofs_status ofs_xdb_add_spelling(ofs_xdb *db, const char *word, unsigned freq,
				ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		db->wdb->add_spelling(word, freq);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_like_query(ofs_xdb *db, const ofs_xquery *which, unsigned n_terms,
			      ofs_xquery **out, ofs_error *err)
{
	*out = nullptr;
	bool found = false;
	Xapian::Query like;
	ofs_status rc = guarded(db, err, [&] {
		Xapian::Enquire enq(*db->db);
		enq.set_query(which->q);
		Xapian::MSet one = enq.get_mset(0, 1);
		if (!(found = !one.empty()))
			return;
		Xapian::RSet rset;
		rset.add_document(*one.begin());
		WordsOnly words;
		/* Exact term frequencies: Xapian's estimate for shards depends
		 * on how many databases there are, the sidecar of remote
		 * shards included. */
		Xapian::ESet eset = enq.get_eset(n_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
						 &words);
		std::vector<Xapian::Query> terms;
		for (auto t = eset.begin(); t != eset.end(); ++t)
			terms.emplace_back(*t);
		like = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
	});
	if (rc != OFS_OK)
		return rc;
	if (!found)
		return ofs_error_set(err, OFS_ENOTFOUND, "no such document");
	return new_query(out, like);
}

ofs_status ofs_xdb_feedback_query(ofs_xdb *db, const ofs_xquery *q, unsigned k,
				  unsigned n_terms, double weight, ofs_xquery **out,
				  ofs_error *err)
{
	*out = nullptr;
	Xapian::Query result;
	ofs_status rc = guarded(db, err, [&] {
		Xapian::Enquire enq(*db->db);
		enq.set_query(q->q);
		Xapian::MSet top = enq.get_mset(0, k);
		Xapian::RSet rset;
		for (auto it = top.begin(); it != top.end(); ++it)
			rset.add_document(*it);
		result = q->q;
		if (rset.empty())
			return;
		WordsOnly words;
		/* Terms already in the query add nothing as feedback. */
		Xapian::ESet eset = enq.get_eset(n_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
						 &words);
		std::vector<Xapian::Query> terms;
		for (auto t = eset.begin(); t != eset.end(); ++t)
			terms.emplace_back(*t);
		Xapian::Query extra(Xapian::Query::OP_SCALE_WEIGHT,
				    Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
				    weight);
		result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q->q, extra);
	});
	return rc != OFS_OK ? rc : new_query(out, result);
}

ofs_status ofs_xdb_set_metadata(ofs_xdb *db, const char *key, const char *value,
				ofs_error *err)
{
	try {
		if (!db->wdb)
			return ofs_error_set(err, OFS_EINVAL, "%s: opened read-only",
					     db->path.c_str());
		db->wdb->set_metadata(key, value);
		return OFS_OK;
	} catch (...) {
		return map_error(err, db->path);
	}
}

ofs_status ofs_xdb_get_metadata(ofs_xdb *db, const char *key, char **value,
				ofs_error *err)
{
	*value = nullptr;
	std::string v;
	ofs_status rc = guarded(db, err, [&] { v = db->db->get_metadata(key); });
	if (rc != OFS_OK)
		return rc;
	*value = strdup(v.c_str());
	return *value ? OFS_OK : OFS_ENOMEM;
}

ofs_status ofs_xdoc_new(ofs_xdoc **out)
{
	*out = nullptr;
	try {
		ofs_xdoc *d = new ofs_xdoc;
		configure(d->tg);
		d->tg.set_document(d->doc);
		*out = d;
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

void ofs_xdoc_free(ofs_xdoc *doc)
{
	delete doc;
}

ofs_status ofs_xdoc_set_data(ofs_xdoc *doc, const char *data, size_t len)
{
	try {
		doc->data.assign(data, len);
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

ofs_status ofs_xdoc_add_boolean_term(ofs_xdoc *doc, const char *term)
{
	try {
		doc->doc.add_boolean_term(term);
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

ofs_status ofs_xdoc_set_value(ofs_xdoc *doc, unsigned slot, const char *value,
			      size_t len)
{
	try {
		doc->doc.add_value(slot, std::string(value, len));
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

ofs_status ofs_xdoc_index_text(ofs_xdoc *doc, const char *text, size_t len)
{
	try {
		doc->tg.index_text(Xapian::Utf8Iterator(text, len));
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

ofs_status ofs_xtext_terms(const char *text, size_t len, char **out)
{
	*out = nullptr;
	try {
		Xapian::TermGenerator tg;
		Xapian::Document doc;
		std::string key;
		configure(tg);
		tg.set_document(doc);
		tg.index_text(Xapian::Utf8Iterator(text, len));
		for (const std::string &t : terms_in_order(doc))
			if (!t.empty())
				append_word(key, t);
		*out = strdup(key.c_str());
		return *out ? OFS_OK : OFS_ENOMEM;
	} catch (...) {
		return map_error(nullptr, "text");
	}
}

ofs_status ofs_xdoc_add_names(ofs_xdoc *doc, const char *prefix, unsigned max_words,
			      ofs_xname_fn is_name, void *ctx)
{
	try {
		std::vector<std::string> seq = terms_in_order(doc->doc);
		std::string run;
		for (size_t i = 1; i < seq.size(); i++) {
			run.clear();
			for (size_t j = i; j < seq.size() && j - i < max_words && !seq[j].empty();
			     j++) {
				append_word(run, seq[j]);
				int r = is_name(ctx, run.data(), run.size());
				if (r & OFS_XNAME_WHOLE)
					doc->doc.add_boolean_term(prefix + run);
				if (!(r & OFS_XNAME_PREFIX))
					break;
			}
		}
		return OFS_OK;
	} catch (...) {
		return map_error(nullptr, "document");
	}
}

ofs_status ofs_xquery_term(ofs_xquery **out, const char *term)
{
	try {
		return new_query(out, Xapian::Query(term));
	} catch (...) {
		return map_error(nullptr, term);
	}
}

ofs_status ofs_xquery_value_range(ofs_xquery **out, unsigned slot,
				  const char *lo, const char *hi)
{
	try {
		if (lo && hi)
			return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
							    slot, lo, hi));
		if (lo)
			return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
		if (hi)
			return new_query(out, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
		return new_query(out, Xapian::Query::MatchAll);
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_filter(ofs_xquery **out, const ofs_xquery *q,
			     const ofs_xquery *f)
{
	try {
		return new_query(out, Xapian::Query(Xapian::Query::OP_FILTER, q->q, f->q));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_any_term(ofs_xquery **out, const char *const *terms, size_t n)
{
	try {
		std::vector<std::string> v(terms, terms + n);
		return new_query(out, Xapian::Query(Xapian::Query::OP_OR, v.begin(), v.end()));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_or(ofs_xquery **out, const ofs_xquery *a, const ofs_xquery *b)
{
	try {
		return new_query(out, Xapian::Query(Xapian::Query::OP_OR, a->q, b->q));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_and_not(ofs_xquery **out, const ofs_xquery *a,
			      const ofs_xquery *b)
{
	try {
		return new_query(out, Xapian::Query(Xapian::Query::OP_AND_NOT, a->q, b->q));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_synonym(ofs_xquery **out, ofs_xquery *const *qs, size_t n)
{
	try {
		std::vector<Xapian::Query> v;
		for (size_t i = 0; i < n; i++)
			v.push_back(qs[i]->q);
		return new_query(out, Xapian::Query(Xapian::Query::OP_SYNONYM, v.begin(), v.end()));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_scale(ofs_xquery **out, const ofs_xquery *q, double factor)
{
	try {
		return new_query(out, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_copy(ofs_xquery **out, const ofs_xquery *q)
{
	try {
		return new_query(out, q->q);
	} catch (...) {
		return map_error(nullptr, "query");
	}
}

ofs_status ofs_xquery_prefix(ofs_xquery **out, ofs_xdb *db, const char *prefix,
			     ofs_error *err)
{
	*out = nullptr;
	std::string pat, own;
	std::set<std::string> terms;
	try {
		/* The index holds stems ("Z" + stem).  A word beginning with
		 * the prefix keeps it in its stem, but for the prefix itself
		 * when stemming changed its end ("happy": "happi",
		 * "placements": "placement"): that stem is added alone.  Not
		 * every stem beginning with it ("ins" is stemmed "in": the
		 * words beginning "in" are not those beginning "ins"). */
		std::string lower(prefix);
		for (char &c : lower)
			c = (char)std::tolower((unsigned char)c);
		std::string stem = Xapian::Stem("english")(lower);
		if (!lower.empty())
			pat = "Z" + lower;
		if (!stem.empty() && stem != lower)
			own = "Z" + stem;
	} catch (...) {
		return map_error(err, prefix);
	}
	/* Xapian's own wildcard is expanded by each shard, and over remote
	 * shards both the words and their weights then differ from the
	 * index's as a whole. */
	ofs_status rc = guarded(db, err, [&] {
		terms.clear();
		if (!own.empty() && db->db->term_exists(own))
			terms.insert(own);
		if (pat.empty())
			return;
		std::vector<std::pair<Xapian::doccount, std::string>> found;
		for (auto t = db->db->allterms_begin(pat); t != db->db->allterms_end(pat); ++t)
			found.emplace_back(t.get_termfreq(), *t);
		std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
			return a.first != b.first ? a.first > b.first : a.second < b.second;
		});
		for (size_t k = 0; k < found.size() && k < OFS_XPREFIX_TERMS; k++)
			terms.insert(found[k].second);
	});
	if (rc != OFS_OK)
		return rc;
	try {
		std::vector<Xapian::Query> v(terms.begin(), terms.end());
		return new_query(out, Xapian::Query(Xapian::Query::OP_SYNONYM, v.begin(), v.end()));
	} catch (...) {
		return map_error(err, prefix);
	}
}

ofs_status ofs_xquery_phrase_names(ofs_xquery **out, const ofs_xquery *q, ofs_xdb *db,
				   const char *prefix, ofs_error *err)
{
	Xapian::Query named;
	*out = nullptr;
	ofs_status rc = guarded(db, err, [&] { named = phrase_names(q->q, *db->db, prefix); });
	if (rc != OFS_OK)
		return rc;
	return new_query(out, named) == OFS_OK ? OFS_OK
					       : ofs_error_set(err, OFS_ENOMEM, "out of memory");
}

char *ofs_xquery_describe(const ofs_xquery *q)
{
	try {
		return strdup(q->q.get_description().c_str());
	} catch (...) {
		return nullptr;
	}
}

void ofs_xquery_free(ofs_xquery *q)
{
	delete q;
}

ofs_status ofs_xparser_new(ofs_xparser **out, ofs_xdb *db, ofs_error *err)
{
	*out = nullptr;
	ofs_xparser *p = nullptr;
	try {
		p = new ofs_xparser;
		p->qp.set_stemmer(Xapian::Stem("english"));
		p->qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
		p->qp.set_stopper(&stopper());
		if (db)
			p->qp.set_database(*db->db);
		*out = p;
		return OFS_OK;
	} catch (...) {
		delete p;
		return map_error(err, "query parser");
	}
}

void ofs_xparser_free(ofs_xparser *p)
{
	delete p;
}

ofs_status ofs_xparser_add_filter_field(ofs_xparser *p, const char *field,
					ofs_xfield_fn fn, void *ctx, ofs_error *err)
{
	try {
		p->qp.add_boolean_prefix(field, (new CFieldProcessor(fn, ctx, &p->pending))->release());
		return OFS_OK;
	} catch (...) {
		return map_error(err, field);
	}
}

ofs_status ofs_xparser_add_query_field(ofs_xparser *p, const char *field,
				       ofs_xquery_fn fn, void *ctx, ofs_error *err)
{
	try {
		p->qp.add_prefix(field, (new CQueryProcessor(fn, ctx, &p->pending))->release());
		return OFS_OK;
	} catch (...) {
		return map_error(err, field);
	}
}

ofs_status ofs_xparser_parse(ofs_xparser *p, const char *text, const char *shown,
			     unsigned flags, ofs_xquery **out, ofs_error *err)
{
	if (!shown)
		shown = text;
	*out = nullptr;
	try {
		unsigned qpflags = Xapian::QueryParser::FLAG_PHRASE |
				   Xapian::QueryParser::FLAG_BOOLEAN |
				   Xapian::QueryParser::FLAG_LOVEHATE |
				   Xapian::QueryParser::FLAG_WILDCARD |
				   Xapian::QueryParser::FLAG_PURE_NOT;
		p->qp.set_default_op((flags & OFS_XPARSE_ANY) ? Xapian::Query::OP_OR
							      : Xapian::Query::OP_AND);
		p->pending = Pending();
		Xapian::Query q = p->qp.parse_query(text, qpflags);
		if (p->pending.rc == OFS_EQUERY)
			return ofs_error_set(err, OFS_EQUERY, "query '%s': %s", shown,
					     p->pending.err.msg);
		if (p->pending.rc != OFS_OK) {
			if (err)
				*err = p->pending.err;
			return p->pending.rc;
		}
		if (q.empty())
			q = Xapian::Query::MatchAll;
		return new_query(out, q);
	} catch (...) {
		return map_error(err, shown);
	}
}

ofs_status ofs_xdb_search(ofs_xdb *db, const ofs_xquery *q,
			  const ofs_xsearch_opts *opts, ofs_xmset **out,
			  ofs_error *err)
{
	*out = nullptr;
	ofs_xmset *m = new (std::nothrow) ofs_xmset;
	if (!m)
		return ofs_error_set(err, OFS_ENOMEM, "%s: out of memory", db->path.c_str());
	ofs_status rc = guarded(db, err, [&] {
		/* A writer may commit while we read: reopen at the new
		 * revision and run again, a few times at most. */
		for (int attempt = 0;; attempt++) {
			try {
				run_search(db, q, opts, m);
				break;
			} catch (const Xapian::DatabaseModifiedError &) {
				if (attempt >= 3)
					throw;
				reopen(db);
			}
		}
	});
	if (rc != OFS_OK) {
		delete m;
		return rc;
	}
	*out = m;
	return OFS_OK;
}

size_t ofs_xdb_kept_bitsets(ofs_xdb *db)
{
	size_t n = 0;
	if (db->facets.built)
		for (ofs_engine::FacetTable &t : db->facets.shard)
			n += t.terms->size();
	return n;
}

ofs_status ofs_xdb_which_match(ofs_xdb *db, const ofs_xquery *where,
				const ofs_xquery *const *qs, size_t n, uint64_t *bits,
				ofs_error *err)
{
	*bits = 0;
	if (n > 52)
		return ofs_error_set(err, OFS_EINVAL, "%s: %zu queries: at most 52 at once",
				     db->path.c_str(), n);
	return guarded(db, err, [&] {
		for (int attempt = 0;; attempt++) {
			try {
				*bits = which_match(db, where->q, qs, n);
				return;
			} catch (const Xapian::DatabaseModifiedError &) {
				if (attempt >= 3)
					throw;
				reopen(db);
			}
		}
	});
}

void ofs_xmset_free(ofs_xmset *m)
{
	delete m;
}

unsigned ofs_xmset_total(const ofs_xmset *m) { return m->total; }
int ofs_xmset_total_exact(const ofs_xmset *m) { return m->total_exact; }
unsigned ofs_xmset_size(const ofs_xmset *m) { return (unsigned)m->rows.size(); }
double ofs_xmset_weight(const ofs_xmset *m, unsigned i) { return m->rows[i].weight; }
const char *ofs_xmset_snippet(const ofs_xmset *m, unsigned i) { return m->rows[i].snippet.c_str(); }
unsigned ofs_xmset_collapse_count(const ofs_xmset *m, unsigned i) { return m->rows[i].collapse; }

const char *ofs_xmset_data(const ofs_xmset *m, unsigned i, size_t *len)
{
	if (len)
		*len = m->rows[i].data.size();
	return m->rows[i].data.c_str();
}

const char *ofs_xmset_value(const ofs_xmset *m, unsigned i, unsigned k)
{
	const Row &r = m->rows[i];
	return k < r.values.size() ? r.values[k].c_str() : "";
}

unsigned ofs_xmset_facet_size(const ofs_xmset *m, unsigned s)
{
	return s < m->facets.size() ? (unsigned)m->facets[s].size() : 0;
}

const char *ofs_xmset_facet_value(const ofs_xmset *m, unsigned s, unsigned j,
				  unsigned *count)
{
	const auto &e = m->facets[s][j];
	if (count)
		*count = e.second;
	return e.first.c_str();
}

} /* extern "C" */
