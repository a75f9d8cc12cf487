"""``normalize review FILE``: decide each change in a terminal, then write the file and the decisions.

Every change is shown in its sentence, before and after, with its rule, id, reason and source;
keys: ``a`` accept, ``s`` skip, ``e`` edit the replacement, ``u`` undo the last decision,
``q`` quit (changes not decided yet are left out, as ``fix --decisions`` will do: the file's
``default`` is ``skip``). Flags are shown too: ``e`` writes a replacement for one, ``a``/``s``
leave it. ``--resume`` continues from the decisions file of an earlier review of the same text. Skipping a document edit that absorbed leftover fixes (a removed copy of the body)
puts those fixes up for review next. The file and the decisions file are written atomically.

The terminal work is prompt_toolkit (imported here only); what is decided and applied is
:mod:`normalize.decisions`, the same code ``fix --decisions`` runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .decisions import Decision, Decisions, apply
from .records import Result
from .report.ids import Item, annotate
from .report.text import elide, short_source

KEYS = {"a": "accept", "s": "skip", "e": "edit", "u": "undo", "q": "quit"}
_SHOW = 160  # characters of a long fragment shown (a removed body is elided in the middle)


def pending(items: list[Item], decided: dict[str, Decision]) -> list[Item]:
    """The items up for review given the decisions so far: every top-level item, and the
    absorbed fixes of a document edit once it is skipped."""
    out: list[Item] = []

    def visit(it: Item) -> None:
        out.append(it)
        d = decided.get(it.id)
        if d is not None and d.action == "skip" and not it.flagged:
            for sub in it.includes:
                visit(sub)

    for it in items:
        visit(it)
    return out


class Session:
    """The review's state: the decisions in the order they were made (so undo pops one)."""

    def __init__(self, path: str, result: Result):
        self.path = path
        self.result = result
        self.items = annotate(result)
        self.order: list[Decision] = []
        self.quit = False

    def resume(self, earlier: Decisions) -> None:
        """Start from the decisions of an earlier review of the same text (checked like
        ``fix --decisions``: an id that matches nothing is an error)."""
        apply(self.result, earlier, self.items, where=self.path)
        self.order = list(earlier.by_id.values())

    @property
    def decided(self) -> dict[str, Decision]:
        return {d.id: d for d in self.order}

    def queue(self) -> list[Item]:
        return pending(self.items, self.decided)

    def current(self) -> Item | None:
        if self.quit:
            return None
        decided = self.decided
        return next((i for i in self.queue() if i.id not in decided), None)

    def decide(self, item: Item, action: str, replacement: str | None = None) -> None:
        if action == "accept" and item.flagged:
            action = "skip"  # accepting a flag leaves the text as it is
        shown = item.replacement if action != "edit" else replacement
        self.order.append(Decision(item.id, action, shown, item.text))

    def undo(self) -> Decision | None:
        if not self.order:
            return None
        d = self.order.pop()
        # Fixes that came up because their document edit was skipped go with that decision.
        live = {i.id for i in pending(self.items, self.decided)}
        self.order = [x for x in self.order if x.id in live]
        return d

    def decisions(self) -> Decisions:
        return Decisions({d.id: d for d in self.order}, default="skip", file=self.path)

    def outcome(self) -> Result:
        return apply(self.result, self.decisions(), self.items, where=self.path)


# -- terminal ---------------------------------------------------------------------------------------

_STYLE = {
    "old": "bg:ansired fg:ansiwhite",
    "new": "bg:ansigreen fg:ansiblack",
    "flag": "bg:ansiyellow fg:ansiblack",
    "head": "bold",
    "dim": "fg:ansibrightblack",
    "key": "bold fg:ansicyan",
}


def _sentence(item: Item, after: bool) -> list[tuple[str, str]]:
    s = item.sentence
    before, frag, rest = s.text[: s.start], s.text[s.start : s.end], s.text[s.end :]
    before, rest = elide(before, _SHOW // 2), elide(rest, _SHOW // 2)
    if item.flagged:
        return [("", before), ("class:flag", elide(frag, _SHOW)), ("", rest)]
    if after:
        return [("", before), ("class:new", elide(item.replacement, _SHOW) or "\N{EMPTY SET}"), ("", rest)]
    return [("", before), ("class:old", elide(frag, _SHOW) or "\N{EMPTY SET}"), ("", rest)]


def screen(session: Session, item: Item) -> list[tuple[str, str]]:
    queue = session.queue()
    n = queue.index(item) + 1
    kind = "flagged" if item.flagged else "change"
    head = f"[{n}/{len(queue)}] {kind} {item.id}  {item.rule}  {item.category}\n"
    parts: list[tuple[str, str]] = [("", "\n"), ("class:head", head)]
    parts += [("class:dim", "  before: ")] + _sentence(item, False) + [("", "\n")]
    if not item.flagged:
        parts += [("class:dim", "  after:  ")] + _sentence(item, True) + [("", "\n")]
    parts += [("class:dim", "  reason: "), ("", elide(item.reason, 300) + "\n")]
    parts += [("class:dim", "  source: "), ("", short_source(item) if item.source else "flagged, left unchanged"),
              ("", f" [{item.source}]\n" if item.source else "\n")]
    keys = [("a", "ccept"), ("s", "kip"), ("e", "dit"), ("u", "ndo"), ("q", "uit")]
    if item.flagged:
        keys = [("a", "/s leave"), ("e", "dit: write a replacement"), ("u", "ndo"), ("q", "uit")]
    for k, rest in keys:
        parts += [("class:key", f"  [{k}]"), ("", rest)]
    parts.append(("", "  > "))
    return parts


def _read_key(parts, style) -> str:
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    kb = KeyBindings()
    for key in KEYS:
        kb.add(key)(lambda event, key=key: event.app.exit(result=key))
    kb.add("c-c")(lambda event: event.app.exit(result="q"))
    kb.add("c-d")(lambda event: event.app.exit(result="q"))
    window = Window(FormattedTextControl(parts, show_cursor=True), wrap_lines=True, dont_extend_height=True)
    app = Application(layout=Layout(window), key_bindings=kb, style=style, full_screen=False, erase_when_done=False)
    return app.run()


def interact(session: Session, read_key: Callable | None = None, ask: Callable | None = None,
             say: Callable[[str], None] = print) -> None:
    """Run the review loop until everything is decided or the reviewer quits."""
    if read_key is None or ask is None:
        from prompt_toolkit import prompt
        from prompt_toolkit.styles import Style

        style = Style.from_dict(_STYLE)
        read_key = read_key or (lambda parts: _read_key(parts, style))
        ask = ask or (lambda message, default: prompt(message, default=default))
    while (item := session.current()) is not None:
        key = read_key(screen(session, item))
        action = KEYS.get(key)
        if action == "quit":
            session.quit = True
        elif action == "undo":
            d = session.undo()
            say("  undone" + (f": {d.action} {d.id}" if d else ": nothing to undo"))
        elif action == "edit":
            try:
                new = ask("  replacement: ", item.replacement if item.replacement is not None else item.text)
            except (EOFError, KeyboardInterrupt):
                continue
            if new == item.text:
                session.decide(item, "skip")
            elif new == item.replacement:
                session.decide(item, "accept")
            else:
                session.decide(item, "edit", new)
            say(f"  {session.order[-1].action}" + (f": {new!r}" if session.order[-1].action == "edit" else ""))
        elif action in ("accept", "skip"):
            session.decide(item, action)
            say("  left as it is" if item.flagged else f"  {action}{'ed' if action == 'accept' else 'ped'}")


def run(path: str, result: Result, target: Path, decisions_path: Path, write: Callable[[Path, str], None],
        say: Callable[[str], None] = print, resume: Decisions | None = None, **interaction) -> int:
    """Review ``result`` (of the text read from ``path``), write ``target`` and the decisions;
    ``resume`` continues an earlier review (its decisions are kept, undo can take them back)."""
    session = Session(path, result)
    if resume is not None:
        session.resume(resume)
    if not session.items:
        say(f"{path}: nothing to review")
        return 0
    interact(session, say=say, **interaction)
    outcome = session.outcome()
    decided = session.decided
    counts = {a: sum(d.action == a for d in decided.values()) for a in ("accept", "skip", "edit")}
    left = len([i for i in session.queue() if i.id not in decided])
    if outcome.output != result.input or Path(target) != Path(path):
        write(Path(target), outcome.output)
    write(Path(decisions_path), session.decisions().dumps())
    say(f"{path}: {counts['accept']} accepted, {counts['skip']} skipped, {counts['edit']} edited"
          + (f", {left} not reviewed (left out)" if left else "")
          + f"; wrote {target} and {decisions_path}")
    return 0
