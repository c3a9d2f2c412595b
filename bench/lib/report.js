'use strict';
// Summaries and the printed table. Every figure is a median over the alternating rounds
// with its min-max spread beside it: one run on a shared machine is noise, not a result.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** `{ median, min, max }` of the numbers given (nulls left out), or null when none. */
function spread(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  if (numbers.length === 0) return null;
  numbers.sort((a, b) => a - b);
  const middle = Math.floor(numbers.length / 2);
  const median =
    numbers.length % 2 === 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
  return { median: round(median), min: round(numbers[0]), max: round(numbers[numbers.length - 1]) };
}

function round(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** What the machine was doing, for the record: figures from a busy machine mean less. */
function describeMachine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage: os.loadavg().map((value) => round(value, 2)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Formats rows as a fixed-width text table; `columns` are `[title, (row) => text]`. */
function formatTable(columns, rows) {
  const cells = rows.map((row) => columns.map(([, read]) => String(read(row) ?? '-')));
  const widths = columns.map(([title], index) =>
    Math.max(title.length, ...cells.map((line) => line[index].length)),
  );
  const line = (values) => values.map((value, index) => value.padStart(widths[index])).join('  ');
  const header = line(columns.map(([title]) => title));
  return [header, '-'.repeat(header.length), ...cells.map(line)].join('\n');
}

/** A median with its spread: `2514 (2380-2610)`. */
function withSpread(value, digits = 0) {
  if (!value) return '-';
  const show = (number) => number.toFixed(digits);
  return `${show(value.median)} (${show(value.min)}-${show(value.max)})`;
}

function fixed(value, digits = 2) {
  return value === null || value === undefined ? '-' : value.toFixed(digits);
}

/**
 * Writes the result as JSON: to `outFile` when given, else to bench/results/latest.json for
 * the main comparison and bench/results/latest-NAME.json for a named scenario.
 */
function writeResult(result, scenario, outFile) {
  const name = scenario === 'proxy' ? 'latest.json' : `latest-${scenario}.json`;
  const file = outFile ? path.resolve(outFile) : path.join(__dirname, '..', 'results', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

module.exports = { spread, round, describeMachine, formatTable, withSpread, fixed, writeResult };
