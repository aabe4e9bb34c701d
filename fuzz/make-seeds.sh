#!/bin/sh
# Write the seed inputs of the fuzz harnesses (fuzz/seeds/<harness>/) from
# the bundled corpus/, data/ and a few lines written here: small, so that
# `make fuzz-check` replays them in seconds.  Run from the source tree;
# needs gzip.
set -eu
S=fuzz/seeds
rm -rf "$S"
mkdir -p "$S/fuzz_query" "$S/fuzz_normalize" "$S/fuzz_meta" "$S/fuzz_sidecar" \
	"$S/fuzz_file"

# fuzz_query: two flag bytes, limit, offset, then NUL-separated query,
# council, grade, area, kind, from, to, like (fuzz/fuzz_query.c).
q() { name=$1; shift; printf "$@" > "$S/fuzz_query/$name"; }
q words '\000\000\012\000front door weaknesses'
q filters '\010\000\012\000front door\000North Somerset\000inadequate\000help-protection\000ofsted-letter\0002017\0002023-05'
q understood '\000\000\012\000what did inadequate councils in North Somerset'"'"'s reports get wrong between 2015 and 2018, "good councils" RI local authorities judged outstanding 2016-2019'
q operators '\006\000\005\001"care leavers" AND accommodation NOT -housing safeguard* +plan'
q fields '\040\000\012\000council:"North Somerset" grade:RI area:"children in care" year:2022 kind:news'
q reports '\020\001\050\000\000\000requires improvement\000\000\000\0002015-01-01\0002026'
q timeline '\000\014\012\000front door\000North Somerset'
q like '\200\002\012\000\000\000\000\000\000\000\000corpus/004_0b8f114c14ecd7b2.txt:9'
q typos '\004\000\012\000kids runing away from corprate parentin'
q wordnet '\100\000\003\000staff leaving'

# fuzz_normalize: a flag byte (1: case fold), then text.
i=0
for f in corpus/*.txt; do
	i=$((i + 1))
	{ printf '\001'; head -c 1200 "$f"; } > "$S/fuzz_normalize/corpus$i"
done
printf '\000\342\200\234Children\342\200\231s\342\200\235 \357\254\201nal \342\200\224 soft\302\255hyphen\302\240space\tx\r\n\014page' \
	> "$S/fuzz_normalize/typography"
printf '\001\357\274\241\357\274\242 \342\205\253 \357\270\261 \303\237 \304\260' > "$S/fuzz_normalize/compat"
printf '\000Headline findings\n\n- one item\n- two items\n\n1. A numbered paragraph.\n\014Leaders\n\nText.' \
	> "$S/fuzz_normalize/layout"

# fuzz_meta: report text.
i=0
for f in corpus/*.txt; do
	i=$((i + 1))
	head -c 3000 "$f" > "$S/fuzz_meta/corpus$i"
done
cat > "$S/fuzz_meta/ilacs" <<'TXT'
North Somerset Council
Inspection of children's social care services
Inspection dates: 21 to 25 September 2022
Lead inspector: Steve Lowe, His Majesty's Inspector
Judgement Grade
The impact of leaders on social work practice with children and families Requires improvement to be good
The experiences and progress of children who need help and protection Good
The experiences and progress of children in care and care leavers Inadequate
Overall effectiveness Requires improvement to be good
TXT
cat > "$S/fuzz_meta/sif" <<'TXT'
Inspection of services for children in need of help and protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children Board
Inspection date: 3 March 2016 to 24 March 2016
Report published: 10 May 2016
Children's services in Bath and North East Somerset are good.
The Local Safeguarding Children Board is good.
TXT
cat > "$S/fuzz_meta/pre2013" <<'TXT'
Inspection of safeguarding and looked after children services
Inspection dates: 7 - 18 March 2011
Record of main findings
Safeguarding services
Overall effectiveness Grade 3 (adequate)
Services for looked after children
Overall effectiveness Grade 2 (good)
TXT

# fuzz_sidecar: a byte choosing the parser (0: sidecar, 1: thesaurus).
i=0
for f in corpus/*.meta; do
	i=$((i + 1))
	{ printf '\000'; cat "$f"; } > "$S/fuzz_sidecar/meta$i"
done
{ printf '\001'; grep -v '^#' data/thesaurus.txt | grep . | head -n 30; } > "$S/fuzz_sidecar/thesaurus"
{ printf '\001'; grep -v '^#' data/everyday.txt | grep . | head -n 20; } > "$S/fuzz_sidecar/everyday"
printf '\001MASH | multi-agency safeguarding hub\nfront door => MASH | first response\nkids ~> children\n' \
	> "$S/fuzz_sidecar/arrows"

# fuzz_file: plain, gzip, HTML and binary bytes.
head -c 2000 corpus/000_665a517b42f86fc3.txt > "$S/fuzz_file/text"
head -c 2000 corpus/004_0b8f114c14ecd7b2.txt | gzip -9n > "$S/fuzz_file/gzip"
printf '<!DOCTYPE html>\n<html><body>Not a report</body></html>\n' > "$S/fuzz_file/html"
printf 'binary\000data\001\002' > "$S/fuzz_file/binary"

# fuzz_pdf: its seeds are made at build time from fuzz/pdf-pages/ (the
# Makefile's fuzz section, with mutool), so that no PDF is committed.
