import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreMetrics } from '../conversation/ports.js';
import type { Tier } from '../handoff/types.js';

/**
 * The server's Prometheus metrics (`GET /metrics`): messages by channel and outcome, queue length
 * by tier, deliveries and their failures, latency histograms. One registry per server, so two
 * servers in one test process do not share counts.
 */
export interface Metrics extends CoreMetrics {
  registry: Registry;
  /** HTTP requests by route and status, for the adapters' endpoints. */
  http(route: string, status: number, seconds: number): void;
}

/** The metrics of one server; `queueLength` is read at every scrape. */
export function createMetrics(queueLength: (tier: Tier) => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'helpdesk_process_' });
  const messages = new Counter({
    name: 'helpdesk_messages_total',
    help: 'Employee messages handled, by channel and by what the bot did (answer, clarify, decline, relay, duplicate...)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'helpdesk_decisions_total',
    help: 'Questions by retrieval decision: answer, clarify or decline',
    labelNames: ['decision'],
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: 'helpdesk_turn_seconds',
    help: 'Time to handle one employee message, retrieval and commit included',
    labelNames: ['channel'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'helpdesk_deliveries_total',
    help: 'Delivery attempts through the outbox, by channel and outcome (delivered, failed, gave-up)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const deliveryFailures = new Counter({
    name: 'helpdesk_delivery_failures_total',
    help: 'Failed delivery attempts by channel (retried later unless given up)',
    labelNames: ['channel'],
    registers: [registry],
  });
  const givenUp = new Counter({
    name: 'helpdesk_deliveries_given_up_total',
    help: 'Deliveries given up after the last retry, by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const deliverySeconds = new Histogram({
    name: 'helpdesk_delivery_seconds',
    help: 'Time one delivery attempt took, by channel',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const httpSeconds = new Histogram({
    name: 'helpdesk_http_request_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'helpdesk_queue_length',
    help: 'Tickets waiting for an agent, by tier',
    labelNames: ['tier'],
    registers: [registry],
    collect() {
      for (const tier of [2, 3] as const) this.set({ tier: String(tier) }, queueLength(tier));
    },
  });
  return {
    registry,
    turn(channel, outcome, seconds) {
      messages.inc({ channel, outcome });
      if (outcome === 'answer' || outcome === 'clarify' || outcome === 'decline')
        decisions.inc({ decision: outcome });
      turnSeconds.observe({ channel }, seconds);
    },
    delivery(channel, outcome, seconds) {
      deliveries.inc({ channel, outcome });
      if (outcome !== 'delivered') deliveryFailures.inc({ channel });
      if (outcome === 'gave-up') givenUp.inc({ channel });
      deliverySeconds.observe({ channel }, seconds);
    },
    http(route, status, seconds) {
      httpSeconds.observe({ route, status: String(status) }, seconds);
    },
  };
}
