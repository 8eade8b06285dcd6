// The room's page, live: follows the event stream (GET CODE/events), applies its changes to the
// markup the server rendered, sends proposals and dots by fetch, and remembers the author's name.
// Text is only ever set with textContent: nothing from the server becomes markup here.
(function () {
  'use strict';
  var base = '/' + document.body.getAttribute('data-code');
  var byId = function (id) { return document.getElementById(id); };
  var statusEl = byId('status');
  var noticeEl = byId('notice');
  var form = byId('propose-form');
  var board = null;
  var room = null;
  var personas = new Map();
  var AUTHOR = 'personas-room-author';

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function show(node, on) { if (node) node.hidden = !on; }

  function notice(text, isError) {
    if (!noticeEl) return;
    noticeEl.textContent = text;
    noticeEl.className = isError ? 'notice error' : 'notice';
    show(noticeEl, !!text);
  }

  function columnEl(key) {
    return document.querySelector('.column[data-column="' + key + '"]');
  }

  function goalItem(goal, column) {
    var gap = !goal.reaches_buyer && column !== 'buyers';
    var li = el('li', gap ? 'goal gap' : 'goal');
    li.id = 'g-' + goal.id;
    li.setAttribute('data-goal', goal.id);
    li.appendChild(el('p', 'text', goal.text));
    [['Why', goal.why], ['Metric', goal.metric]].forEach(function (pair) {
      if (!pair[1]) return;
      var p = el('p');
      p.appendChild(el('span', 'label', pair[0] + ':'));
      p.appendChild(document.createTextNode(' ' + pair[1]));
      li.appendChild(p);
    });
    if (goal.supports && goal.supports.length) {
      var s = el('p');
      s.appendChild(el('span', 'label', 'Supports:'));
      s.appendChild(document.createTextNode(' ' + goal.supports.map(function (g) { return g.text; }).join('; ')));
      li.appendChild(s);
    }
    if (gap) li.appendChild(el('p', 'warn', 'Reaches no buyer goal'));
    if (goal.votes) li.appendChild(el('p', 'votes', '●' + goal.votes));
    return li;
  }

  function card(persona, column) {
    var a = el('article', 'persona');
    a.setAttribute('data-persona', persona.id);
    a.appendChild(el('h4', '', persona.name));
    var about = [persona.role, persona.kind].filter(Boolean).join(' · ');
    if (about) a.appendChild(el('p', 'muted', about));
    if (!persona.goals.length) {
      a.appendChild(el('p', 'muted', 'No goals yet.'));
    } else {
      var ul = el('ul', 'goals');
      persona.goals.forEach(function (g) { ul.appendChild(goalItem(g, column)); });
      a.appendChild(ul);
    }
    return a;
  }

  function columnCount(key) {
    var col = columnEl(key);
    if (!col) return;
    var n = col.querySelector('.personas').children.length;
    col.querySelector('.count').textContent = '(' + n + ')';
    show(col.querySelector('.empty'), n === 0);
  }

  function names() {
    if (!board) return;
    board.columns.forEach(function (c) {
      var list = byId('names-' + c.key);
      if (!list) return;
      list.textContent = '';
      c.personas.forEach(function (p) {
        var o = document.createElement('option');
        o.value = p.name;
        list.appendChild(o);
      });
    });
  }

  function drawBoard(b) {
    board = b;
    personas.clear();
    byId('title').textContent = b.title || 'Personas';
    document.title = (b.title || 'Personas') + ' · room';
    byId('coverage').textContent = 'Coverage: ' + b.coverage.reached + '/' + b.coverage.total +
      ' user goals reach a buyer (' + b.coverage.percent + '%)';
    b.columns.forEach(function (c) {
      var col = columnEl(c.key);
      if (!col) return;
      var list = col.querySelector('.personas');
      list.textContent = '';
      c.personas.forEach(function (p) {
        var node = card(p, c.key);
        personas.set(p.id, node);
        list.appendChild(node);
      });
      columnCount(c.key);
    });
    names();
  }

  function boardColumn(key) {
    if (!board) return null;
    for (var i = 0; i < board.columns.length; i++) if (board.columns[i].key === key) return board.columns[i];
    return null;
  }

  function applyPersona(d) {
    var col = boardColumn(d.column);
    if (col) {
      var at = col.personas.findIndex(function (p) { return p.id === d.persona.id; });
      if (at >= 0) col.personas[at] = d.persona; else col.personas.push(d.persona);
    }
    var node = card(d.persona, d.column);
    var old = personas.get(d.persona.id);
    if (old && old.parentNode) old.replaceWith(node);
    else columnEl(d.column).querySelector('.personas').appendChild(node);
    personas.set(d.persona.id, node);
    columnCount(d.column);
    names();
    dots(node);
  }

  function applyRemoved(d) {
    var col = boardColumn(d.column);
    if (col) col.personas = col.personas.filter(function (p) { return p.id !== d.id; });
    var old = personas.get(d.id);
    if (old && old.closest('.column') === columnEl(d.column)) {
      old.remove();
      personas.delete(d.id);
    }
    columnCount(d.column);
    names();
  }

  function applyOrder(d) {
    var col = boardColumn(d.column);
    if (col) {
      var index = new Map(col.personas.map(function (p) { return [p.id, p]; }));
      col.personas = d.ids.map(function (id) { return index.get(id); }).filter(Boolean);
    }
    var list = columnEl(d.column).querySelector('.personas');
    d.ids.forEach(function (id) { var n = personas.get(id); if (n) list.appendChild(n); });
    columnCount(d.column);
    names();
  }

  // The dot buttons of the goals under `scope`, as the room stands for this participant.
  function dots(scope) {
    if (!room) return;
    var open = room.round_open && !room.read_only;
    // A dot button drawn again keeps the keyboard's focus (else it falls to the page's top).
    var had = document.activeElement && document.activeElement.closest('form.dot');
    var refocus = had ? had.closest('li.goal').getAttribute('data-goal') : null;
    scope.querySelectorAll('li.goal').forEach(function (li) {
      var old = li.querySelector('form.dot');
      if (old) old.remove();
      if (!open) return;
      var id = li.getAttribute('data-goal');
      var mine = room.dots.indexOf(id) >= 0;
      if (!mine && room.dots_left <= 0) return;
      var f = el('form', 'dot');
      f.method = 'post';
      f.action = base + '/votes';
      var goal = el('input');
      goal.type = 'hidden';
      goal.name = 'goal';
      goal.value = id;
      var button = el('button', mine ? 'quiet' : '', mine ? '● Your dot: take it back' : '○ Put a dot here');
      button.name = 'dot';
      button.value = mine ? 'remove' : 'add';
      f.appendChild(goal);
      f.appendChild(button);
      li.appendChild(f);
      if (id === refocus) button.focus();
    });
  }

  function stateClass(label) {
    return label === 'taken' ? 'taken' : label === 'set aside' ? 'aside' : 'waiting';
  }

  function applyRoom(r) {
    room = r;
    show(byId('vote'), r.round_open && !r.read_only);
    var left = byId('dots-left');
    if (left) left.textContent = String(r.dots_left);
    var all = byId('dots-all');
    if (all) all.textContent = String(r.votes_per_person);
    var list = byId('mine-list');
    if (list) {
      list.textContent = '';
      var titles = { users: 'Users', departments: 'Departments', buyers: 'Buyers' };
      r.proposals.forEach(function (p) {
        var li = el('li');
        li.appendChild(el('span', 'state ' + stateClass(p.state_label), p.state_label));
        li.appendChild(document.createTextNode(' ' + p.text + ' '));
        var who = p.persona ? (p.new_persona ? ' · new persona ' : ' · ') + p.persona : '';
        li.appendChild(el('span', 'muted', '#' + p.id + ' · ' + (titles[p.column] || p.column) + who));
        list.appendChild(li);
      });
      show(byId('mine-empty'), r.proposals.length === 0);
    }
    dots(document);
  }

  // The event stream; on loss, "reconnecting…" until it is back (then a fresh `board`).
  var stream = null;
  var retry = null;
  function live(on) {
    statusEl.textContent = on ? 'Live' : 'Reconnecting…';
    statusEl.className = on ? 'status' : 'status away';
  }
  function connect() {
    retry = null;
    if (stream) stream.close();
    stream = new EventSource(base + '/events');
    stream.onopen = function () { live(true); };
    stream.onerror = function () {
      live(false);
      // The browser retries by itself unless the stream is closed for good (a refusal).
      if (stream.readyState === EventSource.CLOSED && !retry) {
        retry = setTimeout(connect, 2000 + Math.random() * 2000);
      }
    };
    var on = function (name, apply) {
      stream.addEventListener(name, function (e) {
        var data;
        try { data = JSON.parse(e.data); } catch (err) { return; }
        apply(data);
      });
    };
    on('board', function (d) { live(true); drawBoard(d.board); applyRoom(d.room); });
    on('title', function (d) {
      if (board) board.title = d.title;
      byId('title').textContent = d.title || 'Personas';
      document.title = (d.title || 'Personas') + ' · room';
    });
    on('persona', applyPersona);
    on('removed', applyRemoved);
    on('order', applyOrder);
    on('coverage', function (d) { byId('coverage').textContent = d.sentence; });
    on('room', applyRoom);
  }

  function post(path, body) {
    return fetch(base + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        return { status: res.status, json: json };
      });
    });
  }

  function fieldError(name, message) {
    var error = byId('form-error');
    form.querySelectorAll('[aria-invalid]').forEach(function (f) { f.removeAttribute('aria-invalid'); });
    if (name && form.elements[name]) {
      form.elements[name].setAttribute('aria-invalid', 'true');
      form.elements[name].focus();
    }
    error.textContent = message || '';
    show(error, !!message);
  }

  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f === form) {
      e.preventDefault();
      var body = {};
      ['column', 'persona', 'text', 'why', 'metric', 'author'].forEach(function (n) { body[n] = f.elements[n].value; });
      try { localStorage.setItem(AUTHOR, body.author); } catch (err) { /* private mode */ }
      var button = f.querySelector('button[type=submit]');
      button.disabled = true;
      post('/proposals', body).then(function (r) {
        button.disabled = false;
        if (r.status === 201) {
          fieldError(null, '');
          ['text', 'why', 'metric'].forEach(function (n) { f.elements[n].value = ''; });
          notice('Proposal #' + r.json.id + ' sent. The facilitator will take it or set it aside.', false);
        } else if (r.status === 400 && r.json.field) {
          fieldError(r.json.field, r.json.error);
        } else {
          fieldError(null, r.json.error || ('Not sent (' + r.status + ').'));
        }
      }, function () {
        button.disabled = false;
        fieldError(null, 'Not sent: the connection to the room is down. Try again in a moment.');
      });
    } else if (f.classList.contains('dot')) {
      e.preventDefault();
      var submitter = e.submitter || f.querySelector('button');
      post('/votes', { goal: f.elements.goal.value, dot: submitter.value }).then(function (r) {
        if (r.status === 200 && room) {
          room.dots = r.json.dots;
          room.dots_left = r.json.dots_left;
          applyRoom(room);
        } else if (r.status !== 200) {
          notice(r.json.error || ('Not counted (' + r.status + ').'), true);
        }
      }, function () {
        notice('Not counted: the connection to the room is down.', true);
      });
    }
  });

  if (form) {
    var column = form.elements.column;
    var persona = form.elements.persona;
    column.addEventListener('change', function () { persona.setAttribute('list', 'names-' + column.value); });
    try { form.elements.author.value = localStorage.getItem(AUTHOR) || ''; } catch (err) { /* private mode */ }
  }
  // A redirect's notice has been read: a reload should not show it again.
  if (location.search && history.replaceState) history.replaceState(null, '', location.pathname + location.hash);
  live(false);
  statusEl.textContent = 'Connecting…';
  connect();
})();
