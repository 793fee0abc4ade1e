export * from './deny-central-bucket-confused-deputy';
export * from './deny-central-bucket-foreign-replication';
export * from './deny-central-bucket-outside-org';
export * from './deny-central-bucket-tampering';
export * from './deny-central-key-outside-org';
