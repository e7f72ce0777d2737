"""GET /api/docs: the JSON API's reference, drawn on the server from the app's OpenAPI schema.

FastAPI's Swagger UI loads its scripts from a CDN, and BackCoach has to work offline, so this
page is plain HTML (no scripts) and links to the machine-readable /api/openapi.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backcoach.web.templating import templates

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Param:
    name: str
    where: str          # path | query | body
    required: bool
    kind: str           # a type name or a schema name
    description: str = ""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    tag: str
    params: list[Param] = field(default_factory=list)
    responses: list[tuple[str, str, str]] = field(default_factory=list)  # code, model, text


def _type_name(schema: dict[str, Any]) -> str:
    """A short name for a schema: its model name, a type, or 'a or b'."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_name(schema.get('items') or {})}"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if schema.get("format") == "binary":
        return "file"
    return str(schema.get("type", "any"))


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    ops: list[Operation] = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                Param(p["name"], p.get("in", ""), bool(p.get("required")),
                      _type_name(p.get("schema") or {}),
                      p.get("description") or (p.get("schema") or {}).get("description", ""))
                for p in op.get("parameters", [])
            ]
            body = (op.get("requestBody") or {}).get("content", {})
            for media, content in body.items():
                params.append(Param("body", "body", bool(op["requestBody"].get("required")),
                                    f"{_type_name(content.get('schema') or {})} ({media})"))
            responses = []
            for code, resp in op.get("responses", {}).items():
                schema = next(iter(resp.get("content", {}).values()), {}).get("schema")
                responses.append((code, _type_name(schema) if schema else "",
                                  resp.get("description", "")))
            ops.append(Operation(method.upper(), path, op.get("summary", ""),
                                 op.get("description", ""), (op.get("tags") or ["other"])[0],
                                 params, responses))
    return ops


@router.get("/api/docs", response_class=HTMLResponse, name="api_docs")
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    ops = operations(spec)
    tags: dict[str, list[Operation]] = {}
    for op in ops:
        tags.setdefault(op.tag, []).append(op)
    return templates.TemplateResponse(
        request,
        "api_docs.html",
        {"title": "JSON API", "nav": "", "info": spec.get("info", {}), "tags": tags,
         "schemas": sorted(spec.get("components", {}).get("schemas", {}))},
    )
