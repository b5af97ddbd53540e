#ifndef CSQLITE_H
#define CSQLITE_H

#include <sqlite3.h>
#include <stdio.h>

/// Binds text that SQLite copies at once (SQLITE_TRANSIENT, a macro Swift cannot import).
int csqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text, int bytes);

/// Binds text that SQLite reads where it is (SQLITE_STATIC): the caller keeps `text` alive and
/// unchanged until the statement is reset and its bindings cleared, or bound again.
int csqlite_bind_text_static(sqlite3_stmt *stmt, int index, const char *text, int bytes);

/// Binds a blob that SQLite copies at once.
int csqlite_bind_blob(sqlite3_stmt *stmt, int index, const void *data, int bytes);

/// Binds a blob that SQLite reads where it is (SQLITE_STATIC), as csqlite_bind_text_static.
int csqlite_bind_blob_static(sqlite3_stmt *stmt, int index, const void *data, int bytes);

/// Sets an integer-valued database configuration option (sqlite3_db_config is variadic).
int csqlite_db_config_int(sqlite3 *db, int option, int value);

/// Waits for a lock held by another connection for up to `milliseconds`, trying again every
/// millisecond. SQLite's own busy timeout backs off to 100 ms between tries, so a waiter can
/// lose the lock to busier writers again and again; short, even waits take turns fairly.
int csqlite_busy_wait(sqlite3 *db, int milliseconds);

/// Turns off SQLite's memory statistics, which take a process-wide lock on every allocation.
/// Casebook never reads them. Must run before the first connection opens (sqlite3_config is
/// variadic, and refuses once SQLite is initialised); returns SQLITE_OK or SQLITE_MISUSE.
int csqlite_configure(void);

/// Writes every statement `db` starts, with its bound values filled in, to `out`, one per line
/// ending in ";" (for replaying the same work in the sqlite3 shell); NULL stops. Statements run by
/// triggers are left out: the statement that fired them is written.
int csqlite_trace_statements(sqlite3 *db, FILE *out);

#endif
