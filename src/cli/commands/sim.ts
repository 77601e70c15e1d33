import type { Command } from 'commander';

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('start the local simulated ARM endpoint (HTTPS on 127.0.0.1) and print how to reach it')
    .option('--port <n>', 'the port (default: a free one)')
    .option('--faults-file <file>', 'JSON fault rules to start with')
    .option('--deployment-latency <ms>', 'how long a deployment runs')
    .option('--throttle-scale <x>', "scale of ARM's request limits, or Infinity for none")
    .option('--state <dir>', 'keep state, certificate and port in DIR, so a restart carries on where it stopped')
    .action(async (options: Record<string, string | undefined>) => {
      const { runSimCommand } = await import('../../../sim/standalone.js');
      const flags = Object.entries({ port: options.port, 'faults-file': options.faultsFile, 'deployment-latency': options.deploymentLatency, 'throttle-scale': options.throttleScale, state: options.state });
      await runSimCommand(flags.flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, value])));
    });
}
