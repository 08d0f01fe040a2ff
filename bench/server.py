"""The real WSGI server, as `regie demo` runs it, in its own process:
`python -m bench.server --port N --threads T`.

The environment (DATABASE_URL, EMAIL_*) is set by the benchmark that starts it. There is no
background ticker here: the acknowledgement is sent after commit inside the request, and that
is the path we measure.
"""

from __future__ import annotations

import argparse
import os


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

    from waitress import serve

    from regie.wsgi import application

    # Only loopback: the benchmark drives it from the same machine.
    serve(application, host="127.0.0.1", port=args.port, threads=args.threads, ident="Regie")


if __name__ == "__main__":
    main()
