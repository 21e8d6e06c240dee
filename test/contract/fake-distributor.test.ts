import { describe, expect, it } from 'vitest';
import { distributorPlugin, registerDistributor } from '../../distributors/registry.js';
import { DISTRIBUTORS, type DistributorId } from '../../domain/distributors.js';
import { motoDepot } from '../fixtures/fake-distributor/index.js';
import { describeConnectorContract } from './connector-contract.js';
import { subjectFor } from './subjects.js';

/**
 * A sixth distributor, known to no production file, registered by one call: the registry lists it
 * and the whole connector contract runs against it as against the built-in ones.
 */
registerDistributor(motoDepot);
const id = motoDepot.profile.id as DistributorId;

describe('a distributor registered at run time', () => {
  it('joins the list and the registry', () => {
    expect(DISTRIBUTORS).toContain('moto_depot');
    expect(distributorPlugin(id).profile.name).toBe('Moto Depot');
  });
});

for (const distributor of DISTRIBUTORS.filter((d) => d === id)) describeConnectorContract(subjectFor(distributor));
