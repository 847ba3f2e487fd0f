import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { STEP_TYPE, StepType } from '../steps/sdk/step-type';
import { STEP_DEFINITIONS } from '../steps/step-catalogue';

/**
 * The worker's step type implementations, found through @StepTypeProvider at start-up. Start-up fails when two
 * claim one name, or when the catalogue the api serves and the implementations disagree.
 */
@Injectable()
export class StepRegistry implements OnModuleInit {
  private readonly byName = new Map<string, StepType>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || !this.reflector.get(STEP_TYPE, wrapper.metatype)) continue;
      const step = wrapper.instance as StepType;
      const name = step.definition.name;
      if (this.byName.has(name)) problems.push(`two step types are named '${name}'`);
      this.byName.set(name, step);
    }
    for (const def of STEP_DEFINITIONS) {
      const impl = this.byName.get(def.name);
      if (!impl) problems.push(`step type '${def.name}' is in the catalogue but has no implementation`);
      else if (impl.definition !== def) problems.push(`step type '${def.name}' does not use the catalogue's definition`);
      else if (def.updatable && !impl.update) problems.push(`step type '${def.name}' is declared updatable but has no update()`);
    }
    for (const name of this.byName.keys()) {
      if (!STEP_DEFINITIONS.some((d) => d.name === name)) problems.push(`step type '${name}' is missing from STEP_DEFINITIONS`);
    }
    if (problems.length) throw new Error(`Step type check failed: ${problems.join('; ')}`);
  }

  get(name: string): StepType | undefined {
    return this.byName.get(name);
  }
}
