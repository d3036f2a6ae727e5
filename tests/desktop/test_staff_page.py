"""The Staff page against the real server: who may open it, the team as the server has it, Add
Staff with its rules checked as typed (the server's word at the field), a new role and
disabling, each asked first; an admin cannot touch an owner's row, and lowering one's own role
names what it costs.

Every change is made to users the test creates; the seeded four keep their roles.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.api import PartnerApi, SessionExpiredError
from desktop.api.team_records import Role, StaffUser
from desktop.ui.main_window import MainWindow
from desktop.ui.staff.add_dialog import AddStaffDialog
from desktop.ui.staff.model import (
    DISABLED,
    LAST_SIGN_IN,
    MFA,
    NAME,
    ROLE,
    USERNAME,
    StaffTableModel,
)
from desktop.ui.staff.page import StaffPage
from tests.desktop.a11y_support import focused, press, tab_to
from tests.desktop.customer_dialog_support import seeded_server
from tests.desktop.operation_gui import save_grab, screenshot_path
from tests.desktop.test_mnemonics import mnemonic, problems, window_texts
from tests.support.gui import AppHarness
from tests.support.server import ServerProcess

# Besides the offscreen plugin's notes, QTest's when the role list's popup takes a key through
# its event filter (the combo box handles it, not the view): the list's own way of choosing.
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support ", r"^Keyboard event not accepted by receiving widget$"
)

SEEDED = {"demo", "admin", "agent", "viewer"}


def _password() -> str:
    return f"Team-{uuid.uuid4().hex[:16]}"


def _colleague(api: PartnerApi, role: Role = "agent", name: str = "Ana Kovač") -> StaffUser:
    username = f"t{uuid.uuid4().hex[:10]}"
    return api.create_staff(
        username=username,
        display_name=name,
        email=f"{username}@example.hr",
        role=role,
        password=_password(),
    )


def _staff_page(qtbot: QtBot, harness: AppHarness, server: ServerProcess, user: str) -> StaffPage:
    window = harness.sign_in(qtbot, server.root, user, user, on_customers=False)
    return _open(qtbot, window)


def _open(qtbot: QtBot, window: MainWindow) -> StaffPage:
    window.show_page(window.staff)
    page = window.staff
    qtbot.waitUntil(lambda: page.is_loaded and not page.is_loading, timeout=10_000)
    return page


def _section(window: MainWindow, label: str = "Staff") -> object:
    found = window.sidebar.findItems(label, Qt.MatchFlag.MatchExactly)
    assert len(found) == 1, [window.sidebar.item(r).text() for r in range(window.sidebar.count())]
    return found[0]


def _select(qtbot: QtBot, page: StaffPage, username: str) -> None:
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.staff_at(r).username == username)
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.current() is not None and page.current().username == username)


def _question(qtbot: QtBot, name: str) -> QDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.activeModalWidget(), QDialog)
            and QApplication.activeModalWidget().objectName() == name
        ),
        timeout=5_000,
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    # The keys go where a person's would: into the question, once it has the focus.
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog
        ),
        timeout=5_000,
    )
    return dialog


def _choose_role(qtbot: QtBot, page: StaffPage, role: str) -> None:
    """As the keyboard does: Down opens the list, Down moves in it, Enter chooses."""
    combo = page.role
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible())
    assert QApplication.activeModalWidget() is None  # opening the list asks nothing yet
    target = combo.findData(role)
    key = Qt.Key.Key_Down if target > view.currentIndex().row() else Qt.Key.Key_Up
    while view.currentIndex().row() != target:  # the list steps over roles not to be given
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def _role_on_server(api: PartnerApi, username: str) -> str:
    return next(p.role for p in api.list_staff() if p.username == username)


def _close_question() -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog):
        dialog.reject()


@pytest.fixture
def tidy() -> Iterator[None]:
    yield
    _close_question()


# -- the model ---------------------------------------------------------------------------------


def _person(n: int, **changes: object) -> StaffUser:
    values: dict[str, object] = {
        "id": f"u_{n}",
        "username": f"user{n}",
        "display_name": f"Person {n}",
        "email": f"user{n}@example.hr",
        "role": "agent",
        "mfa_enabled": False,
        "disabled_at": None,
        "last_login_at": None,
        "created_at": "2026-01-05T10:00:00Z",
    }
    values.update(changes)
    return StaffUser.model_validate_json(json.dumps(values))  # as the server sends it


def test_the_staff_model_shows_each_person_in_words_and_changes_one_row(
    qtbot: QtBot, qtmodeltester: object, uk_locale: None
) -> None:
    model = StaffTableModel()
    model.set_staff(
        [
            _person(1, role="owner", mfa_enabled=True, last_login_at="2026-03-01T09:12:00Z"),
            _person(2, disabled_at="2026-03-02T10:00:00Z"),
        ],
        own_id="u_1",
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, NAME).data() == "Person 1 (you)"
    assert model.index(0, ROLE).data() == "Owner"
    assert model.index(0, MFA).data() == "On"
    assert model.index(1, LAST_SIGN_IN).data() == "Never"
    assert model.index(1, DISABLED).data().startswith("Since ")
    assert model.index(0, DISABLED).data() == "No"
    assert model.index(1, ROLE).data(Qt.ItemDataRole.AccessibleTextRole) == "Role: Agent"
    assert model.index(1, NAME).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert model.index(0, NAME).data(StaffTableModel.StaffRole).username == "user1"

    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.put(_person(2, role="viewer")) == 1
    assert changed.args[0].row() == changed.args[1].row() == 1
    assert model.index(1, ROLE).data() == "Viewer" and model.rowCount() == 2
    with qtbot.waitSignal(model.rowsInserted):
        assert model.put(_person(3)) == 2
    assert model.row_of("u_3") == 2 and model.row_of("u_9") is None
    qtmodeltester.check(model)  # type: ignore[attr-defined]


# -- who may open it ---------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["demo", "admin"])
def test_owner_and_admin_open_the_staff_page_and_see_the_seeded_team(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, user: str
) -> None:
    window = harness.sign_in(qtbot, server.root, user, user, on_customers=False)
    item = _section(window)
    assert item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.toolTip() == ""
    page = _open(qtbot, window)
    assert page.objectName() == "staffPage"
    assert window.findChild(StaffPage, "staffPage") is page
    model = page.model
    shown = {model.staff_at(r).username: r for r in range(model.rowCount())}
    assert set(shown) >= SEEDED
    assert set(shown) == {p.username for p in api.list_staff()}  # what the server has
    admin_row = shown["admin"]
    assert model.index(admin_row, NAME).data() == (
        "Ada Admin (you)" if user == "admin" else "Ada Admin"
    )
    assert model.index(admin_row, ROLE).data() == "Admin"
    assert model.index(shown["viewer"], ROLE).data() == "Viewer"
    assert model.index(shown["agent"], USERNAME).data() == "agent"
    assert page.findChild(QWidget, "staffTable").isVisible()


@pytest.mark.parametrize("user", ["agent", "viewer"])
def test_agent_and_viewer_find_staff_listed_but_disabled_with_the_reason(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, user: str
) -> None:
    window = harness.sign_in(qtbot, server.root, user, user, on_customers=False)
    item = _section(window)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.toolTip() == "Only an owner or admin can manage staff."
    sidebar = window.sidebar
    where = sidebar.visualItemRect(item).center()
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=where)
    sidebar.setFocus()
    for _ in range(sidebar.count()):  # and the keys step over it
        qtbot.keyClick(sidebar, Qt.Key.Key_Down)
    assert window.pages.currentWidget() is not window.staff
    assert not window.staff.is_loaded  # nothing was asked of the server for it


# -- adding ------------------------------------------------------------------------------------


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_an_admin_adds_a_colleague_with_the_keyboard_and_the_rules_are_checked_as_typed(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, tidy: None
) -> None:
    page = _staff_page(qtbot, harness, server, "admin")
    page.add_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    dialog = _question(qtbot, "addStaffDialog")
    assert isinstance(dialog, AddStaffDialog)
    ok = dialog.findChild(QPushButton, "addStaffConfirmButton")
    # An admin gives agents and viewers only; a new colleague starts as an agent.
    assert [dialog.role.itemData(i) for i in range(dialog.role.count())] == ["agent", "viewer"]
    assert dialog.role.currentData() == "agent"
    assert focused().objectName() == "staffUsername"
    username = f"k{uuid.uuid4().hex[:10]}"
    _type(qtbot, username)
    tab_to(qtbot, "staffDisplayName")
    _type(qtbot, "Ivana Horvat")
    tab_to(qtbot, "staffEmail")
    _type(qtbot, f"{username}@example.hr")
    tab_to(qtbot, "staffPassword")
    _type(qtbot, "short1")
    problem = dialog.findChild(QLabel, "staffPasswordProblem")
    assert problem.isVisible() and "at least 12 characters" in problem.text().lower()
    assert not ok.isEnabled()
    _type(qtbot, "234567")  # twelve now, and the repeat is still empty
    assert not problem.isVisible()
    tab_to(qtbot, "staffPasswordRepeat")
    _type(qtbot, "short")
    repeat_problem = dialog.findChild(QLabel, "staffPasswordRepeatProblem")
    assert repeat_problem.isVisible() and "do not match" in repeat_problem.text()
    assert not ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)  # Enter while OK is disabled sends nothing
    assert dialog.isVisible()

    # Twelve characters that match, but a password everyone tries: only the server knows.
    for name in ("staffPassword", "staffPasswordRepeat"):
        field = dialog.findChild(QLineEdit, name)
        field.setFocus()
        field.selectAll()
        _type(qtbot, "password1234")
    assert ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=10_000)
    assert "most common passwords" in problem.text()
    assert not ok.isEnabled()  # until the password is changed
    assert username not in {p.username for p in api.list_staff()}

    good = _password()
    for name in ("staffPassword", "staffPasswordRepeat"):
        field = dialog.findChild(QLineEdit, name)
        field.setFocus()
        field.selectAll()
        _type(qtbot, good)
    assert ok.isEnabled() and not problem.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=10_000)

    added = next(p for p in api.list_staff() if p.username == username)
    assert (added.display_name, added.role, added.email) == (
        "Ivana Horvat",
        "agent",
        f"{username}@example.hr",
    )
    assert page.current() is not None and page.current().username == username
    assert "Ivana Horvat" in page.notice.text()
    colleague = PartnerApi(server.root)
    colleague.login(username, good)  # they can sign in with it
    colleague.close()


def test_a_user_name_already_taken_is_said_at_its_field(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, tidy: None
) -> None:
    page = _staff_page(qtbot, harness, server, "demo")
    page.open_add_dialog()
    dialog = _question(qtbot, "addStaffDialog")
    good = _password()
    for name, text in (
        ("staffUsername", "agent"),
        ("staffDisplayName", "Someone Else"),
        ("staffPassword", good),
        ("staffPasswordRepeat", good),
    ):
        field = dialog.findChild(QLineEdit, name)
        field.setFocus()
        _type(qtbot, text)
    dialog.findChild(QPushButton, "addStaffConfirmButton").click()
    problem = dialog.findChild(QLabel, "staffUsernameProblem")
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=10_000)
    assert problem.text() == "This user name is taken; choose another."
    assert focused().objectName() == "staffUsername"


# -- roles and disabling -------------------------------------------------------------------------


def test_an_admin_changes_a_colleagues_role_after_a_confirmation(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, tidy: None
) -> None:
    person = _colleague(api, "agent", "Marko Marić")
    page = _staff_page(qtbot, harness, server, "admin")
    _select(qtbot, page, person.username)
    assert page.role.isEnabled() and page.role.currentData() == "agent"
    _choose_role(qtbot, page, "viewer")
    question = _question(qtbot, "staffRoleConfirm")
    assert question.findChild(QLabel, "confirmTitle").text() == "Change Marko Marić's role?"
    assert question.findChild(QLabel, "confirmRoleChange").text() == "Role: Agent → Viewer"
    # Declined: nothing is sent and the picker shows the server's role again.
    question.findChild(QPushButton, "keepRoleButton").click()
    qtbot.waitUntil(lambda: page.role.currentData() == "agent")
    assert _role_on_server(api, person.username) == "agent"

    _choose_role(qtbot, page, "viewer")
    question = _question(qtbot, "staffRoleConfirm")
    press(qtbot, Qt.Key.Key_Return)  # Enter confirms a colleague's change
    qtbot.waitUntil(lambda: _role_on_server(api, person.username) == "viewer", timeout=10_000)
    row = page.model.row_of(person.id)
    assert row is not None
    qtbot.waitUntil(lambda: page.model.index(row, ROLE).data() == "Viewer")
    assert page.role.currentData() == "viewer"


def test_disabling_a_colleague_ends_their_session_at_once(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, tidy: None
) -> None:
    password = _password()
    username = f"d{uuid.uuid4().hex[:10]}"
    api.create_staff(
        username=username,
        display_name="Ana Kovač",
        email="",
        role="agent",
        password=password,
    )
    colleague = PartnerApi(server.root)
    colleague.login(username, password)
    colleague.list_customers(limit=1)  # working

    page = _staff_page(qtbot, harness, server, "demo")
    _select(qtbot, page, username)
    button = page.disable_button
    assert button.isEnabled() and button.text() == "Disable…"
    button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    question = _question(qtbot, "disableStaffConfirm")
    assert question.findChild(QLabel, "confirmTitle").text() == "Disable Ana Kovač?"
    assert question.findChild(QLabel, "confirmText").text() == (
        "Their sessions end at once and they cannot sign in until enabled again."
    )
    question.findChild(QPushButton, "confirmDisableButton").click()
    qtbot.waitUntil(lambda: "disabled" in page.notice.text(), timeout=10_000)
    with pytest.raises(SessionExpiredError):
        colleague.list_customers(limit=1)
    colleague.close()
    assert button.text() == "Enable…"
    row = page.model.row_of(page.current().id)
    assert page.model.index(row, DISABLED).data().startswith("Since ")

    # And back: enabled, they can sign in again.
    button.click()
    _question(qtbot, "enableStaffConfirm").findChild(QPushButton, "confirmEnableButton").click()
    qtbot.waitUntil(lambda: button.text() == "Disable…", timeout=10_000)
    again = PartnerApi(server.root)
    again.login(username, password)
    again.close()


def test_an_admin_cannot_touch_an_owners_or_an_admins_row(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess
) -> None:
    page = _staff_page(qtbot, harness, server, "admin")
    for username in ("demo", "admin"):
        _select(qtbot, page, username)
        reason = "Only an owner can change an owner's or an admin's account."
        assert not page.role.isEnabled() and page.role.toolTip() == reason
        assert not page.disable_button.isEnabled()
        assert page.disable_button.toolTip() in {reason, "You cannot disable your own account."}
    _select(qtbot, page, "agent")
    assert page.role.isEnabled() and page.disable_button.isEnabled()
    # The roles above agent are listed but cannot be chosen.
    items = page.role.model()
    assert not items.item(page.role.findData("owner")).isEnabled()
    assert items.item(page.role.findData("viewer")).isEnabled()
    # Only an owner sets the partner's two-factor rule.
    box = page.require_mfa
    assert not box.isEnabled()
    assert box.toolTip() == "Only an owner can require two-factor sign-in for everyone."


def test_lowering_ones_own_role_asks_first_and_names_what_it_costs(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, tidy: None
) -> None:
    password = _password()
    username = f"o{uuid.uuid4().hex[:10]}"
    api.create_staff(
        username=username, display_name="Olga Owner", email="", role="owner", password=password
    )
    window = harness.sign_in(qtbot, server.root, username, password, on_customers=False)
    page = _open(qtbot, window)
    _select(qtbot, page, username)
    _choose_role(qtbot, page, "agent")
    question = _question(qtbot, "staffRoleConfirm")
    assert question.findChild(QLabel, "confirmTitle").text() == "Change your own role?"
    texts = [label.text() for label in question.findChildren(QLabel)]
    assert (
        "You are about to make yourself an agent: you will no longer be able to manage staff."
        in texts
    )
    # Enter keeps the role: a slip of the hand changes nothing.
    assert focused().objectName() == "keepRoleButton"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert _role_on_server(api, username) == "owner"
    assert page.role.currentData() == "owner"

    _choose_role(qtbot, page, "agent")
    _question(qtbot, "staffRoleConfirm").findChild(QPushButton, "confirmRoleButton").click()
    qtbot.waitUntil(lambda: _role_on_server(api, username) == "agent", timeout=10_000)
    # /me read again: the window follows the new role at once.
    qtbot.waitUntil(lambda: window.permissions.role == "agent", timeout=10_000)
    assert not _section(window).flags() & Qt.ItemFlag.ItemIsEnabled
    assert window.pages.currentWidget() is not page


def test_the_last_owner_is_told_in_words_and_keeps_the_role(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi, tidy: None
) -> None:
    # demo must be the one enabled owner: owners other tests made step down first.
    for person in api.list_staff():
        if person.role == "owner" and not person.disabled and person.username != "demo":
            api.update_staff(person.id, {"role": "viewer"})
    page = _staff_page(qtbot, harness, server, "demo")
    _select(qtbot, page, "demo")
    _choose_role(qtbot, page, "admin")
    question = _question(qtbot, "staffRoleConfirm")
    question.findChild(QPushButton, "confirmRoleButton").click()
    qtbot.waitUntil(lambda: "only enabled owner" in page.notice.text(), timeout=10_000)
    assert page.notice.text().startswith("Nothing was changed.")
    assert _role_on_server(api, "demo") == "owner"
    assert page.role.currentData() == "owner"


def test_enter_in_the_table_changes_nothing_and_opens_nothing(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, api: PartnerApi
) -> None:
    page = _staff_page(qtbot, harness, server, "demo")
    before = api.list_staff()
    _select(qtbot, page, "agent")
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        qtbot.keyClick(page.table, key)
    assert QApplication.activeModalWidget() is None
    assert api.list_staff() == before
    # From the table, Tab reaches the row's controls.
    assert tab_to(qtbot, "staffRole") is page.role
    assert tab_to(qtbot, "disableStaffButton") is page.disable_button


@pytest.fixture
def keeper(server: ServerProcess, api: PartnerApi) -> Iterator[PartnerApi]:
    """An owner with two-factor set up: the one who can lift the rule again afterwards (an
    owner without it is held to the set-up like everyone, this test's demo too)."""
    password = _password()
    username = f"m{uuid.uuid4().hex[:10]}"
    person = api.create_staff(
        username=username, display_name="Klara Keeper", email="", role="owner", password=password
    )
    owner = PartnerApi(server.root)
    owner.login(username, password)
    setup = owner.start_mfa_setup()
    owner.confirm_mfa(pyotp.TOTP(setup.secret).now())
    yield owner
    owner.set_require_mfa(False)  # the rest of the module signs in with passwords alone
    owner.close()
    api.update_staff(person.id, {"role": "viewer"})  # demo is the one owner again


def test_an_owner_requires_two_factor_for_everyone_after_a_confirmation(
    qtbot: QtBot,
    harness: AppHarness,
    server: ServerProcess,
    api: PartnerApi,
    tidy: None,
    keeper: PartnerApi,
) -> None:
    page = _staff_page(qtbot, harness, server, "demo")
    box = page.require_mfa
    assert box.isEnabled() and not box.isChecked()
    box.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    question = _question(qtbot, "requireMfaConfirm")
    assert not box.isChecked()  # the server's rule until it is confirmed and answered
    texts = [label.text() for label in question.findChildren(QLabel)]
    # demo has no two-factor: the rule would hold them too, and the question says so.
    assert any("you too will have to set it up" in text for text in texts)
    question.findChild(QPushButton, "cancelRequireMfaButton").click()
    assert not keeper.me().partner.require_mfa

    box.click()
    _question(qtbot, "requireMfaConfirm").findChild(QPushButton, "confirmRequireMfaButton").click()
    qtbot.waitUntil(lambda: box.isChecked(), timeout=10_000)
    assert keeper.me().partner.require_mfa
    assert "now required" in page.notice.text()


def test_the_page_speaks_croatian(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, croatian: None
) -> None:
    window = harness.sign_in(qtbot, server.root, "demo", "demo", on_customers=False)
    assert _section(window, "Osoblje") is not None
    page = _open(qtbot, window)
    assert page.add_button.text() == "Dodaj djelatnika…"
    assert page.model.headerData(ROLE, Qt.Orientation.Horizontal) == "Uloga"


def test_add_staff_mnemonics_never_clash(
    qtbot: QtBot, harness: AppHarness, server: ServerProcess, language: str, tidy: None
) -> None:
    page = _staff_page(qtbot, harness, server, "demo")
    page.open_add_dialog()
    dialog = _question(qtbot, "addStaffDialog")
    texts = window_texts(dialog)
    assert len([t for t in texts if mnemonic(t)]) == 6  # every field's label has its letter
    assert problems(f"{language} Add Staff", texts) == []


def _team_for_the_picture(server: ServerProcess) -> None:
    """A team as a partner's looks: e-mails, one with two-factor, one disabled, sign-ins."""
    owner = PartnerApi(server.root)
    owner.login("demo", "demo")
    people = (
        ("ana", "Ana Kovač", "agent", True, False),
        ("ivan", "Ivan Horvat", "viewer", False, True),
        ("petra", "Petra Jurić", "admin", False, False),
    )
    for username, name, role, mfa, disabled in people:
        password = _password()
        person = owner.create_staff(
            username=username,
            display_name=name,
            email=f"{username}@demo-partner.hr",
            role=role,
            password=password,
        )
        colleague = PartnerApi(server.root)
        colleague.login(username, password)
        if mfa:
            colleague.confirm_mfa(pyotp.TOTP(colleague.start_mfa_setup().secret).now())
        colleague.close()
        if disabled:
            owner.update_staff(person.id, {"disabled": True})
    owner.close()


def test_a_screenshot_of_the_staff_page(qtbot: QtBot, harness: AppHarness, tmp_path: Path) -> None:
    """docs/screenshots/staff.png under `make screenshots`: a server of its own, so the picture
    shows a team and not this module's test users."""
    folder = tmp_path / "server"
    folder.mkdir()
    with seeded_server(folder) as server:
        _team_for_the_picture(server)
        window = harness.sign_in(qtbot, server.root, "demo", "demo", on_customers=False)
        window.resize(1200, 600)
        page = _open(qtbot, window)
        _select(qtbot, page, "ana")
        path = screenshot_path(tmp_path, "staff.png")
        save_grab(window, path)
        assert path.stat().st_size > 10_000
