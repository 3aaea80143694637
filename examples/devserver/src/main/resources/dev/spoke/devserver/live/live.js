// The live page of the local platform: plain JavaScript, no build step.
// State comes from the server-sent event stream at /live/stream: "state" (everything, sent on every (re)connect),
// then "batch", "rejection", "stats" and "config" as they happen. Text is always set with textContent.
(function () {
  'use strict';

  var MAX_USERS = 100;
  var MAX_BATCHES_PER_USER = 20;
  var MAX_REJECTIONS = 100;
  var COUNTERS = ['requests', 'batchesAccepted', 'eventsAccepted', 'rejected', 'duplicates', 'timestampsReset'];

  var usersEl = document.getElementById('users');
  var rejectionsEl = document.getElementById('rejections');
  var reasonsEl = document.querySelector('#reasons tbody');
  var workspacesEl = document.getElementById('workspaces');
  var connectionEl = document.getElementById('connection');
  var users = {};
  var seen = {};   // ids already shown: a change racing with the state may arrive twice

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function time(ms) {
    return ms ? new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC') : '';
  }

  function clearEmpty(container) {
    var empty = container.querySelector('.empty');
    if (empty) { empty.remove(); }
  }

  function setConnection(state, text) {
    connectionEl.dataset.state = state;
    connectionEl.textContent = text;
  }

  function renderStats(s) {
    COUNTERS.forEach(function (name) {
      var v = document.getElementById('c-' + name);
      if (v) { v.textContent = String(s[name] || 0); }
    });
    reasonsEl.textContent = '';
    Object.keys(s.rejectedByReason || {}).forEach(function (reason) {
      var tr = el('tr', 'reason-count');
      tr.dataset.reason = reason;
      tr.appendChild(el('td', 'reason', reason));
      tr.appendChild(el('td', 'count', s.rejectedByReason[reason]));
      reasonsEl.appendChild(tr);
    });
    renderPartners(s.partnerRequests);
    renderForwarding(s.forwardingByKit);
  }

  function renderForwarding(byKit) {
    var body = document.querySelector('#forwarding tbody');
    var ids = Object.keys(byKit || {});
    if (!ids.length) { return; }
    body.textContent = '';
    ids.forEach(function (id) {
      var tr = el('tr', 'forwarding');
      tr.dataset.kit = id;
      tr.appendChild(el('td', null, 'kit ' + id));
      tr.appendChild(el('td', 'count', byKit[id]));
      body.appendChild(tr);
    });
  }

  function renderPartners(partners) {
    var body = document.querySelector('#partners tbody');
    var names = Object.keys(partners || {});
    if (!names.length) { return; }
    body.textContent = '';
    names.forEach(function (p) {
      var tr = el('tr', 'partner');
      tr.dataset.partner = p;
      tr.appendChild(el('td', null, p));
      tr.appendChild(el('td', 'count', partners[p]));
      body.appendChild(tr);
    });
  }

  function userCard(b) {
    var key = b.apiKey + '|' + (b.mpid || 'none');
    var card = users[key];
    if (!card) {
      card = el('div', 'card user');
      card.dataset.apiKey = b.apiKey;
      card.dataset.mpid = b.mpid || '';
      var head = el('div', 'user-head');
      head.appendChild(el('span', 'who', b.mpid ? 'MPID ' + b.mpid : 'no MPID'));
      head.appendChild(el('span', 'where', b.workspace + ' · ' + b.apiKey));
      card.appendChild(head);
      card.appendChild(el('div', 'identities'));
      users[key] = card;
      var all = usersEl.querySelectorAll('.user');
      if (all.length >= MAX_USERS) {
        var oldest = all[all.length - 1];
        delete users[oldest.dataset.apiKey + '|' + (oldest.dataset.mpid || 'none')];
        oldest.remove();
      }
    }
    var ids = Object.keys(b.identities || {}).map(function (k) { return k + '=' + b.identities[k]; });
    if (ids.length) { card.querySelector('.identities').textContent = ids.join(' · '); }
    return card;
  }

  function firstTime(item) {
    if (seen[item.id]) { return false; }
    seen[item.id] = true;
    return true;
  }

  function addBatch(b, fresh) {
    if (!firstTime(b)) { return; }
    clearEmpty(usersEl);
    var card = userCard(b);
    var batch = el('div', 'batch' + (fresh ? ' fresh' : ''));
    batch.dataset.sourceRequestId = b.sourceRequestId || '';
    var meta = el('div', 'meta', time(b.time) + ' · ' + b.path + ' · ' + b.eventCount + ' event'
        + (b.eventCount === 1 ? '' : 's') + (b.sourceRequestId ? ' · source_request_id ' + b.sourceRequestId : ''));
    batch.appendChild(meta);
    var list = el('ul', 'events');
    (b.events || []).forEach(function (e) {
      var li = el('li', 'event');
      li.dataset.type = e.type || '';
      li.appendChild(el('span', 'type', e.type));
      if (e.name) { li.appendChild(el('span', 'name', ' ' + e.name)); }
      list.appendChild(li);
    });
    if (b.eventCount > (b.events || []).length) {
      list.appendChild(el('li', 'event more', '+' + (b.eventCount - b.events.length) + ' more'));
    }
    batch.appendChild(list);
    var firstBatch = card.querySelector('.batch');
    card.insertBefore(batch, firstBatch);
    var batches = card.querySelectorAll('.batch');
    for (var i = MAX_BATCHES_PER_USER; i < batches.length; i++) { batches[i].remove(); }
    usersEl.insertBefore(card, usersEl.firstChild);
  }

  function addRejection(r, fresh) {
    if (!firstTime(r)) { return; }
    clearEmpty(rejectionsEl);
    var card = el('div', 'card rejection' + (fresh ? ' fresh' : ''));
    card.dataset.reason = r.reason;
    card.dataset.sourceRequestId = r.sourceRequestId || '';
    var head = el('div', 'user-head');
    head.appendChild(el('span', 'reason', r.reason));
    head.appendChild(el('span', 'where', (r.workspace || r.apiKey || 'unknown key') + ' · ' + r.path
        + (r.index >= 0 ? ' batch ' + r.index : ' whole request')));
    card.appendChild(head);
    card.appendChild(el('div', 'meta', time(r.time) + (r.mpid ? ' · MPID ' + r.mpid : '')
        + (r.sourceRequestId ? ' · source_request_id ' + r.sourceRequestId : '')));
    var ul = el('ul', 'messages');
    (r.messages || []).forEach(function (m) { ul.appendChild(el('li', 'message', m)); });
    card.appendChild(ul);
    rejectionsEl.insertBefore(card, rejectionsEl.firstChild);
    var all = rejectionsEl.querySelectorAll('.rejection');
    for (var i = MAX_REJECTIONS; i < all.length; i++) { all[i].remove(); }
  }

  function renderWorkspaces(list) {
    workspacesEl.textContent = '';
    (list || []).forEach(function (w) {
      var card = el('div', 'card workspace');
      card.dataset.apiKey = w.apiKey;
      var head = el('div', 'user-head');
      head.appendChild(el('span', 'who', w.id));
      head.appendChild(el('span', 'where', w.organization + ' / ' + w.account + ' · ' + w.apiKey));
      card.appendChild(head);
      card.appendChild(el('div', 'meta', 'pod ' + w.pod + ' · ' + w.inputKind + ' input · identity scope '
          + w.identityScope + ' · ' + w.environment));
      var kits = (w.config && w.config.eks) || [];
      if (!kits.length) { card.appendChild(el('div', 'kit', 'no kits enabled')); }
      kits.forEach(function (k) {
        var filters = Object.keys(k.hs || {});
        card.appendChild(el('div', 'kit', 'kit ' + k.id + ' · settings ' + Object.keys(k.as || {}).join(', ')
            + (filters.length ? ' · filters ' + filters.join(', ') : '')));
      });
      var details = el('details');
      details.appendChild(el('summary', null, 'configuration served at /v4/' + w.apiKey + '/config'));
      details.appendChild(el('pre', null, JSON.stringify(w.config, null, 2)));
      card.appendChild(details);
      workspacesEl.appendChild(card);
    });
  }

  function renderState(s) {
    users = {};
    seen = {};
    usersEl.textContent = '';
    rejectionsEl.textContent = '';
    usersEl.appendChild(el('p', 'empty', 'No batch yet.'));
    rejectionsEl.appendChild(el('p', 'empty', 'Nothing rejected.'));
    // The state lists newest first; replay oldest first so each new one lands on top.
    (s.batches || []).slice().reverse().forEach(function (b) { addBatch(b, false); });
    (s.rejections || []).slice().reverse().forEach(function (r) { addRejection(r, false); });
    renderStats(s.stats || {});
    renderWorkspaces(s.workspaces);
  }

  function on(source, name, handler) {
    source.addEventListener(name, function (e) { handler(JSON.parse(e.data)); });
  }

  function connect() {
    if (!window.EventSource) {
      setConnection('lost', 'this browser has no EventSource: open /live/state instead');
      return;
    }
    var source = new EventSource('/live/stream');
    source.onopen = function () { setConnection('live', 'live'); };
    source.onerror = function () { setConnection('lost', 'disconnected, retrying…'); };
    on(source, 'state', renderState);
    on(source, 'batch', function (b) { addBatch(b, true); });
    on(source, 'rejection', function (r) { addRejection(r, true); });
    on(source, 'stats', renderStats);
    on(source, 'config', renderWorkspaces);
  }

  connect();
})();
