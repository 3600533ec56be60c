#!/usr/bin/env python3
"""Independent reference encoder for the kkrpc wire format (docs/wire.md).

Writes tests/conformance/vectors.json from hand-written values of the types in
conformance.kkidl, with the canonical JSON of each valid value (docs/json.md)
and JSON-only inputs that must be accepted or refused. Standard library only, written from docs/wire.md alone (not
from any runtime), so that every runtime (Rust, TypeScript, Go) is checked
against a second, independent implementation.

Usage: python3 tests/conformance/make_vectors.py [--check]
  --check  fail (exit 1) if vectors.json is not what this script produces.
"""

import base64
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "kk.conformance.v1"


def hash_id(s):
    """docs/wire.md §4.1: FNV-1a 32-bit, top bit cleared."""
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & 0x7FFFFFFF


assert hash_id("") == 0x011C9DC5 and hash_id("a") == 0x640C292C

# ---------------------------------------------------------------------------
# The schema, transcribed by hand from conformance.kkidl.
# Type expressions: scalar keyword str | ("buf", elem) | ("list", T)
#                   | ("map", K, V) | ("opt", T) | a declared type name.
# ---------------------------------------------------------------------------

SCALARS = {"bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "string", "bytes"}
ELEM = {  # struct format char, size
    "u8": ("B", 1), "i8": ("b", 1), "u16": ("H", 2), "i16": ("h", 2),
    "u32": ("I", 4), "i32": ("i", 4), "f32": ("f", 4),
    "f64": ("d", 8), "i64": ("q", 8), "u64": ("Q", 8),
}
SCALAR_FMT = {
    "i8": "b", "i16": "h", "i32": "i", "i64": "q",
    "u8": "B", "u16": "H", "u32": "I", "u64": "Q", "f32": "f", "f64": "d",
}


def struct_def(*fields):
    """Fields as (name, id, type); the wire order is ascending id."""
    return ("struct", sorted(fields, key=lambda f: f[1]))


TYPES = {
    "Scalars": struct_def(
        ("flag", 1, "bool"), ("tiny", 2, "i8"), ("small", 3, "i16"), ("medium", 4, "i32"),
        ("large", 5, "i64"), ("utiny", 6, "u8"), ("usmall", 7, "u16"), ("umedium", 8, "u32"),
        ("ularge", 9, "u64"), ("single", 10, "f32"), ("double", 11, "f64"),
        ("text", 12, "string"), ("blob", 13, "bytes")),
    "Buffers": struct_def(
        ("lead", 1, "u8"), ("u8s", 2, ("buf", "u8")), ("i8s", 3, ("buf", "i8")),
        ("u16s", 4, ("buf", "u16")), ("i16s", 5, ("buf", "i16")), ("u32s", 6, ("buf", "u32")),
        ("i32s", 7, ("buf", "i32")), ("f32s", 8, ("buf", "f32")), ("f64s", 9, ("buf", "f64")),
        ("i64s", 10, ("buf", "i64")), ("u64s", 11, ("buf", "u64"))),
    "Containers": struct_def(
        ("names", 1, ("list", "string")), ("points", 2, ("list", "Point")),
        ("by_name", 3, ("map", "string", "i32")), ("by_id", 4, ("map", "u64", "string")),
        ("maybe_count", 5, ("opt", "u32")), ("maybe_point", 6, ("opt", "Point")),
        ("maybe_samples", 7, ("opt", ("buf", "f32"))), ("nested", 8, ("list", ("list", "u8")))),
    "Point": struct_def(("x", 1, "f64"), ("y", 2, "f64")),
    "PointV2": struct_def(("x", 1, "f64"), ("y", 2, "f64"), ("z", 3, "f64")),
    "Pinned": struct_def(("second", 2, "string"), ("first", 1, "u8")),
    "Color": ("enum", [("Red", 0), ("Green", 1), ("Blue", 10), ("Cyan", 11)]),
    "Shape": ("union", [("Circle", 1, "Circle"), ("Square", 2, "f64"), ("Empty", 3, None),
                        ("Path", 9, ("list", "Point"))]),
    "Circle": struct_def(("center", 1, "Point"), ("radius", 2, "f64")),
    "Tree": struct_def(("label", 1, "string"), ("children", 2, ("list", "Tree"))),
    "Model": ("handle",),
    "Everything": struct_def(
        ("color", 1, "Color"), ("shape", 2, "Shape"), ("model", 3, "Model"),
        ("maybe_color", 4, ("opt", "Color")), ("shapes", 5, ("list", "Shape")),
        ("tree", 6, "Tree"), ("scalars", 7, "Scalars"), ("containers", 8, "Containers")),
    "NotFound": struct_def(("what", 1, "string"), ("model", 2, "Model")),
    "Invalid": struct_def(("reason", 1, "string"), ("field_ids", 2, ("list", "u32"))),
    "Overflow": struct_def(("samples", 1, ("buf", "f32")), ("note", 2, "string"), ("bounds", 3, ("buf", "f64"))),
}

ERROR_IDS = {"NotFound": hash_id(PACKAGE + ".NotFound"), "Invalid": 77, "Overflow": hash_id(PACKAGE + ".Overflow")}
OP_IDS = {op: hash_id(PACKAGE + ".Conformance." + op) for op in ("echo", "scale", "lookup", "old_scale", "clip")}
OP_IDS["ping"] = 5

# ---------------------------------------------------------------------------
# Encoder. `out` is the whole payload so far: positions (for buffer padding,
# §3.6) are len(out), i.e. relative to the payload start.
# ---------------------------------------------------------------------------


def u32(n):
    return struct.pack("<I", n)


def map_key_sort(key_type, k):
    """§3.5: strings by UTF-8 bytes, integers numerically (JSON keys are strings)."""
    if key_type == "string":
        return k.encode("utf-8")
    return int(k)


def enc(out, ty, v):
    if isinstance(ty, str) and ty in SCALARS:
        enc_scalar(out, ty, v)
    elif isinstance(ty, tuple):
        tag = ty[0]
        if tag == "buf":
            fmt, size = ELEM[ty[1]]
            out += u32(len(v))
            while len(out) % size:
                out.append(0)
            for e in v:
                out += struct.pack("<" + fmt, int(e) if ty[1] in ("i64", "u64") else e)
        elif tag == "list":
            out += u32(len(v))
            for e in v:
                enc(out, ty[1], e)
        elif tag == "map":
            out += u32(len(v))
            for k in sorted(v, key=lambda k: map_key_sort(ty[1], k)):
                enc(out, ty[1], k if ty[1] == "string" else str(k))
                enc(out, ty[2], v[k])
        elif tag == "opt":
            if v is None:
                out.append(0)
            else:
                out.append(1)
                enc(out, ty[1], v)
        else:
            raise ValueError(ty)
    else:
        enc_named(out, ty, v)


def enc_scalar(out, ty, v):
    if ty == "bool":
        out.append(1 if v else 0)
    elif ty == "string":
        b = v.encode("utf-8")
        out += u32(len(b)) + b
    elif ty == "bytes":
        b = bytes.fromhex(v)
        out += u32(len(b)) + b
    elif ty in ("i64", "u64"):
        out += struct.pack("<" + SCALAR_FMT[ty], int(v))
    else:
        out += struct.pack("<" + SCALAR_FMT[ty], v)


def enc_named(out, name, v):
    d = TYPES[name]
    if d[0] == "struct":
        at = len(out)
        out += u32(0)
        for fname, _id, fty in d[1]:
            enc(out, fty, v[fname])
        out[at:at + 4] = u32(len(out) - at - 4)
    elif d[0] == "enum":
        out += u32(dict(d[1])[v])
    elif d[0] == "union":
        ((vname, payload),) = v.items()
        (tag, pty), = [(t, p) for n, t, p in d[1] if n == vname]
        out += u32(tag)
        at = len(out)
        out += u32(0)
        if pty is not None:
            enc(out, pty, payload)
        out[at:at + 4] = u32(len(out) - at - 4)
    elif d[0] == "handle":
        out += u32(v)
    else:
        raise ValueError(name)


def encode(name, v):
    out = bytearray()
    enc(out, name, v)
    return bytes(out)


def default(ty):
    """§3.9 defaults, as JSON values."""
    if isinstance(ty, str) and ty in SCALARS:
        return {"bool": False, "string": "", "bytes": "", "i64": "0", "u64": "0",
                "f32": 0.0, "f64": 0.0}.get(ty, 0)
    if isinstance(ty, tuple):
        return {"buf": [], "list": [], "map": {}, "opt": None}[ty[0]]
    d = TYPES[ty]
    if d[0] == "struct":
        return {f: default(t) for f, _i, t in d[1]}
    if d[0] == "enum":
        zero = [n for n, val in d[1] if val == 0]
        return zero[0] if zero else d[1][0][0]
    if d[0] == "union":
        n, _t, p = d[1][0]
        return {n: None if p is None else default(p)}
    return 0


# ---------------------------------------------------------------------------
# Hand-written values.
# ---------------------------------------------------------------------------

F32_MAX = struct.unpack("<f", bytes.fromhex("ffff7f7f"))[0]
F32_MIN_SUBNORMAL = struct.unpack("<f", bytes.fromhex("01000000"))[0]
F64_MAX = 1.7976931348623157e308
F64_MIN_SUBNORMAL = 5e-324


def pt(x, y):
    return {"x": x, "y": y}


SCALARS_MIN = {
    "flag": False, "tiny": -128, "small": -32768, "medium": -2147483648,
    "large": "-9223372036854775808", "utiny": 0, "usmall": 0, "umedium": 0, "ularge": "0",
    "single": -F32_MAX, "double": -F64_MAX, "text": "", "blob": "",
}
SCALARS_MAX = {
    "flag": True, "tiny": 127, "small": 32767, "medium": 2147483647,
    "large": "9223372036854775807", "utiny": 255, "usmall": 65535, "umedium": 4294967295,
    "ularge": "18446744073709551615", "single": F32_MAX, "double": F64_MAX,
    "text": "max", "blob": "00ff7f80",
}
SCALARS_MIXED = {
    "flag": True, "tiny": -1, "small": -2, "medium": -3, "large": "-4", "utiny": 5,
    "usmall": 6, "umedium": 7, "ularge": "8", "single": 1.5, "double": -0.1,
    "text": "h\u00e9llo w\u00f6rld \u2713 \U0001f980 \u4e2d\u6587", "blob": "deadbeef",
}
SCALARS_TINY = dict(SCALARS_MIXED, single=F32_MIN_SUBNORMAL, double=F64_MIN_SUBNORMAL,
                    text="nul\u0000inside", blob="00")

BUFFERS_EMPTY = default("Buffers")
BUFFERS_ONE = {
    "lead": 7, "u8s": [1], "i8s": [-1], "u16s": [65535], "i16s": [-32768],
    "u32s": [4294967295], "i32s": [-2147483648], "f32s": [0.5], "f64s": [-2.25],
    "i64s": ["-9223372036854775808"], "u64s": ["18446744073709551615"],
}
BUFFERS_MANY = {
    "lead": 255, "u8s": [0, 1, 2, 254, 255], "i8s": [-128, -1, 0, 1, 127],
    "u16s": [0, 1, 258, 65535], "i16s": [-32768, -1, 0, 32767, 3],
    "u32s": [0, 1, 16909060, 4294967295], "i32s": [-2147483648, -1, 0, 2147483647],
    "f32s": [0.0, -1.5, 3.25, F32_MAX, F32_MIN_SUBNORMAL], "f64s": [0.0, 1e300, -1e-300, 0.1],
    "i64s": ["-9223372036854775808", "-1", "0", "9223372036854775807"],
    "u64s": ["0", "1", "4294967296", "18446744073709551615"],
}

CONTAINERS_FULL = {
    "names": ["a", "", "\u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9"],
    "points": [pt(1.0, 2.0), pt(-3.5, 4.25)],
    # Sorted by UTF-8 bytes: "B" < "a" < "ab" < "\uff61" (ef bd a1) < "\U0001f600" (f0 9f 98 80);
    # note UTF-16 order would put the emoji before U+FF61.
    "by_name": {"a": 1, "ab": 2, "B": -3, "\U0001f600": 4, "\uff61": 5},
    # Numeric order: 2 < 10 < 2^64-1 (string order would differ).
    "by_id": {"10": "ten", "2": "two", "18446744073709551615": "max"},
    "maybe_count": 42,
    "maybe_point": pt(0.5, -0.5),
    "maybe_samples": [1.0, 2.0, 3.0],
    "nested": [[], [1], [2, 3, 4]],
}
CONTAINERS_PRESENT_EMPTY = dict(default("Containers"), maybe_count=0, maybe_point=pt(0.0, 0.0),
                                maybe_samples=[])

TREE_LEAF = {"label": "leaf", "children": []}
TREE_NESTED = {"label": "root", "children": [
    {"label": "a", "children": [{"label": "a1", "children": []}, {"label": "a2", "children": []}]},
    {"label": "b", "children": []},
    {"label": "c", "children": [{"label": "c1", "children": [{"label": "c11", "children": []}]}]},
]}


def tree_chain(n):
    """A chain of n Trees; its nesting depth (§5.1) is 2n (a struct and a list per level)."""
    t = {"label": "", "children": []}
    for _ in range(n - 1):
        t = {"label": "", "children": [t]}
    return t


EVERYTHING_FULL = {
    "color": "Blue",
    "shape": {"Circle": {"center": pt(1.0, 2.0), "radius": 3.0}},
    "model": 17,
    "maybe_color": "Cyan",
    "shapes": [{"Square": 2.5}, {"Empty": None}, {"Path": [pt(0.0, 0.0), pt(1.0, 1.0)]},
               {"Circle": {"center": pt(0.0, 0.0), "radius": 0.5}}],
    "tree": TREE_NESTED,
    "scalars": SCALARS_MIXED,
    "containers": CONTAINERS_FULL,
}

VALID = [
    ("scalars_default", "Scalars", default("Scalars")),
    ("scalars_min", "Scalars", SCALARS_MIN),
    ("scalars_max", "Scalars", SCALARS_MAX),
    ("scalars_mixed_unicode", "Scalars", SCALARS_MIXED),
    ("scalars_subnormal_nul", "Scalars", SCALARS_TINY),
    ("buffers_empty", "Buffers", BUFFERS_EMPTY),
    ("buffers_one_each", "Buffers", BUFFERS_ONE),
    ("buffers_many", "Buffers", BUFFERS_MANY),
    ("buffers_lead_only", "Buffers", dict(BUFFERS_EMPTY, lead=1, f64s=[1.0])),
    ("containers_default", "Containers", default("Containers")),
    ("containers_full", "Containers", CONTAINERS_FULL),
    ("containers_present_empty", "Containers", CONTAINERS_PRESENT_EMPTY),
    ("containers_one_key_maps", "Containers", dict(default("Containers"), by_name={"k": 0},
                                                   by_id={"0": ""}, nested=[[]])),
    ("point", "Point", pt(1.5, -2.0)),
    ("point_default", "Point", pt(0.0, 0.0)),
    ("point_v2", "PointV2", {"x": 1.0, "y": 2.0, "z": 3.0}),
    ("pinned", "Pinned", {"second": "two", "first": 1}),
    ("pinned_default", "Pinned", {"second": "", "first": 0}),
    ("color_red", "Color", "Red"),
    ("color_green", "Color", "Green"),
    ("color_blue_explicit", "Color", "Blue"),
    ("color_cyan_after_explicit", "Color", "Cyan"),
    ("shape_circle", "Shape", {"Circle": {"center": pt(1.0, 2.0), "radius": 3.0}}),
    ("shape_square", "Shape", {"Square": -0.25}),
    ("shape_empty", "Shape", {"Empty": None}),
    ("shape_path_id9", "Shape", {"Path": [pt(1.0, 2.0), pt(3.0, 4.0)]}),
    ("shape_path_empty", "Shape", {"Path": []}),
    ("circle", "Circle", {"center": pt(-1.0, 1.0), "radius": 10.0}),
    ("model_handle", "Model", 3),
    ("model_handle_max", "Model", 4294967295),
    ("tree_leaf", "Tree", TREE_LEAF),
    ("tree_nested", "Tree", TREE_NESTED),
    ("tree_depth_64_at_limit", "Tree", tree_chain(32)),
    ("everything_default", "Everything", default("Everything")),
    ("everything_full", "Everything", EVERYTHING_FULL),
    ("everything_absent_optional_color", "Everything", dict(EVERYTHING_FULL, maybe_color=None,
                                                           color="Red", shape={"Empty": None})),
    ("not_found", "NotFound", {"what": "model 9", "model": 9}),
    ("invalid", "Invalid", {"reason": "bad ids", "field_ids": [1, 2, 4294967295]}),
    ("invalid_default", "Invalid", {"reason": "", "field_ids": []}),
]


def hexs(b):
    return b.hex()


# ---------------------------------------------------------------------------
# JSON (docs/json.md): the canonical JSON of a value, written from the spec.
# ---------------------------------------------------------------------------


def lower_camel(name):
    """docs/json.md §2: struct keys are the TS field names (snake_case -> lowerCamelCase)."""
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def json_float(x):
    """docs/json.md §1.2: a number, or "NaN" / "Infinity" / "-Infinity"."""
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def to_json(ty, v):
    """The canonical JSON of `v` (a vector value, as above) of type `ty`."""
    if isinstance(ty, str) and ty in SCALARS:
        if ty == "bytes":
            return base64.b64encode(bytes.fromhex(v)).decode()
        if ty == "f32":
            return json_float(struct.unpack("<f", struct.pack("<f", v))[0])
        if ty == "f64":
            return json_float(v)
        return v  # bool, string, integers; i64/u64 are decimal strings already
    if isinstance(ty, tuple):
        tag = ty[0]
        if tag == "buf":
            fmt, _size = ELEM[ty[1]]
            data = b"".join(struct.pack("<" + fmt, int(e) if ty[1] in ("i64", "u64") else e) for e in v)
            return base64.b64encode(data).decode()
        if tag == "list":
            return [to_json(ty[1], e) for e in v]
        if tag == "map":
            return {str(k): to_json(ty[2], e) for k, e in v.items()}
        if tag == "opt":
            return None if v is None else to_json(ty[1], v)
        raise ValueError(ty)
    d = TYPES[ty]
    if d[0] == "struct":
        # An absent optional field is left out (docs/json.md §2.1).
        return {lower_camel(f): to_json(t, v[f]) for f, _i, t in d[1]
                if not (isinstance(t, tuple) and t[0] == "opt" and v[f] is None)}
    if d[0] == "enum":
        return v
    if d[0] == "union":
        ((vname, payload),) = v.items()
        (pty,) = [p for n, _t, p in d[1] if n == vname]
        return {"tag": vname} if pty is None else {"tag": vname, "value": to_json(pty, payload)}
    return v  # handle


def build_json_only():
    """JSON inputs with no wire vector of their own: accepted non-canonical or
    special ones (with the wire bytes they parse to and their canonical JSON),
    and refused ones (with the path of the issue that must be reported)."""
    nan, inf = float("nan"), float("inf")
    accepted = []

    def ok(name, ty, text, value, canonical):
        accepted.append({"name": name, "type": ty, "text": text, "hex": hexs(encode(ty, value)),
                         "canonical": canonical})

    ok("float_specials", "Point", '{"x": "NaN", "y": "-Infinity"}', {"x": nan, "y": -inf},
       {"x": "NaN", "y": "-Infinity"})
    ok("float_infinity", "Point", '{"x": "Infinity", "y": 0.5}', {"x": inf, "y": 0.5},
       {"x": "Infinity", "y": 0.5})
    ok("f32_rounds_to_nearest", "Scalars", json.dumps(dict(to_json("Scalars", default("Scalars")), single=0.1)),
       dict(default("Scalars"), single=0.1),
       dict(to_json("Scalars", default("Scalars")), single=struct.unpack("<f", struct.pack("<f", 0.1))[0]))
    ok("optional_null_is_absent", "Containers",
       json.dumps(dict(to_json("Containers", default("Containers")), maybeCount=None, maybePoint=None,
                       maybeSamples=None)),
       default("Containers"), to_json("Containers", default("Containers")))
    ok("union_payload_optional_absent_key_order", "Shape", '{"value": 2.5, "tag": "Square"}',
       {"Square": 2.5}, {"tag": "Square", "value": 2.5})

    refused = []

    def bad(name, ty, value, path, text=None):
        refused.append({"name": name, "type": ty, "text": text if text is not None else json.dumps(value),
                        "path": path})

    scalars = to_json("Scalars", default("Scalars"))
    buffers = to_json("Buffers", default("Buffers"))
    containers = to_json("Containers", default("Containers"))
    everything = to_json("Everything", default("Everything"))
    bad("u8_out_of_range", "Scalars", dict(scalars, utiny=256), ["utiny"])
    bad("i8_below_range", "Scalars", dict(scalars, tiny=-129), ["tiny"])
    bad("i32_not_an_integer", "Scalars", dict(scalars, medium=1.5), ["medium"])
    bad("u32_as_string", "Scalars", dict(scalars, umedium="7"), ["umedium"])
    bad("i64_above_range", "Scalars", dict(scalars, large="9223372036854775808"), ["large"])
    bad("i64_as_number", "Scalars", dict(scalars, large=5), ["large"])
    bad("u64_leading_zero", "Scalars", dict(scalars, ularge="01"), ["ularge"])
    bad("u64_negative", "Scalars", dict(scalars, ularge="-1"), ["ularge"])
    bad("u64_above_range", "Scalars", dict(scalars, ularge="18446744073709551616"), ["ularge"])
    bad("f32_above_range", "Scalars", dict(scalars, single=1e39), ["single"])
    bad("float_special_misspelled", "Scalars", dict(scalars, double="nan"), ["double"])
    bad("string_lone_surrogate", "Scalars", dict(scalars, text="\ud800"), ["text"])
    bad("bytes_bad_base64", "Scalars", dict(scalars, blob="abc"), ["blob"])
    bad("bytes_as_hex_list", "Scalars", dict(scalars, blob=[1, 2]), ["blob"])
    bad("buffer_partial_element", "Buffers", dict(buffers, f32s="AAAA"), ["f32s"])
    bad("buffer_as_number_list", "Buffers", dict(buffers, u16s=[1, 2]), ["u16s"])
    bad("enum_unknown_name", "Color", "Purple", [])
    bad("enum_by_value", "Color", 10, [])
    bad("enum_name_wrong_case", "Everything", dict(everything, color="red"), ["color"])
    bad("union_unknown_tag", "Shape", {"tag": "Triangle"}, ["tag"])
    bad("union_missing_value", "Shape", {"tag": "Square"}, ["value"])
    bad("union_value_on_empty_variant", "Shape", {"tag": "Empty", "value": None}, [])
    bad("union_wire_style_object", "Shape", {"Square": 1.0}, ["tag"])
    bad("unknown_key", "Point", {"x": 1.0, "y": 2.0, "z": 3.0}, [])
    bad("snake_case_key", "Containers", dict((k, v) for k, v in containers.items() if k != "byName") | {"by_name": {}},
        [])
    bad("missing_field", "Point", {"x": 1.0}, ["y"])
    bad("null_for_required_field", "Point", {"x": None, "y": 1.0}, ["x"])
    bad("map_key_not_canonical", "Containers", dict(containers, byId={"007": "x"}), ["byId", "007"])
    bad("map_key_out_of_range", "Containers", dict(containers, byId={"18446744073709551616": "x"}),
        ["byId", "18446744073709551616"])
    bad("map_key_proto", "Containers", None, ["byName"],
        text=json.dumps(dict(containers, byName={})).replace('"byName": {}', '"byName": {"__proto__": 1}'))
    bad("handle_negative", "Model", -1, [])
    bad("handle_above_u32", "Model", 4294967296, [])
    bad("deep_path", "Everything",
        dict(everything, containers=dict(containers, points=[{"x": 0.0, "y": 0.0}, {"x": "1", "y": 0.0}])),
        ["containers", "points", 1, "x"])
    return accepted, refused


def build_valid():
    vs = []
    for name, ty, value in VALID:
        vs.append({"name": name, "type": ty, "value": value, "hex": hexs(encode(ty, value)),
                   "decode_only": False, "json": to_json(ty, value)})
    # Evolution (§3.9), decode only.
    v2 = {"x": 1.0, "y": 2.0, "z": 3.0}
    vs.append({"name": "evolution_point_v2_bytes_read_as_point", "type": "Point",
               "value": pt(1.0, 2.0), "hex": hexs(encode("PointV2", v2)), "decode_only": True})
    vs.append({"name": "evolution_point_bytes_read_as_point_v2", "type": "PointV2",
               "value": {"x": 1.0, "y": 2.0, "z": 0.0}, "hex": hexs(encode("Point", pt(1.0, 2.0))),
               "decode_only": True})
    # A body that ends after x: y defaults.
    vs.append({"name": "evolution_body_ends_after_first_field", "type": "Point",
               "value": pt(1.5, 0.0), "hex": hexs(u32(8) + struct.pack("<d", 1.5)),
               "decode_only": True})
    # An empty body: every field defaults (even nested ones).
    vs.append({"name": "evolution_empty_body_everything", "type": "Everything",
               "value": default("Everything"), "hex": hexs(u32(0)), "decode_only": True})
    # Unknown trailing bytes inside a nested struct body are skipped.
    center_v2 = u32(24) + struct.pack("<ddd", 1.0, 2.0, 9.0)
    circle_body = center_v2 + struct.pack("<d", 3.0) + b"\xaa\xbb\xcc\xdd"
    circle = u32(len(circle_body)) + circle_body
    vs.append({"name": "evolution_nested_unknown_trailing_skipped", "type": "Shape",
               "value": {"Circle": {"center": pt(1.0, 2.0), "radius": 3.0}},
               "hex": hexs(u32(1) + u32(len(circle)) + circle), "decode_only": True})
    # A union payload longer than its variant needs: the rest is skipped (§3.10).
    vs.append({"name": "union_payload_extra_bytes_skipped", "type": "Shape",
               "value": {"Square": 2.5}, "hex": hexs(u32(2) + u32(12) + struct.pack("<d", 2.5) + b"\x01\x02\x03\x04"),
               "decode_only": True})
    vs.append({"name": "union_empty_variant_with_payload_skipped", "type": "Shape",
               "value": {"Empty": None}, "hex": hexs(u32(3) + u32(2) + b"\x99\x99"), "decode_only": True})
    # Non-zero buffer padding is skipped without checking (§3.6).
    b = bytearray(encode("Buffers", dict(BUFFERS_EMPTY, lead=1, u16s=[7])))
    # body_len(4) lead(1) u8s(4) i8s(4) -> u16s count at 13..17, one padding byte at 17.
    assert b[17] == 0
    b[17] = 0xEE
    vs.append({"name": "buffer_nonzero_padding_ignored", "type": "Buffers",
               "value": dict(BUFFERS_EMPTY, lead=1, u16s=[7]), "hex": hexs(b), "decode_only": True})
    for v in vs:
        v.setdefault("json", to_json(v["type"], v["value"]))
    return vs


# ---------------------------------------------------------------------------
# Malformed inputs.
# ---------------------------------------------------------------------------


def build_malformed():
    m = []

    def add(name, ty, data, error, **extra):
        e = {"name": name, "type": ty, "hex": hexs(bytes(data)), "error": error}
        e.update(extra)
        m.append(e)

    # Truncation: every proper prefix of a valid encoding is `truncated`.
    for ty, value, cuts in [
        ("Scalars", SCALARS_MIXED, [0, 1, 3, 4, 5, 20, 40, -5, -1]),
        ("Buffers", BUFFERS_MANY, [6, 18, 30, -9, -1]),
        ("Containers", CONTAINERS_FULL, [10, 60, -1]),
        ("Everything", EVERYTHING_FULL, [2, 9, 100, -1]),
        ("Shape", {"Path": [pt(1.0, 2.0)]}, [3, 7, 12, -1]),
        ("Color", "Blue", [0, 3]),
        ("Model", 5, [2]),
        ("Tree", TREE_NESTED, [30, -2]),
    ]:
        full = encode(ty, value)
        for c in cuts:
            cut = c if c >= 0 else len(full) + c
            add("truncated_%s_at_%d" % (ty.lower(), cut), ty, full[:cut], "truncated")

    # Huge lengths in short inputs: must be `truncated`, never an allocation.
    add("huge_struct_body_len", "Point", u32(0xFFFFFFFF) + bytes(16), "truncated")
    add("huge_string_len", "Pinned", u32(9) + b"\x01" + u32(0xFFFFFFFF) + b"abcd", "truncated")
    add("huge_list_count", "Tree", u32(12) + u32(0) + u32(0xFFFFFFFF) + b"\x00\x00\x00\x00", "truncated")
    add("huge_union_payload_len", "Shape", u32(2) + u32(0xFFFFFFFF) + bytes(8), "truncated")
    add("huge_map_count", "Containers", u32(12) + u32(0) + u32(0) + u32(0xFFFFFFFE), "truncated")
    # f64 buffer count 0x20000001: count*8 overflows u32 to 8; exactly 8 data bytes follow.
    body = b"\x00" + u32(0) * 7 + u32(0x20000001)
    pad = (-(4 + len(body))) % 8
    body += bytes(pad) + struct.pack("<d", 1.0) + u32(0) * 2
    add("buffer_count_times_size_overflows", "Buffers", u32(len(body)) + body, "truncated")
    # A field that runs past its enclosing struct body (the body is a hard bound).
    add("field_crosses_body_end", "Point", u32(4) + bytes(16), "truncated")
    add("union_payload_too_short", "Shape", u32(2) + u32(4) + bytes(8), "truncated")
    # Nested body claims more than the outer body holds.
    add("nested_body_exceeds_outer", "Circle", u32(20) + u32(24) + bytes(16 + 8), "truncated")

    # invalid_bool
    s = bytearray(encode("Scalars", SCALARS_MIXED))
    s[4] = 2
    add("invalid_bool_2", "Scalars", s, "invalid_bool")
    s[4] = 0xFF
    add("invalid_bool_ff", "Scalars", s, "invalid_bool")

    # invalid_optional: Containers default is body_len, 4 empty containers (16 bytes), then
    # maybe_count presence at offset 20.
    c = bytearray(encode("Containers", default("Containers")))
    assert c[20] == 0
    c[20] = 2
    add("invalid_optional_2", "Containers", c, "invalid_optional")
    c[20] = 0x80
    add("invalid_optional_80", "Containers", c, "invalid_optional")

    # invalid_utf8 in Pinned.second (after body_len and `first`).
    for label, raw in [("lone_continuation", b"\x80"), ("overlong_slash", b"\xc0\xaf"),
                       ("overlong_nul", b"\xc0\x80"), ("surrogate_d800", b"\xed\xa0\x80"),
                       ("above_10ffff", b"\xf4\x90\x80\x80"), ("cut_sequence", b"ok\xe2\x82"),
                       ("byte_ff", b"\xff")]:
        body = b"\x01" + u32(len(raw)) + raw
        add("invalid_utf8_" + label, "Pinned", u32(len(body)) + body, "invalid_utf8")
    # invalid_utf8 as a map key
    body = u32(0) + u32(0) + u32(1) + u32(1) + b"\xfe" + struct.pack("<i", 1) + u32(0) + b"\x00\x00\x00" + u32(0)
    add("invalid_utf8_map_key", "Containers", u32(len(body)) + body, "invalid_utf8")

    # invalid_enum
    add("invalid_enum_2", "Color", u32(2), "invalid_enum")
    add("invalid_enum_12", "Color", u32(12), "invalid_enum")
    add("invalid_enum_max", "Color", u32(0xFFFFFFFF), "invalid_enum")
    e = bytearray(encode("Everything", default("Everything")))
    e[4:8] = u32(5)
    add("invalid_enum_in_struct", "Everything", e, "invalid_enum")

    # unknown_variant: tag 4 is Path's position but Path is pinned to 9.
    add("unknown_variant_position_of_pinned", "Shape", u32(4) + u32(0), "unknown_variant")
    add("unknown_variant_0", "Shape", u32(0) + u32(0), "unknown_variant")
    add("unknown_variant_future_with_payload", "Shape", u32(10) + u32(3) + b"abc", "unknown_variant")

    # map_order
    def containers_with(by_name=None, by_id=None):
        body = bytearray(u32(0) + u32(0))
        body += u32(len(by_name or []))
        for k, v in by_name or []:
            enc_scalar(body, "string", k)
            body += struct.pack("<i", v)
        body += u32(len(by_id or []))
        for k, v in by_id or []:
            body += struct.pack("<Q", k)
            enc_scalar(body, "string", v)
        body += b"\x00\x00\x00" + u32(0)
        return u32(len(body)) + body

    add("map_order_descending_strings", "Containers", containers_with(by_name=[("b", 1), ("a", 2)]), "map_order")
    add("map_order_duplicate_string", "Containers", containers_with(by_name=[("a", 1), ("a", 2)]), "map_order")
    add("map_order_utf16_order_is_wrong", "Containers",
        containers_with(by_name=[("\U0001f600", 1), ("\uff61", 2)]), "map_order")
    add("map_order_prefix_after_longer", "Containers", containers_with(by_name=[("ab", 1), ("a", 2)]), "map_order")
    add("map_order_numeric_not_lexicographic", "Containers", containers_with(by_id=[(10, "x"), (2, "y")]), "map_order")
    add("map_order_duplicate_u64", "Containers", containers_with(by_id=[(7, "x"), (7, "y")]), "map_order")

    # depth_exceeded (§5.1: each struct/union/list/map/optional entered counts one level)
    add("depth_exceeded_default_limit", "Tree", encode("Tree", tree_chain(33)), "depth_exceeded")
    add("depth_exceeded_small_limit", "Tree", encode("Tree", tree_chain(2)), "depth_exceeded", max_depth=3)
    add("depth_exceeded_optional_counts", "Containers",
        encode("Containers", dict(default("Containers"), maybe_point=pt(1.0, 2.0))), "depth_exceeded",
        max_depth=2)

    # trailing_bytes after the top-level value
    add("trailing_bytes_point", "Point", encode("Point", pt(1.0, 2.0)) + b"\x00", "trailing_bytes")
    add("trailing_bytes_color", "Color", u32(1) + b"\x00", "trailing_bytes")
    add("trailing_bytes_model", "Model", u32(1) + b"\x01\x02", "trailing_bytes")
    add("trailing_bytes_shape", "Shape", encode("Shape", {"Empty": None}) + b"\xff", "trailing_bytes")
    return m


# ---------------------------------------------------------------------------
# Frames (§2).
# ---------------------------------------------------------------------------

KINDS = {"call": 1, "ok": 2, "error": 3, "cancel": 4, "event": 5}


def header(version, kind, call_id, op_id, payload_len, flags=0):
    return struct.pack("<BBHIII", version, kind, flags, call_id, op_id, payload_len)


def frame_bytes(kind, call_id, op_id, payload):
    return header(1, KINDS[kind], call_id, op_id, len(payload)) + payload


def typed_error_payload(name, v):
    """§2: class 0, error_id, then the fields at payload offset 5; `out` is
    the whole payload, so typed-buffer padding counts from the payload start."""
    out = bytearray(b"\x00" + u32(ERROR_IDS[name]))
    enc(out, name, v)
    return bytes(out)


def build_frames():
    fs = []

    def add(name, kind, call_id, op_id, payload, error=None, decode_only=False, raw=None):
        f = {"name": name, "hex": hexs(raw if raw is not None else frame_bytes(kind, call_id, op_id, payload)),
             "frame": {"version": 1, "kind": kind, "call_id": call_id, "op_id": op_id,
                       "payload_hex": hexs(payload)}}
        if error is not None:
            f["error"] = error
        if decode_only:
            f["decode_only"] = True
        fs.append(f)

    add("call_ping_empty_payload", "call", 1, OP_IDS["ping"], b"")
    scale_params = bytearray()
    # params struct: samples f32[] (id 1), factor f32 (id 2), name string (id 3)
    at = 0
    scale_params += u32(0) + u32(3)  # body_len placeholder, count 3 at pos 4..8 (8 % 4 == 0: no pad)
    scale_params += struct.pack("<fff", 1.0, 2.0, 3.0) + struct.pack("<f", 0.5)
    enc_scalar(scale_params, "string", "s")
    scale_params[at:at + 4] = u32(len(scale_params) - 4)
    add("call_scale_params_struct", "call", 7, OP_IDS["scale"], bytes(scale_params))
    add("call_echo", "call", 0xFFFFFFFF, OP_IDS["echo"], encode("Everything", default("Everything")))
    add("ok_lookup_point", "ok", 2, OP_IDS["lookup"], encode("Point", pt(1.0, 2.0)))
    add("ok_ping_empty", "ok", 1, OP_IDS["ping"], b"")
    ok_scale = bytearray()
    enc(ok_scale, ("buf", "f32"), [2.0, 4.0])
    add("ok_scale_top_level_buffer", "ok", 7, OP_IDS["scale"], bytes(ok_scale))
    nf = {"what": "model 9", "model": 9}
    add("error_typed_not_found", "error", 3, OP_IDS["lookup"], typed_error_payload("NotFound", nf),
        error={"class": "typed", "error_id": ERROR_IDS["NotFound"], "type": "NotFound", "value": nf})
    inv = {"reason": "bad", "field_ids": [1, 2]}
    add("error_typed_invalid_pinned_id", "error", 4, OP_IDS["lookup"], typed_error_payload("Invalid", inv),
        error={"class": "typed", "error_id": 77, "type": "Invalid", "value": inv})
    # Typed buffers in a typed error: padded relative to the payload start
    # (the fields start at offset 5, so a reader measuring from there misreads them).
    for name, call_id, ov in (
            ("error_typed_overflow_buffers", 8, {"samples": [1.5, -2.0, 3.25], "note": "over", "bounds": [0.5, -8.0]}),
            ("error_typed_overflow_empty_buffers", 9, {"samples": [], "note": "", "bounds": []}),
            ("error_typed_overflow_odd_note", 10, {"samples": [4.0], "note": "abc", "bounds": [1.0]})):
        add(name, "error", call_id, OP_IDS["clip"], typed_error_payload("Overflow", ov),
            error={"class": "typed", "error_id": ERROR_IDS["Overflow"], "type": "Overflow", "value": ov})
    msg = "unknown op 123"
    add("error_system_unknown_op", "error", 5, 123, b"\x01" + u32(1) + u32(len(msg)) + msg.encode(),
        error={"class": "system", "code": 1, "name": "unknown_op", "message": msg})
    add("error_system_cancelled_empty_message", "error", 6, OP_IDS["scale"], b"\x01" + u32(5) + u32(0),
        error={"class": "system", "code": 5, "name": "cancelled", "message": ""})
    add("error_system_bad_frame", "error", 6, 0, b"\x01" + u32(10) + u32(1) + b"x",
        error={"class": "system", "code": 10, "name": "bad_frame", "message": "x"})
    add("error_system_forbidden", "error", 7, OP_IDS["scale"], b"\x01" + u32(11) + u32(6) + b"denied",
        error={"class": "system", "code": 11, "name": "forbidden", "message": "denied"})
    add("cancel", "cancel", 6, 0, b"")
    add("event", "event", 0, 42, b"\x01\x02")
    add("flags_ignored", "ok", 2, OP_IDS["ping"], b"", decode_only=True,
        raw=header(1, 2, 2, OP_IDS["ping"], 0, flags=0xBEEF))

    bad = []

    def addb(name, data, error, **extra):
        e = {"name": name, "hex": hexs(data), "error": error}
        e.update(extra)
        bad.append(e)

    addb("version_0", header(0, 1, 1, 5, 0), "unsupported_version")
    addb("version_2", header(2, 1, 1, 5, 0), "unsupported_version")
    addb("kind_0", header(1, 0, 1, 5, 0), "bad_frame")
    addb("kind_6", header(1, 6, 1, 5, 0), "bad_frame")
    addb("kind_255", header(1, 255, 1, 5, 0), "bad_frame")
    addb("too_large_header_only", header(1, 1, 1, 5, 1000), "too_large", max_frame_len=64)
    addb("too_large_by_one", header(1, 1, 1, 5, 49) + bytes(49), "too_large", max_frame_len=64)
    addb("truncated_header", header(1, 1, 1, 5, 0)[:10], "truncated")
    addb("truncated_empty", b"", "truncated")
    addb("truncated_payload", header(1, 2, 1, 5, 8) + b"\x01\x02\x03", "truncated")
    addb("error_class_2", frame_bytes("error", 1, 5, b"\x02" + u32(1)), "bad_frame")
    addb("error_empty_payload", frame_bytes("error", 1, 5, b""), "truncated")
    addb("error_system_truncated_message", frame_bytes("error", 1, 5, b"\x01" + u32(1) + u32(10) + b"abc"),
         "truncated")
    return fs, bad


def build():
    frames, bad_frames = build_frames()
    json_accepted, json_refused = build_json_only()
    return {
        "_comment": "Generated by tests/conformance/make_vectors.py from docs/wire.md and docs/json.md; do not edit.",
        "valid": build_valid(),
        "malformed": build_malformed(),
        "frames": frames,
        "bad_frames": bad_frames,
        "json_accepted": json_accepted,
        "json_refused": json_refused,
    }


def main():
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    path = os.path.join(HERE, "vectors.json")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print("vectors.json is stale: run python3 tests/conformance/make_vectors.py", file=sys.stderr)
                sys.exit(1)
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    d = build()
    print("wrote %s: %d valid, %d malformed, %d frames, %d bad frames" % (
        path, len(d["valid"]), len(d["malformed"]), len(d["frames"]), len(d["bad_frames"])))


if __name__ == "__main__":
    main()
