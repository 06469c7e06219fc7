"""Branding (#15 part 7): where a theme comes from, and a logo checked by its bytes."""

from __future__ import annotations

import base64
import functools
import os
import struct
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmctl.batch import branded
from cjmctl.journey import loader, logoimage
from cjmctl.journey.branding import (
    LOGO_HINT,
    MAX_LOGO_SIDE,
    Brand,
    Logo,
    LogoError,
    layered,
    media_type,
)
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.theme import Theme
from cjmctl.journey.themefile import read_theme_file
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk with its CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 2, height: int = 1, idat: bytes | None = None) -> bytes:
    """A whole PNG, every chunk with its CRC; its pixels, unless `idat` is given instead."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if idat is None:
        idat = zlib.compress(b"".join(b"\x00" + b"\x0b\x4f\x8a" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@functools.cache
def png_bomb() -> bytes:
    """A real 20000 x 20000 PNG, black and white: 48 KB on disk, 1.6 GB once a browser decodes."""
    side = 20000
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit a pixel, grey
    deflate = zlib.compressobj()
    rows = (b"\x00" * (1 + side // 8)) * 1000
    idat = b"".join(deflate.compress(rows) for _ in range(side // 1000)) + deflate.flush()
    assert len(idat) < 64 * 1024
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def jpeg(width: int = 2, height: int = 1, frame: bytes = b"\xff\xc0") -> bytes:
    """A JPEG's markers up to its frame header (`frame`, SOF0 unless told), then its end."""
    sof = frame + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def riff(*chunks: tuple[bytes, bytes]) -> bytes:
    """A WebP file of these (fourcc, payload) chunks, each padded to an even length."""
    body = b"".join(k + struct.pack("<I", len(d)) + d + b"\x00" * (len(d) & 1) for k, d in chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def vp8l(width: int, height: int, signature: int = 0x2F) -> bytes:
    """A lossless WebP's header: its signature, then width and height less one in 14 bits."""
    return riff((b"VP8L", bytes([signature]) + struct.pack("<I", (width - 1) | (height - 1) << 14)))


JPEG = jpeg()
WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
"""A whole 1 x 1 lossless (VP8L) WebP, the one Modernizr tests browsers with."""
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

JOURNEY = """cjm: 1
title: Branded
owner: Brand team
theme:
  palette:
    accent: "#0b4f8a"
  logo: {logo}
stages:
  - name: A
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder (`maps/` with its cjmctl.yaml): what logos must stay inside."""
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "cjmctl.yaml").write_text("project: 1\ntitle: Maps\n", encoding="utf-8")
    return folder


def journey_with(project: Path, logo: str, data: bytes | None = None) -> Path:
    if data is not None:
        (project / logo).parent.mkdir(parents=True, exist_ok=True)
        (project / logo).write_bytes(data)
    path = project / "journey.yaml"
    path.write_text(JOURNEY.format(logo=logo), encoding="utf-8")
    return path


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(JourneyError) as caught:
        loader.read(path)
    return caught.value.diagnostics


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("logo.png", png(), "image/png"),
        ("logo.jpg", JPEG, "image/jpeg"),
        ("l.webp", WEBP, "image/webp"),
        ("wide.png", png(MAX_LOGO_SIDE, 1), "image/png"),
        ("tall.webp", vp8l(1, MAX_LOGO_SIDE), "image/webp"),
    ],
)
def test_a_png_jpeg_or_webp_logo_is_read_with_its_bytes_and_type(
    project: Path, name: str, data: bytes, kind: str
) -> None:
    document = loader.read(journey_with(project, f"brand/{name}", data))
    assert document.logo == Logo(data, kind)
    assert document.assets == (str(project / "brand" / name),)


def test_the_logo_is_embedded_as_a_data_uri_of_the_files_bytes(project: Path) -> None:
    data = png(3, 2)
    document = loader.read(journey_with(project, "logo.png", data))
    page = render(document.journey, branded(document, RenderOptions())).decode()
    prefix = '<img class="brand-logo" src="data:image/png;base64,'
    assert page.count(prefix) == 1
    encoded = page.split(prefix)[1].split('"')[0]
    assert base64.b64decode(encoded, validate=True) == data
    assert 'alt="Brand team">' in page.split(prefix)[1].split("\n")[0]
    assert "file:" not in page


CUT = "save or export the image again"
BIG_HINT = (
    "every page that shows the logo carries its bytes: use a smaller file "
    "(a logo 200 px wide is plenty)"
)
RELATIVE = "write it relative to the file that gives the theme, inside the project"
NOT = "not a PNG, JPEG or WebP image"
BIG = png()[:-12] + b"\x00" * (256 * 1024)  # starts as a PNG, larger than the limit
PIXELS = (
    "a browser decodes every pixel of the logo: scale the image down (a logo 200 px wide is plenty)"
)
FOLDER = "name the image file itself, with no '/' after its name (brand/logo.png)"


def damaged(name: str, kind: str) -> str:
    return f"the logo {name!r} is a {kind} image that is cut off or damaged"


def too_large(name: str, width: int, height: int) -> str:
    return f"the logo {name!r} is {width}x{height} px, larger than 4096 px on a side"


VP8_ZEROS = b"RIFF" + struct.pack("<I", 16) + b"WEBPVP8 " + b"\x00" * 8  # 24 bytes
VP8_KEY = b"\x30\x01\x00\x9d\x01\x2a"  # a key frame's tag, then its start code


@pytest.mark.parametrize(
    ("logo", "data", "message", "hint"),
    [
        ("logo.svg", SVG, f"the logo 'logo.svg' is an SVG image, {NOT}", LOGO_HINT),
        ("logo.png", SVG, f"the logo 'logo.png' is an SVG image, {NOT}", LOGO_HINT),
        (
            "logo.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
            f"the logo 'logo.gif' is a GIF image, {NOT}",
            LOGO_HINT,
        ),
        (
            "page.png",
            b"\n<!DOCTYPE html><p>hi",
            f"the logo 'page.png' is markup (HTML or XML), {NOT}",
            LOGO_HINT,
        ),
        ("noise.png", b"\x00\x01\x02", f"the logo 'noise.png' is {NOT}", LOGO_HINT),
        ("empty.png", b"", "the logo 'empty.png' is empty", LOGO_HINT),
        (
            "cut.png",
            png()[:-20],
            "the logo 'cut.png' is a PNG image that is cut off or damaged",
            CUT,
        ),
        (
            "cut.jpg",
            JPEG[:-2],
            "the logo 'cut.jpg' is a JPEG image that is cut off or damaged",
            CUT,
        ),
        (
            "cut.webp",
            WEBP[:-1],
            "the logo 'cut.webp' is a WebP image that is cut off or damaged",
            CUT,
        ),
        ("big.png", BIG, "the logo 'big.png' is larger than 256 KB", BIG_HINT),
        ("bomb.png", None, too_large("bomb.png", 20000, 20000), PIXELS),
        (
            "max.png",
            png(2**31 - 1, 2**31 - 1, zlib.compress(b"\x00" * 2048)),
            too_large("max.png", 2**31 - 1, 2**31 - 1),
            PIXELS,
        ),
        ("wide.png", png(MAX_LOGO_SIDE + 1, 1), too_large("wide.png", 4097, 1), PIXELS),
        ("zero.png", png(0, 1), damaged("zero.png", "PNG"), CUT),
        ("wide.jpg", jpeg(65535, 10), too_large("wide.jpg", 65535, 10), PIXELS),
        ("prog.jpg", jpeg(10, 5000, b"\xff\xc2"), too_large("prog.jpg", 10, 5000), PIXELS),
        ("nosof.jpg", JPEG[:20] + b"\xff\xd9", damaged("nosof.jpg", "JPEG"), CUT),
        ("noheight.jpg", jpeg(10, 0), damaged("noheight.jpg", "JPEG"), CUT),
        ("tall.webp", vp8l(1, 16384), too_large("tall.webp", 1, 16384), PIXELS),
        ("sig.webp", vp8l(1, 1, 0x2E), damaged("sig.webp", "WebP"), CUT),
        ("zeros.webp", VP8_ZEROS, damaged("zeros.webp", "WebP"), CUT),
        (
            "nostart.webp",
            riff((b"VP8 ", b"\x30\x01\x00" + b"\x00" * 7)),
            damaged("nostart.webp", "WebP"),
            CUT,
        ),
        (
            "lossy.webp",
            riff((b"VP8 ", VP8_KEY + struct.pack("<HH", 5000, 1) + b"\x00" * 8)),
            too_large("lossy.webp", 5000, 1),
            PIXELS,
        ),
        (
            "canvas.webp",
            riff(
                (b"VP8X", b"\x00" * 4 + (2**24 - 1).to_bytes(3, "little") + b"\x00" * 3),
                (b"VP8L", vp8l(1, 1)[20:]),
            ),
            too_large("canvas.webp", 2**24, 1),
            PIXELS,
        ),
        (
            "empty.webp",
            riff((b"VP8X", b"\x00" * 10)),
            damaged("empty.webp", "WebP"),
            CUT,
        ),
        ("logo.png/", png(), "the logo's path 'logo.png/' names a folder, not a file", FOLDER),
        ("logo.png/.", png(), "the logo's path 'logo.png/.' names a folder, not a file", FOLDER),
        (
            "missing.png",
            None,
            "cannot read 'missing.png': No such file or directory",
            "paths are relative to the file that names them",
        ),
        ("/etc/logo.png", None, "the logo's path '/etc/logo.png' is absolute", RELATIVE),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_a_logo_that_is_no_whole_png_jpeg_or_webp_is_refused_at_theme_logo(
    project: Path, logo: str, data: bytes | None, message: str, hint: str
) -> None:
    path = journey_with(project, logo, png_bomb() if logo == "bomb.png" else data)
    assert problems(path) == [
        Diagnostic(str(path), 7, 9, message, "theme.logo", hint, "error", "logo")
    ]


def test_a_logo_that_is_a_pipe_is_not_a_regular_file_and_is_never_waited_on(
    project: Path,
) -> None:
    os.mkfifo(project / "pipe.png")
    path = journey_with(project, "pipe.png")
    writer = os.open(project / "pipe.png", os.O_RDWR)  # a writer that never writes: reads block
    found: list[list[Diagnostic]] = []
    try:
        reading = threading.Thread(target=lambda: found.append(problems(path)), daemon=True)
        reading.start()
        reading.join(timeout=30)
    finally:
        os.close(writer)
    assert not reading.is_alive(), "the loader waited on the pipe"
    assert found == [
        [
            Diagnostic(
                str(path),
                7,
                9,
                "'pipe.png' is not a regular file",
                "theme.logo",
                "name the image file itself, not a pipe, a socket or a device",
                "error",
                "logo",
            )
        ]
    ]


def test_a_theme_files_logo_too_large_is_refused_at_its_logo_key(tmp_path: Path) -> None:
    (tmp_path / "wide.webp").write_bytes(vp8l(8000, 2))
    theme = tmp_path / "theme.yaml"
    theme.write_text('palette: {accent: "#ffd43b"}\nlogo: wide.webp\n', encoding="utf-8")
    with pytest.raises(JourneyError) as caught:
        read_theme_file(theme)
    assert caught.value.diagnostics == [
        Diagnostic(
            str(theme), 2, 7, too_large("wide.webp", 8000, 2), "logo", PIXELS, "error", "logo"
        )
    ]


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(3, 2), (3, 2)),
        (jpeg(300, 200), (300, 200)),
        (jpeg(7, 9, b"\xff\xcf"), (7, 9)),  # SOF15, lossless arithmetic
        (jpeg(5, 4).replace(b"\xff\xc0", b"\xff\xff\xc0"), (5, 4)),  # a fill byte first
        (vp8l(300, 200), (300, 200)),
        (
            riff((b"VP8 ", VP8_KEY + struct.pack("<HH", 300 | 0x4000, 200) + b"\x00" * 4)),
            (300, 200),
        ),
    ],
)
def test_the_pixel_size_is_read_from_the_images_header(data: bytes, size: tuple[int, int]) -> None:
    """The size a decoder reads: PNG's IHDR, any SOFn, VP8L's 14-bit fields, VP8's scale bits."""
    assert media_type(data, "logo") in {"image/png", "image/jpeg", "image/webp"}
    assert size == (
        logoimage.png_size(data) or logoimage.jpeg_size(data) or logoimage.webp_size(data)
    )


@given(st.binary(max_size=64), st.sampled_from([b"", png()[:8], b"\xff\xd8\xff", b"RIFF"]))
def test_any_bytes_are_an_image_or_a_logo_error_never_a_crash(tail: bytes, head: bytes) -> None:
    message = "accepted"
    try:
        media_type(head + tail, "logo")
    except LogoError as error:
        message = error.message
    assert message == "accepted" or message.startswith("the logo 'logo' is ")


def test_a_logo_outside_the_project_is_refused_by_dots_and_by_a_link(project: Path) -> None:
    (project.parent / "outside.png").write_bytes(png())
    (project / "linked.png").symlink_to(project.parent / "outside.png")
    hint = (
        "keep data and shared files inside the project (or the repository), or name another "
        "folder with `cjmctl --data-root DIR`"
    )
    for ref in ("../outside.png", "linked.png"):
        path = journey_with(project, ref)
        message = f"{ref!r} is outside {project}, the folder data files are read from"
        assert problems(path) == [
            Diagnostic(str(path), 7, 9, message, "theme.logo", hint, "error", "logo")
        ]


def test_a_logo_inside_the_project_may_be_named_through_dots(project: Path) -> None:
    (project / "brand").mkdir()
    (project / "brand" / "logo.png").write_bytes(png())
    (project / "journeys").mkdir()
    path = project / "journeys" / "j.yaml"
    path.write_text(JOURNEY.format(logo="../brand/logo.png"), encoding="utf-8")
    assert loader.read(path).logo == Logo(png(), "image/png")


def test_media_type_reads_the_bytes_not_the_name() -> None:
    assert media_type(png(), "logo.svg") == "image/png"
    with pytest.raises(Exception, match="is an SVG image"):
        media_type(SVG, "logo.png")


SHARED = """theme:
  palette:
    accent: "#2b8a3e"
    stages: ["#5f3dc4", "#e67700"]
  fonts:
    body: [Inter]
  logo: brand/logo.png
"""


def shared_project(project: Path, *journeys: tuple[str, str]) -> list[Path]:
    (project / "shared" / "brand").mkdir(parents=True)
    (project / "shared" / "brand" / "logo.png").write_bytes(png())
    (project / "shared" / "theme.yaml").write_text(SHARED, encoding="utf-8")
    (project / "cjmctl.yaml").write_text(
        "project: 1\ntitle: Maps\nshared: [shared/theme.yaml]\n", encoding="utf-8"
    )
    paths = []
    for name, text in journeys:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
        paths.append(project / name)
    return paths


PLAIN = "cjm: 1\ntitle: {title}\nstages:\n  - name: A\n"


def test_a_shared_theme_applies_to_every_journey_that_reads_it(project: Path) -> None:
    paths = shared_project(
        project, ("a.yaml", PLAIN.format(title="A")), ("deep/b.yaml", PLAIN.format(title="B"))
    )
    for path in paths:
        document = loader.read(path)
        theme = document.journey.theme
        assert theme is not None
        assert (theme.palette.accent, theme.palette.stages) == ("#2b8a3e", ["#5f3dc4", "#e67700"])
        assert document.logo == Logo(png(), "image/png")  # relative to the shared file
        page = render(document.journey, branded(document, RenderOptions())).decode()
        assert "--theme-stage-1: #e67700;" in page
        assert 'font-family: "Inter", sans-serif;' in page


def test_a_journeys_own_theme_changes_the_shared_one_field_by_field(project: Path) -> None:
    own = PLAIN.format(title="A") + 'theme:\n  palette:\n    accent: "#c92a2a"\n'
    (path,) = shared_project(project, ("a.yaml", own))
    theme = loader.read(path).journey.theme
    assert theme is not None
    assert theme.palette.accent == "#c92a2a"  # the journey's
    assert theme.palette.stages == ["#5f3dc4", "#e67700"]  # the shared file's
    assert (theme.fonts.body, theme.logo) == (["Inter"], "brand/logo.png")


def test_a_bad_colour_of_a_shared_theme_is_reported_in_the_shared_file(project: Path) -> None:
    (path,) = shared_project(project, ("a.yaml", PLAIN.format(title="A")))
    shared = project / "shared" / "theme.yaml"
    shared.write_text(SHARED.replace('"#2b8a3e"', "green"), encoding="utf-8")
    found = problems(path)
    assert [(d.file, d.line, d.column, d.message) for d in found] == [
        (
            str(shared),
            3,
            13,
            f"'green' is not a colour written as #rrggbb (used by {path})",
        )
    ]


def test_a_second_shared_file_with_a_theme_is_an_error_naming_the_first(project: Path) -> None:
    (path,) = shared_project(
        project, ("a.yaml", PLAIN.format(title="A") + "include: [more.yaml]\n")
    )
    (project / "more.yaml").write_text('theme: {palette: {accent: "#000000"}}\n', "utf-8")
    shown = str(project / "shared" / "theme.yaml")
    assert problems(path) == [
        Diagnostic(
            str(project / "more.yaml"),
            1,
            1,
            f"a theme is already given in {shown}:1:1 (used by {path})",
            "",
            "a journey takes one shared theme: keep it in one shared file, and change its "
            "fields in the journey's own `theme:`",
            "error",
            "duplicate-theme",
        )
    ]


@pytest.mark.parametrize(
    ("yaml", "column", "path", "message"),
    [
        (
            'palette: {accent: "red; } body { display: none"}',
            19,
            "palette.accent",
            "'red; } body { display: none' is not a colour written as #rrggbb",
        ),
        (
            'palette: {stages: ["#0b4f8a;}"]}',
            20,
            "palette.stages[0]",
            "'#0b4f8a;}' is not a colour written as #rrggbb",
        ),
        (
            "fonts: {body: ['Arial\", x']}",
            16,
            "fonts.body[0]",
            "'Arial\", x' is not the name of a font family",
        ),
        (
            "fonts: {headings: ['A</style><script>']}",
            20,
            "fonts.headings[0]",
            "'A</style><script>' is not the name of a font family",
        ),
        (
            "fonts: {body: ['Inter, serif']}",
            16,
            "fonts.body[0]",
            "'Inter, serif' is not the name of a font family",
        ),
    ],
)
def test_css_in_a_colour_or_font_name_is_refused_by_the_patterns(
    tmp_path: Path, yaml: str, column: int, path: str, message: str
) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text(yaml + "\n", encoding="utf-8")
    with pytest.raises(JourneyError) as caught:
        read_theme_file(theme)
    (found,) = caught.value.diagnostics
    assert (found.file, found.line, found.column, found.path, found.message, found.rule) == (
        str(theme),
        1,
        column,
        path,
        message,
        "value",
    )
    journey = tmp_path / "j.yaml"
    journey.write_text(PLAIN.format(title="J") + "theme: {" + yaml + "}\n", encoding="utf-8")
    assert [(d.path, d.message) for d in problems(journey)] == [(f"theme.{path}", message)]


def test_an_unquoted_hash_colour_is_said_to_be_a_comment(tmp_path: Path) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_text(
        PLAIN.format(title="J") + "theme:\n  palette:\n    accent: #0b4f8a\n", "utf-8"
    )
    assert problems(journey) == [
        Diagnostic(
            str(journey),
            7,
            12,
            "no colour here: YAML reads an unquoted # as the start of a comment",
            "theme.palette.accent",
            'quote the colour: "#0b5cad"',
            "error",
            "value",
        )
    ]


def test_a_theme_file_gives_a_brand_with_its_own_logo(tmp_path: Path) -> None:
    (tmp_path / "logo.jpg").write_bytes(JPEG)
    theme = tmp_path / "theme.yaml"
    theme.write_text('palette: {accent: "#ffd43b"}\nlogo: logo.jpg\n', encoding="utf-8")
    brand = read_theme_file(theme)
    assert brand == Brand(
        Theme.model_validate({"palette": {"accent": "#ffd43b"}, "logo": "logo.jpg"}),
        Logo(JPEG, "image/jpeg"),
    )
    theme.write_text("palette: {accent: '#ffd43b'}\nlogo: gone.png\nfont: x\n", encoding="utf-8")
    with pytest.raises(JourneyError) as caught:
        read_theme_file(theme)
    assert [(d.line, d.column, d.path, d.message) for d in caught.value.diagnostics] == [
        (3, 1, "font", "unknown key 'font'")
    ]


def test_the_theme_file_wins_field_by_field_and_its_logo_replaces_the_journeys() -> None:
    journey = Theme.model_validate(
        {"palette": {"accent": "#000000", "stages": ["#ffffff"]}, "logo": "a.png"}
    )
    over = Brand(
        Theme.model_validate({"palette": {"accent": "#c92a2a"}, "logo": "b.png"}),
        Logo(b"b", "image/png"),
    )
    brand = layered(journey, Logo(b"a", "image/png"), over)
    assert brand is not None
    assert (brand.theme.palette.accent, brand.theme.palette.stages) == ("#c92a2a", ["#ffffff"])
    assert brand.logo == Logo(b"b", "image/png")
    keeps = layered(
        journey,
        Logo(b"a", "image/png"),
        Brand(Theme.model_validate({"fonts": {"body": ["Inter"]}})),
    )
    assert keeps is not None
    assert keeps.logo == Logo(b"a", "image/png")
    assert layered(None, None, None) is None
    assert layered(None, None, over) == over


def test_render_theme_overrides_the_journeys_colours(
    cli: Callable[..., tuple[int, str]], project: Path, tmp_path: Path
) -> None:
    path = journey_with(project, "logo.png", png())
    (tmp_path / "other.png").write_bytes(JPEG)
    theme = tmp_path / "corporate.yaml"
    theme.write_text(
        "palette: {accent: '#e67700', stages: ['#1c7ed6']}\nlogo: other.png\n", "utf-8"
    )
    out = tmp_path / "out.html"
    code, output = cli("render", str(path), "--theme", str(theme), "-o", str(out), "-q")
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    assert "--theme-accent: #e67700;" in page
    assert "#0b4f8a" not in page
    assert "--theme-stage-0: #1c7ed6;" in page
    assert "data:image/jpeg;base64," + base64.b64encode(JPEG).decode() in page
    code, output = cli("render", str(path), "--theme", str(theme), "-f", "json", "-o", "-")
    assert code == 2
    assert "it applies to html, map-pdf only, not to json" in output


def test_a_broken_theme_file_stops_the_render_with_its_position(
    cli: Callable[..., tuple[int, str]], project: Path, tmp_path: Path
) -> None:
    path = journey_with(project, "logo.png", png())
    theme = tmp_path / "theme.yaml"
    theme.write_text("palette:\n  accent: blue\n", encoding="utf-8")
    code, output = cli("render", str(path), "--theme", str(theme), "-o", str(tmp_path / "x.html"))
    assert code == 1
    assert output.startswith(
        f"{theme}:2:11: error: palette.accent: 'blue' is not a colour written as #rrggbb [value]"
    )
    assert not (tmp_path / "x.html").exists()


def test_a_journey_from_bytes_alone_is_drawn_without_its_logo() -> None:
    document = loader.read_bytes(JOURNEY.format(logo="logo.png").encode(), "<stdin>")
    assert (document.logo, document.assets) == (None, ())
    page = render(document.journey, branded(document, RenderOptions())).decode()
    assert "--theme-accent: #0b4f8a;" in page
    assert "<img" not in page


def test_the_site_renders_a_journey_again_when_its_logo_changes(
    cli: Callable[..., tuple[int, str]], project: Path, tmp_path: Path
) -> None:
    journey_with(project, "logo.png", png(1, 1))
    out = tmp_path / "public"
    assert cli("site", str(project), "-o", str(out), "--today", "2026-10-01", "-q")[0] == 0
    (project / "logo.png").write_bytes(png(4, 4))
    assert cli("site", str(project), "-o", str(out), "--today", "2026-10-01", "-q")[0] == 0
    page = (out / "journey.html").read_text(encoding="utf-8")
    assert base64.b64encode(png(4, 4)).decode() in page
    theme = tmp_path / "theme.yaml"
    theme.write_text("palette: {stages: ['#5f3dc4']}\n", encoding="utf-8")
    code, output = cli(
        "site", str(project), "-o", str(out), "--today", "2026-10-01", "--theme", str(theme)
    )
    assert code == 0, output
    assert "--theme-stage-0: #5f3dc4;" in (out / "journey.html").read_text(encoding="utf-8")
