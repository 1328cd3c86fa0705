// socketflow status page: polls api/status once a second and updates the page in place.
// Plain JavaScript on purpose: nothing to download or build, and the page works on a network with no internet.
'use strict';

(() => {
  const ENDPOINT = 'api/status';
  const POLL_MILLIS = 1000;
  const SVG = 'http://www.w3.org/2000/svg';
  const REASONS = ['too_large', 'too_many_connections', 'slow_consumer', 'idle_timeout', 'io', 'tls', 'proxy_protocol'];
  // Always a column; the others only when some listener can count them (TLS, the PROXY protocol).
  const ALWAYS_SHOWN = REASONS.slice(0, 5);
  let shownReasons = ALWAYS_SHOWN;
  const REASON_NAMES = {
    too_large: 'Too large', too_many_connections: 'Too many connections', slow_consumer: 'Slow consumer',
    idle_timeout: 'Idle timeout', io: 'I/O', tls: 'TLS', proxy_protocol: 'PROXY',
  };

  const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

  const rows = new Map();
  const cards = new Map();
  const errorRows = new Map();
  const listenerStates = new Map();
  let online = null;
  let timer = null;
  let inFlight = false;

  // ---- formatting ----

  const DASH = '—';

  function rate(value) {
    if (value == null) return DASH;
    if (value === 0) return '0';
    return value < 10 ? oneDecimal.format(value) : integer.format(value);
  }

  function bytes(value) {
    if (value == null) return DASH;
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? integer.format(value) : oneDecimal.format(value)) + ' ' + units[unit];
  }

  function millis(value) {
    if (value == null) return DASH;
    if (value < 1) return integer.format(value * 1000) + ' µs';
    return (value < 10 ? oneDecimal.format(value) : integer.format(value)) + ' ms';
  }

  function duration(seconds) {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor(seconds % 86400 / 3600);
    const minutes = Math.floor(seconds % 3600 / 60);
    const rest = Math.floor(seconds % 60);
    if (days > 0) return `${days} d ${hours} h`;
    if (hours > 0) return `${hours} h ${minutes} min`;
    if (minutes > 0) return `${minutes} min ${rest} s`;
    return `${rest} s`;
  }

  function address(bindAddress, port) {
    return (bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress) + ':' + port;
  }

  function title(listener) {
    return `${listener.service} ${listener.transport.toUpperCase()}`;
  }

  // ---- DOM helpers ----

  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'class') element.className = value;
      else element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function field(container, name) {
    return container.querySelector(`[data-field="${name}"]`);
  }

  function announce(message) {
    setText(document.getElementById('announcer'), message);
  }

  // ---- sparklines: inline SVG, scaled to the largest value shown ----

  function sparkline(className) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 120 30');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'img');
    if (className) svg.setAttribute('class', className);
    const baseline = document.createElementNS(SVG, 'line');
    baseline.setAttribute('class', 'baseline');
    baseline.setAttribute('x1', '0');
    baseline.setAttribute('x2', '120');
    baseline.setAttribute('y1', '30');
    baseline.setAttribute('y2', '30');
    baseline.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.append(baseline);
    return svg;
  }

  function path(svg, className) {
    const element = document.createElementNS(SVG, 'path');
    element.setAttribute('class', className);
    element.setAttribute('vector-effect', 'non-scaling-stroke');
    svg.append(element);
    return element;
  }

  function points(values, slots, max) {
    const step = 120 / Math.max(1, slots - 1);
    const offset = slots - values.length;
    return values.map((value, i) => [(offset + i) * step, 30 - (value / max) * 28]);
  }

  function line(coordinates) {
    return coordinates.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');
  }

  function area(coordinates) {
    if (coordinates.length === 0) return '';
    const first = coordinates[0][0].toFixed(1);
    const last = coordinates[coordinates.length - 1][0].toFixed(1);
    return `${line(coordinates)} L${last} 30 L${first} 30 Z`;
  }

  // ---- building the parts for one listener ----

  function buildCard(listener) {
    const id = `card-${listener.name}`;
    const messages = sparkline();
    const connections = listener.connections == null ? null : sparkline('short');
    const card = el('article', { class: 'card', 'data-listener': listener.name, 'aria-labelledby': id },
      el('div', { class: 'card-head' },
        el('h3', { id }, listener.service, el('span', { class: 'transport' }, listener.transport.toUpperCase())),
        el('span', { class: 'state', 'data-field': 'state' })),
      el('p', { class: 'address' }, el('code', { 'data-field': 'address' })),
      el('dl', { class: 'figures' },
        el('div', {}, el('dt', {}, 'Connections'), el('dd', { 'data-field': 'connections' })),
        el('div', {}, el('dt', {}, 'In msg/s'), el('dd', { 'data-field': 'in' })),
        el('div', {}, el('dt', {}, 'Out msg/s'), el('dd', { 'data-field': 'out' }))),
      el('figure', { class: 'trend' }, messages,
        el('figcaption', {}, el('span', { class: 'key key-in' }, 'in'), el('span', { class: 'key key-out' }, 'out'),
          el('span', { class: 'peak', 'data-field': 'messages-caption' }))));
    const parts = {
      card,
      messages,
      messagesIn: path(messages, 'area-in'),
      messagesInLine: path(messages, 'line-in'),
      messagesOut: path(messages, 'line-out'),
    };
    if (!connections) {
      card.append(el('p', { class: 'note' }, 'UDP: datagrams, no connections.'));
    }
    else {
      parts.connections = connections;
      parts.connectionsArea = path(connections, 'area-conn');
      parts.connectionsLine = path(connections, 'line-conn');
      card.append(el('figure', { class: 'trend' }, connections,
        el('figcaption', {}, el('span', { class: 'key key-conn' }, 'open connections'),
          el('span', { class: 'peak', 'data-field': 'connections-caption' }))));
    }
    return parts;
  }

  function buildRow(listener) {
    const cell = (name, className = 'num') => el('td', { class: className, 'data-field': name });
    return el('tr', { 'data-listener': listener.name },
      el('th', { scope: 'row' }, title(listener)),
      el('td', {}, el('code', { 'data-field': 'address' })),
      el('td', {}, el('span', { class: 'state', 'data-field': 'state' })),
      cell('connections'), cell('in'), cell('out'),
      el('td', { class: 'num' }, el('span', { 'data-field': 'bytes-in' }), el('span', { class: 'rate', 'data-field': 'bytes-in-rate' })),
      el('td', { class: 'num' }, el('span', { 'data-field': 'bytes-out' }), el('span', { class: 'rate', 'data-field': 'bytes-out-rate' })),
      cell('p50'), cell('p99'));
  }

  function buildErrorRow(listener) {
    const row = el('tr', { 'data-listener': listener.name }, el('th', { scope: 'row' }, title(listener)));
    for (const reason of shownReasons) row.append(el('td', { class: 'num', 'data-reason': reason }));
    return row;
  }

  function ensureErrorHeader(status) {
    const head = document.querySelector('#errors-table thead tr');
    if (head.children.length > 1) return;
    shownReasons = REASONS.filter((reason) => ALWAYS_SHOWN.includes(reason)
      || status.listeners.some((listener) => listener.errors[reason] != null));
    for (const reason of shownReasons) head.append(el('th', { scope: 'col', class: 'num' }, REASON_NAMES[reason]));
  }

  // ---- updating ----

  function updateState(element, up) {
    setText(element, up ? 'Up' : 'Down');
    setAttribute(element, 'class', `state ${up ? 'up' : 'down'}`);
  }

  function updateCard(parts, listener, status) {
    const { card } = parts;
    setAttribute(card, 'data-up', String(listener.up));
    updateState(field(card, 'state'), listener.up);
    setText(field(card, 'address'), address(listener.bindAddress, listener.port));
    const connections = field(card, 'connections');
    setText(connections, listener.connections == null ? 'n/a' : integer.format(listener.connections));
    connections.classList.toggle('na', listener.connections == null);
    if (listener.connections == null) setAttribute(connections, 'title', 'UDP has no connections');
    setText(field(card, 'in'), rate(listener.messagesReceivedPerSecond));
    setText(field(card, 'out'), rate(listener.messagesSentPerSecond));

    const slots = status.percentileWindowSeconds / status.sampleIntervalSeconds;
    const received = listener.history.messagesReceivedPerSecond;
    const sent = listener.history.messagesSentPerSecond;
    const peak = Math.max(1, ...received, ...sent);
    const inPoints = points(received, slots, peak);
    setAttribute(parts.messagesIn, 'd', area(inPoints));
    setAttribute(parts.messagesInLine, 'd', line(inPoints));
    setAttribute(parts.messagesOut, 'd', line(points(sent, slots, peak)));
    const highest = Math.max(0, ...received, ...sent);
    setText(field(card, 'messages-caption'), `peak ${rate(highest)} msg/s`);
    setAttribute(parts.messages, 'aria-label',
      `Messages per second over the last ${status.percentileWindowSeconds} seconds: peak ${rate(highest)}, now in ${rate(received.at(-1) ?? null)}, out ${rate(sent.at(-1) ?? null)}`);

    if (parts.connections) {
      const open = listener.history.connections || [];
      const most = Math.max(0, ...open);
      const connectionPoints = points(open, slots, Math.max(1, most));
      setAttribute(parts.connectionsArea, 'd', area(connectionPoints));
      setAttribute(parts.connectionsLine, 'd', line(connectionPoints));
      setText(field(card, 'connections-caption'), `peak ${integer.format(most)}`);
      setAttribute(parts.connections, 'aria-label',
        `Open connections over the last ${status.percentileWindowSeconds} seconds: peak ${integer.format(most)}`);
    }
  }

  function updateRow(row, listener) {
    setText(field(row, 'address'), address(listener.bindAddress, listener.port));
    updateState(field(row, 'state'), listener.up);
    const connections = field(row, 'connections');
    setText(connections, listener.connections == null ? 'n/a' : integer.format(listener.connections));
    connections.classList.toggle('na', listener.connections == null);
    setText(field(row, 'in'), rate(listener.messagesReceivedPerSecond));
    setText(field(row, 'out'), rate(listener.messagesSentPerSecond));
    setText(field(row, 'bytes-in'), bytes(listener.bytesReceived));
    setText(field(row, 'bytes-out'), bytes(listener.bytesSent));
    setText(field(row, 'bytes-in-rate'), listener.bytesReceivedPerSecond == null ? '' : `${bytes(listener.bytesReceivedPerSecond)}/s`);
    setText(field(row, 'bytes-out-rate'), listener.bytesSentPerSecond == null ? '' : `${bytes(listener.bytesSentPerSecond)}/s`);
    setText(field(row, 'p50'), millis(listener.processingP50Millis));
    setText(field(row, 'p99'), millis(listener.processingP99Millis));
  }

  function updateErrorRow(row, listener) {
    for (const reason of shownReasons) {
      const cell = row.querySelector(`[data-reason="${reason}"]`);
      const count = listener.errors[reason];
      if (count == null) {
        if (!cell.classList.contains('na')) {
          cell.replaceChildren(el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'visually-hidden' }, 'not applicable'));
          cell.className = 'num na';
        }
      }
      else {
        setText(cell, integer.format(count));
        setAttribute(cell, 'class', count > 0 ? 'num bad' : 'num');
      }
    }
  }

  function updateListeners(status) {
    const cardContainer = document.getElementById('cards');
    const tableBody = document.querySelector('#traffic-table tbody');
    const errorBody = document.querySelector('#errors-table tbody');
    ensureErrorHeader(status);
    const names = new Set(status.listeners.map((listener) => listener.name));
    for (const [name, parts] of cards) {
      if (!names.has(name)) {
        parts.card.remove();
        rows.get(name).remove();
        errorRows.get(name).remove();
        cards.delete(name);
        rows.delete(name);
        errorRows.delete(name);
      }
    }
    const changes = [];
    for (const listener of status.listeners) {
      if (!cards.has(listener.name)) {
        const parts = buildCard(listener);
        cards.set(listener.name, parts);
        cardContainer.append(parts.card);
        const row = buildRow(listener);
        rows.set(listener.name, row);
        tableBody.append(row);
        const errorRow = buildErrorRow(listener);
        errorRows.set(listener.name, errorRow);
        errorBody.append(errorRow);
      }
      updateCard(cards.get(listener.name), listener, status);
      updateRow(rows.get(listener.name), listener);
      updateErrorRow(errorRows.get(listener.name), listener);
      const before = listenerStates.get(listener.name);
      if (before !== undefined && before !== listener.up) {
        changes.push(`${title(listener)} is ${listener.up ? 'up again' : 'down'}.`);
      }
      listenerStates.set(listener.name, listener.up);
    }
    if (changes.length > 0) announce(changes.join(' '));
  }

  function updateChat(chat) {
    const body = document.querySelector('#chat-table tbody');
    if (chat == null) {
      setText(document.getElementById('chat-count'), 'none, the chat listener is disabled');
      body.replaceChildren();
      delete body.dataset.key;
      return;
    }
    setText(document.getElementById('chat-count'), integer.format(chat.members.length));
    const now = Date.now();
    const key = chat.members.map((member) => member.nick + '\u0000' + member.since).join('\u0001');
    if (body.dataset.key !== key) {
      body.dataset.key = key;
      body.replaceChildren(...chat.members.map((member) => el('tr', {},
        el('th', { scope: 'row' }, member.nick),
        el('td', {}, el('code', {}, member.address)),
        el('td', {}, el('time', { datetime: member.since, title: dateTime.format(new Date(member.since)), 'data-field': 'since' })),
        el('td', { class: 'num', 'data-field': 'bytes-in' }),
        el('td', { class: 'num', 'data-field': 'bytes-out' }))));
      if (chat.members.length === 0) {
        body.append(el('tr', {}, el('td', { colspan: '5', class: 'empty' }, 'No one is in the chat.')));
      }
    }
    chat.members.forEach((member, i) => {
      const row = body.rows[i];
      setText(field(row, 'since'), `for ${duration(Math.max(0, (now - Date.parse(member.since)) / 1000))}`);
      setText(field(row, 'bytes-in'), bytes(member.bytesIn));
      setText(field(row, 'bytes-out'), bytes(member.bytesOut));
    });
  }

  function updateInstance(status) {
    setText(document.getElementById('version'), status.version == null ? 'unknown'
      : status.version + (status.commit ? ` (${status.commit})` : ''));
    setText(document.getElementById('uptime'), duration(status.uptimeSeconds));
    setText(document.getElementById('relay'), status.relay === 'redis' ? 'Redis' : 'local');
    setText(document.getElementById('updated'), clock.format(new Date()));
    document.querySelectorAll('.rate-window').forEach((span) => setText(span, String(status.rateWindowSeconds)));
    document.querySelectorAll('.history-window').forEach((span) => setText(span, String(status.percentileWindowSeconds)));
    document.querySelectorAll('.percentile-window').forEach((span) => setText(span, String(status.percentileWindowSeconds)));
  }

  function setOnline(now) {
    setAttribute(document.getElementById('live'), 'data-state', now ? 'live' : 'lost');
    setAttribute(document.getElementById('live'), 'title', now ? 'Live' : 'Not reaching the server');
    if (online !== null && online !== now) {
      announce(now ? 'Connected to the server again.' : 'Lost the connection to the server; retrying every second.');
    }
    online = now;
  }

  function render(status) {
    updateInstance(status);
    updateListeners(status);
    updateChat(status.chat);
  }

  // ---- polling: one request at a time, paused while the page is hidden ----

  async function poll() {
    timer = null;
    if (inFlight) return;
    inFlight = true;
    try {
      const response = await fetch(ENDPOINT, { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      render(await response.json());
      setOnline(true);
    }
    catch (failure) {
      setOnline(false);
    }
    finally {
      inFlight = false;
    }
    schedule();
  }

  function schedule() {
    if (timer === null && !document.hidden) timer = setTimeout(poll, POLL_MILLIS);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    else if (!document.hidden && timer === null && !inFlight) {
      poll();
    }
  });

  poll();
})();
