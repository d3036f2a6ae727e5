"""Messages the api layer writes for people, translatable although this layer knows no Qt.

The api layer writes English and marks each template with QT_TRANSLATE_NOOP, which
pyside6-lupdate reads like Qt's own macro; the window translates the template and fills in the
values (desktop/ui/failure_words.py), so a message is translated where it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

# The translation context of every template marked here.
CONTEXT = "ApiMessages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context`; the text itself is returned unchanged.

    Named like Qt's macro because that name is what pyside6-lupdate looks for.
    """
    return text


class Message(str):
    """The message in English, as a plain str, that still knows its template and values."""

    template: str
    values: Mapping[str, object]
    # The server's own sentence when it wrote this message, else "".
    server_text: str = ""

    def __new__(cls, template: str, **values: object) -> Message:
        message = super().__new__(cls, template.format(**values))
        message.template = template
        message.values = values
        return message

    @classmethod
    def worded(cls, text: str | None, template: str, **values: object) -> Message:
        """`text` in English when the server worded it, else the template; translated, the
        template (the server speaks English only, its words are not in any .qm)."""
        if not text:
            return cls(template, **values)
        message = str.__new__(cls, text)
        message.template = template
        message.values = values
        message.server_text = text
        return message

    def __reduce__(self) -> tuple[object, ...]:
        # Copies and pickles keep the template (str's own would keep only the English text).
        return (_remake, (str(self), self.template, dict(self.values)))


def _remake(text: str, template: str, values: dict[str, object]) -> Message:
    return Message.worded(text, template, **values)
