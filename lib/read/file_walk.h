/*
 * file_walk.h: the files an indexer run covers, from the paths the user
 * named: files as named, folders walked recursively in sorted order,
 * keeping only the files ofs_doc_wanted() takes.
 *
 * Only regular files are taken.  A FIFO, socket or device, a path too
 * long for the system or a folder that cannot be read is reported
 * through the caller's callback, one line naming it, and never opened;
 * a symbolic link into a folder the walk has already visited (by device
 * and inode) is not followed again, so links that loop cost nothing.
 */
#ifndef OFS_FILE_WALK_H
#define OFS_FILE_WALK_H

#include <stddef.h>

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A folder walked: its device and inode. */
typedef struct ofs_walked_dir {
	unsigned long long dev, ino;
} ofs_walked_dir;

typedef struct ofs_file_list {
	char **paths; /* owned strings */
	size_t n;
	size_t cap;
	ofs_walked_dir *dirs; /* every folder walked into this list, sorted */
	size_t n_dirs, cap_dirs;
} ofs_file_list;

/* Called with one line naming a path the walk does not take. */
typedef void (*ofs_walk_error_fn)(void *ctx, const ofs_error *e);

/*
 * Append the regular files under path to list (zero-initialise it
 * first, and walk every path of a run into the same list, so that a
 * folder reached twice is walked once).  Every path not taken is
 * reported through on_error (may be NULL); the walk goes on.  Returns
 * OFS_OK when path was examined whole (a path too long for the system
 * under it is reported, but hides no file that could be indexed);
 * OFS_EIO when it, or something under it (a folder that cannot be read),
 * could not be: files may then exist that the list lacks, so the caller
 * must not take their absence as removal.  OFS_ENOMEM (in *err) stops
 * the walk.
 */
ofs_status ofs_file_walk(const char *path, ofs_file_list *list, ofs_walk_error_fn on_error,
			 void *ctx, ofs_error *err);

/* Append a copy of path.  Errors: OFS_ENOMEM. */
ofs_status ofs_file_list_add(ofs_file_list *list, const char *path);

/* Free the list's strings and arrays (not the struct itself). */
void ofs_file_list_free(ofs_file_list *list);

#ifdef __cplusplus
}
#endif
#endif
