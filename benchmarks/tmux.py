"""A small tmux driver for measuring a full-screen program from the outside.

All sessions of one benchmark run live on one private tmux server (own socket, empty config),
each at a fixed size. A program is started with ``exec`` inside a plain shell, so the pane's
process *is* the program and its memory can be read from ``/proc``. Times are taken from the
moment a key is sent to the first ``capture-pane`` that shows the expected change; polling every
few milliseconds adds the same small bias to every figure, so ratios against a floor measured in
the same run are fair.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import time
from collections.abc import Callable

Predicate = Callable[[str], bool]
PROMPT = "BENCH-READY$ "


class TmuxServer:
    """A private tmux server; :meth:`session` starts sessions on it, :meth:`close` ends it."""

    def __init__(self) -> None:
        self.socket = f"planner-bench-{os.getpid()}"
        self._socket_path = ""
        self._count = 0

    def run(self, *args: str, check: bool = True) -> str:
        """One tmux command on this server; its output."""
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {result.stderr.strip()}")
        return result.stdout

    def session(
        self, env: dict[str, str], cwd: str, width: int = 120, height: int = 40
    ) -> TmuxSession:
        """A new session running ``bash --norc`` in ``cwd`` with ``env``, ready for a command."""
        self._count += 1
        session = TmuxSession(self, f"s{self._count}", width, height, env, cwd)
        if not self._socket_path:
            self._socket_path = self.run(
                "display-message", "-p", "-t", session.name, "#{socket_path}"
            ).strip()
        return session

    def close(self) -> None:
        """Kill the server and remove its socket file."""
        self.run("kill-server", check=False)
        if self._socket_path:
            with contextlib.suppress(OSError):
                os.unlink(self._socket_path)


class TmuxSession:
    """One detached tmux session of a fixed size running ``bash --norc``."""

    def __init__(
        self,
        server: TmuxServer,
        name: str,
        width: int,
        height: int,
        env: dict[str, str],
        cwd: str,
    ) -> None:
        self.server = server
        self.name = name
        args = ["new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-c", cwd]
        for key, value in {**env, "PS1": PROMPT}.items():
            args += ["-e", f"{key}={value}"]
        args += ["bash", "--norc", "--noprofile"]
        server.run(*args)
        # The size stays fixed with no client attached; the pane (and its last screen) stays
        # when the program exits, so a crash shows what it printed.
        server.run("set-option", "-t", name, "window-size", "manual", check=False)
        server.run("set-option", "-t", name, "remain-on-exit", "on", check=False)
        server.run("resize-window", "-t", name, "-x", str(width), "-y", str(height), check=False)
        self.wait_for(lambda screen: PROMPT.strip() in screen, timeout=10)

    def capture(self) -> str:
        """The visible screen as text."""
        return self.server.run("capture-pane", "-p", "-J", "-t", self.name)

    def keys(self, *keys: str) -> None:
        """Send tmux key names (``Enter``, ``Space``, ``Escape``, ``a`` …)."""
        self.server.run("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type literal text."""
        self.server.run("send-keys", "-t", self.name, "-l", text)

    def pid(self) -> int:
        """The pane's process id (the program, thanks to ``exec``)."""
        out = self.server.run("display-message", "-p", "-t", self.name, "#{pane_pid}")
        return int(out.strip())

    def peak_mib(self) -> float:
        """The program's peak memory so far (VmHWM), in MiB."""
        return peak_memory_kib(self.pid()) / 1024

    def wait_for(
        self,
        predicate: Predicate,
        timeout: float = 30.0,
        since: float | None = None,
        interval: float = 0.005,
    ) -> float:
        """Poll the screen until ``predicate`` holds; seconds since ``since`` (or the call)."""
        start = time.perf_counter() if since is None else since
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.capture()
            if predicate(screen):
                return time.perf_counter() - start
            if "Pane is dead" in screen:
                raise RuntimeError(f"the program exited; last screen:\n{screen}")
            if time.perf_counter() > deadline:
                raise TimeoutError(f"condition not met in {timeout} s; screen:\n{screen}")
            time.sleep(interval)

    def launch(self, command: str, predicate: Predicate, timeout: float = 30.0) -> float:
        """Type ``exec COMMAND`` (untimed), then time Enter → first screen where predicate holds."""
        line = f"exec {command}"
        self.type(line)
        self.wait_for(lambda screen: line[-25:] in screen.replace("\n", ""), timeout=5)
        start = time.perf_counter()
        self.keys("Enter")
        return self.wait_for(predicate, timeout=timeout, since=start)

    def press(self, key: str, predicate: Predicate, timeout: float = 10.0) -> float:
        """Time one key → the first screen where ``predicate`` holds."""
        start = time.perf_counter()
        self.keys(key)
        return self.wait_for(predicate, timeout=timeout, since=start)

    def close(self) -> None:
        """Kill this session (and so its program)."""
        pid = None
        with contextlib.suppress(RuntimeError, ValueError):
            pid = self.pid()
        self.server.run("kill-session", "-t", self.name, check=False)
        if pid is not None:  # wait for it to go, so it does not share the CPU with the next run
            deadline = time.perf_counter() + 5
            while os.path.exists(f"/proc/{pid}") and time.perf_counter() < deadline:
                time.sleep(0.01)


def peak_memory_kib(pid: int) -> int:
    """VmHWM (peak resident memory) of ``pid`` in KiB, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def shell_quote(*parts: str) -> str:
    """A command line for the session's shell."""
    return " ".join(shlex.quote(part) for part in parts)
