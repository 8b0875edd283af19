"""Bounded YAML: the safe loader, with what a document may cost bounded before anything is built.

PyYAML's safe loader shares the object an alias names, so ``yaml.safe_load`` of a "billion
laughs" (ten anchors, each a list of ten aliases of the one before) is cheap; the cost comes when
anything walks the result — ``str()`` of one value, a loop over categories — and meets 10^10
items. A chain of anchors each wrapping the one before (``b: &b [*a]``) makes values nested far
deeper than their text looks, and a recursive anchor (``&a [*a]``) makes a cycle.

So this loader composes the node graph (which costs what the text costs: aliases are shared
nodes there), then judges it before constructing anything:

- **size**: the text is at most ``Limits.max_yaml_bytes``;
- **depth**: collections nested deeper than ``Limits.max_yaml_depth`` are not composed at all
  (their events are skipped without recursion), and no value may reach that depth through
  aliases either;
- **aliases**: every node reached a second time (through an alias) counts all the nodes it
  expands to; their sum may not exceed ``Limits.max_yaml_alias_nodes``.

For a mapping at the top (front matter, manifests) the judgement is per key, in order: a key
whose value is too deep or whose aliases take the sum over the budget is dropped, and the
caller is told which and why (``dropped``); without a ``dropped`` callback it is a
``LimitExceededError``. Every walk here is iterative, so no input depth reaches Python's stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from docconv.errors import LimitExceededError
from docconv.options import Limits

Dropped = Callable[[str, str], None]  # (key, why) for a top-level key left out; why names the limit

_TOO_DEEP_TAG = "tag:docconv,2024:too-deep"
_UNBOUNDED = 1 << 62  # the size of a cycle, or of anything past the budget


class BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that does not compose collections nested deeper than ``max_depth``."""

    def __init__(self, stream: str, max_depth: int = Limits().max_yaml_depth, what: str = "YAML") -> None:
        super().__init__(stream)
        self.max_depth = max_depth
        self.what = what
        self._depth = 0

    def fetch_flow_collection_start(self, token_class: type) -> None:
        # PyYAML's scanner checks every open flow level at every token: 5,000 nested "[" took
        # 7 s of CPU, a megabyte of them would take hours. So deep flow style stops here.
        if self.flow_level >= self.max_depth:
            raise LimitExceededError(
                f"{self.what} is nested deeper than {self.max_depth} levels; raise it with --limit max_yaml_depth=N"
            )
        super().fetch_flow_collection_start(token_class)  # type: ignore[no-untyped-call,unused-ignore]

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self._depth >= self.max_depth and self.check_event(SequenceStartEvent, MappingStartEvent):
            return self._skip_collection()
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _skip_collection(self) -> Node:
        """Consume one collection's events without recursing; its anchors name a placeholder."""
        start = self.peek_event()  # type: ignore[no-untyped-call]
        placeholder = ScalarNode(_TOO_DEEP_TAG, "", start.start_mark, start.end_mark)
        open_collections = 0
        while True:
            event = self.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, NodeEvent) and not isinstance(event, AliasEvent) and event.anchor is not None:
                self.anchors[event.anchor] = placeholder
            if isinstance(event, CollectionStartEvent):
                open_collections += 1
            elif isinstance(event, CollectionEndEvent):
                open_collections -= 1
            if open_collections == 0:
                return placeholder


BoundedLoader.add_constructor(_TOO_DEEP_TAG, lambda loader, node: None)


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


class _Measure:
    """Expanded size and depth of nodes, memoised (the graph is a DAG, or has cycles)."""

    def __init__(self) -> None:
        self.size: dict[int, int] = {}
        self.depth: dict[int, int] = {}

    def of(self, root: Node) -> tuple[int, int]:
        if id(root) not in self.size:
            self._compute(root)
        return self.size[id(root)], self.depth[id(root)]

    def _compute(self, root: Node) -> None:
        visiting: set[int] = set()
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            key = id(node)
            if children_done:
                visiting.discard(key)
                kids = list(_children(node))
                self.size[key] = min(_UNBOUNDED, 1 + sum(self.size[id(k)] for k in kids))
                self.depth[key] = min(_UNBOUNDED, 1 + max((self.depth[id(k)] for k in kids), default=0))
                continue
            if key in self.size:
                continue
            if key in visiting:  # a cycle: an anchor used inside itself
                self.size[key] = self.depth[key] = _UNBOUNDED
                continue
            if node.tag == _TOO_DEEP_TAG:
                self.size[key], self.depth[key] = 1, _UNBOUNDED
                continue
            visiting.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in self.size)


class _Budget:
    """The alias budget of one document, spent in document order."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.measure = _Measure()
        self.seen: set[int] = set()
        self.spent = 0

    def problem(self, nodes: tuple[Node, ...]) -> str | None:
        """Why ``nodes`` cannot be kept (None: they can, and their aliases are now spent)."""
        depth = max(self.measure.of(node)[1] for node in nodes)
        if depth > self.limits.max_yaml_depth:
            return f"nested deeper than {self.limits.max_yaml_depth} levels; raise it with --limit max_yaml_depth=N"
        spent, reached = self._aliased(nodes)
        if self.spent + spent > self.limits.max_yaml_alias_nodes:
            return (
                f"expanded by aliases to more than {self.limits.max_yaml_alias_nodes} YAML nodes;"
                " raise it with --limit max_yaml_alias_nodes=N"
            )
        self.spent += spent
        self.seen |= reached
        return None

    def _aliased(self, nodes: tuple[Node, ...]) -> tuple[int, set[int]]:
        """The nodes produced by reaching nodes a second time, and the nodes reached once."""
        reached: set[int] = set()
        spent = 0
        stack = list(nodes)
        while stack:
            node = stack.pop()
            key = id(node)
            if key in self.seen or key in reached:
                spent = min(_UNBOUNDED, spent + self.measure.of(node)[0])
                continue
            reached.add(key)
            stack.extend(_children(node))
        return spent, reached


def _key_name(node: Node) -> str:
    return str(node.value)[:80] if isinstance(node, ScalarNode) else f"<{type(node).__name__}>"


def _judge(root: Node, limits: Limits, what: str, dropped: Dropped | None) -> Node:
    budget = _Budget(limits)
    if not isinstance(root, MappingNode):
        if (problem := budget.problem((root,))) is not None:
            raise LimitExceededError(f"{what}: {problem}")
        return root
    kept: list[tuple[Node, Node]] = []
    for key, value in root.value:
        problem = budget.problem((key, value))
        if problem is None:
            kept.append((key, value))
        elif dropped is None:
            raise LimitExceededError(f"{what}: key {_key_name(key)!r} is {problem}")
        else:
            dropped(_key_name(key), problem)
    return MappingNode(root.tag, kept, root.start_mark, root.end_mark, root.flow_style)


def load(text: str, limits: Limits, *, what: str, dropped: Dropped | None = None) -> Any:
    """The data of one YAML document, within ``limits``; ``what`` names it in messages.

    Raises ``LimitExceededError`` when the text is too large, or when something is over a
    bound and ``dropped`` is None; ``yaml.YAMLError`` (and PyYAML's other constructor errors)
    pass through for the caller to report as malformed input.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_yaml_bytes:
        raise LimitExceededError(
            f"{what} is {size} bytes, more than max_yaml_bytes ({limits.max_yaml_bytes});"
            f" raise it with --limit max_yaml_bytes={size}"
        )
    loader = BoundedLoader(text, limits.max_yaml_depth, what)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return loader.construct_document(_judge(node, limits, what, dropped))
    finally:
        loader.dispose()
