import type { Config } from '../config.js';
import { isOpen, nextOpening, type BusinessHours } from './business-hours.js';
import type { Priority } from './types.js';

/**
 * When an unclaimed ticket breaches its SLA. High priority is worked around the clock (on-call),
 * so its clock starts at once; normal and low tickets raised out of hours start counting when the
 * team opens, so a Friday-evening question is not "late" on Saturday morning.
 */
export function slaDueAt(
  priority: Priority,
  queuedAt: Date,
  hours: BusinessHours,
  slaMinutes: Config['handoff']['slaMinutes'],
): Date {
  const start = priority === 'high' || isOpen(hours, queuedAt) ? queuedAt : nextOpening(hours, queuedAt);
  return new Date(start.getTime() + slaMinutes[priority] * 60_000);
}
