"""A computational graph after the backward pass: values, gradients, the order of the sweep.

L = (relu(w·x + b) − 1)² + w², a neuron's squared error plus a weight penalty, with w = 0.5, x = 2,
b = −0.5. Each box shows a node's value and its gradient dL/d(node); the circled number is when the
backward pass reaches it. The weight w reaches L by two paths, through the neuron and through the
penalty: its gradient is the sum of the two, −2 + 1 = −1, and it is visited last, once both have
arrived. Every number is computed by `concepts.chain_rule`.
"""

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from concepts.chain_rule import Value, topological_order
from sitebuild.figure_style import box, run, save

W, X, B, TARGET = 0.5, 2.0, -0.5, 1.0


def build() -> dict[str, Value]:
    """The graph, each node under the name the figure gives it; L.backward() already called."""
    w, x, b = Value(W, label="w"), Value(X, label="x"), Value(B, label="b")
    p = w * x
    z = p + b
    a = z.relu()
    e = a - TARGET
    s = e**2
    r = w**2
    loss = s + r
    loss.backward()
    return {"w": w, "x": x, "b": b, "p": p, "z": z, "a": a, "e": e, "s": s, "r": r, "L": loss}


# where each node sits, and the formula it shows
LAYOUT = {
    "w": ((0.0, 2.95), "w"), "x": ((0.0, 0.75), "x"), "p": ((1.55, 1.75), "p = w·x"),
    "b": ((1.55, 0.05), "b"), "z": ((3.1, 0.95), "z = p + b"), "a": ((4.55, 0.95), "a = relu(z)"),
    "e": ((6.0, 0.95), f"e = a − {TARGET:g}"), "s": ((7.45, 0.95), "s = e²"),
    "r": ((4.55, 2.95), "r = w²"), "L": ((7.45, 2.95), "L = s + r"),
}
HALF_W, HALF_H = 0.52, 0.4
LABEL_OFFSET = {"p": (-0.45, -0.1), "r": (0.0, 0.2)}  # where the labels of w's two edges sit


def number(v: float, sign: str = "") -> str:
    return f"{v:{sign}g}".replace("-", "−")


def draw(theme):
    nodes = build()
    name_of = {id(v): name for name, v in nodes.items()}
    visit = {id(v): k for k, v in enumerate(reversed(topological_order(nodes["L"])), 1)}
    fig, ax = plt.subplots(figsize=(7.2, 3.6), layout="constrained")
    ax.set(xlim=(-0.6, 8.2), ylim=(-0.45, 3.9), aspect="equal")
    ax.axis("off")
    accent, grad_color = theme.colors[2], theme.colors[1]

    boxes = {}
    for name, node in nodes.items():
        (cx, cy), formula = LAYOUT[name]
        boxes[name] = FancyBboxPatch((cx - HALF_W, cy - HALF_H), 2 * HALF_W, 2 * HALF_H, boxstyle="round,pad=0.04",
                                     facecolor=theme.panel, edgecolor=accent if name == "w" else theme.fg,
                                     linewidth=1.8 if name == "w" else 1.2, zorder=3)
        ax.add_patch(boxes[name])
        ax.text(cx, cy + 0.2, formula, ha="center", va="center", fontsize=8, fontweight="bold", zorder=4)
        ax.text(cx, cy - 0.02, f"value {number(node.data)}", ha="center", va="center", fontsize=8,
                color=theme.colors[0], zorder=4)
        ax.text(cx, cy - 0.24, f"grad {number(node.grad)}", ha="center", va="center", fontsize=8, color=grad_color,
                zorder=4)
        corner = (cx + HALF_W, cy + HALF_H)
        ax.add_patch(Circle(corner, 0.16, facecolor=grad_color, edgecolor="none", zorder=5))
        ax.text(*corner, str(visit[id(node)]), ha="center", va="center", fontsize=7, color=theme.panel,
                fontweight="bold", zorder=6)

    shares = []
    for name, node in nodes.items():
        for child, local in zip(node.inputs, node.local_grads):
            source = name_of[id(child)]
            from_w = source == "w"
            ax.add_patch(FancyArrowPatch(LAYOUT[source][0], LAYOUT[name][0], patchA=boxes[source], patchB=boxes[name],
                                         arrowstyle="-|>", mutation_scale=11, zorder=2,
                                         color=accent if from_w else theme.muted, linewidth=2.0 if from_w else 1.2))
            if from_w:  # what this path contributes to dL/dw: the upstream gradient times the local derivative
                shares.append(node.grad * local)
                (x0, y0), (x1, y1) = LAYOUT[source][0], LAYOUT[name][0]
                dx, dy = LABEL_OFFSET[name]
                ax.text((x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy, f"{number(node.grad)} × {number(local)}",
                        ha="center", va="center", fontsize=8, color=accent, bbox=box(theme), zorder=4)
    ax.text(0.0, 2.95 + HALF_H + 0.12, f"dL/dw = {' + '.join(number(v) for v in shares)} = {number(nodes['w'].grad)}",
            ha="center", va="bottom", fontsize=8.5, color=accent, fontweight="bold")
    ax.text(8.2, -0.45, "value: forward pass    grad: dL/d(node)    numbered: order of the backward pass",
            ha="right", va="bottom", fontsize=8, color=theme.muted)
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_graph")


if __name__ == "__main__":
    run(main)
