#!/usr/bin/env python3
"""Checks the size limits of the generator's source: no file over 600 lines
and no function over 80 lines, tests excepted (`#[cfg(test)]` modules, the
files `tests.rs` that hold a module's unit tests, and the `tests/` folders),
generated code excepted (`generated/`, snapshots).

usage: scripts/sizes.py [--report] [ROOT...]
  ROOT      folders to check (default: generator/src generator/runtime runtime/src)
  --report  print every file and function over its limit and exit 0

Exits 1 and lists what is over a limit otherwise. Lines are counted as they
are in the file (comments and blank lines included) without the test
modules; a function is counted from its `fn` line to its closing brace.
"""

import os
import re
import sys

FILE_LIMIT = 600
FN_LIMIT = 80
DEFAULT_ROOTS = ["generator/src", "generator/runtime", "runtime/src"]


def code_mask(text):
    """The text with comments, strings and char literals blanked (newlines
    kept), so that braces are only the code's."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif re.match(r'b?r#*"', text[i:i + 260]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'(b?r)(#*)"', text[i:])
            end = '"' + m.group(2)
            j = text.find(end, i + len(m.group(0)))
            j = n if j < 0 else j + len(end)
            blank(i, j)
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i) and (i == 0 or not text[i - 1].isalnum())):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{..}', '{') or a lifetime ('a).
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            if m:
                blank(i, i + len(m.group(0)))
                i += len(m.group(0))
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def matching(code, open_at):
    """The index of the brace closing the one at `open_at`."""
    depth = 0
    for k in range(open_at, len(code)):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(code) - 1


def test_spans(code):
    """(start, end) offsets of the items marked `#[cfg(test)]`."""
    spans = []
    for m in re.finditer(r"#\[cfg\(test\)\]", code):
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue
        spans.append((m.start(), matching(code, brace)))
    return spans


def check(path):
    text = open(path, encoding="utf-8").read()
    code = code_mask(text)
    tests = test_spans(code)
    in_test = lambda k: any(a <= k <= b for a, b in tests)
    test_lines = sum(code.count("\n", a, b + 1) + 0 for a, b in tests)
    lines = text.count("\n") + (0 if text.endswith("\n") else 1) - test_lines
    over = []
    if lines > FILE_LIMIT:
        over.append((path, None, lines))
    for m in re.finditer(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)", code):
        if in_test(m.start()):
            continue
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue  # a declaration without a body
        end = matching(code, brace)
        length = code.count("\n", m.start(), end) + 1
        if length > FN_LIMIT:
            line = code.count("\n", 0, m.start()) + 1
            over.append((f"{path}:{line}", m.group(1), length))
    return over


def main(argv):
    report = "--report" in argv
    roots = [a for a in argv if not a.startswith("--")] or DEFAULT_ROOTS
    over = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "tests")
            for name in sorted(files):
                if name.endswith(".rs") and name != "tests.rs":
                    over.extend(check(os.path.join(folder, name)))
    for where, function, length in over:
        if function is None:
            print(f"{where}: {length} lines (limit {FILE_LIMIT})")
        else:
            print(f"{where}: fn {function}: {length} lines (limit {FN_LIMIT})")
    if over and not report:
        print(f"{len(over)} over the limits", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
