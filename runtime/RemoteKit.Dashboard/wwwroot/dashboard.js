"use strict";
// The RemoteKit dashboard: renders the snapshots and chart points the controller streams as server-sent events.
// Everything is built with textContent, never innerHTML, so task data cannot inject markup.
(() => {
  const $ = (id) => document.getElementById(id);
  const samples = [];
  const number = new Intl.NumberFormat();

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text ?? "";
    if (className) td.className = className;
    return td;
  }

  function memory(bytes) {
    if (bytes === null || bytes === undefined) return "";
    return bytes >= 1 << 30 ? (bytes / (1 << 30)).toFixed(1) + " GiB" : (bytes / (1 << 20)).toFixed(0) + " MiB";
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : "";
  }

  function renderEngines(engines) {
    const body = $("engines").tBodies[0];
    body.replaceChildren();
    for (const e of engines) {
      const row = body.insertRow();
      row.dataset.engineId = e.id;
      cell(row, e.id);
      cell(row, e.host);
      cell(row, e.processId);
      cell(row, e.state.toLowerCase(), "state state-" + e.state.toLowerCase());
      cell(row, running(e));
      cell(row, number.format(e.queued), "num");
      cell(row, number.format(e.completed), "num completed");
      cell(row, number.format(e.failed), e.failed > 0 ? "num failed" : "num");
      cell(row, memory(e.memoryBytes), "num");
      cell(row, e.keptBytes > 0 ? memory(e.keptBytes) : "", "num kept");
    }
  }

  // The task the controller sent and takes to be running; tasks sent in one hop are known by their engine's count only.
  function running(e) {
    const sent = e.runningTaskId != null ? `${e.runningMethod ?? "task"} #${e.runningTaskId}` : "";
    const oneHop = e.oneHop > 0 ? `${number.format(e.oneHop)} in one hop` : "";
    return sent && oneHop ? `${sent}, ${oneHop}` : sent || oneHop;
  }

  function renderClients(clients) {
    const body = $("clients").tBodies[0];
    body.replaceChildren();
    for (const c of clients) {
      const row = body.insertRow();
      row.dataset.clientId = c.id;
      cell(row, c.id);
      cell(row, c.peer);
      cell(row, time(c.connectedAt));
      cell(row, number.format(c.outstanding), "num");
    }
  }

  // Rebuilt only when the failures change, keeping open the stack traces the reader opened.
  let failureKey = "";
  function renderFailures(failures) {
    const key = failures.map((f) => f.taskId).join(",");
    if (key === failureKey) return;
    failureKey = key;
    const list = $("failures");
    const open = new Set([...list.querySelectorAll("details[open]")].map((d) => d.parentElement.dataset.taskId));
    list.replaceChildren();
    for (const f of failures) {
      const item = document.createElement("li");
      item.dataset.taskId = f.taskId;
      const details = document.createElement("details");
      details.open = open.has(String(f.taskId));
      const summary = document.createElement("summary");
      const where = f.engineId != null ? ` on engine ${f.engineId}` : "";
      summary.textContent = `${time(f.time)} · task #${f.taskId} ${f.method ?? ""}${where}: ${f.errorType}: ${f.message ?? ""}`;
      const stack = document.createElement("pre");
      stack.textContent = f.stackTrace || "(no stack trace)";
      details.append(summary, stack);
      item.append(details);
      list.append(item);
    }
    $("no-failures").hidden = failures.length > 0;
  }

  function render(snapshot) {
    const t = snapshot.totals;
    $("total-engines").textContent = number.format(snapshot.engines.length);
    $("total-clients").textContent = number.format(snapshot.clients.length);
    $("total-submitted").textContent = number.format(t.submitted);
    $("total-completed").textContent = number.format(t.completed);
    $("total-failed").textContent = number.format(t.failed);
    $("total-queued").textContent = number.format(t.queued);
    $("total-running").textContent = number.format(t.running);
    $("updated").textContent = "updated " + time(snapshot.time);
    renderEngines(snapshot.engines);
    renderClients(snapshot.clients);
    renderFailures(snapshot.recentFailures);
  }

  // Rounds a chart's top up to 1, 2 or 5 times a power of ten.
  function niceMax(value) {
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    const scaled = value / power;
    return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
  }

  function drawChart(canvas, values, color) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const left = 48, right = 8, top = 8, bottom = 8;
    const plotWidth = width - left - right;
    const plotHeight = height - top - bottom;
    const max = niceMax(Math.max(1, ...values));
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let i = 0; i <= 4; i++) {
      const y = top + (plotHeight * i) / 4;
      ctx.strokeStyle = "#e5e7eb";
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(width - right, y);
      ctx.stroke();
      ctx.fillStyle = "#6b7280";
      const label = (max * (4 - i)) / 4;
      ctx.fillText(label >= 10 || label === 0 ? number.format(Math.round(label)) : label.toFixed(1), left - 6, y);
    }
    canvas.dataset.samples = values.length;
    if (values.length < 2) return;
    const step = plotWidth / (Math.max(values.length, 60) - 1);
    const x = (i) => width - right - (values.length - 1 - i) * step;
    const y = (v) => top + plotHeight * (1 - v / max);
    ctx.beginPath();
    values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.lineTo(x(values.length - 1), top + plotHeight);
    ctx.lineTo(x(0), top + plotHeight);
    ctx.closePath();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  function drawCharts() {
    const rates = samples.map((s) => s.rate);
    const queued = samples.map((s) => s.queued);
    drawChart($("rate-chart"), rates, "#2563eb");
    drawChart($("queue-chart"), queued, "#d97706");
    const last = samples[samples.length - 1];
    if (last) {
      $("rate-now").textContent = last.rate.toFixed(1) + "/s";
      $("queue-now").textContent = number.format(last.queued);
    }
  }

  function setStatus(text, live) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("live", live);
  }

  function connect() {
    const events = new EventSource("api/events");
    events.onopen = () => {
      // A new connection resends the controller's whole chart window.
      samples.length = 0;
      setStatus("live", true);
    };
    events.onerror = () => setStatus("reconnecting…", false);
    events.addEventListener("snapshot", (e) => render(JSON.parse(e.data)));
    events.addEventListener("samples", (e) => {
      samples.push(...JSON.parse(e.data));
      samples.splice(0, Math.max(0, samples.length - 600));
      drawCharts();
    });
  }

  window.addEventListener("resize", drawCharts);
  connect();
})();
