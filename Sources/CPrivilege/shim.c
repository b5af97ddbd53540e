#define _GNU_SOURCE
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>

#include "cprivilege.h"

int cprivilege_is_secure(void) { return getauxval(AT_SECURE) != 0; }

int cprivilege_forbid_dumps(void) {
    struct rlimit none = {0, 0};
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return -1;
    return setrlimit(RLIMIT_CORE, &none);
}

int cprivilege_close_from(int lowest) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned int)lowest, ~0U, 0) == 0) return 0;
#endif
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 1048576) limit = 1048576;
    for (long fd = lowest; fd < limit; fd++) close((int)fd);
    return 0;
}

int cprivilege_setresgid(gid_t real, gid_t effective, gid_t saved) { return setresgid(real, effective, saved); }

int cprivilege_getresgid(gid_t *real, gid_t *effective, gid_t *saved) { return getresgid(real, effective, saved); }

void cprivilege_syslog(int is_error, const char *line) {
    static int opened = 0;
    if (!opened) {
        openlog("casebook", LOG_PID, LOG_USER);
        opened = 1;
    }
    syslog(is_error ? LOG_ERR : LOG_INFO, "%s", line);
}
