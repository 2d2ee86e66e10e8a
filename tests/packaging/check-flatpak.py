#!/usr/bin/env python3
"""check-flatpak.py MANIFEST APP_ID — the Flatpak manifest cannot be built here (no
flatpak-builder, no network), so its structure is checked: the app ID, runtime, SDK and command,
a sandbox without network or file-system holes, and modules whose sources flatpak-builder would
accept. TAP output.
"""
import json
import sys

MANIFEST, APP_ID = sys.argv[1:3]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def source_ok(s):
    kind = s.get("type")
    if kind == "archive" or kind == "file":
        return isinstance(s.get("url") or s.get("path"), str) and (
            "path" in s or len(s.get("sha256", "")) == 64)
    if kind == "git":
        return s.get("url", "").startswith("https://") and any(
            isinstance(s.get(k), str) and s[k] for k in ("tag", "commit", "branch"))
    if kind == "dir":
        return isinstance(s.get("path"), str)
    return False


def main():
    try:
        with open(MANIFEST, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        check("the manifest is JSON", False, str(e))
        return
    check("the manifest is a JSON object", isinstance(m, dict))
    check("its id is the app ID", m.get("id") == APP_ID, str(m.get("id")))
    check("runtime org.gnome.Platform with its SDK",
          m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk")
    # GNOME 43 ships GTK 4.8 and libadwaita 1.2, the versions Occam builds and is tested against.
    check("runtime-version is a GNOME release with GTK >= 4.8, libadwaita >= 1.2",
          str(m.get("runtime-version", "")).isdigit() and int(m["runtime-version"]) >= 43,
          str(m.get("runtime-version")))
    check("command is occam", m.get("command") == "occam")
    args = m.get("finish-args", [])
    check("finish-args: Wayland with an X11 fallback",
          "--socket=wayland" in args and "--socket=fallback-x11" in args, str(args))
    check("finish-args: no network", "--share=network" not in args, str(args))
    check("finish-args: no file-system access (files come through the portals)",
          not any(a.startswith("--filesystem") for a in args), str(args))
    modules = m.get("modules", [])
    names = [mod.get("name") for mod in modules if isinstance(mod, dict)]
    check("modules include openblas and occam, occam last",
          "openblas" in names and names[-1:] == ["occam"], str(names))
    for mod in modules:
        if not isinstance(mod, dict):
            check("every module is an object", False, str(mod))
            continue
        name = mod.get("name", "?")
        check(f"module {name}: a build system", mod.get("buildsystem", "autotools") in
              ("autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"))
        if mod.get("buildsystem") == "simple":
            check(f"module {name}: build commands", bool(mod.get("build-commands")))
        sources = mod.get("sources", [])
        check(f"module {name}: well-formed sources",
              bool(sources) and all(isinstance(s, dict) and source_ok(s) for s in sources),
              json.dumps(sources))
    occam = next((mod for mod in modules if mod.get("name") == "occam"), {})
    check("occam builds with meson from this checkout",
          occam.get("buildsystem") == "meson"
          and {"type": "dir", "path": ".."} in occam.get("sources", []))


if __name__ == "__main__":
    try:
        main()
    finally:
        print(f"1..{len(results)}")
        for i, (name, ok, detail) in enumerate(results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} {name}")
            if not ok and detail:
                print(f"# {detail}")
