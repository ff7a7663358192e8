#!/usr/bin/python3
"""User-level test: drives the real Duplex window over AT-SPI, the way a
screen reader or a tester's automation would, by accessible roles and names.

  test-atspi.py BUILD_DIR

Starts the python3-websockets peer (tests/interop/peers/py_server.py) and
`BUILD_DIR/src/duplex ws://127.0.0.1:PORT/echo`, then: checks the state pill
says "Disconnected", clicks Connect, waits for "Open", moves to "Message"
with Ctrl+M and types a message with synthesized key presses (XTest, through
the AT-SPI registry), clicks Send, waits until "History" shows the message
in a "Sent" and a "Received" row (the echo), clicks Disconnect and waits for
"Closed"; then clicks the "Tests" tab, "Add Scenario" and
"Run", and waits for the run to say it passed.

GTK 4.8 does not expose the text of entries and text views over AT-SPI, so
the test reads what a tester reads instead: labels (the state pill, the
composer's byte count, the history rows).

Run it with /usr/bin/python3 (Debian's python3-pyatspi and
python3-websockets), inside `xvfb-run -a dbus-run-session --`.
Prints TAP.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

try:
    import pyatspi
except (ImportError, ValueError) as e:
    print("1..0 # SKIP python3-pyatspi is missing (%s); run with /usr/bin/python3" % e)
    sys.exit(0)

# Hang guard for each wait; the steps themselves take well under a second.
DEADLINE_S = 60.0
POLL_S = 0.1
MESSAGE = "hello over atspi 42"
CONTROL_MASK = 1 << 2  # X11 ControlMask

SRCDIR = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(SRCDIR, "..", "interop", "peers", "py_server.py")


class StepFailed(Exception):
    pass


class Terminated(BaseException):
    """SIGTERM (meson's timeout) or SIGINT: not an AT-SPI hiccup to retry."""


def diag(text):
    for line in str(text).splitlines():
        print("# " + line, flush=True)


def die_with_parent():
    # If this script is killed outright (meson's timeout), the window must
    # not outlive it. PR_SET_PDEATHSIG = 1.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)


def wait_for(what, probe, describe=None):
    """Polls probe() until it returns something true; returns that.

    AT-SPI calls into a busy or half-built tree can raise; they count as
    "not yet" until the deadline.
    """
    deadline = time.monotonic() + DEADLINE_S
    last_error = None
    while True:
        try:
            result = probe()
            if result:
                return result
        except StepFailed:
            raise
        except Exception as e:  # GLib.Error from libatspi, gone objects
            last_error = e
        if time.monotonic() > deadline:
            message = "timed out after %.0f s waiting for %s" % (DEADLINE_S, what)
            if last_error is not None:
                message += " (last AT-SPI error: %s)" % last_error
            if describe is not None:
                try:
                    message += "\n" + describe()
                except Exception as e:
                    message += "\n(could not describe the state: %s)" % e
            raise StepFailed(message)
        time.sleep(POLL_S)


def children(node):
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield child


def walk(node):
    """Every descendant of node, depth first, node included."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        try:
            kids = list(children(current))
        except Exception:
            continue
        stack.extend(reversed(kids))


def find_all(root, roles, name):
    return [n for n in walk(root) if n.getRole() in roles and n.name == name]


def find_one(root, roles, name):
    found = find_all(root, roles, name)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise StepFailed("%d controls named %r, expected one" % (len(found), name))
    return None


def dump(node, limit=400):
    lines = []
    for n in walk(node):
        if len(lines) >= limit:
            lines.append("...")
            break
        lines.append("%s (%r)" % (n.getRoleName(), n.name))
    return "\n".join(lines)


def texts_in(node):
    """What a row says: its labels' text and its images' names, in order."""
    return [n.name for n in walk(node)
            if n.getRole() in (pyatspi.ROLE_LABEL, pyatspi.ROLE_IMAGE)]


def click(node):
    action = node.queryAction()
    if action.nActions < 1:
        raise StepFailed("%s %r has no action to click" % (node.getRoleName(), node.name))
    if not action.doAction(0):
        raise StepFailed("%s %r refused its action" % (node.getRoleName(), node.name))


def has_state(node, state):
    return node.getState().contains(state)


BUTTON_ROLES = (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
TEXT_ROLES = (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)
LIST_ROLES = (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE)


class Duplex:
    """The running app as AT-SPI sees it."""

    def __init__(self, app):
        self.app = app

    def url_entry(self):
        return find_one(self.app, TEXT_ROLES, "URL")

    def state_pill(self):
        # The label that sits beside the URL entry in the URL bar. The same
        # words show up in the window subtitle and the sidebar row, so find
        # it by where it is, not only by its text.
        entry = self.url_entry()
        if entry is None:
            return None
        for sibling in children(entry.parent):
            if sibling.getRole() == pyatspi.ROLE_LABEL:
                return sibling
        return None

    def state(self):
        pill = self.state_pill()
        return pill.name if pill is not None else None

    def connect_button(self, name):
        return find_one(self.app, BUTTON_ROLES, name)

    def message_view(self):
        return find_one(self.app, TEXT_ROLES, "Message")

    def send_button(self):
        return find_one(self.app, BUTTON_ROLES, "Send")

    def composer_size(self):
        # The byte count beside Send: the composer's own echo of what it holds.
        send = self.send_button()
        if send is None:
            return None
        for sibling in children(send.parent):
            if sibling.getRole() == pyatspi.ROLE_LABEL:
                return sibling.name
        return None

    def history(self):
        return find_one(self.app, LIST_ROLES, "History")

    def history_rows(self):
        history = self.history()
        if history is None:
            return []
        return [texts_in(row) for row in children(history)]

    def describe(self):
        return ("state pill: %r\ncomposer size: %r\nhistory rows: %r"
                % (self.state(), self.composer_size(), self.history_rows()))


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def list_apps():
    desktop = pyatspi.Registry.getDesktop(0)
    names = []
    for app in children(desktop):
        try:
            names.append("%r pid %d" % (app.name, app.get_process_id()))
        except Exception as e:
            names.append("? (%s)" % e)
    return "applications on the AT-SPI desktop: " + (", ".join(names) or "none")


def type_text(text):
    # One key press and release per character, by keysym: for the printable
    # ASCII used here the X keysym is the code point. XTest delivers them to
    # the window with the keyboard focus, like a tester's keyboard would.
    for ch in text:
        if not (0x20 <= ord(ch) < 0x7f) or ch.isupper():
            raise ValueError("type_text only types lowercase printable ASCII, not %r" % ch)
        pyatspi.Registry.generateKeyboardEvent(ord(ch), None, pyatspi.KEY_SYM)


def press_ctrl(key):
    # GTK 4.8 does not implement Component.GrabFocus, so reach the composer
    # the way the shortcuts window tells a tester to: Ctrl+M. The modifier
    # is latched with XkbLockModifiers around one key press.
    pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        pyatspi.Registry.generateKeyboardEvent(ord(key), None, pyatspi.KEY_SYM)
    finally:
        pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)


def press_escape():
    # Closes the popover, so that Disconnect is reachable again.
    pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)


def start_peer():
    peer = subprocess.Popen(["/usr/bin/python3", PEER],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            preexec_fn=die_with_parent)
    line = peer.stdout.readline().decode("utf-8", "replace").split()
    if len(line) != 2 or line[0] != "PORT":
        raise StepFailed("py_server.py did not print its port (got %r)" % line)
    return peer, int(line[1])


def start_app(build_dir, url):
    env = dict(os.environ)
    # The meson test environment turns the bridge off for the GTest
    # programs; this test needs it on.
    env.pop("NO_AT_BRIDGE", None)
    env.update({
        "GSETTINGS_SCHEMA_DIR": os.path.join(build_dir, "data"),
        "GSETTINGS_BACKEND": "memory",
        "GSK_RENDERER": "cairo",
        "GDK_DEBUG": "gl-disable",
        "GDK_BACKEND": "x11",
    })
    return subprocess.Popen([os.path.join(build_dir, "src", "duplex"), url],
                            env=env, stdin=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)


def stop(process, name):
    if process is None or process.poll() is not None:
        return
    if process.stdin is not None:
        # py_server.py exits when its stdin closes.
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            pass
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        diag("%s (pid %d) ignored SIGTERM; killing it" % (name, process.pid))
        process.kill()
        process.wait()


def on_sigterm(signum, frame):
    raise Terminated("killed by signal %d" % signum)


def run(build_dir, steps_done):
    peer = app_process = None
    try:
        peer, port = start_peer()
        app_process = start_app(build_dir, "ws://127.0.0.1:%d/echo" % port)

        def probe_app():
            if app_process.poll() is not None:
                raise StepFailed("duplex exited with status %d before it showed up on AT-SPI"
                                 % app_process.returncode)
            return find_app(app_process.pid)

        app = wait_for("duplex (pid %d) on the AT-SPI desktop" % app_process.pid,
                       probe_app, list_apps)
        dx = Duplex(app)
        wait_for("the URL entry, Connect, Message, Send and History",
                 lambda: (dx.url_entry() and dx.connect_button("Connect")
                          and dx.message_view() and dx.send_button() and dx.history()),
                 lambda: dump(app))
        steps_done("the window shows URL, Connect, Message, Send and History by name")

        wait_for('the state pill to say "Disconnected"',
                 lambda: dx.state() == "Disconnected", dx.describe)
        steps_done('a new session is "Disconnected"')

        click(dx.connect_button("Connect"))
        wait_for('the state pill to say "Open" and the button to be named "Disconnect"',
                 lambda: dx.state() == "Open" and dx.connect_button("Disconnect"),
                 dx.describe)
        steps_done('Connect opens the session and the button becomes "Disconnect"')

        # Plain text, whatever mode the composer starts in: the message is
        # not JSON.
        click(find_one(dx.app, BUTTON_ROLES, "Text"))
        view = dx.message_view()
        if not has_state(view, pyatspi.STATE_FOCUSABLE):
            raise StepFailed('"Message" is not focusable')
        press_ctrl("m")
        wait_for('"Message" to take the keyboard focus after Ctrl+M',
                 lambda: has_state(view, pyatspi.STATE_FOCUSED), dx.describe)
        type_text(MESSAGE)
        expected_size = "%d bytes" % len(MESSAGE.encode("utf-8"))
        wait_for("the composer to count %s after typing %r" % (expected_size, MESSAGE),
                 lambda: dx.composer_size() == expected_size, dx.describe)
        steps_done("typing into \"Message\" updates its byte count")

        click(dx.send_button())

        def sent_and_echoed():
            # Each row names its direction ("Sent"/"Received") on its icon.
            rows = [r for r in dx.history_rows() if MESSAGE in r]
            if any("Sent" in r for r in rows) and any("Received" in r for r in rows):
                return rows
            return None

        rows = wait_for("History to show %r twice, as Sent and as Received" % MESSAGE,
                        sent_and_echoed, dx.describe)
        for row in rows:
            diag("history row: %r" % (row,))
        steps_done("Send puts the message and its echo in History")

        # GTK 4.8 names both the menu button and the toggle inside it
        menu = [n for n in find_all(dx.app, BUTTON_ROLES, "Ping and close")
                if n.queryAction().nActions > 0]
        if not menu:
            raise StepFailed('no "Ping and close" button to click')
        click(menu[0])
        # GTK 4.8 repeats a labelled button's text in its name: "Send Ping Send Ping"
        send_ping = wait_for('"Send Ping" in the "Ping and close" menu',
                             lambda: next((n for n in walk(dx.app)
                                           if n.getRole() in BUTTON_ROLES
                                           and n.name.startswith("Send Ping")), None),
                             lambda: dump(app))
        click(send_ping)
        pongs = wait_for("History to show the pong with its round trip",
                         lambda: [r for r in dx.history_rows()
                                  if any("round trip" in t for t in r)],
                         dx.describe)
        diag("pong row: %r" % (pongs[0],))
        press_escape()
        steps_done('"Send Ping" from the menu beside Disconnect shows a pong with its round trip')

        click(dx.connect_button("Disconnect"))
        wait_for('the state pill to say "Closed"', lambda: dx.state() == "Closed",
                 dx.describe)
        steps_done('Disconnect closes the session ("Closed")')

        # GTK 4.8 names a labelled button by its label, mnemonic and all,
        # then by its text again: "_Run Run"
        def button_named(name):
            return next((n for n in walk(dx.app)
                         if n.getRole() in BUTTON_ROLES
                         and n.name.replace("_", "") in (name, name + " " + name)
                         and has_state(n, pyatspi.STATE_SENSITIVE)
                         and n.queryAction().nActions > 0), None)

        def buttons():
            return "\n".join("%s %r showing=%s" % (n.getRoleName(), n.name, has_state(n, pyatspi.STATE_SHOWING))
                              for n in walk(app) if n.getRole() in BUTTON_ROLES + (pyatspi.ROLE_PAGE_TAB,))

        tests_tab = wait_for('the "Tests" tab', lambda: find_one(dx.app, (pyatspi.ROLE_PAGE_TAB,), "Tests"), buttons)
        click(tests_tab)
        add = wait_for('"Add Scenario" on the Tests page', lambda: button_named("Add Scenario"), buttons)
        click(add)
        run_button = wait_for('a "Run" button for the new scenario', lambda: button_named("Run"), buttons)
        steps_done('the "Tests" tab shows the tests, and "Add Scenario" adds one that connects')

        click(run_button)

        def passed():
            return next((n.name for n in walk(dx.app)
                         if n.getRole() == pyatspi.ROLE_LABEL and n.name.startswith("Passed:")), None)

        result = wait_for('the run to say "Passed:"', passed, lambda: dump(app))
        diag("result: %r" % result)
        steps_done('"Run" runs the scenario and says it passed')
    finally:
        stop(app_process, "duplex")
        stop(peer, "py_server.py")


STEPS = [
    "the window shows URL, Connect, Message, Send and History by name",
    'a new session is "Disconnected"',
    'Connect opens the session and the button becomes "Disconnect"',
    "typing into \"Message\" updates its byte count",
    "Send puts the message and its echo in History",
    '"Send Ping" from the menu beside Disconnect shows a pong with its round trip',
    'Disconnect closes the session ("Closed")',
    'the "Tests" tab shows the tests, and "Add Scenario" adds one that connects',
    '"Run" runs the scenario and says it passed',
]


def main(argv):
    if len(argv) != 2:
        print("usage: %s BUILD_DIR" % argv[0], file=sys.stderr)
        return 2
    build_dir = os.path.abspath(argv[1])
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no X display; run inside xvfb-run -a dbus-run-session --")
        return 0

    signal.signal(signal.SIGTERM, on_sigterm)
    signal.signal(signal.SIGINT, on_sigterm)

    print("1..%d" % len(STEPS), flush=True)
    done = []

    def steps_done(name):
        assert name == STEPS[len(done)], name
        done.append(name)
        print("ok %d - %s" % (len(done), name), flush=True)

    try:
        run(build_dir, steps_done)
    except (Exception, Terminated) as e:
        failed = len(done)
        print("not ok %d - %s" % (failed + 1, STEPS[failed]), flush=True)
        diag("%s: %s" % (type(e).__name__, e))
        for i in range(failed + 1, len(STEPS)):
            print("ok %d - %s # SKIP an earlier step failed" % (i + 1, STEPS[i]), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
