export * from './identity';
export * from './keys';
export * from './signer';
export * from './standing';
export * from './verifier';
export * from './internal-signature';
export * from './remote-standing';
export * from './service-verifier';
