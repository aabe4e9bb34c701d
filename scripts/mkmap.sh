#!/bin/sh
# mkmap.sh HEADER...: the linker version script of libofs.so.  The
# functions the public headers declare are the library's API: these are
# exported, with the symbol version OFSEARCH_0; everything else (the
# stages' internals, the engine wrapper) stays local.  Made from the
# headers so the two cannot drift apart.
set -eu
echo "OFSEARCH_0 {"
echo "global:"
grep -hE '^[a-z].*\bofs_[a-z0-9_]+\(' "$@" |
	grep -oE '\bofs_[a-z0-9_]+\(' | tr -d '(' | sort -u | sed 's/.*/	&;/'
echo "local:"
echo "	*;"
echo "};"
