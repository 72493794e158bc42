#ifndef OPTISCAPE_PSEUDO_TERMINAL_H
#define OPTISCAPE_PSEUDO_TERMINAL_H
#include <stddef.h>

/// Opens the master side of a new pseudo-terminal of `columns` × `rows` (unlocked, granted)
/// and writes the slave's path into `name`. Returns the master descriptor, or -1 with errno set.
/// (Swift's Glibc module hides posix_openpt, grantpt, unlockpt and ptsname_r, which need
/// _XOPEN_SOURCE; this file defines it.)
int optiscape_open_pty(int columns, int rows, char *name, size_t name_length);

/// POSIX_SPAWN_SETSID, a GNU extension the Glibc module does not show.
int optiscape_spawn_setsid_flag(void);
#endif
