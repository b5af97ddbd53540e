#ifndef CNCURSES_H
#define CNCURSES_H

// SwiftPM drops pkg-config's -D flags and cSettings reach only the .c file, so the
// wide-character API is switched on here, before curses.h, for Swift as well.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <wchar.h>

/// Key codes for the bracketed-paste markers (ESC [200~ and ESC [201~).
#define CNCURSES_KEY_PASTE_START (KEY_MAX + 1)
#define CNCURSES_KEY_PASTE_END (KEY_MAX + 2)

/// Sets the locale from the environment, falling back to C.UTF-8 when its codeset is not
/// UTF-8. Returns 1 when the environment's own codeset was UTF-8.
int cncurses_setup_locale(void);

/// Starts curses: raw keys (Ctrl-C, Ctrl-S reach the program), no echo, keypad, 25 ms
/// escape delay, bracketed paste, colours when available. Returns 0 on success.
int cncurses_start(int use_colors);

/// Restores the terminal (leaves curses, turns bracketed paste off). Safe to call twice.
void cncurses_stop(void);

int cncurses_lines(void);
int cncurses_cols(void);

/// Waits up to timeout_ms for a key: returns OK (a character), KEY_CODE_YES (a key code) or ERR.
int cncurses_get_wch(int timeout_ms, wint_t *key);

int cncurses_key_f(int n);

attr_t cncurses_a_normal(void);
attr_t cncurses_a_bold(void);
attr_t cncurses_a_reverse(void);
attr_t cncurses_a_underline(void);
attr_t cncurses_a_dim(void);

int cncurses_has_colors(void);
int cncurses_init_pair(short pair, short fg, short bg);

/// Draws a wide string at (y, x) with attributes and a colour pair.
void cncurses_put(int y, int x, const wchar_t *text, attr_t attrs, short pair);
void cncurses_erase(void);
/// Moves the hardware cursor and shows it (or hides it when y < 0), then refreshes.
void cncurses_present(int y, int x);
/// The next refresh repaints the whole screen (Ctrl-L).
void cncurses_force_redraw(void);

/// Installs handlers: SIGTERM, SIGHUP and SIGINT set a flag the loop reads; fatal
/// signals restore the terminal before the process dies.
void cncurses_install_signal_handlers(void);
/// The pending termination signal, or 0; clears it.
int cncurses_take_signal(void);

#endif
