"""Jinja syntax errors, in plain words.

Jinja reports what its parser expected ("expected token 'end of print
statement'"); someone editing a note needs to hear what to fix, and for an
unclosed block, the line where it was opened rather than the end of the text.
"""

import re

from jinja2 import TemplateSyntaxError

from desktop.playbook.templates.problems import TemplateProblem, say
from desktop.playbook.templates.sandbox import ENV


def syntax_problem(part: str, source: str, exc: TemplateSyntaxError) -> TemplateProblem:
    """The problem for a subject or body (``part``) that Jinja can't parse."""
    line, text = _explain_syntax(source, exc)
    return TemplateProblem(say(part, line, text), line=line, part=part, code="syntax")


def _explain_syntax(source: str, exc: TemplateSyntaxError) -> tuple[int | None, str]:
    message = exc.message or str(exc)
    line = exc.lineno or None
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    if message.startswith("Unexpected end of template") and innermost:
        tag = innermost.group(1)
        opened = _open_blocks(source)
        if opened and opened[-1][0] == tag:
            line = opened[-1][1]
        return line, f"a {{% {tag} %}} is never closed with {{% end{tag} %}}."
    if match := re.match(r"Encountered unknown tag '(\w+)'", message):
        tag = match.group(1)
        if tag.startswith("end"):
            text = f"there is a {{% {tag} %}} without a matching {{% {tag[3:]} %}} before it."
            if innermost:
                block = innermost.group(1)
                text += f" The open {{% {block} %}} needs a {{% end{block} %}} first."
            return line, text
        if tag in ("else", "elif"):
            return line, f"this {{% {tag} %}} is not inside an {{% if %}} (or a {{% for %}})."
        return line, f"{{% {tag} %}} is not something templates understand."
    if "expected 'end of print statement'" in message and "end of template" in message:
        return line, "a {{ is never closed with }}."
    if "expected 'end of statement block'" in message and "end of template" in message:
        return line, "a {% is never closed with %}."
    if message.startswith(
        ("unexpected 'end of print statement'", "Expected an expression, got 'end of print")
    ):
        return line, "there is an empty {{ }}; put a field name inside, like {{ company }}."
    if match := re.match(r"expected token 'end of print statement', got '([^']*)'", message):
        return line, (
            f"inside {{{{ … }}}} the template didn't expect `{match.group(1)}`; "
            "write one field per {{ }}, like {{ person.first_name }}."
        )
    if match := re.match(r"expected token 'end of statement block', got '([^']*)'", message):
        if match.group(1) == "if":
            return line, "write {% elif … %} rather than {% else if … %}."
        return line, f"inside {{% … %}} the template didn't expect `{match.group(1)}`."
    if match := re.match(r"No (filter|test) named '([^']*)'", message):
        return line, f"there is no {match.group(1)} called `{match.group(2)}`."
    if match := re.match(r"unexpected char '(.*)' at", message):
        return line, f"the character `{match.group(1)}` can't be used there."
    if match := re.match(r"unexpected '([^']*)'", message):
        return line, f"`{match.group(1)}` is not expected there."
    return line, f"the template can't be read here ({message.rstrip('.')})."


_BLOCK_TAGS = frozenset(
    {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "set", "trans"}
)


def _open_blocks(source: str) -> list[tuple[str, int]]:
    """The block tags still open at the end of ``source``, with the line each opened on."""
    try:
        tokens = [t for t in ENV.lex(source) if t[1] != "whitespace"]
    except TemplateSyntaxError:
        return []
    stack: list[tuple[str, int]] = []
    index = 0
    while index < len(tokens):
        lineno, kind, _ = tokens[index]
        if kind == "block_begin" and index + 1 < len(tokens) and tokens[index + 1][1] == "name":
            tag = tokens[index + 1][2]
            end = index + 1
            assigns = False
            while end < len(tokens) and tokens[end][1] != "block_end":
                assigns = assigns or (tokens[end][1] == "operator" and tokens[end][2] == "=")
                end += 1
            if tag in _BLOCK_TAGS and not (tag == "set" and assigns):
                stack.append((tag, lineno))
            elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                stack.pop()
            index = end
        index += 1
    return stack
