"""The measures the page tests rely on (sitebuild/readability.py) count what a reader reads."""

from __future__ import annotations

from sitebuild import readability


def test_code_alt_text_comments_and_tags_are_not_prose():
    page = "\n".join(
        [
            "A neuron adds its inputs.",
            "![A long description of the figure for a screen reader.](figures/x.svg)",
            "```python",
            ">>> many + words + of + code",
            "```",
            "<!-- a comment --> <div class='x'>Then</div> it squashes the sum, `sigmoid(z)`.",
        ]
    )
    assert readability.measure(page).words == 11  # `sigmoid(z)` is one word


def test_a_formula_and_a_number_written_in_are_one_word_each():
    assert readability.measure("The slope is $3u^2$, about {{ fig.slope:.2f }} here.").words == 7


def test_sentences_end_at_full_stops_headings_and_paragraphs():
    text = "# A heading\n\nOne sentence. Two sentences!\n\nA paragraph without a stop\n\nAnd the last one."
    assert readability.measure(text).sentences == 5


def test_long_sentences_of_long_words_grade_higher():
    plain = readability.measure("We take a step down the hill. Then we look again. We stop at the floor.")
    heavy = readability.measure(
        "Gradient descent iteratively updates the parameters proportionally to the negative gradient of "
        "the objective, converging for sufficiently small learning rates on smooth convex functions."
    )
    assert plain.grade < 3 < 14 < heavy.grade


def test_an_admonition_title_reads_as_a_sentence():
    box = '!!! warning "A learner believes this"\n    But it is not so.'
    assert readability.measure(box).sentences == 2


def test_before_the_maths_includes_the_answer_and_stops_at_the_maths(tmp_path):
    docs = tmp_path / "docs"
    (docs / "answers").mkdir(parents=True)
    (docs / "answers" / "p.md").write_text("Five words in the answer.\n", encoding="utf-8")
    page = '# P\n\n!!! abstract "The answer"\n    --8<-- "docs/answers/p.md"\n\n## See it\n\nThree more words.\n'
    page += "\n## The maths\n\nNot counted at all here.\n"
    head = readability.before_the_maths(page, docs)
    assert "Five words" in head and "Not counted" not in head
    assert readability.measure(head).words == 1 + 2 + 5 + 2 + 3  # title, box title, answer, heading, prose
