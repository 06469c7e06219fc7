"""The JSON export: the validated, normalised journey as one JSON document, for other tools.

Normalised means what the loader made of the file: derived ids filled in, a single string given
for a list turned into a list, defaults written out and dates in ISO form. Keys follow the
model's field order, so the output is stable and diffs well; the text is UTF-8, not escaped.
Metric values read from `metric_files` are merged into `values` and shared parts written in
full, and both lists of files are written empty: the document stands alone, and read back as a
journey it does not count them twice.
"""

from __future__ import annotations

import json

from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions


def to_json(journey: Journey) -> str:
    """Write the journey as indented JSON ending in a newline."""
    document = journey.model_dump(mode="json") | {"include": [], "metric_files": []}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Render the journey as JSON; the options do not apply."""
    return to_json(journey).encode("utf-8")
