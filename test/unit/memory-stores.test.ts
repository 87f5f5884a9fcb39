import { MemoryBoundaries } from '../../functions/store/memory-boundaries.ts';
import { MemoryCatalog } from '../../functions/store/memory-catalog.ts';
import { MemoryRegistry } from '../../functions/store/memory-registry.ts';
import { boundaryContract, catalogContract, registryContract } from '../helpers/store-contract.ts';

// The same assertions as DynamoCatalog and S3Boundaries pass on the stand-ins (test/integration/stores.test.ts).
const catalog = new MemoryCatalog();
const boundaries = new MemoryBoundaries();
catalogContract('MemoryCatalog', () => catalog);
boundaryContract('MemoryBoundaries', () => boundaries);
const registry = new MemoryRegistry();
registryContract('MemoryRegistry', () => registry);
