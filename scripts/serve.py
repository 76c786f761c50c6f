"""`make serve`: live preview on 127.0.0.1:8000.

MkDocs watches the pages, scenes/ and the hooks (mkdocs.yml `watch:`); on every rebuild the media
hook re-renders, at preview quality, only the scenes whose sources changed.
"""
from __future__ import annotations

import os
import subprocess
import sys

from .build import ROOT, source_date_epoch


def main() -> int:
    address = os.environ.get("SERVE_ADDR", "127.0.0.1:8000")
    # mkdocs serve mounts the site at site_url's path: serve it at the root of the address.
    env = {**os.environ, "ACTIVATIONS_SERVE": "1", "ACTIVATIONS_QUALITY": "preview",
           "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_date_epoch(ROOT),
           "SITE_URL": f"http://{address}/"}
    env.pop("ACTIVATIONS_MEDIA_DIR", None)
    try:
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                                "-a", address],
                               cwd=ROOT, env=env)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
