/*
 * facet_count.cc: per-shard facet tables, and counting through them (see
 * facet_count.h).
 */
#include "engine/facet_count.h"
#include "base/schema.h"

#include <algorithm>
#include <unordered_map>

namespace ofs_engine {

namespace {

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

/* The documents of term as a bitset kept in t, or nullptr for a term too
 * rare to keep (or no room). */
std::shared_ptr<const Bits> kept_term(const Xapian::Database &db, const std::string &term,
				      FacetTable &t)
{
	if (t.live.size() * sizeof(uint64_t) + term.size() > t.terms->budget)
		return nullptr;
	if (auto b = t.terms->find(term))
		return b;
	if (uint64_t(db.get_termfreq(term)) * 64 < db.get_doccount())
		return nullptr;
	Bits own(t.live.size(), 0);
	add_term(db, term, own);
	return t.terms->put(term, std::move(own));
}

/* Add the documents of term to b, through t's kept bitsets. */
void add_term(const Xapian::Database &db, const std::string &term, Bits &b, FacetTable &t)
{
	if (auto k = kept_term(db, term, t)) {
		for (size_t w = 0; w < b.size(); w++)
			b[w] |= (*k)[w];
		return;
	}
	add_term(db, term, b);
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
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_NEAR:
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

/* Sets the bit of each match. */
class BitSpy : public Xapian::MatchSpy {
	Bits &b;

public:
	explicit BitSpy(Bits &bits) : b(bits) {}
	void operator()(const Xapian::Document &doc, double) override { set_bit(b, doc.get_docid()); }
};

/* The key of a phrase's kept documents: apart from every term's. */
std::string phrase_key(const Xapian::Query &q)
{
	return "\x01" + q.get_description();
}

/* The documents a phrase or NEAR q matches, through Xapian's matcher
 * (positions), kept in t whatever their number: dear to find, and asked
 * again on every keystroke after the phrase. */
Bits positional_matches(const Xapian::Database &db, const Xapian::Query &q, FacetTable &t)
{
	const std::string key = phrase_key(q);
	if (auto k = t.terms->find(key))
		return *k;
	Bits r(t.live.size(), 0);
	Xapian::Enquire enq(db);
	enq.set_query(q);
	enq.set_weighting_scheme(Xapian::BoolWeight());
	BitSpy spy(r);
	enq.add_matchspy(&spy);
	enq.get_mset(0, 0, db.get_doccount());
	t.terms->put(key, Bits(r));
	return r;
}

/* The documents of a bitset as a posting source, so that Xapian's matcher
 * checks a phrase in those documents alone. */
class BitsSource : public Xapian::PostingSource {
	const Bits &b;
	Xapian::doccount n;
	size_t at = 0; /* bit index of the current document; 0 before the first */
	bool started = false;

	void seek(size_t from)
	{
		for (size_t w = from >> 6; w < b.size(); w++) {
			uint64_t bits = b[w] & (w == (from >> 6) ? ~uint64_t(0) << (from & 63) : ~uint64_t(0));
			if (bits) {
				at = (w << 6) | size_t(__builtin_ctzll(bits));
				return;
			}
		}
		at = b.size() << 6;
	}

public:
	BitsSource(const Bits &bits, Xapian::doccount count) : b(bits), n(count) {}
	Xapian::doccount get_termfreq_min() const override { return n; }
	Xapian::doccount get_termfreq_est() const override { return n; }
	Xapian::doccount get_termfreq_max() const override { return n; }
	void init(const Xapian::Database &) override
	{
		at = 0;
		started = false;
	}
	void next(double) override
	{
		seek(started ? at + 1 : 0);
		started = true;
	}
	void skip_to(Xapian::docid did, double) override
	{
		if (!started || did > at)
			seek(did);
		started = true;
	}
	BitsSource *clone() const override { return new BitsSource(b, n); }
	bool at_end() const override { return at >= (b.size() << 6); }
	Xapian::docid get_docid() const override { return Xapian::docid(at); }
};

/* Keep in b only the documents a phrase or NEAR q matches: through its
 * kept documents, else checking positions in b's documents alone (as the
 * matcher does for a phrase ANDed with something rarer). */
void keep_positional(const Xapian::Database &db, const Xapian::Query &q, Bits &b, FacetTable &t)
{
	if (auto k = t.terms->find(phrase_key(q))) {
		for (size_t w = 0; w < b.size(); w++)
			b[w] &= (*k)[w];
		return;
	}
	Bits r(b.size(), 0);
	BitsSource src(b, Xapian::doccount(count(b)));
	Xapian::Enquire enq(db);
	enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&src)));
	enq.set_weighting_scheme(Xapian::BoolWeight());
	BitSpy spy(r);
	enq.add_matchspy(&spy);
	enq.get_mset(0, 0, db.get_doccount());
	b.swap(r);
}

/* Keep in b only the documents term matches, each looked up (or
 * through its kept bitset). */
void keep_term(const Xapian::Database &db, const std::string &term, Bits &b, FacetTable &t)
{
	if (auto k = t.terms->find(term)) {
		for (size_t w = 0; w < b.size(); w++)
			b[w] &= (*k)[w];
		return;
	}
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
void keep(const Xapian::Database &db, const Xapian::Query &q, Bits &b, FacetTable &t)
{
	const size_t n = q.get_num_subqueries();
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		keep_term(db, *q.get_terms_begin(), b, t);
		return;
	case Xapian::Query::LEAF_MATCH_ALL:
		return;
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_NEAR:
		keep_positional(db, q, b, t);
		return;
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX: {
		Bits any(b.size(), 0);
		for (size_t i = 0; i < n; i++) {
			Bits s = b;
			keep(db, q.get_subquery(i), s, t);
			for (size_t w = 0; w < b.size(); w++)
				any[w] |= s[w];
		}
		b.swap(any);
		return;
	}
	case Xapian::Query::OP_AND:
	case Xapian::Query::OP_FILTER:
		for (size_t i = 0; i < n; i++)
			keep(db, q.get_subquery(i), b, t);
		return;
	case Xapian::Query::OP_AND_NOT:
		keep(db, q.get_subquery(0), b, t);
		for (size_t i = 1; i < n; i++) {
			Bits s = b;
			keep(db, q.get_subquery(i), s, t);
			for (size_t w = 0; w < b.size(); w++)
				b[w] &= ~s[w];
		}
		return;
	case Xapian::Query::OP_AND_MAYBE:
	case Xapian::Query::OP_SCALE_WEIGHT:
		keep(db, q.get_subquery(0), b, t);
		return;
	default: /* MatchNothing */
		b.assign(b.size(), 0);
		return;
	}
}

/* The documents q matches (terms_tell(q)). */
Bits matches(const Xapian::Database &db, const Xapian::Query &q, FacetTable &t)
{
	const size_t words = t.live.size();
	const size_t n = q.get_num_subqueries();
	Bits r;
	switch (q.get_type()) {
	case Xapian::Query::LEAF_TERM:
		r.assign(words, 0);
		add_term(db, *q.get_terms_begin(), r, t);
		return r;
	case Xapian::Query::LEAF_MATCH_ALL:
		return t.live;
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_NEAR:
		return positional_matches(db, q, t);
	case Xapian::Query::OP_OR:
	case Xapian::Query::OP_SYNONYM:
	case Xapian::Query::OP_MAX:
		r.assign(words, 0);
		for (size_t i = 0; i < n; i++) {
			const Xapian::Query sub = q.get_subquery(i);
			if (sub.get_type() == Xapian::Query::LEAF_TERM) {
				add_term(db, *sub.get_terms_begin(), r, t);
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
				keep(db, subs[i].second, r, t);
				continue;
			}
			Bits s = matches(db, subs[i].second, t);
			for (size_t w = 0; w < words; w++)
				r[w] &= s[w];
		}
		return r;
	}
	case Xapian::Query::OP_AND_NOT:
		/* What is taken away, looked up in what is left when far
		 * commoner (as for AND). */
		r = matches(db, q.get_subquery(0), t);
		for (size_t i = 1; i < n; i++) {
			Bits s;
			if (frequency(db, q.get_subquery(i)) > 8 * count(r)) {
				s = r;
				keep(db, q.get_subquery(i), s, t);
			} else {
				s = matches(db, q.get_subquery(i), t);
			}
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

std::shared_ptr<const Bits> TermBits::find(const std::string &term)
{
	std::lock_guard<std::mutex> hold(lock);
	auto it = kept.find(term);
	if (it == kept.end())
		return nullptr;
	order.splice(order.begin(), order, it->second.at);
	return it->second.bits;
}

size_t TermBits::size()
{
	std::lock_guard<std::mutex> hold(lock);
	return kept.size();
}

std::shared_ptr<const Bits> TermBits::put(const std::string &term, Bits &&bits)
{
	const size_t size = bits.size() * sizeof(uint64_t) + term.size();
	auto own = std::make_shared<const Bits>(std::move(bits));
	std::lock_guard<std::mutex> hold(lock);
	auto it = kept.find(term);
	if (it != kept.end())
		return it->second.bits;
	if (size > budget)
		return own;
	while (used + size > budget && !order.empty()) {
		auto old = kept.find(order.back());
		used -= old->second.bits->size() * sizeof(uint64_t) + old->first.size();
		kept.erase(old);
		order.pop_back();
	}
	order.push_front(term);
	kept.emplace(term, Entry{own, order.begin()});
	used += size;
	return own;
}

std::shared_ptr<TermBits> shared_term_bits(const Xapian::Database &db, size_t budget)
{
	static std::mutex lock;
	static std::unordered_map<std::string, std::weak_ptr<TermBits>> live;
	const std::string key = db.get_uuid() + ":" + std::to_string(db.get_revision());
	std::lock_guard<std::mutex> hold(lock);
	for (auto it = live.begin(); it != live.end();)
		it = it->second.expired() ? live.erase(it) : std::next(it);
	if (auto t = live[key].lock())
		return t;
	auto t = std::make_shared<TermBits>(budget);
	live[key] = t;
	return t;
}

namespace {

/* terms_tell(q), or with positions: phrases and NEAR as parts too. */
bool made_of_terms(const Xapian::Query &q, bool positions)
{
	switch (q.get_type()) {
	case Xapian::Query::OP_PHRASE:
	case Xapian::Query::OP_NEAR:
		return positions;
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
			if (!made_of_terms(q.get_subquery(i), positions))
				return false;
		return true;
	default:
		/* Value ranges need values. */
		return false;
	}
}

} // namespace

bool terms_tell(const Xapian::Query &q)
{
	return made_of_terms(q, false);
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

namespace {

/* The first n fields of packed value v (ofs_unpack(): "" when missing). */
std::vector<std::string> fields_of(const std::string &v, size_t n)
{
	std::string buf(v);
	std::vector<const char *> f(n);
	ofs_unpack(&buf[0], f.data(), n);
	return std::vector<std::string>(f.begin(), f.end());
}

/* Split every value of t into its fields (FacetTable.fields). */
void split_fields(FacetTable &t)
{
	for (const std::string &v : t.values)
		t.n_fields = std::max(t.n_fields,
				      unsigned(1 + std::count(v.begin(), v.end(), OFS_PACK_SEP)));
	t.fields.assign(t.n_fields, {});
	t.field_of.assign((t.values.size() + 1) * t.n_fields, 0);
	std::vector<std::unordered_map<std::string, uint32_t>> ids(t.n_fields);
	for (size_t k = 0; k < t.values.size(); k++) {
		const std::vector<std::string> split = fields_of(t.values[k], t.n_fields);
		for (size_t f = 0; f < split.size(); f++) {
			if (split[f].empty())
				continue;
			auto [it, added] = ids[f].emplace(split[f], uint32_t(t.fields[f].size() + 1));
			if (added)
				t.fields[f].push_back(split[f]);
			t.field_of[(k + 1) * t.n_fields + f] = it->second;
		}
	}
}

} // namespace

void add_packed(FieldCounts &c, const std::string &v, unsigned n)
{
	const std::vector<std::string> split = fields_of(v, c.size());
	for (size_t f = 0; f < split.size(); f++)
		if (!split[f].empty())
			c[f][split[f]] += n;
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
	split_fields(t);
}

void count_shard(const Xapian::Database &db, const Xapian::Query &q, FacetTable &t,
		 Xapian::doccount *total, FieldCounts &out)
{
	std::vector<unsigned> n(t.values.size() + 1);
	*total = 0;
	if (made_of_terms(q, true)) {
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
	/* Per field through the values' split fields: an array each. */
	const size_t fields = std::min(out.size(), size_t(t.n_fields));
	std::vector<std::vector<unsigned>> per(fields);
	for (size_t f = 0; f < fields; f++)
		per[f].assign(t.fields[f].size() + 1, 0);
	for (size_t k = 1; k < n.size(); k++)
		if (n[k])
			for (size_t f = 0; f < fields; f++)
				per[f][t.field_of[k * t.n_fields + f]] += n[k];
	for (size_t f = 0; f < fields; f++)
		for (size_t id = 1; id < per[f].size(); id++)
			if (per[f][id])
				out[f][t.fields[f][id - 1]] += per[f][id];
}

} // namespace ofs_engine
