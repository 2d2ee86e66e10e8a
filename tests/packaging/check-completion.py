#!/usr/bin/env python3
"""check-completion.py OCCAM_CLI MAN BASH ZSH — the generated man page and completion scripts
cover every command and every option `occam-cli COMMAND --help-all` prints, and bash completes
like a shell would. TAP output.
"""
import re
import shutil
import subprocess
import sys

CLI, MAN, BASH, ZSH = sys.argv[1:5]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail, None))


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def complete(words):
    """What the bash completion offers for the command line `words` (the last one being
    completed), from a plain `bash -c` with the script sourced."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); '
              '_occam_cli; printf "%s\\n" "${COMPREPLY[@]}"')
    out = run(["bash", "-c", script, "bash", BASH] + words)
    return [w for w in out.stdout.splitlines() if w], out.stderr


def main():
    man = open(MAN, encoding="utf-8").read()
    man_plain = man.replace("\\-", "-")
    bash = open(BASH, encoding="utf-8").read()
    zsh = open(ZSH, encoding="utf-8").read()

    commands = re.findall(r"^  ([a-z]+)\s", run([CLI, "--help"]).stdout, re.M)
    check("occam-cli --help lists its commands", len(commands) >= 8, str(commands))
    for c in commands:
        check(f"{c}: in the man page, the bash and the zsh completion",
              f'.SS "{c}"' in man and f"\n    {c})\n" in bash and f"\n    '{c}:" in zsh
              and f"\n    {c})\n" in zsh)
        out = run([CLI, c, "--help-all"])
        flags = sorted(set(re.findall(r"^\s+(?:-\w, )?--([\w-]+)", out.stdout, re.M))
                       - {"help", "help-all"})
        flags = [f for f in flags if not f.startswith("help-")]
        check(f"{c} --help-all lists options", out.returncode == 0 and len(flags) >= 1,
              out.stdout + out.stderr)
        section = man_plain.split(f'.SS "{c}"', 1)[-1].split(".SS ", 1)[0]
        missing = [f for f in flags if f"\\fB--{f}\\fR" not in section]
        check(f"{c}: the man page describes each of its {len(flags)} options", not missing,
              str(missing))
        case = bash.split(f"\n    {c})\n", 1)[-1].split("\n      ;;\n", 1)[0]
        missing = [f for f in flags if f" --{f}" not in case]
        check(f"{c}: bash completes each of its options", not missing, str(missing))
        case = zsh.split(f"\n    {c})\n", 1)[-1].split("\n      ;;\n", 1)[0]
        missing = [f for f in flags if f"'--{f}" not in case]
        check(f"{c}: zsh completes each of its options", not missing, str(missing))

    words, err = complete(["occam-cli", "tr"])
    check("bash: occam-cli tr<TAB> completes to train", words == ["train"], f"{words} {err}")
    words, err = complete(["occam-cli", "train", "--optim"])
    check("bash: occam-cli train --optim<TAB> completes to --optimizer",
          words == ["--optimizer"], f"{words} {err}")
    words, err = complete(["occam-cli", "train", "--optimizer", ""])
    check("bash: --optimizer offers the optimisers", "adam" in words and "sgd" in words,
          f"{words} {err}")
    words, err = complete(["occam-cli", "train", "--optimizer", "=", "mo"])
    check("bash: --optimizer=mo<TAB> completes to momentum", words == ["momentum"],
          f"{words} {err}")
    words, err = complete(["occam-cli", "runs", ""])
    check("bash: runs offers its subcommands", sorted(words) == ["export", "list", "rm", "show"],
          f"{words} {err}")
    words, err = complete(["occam-cli", "runs", "list", ""])
    check("bash: no second subcommand after runs list", words == [], f"{words} {err}")

    zsh_exe = shutil.which("zsh")
    if zsh_exe is None:
        results.append(("zsh -n accepts the zsh completion", True, "", "zsh is not installed"))
    else:
        out = run([zsh_exe, "-n", ZSH])
        check("zsh -n accepts the zsh completion", out.returncode == 0, out.stderr)


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
