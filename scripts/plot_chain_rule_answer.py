"""The chain rule on three nodes: forward values, backward gradients.

x goes forward through u = x² and L = u³, and each node keeps its value and its local derivative.
Backward, each node multiplies the gradient that reaches it by its local derivative: dL/du = 3u², then
dL/dx = dL/du · 2x. On a wide screen the nodes stand in a row (forward to the right, backward to the
left); on a phone they stand in a column (forward down, backward up). Every number is computed by
`concepts.chain_rule.Value`.

Conclusion: a gradient is a product of local derivatives, collected by one sweep back through the graph.
"""

# %%
from itertools import pairwise
from pathlib import Path

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from concepts.chain_rule import Value
from sitebuild.figure_style import box, diagram, run, save, save_values

X = 2.0


def forward_and_backward() -> tuple[Value, Value, Value]:
    x = Value(X, label="x")
    u = x**2
    loss = u**3
    loss.backward()
    return x, u, loss


# %% [markdown]
# Where things go. Wide: nodes in a row, in axes units; phone: nodes in a column, in inches (the axes fill
# the 3.5 in figure), so that each text keeps its size.
# %%
WIDE_PLACES = {
    "figsize": (7.2, 2.75),
    "xlim": (0, 9.45),
    "ylim": (0, 3.5),
    "size": (1.6, 0.95),
    "centers": [(2.75, 1.775), (5.6, 1.775), (8.45, 1.775)],
    "gradient": (0.0, -0.775, "center", "top"),  # gradient label: offset from the centre, alignment
    # arrow ends: offsets from the centres of the earlier and the later node it joins
    "forward": ((0.25, 0.975), (-0.25, 0.975)),
    "backward": ((0.25, -1.525), (-0.25, -1.525)),
    "forward_text": (0.0, 0.12, "center", "bottom"),
    "backward_text": (0.0, 0.12, "center", "bottom"),
    "notes": [
        (0.0, 2.75, "forward", "forward:\nvalues"),
        (0.0, 1.77, "muted", "each node keeps\nits local\nderivative"),
        (0.0, 0.45, "backward", "backward:\ngradient ×\nlocal derivative"),
    ],
    "fonts": {"name": 10.5, "value": 9.5, "gradient": 9.5, "edge": 9.5, "note": 9},
}
NARROW_PLACES = {
    "figsize": (3.5, 4.5),
    "xlim": (0, 3.5),
    "ylim": (0, 4.5),
    "size": (1.25, 0.62),
    "centers": [(0.95, 3.3), (0.95, 1.95), (0.95, 0.6)],
    "gradient": (0.78, 0.0, "left", "center"),
    "forward": ((-0.2, -0.36), (-0.2, 0.36)),
    "backward": ((0.2, -0.36), (0.2, 0.36)),
    "forward_text": (-0.1, 0.0, "right", "center"),
    "backward_text": (0.1, 0.0, "left", "center"),
    "notes": [
        (0.15, 4.36, "forward", "forward ↓ values"),
        (0.15, 4.14, "backward", "backward ↑ gradient × local derivative"),
        (0.15, 3.92, "muted", "each node keeps its local derivative"),
    ],
    "fonts": {"name": 10, "value": 9, "gradient": 9, "edge": 8.5, "note": 8.5},
}


# %% [markdown]
# The nodes: each box shows its formula and its value (forward); its gradient stands beside it (backward).
# %%
def draw_nodes(ax, theme, places, nodes):
    width, height = places["size"]
    dx, dy, ha, va = places["gradient"]
    fonts = places["fonts"]
    for (name, value, gradient), (cx, cy) in zip(nodes, places["centers"]):
        ax.add_patch(
            FancyBboxPatch(
                (cx - width / 2, cy - height / 2),
                width,
                height,
                boxstyle="round,pad=0.06",
                facecolor=theme.panel,
                edgecolor=theme.fg,
                linewidth=1.4,
            )
        )
        ax.text(cx, cy + height * 0.18, name, ha="center", va="center", fontsize=fonts["name"], fontweight="bold")
        ax.text(
            cx,
            cy - height * 0.24,
            f"value {value.data:g}",
            ha="center",
            va="center",
            fontsize=fonts["value"],
            color=theme.colors[0],
        )
        ax.text(
            cx + dx, cy + dy, gradient, ha=ha, va=va, fontsize=fonts["gradient"], color=theme.colors[1], bbox=box(theme)
        )


# %% [markdown]
# The arrows between nodes: forward with the operation, backward with the local derivative it multiplies by.
# %%
def draw_arrows(ax, theme, places, forward_labels, backward_labels):
    centers = places["centers"]
    for direction, labels, color in (
        ("forward", forward_labels, theme.colors[0]),
        ("backward", backward_labels, theme.colors[1]),
    ):
        (dx0, dy0), (dx1, dy1) = places[direction]
        tx, ty, ha, va = places[f"{direction}_text"]
        for (earlier, later), text in zip(pairwise(centers), labels):
            start, end = (earlier[0] + dx0, earlier[1] + dy0), (later[0] + dx1, later[1] + dy1)
            if direction == "backward":
                start, end = end, start
            ax.add_patch(
                FancyArrowPatch(
                    start, end, arrowstyle="-|>", mutation_scale=13, color=color, linewidth=1.8, shrinkA=0, shrinkB=0
                )
            )
            middle = ((start[0] + end[0]) / 2 + tx, (start[1] + end[1]) / 2 + ty)
            ax.text(*middle, text, ha=ha, va=va, fontsize=places["fonts"]["edge"], color=color)


# %% [markdown]
# The notes that say what each direction carries.
# %%
def draw_notes(ax, theme, places):
    colors = {"forward": theme.colors[0], "backward": theme.colors[1], "muted": theme.muted}
    for x, y, kind, text in places["notes"]:
        ax.text(x, y, text, ha="left", va="center", fontsize=places["fonts"]["note"], color=colors[kind])


# %%
def draw(theme, layout):
    x, u, loss = forward_and_backward()
    (du_dx,), (dl_du,) = u.local_grads, loss.local_grads  # kept by each node in the forward pass
    nodes = [
        ("x", x, f"dL/dx = {u.grad:g} × {du_dx:g} = {x.grad:g}"),
        ("u = x²", u, f"dL/du = {loss.grad:g} × {dl_du:g} = {u.grad:g}"),
        ("L = u³", loss, f"dL/dL = {loss.grad:g}"),
    ]
    places = NARROW_PLACES if layout.narrow else WIDE_PLACES
    fig, ax = diagram(places["figsize"], places["xlim"], places["ylim"], layout.narrow)
    draw_nodes(ax, theme, places, nodes)
    draw_arrows(ax, theme, places, ["square", "cube"], [f"× du/dx = 2x = {du_dx:g}", f"× dL/du = 3u² = {dl_du:g}"])
    draw_notes(ax, theme, places)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text: each node's value, the local
# derivatives the backward arrows multiply by, and the gradients they give.
# %%
def numbers() -> dict:
    x, u, loss = forward_and_backward()
    (du_dx,), (dl_du,) = u.local_grads, loss.local_grads
    return {
        "x": x.data,
        "u": u.data,
        "loss": loss.data,
        "du_dx": du_dx,
        "dl_du": dl_du,
        "u_grad": u.grad,
        "x_grad": x.grad,
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_answer") + save_values(numbers(), out_dir / "chain_rule_answer")


if __name__ == "__main__":
    run(main, draw)
