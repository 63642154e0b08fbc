/**
 * Which of WSO2 API Manager's five deployment patterns an instance count calls for, and how many gateway,
 * key-manager and traffic-manager nodes it has. Pure rules, in the order they are applied; the reasoning
 * is in docs/analysis.md ("Deployment pattern").
 *
 *   1. --hybrid                                   -> pattern 5 (on-premise plus public cloud)
 *   2. --internal-external                        -> pattern 4 (pattern 2 plus an external gateway cluster)
 *   3. more than 10 gateways                      -> pattern 3 (every component in its own cluster)
 *   4. load varies enough to need autoscaling     -> pattern 2 (gateway and key manager scale apart)
 *   5. more than 2 gateways                       -> pattern 2
 *   6. otherwise (2 nodes carry it, steady load)  -> pattern 1 (two all-in-one nodes, active/active)
 */
import { GatebenchError } from '../../errors.js';

export type DeploymentPatternId = 1 | 2 | 3 | 4 | 5;

export interface DeploymentInput {
  /** Gateway instances the capacity plan needs for the target rate (before the high-availability minimum). */
  gatewayInstances: number;
  /** The quietest sustained rate, when known: with it, how much the load varies decides autoscaling. */
  minRps?: number;
  /** The rate the gateways are sized for (the plan's target). */
  targetRps: number;
  /** Internal and external consumers get separate gateway clusters (--internal-external). */
  internalExternal?: boolean;
  /** Part of the deployment runs on-premise, part in a public cloud (--hybrid). */
  hybrid?: boolean;
}

export interface DeploymentNodes {
  /** Gateway nodes that carry the measured traffic (at least 2 for high availability). */
  gateway: number;
  /** Pattern 4: a second gateway cluster for the other side (internal/external), sized from its own traffic. */
  otherGateway: number;
  keyManager: number;
  trafficManager: number;
  /** Pattern 1 runs every component in each node: these nodes are the gateways, key managers and traffic managers at once. */
  allInOne: boolean;
}

export interface DeploymentRecommendation {
  pattern: DeploymentPatternId;
  name: string;
  /** The rule that picked the pattern, in words, with the numbers that triggered it. */
  rule: string;
  nodes: DeploymentNodes;
  /** Whether the plan assumes dynamic scaling of the gateways. */
  autoscaling: boolean;
  notes: string[];
}

/** Nodes below this cannot survive the loss of one: WSO2's smallest pattern is two nodes, active/active. */
export const HA_MINIMUM = 2;
/** WSO2: one traffic-manager (and analytics) pair serves up to about 10 gateways. */
export const GATEWAYS_PER_TRAFFIC_MANAGER_PAIR = 10;
/** Peak at least this many times the quietest rate: fixed-size nodes idle most of the day, so autoscale. */
export const AUTOSCALE_PEAK_TO_MIN = 2;

export const PATTERN_NAMES: Record<DeploymentPatternId, string> = {
  1: 'Pattern 1: two all-in-one nodes (active/active)',
  2: 'Pattern 2: gateway and key manager separated, gateways scale',
  3: 'Pattern 3: fully distributed (every component in its own cluster)',
  4: 'Pattern 4: pattern 2 plus a separate external gateway cluster',
  5: 'Pattern 5: hybrid (on-premise plus public cloud)',
};

function validate(input: DeploymentInput): void {
  if (!(Number.isInteger(input.gatewayInstances) && input.gatewayInstances >= 1)) {
    throw new GatebenchError('GB_INPUT_INVALID', `gateway instances ${input.gatewayInstances}: a whole number of at least 1`);
  }
  if (!(input.targetRps > 0)) throw new GatebenchError('GB_INPUT_INVALID', `target rate ${input.targetRps} req/s: it must be more than 0`);
  if (input.minRps !== undefined && !(input.minRps > 0 && input.minRps <= input.targetRps)) {
    throw new GatebenchError('GB_INPUT_INVALID', `quietest rate ${input.minRps} req/s: it must be more than 0 and at most the target rate ${input.targetRps} req/s`, { hint: 'give --min-rate below --rate' });
  }
}

/** Traffic-manager pairs for a gateway count: one pair per 10 gateways, never fewer than one pair. */
function trafficManagers(gateways: number): number {
  return HA_MINIMUM * Math.max(1, Math.ceil(gateways / GATEWAYS_PER_TRAFFIC_MANAGER_PAIR));
}

export function recommendDeployment(input: DeploymentInput): DeploymentRecommendation {
  validate(input);
  const needed = input.gatewayInstances;
  const gateways = Math.max(HA_MINIMUM, needed);
  const ha = needed < HA_MINIMUM ? ` (${needed} carries the load; ${HA_MINIMUM} for high availability)` : '';
  const variation = input.minRps === undefined ? undefined : input.targetRps / input.minRps;
  const autoscaling = variation !== undefined && variation >= AUTOSCALE_PEAK_TO_MIN;
  const variationWords =
    variation === undefined
      ? 'no quietest rate given, so the load is taken as steady'
      : `the load varies ${variation.toFixed(1)}× (quietest ${Math.round(input.minRps!)} req/s, target ${Math.round(input.targetRps)} req/s; autoscaling from ${AUTOSCALE_PEAK_TO_MIN}×)`;
  const separated = (pattern: DeploymentPatternId, rule: string, notes: string[] = []): DeploymentRecommendation => ({
    pattern,
    name: PATTERN_NAMES[pattern],
    rule,
    nodes: {
      gateway: gateways,
      otherGateway: pattern === 4 ? HA_MINIMUM : 0,
      keyManager: pattern === 3 ? Math.max(HA_MINIMUM, trafficManagers(gateways)) : HA_MINIMUM,
      trafficManager: trafficManagers(gateways + (pattern === 4 ? HA_MINIMUM : 0)),
      allInOne: false,
    },
    autoscaling,
    notes,
  });

  if (input.hybrid === true) {
    return separated(5, `--hybrid: part of the deployment runs on-premise and part in a public cloud; ${gateways} gateways${ha} sized from this run`, [
      'Each side (on-premise, cloud) needs its own gateways for the traffic it serves; the counts here are for the measured traffic on one side.',
    ]);
  }
  if (input.internalExternal === true) {
    return separated(4, `--internal-external: external consumers get their own gateway cluster; ${gateways} gateways${ha} for the measured traffic`, [
      `The other cluster starts at ${HA_MINIMUM} nodes for high availability; size it from a measurement of its own traffic.`,
    ]);
  }
  if (gateways > GATEWAYS_PER_TRAFFIC_MANAGER_PAIR) {
    return separated(3, `${gateways} gateways is more than the ${GATEWAYS_PER_TRAFFIC_MANAGER_PAIR} one traffic-manager pair serves: every component gets its own cluster`);
  }
  if (autoscaling) {
    return separated(2, `${variationWords}: fixed-size nodes would idle, so the gateways scale apart from the key manager (${gateways} at the target rate${ha})`);
  }
  if (gateways > HA_MINIMUM) {
    return separated(2, `${gateways} gateways is more than the ${HA_MINIMUM} all-in-one nodes of pattern 1 (and no more than ${GATEWAYS_PER_TRAFFIC_MANAGER_PAIR}): gateways separated from the key manager`);
  }
  return {
    pattern: 1,
    name: PATTERN_NAMES[1],
    rule: `${needed} gateway instance${needed === 1 ? '' : 's'} carr${needed === 1 ? 'ies' : 'y'} the target rate${ha}, and ${variationWords}: two all-in-one nodes, no dynamic scaling`,
    nodes: { gateway: HA_MINIMUM, otherGateway: 0, keyManager: HA_MINIMUM, trafficManager: HA_MINIMUM, allInOne: true },
    autoscaling: false,
    notes: ['WSO2 quotes about 1,500 TPS at 10 KiB and 700 TPS at 100 KiB for this pattern on its reference hardware; the count above comes from this run.'],
  };
}

/** `gateway 4, key manager 2, traffic manager 2` (pattern 1: `2 all-in-one nodes`). */
export function describeNodes(nodes: DeploymentNodes): string {
  if (nodes.allInOne) return `${nodes.gateway} all-in-one nodes (each runs the gateway, key manager and traffic manager)`;
  const other = nodes.otherGateway > 0 ? ` + ${nodes.otherGateway} in the other gateway cluster` : '';
  return `gateway ${nodes.gateway}${other}, key manager ${nodes.keyManager}, traffic manager ${nodes.trafficManager}`;
}
