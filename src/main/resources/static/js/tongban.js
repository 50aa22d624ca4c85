// Small behaviours without inline scripts (the Content-Security-Policy allows only scripts from this site).
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-print]');
    if (button) {
        window.print();
    }
});
