#!/usr/bin/env python3
"""check-po.py SRCDIR XGETTEXT_ARG… — the sources and every translation of po/LINGUAS, against a
.pot extracted now. TAP.

The template is extracted at test time from po/POTFILES.in with the build's own xgettext
arguments (po/meson.build), so a string marked since the last `occam-pot` counts: each
translation, merged with it (msgmerge, as `occam-update-po` would), must pass `msgfmt --check`
(format strings, plural forms, headers) and translate every message, none fuzzy.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.abspath(sys.argv[1])
ARGS = sys.argv[2:]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    for tool in ("xgettext", "msgmerge", "msgfmt"):
        if shutil.which(tool) is None:
            print(f"1..0 # SKIP {tool} is not installed (Debian: gettext)")
            sys.exit(0)
    tmp = tempfile.mkdtemp(prefix="occam-po-")
    try:
        pot = os.path.join(tmp, "occam.pot")
        out = run(["xgettext", "--package-name=occam", "--files-from=po/POTFILES.in",
                   "--directory=" + SRC, "-o", pot] + ARGS, cwd=SRC)
        check("xgettext extracts the template", out.returncode == 0 and os.path.isfile(pot),
              out.stderr)
        if out.returncode != 0:
            return
        warnings = [l for l in out.stderr.splitlines() if "warning" in l]
        check("xgettext has no warnings", not warnings, "\n".join(warnings))
        with open(pot, encoding="utf-8") as f:
            n_pot = f.read().count('\nmsgid "') - 1
        check(f"the template holds the marked strings ({n_pot})", n_pot > 200, str(n_pot))
        with open(os.path.join(SRC, "po", "LINGUAS"), encoding="utf-8") as f:
            languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        check("po/LINGUAS names a language", bool(languages))
        for lang in languages:
            po = os.path.join(SRC, "po", lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            out = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
            check(f"{lang}.po merges with the template", out.returncode == 0, out.stderr)
            if out.returncode != 0:
                continue
            out = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po])
            check(f"msgfmt --check passes on {lang}.po as shipped", out.returncode == 0,
                  out.stderr)
            out = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged])
            stats = out.stderr.strip()
            untranslated = re.search(r"(\d+) untranslated", stats)
            fuzzy = re.search(r"(\d+) fuzzy", stats)
            translated = re.search(r"(\d+) translated", stats)
            check(f"{lang}: every message of the fresh template is translated ({stats})",
                  out.returncode == 0 and not untranslated and not fuzzy and translated
                  and int(translated.group(1)) == n_pot, stats + "\n" + missing(merged))
            # No message of the shipped file left over from strings that no longer exist.
            out = run(["msgattrib", "--only-obsolete", merged])
            check(f"{lang}: no obsolete messages", out.stdout.count('#~ msgid') == 0,
                  out.stdout[:2000])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def missing(po):
    out = run(["msgattrib", "--untranslated", "--no-obsolete", po])
    ids = re.findall(r'^msgid "(.+)"$', out.stdout, re.M)
    out = run(["msgattrib", "--only-fuzzy", "--no-obsolete", po])
    fuzzy = re.findall(r'^msgid "(.+)"$', out.stdout, re.M)
    return "untranslated: " + "; ".join(ids[:30]) + "\nfuzzy: " + "; ".join(fuzzy[:30])


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"1..{len(results)}")
        for i, (name, ok, detail) in enumerate(results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} {name}")
            if not ok:
                for l in detail.splitlines()[:40]:
                    print(f"# {l}")
