"""render/environment.py: the filters every template (the theme's and a project's own) formats with."""
from __future__ import annotations

import datetime
from pathlib import Path

from generator.render.environment import make_environment


def test_templates_format_counts_times_dates_and_numbers_as_every_block_does():
    env = make_environment(Path("."))
    template = env.from_string('{{ 1|aantal("segment", "segmenten") }}; {{ 9|aantal("segment", "segmenten") }}; '
                               '{{ "09:30"|tijd }}; {{ day|datum }}; {{ day|datum(weekday=true) }}; {{ 1234.5|getal }}')
    assert template.render(day=datetime.date(2024, 4, 22)) == \
        "1 segment; 9 segmenten; 09.30 uur; 22 april 2024; maandag 22 april 2024; 1.234,50"
