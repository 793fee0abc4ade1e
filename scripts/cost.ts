/**
 * `npm run cost -- --accounts <n> --regions <n> --gb-per-day <GB> [options]`
 *
 * Prints the monthly cost of the deployed design next to the same log volume in CloudWatch Logs,
 * with every unit price it assumes (each overridable with `--price-<name>=<usd>`).
 */
import { parseCostArgs, USAGE } from '../cdk/cost/args';
import { estimateCost } from '../cdk/cost/model';
import { renderJson, renderMarkdown, renderText } from '../cdk/cost/report';
import { runCommand } from './lib/run-command';

/** The whole command, minus process handling: the text to print for `argv`. */
export function costCommand(argv: readonly string[]): string {
  const command = parseCostArgs(argv);
  if (command.kind === 'help') return `${USAGE}\n`;
  const estimate = estimateCost(command.inputs, command.prices);
  switch (command.format) {
    case 'json': return renderJson(estimate);
    case 'markdown': return renderMarkdown(estimate);
    case 'text': return renderText(estimate);
  }
}

if (require.main === module) {
  void runCommand(() => {
    process.stdout.write(costCommand(process.argv.slice(2)));
  });
}
