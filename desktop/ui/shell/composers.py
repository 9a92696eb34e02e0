"""The composer windows open over the main window.

One composer per planned step: asking for a step that is open brings its window
forward instead of opening a second one that would save over the first. All of
them close (each saving its draft) when the window quits or the data is swapped.
"""

from desktop.playbook.kinds import StepKind


class Composers:
    def __init__(self, window):
        self._window = window
        #: Open composers by step id, to bring one forward instead of opening it twice.
        self._by_step: dict = {}
        self._open: list = []

    @property
    def windows(self) -> list:
        """The composers open now, oldest first."""
        return list(self._open)

    def open_step(self, step_id: int):
        """Open (or bring forward) the composer for a step."""
        from desktop.ui.dialogs.composer import Composer  # loaded with the first note
        from desktop.ui.dialogs.profile import ask_for_name_once

        composer = self._by_step.get(step_id)
        if composer is None:
            ask_for_name_once(self._window)
            composer = Composer(step_id, parent=self._window)
            self._track(composer, step_id)
        composer.show()
        composer.raise_()
        composer.activateWindow()
        return composer

    def write_check_in(self, person_id: int):
        """A check-in note to ``person_id`` outside the plan; its step is made on save."""
        from desktop.ui.dialogs.composer import Composer
        from desktop.ui.dialogs.profile import ask_for_name_once

        ask_for_name_once(self._window)
        composer = Composer(person_id=person_id, application_id=None, kind=StepKind.CHECK_IN,
                            parent=self._window)
        self._track(composer, None)
        composer.show()
        return composer

    def close_all(self) -> bool:
        """Close every composer (each saves its draft): at exit, or before a restore.

        False when one stayed open: its draft could not be saved and the user kept it.
        """
        closed = [composer.close() for composer in self.windows]  # all, not the first
        return all(closed)

    def _track(self, composer, step_id) -> None:
        composer.finished.connect(lambda _r, c=composer: self._forget(c))
        self._open.append(composer)
        if step_id is not None:
            self._by_step[step_id] = composer

    def _forget(self, composer) -> None:
        self._by_step = {k: c for k, c in self._by_step.items() if c is not composer}
        self._open = [c for c in self._open if c is not composer]
