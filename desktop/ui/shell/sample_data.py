"""The sample data from the Help menu: loading an example into an empty Rebound and
taking exactly it away again, each through the change hub like any other change."""

from typing import TYPE_CHECKING

from desktop.ui.shell.change_hub import hub

if TYPE_CHECKING:
    from desktop.ui.shell.main_window import MainWindow


def load_sample(window: "MainWindow") -> None:
    """Help > Load sample data: fill an empty Rebound with an example, and say what came."""
    from PySide6.QtWidgets import QMessageBox  # loaded when shown: ``boot``, rule 8

    from desktop.devdata.sample import SampleRefused
    from desktop.operations import data  # rarely used: not loaded at start-up

    try:
        changes = hub().run(data.load_sample, source=window, parent=window)
    except SampleRefused as exc:
        QMessageBox.information(window, "Sample data", str(exc))
        return
    if changes is None:
        return
    window.show_view(0)  # the sample's rejection has follow-ups due: start there
    counts = changes.detail
    window.statusBar().showMessage(
        f"Loaded {counts['people']} people, {counts['companies']} companies and "
        f"{counts['applications']} applications. Explore, then Help → Remove sample "
        "data takes exactly them away again."
    )


def remove_sample(window: "MainWindow") -> None:
    """Help > Remove sample data: take exactly the example away, once the user agrees."""
    from PySide6.QtWidgets import QMessageBox  # loaded when shown: ``boot``, rule 8

    from desktop.devdata.sample import NoSample
    from desktop.operations import data  # rarely used: not loaded at start-up

    answer = QMessageBox.question(
        window, "Remove sample data",
        "Remove the sample's people, companies and applications, with their notes, "
        "plans and timeline? What you added yourself stays, and so does a sample "
        "company where you added someone or an application.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        changes = hub().run(data.remove_sample, source=window, parent=window)
    except NoSample as exc:
        QMessageBox.information(window, "Remove sample data", str(exc))
        return
    if changes is not None:
        gone = changes.detail
        window.statusBar().showMessage(
            f"Removed the sample: {gone['people']} people, {gone['companies']} "
            f"companies and {gone['applications']} applications.")
