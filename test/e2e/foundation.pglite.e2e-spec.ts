import { defineFoundationSuite } from './foundation.suite.js';

defineFoundationSuite('pglite');
