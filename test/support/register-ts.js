// Lets a child process run the TypeScript sources directly (`node -r ./test/support/register-ts.js src/worker.ts`),
// compiled on the fly by SWC with the same decorator settings as jest, so process tests need no build step.
const Module = require('node:module');
const { transformFileSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = (module, filename) => {
  module._compile(transformFileSync(filename, options).code, filename);
};
