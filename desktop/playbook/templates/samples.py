"""Two made-up contexts: a complete one for previews, and a nearly empty one.

A template is only accepted once it works with both, so it reads well whether
the app knows a lot about the person or little more than an e-mail address.
"""

import copy
from typing import Any

from desktop.playbook.templates.fields import ME_KEYS

_SAMPLE_CONTEXT: dict[str, Any] = {
    "person": {
        "first_name": "Dana",
        "last_name": "Whitfield",
        "full_name": "Dana Whitfield",
        "title": "Head of Analytics",
        "email": "dana.whitfield@northwind-labs.example",
    },
    "company": "Northwind Labs",
    "position": "Senior Data Analyst",
    "applied_on": "14 February",
    "interviewed_on": "3 March",
    "rejected_on": "12 March",
    "what_they_said": (
        "They chose someone with more hands-on experience running A/B tests, "
        "and said my SQL answers were strong."
    ),
    "stumped_questions": "How would you tell whether a new onboarding flow works?",
    "should_have_mentioned": "The churn dashboard I built, which cut reporting time by half.",
    "skill_gaps": "A/B testing; dbt",
    "hired_candidate": "Jordan Ellis",
    "recipient_role": "hiring_manager",
    "told_me_the_news": True,
    "me": {
        "name": "Alex Morgan",
        "first_name": "Alex",
        "signature": "+44 7700 900123\nlinkedin.com/in/alexmorgan-data",
        "email": "alex.morgan@example.com",
        "phone": "+44 7700 900123",
        "linkedin": "linkedin.com/in/alexmorgan-data",
    },
    "new_skills": [
        {
            "what": "finished a course on experiment design and ran two A/B tests for a "
            "community project",
            "gap": "my hands-on experience with A/B testing",
            "learned_on": "April",
        },
        {
            "what": "rebuilt a reporting pipeline in dbt, with tests and documentation",
            "gap": "my experience with dbt",
            "learned_on": "May",
        },
    ],
    "today": "14 June",
}

_SPARSE_CONTEXT: dict[str, Any] = {
    "person": {
        "first_name": "",
        "last_name": "",
        "full_name": "",
        "title": "",
        "email": "talent@northwind-labs.example",
    },
    "company": "Northwind Labs",
    "position": "Senior Data Analyst",
    "applied_on": "",
    "interviewed_on": "",
    "rejected_on": "12 March",
    "what_they_said": "",
    "stumped_questions": "",
    "should_have_mentioned": "",
    "skill_gaps": "",
    "hired_candidate": "",
    "recipient_role": "",
    "told_me_the_news": False,
    "me": dict.fromkeys(ME_KEYS, ""),
    "new_skills": [],
    "today": "14 June",
}


def sample_context() -> dict[str, Any]:
    """A realistic, complete context for previews and tests (a fresh copy)."""
    return copy.deepcopy(_SAMPLE_CONTEXT)


def sparse_context() -> dict[str, Any]:
    """A context with almost nothing known: the person is only an e-mail address,
    no profile, no notes, no new skills. Templates must still read well with it."""
    return copy.deepcopy(_SPARSE_CONTEXT)
