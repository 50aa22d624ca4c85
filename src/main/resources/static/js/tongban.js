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

// Form fields that apply only under a condition on an earlier field (data-shown-when-*, see cases/fragments.html):
// shown and enabled while the condition holds, hidden and disabled (so neither checked nor sent) otherwise. The
// server applies the same rule (FormField.Condition) when it checks and stores the application.
function tongbanConditionHolds(element, form) {
    var control = form.elements.namedItem(element.getAttribute('data-shown-when-field'));
    var value = control && control.value ? control.value.trim() : '';
    if (!value) {
        return false;
    }
    var values = (element.getAttribute('data-shown-when-values') || '').split('|');
    switch (element.getAttribute('data-shown-when-operator')) {
        case 'EQUALS':
            return values.indexOf(value) >= 0;
        case 'NOT_EQUALS':
            return values.indexOf(value) < 0;
        case 'GREATER_THAN':
            var number = parseFloat(value), threshold = parseFloat(values[0]);
            return !isNaN(number) && !isNaN(threshold) && number > threshold;
        default:
            return true;
    }
}

function tongbanApplyConditions(form) {
    form.querySelectorAll('[data-shown-when-field]').forEach(function (element) {
        var holds = tongbanConditionHolds(element, form);
        element.hidden = !holds;
        element.querySelectorAll('input, select, textarea, fieldset, button').forEach(function (control) {
            control.disabled = !holds;
        });
    });
}

document.addEventListener('change', function (event) {
    if (event.target.form) {
        tongbanApplyConditions(event.target.form);
    }
});
document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form').forEach(tongbanApplyConditions);
});

// A select whose choice changes what else a form shows (data-refresh-on-change names the form's button that asks the
// server to re-render it): presses that button on change. Without scripts, the person presses it.
document.addEventListener('change', function (event) {
    var id = event.target.getAttribute && event.target.getAttribute('data-refresh-on-change');
    var button = id ? document.getElementById(id) : null;
    if (button && event.target.form) {
        event.target.form.requestSubmit(button);
    }
});
