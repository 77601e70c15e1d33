// ts-jest for mutation runs, minus the source maps. A file Stryker instrumented holds every mutant of it, and the
// source map of such a file made source-map's quicksort overflow the stack while mapping a thrown error's stack
// (the dry run failed on src/azure/deployer.ts). Stack traces of a mutation run then point into the instrumented
// code, which nobody reads; the verdict of each test is unchanged.
import tsJest from 'ts-jest';

const withoutMap = (result) => {
  const code = typeof result === 'string' ? result : result.code;
  return { code: code.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n'), map: null };
};

export default {
  createTransformer(options) {
    const inner = tsJest.default.createTransformer(options);
    return {
      canInstrument: false,
      getCacheKey: (...args) => `${inner.getCacheKey(...args)}:no-source-map`,
      getCacheKeyAsync: async (...args) => `${await inner.getCacheKeyAsync(...args)}:no-source-map`,
      process: (...args) => withoutMap(inner.process(...args)),
      processAsync: async (...args) => withoutMap(await inner.processAsync(...args)),
    };
  },
};
