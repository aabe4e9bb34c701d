/*
 * stored.h: a document's values kept after its data, so that a result
 * comes whole from one read.  C++, private to the engine wrapper
 * (xapian.cc).
 *
 * Xapian keeps each value slot in a stream of its own: reading one
 * result's value finds and decodes its chunk of that stream, a B-tree
 * lookup per slot per result (the five a result shows were a seventh of
 * a keystroke's work in the search page at 1x).  The data a document
 * stores is its own data, then every value it has, then the size of
 * those and a mark; the values stay in their slots for sorting, ranges,
 * collapsing and counting.
 */
#ifndef OFS_STORED_H
#define OFS_STORED_H

#include <xapian.h>

#include <string>
#include <vector>

namespace ofs_engine {

/* What doc stores: data followed by doc's values. */
std::string stored_data(const std::string &data, const Xapian::Document &doc);

/* A stored document read back. */
struct Stored {
	std::string data;                /* the document's own data */
	std::vector<std::string> values; /* by slot; "" where none */
	bool has_values = false;         /* false: data stored before values were */
};

/* Split stored (what a document's get_data() gives) into s. */
void read_stored(const std::string &stored, Stored &s);

} // namespace ofs_engine

#endif
