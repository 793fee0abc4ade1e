/**
 * `cost --accounts <n> --regions <n> --gb-per-day <GB> [options]`: the monthly cost of the deployed
 * design next to the same log volume in CloudWatch Logs, with every unit price it assumes (each
 * overridable with `--price-<name>=<usd>`).
 */
import { COST_OPTIONS, readCostRequest } from '../cost/args';
import { estimateCost } from '../cost/model';
import { renderJson, renderMarkdown, renderText } from '../cost/report';
import { defineCommand, PROGRAM } from '../lib/command';

export const cost = defineCommand({
  name: 'cost',
  summary: 'Monthly cost of the design for a log volume, next to CloudWatch Logs (USD, us-east-1 prices).',
  options: COST_OPTIONS,
  details: `Example: ${PROGRAM} cost --accounts 30 --regions 3 --gb-per-day 2`,
  run({ values, io }) {
    const request = readCostRequest(values, `${PROGRAM} cost`);
    const estimate = estimateCost(request.inputs, request.prices);
    const render = { json: renderJson, markdown: renderMarkdown, text: renderText }[request.format];
    io.stdout.write(render(estimate));
  },
});
