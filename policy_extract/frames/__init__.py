"""Time frames: the genre, reference date and nested spans that decide status and period.

GUIDELINES §1 settles a figure's status and period by the time frame it stands in, not only
by the words beside it: a work report reviews year Y-1 under ``一、2023年工作回顾`` and plans
year Y under ``二、2024年工作安排``; a bulletin is about the year its title names; a plan's
``现实基础`` reviews the previous plan period; ``到2020年`` governs the list it introduces.

This stage runs before status and period are decided (:mod:`..components.quantities`).
It builds, once per document:

* the **genre** (report, plan, notice, bulletin, news, review) from the headline and opening,
  with the rule that decided it (:mod:`.genre`);
* the **reference date**: the given date, else the dateline, else the text's own
  (``2024年3月5日在…会议上``) (:mod:`.refdate`);
* **frames**: spans with a status lean and a period, from the genre (the whole text), from
  headings (their section) and from scope phrases (their sentence, or the list they
  introduce) (:mod:`.spans`). Frames nest; the innermost wins.

A figure keeps the status or period of a cue of its own; where it has none, its innermost
frame decides, and the evidence names the frame (``frame:<rule>:<cue>``).
"""

from __future__ import annotations

from .model import Frame, TimeFrames
from .build import build_frames, load_frame_rules

__all__ = ["Frame", "TimeFrames", "build_frames", "load_frame_rules"]
