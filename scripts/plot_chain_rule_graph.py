"""A computational graph after the backward pass: values, gradients, the order of the sweep.

L = (relu(w·x + b) − 1)² + w², a neuron's squared error plus a weight penalty. Each box shows a node's
value and its gradient dL/d(node); the circled number is when the backward pass reaches it. The weight
w reaches L by two paths, through the neuron and through the penalty: its gradient is the sum of what
the two paths bring, and it is visited last, once both have arrived. On a wide screen the graph runs
left to right; on a phone it is folded into three columns. Every number is computed by
`concepts.chain_rule`.

Conclusion: backpropagation visits each node once, after everything that depends on it, and adds up
the gradients that reach a node by different paths.
"""

# %%
from pathlib import Path

from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from concepts.chain_rule import Value, example_graph, topological_order
from sitebuild.figure_style import box, diagram, run, save, save_values

W, X, B, TARGET = 0.5, 2.0, -0.5, 1.0


def build() -> dict[str, Value]:
    """The graph, each node under the name the figure gives it; L.backward() already called."""
    return example_graph(W, X, B, TARGET)


FORMULA = {
    "w": "w",
    "x": "x",
    "b": "b",
    "p": "p = w·x",
    "z": "z = p + b",
    "a": "a = relu(z)",
    "e": f"e = a − {TARGET:g}",
    "s": "s = e²",
    "r": "r = w²",
    "L": "L = s + r",
}


def number(v: float, sign: str = "") -> str:
    return f"{v:{sign}g}".replace("-", "−")


# %% [markdown]
# Where each node sits. Wide: left to right, in axes units. Phone: folded into three columns, in inches
# (the axes fill the 3.5 in figure, so sizes are what the reader sees): the leaves at the top, the
# neuron down the left, the error along the bottom and up the right to L; the empty middle cell holds
# the labels of w's two edges.
#
#     x   w   .
#     p   .   r
#     z   b   L
#     a   e   s
# %%
WIDE_PLACES = {
    "figsize": (7.2, 3.6),
    "xlim": (-0.6, 8.2),
    "ylim": (-0.45, 3.9),
    "half": (0.52, 0.4),
    "radius": 0.17,
    "centers": {
        "w": (0.0, 2.95),
        "x": (0.0, 0.75),
        "p": (1.55, 1.75),
        "b": (1.55, 0.05),
        "z": (3.1, 0.95),
        "a": (4.55, 0.95),
        "e": (6.0, 0.95),
        "s": (7.45, 0.95),
        "r": (4.55, 2.95),
        "L": (7.45, 2.95),
    },
    "lines": (0.2, -0.02, -0.24),  # heights of formula, value and gradient, from the box centre
    "edge_label": {"p": (-0.45, -0.1), "r": (0.0, 0.2)},  # w's edge labels: offsets from the edge's middle
    "sum": (0.0, 2.95 + 0.4 + 0.2, "center"),  # above the circled number
    "key": (8.2, -0.45, "right", "value: forward pass    grad: dL/d(node)    numbered: order of the backward pass"),
    "fonts": {"text": 8, "visit": 8, "sum": 8.5, "key": 8},
}
COLUMNS, ROWS = (0.58, 1.75, 2.92), (3.6, 2.68, 1.76, 0.84)
GRID = {
    "x": (0, 0),
    "w": (1, 0),
    "p": (0, 1),
    "r": (2, 1),
    "z": (0, 2),
    "b": (1, 2),
    "L": (2, 2),
    "a": (0, 3),
    "e": (1, 3),
    "s": (2, 3),
}
NARROW_PLACES = {
    "figsize": (3.5, 4.3),
    "xlim": (0, 3.5),
    "ylim": (0, 4.3),
    "half": (0.44, 0.3),
    "radius": 0.1,
    "centers": {name: (COLUMNS[col], ROWS[row]) for name, (col, row) in GRID.items()},
    "lines": (0.15, -0.01, -0.17),
    "edge_label": {"p": (0.3, -0.3), "r": (-0.3, -0.3)},  # both in the empty middle cell
    "sum": (COLUMNS[1], ROWS[0] + 0.3 + 0.13, "center"),
    "key": (1.75, 0.05, "center", "value: forward pass    grad: dL/d(node)\nnumbered: order of the backward pass"),
    "fonts": {"text": 8, "visit": 7.5, "sum": 8.5, "key": 8},
}


# %% [markdown]
# The nodes: a box with formula, value and gradient; the circled number is its place in the backward pass.
# %%
def draw_nodes(ax, theme, places, nodes):
    visit = {id(v): k for k, v in enumerate(reversed(topological_order(nodes["L"])), 1)}
    accent, grad_color = theme.colors[2], theme.colors[1]
    half_w, half_h = places["half"]
    formula_y, value_y, grad_y = places["lines"]
    size = places["fonts"]["text"]
    boxes = {}
    for name, node in nodes.items():
        cx, cy = places["centers"][name]
        boxes[name] = FancyBboxPatch(
            (cx - half_w, cy - half_h),
            2 * half_w,
            2 * half_h,
            boxstyle="round,pad=0.04",
            facecolor=theme.panel,
            edgecolor=accent if name == "w" else theme.fg,
            linewidth=1.8 if name == "w" else 1.2,
            zorder=3,
        )
        ax.add_patch(boxes[name])
        ax.text(cx, cy + formula_y, FORMULA[name], ha="center", va="center", fontsize=size, fontweight="bold", zorder=4)
        ax.text(
            cx,
            cy + value_y,
            f"value {number(node.data)}",
            ha="center",
            va="center",
            fontsize=size,
            color=theme.colors[0],
            zorder=4,
        )
        ax.text(
            cx,
            cy + grad_y,
            f"grad {number(node.grad)}",
            ha="center",
            va="center",
            fontsize=size,
            color=grad_color,
            zorder=4,
        )
        corner = (cx + half_w, cy + half_h)
        ax.add_patch(Circle(corner, places["radius"], facecolor=grad_color, edgecolor="none", zorder=5))
        ax.text(
            *corner,
            str(visit[id(node)]),
            ha="center",
            va="center",
            fontsize=places["fonts"]["visit"],
            color=theme.panel,
            fontweight="bold",
            zorder=6,
        )
    return boxes


# %% [markdown]
# The edges, input to result; w's two edges are highlighted and labelled with what each path brings to
# dL/dw: the gradient upstream times the local derivative.
# %%
def draw_edges(ax, theme, places, nodes, boxes):
    name_of = {id(v): name for name, v in nodes.items()}
    centers, accent = places["centers"], theme.colors[2]
    shares = []
    for name, node in nodes.items():
        for child, local in zip(node.inputs, node.local_grads):
            source = name_of[id(child)]
            from_w = source == "w"
            ax.add_patch(
                FancyArrowPatch(
                    centers[source],
                    centers[name],
                    patchA=boxes[source],
                    patchB=boxes[name],
                    arrowstyle="-|>",
                    mutation_scale=11,
                    zorder=2,
                    color=accent if from_w else theme.muted,
                    linewidth=2.0 if from_w else 1.2,
                )
            )
            if from_w:
                shares.append(node.grad * local)
                (x0, y0), (x1, y1) = centers[source], centers[name]
                dx, dy = places["edge_label"][name]
                ax.text(
                    (x0 + x1) / 2 + dx,
                    (y0 + y1) / 2 + dy,
                    f"{number(node.grad)} × {number(local)}",
                    ha="center",
                    va="center",
                    fontsize=places["fonts"]["text"],
                    color=accent,
                    bbox=box(theme),
                    zorder=4,
                )
    return shares


# %% [markdown]
# The sum over w's two paths, above w, and a key to the boxes.
# %%
def draw_sum_and_key(ax, theme, places, nodes, shares):
    x, y, ha = places["sum"]
    ax.text(
        x,
        y,
        f"dL/dw = {' + '.join(number(v) for v in shares)} = {number(nodes['w'].grad)}",
        ha=ha,
        va="bottom",
        fontsize=places["fonts"]["sum"],
        color=theme.colors[2],
        fontweight="bold",
    )
    x, y, ha, text = places["key"]
    ax.text(x, y, text, ha=ha, va="bottom", fontsize=places["fonts"]["key"], color=theme.muted, multialignment="center")


# %%
def draw(theme, layout):
    nodes = build()
    places = NARROW_PLACES if layout.narrow else WIDE_PLACES
    fig, ax = diagram(places["figsize"], places["xlim"], places["ylim"], layout.narrow)
    boxes = draw_nodes(ax, theme, places, nodes)
    shares = draw_edges(ax, theme, places, nodes, boxes)
    draw_sum_and_key(ax, theme, places, nodes, shares)
    return fig


# %% [markdown]
# The numbers the page states about the figure, in its alt text and its prose: the inputs, the number
# of nodes and where w comes in the backward order, and what each of w's two paths brings to dL/dw
# (the gradient that reaches the node using w, times that node's local derivative with respect to w).
# %%
def path_through(user: Value, w: Value) -> tuple[float, float]:
    """(dL/d(user), d(user)/dw): the two factors of what the path through `user` brings to dL/dw."""
    local = sum(d for child, d in zip(user.inputs, user.local_grads) if child is w)
    return user.grad, local


def numbers() -> dict:
    nodes = build()
    order = list(reversed(topological_order(nodes["L"])))
    neuron_upstream, neuron_local = path_through(nodes["p"], nodes["w"])
    penalty_upstream, penalty_local = path_through(nodes["r"], nodes["w"])
    return {
        "w": W,
        "x": X,
        "b": B,
        "target": TARGET,
        "nodes": len(order),
        "w_visit": order.index(nodes["w"]) + 1,
        "neuron_upstream": neuron_upstream,
        "neuron_local": neuron_local,
        "neuron_share": neuron_upstream * neuron_local,
        "penalty_upstream": penalty_upstream,
        "penalty_local": penalty_local,
        "penalty_share": penalty_upstream * penalty_local,
        "w_grad": nodes["w"].grad,
    }


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_graph") + save_values(numbers(), out_dir / "chain_rule_graph")


if __name__ == "__main__":
    run(main, draw)
