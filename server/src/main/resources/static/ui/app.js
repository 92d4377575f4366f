// Progressive enhancement only: every flow works without this file.
// The revert confirmation loaded by htmx opens in a modal dialog; its Cancel closes the dialog.
document.addEventListener('htmx:afterSwap', function (event) {
  if (event.target.id === 'dialog-body') {
    var dialog = document.getElementById('revert-dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      var first = dialog.querySelector('input, button');
      if (first) { first.focus(); }
    }
  }
});
document.addEventListener('click', function (event) {
  var close = event.target.closest('[data-close-dialog]');
  var dialog = close && close.closest('dialog');
  if (dialog) {
    event.preventDefault();
    dialog.close();
  }
});

// Times in the viewer's own time zone; the exact UTC time stays in the title (shown on hover).
(function () {
  var format = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  document.querySelectorAll('time[datetime]').forEach(function (time) {
    var when = new Date(time.getAttribute('datetime'));
    if (!isNaN(when)) {
      time.textContent = format.format(when);
      if (!time.title) { time.title = time.getAttribute('datetime'); }
    }
  });
})();

// Keys: '/' goes to the search field, 'e' edits the prompt shown (where the page offers it).
document.addEventListener('keydown', function (event) {
  var target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey || target.isContentEditable
      || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)) {
    return;
  }
  if (event.key === '/') {
    var search = document.getElementById('q');
    if (search) { event.preventDefault(); search.focus(); }
  } else if (event.key === 'e') {
    var edit = document.querySelector('a[data-key="e"]');
    if (edit) { event.preventDefault(); edit.click(); }
  }
});

// A config field says at once whether it holds a JSON object (the server checks it again on save).
document.querySelectorAll('textarea[data-json]').forEach(function (field) {
  var status = document.getElementById(field.getAttribute('aria-describedby'));
  function check() {
    var problem = '';
    var text = field.value.trim();
    if (text) {
      try {
        var value = JSON.parse(text);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          problem = 'The config must be a JSON object: { ... }.';
        }
      } catch (error) {
        problem = 'Not valid JSON yet: ' + error.message;
      }
    }
    field.setCustomValidity(problem);
    field.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (status) { status.textContent = problem; }
  }
  field.addEventListener('input', check);
  // the server's own message stays until the field changes
  if (field.value.trim() && field.getAttribute('aria-invalid') !== 'true') { check(); }
});

// Editors grow with their content, up to most of the window; the page scrolls beyond that.
document.querySelectorAll('textarea.grow').forEach(function (area) {
  function fit() {
    area.style.height = 'auto';
    area.style.height = Math.min(area.scrollHeight + 4, Math.max(window.innerHeight * 0.8, 240)) + 'px';
  }
  area.addEventListener('input', fit);
  fit();
});

// Copy buttons (hidden without JavaScript): data-copy-from names the element whose text is copied,
// data-copy-near the closest enclosing element whose first <pre> is.
document.querySelectorAll('button.copy').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var near = button.getAttribute('data-copy-near');
    var source = near ? button.closest(near).querySelector('pre')
      : document.querySelector(button.getAttribute('data-copy-from'));
    if (!source) { return; }
    copyText(source.textContent).then(function () {
      button.setAttribute('data-copied', '');
      button.setAttribute('title', 'Copied');
      setTimeout(function () { button.removeAttribute('data-copied'); }, 2000);
    });
  });
});
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
  }
  return legacyCopy(text);
}
function legacyCopy(text) {
  var area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  var done = document.execCommand('copy');
  document.body.removeChild(area);
  return done ? Promise.resolve() : Promise.reject(new Error('copy refused'));
}

