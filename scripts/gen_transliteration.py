#!/usr/bin/env python3
"""Generates Sources/CasebookCore/Generated/TransliterationTable.swift: the Latin letters of every
letter of the Arabic (with Persian and Urdu), Cyrillic, Greek, Ethiopic (Ge'ez) and Han scripts,
taken from Unicode CLDR's transliteration rules as ICU runs them (`uconv -x`, Debian's icu-devtools).

Why a table and not ICU at run time: the name key lives in CasebookCore, which imports only the
standard library, and the Store indexes it, so it must not change when a machine has another ICU.

Which CLDR transform for which script, and why:
- Arabic, Persian, Urdu letters: Arabic-Latin (letter by letter; the BGN variant leaves ي and ا
  untransliterated without vowel marks, which names rarely carry).
- Cyrillic: Ukrainian-Latin/BGN, then Russian-, Serbian-, Macedonian-Latin/BGN for the letters
  Ukrainian lacks (ы, э, ё; ђ, ћ...), then Cyrillic-Latin. BGN spells х as kh and ю as yu, as
  passports and English do; Ukrainian first because most newcomers who write Cyrillic now come
  from Ukraine, and Ukrainian passports spell г as h (Hanna, Bohdan), where Russian has g.
  Each letter is taken after a consonant (BGN writes е as ye only at the start of a word), and a
  pair of letters gets its own entry where BGN spells it otherwise than its letters (ае -> aye).
- Greek: Greek-Latin/BGN; pairs taken at the start of a word (ντ -> d, μπ -> b, ου -> ou), as
  Greek writes the d and b of foreign names.
- Ethiopic: Ethiopic-Latin, one syllable each.
- Han (CJK Unified Ideographs and Extension A): Han-Latin/Names, pinyin with the surname readings.

Every output is reduced to the ASCII letters a-z: diacritics removed (NFD), ǝ/ə as e, apostrophes,
ʿayn and hamza signs dropped; a letter left with nothing (ع, ء, ь, ъ) is written ' (no sound).
Letters ICU leaves in their own script get no entry.

Run: apt-get install icu-devtools && python3 scripts/gen_transliteration.py
"""
import pathlib
import subprocess
import unicodedata

OUT = pathlib.Path(__file__).resolve().parent.parent / "Sources/CasebookCore/Generated/TransliterationTable.swift"

ARABIC = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF)]
CYRILLIC = [(0x0400, 0x04FF), (0x0500, 0x052F)]
GREEK = [(0x0370, 0x03FF), (0x1F00, 0x1FFF)]
ETHIOPIC = [(0x1200, 0x137F), (0x1380, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)]
HAN = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]


def letters(ranges):
    return [chr(cp) for lo, hi in ranges for cp in range(lo, hi + 1) if unicodedata.category(chr(cp)) in ("Ll", "Lo", "Lm")]


def uconv(transform, texts):
    """Transliterates each text (one per line) with one uconv run."""
    joined = "\n".join(texts) + "\n"
    result = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", transform], input=joined.encode(),
                            capture_output=True, check=True)
    lines = result.stdout.decode().split("\n")
    if len(lines) < len(texts):
        raise SystemExit(f"uconv {transform} returned {len(lines)} lines for {len(texts)}")
    return lines[:len(texts)]


def ascii_letters(text):
    """The ASCII letters of ICU's output; None while letters of another script remain."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn":
            continue
        if "a" <= ch.lower() <= "z":
            out.append(ch.lower())
        elif ch in "ǝəƏƎ":
            out.append("e")
        elif unicodedata.category(ch).startswith("L") and unicodedata.category(ch) != "Lm":
            return None  # still in its own script, or a Latin letter without a plain base
    return "".join(out)


def single_table(chars, transforms, prefix=""):
    """Each letter's Latin form: the first transform that turns it into Latin letters."""
    table = {}
    pending = list(chars)
    for transform in transforms:
        if not pending:
            break
        outputs = uconv(transform, [prefix + c for c in pending])
        base = ascii_letters(uconv(transform, [prefix])[0]) if prefix else ""
        still = []
        for c, raw in zip(pending, outputs):
            latin = ascii_letters(raw)
            if latin is None or not latin.startswith(base):
                still.append(c)
            else:
                table[c] = latin[len(base):] or "'"  # a letter with no sound of its own (ع, ь)
        pending = still
    return table


def pair_table(chars, single, transform, prefix=""):
    """Pairs of letters that the transform spells otherwise than their letters one by one."""
    # Letters with accents reach the table without them (search folding removes them first).
    lowers = [c for c in chars if c in single and c == c.lower() and unicodedata.normalize("NFD", c) == c]
    pairs = [a + b for a in lowers for b in lowers]
    outputs = uconv(transform, [prefix + p for p in pairs])
    base = ascii_letters(uconv(transform, [prefix])[0]) if prefix else ""
    table = {}
    for p, raw in zip(pairs, outputs):
        latin = ascii_letters(raw)
        if latin is None or not latin.startswith(base):
            continue
        latin = latin[len(base):]
        if latin and latin != (single[p[0]] + single[p[1]]).replace("'", ""):
            table[p] = latin
    return table


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    version = subprocess.run(["uconv", "--version"], capture_output=True, text=True).stdout.strip()
    single = {}
    single.update(single_table(letters(ARABIC), ["Arabic-Latin"]))
    cyrillic_transforms = ["Ukrainian-Latin/BGN", "Russian-Latin/BGN", "Serbian-Latin/BGN", "Macedonian-Latin/BGN",
                           "Cyrillic-Latin"]
    cyrillic = single_table(letters(CYRILLIC), cyrillic_transforms, prefix="б")
    single.update(cyrillic)
    greek = single_table(letters(GREEK), ["Greek-Latin/BGN", "Greek-Latin"])
    single.update(greek)
    single.update(single_table(letters(ETHIOPIC), ["Ethiopic-Latin"]))
    single.update(single_table(letters(HAN), ["Han-Latin/Names", "Han-Latin"]))

    pairs = {}
    pairs.update(pair_table(letters(CYRILLIC), cyrillic, "Ukrainian-Latin/BGN", prefix="б"))
    pairs.update(pair_table(letters(GREEK), greek, "Greek-Latin/BGN"))

    # One entry per page of 256 code points: the Latin of each code point, separated by "|".
    pages = {}
    for ch, latin in single.items():
        pages.setdefault(ord(ch) >> 8, {})[ord(ch) & 0xFF] = latin
    lines = [
        "// Generated by scripts/gen_transliteration.py from Unicode CLDR's transforms as run by",
        f"// {version}; do not edit by hand.",
        "",
        "/// The Latin letters (a-z) of each letter of the Arabic, Cyrillic, Greek, Ethiopic and Han",
        "/// scripts, by pages of 256 code points: the entries of a page are separated by \"|\"; an entry",
        "/// is empty where the table has nothing for a code point, and ' for a letter with no sound (ع, ь).",
        "let transliterationPages: [(page: UInt32, latin: String)] = [",
    ]
    for page in sorted(pages):
        entries = pages[page]
        last = max(entries)
        text = "|".join(entries.get(i, "") for i in range(last + 1))
        lines.append(f"    (0x{page:04X}, {swift_str(text)}),")
    lines.append("]")
    lines.append("")
    lines.append("/// Pairs of Cyrillic or Greek letters whose Latin differs from that of their letters one by one.")
    lines.append("let transliterationPairs: [(first: UInt32, second: UInt32, latin: String)] = [")
    for p in sorted(pairs):
        lines.append(f"    (0x{ord(p[0]):04X}, 0x{ord(p[1]):04X}, {swift_str(pairs[p])}),")
    lines.append("]")
    lines.append("")
    OUT.write_text("\n".join(lines))
    print(len(single), "letters;", len(pairs), "pairs;", len(pages), "pages")


main()
