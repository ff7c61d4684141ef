"""Drives the RemoteKit kernel with Jupyter's own client library (jupyter_client), as a notebook server does, and prints
what it saw as one JSON object. The kernelspec is found by name in $JUPYTER_DATA_DIR."""
import json
import queue
import sys
import threading

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120
seen = {}
km, kc = start_new_kernel(kernel_name="remotekit", startup_timeout=TIMEOUT)
try:
    info = kc.kernel_info(reply=True, timeout=TIMEOUT)
    seen["language"] = info["content"]["language_info"]["name"]

    outputs = []
    reply = kc.execute_interactive("var x = 6;\nConsole.WriteLine(\"six\");\nx * 7", timeout=TIMEOUT,
                                   output_hook=lambda m: outputs.append(m))
    seen["status"] = reply["content"]["status"]
    seen["stdout"] = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
    seen["result"] = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]

    seen["complete"] = kc.complete("Console.Wri", reply=True, timeout=TIMEOUT)["content"]["matches"]
    seen["inspect"] = kc.inspect("x", 1, reply=True, timeout=TIMEOUT)["content"]["data"].get("text/plain", "")
    def is_complete(code):
        sent = kc.is_complete(code)
        while True:
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == sent:
                return reply["content"]["status"]
    seen["is_complete"] = [is_complete(code) for code in ["var y = 1;", "if (true) {"]]

    # Interrupt (interrupt_mode "message"): a cell waiting on its cancellation token ends with OperationCanceledException.
    started = threading.Event()
    def watch(m):
        if m["msg_type"] == "stream" and "waiting" in m["content"]["text"]:
            started.set()
    result = queue.Queue()
    threading.Thread(target=lambda: result.put(kc.execute_interactive(
        "Console.WriteLine(\"waiting\");\nawait Task.Delay(Timeout.Infinite, CellCancellation);",
        timeout=TIMEOUT, output_hook=lambda m: (watch(m), outputs.append(m))))).start()
    started.wait(TIMEOUT)
    km.interrupt_kernel()
    interrupted = result.get(timeout=TIMEOUT)
    seen["interrupted"] = interrupted["content"].get("ename")
    seen["after_interrupt"] = kc.execute_interactive("x + 1", timeout=TIMEOUT, output_hook=lambda m: outputs.append(m))["content"]["status"]

    # A restart gives a fresh kernel: x is gone.
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    seen["after_restart"] = kc.execute_interactive("x", timeout=TIMEOUT, output_hook=lambda m: None)["content"].get("ename")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)

print(json.dumps(seen))
