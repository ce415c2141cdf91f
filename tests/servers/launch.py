"""Start and stop private servers on free loopback ports: the Oxigraph server (PyPI `oxigraph`) and
Virtuoso Open Source (Debian `virtuoso-opensource`) with its own ini and database folder; and, for the
generated redirect configurations, nginx (Debian `nginx-light`) and Apache httpd (Debian `apache2-bin`).
Plain Python, no pytest: the fixtures and benchmarks/servers.py both use it."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from normkg.endpoint import Endpoint, use_credentials

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a throwaway database, bound to 127.0.0.1 only


class ServerUnavailable(RuntimeError):
    """The server program is missing or did not come up."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Server:
    """A server process we started, stopped by its own PID only."""

    name = "server"
    startup_timeout = 60.0
    query_path = update_path = graph_store_path = ""  # under the server's base URL, set by each kind

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.process: subprocess.Popen | None = None
        self.log = self.folder / f"{self.name}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    @property
    def ready_url(self) -> str:
        return f"{self.endpoint}?query=ASK%7B%7D"

    @property
    def endpoint(self) -> str:
        return self.base + self.query_path

    @property
    def update(self) -> str:
        return self.base + self.update_path

    @property
    def graph_store(self) -> str:
        return self.base + self.graph_store_path

    def start(self) -> "Server":
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.command(), cwd=self.folder, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while not answers(self.ready_url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                tail = self.log.read_text(errors="replace")[-2000:]
                raise ServerUnavailable(f"{self.name} did not start:\n{tail}")
            time.sleep(0.1)
        return self

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class OxigraphServer(Server):
    """`oxigraph serve` on a RocksDB folder, so a restart finds what was committed."""

    name = "oxigraph"
    query_path, update_path, graph_store_path = "/query", "/update", "/store"
    credentials = None

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def program() -> str:
        found = shutil.which("oxigraph", path=os.path.dirname(sys.executable)) or shutil.which("oxigraph")
        if not found:
            raise ServerUnavailable("the `oxigraph` program is not installed (pip install oxigraph)")
        return found

    def command(self) -> list[str]:
        return [self.program(), "serve", "--location", str(self.folder / "db"), "--bind", f"127.0.0.1:{self.port}"]


class VirtuosoServer(Server):
    """virtuoso-t in the foreground with a private ini: loopback ports, its own database folder,
    results not capped at 10,000 rows, and buffers sized for a test database."""

    name = "virtuoso"
    query_path, update_path, graph_store_path = "/sparql", "/sparql-auth", "/sparql-graph-crud-auth"
    startup_timeout = 120.0
    credentials = (VIRTUOSO_USER, VIRTUOSO_PASSWORD)

    def __init__(self, folder: Path):
        super().__init__(folder)
        self.sql_port, self.port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def write_ini(self) -> Path:
        if not VIRTUOSO_INI.is_file() or not shutil.which("virtuoso-t"):
            raise ServerUnavailable("Virtuoso is not installed (scripts/install-servers: Debian virtuoso-opensource)")
        ini = configparser.ConfigParser(inline_comment_prefixes=(";",), strict=False, interpolation=None)
        ini.optionxform = str
        ini.read(VIRTUOSO_INI)
        db = self.folder / "db"
        db.mkdir(parents=True, exist_ok=True)
        for section in ("Database", "TempDatabase"):
            for key, value in ini[section].items():
                if value.startswith("/var/lib/virtuoso-opensource-7/db/"):
                    ini[section][key] = str(db / Path(value).name)
        ini["Parameters"].update({
            "ServerPort": f"127.0.0.1:{self.sql_port}",
            "DirsAllowed": f"., /usr/share/virtuoso-opensource-7/vad, {self.folder}",
            "NumberOfBuffers": "170000",
            "MaxDirtyBuffers": "130000",
        })
        ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{self.port}"
        ini["SPARQL"].update({"ResultSetMaxRows": "1000000", "MaxQueryExecutionTime": "600"})
        ini["SPARQL"].pop("MaxQueryCostEstimationTime", None)  # its estimates are far off on small data
        path = self.folder / "virtuoso.ini"
        with open(path, "w") as handle:
            ini.write(handle)
        return path

    def command(self) -> list[str]:
        return ["virtuoso-t", "+foreground", "+configfile", str(self.write_ini())]



def required_program(path: str, package: str) -> str:
    if not os.access(path, os.X_OK):
        raise ServerUnavailable(f"{path} is not installed (scripts/install-servers: Debian {package})")
    return path


def endpoint_of(server: Server, timeout: float = 30.0) -> Endpoint:
    """A client for a SPARQL server we started, with its credentials, without retries."""
    if server.credentials:
        for url in (server.update, server.graph_store):
            use_credentials(url, *server.credentials)
    return Endpoint(server.endpoint, server.update, server.graph_store, timeout=timeout, attempts=1)


class NginxSite(Server):
    """nginx in the foreground serving a site folder with the server block `normkg publish site` wrote
    (redirects/nginx.conf), its `listen` and `root` set to a loopback port and the folder."""

    name = "nginx"

    def __init__(self, folder: Path, site: Path, port: int | None = None):
        super().__init__(folder)
        self.site, self.port = Path(site), port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    @property
    def ready_url(self) -> str:
        return self.base + "/"

    def write_conf(self) -> Path:
        block = (self.site / "redirects" / "nginx.conf").read_text()
        block, listens = re.subn(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{self.port};", block, flags=re.M)
        block, roots = re.subn(r"^(\s*)root [^;\n]+;", rf"\1root {self.site};", block, flags=re.M)
        if (listens, roots) != (1, 1):
            raise ServerUnavailable("redirects/nginx.conf has no single `listen 80;` and `root …;` to set")
        temp = "\n".join(f"    {kind}_temp_path {self.folder / kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the private site folder
        conf = self.folder / "nginx.conf"
        conf.write_text(f"{user}daemon off;\npid {self.folder / 'nginx.pid'};\nerror_log {self.log};\n"
                        f"events {{}}\nhttp {{\n    access_log off;\n{temp}\n{block}}}\n")
        return conf

    def command(self) -> list[str]:
        program = required_program("/usr/sbin/nginx", "nginx-light")
        return [program, "-e", str(self.log), "-p", str(self.folder), "-c", str(self.write_conf())]


class ApacheW3id(Server):
    """Apache httpd in the foreground, standing in for w3id.org: the `.htaccess` `normkg publish site`
    wrote (redirects/w3id.htaccess) in a `normkg/` folder with mod_rewrite and `AllowOverride All`.
    The document root lives in a world-readable temporary folder: run as root, Apache reads it as
    www-data."""

    name = "apache"
    MODULES = ("mpm_event", "authz_core", "rewrite")

    def __init__(self, folder: Path, htaccess: Path):
        super().__init__(folder)
        self.htaccess, self.port = Path(htaccess), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.docroot: Path | None = None

    @property
    def ready_url(self) -> str:
        return self.base + "/ready.txt"

    def write_conf(self) -> Path:
        self.docroot = Path(tempfile.mkdtemp(prefix="normkg-w3id-"))
        os.chmod(self.docroot, 0o755)
        (self.docroot / "normkg").mkdir(mode=0o755)
        shutil.copy(self.htaccess, self.docroot / "normkg" / ".htaccess")
        os.chmod(self.docroot / "normkg" / ".htaccess", 0o644)
        (self.docroot / "ready.txt").write_text("ready\n")
        os.chmod(self.docroot / "ready.txt", 0o644)
        modules = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in self.MODULES)
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        conf = self.folder / "httpd.conf"
        conf.write_text(f"""ServerRoot {self.folder}
ServerName 127.0.0.1
Listen 127.0.0.1:{self.port}
{modules}
{user}PidFile {self.folder / "httpd.pid"}
DefaultRuntimeDir {self.folder}
ErrorLog {self.log}
DocumentRoot {self.docroot}
<Directory {self.docroot}>
    AllowOverride All
    Require all granted
</Directory>
""")
        return conf

    def command(self) -> list[str]:
        program = required_program("/usr/sbin/apache2", "apache2-bin")
        return [program, "-DFOREGROUND", "-f", str(self.write_conf())]

    def stop(self) -> None:
        super().stop()
        if self.docroot:
            shutil.rmtree(self.docroot, ignore_errors=True)
