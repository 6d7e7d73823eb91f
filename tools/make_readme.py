#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb, offline (Quarto, which nbdev_readme needs, is not installable here).

    python tools/make_readme.py           # rewrite README.md
    python tools/make_readme.py --check   # exit 1 if README.md is out of date
"""
import sys
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parents[1]

def render() -> str:
    nb = nbformat.read(ROOT/'nbs'/'index.ipynb', as_version=4)
    nb.metadata['language_info'] = {'name': 'python'}   # so code cells become ```python blocks
    for c in nb.cells:
        if c.cell_type == 'code': c.outputs = []
    body, _ = MarkdownExporter().from_notebook_node(nb)
    head = '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n'
    return head + body.strip() + '\n'

if __name__ == '__main__':
    text, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if readme.read_text() != text: sys.exit('README.md is out of date: run `python tools/make_readme.py`')
        print('README.md is in sync with nbs/index.ipynb')
    else:
        readme.write_text(text); print(f'wrote {readme}')
