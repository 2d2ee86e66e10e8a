#!/usr/bin/env python3
"""check-metainfo.py METAINFO — `appstreamcli validate --no-net --pedantic` must find nothing,
pedantic notes included, except the one below. Exit 77 (skipped) when appstreamcli is missing.

Allowed: cid-contains-uppercase-letter. The component ID is the application ID
io.github.occamlab.Occam, which also names the settings schema, the desktop file, the icon and
the D-Bus name; GNOME application IDs are written this way, and changing it would orphan every
user's settings.
"""
import re
import shutil
import subprocess
import sys

ALLOWED = {"cid-contains-uppercase-letter"}

exe = shutil.which("appstreamcli")
if exe is None:
    print("appstreamcli is not installed (Debian: appstream)")
    sys.exit(77)
out = subprocess.run([exe, "validate", "--no-net", "--pedantic", sys.argv[1]],
                     capture_output=True, text=True)
print(out.stdout + out.stderr)
tags = re.findall(r"^[EWIP]: [^:]+:[^ ]* ([a-z0-9-]+)", out.stdout, re.M)
unexpected = [t for t in tags if t not in ALLOWED]
if out.returncode != 0 or unexpected:
    print(f"validation failed or found: {unexpected}")
    sys.exit(1)
