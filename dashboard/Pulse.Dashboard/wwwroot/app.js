// Pulse health wall — plain ES2020, no framework.
// Data: SignalR hub "hubs/wall" (messages "frame" and "account"; methods Watch/Unwatch)
//       plus REST "api/wall" and "api/accounts/{id}". All URLs are relative to the page.
(() => {
  'use strict';

  // Bands come from the server: each frame lists them in order with the score each starts at under the policy in
  // force ({band, count, arr, from}); the page keeps no copy of names or edges. Until the first frame, scores are
  // drawn uncoloured.
  let bandEdges = []; // [{band, from}], ascending
  const STAGES = ['Onboarding', 'Adopting', 'Established', 'Expanding', 'Advocate', 'Dormant', 'Churned', 'Archived'];
  const ACTIVE_STAGES = new Set(['Onboarding', 'Adopting', 'Established', 'Expanding', 'Advocate']);
  const STAGE_COLORS = {
    Onboarding: '#b197fc', Adopting: '#9775fa', Established: '#7c6cf0', Expanding: '#5c7cfa',
    Advocate: '#40a9ff', Dormant: '#c9a227', Churned: '#e05555', Archived: '#5b6679',
  };
  const MAX_MOVERS = 14;
  const MAX_ALERTS = 40;
  const MAX_EXPLANATION = 15;
  const POLL_MS = 5000;          // REST polling of /api/wall while the hub is not connected
  const DISCONNECTED_AFTER_MS = 15000; // reconnecting this long → show as disconnected (still retrying)

  const $ = (id) => document.getElementById(id);

  // ---------- formatting ----------

  const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
  const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : Number(x) || 0);
  const MINUS = '\u2212';

  const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const fmtInt = (n) => intFmt.format(Math.round(num(n)));
  const fmtScore = (n) => num(n).toFixed(1);
  const fmtPct = (p) => `${p.toFixed(p > 0 && p < 10 ? 1 : 0)}%`;
  const fmtEps = (n) => { n = num(n); return n < 10 ? n.toFixed(1) : fmtInt(n); };
  function fmtArr(n) {
    n = num(n);
    const a = Math.abs(n), s = n < 0 ? MINUS : '';
    if (a >= 1e9) return `${s}$${(a / 1e9).toFixed(a >= 1e11 ? 0 : a >= 1e10 ? 1 : 2)}B`;
    if (a >= 1e6) return `${s}$${(a / 1e6).toFixed(a >= 1e8 ? 0 : 1)}M`;
    if (a >= 1e3) return `${s}$${(a / 1e3).toFixed(a >= 1e5 ? 0 : 1)}K`;
    return `${s}$${Math.round(a)}`;
  }
  const signed = (n, digits = 1) => {
    n = num(n);
    const t = Math.abs(n).toFixed(digits);
    if (Number(t) === 0) return '\u00b10';
    return (n > 0 ? '+' : MINUS) + t;
  };
  const arrowDelta = (n) => {
    n = num(n);
    const t = Math.abs(n).toFixed(1);
    if (Number(t) === 0) return '\u00b10';
    return (n > 0 ? '\u25b2 ' : '\u25bc ') + t;
  };
  const dirClass = (n) => (num(n) > 0.04 ? 'up' : num(n) < -0.04 ? 'down' : '');

  function bandOf(score) {
    const s = num(score);
    let band = '';
    for (const e of bandEdges) if (s >= e.from) band = e.band;
    return band;
  }
  const knownBand = (b, score) => b || bandOf(score);

  // ISO-8601 from .NET may carry 7 fractional digits; be lenient. Returns ms or NaN.
  function parseTime(v) {
    if (v == null || v === '') return NaN;
    let t = Date.parse(v);
    if (Number.isNaN(t) && typeof v === 'string') t = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isNaN(t) || t < 946684800000) return NaN; // before 2000 → treat as "never" (default(DateTimeOffset))
    return t;
  }

  // Server clock minus browser clock, learned from frames, so "12s ago" is not skewed.
  let clockSkew = 0;
  const serverNow = () => Date.now() + clockSkew;

  function fmtAgo(ts) {
    if (!Number.isFinite(ts)) return '–';
    const s = Math.max(0, (serverNow() - ts) / 1000);
    if (s < 2) return 'just now';
    if (s < 60) return `${Math.round(s)}s ago`;
    const m = s / 60;
    if (m < 60) return `${Math.floor(m)}m ago`;
    const h = m / 60;
    if (h < 48) return `${Math.floor(h)}h ago`;
    return `${Math.floor(h / 24)}d ago`;
  }
  function fmtDuration(ts) {
    if (!Number.isFinite(ts)) return '';
    const s = Math.max(0, (serverNow() - ts) / 1000);
    if (s < 60) return `${Math.round(s)}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m`;
    if (s < 172800) return `${Math.floor(s / 3600)}h`;
    return `${Math.floor(s / 86400)}d`;
  }
  const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const fmtClock = (ts) => (Number.isFinite(ts) ? timeFmt.format(new Date(ts)) : '');
  const fmtFull = (ts) => (Number.isFinite(ts) ? dateTimeFmt.format(new Date(ts)) : '');

  // Relative times are refreshed by a ticker: any element with data-ts gets "… ago" text.
  function setAgo(el, ts, prefix = '', suffix = '') {
    if (Number.isFinite(ts)) {
      el.dataset.ts = String(ts);
      el.dataset.pre = prefix;
      el.dataset.suf = suffix;
      el.title = fmtFull(ts);
    } else {
      delete el.dataset.ts;
      el.title = '';
    }
    el.textContent = prefix + fmtAgo(ts) + suffix;
  }
  function refreshAgos() {
    for (const el of document.querySelectorAll('[data-ts]')) {
      el.textContent = (el.dataset.pre || '') + fmtAgo(Number(el.dataset.ts)) + (el.dataset.suf || '');
    }
  }

  // ---------- animated numbers ----------

  const tweens = new Map();
  let tweenRaf = 0;
  function setNum(el, value, fmt, ms = 500) {
    value = num(value);
    if (el._v === value && el._fmt === fmt) return;
    const first = el._v === undefined;
    const from = el._shown ?? el._v;
    el._v = value;
    el._fmt = fmt;
    if (first || document.hidden || from === undefined || Math.abs(value - from) < 1e-9) {
      tweens.delete(el);
      el._shown = value;
      el.textContent = fmt(value);
      return;
    }
    tweens.set(el, { from, to: value, t0: performance.now(), ms, fmt });
    if (!tweenRaf) tweenRaf = requestAnimationFrame(stepTweens);
  }
  function stepTweens(now) {
    tweenRaf = 0;
    for (const [el, t] of tweens) {
      const p = Math.min(1, (now - t.t0) / t.ms);
      const e = 1 - Math.pow(1 - p, 3);
      el._shown = p >= 1 ? t.to : t.from + (t.to - t.from) * e;
      el.textContent = t.fmt(el._shown);
      if (p >= 1) tweens.delete(el);
    }
    if (tweens.size) tweenRaf = requestAnimationFrame(stepTweens);
  }
  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  // ---------- keyed list reconciliation (no flicker, clicks survive updates) ----------

  function reconcile(listEl, items, keyOf, create, update, animateNew) {
    const existing = new Map();
    for (const el of listEl.children) existing.set(el._key, el);
    const seen = new Set();
    let prev = null;
    for (const item of items) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      let el = existing.get(key);
      if (!el) {
        el = create(item);
        el._key = key;
        if (animateNew) {
          el.classList.add('enter');
          el.addEventListener('animationend', () => el.classList.remove('enter'), { once: true });
        }
      }
      update(el, item);
      const want = prev ? prev.nextSibling : listEl.firstChild;
      if (el !== want) listEl.insertBefore(el, want);
      prev = el;
    }
    for (const [key, el] of existing) if (!seen.has(key)) el.remove();
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---------- wall: static skeleton built once ----------

  const ui = {
    accounts: $('k-accounts'), eps: $('k-eps'), avg: $('k-avg'), arr: $('k-arr'), risk: $('k-risk'),
    age: $('k-age'), ageBox: $('k-age-box'),
    movers: $('movers'), moversEmpty: $('movers-empty'),
    alerts: $('alerts'), alertsEmpty: $('alerts-empty'), alertsTotal: $('alerts-total'),
  };

  const bandTilesEl = $('band-tiles');
  const bandTiles = {};
  for (const tile of document.querySelectorAll('#band-tiles .band-tile')) {
    bandTiles[tile.dataset.band] = {
      count: tile.querySelector('[data-f="count"]'),
      pct: tile.querySelector('[data-f="pct"]'),
      arr: tile.querySelector('[data-f="arr"]'),
    };
  }
  const stackSegs = {};
  for (const seg of document.querySelectorAll('#band-stack .stack-seg')) stackSegs[seg.dataset.band] = seg;

  // Histogram: 20 buckets of 5 points, coloured by the band of the bucket; band edges drawn where the frame says.
  const histEl = $('hist');
  const histBars = [];
  for (let i = 0; i < 20; i++) {
    const bar = el('div', 'hbar');
    bar.title = `${i * 5}–${i === 19 ? 100 : i * 5 + 5}`;
    const n = el('div', 'hbar-n', '');
    const fill = el('div', 'hbar-fill');
    bar.append(n, fill);
    histEl.append(bar);
    histBars.push({ bar, n, fill });
  }
  const avgLine = el('div', 'hist-avg');
  const avgLabel = $('hist-avg-text');
  histEl.append(avgLine);
  const axis = $('hist-axis');
  let edgeLines = [];
  function setBandEdges(bands) {
    const edges = bands.filter((b) => b && b.band && Number.isFinite(num(b.from)))
      .map((b) => ({ band: String(b.band), from: num(b.from) })).sort((a, b) => a.from - b.from);
    if (edges.map((e) => `${e.band}@${e.from}`).join() === bandEdges.map((e) => `${e.band}@${e.from}`).join()) return;
    bandEdges = edges;
    histBars.forEach((hb, i) => { hb.bar.dataset.band = bandOf(i * 5); });
    for (const line of edgeLines) line.remove();
    edgeLines = edges.filter((e) => e.from > 0).map((e) => {
      const line = el('div', 'hist-threshold');
      line.style.left = `calc(${e.from}% - 1px)`;
      histEl.insertBefore(line, avgLine);
      return line;
    });
    axis.replaceChildren(...[0, ...edges.filter((e) => e.from > 0).map((e) => e.from), 100].map((t) => {
      const s = el('span', null, String(t));
      s.style.left = `${t}%`;
      return s;
    }));
  }

  // Lifecycle stages, one row each, in lifecycle order (unknown stages get appended when seen).
  const stagesEl = $('stages');
  const stageRows = new Map();
  function addStageRow(name) {
    if (name === 'Dormant' && stageRows.size) stagesEl.append(el('div', 'stage-sep'));
    const row = el('div', 'stage');
    if (!ACTIVE_STAGES.has(name)) row.classList.add('inactive');
    row.style.setProperty('--stage', STAGE_COLORS[name] || '#6b7a99');
    const nameEl = el('div', 'stage-name', name);
    const track = el('div', 'stage-track');
    const fill = el('div', 'stage-fill');
    const arr = el('span', 'stage-arr', '');
    track.append(fill, arr);
    const count = el('div', 'stage-count', '–');
    row.append(nameEl, track, count);
    stagesEl.append(row);
    const r = { fill, arr, count };
    stageRows.set(name, r);
    return r;
  }
  STAGES.forEach(addStageRow);

  // ---------- wall: frame rendering ----------

  let lastFrame = null;
  let lastVersion = -Infinity;
  let lastFrameTs = NaN;      // server time of the last frame
  let lastFrameRecv = 0;      // browser time we received it
  let acceptAnyFrame = true;  // after (re)connect the server may have restarted with lower versions
  let pendingFrame = null;
  let frameRaf = 0;
  let framesRendered = 0;

  function onFrame(f) {
    if (!f || typeof f !== 'object') return;
    const v = num(f.version);
    const at = parseTime(f.at);
    if (!acceptAnyFrame && lastFrame) {
      // Ignore a frame we already have; a lower version is only accepted if it is newer (server restarted).
      if (v === lastVersion) return;
      if (v < lastVersion && !(Number.isFinite(at) && at > lastFrameTs)) return;
    }
    acceptAnyFrame = false;
    lastVersion = v;
    lastFrameRecv = Date.now();
    if (Number.isFinite(at)) {
      lastFrameTs = at;
      clockSkew = at - lastFrameRecv;
    }
    lastFrame = f;
    pendingFrame = f;
    if (!frameRaf) {
      // rAF coalesces bursts; fall back to a timer when the tab is hidden (rAF pauses there).
      frameRaf = document.hidden ? setTimeout(flushFrame, 50) : requestAnimationFrame(flushFrame);
    }
    updateAge();
  }
  function flushFrame() {
    frameRaf = 0;
    const f = pendingFrame;
    pendingFrame = null;
    if (f) {
      try { renderFrame(f); } catch (e) { console.error('render frame failed', e); }
    }
  }

  function renderFrame(f) {
    const animate = framesRendered > 0;
    framesRendered++;
    const t = f.totals || {};

    setNum(ui.accounts, t.accounts, fmtInt);
    setNum(ui.eps, t.eventsPerSecond, fmtEps, 400);
    setNum(ui.avg, t.averageScore, fmtScore);
    setNum(ui.arr, t.arr, fmtArr);
    setNum(ui.risk, t.atRisk, fmtInt);
    document.title = `Pulse · ${fmtInt(t.atRisk)} at risk · ${fmtInt(t.accounts)} accounts`;

    // Bands, in the order and with the edges the frame gives
    const bandList = (Array.isArray(f.bands) ? f.bands : []).filter((b) => b && bandTiles[b.band]);
    setBandEdges(bandList);
    let bandTotal = 0;
    let maxLen = 3;
    for (const s of bandList) {
      bandTotal += num(s.count);
      maxLen = Math.max(maxLen, fmtInt(s.count).length);
    }
    // One font size for all four counts, small enough that the longest ("12,345") fits its tile.
    if (bandTilesEl._len !== maxLen) {
      bandTilesEl._len = maxLen;
      bandTilesEl.style.setProperty('--fit', `${(140 / maxLen).toFixed(1)}cqi`);
    }
    for (const s of bandList) {
      const b = s.band;
      const tile = bandTiles[b];
      const count = num(s.count);
      const pct = bandTotal > 0 ? (count / bandTotal) * 100 : 0;
      setNum(tile.count, count, fmtInt);
      setNum(tile.pct, pct, fmtPct);
      setNum(tile.arr, s.arr, fmtArr);
      const seg = stackSegs[b];
      seg.style.width = `${pct}%`;
      setText(seg.firstElementChild, pct >= 7 ? `${Math.round(pct)}%` : '');
      seg.title = `${b}: ${fmtInt(count)} accounts (${pct.toFixed(1)}%) · ${fmtArr(s.arr)} ARR`;
    }

    // Histogram
    const h = Array.isArray(f.scoreHistogram) ? f.scoreHistogram : [];
    let max = 0;
    for (let i = 0; i < 20; i++) max = Math.max(max, num(h[i]));
    for (let i = 0; i < 20; i++) {
      const c = num(h[i]);
      const hb = histBars[i];
      const pct = max > 0 ? (c / max) * 100 : 0;
      hb.fill.style.height = `${c > 0 ? Math.max(pct, 0.8) : 0}%`;
      hb.n.style.bottom = `${pct}%`;
      setText(hb.n, c > 0 ? compactCount(c) : '');
      hb.bar.title = `${i * 5}–${i === 19 ? 100 : i * 5 + 5}: ${fmtInt(c)} accounts`;
    }
    const avg = num(t.averageScore);
    if (num(t.accounts) > 0) {
      avgLine.style.display = '';
      avgLine.style.left = `${Math.min(100, Math.max(0, avg))}%`;
      avgLine.title = `average score ${fmtScore(avg)}`;
      avgLabel.dataset.band = bandOf(avg);
      setText(avgLabel, `avg ${fmtScore(avg)}`);
    } else {
      avgLine.style.display = 'none';
      setText(avgLabel, '');
    }

    // Stages
    const stages = Array.isArray(f.stages) ? f.stages : [];
    let stageMax = 0;
    for (const s of stages) stageMax = Math.max(stageMax, num(s.count));
    const seenStages = new Set();
    for (const s of stages) {
      if (!s || typeof s.stage !== 'string') continue;
      seenStages.add(s.stage);
      const row = stageRows.get(s.stage) || addStageRow(s.stage);
      const c = num(s.count);
      row.fill.style.width = `${stageMax > 0 ? (c / stageMax) * 100 : 0}%`;
      setNum(row.count, c, fmtInt);
      setText(row.arr, c > 0 ? fmtArr(s.arr) : '');
    }
    for (const [name, row] of stageRows) {
      if (seenStages.has(name)) continue;
      row.fill.style.width = '0%';
      setNum(row.count, 0, fmtInt);
      setText(row.arr, '');
    }

    // Movers (server sends largest |delta| first)
    const movers = (Array.isArray(f.movers) ? f.movers : []).filter((m) => m && m.accountId != null).slice(0, MAX_MOVERS);
    reconcile(ui.movers, movers, (m) => String(m.accountId), createMover, updateMover, animate);
    ui.moversEmpty.classList.toggle('show', movers.length === 0);

    // Alerts, newest first
    const alerts = (Array.isArray(f.alerts) ? f.alerts : []).filter((a) => a && a.accountId != null);
    alerts.sort((a, b) => (parseTime(b.at) || 0) - (parseTime(a.at) || 0));
    reconcile(ui.alerts, alerts.slice(0, MAX_ALERTS), alertKey, createAlert, updateAlert, animate);
    ui.alertsEmpty.classList.toggle('show', alerts.length === 0);
    setText(ui.alertsTotal, num(t.alertsRaised) > 0 ? `${fmtInt(t.alertsRaised)} raised` : '');
  }

  function compactCount(c) {
    if (c >= 1e6) return `${(c / 1e6).toFixed(c >= 1e7 ? 0 : 1)}M`;
    if (c >= 1e4) return `${Math.round(c / 1e3)}k`;
    if (c >= 1e3) return `${(c / 1e3).toFixed(1)}k`;
    return String(c);
  }

  function createMover() {
    const li = el('li', 'row mover');
    li.tabIndex = 0;
    li.innerHTML = '<div class="mv-id"></div><div class="mv-cause"></div><div class="mv-scores"><span></span> \u2192 <b></b></div><div class="mv-delta"></div>';
    return li;
  }
  function updateMover(li, m) {
    const band = knownBand(m.band, m.to);
    li.dataset.band = band;
    li.dataset.id = String(m.accountId);
    const [id, cause, scores, delta] = li.children;
    setText(id, String(m.accountId));
    setText(scores.firstElementChild, fmtScore(m.from));
    setText(scores.lastElementChild, fmtScore(m.to));
    setText(delta, arrowDelta(m.delta));
    delta.className = `mv-delta ${dirClass(m.delta)}`;
    setAgo(cause, parseTime(m.at), m.cause ? `${m.cause} \u00b7 ` : '');
    li.title = `Open ${m.accountId}`;
  }

  const alertKey = (a) => `${a.accountId}\u0000${a.rule}\u0000${a.at}`;
  function createAlert() {
    const li = el('li', 'row alert');
    li.tabIndex = 0;
    li.innerHTML = '<span class="al-kind"></span><span class="al-id"></span><span class="al-time"></span><div class="al-msg"></div>';
    return li;
  }
  function updateAlert(li, a) {
    const kind = String(a.kind || '').toLowerCase();
    li.dataset.kind = kind === 'opportunity' ? 'opportunity' : 'risk';
    li.dataset.id = String(a.accountId);
    const [k, id, time, msg] = li.children;
    setText(k, kind === 'opportunity' ? 'Opportunity' : kind === 'risk' ? 'Risk' : (a.kind || 'Alert'));
    setText(id, String(a.accountId));
    setText(msg, a.message || a.rule || '');
    setAgo(time, parseTime(a.at));
    const scoreBand = knownBand(a.band, a.score);
    li.title = `${a.rule || ''} · score ${fmtScore(a.score)} (${scoreBand})`;
  }

  // ---------- frame age ----------

  function updateAge() {
    if (!lastFrameRecv) {
      setText(ui.age, '–');
      ui.ageBox.dataset.stale = connState === 'connected' ? '' : 'bad';
      return;
    }
    const s = (Date.now() - lastFrameRecv) / 1000;
    setText(ui.age, s < 1 ? '<1s' : s < 60 ? `${Math.floor(s)}s` : s < 3600 ? `${Math.floor(s / 60)}m` : `${Math.floor(s / 3600)}h`);
    ui.ageBox.dataset.stale = connState !== 'connected' ? 'bad' : s >= 10 ? 'warn' : '';
    ui.ageBox.title = Number.isFinite(lastFrameTs) ? `Frame #${lastVersion} at ${fmtFull(lastFrameTs)}` : '';
  }

  // ---------- account drawer ----------

  const d = {
    drawer: $('drawer'), id: $('d-id'), sub: $('d-sub'), live: $('d-live'), liveText: $('d-live-text'),
    close: $('d-close'), scroll: $('d-scroll'), score: $('d-score'), scoreNum: $('d-score-num'), band: $('d-band'),
    stage: $('d-stage'), arr: $('d-arr'), events: $('d-events'), updated: $('d-updated'), activity: $('d-activity'),
    policy: $('d-policy'), flags: $('d-flags'), comps: $('d-comps'), expl: $('d-expl'), alerts: $('d-alerts'),
    trend: $('d-trend'), why: $('d-why'),
  };
  let currentId = null;   // account shown in the drawer (and watched on the hub)
  let shown = null;       // the AccountView currently rendered
  let openToken = 0;
  let watchState = 'off'; // live | paused | off

  const sameId = (a, b) => a != null && b != null && (a === b || String(a).toLowerCase() === String(b).toLowerCase());

  async function openAccount(rawId) {
    const id = String(rawId ?? '').trim();
    if (!id) return;
    const token = ++openToken;
    showSearchMsg('loading', `Looking up \u201c${id}\u201d\u2026`);
    let res;
    try {
      res = await fetch(`api/accounts/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (e) {
      if (token === openToken) showSearchMsg('error', `Cannot reach the server to look up \u201c${id}\u201d`);
      return;
    }
    if (token !== openToken) return;
    if (res.status === 404) {
      showSearchMsg('notfound', `Account \u201c${id}\u201d not found`);
      return;
    }
    if (!res.ok) {
      let detail = '';
      try { const body = await res.json(); if (body && typeof body.detail === 'string') detail = `: ${body.detail}`; } catch { /* not JSON */ }
      if (token === openToken) showSearchMsg('error', `Error ${res.status} looking up \u201c${id}\u201d${detail}`);
      return;
    }
    let view;
    try { view = await res.json(); } catch { view = null; }
    if (token !== openToken) return;
    if (!view || typeof view !== 'object') {
      showSearchMsg('error', `Unexpected answer for \u201c${id}\u201d`);
      return;
    }
    showSearchMsg(null);
    const canonical = view.accountId != null ? String(view.accountId) : id;
    const switching = !sameId(canonical, currentId) || !d.drawer.classList.contains('open');
    if (switching) {
      resetDrawer();
      setCurrent(canonical);
    }
    renderAccount(view, true);
    d.drawer.classList.add('open');
    d.drawer.setAttribute('aria-hidden', 'false');
    if (switching) d.scroll.scrollTop = 0;
    const hash = `#account=${encodeURIComponent(canonical)}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  function closeAccount() {
    openToken++;
    setCurrent(null);
    d.drawer.classList.remove('open');
    d.drawer.setAttribute('aria-hidden', 'true');
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }

  // Watch the shown account on the hub; Unwatch the previous one.
  function setCurrent(id) {
    const old = currentId;
    currentId = id;
    if (old != null && !sameId(old, id)) unwatch(old);
    if (id != null && !sameId(old, id)) watch(id);
    if (id == null) { shown = null; setWatchState('off'); }
  }

  async function watch(id) {
    if (!hub || hub.state !== signalR.HubConnectionState.Connected) {
      setWatchState('paused'); // watched again from onConnected
      return;
    }
    try {
      const v = await hub.invoke('Watch', id);
      if (!sameId(currentId, id)) return;
      setWatchState('live');
      if (v) renderAccount(v, false);
    } catch (e) {
      console.warn('Watch failed', e);
      if (sameId(currentId, id)) setWatchState('paused');
    }
  }
  function unwatch(id) {
    if (hub && hub.state === signalR.HubConnectionState.Connected) {
      hub.invoke('Unwatch', id).catch((e) => console.warn('Unwatch failed', e));
    }
  }
  function setWatchState(s) {
    watchState = s;
    d.live.dataset.state = s;
    d.liveText.textContent = s === 'live' ? 'live' : s === 'paused' ? 'not live' : '';
    d.live.title = s === 'live' ? 'Updates for this account arrive live' : 'Not receiving live updates (reconnecting)';
  }

  function onAccountMessage(v) {
    if (!v || typeof v !== 'object' || currentId == null) return;
    if (!sameId(v.accountId, currentId)) return;
    renderAccount(v, false);
  }

  function resetDrawer() {
    shown = null;
    d.comps.textContent = '';
    d.expl.textContent = '';
    d.expl._sig = undefined;
    d.alerts.textContent = '';
    d.flags.textContent = '';
    d.flags._sig = undefined;
    d.why.textContent = '';
    whyFor = null;
    for (const e of [d.scoreNum]) { e._v = undefined; e._shown = undefined; tweens.delete(e); }
  }

  function renderAccount(v, force) {
    // Drop out-of-order updates (an older view arriving after a newer one).
    if (!force && shown) {
      const a = parseTime(v.updatedAt), b = parseTime(shown.updatedAt);
      if (Number.isFinite(a) && Number.isFinite(b) && a < b) return;
      if (num(v.eventsApplied) < num(shown.eventsApplied) && !(Number.isFinite(a) && Number.isFinite(b) && a > b)) return;
    }
    shown = v;
    const band = knownBand(v.band, v.score);
    d.drawer.dataset.band = band;
    setText(d.id, String(v.accountId ?? ''));
    d.id.title = String(v.accountId ?? '');
    const sub = [v.name, v.tier, v.plan].filter((x) => x != null && String(x).trim() !== '').join(' \u00b7 ');
    setText(d.sub, sub);

    setNum(d.scoreNum, v.score, fmtScore);
    setText(d.band, band);

    const since = parseTime(v.stageSince);
    d.stage.innerHTML = `${esc(v.stage || '–')}${Number.isFinite(since) ? ` <small>for ${esc(fmtDuration(since))}</small>` : ''}`;
    d.stage.title = Number.isFinite(since) ? `since ${fmtFull(since)}` : '';
    setText(d.arr, fmtArr(v.arr));
    setNum(d.events, v.eventsApplied, fmtInt);
    setAgo(d.updated, parseTime(v.updatedAt));
    setAgo(d.activity, parseTime(v.lastActivityAt));
    setText(d.policy, v.policyVersion ? String(v.policyVersion) : '–');
    const t = v.trend || {};
    const arrow = t.direction === 'up' ? '\u2197' : t.direction === 'down' ? '\u2198' : '\u2192';
    const delta = (x) => (x == null || !Number.isFinite(Number(x)) ? '–' : (Number(x) >= 0 ? '+' : '') + Number(x).toFixed(1));
    setText(d.trend, `${arrow} ${delta(t.delta7)} \u00b7 ${delta(t.delta30)}`);
    scheduleWhy(v);

    // Flags
    const flags = Array.isArray(v.flags) ? v.flags.map(String) : [];
    const fsig = flags.join('\u0000');
    if (d.flags._sig !== fsig) {
      d.flags._sig = fsig;
      d.flags.innerHTML = flags.length
        ? flags.map((f) => `<span class="flag ${flagTone(f)}">${esc(f)}</span>`).join('')
        : '<span class="flag none">no flags</span>';
    }

    // Components (null = no data yet)
    const comps = v.components && typeof v.components === 'object' ? Object.entries(v.components) : [];
    reconcile(d.comps, comps, ([name]) => name, createComp, updateComp, false);
    if (!comps.length) d.comps.innerHTML = '<div class="d-none">No components</div>';

    // Explanation ledger, newest first
    const expl = Array.isArray(v.explanation) ? v.explanation.slice(0, MAX_EXPLANATION) : [];
    const esig = expl.map((x) => `${x.eventId}|${x.at}|${x.scoreAfter}`).join(',');
    if (d.expl._sig !== esig) {
      const firstTime = d.expl._sig === undefined;
      const known = new Set((d.expl._keys || []));
      d.expl._sig = esig;
      d.expl._keys = expl.map((x) => `${x.eventId}|${x.at}`);
      d.expl.innerHTML = expl.length
        ? expl.map((x) => explHtml(x, !firstTime && !known.has(`${x.eventId}|${x.at}`))).join('')
        : '<li class="d-none">No score changes recorded yet</li>';
    }

    // Alerts on this account
    const alerts = (Array.isArray(v.alerts) ? v.alerts : []).filter(Boolean);
    reconcile(d.alerts, alerts, alertKey, createStaticAlert, updateAlert, true);
    if (!alerts.length) d.alerts.innerHTML = '<li class="d-none">No alerts</li>';
  }

  // "Why this band" comes from /explain; fetched when the shown account changes, at most every 2 s.
  let whyTimer = null, whyFor = null, whyAt = 0;
  function scheduleWhy(v) {
    const id = v.accountId;
    const key = `${id}|${v.updatedAt}|${v.score}`;
    if (whyFor === key) return;
    whyFor = key;
    clearTimeout(whyTimer);
    whyTimer = setTimeout(() => loadWhy(id), Math.max(0, whyAt + 2000 - Date.now()));
  }
  async function loadWhy(id) {
    whyAt = Date.now();
    try {
      const res = await fetch(`api/accounts/${encodeURIComponent(id)}/explain`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!res.ok || !sameId(currentId, id)) return;
      const e = await res.json();
      if (sameId(currentId, id)) setText(d.why, e.summary || '');
    } catch (err) {
      console.warn('explain failed', err);
    }
  }

  function flagTone(f) {
    if (/risk|churn|dormant|overdue|fail|drop|declin|escalat|inactive|unpaid|past.?due|critical/i.test(f)) return 'bad';
    if (/expan|advoc|upsell|champion|growth|promot|renew/i.test(f)) return 'good';
    return '';
  }

  // Short labels that fit the panel; the full name is the tooltip.
  const COMPONENT_LABELS = {
    adoption: ['Usage', 'Adoption & usage'],
    support: ['Support', 'Support'],
    voiceOfCustomer: ['Voice', 'Voice of customer (NPS / CSAT)'],
    payment: ['Payment', 'Payment'],
    relationship: ['Relationship', 'Relationship (sponsor, champion)'],
    engagement: ['Engagement', 'Engagement (e-mail, community)'],
    growth: ['Growth', 'Growth & advocacy'],
  };
  function componentLabel(name) { return (COMPONENT_LABELS[name] || [name, name])[0]; }
  function componentTitle(name) { return (COMPONENT_LABELS[name] || [name, name])[1]; }

  function createComp() {
    const row = el('div', 'comp');
    row.innerHTML = '<div class="comp-name"></div><div class="comp-track"><div class="comp-fill"></div></div><div class="comp-val"></div>';
    return row;
  }
  function updateComp(row, [name, value]) {
    const [n, track, val] = row.children;
    setText(n, componentLabel(name));
    n.title = componentTitle(name);
    n.title = name;
    const fill = track.firstElementChild;
    if (value == null || !Number.isFinite(Number(value))) {
      row.classList.add('nodata');
      delete row.dataset.band;
      fill.style.width = '0%';
      val._v = undefined; val._shown = undefined; tweens.delete(val);
      setText(val, 'no data');
      row.title = `${name}: no data yet`;
    } else {
      const x = Number(value);
      row.classList.remove('nodata');
      row.dataset.band = bandOf(x);
      fill.style.width = `${Math.min(100, Math.max(0, x))}%`;
      setNum(val, x, (y) => y.toFixed(0));
      row.title = `${name}: ${x.toFixed(1)}`;
    }
  }

  function createStaticAlert() {
    const li = createAlert();
    li.classList.add('static');
    li.tabIndex = -1;
    return li;
  }

  function explHtml(x, isNew) {
    const delta = num(x.delta);
    const at = parseTime(x.at);
    const contribs = Array.isArray(x.contributions) ? x.contributions : [];
    const eventId = x.eventId === 'time' ? 'time passing' : `event ${x.eventId ?? ''}`;
    const rows = contribs.map((c) => `
      <li class="ct">
        <span class="ct-comp" title="${esc(componentTitle(c.component))}">${esc(componentLabel(c.component))}</span>
        <span class="ct-cd" title="change of the component score">${esc(signed(c.componentDelta))}</span>
        <span class="ct-sd ${dirClass(c.scoreDelta)}" title="change of the overall score (points)">${esc(signed(c.scoreDelta))}</span>
        <span class="ct-rule" title="${esc(c.rule)}">${esc(c.rule)}</span>
      </li>`).join('');
    return `
      <li class="ex ${dirClass(delta)}${isNew ? ' enter' : ''}">
        <div class="ex-head">
          <span class="ex-name" title="${esc(x.eventName)}">${esc(x.eventName || '(unnamed event)')}</span>
          <span class="ex-scores">${esc(fmtScore(x.scoreBefore))} \u2192 ${esc(fmtScore(x.scoreAfter))}</span>
          <span class="ex-delta">${esc(arrowDelta(delta))}</span>
        </div>
        <div class="ex-meta" title="${esc(fmtFull(at))}"><span${Number.isFinite(at) ? ` data-ts="${at}"` : ''}>${esc(fmtAgo(at))}</span> \u00b7 ${esc(fmtClock(at))} \u00b7 ${esc(eventId)} \u00b7 policy ${esc(x.policyVersion || '–')}</div>
        ${rows ? `<ul class="ex-contribs">${rows}</ul>` : ''}
      </li>`;
  }

  // ---------- search ----------

  const searchForm = $('search');
  const searchInput = $('search-input');
  const searchMsg = $('search-msg');
  let searchMsgTimer = 0;
  function showSearchMsg(kind, text) {
    clearTimeout(searchMsgTimer);
    if (!kind) {
      delete searchMsg.dataset.kind;
      searchMsg.textContent = '';
      return;
    }
    searchMsg.dataset.kind = kind;
    searchMsg.textContent = text;
    searchMsg.title = text;
    if (kind !== 'loading') searchMsgTimer = setTimeout(() => showSearchMsg(null), 10000);
  }
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    openAccount(searchInput.value);
  });
  searchInput.addEventListener('input', () => { if (searchMsg.dataset.kind !== 'loading') showSearchMsg(null); });

  // Rows on the wall open the account.
  for (const list of [ui.movers, ui.alerts]) {
    list.addEventListener('click', (e) => {
      const row = e.target.closest('.row');
      if (row && row.dataset.id) openAccount(row.dataset.id);
    });
    list.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const row = e.target.closest('.row');
      if (row && row.dataset.id) { e.preventDefault(); openAccount(row.dataset.id); }
    });
  }
  d.close.addEventListener('click', closeAccount);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (document.activeElement === searchInput && searchInput.value) {
        searchInput.value = '';
        showSearchMsg(null);
      } else if (d.drawer.classList.contains('open')) {
        closeAccount();
      }
      return;
    }
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      searchInput.focus();
      searchInput.select();
    }
  });

  function openFromHash() {
    const m = /^#account=(.+)$/.exec(location.hash);
    if (!m) return;
    let id;
    try { id = decodeURIComponent(m[1]); } catch { return; }
    if (!sameId(id, currentId) || !d.drawer.classList.contains('open')) openAccount(id);
  }
  window.addEventListener('hashchange', openFromHash);

  // ---------- connection ----------

  const connEl = $('conn');
  const connText = $('conn-text');
  let connState = 'connecting';
  let hub = null;

  function setConn(state, text) {
    connState = state;
    connEl.dataset.state = state;
    document.body.dataset.conn = state;
    connText.textContent = text;
    updateAge();
  }

  async function pollWall() {
    try {
      const res = await fetch('api/wall', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (res.ok) onFrame(await res.json());
    } catch { /* server unreachable; the status pill says so */ }
  }
  setInterval(() => { if (connState !== 'connected') pollWall(); }, POLL_MS);

  function onConnected() {
    acceptAnyFrame = true;
    setConn('connected', 'Live');
    if (currentId != null) watch(currentId); // a new connection has no watches: watch again
  }

  function startHub() {
    if (typeof signalR === 'undefined') {
      setConn('disconnected', 'No SignalR client');
      console.error('lib/signalr.min.js did not load; showing REST snapshots only');
      pollWall();
      return;
    }
    hub = new signalR.HubConnectionBuilder()
      .withUrl('hubs/wall')
      .withAutomaticReconnect({
        // Never give up: a wall runs all day.
        nextRetryDelayInMilliseconds: (ctx) => {
          if (ctx.elapsedMilliseconds > DISCONNECTED_AFTER_MS) setConn('disconnected', 'Disconnected \u00b7 retrying');
          return [0, 1000, 2000, 3000, 5000][ctx.previousRetryCount] ?? 5000;
        },
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    hub.on('frame', onFrame);
    hub.on('account', onAccountMessage);
    hub.onreconnecting(() => {
      setConn('reconnecting', 'Reconnecting\u2026');
      if (currentId != null) setWatchState('paused');
    });
    hub.onreconnected(() => onConnected());
    hub.onclose(() => {
      setConn('disconnected', 'Disconnected \u00b7 retrying');
      if (currentId != null) setWatchState('paused');
      setTimeout(connectLoop, 2000);
    });
    connectLoop();
  }

  let startDelay = 1000;
  let starting = false;
  async function connectLoop() {
    if (starting || !hub || hub.state !== signalR.HubConnectionState.Disconnected) return;
    starting = true;
    try {
      if (connState !== 'disconnected') setConn('connecting', 'Connecting\u2026');
      await hub.start();
      startDelay = 1000;
      onConnected();
    } catch (e) {
      setConn('disconnected', 'Disconnected \u00b7 retrying');
      setTimeout(connectLoop, startDelay);
      startDelay = Math.min(startDelay * 2, 10000);
    } finally {
      starting = false;
    }
  }

  // Tickers: frame age 4×/s, relative times every second.
  setInterval(updateAge, 250);
  setInterval(refreshAgos, 1000);

  setConn('connecting', 'Connecting\u2026');
  pollWall();          // paint something right away
  startHub();
  openFromHash();
})();
