#!/usr/bin/env python3
"""check-install.py BUILDDIR SRCDIR GUI — `meson install --destdir` into a temporary folder, then
the installed files: the list, the validators GNOME's tools provide, the man pages, the one
copyright line, and no build- or source-folder path inside an installed binary. TAP output.

A validator that is not installed is skipped with a TAP "# SKIP"; the packages are listed in
build-aux/packages.txt.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BUILD, SRC, GUI = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3] == "true"
APP_ID = "io.github.occamlab.Occam"
RAW_URL = "https://github.com/occamlab/occam/raw/main/"
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail, None))


def skip(name, why):
    results.append((name, True, "", why))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def options():
    out = run(["meson", "introspect", "--buildoptions", BUILD])
    return {o["name"]: o["value"] for o in json.loads(out.stdout)}


def main():
    opts = options()
    prefix = opts["prefix"]
    dest = tempfile.mkdtemp(prefix="occam-install-")
    try:
        inst = run(["meson", "install", "-C", BUILD, "--destdir", dest, "--no-rebuild", "--quiet"])
        check("meson install --destdir succeeds", inst.returncode == 0,
              inst.stdout + inst.stderr)
        if inst.returncode != 0:
            return

        def path(option, *rest):
            d = opts[option]
            d = d if os.path.isabs(d) else os.path.join(prefix, d)
            return os.path.join(dest + d, *rest)

        datadir = path("datadir")
        expected = {
            "occam-cli binary": path("bindir", "occam-cli"),
            "occam-cli man page": path("mandir", "man1", "occam-cli.1"),
            "zsh completion": path("datadir", "zsh", "site-functions", "_occam-cli"),
            "COPYING": path("datadir", "doc", "occam", "COPYING"),
            "LICENSE": path("datadir", "doc", "occam", "LICENSE"),
            "README": path("datadir", "doc", "occam", "README.md"),
        }
        bash = [os.path.join(root, f) for root, _, files in os.walk(dest)
                for f in files if f == "occam-cli" and "bash-completion" in root]
        check("bash completion installed", len(bash) == 1, str(bash))
        if GUI:
            expected.update({
                "occam binary": path("bindir", "occam"),
                "occam man page": path("mandir", "man1", "occam.1"),
                "desktop file": path("datadir", "applications", APP_ID + ".desktop"),
                "metainfo": path("datadir", "metainfo", APP_ID + ".metainfo.xml"),
                "scalable icon": path("datadir", "icons", "hicolor", "scalable", "apps",
                                      APP_ID + ".svg"),
                "symbolic icon": path("datadir", "icons", "hicolor", "symbolic", "apps",
                                      APP_ID + "-symbolic.svg"),
                "settings schema": path("datadir", "glib-2.0", "schemas",
                                        APP_ID + ".gschema.xml"),
            })
        # One compiled catalogue per language of po/LINGUAS.
        with open(os.path.join(SRC, "po", "LINGUAS"), encoding="utf-8") as f:
            languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        check("po/LINGUAS names a language", len(languages) >= 1, str(languages))
        for lang in languages:
            expected[f"{lang} messages"] = path("localedir", lang, "LC_MESSAGES", "occam.mo")
        for what, p in expected.items():
            check(f"installed: {what} ({os.path.relpath(p, dest)})", os.path.isfile(p))
        for lang in languages:
            mo = expected[f"{lang} messages"]
            if os.path.isfile(mo) and shutil.which("msgunfmt"):
                out = run(["msgunfmt", mo])
                n = out.stdout.count('\nmsgid "') if out.returncode == 0 else 0
                check(f"installed {lang} catalogue is a valid .mo with messages", n > 100,
                      out.stderr + f"{n} messages")

        with open(os.path.join(SRC, "COPYING"), encoding="utf-8") as f:
            copying = f.read()
        check("COPYING is the GNU GPL version 3",
              "GNU GENERAL PUBLIC LICENSE" in copying and "Version 3, 29 June 2007" in copying
              and "END OF TERMS AND CONDITIONS" in copying)

        # One copyright line: LICENSE states it; the man pages and the app say the same.
        with open(os.path.join(SRC, "LICENSE"), encoding="utf-8") as f:
            lines = [l.strip() for l in f if "Copyright" in l]
        check("LICENSE has one copyright line", len(lines) == 1, str(lines))
        line = lines[0] if lines else "?"
        for what in ("occam-cli man page", "occam man page", "occam binary"):
            if what in expected and os.path.isfile(expected[what]):
                with open(expected[what], "rb") as f:
                    check(f"{what} carries LICENSE's copyright line",
                          line.encode() in f.read(), line)

        # No path of the build machine in what is installed. Sanitizer builds are never
        # installed and keep the compiler's module names (the source path as the build folder
        # names it) in their instrumentation, so they are not checked.
        sanitized = opts.get("b_sanitize", "none") not in ("none", "")
        if sanitized:
            skip("installed binaries hold no build or source path", "a sanitizer build")
        for what in () if sanitized else ("occam-cli binary", "occam binary"):
            p = expected.get(what)
            if p is None or not os.path.isfile(p):
                continue
            with open(p, "rb") as f:
                data = f.read()
            for folder in sorted({BUILD, SRC, os.path.realpath(BUILD), os.path.realpath(SRC)}):
                check(f"{what} holds no path of {folder}", folder.encode() not in data)

        # The man page covers every command.
        help_out = run([expected["occam-cli binary"], "--help"]).stdout
        commands = re.findall(r"^  ([a-z]+)\s", help_out, re.M)
        check("occam-cli --help lists commands", len(commands) >= 8, help_out)
        with open(expected["occam-cli man page"], encoding="utf-8") as f:
            man = f.read()
        missing = [c for c in commands if f'.SS "{c}"' not in man]
        check("installed occam-cli.1 has a section per command", not missing, str(missing))

        if GUI:
            validate_desktop(expected)
            check_occam_man(expected)
        else:
            skip("desktop validators", "built with -Dgui=disabled")
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def validate_desktop(expected):
    tools = {
        "desktop-file-validate": [expected["desktop file"]],
        "appstreamcli": ["validate", "--no-net", expected["metainfo"]],
        "glib-compile-schemas": ["--strict", "--dry-run",
                                 os.path.dirname(expected["settings schema"])],
    }
    for tool, args in tools.items():
        exe = shutil.which(tool)
        if exe is None:
            skip(f"{tool} passes on the installed file", f"{tool} is not installed")
            continue
        out = run([exe] + args)
        check(f"{tool} passes on the installed file", out.returncode == 0,
              out.stdout + out.stderr)
    # The metainfo's launchable and icon name what is installed.
    with open(expected["desktop file"], encoding="utf-8") as f:
        desktop = f.read()
    check("the desktop file uses the installed icon", f"\nIcon={APP_ID}\n" in desktop)
    # The translations were merged into the installed desktop file and metainfo.
    with open(os.path.join(SRC, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    for lang in languages:
        check(f"the desktop file's Comment is translated ({lang})", f"\nComment[{lang}]=" in desktop)
    with open(expected["metainfo"], encoding="utf-8") as f:
        meta = f.read()
    check("the metainfo launches the installed desktop file",
          f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in meta)
    for lang in languages:
        check(f"the metainfo's summary is translated ({lang})",
              re.search(f'<summary xml:lang="{lang}">', meta) is not None)
    # Screenshots are files of this repository, published under its raw URL; each must exist
    # with the size the metainfo states.
    shots = re.findall(r'<image type="source" width="(\d+)" height="(\d+)">([^<]+)</image>', meta)
    check("the metainfo has screenshots", len(shots) >= 1)
    for w, h, url in shots:
        rel = url.removeprefix(RAW_URL)
        local = os.path.join(SRC, rel)
        size = png_size(local) if url.startswith(RAW_URL) and os.path.isfile(local) else None
        check(f"screenshot {rel} is in the repository at {w}x{h}",
              size == (int(w), int(h)), f"{url}: {size}")
    for svg in ("scalable icon", "symbolic icon"):
        # gdk-pixbuf recognises an SVG by finding "<svg" near its start: with a long comment
        # before the element, GTK failed to load the icon from the resources ("Unrecognized
        # image file format") although rsvg-convert drew it.
        with open(expected[svg], encoding="utf-8") as f:
            text = re.sub(r"^<\?xml[^>]*\?>", "", f.read()).lstrip()
        check(f"{svg} starts with its <svg> element", text.startswith("<svg"))
        rsvg = shutil.which("rsvg-convert")
        if rsvg is None:
            skip(f"{svg} renders", "rsvg-convert is not installed")
            continue
        out = subprocess.run([rsvg, "-w", "16", "-h", "16", expected[svg]], capture_output=True)
        check(f"{svg} renders at 16 px", out.returncode == 0 and out.stdout[:8] == b"\x89PNG\r\n\x1a\n",
              out.stderr.decode(errors="replace"))


def check_occam_man(expected):
    # occam.1 is written by hand: it must name every option the app's --help-all prints. --help
    # is handled before the window opens, so no display is needed.
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    out = run([expected["occam binary"], "--help-all"], env=env)
    flags = sorted(set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", out.stdout, re.M)))
    check("occam --help-all lists options", out.returncode == 0 and "--dataset" in flags,
          out.stdout + out.stderr)
    with open(expected["occam man page"], encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    missing = [f for f in flags if f not in man]
    check("installed occam.1 names every option of occam --help-all", not missing, str(missing))
    check("installed occam.1 has its version filled in", "@VERSION@" not in man
          and "@COPYRIGHT@" not in man)


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"1..{len(results)}")
        for i, (name, ok, detail, why) in enumerate(results, 1):
            if why is not None:
                print(f"ok {i} {name} # SKIP {why}")
                continue
            print(f"{'ok' if ok else 'not ok'} {i} {name}")
            if not ok and detail:
                for l in detail.splitlines()[:40]:
                    print(f"# {l}")
