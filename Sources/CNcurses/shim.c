#include "cncurses.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t curses_active = 0;
static struct termios saved_termios;
static int saved_termios_valid = 0;

static const char restore_sequence[] = "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";

int cncurses_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    int utf8 = codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
    if (!utf8) {
        if (setlocale(LC_ALL, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.UTF-8");
    }
    return utf8;
}

int cncurses_start(int use_colors) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_termios_valid = 1;
    if (initscr() == NULL) return -1;
    curses_active = 1;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    define_key("\033[200~", CNCURSES_KEY_PASTE_START);
    define_key("\033[201~", CNCURSES_KEY_PASTE_END);
    if (use_colors && has_colors()) {
        start_color();
        use_default_colors();
    }
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    return 0;
}

void cncurses_stop(void) {
    if (!curses_active) return;
    curses_active = 0;
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
}

int cncurses_lines(void) { return LINES; }
int cncurses_cols(void) { return COLS; }

int cncurses_get_wch(int timeout_ms, wint_t *key) {
    timeout(timeout_ms);
    return get_wch(key);
}

int cncurses_key_f(int n) { return KEY_F(n); }

attr_t cncurses_a_normal(void) { return A_NORMAL; }
attr_t cncurses_a_bold(void) { return A_BOLD; }
attr_t cncurses_a_reverse(void) { return A_REVERSE; }
attr_t cncurses_a_underline(void) { return A_UNDERLINE; }
attr_t cncurses_a_dim(void) { return A_DIM; }

int cncurses_has_colors(void) { return has_colors(); }

int cncurses_init_pair(short pair, short fg, short bg) { return init_pair(pair, fg, bg); }

void cncurses_put(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    mvaddwstr(y, x, text);
}

void cncurses_erase(void) { erase(); }

void cncurses_present(int y, int x) {
    attr_set(A_NORMAL, 0, NULL);
    if (y >= 0) {
        move(y, x);
        curs_set(1);
    } else {
        curs_set(0);
    }
    refresh();
}

void cncurses_force_redraw(void) { clearok(curscr, TRUE); }

static void on_termination(int sig) { pending_signal = sig; }

static void on_fatal(int sig) {
    // Only async-signal-safe calls: put the terminal back, then die of the same signal.
    if (curses_active) {
        if (saved_termios_valid) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
        ssize_t ignored = write(STDOUT_FILENO, restore_sequence, sizeof restore_sequence - 1);
        (void)ignored;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void cncurses_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_termination;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = on_fatal;
    sigemptyset(&fatal.sa_mask);
    sigaction(SIGSEGV, &fatal, NULL);
    sigaction(SIGBUS, &fatal, NULL);
    sigaction(SIGILL, &fatal, NULL);
    sigaction(SIGTRAP, &fatal, NULL);
    sigaction(SIGABRT, &fatal, NULL);
    sigaction(SIGFPE, &fatal, NULL);
}

int cncurses_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}
