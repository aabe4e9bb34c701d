/*
 * stored.cc: a document's data with its values after it (see stored.h).
 *
 * Layout: data, then per value its slot and length (LEB128) and bytes,
 * then the size of those (4 bytes, little-endian) and the mark "\0ofv".
 * Paragraph texts and report JSON never hold a NUL.
 */
#include "engine/stored.h"

#include <cstdint>
#include <cstring>

namespace ofs_engine {

namespace {

const char MARK[4] = {'\0', 'o', 'f', 'v'};

void put_number(std::string &out, uint64_t n)
{
	do {
		unsigned char b = n & 0x7f;
		n >>= 7;
		out += char(n ? b | 0x80 : b);
	} while (n);
}

/* The number at *p (before end), moving *p past it; false if cut off. */
bool get_number(const unsigned char **p, const unsigned char *end, uint64_t *n)
{
	*n = 0;
	for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		*n |= uint64_t(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

} // namespace

std::string stored_data(const std::string &data, const Xapian::Document &doc)
{
	std::string values;
	for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
		put_number(values, v.get_valueno());
		put_number(values, (*v).size());
		values += *v;
	}
	std::string out = data + values;
	const uint32_t n = uint32_t(values.size());
	for (int i = 0; i < 4; i++)
		out += char((n >> (8 * i)) & 0xff);
	out.append(MARK, sizeof MARK);
	return out;
}

void read_stored(const std::string &stored, Stored &s)
{
	s.values.clear();
	s.has_values = false;
	const size_t size = stored.size();
	if (size < 8 || memcmp(stored.data() + size - 4, MARK, 4)) {
		s.data = stored;
		return;
	}
	const unsigned char *tail = (const unsigned char *)stored.data() + size - 8;
	const size_t n = size_t(tail[0]) | size_t(tail[1]) << 8 | size_t(tail[2]) << 16 |
			 size_t(tail[3]) << 24;
	if (n > size - 8) {
		s.data = stored;
		return;
	}
	const unsigned char *p = tail - n;
	while (p < tail) {
		uint64_t slot, len;
		if (!get_number(&p, tail, &slot) || !get_number(&p, tail, &len) ||
		    len > uint64_t(tail - p) || slot > 0xffff)
			break;
		if (s.values.size() <= slot)
			s.values.resize(slot + 1);
		s.values[slot].assign((const char *)p, len);
		p += len;
	}
	s.data.assign(stored, 0, size - 8 - n);
	s.has_values = true;
}

} // namespace ofs_engine
