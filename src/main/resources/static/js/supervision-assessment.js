// Performance assessment: draws the twelve-month trend the page already shows as a table, from the JSON API, with
// ECharts. The table stays the accessible equivalent; the chart is hidden from assistive technology.
(function () {
    'use strict';

    function percent(indicator) {
        return indicator && indicator.value !== null && indicator.value !== undefined
            ? Math.round(indicator.value * 1000) / 10 : null;
    }

    function find(figures, key) {
        return (figures.indicators || []).filter(function (i) { return i.key === key; })[0];
    }

    function draw(section, view, labels) {
        var points = view.trend || [];
        var months = points.map(function (p) { return p.month; });
        var line = function (name, data) {
            return { name: name, type: 'line', data: data, connectNulls: false, symbolSize: 6 };
        };
        var element = section.querySelector('[data-chart="trend"]');
        element.style.width = '100%';
        element.style.height = '18rem';
        var chart = window.echarts.init(element);
        chart.setOption({
            animation: false,
            grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            xAxis: { type: 'category', data: months, axisLabel: { rotate: 30 } },
            yAxis: { type: 'value', min: 0, max: 100 },
            series: [
                line(labels.score, points.map(function (p) { return p.figures.score; })),
                line(labels.online, points.map(function (p) { return percent(find(p.figures, 'online')); })),
                line(labels.onTime, points.map(function (p) { return percent(find(p.figures, 'on-time')); })),
                line(labels.satisfaction, points.map(function (p) { return percent(find(p.figures, 'satisfaction')); }))
            ]
        });
        window.addEventListener('resize', function () { chart.resize(); });
    }

    window.tongbanCharts('assessment-trend', 'trend-status', 'assessment-labels', draw);
}());
