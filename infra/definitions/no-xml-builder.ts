/**
 * What the Lambda bundles get in place of `xmlbuilder` (the esbuild alias of
 * `bundling.ts`): xml2js requires it at load for its Builder, which writes
 * XML; rss-parser only ever uses xml2js's Parser, so the ≈ 70 KB of the
 * writer never run. Should anything start writing XML through xml2js, it
 * fails loudly here instead of silently producing nothing.
 */
export function create(): never {
  throw new Error('xmlbuilder is left out of the Lambda bundles (infra/definitions/no-xml-builder.ts): nothing may write XML through xml2js');
}

/** The other entry point of xmlbuilder's API, refused the same way. */
export const begin = create;
