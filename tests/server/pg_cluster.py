"""A throwaway PostgreSQL cluster for the server's scripts (issue #21), as
tests/pg_cluster.h makes one for the unit tests: Debian's initdb and pg_ctl
in a temporary folder, on 127.0.0.1 at a free port, run as the postgres user
when the tests run as root, trust authentication, fsync off."""
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile


class PgCluster:
    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise SystemExit("no /usr/lib/postgresql/*/bin/initdb: run scripts/install-deps (postgresql)")
        self.bin = os.path.dirname(found[-1])
        self.dir = tempfile.mkdtemp(prefix="gpuscout-pg-")
        self.run_as = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.run_as = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._run([f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "gpuscout", "-A", "trust", "--no-sync", "-E", "UTF8"])
        self.start()
        subprocess.run([f"{self.bin}/psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "gpuscout", "-d", "postgres",
                        "-c", "CREATE DATABASE gpuscout"], check=True)
        self.url = f"postgresql://gpuscout@127.0.0.1:{self.port}/gpuscout"

    def _run(self, cmd):
        subprocess.run(self.run_as + cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self._run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-w", "-l", f"{self.dir}/log", "-o",
                   f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c max_connections=200", "start"])

    def stop(self):
        self._run([f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "-w", "stop"])

    def close(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
