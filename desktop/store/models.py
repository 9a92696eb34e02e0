"""The tables Rebound keeps: companies, people, applications, who was involved, and
every interaction. The schema itself is created by ``migrations``; these models
must match it (a test compares them).
"""

import peewee

from desktop.clock import utcnow
from desktop.store.connection import db
from desktop.vocabulary import person_name


class BaseModel(peewee.Model):
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        database = db
        legacy_table_names = False

    def save(self, *args, **kwargs):
        self.updated_at = utcnow()
        return super().save(*args, **kwargs)


class Meta(peewee.Model):
    """Small facts about the store itself: revision, last backup, last check."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        database = db
        table_name = "meta"


class Company(BaseModel):
    name = peewee.TextField()
    website = peewee.TextField(default="")
    industry = peewee.TextField(default="")
    location = peewee.TextField(default="")
    notes = peewee.TextField(default="")


class Person(BaseModel):
    first_name = peewee.TextField(default="")
    last_name = peewee.TextField(default="")
    company = peewee.ForeignKeyField(Company, null=True, backref="people", on_delete="SET NULL")
    title = peewee.TextField(default="")
    #: A HiringRole value: the part this person usually plays.
    hiring_role = peewee.TextField(default="")
    email = peewee.TextField(default="")
    phone = peewee.TextField(default="")
    linkedin_url = peewee.TextField(default="")
    how_met = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    #: The newest Interaction's time, kept by the store so the People table can
    #: sort and show "last contact" without a join over every interaction.
    last_contact_at = peewee.DateTimeField(null=True)
    #: Months between check-ins with this person; None means the playbook default.
    checkin_months = peewee.IntegerField(null=True)

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name)


class Application(BaseModel):
    company = peewee.ForeignKeyField(Company, backref="applications", on_delete="CASCADE")
    position = peewee.TextField()
    job_url = peewee.TextField(default="")
    source = peewee.TextField(default="")
    #: A Stage value.
    stage = peewee.TextField(default="applied")
    applied_on = peewee.DateField(null=True)
    interviewed_on = peewee.DateField(null=True)
    rejected_on = peewee.DateField(null=True)
    #: What they said when they turned the application down, in their words.
    rejection_reason = peewee.TextField(default="")
    stumped_questions = peewee.TextField(default="")
    should_have_mentioned = peewee.TextField(default="")
    skill_gaps = peewee.TextField(default="")
    lessons = peewee.TextField(default="")
    hired_candidate = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    #: The furthest Stage the process reached (kept by a trigger as the stage moves
    #: on, and settable): what the runner-up radar reads once it is turned down.
    furthest_stage = peewee.TextField(default="")


class Involvement(BaseModel):
    """A person's part in one application (the recruiter, an interviewer...)."""

    application = peewee.ForeignKeyField(Application, backref="involvements", on_delete="CASCADE")
    person = peewee.ForeignKeyField(Person, backref="involvements", on_delete="CASCADE")
    #: A HiringRole value.
    role = peewee.TextField(default="")

    class Meta:
        indexes = ((("application", "person"), True),)


class Interaction(BaseModel):
    """One contact with a person: a call, an e-mail sent or received, a meeting."""

    person = peewee.ForeignKeyField(Person, backref="interactions", on_delete="CASCADE")
    application = peewee.ForeignKeyField(
        Application, null=True, backref="interactions", on_delete="SET NULL"
    )
    occurred_at = peewee.DateTimeField(default=utcnow)
    #: A Channel value.
    channel = peewee.TextField(default="email")
    #: A Direction value.
    direction = peewee.TextField(default="outgoing")
    summary = peewee.TextField(default="")
    body = peewee.TextField(default="")
    #: An Outcome value when the contact was a result worth counting (a reply...).
    outcome = peewee.TextField(default="")


class Step(BaseModel):
    """A planned follow-up: who, which kind, when, and what became of it."""

    #: A StepKind value.
    kind = peewee.TextField()
    person = peewee.ForeignKeyField(Person, backref="steps", on_delete="CASCADE")
    application = peewee.ForeignKeyField(
        Application, null=True, backref="steps", on_delete="CASCADE"
    )
    due_on = peewee.DateField()
    #: A StepStatus value.
    status = peewee.TextField(default="planned")
    template_key = peewee.TextField(default="")
    draft_subject = peewee.TextField(default="")
    draft_body = peewee.TextField(default="")
    #: The interaction logged when the step was sent.
    interaction = peewee.ForeignKeyField(
        Interaction, null=True, backref="steps", on_delete="SET NULL"
    )
    skip_reason = peewee.TextField(default="")
    done_at = peewee.DateTimeField(null=True)
    #: When the note went, the first contact from the person within 90 days of it,
    #: the days between, and how far it went (0 none, 1 a reply ... 4 an offer):
    #: kept by triggers (``schema_v6``) for Insights.
    sent_at = peewee.DateTimeField(null=True)
    answered_at = peewee.DateTimeField(null=True)
    answer_days = peewee.FloatField(null=True)
    answer_rank = peewee.IntegerField(default=0)
    #: The person's part when the note was sent (HiringRole value, "other" if none).
    sent_role = peewee.TextField(default="")


class NoteTemplate(BaseModel):
    """A template the user wrote or changed; a built-in's key here overrides it."""

    key = peewee.TextField(unique=True)
    kind = peewee.TextField()
    name = peewee.TextField()
    description = peewee.TextField(default="")
    subject = peewee.TextField(default="")
    body = peewee.TextField(default="")

    class Meta:
        table_name = "note_template"


class Skill(BaseModel):
    """Something learned since an interview, and the gap it answers."""

    what = peewee.TextField()
    learned_on = peewee.DateField()
    gap = peewee.TextField(default="")
    application = peewee.ForeignKeyField(
        Application, null=True, backref="skills", on_delete="SET NULL"
    )


class Setting(peewee.Model):
    """A user setting, stored as JSON text under a dotted key."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        database = db
        table_name = "setting"


ALL_MODELS = (Meta, Company, Person, Application, Involvement, Interaction, Step, NoteTemplate,
              Skill, Setting)
