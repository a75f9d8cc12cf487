"""The HTML report: one self-contained page (inline CSS and script, no external reference).

Per input: a summary by kind (fixed, flagged; by rule and by category), the article with every
change marked in place (old struck through, new inserted; rule, source, confidence, id and
reason on hover and in the table) and every flag highlighted differently, then a table of all
findings. Filters show or hide fixed / flagged findings and single rules; ticking "skip" on a
change (or clicking it in the article) builds the ``normalize fix --skip ID,...`` line to copy.
Works from file:// (a Content-Security-Policy forbids any load from elsewhere).
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..records import Result
from .ids import Item, annotate, walk
from .text import line_col, line_starts, short_reason, word_runs

#: A removal longer than this is folded (a removed copy of the body would fill the screen).
FOLD = 280

_CSS = """
:root { --fix: #1a7f37; --del: #cf222e; --flag: #9a6700; --bg: #fff; --fg: #1f2328; --muted: #656d76; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: .5em 1em; z-index: 2; }
header h1 { font-size: 1.1em; margin: 0 1em 0 0; display: inline; }
#filters label { margin-right: .8em; white-space: nowrap; }
main { padding: .5em 1em 2em; max-width: 64em; }
section.file h2 { font-size: 1.05em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid #d0d7de; padding: .15em .5em; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.article { white-space: pre-wrap; border: 1px solid #d0d7de; border-radius: 6px; padding: .8em 1em; line-height: 1.7; }
.chg { border-radius: 3px; background: #eef6ee; cursor: pointer; }
.chg del { color: var(--del); background: #ffebe9; }
.chg ins { color: var(--fix); background: #dafbe1; text-decoration: none; }
.chg.skipped ins { display: none; }
.chg.skipped del { text-decoration: none; color: var(--fg); }
.chg sup, .flag sup { font-size: .65em; color: var(--muted); margin-right: .15em; font-family: monospace; }
.flag { background: #fff8c5; border-bottom: 2px dotted var(--flag); }
.off { background: none !important; border: none !important; }
.off del { display: none; } .off ins { color: inherit; background: none; } .off sup { display: none; }
details.fold { display: inline; } details.fold summary { display: inline; color: var(--del); cursor: pointer; }
tr.hidden { display: none; }
tr.nested td:first-child { padding-left: 1.5em; }
code, .id { font-family: ui-monospace, monospace; }
.skipline { margin: .5em 0; } .skipline code { background: #f6f8fa; padding: .2em .4em; border: 1px solid #d0d7de; }
.reason { color: var(--muted); }
"""

_JS = r"""
(function () {
  "use strict";
  var state = { kind: { fixed: true, flagged: true }, rule: {} };
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function visible(el) {
    return state.kind[el.dataset.kind] !== false && state.rule[el.dataset.rule] !== false;
  }
  function refresh() {
    all("[data-kind]").forEach(function (el) {
      if (el.tagName === "TR") { el.classList.toggle("hidden", !visible(el)); }
      else { el.classList.toggle("off", !visible(el)); }
    });
    all("section.file").forEach(function (sec) {
      var ids = all("input.skip:checked", sec).map(function (c) { return c.value; });
      var line = sec.querySelector(".skipcmd");
      line.textContent = ids.length ? "normalize fix --skip " + ids.join(",") + " " + sec.dataset.arg
                                    : "normalize fix " + sec.dataset.arg;
      all(".chg", sec).forEach(function (m) {
        var box = sec.querySelector('input.skip[value="' + m.dataset.id + '"]');
        m.classList.toggle("skipped", !!(box && box.checked));
      });
    });
  }
  all("#filters input").forEach(function (box) {
    box.addEventListener("change", function () {
      var bucket = box.dataset.filter === "kind" ? state.kind : state.rule;
      bucket[box.value] = box.checked;
      refresh();
    });
  });
  all("input.skip").forEach(function (box) { box.addEventListener("change", refresh); });
  all(".chg").forEach(function (m) {
    m.addEventListener("click", function (ev) {
      if (ev.target.tagName === "SUMMARY") { return; }
      var sec = m.closest("section.file");
      var box = sec.querySelector('input.skip[value="' + m.dataset.id + '"]');
      if (box) { box.checked = !box.checked; refresh(); }
    });
  });
  all("button.copy").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var text = btn.parentNode.querySelector(".skipcmd").textContent;
      function done() { btn.textContent = "Copied"; setTimeout(function () { btn.textContent = "Copy"; }, 1500); }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand("copy"); done(); } catch (e) { btn.textContent = "Select and copy"; }
        document.body.removeChild(area);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else { fallback(); }
    });
  });
  refresh();
})();
"""


def _title(it: Item) -> str:
    parts = [f"{it.rule} [{it.id}]", it.category]
    if it.source:
        parts.append(f"{it.source}, confidence {it.confidence:.2f}")
    else:
        parts.append(f"flagged ({it.language}), left unchanged")
    return " \N{MIDDLE DOT} ".join(parts) + "\n" + it.reason


def _attrs(it: Item, kind: str) -> str:
    return (f'data-id="{it.id}" data-rule="{escape(it.rule)}" data-kind="{kind}" '
            f'data-category="{escape(it.category)}" title="{escape(_title(it))}"')


def _mark(it: Item) -> str:
    tag = f"<sup>{it.id}</sup>"
    if it.flagged:
        return f'<mark class="flag" {_attrs(it, "flagged")}>{tag}{escape(it.text)}</mark>'
    if len(it.text) > FOLD:
        inner = (f'<details class="fold"><summary>[{len(it.text):,} characters removed: show]</summary>'
                 f"<del>{escape(it.text)}</del></details>" + (f"<ins>{escape(it.replacement)}</ins>" if it.replacement else ""))
    else:  # word by word, as the word diff shows it
        inner = "".join(escape(t) if op == " " else f"<{'del' if op == '-' else 'ins'}>{escape(t)}</{'del' if op == '-' else 'ins'}>"
                        for op, t in word_runs(it.text, it.replacement))
    return f'<span class="chg" {_attrs(it, "fixed")}>{tag}{inner}</span>'


def _article(result: Result, items: list[Item]) -> str:
    out, pos = [], 0
    for it in items:
        out.append(escape(result.input[pos : it.start]))
        out.append(_mark(it))
        pos = it.end
    out.append(escape(result.input[pos:]))
    return "".join(out)


def _short(s: str, n: int = 90) -> str:
    s = s.replace("\n", "\u23ce")
    return s if len(s) <= n else s[: n // 2] + f" …[{len(s):,} chars]… " + s[-n // 2 :]


def _rows(result: Result, items: list[Item]) -> str:
    starts = line_starts(result.input)
    rows = []

    def row(it: Item, nested: bool) -> None:
        kind = "flagged" if it.flagged else "fixed"
        line, col = line_col(it.start, starts)
        skip = "" if it.flagged else f'<input type="checkbox" class="skip" value="{it.id}" title="skip this change">'
        new = "<em>left unchanged</em>" if it.flagged else escape(_short(it.replacement)) or "<em>removed</em>"
        src = "" if it.flagged else f"{escape(it.source)}<br>{it.confidence:.2f}"
        rows.append(
            f'<tr class="{"nested" if nested else ""}" data-kind="{kind}" data-rule="{escape(it.rule)}">'
            f"<td>{skip}</td><td class=\"id\">{it.id}</td><td>{line}:{col}</td><td>{escape(it.rule)}<br>"
            f"<small>{escape(it.category)}</small></td><td>{escape(_short(it.text))}</td><td>{new}</td>"
            f"<td>{src}</td><td class=\"reason\">{escape(short_reason(it.reason, 160))}</td></tr>"
        )
        for sub in it.includes:
            row(sub, True)

    for it in items:
        row(it, False)
    head = ("<tr><th>skip</th><th>id</th><th>line:col</th><th>rule</th><th>text</th><th>replacement</th>"
            "<th>source</th><th>reason</th></tr>")
    return f'<table class="findings">{head}{"".join(rows)}</table>'


def _summary(items: list[Item]) -> str:
    every = list(walk(items))
    fixed = [i for i in items if not i.flagged]
    flagged = [i for i in items if i.flagged]
    by_rule = Counter((i.rule, "flagged" if i.flagged else "fixed") for i in items)
    by_cat = Counter(i.category for i in items)
    rules = sorted({r for r, _ in by_rule})
    rule_rows = "".join(
        f"<tr><td>{escape(r)}</td><td class=\"num\">{by_rule[(r, 'fixed')]}</td>"
        f"<td class=\"num\">{by_rule[(r, 'flagged')]}</td></tr>" for r in rules
    )
    cat_rows = "".join(f"<tr><td>{escape(c)}</td><td class=\"num\">{n}</td></tr>" for c, n in sorted(by_cat.items()))
    nested = len(every) - len(items)
    note = f" ({nested} more inside document edits)" if nested else ""
    return (f'<p class="counts"><strong>{len(fixed)}</strong> fixed, <strong>{len(flagged)}</strong> flagged{note}.</p>'
            f'<table class="by-rule"><tr><th>rule</th><th>fixed</th><th>flagged</th></tr>{rule_rows}</table>'
            f'<table class="by-category"><tr><th>category</th><th>findings</th></tr>{cat_rows}</table>')


def _quote(path: str) -> str:
    import shlex

    return shlex.quote(path)


def render_html(entries: list[tuple[str, Result]]) -> str:
    """One page for ``(path, result)`` pairs."""
    sections, rules, kinds = [], Counter(), Counter()
    for path, result in entries:
        items = annotate(result)
        for it in items:
            rules[it.rule] += 1
            kinds["flagged" if it.flagged else "fixed"] += 1
        sections.append(
            f'<section class="file" data-path="{escape(path)}" data-arg="{escape(_quote(path))}">'
            f"<h2>{escape(path)}</h2>{_summary(items)}"
            f'<div class="skipline">To apply all but the ticked changes: <code class="skipcmd"></code> '
            f'<button type="button" class="copy">Copy</button></div>'
            f'<div class="article">{_article(result, items)}</div>'
            f"{_rows(result, items)}</section>"
        )
    kind_boxes = "".join(
        f'<label><input type="checkbox" data-filter="kind" value="{k}" checked> {k} ({kinds[k]})</label>'
        for k in ("fixed", "flagged")
    )
    rule_boxes = "".join(
        f'<label><input type="checkbox" data-filter="rule" value="{escape(r)}" checked> {escape(r)} ({n})</label>'
        for r, n in sorted(rules.items())
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>normalize report</title><style>{_CSS}</style></head><body>"
        f'<header><h1>normalize report</h1><span id="filters">Show: {kind_boxes} | rules: {rule_boxes}</span></header>'
        f"<main>{''.join(sections) or '<p>No input.</p>'}</main><script>{_JS}</script></body></html>\n"
    )
