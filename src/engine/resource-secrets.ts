import { SecretBox } from '../common/crypto/secret-box';
import type { ResourceEntity } from '../database/entities';
import type { RecordedResource } from '../steps/sdk/step-type';

/** A recorded resource as a step's deprovision/update receives it: its stored `credential` map decrypted. */
export function openResource(resource: ResourceEntity, secrets: SecretBox): RecordedResource {
  const deprovision = resource.deprovision ? { ...resource.deprovision } : null;
  const credential = deprovision?.credential as Record<string, string> | undefined;
  if (deprovision && credential) {
    deprovision.credential = Object.fromEntries(Object.entries(credential).map(([k, v]) => [k, SecretBox.isCiphertext(v) ? secrets.decrypt(v) : v]));
  }
  return {
    workflowStepName: resource.workflowStepName,
    workflowStepId: resource.workflowStepId,
    resourceType: resource.resourceType,
    resourceId: resource.resourceId,
    deprovision,
  };
}
