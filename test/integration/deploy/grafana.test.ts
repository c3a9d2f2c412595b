import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../../../src/observability/metrics';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Target {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  panels?: Panel[];
  gridPos: { h: number; w: number; x: number; y: number };
}

interface Variable {
  name: string;
  type: string;
  query: string | { query: string };
  datasource?: { type: string; uid: string };
}

interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

interface AlertRules {
  groups: { name: string; rules: { alert: string; expr: string }[] }[];
}

/** Words of PromQL that are neither metric names nor functions. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads. Strings, label matchers, ranges, grouping
 * label lists and Grafana variables are removed first; what is left and is neither a
 * keyword nor followed by `(` (a function) is a metric name.
 */
function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = match[0];
    const rest = stripped.slice(match.index + word.length).trimStart();
    if (rest.startsWith('(') || KEYWORDS.has(word.toLowerCase())) continue;
    names.add(word);
  }
  return [...names];
}

/** Every series name the gateway exposes: histograms as their _bucket, _sum and _count. */
function exposedNames(): Set<string> {
  const { registry } = createMetrics();
  const names = new Set<string>();
  for (const metric of registry.getMetricsAsArray()) {
    // NOTE: prom-client's types call `type` an enum; at run time it is the exposition word.
    if (String(metric.type) === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    } else {
      names.add(metric.name);
    }
  }
  return names;
}

/** Panels at any depth: rows may hold their panels inside them. */
function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

function variableQuery(variable: Variable): string {
  return typeof variable.query === 'string' ? variable.query : variable.query.query;
}

/** Metric names a dashboard reads, in panel targets and in `label_values(metric, …)`. */
function dashboardMetricNames(dashboard: Dashboard): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const note = (name: string, where: string): void => {
    used.set(name, [...(used.get(name) ?? []), where]);
  };
  for (const panel of allPanels(dashboard.panels)) {
    for (const target of panel.targets ?? []) {
      for (const name of metricNamesIn(target.expr)) note(name, `${panel.title} ${target.refId}`);
    }
  }
  for (const variable of dashboard.templating.list.filter((item) => item.type === 'query')) {
    const match = /label_values\(\s*([a-zA-Z_:][\w:]*)/.exec(variableQuery(variable));
    if (match) note(match[1]!, `variable ${variable.name}`);
  }
  return used;
}

const dashboard = JSON.parse(
  readFileSync(path.join(ROOT, 'deploy/grafana/dashboards/oneview-gateway.json'), 'utf8'),
) as Dashboard;
const alerts = parse(
  readFileSync(path.join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8'),
) as AlertRules;

describe('reading metric names out of PromQL', () => {
  it.each([
    [
      'sum by (appliance) (rate(ovgw_upstream_requests_total{status=~"5.."}[5m]))',
      ['ovgw_upstream_requests_total'],
    ],
    [
      'histogram_quantile(0.99, sum by (le, face) (rate(ovgw_http_request_duration_seconds_bucket[$__rate_interval])))',
      ['ovgw_http_request_duration_seconds_bucket'],
    ],
    [
      'max by (appliance) (ovgw_appliance_up) == 0 and on (appliance) ovgw_circuit_state > 1e3',
      ['ovgw_appliance_up', 'ovgw_circuit_state'],
    ],
    ['up{job="oneview-gateway"} == 0', ['up']],
    ['sum(rate(ovgw_typo_total[5m] offset 1h))', ['ovgw_typo_total']],
  ])('finds the metrics of %s', (expr, names) => {
    expect(metricNamesIn(expr).sort()).toEqual([...names].sort());
  });
});

describe('the Grafana dashboard', () => {
  it('names only metrics the gateway registers', () => {
    const exposed = exposedNames();
    const unknown = [...dashboardMetricNames(dashboard).entries()].filter(
      ([name]) => !exposed.has(name),
    );

    expect(unknown).toEqual([]);
  });

  it('shows every gateway metric of the registry', () => {
    const exposed = exposedNames();
    const used = new Set(
      [...dashboardMetricNames(dashboard).keys()].map((name) =>
        name.replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    const gatewayMetrics = [...exposed]
      .filter((name) => name.startsWith('ovgw_'))
      .map((name) => name.replace(/_(bucket|sum|count)$/, ''));

    expect(gatewayMetrics.filter((name) => !used.has(name))).toEqual([]);
  });

  it('reads every panel from the data source variable', () => {
    const variable = dashboard.templating.list.find((item) => item.name === 'DS_PROMETHEUS');
    const sources = allPanels(dashboard.panels)
      .filter((panel) => panel.type !== 'row')
      .flatMap((panel) => [panel.datasource, ...(panel.targets ?? []).map((t) => t.datasource)]);

    expect(variable).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
    }
  });

  it('gives every panel a unique id and a place on the grid', () => {
    const panels = allPanels(dashboard.panels);
    const ids = panels.map((panel) => panel.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const { gridPos } of panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      expect(gridPos.h).toBeGreaterThan(0);
    }
  });

  it('gives every query panel at least one expression', () => {
    const empty = allPanels(dashboard.panels).filter(
      (panel) => panel.type !== 'row' && !(panel.targets ?? []).some((target) => target.expr),
    );

    expect(empty.map((panel) => panel.title)).toEqual([]);
  });
});

describe('the Prometheus alert rules', () => {
  it('name only metrics the gateway registers, or Prometheus own up series', () => {
    // `up` is written by Prometheus itself for every scrape target.
    const exposed = new Set([...exposedNames(), 'up']);
    const unknown = alerts.groups
      .flatMap((group) => group.rules)
      .flatMap((rule) => metricNamesIn(rule.expr).map((name) => `${rule.alert}: ${name}`))
      .filter((entry) => !exposed.has(entry.split(': ')[1]!));

    expect(unknown).toEqual([]);
  });

  it('give every alert a unique name', () => {
    const names = alerts.groups.flatMap((group) => group.rules.map((rule) => rule.alert));

    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });
});
