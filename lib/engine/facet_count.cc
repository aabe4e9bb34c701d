/*
 * facet_count.cc: per-shard facet tables, and counting through them (see
 * facet_count.h).
 */
#include "engine/facet_count.h"

#include <algorithm>
#include <unordered_map>

namespace ofs_engine {

namespace {

typedef std::vector<uint64_t> Bits;

void set_bit(Bits &b, Xapian::docid did)
{
	b[did >> 6] |= uint64_t(1) << (did & 63);
}

/* Add the documents of term to b. */
void add_term(const Xapian::Database &db, const std::string &term, Bits &b)
{
	for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
		set_bit(b, *p);
}

/* The documents of b. */
size_t count(const Bits &b)
{
	size_t n = 0;
	for (uint64_t w : b)
		n += size_t(__builtin_popcountll(w));
	return n;
}

/* How many documents q matches at most, from its terms' counts: the
 * fewest of what must all match, the sum of alternatives. */
Xapian::doccount frequency(const Xapian::Database &db, const Xapian::Query &q)
{
	const size_t n = q.get_num_subqueries();
	Xapian::doccount f = 0;
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		return db.get_termfreq(*q.get_terms_begin());
	case Xapian::Query::LEAF_MATCH_NOTHING:
		return 0;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		for (size_t i = 0; i < n; i++)
			f += frequency(db, q.get_subquery(i));
		return std::min(f, db.get_doccount());
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER:
		f = db.get_doccount();
		for (size_t i = 0; i < n; i++)
			f = std::min(f, frequency(db, q.get_subquery(i)));
		return f;
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		return frequency(db, q.get_subquery(0));
	default:
		return db.get_doccount();
	}
}

/* Keep in b only the documents term matches, each looked up. */
void keep_term(const Xapian::Database &db, const std::string &term, Bits &b)
{
	Xapian::PostingIterator p = db.postlist_begin(term);
	const Xapian::PostingIterator end;
	for (size_t w = 0; w < b.size(); w++)
		for (uint64_t bits = b[w]; bits; bits &= bits - 1) {
			const Xapian::docid did = Xapian::docid((w << 6) | size_t(__builtin_ctzll(bits)));
			if (p != end)
				p.skip_to(did);
			if (p == end || *p != did)
				b[w] &= ~(uint64_t(1) << (did & 63));
		}
}

/* Keep in b only the documents q matches (terms_tell(q)), looking
 * each up rather than reading every posting: for few documents. */
void keep(const Xapian::Database &db, const Xapian::Query &q, Bits &b)
{
	const size_t n = q.get_num_subqueries();
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		keep_term(db, *q.get_terms_begin(), b);
		return;
	case Xapian::Query::LEAF_MATCH_ALL:
		return;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX: {
		Bits any(b.size(), 0);
		for (size_t i = 0; i < n; i++) {
			Bits s = b;
			keep(db, q.get_subquery(i), s);
			for (size_t w = 0; w < b.size(); w++)
				any[w] |= s[w];
		}
		b.swap(any);
		return;
	}
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER:
		for (size_t i = 0; i < n; i++)
			keep(db, q.get_subquery(i), b);
		return;
	case Xapian::Query::OP_AND_NOT:
		keep(db, q.get_subquery(0), b);
		for (size_t i = 1; i < n; i++) {
			Bits s = b;
			keep(db, q.get_subquery(i), s);
			for (size_t w = 0; w < b.size(); w++)
				b[w] &= ~s[w];
		}
		return;
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		keep(db, q.get_subquery(0), b);
		return;
	default: /* MatchNothing */
		b.assign(b.size(), 0);
		return;
	}
}

/* The documents q matches (terms_tell(q)). */
Bits matches(const Xapian::Database &db, const Xapian::Query &q, const FacetTable &t)
{
	const size_t words = t.live.size();
	const size_t n = q.get_num_subqueries();
	Bits r;
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		r.assign(words, 0);
		add_term(db, *q.get_terms_begin(), r);
		return r;
	case Xapian::Query::LEAF_MATCH_ALL:
		return t.live;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		r.assign(words, 0);
		for (size_t i = 0; i < n; i++) {
			const Xapian::Query sub = q.get_subquery(i);
			if (sub.get_type() == Xapian::Query::LEAF_TERM) {
				add_term(db, *sub.get_terms_begin(), r);
			} else {
				Bits s = matches(db, sub, t);
				for (size_t w = 0; w < words; w++)
					r[w] |= s[w];
			}
		}
		return r;
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER: {
		/* The rarest part first, and parts far commoner than what is
		 * left looked up for each of those only, as the matcher does. */
		std::vector<std::pair<Xapian::doccount, Xapian::Query>> subs;
		for (size_t i = 0; i < n; i++)
			subs.emplace_back(frequency(db, q.get_subquery(i)), q.get_subquery(i));
		std::stable_sort(subs.begin(), subs.end(), [](const auto &a, const auto &b) {
			return a.first < b.first;
		});
		r = matches(db, subs[0].second, t);
		for (size_t i = 1; i < n; i++) {
			if (subs[i].first > 8 * count(r)) {
				keep(db, subs[i].second, r);
				continue;
			}
			Bits s = matches(db, subs[i].second, t);
			for (size_t w = 0; w < words; w++)
				r[w] &= s[w];
		}
		return r;
	}
	case Xapian::Query::OP_AND_NOT:
		r = matches(db, q.get_subquery(0), t);
		for (size_t i = 1; i < n; i++) {
			Bits s = matches(db, q.get_subquery(i), t);
			for (size_t w = 0; w < words; w++)
				r[w] &= ~s[w];
		}
		return r;
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		return matches(db, q.get_subquery(0), t);
	default: /* MatchNothing */
		r.assign(words, 0);
		return r;
	}
}

/* Counts each match's packed value through a FacetTable. */
class TableSpy : public Xapian::MatchSpy {
	const FacetTable &t;

public:
	std::vector<unsigned> n;

	explicit TableSpy(const FacetTable &table) : t(table), n(table.values.size() + 1) {}

	void operator()(const Xapian::Document &doc, double) override
	{
		Xapian::docid did = doc.get_docid();
		n[did < t.code.size() ? t.code[did] : 0]++;
	}
};

} // namespace

bool terms_tell(const Xapian::Query &q)
{
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
	case Xapian::Query::LEAF_MATCH_ALL:
	case Xapian::Query::LEAF_MATCH_NOTHING:
		return true;
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_AND_NOT:
	case Xapian::Query::OP_FILTER:
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
	case Xapian::Query::OP_SCALE_WEIGHT:
		for (size_t i = 0; i < q.get_num_subqueries(); i++)
			if (!terms_tell(q.get_subquery(i)))
				return false;
		return true;
	default:
		/* Phrases and NEAR need positions, value ranges values. */
		return false;
	}
}

bool matches_terms(const Xapian::Query &q, const std::unordered_set<std::string> &terms)
{
	const size_t n = q.get_num_subqueries();
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		return terms.count(*q.get_terms_begin()) > 0;
	case Xapian::Query::LEAF_MATCH_ALL:
		return true;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		for (size_t i = 0; i < n; i++)
			if (matches_terms(q.get_subquery(i), terms))
				return true;
		return false;
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER:
		for (size_t i = 0; i < n; i++)
			if (!matches_terms(q.get_subquery(i), terms))
				return false;
		return true;
	case Xapian::Query::OP_AND_NOT:
		for (size_t i = 1; i < n; i++)
			if (matches_terms(q.get_subquery(i), terms))
				return false;
		return matches_terms(q.get_subquery(0), terms);
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		return matches_terms(q.get_subquery(0), terms);
	default: /* MatchNothing */
		return false;
	}
}

void build_table(const Xapian::Database &db, Xapian::valueno slot, FacetTable &t)
{
	std::unordered_map<std::string, uint32_t> seen;
	const size_t size = size_t(db.get_lastdocid()) + 1;
	t.code.assign(size, 0);
	t.values.clear();
	t.live.assign((size + 63) / 64, 0);
	for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
		auto [it, added] = seen.emplace(*v, uint32_t(t.values.size() + 1));
		if (added)
			t.values.push_back(*v);
		t.code[v.get_docid()] = it->second;
	}
	/* The empty term's posting list is every document. */
	add_term(db, std::string(), t.live);
}

void count_shard(const Xapian::Database &db, const Xapian::Query &q, const FacetTable &t,
		 Xapian::doccount *total, PackedCounts &out)
{
	std::vector<unsigned> n(t.values.size() + 1);
	*total = 0;
	if (terms_tell(q)) {
		Bits m = matches(db, q, t);
		for (size_t w = 0; w < m.size(); w++)
			for (uint64_t bits = m[w]; bits; bits &= bits - 1) {
				n[t.code[(w << 6) | size_t(__builtin_ctzll(bits))]]++;
				++*total;
			}
	} else {
		Xapian::Enquire enq(db);
		enq.set_query(q);
		enq.set_weighting_scheme(Xapian::BoolWeight());
		TableSpy spy(t);
		enq.add_matchspy(&spy);
		*total = enq.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
		n = std::move(spy.n);
	}
	for (size_t k = 1; k < n.size(); k++)
		if (n[k])
			out.emplace_back(t.values[k - 1], n[k]);
}

} // namespace ofs_engine
