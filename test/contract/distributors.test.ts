import { DISTRIBUTORS } from '../../domain/distributors.js';
import { describeConnectorContract } from './connector-contract.js';
import { subjectFor } from './subjects.js';

/** One contract, every distributor connector in the registry, each against its own sandbox. */
for (const distributor of DISTRIBUTORS) describeConnectorContract(subjectFor(distributor));
