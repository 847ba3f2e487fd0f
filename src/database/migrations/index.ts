import { InitialSchema1795327930379 } from './1795327930379-InitialSchema';
import { TenantUsage1795331000000 } from './1795331000000-TenantUsage';
import { AccessKeys1795332000000 } from './1795332000000-AccessKeys';
import { ResourceIdentityWithStepName1795333000000 } from './1795333000000-ResourceIdentityWithStepName';
import { RoomForUpdates1795334000000 } from './1795334000000-RoomForUpdates';

// Migrations in the order they apply. Listed explicitly (not globbed) so that the compiled app, the CLI and the
// tests all run exactly the same set. `npm run migration:generate` writes a new file here: add it to this list.
export const MIGRATIONS: Function[] = [InitialSchema1795327930379, TenantUsage1795331000000, AccessKeys1795332000000, ResourceIdentityWithStepName1795333000000, RoomForUpdates1795334000000];
