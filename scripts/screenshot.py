"""Take README screenshots of a running Odoo with headless Chromium (DevTools protocol).

Usage: screenshot.py BASE_URL DB LOGIN PASSWORD OUT.png PATH [WAIT_SELECTOR] [WIDTHxHEIGHT] [CLICK]
CLICK: a CSS selector clicked before the screenshot (a notebook tab, say).
Example: screenshot.py http://localhost:8069 coordination_demo coordinator coordinator \
             docs/images/departments.png /odoo/coordination-departments .o_kanban_record
"""

import base64
import itertools
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, suppress_origin=True)
        self.ids = itertools.count(1)

    def send(self, method, **params):
        msg_id = next(self.ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == msg_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, selector, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.send(
                "Runtime.evaluate",
                expression=f"!!document.querySelector({json.dumps(selector)})",
                returnByValue=True,
            )
            if found["result"].get("value"):
                return
            time.sleep(0.3)
        raise TimeoutError(f"{selector} did not appear")


def main(base, db, login, password, out, path, selector="body", size="1440x900", click=None):
    width, height = (int(v) for v in size.split("x"))
    session = requests.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}},
        timeout=30,
    ).cookies["session_id"]
    profile = tempfile.mkdtemp()
    browser = shutil.which("chromium") or shutil.which("google-chrome")
    proc = subprocess.Popen(
        [browser, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = pathlib.Path(profile, "DevToolsActivePort")
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        [target] = [
            t
            for t in requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
            if t["type"] == "page"
        ][:1]
        page = Page(target["webSocketDebuggerUrl"])
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.send("Network.enable")
        page.send("Network.setCookie", name="session_id", value=session, url=base)
        page.send("Page.navigate", url=f"{base}{path}")
        page.wait_for(selector)
        if click:
            page.wait_for(click)
            page.send(
                "Runtime.evaluate",
                expression=f"document.querySelector({json.dumps(click)}).click()",
            )
        time.sleep(1.5)  # let animations and images settle
        shot = page.send("Page.captureScreenshot", format="png")
        pathlib.Path(out).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(out).write_bytes(base64.b64decode(shot["data"]))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
