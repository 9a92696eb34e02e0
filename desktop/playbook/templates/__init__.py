"""Note templates: the built-in ones, and rendering them safely.

A template is a subject line and a plain-text e-mail body written in Jinja. The
user writes and edits them, so they run in a bounded sandbox and every failure
is told in plain words. The rest of the app imports from here only; the
modules inside are split by what they hold:

``files``      the built-in template files and :class:`Template`
``fields``     the fields templates can use and the context made ready for them
``samples``    the sample and sparse contexts used for previews and validation
``rendering``  :func:`render`, :func:`render_text` and :func:`validate`
``limits``     the time and size limits and how they are measured
``filters``    Jinja's filters, guarded against building huge values
``sandbox``    the Jinja environment with Rebound's restrictions
``problems``   :class:`TemplateProblem` and plain-words messages for failures
``syntax``     plain-words messages for Jinja syntax errors
"""

from desktop.playbook.templates.fields import FIELDS
from desktop.playbook.templates.files import (
    TEMPLATES_DIR_NAME,
    Template,
    builtin,
    builtin_templates,
    parse_template_file,
)
from desktop.playbook.templates.limits import (
    MAX_OUTPUT_CHARS,
    MAX_RENDER_SECONDS,
    MAX_SOURCE_CHARS,
)
from desktop.playbook.templates.problems import TemplateProblem
from desktop.playbook.templates.rendering import Rendered, render, render_text, validate
from desktop.playbook.templates.samples import sample_context, sparse_context

__all__ = [
    "FIELDS",
    "MAX_OUTPUT_CHARS",
    "MAX_RENDER_SECONDS",
    "MAX_SOURCE_CHARS",
    "TEMPLATES_DIR_NAME",
    "Rendered",
    "Template",
    "TemplateProblem",
    "builtin",
    "builtin_templates",
    "parse_template_file",
    "render",
    "render_text",
    "sample_context",
    "sparse_context",
    "validate",
]
