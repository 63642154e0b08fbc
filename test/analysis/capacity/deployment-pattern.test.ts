import { describe, expect, it } from 'vitest';
import { describeNodes, recommendDeployment } from '../../../src/analysis/capacity/deployment-pattern.js';
import { GatebenchError } from '../../../src/errors.js';

/** Each of WSO2's five patterns, picked by the rules on hand-made inputs, with the node counts it implies. */
describe('recommendDeployment', () => {
  it('pattern 1: one instance carries a steady load, two all-in-one nodes for high availability', () => {
    const plan = recommendDeployment({ gatewayInstances: 1, targetRps: 800 });
    expect(plan.pattern).toBe(1);
    expect(plan.nodes).toEqual({ gateway: 2, otherGateway: 0, keyManager: 2, trafficManager: 2, allInOne: true });
    expect(plan.autoscaling).toBe(false);
    expect(plan.rule).toContain('2 for high availability');
    expect(describeNodes(plan.nodes)).toBe('2 all-in-one nodes (each runs the gateway, key manager and traffic manager)');
  });

  it('pattern 1 also for exactly two instances when the load varies less than 2x', () => {
    expect(recommendDeployment({ gatewayInstances: 2, targetRps: 1000, minRps: 600 }).pattern).toBe(1);
  });

  it('pattern 2: more than two gateways', () => {
    const plan = recommendDeployment({ gatewayInstances: 7, targetRps: 7000 });
    expect(plan.pattern).toBe(2);
    expect(plan.nodes).toEqual({ gateway: 7, otherGateway: 0, keyManager: 2, trafficManager: 2, allInOne: false });
    expect(describeNodes(plan.nodes)).toBe('gateway 7, key manager 2, traffic manager 2');
  });

  it('pattern 2: one instance would do, but the load varies 4x, so the gateways autoscale', () => {
    const plan = recommendDeployment({ gatewayInstances: 1, targetRps: 2000, minRps: 500 });
    expect(plan.pattern).toBe(2);
    expect(plan.autoscaling).toBe(true);
    expect(plan.nodes.gateway).toBe(2);
    expect(plan.rule).toContain('varies 4.0×');
  });

  it('pattern 3: more than ten gateways, one traffic-manager pair per ten', () => {
    const plan = recommendDeployment({ gatewayInstances: 23, targetRps: 50_000 });
    expect(plan.pattern).toBe(3);
    expect(plan.nodes).toEqual({ gateway: 23, otherGateway: 0, keyManager: 6, trafficManager: 6, allInOne: false });
  });

  it('ten gateways are still pattern 2, eleven are pattern 3', () => {
    expect(recommendDeployment({ gatewayInstances: 10, targetRps: 10_000 }).pattern).toBe(2);
    expect(recommendDeployment({ gatewayInstances: 11, targetRps: 10_000 }).pattern).toBe(3);
  });

  it('pattern 4: --internal-external adds a second gateway cluster, even for a small count', () => {
    const plan = recommendDeployment({ gatewayInstances: 1, targetRps: 500, internalExternal: true });
    expect(plan.pattern).toBe(4);
    expect(plan.nodes).toEqual({ gateway: 2, otherGateway: 2, keyManager: 2, trafficManager: 2, allInOne: false });
    expect(describeNodes(plan.nodes)).toBe('gateway 2 + 2 in the other gateway cluster, key manager 2, traffic manager 2');
  });

  it('pattern 5: --hybrid wins over every other rule', () => {
    const plan = recommendDeployment({ gatewayInstances: 30, targetRps: 30_000, internalExternal: true, hybrid: true });
    expect(plan.pattern).toBe(5);
    expect(plan.nodes.gateway).toBe(30);
    expect(plan.nodes.trafficManager).toBe(6);
  });

  it('rejects impossible inputs with a named field', () => {
    expect(() => recommendDeployment({ gatewayInstances: 0, targetRps: 100 })).toThrow(GatebenchError);
    expect(() => recommendDeployment({ gatewayInstances: 1.5, targetRps: 100 })).toThrow(/whole number/);
    expect(() => recommendDeployment({ gatewayInstances: 2, targetRps: 100, minRps: 200 })).toThrow(/quietest rate 200/);
  });
});
