/*
 * paths.h: where the index lives when the user does not say.
 */
#ifndef OFS_PATHS_H
#define OFS_PATHS_H

#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The default index location: $OFS_DB if set, else
 * $XDG_DATA_HOME/ofsearch/index, else ~/.local/share/ofsearch/index.
 * A new string (caller frees), or NULL when none can be made (no HOME).
 */
char *ofs_default_db(void);

/* Create dir and its missing parents (like mkdir -p).  Errors: OFS_EIO
 * naming the folder that could not be made. */
ofs_status ofs_mkdirs(const char *dir, ofs_error *err);

/*
 * The installed data file or folder NAME ("thesaurus.txt", "web"), found
 * beside the program or library that is running: PREFIX/share/ofsearch/
 * for an installed one whatever PREFIX and DESTDIR were, data/ (or the
 * top folder) of the source tree for one run from its build folder, else
 * the DATADIR compiled in.  A new string (caller frees), or NULL when no
 * readable NAME is found.
 */
char *ofs_data_path(const char *name);

#ifdef __cplusplus
}
#endif
#endif
