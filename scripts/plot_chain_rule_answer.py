"""The chain rule on three nodes: forward values, backward gradients.

x = 2 goes forward through u = x² = 4 and L = u³ = 64. Backward, each node multiplies the gradient that
reaches it by its local derivative: dL/du = 3u² = 48, then dL/dx = 48 · 2x = 48 · 4 = 192. Every number
is computed by `concepts.chain_rule.Value`.
"""

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from concepts.chain_rule import Value
from sitebuild.figure_style import box, run, save


def forward_and_backward() -> tuple[Value, Value, Value]:
    x = Value(2.0, label="x")
    u = x**2
    loss = u**3
    loss.backward()
    return x, u, loss


def draw(theme):
    x, u, loss = forward_and_backward()
    (du_dx,), (dl_du,) = u.local_grads, loss.local_grads  # kept by each node in the forward pass
    nodes = [("x", x, f"dL/dx = {u.grad:g} × {du_dx:g} = {x.grad:g}"),
             ("u = x²", u, f"dL/du = {loss.grad:g} × {dl_du:g} = {u.grad:g}"),
             ("L = u³", loss, f"dL/dL = {loss.grad:g}")]
    centers = [2.75, 5.6, 8.45]
    fig, ax = plt.subplots(figsize=(7.2, 2.75), layout="constrained")
    ax.set(xlim=(0, 9.45), ylim=(0, 3.5), aspect="equal")
    ax.axis("off")

    def arrow(start, end, color, text, above):
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, color=color, linewidth=1.8,
                                     shrinkA=0, shrinkB=0))
        middle = ((start[0] + end[0]) / 2, start[1] + (0.12 if above else -0.12))
        ax.text(*middle, text, ha="center", va="bottom" if above else "top", fontsize=9.5, color=color)

    for (name, value, gradient), cx in zip(nodes, centers):
        ax.add_patch(FancyBboxPatch((cx - 0.8, 1.3), 1.6, 0.95, boxstyle="round,pad=0.06", facecolor=theme.panel,
                                    edgecolor=theme.fg, linewidth=1.4))
        ax.text(cx, 1.95, name, ha="center", va="center", fontsize=10.5, fontweight="bold")
        ax.text(cx, 1.55, f"value {value.data:g}", ha="center", va="center", fontsize=9.5, color=theme.colors[0])
        ax.text(cx, 1.0, gradient, ha="center", va="top", fontsize=9.5, color=theme.colors[1], bbox=box(theme))
    forward_y, backward_y = 2.75, 0.25
    arrow((centers[0] + 0.25, forward_y), (centers[1] - 0.25, forward_y), theme.colors[0], "square", True)
    arrow((centers[1] + 0.25, forward_y), (centers[2] - 0.25, forward_y), theme.colors[0], "cube", True)
    arrow((centers[1] - 0.25, backward_y), (centers[0] + 0.25, backward_y), theme.colors[1],
          f"× du/dx = 2x = {du_dx:g}", True)
    arrow((centers[2] - 0.25, backward_y), (centers[1] + 0.25, backward_y), theme.colors[1],
          f"× dL/du = 3u² = {dl_du:g}", True)
    ax.text(0.0, forward_y, "forward:\nvalues", ha="left", va="center", fontsize=9.5, color=theme.colors[0])
    ax.text(0.0, 1.77, "each node keeps\nits local\nderivative", ha="left", va="center", fontsize=9,
            color=theme.muted)
    ax.text(0.0, backward_y + 0.2, "backward:\ngradient ×\nlocal derivative", ha="left", va="center",
            fontsize=9.5, color=theme.colors[1])
    return fig


def main(out_dir: Path) -> list[Path]:
    return save(draw, out_dir / "chain_rule_answer")


if __name__ == "__main__":
    run(main)
