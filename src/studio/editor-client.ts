// The campaign editor's client script, served as /studio/assets/editor.js (CSP script-src 'self':
// no inline script). It never builds the document itself: it sends the form, whose input names are
// the document's field paths, and shows what the server answers.
export const EDITOR_JS = String.raw`
(function(){
  var form = document.getElementById('campaign-form');
  if (!form) return;
  var data = JSON.parse(document.getElementById('editor-data').textContent || '{}');
  var W = data.words || {};
  function fmt(k, vars){ return (W[k] || k).replace(/\{(\w+)\}/g, function(m, n){ return vars && Object.prototype.hasOwnProperty.call(vars, n) ? String(vars[n]) : m; }); }
  function fid(name){ return 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '-'); }
  function el(tag, text, cls){ var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; }
  var KEY = 'vitrine-draft:' + form.getAttribute('data-draft-key');
  var variantsBox = form.querySelector('[data-variants]');
  var msg = document.getElementById('ed-message');
  var OPS = { eq: '=', ne: '\u2260', lt: '<', lte: '\u2264', gt: '>', gte: '\u2265', 'in': 'in', not_in: 'not in' };

  // ---- rows: variants and conditions, renumbered so names stay document paths ----
  function rename(node, re, rep){
    node.querySelectorAll('[name]').forEach(function(x){ if (x.name !== 'defaultVariantId') x.name = x.name.replace(re, rep); });
    node.querySelectorAll('[data-error-for]').forEach(function(s){ var n = s.getAttribute('data-error-for').replace(re, rep); s.setAttribute('data-error-for', n); s.id = fid(n) + '-error'; });
  }
  function renumber(){
    variantsBox.querySelectorAll('[data-variant]').forEach(function(fs, i){
      rename(fs, /^variants\.(\d+|__V__)\./, 'variants.' + i + '.');
      var num = fs.querySelector('[data-variant-number]'); if (num) num.textContent = String(i + 1);
      fs.querySelectorAll('[data-cond]').forEach(function(row, j){ rename(row, /\.conditions\.(\d+|__C__)\./, '.conditions.' + j + '.'); });
      fs.querySelectorAll('input[name],select[name]').forEach(function(x){ if (x.name !== 'defaultVariantId') x.setAttribute('aria-describedby', fid(x.name) + '-error'); });
    });
    syncDefaults(); fillVariantSelect();
  }
  function fromTemplate(id, map){
    var src = document.getElementById(id).innerHTML;
    Object.keys(map).forEach(function(k){ src = src.split(k).join(map[k]); });
    var t = document.createElement('template'); t.innerHTML = src; return t.content.firstElementChild;
  }
  function addVariant(){
    var n = variantsBox.querySelectorAll('[data-variant]').length;
    var fs = fromTemplate('variant-template', { __V__: String(n) });
    variantsBox.appendChild(fs);
    var used = {}; variantsBox.querySelectorAll('[data-variant-id]').forEach(function(x){ used[x.value] = 1; });
    var k = n + 1; while (used['v-' + k]) k++;
    fs.querySelector('[data-variant-id]').value = 'v-' + k;
    renumber();
    fs.querySelector('[data-variant-id]').focus();
    return fs;
  }
  function addCond(fs){
    var box = fs.querySelector('[data-conds]');
    var i = Array.prototype.indexOf.call(variantsBox.querySelectorAll('[data-variant]'), fs);
    var row = fromTemplate('cond-template', { __V__: String(i), __C__: String(box.querySelectorAll('[data-cond]').length) });
    box.appendChild(row); renumber();
    return row;
  }
  function valueControl(row){
    var sig = row.querySelector('[data-signal]').value, op = row.querySelector('[data-op]').value;
    var many = op === 'in' || op === 'not_in';
    var slot = row.querySelector('[data-value]');
    var old = slot.querySelector('[name]');
    var name = old ? old.name : row.querySelector('[data-signal]').name.replace(/signal$/, 'value');
    var t = document.querySelector('template[data-value-for="' + sig + '"][data-many="' + (many ? '1' : '0') + '"]');
    if (!t) return;
    slot.innerHTML = t.innerHTML.split('__NAME__').join(name);
  }
  function signalChanged(row){
    var sig = row.querySelector('[data-signal]').value, opSel = row.querySelector('[data-op]');
    var ops = (data.ops && data.ops[sig]) || ['eq'];
    var cur = opSel.value; opSel.innerHTML = '';
    ops.forEach(function(o){ var e = el('option', OPS[o] || o); e.value = o; if (o === cur) e.selected = true; opSel.appendChild(e); });
    valueControl(row);
  }
  function syncDefaults(){
    var radios = variantsBox.querySelectorAll('[data-default]'), any = false;
    variantsBox.querySelectorAll('[data-variant]').forEach(function(fs){ var r = fs.querySelector('[data-default]'); r.value = fs.querySelector('[data-variant-id]').value; if (r.checked) any = true; });
    if (!any && radios[0]) radios[0].checked = true;
  }

  // ---- placeholders inserted at the caret of the copy field last used ----
  var lastCopy = new WeakMap();
  form.addEventListener('focusin', function(ev){
    var x = ev.target; if (!x.hasAttribute || !x.hasAttribute('data-copy')) return;
    var fs = x.closest('[data-variant]'); lastCopy.set(fs, x);
    var lab = x.closest('label'); var group = x.closest('fieldset.copy');
    var out = fs.querySelector('[data-ph-target]');
    if (out && lab && group) out.textContent = fmt('ed.ph.into', { field: group.querySelector('legend').textContent + ' \u2014 ' + lab.firstChild.textContent.trim() });
  });
  function insertPlaceholder(fs){
    var target = lastCopy.get(fs) || fs.querySelector('[data-copy]');
    var token = fs.querySelector('[data-ph-menu]').value;
    var s = target.selectionStart == null ? target.value.length : target.selectionStart;
    var e = target.selectionEnd == null ? s : target.selectionEnd;
    target.setRangeText(token, s, e, 'end');
    target.focus();
    target.dispatchEvent(new Event('input', { bubbles: true }));
  }

  form.addEventListener('click', function(ev){
    var b = ev.target.closest && ev.target.closest('button'); if (!b || !form.contains(b)) return;
    var fs = b.closest('[data-variant]');
    if (b.hasAttribute('data-add-variant')) { addVariant(); schedule(); }
    else if (b.hasAttribute('data-remove-variant') && fs) { if (variantsBox.querySelectorAll('[data-variant]').length > 1) { fs.remove(); renumber(); schedule(); } }
    else if (b.hasAttribute('data-add-cond') && fs) { var row = addCond(fs); row.querySelector('[data-signal]').focus(); schedule(); }
    else if (b.hasAttribute('data-remove-cond')) { var r = b.closest('[data-cond]'); var owner = r.closest('[data-variant]'); r.remove(); renumber(); schedule(); var next = owner.querySelector('[data-add-cond]'); if (next) next.focus(); }
    else if (b.hasAttribute('data-ph-insert') && fs) insertPlaceholder(fs);
    else if (b.hasAttribute('data-preview-this') && fs) { pvVariant.value = String(Array.prototype.indexOf.call(variantsBox.querySelectorAll('[data-variant]'), fs)); runPreview(); document.getElementById('h-preview').scrollIntoView({ block: 'start' }); }
  });
  form.addEventListener('change', function(ev){
    var x = ev.target;
    if (x.hasAttribute('data-signal')) signalChanged(x.closest('[data-cond]'));
    else if (x.hasAttribute('data-op')) valueControl(x.closest('[data-cond]'));
  });

  // ---- flight: local wall times in each region's zone ----
  function offsetMs(ms, tz){
    var p = {}; new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).forEach(function(x){ p[x.type] = x.value; });
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
  }
  function instant(wall, tz){ var g = Date.parse(wall + ':00Z'); if (isNaN(g)) return NaN; var t = g - offsetMs(g, tz); return g - offsetMs(t, tz); }
  function offsetName(ms, tz){ try { var z = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' }).formatToParts(new Date(ms)).filter(function(x){ return x.type === 'timeZoneName'; })[0]; return z ? z.value : tz; } catch (e) { return tz; } }
  function utc(ms){ return isNaN(ms) ? '?' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '); }
  function checkedRegions(){ return Array.prototype.map.call(form.querySelectorAll('input[name="regions"]:checked'), function(x){ return x.value; }); }
  function regionInfo(code){ return (data.regions || []).filter(function(r){ return r.code === code; })[0]; }
  function drawZones(){
    var box = document.getElementById('tz-list'); if (!box) return;
    var s = form.elements.startsLocal.value, e = form.elements.endsLocal.value;
    box.innerHTML = '';
    var regions = checkedRegions().map(regionInfo).filter(Boolean).slice(0, 24);
    var zones = {}; regions.forEach(function(r){ zones[r.tz] = 1; });
    var ul = el('ul', null, 'windows');
    regions.forEach(function(r){
      var a = instant(s, r.tz), b = instant(e, r.tz);
      var parts = fmt('ed.tz.line', { region: '\u0000', start: s.replace('T', ' '), end: e.replace('T', ' '), tz: r.tz, offset: offsetName(a, r.tz), utcStart: utc(a), utcEnd: utc(b) }).split('\u0000');
      var li = ul.appendChild(el('li', parts[0]));
      // Dates, zones and arrows read left to right on an Arabic page too; the region's Arabic name
      // sits in a <bdi>, or the digits after it would join its right-to-left run and the dates flip.
      li.setAttribute('dir', 'ltr');
      li.appendChild(el('bdi', r.code + ' ' + r.name));
      li.appendChild(document.createTextNode(parts.slice(1).join('')));
    });
    if (Object.keys(zones).length === 1 && regions[0]) box.appendChild(el('p', fmt('ed.tz.same', { tz: regions[0].tz, offset: offsetName(instant(s, regions[0].tz), regions[0].tz) })));
    box.appendChild(ul);
  }

  // ---- JSON calls: the form as sent, the server's answer shown ----
  function body(extra){ var p = new URLSearchParams(); new FormData(form).forEach(function(v, k){ p.append(k, String(v)); }); Object.keys(extra || {}).forEach(function(k){ p.append(k, extra[k]); }); return p; }
  function post(url, extra, signal){ return fetch(url, { method: 'POST', body: body(extra), headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: signal }); }
  function saveDraft(){ var list = []; new FormData(form).forEach(function(v, k){ list.push([k, String(v)]); }); try { sessionStorage.setItem(KEY, JSON.stringify(list)); } catch (e) {} }
  function expired(){ saveDraft(); location.assign('/studio/signin?expired=1&next=' + encodeURIComponent(location.pathname)); }

  // ---- live count and sample of matching products per region ----
  var matchTimer = null;
  function countProducts(){
    var box = document.getElementById('product-matches'); if (!box) return;
    post(form.getAttribute('data-products')).then(function(r){ if (r.status === 401) return null; return r.json(); }).then(function(j){
      if (!j) return;
      box.innerHTML = '';
      box.appendChild(el('h3', box.getAttribute('data-label')));
      (j.regions || []).forEach(function(m){
        var p = el('p');
        var count = m.more ? fmt('ed.matches.more', { n: m.count }) : String(m.count);
        p.appendChild(el('b', fmt('ed.matches.sample', { region: m.region + ' ' + m.name, count: count })));
        p.setAttribute('data-region', m.region); p.setAttribute('data-count', String(m.count));
        if (!m.count) p.appendChild(el('span', ' \u2014 ' + fmt(box.getAttribute('data-none'), { region: m.region })));
        var ul = el('ul', null, 'sample');
        m.sample.forEach(function(s){ ul.appendChild(el('li', s.title + ' \u00b7 ' + s.price + ' ' + s.currency + ' \u00b7 ' + s.quantity)); });
        p.appendChild(ul); box.appendChild(p);
      });
      (j.problems || []).forEach(function(pr){ box.appendChild(el('p', pr.field + ': ' + pr.reason, 'field-error')); });
    }).catch(function(){});
  }

  // ---- live preview ----
  var pvVariant = document.getElementById('pv-variant'), pvRegion = document.getElementById('pv-region');
  var pvStatus = document.getElementById('pv-status'), pvCells = document.getElementById('pv-cells'), pvWarn = document.getElementById('pv-warnings');
  var pvTimer = null, pvAbort = null, pvSeq = 0;
  function fillVariantSelect(){
    if (!pvVariant) return;
    var cur = pvVariant.value; pvVariant.innerHTML = '';
    variantsBox.querySelectorAll('[data-variant]').forEach(function(fs, i){
      var id = fs.querySelector('[data-variant-id]').value, name = fs.querySelector('input[name$=".name"]').value;
      var o = el('option', (i + 1) + '. ' + (name || id)); o.value = String(i); pvVariant.appendChild(o);
    });
    if (cur && +cur < pvVariant.options.length) pvVariant.value = cur;
  }
  function fillRegionSelect(){
    var cur = pvRegion.value, codes = checkedRegions();
    if (!codes.length) codes = (data.regions || []).map(function(r){ return r.code; });
    pvRegion.innerHTML = '';
    codes.forEach(function(c){ var r = regionInfo(c); var o = el('option', c + (r ? ' ' + r.name : '')); o.value = c; pvRegion.appendChild(o); });
    if (codes.indexOf(cur) >= 0) pvRegion.value = cur;
  }
  function showFormat(){
    var f = (document.querySelector('input[name="pv-format"]:checked') || {}).value || 'png';
    pvCells.querySelectorAll('[data-kind]').forEach(function(x){ x.hidden = x.getAttribute('data-kind') !== f; });
    fitFrames();
  }
  function fitFrames(){
    pvCells.querySelectorAll('.pv-frame').forEach(function(box){
      var f = box.querySelector('iframe'); if (!f || box.hidden) return;
      var w = +f.getAttribute('width'), h = +f.getAttribute('height');
      var s = Math.min(1, (box.parentNode.clientWidth || w) / w);
      f.style.transform = 'scale(' + s + ')'; box.style.height = Math.ceil(h * s) + 'px'; box.style.width = Math.ceil(w * s) + 'px';
    });
  }
  function warningText(w){ return fmt('ed.warn.' + w.kind, { field: w.field, size: w.size, lang: w.lang }); }
  function draw(j){
    pvCells.innerHTML = ''; pvWarn.innerHTML = '';
    j.cells.forEach(function(c){
      var fig = el('figure', null, 'pv-cell'); fig.setAttribute('data-size', c.size); fig.setAttribute('data-lang', c.lang); fig.setAttribute('data-status', c.status);
      var wh = c.size.split('x');
      var img = el('img'); img.src = c.png; img.width = +wh[0]; img.height = +wh[1]; img.alt = c.size + ' (' + c.lang + ')'; img.setAttribute('data-kind', 'png');
      var box = el('div', null, 'pv-frame'); box.setAttribute('data-kind', 'html'); box.setAttribute('dir', 'ltr');
      var fr = el('iframe'); fr.setAttribute('sandbox', ''); fr.setAttribute('title', 'HTML ' + c.size + ' (' + c.lang + ')'); fr.setAttribute('width', wh[0]); fr.setAttribute('height', wh[1]); fr.setAttribute('srcdoc', c.html);
      box.appendChild(fr);
      fig.appendChild(img); fig.appendChild(box);
      var cap = el('figcaption', c.size + ' \u00b7 ' + c.lang);
      if (c.status !== 'ok') cap.appendChild(el('div', fmt('ed.preview.fallback', { why: c.reason }), 'field-error'));
      var ws = el('ul', null, 'warnings');
      c.warnings.forEach(function(w){ var li = el('li', warningText(w)); li.title = w.original + ' \u2192 ' + w.shown; ws.appendChild(li); pvWarn.appendChild(el('li', warningText(w))); });
      cap.appendChild(ws); fig.appendChild(cap); pvCells.appendChild(fig);
    });
    var line = fmt('ed.preview.done', { n: j.cells.length, time: new Date().toLocaleTimeString() });
    if (j.simulated && j.simulated.length) line += ' ' + fmt('ed.preview.simulated', { what: j.simulated.join(', ') });
    if (j.capped) line += ' ' + fmt('ed.preview.capped', { n: j.capped });
    pvStatus.textContent = line;
    pvCells.setAttribute('data-rendered', String(pvSeq));
    showFormat();
  }
  function runPreview(){
    clearTimeout(pvTimer);
    if (pvAbort) pvAbort.abort();
    pvAbort = new AbortController();
    var seq = ++pvSeq;
    pvStatus.textContent = W['ed.preview.loading'];
    document.querySelector('.preview-panel').setAttribute('aria-busy', 'true');
    post(form.getAttribute('data-preview'), { 'preview.variant': pvVariant.value || '0', 'preview.region': pvRegion.value || '', 'preview.campaign': form.getAttribute('data-draft-key') }, pvAbort.signal).then(function(r){
      if (r.status === 401) { expired(); return null; }
      return r.json().then(function(j){ return { ok: r.ok, j: j }; });
    }).then(function(res){
      if (!res || seq !== pvSeq) return;
      document.querySelector('.preview-panel').removeAttribute('aria-busy');
      if (!res.ok) { pvStatus.textContent = fmt('ed.preview.failed', { why: (res.j.error && res.j.error.message) || '' }); return; }
      if (res.j.problems && res.j.problems.length) { pvStatus.textContent = fmt('ed.preview.none', { why: res.j.problems.map(function(p){ return (p.input || p.field) + ': ' + p.reason; }).join('; ') }); return; }
      draw(res.j);
    }).catch(function(e){ if (e && e.name === 'AbortError') return; pvStatus.textContent = fmt('ed.preview.failed', { why: String(e) }); });
  }
  function schedule(){
    clearTimeout(pvTimer); pvTimer = setTimeout(runPreview, 400);
    clearTimeout(matchTimer); matchTimer = setTimeout(countProducts, 500);
  }
  form.addEventListener('input', function(ev){
    if (ev.target.hasAttribute && ev.target.hasAttribute('data-variant-id')) syncDefaults();
    if (ev.target.name === 'regions') fillRegionSelect();
    if (/^(startsLocal|endsLocal|regions)$/.test(ev.target.name)) drawZones();
    fillVariantSelect(); schedule();
  });
  form.addEventListener('change', function(ev){ if (ev.target.name === 'regions') { fillRegionSelect(); drawZones(); } schedule(); });
  pvVariant.addEventListener('change', runPreview);
  pvRegion.addEventListener('change', runPreview);
  document.querySelectorAll('input[name="pv-format"]').forEach(function(r){ r.addEventListener('change', showFormat); });
  window.addEventListener('resize', fitFrames);

  // ---- save: field errors beside their fields, a stale edit says who and when, an expired session keeps the draft ----
  function clearErrors(){
    form.querySelectorAll('[data-error-for]').forEach(function(s){ s.textContent = ''; s.hidden = true; });
    form.querySelectorAll('[aria-invalid]').forEach(function(x){ x.removeAttribute('aria-invalid'); });
    msg.hidden = true; msg.className = 'alert'; msg.textContent = '';
  }
  function showErrors(fields, summary){
    var first = null, loose = [];
    fields.forEach(function(f){
      var span = f.input && form.querySelector('[data-error-for="' + CSS.escape(f.input) + '"]');
      if (!span) { loose.push(f.field + ': ' + f.reason); return; }
      span.textContent = f.reason; span.hidden = false;
      var x = form.querySelector('[name="' + CSS.escape(f.input) + '"]');
      if (x) { x.setAttribute('aria-invalid', 'true'); if (!first) first = x; }
    });
    msg.hidden = false; msg.textContent = summary + (loose.length ? ' ' + loose.join('; ') : '');
    if (first) first.focus(); else msg.focus();
  }
  form.addEventListener('submit', function(ev){
    ev.preventDefault(); clearErrors();
    var button = form.querySelector('button[type=submit]'); button.disabled = true;
    msg.hidden = false; msg.className = 'notice'; msg.textContent = W['ed.saving'];
    post(form.getAttribute('action')).then(function(r){
      if (r.status === 401) { expired(); return; }
      return r.json().then(function(j){
        button.disabled = false;
        if (r.ok) { try { sessionStorage.removeItem(KEY); } catch (e) {} location.assign(j.location); return; }
        msg.className = 'alert';
        var e = j.error || {};
        if (r.status === 409 && e.stale) {
          msg.hidden = true;
          var box = document.getElementById('ed-stale');
          box.querySelector('[data-stale-text]').textContent = fmt('ed.stale', { who: e.stale.changedBy, when: e.stale.changedAt, version: e.stale.current });
          box.hidden = false; box.setAttribute('tabindex', '-1'); box.focus(); return;
        }
        if (r.status === 403) { msg.textContent = W['ed.forbidden'] + ' ' + (e.message || ''); return; }
        showErrors(e.fields || [], W['ed.errors']);
      });
    }).catch(function(e){ button.disabled = false; msg.className = 'alert'; msg.textContent = String(e); });
  });

  // ---- a draft kept across sign-in comes back ----
  function setValues(groups){
    form.querySelectorAll('[name]').forEach(function(x){
      if (!Object.prototype.hasOwnProperty.call(groups, x.name)) { if (x.type === 'checkbox') x.checked = false; return; }
      var vals = groups[x.name];
      if (x.type === 'checkbox' || x.type === 'radio') x.checked = vals.indexOf(x.value) >= 0;
      else if (x.multiple) Array.prototype.forEach.call(x.options, function(o){ o.selected = vals.indexOf(o.value) >= 0; });
      else x.value = vals[0];
    });
  }
  function restore(){
    var raw = null; try { raw = sessionStorage.getItem(KEY); } catch (e) {}
    if (!raw) return false;
    var list; try { list = JSON.parse(raw); } catch (e) { return false; }
    var groups = {}, conds = {}, nv = 0;
    list.forEach(function(kv){ (groups[kv[0]] = groups[kv[0]] || []).push(kv[1]); var m = /^variants\.(\d+)\.(?:conditions\.(\d+)\.)?/.exec(kv[0]); if (m) { nv = Math.max(nv, +m[1] + 1); if (m[2] !== undefined) conds[m[1]] = Math.max(conds[m[1]] || 0, +m[2] + 1); } });
    while (variantsBox.querySelectorAll('[data-variant]').length < nv) addVariant();
    variantsBox.querySelectorAll('[data-variant]').forEach(function(fs, i){
      if (i >= nv && nv > 0) { fs.remove(); return; }
      var rows = fs.querySelectorAll('[data-cond]');
      for (var k = rows.length; k < (conds[i] || 0); k++) addCond(fs);
      fs.querySelectorAll('[data-cond]').forEach(function(r, k){ if (k >= (conds[i] || 0)) r.remove(); });
    });
    renumber();
    setValues(groups);
    form.querySelectorAll('[data-cond]').forEach(function(row){ var ops = row.querySelector('[data-op]').value; signalChanged(row); row.querySelector('[data-op]').value = ops; valueControl(row); });
    setValues(groups);
    syncDefaults();
    try { sessionStorage.removeItem(KEY); } catch (e) {}
    msg.hidden = false; msg.className = 'notice'; msg.setAttribute('role', 'status'); msg.textContent = W['ed.restored'];
    return true;
  }

  restore();
  renumber(); fillRegionSelect(); drawZones();
  runPreview(); countProducts();
})();
`;
