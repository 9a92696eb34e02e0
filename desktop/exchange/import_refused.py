"""The one way an import says no to a whole file."""


class ImportRefused(Exception):
    """The file cannot be imported as it is (binary, empty, another format, no header).

    Raised before anything is written; ``reason`` is a sentence for the user.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
