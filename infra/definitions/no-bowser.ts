/**
 * What the Lambda bundles get in place of `bowser` (the esbuild alias of
 * `bundling.ts`): the SDK's browser user-agent provider imports it to parse
 * `window.navigator.userAgent`, which Node never has. In one file esbuild
 * dropped that unused code; split into chunks, every `import()` it meets
 * becomes a chunk of its own, unused or not (38 KB). Should the SDK ever
 * call it in Node, it fails loudly here.
 */
export function parse(): never {
  throw new Error('bowser is left out of the Lambda bundles (infra/definitions/no-bowser.ts): it parses browser user agents');
}
