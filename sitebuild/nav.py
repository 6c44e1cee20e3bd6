"""The site's pages as `mkdocs.yml` lists them, read without MkDocs.

`mkdocs.yml` uses MkDocs' own YAML tags (`!ENV [NAME, default]`); here `!ENV` gives its default and any
other tag gives None, which is all the nav needs.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitebuild.digest import ROOT

MKDOCS_YML = ROOT / "mkdocs.yml"


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV [NAME, default]` becomes the default (or None)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !relative and the like
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path = MKDOCS_YML) -> dict:
    """mkdocs.yml as plain data."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506


def nav_sources(items) -> list[str]:
    """Every page file of a nav (or part of one), in nav order; external links are not pages."""
    if isinstance(items, str):
        return [] if "://" in items else [items]
    if isinstance(items, list):
        return [source for item in items for source in nav_sources(item)]
    if isinstance(items, dict):
        return [source for value in items.values() for source in nav_sources(value)]
    return []


def question_pages(nav: list) -> list[str]:
    """The pages of the nav section "The five questions", in order."""
    for item in nav or []:
        if isinstance(item, dict):
            for title, children in item.items():
                if title.lower().startswith("the five questions"):
                    return nav_sources(children)
    return []
