#ifndef OPTISCAPE_TERMINAL_GUARD_H
#define OPTISCAPE_TERMINAL_GUARD_H

/// Saves the terminal's modes and installs handlers for fatal signals (a Swift trap is SIGILL
/// or SIGTRAP; also SIGSEGV, SIGBUS, SIGFPE, SIGABRT) that restore them, leave the alternate
/// screen and show the cursor — all async-signal-safe — and then die of the signal as before.
void optiscape_guard_install(void);

/// Removes the handlers after a clean tear-down.
void optiscape_guard_remove(void);

#endif
