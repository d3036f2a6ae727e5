"""The country picker names countries in the app's language and lists them in its order.

Qt's own territory names are English only, so under Croatian the picker said "Croatia (HR)"
and sorted "Češka" after "Zimbabve". The names come from CLDR (babel), which is installed with
the app and read offline.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.api.client import PartnerApi
from desktop.tasks import TaskRunner
from desktop.ui.widgets.country_picker import CountryPicker, country_label
from tests.desktop.customer_dialog_support import (
    OFFSCREEN_NOISE,
    CustomerPicker,
    click_save_and_wait,
    find,
    open_dialog,
    server_customer,
    type_into,
)
from tests.support.server import ApiClient

pytestmark = OFFSCREEN_NOISE


def _labels(picker: CountryPicker) -> list[str]:
    return [picker.itemText(row) for row in range(picker.count())]


# Names as CLDR gives them; in each language's alphabetical order (Croatian: C < Č < Ć < D).
NAMES = {
    "en": ["Croatia (HR)", "Czechia (CZ)", "Germany (DE)", "Sweden (SE)", "Switzerland (CH)"],
    "hr": ["Cipar (CY)", "Crna Gora (ME)", "Češka (CZ)", "Čile (CL)", "Danska (DK)"],
}


def test_the_names_are_in_the_apps_language_and_its_alphabetical_order(
    qtbot: QtBot, language: str
) -> None:
    picker = CountryPicker()
    qtbot.addWidget(picker)
    labels = _labels(picker)
    wanted = NAMES[language]
    assert all(name in labels for name in wanted), [n for n in wanted if n not in labels]
    assert sorted(wanted, key=labels.index) == wanted
    if language == "hr":
        assert "Hrvatska (HR)" in labels and "Njemačka (DE)" in labels
        # Š comes after S and before T, not after Z as code points would put it.
        assert labels.index("Srbija (RS)") < labels.index("Švedska (SE)")
        assert labels.index("Švedska (SE)") < labels.index("Tajland (TH)")
        assert not any(text.startswith(("Croatia", "Germany")) for text in labels)


def test_a_croatian_name_typed_is_understood_and_tidied(qtbot: QtBot, croatian: None) -> None:
    picker = CountryPicker()
    picker.setObjectName("field_country")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    type_into(qtbot, picker, "slovenija")
    assert picker.code() == "SI"
    picker.setEditText("njemačka")  # QTest types only what a US keyboard has
    assert picker.code() == "DE"
    type_into(qtbot, picker, "hr")
    assert picker.code() == "HR"
    picker.lineEdit().editingFinished.emit()
    assert picker.currentText() == "Hrvatska (HR)"
    assert country_label("SI") == "Slovenija (SI)"  # the conflict view names them alike


def test_the_edit_customer_dialog_names_and_saves_the_country_in_croatian(
    qtbot: QtBot,
    croatian: None,
    api: PartnerApi,
    runner: TaskRunner,
    customers: CustomerPicker,
    client: ApiClient,
) -> None:
    customer = next(c for c in iter(customers.take, None) if c.address.country != "AT")
    dialog = open_dialog(qtbot, api, runner, customer)
    shown = find(dialog, "field_country").currentText()
    assert shown == country_label(customer.address.country)
    type_into(qtbot, find(dialog, "field_country"), "Austrija")
    assert not find(dialog, "error_country").isVisible()
    click_save_and_wait(qtbot, dialog)
    assert server_customer(client, customer.id)["address"]["country"] == "AT"
    assert find(dialog, "field_country").currentText() == "Austrija (AT)"
