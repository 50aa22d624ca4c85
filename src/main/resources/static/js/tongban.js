// Small behaviours without inline scripts (the Content-Security-Policy allows only scripts from this site).
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-print]');
    if (button) {
        window.print();
    }
});

// Repeatable rows of a form (materials, steps...): remove one. Without scripts, emptying a row's fields drops it.
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-remove-row]');
    if (button) {
        var row = button.closest('[data-row]');
        var container = row.parentElement;
        row.remove();
        var next = container.closest('fieldset').querySelector('button[id^="add-"]');
        if (next) {
            next.focus();
        }
    }
});
