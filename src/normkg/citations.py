"""Readable citations of provisions ("art. 7(1)(a)", "s. 3(1)(r)"), derived from their Akoma Ntoso
eIds at build time, so curators never type them and they cannot drift from the eId."""

from __future__ import annotations

# How the first level of an eId is cited, in English and French; deeper levels are "(n)".
FIRST_LEVEL = {
    "art": ("art.", "art."),
    "sec": ("s.", "art."),
    "action": ("action", "mesure"),
    "area": ("policy area", "domaine stratégique"),
    "para": ("para.", "par."),
    "preamble": ("preamble", "préambule"),
    "rec": ("recital", "considérant"),
    "chp": ("chapter", "chapitre"),
    "principle": ("principle", "principe"),
}
# Levels cited with their own name rather than in brackets when they follow the first level.
NAMED_LEVELS = {"para": ("para.", "par."), "rec": ("recital", "considérant")}


def citation(eid: str, lang: str = "en") -> str:
    """The citation of a provision from its eId, e.g. art_23__para_7 -> 'art. 23(7)'."""
    which = 0 if lang == "en" else 1
    levels = [level.partition("_") for level in eid.split("__")]
    kind, _, number = levels[0]
    names = FIRST_LEVEL.get(kind)
    text = f"{names[which]} {number}".strip() if names else f"{kind} {number}".strip()
    for kind, _, number in levels[1:]:
        if kind in NAMED_LEVELS and levels[0][0] not in ("art", "sec"):
            text += f", {NAMED_LEVELS[kind][which]} {number}"
        else:
            text += f"({number})"
    return text
