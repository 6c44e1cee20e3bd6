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
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from sitebuild.audit import phone, run_axe
from sitebuild.variants import MIN_TEXT_PX

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
    assert result["worst"] <= json.loads(VECTORS.read_text(encoding="utf-8"))["tolerance"] <= 1e-12


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


@pytest.mark.parametrize(("init", "value"), [("zeros", 0.0), ("constant", 0.5)])
def test_constant_starts_are_the_same_number_everywhere(engine_page: Page, init: str, value: float) -> None:
    """concepts' `zeros` and `initializer("constant", value=0.5)`: every weight that number, every bias 0."""
    drawn = engine_page.evaluate(
        "init => { const s = NNEngine.INITIALIZERS[init], rng = new NNEngine.Rng(1);"
        " return [Array.from(s.weights(16, 8, rng)), Array.from(s.bias(16, 8, rng))]; }",
        init,
    )
    assert drawn[0] == [value] * 128 and drawn[1] == [0.0] * 8


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


# --- the page ------------------------------------------------------------------------------------

PLAYGROUND = "playground/"
# question page -> the presets it links to
PRESET_LINKS = {
    "neuron/": {"zero-start"},
    "learning-rate/": {"rate-above-2-over-L", "rate-below-2-over-L"},
    "initialization/": {"he-depth-10", "fixed-depth-10"},
    "loss/": {"cross-entropy", "squared-error"},
    "chain-rule/": {"sigmoid-depth"},
}


def open_playground(page: Page, url: str) -> dict:
    """Go to `url` (the playground, or a link to it), wait for it to mount; return the mounted object's
    settings."""
    page.goto(url)
    page.wait_for_selector(".nn-playground.nn-ready", timeout=15000)
    return page.evaluate("() => document.querySelector('.nn-playground').nnPlayground.settings")


TRAIN = """(steps) => { const pg = document.querySelector('.nn-playground').nnPlayground;
  pg.advance(steps); pg.draw(); return pg.trainer.step; }"""
STATE = """() => { const pg = document.querySelector('.nn-playground').nnPlayground, t = pg.trainer;
  const st = t.layerStatistics();
  return {step: t.step, held: t.evaluate(t.held).accuracy, train: t.evaluate(t.train).accuracy,
          loss: t.evaluate(t.train).loss, diverged: pg.diverged, lr: t.settings.lr, sharpness: pg.sharpness,
          spread: st.activationStd, grad: st.gradNorm,
          wrong: pg.settings.loss === 'mse' ? null : pg.confidentlyWrong(),
          W: t.net.W.map(w => Array.from(w)), b: t.net.b.map(b => Array.from(b)), sizes: t.sizes}; }"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert not errors, errors


def test_default_settings_learn_two_moons(page: Page, served_site: str) -> None:
    """Pressing Train with the default settings runs the whole run in the page and reaches at least 97 %
    on the held-out points, which training never sees."""
    settings = open_playground(page, served_site + PLAYGROUND)
    assert settings["data"] == "moons"
    page.get_by_role("button", name="Train", exact=True).click()
    page.wait_for_function(
        "steps => document.querySelector('.nn-pg-status').dataset.step === String(steps)", arg=settings["steps"],
        timeout=60000,
    )  # fmt: skip
    held = float(page.locator(".nn-pg-status").get_attribute("data-held-accuracy"))
    assert held >= 0.97, page.locator(".nn-pg-status").text_content()
    status = page.locator(".nn-pg-status").text_content()
    assert "of the held-out points" in status
    # a screen reader hears the result once training stops, not every frame of it
    assert page.locator(".nn-pg-sr[role=status]").text_content() == status


def test_the_address_carries_the_settings(page: Page, served_site: str) -> None:
    """A changed setting is written into the address at once; opening that address restores it; a value
    the playground cannot use is named, and the default kept."""
    open_playground(page, served_site + PLAYGROUND)
    page.get_by_label("Loss", exact=True).select_option("mse_probability")
    page.get_by_label("Hidden layers", exact=True).select_option("3")
    address = page.evaluate("location.href")
    assert "loss=mse_probability" in address and "layers=16-16-16" in address
    settings = open_playground(page, address)
    assert settings["loss"] == "mse_probability" and settings["hidden"] == [16, 16, 16]
    assert page.get_by_label("Loss", exact=True).input_value() == "mse_probability"
    page.get_by_label("Data set", exact=True).select_option("spiral")  # comes with the noise suggested for it
    suggested = page.evaluate("NNEngine.DATASETS.spiral.noise")
    assert f"data=spiral&noise={suggested:g}" in page.evaluate("location.search")
    assert page.locator(".nn-pg-field output").first.text_content() == f"{suggested:g}"
    settings = open_playground(page, served_site + PLAYGROUND + "?lr=fast&act=swish&layers=4-4")
    note = page.locator(".nn-pg-note").text_content()
    assert "lr=fast" in note and "act=swish" in note
    assert settings["lr"] == 0.01 and settings["activation"] == "tanh" and settings["hidden"] == [4, 4]


def test_every_question_page_links_its_presets(page: Page, served_site: str) -> None:
    """Each question page links to the playground with the presets that make its point, and each link
    names a preset the playground has."""
    for url, expected in PRESET_LINKS.items():
        page.goto(served_site + url)
        hrefs = page.eval_on_selector_all("article a[href*='playground']", "links => links.map(a => a.href)")
        found = {parse_qs(urlsplit(h).query).get("preset", [""])[0] for h in hrefs} - {""}
        assert found == expected, f"{url}: links to presets {found}, expected {expected}"
        known = open_playground(page, hrefs[-1]) and page.evaluate("Object.keys(NNPlayground.PRESETS)")
        assert expected <= set(known)


def _preset(page: Page, served_site: str, name: str, steps: int = 0) -> tuple[dict, dict]:
    """The preset's state at its start and after `steps` steps."""
    open_playground(page, f"{served_site}{PLAYGROUND}?preset={name}")
    start = page.evaluate(STATE)
    if steps:
        page.evaluate(TRAIN, steps)
    return start, page.evaluate(STATE)


def test_zero_start_hidden_neurons_stay_equal(page: Page, served_site: str) -> None:
    """From all-zero weights every hidden neuron has the same weights and bias after training as the
    others in its layer (here all still 0), and the network is no better than chance."""
    _, end = _preset(page, served_site, "zero-start", 300)
    assert end["step"] == 300
    for layer, (w, b) in enumerate(zip(end["W"][:-1], end["b"][:-1])):
        fan_out = end["sizes"][layer + 1]
        columns = {tuple(w[i * fan_out + j] for i in range(end["sizes"][layer])) for j in range(fan_out)}
        assert len(columns) == 1 and len(set(b)) == 1, f"hidden layer {layer + 1}: the neurons differ"
    assert end["held"] < 0.6


def test_rate_above_two_over_l_diverges_and_below_settles(page: Page, served_site: str) -> None:
    """The presets set the rate from the data's own 2/L (shown on the page): 5 % above it the loss grows
    by orders of magnitude; 5 % below it falls."""
    start, end = _preset(page, served_site, "rate-above-2-over-L", 250)
    assert start["lr"] > 2 / start["sharpness"]
    assert end["loss"] > 1e6 * start["loss"] or end["diverged"]
    assert "2/L" in page.locator(".nn-pg-limit").first.text_content()
    start, end = _preset(page, served_site, "rate-below-2-over-L", 250)
    assert start["lr"] < 2 / start["sharpness"]
    assert end["loss"] < start["loss"] and not end["diverged"]


def test_he_keeps_the_signal_through_ten_layers_and_a_fixed_range_loses_it(page: Page, served_site: str) -> None:
    """At the start the outputs' spread at layer 10 is over a tenth of layer 1's from He's start, under a
    thousandth from the fixed range; with the same SGD, He's network learns and the other does not."""
    he_start, he_end = _preset(page, served_site, "he-depth-10", 150)
    fixed_start, fixed_end = _preset(page, served_site, "fixed-depth-10", 150)
    assert len(he_start["spread"]) == len(fixed_start["spread"]) == 10
    assert he_start["spread"][-1] > 0.1 * he_start["spread"][0]
    assert fixed_start["spread"][-1] < 1e-3 * fixed_start["spread"][0]
    assert he_end["train"] >= 0.95 and fixed_end["train"] <= 0.6


def test_cross_entropy_pushes_confidently_wrong_points_and_squared_error_barely(page: Page, served_site: str) -> None:
    """From the same start, confidently wrong about many points: cross-entropy's push on them is close to
    1, the squared error of the probability's is a few hundredths, and cross-entropy ends ahead."""
    ce_start, ce_end = _preset(page, served_site, "cross-entropy", 1000)
    se_start, se_end = _preset(page, served_site, "squared-error", 1000)
    assert ce_start["W"] == se_start["W"] and ce_start["wrong"]["count"] == se_start["wrong"]["count"] >= 10
    assert ce_start["wrong"]["push"] > 0.95 and se_start["wrong"]["push"] < 0.1
    assert ce_end["train"] > se_end["train"]


def test_sigmoid_layers_make_the_gradient_fade(page: Page, served_site: str) -> None:
    """Through eight sigmoid layers the first layer's weight gradient is under a thousandth of the last
    hidden layer's, as the page's table shows."""
    start, _ = _preset(page, served_site, "sigmoid-depth")
    grad = start["grad"]
    assert len(grad) == 9 and grad[0] < 1e-3 * grad[-2]
    assert page.locator(".nn-pg-layers tbody tr").count() == 9


def test_playground_scripts_load_only_on_the_playground(browser: Browser, served_site: str) -> None:
    """Other pages fetch neither playground.js nor its stylesheet; the playground fetches both, from the
    site itself."""
    for url, wanted in (("neuron/", False), ("learning-rate/", False), (PLAYGROUND, True)):
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(served_site + url)
        page.wait_for_load_state("load")
        if wanted:
            page.wait_for_selector(".nn-playground.nn-ready")
        loaded = [r for r in requests if r.endswith(("playground.js", "playground.css"))]
        assert bool(loaded) == wanted and len(loaded) in (0, 2), f"{url}: {loaded}"
        assert all(r.startswith(served_site) for r in loaded)
        context.close()


def test_playground_trains_from_disk_in_the_offline_edition(browser: Browser, offline_site: Path) -> None:
    """Opened from file://, the playground mounts and a step trains."""
    page = browser.new_page()
    page.goto((offline_site / "playground.html").as_uri() + "?preset=zero-start")
    page.wait_for_selector(".nn-playground.nn-ready", timeout=15000)
    page.get_by_role("button", name="One step").click()
    assert page.locator(".nn-pg-status").get_attribute("data-step") == "1"
    page.close()


CHART_TEXT_PX = """() => { const svg = document.querySelector('.nn-pg-chart');
  const scale = svg.getBoundingClientRect().width / 340;
  return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)); }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("preset", ["rate-above-2-over-L", "cross-entropy"])
def test_playground_in_use_passes_axe_and_reads_on_a_phone(
    browser: Browser, served_site: str, scheme: str, preset: str
) -> None:
    """With everything shown (a preset's note, the 2/L line, the confidently wrong points, a diverged run),
    axe finds no WCAG 2.1 A/AA violation in either palette; at 390 px nothing makes the page scroll
    sideways and the chart's text is at least 9 CSS px."""
    context = browser.new_context(viewport=phone(), color_scheme=scheme)
    page = context.new_page()
    open_playground(page, f"{served_site}{PLAYGROUND}?preset={preset}")
    page.evaluate(TRAIN, 250)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == ("slate" if scheme == "dark" else "default")
    problems = [f"{v['id']} ({v['impact']}): {v['help']} -- {', '.join(v['nodes'][:4])}" for v in run_axe(page)]
    assert not problems
    assert page.evaluate("document.documentElement.scrollWidth") <= phone()["width"]
    assert page.evaluate(CHART_TEXT_PX) >= MIN_TEXT_PX
    context.close()


CORNER = "() => Array.from(document.querySelector('.nn-pg-canvas').getContext('2d').getImageData(1, 1, 1, 1).data)"


def test_the_boundary_is_redrawn_in_the_palette_the_reader_switches_to(page: Page, served_site: str) -> None:
    """Before training the network is unsure everywhere, so the picture shows the page's own ground:
    light in the light palette, dark once the reader switches (the canvas is redrawn, not left light)."""
    open_playground(page, served_site + PLAYGROUND)
    assert min(page.evaluate(CORNER)[:3]) > 200
    page.locator('form[data-md-component="palette"] label:visible').click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(f"() => Math.max(...({CORNER})().slice(0, 3)) < 80")


def test_a_preset_link_opens_the_playground_through_instant_navigation(page: Page, served_site: str) -> None:
    """Clicking a question page's preset link (Material's instant navigation swaps the page in place)
    mounts the playground with the preset's settings, and its address keeps them."""
    page.goto(served_site + "neuron/")
    page.wait_for_load_state("load")
    page.evaluate("window.nnSamePage = true")  # gone if the browser loaded a new document
    page.locator("article a[href*='preset=zero-start']").first.click()
    page.wait_for_selector(".nn-playground.nn-ready", timeout=15000)
    assert page.evaluate("window.nnSamePage === true"), "the link reloaded the page instead of navigating in place"
    assert page.evaluate("document.querySelector('.nn-playground').nnPlayground.settings.init") == "zeros"
    assert "init=zeros" in page.evaluate("location.search")
