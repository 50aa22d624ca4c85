// Shared by the supervision pages that draw charts (dashboard, assessment): once the page is loaded, reads the
// page's labels (JSON in a script element), fetches the section's data-api as JSON and hands it to draw; marks the
// section data-drawn when done. Without ECharts or the data, the page says so in its status line — the tables on
// the page stay the accessible equivalent of the charts.
window.tongbanCharts = function (sectionId, statusId, labelsId, draw) {
    'use strict';

    function start() {
        var section = document.getElementById(sectionId);
        if (!section) {
            return;
        }
        var status = document.getElementById(statusId);
        var labels = {};
        try {
            labels = JSON.parse(document.getElementById(labelsId).textContent);
        } catch (e) {
            labels = {};
        }
        if (typeof window.echarts === 'undefined') {
            status.textContent = labels.failed || '';
            return;
        }
        fetch(section.getAttribute('data-api'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (view) {
                draw(section, view, labels);
                section.setAttribute('data-drawn', 'true');
            })
            .catch(function () {
                status.textContent = labels.failed || '';
            });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
};
