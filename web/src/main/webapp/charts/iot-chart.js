// <iot-chart>: a time-series line chart (Apache ECharts) driven from the server (TimeSeriesChart.java).
// Plain custom element served from the web app, so the dashboard keeps Vaadin's pre-compiled bundle
// (no npm build). ECharts comes from the org.mvnpm:echarts web jar; the import is relative so the
// dashboard works under any context root.
import * as echarts from '../_static/echarts/5.6.0/dist/echarts.esm.min.js';

// Readable on both Lumo light and dark backgrounds (ECharts' own default palette).
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];
const BAND = '\u0000band';

class IotChart extends HTMLElement {
  constructor() {
    super();
    // name -> array of [t, v] or [t, avg, min, max]; insertion order = colour order
    this._series = new Map();
    this._windowMs = 0;
    this._maxPoints = 0;
    this._emptyText = 'No data';
    this._loading = false;
    this._zoomable = false;
    this._utc = true;
    this._resetZoom = true;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{display:block;position:relative;width:100%;height:320px;min-height:160px}'
      + '#chart{position:absolute;inset:0}</style><div id="chart" part="chart"></div>';
    this._container = root.getElementById('chart');
  }

  connectedCallback() {
    if (!this._chart) {
      this._chart = echarts.init(this._container, null, { renderer: 'canvas' });
    }
    this._resize = new ResizeObserver(() => this._chart && this._chart.resize());
    this._resize.observe(this);
    // The theme toggle (MainLayout) sets theme="dark" on the page: re-read Lumo's colours then.
    this._themeWatch = new MutationObserver(() => this._render());
    this._themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
    if (document.body) {
      this._themeWatch.observe(document.body, { attributes: true, attributeFilter: ['theme'] });
    }
    this._resetZoom = true;
    this._render();
  }

  disconnectedCallback() {
    this._resize && this._resize.disconnect();
    this._themeWatch && this._themeWatch.disconnect();
    if (this._chart) {
      this._chart.dispose();
      this._chart = null;
    }
  }

  /** Replaces all data: [{name, points: [[t, v], ...] or [[t, avg, min, max], ...]}], times in epoch ms. */
  setSeries(data) {
    const list = typeof data === 'string' ? JSON.parse(data) : (data || []);
    this._series = new Map();
    for (const s of list) {
      this._series.set(String(s.name), (s.points || []).slice().sort((a, b) => a[0] - b[0]));
    }
    this._trim();
    this._resetZoom = true;
    this._render();
  }

  /** Adds points to (new or existing) series; keeps only the configured window and point count. */
  appendPoints(data) {
    const list = typeof data === 'string' ? JSON.parse(data) : (data || []);
    for (const s of list) {
      const name = String(s.name);
      let points = this._series.get(name);
      if (!points) {
        points = [];
        this._series.set(name, points);
      }
      for (const p of s.points || []) {
        if (points.length === 0 || points[points.length - 1][0] <= p[0]) {
          points.push(p);
        } else {
          points.splice(this._insertionIndex(points, p[0]), 0, p); // a late message
        }
      }
    }
    this._trim();
    this._render();
  }

  /** Keep only points newer than latest - windowMs and at most maxPoints per series (0 = no limit). */
  setWindow(windowMs, maxPoints) {
    this._windowMs = windowMs || 0;
    this._maxPoints = maxPoints || 0;
    this._trim();
    this._render();
  }

  clear() {
    this._series = new Map();
    this._resetZoom = true;
    this._render();
  }

  setEmptyText(text) {
    this._emptyText = text || '';
    this._render();
  }

  setLoading(loading) {
    this._loading = !!loading;
    this._render();
  }

  setZoomable(zoomable) {
    this._zoomable = !!zoomable;
    this._resetZoom = true;
    this._render();
  }

  setUtc(utc) {
    this._utc = !!utc;
    this._render();
  }

  _insertionIndex(points, t) {
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid][0] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  _latest() {
    let latest = -Infinity;
    for (const points of this._series.values()) {
      if (points.length) {
        latest = Math.max(latest, points[points.length - 1][0]);
      }
    }
    return latest;
  }

  _trim() {
    if (!this._windowMs && !this._maxPoints) {
      return;
    }
    const oldest = this._windowMs ? this._latest() - this._windowMs : -Infinity;
    for (const [name, points] of this._series) {
      let drop = 0;
      while (drop < points.length && points[drop][0] < oldest) {
        drop++;
      }
      if (this._maxPoints) {
        drop = Math.max(drop, points.length - this._maxPoints);
      }
      if (drop >= points.length) {
        this._series.delete(name); // nothing left in the window: off the legend too
      } else if (drop > 0) {
        this._series.set(name, points.slice(drop));
      }
    }
  }

  _colors() {
    const style = getComputedStyle(this);
    const v = (name, fallback) => (style.getPropertyValue(name) || '').trim() || fallback;
    return {
      text: v('--lumo-body-text-color', '#1a2839'),
      secondary: v('--lumo-secondary-text-color', '#5e6b7d'),
      grid: v('--lumo-contrast-10pct', 'rgba(26,57,96,0.1)'),
      axis: v('--lumo-contrast-30pct', 'rgba(26,57,96,0.3)'),
      base: v('--lumo-base-color', '#fff'),
      primary: v('--lumo-primary-color', '#1676f3'),
      font: v('--lumo-font-family', 'sans-serif'),
    };
  }

  _render() {
    if (!this._chart) {
      return;
    }
    const c = this._colors();
    const names = [...this._series.keys()];
    const series = [];
    let empty = true;
    names.forEach((name, i) => {
      const points = this._series.get(name);
      const color = PALETTE[i % PALETTE.length];
      empty = empty && points.length === 0;
      const banded = points.length > 0 && points[0].length >= 4;
      if (banded) {
        // min..max drawn as a stacked area: an invisible line at min, the range stacked on it.
        // Same series name as the line, so the legend toggles both together.
        const stack = 'band-' + i;
        const common = { name, type: 'line', stack, stackStrategy: 'all', symbol: 'none', silent: true, color, z: 1,
          lineStyle: { opacity: 0 }, emphasis: { disabled: true }, tooltip: { show: false } };
        series.push({ ...common, id: name + BAND + 'min', data: points.map(p => [p[0], p[2]]) });
        series.push({ ...common, id: name + BAND + 'range', data: points.map(p => [p[0], p[3] - p[2]]),
          areaStyle: { color, opacity: 0.2 } });
      }
      series.push({
        id: name, name, type: 'line', color, z: 2, data: points, showSymbol: points.length < 60, symbolSize: 4,
        sampling: points.length > 2000 ? 'lttb' : undefined, lineStyle: { width: 1.5 },
        encode: { x: 0, y: 1 }, emphasis: { focus: 'none' },
      });
    });

    const showLegend = names.length > 1;
    const latest = this._latest();
    const option = {
      backgroundColor: 'transparent',
      animation: false,
      useUTC: this._utc,
      textStyle: { fontFamily: c.font, color: c.text },
      color: PALETTE,
      title: {
        show: empty && !this._loading, text: this._emptyText, left: 'center', top: 'middle',
        textStyle: { color: c.secondary, fontSize: 14, fontWeight: 'normal', fontFamily: c.font },
      },
      legend: {
        show: showLegend, type: 'scroll', top: 0, data: names, textStyle: { color: c.text },
        pageTextStyle: { color: c.secondary }, pageIconColor: c.primary, pageIconInactiveColor: c.axis,
        inactiveColor: c.axis,
      },
      grid: { left: 8, right: 24, top: showLegend ? 36 : 16, bottom: this._zoomable ? 56 : 8, containLabel: true },
      tooltip: {
        trigger: 'axis', confine: true, backgroundColor: c.base, borderColor: c.axis,
        textStyle: { color: c.text, fontFamily: c.font }, axisPointer: { lineStyle: { color: c.axis } },
        formatter: params => this._tooltip(params),
      },
      xAxis: {
        type: 'time',
        min: this._windowMs && latest > -Infinity ? latest - this._windowMs : null,
        max: this._windowMs && latest > -Infinity ? latest : null,
        axisLine: { lineStyle: { color: c.axis } }, axisTick: { lineStyle: { color: c.axis } },
        axisLabel: { color: c.secondary, hideOverlap: true }, splitLine: { show: false },
      },
      yAxis: {
        type: 'value', scale: true, axisLabel: { color: c.secondary },
        splitLine: { lineStyle: { color: c.grid } },
      },
      series,
    };
    if (this._zoomable) {
      const zoom = this._resetZoom ? { start: 0, end: 100 } : {};
      option.dataZoom = [
        { id: 'zoom-inside', type: 'inside', filterMode: 'none', ...zoom },
        { id: 'zoom-slider', type: 'slider', filterMode: 'none', height: 20, bottom: 8, borderColor: c.grid, textStyle: { color: c.secondary },
          fillerColor: echarts.color.modifyAlpha(c.primary, 0.15), dataBackground: { lineStyle: { color: c.axis }, areaStyle: { color: c.grid } },
          handleStyle: { color: c.base, borderColor: c.axis }, moveHandleStyle: { color: c.axis }, ...zoom },
      ];
    } else {
      option.dataZoom = [];
    }
    this._resetZoom = false;
    // merge keeps the operator's legend choices and zoom; series and zoom components are replaced
    this._chart.setOption(option, { replaceMerge: ['series', 'dataZoom'] });
    if (this._loading) {
      this._chart.showLoading('default', {
        text: 'Loading…', color: c.primary, textColor: c.text, fontFamily: c.font,
        maskColor: echarts.color.modifyAlpha(c.base, 0.7),
      });
    } else {
      this._chart.hideLoading();
    }
  }

  _tooltip(params) {
    const list = (Array.isArray(params) ? params : [params]).filter(p => !String(p.seriesId).includes(BAND));
    if (!list.length) {
      return '';
    }
    const enc = echarts.format.encodeHTML;
    const t = list[0].value[0];
    let html = enc(echarts.time.format(t, '{yyyy}-{MM}-{dd} {HH}:{mm}:{ss}', this._utc)) + (this._utc ? ' UTC' : '');
    for (const p of list) {
      const v = p.value;
      html += '<br/>' + p.marker + enc(p.seriesName) + ': <b>' + enc(this._number(v[1])) + '</b>';
      if (v.length >= 4) {
        html += ' (' + enc(this._number(v[2])) + ' … ' + enc(this._number(v[3])) + ')';
      }
    }
    return html;
  }

  _number(x) {
    if (x === null || x === undefined || Number.isNaN(x)) {
      return '–';
    }
    return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(+x.toFixed(4));
  }
}

if (!customElements.get('iot-chart')) {
  customElements.define('iot-chart', IotChart);
}
