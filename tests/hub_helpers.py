"""A real JupyterHub on loopback, for the course-hub test (tests/test_hub.py) and benchmark (benchmarks/hub.py).

``LoopbackHub`` writes a jupyterhub_config.py into a scratch folder and starts ``jupyterhub`` from this venv:
hub, proxy (configurable-http-proxy from npm, in ``.cache/npm-chp``, installed by ``make hub-deps``) and
single-user servers all listen on 127.0.0.1 only, on free ports. Students log in with the dummy authenticator
(one shared password). A service token with admin scopes drives the REST API. Spawner:

The students' servers and kernels run from ``.cache/hub-env`` (``make hub-deps``): the package's wheel with the
``lab`` extra, nbgitpuller and jupyterhub, as deploy/hub/README.md tells a course to install them.

* ``localprocess`` (the test): each student is a Unix user (created by the test, as root) and their server and
  kernels run as that user in their home folder, mode 0700 -- what a course's one-server hub does;
* ``simple`` (the benchmark): every server runs as the current user in its own folder -- no isolation, used
  only to measure load, as decided for the class-size run.

``stop()`` stops the hub with SIGTERM (it stops the servers it spawned and its proxy), then checks every process
it recorded -- hub, proxy, each server and its kernels -- by id and kills any left, by id.

``KernelClient`` runs code in a student's kernel through the hub's proxy: the Jupyter server REST API to start
the kernel, its websocket channel to execute (tornado's websocket client: no extra package).
"""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHP = ROOT / ".cache" / "npm-chp" / "node_modules" / ".bin" / "configurable-http-proxy"
CHP_SPEC = "configurable-http-proxy@5"
VENV_BIN = Path(sys.executable).parent
#: The students' environment as a course installs it (`make hub-deps`): the wheel with the lab extra, nbgitpuller,
#: jupyterhub; made with Debian's python3 so that every Unix user can run it.
HUB_ENV_BIN = ROOT / ".cache" / "hub-env" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_chp() -> Path:
    """configurable-http-proxy from npm into .cache/npm-chp (what `make hub-deps` does), if missing."""
    if not CHP.exists():
        done = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                               str(CHP.parents[2]), CHP_SPEC], capture_output=True, text=True)
        if done.returncode != 0 or not CHP.exists():
            raise RuntimeError(f"npm could not install {CHP_SPEC}: {done.stderr[-2000:]}")
    return CHP


CONFIG = """
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{dir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{dir}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{dir}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.log_level = "WARN"
c.ConfigurableHTTPProxy.command = [{chp!r}, "--log-level", "warn"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.ConfigurableHTTPProxy.pid_file = "{dir}/jupyterhub-proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = {spawner!r}
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--LabApp.expose_app_in_browser=True", "--ServerApp.shutdown_no_activity_timeout=0"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = {start_timeout}
c.Spawner.http_timeout = {start_timeout}
c.Spawner.environment = {{"PATH": {path!r}}}
{spawner_extra}
c.JupyterHub.services = [{{"name": "workbook-driver", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "workbook-driver", "services": ["workbook-driver"],
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "access:servers", "list:users"]}}]
c.JupyterHub.concurrent_spawn_limit = {concurrent}
c.JupyterHub.active_server_limit = 0
"""


class LoopbackHub:
    def __init__(self, workdir: Path, spawner: str = "localprocess", home_template: str | None = None,
                 start_timeout: int = 120, concurrent: int = 100, env_bin: Path = HUB_ENV_BIN):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port, self.hub_port, self.proxy_api = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_hex(8)
        self.token = secrets.token_hex(24)
        extra = ""
        if spawner == "simple":
            extra = f"c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}"
            if os.geteuid() == 0:  # every server runs as the current user: root may run Jupyter only when told
                extra += '\nc.Spawner.args.append("--ServerApp.allow_root=True")' 
        self.config = self.dir / "jupyterhub_config.py"
        self.config.write_text(CONFIG.format(
            port=self.port, hub_port=self.hub_port, dir=self.dir, chp=str(CHP), proxy_api=self.proxy_api,
            proxy_token=secrets.token_hex(24), password=self.password, spawner=spawner,
            singleuser=str(env_bin / "jupyterhub-singleuser"), start_timeout=start_timeout,
            path=f"{env_bin}:/usr/local/bin:/usr/bin:/bin", spawner_extra=extra, token=self.token,
            concurrent=concurrent), encoding="utf8")
        self.proc: subprocess.Popen | None = None
        self.pids: set[int] = set()

    # -- life cycle --------------------------------------------------------------------------------------
    def start(self, timeout: float = 90) -> "LoopbackHub":
        log = open(self.dir / "jupyterhub.log", "w")
        self.proc = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(self.config)], cwd=self.dir,
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.pids.add(self.proc.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited ({self.proc.returncode}):\n{self.log()[-3000:]}")
            try:
                if self.api("GET", "/hub/api/")[0] == 200:
                    proxy_pid = self.dir / "jupyterhub-proxy.pid"
                    if proxy_pid.is_file():
                        self.pids.add(int(proxy_pid.read_text().strip()))
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyterhub did not answer within {timeout:.0f} s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        path = self.dir / "jupyterhub.log"
        return path.read_text(errors="replace") if path.is_file() else ""

    def record_user_pids(self, name: str) -> list[int]:
        """The pids of a student's server and its descendants (kernels), remembered for stop()."""
        import psutil

        status, model = self.api("GET", f"/hub/api/users/{name}")
        pid = ((model or {}).get("servers", {}).get("", {}).get("state") or {}).get("pid") if status == 200 else None
        found = []
        if pid:
            try:
                proc = psutil.Process(pid)
                found = [pid, *(c.pid for c in proc.children(recursive=True))]
            except psutil.NoSuchProcess:
                found = []
        self.pids.update(found)
        return found

    def stop(self, timeout: float = 30) -> list[int]:
        """Stop the hub (SIGTERM: it stops the servers it spawned and the proxy), then kill, by id, any
        recorded process still alive. Returns the ids that had to be killed."""
        import psutil

        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        killed = []
        deadline = time.monotonic() + 10
        for pid in sorted(self.pids):
            try:
                proc = psutil.Process(pid)
                while proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
                    time.sleep(0.2)
                if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                    proc.kill()
                    killed.append(pid)
            except psutil.NoSuchProcess:
                pass
        return killed

    # -- the REST API ------------------------------------------------------------------------------------
    def api(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 30):
        """One request to the hub (or, with a /user/... path, a student's server through the proxy): returns
        (status, parsed JSON or text)."""
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Authorization": f"token {token or self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read().decode(errors="replace")
        finally:
            conn.close()
        try:
            return resp.status, json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return resp.status, raw

    def add_user(self, name: str) -> None:
        status, body = self.api("POST", f"/hub/api/users/{name}")
        if status not in (201, 409):
            raise RuntimeError(f"could not create hub user {name}: {status} {body}")

    def spawn(self, name: str, timeout: float = 180, poll: float = 0.5) -> float:
        """Start a student's server; return the seconds until the hub reports it ready."""
        start = time.monotonic()
        status, body = self.api("POST", f"/hub/api/users/{name}/server")
        if status not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"could not start {name}'s server: {status} {body}")
        while time.monotonic() - start < timeout:
            status, model = self.api("GET", f"/hub/api/users/{name}")
            server = (model or {}).get("servers", {}).get("") if status == 200 else None
            if server and server.get("ready"):
                return time.monotonic() - start
            time.sleep(poll)
        raise RuntimeError(f"{name}'s server was not ready within {timeout:.0f} s:\n{self.log()[-3000:]}")

    def user_token(self, name: str) -> str:
        status, body = self.api("POST", f"/hub/api/users/{name}/tokens", {"note": "workbook test", "expires_in": 3600})
        if status != 201:
            raise RuntimeError(f"could not make a token for {name}: {status} {body}")
        return body["token"]


class GitDaemon:
    """The teacher's exercise repositories served over git:// on loopback (``git daemon``), as a course's git host
    serves them: students' servers clone by URL, never from another user's folder (which git refuses anyway)."""

    def __init__(self, base: Path):
        self.base = Path(base)
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def start(self, timeout: float = 20) -> "GitDaemon":
        self.proc = subprocess.Popen(["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={self.base}",
                                      "--listen=127.0.0.1", f"--port={self.port}", str(self.base)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"git daemon exited ({self.proc.returncode})")
                time.sleep(0.2)
        raise RuntimeError(f"git daemon did not listen on port {self.port} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class KernelClient:
    """A student's kernel, driven through the hub's proxy like a browser would: REST to start it, the websocket
    channel to execute code."""

    def __init__(self, hub: LoopbackHub, user: str, token: str):
        self.hub, self.user, self.token = hub, user, token
        self.base = f"/user/{user}"
        self.kernel_id: str | None = None
        self.ws = None

    async def start(self, timeout: float = 120) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        status, body = await asyncio.to_thread(self.hub.api, "POST", f"{self.base}/api/kernels", {"name": "python3"},
                                               self.token, timeout)
        if status != 201:
            raise RuntimeError(f"{self.user}: could not start a kernel: {status} {body}")
        self.kernel_id = body["id"]
        url = f"ws://127.0.0.1:{self.hub.port}{self.base}/api/kernels/{self.kernel_id}/channels"
        self.ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"},
                                                      request_timeout=timeout, connect_timeout=timeout),
                                          max_message_size=64 * 1024 * 1024)

    async def execute(self, code: str, timeout: float = 120) -> dict:
        """Run ``code``; return {"status", "stdout", "text" (all text outputs), "error"} once the kernel is idle."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        out = {"status": None, "stdout": "", "text": "", "error": None}
        idle = replied = False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.user}: no reply within {timeout:.0f} s to {code[:60]!r}")
            raw = await asyncio.wait_for(self.ws.read_message(), remaining)
            if raw is None:
                raise ConnectionError(f"{self.user}: the kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                out["stdout"] += content.get("text", "")
                out["text"] += content.get("text", "")
            elif kind in ("execute_result", "display_data"):
                out["text"] += content.get("data", {}).get("text/plain", "") + "\n"
            elif kind == "error":
                out["error"] = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                out["status"] = content.get("status")
                replied = True
        return out

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.kernel_id:
            await asyncio.to_thread(self.hub.api, "DELETE", f"{self.base}/api/kernels/{self.kernel_id}", None,
                                    self.token)


def code_cells(notebook: Path) -> list[str]:
    nb = json.loads(Path(notebook).read_text(encoding="utf8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def pull(hub: LoopbackHub, user: str, token: str, repo: str, branch: str = "main", timeout: float = 120) -> str:
    """What the launch link's page does: nbgitpuller's event-stream API, read to its end; returns the stream."""
    from urllib.parse import urlencode

    status, body = hub.api("GET", f"/user/{user}/git-pull/api?" + urlencode({"repo": repo, "branch": branch}),
                           token=token, timeout=timeout)
    if status != 200 or '"finished"' not in str(body):
        raise RuntimeError(f"{user}: nbgitpuller did not finish: {status} {str(body)[-2000:]}")
    return str(body)
