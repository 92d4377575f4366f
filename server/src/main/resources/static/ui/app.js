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
