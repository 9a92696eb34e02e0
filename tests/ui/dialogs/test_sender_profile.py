"""Who the notes are from: asked before the first note, and every draft signed."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.playbook.settings import Profile, load_profile, save_profile
from desktop.ui.dialogs.profile import ProfileDialog


def _answer_profile(name: str, signature: str = "", later: bool = False) -> list[str]:
    """Fill in the profile dialog when it comes up; returns its title once shown."""
    seen = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ProfileDialog):
            QTimer.singleShot(10, fill)
            return
        seen.append(dialog.windowTitle())
        if later:
            dialog.reject()
            return
        dialog.name.setText(name)
        dialog.signature.setPlainText(signature)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    return seen


def test_the_first_note_asks_who_it_is_from_and_signs_with_name_then_signature(
        sample_window):
    save_profile(Profile())  # a first start: nobody set yet
    seen = _answer_profile("Noor Haddad", "+44 7700 900123\nnoor.design")
    composer = sample_window.open_step(1)  # Priya's thank-you
    try:
        assert seen == ["Who are your notes from?"]
        assert load_profile().name == "Noor Haddad"
        body = composer.body.toPlainText()
        assert body.endswith("Noor Haddad\n+44 7700 900123\nnoor.design"), body[-80:]
        assert "unsigned" not in {f.rule for f in composer.check_tone()}
    finally:
        composer.close()


def test_later_leaves_the_note_unsigned_and_the_check_says_so(sample_window):
    save_profile(Profile())
    seen = _answer_profile("", later=True)
    composer = sample_window.open_step(1)
    try:
        assert seen == ["Who are your notes from?"]
        found = {f.rule: f for f in composer.check_tone()}
        assert found["unsigned"].severity == "error"
        assert "set your name in Settings" in found["unsigned"].suggestion
    finally:
        composer.close()


def test_a_greeting_to_someone_else_is_caught_in_the_composer(sample_window, qtbot):
    composer = sample_window.open_step(2)  # Tom's thank-you
    try:
        body = composer.body.toPlainText()
        first_line = body.splitlines()[0]
        composer.body.setPlainText(body.replace(first_line, "Hi Priya,", 1))
        found = [f for f in composer.check_tone() if f.rule == "wrong-name"]
        assert found and found[0].severity == "error"
        assert "Priya Raman is someone else you know" in found[0].message
    finally:
        composer.close()
