"""Checking an uploaded logo by its content, and storing it without its metadata."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from server.errors import ApiError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4096
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class CheckedLogo:
    content: bytes
    content_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def too_large() -> ApiError:
    return ApiError(413, "payload_too_large", "The logo is larger than 2 MiB.")


def check_logo(data: bytes) -> CheckedLogo:
    if len(data) > MAX_BYTES:
        raise too_large()
    looks_like_image = data.startswith(_SIGNATURES)
    unsupported = ApiError(415, "unsupported_media_type", "The logo must be a PNG or JPEG image.")
    try:
        with warnings.catch_warnings():
            # Pillow only warns at some sizes; a bomb is refused, never decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.format not in FORMATS:
                raise unsupported
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise ApiError(
                    422,
                    "image_too_large",
                    f"The logo is {width}×{height} pixels; at most {MAX_SIDE} a side.",
                )
            image.load()
    except ApiError:
        raise
    except UnidentifiedImageError as exc:
        if looks_like_image:
            raise ApiError(422, "image_not_decodable", "The image file is damaged.") from exc
        raise unsupported from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ApiError(422, "image_too_large", "The image is too large to decode.") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ApiError(422, "image_not_decodable", "The image file is damaged.") from exc
    return CheckedLogo(_reencode(image), FORMATS[str(image.format)], width, height)


# What a saved image may carry over from the upload: pixel data only, no metadata.
_PIXEL_INFO = ("transparency",)


def _reencode(image: Image.Image) -> bytes:
    """Save the pixels only: EXIF, comments, text chunks and anything hidden after the image are
    dropped. Pillow's encoders copy some of `image.info` into the new file (a JPEG's comment, an
    ICC profile), so that is emptied of all but what the pixels need (a PNG's transparency)."""
    image.info = {key: value for key, value in image.info.items() if key in _PIXEL_INFO}
    out = io.BytesIO()
    if image.format == "JPEG":
        clean = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        clean.save(out, format="JPEG", quality=92)
    else:
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()
