"use strict";
// The page's only script: reads snapshots from the server-sent-events stream and draws them. No libraries, no network
// beyond this controller, so it works offline.
(() => {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const query = token ? "?token=" + encodeURIComponent(token) : "";
  const history = [];
  const keep = 120;
  let previous = null;

  const text = (id, value) => { document.getElementById(id).textContent = String(value); };
  const cell = (row, value, cls) => {
    const td = row.insertCell();
    td.textContent = value ?? "";
    if (cls) td.className = cls;
    return td;
  };
  const bytes = n => n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + " GiB" : n >= 1 << 20 ? (n / (1 << 20)).toFixed(0) + " MiB" : (n / 1024).toFixed(0) + " KiB";

  function render(s) {
    text("engine-count", s.engines.length);
    text("submitted", s.submitted);
    text("completed", s.completed);
    text("failed", s.failed);
    text("queue", s.queueLength);

    const engines = document.querySelector("#engines tbody");
    engines.replaceChildren();
    for (const e of s.engines) {
      const row = engines.insertRow();
      row.dataset.engineId = e.id;
      cell(row, e.id);
      cell(row, e.host);
      cell(row, e.pid);
      cell(row, e.state, "state-" + e.state);
      cell(row, e.runningTask ?? "");
      cell(row, e.queue);
      cell(row, e.completed, "completed");
      cell(row, e.failed, "failed");
      cell(row, bytes(e.memoryBytes));
    }

    const clients = document.querySelector("#clients tbody");
    clients.replaceChildren();
    for (const c of s.clients) {
      const row = clients.insertRow();
      row.dataset.clientId = c.id;
      cell(row, c.id);
      cell(row, c.peer);
      cell(row, new Date(c.connectedAt).toLocaleTimeString());
      cell(row, c.outstanding);
    }

    const failures = document.getElementById("failures");
    failures.replaceChildren();
    for (const f of s.recentFailures) {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = `task ${f.taskId} ${f.method} on engine ${f.engineId ?? "-"}: ${f.errorType}: ${f.message}`;
      const pre = document.createElement("pre");
      pre.textContent = f.remoteStackTrace ?? "";
      details.append(summary, pre);
      failures.append(details);
    }

    const at = Date.parse(s.at);
    const done = s.completed + s.failed;
    const rate = previous && at > previous.at ? (done - previous.done) * 1000 / (at - previous.at) : 0;
    previous = { at, done };
    history.push({ rate: Math.max(0, rate), queue: s.queueLength });
    if (history.length > keep) history.shift();
    chart("rate-chart", history.map(p => p.rate), "#2f6fde");
    chart("queue-chart", history.map(p => p.queue), "#d9822b");
  }

  function chart(id, values, colour) {
    const canvas = document.getElementById(id);
    const g = canvas.getContext("2d");
    const w = canvas.width, h = canvas.height, pad = 18;
    const max = Math.max(1, ...values);
    g.clearRect(0, 0, w, h);
    g.strokeStyle = "#dde1e8";
    g.beginPath(); g.moveTo(pad, h - pad); g.lineTo(w, h - pad); g.stroke();
    g.fillStyle = "#666";
    g.font = "11px system-ui";
    g.fillText(max.toFixed(max < 10 ? 1 : 0), 0, 10);
    g.fillText("0", 0, h - pad);
    if (values.length < 2) return;
    g.strokeStyle = colour;
    g.lineWidth = 2;
    // The x axis spans at least 20 samples and stretches up to `keep`, so a new page does not draw a sliver.
    const span = Math.min(keep, Math.max(20, values.length)) - 1;
    g.beginPath();
    values.forEach((v, i) => {
      const x = pad + (w - pad) * i / span;
      const y = (h - pad) - (h - pad - 4) * v / max;
      i === 0 ? g.moveTo(x, y) : g.lineTo(x, y);
    });
    g.stroke();
  }

  const status = document.getElementById("status");
  const events = new EventSource("events" + query);
  events.onopen = () => { status.textContent = "live"; status.className = "status live"; };
  events.onerror = () => { status.textContent = "reconnecting…"; status.className = "status"; };
  events.onmessage = m => render(JSON.parse(m.data));
})();
