#ifndef CWIDTH_H
#define CWIDTH_H

/// The number of terminal columns of one code point under the current locale, as wcwidth(3)
/// counts them (-1 for control characters). Swift's Glibc module does not export wcwidth.
int cwidth_wcwidth(unsigned int codepoint);

#endif
