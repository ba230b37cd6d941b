// 商量: small, optional helpers. Every page works without them.
(function () {
  'use strict';
  // A form is sent once: the button is disabled on the first tap (the server also ignores a resend).
  // A form that asks for confirmation (data-confirm="…") asks first; "cancel" leaves it as it was.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.dataset.sent === 'yes') { e.preventDefault(); return; }
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { e.preventDefault(); return; }
    form.dataset.sent = 'yes';
    form.querySelectorAll('button[type=submit], button:not([type])').forEach(function (b) {
      setTimeout(function () { b.disabled = true; }, 0);
      if (b.dataset.busy) { b.textContent = b.dataset.busy; }
    });
  }, true);
  // The unread badge follows new messages live (Server-Sent Events through this site).
  function live() {
    if (document.body.dataset.live !== 'on' || !window.EventSource) { return; }
    var badge = document.getElementById('unread-badge');
    var toast = document.getElementById('toast');
    var source = new EventSource('/inbox/stream');
    source.addEventListener('notification', function (e) {
      var n = {};
      try { n = JSON.parse(e.data); } catch (ignored) { }
      if (badge && !n.read) {
        badge.textContent = String((parseInt(badge.textContent, 10) || 0) + 1);
        badge.classList.remove('empty');
      }
      if (toast && n.title) {
        toast.textContent = n.title;
        toast.hidden = false;
        setTimeout(function () { toast.hidden = true; }, 6000);
      }
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
  // A print button (hidden without JavaScript, where the browser's own print does the same).
  function printButtons() {
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
  }
  function ready() { live(); printButtons(); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', ready); } else { ready(); }
})();
