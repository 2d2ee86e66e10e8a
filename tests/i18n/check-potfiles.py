#!/usr/bin/env python3
"""check-potfiles.py SRCDIR — po/POTFILES.in is complete and names only files that exist. TAP.

Every file under src/, include/, ui/ and resources/ that marks a string for translation (_( N_(
C_( NC_( ngettext g_dngettext, translatable="yes") must be listed, or xgettext never sees its
strings; the desktop file, the metainfo and the settings schema are translated whole (their
.in sources and the schema carry no marks) and must be listed too.
"""
import os
import re
import sys

SRC = os.path.abspath(sys.argv[1])
MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\(|\bngettext\b|\bg_dngettext\b|translatable="yes"')
WHOLE = ["resources/io.github.occamlab.Occam.desktop.in",
         "resources/io.github.occamlab.Occam.metainfo.xml.in",
         "resources/io.github.occamlab.Occam.gschema.xml"]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


with open(os.path.join(SRC, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = [l.strip() for l in f if l.strip() and not l.lstrip().startswith("#")]

missing_files = [p for p in listed if not os.path.isfile(os.path.join(SRC, p))]
check("every file POTFILES.in lists exists", not missing_files, "\n".join(missing_files))
dups = sorted({p for p in listed if listed.count(p) > 1})
check("POTFILES.in lists each file once", not dups, "\n".join(dups))

marked = []
for top in ("src", "include", "ui", "resources"):
    for root, _, files in os.walk(os.path.join(SRC, top)):
        for name in sorted(files):
            if not name.endswith((".c", ".h", ".ui", ".xml", ".in")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                if MARK.search(f.read()):
                    marked.append(os.path.relpath(path, SRC))
unlisted = sorted(set(marked + WHOLE) - set(listed))
check(f"POTFILES.in lists every file with marked strings ({len(marked)} found)", not unlisted,
      "not listed:\n" + "\n".join(unlisted))
check("the marked files include the window and the CLI",
      "src/gui/oc-window.c" in marked and "src/cli/main.c" in marked, str(marked[:5]))

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    if not ok:
        for l in detail.splitlines()[:40]:
            print(f"# {l}")
