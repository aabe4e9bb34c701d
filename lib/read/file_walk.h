/*
 * file_walk.h: the files an indexer run covers, from the paths the user
 * named: files as named, folders walked recursively in sorted order,
 * keeping only the files ofs_doc_wanted() takes.
 */
#ifndef OFS_FILE_WALK_H
#define OFS_FILE_WALK_H

#include <stddef.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_file_list {
	char **paths; /* owned strings */
	size_t n;
	size_t cap;
} ofs_file_list;

/*
 * Append the files under path to list (zero-initialise it first).
 * Errors: OFS_EIO naming a path that does not exist or a folder that
 * cannot be read (what could be read is still appended), OFS_ENOMEM.
 */
ofs_status ofs_file_walk(const char *path, ofs_file_list *list, ofs_error *err);

/* Append a copy of path.  Errors: OFS_ENOMEM. */
ofs_status ofs_file_list_add(ofs_file_list *list, const char *path);

/* Free the list's strings and array (not the struct itself). */
void ofs_file_list_free(ofs_file_list *list);

#ifdef __cplusplus
}
#endif
#endif
