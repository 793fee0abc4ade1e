/**
 * The HTML report in a real headless browser (Debian's Chromium, driven by playwright-core, which
 * downloads nothing): the grid and the legend render with their colours, the table is accessible,
 * nothing is fetched from anywhere. Writes the screenshot of the docs: to docs/coverage-example.png
 * when WRITE_COVERAGE_SCREENSHOT=1, else to a temporary folder (no test compares pixels).
 * Skipped, saying why, where /usr/bin/chromium is absent (`.ci/run` installs it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EXAMPLE_MAP_FILE } from '../../../cdk/env/load';
import { projectFile } from '../../../cdk/paths';
import { renderHtml } from '../../../scripts/coverage/render/html';
import type { CoverageReport } from '../../../scripts/coverage/report';
import { CELL_STATES, STATES } from '../../../scripts/coverage/states';
import { cli } from '../../helpers/cli';
import { exampleConfig } from '../../helpers/example';
import { startFakeAws } from '../../helpers/fake-aws';
import { exampleOrganization } from './scenario';
import { tempDir } from '../git-sandbox';

/** The few browser globals the page functions use: this project compiles without the DOM library. */
interface Node {
  readonly textContent: string | null;
  readonly nextElementSibling: Node | null;
  readonly offsetWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  closest(selector: string): Node | null;
  getBoundingClientRect(): { readonly width: number };
}
declare const document: Pick<Node, 'querySelector' | 'querySelectorAll'>;
declare function getComputedStyle(node: Node): { readonly backgroundColor: string; readonly color: string };

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = projectFile('docs/coverage-example.png');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) process.stderr.write(`html.test.ts: SKIPPED: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)\n`);

/** `#1a7f37` → `rgb(26, 127, 55)`, as computed styles write colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/\d+/g) ?? []).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

(haveChromium ? describe : describe.skip)('the HTML report in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  let report: CoverageReport;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = tempDir('coverage-html-');
    const fake = await startFakeAws({ model: exampleOrganization(exampleConfig(), Date.now()) });
    try {
      report = JSON.parse((await cli(['coverage', '--map', EXAMPLE_MAP_FILE, '--format', 'json'], { env: fake.env({ AWS_MAX_ATTEMPTS: '2' }) })).stdout) as CoverageReport;
    } finally {
      await fake.close();
    }
    const file = path.join(dir, 'coverage.html');
    fs.writeFileSync(file, renderHtml(report));
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Offline: anything but the file itself is refused and recorded.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(`file://${file}`);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  test('is self-contained: no script, stylesheet, image or font is loaded from anywhere', async () => {
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('script, link, img, iframe, object').length)).toBe(0);
  });

  test('renders the grid as a real table: a caption, column headers per region, a row header per covered account', async () => {
    const grid = await page.evaluate(() => {
      const table = document.querySelector('table#grid');
      return {
        caption: table?.querySelector('caption')?.textContent,
        columns: Array.from(table?.querySelectorAll('thead th[scope="col"]') ?? []).map((th) => th.textContent),
        rows: Array.from(table?.querySelectorAll('tbody tr') ?? []).map((tr) => tr.querySelector('th[scope="row"]')?.textContent),
      };
    });
    const covered = report.accounts.filter((a) => a.classification === 'covered');
    expect(grid.caption).toBe(`Covered accounts × member regions (${covered.length} accounts, 3 regions)`);
    expect(grid.columns).toEqual(['Account', 'Name', 'OU', 'us-east-1', 'us-west-2', 'eu-west-1']);
    expect(grid.rows).toEqual(covered.map((a) => a.id));
  });

  test('colours every cell by its state, with the state in text for screen readers', async () => {
    const cells = await page.evaluate(() => Array.from(document.querySelectorAll('td.cell')).map((td) => {
      const style = getComputedStyle(td);
      return {
        account: td.closest('tr')?.getAttribute('data-account'), region: td.getAttribute('data-region'), state: td.getAttribute('data-state'),
        background: style.backgroundColor, color: style.color, spoken: td.querySelector('.sr-only')?.textContent,
        width: td.getBoundingClientRect().width,
      };
    }));
    const expected = report.accounts.filter((a) => a.classification === 'covered').flatMap((a) => a.cells.map((c) => ({ account: a.id, region: c.region, state: c.state })));
    expect(cells.map(({ account, region, state }) => ({ account, region, state }))).toEqual(expected);
    for (const cell of cells) {
      const info = STATES[cell.state as keyof typeof STATES];
      expect({ state: cell.state, background: cell.background, color: cell.color, spoken: cell.spoken }).toEqual({ state: cell.state, background: rgb(info.colour), color: rgb(info.text), spoken: info.label });
      expect(cell.width).toBeGreaterThan(0);
    }
    expect(new Set(cells.map((c) => c.state)).size).toBeGreaterThanOrEqual(6);
  });

  test('shows a legend of every state, each swatch in its colour and readable (contrast of at least 4.5:1)', async () => {
    const legend = await page.evaluate(() => Array.from(document.querySelectorAll('#legend li')).map((li) => {
      const swatch = li.querySelector('.swatch') as Node;
      const style = getComputedStyle(swatch);
      return { state: li.getAttribute('data-state'), text: li.textContent, background: style.backgroundColor, color: style.color, visible: swatch.offsetWidth > 0 };
    }));
    expect(legend.map((l) => l.state)).toEqual(CELL_STATES);
    for (const entry of legend) {
      const info = STATES[entry.state as keyof typeof STATES];
      expect(entry.background).toBe(rgb(info.colour));
      expect(entry.text).toContain(info.label);
      expect(entry.visible).toBe(true);
      expect(contrast(entry.background, entry.color)).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('leads with the verdict and the summary, and lists the cells not logging', async () => {
    expect(await page.textContent('#verdict')).toBe(`FAIL: ${report.summary.cellsPassing} of ${report.summary.cellsInScope} account × region cells in scope pass`);
    const summary = await page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('#summary dt')).map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])));
    expect(summary['Cells in scope']).toBe(`${report.summary.cells.logging} logging, ${report.summary.cells['configured-no-delivery']} configured-no-delivery, ` +
      `${report.summary.cells.stale} stale, 3 misconfigured, 2 stack-missing, 6 access-denied`);
    expect(summary['Member regions']).toBe('us-east-1, us-west-2, eu-west-1');
    const problems = await page.evaluate(() => document.querySelectorAll('table.problems tbody tr').length);
    expect(problems).toBe(report.summary.cellsInScope - report.summary.cells.logging);
  });

  test('writes the screenshot of the docs', async () => {
    const file = process.env.WRITE_COVERAGE_SCREENSHOT === '1' ? SCREENSHOT : path.join(dir, 'coverage-example.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
