"""Just enough lexing of SPARQL text to find where a query's outermost WHERE group starts, skipping
comments, string literals and IRIs — so parameter bindings can be placed there."""

from __future__ import annotations

import re

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_FORMS = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)


def code_mask(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked out (same length), so searches see only code."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            end = n if end == -1 else end
            out[i:end] = " " * (end - i)
            i = end
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            end = min(j + len(quote), n)
            out[i:end] = " " * (end - i)
            i = end
        elif ch == "<" and (m := _IRIREF.match(text, i)):
            out[i : m.end()] = " " * (m.end() - i)
            i = m.end()
        else:
            i += 1
    return "".join(out)


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE."""
    m = _FORMS.search(code_mask(text))
    if not m:
        raise ValueError("no SELECT, CONSTRUCT, ASK or DESCRIBE")
    return m.group(1).upper()


def _matching_brace(code: str, start: int) -> int:
    depth = 0
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced braces")


def where_group_start(text: str) -> int:
    """The index just after the '{' that opens the outermost WHERE group."""
    code = code_mask(text)
    form = _FORMS.search(code)
    if not form:
        raise ValueError("no SELECT, CONSTRUCT, ASK or DESCRIBE")
    pos = form.end()
    if form.group(1).upper() == "CONSTRUCT":
        where = _WHERE.search(code, pos)
        template = code.find("{", pos)
        if where is None or (template != -1 and template < where.start()):
            pos = _matching_brace(code, template) + 1
            where = _WHERE.search(code, pos)
        pos = where.end() if where else pos
    brace = code.find("{", pos)
    if brace == -1:
        raise ValueError("no WHERE group")
    return brace + 1



_PREFIX_KEYWORD = re.compile(r"\bPREFIX\b", re.IGNORECASE)
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.IGNORECASE)


def declared_prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query, prefix -> namespace (declarations inside comments ignored)."""
    out = {}
    for keyword in _PREFIX_KEYWORD.finditer(code_mask(text)):
        if m := _PREFIX_DECL.match(text, keyword.start()):
            out[m.group(1) or ""] = m.group(2)
    return out
