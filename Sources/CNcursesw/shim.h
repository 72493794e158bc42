#ifndef OPTISCAPE_CNCURSESW_SHIM_H
#define OPTISCAPE_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API;
// NCURSES_WIDECHAR brings cchar_t, setcchar and mvwadd_wch back (see shared/NCURSES_NOTES.md).
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#endif
