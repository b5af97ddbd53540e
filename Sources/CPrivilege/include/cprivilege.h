#ifndef CPRIVILEGE_H
#define CPRIVILEGE_H

#include <sys/types.h>

/// What Swift's Glibc module does not import, for the setgid privileged mode
/// (docs: research/shared-host.md §1.4): getauxval, prctl, close_range, setresgid, syslog.

/// 1 when the kernel started this process in secure-execution mode (AT_SECURE: setuid,
/// setgid or file capabilities took effect), else 0.
int cprivilege_is_secure(void);

/// Marks the process not dumpable (no core file, no ptrace by its user, /proc/PID owned by
/// root) and sets the core-file limit to 0; returns 0 or -1 with errno.
int cprivilege_forbid_dumps(void);

/// Closes every descriptor from `lowest` up (close_range; on kernels without it, one by one up
/// to the descriptor limit). Returns 0 or -1.
int cprivilege_close_from(int lowest);

/// Sets the real, effective and saved group ids at once; returns 0 or -1 with errno.
int cprivilege_setresgid(gid_t real, gid_t effective, gid_t saved);

/// Reads the real, effective and saved group ids; returns 0 or -1 with errno.
int cprivilege_getresgid(gid_t *real, gid_t *effective, gid_t *saved);

/// Sends one line to syslog(3) as "casebook", facility LOG_USER, priority LOG_ERR when
/// `is_error` else LOG_INFO (syslog is variadic and its priorities are macros).
void cprivilege_syslog(int is_error, const char *line);

#endif
