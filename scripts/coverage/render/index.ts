/** The output formats of `coverage --format`. */
import type { CoverageReport } from '../report';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderTable } from './table';

export type CoverageFormat = 'table' | 'markdown' | 'json' | 'html';

export const FORMATS: Readonly<Record<CoverageFormat, (report: CoverageReport) => string>> = {
  table: renderTable,
  markdown: renderMarkdown,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  html: renderHtml,
};

export const FORMAT_NAMES = Object.keys(FORMATS) as CoverageFormat[];

/** The file extension of a report in each format. */
export const FORMAT_EXTENSIONS: Readonly<Record<CoverageFormat, string>> = { table: 'txt', markdown: 'md', json: 'json', html: 'html' };
