#ifndef CSQLITE_H
#define CSQLITE_H

#include <sqlite3.h>

/// Binds text that SQLite copies at once (SQLITE_TRANSIENT, a macro Swift cannot import).
int csqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text, int bytes);

/// Binds a blob that SQLite copies at once.
int csqlite_bind_blob(sqlite3_stmt *stmt, int index, const void *data, int bytes);

/// Sets an integer-valued database configuration option (sqlite3_db_config is variadic).
int csqlite_db_config_int(sqlite3 *db, int option, int value);

#endif
