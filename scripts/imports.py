#!/usr/bin/env python3
"""Checks that no two sibling modules of the generator import each other,
directly or through other siblings (a child may use its parent's items).

usage: scripts/imports.py [ROOT]   (default: generator/src)

A module's imports are the `crate::…` and `super::…` paths in its code,
without comments and without its unit tests (`#[cfg(test)] mod tests`, or
its `tests.rs`). Each path is
taken to the deepest module it names; an import from `a/b` of `a/c/d`
counts as `b` → `c` under `a`. Exits 1 and lists the cycles found.
"""

import os
import re
import sys


def modules(root):
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            # A `tests.rs` holds a module's unit tests, as `mod tests` does.
            if not name.endswith(".rs") or name == "tests.rs":
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, root)[:-3].split(os.sep)
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts in (["lib"], ["main"]):
                parts = []
            with open(path, encoding="utf-8") as f:
                text = f.read()
            cut = text.find("#[cfg(test)]\nmod tests")
            if cut >= 0:
                text = text[:cut]
            code = "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))
            found[tuple(parts)] = code
    return found


def edges(found):
    out = set()
    for module, code in found.items():
        targets = [tuple(p.split("::")) for p in re.findall(r"crate::((?:[a-z_]+::)*[a-z_]+)", code)]
        for supers, rest in re.findall(r"\b((?:super::)+)((?:[a-z_]+::)*[a-z_]+)", code):
            up = supers.count("super::")
            base = module[:-up] if up <= len(module) else ()
            targets.append(base + tuple(rest.split("::")))
        for target in targets:
            while target and target not in found:
                target = target[:-1]
            if target and target != module:
                out.add((module, target))
    return out


def siblings(a, b):
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    if k == len(a) or k == len(b):
        return None  # one contains the other
    return a[: k + 1], b[: k + 1]


def cycles(graph):
    found = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    found.add(tuple(sorted("/".join(p) for p in path)))
                elif nxt not in path:
                    stack.append((nxt, path + [nxt]))
    return sorted(found)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "generator/src"
    graph = {}
    for a, b in edges(modules(root)):
        pair = siblings(a, b)
        if pair:
            graph.setdefault(pair[0], set()).add(pair[1])
    found = cycles(graph)
    for cycle in found:
        print("import cycle between sibling modules: " + ", ".join(cycle))
    if found:
        sys.exit(1)
    print("no import cycles between sibling modules")


if __name__ == "__main__":
    main()
