// Supervision dashboard: draws the figures the page already shows as tables, from the JSON API, with ECharts.
// The tables stay the accessible equivalent; the charts are hidden from assistive technology.
(function () {
    'use strict';

    function percent(value) {
        return value === null || value === undefined ? null : Math.round(value * 1000) / 10;
    }

    function bar(names, series, unit) {
        return {
            animation: false,
            grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
            tooltip: { trigger: 'axis' },
            legend: series.length > 1 ? { top: 0 } : undefined,
            xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
            yAxis: { type: 'value', axisLabel: { formatter: unit ? '{value}' + unit : '{value}' } },
            series: series.map(function (s) {
                return { name: s.name, type: 'bar', data: s.data, label: { show: names.length <= 8, position: 'top' } };
            })
        };
    }

    function draw(section, view, labels) {
        var t = view.totals;
        var rows = view.rows || [];
        var names = rows.map(function (r) { return r.name; });
        var options = {
            stages: bar([labels.received, labels.accepted, labels.decided, labels.completed, labels.overdue],
                [{ name: '', data: [t.received, t.accepted, t.decided, t.completed, t.overdue] }]),
            onTime: bar(names, [{ name: labels.onTimeRate, data: rows.map(function (r) { return percent(r.figures.onTimeRate); }) }], '%'),
            duration: bar(names, [
                { name: labels.averageDays, data: rows.map(function (r) { return r.figures.averageDays; }) },
                { name: labels.promisedDays, data: rows.map(function (r) { return r.figures.averagePromisedDays; }) }]),
            online: {
                animation: false,
                tooltip: { trigger: 'item' },
                legend: { bottom: 0 },
                series: [{ type: 'pie', radius: ['35%', '65%'], data: [
                    { name: labels.online, value: t.receivedOnline },
                    { name: labels.offline, value: t.received - t.receivedOnline }] }]
            },
            ratings: bar([labels.level5, labels.level4, labels.level3, labels.level2, labels.level1],
                [{ name: '', data: [t.ratings.verySatisfied, t.ratings.satisfied, t.ratings.basicallySatisfied,
                    t.ratings.dissatisfied, t.ratings.veryDissatisfied] }]),
            findings: bar(names, [{ name: labels.openFindings, data: rows.map(function (r) { return r.figures.openFindings; }) }])
        };
        var charts = [];
        section.querySelectorAll('[data-chart]').forEach(function (element) {
            var option = options[element.getAttribute('data-chart')];
            if (!option) {
                return;
            }
            element.style.width = '100%';
            element.style.height = '16rem';
            var chart = window.echarts.init(element, null, { renderer: 'canvas' });
            chart.setOption(option);
            charts.push(chart);
        });
        window.addEventListener('resize', function () {
            charts.forEach(function (chart) { chart.resize(); });
        });
    }

    window.tongbanCharts('dashboard-charts', 'charts-status', 'dashboard-labels', draw);
}());
