/*
 * store.h: the index on disk, and putting prepared reports (documents.h)
 * into it and taking them out.
 *
 * An index is a folder holding one or more shards (Xapian databases,
 * written in parallel) and a stub file, XAPIANDB, that lists them, so
 * that Xapian opens the folder as one database.  The shards of one
 * build are a generation; readers hold the generation they opened, and
 * the indexer removes every other generation no reader holds.  A report lives in one
 * shard, the one it was first written to.  An indexer holds the folder's lock
 * file for its whole run; a second indexer gets OFS_ELOCKED or waits.
 *
 * Changes become visible to searchers at ofs_index_commit(), shard by
 * shard; a report's documents all live in one shard, so a searcher sees
 * either a report's old version or its new one.  A crash loses only what
 * was not committed.  A rebuild writes a new generation of shards beside
 * the live one and ofs_index_publish() switches the stub to it with one
 * rename, so searchers never see a half-built index.
 *
 * ofs_index functions may be called from several threads at once: each
 * shard has its own lock.
 */
#ifndef OFS_STORE_H
#define OFS_STORE_H

#include "index/documents.h"
#include "ofs/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ofs_index ofs_index;

typedef struct ofs_index_opts {
	int wait;        /* wait for another indexer's lock instead of failing */
	int rebuild;     /* build a new generation, published at the end */
	unsigned shards; /* shards of a new index or generation; 0: 1 */
} ofs_index_opts;

/*
 * Open (creating if needed) the index in folder dir for writing.  Errors:
 * OFS_ELOCKED (another indexer holds dir's lock: the message names it),
 * OFS_EFORMAT (an index of another layout version), OFS_ECORRUPT,
 * OFS_EIO, OFS_EXAPIAN.  Close with ofs_index_close().
 */
ofs_status ofs_index_open(ofs_index **out, const char *dir, const ofs_index_opts *o,
			  ofs_error *err);

/* The stamp stored for the file at abspath.  Errors: OFS_ENOTFOUND when
 * the file is not in the index, OFS_EXAPIAN. */
ofs_status ofs_index_lookup(ofs_index *idx, const char *abspath, ofs_stamp *out,
			    ofs_error *err);

/*
 * Put a prepared report in the index, replacing whatever the index held
 * for the same file; *replaced (if not NULL) says whether it held one.
 * A report already indexed is replaced in the shard that holds it; a new
 * one goes to shard writer (modulo the number of shards), so that
 * writers numbered apart never wait for each other.
 * Errors: OFS_EXAPIAN, OFS_ENOMEM; after one, the file is absent from
 * the index until put again (loading errors happen before, and leave the
 * file's previous version in place).
 */
ofs_status ofs_index_put(ofs_index *idx, const ofs_prepared *p, unsigned writer,
			 int *replaced, ofs_error *err);

/* Remove the file at abspath from the index (absent is not an error). */
ofs_status ofs_index_remove(ofs_index *idx, const char *abspath, ofs_error *err);

/*
 * Call fn with the absolute path of every indexed file under folder
 * dirabs (absolute, resolved, without a trailing slash).
 */
ofs_status ofs_index_each_under(ofs_index *idx, const char *dirabs,
				int (*fn)(void *ctx, const char *abspath), void *ctx,
				ofs_error *err);

/* Make every change so far durable and visible (in a rebuild, durable
 * only: visible at publish). */
ofs_status ofs_index_commit(ofs_index *idx, ofs_error *err);

/*
 * Commit only the shards holding at least max_files reports or max_docs
 * documents put since their last commit, so that a writer never waits for
 * the other shards' commits.
 */
ofs_status ofs_index_commit_due(ofs_index *idx, unsigned max_files, unsigned max_docs,
				ofs_error *err);

/*
 * Commit.  When this run built the generation being written (a new index
 * or a rebuild), also compact it into the next generation, make that the
 * live index with one atomic rename of the stub, and delete generations
 * older than the one it replaced (kept for searchers that still have it
 * open); the index is then closed for writing.  Then, when a report was
 * put or removed (or it is missing), write OFS_SIDECAR beside the stub
 * (below).
 */
ofs_status ofs_index_publish(ofs_index *idx, ofs_error *err);

/* Close, committing what is pending (but not publishing a rebuild), and
 * release the lock.  NULL is a no-op.  Commit first to see errors. */
void ofs_index_close(ofs_index *idx);

/*
 * The live generation of the index at path (its folder, or its stub
 * file) and its number of shards, whose folders are g<gen>-s<i> beside
 * the stub; *gen is 0 when there is no stub (a lone Xapian database, or
 * nothing yet).  The one reader of the stub, for writers and readers.
 * Errors: OFS_EFORMAT (a stub this program did not write), OFS_EIO,
 * OFS_ENOMEM.
 */
ofs_status ofs_index_live(const char *path, unsigned *gen, unsigned *shards, ofs_error *err);

/*
 * Open the index at path (its folder, or its stub file) for reading:
 * the shards its stub lists, searched as one, with their generation
 * held until ofs_index_release() (a shared flock), so that no indexer
 * removes it meanwhile; *hold gets the handle.  A folder without a stub is opened as one Xapian database
 * (*hold is -1).  Close *db first, then release.  Errors: OFS_ENOTFOUND
 * (no index), OFS_EFORMAT (a stub not written by this program),
 * OFS_ERETRY (the index kept being replaced), OFS_ECORRUPT, OFS_EIO,
 * OFS_EXAPIAN.
 */
ofs_status ofs_index_open_read(const char *path, ofs_xdb **db, int *hold, ofs_error *err);

/*
 * An index folder may also be a stub of remote shards: XAPIANDB lists
 * "remote HOST:PORT" lines (shards served by xapian-tcpsrv, written by
 * scripts/serve-shards.sh) and OFS_SIDECAR beside it holds what the
 * remote backend does not serve (engine/xapian.h).  ofs_index_open_read()
 * opens it with every exchange bounded by $OFS_REMOTE_TIMEOUT seconds
 * (default OFS_REMOTE_TIMEOUT_DEFAULT), leaving out shards that do not
 * answer (ofs_xdb_recheck() before each search decides), *hold -1.
 * Errors as above, and OFS_EREMOTE when no shard answers.
 */
#define OFS_SIDECAR "sidecar"
#define OFS_REMOTE_TIMEOUT_DEFAULT 10.0

/* Let indexers remove the generation held (-1 is a no-op). */
void ofs_index_release(int hold);

#ifdef __cplusplus
}
#endif
#endif
