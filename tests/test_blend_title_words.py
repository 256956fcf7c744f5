"""A blend's title is made of the engine's words, so the app says its strengths in the person's
language (repair and detail, as its sliders name them) wherever it names the models that ran;
the command line keeps saying it in English."""

from dataclasses import replace

from engine.chain import ModelChain
from engine.library.loading import open_model
from engine.words import in_words
from tests.test_blend import builtin_dir  # noqa: F401 (a fixture)

CHINESE = {
    "{model} ({strengths})": "{model}（{strengths}）",
    "{first}, {then}": "{first}，{then}",
    "repair {share:.0%}": "修复 {share:.0%}",
    "detail {share:.0%}": "细节 {share:.0%}",
    "{earlier} -> {later}": "{earlier} → {later}",
}
"""The engine catalogue's templates that name a blend and a chain, as a catalogue words them."""


def in_chinese(text: str) -> str:
    return in_words(text, lambda template: CHINESE.get(template, template))


def test_a_blend_s_title_is_said_in_the_language_shown(builtin_dir):  # noqa: F811
    both = open_model("restore-x4", repair=0.75, detail=0.5).descriptor.display_name
    assert both == "restore-x4 (repair 75%, detail 50%)"
    assert in_chinese(both) == "restore-x4（修复 75%，细节 50%）"
    repair = open_model("restore-x4", repair=0.75).descriptor.display_name
    assert repair == "restore-x4 (repair 75%)"
    assert in_chinese(repair) == "restore-x4（修复 75%）"
    detail = open_model("faithful-x4", detail=0.3).descriptor.display_name
    assert in_chinese(detail) == "faithful-x4（细节 30%）"


def test_a_chain_names_its_blend_in_the_language_shown(builtin_dir):  # noqa: F811
    blended = open_model("restore-x4", repair=0.75)
    alone = ModelChain(blended).display_name
    assert in_chinese(alone) == "restore-x4（修复 75%）"
    corner = open_model("faithful-x4")
    stage = replace(corner, descriptor=replace(corner.descriptor, scale=1, title="Clean-up 1x"))
    chain = ModelChain(blended, before=(stage,), after=(stage,))
    assert chain.display_name == "Clean-up 1x -> restore-x4 (repair 75%) -> Clean-up 1x"
    assert in_chinese(chain.display_name) == "Clean-up 1x → restore-x4（修复 75%） → Clean-up 1x"
