"""Settings the playbook reads, declared once with their defaults: which steps to
plan, how many days after a rejection each is due, the check-in cadence, and the
user's own profile for signing notes."""

from dataclasses import asdict, dataclass, field, fields

from desktop.playbook.kinds import StepKind

# The store is imported inside the functions that read or write it: Today's first
# frame reads these settings from a first look at the file, before Peewee and the
# store have loaded (``desktop.ui.startup.boot``, rule 7).

#: The settings table's key for the playbook's settings.
PLAYBOOK_KEY = "playbook"
_PROFILE_KEY = "profile"

#: Months between check-ins unless a person has their own cadence.
DEFAULT_CHECKIN_MONTHS = 3


def _default_offsets() -> dict[str, int]:
    return {kind.value: kind.default_offset_days for kind in StepKind}


def _default_enabled() -> dict[str, bool]:
    return {kind.value: True for kind in StepKind}


@dataclass
class PlaybookSettings:
    #: Days after the rejection each kind is due (check-ins use the cadence instead).
    offsets: dict[str, int] = field(default_factory=_default_offsets)
    #: Which kinds are planned when an application is turned down.
    enabled: dict[str, bool] = field(default_factory=_default_enabled)
    checkin_months: int = DEFAULT_CHECKIN_MONTHS

    def offset(self, kind: StepKind) -> int:
        return int(self.offsets.get(kind.value, kind.default_offset_days))

    def is_enabled(self, kind: StepKind) -> bool:
        return bool(self.enabled.get(kind.value, True))


@dataclass
class Profile:
    """Who the notes are from, set once in Settings."""

    name: str = ""
    email: str = ""
    phone: str = ""
    linkedin: str = ""
    #: Free text after the closing line; the name is used when it is empty.
    signature: str = ""
    #: Where notes are opened to be sent: a ``SendWith`` value.
    send_with: str = "mail_app"

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


def _from_stored(cls, stored):
    """``cls`` from its stored JSON: defaults for what is missing, and for new kinds
    inside a stored dict; anything that is not a dict counts as nothing stored."""
    stored = stored if isinstance(stored, dict) else {}
    defaults = cls()
    values = {}
    for name in (f.name for f in fields(cls)):
        default = getattr(defaults, name)
        value = stored.get(name, default)
        if isinstance(default, dict) and isinstance(value, dict):
            value = {**default, **value}  # new kinds get their defaults
        values[name] = value
    return cls(**values)


def _load(cls, key: str):
    from desktop.store.settings import get_setting

    return _from_stored(cls, get_setting(key))


def playbook_settings_from(stored) -> PlaybookSettings:
    """The playbook's settings from the JSON kept under ``PLAYBOOK_KEY``."""
    return _from_stored(PlaybookSettings, stored)


def load_playbook_settings() -> PlaybookSettings:
    return _load(PlaybookSettings, PLAYBOOK_KEY)


def save_playbook_settings(settings: PlaybookSettings) -> None:
    from desktop.store.settings import set_setting

    set_setting(PLAYBOOK_KEY, asdict(settings))


def load_profile() -> Profile:
    return _load(Profile, _PROFILE_KEY)


def save_profile(profile: Profile) -> None:
    from desktop.store.settings import set_setting

    set_setting(_PROFILE_KEY, asdict(profile))


def save_settings(profile: Profile, playbook: PlaybookSettings) -> None:
    """The Settings dialog's Save: both parts in one transaction."""
    from desktop.store.connection import transaction

    with transaction():
        save_profile(profile)
        save_playbook_settings(playbook)
