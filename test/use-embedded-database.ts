import { TEST_DATABASE_KIND_ENV } from './support/databases';

// The embedded project runs service tests on PGlite, the database `npm start` uses without DATABASE_URL.
process.env[TEST_DATABASE_KIND_ENV] = 'embedded';
