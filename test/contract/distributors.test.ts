import { describeConnectorContract } from './connector-contract.js';
import { partsUnlimitedSubject, wpsSubject } from './subjects.js';

/** One contract, every distributor connector, each against its own sandbox. */
for (const subject of [wpsSubject, partsUnlimitedSubject]) describeConnectorContract(subject);
