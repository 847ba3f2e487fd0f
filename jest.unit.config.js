// Unit tests only (src/**/*.spec.ts): no database, for a fast edit-test loop. `npm test` runs everything.
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['<rootDir>/src/**/*.spec.ts'], globalSetup: undefined, globalTeardown: undefined };
