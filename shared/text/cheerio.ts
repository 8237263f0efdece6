/**
 * cheerio's `load` (parse5 for HTML, htmlparser2 for `{ xml: true }`) without
 * the rest of cheerio's entry point.
 *
 * Why not `import { load } from 'cheerio'`: cheerio 1.x's index also defines
 * `fromURL` and `loadBuffer`, which import undici and encoding-sniffer (with
 * its own iconv-lite) as CommonJS, and esbuild cannot drop an unused
 * CommonJS import. That was ≈ 1 MB of every parsing function's bundle and
 * ≈ 100 ms of its cold start (`npm run bench`, bundles section). We decode
 * bodies ourselves (`shared/extract/decode.ts`) and fetch with our own
 * client, so neither is used. `cheerio/slim` would drop parse5 too, but
 * extraction relies on the HTML5 parsing algorithm.
 *
 * The module imported is the one cheerio's index re-exports (`export * from
 * './load-parse.js'`): the same function, the same classes. cheerio is a
 * direct dependency pinned in package.json, so the path is stable for that
 * version; test/unit/bundles.test.ts fails if undici comes back.
 */
export { load } from '../../node_modules/cheerio/dist/esm/load-parse.js';
