#!/usr/bin/env python
"""Write the service's OpenAPI spec to app/web/openapi.json (the React app's typed client is generated from it).

    python tools/openapi.py [--check]      # --check: fail if the committed spec differs from the service's
"""
import json, sys, tempfile
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tradenb.api.app import create_app
from tradenb.config import Secret

app = create_app(tempfile.mkdtemp(), Secret('x' * 32, 'TRADENB_API_TOKEN'), 'TRADENB_API_TOKEN', web_dist=False)
spec = json.dumps(app.openapi(), indent=1, sort_keys=True) + '\n'
out = ROOT/'app'/'web'/'openapi.json'
if '--check' in sys.argv:
    if not out.exists() or out.read_text() != spec:
        sys.exit(f'{out} differs from the service: run python tools/openapi.py and commit it')
    print(f'{out.relative_to(ROOT)} is in sync with tradenb.api')
else:
    out.write_text(spec); print(f'wrote {out.relative_to(ROOT)}')
