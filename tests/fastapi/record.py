"""Records FastAPI / Pydantic's own responses to ScaiDrive requests, good and bad.

Sends a fixed list of requests to the mirror app in `app.py` through
`fastapi.testclient.TestClient` (in-process: no server, no network) and writes
`recorded.json` beside this file: the versions used, then one entry per request with
the request as sent and the response exactly as FastAPI produced it.

    python3 -m venv /tmp/fa
    /tmp/fa/bin/pip install fastapi==0.165.0 "pydantic==2.13.*" httpx
    /tmp/fa/bin/python tests/fastapi/record.py

The output is deterministic: the app is created fresh, the requests go in list order.
"""

import json
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app import create_app  # noqa: E402

OUT = Path(__file__).resolve().parent / "recorded.json"

FOLDERS = "/scaidrive/v1/folders"
FILES = "/scaidrive/v1/files"
JSON_CT = {"content-type": "application/json"}


def post(name, body, headers=JSON_CT, path=FOLDERS):
    """A POST of `body` (exact text, or None for no body at all) with `headers`."""
    return {"name": name, "method": "POST", "path": path, "headers": dict(headers), "body": body}


def folder(name, value):
    """A POST /folders of `value` serialised compactly (keys in the order given)."""
    return post(name, json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def get(name, path):
    return {"name": name, "method": "GET", "path": path, "headers": {}, "body": None}


def ok(name, folder_name=None, **overrides):
    """A valid folder named `folder_name` (default: the case's name, unique, so no 409),
    with `overrides` applied."""
    value = {"name": name if folder_name is None else folder_name, "quota_mb": 10, "shared": False}
    value.update(overrides)
    return folder(name, value)


CASES = [
    # --- good requests -------------------------------------------------------
    folder("folder_created", {"name": "Reports", "quota_mb": 100, "shared": False}),
    folder("folder_duplicate_name", {"name": "Reports", "quota_mb": 5, "shared": True}),
    get("file_found", f"{FILES}/1"),
    get("file_found_2", f"{FILES}/2"),
    get("files_default_limit", FILES),
    get("files_limit_1", f"{FILES}?limit=1"),
    get("files_limit_200", f"{FILES}?limit=200"),
    # --- missing fields / whole-body shapes ------------------------------------
    folder("missing_name", {"quota_mb": 10, "shared": False}),
    folder("missing_quota_mb", {"name": "a", "shared": False}),
    folder("missing_shared", {"name": "a", "quota_mb": 10}),
    folder("all_missing_only_unknown_field", {"colour": "red"}),
    post("empty_object", "{}"),
    post("empty_body_json_content_type", ""),
    post("no_body", None, headers={}),
    post("null_body", "null"),
    post("array_body", "[]"),
    post("array_of_object_body", '[{"name":"a","quota_mb":1,"shared":true}]'),
    post("string_body", '"Reports"'),
    post("number_body", "42"),
    # --- unparseable JSON --------------------------------------------------------
    post("bad_json_truncated", '{"name": "Reports", "quota_mb": 1'),
    post("bad_json_trailing_comma", '{"name": "a", "quota_mb": 1, "shared": true,}'),
    post("bad_json_single_quotes", "{'name': 'a', 'quota_mb': 1, 'shared': true}"),
    post("bad_json_bare_word", "hello"),
    post("bad_json_after_multibyte", '{"name": "ééé" "quota_mb": 1}'),  # loc offset: characters or bytes?
    post("bad_json_extra_data", '{"name": "a", "quota_mb": 1, "shared": true} x'),
    post("whitespace_only_body", "   "),
    post("bad_json_second_line", '{\n  "name": "a",\n  "quota_mb": 1\n  "shared": true\n}'),
    # --- name ------------------------------------------------------------------
    folder("name_int", {"name": 5, "quota_mb": 10, "shared": False}),
    folder("name_null", {"name": None, "quota_mb": 10, "shared": False}),
    folder("name_true", {"name": True, "quota_mb": 10, "shared": False}),
    folder("name_array", {"name": ["a"], "quota_mb": 10, "shared": False}),
    folder("name_object", {"name": {"first": "a"}, "quota_mb": 10, "shared": False}),
    folder("name_empty", {"name": "", "quota_mb": 10, "shared": False}),
    folder("name_256_ascii", {"name": "a" * 256, "quota_mb": 10, "shared": False}),
    ok("name_255_two_byte", "é" * 255),  # valid: characters, not bytes
    folder("name_256_two_byte", {"name": "é" * 256, "quota_mb": 10, "shared": False}),
    ok("name_255_four_byte", "😀" * 255),  # valid: code points, not UTF-16 units
    ok("name_single_space", " "),  # valid: no stripping
    # --- quota_mb --------------------------------------------------------------
    ok("quota_string_7", quota_mb="7"),
    folder("quota_string_abc", {"name": "q", "quota_mb": "abc", "shared": False}),
    ok("quota_float_2_0", quota_mb=2.0),
    folder("quota_float_2_5", {"name": "q", "quota_mb": 2.5, "shared": False}),
    folder("quota_true", {"name": "q", "quota_mb": True, "shared": False}),
    folder("quota_null", {"name": "q", "quota_mb": None, "shared": False}),
    post("quota_exp_1e3", '{"name":"quota_exp_1e3","quota_mb":1e3,"shared":false}'),
    post("quota_exp_1e30", '{"name":"q","quota_mb":1e30,"shared":false}'),
    folder("quota_negative", {"name": "q", "quota_mb": -1, "shared": False}),
    folder("quota_2048", {"name": "q", "quota_mb": 2048, "shared": False}),
    folder("quota_huge_int", {"name": "q", "quota_mb": 10**30, "shared": False}),
    ok("quota_string_2_0", quota_mb="2.0"),
    folder("quota_string_minus_1", {"name": "q", "quota_mb": "-1", "shared": False}),
    # --- shared ----------------------------------------------------------------
    ok("shared_yes", shared="yes"),
    ok("shared_off", shared="off"),
    ok("shared_1", shared=1),
    ok("shared_0", shared=0),
    folder("shared_maybe", {"name": "s", "quota_mb": 10, "shared": "maybe"}),
    folder("shared_2", {"name": "s", "quota_mb": 10, "shared": 2}),
    folder("shared_null", {"name": "s", "quota_mb": 10, "shared": None}),
    folder("shared_float_1_5", {"name": "s", "quota_mb": 10, "shared": 1.5}),
    # --- several at once, extras, duplicates -----------------------------------
    folder("three_failing", {"name": "", "quota_mb": -1, "shared": "maybe"}),
    folder("three_failing_reversed_keys", {"shared": "maybe", "quota_mb": 2048, "name": 5}),
    folder("two_failing_one_missing", {"quota_mb": "abc", "shared": 2}),
    ok("extra_unknown_field", colour="red"),
    folder("nested_object_quota", {"name": "n", "quota_mb": {"mb": 1}, "shared": False}),
    post("duplicate_key_last_wins", '{"name":"","name":"duplicate_key_last_wins","quota_mb":1,"shared":true}'),
    # --- content types ---------------------------------------------------------
    post("text_plain_body", '{"name":"text_plain","quota_mb":1,"shared":true}', headers={"content-type": "text/plain"}),
    post("form_encoded_body", "name=form&quota_mb=1&shared=true", headers={"content-type": "application/x-www-form-urlencoded"}),
    post("json_charset_body", '{"name":"json_charset","quota_mb":1,"shared":true}', headers={"content-type": "application/json; charset=utf-8"}),
    post("vendor_json_body", '{"name":"vendor_json","quota_mb":1,"shared":true}', headers={"content-type": "application/vnd.scai+json"}),
    post("no_content_type_json_body", '{"name":"no_content_type","quota_mb":1,"shared":true}', headers={}),
    # --- file_id ---------------------------------------------------------------
    get("file_id_abc", f"{FILES}/abc"),
    get("file_id_1_5", f"{FILES}/1.5"),
    get("file_id_negative", f"{FILES}/-1"),
    get("file_id_zero", f"{FILES}/0"),
    get("file_id_huge", f"{FILES}/99999999999999999999"),
    get("file_id_missing_99", f"{FILES}/99"),
    # --- limit -----------------------------------------------------------------
    get("limit_lots", f"{FILES}?limit=lots"),
    get("limit_0", f"{FILES}?limit=0"),
    get("limit_201", f"{FILES}?limit=201"),
    get("limit_1_0", f"{FILES}?limit=1.0"),
    get("limit_empty", f"{FILES}?limit="),
    get("limit_repeated", f"{FILES}?limit=5&limit=7"),
    get("limit_repeated_1_then_7", f"{FILES}?limit=1&limit=7"),
    get("limit_repeated_7_then_1", f"{FILES}?limit=7&limit=1"),
    get("limit_repeated_5_then_0", f"{FILES}?limit=5&limit=0"),
    get("limit_negative", f"{FILES}?limit=-5"),
    get("limit_huge", f"{FILES}?limit=99999999999999999999"),
    # --- routing ---------------------------------------------------------------
    get("unknown_route", "/scaidrive/v1/nothing"),
    {"name": "wrong_method", "method": "DELETE", "path": FOLDERS, "headers": {}, "body": None},
]

def send(client, case):
    kwargs = {"headers": case["headers"]}
    if case["body"] is not None:
        kwargs["content"] = case["body"].encode("utf-8")
    r = client.request(case["method"], case["path"], **kwargs)
    return {
        "name": case["name"],
        "method": case["method"],
        "path": r.request.url.raw_path.decode("ascii"),
        # Every header as sent on the wire (TestClient's own defaults included).
        "headers": dict(r.request.headers.items()),
        "body": case["body"],
        "status": r.status_code,
        "content_type": r.headers.get("content-type"),
        "response": r.content.decode("utf-8"),
    }


def main():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    client = TestClient(create_app())
    recorded = [send(client, c) for c in CASES]
    doc = {
        "header": {
            "fastapi": version("fastapi"),
            "pydantic": version("pydantic"),
            "pydantic_core": version("pydantic_core"),
            "starlette": version("starlette"),
            "httpx": version("httpx"),
            "python": platform.python_version(),
            "recorder": "tests/fastapi/record.py with fastapi.testclient.TestClient",
            "count": len(recorded),
        },
        "requests": recorded,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    bad = sum(1 for r in recorded if r["status"] >= 400)
    print(f"wrote {OUT} ({len(recorded)} requests, {bad} answered with an error)")


if __name__ == "__main__":
    main()
