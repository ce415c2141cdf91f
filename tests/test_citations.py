"""Citations derived from Akoma Ntoso eIds."""

import pytest

from normkg.citations import citation


@pytest.mark.parametrize("eid, en, fr", [
    ("art_11", "art. 11", "art. 11"),
    ("art_7__para_1__point_a", "art. 7(1)(a)", "art. 7(1)(a)"),
    ("art_23__para_7", "art. 23(7)", "art. 23(7)"),
    ("sec_3__para_q__subpara_i", "s. 3(q)(i)", "art. 3(q)(i)"),
    ("action_11__para_30__point_a", "action 11, para. 30(a)", "mesure 11, par. 30(a)"),
    ("preamble__rec_1", "preamble, recital 1", "préambule, considérant 1"),
])
def test_citation(eid, en, fr):
    assert citation(eid, "en") == en
    assert citation(eid, "fr") == fr
