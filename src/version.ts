/** Replaced at build time with package.json's version; read from package.json under tsx/vitest. */
declare const __BERTH_VERSION__: string | undefined;

export const BERTH_VERSION: string =
  typeof __BERTH_VERSION__ === 'string'
    ? __BERTH_VERSION__
    : (process.env.npm_package_version ?? '0.0.0-dev');
