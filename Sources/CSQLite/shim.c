#include <stdint.h>
#include "csqlite.h"

int csqlite_bind_text(sqlite3_stmt *stmt, int index, const char *text, int bytes) {
    return sqlite3_bind_text(stmt, index, text, bytes, SQLITE_TRANSIENT);
}

int csqlite_bind_text_static(sqlite3_stmt *stmt, int index, const char *text, int bytes) {
    return sqlite3_bind_text(stmt, index, text, bytes, SQLITE_STATIC);
}

int csqlite_bind_blob(sqlite3_stmt *stmt, int index, const void *data, int bytes) {
    return sqlite3_bind_blob(stmt, index, data, bytes, SQLITE_TRANSIENT);
}

int csqlite_bind_blob_static(sqlite3_stmt *stmt, int index, const void *data, int bytes) {
    return sqlite3_bind_blob(stmt, index, data, bytes, SQLITE_STATIC);
}

int csqlite_db_config_int(sqlite3 *db, int option, int value) {
    int result = 0;
    return sqlite3_db_config(db, option, value, &result);
}

static int csqlite_busy_wait_handler(void *limit, int count) {
    // `count` is the number of tries so far; each waits one millisecond.
    if (count >= (int)(intptr_t)limit) return 0;
    sqlite3_sleep(1);
    return 1;
}

int csqlite_busy_wait(sqlite3 *db, int milliseconds) {
    return sqlite3_busy_handler(db, csqlite_busy_wait_handler, (void *)(intptr_t)milliseconds);
}

int csqlite_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int csqlite_trace_handler(unsigned type, void *out, void *statement, void *text) {
    const char *sql = text;
    if (type != SQLITE_TRACE_STMT || (sql[0] == '-' && sql[1] == '-')) return 0;
    char *expanded = sqlite3_expanded_sql(statement);
    if (expanded) {
        fprintf(out, "%s;\n", expanded);
        sqlite3_free(expanded);
    }
    return 0;
}

int csqlite_trace_statements(sqlite3 *db, FILE *out) {
    if (!out) return sqlite3_trace_v2(db, 0, NULL, NULL);
    return sqlite3_trace_v2(db, SQLITE_TRACE_STMT, csqlite_trace_handler, out);
}
