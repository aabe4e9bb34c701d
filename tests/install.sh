#!/bin/sh
# install.sh: install the built tree as a user would (`make install`, with
# PREFIX alone and with DESTDIR staging) and use what was installed: the
# programs under their installed names find their data, a program built
# with nothing but pkg-config links the shared library and searches, the
# library exports the public API alone, and the manual pages and the
# completion are there.  Run by `make check` (check-install).
set -u
BUILD=${OFS_BUILD:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ofs-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "install.sh: FAIL: $*" >&2; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok; else fail "$d"; sed 's/^/  /' "$tmp/out" >&2; fi
}

make -s install BUILD="$BUILD" PREFIX="$tmp/prefix" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
make -s install BUILD="$BUILD" PREFIX=/usr DESTDIR="$tmp/stage" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }

for root in "$tmp/prefix" "$tmp/stage/usr"; do
	for f in bin/ofsearch bin/ofsearch-index lib/libofs.so.0 lib/libofs.so \
		lib/pkgconfig/ofsearch.pc include/ofs/search.h share/ofsearch/thesaurus.txt \
		share/ofsearch/everyday.txt share/ofsearch/web/index.html share/ofsearch/web/app.js \
		share/doc/ofsearch/http.md share/man/man1/ofsearch.1 share/man/man1/ofsearch-index.1 \
		share/doc/ofsearch/json.md share/bash-completion/completions/ofsearch \
		share/bash-completion/completions/ofsearch-index; do
		check "$root/$f installed" test -e "$root/$f"
	done
	for f in bin/indexer bin/searcher include/ofs/pdf_text.h lib/libofs.a; do
		check "$root/$f not installed" test ! -e "$root/$f"
	done
	# The installed programs find the installed thesaurus, whatever PREFIX
	# and DESTDIR were.
	check "$root: ofsearch-index indexes corpus/" "$root/bin/ofsearch-index" -q --db "$root/db" corpus
	"$root/bin/ofsearch" --db "$root/db" --explain MASH >"$tmp/explain" 2>&1
	check "$root: installed thesaurus used" grep -qx "thesaurus: $root/share/ofsearch/thesaurus.txt" "$tmp/explain"
	check "$root: --help names it" sh -c "'$root/bin/ofsearch' --help | grep -q 'thesaurus $root/share/ofsearch/thesaurus.txt'"
	check "$root: messages carry the installed name" sh -c "'$root/bin/ofsearch' 2>&1 | grep -q '^ofsearch: no query'"
	check "$root: --version" sh -c "'$root/bin/ofsearch-index' --version | grep -q '^ofsearch-index (ofsearch) '"
	# The installed server finds the installed page.
	check "$root: the installed server serves its page" sh -c "
		'$root/bin/ofsearch' --db '$root/db' --serve 127.0.0.1:0 >'$tmp/serve.out' 2>&1 & pid=\$!
		i=0; while [ \$i -lt 100 ] && ! grep -q 'http://' '$tmp/serve.out'; do sleep 0.2; i=\$((i + 1)); done
		url=\$(grep -o 'http://[^ ]*' '$tmp/serve.out' | head -n 1)
		python3 -c 'import sys, urllib.request; sys.exit(0 if b\"<html\" in urllib.request.urlopen(sys.argv[1]).read().lower() else 1)' \"\$url\"
		st=\$?; kill \$pid; wait \$pid 2>/dev/null; exit \$st"
done

# A library user: pkg-config alone, the shared library, a search.
pc="$tmp/prefix/lib/pkgconfig"
if cc -o "$tmp/demo" tests/install_demo.c $(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs ofsearch) \
	-Wl,-rpath,"$tmp/prefix/lib" >"$tmp/out" 2>&1; then
	ok
	check "the demo searches the index" sh -c "'$tmp/demo' '$tmp/prefix/db' 'front door' | grep -Eq '^[1-9][0-9]* '"
	check "the demo uses the shared library" sh -c "ldd '$tmp/demo' | grep -q '$tmp/prefix/lib/libofs.so.0'"
	check "the library finds the installed thesaurus" sh -c "env -u OFS_THESAURUS '$tmp/demo' '$tmp/prefix/db' MASH | grep -qx '$tmp/prefix/share/ofsearch/thesaurus.txt'"
else
	fail "cc \$(pkg-config --cflags --libs ofsearch) demo.c"
	sed 's/^/  /' "$tmp/out" >&2
fi

# The shared library exports exactly the functions of the public headers,
# each with the symbol version.
nm -D --defined-only "$tmp/prefix/lib/libofs.so.0" | awk '$2 == "T" {print $3}' | sort >"$tmp/exported"
sh scripts/mkmap.sh include/ofs/*.h | sed -n 's/^\t\(ofs_[a-z0-9_]*\);$/\1@@OFSEARCH_0/p' | sort >"$tmp/public"
check "exported symbols are the public API, versioned" cmp "$tmp/exported" "$tmp/public"
check "soname" sh -c "objdump -p '$tmp/prefix/lib/libofs.so.0' | grep -q 'SONAME *libofs.so.0'"

# Manual pages render; the completion loads and completes.
# renders PAGE: no groff warnings, and the sections are there.
renders() {
	warnings=$(nroff -man -ww "$1" 2>&1 >/dev/null)
	[ -z "$warnings" ] || { echo "$warnings"; return 1; }
	nroff -man "$1" | sed 's/.\x08//g' | grep -q '^SYNOPSIS'
}
for page in ofsearch ofsearch-index; do
	check "man $page renders without warnings" renders "$tmp/prefix/share/man/man1/$page.1"
done
check "completion" bash -c ". '$tmp/prefix/share/bash-completion/completions/ofsearch'; COMP_WORDS=(ofsearch --gra); COMP_CWORD=1; _ofsearch; [ \"\${COMPREPLY[*]}\" = --grade ]"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
