"""What the Branding page runs on the TaskRunner, and the server's refusals put into words.

The functions here run on worker threads: they touch no widget, only the api and QImage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QImage

from desktop.api.errors import ApiError
from desktop.api.records import LogoInfo
from desktop.ui.branding.logo_check import (
    MAX_BYTES,
    MAX_SIDE,
    CheckedLogo,
    LogoRejected,
    decode_logo,
    describe_logo,
)
from desktop.ui.failure_words import error_message, server_words

if TYPE_CHECKING:
    from desktop.api.client import PartnerApi

LogoCheck = Callable[[str], CheckedLogo]


class BrandingCalls(QObject):
    """The translation context of this file's words (lupdate reads `BrandingCalls.tr` as it)."""


@dataclass(frozen=True)
class ShownLogo:
    image: QImage
    facts: str  # "PNG · 640 × 200 px · 18.4 KB"


@dataclass(frozen=True)
class Uploaded:
    logo: CheckedLogo
    info: LogoInfo


def fetch_logo(api: PartnerApi) -> ShownLogo | None:
    """Runs in a worker: the server's logo, decoded, or None when there is none."""
    logo = api.get_logo()
    if logo is None:
        return None
    image = decode_logo(logo.data, logo.content_type)
    if image is None:
        raise LogoRejected(
            QCoreApplication.translate(
                "BrandingCalls", "The logo on the server is damaged and cannot be shown."
            )
        )
    facts = describe_logo(logo.content_type, image.width(), image.height(), len(logo.data))
    return ShownLogo(image, facts)


def check_and_upload(
    api: PartnerApi, path: str, check: LogoCheck, report: Callable[[object], None]
) -> Uploaded:
    """Runs in a worker: a file that fails the check raises LogoRejected and is never sent."""
    logo = check(path)
    report("uploading")
    return Uploaded(logo, api.put_logo(logo.data, logo.content_type))


def refusal_words(error: BaseException) -> str:
    """Why the server did not take the logo, in words; its own message only where it is plain."""
    if isinstance(error, ApiError) and error.status == 413:
        return QCoreApplication.translate(
            "BrandingCalls", "The server refused the logo: it is larger than {max} MB."
        ).format(max=MAX_BYTES // (1024 * 1024))
    if isinstance(error, ApiError) and error.status == 415:
        return QCoreApplication.translate(
            "BrandingCalls", "The server refused the logo: it is not a PNG or JPEG image."
        )
    if isinstance(error, ApiError) and error.status == 422:
        reason = server_words(
            error.message,
            QCoreApplication.translate(
                "BrandingCalls", "It is damaged, or larger than {max} px a side."
            ).format(max=MAX_SIDE),
        )
        # The server's 422 message is a sentence written for people: it says which limit.
        return QCoreApplication.translate(
            "BrandingCalls", "The server refused the logo. {reason}"
        ).format(reason=reason)
    if isinstance(error, ApiError):
        return QCoreApplication.translate(
            "BrandingCalls", "The logo was not uploaded: {reason}"
        ).format(reason=error_message(error))
    return QCoreApplication.translate(
        "BrandingCalls", "The logo was not uploaded: something unexpected went wrong ({kind})."
    ).format(kind=type(error).__name__)
