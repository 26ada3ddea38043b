#!/usr/bin/env python3
"""Import circles between the modules of a crate: every `crate::a::b` path named in a file
(uses and inline paths, `super::` resolved) is an edge from the file's module to the module it
names, at each depth; a strongly connected component of more than one module is a circle."""
import re, sys, pathlib, itertools
def circles(root):
    def module_of(path):
        parts = list(path.relative_to(root).with_suffix('').parts)
        if parts[-1] in ('mod', 'lib', 'main'): parts = parts[:-1]
        return parts
    edges = {}
    for f in root.rglob('*.rs'):
        me = module_of(f)
        text = f.read_text()
        # leave tests out: `#[cfg(test)] mod tests` may reach anywhere
        text = text.split('#[cfg(test)]')[0]
        text = re.sub(r'//[^\n]*', '', text)
        targets = []
        for m in re.finditer(r'\bcrate::((?:\w+::)*\w+)', text):
            targets.append(m.group(1).split('::'))
        for m in re.finditer(r'\b((?:super::)+)((?:\w+::)*\w+)', text):
            ups = m.group(1).count('super::')
            base = me[:len(me)-ups] if ups <= len(me) else []
            targets.append(base + m.group(2).split('::'))
        # grouped uses: crate::{a, b::c}
        for m in re.finditer(r'\bcrate::\{([^}]*)\}', text):
            for item in m.group(1).split(','):
                item=item.strip()
                if item: targets.append(item.split('::'))
        for t in targets:
            for depth in range(1, 4):
                a, b = tuple(me[:depth]), tuple(t[:depth])
                if len(a) == depth and len(b) == depth and a[:-1] == b[:-1] and a != b:
                    edges.setdefault(a, set()).add(b)
    nodes = set(edges) | {n for v in edges.values() for n in v}
    index = {}; low = {}; stack = []; on = set(); sccs = []; counter = [0]
    sys.setrecursionlimit(10000)
    def strong(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index: strong(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: sccs.append(comp)
    for v in sorted(nodes):
        if v not in index: strong(v)
    for comp in sccs:
        print('circle:', ' <-> '.join('::'.join(c) for c in sorted(comp)))
    print(f'{len(sccs)} circle(s) among {len(nodes)} modules of {root}')
    for comp in sccs:
        s=set(comp)
        for a in sorted(s):
            print('  ', '::'.join(a), '->', ', '.join(sorted('::'.join(b) for b in edges.get(a,()) if b in s)))

    return sccs


if __name__ == "__main__":
    found = sum(len(circles(pathlib.Path(root))) for root in sys.argv[1:])
    sys.exit(1 if found else 0)
