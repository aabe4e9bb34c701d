/*
 * suggest.c: "did you mean": the query with its misspelt words corrected.
 */
#include "query/search_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "query/expand.h"

/*
 * A corrected query: each plain word of the query that the index has
 * never seen, and that names nothing in the thesaurus, replaced by the
 * closest indexed word within the edits typos.h allows (the most frequent
 * of the closest).  *out stays NULL when nothing changes.
 */
ofs_status ofs__suggest(ofs_searcher *s, const char *text, char **out, ofs_error *err)
{
	size_t len = strlen(text);
	ofs_sbuf fixed = {0};
	int changed = 0, quoted = 0;
	ofs_status rc = OFS_OK;

	*out = NULL;
	for (size_t i = 0; i < len && rc == OFS_OK;) {
		size_t j = i;
		char word[64];
		const char *near = NULL;
		unsigned freq = 1;
		size_t k, n_alts = 0;
		if (!isalpha((unsigned char)text[i])) {
			quoted ^= text[i] == '"';
			ofs_sbuf_add(&fixed, text + i++, 1);
			continue;
		}
		while (j < len && (isalnum((unsigned char)text[j]) || (unsigned char)text[j] >= 0x80))
			j++;
		/* Field values, operators and prefixes are not words to correct. */
		int skip = quoted || (j < len && (text[j] == ':' || text[j] == '*')) ||
			   (i && text[i - 1] == ':') || j - i >= sizeof word;
		for (k = 0; !skip && k < j - i; k++)
			word[k] = (char)tolower((unsigned char)text[i + k]);
		word[k] = '\0';
		if (!skip && (rc = ofs_xdb_wordfreq(s->db, word, &freq, err)) == OFS_OK && freq == 0) {
			ofs_thesaurus_lookup(s->thesaurus, word, &n_alts, NULL);
			if (!n_alts && (rc = ofs_expander_typos_find(s->expander, word, &near, err)) == OFS_OK &&
			    near) {
				size_t at = fixed.len;
				ofs_sbuf_add(&fixed, near, strlen(near));
				/* Written as typed: "Birmingam" -> "Birmingham", "CAMSH" -> "CAMHS". */
				for (k = 0; !fixed.oom && isupper((unsigned char)text[i]) && at + k < fixed.len; k++)
					if (!k || (j - i > 1 && isupper((unsigned char)text[i + 1])))
						fixed.s[at + k] = (char)toupper((unsigned char)fixed.s[at + k]);
				changed = 1;
				i = j;
				continue;
			}
		}
		ofs_sbuf_add(&fixed, text + i, j - i);
		i = j;
	}
	if (rc == OFS_OK && fixed.oom)
		rc = ofs_error_set(err, OFS_ENOMEM, "out of memory");
	if (rc == OFS_OK && changed)
		*out = fixed.s;
	else
		free(fixed.s);
	return rc;
}
