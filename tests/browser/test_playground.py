"""The playground's engine against `concepts`, in Chromium; its random draws; its speed is in the audit.

`docs/javascripts/playground/engine.js` mirrors the parts of `concepts` the playground trains with.
scripts/values_playground.py exports what `concepts` computes (figures/playground.vectors.json); here
the engine runs in Chromium on the same inputs and must agree to 1e-12, relative to each array's
largest entry: every function, and whole training runs of 200 to 300 steps from the same weights on the
same batches. The engine's random draws come from its own seeded generator, not numpy's bit stream, so
they are checked by their moments against the distributions `concepts` defines.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "docs" / "javascripts" / "playground" / "engine.js"
CHECK = Path(__file__).with_name("playground_check.js")
VECTORS = ROOT / "figures" / "playground.vectors.json"
SECTIONS = ("activations", "losses", "networks", "optimizers", "schedules", "datasets", "sharpness", "values", "runs")


@pytest.fixture(scope="module")
def engine_page(browser: Browser):
    """A blank page with the engine and the checker loaded, and the vectors in `window.vectors`."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(path=str(ENGINE))
    page.add_script_tag(path=str(CHECK))
    page.evaluate("text => { window.vectors = JSON.parse(text); }", VECTORS.read_text(encoding="utf-8"))
    yield page
    page.close()


@pytest.mark.parametrize("section", SECTIONS)
def test_engine_equals_concepts(engine_page: Page, section: str) -> None:
    result = engine_page.evaluate("section => checkEngine(window.vectors, section)", section)
    assert result["compared"] > 0, f"{section}: nothing compared"
    assert not result["failures"], "\n".join(result["failures"])
    assert result["worst"] <= 1e-12


def test_the_vectors_cover_every_choice_the_playground_offers(engine_page: Page) -> None:
    """Every activation, loss, schedule and data set of the engine has vectors from `concepts`, and the
    training runs use every optimizer and loss."""
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    offered = engine_page.evaluate(
        "() => ({activations: Object.keys(NNEngine.ACTIVATIONS), losses: Object.keys(NNEngine.LOSSES),"
        " schedules: Object.keys(NNEngine.SCHEDULES), datasets: Object.keys(NNEngine.DATASETS)})"
    )
    assert set(offered["activations"]) - {"identity"} == set(vectors["activations"])
    assert set(offered["losses"]) == {c["loss"] for c in vectors["losses"]}
    assert set(offered["losses"]) == {r["settings"]["loss"] for r in vectors["runs"]}
    assert set(offered["schedules"]) == {c["schedule"] for c in vectors["schedules"]}
    assert set(offered["schedules"]) == {r["settings"]["schedule"] for r in vectors["runs"]}
    assert set(offered["datasets"]) == {c["data"] for c in vectors["datasets"]}
    assert {r["settings"]["optimizer"] for r in vectors["runs"]} == {"sgd", "adam"}


MOMENTS = """([init, fanIn, fanOut, count]) => {
  const rng = new NNEngine.Rng(7), scheme = NNEngine.INITIALIZERS[init];
  let n = 0, sum = 0, squares = 0, fourth = 0;
  while (n < count) {
    const w = scheme.weights(fanIn, fanOut, rng);
    for (const v of w) { n += 1; sum += v; squares += v * v; fourth += v ** 4; }
  }
  return {mean: sum / n, variance: squares / n - (sum / n) ** 2, fourth: fourth / n, n,
          expected: scheme.variance(fanIn, fanOut)};
}"""


@pytest.mark.parametrize("init", ["fixed", "std1", "xavier", "he", "pytorch"])
def test_random_starts_follow_the_initializers_distributions(engine_page: Page, init: str) -> None:
    """Mean 0, the variance `concepts` gives (SCHEMES[...].variance), and the fourth moment of the
    distribution's shape: 9/5 variance² for a uniform one, 3 variance² for a normal one."""
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    m = engine_page.evaluate(MOMENTS, [init, 16, 16, 200_000])
    expected = {(c["fan_in"], c["fan_out"]): c["variance"] for c in vectors["initializers"] if c["init"] == init}
    if expected:  # the schemes of concepts.initialization.SCHEMES
        assert m["expected"] == pytest.approx(expected[(16, 16)], rel=1e-15)
    else:  # PyTorch's default, MLP's own: U(-1/sqrt(n), 1/sqrt(n)), variance 1/(3n)
        assert m["expected"] == pytest.approx(1 / 48, rel=1e-15)
    variance, n = m["expected"], m["n"]
    uniform = init in ("fixed", "xavier", "pytorch")
    kurtosis = 9 / 5 if uniform else 3.0
    assert abs(m["mean"]) < 5 * math.sqrt(variance / n)
    assert m["variance"] == pytest.approx(variance, rel=5 * math.sqrt((kurtosis - 1) / n))
    assert m["fourth"] / variance**2 == pytest.approx(kurtosis, rel=0.03)


def test_noise_and_shuffles_are_random_but_reproducible(engine_page: Page) -> None:
    """The data's noise is normal with the std asked for; the same seed gives the same data, another
    seed other data; a permutation holds every index once."""
    result = engine_page.evaluate(
        """() => {
      const a = NNEngine.makeData("circles", 20000, 0.2, new NNEngine.Rng(3));
      const clean = NNEngine.DATASETS.circles.points(20000);
      let sum = 0, squares = 0;
      for (let i = 0; i < a.x.length; i++) { const d = a.x[i] - clean.x[i]; sum += d; squares += d * d; }
      const first = NNEngine.makeData("circles", 50, 0.2, new NNEngine.Rng(3));
      const again = NNEngine.makeData("circles", 50, 0.2, new NNEngine.Rng(3));
      const other = NNEngine.makeData("circles", 50, 0.2, new NNEngine.Rng(4));
      const perm = Array.from(new NNEngine.Rng(5).permutation(1000)).sort((p, q) => p - q);
      return {mean: sum / a.x.length, std: Math.sqrt(squares / a.x.length),
              same: Array.from(again.x).every((v, i) => v === first.x[i]),
              differs: Array.from(other.x).some((v, i) => v !== first.x[i]),
              permutation: perm.every((v, i) => v === i)};
    }"""
    )
    assert abs(result["mean"]) < 0.005
    assert result["std"] == pytest.approx(0.2, rel=0.01)
    assert result["same"] and result["differs"] and result["permutation"]
