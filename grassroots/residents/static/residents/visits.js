/* Door-knocking visits that survive a dead network: each visit gets its id on the phone, waits in
   localStorage until the server has it, and is sent again (same id, so never twice) when the
   browser comes back online. */
(function () {
  "use strict";
  var KEY = "grassroots.pendingVisits";

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (m) { return decodeURIComponent(m[1]); }
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function render() {
    var items = load();
    document.querySelectorAll("#pending-visits").forEach(function (box) {
      box.hidden = items.length === 0;
      box.innerHTML = "";
      if (!items.length) { return; }
      var title = document.createElement("b");
      // Only what will still be sent counts as waiting; refused ones are marked in the list.
      title.textContent = box.dataset.title + " " + items.filter(function (v) { return !v.error; }).length;
      box.appendChild(title);
      var list = document.createElement("ul");
      items.forEach(function (v) {
        var li = document.createElement("li");
        li.className = "pending-visit";
        li.textContent = v.label + " · " + (v.error ? box.dataset.refused + " " + v.error : box.dataset.waiting);
        if (v.error) {
          // Refused as it stands, it would wait forever: the visitor drops it and records it again.
          li.classList.add("refused");
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "link discard";
          drop.textContent = box.dataset.discard;
          drop.addEventListener("click", function () {
            if (!window.confirm(box.dataset.discardAsk)) { return; }
            save(load().filter(function (x) { return x.body.id !== v.body.id; }));
            render();
          });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(drop);
        }
        list.appendChild(li);
      });
      box.appendChild(list);
    });
    document.querySelectorAll(".home[data-household]").forEach(function (tile) {
      var waiting = items.some(function (v) { return String(v.body.household) === tile.dataset.household; });
      tile.classList.toggle("pending", waiting);
    });
  }

  var sending = false;
  function flush() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    // A refused visit waits for its visitor, not for the network.
    var items = load().filter(function (v) { return !v.error; });
    if (!items.length) { return Promise.resolve(); }
    sending = true;
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        return fetch(item.endpoint, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
          body: JSON.stringify(item.body)
        }).then(function (resp) {
          return resp.json().catch(function () { return {}; }).then(function (data) {
            var rest = load();
            if (resp.status === 200 || resp.status === 201) {
              save(rest.filter(function (v) { return v.body.id !== item.body.id; }));
              say(words.saved);
            } else if (resp.status >= 400 && resp.status < 500) {
              // The server will never accept this one as it stands: keep it, visible, with the reason.
              var reason = data.detail || String(resp.status);
              rest.forEach(function (v) { if (v.body.id === item.body.id) { v.error = reason; } });
              save(rest);
              say(reason);
            }
          });
        }).catch(function () { /* still offline: keep it for the next try */ });
      });
    });
    return chain.then(function () { sending = false; render(); }, function () { sending = false; render(); });
  }

  var words = { saving: "", saved: "", offline: "" };

  function say(text) {
    var el = document.getElementById("visit-message");
    if (el) { el.textContent = text; }
  }

  function changesOf(form) {
    var changes = {};
    form.querySelectorAll("#corrections input[name], #corrections select[name]").forEach(function (field) {
      var value = field.type === "checkbox" ? String(field.checked) : field.value.trim();
      if (value !== (field.dataset.original || "")) {
        changes[field.name] = field.type === "checkbox" ? field.checked : value;
      }
    });
    return changes;
  }

  function setUp(form) {
    words = { saving: form.dataset.saving, saved: form.dataset.saved, offline: form.dataset.offline };
    var showing = form.querySelector("[data-show]");
    if (showing) {
      showing.addEventListener("click", function () {
        var box = document.getElementById(showing.dataset.show);
        box.hidden = !box.hidden;
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter;
      var outcome = button ? button.value : "verified";
      var body = {
        id: newId(),
        household: Number(form.dataset.household),
        campaign: form.dataset.campaign ? Number(form.dataset.campaign) : null,
        channel: form.elements.channel.value,
        outcome: outcome,
        changes: outcome === "corrected" ? changesOf(form) : {},
        note: form.elements.note.value.trim()
      };
      var items = load();
      items.push({ endpoint: form.dataset.endpoint, body: body, label: document.title.split(" · ")[0] + " · " + (button ? button.textContent.trim() : outcome) });
      save(items);
      say(navigator.onLine ? words.saving : words.offline);
      render();
      flush().then(function () {
        if (!load().some(function (v) { return v.body.id === body.id; })) { window.location.reload(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("visit-form");
    if (form) { setUp(form); }
    render();
    flush();
  });
  window.addEventListener("online", function () { flush().then(render); });
})();
