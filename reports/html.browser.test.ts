// comparison.html in a real headless Chromium (playwright-core driving the system's
// browser, one launch): the page loads nothing from the network, the filters hide what
// they should, and a click on a cell shows that cell's own trace, the one `arena
// explain` prints. No browser is a failure, never a skip: CI installs Debian's chromium.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioById } from '../scenarios/index.ts';
import { renderReport } from './generate.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };

/** CHROMIUM_PATH, else the first of the usual names on PATH. */
function findChromium(): string {
  const named = process.env['CHROMIUM_PATH'];
  if (named) return named;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error('no Chromium to run the browser test: apt-get install -y chromium (what .ci/run does), or set CHROMIUM_PATH');
}

describe('comparison.html in a browser', () => {
  const ids = ['bar-map-dma', 'hot-unplug-reassign', 'fail-nth-map-dma', 'map-zero-size'];
  const report = renderReport({ seed: 1, provenance: fixed, mistakes: false, fuzz: false, scenarios: ids.map((id) => loadScenarioById(id)) });
  const html = report.files.find(([n]) => n === 'comparison.html')?.[1] ?? '';
  const json = report.comparison.json;
  const traceOf = (scenario: string, design: string): string =>
    (json.scenarios.find((s) => s.id === scenario)?.cells.find((c) => c.design === design)?.trace ?? []).join('\n');
  let browser: Browser | undefined;
  let opened: Page | undefined;
  // A browser that cannot start fails every test below with the reason (no skip).
  let startError: unknown;
  const requests: string[] = [];

  beforeAll(async () => {
    try {
      const dir = mkdtempSync(join(tmpdir(), 'arena-html-'));
      const file = join(dir, 'comparison.html');
      writeFileSync(file, html);
      browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
      opened = await browser.newPage();
      opened.on('request', (r) => requests.push(r.url()));
      await opened.goto(pathToFileURL(file).href);
    } catch (e) {
      startError = e;
    }
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  function page(): Page {
    if (startError !== undefined || !opened) throw new Error(`no browser could be started: ${String(startError)}`);
    return opened;
  }
  const visible = (sel: string): Promise<boolean> => page().locator(sel).first().isVisible();
  const cellSel = (s: string, d: string): string => `#matrix td.cell[data-scenario="${s}"][data-design="${d}"]`;

  it('loads nothing but the file itself', () => {
    page();
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('filters the matrix by category and by design', async () => {
    expect(await visible('#matrix tr[data-scenario="bar-map-dma"]')).toBe(true);
    await page().selectOption('#filter-category', 'lifecycle');
    expect(await visible('#matrix tr[data-scenario="bar-map-dma"]')).toBe(false);
    expect(await visible('#matrix tr[data-scenario="hot-unplug-reassign"]')).toBe(true);
    await page().uncheck('input[data-filter-design="status-quo"]');
    expect(await visible(cellSel('hot-unplug-reassign', 'status-quo'))).toBe(false);
    expect(await visible('#matrix th[data-design="status-quo"]')).toBe(false);
    expect(await visible(cellSel('hot-unplug-reassign', 'driver-op'))).toBe(true);
  });

  it('opens the clicked cell\'s own trace, and another cell\'s on the next click', async () => {
    expect(await visible('#trace')).toBe(false);
    await page().click(cellSel('hot-unplug-reassign', 'driver-op'));
    const shown = await page().textContent('#trace-text');
    expect(shown).toBe(traceOf('hot-unplug-reassign', 'driver-op'));
    expect(shown).toContain('hot-unplug-reassign on driver-op (seed 1)');
    for (const part of ['steps:', 'step 4 map-dma', 'vmas after the last step:', 'IOMMU mappings:', 'cost: ']) expect(shown).toContain(part);
    expect(await page().textContent('#trace-title')).toContain('npx arena explain hot-unplug-reassign --design driver-op');
    await page().selectOption('#filter-category', 'fault-injection');
    await page().click(cellSel('fail-nth-map-dma', 'private-data'));
    expect(await page().textContent('#trace-text')).toBe(traceOf('fail-nth-map-dma', 'private-data'));
    expect(await page().getAttribute('#trace', 'data-design')).toBe('private-data');
  });

  it('opens a cell a finding cites from the finding\'s link', async () => {
    const link = page().locator('ol a[data-open]').first();
    const scenario = await link.getAttribute('data-scenario');
    const design = await link.getAttribute('data-design');
    await link.click();
    expect(await page().textContent('#trace-text')).toBe(traceOf(scenario ?? '', design ?? ''));
  });
});
