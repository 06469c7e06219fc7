"""The theme on the HTML map: WCAG AA contrast of every colour pair it draws, fonts, emotions.

The rule applied: WCAG 2.x AA. Text (stage names, the eyebrow, overview band names; all under
18.66 px bold) needs 4.5:1 (1.4.3); a face's eyes, mouth and outline on its fill are graphical
objects and need 3:1 (1.4.11).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cjmctl.batch import branded
from cjmctl.journey import loader
from cjmctl.journey.branding import Brand
from cjmctl.journey.model import Journey
from cjmctl.journey.theme import Theme
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.emotion import COLOURS
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.themed import GRAPHIC, TEXT, contrast, font_stack, ink, look, luminance
from tests.conftest import EXAMPLES, ROOT

TODAY = RenderOptions(today=date(2026, 10, 1))
COLOUR = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")
PALETTES = st.builds(
    lambda accent, stages, emotions: {"accent": accent, "stages": stages, "emotions": emotions},
    COLOUR,
    st.lists(COLOUR, min_size=1, max_size=8),
    st.lists(COLOUR, min_size=5, max_size=5),
)
JOURNEY = Journey.model_validate(
    {
        "cjm": 1,
        "title": "Palette",
        "stages": [
            {"id": f"s{i}", "name": f"S{i}", "touchpoints": [{"name": f"T{i}", "emotion": i - 2}]}
            for i in range(5)
        ],
    }
)


def test_the_contrast_ratio_is_wcags() -> None:
    assert luminance("#ffffff") == 1.0
    assert luminance("#000000") == 0.0
    assert contrast("#000000", "#ffffff") == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-too-light grey
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@given(COLOUR)
def test_black_or_white_on_any_colour_reaches_aa_for_text(background: str) -> None:
    chosen = ink(background)
    other = "#ffffff" if chosen == "#000000" else "#000000"
    assert contrast(chosen, background) >= max(TEXT, contrast(other, background))


def test_the_bank_branch_theme_meets_aa_on_every_pair_it_draws() -> None:
    document = loader.read(EXAMPLES / "bank-branch.yaml")
    options = branded(document, TODAY)
    shown = look(document.journey, options.theme, sorted(COLOURS))
    pairs = shown.pairs()
    # The eyebrow, each stage's head and overview band, and the faces of the five emotion bands.
    assert len(pairs) == 1 + 2 * 6 + 5
    for pair in pairs:
        assert contrast(pair.text, pair.background) >= pair.minimum, pair
    _page_declares_only_aa_pairs(render(document.journey, options).decode())


@given(PALETTES)
def test_any_palette_meets_aa_on_every_pair_it_draws(palette: dict[str, object]) -> None:
    brand = Brand(Theme.model_validate({"palette": palette}))
    shown = look(JOURNEY, brand, sorted(COLOURS))
    pairs = shown.pairs()
    stages, emotions = palette["stages"], palette["emotions"]
    assert isinstance(stages, list)
    assert isinstance(emotions, list)
    assert len(pairs) == 1 + 2 * len(stages) + 5
    for pair in pairs:
        assert contrast(pair.text, pair.background) >= pair.minimum, pair
    page = render(JOURNEY, replace(TODAY, theme=brand)).decode()
    _page_declares_only_aa_pairs(page)
    faces = re.findall(
        r'<g style="--face-ink: (#[0-9a-f]{6})">\s*<circle [^>]*fill="(#[0-9a-f]{6})"', page
    )
    assert faces, "no themed face"
    assert {fill for _, fill in faces} <= set(emotions)
    for face_ink, fill in faces:
        assert contrast(face_ink, fill) >= GRAPHIC


def _page_declares_only_aa_pairs(page: str) -> None:
    """Every theme colour the page's CSS sets has its text colour beside it, at 4.5:1 or more."""
    declared = dict(re.findall(r"--(theme-[a-z0-9-]+): (#[0-9a-f]{6});", page))
    colours = [name for name in declared if not name.endswith("-ink")]
    assert colours
    for name in colours:
        assert contrast(declared[f"{name}-ink"], declared[name]) >= TEXT, name
    # And the rules draw text in those ink colours only.
    for rule in re.findall(
        r"[^\n]*var\(--stage-ink\)[^\n]*|[^\n]*--theme-accent-ink\)[^\n]*", page
    ):
        assert "color" in rule or "fill" in rule


def _custom_properties(css: str, block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z0-9-]+): (#[0-9a-f]{6})", block))


def test_the_default_look_meets_aa_on_the_pairs_a_theme_would_replace() -> None:
    css = (ROOT / "cjmctl" / "templates" / "map.css").read_text(encoding="utf-8")
    light = _custom_properties(css, css.split("@media (prefers-color-scheme: dark)")[0])
    dark_block = css.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0]
    dark = {**light, **_custom_properties(css, dark_block)}
    for scheme in (light, dark):
        for hue in range(6):  # stage names and overview band names on the stage hues
            assert contrast(scheme["ink"], scheme[f"hue-{hue}"]) >= TEXT, (hue, scheme["ink"])
        assert contrast(scheme["muted"], scheme["bg"]) >= TEXT  # the eyebrow
    for colour in COLOURS.values():  # faces in the default emotion colours
        assert contrast(light["face-ink"], colour) >= GRAPHIC, colour


def test_a_font_stack_quotes_every_name_and_ends_with_a_generic_family() -> None:
    assert font_stack(["Source Sans 3", "Arial"]) == '"Source Sans 3", "Arial", sans-serif'
    assert font_stack(["Georgia", "serif"]) == '"Georgia", serif'
    assert font_stack(["system-ui"]) == "system-ui"


def test_the_theme_emotion_colours_replace_the_built_in_ones_on_the_map_only() -> None:
    emotions = ["#111111", "#222222", "#333333", "#444444", "#555555"]
    brand = Brand(Theme.model_validate({"palette": {"emotions": emotions}}))
    page = render(JOURNEY, replace(TODAY, theme=brand)).decode()
    plain = render(JOURNEY, TODAY).decode()
    for level, colour in zip(sorted(COLOURS), emotions, strict=True):
        assert f'fill="{colour}"' in page
        assert f'fill="{COLOURS[level]}"' not in page
        assert f'fill="{COLOURS[level]}"' in plain
    assert "--face-ink: #ffffff" in page  # white features on the darkest greys
    assert "--face-ink" not in plain.split("</style>")[1]


def test_without_a_brand_the_journeys_theme_is_drawn_without_its_logo() -> None:
    journey = loader.load(EXAMPLES / "bank-branch.yaml")
    page = render(journey, TODAY).decode()
    assert "--theme-stage-0: #0b4f8a;" in page
    assert "brand-logo" not in page.split("</style>")[1]
