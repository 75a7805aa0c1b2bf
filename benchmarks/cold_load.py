"""Cold load of a chapter page over a slow network, as a reader on a poor connection meets it.

The built site is served over loopback by a small static server that compresses text the way real static hosts
do (brotli when the ``brotli`` package is installed and the browser asks for it, else gzip); Chromium's network emulation throttles to 1.6 Mbit/s down with 150 ms
latency and the cache is disabled. Measured: milliseconds from navigation start until every figure on the page
is drawn (plotly.js has drawn its SVG traces), and what had loaded by then.

Usage: ``python benchmarks/cold_load.py [--waterfall] SITE [PAGE ...]`` (default pages: the first chapter and
the heaviest). ``--waterfall`` adds each request's start and end (milliseconds after the page's own request
started, from the DevTools protocol's network events), its bytes on the wire and what asked for it: which
requests come before the figures and which wait for another one.
"""
from __future__ import annotations

import gzip
import json
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DOWN_BYTES_PER_S = 200_000  # 1.6 Mbit/s
LATENCY_MS = 150
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map")

FIGURES_DRAWN = """() => {
  const divs = [...document.querySelectorAll('.workbook-plotly .plotly-graph-div')];
  return divs.length > 0 && divs.every(gd => gd._fullLayout && gd.querySelector('.main-svg .trace'));
}"""

LOADED = """(cutoff) => performance.getEntriesByType('resource').map(e => ({
  name: e.name.replace(location.origin, ''), end_ms: Math.round(e.responseEnd),
  bytes: e.transferSize, before_figures: e.responseEnd <= cutoff}))"""


def _encoders() -> dict:
    """Content encodings the server can produce, best first: brotli (quality 11, as a host precompresses) when
    the ``brotli`` package is installed, then gzip."""
    found = {}
    try:
        import brotli

        found["br"] = lambda data: brotli.compress(data, quality=11)
    except ImportError:
        pass
    found["gzip"] = lambda data: gzip.compress(data, compresslevel=9)
    return found


ENCODERS = _encoders()


class _CompressingHandler(SimpleHTTPRequestHandler):
    """Serves the site; text files compressed (once, cached in memory) in the best encoding the browser accepts."""

    cache: dict[tuple[str, str], bytes] = {}

    def log_message(self, *args):  # quiet
        pass

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):  # the browser closed the page: nothing to report
            pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        accepted = {e.strip().split(";")[0] for e in self.headers.get("Accept-Encoding", "").split(",")}
        encoding = next((e for e in ENCODERS if e in accepted), None)
        if not (path.is_file() and path.suffix in COMPRESSIBLE and encoding):
            return super().send_head()
        key = (str(path), encoding)
        if key not in self.cache:
            self.cache[key] = ENCODERS[encoding](path.read_bytes())
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_CompressingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def heaviest_chapter(site: Path) -> str:
    pages = sorted(site.glob("[0-9][0-9]-*.html"), key=lambda p: p.stat().st_size)
    return pages[-1].name


class _Waterfall:
    """Requests of one page load from the DevTools protocol's network events."""

    def __init__(self, cdp):
        self.requests: dict[str, dict] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event):
        initiator = event.get("initiator") or {}
        by = initiator.get("url") or next(
            (f.get("url") for f in (initiator.get("stack") or {}).get("callFrames", []) if f.get("url")), "")
        self.requests[event["requestId"]] = {
            "url": event["request"]["url"], "start": event["timestamp"], "by": by, "type": initiator.get("type"),
            "priority": event["request"].get("initialPriority")}

    def _response(self, event):
        r = self.requests.get(event["requestId"])
        if r is not None:
            r["first_byte"] = event["timestamp"]

    def _finished(self, event):
        r = self.requests.get(event["requestId"])
        if r is not None:
            r["end"], r["bytes"] = event["timestamp"], int(event.get("encodedDataLength", 0))

    def rows(self, origin: str) -> list[dict]:
        reqs = sorted(self.requests.values(), key=lambda r: r["start"])
        if not reqs:
            return []
        zero = reqs[0]["start"]

        def ms(t):
            return None if t is None else round((t - zero) * 1000)

        def short(url):
            return url.replace(origin, "").split("?")[0]

        return [{"url": short(r["url"]), "start_ms": ms(r["start"]), "first_byte_ms": ms(r.get("first_byte")),
                 "end_ms": ms(r.get("end")), "bytes": r.get("bytes"), "priority": r["priority"],
                 "by": short(r["by"]) or r["type"]} for r in reqs]


def cold_load(site: Path, pages: list[str], timeout_ms: int = 120_000, waterfall: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS

    server, base = serve(site)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for page_name in pages:
                    # Unthrottled first visit: the server compresses each file once (a host serves files
                    # precompressed), so the measured visit times the network, not the compressor.
                    warm = browser.new_context()
                    warm.new_page().goto(f"{base}/{page_name}", wait_until="load", timeout=timeout_ms)
                    warm.close()
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    requests = _Waterfall(cdp) if waterfall else None
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", {
                        "offline": False, "latency": LATENCY_MS,
                        "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": DOWN_BYTES_PER_S})
                    page.goto(f"{base}/{page_name}", wait_until="commit", timeout=timeout_ms)
                    page.wait_for_function(FIGURES_DRAWN, timeout=timeout_ms, polling=50)
                    drawn_ms = page.evaluate("() => Math.round(performance.now())")
                    loaded = page.evaluate(LOADED, drawn_ms)
                    results.append({
                        "page": page_name, "figures_drawn_ms": drawn_ms, "encoding": next(iter(ENCODERS)),
                        "bytes_before_figures": sum(r["bytes"] for r in loaded if r["before_figures"]),
                        "loaded_before_figures": [r["name"] for r in loaded if r["before_figures"]],
                        "loaded_after_figures": [r["name"] for r in loaded if not r["before_figures"]],
                    })
                    if requests is not None:
                        results[-1]["waterfall"] = requests.rows(base)
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    return results


def main(argv: list[str]) -> int:
    waterfall = "--waterfall" in argv
    argv = [a for a in argv if a != "--waterfall"]
    site = Path(argv[0]) if argv else Path("_build/html")
    if not (site / "index.html").is_file():
        print(f"cold_load: {site} is not a built book (no index.html): run `make book` first", file=sys.stderr)
        return 2
    pages = argv[1:] or ["01-ultimatum.html", heaviest_chapter(site)]
    # A page is a file of the site ("01-ultimatum.html"); a missing one would only time out after two minutes.
    missing = [name for name in pages if not (site / name).is_file()]
    if missing:
        known = ", ".join(sorted(p.name for p in site.glob("[0-9][0-9]-*.html"))[:3])
        print(f"cold_load: no page {', '.join(missing)} in {site}; give file names such as {known}", file=sys.stderr)
        return 2
    results = cold_load(site, pages, waterfall=waterfall)
    print(json.dumps(results, indent=1))
    for result in results:
        for r in result.get("waterfall", []):
            mark = "*" if r["end_ms"] is not None and r["end_ms"] <= result["figures_drawn_ms"] else " "
            print(f"{mark} {r['start_ms']:>6} {r['first_byte_ms'] or '':>6} {r['end_ms'] or '':>6} "
                  f"{r['bytes'] or 0:>8} {r['priority'] or '':<8} {r['url']:<60} <- {r['by']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
