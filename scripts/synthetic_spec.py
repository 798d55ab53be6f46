#!/usr/bin/env python3
"""Builds a larger description from Auth0's by repeating its paths and schemas
under renamed copies (every `$ref` of a copy points into the same copy), for
measuring how generation time grows with the size of the description.

usage: synthetic_spec.py SOURCE.json COPIES OUT.json [INDENT [OPERATIONS]]

Without INDENT the output is compact JSON; with it, indented by INDENT spaces
(as descriptions are usually published; Auth0's is indented by 2). With
OPERATIONS, paths are copied only until that many operations are in (every
schema is still copied).
"""
import json
import sys


def rename_refs(node, suffix):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/components/schemas/"):
                out[k] = v + suffix
            elif k == "operationId" and isinstance(v, str):
                out[k] = v + suffix
            else:
                out[k] = rename_refs(v, suffix)
        return out
    if isinstance(node, list):
        return [rename_refs(v, suffix) for v in node]
    return node


def main():
    source, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    indent = int(sys.argv[4]) if len(sys.argv) > 4 else None
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else None
    operations = 0
    with open(source) as f:
        doc = json.load(f)
    paths, schemas = {}, {}
    for i in range(copies):
        suffix = "" if i == 0 else f"Copy{i}"
        prefix = "" if i == 0 else f"/copy{i}"
        for path, item in doc["paths"].items():
            count = sum(1 for v in item.values() if isinstance(v, dict) and "operationId" in v)
            if limit is not None and operations + count > limit:
                continue
            operations += count
            paths[prefix + path] = rename_refs(item, suffix)
        for name, schema in doc["components"]["schemas"].items():
            schemas[name + suffix] = rename_refs(schema, suffix)
    doc["paths"] = paths
    doc["components"]["schemas"] = schemas
    with open(out, "w") as f:
        json.dump(doc, f, indent=indent)


if __name__ == "__main__":
    main()
