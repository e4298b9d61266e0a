"""Drive LibreOffice Calc headless through UNO, as a person at the keyboard would: open a workbook, type into
cells (parsed by Calc under the nl-NL locale, so "85,50" is a number), delete or insert rows, and save as .xlsx
with Calc's own Excel filter. Run by the Python that has LibreOffice's ``uno`` module (Debian: python3-uno, the
system python3), not the project's virtualenv: ``python3 tests/tools/calc_driver.py JOBS.json [SECONDS]`` (tests/calc_fixtures.py does that).

AutoInput (Calc completing a typed word from the column) and AutoCorrect are switched off in the private
profile: with them the headless office (7.4.7) goes down on typed input (a word after a completion; " - ",
which AutoCorrect makes " – "). So these workbooks show what Calc does to a file and to typed numbers, not
what AutoCorrect does to typed words.

JOBS.json: ``[{"in": path, "out": path, "steps": [step, ...]}, ...]``, a step one of
``{"do": "type", "sheet": name, "cell": "J2", "text": "85,50"}``, ``{"do": "delete_row", "sheet": name, "row": 9}``,
``{"do": "insert_row", "sheet": name, "row": 10}`` (rows numbered as Calc shows them).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # LibreOffice's bridge; makes com.sun.star importable
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

LOCALE = "nl-NL"
XCU = f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{LOCALE}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Input"><prop oor:name="AutoInput" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="UseReplacementTable" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="TwoCapitalsAtStart" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="CapitalAtStartSentence" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="ChangeUnderlineWeight" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="SetInetAttribute" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="ChangeOrdinalNumber" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="AddNonBreakingSpace" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="ChangeDash" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="RemoveDoubleSpaces" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="CorrectAccidentalCapsLock" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/AutoCorrect"><prop oor:name="SetDOIAttribute" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start(profile: Path, pipe: str) -> subprocess.Popen:
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(XCU, encoding="utf-8")
    return subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def connect(pipe: str, proc: subprocess.Popen, timeout: float = 60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    end = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > end:
                raise SystemExit("LibreOffice (soffice) start niet of antwoordt niet") from None
            time.sleep(0.25)


def run_job(ctx, job: dict) -> bool:
    """Do one job; False when the office went down while closing the saved document (then start it again)."""
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    doc = desktop.loadComponentFromURL(Path(job["in"]).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit(f"LibreOffice opent {job['in']} niet (een lock-bestand .~lock.* van een eerdere sessie?)")
    controller = doc.CurrentController
    frame = controller.Frame
    for step in job["steps"]:
        sheet = doc.Sheets.getByName(step["sheet"])
        controller.setActiveSheet(sheet)
        if step["do"] == "type":  # what a person types, parsed by Calc as typed input (locale, autocorrect)
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", step["cell"]),))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", step["text"]),))
        elif step["do"] == "delete_row":
            sheet.Rows.removeByIndex(step["row"] - 1, 1)
        elif step["do"] == "insert_row":
            sheet.Rows.insertByIndex(step["row"] - 1, 1)
        else:
            raise SystemExit(f"onbekende stap {step['do']!r}")
    out = Path(job["out"]).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.storeToURL(out.as_uri(), (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
    try:  # 7.4.7 headless sometimes goes down while closing a document typed into; the file is saved by then
        doc.close(True)
    except Exception:
        return False
    return True


def _timed_out(signum, frame) -> None:
    raise SystemExit("LibreOffice deed er te lang over")


def main() -> int:
    jobs = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    signal.signal(signal.SIGALRM, _timed_out)  # bounded: the office is ended in `finally` whatever happens
    signal.alarm(int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    profile = Path(tempfile.mkdtemp(prefix="calc-profile-"))
    proc = ctx = None
    try:
        for n, job in enumerate(jobs):
            if ctx is None:
                pipe = f"productenboek_calc_{os.getpid()}_{n}"
                proc = start(profile, pipe)
                ctx = connect(pipe, proc)
            print(Path(job["out"]).name, flush=True)
            if not run_job(ctx, job):
                stop(proc)
                ctx = None
                for lock in Path(job["in"]).parent.glob(".~lock.*#"):
                    lock.unlink(missing_ok=True)
        if ctx is not None:
            with contextlib.suppress(Exception):  # the office may close the bridge while answering
                ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
            proc.wait(timeout=30)
    finally:
        stop(proc)
        shutil.rmtree(profile, ignore_errors=True)
    return 0


def stop(proc: subprocess.Popen | None) -> None:
    """End the office: soffice is a script that starts soffice.bin, so the whole process group it leads."""
    if proc is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
