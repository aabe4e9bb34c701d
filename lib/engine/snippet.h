/*
 * snippet.h: the part of a result's text shown under it, with the words
 * the query matched marked.  C++, private to the engine wrapper
 * (xapian.cc).
 *
 * Xapian's MSet::snippet() stems every word of every text it is given,
 * which was a third of a whole search's time; here each distinct word
 * is stemmed once per handle (StemCache) and a text is cut where its
 * matched words are densest.
 */
#ifndef OFS_SNIPPET_H
#define OFS_SNIPPET_H

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ofs_engine {

/* Lower-cased words and their stems, kept by a handle across searches
 * (bounded: emptied when it grows past a limit). */
class StemCache {
	Xapian::Stem stemmer{"english"};
	std::unordered_map<std::string, std::string> stems;

public:
	/* The stem of word (lower case); the reference lasts until the next
	 * call. */
	const std::string &stem(const std::string &word);
};

/* The stems of the words a query asks for (its terms "Z" + stem); a
 * name asked for by name term is marked by its word the query holds.
 * With the first two bytes of each: a stem begins as its word does (the
 * English stemmer changes a word's end, never its first two letters), so
 * a word beginning otherwise is not looked up. */
struct QueryStems {
	std::unordered_set<std::string> stems;
	std::vector<bool> starts = std::vector<bool>(1 << 16);
	bool short_stem = false; /* one of a single byte: every word is looked up */

	/* Whether the word key (lower case) may have one of the stems. */
	bool may_have(const std::string &key) const
	{
		return short_stem || key.size() < 2 ||
		       starts[size_t((unsigned char)key[0]) << 8 | (unsigned char)key[1]];
	}
};
QueryStems query_stems(const Xapian::Query &q);

/*
 * About length bytes of text around the most matched words (the whole
 * text when it is no longer), cut between words, with omit where text
 * was left out before or after, and each word whose stem is in stems
 * between hi_start and hi_end.  Valid UTF-8 in, valid UTF-8 out.
 */
std::string snippet(const std::string &text, size_t length,
		    const QueryStems &stems, StemCache &cache,
		    const std::string &hi_start, const std::string &hi_end, const std::string &omit);

} // namespace ofs_engine

#endif
