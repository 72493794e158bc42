#ifndef OPTISCAPE_CNCURSESW_SHIM_H
#define OPTISCAPE_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API;
// NCURSES_WIDECHAR brings cchar_t, setcchar and mvwadd_wch back (see shared/NCURSES_NOTES.md).
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <termios.h>

// Swift 6 rejects mutable C globals and cannot import these macros: small accessors instead.
static inline WINDOW *osc_stdscr(void) { return stdscr; }
static inline int osc_lines(void) { return LINES; }
static inline int osc_cols(void) { return COLS; }
static inline int osc_colors(void) { return COLORS; }
static inline int osc_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *osc_stdout(void) { return stdout; }
static inline FILE *osc_stdin(void) { return stdin; }

static const attr_t OSC_A_NORMAL = A_NORMAL;
static const attr_t OSC_A_BOLD = A_BOLD;
static const attr_t OSC_A_DIM = A_DIM;
static const attr_t OSC_A_REVERSE = A_REVERSE;
static const attr_t OSC_A_UNDERLINE = A_UNDERLINE;

static const mmask_t OSC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t OSC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t OSC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t OSC_BUTTON4_PRESSED = BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
static const mmask_t OSC_BUTTON5_PRESSED = BUTTON5_PRESSED;
#else
static const mmask_t OSC_BUTTON5_PRESSED = 0;
#endif

/// Unblocks the signals a process started from a Swift-concurrency thread inherits blocked
/// (SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT), so resize and Ctrl-C work.
static inline void osc_unblock_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT); sigaddset(&set, SIGTERM); sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGWINCH); sigaddset(&set, SIGTSTP); sigaddset(&set, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/// Whether the terminal switches to an alternate screen (terminfo smcup); vt100 does not.
static inline int osc_has_alternate_screen(void) {
    char *s = tigetstr("smcup");
    return s != NULL && s != (char *)-1 && *s != 0;
}

/// Writes one wide character with attributes and a colour pair at (y, x).
static inline int osc_put(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, int pair) {
    cchar_t c;
    wchar_t s[2] = { ch, 0 };
    setcchar(&c, s, attrs, (short)0, &pair);
    return mvwadd_wch(w, y, x, &c);
}
#endif
