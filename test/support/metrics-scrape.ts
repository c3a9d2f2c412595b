/** Reads one sample of a Prometheus text exposition; 0 when the series is absent. */
export function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const open = line.indexOf('{');
    const close = line.lastIndexOf('}');
    const labelText = open >= 0 ? line.slice(open + 1, close) : '';
    const present = new Map<string, string>();
    for (const match of labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      present.set(match[1] ?? '', match[2] ?? '');
    }
    const matches = Object.entries(labels).every(([key, value]) => present.get(key) === value);
    if (matches) return Number(line.slice((close >= 0 ? close : name.length) + 1).trim());
  }
  return 0;
}

/** Scrapes a gateway's /metrics. */
export async function scrape(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}
