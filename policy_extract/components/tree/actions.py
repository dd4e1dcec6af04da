"""Actions named in the text: ``…行动`` names, lists a count closes or opens
(``实施A、B和C等三大行动``), announced counts, and the W004 comparison of each count
with what was found.
"""

from __future__ import annotations

import bisect

import regex

from .builder import _Builder
from .numerals import cn_count


class _ActionLists(_Builder):
    """The action helpers, on top of the text helpers of :class:`_Builder`."""

    def action_names(self, s: int, e: int) -> list[tuple[int, int]]:
        """Names ending in ``行动`` in ``[s, e)``, outside ``《》``, without counts (``六大行动``)."""
        t, c = self.text, self.c
        out = []
        for m in c.action_name.finditer(t, s, e):
            end = m.end()
            i = m.start()
            quoted = False
            while i > s and end - i < c.action_max:
                ch = t[i - 1]
                if ch == "”":
                    quoted = True
                elif ch == "“":
                    quoted = False
                elif not quoted and ch in c.action_stop:
                    break
                i -= 1
            before = t[max(s, i - 30) : i]
            if before.count("《") > before.count("》"):
                continue  # inside a document title
            cand = t[i:end]
            cut = None
            for v in c.action_intro.finditer(cand):
                cut = v.end()
            if cut is not None:
                i, cand = i + cut, cand[cut:]
            if len(cand) < c.action_min + 2:
                continue
            if any(p.search(cand) for _, kind, p in c.counts if kind == "action"):
                continue
            out.append((i, end))
        return out

    def counted_actions(self, s: int, e: int) -> list[tuple[int, int]] | None:
        """Items of a list that a count closes or opens (``实施A、B和C等三大行动``, ``开展
        “人工智能+”六大行动，包括A、B…F``), when they add up to the count.

        Items are split at ``、`` and the last one at ``和``/``及``/``与``. Names need not
        end in ``行动`` (``数字信息基础设施“强基”``).

        >>> from policy_extract.text.normalize import normalize
        >>> from policy_extract.text.segment import segment
        >>> from policy_extract.text.cues import load_structure_cues
        >>> n = normalize("将实施数字技术创新突破、数据资源开发利用和数字企业融资促进等三大行动。")
        >>> b = _ActionLists(n, segment(n), load_structure_cues())
        >>> [n.text[a:z] for a, z in b.counted_actions(0, len(n.text))]
        ['数字技术创新突破', '数据资源开发利用', '数字企业融资促进']
        >>> b.counted_actions(0, 12) is None  # no count closes the list
        True
        """
        for _, kind, pat in self.c.counts:
            if kind != "action":
                continue
            for m in pat.finditer(self.text, s, e):
                n = cn_count(m.group("n"))
                for items in (self._list_before(m, s), self._list_after(m, e)):
                    if n is not None and len(items) == n \
                            and all(z - a >= self.c.action_min for a, z in items):
                        return items
        return None

    def _list_before(self, m: regex.Match, s: int) -> list[tuple[int, int]]:
        """The list a count closes: back from it (and its ``等``) to the introducing verb."""
        t, c = self.text, self.c
        end = m.start()
        lm = c.action_list_end.search(t, s, end)
        if lm is not None and lm.end() == end:
            end = lm.start()
        i = end
        while i > s and t[i - 1] not in c.action_list_stop:
            i -= 1
        v = c.action_intro.search(t, i, end)
        if v is not None:
            i = v.end()
        if i < end and t[i] == "“" and t[end - 1] == "”":
            i, end = i + 1, end - 1
        return self._items(i, end)

    def _list_after(self, m: regex.Match, e: int) -> list[tuple[int, int]]:
        """The list a count opens: after ``，包括`` / ``：`` up to the end of the sentence."""
        t, c = self.text, self.c
        v = c.action_list_after.match(t, m.end(), e)
        if v is None:
            return []
        end = v.end()
        while end < e and t[end] not in c.action_list_stop:
            end += 1
        return self._items(v.end(), end)

    def _items(self, i: int, end: int) -> list[tuple[int, int]]:
        """``[i, end)`` split at ``、``, the last item at ``和``/``及``/``与``."""
        t, items, a = self.text, [], i
        for j in range(i, end + 1):
            if j == end or t[j] == "、":
                items.append((a, j))
                a = j + 1
        if len(items) < 2:
            return []
        last_s, last_e = items[-1]
        k = max(t.rfind(w, last_s, last_e) for w in self.c.action_list_and)
        if k > last_s:
            items[-1:] = [(last_s, k), (k + 1, last_e)]
        return items

    def announced_actions(self, s: int, e: int) -> int | None:
        """The number of actions a count in ``[s, e)`` announces (``实施六大行动`` 6), not
        inside a quoted name (``“碳达峰十大行动”``)."""
        for _, kind, pat in self.c.counts:
            for m in pat.finditer(self.text, s, e) if kind == "action" else ():
                if self.text[max(s, m.start() - 1) : m.start()] != "“":
                    return cn_count(m.group("n"))
        return None

    def counts(self) -> list[tuple[str, int, int, int]]:
        """(what, announced, found, article index) for each announced count."""
        out = []
        spans = [(a.start, a.end) for a in self.seg.articles] or [(0, len(self.text))]
        starts: dict[str, list[int]] = {}  # node kind -> sorted starts: a count is two bisects
        for x in self.nodes:
            starts.setdefault(x.kind.value, []).append(x.start)
        for v in starts.values():
            v.sort()
        for a_i, a in enumerate(spans):
            seen = set()
            for _, kind, pat in self.c.counts:
                for m in pat.finditer(self.text, a[0], a[1]):
                    before = self.text[max(a[0], m.start() - 1) : m.start()]
                    if before == "“":
                        continue  # a quoted name (“十大攀登行动”)
                    n = cn_count(m.group("n"))
                    if n is None or (kind, n) in seen:
                        continue
                    seen.add((kind, n))
                    ks = starts.get(kind, [])
                    found = bisect.bisect_left(ks, a[1]) - bisect.bisect_left(ks, a[0])
                    if found != n:
                        out.append((m.group(), n, found, a_i))
        return out

