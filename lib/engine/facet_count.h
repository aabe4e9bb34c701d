/*
 * facet_count.h: counting the matches of a query per facet value in a
 * local shard, without Xapian's matcher where the query allows, and
 * telling whether one document matches from its terms.  C++, private to
 * the engine wrapper (xapian.cc).
 *
 * A FacetTable holds the packed facet value of every document of one
 * shard, read once from its value stream: counting a match is then one
 * array read, where reading the match's value finds and decodes its value
 * chunk (as costly as the search itself on queries matching a third of
 * the index).  By the shard's own docids.  Valid for the revision it was
 * read at.
 */
#ifndef OFS_FACET_COUNT_H
#define OFS_FACET_COUNT_H

#include <xapian.h>

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ofs_engine {

typedef std::vector<uint64_t> Bits; /* a bit per docid */

/*
 * The documents of common terms and of phrases, kept as bitsets: counting
 * reads a term's posting list on every search with it (while typing, on
 * every keystroke after it), a cost per posting, and a phrase's positions
 * in every document with all its words, where ORing a kept bitset costs a
 * word per 64 documents.  Kept for terms in at least 1 document in 64
 * (below that the list is cheaper than the bitset) and for every phrase,
 * at most budget bytes, the least recently used dropped first; a query
 * cache of the kind Lucene keeps per segment.  One for each revision of a
 * shard in the process (shared_term_bits()), used by every thread: a
 * server's threads take one person's keystrokes in turn.  Thread-safe; a
 * bitset found stays valid while its pointer is held, dropped or not.
 */
class TermBits {
	struct Entry {
		std::shared_ptr<const Bits> bits;
		std::list<std::string>::iterator at;
	};
	std::mutex lock;
	std::unordered_map<std::string, Entry> kept;
	std::list<std::string> order; /* most recently used first */
	size_t used = 0;

public:
	const size_t budget; /* bytes */

	explicit TermBits(size_t bytes) : budget(bytes) {}
	/* How many bitsets are kept. */
	size_t size();
	/* The bitset kept for term, or null. */
	std::shared_ptr<const Bits> find(const std::string &term);
	/* Keep bits for term if they fit; returns the bitset kept for term
	 * (bits, or what another thread kept first), or bits alone. */
	std::shared_ptr<const Bits> put(const std::string &term, Bits &&bits);
};

/* The kept bitsets of shard db at its present revision, shared by every
 * handle of the process on it; budget bytes when made here. */
std::shared_ptr<TermBits> shared_term_bits(const Xapian::Database &db, size_t budget);

struct FacetTable {
	std::vector<uint32_t> code;      /* by docid; 0: no value */
	std::vector<std::string> values; /* code k is values[k - 1] */
	/* The fields of each value, split once: field f of code k is
	 * fields[f][field_of[k * n_fields + f] - 1] (0: empty). */
	unsigned n_fields = 0;
	std::vector<std::vector<std::string>> fields;
	std::vector<uint32_t> field_of;
	Bits live;                       /* the documents */
	std::shared_ptr<TermBits> terms; /* for count_shard; never null */
};

/* How many matches have each value of each field of the packed values
 * (ofs_pack()), by field. */
typedef std::vector<std::unordered_map<std::string, unsigned>> FieldCounts;

/* Add n matches of packed value v to c, for its first c.size() fields. */
void add_packed(FieldCounts &c, const std::string &v, unsigned n);

/* Whether q's matches follow from the terms of each document alone: q
 * is made only of terms, MatchAll and MatchNothing joined by AND, OR,
 * AND_NOT, FILTER, AND_MAYBE, SYNONYM, MAX and SCALE_WEIGHT (phrases need
 * positions, value ranges values). */
bool terms_tell(const Xapian::Query &q);

/* Whether a document whose terms are terms matches q (terms_tell(q)). */
bool matches_terms(const Xapian::Query &q, const std::unordered_set<std::string> &terms);

/* Read every document of shard db and its value of slot into t. */
void build_table(const Xapian::Database &db, Xapian::valueno slot, FacetTable &t);

/*
 * Count the matches of q in shard db (t read from it) into *total and,
 * per value of each field, onto out (its first out.size() fields).  When
 * q is made of terms and phrases (terms_tell(q), phrases and NEAR
 * allowed): through a bitset of the
 * documents each part matches, read from the posting lists (a third of
 * what Xapian's matcher costs per match), the rarest part of an AND first
 * and a part far commoner than what is left looked up document by
 * document; a phrase's documents through Xapian's matcher.  Else (value
 * ranges) the whole query through Xapian's matcher without weights.  The
 * two count the same documents.  Common terms' documents and every
 * phrase's are kept in t.terms.  Throws Xapian errors.
 */
void count_shard(const Xapian::Database &db, const Xapian::Query &q, FacetTable &t,
		 Xapian::doccount *total, FieldCounts &out);

} // namespace ofs_engine

#endif
