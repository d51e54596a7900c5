// The preview page: the workbook's sheets as tables with tabs, the add-on menu, dialogs, the sidebar,
// the summary's charts and the host's clock, in the user's language. Everything from the workbook is
// put into the page with textContent (the charts are SVG the host drew, its text escaped).
const WORDS = {
  en: {
    title: 'Sales KPI — local preview',
    menu: 'Extensions › Sales KPI ▾',
    close: 'Close sidebar',
    settings: 'Settings',
    ok: 'OK',
    error: 'Error',
    more: 'more rows',
    busy: 'Working…',
    clock: 'Clock',
    advance: 'Move the clock on',
    minute: '+1 min',
    tenMinutes: '+10 min',
    hour: '+1 h',
    day: '+1 day',
    week: '+1 week',
    hidden: 'hidden',
  },
  ru: {
    title: 'Sales KPI — локальный просмотр',
    menu: 'Расширения › Sales KPI ▾',
    close: 'Закрыть панель',
    settings: 'Настройки',
    ok: 'ОК',
    error: 'Ошибка',
    more: 'строк ещё',
    busy: 'Выполняется…',
    clock: 'Часы',
    advance: 'Перевести часы',
    minute: '+1 мин',
    tenMinutes: '+10 мин',
    hour: '+1 ч',
    day: '+1 день',
    week: '+1 неделя',
    hidden: 'скрыт',
  },
};

export function previewPage(language: 'en' | 'ru'): string {
  const w = WORDS[language];
  return PAGE.replace(/\{\{(\w+)\}\}/g, (_all, key: string) =>
    key === 'lang' ? language : key === 'words' ? JSON.stringify(w) : ((w as Record<string, string>)[key] ?? ''),
  );
}

const PAGE = `<!doctype html>
<html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title>
<style>
body { margin: 0; font: 13px Arial, sans-serif; display: grid; grid-template-columns: 1fr auto; grid-template-rows: auto auto 1fr; height: 100vh; }
header { grid-column: 1 / 3; display: flex; gap: 16px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #dadce0; background: #f8f9fa; }
header h1 { font-size: 15px; margin: 0; }
nav.menu { position: relative; }
nav.menu > button { background: none; border: 1px solid transparent; padding: 4px 8px; font: inherit; cursor: pointer; }
nav.menu ul { display: none; position: absolute; z-index: 5; background: #fff; border: 1px solid #dadce0; box-shadow: 0 2px 6px rgba(0,0,0,.2); list-style: none; margin: 0; padding: 4px 0; min-width: 240px; }
nav.menu.open ul { display: block; }
nav.menu li button { display: block; width: 100%; text-align: left; background: none; border: 0; padding: 6px 16px; font: inherit; cursor: pointer; }
nav.menu li button:hover, nav.menu li button:focus { background: #e8f0fe; }
nav.menu li.sep { border-top: 1px solid #e0e0e0; margin: 4px 0; }
#tabs { grid-column: 1; display: flex; gap: 2px; padding: 4px 8px 0; border-bottom: 1px solid #dadce0; }
#tabs button { border: 1px solid #dadce0; border-bottom: 0; background: #f1f3f4; padding: 4px 12px; font: inherit; cursor: pointer; }
#tabs button[aria-selected=true] { background: #fff; font-weight: bold; color: #188038; }
#grid { grid-column: 1; overflow: auto; padding: 8px; }
table { border-collapse: collapse; }
td { border: 1px solid #e2e2e2; padding: 2px 6px; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
#side { grid-column: 2; grid-row: 2 / 4; width: 300px; border-left: 1px solid #dadce0; display: none; flex-direction: column; }
#side.open { display: flex; }
#side .bar { display: flex; justify-content: space-between; align-items: center; padding: 6px 10px; border-bottom: 1px solid #dadce0; font-weight: bold; }
#side iframe { border: 0; flex: 1; width: 300px; }
dialog { max-width: 420px; white-space: pre-wrap; }
#toast { position: fixed; bottom: 12px; left: 12px; background: #323232; color: #fff; padding: 8px 14px; border-radius: 4px; display: none; }
#busy { display: none; color: #1a73e8; font-weight: bold; }
body[aria-busy=true] #busy { display: inline; }
body[aria-busy=true] #grid { opacity: .6; }
#clock { margin-left: auto; display: flex; gap: 6px; align-items: center; }
#clock button { font: inherit; padding: 2px 8px; cursor: pointer; }
#charts { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 16px; }
</style></head>
<body>
<header><h1>{{title}}</h1>
  <nav class="menu" id="menu"><button id="menu-button" aria-haspopup="true" aria-expanded="false">{{menu}}</button><ul id="menu-items" role="menu"></ul></nav>
  <span id="busy" role="status">{{busy}}</span>
  <div id="clock" role="group" aria-label="{{advance}}">{{clock}}: <time id="now"></time>
    <button data-minutes="1">{{minute}}</button><button data-minutes="10">{{tenMinutes}}</button><button data-minutes="60">{{hour}}</button><button data-minutes="1440">{{day}}</button><button data-minutes="10080">{{week}}</button></div>
</header>
<div id="tabs" role="tablist"></div>
<div id="grid"></div>
<aside id="side"><div class="bar"><span id="side-title">{{settings}}</span><button id="side-close" aria-label="{{close}}">✕</button></div><iframe id="sidebar" title="{{settings}}"></iframe></aside>
<dialog id="dialog"><h2 id="dialog-title"></h2><p id="dialog-text"></p><form method="dialog"><button id="dialog-ok">{{ok}}</button></form></dialog>
<div id="toast" role="status"></div>
<script>
var WORDS = {{words}};
var state = null, active = null, sheets = {}, pending = 0;
/** Every request shows the busy indicator while it runs. */
function call(url, body) {
  pending++; document.body.setAttribute('aria-busy', 'true');
  var init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return fetch(url, init).then(function (r) { return r.json(); }).finally(function () {
    if (--pending === 0) document.body.setAttribute('aria-busy', 'false');
  });
}
function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
function draw() {
  var items = document.getElementById('menu-items'); items.replaceChildren();
  state.menu.forEach(function (item) {
    var li = el('li');
    if (!item) { li.className = 'sep'; items.append(li); return; }
    var b = el('button', item.caption); b.setAttribute('role', 'menuitem');
    b.onclick = function () { closeMenu(); runMenu(item.functionName); };
    li.append(b); items.append(li);
  });
  var tabs = document.getElementById('tabs'); tabs.replaceChildren();
  if (!state.sheets.some(function (s) { return s.name === active; })) active = state.active;
  state.sheets.forEach(function (s) {
    var b = el('button', s.hidden ? s.name + ' (' + WORDS.hidden + ')' : s.name); b.setAttribute('role', 'tab'); b.setAttribute('aria-selected', String(s.name === active));
    if (s.hidden) b.style.fontStyle = 'italic';
    b.onclick = function () { active = s.name; draw(); };
    tabs.append(b);
  });
  var sheet = state.sheets.find(function (s) { return s.name === active; });
  var table = el('table'); table.id = 'sheet';
  (sheet ? sheet.rows : []).forEach(function (row) {
    var tr = el('tr');
    row.forEach(function (c) {
      if (c.span === 0) return;
      var td = el('td', c.text);
      if (c.span > 1) td.colSpan = c.span;
      if (c.background) td.style.background = c.background;
      if (c.bold) td.style.fontWeight = 'bold';
      if (c.color) td.style.color = c.color;
      if (c.numeric) td.style.textAlign = 'right';
      tr.append(td);
    });
    table.append(tr);
  });
  var grid = document.getElementById('grid'); grid.replaceChildren(table);
  if (sheet && sheet.more) grid.append(el('p', '… ' + sheet.more + ' ' + WORDS.more));
  if (sheet && sheet.charts.length) {
    var charts = el('div'); charts.id = 'charts';
    sheet.charts.forEach(function (svg) { var f = el('figure'); f.innerHTML = svg; charts.append(f); });
    grid.append(charts);
  }
  document.getElementById('now').textContent = state.now;
}
/** Only the sheets that changed since the last state come back; the others are kept here. */
function refresh() {
  var known = Object.keys(sheets).map(function (name) { return encodeURIComponent(name) + '=' + sheets[name].version; }).join('&');
  return call('/state?' + known).then(function (s) {
    var next = {};
    s.sheets.forEach(function (meta) { next[meta.name] = meta.rows ? meta : sheets[meta.name]; });
    sheets = next;
    state = { active: s.active, menu: s.menu, now: s.now, sheets: s.sheets.map(function (meta) { return sheets[meta.name]; }) };
    draw(); return state;
  });
}
function afterRun(reply) {
  if (reply.toasts.length) { var t = document.getElementById('toast'); t.textContent = reply.toasts[reply.toasts.length - 1]; t.style.display = 'block'; setTimeout(function () { t.style.display = 'none'; }, 3000); }
  if (reply.error) showDialog(WORDS.error, reply.error);
  else if (reply.dialogs.length) { var d = reply.dialogs[reply.dialogs.length - 1]; showDialog(d.title, d.text); }
}
document.querySelectorAll('#clock button').forEach(function (b) {
  b.onclick = function () { call('/clock', { minutes: Number(b.dataset.minutes) }).then(function (reply) { return refresh().then(function () { afterRun(reply); }); }); };
});
function runMenu(fn) {
  return call('/menu', { functionName: fn })
    .then(function (reply) {
      active = null;
      return refresh().then(function () {
        if (reply.sidebar) openSidebar(reply.sidebar);
        afterRun(reply);
        if (fn === 'menuBuildSummary' && reply.summary) { active = reply.summary; draw(); }
      });
    });
}
function showDialog(title, text) {
  document.getElementById('dialog-title').textContent = title;
  document.getElementById('dialog-text').textContent = text;
  document.getElementById('dialog').showModal();
}
function openSidebar(title) {
  document.getElementById('side-title').textContent = title;
  document.getElementById('side').classList.add('open');
  document.getElementById('sidebar').src = '/sidebar?' + Date.now();
}
function closeMenu() { document.getElementById('menu').classList.remove('open'); document.getElementById('menu-button').setAttribute('aria-expanded', 'false'); }
document.getElementById('menu-button').onclick = function () {
  var open = document.getElementById('menu').classList.toggle('open');
  this.setAttribute('aria-expanded', String(open));
  if (open) { var first = document.querySelector('#menu-items button'); if (first) first.focus(); }
};
document.getElementById('side-close').onclick = function () { document.getElementById('side').classList.remove('open'); refresh(); };
window.addEventListener('message', function (e) { if (e.data === 'close-sidebar') document.getElementById('side').classList.remove('open'); });
refresh();
</script></body></html>`;
