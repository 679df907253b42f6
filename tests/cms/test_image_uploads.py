"""Image uploads in the Wagtail admin: decompression bombs are refused before decoding."""

import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def png(width, height):
    """A valid PNG header declaring ``width`` × ``height`` grey pixels, in a few hundred bytes:
    the shape of a decompression bomb (the pixel data would be gigabytes once decoded)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 4)  # a few rows; decoders stop when data ends
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def upload(client, content, name="bombe.png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Billede",
            "file": SimpleUploadedFile(name, content, "image/png"),
        },
    )


def test_an_image_declaring_too_many_pixels_is_refused(client, admin_user):
    client.force_login(admin_user)
    bomb = png(50_000, 50_000)  # 2.5 gigapixels
    assert len(bomb) < 10_000
    response = upload(client, bomb)
    assert response.status_code == 200  # the form again, with the error
    assert "pixel" in response.content.decode().lower()
    assert not get_image_model().objects.exists()


def test_an_image_just_over_the_limit_is_refused_too(client, admin_user):
    client.force_login(admin_user)
    side = int(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS**0.5) + 10
    upload(client, png(side, side))
    assert not get_image_model().objects.exists()


def test_an_ordinary_image_is_accepted(client, admin_user):
    client.force_login(admin_user)
    response = upload(client, png(800, 600), name="skaermbillede.png")
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 800


def test_pillow_itself_refuses_to_decode_a_bomb(tmp_path):
    path = tmp_path / "bombe.png"
    path.write_bytes(png(20_000, 20_000))  # 400 megapixels: over twice the limit
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(path)
