#!/usr/bin/env python3
"""run-catalogue.py — the hostile-input catalogue: every *.cases file in this folder, as TAP.

A .cases file is a list of blocks separated by blank lines; lines starting with '#' are comments.
Each block is one case, in fields of the form `name: value`:

    case:      what is tried (the test's name)
    run:       the command, run by bash in the case folder with $cli (occam-cli), $W (the case
               folder), $SRC (the source tree) and $FIXTURES (tests/hostile/fixtures) set; a
               field may be continued on the next lines indented by two spaces
    exit:      the exit code it must end with (default 2)
    says:      a fragment its standard error must contain (may be given more than once)
    lines:     how many lines standard error must have (default: any)
    unchanged: files (relative to $W) whose bytes must be the same after the run
    absent:    files that must not exist after the run (no partial output)
    timeout:   seconds before the case counts as hung (default 60)

A block with `setup:` instead of `case:` runs before the next cases of its file (in the same
folder), and must succeed. Each .cases file gets a fresh folder; XDG_DATA_HOME points into it,
so nothing can touch the user's store. `run-catalogue.py store.cases` runs only the files named.
"""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(path):
    blocks, block, key = [], None, None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if block:
                blocks.append(block)
            block, key = None, None
            continue
        if line.startswith("  ") and block is not None and key is not None:
            block[key][-1] += "\n" + line[2:]
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise SystemExit(f"{path}: not a field: {line!r}")
        key = name.strip()
        block = block if block is not None else {}
        block.setdefault(key, []).append(value.strip())
    if block:
        blocks.append(block)
    return blocks


def digest(path):
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        return None


def main():
    cli = os.environ.get("OC_CLI")
    if not cli:
        raise SystemExit("OC_CLI must point at occam-cli")
    # Names of .cases files on the command line run only those (while working on one).
    files = sys.argv[1:] or sorted(f for f in os.listdir(HERE) if f.endswith(".cases"))
    n = failed = 0
    for name in files:
        work = tempfile.mkdtemp(prefix="occam-hostile-")
        env = dict(os.environ, cli=cli, W=work, SRC=os.path.dirname(os.path.dirname(HERE)),
                   FIXTURES=os.path.join(HERE, "fixtures"),
                   XDG_DATA_HOME=os.path.join(work, "xdg-data"))
        try:
            for block in parse(os.path.join(HERE, name)):
                if "setup" in block:
                    cmd = "\n".join(block["setup"])
                    r = subprocess.run(["bash", "-e", "-c", cmd], cwd=work, env=env,
                                       capture_output=True, text=True, timeout=600)
                    if r.returncode != 0:
                        raise SystemExit(f"{name}: setup failed ({r.returncode}):\n{cmd}\n"
                                         f"{r.stdout}{r.stderr}")
                    continue
                n += 1
                title = f"{name[:-6]}: {block['case'][0]}"
                problems = run_case(block, work, env)
                if problems:
                    failed += 1
                    print(f"not ok {n} - {title}")
                    for p in problems:
                        for line in p.splitlines():
                            print(f"# {line}")
                else:
                    print(f"ok {n} - {title}")
                sys.stdout.flush()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"1..{n}")
    return 1 if failed else 0


def run_case(block, work, env):
    cmd = "\n".join(block["run"])
    expect = int(block.get("exit", ["2"])[0])
    timeout = float(block.get("timeout", ["60"])[0])
    unchanged = [f for v in block.get("unchanged", []) for f in v.split()]
    absent = [f for v in block.get("absent", []) for f in v.split()]
    before = {f: digest(os.path.join(work, f)) for f in unchanged}
    problems = []
    try:
        proc = subprocess.Popen(["bash", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        out, err = proc.communicate(timeout=timeout)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return [f"hung: still running after {timeout:g} s", f"command: {cmd}"]
    if status != expect:
        problems.append(f"exit {status}, expected {expect}")
    for says in block.get("says", []):
        if says not in err:
            problems.append(f"stderr lacks {says!r}")
    if "lines" in block:
        want = int(block["lines"][0])
        if len(err.splitlines()) != want:
            problems.append(f"stderr has {len(err.splitlines())} lines, expected {want}")
    for f, d in before.items():
        if d is None:
            problems.append(f"{f} did not exist before the run (the case is wrong)")
        elif digest(os.path.join(work, f)) != d:
            problems.append(f"{f} changed")
    for f in absent:
        if os.path.lexists(os.path.join(work, f)):
            problems.append(f"{f} exists")
    if problems:
        problems += [f"command: {cmd}", f"stdout: {out[-2000:]}", f"stderr: {err[-2000:]}"]
    return problems


if __name__ == "__main__":
    sys.exit(main())
