// The ten stores of the import benchmark, spread over the six demo regions.
export const STORES = Array.from({ length: 10 }, (_, i) => ({ code: `S-${String(i).padStart(2, '0')}`, region: ['SA-01', 'AE-DU', 'EG-C', 'US-CA', 'GB-LND', 'DE-BE'][i % 6]! }));
