/*
 * snippet.cc: snippets with the matched words marked (see snippet.h).
 */
#include "engine/snippet.h"
#include "base/normalize.h"

#include <utf8proc.h>

#include <vector>

namespace ofs_engine {

namespace {

/* Stems kept per handle: about the vocabulary of a large index. */
const size_t MAX_STEMS = 200000;

/* A word of the text: bytes [start, end), and whether it is matched. */
struct Word {
	size_t start, end;
	bool hit;
};

/* The code point at byte i of s and its length in *len (1, and the byte,
 * for a byte that starts no valid character). */
utf8proc_int32_t code_point(const std::string &s, size_t i, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s.data() + i,
					      (utf8proc_ssize_t)(s.size() - i), &cp);
	*len = n > 0 ? size_t(n) : 1;
	return n > 0 ? cp : (unsigned char)s[i];
}

/* The length of the word character at byte i of s, 0 if none: letters
 * and digits, ASCII or not; not punctuation, symbols or spaces. */
size_t letter_at(const std::string &s, size_t i)
{
	size_t len;
	const utf8proc_int32_t cp = code_point(s, i, &len);
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
	if ((cp >= 0xa0 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x20cf) ||
	    (cp >= 0x2190 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) || cp == 0xfeff ||
	    cp == 0xfffd)
		return 0;
	return len;
}

/* The length of the apostrophe at byte i of s ('\'' or U+2019), 0 if none. */
size_t apostrophe(const std::string &s, size_t i)
{
	if (s[i] == '\'')
		return 1;
	return s.compare(i, 3, "\xe2\x80\x99") ? 0 : 3;
}

/* The words of text, in order.  An apostrophe between letters belongs to
 * the word ("children's"), as for the indexer's term generator. */
std::vector<Word> words_of(const std::string &text)
{
	std::vector<Word> words;
	const size_t n = text.size();
	size_t i = 0;
	while (i < n) {
		size_t len = letter_at(text, i);
		if (!len) {
			code_point(text, i, &len);
			i += len;
			continue;
		}
		const size_t start = i;
		while (i < n) {
			size_t a;
			if ((len = letter_at(text, i)))
				i += len;
			else if ((a = apostrophe(text, i)) && i + a < n && letter_at(text, i + a))
				i += a;
			else
				break;
		}
		words.push_back({start, i, false});
	}
	return words;
}

/* The key of text[w): lower case, typographic apostrophes plain. */
std::string key_of(const std::string &text, const Word &w)
{
	std::string k;
	k.reserve(w.end - w.start);
	for (size_t i = w.start; i < w.end; i++) {
		if (apostrophe(text, i) == 3) {
			k += '\'';
			i += 2;
			continue;
		}
		char c = text[i];
		k += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
	}
	return k;
}

bool sentence_end(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

/* The words [*from, *to) spanning at most length bytes with the most
 * distinct matched words, then the most matches (the first such),
 * trimmed to its matched words.  A first word longer than length alone
 * when no window fits. */
void choose(const std::vector<Word> &words, const std::vector<std::string> &hit_stem,
	    size_t length, size_t *from, size_t *to)
{
	std::unordered_map<std::string, unsigned> in; /* matched stems in the window */
	size_t hits = 0, best_d = 0, best_h = 0, b = 0;
	bool have = false;
	for (size_t a = 0; a < words.size(); a++) {
		if (b < a)
			b = a;
		while (b < words.size() && words[b].end - words[a].start <= length) {
			if (words[b].hit) {
				in[hit_stem[b]]++;
				hits++;
			}
			b++;
		}
		if (b == a) { /* word a alone is too long */
			if (!have) {
				have = true;
				*from = a;
				*to = a + 1;
			}
			continue;
		}
		if (!have || in.size() > best_d || (in.size() == best_d && hits > best_h)) {
			have = true;
			best_d = in.size();
			best_h = hits;
			*from = a;
			*to = b;
		}
		if (words[a].hit) {
			if (--in[hit_stem[a]] == 0)
				in.erase(hit_stem[a]);
			hits--;
		}
	}
	/* From its first matched word to its last: widen() places it. */
	while (*to - *from > 1 && !words[*from].hit)
		++*from;
	while (*to - *from > 1 && !words[*to - 1].hit)
		--*to;
}

/* Whether a sentence ends between word j - 1 and word j. */
bool sentence_before(const std::string &text, const std::vector<Word> &words, size_t j)
{
	for (size_t g = words[j - 1].end; g < words[j].start; g++)
		if (sentence_end(text[g]))
			return true;
	return false;
}

/* The bytes [*start, *end) of the snippet of words [from, to): the room
 * the words leave goes first to the start of their sentence, if near,
 * else half of it before them; then the rest after. */
void widen(const std::string &text, const std::vector<Word> &words, size_t length,
	   size_t from, size_t to, size_t *start, size_t *end)
{
	*start = words[from].start;
	*end = words[to - 1].end;
	if (*end - *start > length) { /* one word longer than the snippet */
		*end = *start + ofs_utf8_cut(text.data() + *start, length);
		return;
	}
	const size_t room = length - (*end - *start);
	size_t k = from;
	bool sentence = false;
	for (size_t j = from + 1; j-- > 0;) {
		if (words[from].start - words[j].start > room)
			break;
		if (j == 0 || sentence_before(text, words, j)) {
			k = j;
			sentence = true;
			break;
		}
	}
	if (!sentence)
		while (k > 0 && words[from].start - words[k - 1].start <= room / 2)
			k--;
	*start = k == 0 ? 0 : words[k].start;
	while (to < words.size() && words[to].end - *start <= length)
		*end = words[to++].end;
	if (to == words.size() && text.size() - *start <= length)
		*end = text.size();
}

} // namespace

const std::string &StemCache::stem(const std::string &word)
{
	auto it = stems.find(word);
	if (it != stems.end())
		return it->second;
	if (stems.size() >= MAX_STEMS)
		stems.clear();
	return stems.emplace(word, stemmer(word)).first->second;
}

QueryStems query_stems(const Xapian::Query &q)
{
	QueryStems out;
	for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
		const std::string &term = *t;
		if (term.size() < 2 || term[0] != 'Z')
			continue;
		out.stems.insert(term.substr(1));
		if (term.size() < 3)
			out.short_stem = true;
		else
			out.starts[size_t((unsigned char)term[1]) << 8 | (unsigned char)term[2]] = true;
	}
	return out;
}

std::string snippet(const std::string &text, size_t length,
		    const QueryStems &stems, StemCache &cache,
		    const std::string &hi_start, const std::string &hi_end, const std::string &omit)
{
	std::vector<Word> words = words_of(text);
	std::vector<std::string> hit_stem(words.size());
	for (size_t i = 0; i < words.size(); i++) {
		const std::string key = key_of(text, words[i]);
		if (!stems.may_have(key))
			continue;
		const std::string &st = cache.stem(key);
		if (stems.stems.count(st)) {
			words[i].hit = true;
			hit_stem[i] = st;
		}
	}
	size_t start = 0, end = text.size();
	if (text.size() > length && !words.empty()) {
		size_t from = 0, to = 1;
		choose(words, hit_stem, length, &from, &to);
		widen(text, words, length, from, to, &start, &end);
	}

	std::string out;
	out.reserve(end - start + 64);
	if (start > 0)
		out += omit;
	size_t at = start;
	for (const Word &w : words) {
		if (w.start >= end)
			break;
		if (!w.hit || w.start < start)
			continue;
		out.append(text, at, w.start - at);
		out += hi_start;
		out.append(text, w.start, std::min(w.end, end) - w.start);
		out += hi_end;
		at = std::min(w.end, end);
	}
	out.append(text, at, end - at);
	if (end < text.size())
		out += omit;
	return out;
}

} // namespace ofs_engine
