/**
 * Shapes of the demo agency websites. A site is a small declarative module
 * (infra/demo/sites/*.ts): who publishes it, where its list or feed lives,
 * which invented stories it carries and how its pages render. The server
 * (infra/demo/server.ts) turns these modules into loopback HTTP servers.
 */
import type { AreaId } from '../../shared/config/areas';
import type { HtmlSelectors, Source } from '../../shared/config/schema';

/**
 * An invented news story, in Vietnamese (NFC). Text may hold placeholders
 * resolved when the story is placed on a site and dated:
 * `{agency}`, `{units}`, `{place}` come from the site's {@link Voice};
 * `{year}`, `{month}`, `{quarter}`, `{prevQuarter}`, `{prevQuarterYear}`,
 * `{prevYear}` from the item's publication date (Vietnam time; quarters in
 * Roman numerals as Vietnamese documents write them).
 */
export interface Story {
  key: string;
  title: string;
  /** One or two sentences: the lead, also the list/feed summary. */
  summary: string;
  /** Body paragraphs after the lead. */
  paragraphs: string[];
  /**
   * The label a careful reader would give under domain.md's rules. It
   * documents the intent of the demo content; it is not a test oracle for
   * the classifier.
   */
  label: { relevant: boolean; areas: AreaId[] };
}

/** How a site speaks of itself inside templated stories. */
export interface Voice {
  /** e.g. "Sở Tư pháp", "UBND huyện Vân Canh" */
  agency: string;
  /** e.g. "các phòng, đơn vị trực thuộc" or "các xã, thị trấn" */
  units: string;
  /** e.g. "trên địa bàn tỉnh" or "trên địa bàn huyện" */
  place: string;
}

/** One entry of a site's list: a story key, optionally pinned to a date. */
export interface ItemSpec {
  story: string;
  /**
   * Pin the item to a wall-clock time N days before today (Vietnam time);
   * used for syndicated copies that must share a calendar day. N ≥ 1.
   */
  when?: { daysAgo: number; time: string };
}

/** A story placed on a site and dated: what the pages render. */
export interface DemoItem {
  /** Position in the list, 0 = newest. */
  index: number;
  key: string;
  /** Stable numeric article id, derived from the site and story key. */
  number: number;
  /** ASCII slug of the resolved title. */
  slug: string;
  title: string;
  summary: string;
  /** Lead + body + closing paragraph. */
  paragraphs: string[];
  label: Story['label'];
  publishedAt: Date;
  /** Pathname of the article page on its site. */
  path: string;
}

/** A rendered response body before transfer encoding. */
export interface Page {
  status?: number;
  contentType: string;
  /** Text to encode, or bytes already encoded. */
  body: string | Uint8Array;
  headers?: Record<string, string>;
  /** For Last-Modified / If-Modified-Since; omitted for error pages. */
  lastModified?: Date;
}

/** What the renderers get. */
export interface SiteContext {
  site: DemoSite;
  /** The actual origin the page is served from, e.g. `http://127.0.0.1:4101`. */
  origin: string;
  now: Date;
  /** The dated items, newest first. */
  items: DemoItem[];
}

/** How a site fails on purpose, to exercise source health. */
export interface BrokenMode {
  /**
   * `maintenance`: every page but robots.txt answers 503 with a Vietnamese
   * maintenance page (the source is *failing*).
   * `redesigned`: the list page answers 200 but its markup changed, so the
   * configured selectors match nothing (the source *needs repair*).
   */
  mode: 'maintenance' | 'redesigned';
  note: string;
}

/** A demo agency website. */
export interface DemoSite {
  /** Also the id of its source in config/demo.json. */
  id: string;
  agencyId: string;
  /** Fixed loopback port, 41NN. */
  port: number;
  /** The site's name in Vietnamese. */
  name: string;
  voice: Voice;
  /** What config/demo.json says about this site (its URL is built from port + path). */
  source: {
    kind: Source['kind'];
    /** Path and query of the source URL. */
    path: string;
    html?: HtmlSelectors;
    encoding?: string | null;
  };
  /** In English: which real-world quirks the site exercises. */
  quirks: string[];
  broken?: BrokenMode;
  robots: string;
  items: ItemSpec[];
  /** The article pathname of an item. */
  articlePath(item: { slug: string; number: number; key: string }): string;
  /** Encodes a text body; UTF-8 when absent. */
  encode?(text: string): Uint8Array;
  renderList(ctx: SiteContext): Page;
  renderArticle(ctx: SiteContext, item: DemoItem): Page;
  /** Further pages by pathname (a discovered feed, a home page). */
  extraPages?: Record<string, (ctx: SiteContext) => Page>;
}
