"""The chain-rule page's backward-pass stepper in Chromium, against `concepts.chain_rule`.

docs/javascripts/playground/backprop.js builds the page's graph, L = (relu(w·x + b) − target)² + w², with
the engine's `Value` and takes its backward pass one node per press of Step. Here the same graph is built
with `concepts.chain_rule.Value`, and the page must agree: its rows are the nodes in forward order and are
visited in the reverse of `topological_order`; after the last step each gradient cell holds the gradient
`concepts` computes (the full number, in data-grad, to 1e-12 relative; the text shown is rounded); w's
gradient is the sum of what its two paths bring, and the sentence says so; a new w gives that w's
gradients; Reset empties them; at a phone's 390 px the page does not scroll sideways, and the keyboard
steps.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from concepts.chain_rule import Value, example_graph, topological_order
from sitebuild.audit import phone, run_axe
from sitebuild.values import load
from sitebuild.variants import MIN_TEXT_PX

pytestmark = pytest.mark.browser

NAMES = ("w", "x", "b", "p", "z", "a", "e", "s", "r", "L")  # the figure's names, in forward order
FIGURE = "chain_rule_graph"  # its numbers: figures/chain_rule_graph.values.json

# The smallest font size of the stepper's text, in CSS px.
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll(".nn-backprop *")]
  .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim()) || el.matches("input"))
  .map((el) => parseFloat(getComputedStyle(el).fontSize)))"""

ROWS = """() => [...document.querySelectorAll(".nn-backprop tbody tr")].map((tr) => {
  const grad = tr.querySelector(".nn-bp-grad"), value = tr.querySelector("td");
  return {node: tr.dataset.node, value: value.dataset.value, valueText: value.textContent,
          grad: grad.dataset.grad ?? null, gradText: grad.textContent, visit: tr.dataset.visit ?? null,
          current: tr.getAttribute("aria-current") === "step", arrived: JSON.parse(tr.dataset.arrived)};
})"""


def graph(w: float, x: float, b: float, target: float) -> dict[str, Value]:
    """The page's graph in `concepts`, by the figure's names, after `L.backward()`."""
    nodes = example_graph(w, x, b, target)
    assert tuple(nodes) == NAMES
    return nodes


def number(text: str) -> float:
    """A number as the page prints it (a real minus sign)."""
    return float(text.replace("\N{MINUS SIGN}", "-"))


def shown(v: float) -> str:
    """`v` as the stepper's sentences print a plain number: 4 significant digits, a real minus sign."""
    return f"{v:.4g}".replace("-", "\N{MINUS SIGN}")


@pytest.fixture
def open_page(browser: Browser, served_site: str) -> Iterator:
    """Opens the chain-rule page (at a viewport size) with its stepper built; no console error by the end."""
    contexts, errors = [], []

    def opener(viewport: dict | None = None, color_scheme: str = "light") -> Page:
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught {error.name}: {error.message}"))
        page.goto(served_site + "chain-rule/", wait_until="load")
        page.wait_for_selector(".nn-backprop.nn-bp-ready tbody tr", state="attached", timeout=10000)
        page.locator(".nn-backprop").scroll_into_view_if_needed()  # drawn: the article's blocks wait for the screen
        return page

    yield opener
    for context in contexts:
        context.close()
    assert errors == [], errors


def inputs(page: Page) -> dict[str, float]:
    """w, x, b and the target as the page gives them to the stepper (its data attributes)."""
    root = page.locator(".nn-backprop")
    return {name: number(root.get_attribute(f"data-{name}")) for name in ("w", "x", "b", "target")}


def rows(page: Page) -> list[dict]:
    return page.evaluate(ROWS)


def press(page: Page, name: str) -> None:
    page.locator(".nn-backprop").get_by_role("button", name=name, exact=True).click()


def sentence(page: Page) -> str:
    return page.locator(".nn-bp-say").inner_text()


def assert_gradients_are_concepts(page: Page, nodes: dict[str, Value]) -> None:
    for row in rows(page):
        node = nodes[row["node"]]
        assert row["grad"] is not None, f"{row['node']}: no gradient after the last step"
        assert math.isclose(float(row["value"]), node.data, rel_tol=1e-12, abs_tol=1e-300), (row, node.data)
        assert math.isclose(float(row["grad"]), node.grad, rel_tol=1e-12, abs_tol=1e-300), (row, node.grad)
        assert math.isclose(number(row["gradText"]), node.grad, rel_tol=1e-3, abs_tol=1e-12), row  # 4 digits shown


def test_the_stepper_starts_from_the_figures_numbers(open_page) -> None:
    page = open_page()
    saved = load()[FIGURE]
    assert inputs(page) == {name: saved[name] for name in ("w", "x", "b", "target")}
    fields = {"w": "w (weight)", "x": "x (input)", "b": "b (bias)"}
    assert {name: float(page.get_by_label(label).input_value()) for name, label in fields.items()} == {
        name: saved[name] for name in fields
    }
    found = rows(page)
    assert [row["node"] for row in found] == list(NAMES)
    assert all(row["grad"] is None and row["gradText"] == "not yet" and not row["current"] for row in found)


def test_rows_are_in_forward_order_and_steps_visit_them_in_reverse_topological_order(open_page) -> None:
    page = open_page()
    nodes = graph(**inputs(page))
    name_of = {id(node): name for name, node in nodes.items()}
    forward = [name_of[id(node)] for node in topological_order(nodes["L"])]
    assert [row["node"] for row in rows(page)] == forward
    step = page.locator(".nn-backprop").get_by_role("button", name="Step", exact=True)
    visited = []
    while step.is_enabled():
        step.click()
        found = rows(page)
        current = [row for row in found if row["current"]]
        assert len(current) == 1, f"one row is the one being visited, not {len(current)}"
        visited.append(current[0]["node"])
        assert current[0]["visit"] == str(len(visited))
        assert sentence(page).startswith(f"Step {len(visited)} of {len(forward)}: {visited[-1]} ")
        not_yet = {row["node"] for row in found if row["grad"] is None}
        assert not_yet == set(forward) - set(visited), "a gradient is shown only once its node is visited"
        assert len(visited) <= len(forward), "Step is still enabled after every node was visited"
    assert visited == forward[::-1]


def test_after_the_last_step_every_gradient_is_the_one_concepts_computes(open_page) -> None:
    page = open_page()
    nodes = graph(**inputs(page))
    for _ in NAMES:
        press(page, "Step")
    assert page.locator(".nn-backprop").get_by_role("button", name="Step", exact=True).is_disabled()
    assert_gradients_are_concepts(page, nodes)


def test_w_gets_the_sum_of_its_two_paths_and_the_sentence_says_so(open_page) -> None:
    page = open_page()
    nodes = graph(**inputs(page))
    paths = {  # what each node using w passes back to it: its gradient times its local rate for w
        name: node.grad * local
        for name, node in nodes.items()
        for child, local in zip(node.inputs, node.local_grads, strict=True)
        if child is nodes["w"]
    }
    assert set(paths) == {"p", "r"}
    press(page, "Run to the end")
    w = next(row for row in rows(page) if row["node"] == "w")
    arrived = {a["from"]: a["amount"] for a in w["arrived"]}
    assert arrived.keys() == paths.keys()
    for name, amount in paths.items():
        assert math.isclose(arrived[name], amount, rel_tol=1e-12, abs_tol=1e-300), (name, arrived, paths)
    assert math.isclose(float(w["grad"]), math.fsum(arrived.values()), rel_tol=1e-12, abs_tol=1e-300)
    assert w["current"] and w["visit"] == str(len(NAMES)), "w is visited last"
    said = sentence(page)
    assert "two paths add" in said, said
    for name, amount in paths.items():
        assert f"{shown(amount)} from {name}" in said, said
    assert "dL/dw = " in said and f" = {shown(nodes['w'].grad)}." in said, said


@pytest.mark.parametrize(
    ("field", "label", "value"),
    [("w", "w (weight)", 1.3), ("w", "w (weight)", 0.1), ("b", "b (bias)", 0.75)],  # w = 0.1: the ReLU is off
)
def test_a_new_input_gives_the_gradients_concepts_computes_for_it(open_page, field, label, value) -> None:
    page = open_page()
    press(page, "Step")
    page.get_by_label(label).fill(str(value))
    assert all(row["grad"] is None and not row["current"] for row in rows(page)), "a new input starts a new pass"
    press(page, "Run to the end")
    nodes = graph(**{**inputs(page), field: value})
    assert_gradients_are_concepts(page, nodes)
    if value == 0.1:
        assert nodes["a"].data == 0 and nodes["x"].grad == 0  # the case meant: only the penalty's path is left


def test_reset_empties_the_gradients(open_page) -> None:
    page = open_page()
    press(page, "Run to the end")
    assert all(row["grad"] is not None for row in rows(page))
    press(page, "Reset")
    found = rows(page)
    assert all(row["grad"] is None and row["gradText"] == "not yet" for row in found)
    assert not any(row["current"] or row["visit"] or row["arrived"] for row in found)
    assert page.locator(".nn-backprop").get_by_role("button", name="Step", exact=True).is_enabled()
    press(page, "Step")
    assert [row["node"] for row in rows(page) if row["current"]] == ["L"]


def test_mounting_again_builds_nothing_twice(open_page) -> None:
    page = open_page()
    page.evaluate("() => window.NNBackprop.mount(document.querySelector('.nn-backprop'))")
    assert page.locator(".nn-backprop table").count() == 1
    assert page.locator(".nn-backprop").get_by_role("button", name="Step", exact=True).count() == 1


def test_at_390_px_the_page_does_not_scroll_sideways_and_the_keyboard_steps(open_page) -> None:
    page = open_page(phone())
    assert page.evaluate("() => document.documentElement.scrollWidth") <= phone()["width"]
    assert page.evaluate(SMALLEST_TEXT) >= MIN_TEXT_PX
    box = page.locator(".nn-bp-scroll")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    step = page.locator(".nn-backprop").get_by_role("button", name="Step", exact=True)
    step.focus()
    page.keyboard.press("Enter")
    assert [row["node"] for row in rows(page) if row["current"]] == ["L"]
    assert sentence(page).startswith(f"Step 1 of {len(NAMES)}: L ")
    for _ in NAMES[1:]:
        page.keyboard.press("Enter")
    assert all(row["grad"] is not None for row in rows(page))
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Reset", "when Step is disabled at the end, the focus moves to Reset, not to the page"
    page.keyboard.press("Enter")  # Reset
    assert all(row["grad"] is None for row in rows(page))
    page.keyboard.press("Shift+Tab")  # back to "Run to the end", enabled again
    assert page.evaluate("() => document.activeElement.textContent") == "Run to the end"
    page.keyboard.press("Space")
    assert all(row["grad"] is not None for row in rows(page))
    assert page.evaluate("() => document.activeElement.textContent") == "Reset"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= phone()["width"]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_nothing_with_rows_visited_being_visited_and_waiting(open_page, palette) -> None:
    """WCAG 2.1 A/AA, colours included: the highlighted row, the visited rows and "not yet" in each palette."""
    page = open_page(color_scheme=palette)
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == {"light": "default", "dark": "slate"}[palette]
    for _ in range(len(NAMES) // 2):
        press(page, "Step")
    assert {bool(row["grad"]) for row in rows(page)} == {True, False}
    violations = run_axe(page)
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} -- {v['nodes'][:4]}" for v in violations)
