/** A flood of refusals at the HTTP edge is counted whole and logged about once a second. */
import { Counter, Registry } from 'prom-client';
import { edgeRefusals } from '../../src/http/edge-refusals';
import { capturedLogger } from '../helpers/logs';

describe('edge refusals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts every refusal, logs the first at once and the rest of each second in one line', async () => {
    const { logger, lines } = capturedLogger();
    const registry = new Registry();
    const counter = new Counter({ name: 'refused', help: 'h', labelNames: ['reason'], registers: [registry] });
    const refused = edgeRefusals(logger, counter, () => Date.now());

    for (let i = 0; i < 500; i++) refused('connections_per_address', `10.0.0.${i % 3}`);
    refused('body_too_large', '10.0.0.9');
    expect(lines.map((line) => [line.reason, line.refused])).toEqual([
      ['connections_per_address', 1],
      ['body_too_large', 1],
    ]);
    jest.advanceTimersByTime(1000);
    expect(lines.map((line) => [line.reason, line.refused])).toEqual([
      ['connections_per_address', 1],
      ['body_too_large', 1],
      ['connections_per_address', 499],
    ]);
    expect(lines[2]).toMatchObject({ level: 40, lastAddress: '10.0.0.1' });
    const text = await registry.metrics();
    expect(text).toMatch(/^refused\{reason="connections_per_address"\} 500$/m);
    expect(text).toMatch(/^refused\{reason="body_too_large"\} 1$/m);
    // Quiet for a while: the next one is told at once again.
    jest.advanceTimersByTime(5000);
    refused('body_too_large', '10.0.0.9');
    jest.advanceTimersByTime(0);
    expect(lines).toHaveLength(4);
  });
});
