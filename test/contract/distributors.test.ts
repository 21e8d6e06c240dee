import { describeConnectorContract } from './connector-contract.js';
import { automaticSubject, partsUnlimitedSubject, tuckerRockySubject, wpsSubject } from './subjects.js';

/** One contract, every distributor connector, each against its own sandbox. */
for (const subject of [wpsSubject, partsUnlimitedSubject, tuckerRockySubject, automaticSubject]) describeConnectorContract(subject);
