#!/usr/bin/env python3
"""Writes a pathological description of size N, for checking that generation
time grows linearly with the size of hostile input (scripts/hostile.sh runs
it at N and 4N).

usage: hostile_spec.py KIND N OUT.json

KIND is one of:
  doc-links   N repetitions of `[a](` in one description (unclosed links)
  doc-parens  N repetitions of `[a](x (` (unclosed titles)
  doc-refs    N reference definitions and N uses of them
  doc-html    N unclosed `<a href="` tags
  doc-ticks   N backtick runs of growing length, none closed
  doc-urls    N bare URLs run together
  doc-fences  N unclosed fences
  doc-nest    N block quote and list markers opened on one line, then N
              lines continuing the paragraph inside them
  props       one schema with N properties, all required
  enum        one string enum of N values
  names       N schemas whose names all make the same Rust name (N < 262144)
  chain       N schemas, each with a property of the next one's type
  big         N schemas of 1 KiB descriptions and cross references
"""
import json
import sys


def base(schemas, description="ok"):
    return {
        "openapi": "3.0.3",
        "info": {"title": "hostile", "version": "1", "description": description},
        "paths": {
            "/x": {
                "post": {
                    "operationId": "post_x",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Root"}}
                        }
                    },
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
        "components": {"schemas": schemas},
    }


def described(text):
    return base({"Root": {"type": "object", "description": text, "properties": {"a": {"type": "string"}}}})


def build(kind, n):
    if kind == "doc-links":
        return described("[a](" * n)
    if kind == "doc-parens":
        return described("[a](x (" * n)
    if kind == "doc-refs":
        defs = "".join(f"[l{i}]: /u{i}\n" for i in range(n))
        uses = " ".join(f"[l{i}]" for i in range(n))
        return described(uses + "\n\n" + defs)
    if kind == "doc-html":
        return described('<a href="' * n)
    if kind == "doc-ticks":
        # 1 + 2 + ... grows quadratically in size; keep the size N.
        parts, total, k = [], 0, 1
        while total < n:
            parts.append("`" * k + "x")
            total += k + 1
            k += 1
        return described(" ".join(parts))
    if kind == "doc-urls":
        return described("https://a.example/(" * n)
    if kind == "doc-fences":
        return described("```\nx\n" * n)
    if kind == "doc-nest":
        return described("> - " * n + "a\n" + "b\n" * n)
    if kind == "props":
        props = {f"p{i}": {"type": "string"} for i in range(n)}
        return base({"Root": {"type": "object", "properties": props, "required": list(props)}})
    if kind == "enum":
        return base({"Root": {"type": "object", "properties": {"e": {"type": "string", "enum": [f"v{i}" for i in range(n)]}}}})
    if kind == "names":
        # Ten letters joined by `_`, `-`, `.` or ` `: every name is as long as
        # the others, and all make the same Rust name, `ABCDEFGHIJ`.
        seps = ["_", "-", ".", " "]
        schemas = {"Root": {"type": "object", "properties": {"a": {"type": "string"}}}}
        for i in range(n):
            name, k = "a", i
            for letter in "bcdefghij":
                name += seps[k % 4] + letter
                k //= 4
            schemas[name] = {"type": "object", "properties": {"v": {"type": "integer"}}}
        props = {f"p{j}": {"$ref": f"#/components/schemas/{k}"} for j, k in enumerate(schemas) if k != "Root"}
        schemas["Root"]["properties"].update(props)
        return base(schemas)
    if kind == "chain":
        schemas = {"Root": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/C0"}}}}
        for i in range(n):
            nxt = {"$ref": f"#/components/schemas/C{i + 1}"} if i + 1 < n else {"type": "string"}
            schemas[f"C{i}"] = {"type": "object", "properties": {"next": nxt}}
        return base(schemas)
    if kind == "big":
        text = ("A fairly ordinary sentence of a description. " * 23)[:1024]
        schemas = {"Root": {"type": "object", "properties": {"s0": {"$ref": "#/components/schemas/S0"}}}}
        for i in range(n):
            props = {"name": {"type": "string", "description": text}, "count": {"type": "integer", "minimum": 0}}
            if i > 0:
                props["parent"] = {"$ref": f"#/components/schemas/S{i // 2}"}
            schemas[f"S{i}"] = {"type": "object", "description": text, "properties": props}
        return base(schemas)
    raise SystemExit(f"unknown kind {kind!r}; see --help")


def main():
    if len(sys.argv) != 4 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        raise SystemExit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2)
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w") as f:
        json.dump(build(kind, n), f)


if __name__ == "__main__":
    main()
