#include "terminal_guard.h"
#include <signal.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;
static volatile sig_atomic_t have_saved = 0;
static const char reset_sequence[] =
    "\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };

static void on_fatal(int sig) {
    if (have_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    ssize_t ignored = write(STDOUT_FILENO, reset_sequence, sizeof reset_sequence - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

void optiscape_guard_install(void) {
    if (tcgetattr(STDIN_FILENO, &saved) == 0) have_saved = 1;
    for (unsigned i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) signal(fatal_signals[i], on_fatal);
}

void optiscape_guard_remove(void) {
    for (unsigned i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) signal(fatal_signals[i], SIG_DFL);
    have_saved = 0;
}
